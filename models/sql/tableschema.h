#pragma once

#include "columninfo.h"
#include "result.h"

#include <QCoreApplication>
#include <QHash>
#include <QMetaType>
#include <QSqlRecord>
#include <QString>
#include <QStringList>
#include <QVariant>

class QSqlDatabase;

namespace Concord {

class SqlDialect;

/// The columns and primary key of one table, read from the database, used to check
/// every identifier and value before any SQL is written.
class TableSchema
{
    Q_DECLARE_TR_FUNCTIONS(TableSchema)

public:
    TableSchema() = default;

    /// Reads @p table's schema; an unknown table is a BadInput error.
    static Result<TableSchema> load(const QSqlDatabase &db, const QString &table);
    /// The same, reading the catalog with \a dialect (a Session's) instead of making one.
    static Result<TableSchema> load(const QSqlDatabase &db, const SqlDialect &dialect, const QString &table);

    /// The user tables of @p db, without Concord's own and the database's internal ones.
    static QStringList userTables(const QSqlDatabase &db);

    /// Whether a column the driver reads as @p type holds whole numbers.
    static bool isIntegerType(QMetaType type);

    QString name() const { return m_name; }
    QString primaryKey() const { return m_primaryKey; }
    const QSqlRecord &record() const { return m_record; }
    /// The column names in table order (cheap: computed once at load).
    const QStringList &columns() const { return m_columns; }
    int columnCount() const { return int(m_columns.size()); }

    /// The column's name as the database spells it, or an empty string if unknown.
    QString column(const QString &name) const;
    bool hasColumn(const QString &name) const { return !column(name).isEmpty(); }
    /// Whether @p name is a column spelled exactly as the database does.
    bool isExactColumn(const QString &name) const { return m_indexOf.contains(name); }
    QMetaType columnType(const QString &column) const;
    /// What the catalog says of each column, in table order.
    const QList<ColumnInfo> &columnInfos() const { return m_infos; }
    /// The catalog's account of @p column (exact spelling), or of a text column when unknown.
    const ColumnInfo &info(const QString &column) const;
    const ColumnInfo &info(int index) const { return m_infos.at(index); }
    /// The SELECT list that reads every column exactly (see SqlDialect::selectExpression()).
    QString selectList(const SqlDialect &dialect) const;

    /// Converts @p value (text from a command line, or a JSON value) to the column's type;
    /// a value that does not fit is a BadInput error naming the column.
    Result<QVariant> coerce(const QString &column, const QVariant &value) const;

private:
    QString m_name;
    QString m_primaryKey;
    QSqlRecord m_record;
    QStringList m_columns;
    QHash<QString, int> m_indexOf; ///< exact spelling -> column index
    QList<ColumnInfo> m_infos;     ///< one per column, in table order
};

} // namespace Concord
