#include "listfilter.h"

#include "sqldialect.h"

#include <QSqlDriver>
#include <QSqlField>
#include <QSqlQuery>
#include <QSqlRecord>

namespace Concord {

bool FilterChoice::operator==(const FilterChoice &other) const
{
    return column == other.column && kind == other.kind && value == other.value && value.isNull() == other.value.isNull()
            && first == other.first && last == other.last;
}

Result<ListFilter::Facets> ListFilter::distinctValues(QSqlDatabase db, const SqlDialect &dialect, const QString &table,
                                                      const QString &column, int limit)
{
    // Checked against the schema: SQLite reads an unknown "name" as a string, not an error.
    if (db.record(table).indexOf(column) < 0)
        return DbError::badInput(tr("%1 has no column %2.").arg(table, column));
    const QString field = dialect.quoteField(column);
    QSqlQuery query(db);
    query.setForwardOnly(true);
    // Bounded: one value past the limit says "too many" without reading the rest.
    const QString sql = QStringLiteral("SELECT %1, COUNT(*) FROM %2 GROUP BY %1 ORDER BY %1 LIMIT %3")
                                .arg(field, dialect.quoteTable(table))
                                .arg(limit + 1);
    if (!query.exec(sql))
        return DbError::fromQuery(query, tr("Could not read the values of %1").arg(column));
    Facets facets;
    while (query.next()) {
        if (facets.values.size() == limit) {
            facets.tooMany = true;
            facets.values.clear();
            break;
        }
        facets.values.append({query.value(0), query.value(1).toLongLong()});
    }
    return facets;
}

bool ListFilter::add(const FilterChoice &choice)
{
    if (m_choices.contains(choice))
        return false;
    m_choices.append(choice);
    return true;
}

bool ListFilter::remove(const FilterChoice &choice)
{
    return m_choices.removeOne(choice);
}

QString ListFilter::condition(const FilterChoice &choice, const SqlDialect &dialect, QSqlDatabase db)
{
    const QString field = dialect.quoteField(choice.column);
    switch (choice.kind) {
    case FilterChoice::Kind::IsNull:
        return field + QStringLiteral(" IS NULL");
    case FilterChoice::Kind::NotNull:
        return field + QStringLiteral(" IS NOT NULL");
    case FilterChoice::Kind::DayRange:
        return dialect.dayRangeCondition(choice.column, choice.first, choice.last);
    case FilterChoice::Kind::Equals:
        break;
    }
    QSqlField literal(QStringLiteral("value"), choice.value.metaType());
    literal.setValue(choice.value);
    return QStringLiteral("%1 = %2").arg(field, db.driver()->formatValue(literal));
}

QString ListFilter::whereClause(const SqlDialect &dialect, QSqlDatabase db) const
{
    // Columns in the order their first choice was made; OR within one, AND across.
    QStringList columns;
    for (const FilterChoice &choice : m_choices) {
        if (!columns.contains(choice.column))
            columns.append(choice.column);
    }
    QStringList clauses;
    for (const QString &column : std::as_const(columns)) {
        QStringList either;
        for (const FilterChoice &choice : m_choices) {
            if (choice.column == column)
                either.append(condition(choice, dialect, db));
        }
        clauses.append(either.size() == 1 ? either.first() : QLatin1Char('(') + either.join(QStringLiteral(" OR ")) + QLatin1Char(')'));
    }
    return clauses.join(QStringLiteral(" AND "));
}

} // namespace Concord
