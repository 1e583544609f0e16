#pragma once

#include "boxed.h"
#include "conflict.h"
#include "dberror.h"
#include "rowedit.h"

#include <QList>

#include <optional>

namespace Concord {

/// What happened to one row of a batch or an action.
struct RowOutcome
{
    enum class Status {
        Saved,       ///< written and committed
        Conflict,    ///< another version was found; nothing written for this row
        Error,       ///< the database refused this row (message says why)
        Busy,        ///< another writer held the row past the lock timeout (or kept deadlocking
                     ///< with this save); nothing written, save again to retry
        RolledBack,  ///< was accepted, then undone because the batch did not commit
        NotAttempted ///< the batch stopped before reaching it
    };

    RowEdit::Op op = RowEdit::Op::Update;
    QString table;
    QVariant pk;
    Status status = Status::NotAttempted;
    QVariant version;                 ///< the new version when saved
    Boxed<Conflict> conflict;         ///< when status is Conflict (boxed: most rows have none)
    DbError error;                    ///< when status is Error or Busy
    int tag = -1;                     ///< RowEdit::tag

    static QString statusName(Status status);

    /// Why a row is Busy: another writer held it (or the whole database, on SQLite) past
    /// the lock timeout, or this save kept losing deadlocks against another writer.
    enum class BusyReason { RowHeld, DatabaseHeld, Deadlocks };
    /// The sentence a Busy row carries.
    static DbError busyError(const QString &table, const QVariant &pk, BusyReason reason, int timeoutMs);
    /// Makes this row Busy for @p reason.
    void setBusy(BusyReason reason, int timeoutMs);
};

/// Whether a batch keeps going past conflicts (Silent) or rolls back at the first (AbortAll).
enum class SubmitPolicy { Silent, AbortAll };

/// The outcome of one batch submit or action: a line per row, and whether it committed.
struct SubmitResult
{
    QList<RowOutcome> rows;
    /// Rows counted here but not listed in rows, all with unlistedStatus: an action on a
    /// very large selection lists only the rows it did not save, so its result does not
    /// grow with the rows it saved.
    int unlistedCount = 0;
    RowOutcome::Status unlistedStatus = RowOutcome::Status::NotAttempted;
    bool committed = false;
    DbError error;   ///< why the batch as a whole failed (bad input, rollback, cancel, lost connection)

    int count(RowOutcome::Status status) const;
    int savedCount() const { return count(RowOutcome::Status::Saved); }
    int conflictCount() const { return count(RowOutcome::Status::Conflict); }
    int errorCount() const { return count(RowOutcome::Status::Error); }
    int busyCount() const { return count(RowOutcome::Status::Busy); }
    /// Every row of the batch, listed or not.
    int total() const { return int(rows.size()) + unlistedCount; }
    bool allSaved() const { return committed && savedCount() == total(); }

    /// The batch did not commit: rows that had been accepted become RolledBack.
    void rollBack(DbError why);
    /// Nothing committed because of other writers: every row but the conflicts becomes Busy
    /// for @p reason, and @p why says so for the batch.
    void allBusy(RowOutcome::BusyReason reason, int timeoutMs, DbError why);

    /// A sentence like the Django admin's: "3 rows were saved; orders 4 was changed by someone else and was
    /// not updated." (OutcomeText::summary(), translated).
    QString summary() const;

    static QString policyName(SubmitPolicy policy);
    static std::optional<SubmitPolicy> policyFromName(const QString &name);
};

} // namespace Concord
