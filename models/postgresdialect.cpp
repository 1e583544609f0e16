#include "postgresdialect.h"

#include <QLocale>

namespace Concord {

bool PostgresDialect::appendArrayElement(QString &array, const QVariant &value)
{
    if (array.size() > 1)
        array += QLatin1Char(',');
    if (value.isNull() || (value.typeId() == QMetaType::QString && value.toString().isNull())) {
        array += QLatin1String("NULL");
        return true;
    }
    QString text;
    switch (value.typeId()) {
    case QMetaType::Int:
    case QMetaType::Short:
    case QMetaType::LongLong:
        text = QString::number(value.toLongLong());
        break;
    case QMetaType::UInt:
    case QMetaType::UShort:
    case QMetaType::ULongLong:
        text = QString::number(value.toULongLong());
        break;
    case QMetaType::Double:
    case QMetaType::Float:
        text = QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
        break;
    case QMetaType::Bool:
        text = value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        break;
    case QMetaType::QString:
        text = value.toString();
        break;
    default:
        return false;
    }
    array += QLatin1Char('"');
    for (const QChar c : std::as_const(text)) {
        if (c == QLatin1Char('"') || c == QLatin1Char('\\'))
            array += QLatin1Char('\\');
        array += c;
    }
    array += QLatin1Char('"');
    return true;
}

QString PostgresDialect::nullSafeEquals(const QString &lhs, const QString &rhs) const
{
    return lhs + QLatin1String(" IS NOT DISTINCT FROM ") + rhs;
}

QString PostgresDialect::typedPlaceholder(const QSqlField &field) const
{
    const char *type = nullptr;
    switch (field.metaType().id()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::Short:
    case QMetaType::UShort:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
        type = "bigint";
        break;
    case QMetaType::Double:
    case QMetaType::Float:
        type = "double precision";
        break;
    case QMetaType::Bool:
        type = "boolean";
        break;
    case QMetaType::QDate:
        type = "date";
        break;
    case QMetaType::QTime:
        type = "time";
        break;
    case QMetaType::QDateTime:
        type = "timestamp";
        break;
    case QMetaType::QByteArray:
        type = "bytea";
        break;
    default:
        type = "text";
        break;
    }
    return QStringLiteral("CAST(? AS %1)").arg(QLatin1String(type));
}

QStringList PostgresDialect::createTriggerSql(const QString &table, const QString &,
                                              const QString &versionColumn) const
{
    const QString name = quoteField(triggerName(table, versionColumn));
    const QString v = quoteField(versionColumn);
    // BEFORE trigger: the new version is part of the row being written, so
    // UPDATE … RETURNING sees it and there is exactly one increment per UPDATE.
    return {
        QStringLiteral("CREATE OR REPLACE FUNCTION %1() RETURNS trigger LANGUAGE plpgsql AS $concord$ "
                       "BEGIN IF NEW.%2 IS NOT DISTINCT FROM OLD.%2 THEN "
                       "NEW.%2 := COALESCE(OLD.%2, 0) + 1; END IF; RETURN NEW; END $concord$")
                .arg(name, v),
        QStringLiteral("DROP TRIGGER IF EXISTS %1 ON %2").arg(name, quoteTable(table)),
        QStringLiteral("CREATE TRIGGER %1 BEFORE UPDATE ON %2 FOR EACH ROW EXECUTE FUNCTION %1()")
                .arg(name, quoteTable(table)),
    };
}

QStringList PostgresDialect::dropTriggerSql(const QString &table, const QString &versionColumn) const
{
    const QString name = quoteField(triggerName(table, versionColumn));
    return { QStringLiteral("DROP TRIGGER IF EXISTS %1 ON %2").arg(name, quoteTable(table)),
             QStringLiteral("DROP FUNCTION IF EXISTS %1()").arg(name) };
}

QString PostgresDialect::listTriggersSql() const
{
    return QStringLiteral("SELECT t.tgname, c.relname FROM pg_trigger t "
                          "JOIN pg_class c ON c.oid = t.tgrelid "
                          "JOIN pg_namespace n ON n.oid = c.relnamespace "
                          "WHERE NOT t.tgisinternal AND n.nspname = current_schema() "
                          "AND t.tgname LIKE 'concord\\_%' ORDER BY t.tgname");
}

QString PostgresDialect::notifyTriggerName(const QString &table)
{
    return QStringLiteral("concord_notify_%1").arg(table);
}

QStringList PostgresDialect::createNotifyTriggerSql(const QString &table, const QString &pkColumn) const
{
    const QString name = quoteField(notifyTriggerName(table));
    // AFTER, so only changes that really happened are reported; the notification is sent
    // when the writing transaction commits and never if it rolls back. OLD's key, so a
    // row whose key changed is reported under the key the grids show.
    return {
        QStringLiteral("CREATE OR REPLACE FUNCTION %1() RETURNS trigger LANGUAGE plpgsql AS $concord$ "
                       "BEGIN PERFORM pg_notify('%2', TG_TABLE_NAME || ':' || OLD.%3::text); "
                       "RETURN NULL; END $concord$")
                .arg(name, changeChannel(), quoteField(pkColumn)),
        QStringLiteral("DROP TRIGGER IF EXISTS %1 ON %2").arg(name, quoteTable(table)),
        QStringLiteral("CREATE TRIGGER %1 AFTER UPDATE OR DELETE ON %2 FOR EACH ROW EXECUTE FUNCTION %1()")
                .arg(name, quoteTable(table)),
    };
}

QStringList PostgresDialect::dropNotifyTriggerSql(const QString &table) const
{
    const QString name = quoteField(notifyTriggerName(table));
    return { QStringLiteral("DROP TRIGGER IF EXISTS %1 ON %2").arg(name, quoteTable(table)),
             QStringLiteral("DROP FUNCTION IF EXISTS %1()").arg(name) };
}

QString PostgresDialect::triggerExistsSql() const
{
    return QStringLiteral("SELECT 1 FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                          "JOIN pg_namespace n ON n.oid = c.relnamespace "
                          "WHERE NOT t.tgisinternal AND n.nspname = current_schema() "
                          "AND t.tgname = ? AND c.relname = ?");
}

} // namespace Concord
