#include "transactionguard.h"

#include "sqldialect.h"

#include <QSqlQuery>

namespace Concord {

TransactionGuard::TransactionGuard(QSqlDatabase db, const SqlDialect &dialect, int lockTimeoutMs)
    : m_db(db)
{
    const Result<void> begun = dialect.begin(m_db, lockTimeoutMs);
    m_active = begun.ok();
    m_error = begun.error();
}

TransactionGuard::~TransactionGuard()
{
    if (m_active)
        rollback();
}

Result<void> TransactionGuard::commit()
{
    if (!m_active)
        return DbError::badInput(tr("No transaction is active."));
    m_active = false;
    if (!m_db.commit()) {
        DbError error = DbError::fromSqlError(m_db.lastError(), tr("Could not commit"));
        m_db.rollback();
        return error;
    }
    return {};
}

void TransactionGuard::rollback()
{
    m_active = false;
    m_db.rollback();
}

static Result<void> execSimple(QSqlDatabase &db, const QString &sql, const QString &doing)
{
    QSqlQuery query(db);
    if (!query.exec(sql))
        return DbError::fromQuery(query, doing);
    return {};
}

Result<void> TransactionGuard::savepoint(const QString &name)
{
    return execSimple(m_db, QStringLiteral("SAVEPOINT ") + name, tr("Could not set a savepoint"));
}

Result<void> TransactionGuard::releaseSavepoint(const QString &name)
{
    return execSimple(m_db, QStringLiteral("RELEASE SAVEPOINT ") + name,
                      tr("Could not release a savepoint"));
}

Result<void> TransactionGuard::rollbackToSavepoint(const QString &name)
{
    return execSimple(m_db, QStringLiteral("ROLLBACK TO SAVEPOINT ") + name,
                      tr("Could not roll back to a savepoint"));
}

} // namespace Concord
