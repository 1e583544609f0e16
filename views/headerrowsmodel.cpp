#include "headerrowsmodel.h"

#include <QSqlTableModel>

#include <algorithm>

namespace Concord {

HeaderRowsModel::HeaderRowsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void HeaderRowsModel::setSourceModel(QAbstractItemModel *source)
{
    beginResetModel();
    if (m_source)
        disconnect(m_source, nullptr, this, nullptr);
    m_source = source;
    m_resetting = false;
    m_inSourceReset = false;
    m_table = tableOf();
    m_limited = m_source && m_source->rowCount() > m_limit;
    if (m_source) {
        connect(m_source, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
            m_inSourceReset = true;
            sourceAboutToChange();
        });
        connect(m_source, &QAbstractItemModel::modelReset, this, &HeaderRowsModel::sourceReset);
        connect(m_source, &QAbstractItemModel::headerDataChanged, this, &HeaderRowsModel::forwardHeaderData);
        connect(m_source, &QAbstractItemModel::layoutAboutToBeChanged, this, [this] { emit layoutAboutToBeChanged(); });
        connect(m_source, &QAbstractItemModel::layoutChanged, this, [this] { emit layoutChanged(); });
        // Any other change in the number of columns, or of rows while limited, is passed on as
        // a reset: cheap while limited, and columns change only with the table.
        connect(m_source, &QAbstractItemModel::columnsAboutToBeInserted, this, &HeaderRowsModel::sourceAboutToChange);
        connect(m_source, &QAbstractItemModel::columnsInserted, this, &HeaderRowsModel::sourceChanged);
        connect(m_source, &QAbstractItemModel::columnsAboutToBeRemoved, this, &HeaderRowsModel::sourceAboutToChange);
        connect(m_source, &QAbstractItemModel::columnsRemoved, this, &HeaderRowsModel::sourceChanged);
        // Rows one change at a time, as the source says, so the header shifts its sections as
        // before. Rows the source reads inside its own reset are in the reset's end.
        connect(m_source, &QAbstractItemModel::rowsAboutToBeInserted, this, [this](const QModelIndex &, int first, int last) {
            if (m_inSourceReset)
                return;
            if (m_limited)
                sourceAboutToChange();
            else
                beginInsertRows(QModelIndex(), first, last);
        });
        connect(m_source, &QAbstractItemModel::rowsInserted, this, [this] {
            if (m_inSourceReset)
                return;
            if (m_resetting)
                sourceChanged();
            else
                endInsertRows();
        });
        connect(m_source, &QAbstractItemModel::rowsAboutToBeRemoved, this, [this](const QModelIndex &, int first, int last) {
            if (m_inSourceReset)
                return;
            if (m_limited)
                sourceAboutToChange();
            else
                beginRemoveRows(QModelIndex(), first, last);
        });
        connect(m_source, &QAbstractItemModel::rowsRemoved, this, [this] {
            if (m_inSourceReset)
                return;
            if (m_resetting)
                sourceChanged();
            else
                endRemoveRows();
        });
        connect(m_source, &QObject::destroyed, this, [this] { setSourceModel(nullptr); });
    }
    endResetModel();
}

void HeaderRowsModel::setRowLimit(int rows)
{
    m_limit = std::max(1, rows);
}

void HeaderRowsModel::release()
{
    if (!m_limited)
        return;
    const int shown = rowCount();
    const int all = m_source ? m_source->rowCount() : 0;
    if (all > shown)
        beginInsertRows(QModelIndex(), shown, all - 1);
    m_limited = false;
    if (all > shown)
        endInsertRows();
}

QString HeaderRowsModel::tableOf() const
{
    const auto *table = qobject_cast<const QSqlTableModel *>(m_source.data());
    return table ? table->tableName() : QString();
}

void HeaderRowsModel::sourceAboutToChange()
{
    if (m_resetting)
        return;
    m_resetting = true;
    beginResetModel();
}

void HeaderRowsModel::sourceChanged()
{
    if (!m_resetting)
        return;
    m_resetting = false;
    endResetModel();
}

void HeaderRowsModel::sourceReset()
{
    // A new table is limited again; a reload of the same one (a refresh, a sort) is not, so
    // the grid keeps its scroll position through it.
    m_inSourceReset = false;
    const QString table = tableOf();
    if (table != m_table) {
        m_table = table;
        m_limited = m_source && m_source->rowCount() > m_limit;
    }
    sourceChanged();
}

void HeaderRowsModel::forwardHeaderData(Qt::Orientation orientation, int first, int last)
{
    const int count = orientation == Qt::Vertical ? rowCount() : columnCount();
    if (first < count)
        emit headerDataChanged(orientation, first, std::min(last, count - 1));
}

int HeaderRowsModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() || !m_source)
        return 0;
    const int rows = m_source->rowCount();
    return m_limited ? std::min(rows, m_limit) : rows;
}

int HeaderRowsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_source ? 0 : m_source->columnCount();
}

QVariant HeaderRowsModel::data(const QModelIndex &index, int role) const
{
    if (!m_source || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return QVariant();
    return m_source->index(index.row(), index.column()).data(role);
}

QVariant HeaderRowsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    return m_source ? m_source->headerData(section, orientation, role) : QVariant();
}

} // namespace Concord
