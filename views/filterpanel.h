#pragma once

#include "columninfo.h"
#include "listfilter.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace Concord {

class VersionedTableModel;

/// The list filters of a table, after Django's list_filter: for each column with few
/// distinct values, those values with how many rows hold each; NULL and "not NULL" for
/// columns that allow NULL; Today, Past 7 days, This month and a range of days for dates
/// and timestamps. Checked choices combine with AND across columns and OR within one.
/// The distinct values are read with one bounded query per column when a table opens.
class FilterPanel : public QWidget
{
    Q_OBJECT

public:
    explicit FilterPanel(QWidget *parent = nullptr);

    /// The model whose table is offered (not owned).
    void setModel(VersionedTableModel *model);
    /// Reads the model's table's values again; the choices made go unless @p keepChoices.
    void reload(bool keepChoices = false);
    /// Like reload(), once the panel is shown and the event loop runs again: the grid is
    /// painted first, and a hidden panel reads nothing. The choices go at once unless
    /// @p keepChoices.
    void reloadLater(bool keepChoices = false);
    /// A column with more distinct values than this offers none of them (20 by default).
    void setValueLimit(int limit) { m_limit = limit; }
    /// Above this many rows (200,000) no value lists are read: a GROUP BY over a column
    /// without an index reads the whole table, seconds at ten million rows. NULL and date
    /// choices are still offered, and the filter field still searches.
    void setValueListRowLimit(int rows) { m_valueListRows = rows; }

    const ListFilter &filter() const { return m_filter; }
    /// The condition the checked choices make, empty with none.
    QString whereClause() const;

    /// The columns offered, in table order.
    QStringList columns() const;
    /// The choices offered for @p column as shown: "Lyon (3)", "Today".
    QStringList offeredTexts(const QString &column) const;
    /// Checks or unchecks the choice of @p column labelled @p label, as a click does.
    bool setChecked(const QString &column, const QString &label, bool checked);
    /// Adds the range of days from @p first to @p last (both included) for @p column.
    bool addDayRange(const QString &column, QDate first, QDate last);
    /// Removes the choice at @p index of filter().choices() (a chip's ×).
    void removeChoice(int index);
    void clearChoices();

    QTreeWidget *tree() const { return m_tree; }

Q_SIGNALS:
    /// The checked choices changed: filter() and whereClause() say how.
    void filterChanged();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void addSection(int column);
    void offer(QTreeWidgetItem *section, const FilterChoice &choice, qint64 count = -1);
    void offerDays(QTreeWidgetItem *section, const QString &column);
    /// The labels of the rows a foreign-key column's @p facets refer to, by key text.
    QHash<QString, QString> referenceLabels(const ColumnInfo &info, const QList<ListFilter::Facet> &facets) const;
    QString valueLabel(const QVariant &value, int column, const QString &reference = QString()) const;
    void itemChanged(QTreeWidgetItem *item);
    void itemActivated(QTreeWidgetItem *item);
    void askForRange(const QString &column);
    QTreeWidgetItem *sectionOf(const QString &column) const;
    void syncChecks();

    QPointer<VersionedTableModel> m_model;
    QTreeWidget *m_tree = nullptr;
    QLabel *m_note = nullptr;
    ListFilter m_filter;
    QList<FilterChoice> m_offered;
    int m_limit = 20;
    int m_valueListRows = 200000;
    bool m_reloadPending = false;
};

} // namespace Concord
