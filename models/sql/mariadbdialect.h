#pragma once

#include "sqldialect.h"

namespace Concord {

struct DialectTraits;

/// MariaDB 10.11: <=>, no UPDATE … RETURNING, BEFORE UPDATE triggers.
/// Connections need CLIENT_FOUND_ROWS, or an UPDATE that changes nothing counts 0 rows.
class MariaDbDialect : public SqlDialect
{
public:
    using SqlDialect::SqlDialect;

    /// How a MariaDB database is reached (see DialectTraits).
    static const DialectTraits &traits();
    Kind kind() const override { return Kind::MariaDB; }
    QString name() const override { return QStringLiteral("mariadb"); }
    QString nullSafeEquals(const QString &lhs, const QString &rhs) const override;
    QString estimatedRowsSql(const QSqlDatabase &db, const QString &table) const override;
    std::optional<qint64> plannedRows(const QSqlDatabase &db, const QString &select) const override;
    int maxBindParameters() const override { return 65535; }
    bool supportsBulkUpdate() const override { return true; }
    /// Integer keys only: a text key would be compared in the connection's character set
    /// and collation, which can keep the join off the key's index; a scan would lock rows
    /// outside the batch, out of key order.
    bool bulkUpdateFits(const QSqlField &pk) const override;
    /// No UPDATE … RETURNING in MariaDB.
    bool bulkUpdateReturnsKeys() const override { return false; }
    /// UPDATE source STRAIGHT_JOIN table FORCE INDEX (PRIMARY) ON … SET table.column = …:
    /// the chunk's rows first, each row of the table found through its key.
    QString bulkUpdateSql(const QString &table, const QList<std::pair<QString, QString>> &sets,
                          const QString &source, const QString &match, const QString &returning) const override;
    /// (SELECT ? AS name, … UNION ALL SELECT ?, … …) AS alias. Not a VALUES list: MariaDB
    /// names its columns after the first row's values, and in a prepared statement takes
    /// their types from the first row alone, so a longer value in a later row fails.
    QString valuesRowsSource(const QStringList &firstMarks, const QStringList &names, qsizetype rowCount,
                             const QString &alias) const override;
    /// CAST(? AS CHAR) for text and CAST(? AS BINARY) for bytes: Qt binds a string as a
    /// fixed-length CHAR, which the rows' temporary table would keep without its trailing
    /// spaces. The cast makes the column variable-length, and the others follow it.
    QString typedPlaceholder(const ColumnInfo &column) const override;
    bool statementErrorAbortsTransaction() const override { return false; }
    /// QMYSQL runs a prepared INSERT … RETURNING without handing back its row, and a row
    /// the server refuses (CHECK, UNIQUE) comes back as success: the key comes from
    /// lastInsertId() instead.
    bool insertReturnsKey() const override { return false; }
    /// Under InnoDB's repeatable read a plain SELECT answers from the transaction's snapshot.
    bool conflictReadLocks() const override { return true; }
    QString indexedTextType() const override { return QStringLiteral("VARCHAR(255)"); }
    QString rowLockSuffix() const override { return QStringLiteral(" FOR UPDATE"); }
    /// Begins with READ COMMITTED, so reads after a failed check see the row that failed it.
    Result<void> begin(QSqlDatabase &db, int lockTimeoutMs = -1) const override;
    LockFailure lockFailure(const DbError &error) const override;
    bool transactionSurvives(QSqlDatabase &db, LockFailure failure) const override;
    /// innodb_lock_wait_timeout counts whole seconds: @p ms is rounded down, to 1 s at least.
    QStringList lockTimeoutSql(int ms) const override;
    int lockTimeoutResolutionMs() const override { return 1000; }
    Result<QList<ColumnInfo>> readColumns(QSqlDatabase db, const QString &table) const override;
    /// Dates and times as text: QDateTime keeps milliseconds, and '0000-00-00' is no QDate.
    QString selectExpression(const ColumnInfo &column) const override;
    QString bigIntType() const override { return QStringLiteral("BIGINT"); }
    QString textType() const override { return QStringLiteral("LONGTEXT"); }
    QString castTextType() const override { return QStringLiteral("CHAR"); }
    QString autoIncrementKey() const override { return QStringLiteral("BIGINT AUTO_INCREMENT PRIMARY KEY"); }
    QStringList createTriggerSql(const QString &table, const QString &pkColumn,
                                 const QString &versionColumn) const override;
    QStringList dropTriggerSql(const QString &table, const QString &versionColumn) const override;
    QString listTriggersSql() const override;
};

} // namespace Concord
