#include "checkheaderview.h"

#include "checkedrows.h"
#include "headerrowsmodel.h"
#include "versionedtablemodel.h"

#include <QItemSelectionModel>
#include <QMouseEvent>
#include <QPainter>
#include <QStyleOptionButton>

#include <algorithm>

namespace Concord {

namespace {

constexpr int margin = 5; // around the checkbox, in pixels

} // namespace

CheckHeaderView::CheckHeaderView(QWidget *parent)
    : QHeaderView(Qt::Vertical, parent)
    , m_headerRows(new HeaderRowsModel(this))
    , m_headerSelection(new QItemSelectionModel(m_headerRows, this))
{
    // Its own reset or rows released: the grid's selection is shown again over the new rows.
    connect(m_headerRows, &QAbstractItemModel::modelReset, this, &CheckHeaderView::syncSelection);
    connect(m_headerRows, &QAbstractItemModel::rowsInserted, this, &CheckHeaderView::syncSelection);
    // The checkbox comes first; the row marker keeps to the right of it.
    setDefaultAlignment(Qt::AlignRight | Qt::AlignVCenter);
    setSectionsClickable(true);
    setHighlightSections(true);
}

void CheckHeaderView::setModel(QAbstractItemModel *model)
{
    m_headerRows->setSourceModel(model);
    QHeaderView::setModel(model ? m_headerRows : nullptr);
    if (model)
        QHeaderView::setSelectionModel(m_headerSelection);
}

void CheckHeaderView::setSelectionModel(QItemSelectionModel *selectionModel)
{
    // The grid's selection is on the grid's model: the header highlights a copy of it.
    if (m_gridSelection)
        disconnect(m_gridSelection, nullptr, this, nullptr);
    m_gridSelection = selectionModel;
    if (m_gridSelection) {
        connect(m_gridSelection, &QItemSelectionModel::selectionChanged, this, &CheckHeaderView::syncSelection);
        connect(m_gridSelection, &QItemSelectionModel::currentChanged, this, &CheckHeaderView::syncSelection);
        connect(m_gridSelection, &QItemSelectionModel::modelChanged, this, &CheckHeaderView::syncSelection);
    }
    syncSelection();
}

void CheckHeaderView::syncSelection()
{
    if (!m_gridSelection || m_gridSelection->model() != m_headerRows->sourceModel()) {
        m_headerSelection->clear();
        return;
    }
    const int rows = m_headerRows->rowCount();
    const int columns = m_headerRows->columnCount();
    QItemSelection copy;
    const QItemSelection selected = m_gridSelection->selection();
    for (const QItemSelectionRange &range : selected) {
        const int bottom = std::min(range.bottom(), rows - 1);
        const int right = std::min(range.right(), columns - 1);
        if (range.top() <= bottom && range.left() <= right)
            copy.select(m_headerRows->index(range.top(), range.left()), m_headerRows->index(bottom, right));
    }
    m_headerSelection->select(copy, QItemSelectionModel::ClearAndSelect);
    const QModelIndex current = m_gridSelection->currentIndex();
    m_headerSelection->setCurrentIndex(current.row() < rows && current.column() < columns
                                               ? m_headerRows->index(current.row(), current.column())
                                               : QModelIndex(),
                                       QItemSelectionModel::NoUpdate);
}

bool CheckHeaderView::hasRowsHeldBack() const
{
    return m_headerRows->isLimited();
}

void CheckHeaderView::releaseRows()
{
    m_headerRows->release();
}

void CheckHeaderView::setRowsBeforeRelease(int rows)
{
    m_headerRows->setRowLimit(rows);
}

int CheckHeaderView::rowsBeforeRelease() const
{
    return m_headerRows->rowLimit();
}

void CheckHeaderView::setCheckedRows(CheckedRows *rows)
{
    if (m_rows)
        disconnect(m_rows, nullptr, this, nullptr);
    m_rows = rows;
    m_anchor.clear();
    if (m_rows)
        connect(m_rows, &CheckedRows::changed, viewport(), qOverload<>(&QWidget::update));
    viewport()->update();
}

QRect CheckHeaderView::indicatorRect(const QRect &section) const
{
    const int width = style()->pixelMetric(QStyle::PM_IndicatorWidth, nullptr, this);
    const int height = style()->pixelMetric(QStyle::PM_IndicatorHeight, nullptr, this);
    return QRect(section.left() + margin, section.top() + (section.height() - height) / 2, width, height);
}

int CheckHeaderView::checkAreaWidth() const
{
    return style()->pixelMetric(QStyle::PM_IndicatorWidth, nullptr, this) + 2 * margin;
}

QRect CheckHeaderView::checkBoxRect(int row) const
{
    if (!m_rows || !m_rows->isCheckable(row))
        return QRect();
    const int position = sectionViewportPosition(row);
    if (position + sectionSize(row) <= 0 || position >= viewport()->height())
        return QRect();
    return indicatorRect(QRect(0, position, viewport()->width(), sectionSize(row)));
}

void CheckHeaderView::paintSection(QPainter *painter, const QRect &rect, int logicalIndex) const
{
    // The style leaves the painter clipped to nothing after a section (Fusion, Qt 6.4).
    painter->save();
    QHeaderView::paintSection(painter, rect, logicalIndex);
    painter->restore();
    if (!m_rows || !m_rows->isCheckable(logicalIndex))
        return;
    QStyleOptionButton option;
    option.initFrom(this);
    option.rect = indicatorRect(rect);
    option.state = QStyle::State_Enabled | (m_rows->isChecked(logicalIndex) ? QStyle::State_On : QStyle::State_Off);
    painter->save();
    style()->drawPrimitive(QStyle::PE_IndicatorCheckBox, &option, painter, this);
    painter->restore();
}

QSize CheckHeaderView::sectionSizeFromContents(int logicalIndex) const
{
    QSize size = QHeaderView::sectionSizeFromContents(logicalIndex);
    size.setWidth(size.width() + checkAreaWidth());
    return size;
}

int CheckHeaderView::checkableRowAt(const QPoint &pos) const
{
    if (!m_rows || pos.x() < 0 || pos.x() >= checkAreaWidth())
        return -1;
    const int row = logicalIndexAt(pos);
    return m_rows->isCheckable(row) ? row : -1;
}

void CheckHeaderView::toggle(int row, bool range)
{
    VersionedTableModel *model = m_rows->model();
    const bool checked = !m_rows->isChecked(row);
    QList<int> rows{row};
    // The anchor is a key, not a position: a sort between the two clicks still finds it.
    const int anchor = range && m_anchor.isValid() ? model->rowForKey(m_anchor) : -1;
    if (anchor >= 0) {
        rows.clear();
        for (int r = std::min(anchor, row); r <= std::max(anchor, row); ++r)
            rows.append(r);
    }
    m_anchor = model->keyAt(row);
    m_rows->setRowsChecked(rows, checked);
    m_dragState = checked;
    m_dragRow = row;
}

void CheckHeaderView::mousePressEvent(QMouseEvent *event)
{
    const int row = event->button() == Qt::LeftButton ? checkableRowAt(event->position().toPoint()) : -1;
    if (row < 0) {
        QHeaderView::mousePressEvent(event);
        return;
    }
    // Checking is not selecting: the row selection (and what Delete or Revert act on) stays.
    toggle(row, event->modifiers() & Qt::ShiftModifier);
    m_dragging = true;
    event->accept();
}

void CheckHeaderView::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_dragging) {
        QHeaderView::mouseMoveEvent(event);
        return;
    }
    const int row = logicalIndexAt(event->position().toPoint());
    if (m_rows && row >= 0 && m_dragRow >= 0 && row != m_dragRow) {
        // Every row passed over, also those a fast move skipped between two events.
        QList<int> rows;
        for (int r = std::min(m_dragRow, row); r <= std::max(m_dragRow, row); ++r)
            rows.append(r);
        m_rows->setRowsChecked(rows, m_dragState);
        m_dragRow = row;
    }
    event->accept();
}

void CheckHeaderView::mouseReleaseEvent(QMouseEvent *event)
{
    if (!m_dragging) {
        QHeaderView::mouseReleaseEvent(event);
        return;
    }
    m_dragging = false;
    event->accept();
}

void CheckHeaderView::mouseDoubleClickEvent(QMouseEvent *event)
{
    // Two quick clicks on a checkbox are two toggles, as on any checkbox.
    const int row = event->button() == Qt::LeftButton ? checkableRowAt(event->position().toPoint()) : -1;
    if (row < 0) {
        QHeaderView::mouseDoubleClickEvent(event);
        return;
    }
    toggle(row, false);
    m_dragging = true;
    event->accept();
}

} // namespace Concord
