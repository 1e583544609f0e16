#include "mariadbdialect.h"

namespace Concord {

QString MariaDbDialect::nullSafeEquals(const QString &lhs, const QString &rhs) const
{
    return lhs + QLatin1String(" <=> ") + rhs;
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
