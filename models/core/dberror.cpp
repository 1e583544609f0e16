#include "dberror.h"

#include <QSqlQuery>

namespace Concord {

DbError DbError::fromQuery(const QSqlQuery &query, const QString &doing)
{
    DbError error = fromSqlError(query.lastError(), doing);
    error.sql = query.lastQuery();
    return error;
}

DbError DbError::fromSqlError(const QSqlError &sqlError, const QString &doing)
{
    DbError error;
    error.code = Code::Database;
    error.nativeCode = sqlError.nativeErrorCode();
    error.serverMessage = sqlError.databaseText().trimmed();
    if (error.serverMessage.isEmpty())
        error.serverMessage = sqlError.driverText().trimmed();
    error.message = error.serverMessage.isEmpty()
            ? doing + QLatin1Char('.')
            : doing + QLatin1String(": ") + error.serverMessage;
    return error;
}

DbError DbError::badInput(const QString &message)
{
    DbError error;
    error.code = Code::BadInput;
    error.message = message;
    return error;
}

} // namespace Concord
