#pragma once

#include "changelog.h"
#include "dberror.h"
#include "result.h"
#include "submitresult.h"
#include "transactionguard.h"

#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace Concord {

class LockWait;
class Session;
class SqlDialect;

/// One attempt at writing a batch of rows in one transaction: a save (BatchSubmitter) or a
/// checked admin action (ActionRunner). It begins within the lock budget and turns each
/// way an attempt can end into the batch's result the same way for both:
/// - a database held past the lock timeout: every row busy, nothing written;
/// - a deadlock or serialization failure: start over (the caller backs off), or on the
///   last attempt every unsaved row busy;
/// - a lost connection: every row not attempted (still pending), one error saying so;
/// - any other error: everything rolled back, with that error.
class BatchTransaction
{
public:
    enum class End { Finished, StartOver };

    /// What the person is told when the attempt gives up, worded for what was being done.
    struct Wording
    {
        QString databaseBusy;   ///< the database was held past the lock timeout
        QString deadlocks;      ///< it kept deadlocking until the last attempt
    };

    BatchTransaction(Session &session, LockWait &wait, SubmitResult &result, bool lastAttempt, Wording wording);

    /// Begins the transaction; false when it could not, the result then says why.
    bool begin();
    TransactionGuard &guard() { return *m_guard; }
    bool isLastAttempt() const { return m_last; }

    /// Ends on @p error, whatever it was: a lock failure, a lost connection or anything else.
    End fail(const DbError &error);
    /// Rolls everything back and reports @p error (abort-all, a cancel, a refused row).
    End stop(DbError error);
    /// The server is gone: nothing of the transaction survives; every row back to pending.
    End lost(const DbError &cause, bool committing);
    /// A lock failure no single row can be blamed for: start over, or give up on the last attempt.
    End lockFailed(const DbError &cause);

    /// Writes the change log in the transaction, then commits: the rows and their log
    /// entries are saved together or not at all.
    End commit(const QList<ChangeLog::Entry> &log);

    /// Whether the server still answers (Session::isConnectionAlive()).
    bool isConnectionAlive() const;

private:
    Session &m_session;
    QSqlDatabase m_db;
    const SqlDialect &m_dialect;
    LockWait &m_wait;
    SubmitResult &m_result;
    bool m_last;
    Wording m_wording;
    std::optional<TransactionGuard> m_guard;
};

} // namespace Concord
