#include "mariadbdialect.h"

#include <QSqlQuery>

namespace Concord {

QString MariaDbDialect::nullSafeEquals(const QString &lhs, const QString &rhs) const
{
    return lhs + QLatin1String(" <=> ") + rhs;
}

Result<void> MariaDbDialect::begin(QSqlDatabase &db) const
{
    // InnoDB's default REPEATABLE READ answers plain reads from a snapshot taken at the
    // transaction's first read, while UPDATE checks the latest row: a save whose check
    // failed would read the row back as it was, showing a conflict without their change.
    // READ COMMITTED (for this transaction only) reads what the check saw, as PostgreSQL.
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")))
        return DbError::fromQuery(query, QStringLiteral("Could not begin a transaction"));
    return SqlDialect::begin(db);
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
