#include "rowstatedelegate.h"

#include "changelistview.h"
#include "referenceeditor.h"
#include "rowstatepalette.h"
#include "valueeditor.h"
#include "valueformat.h"
#include "versionedtablemodel.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

namespace Concord {

namespace {

using RowState = VersionedTableModel::RowState;

// What the cell's text is measured against: its rectangle less the style's text margins.
int textWidth(const QStyleOptionViewItem &option)
{
    const QStyle *style = option.widget ? option.widget->style() : QApplication::style();
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, option.widget) + 1;
    return option.rect.width() - 2 * margin;
}

QString valueText(const QVariant &value, const ColumnInfo &column)
{
    return value.isNull() ? ValueFormat::nullText() : ValueFormat::text(value, column);
}

bool theyChangedCell(const QModelIndex &index)
{
    const QVariant theirs = index.data(VersionedTableModel::TheirValueRole);
    const QVariant loaded = index.data(VersionedTableModel::LoadedValueRole);
    return theirs.isValid() && theirs.toString() != loaded.toString();
}

} // namespace

RowStateDelegate::RowStateDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

QColor RowStateDelegate::stateColor(int rowState, bool stale)
{
    return RowStatePalette::background(RowState(rowState), stale);
}

QColor RowStateDelegate::background(const QModelIndex &index)
{
    const int state = index.data(VersionedTableModel::RowStateRole).toInt();
    const bool stale = index.data(VersionedTableModel::StaleRole).toBool();
    QColor color = stateColor(state, stale);
    if (!color.isValid())
        return color;
    const bool dirty = index.data(VersionedTableModel::DirtyRole).toBool();
    switch (RowState(state)) {
    case RowState::Edited:
        // The edited cell stands out from the rest of its row.
        return dirty ? color : color.lighter(112);
    case RowState::Conflict:
        // The cells they changed are the ones to look at.
        return theyChangedCell(index) || dirty ? color : color.lighter(115);
    default:
        return color;
    }
}

void RowStateDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    // The text from the column's type, not from QVariant's (which rounds doubles to six digits).
    const ColumnInfo column = ValueFormat::columnOf(index.model(), index.column());
    const QVariant value = index.data(Qt::DisplayRole);
    const bool isDefault = index.data(VersionedTableModel::DefaultRole).toBool();
    if (isDefault || value.isNull()) {
        // NULL and "default" are words in grey italics, never '' or 0.
        option->text = isDefault ? ValueFormat::defaultText() : ValueFormat::nullText();
        option->font = ValueFormat::placeholderFont(option->font);
        option->palette.setColor(QPalette::Text, ValueFormat::placeholderColor(option->palette));
    } else if (const std::optional<bool> flag = column.kind == ColumnInfo::Kind::Boolean ? ValueFormat::toBool(value)
                                                                                          : std::nullopt) {
        option->features |= QStyleOptionViewItem::HasCheckIndicator;
        option->checkState = *flag ? Qt::Checked : Qt::Unchecked;
        option->text.clear();
    } else {
        // A foreign key shows the row it refers to by its label; the key is in the tooltip.
        const QVariant label = index.data(VersionedTableModel::ReferenceLabelRole);
        option->text = label.isValid() ? label.toString() : ValueFormat::text(value, column);
    }
    const QColor color = background(index);
    if (color.isValid())
        option->backgroundBrush = color;
    if (matchesFind(index))
        option->backgroundBrush = findColor();
    const auto state = RowState(index.data(VersionedTableModel::RowStateRole).toInt());
    if (state == RowState::Deleted || state == RowState::Gone)
        option->font.setStrikeOut(true);
    if (index.data(VersionedTableModel::DirtyRole).toBool())
        option->font.setBold(true);
    if (index.data(VersionedTableModel::StaleRole).toBool())
        option->font.setItalic(true);
    if (state == RowState::Conflict && theyChangedCell(index)) {
        // Show what they saved next to what I typed; the tooltip has both in full.
        option->text = conflictText(option->text, valueText(index.data(VersionedTableModel::TheirValueRole), column),
                                    QFontMetrics(option->font), textWidth(*option));
    }
}

QString RowStateDelegate::conflictText(const QString &mine, const QString &theirs, const QFontMetrics &metrics, int width)
{
    const QString full = tr("%1 ≠ theirs: %2").arg(mine, theirs);
    if (metrics.horizontalAdvance(full) <= width)
        return full;
    // Cut at the end, "Lyon ≠ thei…" hid their value, the one to look at: each side keeps a share.
    const QString separator = QStringLiteral(" ≠ ");
    const int share = std::max(0, (width - metrics.horizontalAdvance(separator)) / 2);
    return metrics.elidedText(mine, Qt::ElideRight, share) + separator + metrics.elidedText(theirs, Qt::ElideRight, share);
}

QRect RowStateDelegate::currentCellFrame(const QRect &cellRect)
{
    return cellRect.adjusted(1, 1, -2, -2);
}

QColor RowStateDelegate::currentCellColor(const QPalette &palette, bool selected)
{
    return selected ? palette.color(QPalette::HighlightedText) : palette.color(QPalette::Highlight);
}

QString RowStateDelegate::toolTip(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem shown = option;
    initStyleOption(&shown, index);
    const ColumnInfo column = ValueFormat::columnOf(index.model(), index.column());
    QStringList lines;
    const auto state = RowState(index.data(VersionedTableModel::RowStateRole).toInt());
    if (state == RowState::Conflict && theyChangedCell(index)) {
        lines.append(tr("Yours: %1").arg(valueText(index.data(Qt::DisplayRole), column)));
        lines.append(tr("Theirs: %1").arg(valueText(index.data(VersionedTableModel::TheirValueRole), column)));
    } else if (const QVariant label = index.data(VersionedTableModel::ReferenceLabelRole); label.isValid()) {
        // A foreign key shows its label: the key behind it is one hover away.
        lines.append(tr("%1 (%2 %3)").arg(label.toString(), column.referencedTable,
                                          ValueFormat::text(index.data(Qt::EditRole), column)));
    } else if (!shown.text.isEmpty() && QFontMetrics(shown.font).horizontalAdvance(shown.text) > textWidth(shown)) {
        lines.append(shown.text);
    }
    const QString said = index.data(Qt::ToolTipRole).toString();
    if (!said.isEmpty())
        lines.append(said);
    return lines.join(QLatin1Char('\n'));
}

bool RowStateDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                                 const QModelIndex &index)
{
    if (!event || !view || event->type() != QEvent::ToolTip || !index.isValid())
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    const QString text = toolTip(option, index);
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPos(), text, view, option.rect);
    return true;
}

void RowStateDelegate::setFindText(const QString &text, Qt::CaseSensitivity sensitivity)
{
    m_findText = text;
    m_findCase = sensitivity;
}

bool RowStateDelegate::cellContains(const QModelIndex &index, const QString &text, Qt::CaseSensitivity sensitivity)
{
    const QVariant value = index.data(Qt::DisplayRole);
    if (text.isEmpty() || value.isNull())
        return false;
    return ValueFormat::text(value, ValueFormat::columnOf(index.model(), index.column())).contains(text, sensitivity);
}

QColor RowStateDelegate::findColor()
{
    return QColor(0xff, 0xf0, 0x8a);
}

bool RowStateDelegate::matchesFind(const QModelIndex &index) const
{
    return cellContains(index, m_findText, m_findCase);
}

void RowStateDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyledItemDelegate::paint(painter, option, index);
    if (matchesFind(index)) {
        // A frame too, so that a match stays visible in a selected row.
        painter->save();
        painter->setPen(QPen(findColor().darker(170), 2));
        painter->drawRect(option.rect.adjusted(1, 1, -1, -1));
        painter->restore();
    }
    // Rows are selected whole: without a frame on the current cell, which column F2 or
    // typing edits would be a guess.
    if (const auto *view = qobject_cast<const QAbstractItemView *>(option.widget); view && view->currentIndex() == index) {
        painter->save();
        painter->setPen(QPen(currentCellColor(option.palette, option.state & QStyle::State_Selected), 2));
        painter->drawRect(currentCellFrame(option.rect));
        painter->restore();
    }
    const int state = index.data(VersionedTableModel::RowStateRole).toInt();
    const bool stale = index.data(VersionedTableModel::StaleRole).toBool();
    const QColor color = stateColor(state, stale);
    if (!color.isValid())
        return;
    painter->save();
    if (option.state & QStyle::State_Selected) {
        // The selection colour hides the state: keep a stripe of it at the bottom.
        painter->fillRect(QRect(option.rect.left(), option.rect.bottom() - 3, option.rect.width(), 4), color.darker(115));
    }
    if ((RowState(state) == RowState::Conflict && theyChangedCell(index)) || RowState(state) == RowState::Error) {
        painter->setPen(QPen(color.darker(160), 1));
        painter->drawRect(option.rect.adjusted(0, 0, -1, -1));
    }
    painter->restore();
}

QWidget *RowStateDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    Q_UNUSED(option)
    const ColumnInfo column = ValueFormat::columnOf(index.model(), index.column());
    const auto *versioned = qobject_cast<const VersionedTableModel *>(index.model());
    QWidget *editor = versioned ? ValueEditor::create(*versioned, index.column(), index.data(Qt::EditRole), parent)
                                : ValueEditor::create(column, index.data(Qt::EditRole), parent);
    if (auto *reference = qobject_cast<ReferenceEditor *>(editor)) {
        connect(reference, &ReferenceEditor::lookupRequested, this,
                [this, reference, cell = QPersistentModelIndex(index)] { emit lookupRequested(reference, cell); });
        // Queued: the combo box takes the picked row first, and the view may delete the
        // editor once it is closed.
        auto *self = const_cast<RowStateDelegate *>(this);
        connect(reference, &ReferenceEditor::rowPicked, reference, [self, reference] {
            emit self->commitData(reference);
            emit self->closeEditor(reference, QAbstractItemDelegate::NoHint);
        }, Qt::QueuedConnection);
    }
    if (!editor)
        emit editRefused(index, tr("%1 holds bytes; they are shown as their size and type and not edited as text.")
                                        .arg(column.name));
    return editor;
}

void RowStateDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    ValueEditor::setValue(editor, ValueFormat::columnOf(index.model(), index.column()), index.data(Qt::EditRole));
}

void RowStateDelegate::setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const
{
    // Leaving an editor without a change must not make the row dirty, nor rewrite a value
    // the editor could not show exactly.
    if (!ValueEditor::isChanged(editor))
        return;
    const QVariant typed = ValueEditor::value(editor);
    auto *versioned = qobject_cast<VersionedTableModel *>(model);
    if (!versioned) {
        model->setData(index, typed, Qt::EditRole);
        return;
    }
    const Result<QVariant> checked = ValueEditor::check(*versioned, index.column(), typed);
    if (!checked) {
        // Refused now, not at save: the cell keeps its value and the person reads why.
        QString message = checked.error().message;
        if (typed.toString().isEmpty() && versioned->columnInfo(index.column()).nullable)
            message += QLatin1Char(' ') + tr("For no value, use Set to NULL (%1).").arg(ChangeListView::setNullShortcut().toString(QKeySequence::NativeText));
        emit editRefused(index, message);
        return;
    }
    model->setData(index, *checked, Qt::EditRole);
}

} // namespace Concord
