#include "sqlitedialect.h"

#include <QSqlQuery>

namespace Concord {

QString SqliteDialect::nullSafeEquals(const QString &lhs, const QString &rhs) const
{
    return lhs + QLatin1String(" IS ") + rhs;
}

Result<void> SqliteDialect::begin(QSqlDatabase &db, int lockTimeoutMs) const
{
    if (lockTimeoutMs >= 0) {
        QSqlQuery pragma(db);
        for (const QString &sql : lockTimeoutSql(lockTimeoutMs)) {
            if (!pragma.exec(sql))
                return DbError::fromQuery(pragma, QStringLiteral("Could not set the lock timeout"));
        }
    }
    // A deferred transaction that reads first and writes later can fail to upgrade
    // its lock when another writer got in between; IMMEDIATE takes the write lock now,
    // so a check and the write that follows it see the same rows.
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return DbError::fromQuery(query, QStringLiteral("Could not begin a transaction"));
    return {};
}

SqlDialect::LockFailure SqliteDialect::lockFailure(const DbError &error) const
{
    // SQLITE_BUSY and SQLITE_LOCKED, with or without an extended code in the upper bits.
    bool ok = false;
    const int code = error.nativeCode.toInt(&ok) & 0xff;
    return ok && (code == 5 || code == 6) ? LockFailure::LockTimeout : LockFailure::None;
}

QStringList SqliteDialect::lockTimeoutSql(int ms) const
{
    // The whole database is the lock: this bounds how long BEGIN IMMEDIATE waits for it.
    return {QStringLiteral("PRAGMA busy_timeout = %1").arg(std::max(ms, 0))};
}

QStringList SqliteDialect::createTriggerSql(const QString &table, const QString &pkColumn,
                                            const QString &versionColumn) const
{
    const QString t = quoteTable(table);
    const QString v = quoteField(versionColumn);
    const QString pk = quoteField(pkColumn);
    // AFTER trigger with a guard: it bumps only when the UPDATE left the version alone,
    // so its own UPDATE never fires it again, even with recursive_triggers on.
    return { QStringLiteral("CREATE TRIGGER IF NOT EXISTS %1 AFTER UPDATE ON %2 FOR EACH ROW "
                            "WHEN NEW.%3 IS OLD.%3 BEGIN "
                            "UPDATE %2 SET %3 = COALESCE(OLD.%3, 0) + 1 WHERE %4 = NEW.%4; END")
                     .arg(quoteField(triggerName(table, versionColumn)), t, v, pk) };
}

QStringList SqliteDialect::dropTriggerSql(const QString &table, const QString &versionColumn) const
{
    return { QStringLiteral("DROP TRIGGER IF EXISTS %1")
                     .arg(quoteField(triggerName(table, versionColumn))) };
}

QString SqliteDialect::listTriggersSql() const
{
    return QStringLiteral("SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger' "
                          "AND name LIKE 'concord\\_%' ESCAPE '\\' ORDER BY name");
}

QStringList SqliteDialect::sessionSetupSql() const
{
    return { QStringLiteral("PRAGMA foreign_keys = ON") };
}

} // namespace Concord
