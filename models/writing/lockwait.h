#pragma once

#include "result.h"

#include <QCoreApplication>
#include <QSqlDatabase>

namespace Concord {

class SqlDialect;

/// How long one save may wait for rows other writers hold, and how often it starts over
/// after a deadlock. The lock timeout is a budget for the whole save, spent by the
/// statements that lock rows, so a save that meets many held rows still waits at most
/// about the timeout in all, not the timeout once per row.
class LockWait
{
    Q_DECLARE_TR_FUNCTIONS(LockWait)

public:
    static constexpr int defaultTimeoutMs = 5000;
    /// Attempts of a save whose transaction a deadlock or serialization failure undid.
    static constexpr int maxAttempts = 4;

    explicit LockWait(int timeoutMs = defaultTimeoutMs);

    int timeoutMs() const { return m_timeoutMs; }
    /// What is left of the budget, in ms (0 when spent).
    int remainingMs() const;
    /// Counts @p ms spent in a statement that may have waited for locks.
    void spend(qint64 ms) { m_spentMs += ms; }
    /// A statement waited out the whole remaining budget.
    void exhaust() { m_spentMs = m_timeoutMs; }

    /// The timeout the open transaction was last given (see SqlDialect::lockTimeoutSql()).
    int appliedMs() const { return m_appliedMs; }
    void setApplied(int ms) { m_appliedMs = ms; }
    /// Brings the open transaction's lock timeout down to remainingMs() once that is
    /// clearly below what the transaction was given.
    Result<void> tighten(QSqlDatabase &db, const SqlDialect &dialect);

    /// Sleeps before attempt @p attempt (2, 3, …): a growing pause with jitter, so that
    /// two savers that deadlocked do not meet again in step.
    static void backoff(int attempt);

private:
    int m_timeoutMs;
    qint64 m_spentMs = 0;
    int m_appliedMs = -1;
};

} // namespace Concord
