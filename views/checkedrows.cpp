#include "checkedrows.h"

#include "versionedtablemodel.h"

#include <algorithm>

namespace Concord {

CheckedRows::CheckedRows(QObject *parent)
    : QObject(parent)
{
}

QString CheckedRows::keyText(const QVariant &pk)
{
    // The same text the model keys its rows by (rowForKey() takes it back).
    return pk.toString();
}

void CheckedRows::setModel(VersionedTableModel *model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    m_table = model ? model->tableName() : QString();
    m_filter = model ? model->filter() : QString();
    if (m_model)
        connect(m_model, &QAbstractItemModel::modelReset, this, &CheckedRows::onModelReset);
    clear();
}

VersionedTableModel *CheckedRows::model() const
{
    return m_model;
}

void CheckedRows::onModelReset()
{
    // A sort or a refresh shows the same list again: the checks stay on their keys.
    // Another table or another filter is another list, whose rows the person has not seen.
    const QString table = m_model->tableName();
    const QString filter = m_model->filter();
    if (table == m_table && filter == m_filter)
        return;
    m_table = table;
    m_filter = filter;
    clear();
}

bool CheckedRows::isCheckable(int row) const
{
    return m_model && row >= 0 && row < m_model->rowCount() && m_model->rowRef(row).pk.isValid();
}

bool CheckedRows::isChecked(int row) const
{
    if ((m_checked.isEmpty() && !m_all) || !m_model || row < 0 || row >= m_model->rowCount())
        return false;
    const QVariant pk = m_model->rowRef(row).pk;
    return pk.isValid() && isKeyChecked(keyText(pk));
}

bool CheckedRows::isKeyChecked(const QString &key) const
{
    return m_all ? !m_unchecked.contains(key) : m_checked.contains(key);
}

int CheckedRows::count() const
{
    if (m_all)
        return m_model ? std::max(0, checkableRowCount() - int(m_unchecked.size())) : 0;
    return int(m_checked.size());
}

void CheckedRows::setChecked(int row, bool checked)
{
    setRowsChecked({row}, checked);
}

void CheckedRows::setRowsChecked(const QList<int> &rows, bool checked)
{
    if (!m_model)
        return;
    bool modified = false;
    const int rowCount = m_model->rowCount();
    for (int row : rows) {
        if (row < 0 || row >= rowCount)
            continue;
        const RowRef ref = m_model->rowRef(row);
        if (!ref.pk.isValid())
            continue;
        const QString key = keyText(ref.pk);
        if (m_all) {
            // Every row is checked but those unchecked since.
            if (checked) {
                modified = m_unchecked.remove(key) || modified;
            } else if (!m_unchecked.contains(key)) {
                m_unchecked.insert(key);
                modified = true;
            }
            continue;
        }
        if (checked) {
            // The version is kept for the case the row later leaves the list (deleted by
            // someone else and refreshed away): the action then reports it, not skips it.
            const auto it = m_checked.find(key);
            if (it == m_checked.end()) {
                m_checked.insert(key, ref);
                modified = true;
            } else {
                *it = ref;
            }
        } else {
            modified = m_checked.remove(key) || modified;
        }
    }
    if (modified)
        emit changed(count());
}

void CheckedRows::setAllChecked(bool checked)
{
    if (!checked || !m_model) {
        clear();
        return;
    }
    // Not a check per row: ten million rows would be read (and held) for it.
    m_checked.clear();
    m_unchecked.clear();
    m_all = true;
    emit changed(count());
}

void CheckedRows::clear()
{
    if (m_checked.isEmpty() && !m_all)
        return;
    m_checked.clear();
    m_unchecked.clear();
    m_all = false;
    emit changed(0);
}

int CheckedRows::checkableRowCount() const
{
    // New rows are shown after the loaded ones and are the only rows without a key.
    int rows = m_model->rowCount();
    while (rows > 0 && m_model->rowState(rows - 1) == VersionedTableModel::RowState::Inserted)
        --rows;
    return rows;
}

Qt::CheckState CheckedRows::state() const
{
    if (m_all && m_model)
        return m_unchecked.isEmpty() ? Qt::Checked : (count() > 0 ? Qt::PartiallyChecked : Qt::Unchecked);
    if (m_checked.isEmpty() || !m_model)
        return Qt::Unchecked;
    // Counted over the checks (not over the rows), so a long list costs nothing per click.
    int shown = 0;
    for (const RowRef &ref : m_checked) {
        if (m_model->rowForKey(ref.pk) >= 0)
            ++shown;
    }
    const int checkable = checkableRowCount();
    return checkable > 0 && shown >= checkable ? Qt::Checked : Qt::PartiallyChecked;
}

bool CheckedRows::keep(RowRef &row) const
{
    const QString key = keyText(row.pk);
    if (!isKeyChecked(key))
        return false;
    if (const int shown = m_model ? m_model->rowForKey(row.pk) : -1; shown >= 0)
        row.version = m_model->rowRef(shown).version;
    else if (!m_all)
        row.version = m_checked.value(key).version;
    return true;
}

QList<RowRef> CheckedRows::refs() const
{
    if (m_all) {
        QList<RowRef> refs;
        const int rows = m_model ? checkableRowCount() : 0;
        for (int row = 0; row < rows; ++row) {
            const RowRef ref = m_model->rowRef(row);
            if (ref.pk.isValid() && isKeyChecked(keyText(ref.pk)))
                refs.append(ref);
        }
        return refs;
    }
    QList<std::pair<int, RowRef>> shown;
    QList<RowRef> hidden;
    for (const RowRef &ref : m_checked) {
        const int row = m_model ? m_model->rowForKey(ref.pk) : -1;
        if (row >= 0)
            shown.append({row, m_model->rowRef(row)});
        else
            hidden.append(ref);
    }
    std::sort(shown.begin(), shown.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    std::sort(hidden.begin(), hidden.end(), [](const RowRef &a, const RowRef &b) {
        return QVariant::compare(a.pk, b.pk) == QPartialOrdering::Less;
    });
    QList<RowRef> refs;
    refs.reserve(m_checked.size());
    for (const auto &entry : std::as_const(shown))
        refs.append(entry.second);
    refs.append(hidden);
    return refs;
}

} // namespace Concord
