#include "gridmodel.h"

#include "versionedtablemodel.h"

namespace GridModel {

bool select(Concord::VersionedTableModel &model, const QString &table)
{
    model.setTable(table);
    model.setSort(0, Qt::AscendingOrder);
    return model.select();
}

} // namespace GridModel
