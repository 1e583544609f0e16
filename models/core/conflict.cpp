#include "conflict.h"

#include "jsonvalue.h"

namespace Concord {

QString Conflict::kindName() const
{
    return kind == Kind::Deleted ? QStringLiteral("deleted") : QStringLiteral("modified");
}

QStringList Conflict::changedByThem() const
{
    QStringList columns;
    if (kind == Kind::Deleted)
        return columns;
    for (auto it = base.cbegin(); it != base.cend(); ++it) {
        if (it.key() == versionColumn)
            continue;
        if (theirs.contains(it.key()) && !JsonValue::sameValue(it.value(), theirs.value(it.key())))
            columns.append(it.key());
    }
    return columns;
}

QStringList Conflict::changedByMe() const
{
    QStringList columns;
    for (auto it = mine.cbegin(); it != mine.cend(); ++it) {
        if (it.key() == versionColumn)
            continue;
        if (!base.contains(it.key()) || !JsonValue::sameValue(it.value(), base.value(it.key())))
            columns.append(it.key());
    }
    return columns;
}

QStringList Conflict::changedByBoth() const
{
    QStringList columns;
    const QStringList theirChanges = changedByThem();
    for (const QString &column : changedByMe()) {
        if (theirChanges.contains(column) && !JsonValue::sameValue(mine.value(column), theirs.value(column)))
            columns.append(column);
    }
    return columns;
}

} // namespace Concord
