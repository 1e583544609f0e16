#pragma once

#include "result.h"
#include "rowedit.h"
#include "submitresult.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <memory>

namespace Concord {

class Session;
class SqlDialect;
class VersionRegistry;
class VersionedWriter;

/// How a batch is submitted.
struct SubmitOptions
{
    SubmitPolicy policy = SubmitPolicy::Silent;
    QString user;   ///< who the change log names; empty: the OS user
    /// false: no change-log entries for this save. true: each table's registry switch
    /// decides (on unless switched off there).
    bool changeLog = true;
    /// Called as rows complete; return false to cancel (everything is rolled back).
    std::function<bool(int done, int total)> progress;
};

/// Submits a list of edits (updates, inserts, deletes, any tables) in one transaction.
/// Every edit is checked before anything is written: bad input anywhere writes nothing.
/// Under Silent, conflicting or failing rows are skipped and reported while the others
/// commit (on PostgreSQL, where one failed statement poisons the transaction, through a
/// savepoint per row); under AbortAll the first conflict rolls everything back.
///
/// Many writers at once: the rows a batch changes are locked first, in ascending key order
/// (so two Concord clients never deadlock each other), waiting at most the lock timeout in
/// all; rows another writer holds longer are Busy. A deadlock or serialization failure
/// caused by anyone starts the batch over (a few times, after a short random pause), since
/// the database undid at least part of it. A row is Saved only once its transaction committed.
class BatchSubmitter
{
public:
    /// A submitter on the Session of \a db.
    explicit BatchSubmitter(QSqlDatabase db);
    explicit BatchSubmitter(std::shared_ptr<Session> session);
    ~BatchSubmitter();

    bool isValid() const;
    const SqlDialect &dialect() const;
    VersionRegistry &registry() const;
    Session &session() const { return *m_session; }

    /// The writer of @p table: the Session's, which loads its schema and policy once.
    Result<VersionedWriter *> writer(const QString &table);

    /// Saves @p edits in one transaction. A lost connection is reopened once before the
    /// batch; losing it during the batch stops at once, rolls everything back and leaves
    /// every row NotAttempted, with one error saying so.
    SubmitResult submit(const QList<RowEdit> &edits, const SubmitOptions &options = {});

    /// Reopens the connection if it is closed or no longer answers.
    Result<void> ensureConnected();

    /// How long a save waits, in all, for rows other writers hold (default 5 s).
    void setLockTimeout(int ms) { m_lockTimeoutMs = ms; }
    int lockTimeout() const { return m_lockTimeoutMs; }

private:
    struct Batch;
    class Attempt;
    enum class AttemptEnd { Finished, StartOver, StartOverWithout };
    bool prepare(const QList<RowEdit> &edits, Batch &batch, SubmitResult &result);
    bool prepareLog(const Batch &batch, SubmitResult &result);

    std::shared_ptr<Session> m_session;
    QSqlDatabase m_db;
    int m_lockTimeoutMs;
};

} // namespace Concord
