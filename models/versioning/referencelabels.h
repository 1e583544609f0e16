#pragma once

#include "result.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QVariant>

namespace Concord {

class SqlDialect;
class TableSchema;

/// The labels that foreign keys are shown by: each table's label column (chosen in the
/// concord_labels registry, kept in the database so every client agrees, or else the
/// default below), the labels of a set of keys in one statement (cached, bounded), a
/// search for the editors, and the tables whose foreign keys refer to a table.
class ReferenceLabels
{
    Q_DECLARE_TR_FUNCTIONS(ReferenceLabels)

public:
    /// One row of a referenced table as an editor offers it.
    struct Entry
    {
        QVariant key;
        QString label; ///< empty when the table has no label column
    };
    /// One page of a search, ordered by label (then key).
    struct Page
    {
        QList<Entry> entries;
        bool more = false; ///< rows follow after this page
    };
    /// A single-column foreign key of @c table that refers to another table's @c referencedColumn.
    struct Referrer
    {
        QString table;
        QString column;
        QString referencedColumn;
    };

    /// Borrows @p dialect (a Session's), which must outlive this object.
    ReferenceLabels(QSqlDatabase db, const SqlDialect &dialect);

    static QString tableName() { return QStringLiteral("concord_labels"); }
    /// How many labels are kept per referenced column before the cache starts again.
    static constexpr int cacheLimit = 20000;

    /// The default label column of @p schema: the first NOT NULL text column named like
    /// name, title, label or email (in that order of preference), else the first NOT NULL
    /// text column, else the first text column so named; never the key or a foreign key.
    /// Empty when there is none: the key is shown.
    static QString defaultLabelColumn(const TableSchema &schema);

    /// @p table's label column: the registry's choice, else the default. Empty: none.
    Result<QString> labelColumn(const QString &table);
    /// Whether @p table's label column was chosen (registry) rather than defaulted.
    Result<bool> isChosen(const QString &table);
    /// Chooses @p column as @p table's label column for every client; an empty @p column
    /// goes back to the default. An unknown table or column is BadInput; nothing is written.
    Result<void> setLabelColumn(const QString &table, const QString &column);

    /// The labels of the rows of @p table whose @p keyColumn holds @p keys, by the keys'
    /// text, read in as few statements as the bind limit allows; keys without a row (or a
    /// table without a label column) map to an empty string. Cached until clear().
    Result<QHash<QString, QString>> labels(const QString &table, const QString &keyColumn, const QList<QVariant> &keys);
    /// The cached label of @p key, or a null string when it was never read.
    QString cached(const QString &table, const QString &keyColumn, const QVariant &key) const;
    /// Rows of @p table whose label (or key, without a label column) contains @p text,
    /// ignoring case, ordered by label: at most @p limit from @p offset.
    Result<Page> search(const QString &table, const QString &keyColumn, const QString &text, int limit, int offset = 0);
    /// How many rows @p table holds (whether an editor lists them all or offers a search).
    Result<int> rowCount(const QString &table);

    /// Every single-column foreign key of another user table (or of @p table itself) that
    /// refers to @p table, by table and column name.
    Result<QList<Referrer>> referrers(const QString &table);
    /// How many rows of @p referrer's table refer to the row whose referenced column is @p value.
    Result<int> countReferring(const Referrer &referrer, const QVariant &value);
    /// A filter (for QSqlTableModel::setFilter()) selecting the rows whose @p column holds
    /// @p value, the value formatted by the driver.
    QString equalsFilter(const QString &column, const QVariant &value) const;

    /// Forgets every cached label and label column (after a refresh or a new choice).
    void clear();

private:
    Result<QString> chosenColumn(const QString &table);
    Result<void> writeChoice(const QString &table, const QString &column);
    QString labelExpression(const QString &column) const;

    QSqlDatabase m_db;
    const SqlDialect *m_dialect;
    QHash<QString, QString> m_columns;                 ///< table -> label column (resolved)
    QHash<QString, QHash<QString, QString>> m_cache;   ///< "table.keyColumn" -> key text -> label
};

} // namespace Concord
