#pragma once

#include <QList>
#include <QPoint>
#include <QPointer>
#include <QString>
#include <QTableView>

namespace Concord {

class ChangeWatcher;
class RowStateDelegate;
class VersionedTableModel;

/// The change list: a grid on a VersionedTableModel with list-editable cells, rows
/// selected whole, sorting done by the database (so paging stays lazy and edits, keyed
/// by primary key, stay on their rows), and a refresh that keeps the scroll position.
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

    /// Reloads from the database keeping pending edits, the scroll position and the current row.
    void refresh();

    RowStateDelegate *rowStateDelegate() const { return m_delegate; }

    /// The watcher that marks rows someone else saved (StaleRole) while they are on screen;
    /// nullptr when no model is shown. It follows the model's table and the scrolled rows.
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

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void onModelReset();
    void watchTable();
    void updateWatchedRows();

    VersionedTableModel *m_model = nullptr;
    RowStateDelegate *m_delegate = nullptr;
    QPointer<ChangeWatcher> m_watcher;
    QString m_watchedTable;   // the table the watcher was last started on
};

} // namespace Concord
