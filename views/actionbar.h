#pragma once

#include "actionrunner.h"
#include "adminaction.h"
#include "rowsnapshot.h"
#include "submitresult.h"

#include <QHash>
#include <QList>
#include <QPointer>
#include <QSet>
#include <QVariantMap>
#include <QWidget>

#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QItemSelectionModel;
class QLabel;
class QPushButton;

namespace Concord {

class CheckedRows;
class FittingLabel;
class VersionedTableModel;

/// The action bar above the change list: pick an action, run it on the checked rows (or
/// on every row matching the filter), see the report. Every action runs on the
/// (primary key, version) pairs the person saw, so a row changed since is never touched.
class ActionBar : public QWidget
{
    Q_OBJECT

public:
    explicit ActionBar(QWidget *parent = nullptr);

    /// Acts on the rows of @p model selected in @p selection (neither owned).
    void setModel(VersionedTableModel *model, QItemSelectionModel *selection);
    /// Acts on the rows checked in @p rows (not owned) when any is; on the selected rows
    /// only when none is.
    void setCheckedRows(CheckedRows *rows);

    /// Adds an action to the list (after "Delete selected" and "Set a column…").
    void registerAction(const AdminAction &action);
    QStringList actionNames() const;

    /// The rows the next action runs on: the snapshot taken by selectAllMatching(), else
    /// the checked rows as shown, else the selected rows as shown. The snapshot is read
    /// into memory whole here: actions run on it a chunk at a time instead.
    QList<RowRef> selection() const;
    /// How many rows the next action runs on.
    qint64 selectionCount() const;
    /// Takes (pk, version) of every row matching the model's filter, now, a chunk at a time
    /// into a temporary file (with a progress dialog that can cancel on long reads), and
    /// checks every row in the list to show it.
    bool selectAllMatching();
    /// The snapshot selectAllMatching() took, or null.
    std::shared_ptr<RowSnapshot> matchingSnapshot() const { return m_allMatching ? m_matching : nullptr; }
    /// Rows a "select all" snapshot reads a statement and an action on it does a chunk.
    void setChunkSize(int rows) { m_chunkSize = rows; }
    /// How long reading a snapshot or running an action on it goes before its progress
    /// dialog shows (default 400 ms).
    void setProgressDelay(int ms) { m_progressDelayMs = ms; }
    /// Drops the "all matching" snapshot and every check.
    void clearSelection();
    bool isAllMatchingSelected() const { return m_allMatching; }

    /// What the bar says about the rows an action would run on ("3 rows checked.").
    QString countText() const;
    /// The same at shorter lengths, the whole first: the bar shows the longest that fits.
    QStringList countTexts() const;
    /// The "Select all N matching" / "Clear selection" button.
    QPushButton *selectAllButton() const { return m_selectAll; }

    /// Runs @p action on @p rows and reports; no confirmation is asked. Once it ran,
    /// the checks are dropped (the rows have new versions, or are gone).
    SubmitResult run(const AdminAction &action, const QList<RowRef> &rows);
    /// Runs @p action on the "select all" snapshot, a chunk at a time in one transaction,
    /// with a progress dialog whose Cancel rolls it all back; the result lists only the
    /// rows not done. Then as run().
    SubmitResult runOnMatching(const AdminAction &action);
    /// Runs @p action on @p snapshot as runOnMatching() does, skipping changed rows or not.
    SubmitResult runOnSnapshot(const AdminAction &action, const std::shared_ptr<RowSnapshot> &snapshot, bool skip);
    /// Runs the action chosen in the bar, asking first (the "Go" button).
    void runCurrent();

    /// Whether an action skips the rows changed since they were shown and runs on the others
    /// (on), or refuses to run at all when one changed (off, the default). The bar's check
    /// box; each confirmation offers the same choice and sets it.
    bool skipChanged() const;
    void setSkipChanged(bool skip);
    QCheckBox *skipChangedBox() const { return m_skipChanged; }
    /// "2 rows were done: …. 1 row skipped, changed or deleted by someone else since
    /// shown: …", for an action that ran with skipChanged() and skipped rows.
    static QString skippedSummary(const SubmitResult &result);

    /// Whether a report dialog opens after an action that did not touch every row.
    void setReportsShown(bool shown) { m_showReports = shown; }

Q_SIGNALS:
    /// An action ran (or was refused); the model should be reloaded.
    void actionFinished(const Concord::SubmitResult &result);

private:
    /// Runs the action chosen in the list on the selection, after its confirmation.
    void runChosen();
    /// Reads (key, version) of the rows matching the model's filter that @p keep keeps,
    /// with a progress dialog saying @p label; null when it failed (said) or was cancelled.
    std::shared_ptr<RowSnapshot> readSnapshot(const QString &label, const RowSnapshot::Keep &keep = {});
    SubmitResult execute(const AdminAction &action, const QList<RowRef> &rows, bool skipChanged);
    /// What every run ends with: the report's "as shown" values, the signal, the report.
    /// @p whole: the snapshot a refused run on many rows did nothing on, so that its retry
    /// runs on all of it again; null when the rows listed are all a retry needs.
    SubmitResult finish(SubmitResult result, const AdminAction &action, const QList<RowRef> &rows,
                        const std::shared_ptr<RowSnapshot> &whole = nullptr);
    /// The rows a confirmation names: the selection, or the first of the snapshot.
    QList<RowRef> shownSelection() const;
    void updateLabels();
    void clearAllMatching();
    int checkedCount() const;
    /// @p rows: the rows to name, the first @p total.
    bool confirmDelete(const QList<RowRef> &rows, qint64 total);
    bool confirmCustom(const AdminAction &action, const QList<RowRef> &rows, qint64 total);
    /// How many of @p rows the grid already marks stale (changed by someone else since shown);
    /// on an "all" selection, how many of all its rows would be found changed.
    int staleCount(const QList<RowRef> &rows) const;
    /// A confirmation's own "skip changed rows" box, starting as the bar's and setting it.
    QCheckBox *skipBoxFor(QWidget *dialog);
    std::optional<AdminAction> askSetField();
    /// The values of @p rows as the grid loaded them, keyed by the key's text; only rows it
    /// shows at the selected version.
    QHash<QString, QVariantMap> shownValues(const QList<RowRef> &rows) const;
    /// Before a refused action runs again: reads @p rows as they are now, names each row
    /// changed since it was shown (field, value shown → now; against @p shown) and each row
    /// deleted meanwhile, and asks. Returns the rows to run on, at their current versions,
    /// or nothing when the person cancels. @p others: rows that run too, not listed (the
    /// rest of a snapshot, which nobody changed as far as the refusal found).
    std::optional<QList<RowRef>> confirmRetry(const AdminAction &action, const QList<RowRef> &rows,
                                              const QHash<QString, QVariantMap> &shown, qint64 others = 0);
    /// Runs @p action again on @p whole, the rows listed in @p rows at the versions chosen
    /// in the confirmation (and those not chosen, or gone, left out).
    void retryWhole(const AdminAction &action, const std::shared_ptr<RowSnapshot> &whole, const QList<RowRef> &rows,
                    const QHash<QString, QVariantMap> &shown);
    void showReport(const SubmitResult &result, const AdminAction &action, const QList<RowRef> &rows,
                    const QHash<QString, QVariantMap> &shown, const std::shared_ptr<RowSnapshot> &whole);

    VersionedTableModel *m_model = nullptr;
    QItemSelectionModel *m_selection = nullptr;
    QPointer<CheckedRows> m_checked;
    bool m_checkingAllMatching = false;   // selectAllMatching() is checking the rows
    QList<AdminAction> m_custom;
    std::shared_ptr<RowSnapshot> m_matching;
    QSet<QString> m_staleWhenSelected;   // rows marked stale when "all matching" was taken
    std::optional<int> m_everyStale;     // an "every row" run: rows shown stale, counted as read
    int m_chunkSize;
    int m_progressDelayMs = 400;
    bool m_allMatching = false;
    bool m_showReports = true;
    QComboBox *m_actions = nullptr;
    QPushButton *m_go = nullptr;
    FittingLabel *m_count = nullptr;
    QPushButton *m_selectAll = nullptr;
    QCheckBox *m_skipChanged = nullptr;
};

} // namespace Concord
