#pragma once

#include <QAbstractTableModel>
#include <QPointer>

class QSqlTableModel;

namespace Concord {

/// What the grid's row header sees of the grid's model: the same rows and header data, except
/// that for a new table (a first model, or setTable() and select()) with more rows than
/// rowLimit() it shows only the first rowLimit() rows until release(). QHeaderView keeps an
/// entry for every section, made in one pass over all of them: at ten million rows that pass
/// takes a quarter of a second or more, which the grid's first screen need not wait for.
class HeaderRowsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    explicit HeaderRowsModel(QObject *parent = nullptr);

    /// Follows @p source (not owned; nullptr: no rows).
    void setSourceModel(QAbstractItemModel *source);
    QAbstractItemModel *sourceModel() const { return m_source; }

    /// Rows shown for a new table before release(); default 10,000 (more than any screen).
    void setRowLimit(int rows);
    int rowLimit() const { return m_limit; }
    /// Whether only the first rowLimit() rows are shown.
    bool isLimited() const { return m_limited; }
    /// Shows every row of the source from now on (the rest are inserted in one step).
    void release();

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void sourceAboutToChange();
    void sourceChanged();
    void sourceReset();
    void forwardHeaderData(Qt::Orientation orientation, int first, int last);
    QString tableOf() const;

    QPointer<QAbstractItemModel> m_source;
    int m_limit = 10000;
    bool m_limited = false;
    bool m_resetting = false;  // between a begin and an end of a reset made for the source
    bool m_inSourceReset = false; // the source is being reset
    QString m_table;           // the source's table at its last reset: a new one limits again
};

} // namespace Concord
