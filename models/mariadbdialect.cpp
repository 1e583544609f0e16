#include "mariadbdialect.h"

#include <QSqlQuery>

namespace Concord {

QString MariaDbDialect::nullSafeEquals(const QString &lhs, const QString &rhs) const
{
    return lhs + QLatin1String(" <=> ") + rhs;
}

Result<void> MariaDbDialect::begin(QSqlDatabase &db, int lockTimeoutMs) const
{
    // InnoDB's default REPEATABLE READ answers plain reads from a snapshot taken at the
    // transaction's first read, while UPDATE checks the latest row: a save whose check
    // failed would read the row back as it was, showing a conflict without their change.
    // READ COMMITTED (for this transaction only) reads what the check saw, as PostgreSQL.
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")))
        return DbError::fromQuery(query, QStringLiteral("Could not begin a transaction"));
    return SqlDialect::begin(db, lockTimeoutMs);
}

SqlDialect::LockFailure MariaDbDialect::lockFailure(const DbError &error) const
{
    // ER_LOCK_WAIT_TIMEOUT, ER_LOCK_DEADLOCK.
    if (error.nativeCode == QLatin1String("1205"))
        return LockFailure::LockTimeout;
    if (error.nativeCode == QLatin1String("1213"))
        return LockFailure::Deadlock;
    return LockFailure::None;
}

bool MariaDbDialect::transactionSurvives(QSqlDatabase &db, LockFailure failure) const
{
    // InnoDB answers a deadlock by rolling back the whole transaction. A lock wait timeout
    // undoes only the statement, unless the server runs with innodb_rollback_on_timeout:
    // the server says which.
    if (failure == LockFailure::Deadlock || failure == LockFailure::SerializationFailure)
        return false;
    QSqlQuery query(db);
    return query.exec(QStringLiteral("SELECT @@in_transaction")) && query.next() && query.value(0).toInt() == 1;
}

QStringList MariaDbDialect::lockTimeoutSql(int ms) const
{
    // SESSION, as InnoDB has no per-transaction setting; every transaction sets it again.
    // At least a second: with 0, MariaDB 10.11 fails SELECT … SKIP LOCKED with error 1180.
    return {QStringLiteral("SET SESSION innodb_lock_wait_timeout = %1").arg(std::max(ms / 1000, 1))};
}

QStringList MariaDbDialect::createTriggerSql(const QString &table, const QString &,
                                             const QString &versionColumn) const
{
    const QString v = quoteField(versionColumn);
    return { QStringLiteral("CREATE TRIGGER IF NOT EXISTS %1 BEFORE UPDATE ON %2 FOR EACH ROW "
                            "SET NEW.%3 = IF(NEW.%3 <=> OLD.%3, COALESCE(OLD.%3, 0) + 1, NEW.%3)")
                     .arg(quoteField(triggerName(table, versionColumn)), quoteTable(table), v) };
}

QStringList MariaDbDialect::dropTriggerSql(const QString &table, const QString &versionColumn) const
{
    return { QStringLiteral("DROP TRIGGER IF EXISTS %1")
                     .arg(quoteField(triggerName(table, versionColumn))) };
}

QString MariaDbDialect::listTriggersSql() const
{
    return QStringLiteral("SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE FROM information_schema.TRIGGERS "
                          "WHERE TRIGGER_SCHEMA = DATABASE() AND TRIGGER_NAME LIKE 'concord\\_%' "
                          "ORDER BY TRIGGER_NAME");
}

} // namespace Concord
