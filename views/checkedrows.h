#pragma once

#include "actionrunner.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>

namespace Concord {

class VersionedTableModel;

/// The rows checked in a change list for an action, keyed by primary key (never by
/// position), so a sort, a refresh or more rows fetched keep each check on its row.
/// Checks are dropped when the model shows another table or another filter, as a list
/// page in the Django admin drops its selection. Rows that are not saved yet (new
/// rows) have no key in the database and cannot be checked.
class CheckedRows : public QObject
{
    Q_OBJECT

public:
    explicit CheckedRows(QObject *parent = nullptr);

    /// Follows @p model (not owned); checks of a previous model are dropped.
    void setModel(VersionedTableModel *model);
    VersionedTableModel *model() const;

    /// Whether @p row has a key in the database, so it can be checked.
    bool isCheckable(int row) const;
    bool isChecked(int row) const;
    void setChecked(int row, bool checked);
    /// Checks (or unchecks) every row of @p rows at once, with one changed() signal.
    void setRowsChecked(const QList<int> &rows, bool checked);
    /// Checks (or unchecks) every row in the list, without reading one: the list is then
    /// "every row" (less those unchecked after), however many millions it holds.
    void setAllChecked(bool checked);
    /// Whether the checks are "every row in the list" (less those unchecked since).
    bool isAllChecked() const { return m_all; }
    void clear();

    /// How many rows are checked, including checked rows a refresh no longer shows.
    int count() const;
    /// Unchecked, partially checked, or every row in the list checked.
    Qt::CheckState state() const;

    /// (pk, version) of the checked rows for an action, in the order the grid shows them:
    /// the version of a row as it is shown now, so a row someone else saved since is
    /// refused unless the grid was refreshed; rows no longer shown come last, at the
    /// version they had when checked, so the action reports them as changed or deleted.
    /// With every row checked, every row of the list is read for it: a long list goes
    /// through a RowSnapshot and keep() instead.
    QList<RowRef> refs() const;
    /// For a snapshot of the list read from the database, in key order: false for a row not
    /// checked; a row checked gets the version refs() would give it.
    bool keep(RowRef &row) const;

Q_SIGNALS:
    /// The checks changed; @p count rows are checked now.
    void changed(int count);

private:
    static QString keyText(const QVariant &pk);
    /// Whether the row with key text @p key is checked, shown or not.
    bool isKeyChecked(const QString &key) const;
    void onModelReset();
    int checkableRowCount() const;

    QPointer<VersionedTableModel> m_model;
    QHash<QString, RowRef> m_checked;   // key text -> (pk, version) when checked
    bool m_all = false;                 // every row in the list, less m_unchecked
    QSet<QString> m_unchecked;
    QString m_table;                    // what the checks were made on
    QString m_filter;
};

} // namespace Concord
