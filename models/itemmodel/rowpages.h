#pragma once

#include "dberror.h"
#include "result.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QVariant>
#include <QVector>

#include <functional>
#include <memory>
#include <optional>

namespace Concord {

class SqlDialect;
class SqlStatement;

/// The rows of one query (a table, a filter, an order), read a page at a time around
/// whatever is asked for, and dropped again when far from it.
///
/// Any row can be asked for at once: the first, the last, the middle of ten million.
/// A page next to one already read is read by key (WHERE (sort, key) > (…) LIMIT n: the
/// same cost wherever it lies, and no row skipped or shown twice when another client
/// inserts or deletes between two reads); a page far from any is read by position, from
/// whichever end is nearer, through the key alone first so the database skips rows in an
/// index rather than in the table. At most maxPages() pages are kept, the least recently
/// used dropped first: memory follows the window, not the table or how far it was scrolled.
///
/// Rows are identified by their key's text (VersionedWriter::keyText); a table without a
/// key is read by position only.
class RowPages
{
    Q_DECLARE_TR_FUNCTIONS(RowPages)

public:
    /// What to read. Names are quoted by the caller (the dialect); the filter is a WHERE
    /// condition as the model has it.
    struct Query
    {
        QString table;              ///< quoted
        QString selectList;         ///< the columns, in the model's order
        QString filter;             ///< a condition, or empty
        QString key;                ///< the quoted key column, or empty
        /// The key's and the sort column's expressions in selectList, to read them alone.
        QString keyExpression;
        QString sortExpression;
        int keyColumn = -1;         ///< its place in the select list
        QString sort;               ///< the quoted sort column, or empty (key order)
        int sortColumn = -1;
        bool descending = false;
        bool sortNullable = false;
        /// Whether pages may be read by the sort column's value: it compares in the
        /// database as it sorts (no approximate numbers).
        bool sortByValue = true;
        /// Whether the database sorts NULL below every value (SQLite, MariaDB) or above.
        bool nullsLow = true;
        /// Whether an index on the sort column alone also holds the key (SQLite, InnoDB),
        /// so a position in (sort, key) order is skipped in that index. Where it does not
        /// (PostgreSQL), a far position is found by the sort value first.
        bool indexesHoldKey = true;
    };
    using Normalizer = std::function<QVariant(int column, const QVariant &value)>;
    using Row = QVector<QVariant>;

    RowPages() = default;

    /// Starts over with @p query on @p db: nothing read, the count unknown (0).
    void reset(const QSqlDatabase &db, const SqlDialect *dialect, const Query &query, Normalizer normalize);
    /// The same for a reader in another thread: the dialect's answers are in @p query, and
    /// no dialect object is touched there.
    void reset(const QSqlDatabase &db, const Query &query);
    /// Forgets every row read; the query and count stay.
    void clear();
    bool isActive() const { return m_dialect != nullptr || m_detached; }
    const Query &query() const { return m_query; }

    int pageSize() const { return m_pageSize; }
    void setPageSize(int rows);
    int maxPages() const { return m_maxPages; }
    void setMaxPages(int pages) { m_maxPages = std::max(2, pages); }

    /// How many rows the query has, as last counted or estimated.
    int count() const { return m_count; }
    /// Whether count() was counted (true) or estimated from the database's statistics.
    bool isCountExact() const { return m_countExact; }
    void setCount(int rows, bool exact);
    /// A read found the table shorter (or longer) than count(): the rows it has now, once.
    std::optional<int> takeCountCorrection();
    bool hasCountCorrection() const { return m_correction.has_value(); }

    /// Row @p row's values, its page read first when needed; null when the read failed
    /// or the row lies past the query's end.
    const Row *row(int row);
    /// Row @p row's values if its page is held; never reads.
    const Row *rowIfLoaded(int row) const;
    bool isLoaded(int row) const { return rowIfLoaded(row) != nullptr; }
    /// The row that shows @p keyText among the pages held, or -1.
    int rowOfKey(const QString &keyText) const { return m_rowOfKey.value(keyText, -1); }
    /// Where @p key stands in the query's order, counted in the database: the row it
    /// would be shown at, or -1 when no row of the query has that key.
    Result<int> position(const QVariant &key);
    /// The rows held, ascending: first and last row of each run of held pages.
    QList<std::pair<int, int>> loadedRanges() const;
    /// Bumped whenever a page is read or dropped (the rows' keys may have moved).
    quint64 generation() const { return m_generation; }
    const DbError &lastError() const { return m_lastError; }

    /// Landmarks: the row at every @p every-th position of the query (0, every, 2·every, …),
    /// read once in the background (readLandmarks() on a connection of its own). With them a
    /// far page is read from the landmark before it, skipping fewer than @p every rows,
    /// wherever it lies: no count of the rows before it. @p every is a multiple of
    /// pageSize(); landmarks last until reset() or setPageSize().
    void setLandmarks(int every, QList<Row> anchors);
    bool hasLandmarks() const { return !m_landmarks.isEmpty(); }
    int landmarkSpacing() const { return m_landmarkEvery; }
    /// Whether landmarks can serve this query: it has a key and is read by value.
    bool canUseLandmarks() const { return isActive() && canReadByValue(); }
    /// Reads the landmarks of this query, a statement per landmark, each skipping
    /// @p every - 1 rows after the one before; stops (with what it has) when @p stop says
    /// so. Only the key and sort values of each row are kept.
    /// With @p oneStatement (SqlDialect::readsLandmarksInOneStatement()), one statement
    /// numbers the rows instead.
    Result<QList<Row>> readLandmarks(int every, bool oneStatement, const std::function<bool()> &stop);

    /// The query's statement in its order, for callers that stream every row.
    QString orderedStatement(const QString &columns) const;
    /// The query's ORDER BY (with the key as tie-breaker), @p reversed or not.
    QString orderBy(bool reversed) const;
    /// The query's WHERE (filter and @p extra condition), or empty.
    QString where(const QString &extra = QString()) const;

private:
    struct Page
    {
        QList<Row> rows;
        quint64 used = 0;
    };
    bool load(int page);
    QList<Row> readAfter(const Row &anchor, int limit, bool backwards, bool inclusive = false, int skip = 0);
    /// The rows of the query that meet @p condition; nothing on failure (lastError() says
    /// why, as @p doing, else "Could not read the rows").
    std::optional<qint64> countWhere(const QString &condition, const QVariantList &values, const QString &doing = QString());
    bool readFromLandmark(int first, QList<Row> &rows);
    /// Where @p anchor's row stands, counted from the landmark before it; nothing when there
    /// are no landmarks or it lies before the first.
    std::optional<int> positionFromLandmarks(const Row &anchor);
    QList<Row> readAt(int offset, int limit, bool fromEnd);
    std::optional<QList<Row>> readAtSortValue(int offset, int limit, bool fromEnd);
    QList<Row> run(const QString &sql, const QVariantList &values);
    /// The condition "comes after (sort, key) = @p anchor" in the query's order (or before).
    /// With @p nullTail, the rows whose sort value is NULL, when they follow, are left out
    /// of it and their condition put there, to be read apart.
    QString afterCondition(const Row &anchor, bool backwards, bool inclusive, QVariantList &values,
                           QString *nullTail = nullptr) const;
    void store(int page, QList<Row> rows);
    void drop(int page);
    void dropOldest(int keep);
    bool canReadByValue() const;

    QSqlDatabase m_db;
    const SqlDialect *m_dialect = nullptr;
    Query m_query;
    Normalizer m_normalize;
    int m_pageSize = 256;
    int m_maxPages = 64;
    int m_count = 0;
    bool m_countExact = true;
    std::optional<int> m_correction;
    QHash<int, Page> m_pages;
    QHash<QString, int> m_rowOfKey;
    // Statements kept prepared, by text: for the landmark read's thousands of the same.
    bool m_keepStatements = false;
    bool m_detached = false;   // reset() without a dialect: a reader in another thread
    QHash<QString, std::shared_ptr<SqlStatement>> m_statements;
    int m_landmarkEvery = 0;
    QList<Row> m_landmarks;
    quint64 m_clock = 0;
    quint64 m_generation = 0;
    DbError m_lastError;
};

} // namespace Concord
