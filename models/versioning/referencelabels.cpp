#include "referencelabels.h"

#include "sqldialect.h"
#include "sqlstatement.h"
#include "tableschema.h"
#include "transactionguard.h"

#include <QSqlDriver>
#include <QSqlField>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QSet>

#include <algorithm>

namespace Concord {

namespace {

// How many keys one label statement binds: well below every database's limit, and a
// visible page of a grid (or several) in one round trip.
constexpr int keysPerStatement = 500;

QString cacheKey(const QString &table, const QString &keyColumn)
{
    return table + QLatin1Char('\x1f') + keyColumn;
}

bool isLabelName(const QString &column, const QString &word)
{
    const QString name = column.toLower();
    return name == word || name.endsWith(QLatin1Char('_') + word) || name.startsWith(word + QLatin1Char('_'));
}

} // namespace

ReferenceLabels::ReferenceLabels(QSqlDatabase db, const SqlDialect &dialect)
    : m_db(db)
    , m_dialect(&dialect)
{
}

QString ReferenceLabels::defaultLabelColumn(const TableSchema &schema)
{
    QList<const ColumnInfo *> candidates;
    for (const ColumnInfo &column : schema.columnInfos()) {
        // The key shows itself anyway, and a foreign key's label is another table's.
        if (column.kind == ColumnInfo::Kind::Text && column.name != schema.primaryKey()
            && column.referencedTable.isEmpty())
            candidates.append(&column);
    }
    static const QStringList words = {QStringLiteral("name"), QStringLiteral("title"), QStringLiteral("label"),
                                      QStringLiteral("email")};
    for (const QString &word : words) {
        for (const ColumnInfo *column : std::as_const(candidates)) {
            if (!column->nullable && isLabelName(column->name, word))
                return column->name;
        }
    }
    for (const ColumnInfo *column : std::as_const(candidates)) {
        if (!column->nullable)
            return column->name;
    }
    for (const QString &word : words) {
        for (const ColumnInfo *column : std::as_const(candidates)) {
            if (isLabelName(column->name, word))
                return column->name;
        }
    }
    return QString();
}

Result<QString> ReferenceLabels::chosenColumn(const QString &table)
{
    // No registry yet: nothing was chosen, and reading must not create it.
    if (m_db.record(tableName()).isEmpty())
        return QString();
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    const QString sql = QStringLiteral("SELECT label_column FROM %1 WHERE table_name = ?")
                                .arg(m_dialect->quoteTable(tableName()));
    if (!SqlStatement::exec(query, sql, {table}))
        return DbError::fromQuery(query, tr("Could not read the label registry"));
    return query.next() ? query.value(0).toString() : QString();
}

Result<bool> ReferenceLabels::isChosen(const QString &table)
{
    const auto schema = TableSchema::load(m_db, *m_dialect, table);
    if (!schema)
        return schema.error();
    const auto chosen = chosenColumn(schema->name());
    if (!chosen)
        return chosen.error();
    return !schema->column(*chosen).isEmpty();
}

Result<QString> ReferenceLabels::labelColumn(const QString &table)
{
    if (const auto known = m_columns.constFind(table); known != m_columns.cend())
        return *known;
    const auto schema = TableSchema::load(m_db, *m_dialect, table);
    if (!schema)
        return schema.error();
    const auto chosen = chosenColumn(schema->name());
    if (!chosen)
        return chosen.error();
    // A chosen column that was dropped since falls back to the default.
    QString column = schema->column(*chosen);
    if (column.isEmpty())
        column = defaultLabelColumn(*schema);
    m_columns.insert(table, column);
    return column;
}

Result<void> ReferenceLabels::setLabelColumn(const QString &table, const QString &column)
{
    const auto schema = TableSchema::load(m_db, *m_dialect, table);
    if (!schema)
        return schema.error();
    const QString exact = column.isEmpty() ? QString() : schema->column(column);
    if (!column.isEmpty() && exact.isEmpty())
        return DbError::badInput(tr("Table \"%1\" has no column \"%2\".").arg(schema->name(), column));
    if (!exact.isEmpty() && schema->info(exact).kind == ColumnInfo::Kind::Binary)
        return DbError::badInput(tr("Column \"%1\" holds bytes and cannot label rows.").arg(exact));
    if (auto written = writeChoice(schema->name(), exact); !written)
        return written;
    clear();
    return {};
}

Result<void> ReferenceLabels::writeChoice(const QString &table, const QString &column)
{
    const QString registry = m_dialect->quoteTable(tableName());
    if (m_db.record(tableName()).isEmpty()) {
        if (column.isEmpty())
            return {};
        // Made on the first choice, like concord_tables.
        QSqlQuery create(m_db);
        const QString text = m_dialect->indexedTextType();
        if (!create.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS %1 (table_name %2 PRIMARY KEY, label_column %2 NOT NULL)")
                                 .arg(registry, text)))
            return DbError::fromQuery(create, tr("Could not create the label registry"));
    }
    TransactionGuard guard(m_db, *m_dialect);
    if (!guard.isActive())
        return guard.error();
    QSqlQuery remove(m_db);
    if (!SqlStatement::exec(remove, QStringLiteral("DELETE FROM %1 WHERE table_name = ?").arg(registry),
                            {table}))
        return DbError::fromQuery(remove, tr("Could not write the label registry"));
    if (!column.isEmpty()) {
        QSqlQuery insert(m_db);
        const QString sql = QStringLiteral("INSERT INTO %1 (table_name, label_column) VALUES (?, ?)").arg(registry);
        if (!SqlStatement::exec(insert, sql, {table, column}))
            return DbError::fromQuery(insert, tr("Could not write the label registry"));
    }
    return guard.commit();
}

QString ReferenceLabels::labelExpression(const QString &column) const
{
    return column.isEmpty() ? QStringLiteral("NULL") : m_dialect->quoteField(column);
}

Result<QHash<QString, QString>> ReferenceLabels::labels(const QString &table, const QString &keyColumn,
                                                        const QList<QVariant> &keys)
{
    const auto column = labelColumn(table);
    if (!column)
        return column.error();
    QHash<QString, QString> &cache = m_cache[cacheKey(table, keyColumn)];
    QHash<QString, QString> found;
    QList<QVariant> missing;
    QSet<QString> asked;
    for (const QVariant &key : keys) {
        if (key.isNull())
            continue;
        const QString text = key.toString();
        if (const auto hit = cache.constFind(text); hit != cache.cend())
            found.insert(text, *hit);
        else if (!asked.contains(text)) {
            asked.insert(text);
            missing.append(key);
        }
    }
    if (missing.isEmpty())
        return found;
    if (cache.size() + missing.size() > cacheLimit)
        cache.clear();
    for (const QVariant &key : std::as_const(missing))
        found.insert(key.toString(), QString());
    if (column->isEmpty()) {
        for (const QVariant &key : std::as_const(missing))
            cache.insert(key.toString(), QString());
        return found;
    }
    const int chunk = std::min(keysPerStatement, m_dialect->maxBindParameters());
    for (qsizetype from = 0; from < missing.size(); from += chunk) {
        const QList<QVariant> part = missing.mid(from, chunk);
        QStringList marks(part.size(), QStringLiteral("?"));
        QSqlQuery query(m_db);
        query.setForwardOnly(true);
        const QString sql = QStringLiteral("SELECT %1, %2 FROM %3 WHERE %1 IN (%4)")
                                    .arg(m_dialect->quoteField(keyColumn), labelExpression(*column),
                                         m_dialect->quoteTable(table), marks.join(QLatin1Char(',')));
        if (!SqlStatement::exec(query, sql, part))
            return DbError::fromQuery(query, tr("Could not read the labels of %1").arg(table));
        while (query.next())
            found.insert(query.value(0).toString(), query.value(1).toString());
    }
    for (const QVariant &key : std::as_const(missing))
        cache.insert(key.toString(), found.value(key.toString()));
    return found;
}

QString ReferenceLabels::cached(const QString &table, const QString &keyColumn, const QVariant &key) const
{
    const auto labels = m_cache.constFind(cacheKey(table, keyColumn));
    if (labels == m_cache.cend())
        return QString();
    return labels->value(key.toString());
}

Result<ReferenceLabels::Page> ReferenceLabels::search(const QString &table, const QString &keyColumn,
                                                      const QString &text, int limit, int offset)
{
    const auto column = labelColumn(table);
    if (!column)
        return column.error();
    const QString searched = column->isEmpty() ? keyColumn : *column;
    const QString where = text.isEmpty() ? QString() : QStringLiteral(" WHERE ") + m_dialect->containsText(searched, text);
    const QString order = column->isEmpty() ? m_dialect->quoteField(keyColumn)
                                            : m_dialect->quoteField(*column) + QStringLiteral(", ") + m_dialect->quoteField(keyColumn);
    // One row more than asked says whether another page follows. The numbers are ints
    // made here, never typed text.
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    // One arg() pass: the search text in the WHERE may hold "%1"-like sequences of its own.
    if (!query.exec(QStringLiteral("SELECT %1, %2 FROM %3%4 ORDER BY %5 LIMIT %6 OFFSET %7")
                            .arg(m_dialect->quoteField(keyColumn), labelExpression(*column), m_dialect->quoteTable(table),
                                 where, order, QString::number(std::max(limit, 1) + 1),
                                 QString::number(std::max(offset, 0)))))
        return DbError::fromQuery(query, tr("Could not search %1").arg(table));
    Page page;
    while (query.next()) {
        if (page.entries.size() == std::max(limit, 1)) {
            page.more = true;
            break;
        }
        page.entries.append({query.value(0), query.value(1).toString()});
    }
    QHash<QString, QString> &cache = m_cache[cacheKey(table, keyColumn)];
    if (cache.size() + page.entries.size() <= cacheLimit) {
        for (const Entry &entry : std::as_const(page.entries))
            cache.insert(entry.key.toString(), entry.label);
    }
    return page;
}

Result<int> ReferenceLabels::rowCount(const QString &table)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM %1").arg(m_dialect->quoteTable(table))) || !query.next())
        return DbError::fromQuery(query, tr("Could not count the rows of %1").arg(table));
    return query.value(0).toInt();
}

Result<QList<ReferenceLabels::Referrer>> ReferenceLabels::referrers(const QString &table)
{
    QList<Referrer> found;
    const QStringList tables = TableSchema::userTables(m_db);
    for (const QString &name : tables) {
        const auto schema = TableSchema::load(m_db, *m_dialect, name);
        if (!schema)
            return schema.error();
        for (const ColumnInfo &column : schema->columnInfos()) {
            if (column.referencedTable.compare(table, Qt::CaseInsensitive) == 0 && !column.referencedColumn.isEmpty())
                found.append({schema->name(), column.name, column.referencedColumn});
        }
    }
    return found;
}

Result<int> ReferenceLabels::countReferring(const Referrer &referrer, const QVariant &value)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    const QString sql = QStringLiteral("SELECT COUNT(*) FROM %1 WHERE %2 = ?")
                                .arg(m_dialect->quoteTable(referrer.table), m_dialect->quoteField(referrer.column));
    if (!SqlStatement::exec(query, sql, {value}) || !query.next())
        return DbError::fromQuery(query, tr("Could not count the rows of %1").arg(referrer.table));
    return query.value(0).toInt();
}

QString ReferenceLabels::equalsFilter(const QString &column, const QVariant &value) const
{
    // QSqlTableModel takes its filter as SQL: the value goes through the driver's own
    // quoting, as SqlDialect::containsText() does.
    QSqlField field(column, value.metaType());
    field.setValue(value);
    return QStringLiteral("%1 = %2").arg(m_dialect->quoteField(column), m_db.driver()->formatValue(field));
}

void ReferenceLabels::clear()
{
    m_columns.clear();
    m_cache.clear();
}

} // namespace Concord
