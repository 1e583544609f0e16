#include "sqlitestatement.h"

#include <QSqlDriver>

#include <sqlite3.h>

namespace Concord {

sqlite3 *SqliteStatement::handleOf(const QSqlDatabase &db)
{
    if (!db.isOpen() || !db.driver() || db.driver()->dbmsType() != QSqlDriver::SQLite)
        return nullptr;
    // QSQLITE hands out its connection as a QVariant holding an sqlite3* (QSqlDriver::handle()).
    const QVariant handle = db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

std::unique_ptr<SqliteStatement> SqliteStatement::prepare(sqlite3 *handle, const QString &sql, DbError *error)
{
    if (!handle) {
        error->code = DbError::Code::Database;
        error->message = tr("The SQLite connection is not open.");
        return nullptr;
    }
    sqlite3_stmt *statement = nullptr;
    const QByteArray text = sql.toUtf8();
    if (sqlite3_prepare_v2(handle, text.constData(), int(text.size()), &statement, nullptr) != SQLITE_OK) {
        error->code = DbError::Code::Database;
        error->serverMessage = QString::fromUtf8(sqlite3_errmsg(handle));
        error->message = tr("Could not prepare a statement: ") + error->serverMessage;
        error->sql = sql;
        sqlite3_finalize(statement);
        return nullptr;
    }
    return std::unique_ptr<SqliteStatement>(new SqliteStatement(handle, statement, sql));
}

SqliteStatement::SqliteStatement(sqlite3 *handle, sqlite3_stmt *statement, QString sql)
    : m_handle(handle)
    , m_statement(statement)
    , m_sql(std::move(sql))
{
}

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_statement);
}

namespace {

// Qt's driver stores an empty (null) QString or QByteArray as NULL, as it does an invalid
// QVariant; Qt 6's QVariant::isNull() no longer says so for them.
bool isNullValue(const QVariant &value)
{
    if (value.isNull())
        return true;
    switch (value.typeId()) {
    case QMetaType::QString:
        return static_cast<const QString *>(value.constData())->isNull();
    case QMetaType::QByteArray:
        return static_cast<const QByteArray *>(value.constData())->isNull();
    default:
        return false;
    }
}

} // namespace

bool SqliteStatement::canBind(const QVariant &value)
{
    if (isNullValue(value))
        return true;
    switch (value.typeId()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::Bool:
    case QMetaType::Double:
    case QMetaType::QString:
    case QMetaType::QByteArray:
        return true;
    default:
        return false;
    }
}

void SqliteStatement::bind(int index, const QVariant &value)
{
    if (isNullValue(value)) {
        sqlite3_bind_null(m_statement, index);
        return;
    }
    switch (value.typeId()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::Bool:
        sqlite3_bind_int64(m_statement, index, value.toLongLong());
        break;
    case QMetaType::Double:
        sqlite3_bind_double(m_statement, index, *static_cast<const double *>(value.constData()));
        break;
    case QMetaType::QByteArray: {
        const auto *bytes = static_cast<const QByteArray *>(value.constData());
        sqlite3_bind_blob(m_statement, index, bytes->constData(), int(bytes->size()), SQLITE_STATIC);
        break;
    }
    case QMetaType::QString: {
        const auto *text = static_cast<const QString *>(value.constData());
        sqlite3_bind_text16(m_statement, index, text->utf16(), int(text->size() * sizeof(char16_t)), SQLITE_STATIC);
        break;
    }
    default:
        Q_ASSERT_X(false, "SqliteStatement::bind", "a type canBind() refuses");
        sqlite3_bind_null(m_statement, index);
        break;
    }
}

void SqliteStatement::bindText(int index, const QByteArray &utf8)
{
    sqlite3_bind_text(m_statement, index, utf8.constData(), int(utf8.size()), SQLITE_STATIC);
}

void SqliteStatement::bindInt64(int index, qint64 value)
{
    sqlite3_bind_int64(m_statement, index, value);
}

bool SqliteStatement::run(DbError *error)
{
    int status = sqlite3_step(m_statement);
    while (status == SQLITE_ROW)
        status = sqlite3_step(m_statement);
    if (status != SQLITE_DONE) {
        error->code = DbError::Code::Database;
        error->serverMessage = QString::fromUtf8(sqlite3_errmsg(m_handle));
        error->message = error->serverMessage;
        error->sql = m_sql;
    }
    // Bindings stay: a caller that runs it again rebinds only what changed.
    sqlite3_reset(m_statement);
    return status == SQLITE_DONE;
}

int SqliteStatement::changes() const
{
    return sqlite3_changes(m_handle);
}

} // namespace Concord
