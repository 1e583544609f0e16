#pragma once

#include "result.h"

#include <QCoreApplication>
#include <QDate>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QVariant>

namespace Concord {

class SqlDialect;

/// One choice of a list filter, as Django's list_filter offers them: a column and what
/// its value must be.
struct FilterChoice
{
    enum class Kind {
        Equals,   ///< the column holds value
        IsNull,   ///< the column is NULL
        NotNull,  ///< the column holds any value
        DayRange, ///< a date or timestamp from the day first to the day last, both included
    };

    QString column;
    Kind kind = Kind::Equals;
    QVariant value;
    QDate first;
    QDate last;
    QString label; ///< how the panel and the chips name the choice ("Lyon", "Today")

    bool operator==(const FilterChoice &other) const;
};

/// The choices of a list filter and the WHERE clause they make: AND across columns, OR
/// between the choices of one column. Values are literals formatted by the driver (as
/// QSqlTableModel's filters need text), never text spliced into SQL.
class ListFilter
{
    Q_DECLARE_TR_FUNCTIONS(ListFilter)

public:
    /// A distinct value of a column and how many rows hold it.
    struct Facet
    {
        QVariant value; ///< null for the rows where the column is NULL
        qint64 count = 0;
    };
    /// The distinct values of a column, or none when there are more than asked for.
    struct Facets
    {
        QList<Facet> values;
        bool tooMany = false;
    };

    /// The distinct values of @p column in @p table with their counts, in order, read by
    /// one bounded query (GROUP BY … LIMIT @p limit + 1): tooMany past @p limit values.
    static Result<Facets> distinctValues(QSqlDatabase db, const SqlDialect &dialect, const QString &table,
                                         const QString &column, int limit);

    /// Adds @p choice (false if it is there already).
    bool add(const FilterChoice &choice);
    /// Removes @p choice (false if it was not there).
    bool remove(const FilterChoice &choice);
    bool contains(const FilterChoice &choice) const { return m_choices.contains(choice); }
    void clear() { m_choices.clear(); }
    bool isEmpty() const { return m_choices.isEmpty(); }
    const QList<FilterChoice> &choices() const { return m_choices; }

    /// The condition the choices make, empty with none.
    QString whereClause(const SqlDialect &dialect, QSqlDatabase db) const;

private:
    static QString condition(const FilterChoice &choice, const SqlDialect &dialect, QSqlDatabase db);

    QList<FilterChoice> m_choices;
};

} // namespace Concord
