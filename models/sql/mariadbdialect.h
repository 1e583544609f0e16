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
    int maxBindParameters() const override { return 65535; }
    bool supportsBulkUpdate() const override { return false; }
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
