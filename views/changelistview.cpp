#include "changelistview.h"

#include "changewatcher.h"
#include "checkedrows.h"
#include "checkheaderview.h"
#include "columnmenu.h"
#include "lookupdialog.h"
#include "rowstatedelegate.h"
#include "valueeditor.h"
#include "versionedtablemodel.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QContextMenuEvent>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMenu>
#include <QScrollBar>
#include <QSqlDriver>
#include <QTimer>
#include <QToolTip>

#include <algorithm>

namespace Concord {

namespace {

// One frame at 60 Hz: work left for after the first paint waits this long.
constexpr int afterPaintMs = 16;
// Rows measured when the columns are sized to their contents.
constexpr int columnSizingRows = 100;

} // namespace

ChangeListView::ChangeListView(QWidget *parent)
    : QTableView(parent)
    , m_delegate(new RowStateDelegate(this))
    , m_checkHeader(new CheckHeaderView(this))
    , m_checked(new CheckedRows(this))
    , m_checkAll(new QCheckBox(this))
    , m_setNull(new QAction(tr("Set to &NULL"), this))
{
    setItemDelegate(m_delegate);
    setVerticalHeader(m_checkHeader);
    m_checkHeader->setCheckedRows(m_checked);
    // The corner holds the "every row in the list" checkbox (placed in updateGeometries()).
    m_checkAll->setTristate(true);
    m_checkAll->setFocusPolicy(Qt::NoFocus);
    m_checkAll->setToolTip(tr("Check every row in the list, or uncheck all"));
    m_checkAll->setAccessibleName(tr("Check all rows"));
    connect(m_checkAll, &QCheckBox::clicked, this, [this] {
        m_checked->setAllChecked(m_checked->state() != Qt::Checked);
        updateCheckAll();
    });
    connect(m_checked, &CheckedRows::changed, this, &ChangeListView::updateCheckAll);
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
    // Sizing columns to their contents measures the rows of about a screen, not Qt's
    // default 1,000: those would be read from the database (four pages) for no row shown.
    horizontalHeader()->setResizeContentsPrecision(columnSizingRows);
    m_columnMenu = new ColumnMenu(horizontalHeader());
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    // QSqlTableModel::sort() is setSort() + select(): the database sorts, rows load in pages.
    setSortingEnabled(true);
    // The watcher reads only the rows on screen: tell it whenever they change.
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, &ChangeListView::updateWatchedRows);

    // Clearing a text cell stores '' (a value): NULL is entered on purpose, here.
    m_setNull->setShortcut(setNullShortcut());
    m_setNull->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_setNull->setToolTip(tr("Store NULL (no value) in the current cell"));
    addAction(m_setNull);
    connect(m_setNull, &QAction::triggered, this, &ChangeListView::setCurrentToNull);
    connect(m_delegate, &RowStateDelegate::editRefused, this, &ChangeListView::showRefusal);
    connect(m_delegate, &RowStateDelegate::lookupRequested, this, &ChangeListView::lookUp);
}

void ChangeListView::lookUp(QWidget *editor, const QPersistentModelIndex &index)
{
    if (!m_model || !index.isValid())
        return;
    // The drop-down closes first, leaving the cell as it was; the row picked is then
    // checked and stored like a key typed into it.
    closeEditor(editor, QAbstractItemDelegate::NoHint);
    auto *dialog = new LookupDialog(m_model->referenceLabels(), m_model->columnInfo(index.column()), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, index] {
        const QVariant key = dialog->selectedKey();
        if (!m_model || !index.isValid() || !key.isValid())
            return;
        const Result<QVariant> checked = ValueEditor::check(*m_model, index.column(), key);
        if (!checked)
            showRefusal(index, checked.error().message);
        else if (checked->toString() != index.data(Qt::EditRole).toString())
            m_model->setData(index, *checked, Qt::EditRole);
    });
    dialog->open();
}

QKeySequence ChangeListView::setNullShortcut()
{
    return QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete);
}

void ChangeListView::showRefusal(const QModelIndex &index, const QString &message)
{
    // Next to the cell for the person looking at it; the signal for a status bar.
    if (index.isValid() && isVisible())
        QToolTip::showText(viewport()->mapToGlobal(visualRect(index).bottomLeft()), message, viewport());
    emit editRefused(message);
}

bool ChangeListView::setCurrentToNull()
{
    const QModelIndex index = currentIndex();
    if (!m_model || !index.isValid())
        return false;
    if (state() == QAbstractItemView::EditingState) {
        // The open editor would write its text over the NULL when it closes: drop it first.
        QWidget *editor = QApplication::focusWidget();
        while (editor && editor->parentWidget() != viewport())
            editor = editor->parentWidget();
        if (editor)
            closeEditor(editor, QAbstractItemDelegate::NoHint);
    }
    const QString column = m_model->headerData(index.column(), Qt::Horizontal).toString();
    if (!(m_model->flags(index) & Qt::ItemIsEditable)) {
        showRefusal(index, tr("%1 cannot be edited here.").arg(column));
        return false;
    }
    const Result<QVariant> checked = m_model->checkValue(index.column(), QVariant());
    if (!checked) {
        showRefusal(index, checked.error().message);
        return false;
    }
    const QVariant value = index.data(Qt::EditRole);
    if (value.isNull() && !index.data(VersionedTableModel::DefaultRole).toBool())
        return true;
    return m_model->setData(index, QVariant(), Qt::EditRole);
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
    m_checked->setModel(model);
    if (m_model) {
        m_watcher = new ChangeWatcher(m_model, this);
        m_watcher->setInterval(1000);
        connect(m_model, &QAbstractItemModel::modelReset, this, &ChangeListView::onModelReset);
        connect(m_model, &QAbstractItemModel::rowsInserted, this, &ChangeListView::updateWatchedRows);
        // More rows in the list: "all checked" may have become "some".
        connect(m_model, &QAbstractItemModel::rowsInserted, this, &ChangeListView::updateCheckAll);
        connect(m_model, &QAbstractItemModel::rowsRemoved, this, &ChangeListView::updateCheckAll);
        // A model deleted under the grid takes its watcher along, before its connection goes.
        connect(m_model, &QObject::destroyed, this, [this] {
            delete m_watcher;
            m_watchedTable.clear();
            m_model = nullptr;
            m_checked->setModel(nullptr);
            updateCheckAll();
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
    updateCheckAll();
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
    m_watchAfterPaint = false;
    if (table.isEmpty()) {
        m_watcher->stop();
        return;
    }
    // The rows first: the old table's watching stops now, the new one starts once the
    // grid has been painted (viewportEvent()), also when the grid is shown only later.
    m_watcher->stop();
    m_watchAfterPaint = true;
    viewport()->update();
}

void ChangeListView::startWatcher()
{
    if (!m_watcher || !m_model || m_model->tableName() != m_watchedTable)
        return;
    // An unversioned table is simply not watched; start() says why in lastError().
    m_watcher->start();
}

bool ChangeListView::viewportEvent(QEvent *event)
{
    const bool handled = QTableView::viewportEvent(event);
    if (event->type() != QEvent::Paint)
        return handled;
    // A frame after this paint, so that it is on screen and input that came meanwhile is
    // served first: the rest of a big table's row header, then the watcher.
    if (m_checkHeader->hasRowsHeldBack())
        QTimer::singleShot(afterPaintMs, m_checkHeader, &CheckHeaderView::releaseRows);
    if (m_watchAfterPaint) {
        m_watchAfterPaint = false;
        QTimer::singleShot(afterPaintMs, this, &ChangeListView::startWatcher);
    }
    return handled;
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

void ChangeListView::updateGeometries()
{
    QTableView::updateGeometries();
    // Over the corner between the headers, lined up with the row checkboxes below it.
    const QHeaderView *rows = verticalHeader();
    const QHeaderView *columns = horizontalHeader();
    const int indicator = style()->pixelMetric(QStyle::PM_IndicatorWidth, nullptr, m_checkAll);
    const int left = rows->x() + (m_checkHeader->checkAreaWidth() - indicator) / 2;
    m_checkAll->setGeometry(left, columns->y(), indicator + 2, columns->height());
    m_checkAll->setVisible(rows->isVisible() && columns->isVisible());
    m_checkAll->raise();
}

void ChangeListView::updateCheckAll()
{
    const Qt::CheckState state = m_checked->state();
    if (m_checkAll->checkState() != state)
        m_checkAll->setCheckState(state);
    m_checkAll->setEnabled(m_model && m_model->rowCount() > 0);
}

void ChangeListView::toggleCheckedRows()
{
    if (!m_model)
        return;
    QList<int> rows = selectedRows();
    const int current = currentIndex().isValid() ? currentIndex().row() : (rows.isEmpty() ? -1 : rows.first());
    if (current < 0)
        return;
    if (!rows.contains(current))
        rows = {current};
    m_checked->setRowsChecked(rows, !m_checked->isChecked(current));
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

    // Every row is addressable after select(): the scroll bar keeps its place, and the
    // rows there are read when painted.
    m_model->select();
    // The scroll bars' ranges follow the new rows only after a layout pass.
    executeDelayedItemsLayout();
    updateGeometries();
    // The current row first: moving it scrolls the view, which the saved position then undoes.
    if (currentKey.isValid()) {
        const int row = m_model->findRow(currentKey).value_or(-1);
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
    if (event->key() == Qt::Key_Space && event->modifiers() == Qt::NoModifier
        && state() != QAbstractItemView::EditingState && m_model) {
        // Space checks, as in a list of checkboxes; typing any other key still edits a cell.
        toggleCheckedRows();
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_Delete && event->modifiers() == Qt::NoModifier
        && state() != QAbstractItemView::EditingState && m_model) {
        // Marks the rows for deletion; Save deletes them, checked against their versions.
        const QList<int> rows = selectedRows();
        m_model->beginPendingStep(); // one undo step for the selection
        for (auto it = rows.crbegin(); it != rows.crend(); ++it)
            m_model->removeRows(*it, 1);
        m_model->endPendingStep();
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
    // The cell clicked is the one "Set to NULL" works on.
    selectionModel()->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
    const auto state = m_model->rowState(row);
    const bool conflicting = state == VersionedTableModel::RowState::Conflict
            || state == VersionedTableModel::RowState::Gone;

    QMenu menu(this);
    QAction *resolve = menu.addAction(tr("Resolve conflict…"));
    resolve->setEnabled(conflicting);
    QAction *open = menu.addAction(tr("Open record…"));
    QAction *history = menu.addAction(tr("History of this row"));
    menu.addSeparator();
    menu.addAction(m_setNull);
    m_setNull->setEnabled(m_model->flags(index) & Qt::ItemIsEditable);
    QAction *check = menu.addAction(m_checked->isChecked(row) ? tr("Uncheck selected rows") : tr("Check selected rows"));
    check->setShortcut(Qt::Key_Space);
    check->setEnabled(m_checked->isCheckable(row));
    QAction *revert = menu.addAction(tr("Revert selected rows"));
    revert->setEnabled(m_model->isRowDirty(row) || selectedRows().size() > 1);
    if (conflicting)
        menu.setDefaultAction(resolve);

    QAction *chosen = menu.exec(event->globalPos());
    // The shortcut stays live for the other cells (they are checked when it fires).
    m_setNull->setEnabled(true);
    if (chosen == resolve)
        emit resolveRequested(row);
    else if (chosen == open)
        emit recordRequested(row);
    else if (chosen == history)
        emit historyRequested(row);
    else if (chosen == check)
        m_checked->setRowsChecked(selectedRows(), !m_checked->isChecked(row));
    else if (chosen == revert)
        emit revertRequested(selectedRows());
}

} // namespace Concord
