#include "changelistview.h"

#include "changewatcher.h"
#include "rowstatedelegate.h"
#include "versionedtablemodel.h"

#include <QContextMenuEvent>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMenu>
#include <QScrollBar>
#include <QSqlDriver>

#include <algorithm>

namespace Concord {

ChangeListView::ChangeListView(QWidget *parent)
    : QTableView(parent)
    , m_delegate(new RowStateDelegate(this))
{
    setItemDelegate(m_delegate);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    // Double-click opens the record form, so cells are edited by typing, F2 or a second click.
    setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::AnyKeyPressed
                    | QAbstractItemView::SelectedClicked);
    setAlternatingRowColors(true);
    setWordWrap(false);
    setCornerButtonEnabled(false);
    horizontalHeader()->setHighlightSections(false);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setSortIndicatorShown(true);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    verticalHeader()->setDefaultAlignment(Qt::AlignCenter);
    // QSqlTableModel::sort() is setSort() + select(): the database sorts, rows load in pages.
    setSortingEnabled(true);
    // The watcher reads only the rows on screen: tell it whenever they change.
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, &ChangeListView::updateWatchedRows);
}

void ChangeListView::setVersionedModel(VersionedTableModel *model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    // A watcher belongs to one model: the old one stops (closing its connection) with it.
    delete m_watcher;
    m_watchedTable.clear();
    m_model = model;
    setModel(model);
    if (m_model) {
        m_watcher = new ChangeWatcher(m_model, this);
        m_watcher->setInterval(1000);
        connect(m_model, &QAbstractItemModel::modelReset, this, &ChangeListView::onModelReset);
        connect(m_model, &QAbstractItemModel::rowsInserted, this, &ChangeListView::updateWatchedRows);
        // A model deleted under the grid takes its watcher along, before its connection goes.
        connect(m_model, &QObject::destroyed, this, [this] {
            delete m_watcher;
            m_watchedTable.clear();
            m_model = nullptr;
        });
        onModelReset();
    }
}

ChangeWatcher *ChangeListView::changeWatcher() const
{
    return m_watcher;
}

void ChangeListView::onModelReset()
{
    watchTable();
    updateWatchedRows();
}

void ChangeListView::watchTable()
{
    if (!m_watcher || !m_model)
        return;
    const QString table = m_model->tableName();
    // select() resets the model too (refresh, sort): the watcher rechecks the screen by
    // itself then, so only a new table (setTable() needs a new start()) restarts it, which
    // keeps its connection instead of opening a new one on every reload.
    if (table == m_watchedTable)
        return;
    m_watchedTable = table;
    if (table.isEmpty()) {
        m_watcher->stop();
        return;
    }
    // An unversioned table is simply not watched; start() says why in lastError().
    m_watcher->start();
}

void ChangeListView::updateWatchedRows()
{
    if (!m_watcher || !m_model)
        return;
    const int first = std::max(0, rowAt(0));
    int last = rowAt(viewport()->height() - 1);
    // Below the last row rowAt() finds nothing: every row down to the end is on screen.
    if (last < 0)
        last = m_model->rowCount() - 1;
    m_watcher->setVisibleRows(first, std::max(first, last));
}

void ChangeListView::resizeEvent(QResizeEvent *event)
{
    QTableView::resizeEvent(event);
    updateWatchedRows();
}

QList<int> ChangeListView::selectedRows() const
{
    QList<int> rows;
    if (!selectionModel())
        return rows;
    const QModelIndexList selected = selectionModel()->selectedRows();
    for (const QModelIndex &index : selected)
        rows.append(index.row());
    std::sort(rows.begin(), rows.end());
    return rows;
}

void ChangeListView::refresh()
{
    if (!m_model)
        return;
    const int vertical = verticalScrollBar()->value();
    const int horizontal = horizontalScrollBar()->value();
    const QModelIndex current = currentIndex();
    const QVariant currentKey = current.isValid() ? m_model->keyAt(current.row()) : QVariant();
    const int currentColumn = current.column();
    const int rowsShown = m_model->rowCount();

    m_model->select();
    // select() loads the first page only: load as far as the user had scrolled before
    // restoring the scroll bar, or the position would be clamped to the first page.
    while (m_model->rowCount() < rowsShown && m_model->canFetchMore())
        m_model->fetchMore();
    // The scroll bars' ranges follow the new rows only after a layout pass.
    executeDelayedItemsLayout();
    updateGeometries();
    // The current row first: moving it scrolls the view, which the saved position then undoes.
    if (currentKey.isValid()) {
        const int row = m_model->rowForKey(currentKey);
        if (row >= 0)
            selectionModel()->setCurrentIndex(m_model->index(row, std::max(currentColumn, 0)), QItemSelectionModel::NoUpdate);
    }
    verticalScrollBar()->setValue(vertical);
    horizontalScrollBar()->setValue(horizontal);
}

void ChangeListView::keyPressEvent(QKeyEvent *event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter && state() != QAbstractItemView::EditingState && currentIndex().isValid()) {
        emit recordRequested(currentIndex().row());
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_Delete && state() != QAbstractItemView::EditingState && m_model) {
        // Marks the rows for deletion; Save deletes them, checked against their versions.
        const QList<int> rows = selectedRows();
        for (auto it = rows.crbegin(); it != rows.crend(); ++it)
            m_model->removeRows(*it, 1);
        event->accept();
        return;
    }
    QTableView::keyPressEvent(event);
}

void ChangeListView::mouseDoubleClickEvent(QMouseEvent *event)
{
    const QModelIndex index = indexAt(event->position().toPoint());
    if (index.isValid() && event->button() == Qt::LeftButton) {
        emit recordRequested(index.row());
        event->accept();
        return;
    }
    QTableView::mouseDoubleClickEvent(event);
}

void ChangeListView::contextMenuEvent(QContextMenuEvent *event)
{
    const QModelIndex index = indexAt(event->pos());
    if (!index.isValid() || !m_model)
        return;
    const int row = index.row();
    if (!selectionModel()->isRowSelected(row, QModelIndex()))
        selectRow(row);
    const auto state = m_model->rowState(row);
    const bool conflicting = state == VersionedTableModel::RowState::Conflict
            || state == VersionedTableModel::RowState::Gone;

    QMenu menu(this);
    QAction *resolve = menu.addAction(tr("Resolve conflict…"));
    resolve->setEnabled(conflicting);
    QAction *open = menu.addAction(tr("Open record…"));
    QAction *history = menu.addAction(tr("History of this row"));
    menu.addSeparator();
    QAction *revert = menu.addAction(tr("Revert selected rows"));
    revert->setEnabled(m_model->isRowDirty(row) || selectedRows().size() > 1);
    if (conflicting)
        menu.setDefaultAction(resolve);

    QAction *chosen = menu.exec(event->globalPos());
    if (chosen == resolve)
        emit resolveRequested(row);
    else if (chosen == open)
        emit recordRequested(row);
    else if (chosen == history)
        emit historyRequested(row);
    else if (chosen == revert)
        emit revertRequested(selectedRows());
}

} // namespace Concord
