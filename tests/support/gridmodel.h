#pragma once

#include <QString>

namespace Concord {
class VersionedTableModel;
}

/// A model set up the way the grid sets it up, for suites that drive a model without a view.
namespace GridModel {

/// Shows @p table in @p model sorted by its first column, the key, and selects it: the first
/// page of rows, as the grid loads them. False when the select failed.
bool select(Concord::VersionedTableModel &model, const QString &table = QStringLiteral("items"));

} // namespace GridModel
