#pragma once

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <QVariantMap>

namespace Concord {

/// A save that found another version than the one it was made against.
struct Conflict
{
    enum class Kind {
        Modified, ///< someone else saved the row; theirs holds the current row
        Deleted,  ///< the row is gone
    };

    QString table;
    QVariant pk;
    Kind kind = Kind::Modified;
    QString versionColumn;     ///< the table's version column (empty: unversioned); never a "changed field"
    QVariant expectedVersion;  ///< the version the edit was made against
    QVariant currentVersion;   ///< the version found in the database (null when deleted)
    QVariantMap base;          ///< the values when loaded (may be only the edited columns)
    QVariantMap mine;          ///< the edited values
    QVariantMap theirs;        ///< the current row; empty when deleted

    QString kindName() const;
    /// Columns whose current value differs from the loaded one.
    QStringList changedByThem() const;
    /// Columns I edited to a value other than the loaded one.
    QStringList changedByMe() const;
    /// Columns both sides changed to different values: these need a choice.
    QStringList changedByBoth() const;
};

} // namespace Concord

Q_DECLARE_METATYPE(Concord::Conflict)
