#pragma once

#include "result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QVariant>

namespace Concord {

class SqlDialect;

/// The concord_log table: one entry per saved insert, update or delete, with the
/// changed fields' old and new values. Conflicting rows are never logged.
class ChangeLog
{
    Q_DECLARE_TR_FUNCTIONS(ChangeLog)

public:
    struct Entry
    {
        qint64 id = 0;
        QDateTime at;
        QString user;
        QString table;
        QString pk;
        QString action;        ///< insert, update, delete, or an action's name
        QVariant version;      ///< the version after the change (null after a delete)
        QJsonObject changes;   ///< {"column": {"old": …, "new": …}}
        /// The same as compact JSON text, which write() takes instead of @p changes when
        /// set: a batch's writer encodes thousands of entries without building objects.
        QByteArray encodedChanges;
    };

    static QString tableName() { return QStringLiteral("concord_log"); }

    /// Creates concord_log if it does not exist. Run it outside a transaction
    /// (MariaDB commits implicitly on DDL).
    static Result<void> ensureTable(QSqlDatabase db, const SqlDialect &dialect);

    /// Appends entries with as few statements as the bind-parameter limit allows.
    static Result<void> write(QSqlDatabase db, const SqlDialect &dialect, const QList<Entry> &entries);

    /// The newest entries first; @p table and @p pk narrow it when given.
    static Result<QList<Entry>> read(QSqlDatabase db, const SqlDialect &dialect,
                                     const QString &table = QString(),
                                     const QVariant &pk = QVariant(), int limit = 100);

    /// {"column": {"old": …, "new": …}} for the columns that changed.
    static QJsonObject diff(const QVariantMap &before, const QVariantMap &after);
    /// diff() as compact JSON text, byte for byte what QJsonDocument would write for it.
    static QByteArray encodeDiff(const QVariantMap &before, const QVariantMap &after);
    /// An update's diff: each column of @p changes against its value in @p base (a base
    /// may hold more columns; only the changed ones count). No intermediate map.
    static QByteArray encodeUpdate(const QVariantMap &base, const QVariantMap &changes);

    static QString currentUser();
};

} // namespace Concord
