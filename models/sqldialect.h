#pragma once

#include "result.h"

#include <QSqlDatabase>
#include <QSqlField>
#include <QString>
#include <QStringList>

#include <memory>

namespace Concord {

/// The SQL that differs between databases, one small subclass per dialect.
/// Identifiers always go through the driver's escapeIdentifier; values are always bound.
class SqlDialect
{
public:
    enum class Kind { SQLite, PostgreSQL, MariaDB };

    explicit SqlDialect(const QSqlDatabase &db);
    virtual ~SqlDialect();

    /// The dialect for @p db, chosen by QSqlDriver::dbmsType(); nullptr if unsupported.
    static std::unique_ptr<SqlDialect> create(const QSqlDatabase &db);

    virtual Kind kind() const = 0;
    virtual QString name() const = 0;

    QString quoteTable(const QString &table) const;
    QString quoteField(const QString &field) const;

    /// A NULL-safe comparison: true when both are NULL or both equal.
    virtual QString nullSafeEquals(const QString &lhs, const QString &rhs) const = 0;

    /// How many bound parameters one statement may carry.
    virtual int maxBindParameters() const = 0;

    /// Whether UPDATE … RETURNING exists and shows what BEFORE/AFTER triggers wrote.
    virtual bool updateReturningSeesTriggers() const = 0;
    /// Whether an UPDATE … FROM (VALUES …) … RETURNING statement can do a whole chunk.
    virtual bool supportsBulkUpdate() const = 0;
    /// Whether one failed statement poisons the whole transaction (PostgreSQL).
    virtual bool statementErrorAbortsTransaction() const = 0;

    /// Appended to a SELECT to lock the rows it reads until the transaction ends.
    virtual QString rowLockSuffix() const = 0;

    /// Begins a write transaction (SQLite takes the write lock at once).
    virtual Result<void> begin(QSqlDatabase &db) const;

    /// A parameter placeholder cast to @p field's type where the dialect needs it
    /// (PostgreSQL cannot infer types inside a VALUES list).
    virtual QString typedPlaceholder(const QSqlField &field) const;

    virtual QString bigIntType() const = 0;
    virtual QString textType() const = 0;
    virtual QString autoIncrementKey() const = 0;

    /// concord_<table>_<column>
    static QString triggerName(const QString &table, const QString &column);

    virtual QStringList createTriggerSql(const QString &table, const QString &pkColumn,
                                         const QString &versionColumn) const = 0;
    virtual QStringList dropTriggerSql(const QString &table, const QString &versionColumn) const = 0;
    /// A SELECT returning (trigger name, table name) of Concord's triggers.
    virtual QString listTriggersSql() const = 0;

    /// Statements run once after connecting (e.g. SQLite pragmas).
    virtual QStringList sessionSetupSql() const;

protected:
    QSqlDatabase m_db;
};

} // namespace Concord
