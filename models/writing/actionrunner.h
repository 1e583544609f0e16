#pragma once

#include "adminaction.h"
#include "changelog.h"
#include "submitresult.h"
#include "versionedwriter.h"

#include <QList>
#include <QSqlDatabase>
#include <QVariant>

#include <functional>
#include <memory>
#include <optional>

namespace Concord {

class BatchTransaction;
class LockWait;
class RowSnapshot;
class Session;

/// A row as it was shown when selected: its key and the version seen.
struct RowRef
{
    QVariant pk;
    QVariant version;
};

struct ActionOptions
{
    bool skipChanged = false; ///< run on the unchanged rows instead of not running at all
    QString user;
    /// false: no change-log entries for this action; true: the table's registry switch decides.
    bool changeLog = true;
    /// false: the result lists only the rows not saved and counts the saved ones
    /// (SubmitResult::unlistedCount), so it stays small however many rows the action ran on.
    bool listSavedRows = true;
    /// Called after each chunk with the rows done so far and the total; returning false
    /// cancels the action, and everything it did is rolled back.
    std::function<bool(qint64 done, qint64 total)> progress;
};

/// Runs admin actions on a selection of (pk, version) pairs. The pairs are checked
/// inside the action's transaction, one round trip per chunk, with the rows locked in
/// key order (FOR UPDATE; SQLite holds the write lock from BEGIN IMMEDIATE), so nothing
/// can change between the check and the write. If any row changed, vanished or is held
/// by another writer past the lock timeout (busy), the action does not run (or, with
/// skipChanged, runs on the others) and the result names them. A deadlock with another
/// writer starts the action over, as BatchSubmitter does.
class ActionRunner
{
public:
    /// A runner on the Session of \a db.
    explicit ActionRunner(QSqlDatabase db);
    explicit ActionRunner(std::shared_ptr<Session> session);
    ~ActionRunner();

    SubmitResult run(const QString &table, const QList<RowRef> &selection, const AdminAction &action,
                     const ActionOptions &options = {});
    /// Runs @p action on the rows of @p snapshot, a chunk at a time (its chunk size), in one
    /// transaction: client memory does not grow with the rows (with listSavedRows off).
    SubmitResult run(const QString &table, RowSnapshot &snapshot, const AdminAction &action,
                     const ActionOptions &options = {});

    /// How long an action waits, in all, for rows other writers hold (default 5 s).
    void setLockTimeout(int ms);

    /// The rows of @p selection as they are now, keyed by the key's text (a row that is
    /// gone is missing), read without locks: for a person to compare with what they saw
    /// before running an action again.
    Result<QHash<QString, QVariantMap>> currentRows(const QString &table, const QList<RowRef> &selection);

private:
    enum class AttemptEnd { Finished, StartOver };
    AttemptEnd attempt(VersionedWriter &writer, RowSnapshot &snapshot, const AdminAction &action,
                       const ActionOptions &options, LockWait &wait, bool last, SubmitResult &result);
    /// Locks and checks one chunk's rows and, unless the action is refused (then or before),
    /// runs the body on those unchanged and logs them. An end when the attempt ends here.
    std::optional<AttemptEnd> runChunk(VersionedWriter &writer, QList<RowOutcome> &rows, const AdminAction &action,
                                       const ActionOptions &options, LockWait &wait, bool &refused,
                                       BatchTransaction &transaction);
    /// Marks the rows that changed or are held since they were shown; returns the others' keys.
    QList<QVariant> checkRows(const VersionedWriter &writer, const VersionedWriter::LockedRows &locked,
                              const AdminAction &action, const LockWait &wait, QList<RowOutcome> &rows) const;
    static DbError refusal(const AdminAction &action, const SubmitResult &result);
    Result<QList<ChangeLog::Entry>> logRows(const VersionedWriter &writer, const QHash<QString, QVariantMap> &before,
                                            const QHash<QString, QVariantMap> &after, const AdminAction &action,
                                            const ActionOptions &options, QList<RowOutcome> &rows);
    Result<void> bumpVersion(const VersionedWriter &writer, const QVariant &pk, const QVariantMap &old,
                             QVariantMap &values, const QJsonObject &changes);

    std::shared_ptr<Session> m_session;
    QSqlDatabase m_db;
    int m_lockTimeoutMs;
};

} // namespace Concord
