#pragma once

#include "result.h"

#include <QCoreApplication>
#include <QSqlDatabase>

namespace Concord {

class SqlDialect;

/// Begins a transaction and rolls it back on destruction unless commit() succeeded.
class TransactionGuard
{
    Q_DECLARE_TR_FUNCTIONS(TransactionGuard)

public:
    /// @p lockTimeoutMs: see SqlDialect::begin().
    TransactionGuard(QSqlDatabase db, const SqlDialect &dialect, int lockTimeoutMs = -1);
    ~TransactionGuard();
    TransactionGuard(const TransactionGuard &) = delete;
    TransactionGuard &operator=(const TransactionGuard &) = delete;

    /// Whether the transaction began; if not, error() says why.
    bool isActive() const { return m_active; }
    const DbError &error() const { return m_error; }

    Result<void> commit();
    void rollback();

    /// Savepoints, for undoing one row of a batch without losing the others.
    Result<void> savepoint(const QString &name);
    Result<void> releaseSavepoint(const QString &name);
    Result<void> rollbackToSavepoint(const QString &name);

private:
    QSqlDatabase m_db;
    bool m_active = false;
    DbError m_error;
};

} // namespace Concord
