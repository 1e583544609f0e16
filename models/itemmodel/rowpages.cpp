#include "rowpages.h"

#include "sqldialect.h"
#include "sqlstatement.h"
#include "versionedwriter.h"

#include <QSqlQuery>
#include <QSqlRecord>

#include <algorithm>

namespace Concord {

namespace {

// Below this many pages a position is read straight; past it the key is found first in an
// index (a narrow read) and the page's rows joined to it.
constexpr int directOffsetPages = 8;

} // namespace

void RowPages::reset(const QSqlDatabase &db, const SqlDialect *dialect, const Query &query, Normalizer normalize)
{
    m_db = db;
    m_dialect = dialect;
    m_detached = false;
    m_query = query;
    m_normalize = std::move(normalize);
    m_count = 0;
    m_countExact = true;
    m_correction.reset();
    m_lastError = DbError();
    m_statements.clear();
    m_landmarkEvery = 0;
    m_landmarks.clear();
    clear();
}

void RowPages::reset(const QSqlDatabase &db, const Query &query)
{
    reset(db, nullptr, query, {});
    m_detached = true;
}

void RowPages::setPageSize(int rows)
{
    m_pageSize = std::max(1, rows);
    m_landmarkEvery = 0;
    m_landmarks.clear();
    clear();
}

void RowPages::setLandmarks(int every, QList<Row> anchors)
{
    // A landmark opens a page: a page read from it skips fewer rows than the spacing.
    if (every < m_pageSize || every % m_pageSize != 0)
        anchors.clear();
    m_landmarkEvery = anchors.isEmpty() ? 0 : every;
    m_landmarks = std::move(anchors);
}

void RowPages::clear()
{
    m_pages.clear();
    m_rowOfKey.clear();
    ++m_generation;
}

void RowPages::setCount(int rows, bool exact)
{
    m_count = std::max(0, rows);
    m_countExact = exact;
    m_correction.reset();
    // Rows held past the new end are no longer part of the query.
    const int lastPage = m_count == 0 ? -1 : (m_count - 1) / m_pageSize;
    const QList<int> pages = m_pages.keys();
    for (int page : pages) {
        if (page > lastPage)
            drop(page);
    }
    if (lastPage >= 0 && m_pages.contains(lastPage)) {
        QList<Row> &rows = m_pages[lastPage].rows;
        const int keep = m_count - lastPage * m_pageSize;
        while (rows.size() > keep) {
            if (m_query.keyColumn >= 0)
                m_rowOfKey.remove(VersionedWriter::keyText(rows.constLast().value(m_query.keyColumn)));
            rows.removeLast();
        }
    }
}

std::optional<int> RowPages::takeCountCorrection()
{
    return std::exchange(m_correction, std::nullopt);
}

const RowPages::Row *RowPages::rowIfLoaded(int row) const
{
    if (row < 0 || row >= m_count)
        return nullptr;
    const auto it = m_pages.constFind(row / m_pageSize);
    if (it == m_pages.constEnd())
        return nullptr;
    const int at = row % m_pageSize;
    return at < it->rows.size() ? &it->rows.at(at) : nullptr;
}

const RowPages::Row *RowPages::row(int row)
{
    if (!isActive() || row < 0 || row >= m_count)
        return nullptr;
    const int page = row / m_pageSize;
    auto it = m_pages.find(page);
    if (it == m_pages.end()) {
        if (!load(page))
            return nullptr;
        it = m_pages.find(page);
        if (it == m_pages.end())
            return nullptr;
    }
    it->used = ++m_clock;
    const int at = row % m_pageSize;
    return at < it->rows.size() ? &it->rows.at(at) : nullptr;
}

bool RowPages::canReadByValue() const
{
    return !m_query.key.isEmpty() && (m_query.sort.isEmpty() || m_query.sort == m_query.key || m_query.sortByValue);
}

bool RowPages::load(int page)
{
    const int first = page * m_pageSize;
    const int wanted = std::min(m_pageSize, m_count - first);
    QList<Row> rows;
    bool read = false;
    bool readForward = false;
    if (canReadByValue()) {
        const auto before = m_pages.constFind(page - 1);
        const auto after = m_pages.constFind(page + 1);
        if (before != m_pages.constEnd() && before->rows.size() == m_pageSize) {
            rows = readAfter(before->rows.constLast(), m_pageSize, false);
            read = readForward = true;
        } else if (after != m_pages.constEnd() && !after->rows.isEmpty() && wanted == m_pageSize) {
            rows = readAfter(after->rows.constFirst(), m_pageSize, true);
            read = true;
        }
    }
    if (!read && first >= directOffsetPages * m_pageSize && readFromLandmark(first, rows))
        read = readForward = true;
    if (!read) {
        // From whichever end is nearer: the last rows of ten million are as near as the first.
        const bool fromEnd = m_countExact && first > m_count / 2 && !m_query.key.isEmpty();
        if (fromEnd) {
            rows = readAt(m_count - (first + wanted), wanted, true);
        } else {
            rows = readAt(first, m_pageSize, false);
            readForward = true;
        }
    }
    if (m_lastError.isError())
        return false;
    // A forward read that ends early found the end of the query; one that reads a whole page
    // past the counted end found rows added since.
    if (readForward && rows.size() < m_pageSize && first + rows.size() != m_count)
        m_correction = first + int(rows.size());
    else if (readForward && rows.size() == m_pageSize && first + m_pageSize > m_count)
        m_correction = first + m_pageSize;
    if (rows.size() > m_pageSize)
        rows.resize(m_pageSize);
    store(page, std::move(rows));
    return true;
}

QString RowPages::where(const QString &extra) const
{
    QStringList conditions;
    if (!m_query.filter.isEmpty())
        conditions.append(QLatin1Char('(') + m_query.filter + QLatin1Char(')'));
    if (!extra.isEmpty())
        conditions.append(QLatin1Char('(') + extra + QLatin1Char(')'));
    return conditions.isEmpty() ? QString() : QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
}

QString RowPages::orderBy(bool reversed) const
{
    const QString direction = m_query.descending != reversed ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
    QStringList terms;
    if (!m_query.sort.isEmpty())
        terms.append(m_query.table + QLatin1Char('.') + m_query.sort + direction);
    if (!m_query.key.isEmpty() && m_query.sort != m_query.key)
        terms.append(m_query.table + QLatin1Char('.') + m_query.key + direction);
    return terms.isEmpty() ? QString() : QStringLiteral(" ORDER BY ") + terms.join(QStringLiteral(", "));
}

QString RowPages::orderedStatement(const QString &columns) const
{
    return QStringLiteral("SELECT %1 FROM %2").arg(columns, m_query.table) + where() + orderBy(false);
}

QString RowPages::afterCondition(const Row &anchor, bool backwards, bool inclusive, QVariantList &values,
                                 QString *nullTail) const
{
    // "After" in the order shown: greater values ascending, smaller descending.
    const bool greater = !m_query.descending != backwards;
    const QString op = greater ? QStringLiteral(">") : QStringLiteral("<");
    const QString keyOp = inclusive ? op + QLatin1Char('=') : op;
    const QString key = m_query.table + QLatin1Char('.') + m_query.key;
    const QVariant keyValue = anchor.value(m_query.keyColumn);
    if (m_query.sort.isEmpty() || m_query.sort == m_query.key) {
        values.append(keyValue);
        return QStringLiteral("%1 %2 ?").arg(key, keyOp);
    }
    const QString sort = m_query.table + QLatin1Char('.') + m_query.sort;
    const QVariant sortValue = anchor.value(m_query.sortColumn);
    // Where NULLs stand in the direction read: at its far end, or before every value.
    const bool nullsFar = greater != m_query.nullsLow;
    if (sortValue.isNull()) {
        values.append(keyValue);
        if (nullsFar)
            return QStringLiteral("%1 IS NULL AND %2 %3 ?").arg(sort, key, keyOp);
        return QStringLiteral("%1 IS NOT NULL OR %2 %3 ?").arg(sort, key, keyOp);
    }
    // "sort > v OR (sort = v AND key > k)", written so that the sort column's index is
    // entered at v: as a bare OR, PostgreSQL scans the index from its start and filters
    // (46 s in the middle of ten million rows, against 8 ms this way).
    values << sortValue << sortValue << keyValue;
    QString condition = QStringLiteral("%1 %2= ? AND (%1 %2 ? OR %3 %4 ?)").arg(sort, op, key, keyOp);
    if (m_query.sortNullable && nullsFar) {
        const QString nulls = QStringLiteral("%1 IS NULL").arg(sort);
        if (nullTail)
            *nullTail = nulls;
        else
            condition += QStringLiteral(" OR ") + nulls;
    }
    return condition;
}

QList<RowPages::Row> RowPages::readAfter(const Row &anchor, int limit, bool backwards, bool inclusive, int skip)
{
    QVariantList values;
    QString nullTail;
    const QString condition = afterCondition(anchor, backwards, inclusive, values, &nullTail);
    const QString select = QStringLiteral("SELECT %1 FROM %2").arg(m_query.selectList, m_query.table);
    const auto window = [](qint64 limit, qint64 skip) {
        return skip > 0 ? QStringLiteral(" LIMIT %1 OFFSET %2").arg(limit).arg(skip) : QStringLiteral(" LIMIT %1").arg(limit);
    };
    QList<Row> rows = run(select + where(condition) + orderBy(backwards) + window(limit, skip), values);
    // The rows whose sort value is NULL follow every other in this direction. Read apart, so
    // the statement above stays one range of the sort column's index: with "OR … IS NULL"
    // PostgreSQL reads the index from its start again.
    if (!nullTail.isEmpty() && !m_lastError.isError() && rows.size() < limit) {
        // A skip that passed every row with a value goes on among the NULLs.
        qint64 tailSkip = 0;
        if (rows.isEmpty() && skip > 0) {
            const std::optional<qint64> passed = countWhere(condition, values);
            if (!passed)
                return {};
            tailSkip = std::max<qint64>(0, skip - *passed);
        }
        rows += run(select + where(nullTail) + orderBy(backwards) + window(limit - rows.size(), tailSkip), {});
    }
    if (backwards)
        std::reverse(rows.begin(), rows.end());
    return rows;
}

std::optional<qint64> RowPages::countWhere(const QString &condition, const QVariantList &values, const QString &doing)
{
    m_lastError = DbError();
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!SqlStatement::exec(query, QStringLiteral("SELECT COUNT(*) FROM %1").arg(m_query.table) + where(condition), values)
        || !query.next()) {
        m_lastError = DbError::fromQuery(query, doing.isEmpty() ? tr("Could not read the rows") : doing);
        return std::nullopt;
    }
    return query.value(0).toLongLong();
}

bool RowPages::readFromLandmark(int first, QList<Row> &rows)
{
    if (m_landmarkEvery <= 0)
        return false;
    const int index = first / m_landmarkEvery;
    if (index >= m_landmarks.size())
        return false;
    // The landmark's own row opens the run read (it may have been deleted since: the
    // condition still places the read where it stood).
    rows = readAfter(m_landmarks.at(index), m_pageSize, false, true, first - index * m_landmarkEvery);
    return true;
}

Result<QList<RowPages::Row>> RowPages::readLandmarks(int every, bool oneStatement, const std::function<bool()> &stop)
{
    QList<Row> landmarks;
    if (!canUseLandmarks() || every < 1)
        return landmarks;
    // The key and the sort value alone: the database skips rows in an index, not the table.
    const bool sorted = !m_query.sort.isEmpty() && m_query.sort != m_query.key;
    const QString keyExpression = m_query.keyExpression.isEmpty() ? m_query.table + QLatin1Char('.') + m_query.key
                                                                  : m_query.keyExpression;
    const QString sortExpression = m_query.sortExpression.isEmpty() ? m_query.table + QLatin1Char('.') + m_query.sort
                                                                    : m_query.sortExpression;
    RowPages narrow;
    Query query = m_query;
    query.selectList = sorted ? keyExpression + QStringLiteral(", ") + sortExpression : keyExpression;
    query.keyColumn = 0;
    query.sortColumn = sorted ? 1 : -1;
    narrow.reset(m_db, query);
    narrow.m_keepStatements = true;
    if (oneStatement) {
        // Every row numbered in the query's order, every every-th kept.
        const QString numbered = QStringLiteral("SELECT %1 AS concord_k%2, ROW_NUMBER() OVER (%3) AS concord_n FROM %4")
                                         .arg(keyExpression,
                                              sorted ? QStringLiteral(", ") + sortExpression + QStringLiteral(" AS concord_s")
                                                     : QString(),
                                              orderBy(false).trimmed(), m_query.table)
                + where();
        landmarks = narrow.run(QStringLiteral("SELECT concord_k") + (sorted ? QStringLiteral(", concord_s") : QString())
                                       + QStringLiteral(" FROM (") + numbered + QStringLiteral(") concord_l WHERE (concord_n - 1) % ")
                                       + QString::number(every) + QStringLiteral(" = 0 ORDER BY concord_n"),
                               {});
    } else {
        // One short statement per landmark, each entering the index at the one before: no
        // statement holds the table (SQLite's writers wait for a reader's statement) for long.
        QList<Row> next = narrow.run(QStringLiteral("SELECT %1 FROM %2").arg(query.selectList, query.table) + where()
                                             + orderBy(false) + QStringLiteral(" LIMIT 1"),
                                     {});
        while (!narrow.m_lastError.isError() && !next.isEmpty()) {
            landmarks.append(next.constFirst());
            if (stop && stop())
                break;
            next = narrow.readAfter(landmarks.constLast(), 1, false, false, every - 1);
        }
    }
    if (narrow.m_lastError.isError())
        return narrow.m_lastError;
    // Placed where this query's rows hold the key and the sort value.
    for (Row &landmark : landmarks) {
        Row placed(std::max(m_query.keyColumn, m_query.sortColumn) + 1);
        placed[m_query.keyColumn] = landmark.value(0);
        if (sorted)
            placed[m_query.sortColumn] = landmark.value(1);
        landmark = std::move(placed);
    }
    return landmarks;
}

// A far position in a sort by a column whose index does not hold the key: the sort value
// at that position from the column's index alone, the rows before that value counted in
// the same index, and the rest of the way within the rows of that value, in key order.
// Joining keys to an ORDER BY sort, key … OFFSET n would read n rows of the table itself
// (45 s in the middle of ten million PostgreSQL rows; about one second this way).
std::optional<QList<RowPages::Row>> RowPages::readAtSortValue(int offset, int limit, bool fromEnd)
{
    const QString sort = m_query.table + QLatin1Char('.') + m_query.sort;
    const bool ascending = m_query.descending == fromEnd;   // the direction read, in values
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT %1 FROM %2").arg(sort, m_query.table) + where()
                    + QStringLiteral(" ORDER BY %1 %2 LIMIT 1 OFFSET %3").arg(sort, ascending ? QStringLiteral("ASC") : QStringLiteral("DESC")).arg(offset))
        || !query.next() || query.value(0).isNull())
        return std::nullopt;
    const QVariant value = query.value(0);
    QString before = QStringLiteral("%1 %2 ?").arg(sort, ascending ? QStringLiteral("<") : QStringLiteral(">"));
    if (m_query.sortNullable && m_query.nullsLow == ascending)
        before += QStringLiteral(" OR %1 IS NULL").arg(sort);
    const std::optional<qint64> counted = countWhere(before, {value});
    if (!counted || *counted > offset)
        return std::nullopt;
    const qint64 within = offset - *counted;
    const QString key = m_query.table + QLatin1Char('.') + m_query.key;
    QList<Row> rows = run(QStringLiteral("SELECT %1 FROM %2").arg(m_query.selectList, m_query.table)
                                  + where(sort + QStringLiteral(" = ?"))
                                  + QStringLiteral(" ORDER BY %1 %2 LIMIT %3 OFFSET %4")
                                            .arg(key, ascending ? QStringLiteral("ASC") : QStringLiteral("DESC"))
                                            .arg(limit)
                                            .arg(within),
                          {value});
    if (m_lastError.isError() || rows.isEmpty())
        return std::nullopt;
    if (rows.size() < limit) {
        // The page goes on past that value's rows: read on by value from its last row.
        QList<Row> more = readAfter(rows.constLast(), limit - int(rows.size()), fromEnd);
        if (fromEnd)
            std::reverse(more.begin(), more.end());
        rows += more;
    }
    return rows;
}

QList<RowPages::Row> RowPages::readAt(int offset, int limit, bool fromEnd)
{
    offset = std::max(0, offset);
    if (offset >= directOffsetPages * m_pageSize && !m_query.indexesHoldKey && canReadByValue() && !m_query.sort.isEmpty()
        && m_query.sort != m_query.key) {
        if (auto rows = readAtSortValue(offset, limit, fromEnd)) {
            if (fromEnd)
                std::reverse(rows->begin(), rows->end());
            return *rows;
        }
        m_lastError = DbError();
    }
    const QString window = QStringLiteral(" LIMIT %1 OFFSET %2").arg(limit).arg(offset);
    QString sql;
    if (offset < directOffsetPages * m_pageSize || m_query.key.isEmpty()) {
        sql = QStringLiteral("SELECT %1 FROM %2").arg(m_query.selectList, m_query.table) + where() + orderBy(fromEnd)
                + window;
    } else {
        // The rows skipped are skipped in the key's (or the sort column's) index, reading
        // the key only; the page's own rows are then fetched by key.
        const QString keys = QStringLiteral("SELECT %1.%2 AS concord_k FROM %1").arg(m_query.table, m_query.key)
                + where() + orderBy(fromEnd) + window;
        sql = QStringLiteral("SELECT %1 FROM %2 JOIN (%3) concord_page ON %2.%4 = concord_page.concord_k")
                      .arg(m_query.selectList, m_query.table, keys, m_query.key)
                + orderBy(fromEnd);
    }
    QList<Row> rows = run(sql, {});
    if (fromEnd)
        std::reverse(rows.begin(), rows.end());
    return rows;
}

QList<RowPages::Row> RowPages::run(const QString &sql, const QVariantList &values)
{
    QList<Row> rows;
    m_lastError = DbError();
    std::shared_ptr<SqlStatement> kept = m_keepStatements ? m_statements.value(sql) : nullptr;
    if (m_keepStatements && !kept) {
        if (m_statements.size() >= 16)
            m_statements.clear();
        kept = std::make_shared<SqlStatement>(m_db);
        kept->setForwardOnly(true);
        if (!kept->prepare(sql)) {
            m_lastError = kept->error(tr("Could not read the rows"));
            return rows;
        }
        m_statements.insert(sql, kept);
    }
    QSqlQuery one(m_db);
    one.setForwardOnly(true);
    QSqlQuery &query = kept ? kept->query() : one;
    bool ok = false;
    if (kept) {
        for (const QVariant &value : values)
            kept->addBindValue(value);
        ok = kept->exec();
    } else {
        // SqlStatement: through a transaction pooler a prepared statement may be gone by the next page.
        ok = values.isEmpty() ? query.exec(sql) : SqlStatement::exec(query, sql, values);
    }
    if (!ok) {
        m_lastError = DbError::fromQuery(query, tr("Could not read the rows"));
        return rows;
    }
    const int columns = query.record().count();
    while (query.next()) {
        Row values(columns);
        for (int c = 0; c < columns; ++c)
            values[c] = m_normalize ? m_normalize(c, query.value(c)) : query.value(c);
        rows.append(std::move(values));
    }
    // A statement kept prepared is reset, so it holds no read lock (SQLite) meanwhile.
    query.finish();
    return rows;
}

void RowPages::store(int page, QList<Row> rows)
{
    if (rows.isEmpty())
        return;
    // A key shows in one row only: a page read now wins over an older one that held the
    // same row at another place (another client's inserts and deletes moved it).
    if (m_query.keyColumn >= 0) {
        for (const Row &values : std::as_const(rows)) {
            const int held = m_rowOfKey.value(VersionedWriter::keyText(values.value(m_query.keyColumn)), -1);
            if (held >= 0 && held / m_pageSize != page)
                drop(held / m_pageSize);
        }
    }
    drop(page);
    const int first = page * m_pageSize;
    if (m_query.keyColumn >= 0) {
        for (int i = 0; i < rows.size(); ++i)
            m_rowOfKey.insert(VersionedWriter::keyText(rows.at(i).value(m_query.keyColumn)), first + i);
    }
    m_pages.insert(page, Page{std::move(rows), ++m_clock});
    ++m_generation;
    dropOldest(page);
}

void RowPages::drop(int page)
{
    const auto it = m_pages.find(page);
    if (it == m_pages.end())
        return;
    if (m_query.keyColumn >= 0) {
        const int first = page * m_pageSize;
        for (int i = 0; i < it->rows.size(); ++i) {
            const QString key = VersionedWriter::keyText(it->rows.at(i).value(m_query.keyColumn));
            const auto held = m_rowOfKey.find(key);
            if (held != m_rowOfKey.end() && held.value() == first + i)
                m_rowOfKey.erase(held);
        }
    }
    m_pages.erase(it);
    ++m_generation;
}

void RowPages::dropOldest(int keep)
{
    while (m_pages.size() > m_maxPages) {
        int oldest = -1;
        quint64 oldestUse = std::numeric_limits<quint64>::max();
        for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it) {
            if (it.key() != keep && it->used < oldestUse) {
                oldest = it.key();
                oldestUse = it->used;
            }
        }
        if (oldest < 0)
            return;
        drop(oldest);
    }
}

Result<int> RowPages::position(const QVariant &key)
{
    if (!isActive() || m_query.key.isEmpty())
        return DbError::badInput(tr("This table has no primary key, so a row cannot be found by it."));
    const int held = rowOfKey(VersionedWriter::keyText(key));
    if (held >= 0)
        return held;
    const QString keyColumn = m_query.table + QLatin1Char('.') + m_query.key;
    const QList<Row> anchor = run(QStringLiteral("SELECT %1 FROM %2").arg(m_query.selectList, m_query.table)
                                          + where(keyColumn + QStringLiteral(" = ?")),
                                  {key});
    if (m_lastError.isError())
        return m_lastError;
    if (anchor.isEmpty())
        return -1;
    if (const std::optional<int> place = positionFromLandmarks(anchor.constFirst()))
        return *place;
    if (m_lastError.isError())
        return m_lastError;
    QVariantList values;
    const QString before = afterCondition(anchor.constFirst(), true, false, values);
    const std::optional<qint64> counted = countWhere(before, values, tr("Could not find the row's place"));
    if (!counted)
        return m_lastError;
    return int(*counted);
}

std::optional<int> RowPages::positionFromLandmarks(const Row &anchor)
{
    if (m_landmarks.isEmpty())
        return std::nullopt;
    const QString keyColumn = m_query.table + QLatin1Char('.') + m_query.key;
    // The last landmark at or before the row, a statement per halving: each asks whether
    // the row (found by its key) comes after that landmark.
    int low = 0;
    int high = int(m_landmarks.size()) - 1;
    int found = -1;
    while (low <= high) {
        const int middle = low + (high - low) / 2;
        QVariantList values{anchor.value(m_query.keyColumn)};
        const QString after = afterCondition(m_landmarks.at(middle), false, true, values);
        const std::optional<qint64> hits = countWhere(keyColumn + QStringLiteral(" = ? AND (") + after + QLatin1Char(')'), values);
        if (!hits)
            return std::nullopt;
        if (*hits > 0) {
            found = middle;
            low = middle + 1;
        } else {
            high = middle - 1;
        }
    }
    if (found < 0)
        return std::nullopt;
    // Then the rows from that landmark up to the row: fewer than the spacing, as pages
    // read from the landmark place them.
    QVariantList values;
    const QString from = afterCondition(m_landmarks.at(found), false, true, values);
    const QString before = afterCondition(anchor, true, false, values);
    const std::optional<qint64> within = countWhere(QStringLiteral("(%1) AND (%2)").arg(from, before), values);
    if (!within)
        return std::nullopt;
    return int(std::min<qint64>(qint64(found) * m_landmarkEvery + *within, std::numeric_limits<int>::max()));
}

QList<std::pair<int, int>> RowPages::loadedRanges() const
{
    QList<int> pages = m_pages.keys();
    std::sort(pages.begin(), pages.end());
    QList<std::pair<int, int>> ranges;
    for (int page : std::as_const(pages)) {
        const int first = page * m_pageSize;
        const int last = first + int(m_pages.value(page).rows.size()) - 1;
        if (last < first)
            continue;
        if (!ranges.isEmpty() && ranges.last().second + 1 == first)
            ranges.last().second = last;
        else
            ranges.append({first, last});
    }
    return ranges;
}

} // namespace Concord
