#include "rowstatedelegate.h"

#include "tableschema.h"
#include "versionedtablemodel.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QPainter>
#include <QSpinBox>
#include <QSqlField>
#include <QSqlRecord>
#include <QSqlTableModel>

#include <limits>

namespace Concord {

namespace {

using RowState = VersionedTableModel::RowState;

// The column's declared type, from the table model's record (the value's own type can be
// null or differ from row to row on SQLite).
QMetaType columnType(const QModelIndex &index)
{
    const auto *model = qobject_cast<const QSqlTableModel *>(index.model());
    if (!model)
        return index.data(Qt::EditRole).metaType();
    return model->record().field(index.column()).metaType();
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
    switch (RowState(rowState)) {
    case RowState::Edited: return QColor(0xff, 0xf1, 0xa8);    // a pale yellow: "yours, unsaved"
    case RowState::Inserted: return QColor(0xd4, 0xf2, 0xd2);  // green: new
    case RowState::Deleted: return QColor(0xdd, 0xdd, 0xdd);   // grey, struck out
    case RowState::Conflict: return QColor(0xff, 0xc8, 0x8a);  // orange: changed by someone else
    case RowState::Gone: return QColor(0xd9, 0xc2, 0xe8);      // violet, struck out: deleted by someone else
    case RowState::Error: return QColor(0xff, 0xb3, 0xb3);     // red: the database refused it
    case RowState::Busy: return QColor(0xc8, 0xe6, 0xe6);      // teal: someone else was saving it; try again
    case RowState::Clean: break;
    }
    return stale ? QColor(0xd6, 0xe8, 0xff) : QColor(); // blue: newer version in the database
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
    const QColor color = background(index);
    if (color.isValid())
        option->backgroundBrush = color;
    const auto state = RowState(index.data(VersionedTableModel::RowStateRole).toInt());
    if (state == RowState::Deleted || state == RowState::Gone)
        option->font.setStrikeOut(true);
    if (index.data(VersionedTableModel::DirtyRole).toBool())
        option->font.setBold(true);
    if (index.data(VersionedTableModel::StaleRole).toBool())
        option->font.setItalic(true);
    if (state == RowState::Conflict && theyChangedCell(index)) {
        // Show what they saved next to what I typed: "mine → theirs".
        option->text = tr("%1 ≠ theirs: %2").arg(option->text, index.data(VersionedTableModel::TheirValueRole).toString());
    }
}

void RowStateDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyledItemDelegate::paint(painter, option, index);
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
    const QMetaType type = columnType(index);
    if (TableSchema::isIntegerType(type)) {
        const QVariant value = index.data(Qt::EditRole);
        bool fits = true;
        const qlonglong number = value.toLongLong(&fits);
        // QSpinBox holds an int; larger numbers are typed as text and coerced on save.
        if (value.isNull() || (fits && number >= std::numeric_limits<int>::min() && number <= std::numeric_limits<int>::max())) {
            auto *spin = new QSpinBox(parent);
            spin->setRange(std::numeric_limits<int>::min(), std::numeric_limits<int>::max());
            spin->setFrame(false);
            return spin;
        }
    }
    switch (type.id()) {
    case QMetaType::Double:
    case QMetaType::Float: {
        auto *spin = new QDoubleSpinBox(parent);
        spin->setRange(-1e12, 1e12);
        spin->setDecimals(2);
        spin->setFrame(false);
        return spin;
    }
    case QMetaType::Bool: {
        auto *box = new QComboBox(parent);
        box->addItem(tr("no"), false);
        box->addItem(tr("yes"), true);
        return box;
    }
    case QMetaType::QDate: {
        auto *date = new QDateEdit(parent);
        date->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        date->setCalendarPopup(true);
        return date;
    }
    default:
        break;
    }
    auto *line = new QLineEdit(parent);
    line->setFrame(false);
    Q_UNUSED(option)
    return line;
}

void RowStateDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    const QVariant value = index.data(Qt::EditRole);
    if (auto *spin = qobject_cast<QSpinBox *>(editor))
        spin->setValue(value.toInt());
    else if (auto *dspin = qobject_cast<QDoubleSpinBox *>(editor))
        dspin->setValue(value.toDouble());
    else if (auto *box = qobject_cast<QComboBox *>(editor))
        box->setCurrentIndex(value.toBool() ? 1 : 0);
    else if (auto *date = qobject_cast<QDateEdit *>(editor))
        date->setDate(value.toDate().isValid() ? value.toDate() : QDate::currentDate());
    else if (auto *line = qobject_cast<QLineEdit *>(editor))
        line->setText(value.toString());
    else
        QStyledItemDelegate::setEditorData(editor, index);
}

void RowStateDelegate::setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const
{
    QVariant value;
    if (auto *spin = qobject_cast<QSpinBox *>(editor))
        value = qlonglong(spin->value());
    else if (auto *dspin = qobject_cast<QDoubleSpinBox *>(editor))
        value = dspin->value();
    else if (auto *box = qobject_cast<QComboBox *>(editor))
        value = box->currentData();
    else if (auto *date = qobject_cast<QDateEdit *>(editor))
        value = date->date().toString(Qt::ISODate);
    else if (auto *line = qobject_cast<QLineEdit *>(editor))
        value = line->text();
    else
        return QStyledItemDelegate::setModelData(editor, model, index);
    // Leaving an editor without a change must not make the row dirty.
    if (value.toString() == index.data(Qt::EditRole).toString())
        return;
    model->setData(index, value, Qt::EditRole);
}

} // namespace Concord
