#include "sqldialect.h"

#include "mariadbdialect.h"
#include "postgresdialect.h"
#include "sqlitedialect.h"

#include <QSqlDriver>
#include <QSqlQuery>

namespace Concord {

SqlDialect::SqlDialect(const QSqlDatabase &db)
    : m_db(db)
{
}

SqlDialect::~SqlDialect() = default;

std::unique_ptr<SqlDialect> SqlDialect::create(const QSqlDatabase &db)
{
    if (!db.driver())
        return nullptr;
    switch (db.driver()->dbmsType()) {
    case QSqlDriver::SQLite:
        return std::make_unique<SqliteDialect>(db);
    case QSqlDriver::PostgreSQL:
        return std::make_unique<PostgresDialect>(db);
    case QSqlDriver::MySqlServer:
        return std::make_unique<MariaDbDialect>(db);
    default:
        return nullptr;
    }
}

QString SqlDialect::quoteTable(const QString &table) const
{
    return m_db.driver()->escapeIdentifier(table, QSqlDriver::TableName);
}

QString SqlDialect::quoteField(const QString &field) const
{
    return m_db.driver()->escapeIdentifier(field, QSqlDriver::FieldName);
}

Result<void> SqlDialect::begin(QSqlDatabase &db) const
{
    if (!db.transaction())
        return DbError::fromSqlError(db.lastError(), QStringLiteral("Could not begin a transaction"));
    return {};
}

QString SqlDialect::typedPlaceholder(const QSqlField &) const
{
    return QStringLiteral("?");
}

QString SqlDialect::triggerName(const QString &table, const QString &column)
{
    return QStringLiteral("concord_%1_%2").arg(table, column);
}

QStringList SqlDialect::sessionSetupSql() const
{
    return {};
}

} // namespace Concord
