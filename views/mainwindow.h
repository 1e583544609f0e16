#pragma once

#include "result.h"
#include "submitresult.h"

#include <QMainWindow>
#include <QPointer>
#include <QSqlDatabase>

class QAction;
class QComboBox;
class QDockWidget;
class QLabel;
class QLineEdit;
class QTimer;

namespace Concord {

class ActionBar;
class ChangeListView;
class EditUndoStack;
class GridClipboard;
class FilterChips;
class FilterPanel;
class FindBar;
class HistoryView;
class RowMerge;
class TableIndexView;
class VersionedTableModel;

/// Concord's main window: the tables on the left, the change list of the chosen table in
/// the middle with its action bar, the change history below. Save submits every pending
/// edit in one transaction under the policy chosen in the toolbar and shows, row by row,
/// what was saved and what someone else had changed.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Opens @p url (an SQLite path or a server URL, see ConnectionUrl) on a connection of
    /// the window's own, and shows its first table.
    Result<void> openUrl(const QString &url, const QString &password = QString());
    /// Shows @p db (kept open by the caller), labelled @p label in the status bar.
    void setDatabase(const QSqlDatabase &db, const QString &label);
    QSqlDatabase database() const { return m_db; }

    /// Shows @p table in the change list; false if it cannot be opened.
    bool openTable(const QString &table);
    QString currentTable() const;

    VersionedTableModel *model() const { return m_model; }
    ChangeListView *view() const { return m_view; }
    ActionBar *actionBar() const { return m_actionBar; }
    TableIndexView *tableIndex() const { return m_index; }
    HistoryView *history() const { return m_history; }
    /// The undo history of the pending edits (Edit menu, Ctrl+Z / Ctrl+Shift+Z).
    EditUndoStack *undoStack() const { return m_undo; }
    /// Copy and paste of the grid (Ctrl+C, Ctrl+Shift+C, Ctrl+V).
    GridClipboard *clipboard() const { return m_clipboard; }
    FilterPanel *filterPanel() const { return m_filterPanel; }
    FilterChips *filterChips() const { return m_chips; }
    FindBar *findBar() const { return m_findBar; }

    /// Saves every pending edit (Ctrl+S) with a progress dialog whose Cancel rolls back.
    SubmitResult save();
    /// Drops every pending edit, after asking when there is more than one (undoable).
    void revertAll();
    /// Drops the pending edits of the selected rows.
    void revertSelected();
    /// Reloads from the database keeping pending edits and the scroll position (F5).
    void refresh();

    void setSubmitPolicy(SubmitPolicy policy);
    SubmitPolicy submitPolicy() const;

    /// How long a save or action waits, in all, for rows someone else is saving before it
    /// reports them busy. Remembered between sessions.
    void setLockTimeout(int ms);
    int lockTimeout() const { return m_lockTimeoutMs; }

    /// Shows only rows where some column contains @p text (Ctrl+Shift+F). The text is bound as
    /// a quoted literal by the driver, never spliced into SQL.
    void setSearchText(const QString &text);
    /// Shows only rows whose @p column contains @p text (empty: no column filter).
    void setColumnFilter(const QString &column, const QString &text);
    /// The WHERE clause built from the search, the column filter and the filter panel.
    QString filterClause() const;

    /// The message shown after the last save or action.
    QString messageText() const;
    /// The status bar's texts: rows, pending edits, connection.
    QString rowCountText() const;
    QString pendingText() const;
    QString connectionText() const;
    /// The status bar's word on how changes by others are seen (ChangeWatcher::statusText()).
    QString watchingText() const;

    /// Whether the conflict report opens after a save or action that did not save every
    /// row (on by default; tests turn it off or read reportDialog()).
    void setReportsShown(bool shown);
    QDialog *reportDialog() const { return m_report; }

    /// Opens the merge dialog for a conflicting row and applies what was chosen; a merge,
    /// "keep mine" or re-create is written at once (that row only).
    bool resolveConflictAt(int row);
    /// Opens @p row (-1: a new row) in the record form.
    void openRecord(int row);

Q_SIGNALS:
    /// A save progressed (emitted from inside the progress callback).
    void saveProgress(int done, int total);
    /// A save finished (or was cancelled or refused).
    void saved(const Concord::SubmitResult &result);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createToolBar(QAction *open);
    /// The grid, the index, the action bar, the undo history and the clipboard, wired to this window.
    void connectViews();
    void createDocks();
    void openConnectionDialog();
    bool confirmLeavingEdits();
    void connectFilters();
    void applyFilter();
    void updateCounts();
    void goToRow();
    void updatePending(int count);
    void showMessage(const QString &text, const QString &kind);
    void showSaveResult(const SubmitResult &result);
    void showReport(const SubmitResult &result);
    void retryChangedRows(const SubmitResult &result);
    bool saveMergedRows(const QList<QVariant> &merged, QStringList &said);
    QString retryProblem(const RowOutcome &outcome) const;
    bool askForChoices(const QList<RowMerge> &needChoice, QStringList &said);
    QStringList aboutRows(const QList<QVariant> &pks, const char *text) const;

    /// What the merge dialog of one row led to.
    struct Resolved
    {
        bool applied = false;  ///< the person chose and the model took it (false: cancelled or failed)
        QString sentence;      ///< for the banner, without a full stop; empty when cancelled
        QString kind;          ///< the banner's kind for the sentence
    };
    /// Opens the merge dialog for @p row and applies (and writes) what the person chose.
    Resolved resolveRow(int row);
    /// "items 4", as the banner names a row.
    QString rowName(const QVariant &pk) const;
    void showHistory(const QString &table, const QVariant &pk);
    void releaseConnection();

    QSqlDatabase m_db;
    QString m_ownConnection;   // the connection openUrl() made, removed when replaced
    QString m_label;
    VersionedTableModel *m_model = nullptr;
    ChangeListView *m_view = nullptr;
    ActionBar *m_actionBar = nullptr;
    TableIndexView *m_index = nullptr;
    HistoryView *m_history = nullptr;
    EditUndoStack *m_undo = nullptr;
    GridClipboard *m_clipboard = nullptr;
    QDockWidget *m_historyDock = nullptr;
    FilterPanel *m_filterPanel = nullptr;
    FilterChips *m_chips = nullptr;
    FindBar *m_findBar = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_rowsLabel = nullptr;
    QLabel *m_pendingLabel = nullptr;
    QLabel *m_connectionLabel = nullptr;
    QLabel *m_watchLabel = nullptr;
    QComboBox *m_policy = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_filterColumn = nullptr;
    QLineEdit *m_filterText = nullptr;
    QTimer *m_filterTimer = nullptr;
    QAction *m_save = nullptr;
    QAction *m_revertAll = nullptr;
    QAction *m_revertSelected = nullptr;
    QAction *m_refresh = nullptr;
    QAction *m_find = nullptr;
    QPointer<QDialog> m_report;
    bool m_showReports = true;
    QString m_messageKind;
    /// The banner speaks of unsaved rows (a save's problems, stale edits): it goes when
    /// nothing is pending any more, by a revert, a merge or a later save.
    bool m_messageAboutPending = false;
    int m_lockTimeoutMs = 0;
};

} // namespace Concord
