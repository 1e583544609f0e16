#pragma once

#include <QList>
#include <QPoint>
#include <QPointer>
#include <QString>
#include <QKeySequence>
#include <QTableView>

class QAction;
class QCheckBox;

namespace Concord {

class ChangeWatcher;
class CheckHeaderView;
class ColumnMenu;
class CheckedRows;
class RowStateDelegate;
class VersionedTableModel;

/// The change list: a grid on a VersionedTableModel with list-editable cells, rows
/// selected whole, sorting done by the database (so paging stays lazy and edits, keyed
/// by primary key, stay on their rows), and a refresh that keeps the scroll position.
/// The row header is the selection column: a checkbox per row for the action bar
/// (Space toggles the selected rows), and one in the corner for every row in the list.
class ChangeListView : public QTableView
{
    Q_OBJECT

public:
    explicit ChangeListView(QWidget *parent = nullptr);

    /// Shows @p model (not owned).
    void setVersionedModel(VersionedTableModel *model);
    VersionedTableModel *versionedModel() const { return m_model; }

    /// The selected rows, ascending.
    QList<int> selectedRows() const;

    /// The rows checked for actions, keyed by primary key (kept across sort and refresh).
    CheckedRows *checkedRows() const { return m_checked; }
    /// The row header with the checkboxes.
    CheckHeaderView *checkHeader() const { return m_checkHeader; }
    /// The corner checkbox: every row in the list checked, some, or none.
    QCheckBox *checkAllBox() const { return m_checkAll; }
    /// Toggles the checks of the selected rows, or of the current row if it is not among
    /// them, to the opposite of the current row's (what Space does).
    void toggleCheckedRows();

    /// Reloads from the database keeping pending edits, the scroll position and the current row.
    void refresh();

    RowStateDelegate *rowStateDelegate() const { return m_delegate; }
    /// The column header's menu: hide and show columns.
    ColumnMenu *columnMenu() const { return m_columnMenu; }

    /// "Set to NULL" on the current cell (Ctrl+Shift+Del; in the cell's context menu, and
    /// for a main window's Edit menu).
    QAction *setNullAction() const { return m_setNull; }
    /// The shortcut of setNullAction().
    static QKeySequence setNullShortcut();
    /// Stores NULL in the current cell; a NOT NULL column or a cell that cannot be edited
    /// refuses it with editRefused(). Returns whether the cell now holds NULL.
    bool setCurrentToNull();

    /// The watcher that marks rows someone else saved (StaleRole) while they are on screen;
    /// nullptr when no model is shown. It follows the model's table and the scrolled rows.
    /// It starts on a new table once the grid has painted that table's first rows: its setup
    /// costs round trips (on PostgreSQL a trigger and a LISTEN), and a hidden grid shows no
    /// marks.
    ChangeWatcher *changeWatcher() const;

Q_SIGNALS:
    /// The user asked to open @p row in the record form (double-click or Enter).
    void recordRequested(int row);
    /// The user asked to resolve the conflict of @p row.
    void resolveRequested(int row);
    /// The user asked to drop the pending edits of @p rows.
    void revertRequested(const QList<int> &rows);
    /// The user asked for the change history of @p row.
    void historyRequested(int row);
    /// An edit was refused when it was made (a value the column does not take, a foreign
    /// key with no row, NULL in a NOT NULL column); @p message is one sentence saying why.
    void editRefused(const QString &message);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void updateGeometries() override;
    bool viewportEvent(QEvent *event) override;

private:
    void onModelReset();
    void watchTable();
    void startWatcher();
    void updateWatchedRows();
    void updateCheckAll();
    void showRefusal(const QModelIndex &index, const QString &message);
    void lookUp(QWidget *editor, const QPersistentModelIndex &index);

    VersionedTableModel *m_model = nullptr;
    RowStateDelegate *m_delegate = nullptr;
    CheckHeaderView *m_checkHeader = nullptr;
    CheckedRows *m_checked = nullptr;
    QCheckBox *m_checkAll = nullptr;
    QAction *m_setNull = nullptr;
    ColumnMenu *m_columnMenu = nullptr;
    QPointer<ChangeWatcher> m_watcher;
    QString m_watchedTable;   // the table the watcher was last started on
    bool m_watchAfterPaint = false; // start the watcher once the grid has been painted
};

} // namespace Concord
