#pragma once

#include "actionrunner.h"
#include "batchsubmitter.h"
#include "columninfo.h"
#include "conflict.h"
#include "result.h"
#include "rowpages.h"
#include "rowsnapshot.h"
#include "submitresult.h"
#include "versionpolicy.h"

#include <QHash>
#include <QList>
#include <QMap>
#include <QSet>
#include <QPointer>
#include <QSqlTableModel>
#include <QVector>

#include <memory>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

namespace Concord {

class ReferenceLabels;
class RowCounter;
class Session;

class VersionedWriter;

/// A QSqlTableModel that never loses an edit: each edited row keeps, keyed by primary key
/// (never by position), the snapshot and version it was loaded with; saves only succeed
/// against that version, and a row that finds another is a conflict that stays pending
/// with the other side's values readable through the roles below.
///
/// Edits live in the model's own buffer (QSqlTableModel's per-edit bookkeeping does not
/// scale to tens of thousands of rows), so use this class's submitAll()/revertAll(),
/// not QSqlTableModel's through a base pointer.
class VersionedTableModel : public QSqlTableModel
{
    Q_OBJECT

public:
    /// Item roles. Views style rows and cells from these, not from colours in the model.
    enum Role {
        VersionRole = Qt::UserRole + 1, ///< the row's loaded version
        PrimaryKeyRole,                 ///< the row's key
        DirtyRole,                      ///< bool: this cell (or row, for a delete) has an unsaved edit
        RowStateRole,                   ///< int: a RowState
        LoadedValueRole,                ///< the cell's value as loaded
        TheirValueRole,                 ///< the cell's value in the database, after a conflict
        ConflictRole,                   ///< QVariant<Conflict>, after a conflict
        StaleRole,                      ///< bool: someone saved this row since it was loaded
        ErrorRole,                      ///< the database's message, after an error
        DefaultRole,                    ///< bool: this cell of a new row will take the database's default
        ReferenceLabelRole,             ///< QString: a foreign-key cell's label (the referred row's label
                                        ///< column, ReferenceLabels); invalid for other cells, NULL and
                                        ///< keys without a label. Read a page of rows at a time, cached.
    };
    Q_ENUM(Role)

    enum class RowState {
        Clean,
        Edited,
        Inserted,
        Deleted,        ///< marked for deletion, not yet saved
        Conflict,       ///< changed by someone else; edit kept
        Gone,           ///< deleted by someone else; edit kept
        Error,          ///< the database refused it; edit kept
        Busy,           ///< another writer held it past the lock timeout; edit kept, save again
    };
    Q_ENUM(RowState)

    /// How a conflict is settled (the merge dialog's choice, or a caller's).
    enum class Resolution {
        None,       ///< not settled (a cancelled dialog)
        Merge,      ///< save the merged values against their version
        KeepMine,   ///< overwrite: their row with my changed fields, against their version
        TakeTheirs, ///< drop my edit
        Recreate,   ///< the row was deleted: insert it again with my values
        Discard,    ///< the row was deleted: drop my edit
    };
    Q_ENUM(Resolution)

    /// What one step of pending-edit changes was, for an undo history to name it.
    enum class PendingChange {
        Edit,       ///< cell values
        Insert,     ///< new rows
        Delete,     ///< rows marked for deletion
        Revert,     ///< some rows' edits dropped
        RevertAll,  ///< every pending edit dropped
        Settle,     ///< a conflict settled into the buffer (merge, theirs, re-create)
        Group,      ///< a step begun by beginPendingStep() with changes of several kinds
    };
    Q_ENUM(PendingChange)

    class PendingState;
    struct PendingStep;

    explicit VersionedTableModel(QObject *parent = nullptr, const QSqlDatabase &db = QSqlDatabase());
    /// The connection's Session: its dialect, registry and writers, shared with whoever
    /// else works on the connection (action runners, views).
    const std::shared_ptr<Session> &session() const { return m_session; }
    ~VersionedTableModel() override;

    void setTable(const QString &tableName) override;
    /// Reads the table again: the rows are counted (or estimated at once, and counted in
    /// the background, for big tables) and the first page is read; other rows are read a
    /// page at a time when asked for, wherever they lie. Pending edits are kept.
    bool select() override;
    void setSort(int column, Qt::SortOrder order) override;
    /// Every row is addressable from the first select(): there is never more to fetch.
    bool canFetchMore(const QModelIndex &parent = QModelIndex()) const override;
    void fetchMore(const QModelIndex &parent = QModelIndex()) override;

    /// Rows read per statement (256). Small pages make the paging paths run on small tables.
    void setPageSize(int rows);
    int pageSize() const { return m_pages.pageSize(); }
    /// How many pages are held at most (64); the least recently shown are dropped.
    void setMaxPages(int pages) { m_pages.setMaxPages(pages); }
    /// From how many rows (by the database's estimate: its statistics, or with a filter
    /// the planner's figure) a table is counted in the background, showing the estimate
    /// until then (50,000; 0: always, -1: never).
    void setBackgroundCountFrom(int rows) { m_backgroundCountFrom = rows; }
    /// From how many rows a query's landmarks (every few pages' first row, RowPages) are read
    /// in the background once it is counted, so a jump anywhere skips a few pages at most
    /// (100,000; 0: always, -1: never). Until they arrive, far pages are read by position.
    void setLandmarksFrom(int rows) { m_landmarksFrom = rows; }
    /// Whether the landmarks of the query shown have arrived.
    bool hasLandmarks() const { return m_pages.hasLandmarks(); }
    /// Rows between two landmarks (a multiple of the page size), or 0 without landmarks.
    int landmarkSpacing() const { return m_pages.landmarkSpacing(); }
    /// The rows of the table matching the filter (rowCount() without new rows), as counted
    /// or estimated; -1 for a table read without a writer (no schema), not counted.
    int tableRowCount() const { return m_paged ? queryRowCount() : -1; }
    /// Whether rowCount() was counted, or is the database's estimate while a count runs.
    bool isRowCountExact() const { return m_pages.isCountExact(); }
    /// Whether @p row's values are held (reading data() of another row reads its page).
    bool isRowLoaded(int row) const;
    /// The rows held now, as ranges (first, last), ascending; the change watcher checks these.
    QList<std::pair<int, int>> loadedRows() const;

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    bool insertRows(int row, int count, const QModelIndex &parent = QModelIndex()) override;
    bool removeRows(int row, int count, const QModelIndex &parent = QModelIndex()) override;
    void revertRow(int row) override;
    bool submit() override;
    void revert() override;

    /// The table's version policy (not versioned: column is empty).
    VersionPolicy versionPolicy() const;
    /// The catalog's account of @p column: declared type, NULL-ability, default, enum or
    /// CHECK list, foreign key. Views choose editors and formats from it.
    ColumnInfo columnInfo(int column) const;
    /// Checks @p value for @p column as a save would (type, range, scale, length, list,
    /// NULL): the value as the model keeps it, or BadInput with one sentence to show.
    Result<QVariant> checkValue(int column, const QVariant &value) const;
    /// Whether the row @p value names exists in the table @p column refers to; true for a
    /// column that is no foreign key and for NULL.
    Result<bool> referenceExists(int column, const QVariant &value) const;
    /// The labels foreign keys are shown by, on this model's connection (ReferenceLabelRole).
    ReferenceLabels &referenceLabels() const;
    int primaryKeyColumn() const { return m_pkColumn; }
    int versionColumn() const { return m_versionColumn; }
    QString primaryKeyName() const;

    void setSubmitPolicy(SubmitPolicy policy) { m_submitPolicy = policy; }
    SubmitPolicy submitPolicy() const { return m_submitPolicy; }
    void setUserName(const QString &user) { m_user = user; }
    /// Whether this model's saves write change-log entries (on by default). Off leaves the
    /// log out whatever the table's switch says; on follows the table's switch, which
    /// VersionRegistry::setChangeLog() sets for every client.
    void setChangeLogEnabled(bool enabled) { m_changeLog = enabled; }
    bool isChangeLogEnabled() const { return m_changeLog; }
    /// How long a save waits, in all, for rows other writers hold before they are Busy.
    void setLockTimeout(int ms);
    int lockTimeout() const;

    /// Saves every pending edit in one transaction under the submit policy.
    /// Returns true only if everything was saved; lastSubmitResult() says what happened per row.
    bool submitAll();
    /// Like submitAll(), with progress and cancel.
    SubmitResult submitPending(const SubmitOptions &options);
    /// Like submitPending(), for the pending edits of @p rows only (a record form's row).
    SubmitResult submitRows(const QList<int> &rows, const SubmitOptions &options = {});
    const SubmitResult &lastSubmitResult() const { return m_lastResult; }

    /// Drops every pending edit.
    void revertAll();
    /// Drops the pending edits of @p rows.
    void revertRows(const QList<int> &rows);

    bool hasPendingEdits() const { return !m_pending.empty() || !m_inserts.isEmpty(); }
    int pendingCount() const { return int(m_pending.size() + m_inserts.size()); }
    bool isRowDirty(int row) const;
    RowState rowState(int row) const;

    /// The row that shows @p pk among the rows held (read and not dropped), or -1.
    /// Matching is by key, never by position. Never reads: see findRow().
    int rowForKey(const QVariant &pk) const;
    /// The row that shows @p pk wherever it lies, asking the database for its place when
    /// its page is not held (and reading that page); -1 when no row matching the filter
    /// has that key.
    Result<int> findRow(const QVariant &pk);
    QVariant keyAt(int row) const;

    /// (pk, loaded version) of a row as shown, for actions.
    RowRef rowRef(int row) const;
    /// (pk, version) of every row matching the current filter, taken now ("select all N").
    Result<QList<RowRef>> matchingRows() const;
    /// The same, read @p chunkSize rows a statement into a snapshot that spills to a
    /// temporary file, so memory does not grow with the rows; @p progress can cancel, and
    /// @p keep leaves rows out or gives them the version shown.
    Result<std::shared_ptr<RowSnapshot>> matchingSnapshot(int chunkSize = RowSnapshot::defaultChunkSize,
                                                          const RowSnapshot::Progress &progress = {},
                                                          const RowSnapshot::Keep &keep = {}) const;
    /// How many rows match the current filter, without loading them.
    Result<int> matchingCount() const;

    /// Resolution of a conflicting row: the edit is re-made against @p theirVersion,
    /// with @p values as the new values (a merge); a third change conflicts again.
    bool resolveConflict(int row, const QVariantMap &values);
    /// Drops my edit of a conflicting row and shows theirs.
    bool takeTheirs(int row);
    /// Re-creates a row someone else deleted, with my values (a new insert).
    bool recreateDeleted(int row);
    /// Settles the conflict of @p row as @p resolution says (@p values: the merged row, for
    /// Merge and KeepMine) and returns the row that now holds the edit to save: @p row, or
    /// the re-created insert; -1 when no edit is left (their version taken, mine dropped);
    /// an error when there was nothing to settle (or None was chosen).
    /// Nothing is written: the caller saves that row (submitRows()), and a third change
    /// made meanwhile conflicts again.
    Result<int> settleConflict(int row, Resolution resolution, const QVariantMap &values = {});

    /// Marks rows whose version changed in the database (from a ChangeWatcher).
    void markStale(const QList<QVariant> &pks);
    bool isStale(int row) const;
    /// Whether the row with key @p pk was marked stale, held or not.
    bool isKeyStale(const QVariant &pk) const;
    /// The keys (as text) of every row marked stale, shown or not.
    QSet<QString> staleKeys() const { return m_stale; }

    /// Disables version checking for one row's next save (still bumps past the database's).
    void setRowCheckingEnabled(int row, bool enabled);

    /// Makes the pending-edit changes until endPendingStep() one step (a paste, a form's
    /// fields), named @p name (empty: named after what it changed). Steps nest; the
    /// outermost is reported by pendingStepTaken().
    void beginPendingStep(const QString &name = QString());
    void endPendingStep();
    /// Puts the pending edits of the rows in @p state back as they were when it was taken
    /// (undo, redo); other rows are left alone. Nothing is written to the database.
    void restorePendingState(const PendingState &state);

Q_SIGNALS:
    /// The exact row count arrived (after an estimate) or a read found the table's end
    /// elsewhere; rows were inserted or removed at the end to match.
    void rowCountSettled(int rows, bool exact);
    /// The landmarks of the query shown arrived: far jumps no longer count rows.
    void landmarksReady();
    void conflictDetected(const Concord::Conflict &conflict);
    void submitted(const Concord::SubmitResult &result);
    void rowsStale(const QList<QVariant> &pks);
    void pendingChanged(int count);
    /// The pending edits changed by one step (an edit, a paste, an insert, a revert…);
    /// @p step holds the touched rows' state before and after, for an undo history.
    void pendingStepTaken(const Concord::VersionedTableModel::PendingStep &step);
    /// Steps reported before can no longer be put back: a save wrote rows (@p bySave), or
    /// the table was set again.
    void pendingStepsInvalidated(bool bySave);

protected:
    void queryChange() override;
    QString selectStatement() const override;

private:
    struct Pending
    {
        RowEdit::Op op = RowEdit::Op::Update;
        QVariant pk;
        QVariant version;             // as loaded
        QVector<QVariant> base;       // every column as loaded (empty for an insert)
        QMap<int, QVariant> changes;  // column -> edited value (a QHash costs ~1 KiB per row)
        RowOutcome::Status status = RowOutcome::Status::NotAttempted;
        std::shared_ptr<const Conflict> conflict; ///< a pointer keeps the buffer's entries small
        QString error;
        bool noCheck = false;
    };

    // The step being recorded: the touched rows' entries as they were before it.
    struct Journal
    {
        int depth = 0;
        bool restoring = false;
        bool invalid = false;           // a save inside the step wrote rows: nothing to report
        bool kindSet = false;
        bool columnSet = false;
        PendingChange change = PendingChange::Group;
        int column = -1;
        int rows = 0;
        QString name;
        QSet<QString> keys;
        std::vector<std::pair<QString, std::optional<Pending>>> before;
        bool inserts = false;
        QList<Pending> insertsBefore;
    };
    class StepScope;
    void openStep(PendingChange change, int column, int rows);
    void closeStep();
    void noteKey(const QString &key);
    void noteInserts();

    int queryRowCount() const;
    /// A row's value as read from the database (before any edit); reads its page if needed.
    QVariant queryValue(int row, int column) const;
    RowPages::Query pageQuery() const;
    void countRows();
    /// The database's figure for the rows shown, read at once; nothing where it has none.
    std::optional<qint64> estimatedRows() const;
    void startLandmarks();
    RowCounter *counter();
    void applyCount(int rows, bool exact);
    void applyCountCorrection();
    QString keyOfQueryRow(int row) const;
    Pending *pendingAt(int row);
    const Pending *pendingAt(int row) const;
    Pending &pendingFor(int row);
    QVariant loadedValue(int row, int column) const;
    RowState stateOf(const Pending *pending) const;
    QString toolTipFor(const Pending *pending, int column) const;
    void emitRowChanged(int row);
    void emitAllChanged();
    RowEdit toEdit(const Pending &pending) const;
    QVariantMap fullBase(const Pending &pending) const;
    QVector<QVariant> rowValues(int row) const;
    SubmitResult submitSelected(const SubmitOptions &options, const QSet<QString> *onlyKeys,
                                const QSet<int> *onlyInserts);
    struct KeyHash
    {
        size_t operator()(const QString &key) const noexcept { return qHash(key); }
    };
    using PendingMap = std::unordered_map<QString, Pending, KeyHash>;
    void applyResult(const SubmitResult &result, const std::vector<PendingMap::iterator> &keys, int insertTagBase);

    void bindWriter();
    QVariant referenceLabel(int row, int column) const;

    std::shared_ptr<Session> m_session;
    std::unique_ptr<BatchSubmitter> m_submitter;
    VersionedWriter *m_writer = nullptr;   // the Session's; bound again whenever it forgets the table
    QVector<bool> m_normalize;      // per column: whether a read value needs ColumnInfo::normalized()
    int m_pkColumn = -1;
    int m_versionColumn = -1;
    SubmitPolicy m_submitPolicy = SubmitPolicy::Silent;
    QString m_user;
    bool m_changeLog = true;
    // Existing rows, keyed by the key's text. Node-based: an edit's entry never moves
    // (QHash moves its entries as it grows, a cost per edit that showed in profiles).
    PendingMap m_pending;
    quint64 m_pendingChanges = 0;       // counts entries added or removed: a save's held entries stay valid while it holds
    QList<Pending> m_inserts;            // new rows, shown after the loaded ones
    QSet<QString> m_stale;
    QSet<QString> m_unchecked;                   // rows saved without a version check
    QHash<QString, QVector<QVariant>> m_reloaded; // rows saved or re-read since the last select
    mutable int m_lastKeyRow = -1;
    mutable quint64 m_lastKeyGeneration = 0;
    mutable QString m_lastKey;
    SubmitResult m_lastResult;
    Journal m_journal;
    mutable std::unique_ptr<ReferenceLabels> m_labels; // made on the first label asked for

    // Rows are read a page at a time, by statements that each run to their end: a
    // half-read statement would hold a read lock on a SQLite file (keeping every other
    // writer out), and QPSQL reads a whole result into the client. Pages far from what is
    // shown are dropped. QSqlTableModel only provides the columns, filter and sort.
    bool m_paged = false;
    bool m_selectingColumns = false;   // select() asks QSqlTableModel for the columns only
    mutable RowPages m_pages;
    mutable bool m_correctionQueued = false;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    int m_backgroundCountFrom = 50000;
    int m_landmarksFrom = 100000;
    QPointer<RowCounter> m_counter;   // not a child: it may outlive the model (retire())
    quint64 m_countTicket = 0;
};

/// The pending edits of some rows at one moment, for undo and redo. Cheap to keep: the
/// rows' values are shared with the model's, never the whole table.
class VersionedTableModel::PendingState
{
public:
    bool isEmpty() const { return m_rows.empty() && !m_hasInserts; }

private:
    friend class VersionedTableModel;
    std::vector<std::pair<QString, std::optional<Pending>>> m_rows; // key -> entry, or none
    bool m_hasInserts = false;
    QList<Pending> m_inserts;
};

/// One step of pending-edit changes: what it was and the touched rows before and after.
struct VersionedTableModel::PendingStep
{
    PendingChange change = PendingChange::Group;
    int column = -1;    ///< the one column edited, or -1
    int rows = 0;       ///< how many rows (or cells, for an Edit) the step changed
    QString name;       ///< the name given to beginPendingStep(), or empty
    PendingState before;
    PendingState after;
};

} // namespace Concord
