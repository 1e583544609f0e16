#include "rowedits.h"

using Concord::RowEdit;

namespace RowEdits {

RowEdit update(qint64 pk, const QVariant &version, const QString &column, const QVariant &value, const QString &table)
{
    return update(pk, version, QVariantMap{{column, value}}, table);
}

RowEdit update(qint64 pk, const QVariant &version, const QVariantMap &changes, const QString &table)
{
    RowEdit edit;
    edit.table = table;
    edit.pk = pk;
    edit.version = version;
    edit.changes = changes;
    return edit;
}

RowEdit remove(qint64 pk, const QVariant &version, const QString &table)
{
    RowEdit edit;
    edit.op = RowEdit::Op::Delete;
    edit.table = table;
    edit.pk = pk;
    edit.version = version;
    return edit;
}

RowEdit insert(const QVariantMap &values, const QString &table)
{
    RowEdit edit;
    edit.op = RowEdit::Op::Insert;
    edit.table = table;
    edit.changes = values;
    return edit;
}

} // namespace RowEdits
