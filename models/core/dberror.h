#pragma once

#include <QSqlError>
#include <QString>

class QSqlQuery;

namespace Concord {

/// What went wrong with the database, with what a person needs to act on it.
struct DbError
{
    enum class Code {
        None,
        BadInput,      ///< unknown table or column, wrong type, missing version
        Database,      ///< the server refused a statement (constraint, syntax, lost connection)
        Cancelled,     ///< the user cancelled a long operation; everything was rolled back
    };

    Code code = Code::None;
    QString message;        ///< one clear sentence for the user
    QString serverMessage;  ///< the database's own text, if any
    QString sql;            ///< the statement that failed, if any
    QString nativeCode;     ///< the database's own code (PostgreSQL's SQLSTATE, MariaDB's and SQLite's error number)

    bool isError() const { return code != Code::None; }

    /// A database error taken from a failed query, prefixed by what we were doing.
    static DbError fromQuery(const QSqlQuery &query, const QString &doing);
    static DbError fromSqlError(const QSqlError &error, const QString &doing);
    static DbError badInput(const QString &message);
};

} // namespace Concord
