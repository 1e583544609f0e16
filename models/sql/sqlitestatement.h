#pragma once

#include "dberror.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QSqlDatabase>
#include <QString>
#include <QVariant>

#include <memory>

struct sqlite3;
struct sqlite3_stmt;

namespace Concord {

/// One statement prepared straight on the SQLite connection under a QSqlDatabase.
///
/// A batch's save runs the same UPDATE and change-log INSERT thousands of times; through
/// QSqlQuery every bound value is first named, hashed and copied, which costs more than
/// SQLite's own work. This binds values the way Qt's SQLite driver stores them (so a row
/// reads back the same whichever path wrote it) and refuses the types it does not know,
/// leaving those rows to QSqlQuery.
///
/// Hold one only for the length of a batch: a statement left open keeps the connection
/// from closing.
class SqliteStatement
{
    Q_DECLARE_TR_FUNCTIONS(SqliteStatement)

public:
    /// The connection's sqlite3 handle, or null when @p db is not an open QSQLITE connection.
    static sqlite3 *handleOf(const QSqlDatabase &db);
    /// Prepares @p sql on @p handle; null with @p error set when SQLite refuses it.
    static std::unique_ptr<SqliteStatement> prepare(sqlite3 *handle, const QString &sql, DbError *error);

    ~SqliteStatement();
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    /// Whether bind() stores @p value as Qt's driver would. Other types go through QSqlQuery.
    static bool canBind(const QVariant &value);
    /// Binds @p value (1-based @p index). Bindings stay across run()s, so a bound string
    /// or byte array must outlive every run() until it is bound over.
    void bind(int index, const QVariant &value);
    /// Binds UTF-8 text, kept like bind()'s.
    void bindText(int index, const QByteArray &utf8);
    void bindInt64(int index, qint64 value);
    /// Runs the statement to its end and makes it ready to run again. On failure fills
    /// @p error with SQLite's message (the caller says what it was doing) and returns
    /// false; SQLite has already undone the failed statement, the transaction goes on.
    bool run(DbError *error);
    /// Rows the last run() changed.
    int changes() const;

private:
    SqliteStatement(sqlite3 *handle, sqlite3_stmt *statement, QString sql);

    sqlite3 *m_handle;
    sqlite3_stmt *m_statement;
    QString m_sql;
};

} // namespace Concord
