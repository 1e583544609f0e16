#pragma once

class QAbstractItemModel;

/// Reads of a model the way a person reads the grid: by what the header says.
namespace ModelProbe {

/// The column whose horizontal header reads @p header (case-insensitive), or -1.
int column(const QAbstractItemModel *model, const char *header);

} // namespace ModelProbe
