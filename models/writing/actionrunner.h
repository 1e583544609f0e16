#pragma once

#include "adminaction.h"
#include "changelog.h"
#include "submitresult.h"
#include "versionedwriter.h"

#include <QList>
#include <QSqlDatabase>
#include <QVariant>

#include <memory>

namespace Concord {

class LockWait;
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

    /// How long an action waits, in all, for rows other writers hold (default 5 s).
    void setLockTimeout(int ms);

    /// The rows of @p selection as they are now, keyed by the key's text (a row that is
    /// gone is missing), read without locks: for a person to compare with what they saw
    /// before running an action again.
    Result<QHash<QString, QVariantMap>> currentRows(const QString &table, const QList<RowRef> &selection);

private:
    enum class AttemptEnd { Finished, StartOver };
    AttemptEnd attempt(VersionedWriter &writer, const QList<QVariant> &pks, const AdminAction &action,
                       const ActionOptions &options, LockWait &wait, bool last, SubmitResult &result);
    /// Marks the rows that changed or are held since they were shown; returns the others' keys.
    QList<QVariant> checkRows(const VersionedWriter &writer, const VersionedWriter::LockedRows &locked,
                              const AdminAction &action, const LockWait &wait, SubmitResult &result) const;
    static DbError refusal(const AdminAction &action, const SubmitResult &result);
    Result<QList<ChangeLog::Entry>> logRows(const VersionedWriter &writer, const QHash<QString, QVariantMap> &before,
                                            const QHash<QString, QVariantMap> &after, const AdminAction &action,
                                            const ActionOptions &options, SubmitResult &result);
    Result<void> bumpVersion(const VersionedWriter &writer, const QVariant &pk, const QVariantMap &old,
                             QVariantMap &values, const QJsonObject &changes);

    std::shared_ptr<Session> m_session;
    QSqlDatabase m_db;
    int m_lockTimeoutMs;
};

} // namespace Concord
