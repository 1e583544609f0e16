#pragma once

#include "dberror.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QString>
#include <QVariant>
#include <QVariantList>

class QSqlDriver;

namespace Concord {

/// One statement with bound values, run the way the connection allows (Pooling):
/// - direct or session-pooled: a QSqlQuery prepared on the server once and executed with
///   the values bound, as often as wanted (the fast path, unchanged);
/// - transaction-pooled: no server-side prepared statement, which could be gone by the
///   next transaction. prepare() only keeps the text; exec() sends it as plain text with
///   each "?" replaced by the value as the driver's own formatValue() writes it: the same
///   literals QPSQL's EXECUTE sends for bound values. Values are never spliced as raw text.
///
/// Used like a QSqlQuery: prepare(), addBindValue()/bindValue(), exec(), then read the
/// results through query(). For a one-off, the static exec() does all three on a QSqlQuery.
class SqlStatement
{
public:
    explicit SqlStatement(const QSqlDatabase &db);

    /// Runs @p sql ("?" placeholders) with @p values on @p query's connection, prepared
    /// and bound or inlined as its pooling allows. False on failure: see query.lastError().
    static bool exec(QSqlQuery &query, const QString &sql, const QVariantList &values);
    /// @p sql with each "?" outside quotes and comments replaced by the matching value of
    /// @p values written by @p driver's formatValue() (NULL for a null value). Placeholders
    /// beyond @p values are left as they are (the server then rejects the statement).
    static QString inlined(const QString &sql, const QVariantList &values, const QSqlDriver *driver);

    /// Whether values are inlined on this connection (transaction pooling).
    bool inlinesValues() const { return m_inline; }
    /// Prepares @p sql; when values are inlined, nothing reaches the server until exec().
    bool prepare(const QString &sql);
    void addBindValue(const QVariant &value);
    void bindValue(int position, const QVariant &value);
    /// Runs the prepared statement with the values bound so far; the next addBindValue()
    /// starts at the first placeholder again, as with QSqlQuery.
    bool exec();

    /// The results, row count, error and the rest, as of the last exec().
    QSqlQuery &query() { return m_query; }
    const QSqlQuery &query() const { return m_query; }
    bool next() { return m_query.next(); }
    QVariant value(int index) const { return m_query.value(index); }
    int numRowsAffected() const { return m_query.numRowsAffected(); }
    QSqlRecord record() const { return m_query.record(); }
    QVariant lastInsertId() const { return m_query.lastInsertId(); }
    void setForwardOnly(bool forward) { m_query.setForwardOnly(forward); }
    void finish() { m_query.finish(); }
    /// The last failure as a DbError whose SQL is the statement as written (placeholders,
    /// not values).
    DbError error(const QString &doing) const;

private:
    QSqlQuery m_query;
    bool m_inline = false;
    QString m_sql;
    QVariantList m_values;
    int m_nextValue = 0;
};

} // namespace Concord
