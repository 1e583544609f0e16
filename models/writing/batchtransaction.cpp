#include "batchtransaction.h"

#include "lockwait.h"
#include "session.h"
#include "sqldialect.h"

#include <QCoreApplication>

namespace Concord {

namespace {

DbError connectionLost(const DbError &cause, bool committing)
{
    DbError error;
    error.code = DbError::Code::Database;
    error.message = committing
            ? QCoreApplication::translate("BatchSubmitter",
                                          "The connection to the database was lost while committing; your edits are kept, "
                                          "and if the save did reach the database, saving again reports them as conflicts.")
            : QCoreApplication::translate("BatchSubmitter", "The connection to the database was lost; nothing was saved. "
                                                            "Your edits are kept: save again to retry.");
    error.serverMessage = cause.serverMessage.isEmpty() ? cause.message : cause.serverMessage;
    error.sql = cause.sql;
    return error;
}

} // namespace

BatchTransaction::BatchTransaction(Session &session, LockWait &wait, SubmitResult &result, bool lastAttempt,
                                   Wording wording)
    : m_session(session)
    , m_db(session.database())
    , m_dialect(session.dialect())
    , m_wait(wait)
    , m_result(result)
    , m_last(lastAttempt)
    , m_wording(std::move(wording))
{
}

bool BatchTransaction::begin()
{
    // SQLite waits for another writer's transaction here, within the budget.
    m_guard.emplace(m_db, m_dialect, m_wait.remainingMs());
    if (m_guard->isActive()) {
        m_wait.setApplied(m_wait.remainingMs());
        return true;
    }
    if (m_dialect.lockFailure(m_guard->error()) == SqlDialect::LockFailure::LockTimeout) {
        DbError why = m_guard->error();
        why.message = m_wording.databaseBusy;
        m_result.allBusy(RowOutcome::BusyReason::DatabaseHeld, m_wait.timeoutMs(), why);
    } else {
        m_result.error = m_guard->error();
    }
    return false;
}

bool BatchTransaction::isConnectionAlive() const
{
    return m_session.isConnectionAlive();
}

BatchTransaction::End BatchTransaction::fail(const DbError &error)
{
    if (m_dialect.lockFailure(error) != SqlDialect::LockFailure::None)
        return lockFailed(error);
    return isConnectionAlive() ? stop(error) : lost(error, false);
}

BatchTransaction::End BatchTransaction::stop(DbError error)
{
    m_guard->rollback();
    m_result.rollBack(std::move(error));
    return End::Finished;
}

BatchTransaction::End BatchTransaction::lost(const DbError &cause, bool committing)
{
    m_guard->rollback();
    for (RowOutcome &row : m_result.rows) {
        row.status = RowOutcome::Status::NotAttempted;
        row.conflict.reset();
        row.error = DbError();
    }
    m_result.unlistedStatus = RowOutcome::Status::NotAttempted;
    m_result.committed = false;
    m_result.error = connectionLost(cause, committing);
    return End::Finished;
}

BatchTransaction::End BatchTransaction::lockFailed(const DbError &cause)
{
    m_guard->rollback();
    if (!m_last)
        return End::StartOver;
    DbError why;
    why.code = DbError::Code::Database;
    why.message = m_wording.deadlocks;
    why.serverMessage = cause.serverMessage;
    why.nativeCode = cause.nativeCode;
    m_result.allBusy(RowOutcome::BusyReason::Deadlocks, m_wait.timeoutMs(), why);
    return End::Finished;
}

BatchTransaction::End BatchTransaction::commit(const QList<ChangeLog::Entry> &log)
{
    if (auto written = ChangeLog::write(m_db, m_dialect, log); !written)
        return fail(written.error());
    if (auto committed = m_guard->commit(); !committed) {
        if (!isConnectionAlive())
            return lost(committed.error(), true);
        if (m_dialect.lockFailure(committed.error()) != SqlDialect::LockFailure::None)
            return lockFailed(committed.error());
        m_result.rollBack(committed.error());
        return End::Finished;
    }
    m_result.committed = true;
    return End::Finished;
}

} // namespace Concord
