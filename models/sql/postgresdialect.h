#pragma once

#include "sqldialect.h"

#include <QStringList>

namespace Concord {

struct DialectTraits;

/// PostgreSQL 15: IS NOT DISTINCT FROM, RETURNING, BEFORE UPDATE trigger functions.
class PostgresDialect : public SqlDialect
{
public:
    using SqlDialect::SqlDialect;

    /// How a PostgreSQL database is reached (see DialectTraits).
    static const DialectTraits &traits();
    Kind kind() const override { return Kind::PostgreSQL; }
    QString name() const override { return QStringLiteral("postgresql"); }
    QString nullSafeEquals(const QString &lhs, const QString &rhs) const override;
    int maxBindParameters() const override { return 65535; }
    bool supportsBulkUpdate() const override { return true; }
    bool statementErrorAbortsTransaction() const override { return true; }
    bool nullsSortLow() const override { return false; }
    bool indexesHoldKey() const override { return false; }
    bool readsLandmarksInOneStatement() const override { return true; }
    QString estimatedRowsSql(const QSqlDatabase &db, const QString &table) const override;
    std::optional<qint64> plannedRows(const QSqlDatabase &db, const QString &select) const override;
    bool bindsColumnArrays() const override { return true; }
    bool appendArrayValue(QString &array, const QVariant &value) const override { return appendArrayElement(array, value); }
    /// unnest(CAST(? AS type[]), …) AS alias(names…).
    QString arrayRowsSource(const QStringList &types, const QStringList &names, const QString &alias) const override;
    /// Notify, but Poll through a transaction pooler (no LISTEN there).
    ChangeSignal changeSignal() const override;
    QString notificationChannel() const override { return changeChannel(); }
    ChangeNotice readChangeNotice(const QString &payload) const override { return parseChangeNotice(payload); }
    Result<bool> hasNotifyTrigger(QSqlDatabase db, const QString &table) const override;
    QString rowLockSuffix() const override { return QStringLiteral(" FOR UPDATE"); }
    LockFailure lockFailure(const DbError &error) const override;
    QStringList lockTimeoutSql(int ms) const override;
    bool locksKeysAsArray(const QSqlField &pk) const override;
    QString lockRowsSql(const QString &table, const QSqlField &pk, const QString &columns, qsizetype count,
                        bool skipLocked) const override;
    QVariantList lockRowsValues(const QList<QVariant> &keys, const QSqlField &pk) const override;
    /// CAST(? AS the column's declared type), so a VALUES list or an array of text reaches
    /// a numeric(12,2) or a timestamptz as that type, not as the double or timestamp Qt guesses.
    QString typedPlaceholder(const ColumnInfo &column) const override;
    Result<QList<ColumnInfo>> readColumns(QSqlDatabase db, const QString &table) const override;
    /// Times and timestamps as text: QDateTime keeps milliseconds, PostgreSQL microseconds.
    QString selectExpression(const ColumnInfo &column) const override;
    QString bigIntType() const override { return QStringLiteral("BIGINT"); }
    QString textType() const override { return QStringLiteral("TEXT"); }
    QString autoIncrementKey() const override { return QStringLiteral("BIGSERIAL PRIMARY KEY"); }
    QStringList createTriggerSql(const QString &table, const QString &pkColumn,
                                 const QString &versionColumn) const override;
    QStringList dropTriggerSql(const QString &table, const QString &versionColumn) const override;
    QString listTriggersSql() const override;

    /// Appends @p value to a PostgreSQL array literal being built ("{…"): quoted with " and \
    /// escaped, or a bare NULL. False when the type has no plain text form here (dates,
    /// bytes): such values must go as ordinary parameters.
    static bool appendArrayElement(QString &array, const QVariant &value);

    /// The LISTEN/NOTIFY channel on which the change triggers report.
    static QString changeChannel() { return QStringLiteral("concord_changes"); }
    /// concord_notify_<table>: the function, and the AFTER UPDATE trigger, that report changed
    /// rows. Names longer than PostgreSQL keeps (63 bytes) end in a hash of the full name.
    static QString notifyTriggerName(const QString &table);
    /// concord_notify_<table>_delete: the AFTER DELETE trigger calling the same function.
    static QString notifyDeleteTriggerName(const QString &table);
    /// Statement-level triggers: one notification per UPDATE or DELETE that touched rows,
    /// naming up to notifyKeyLimit() keys, or no keys ("any row may have changed") beyond
    /// that. A batch save of thousands of rows costs the server one notification, not one
    /// per row, and every listening grid reads it once.
    QStringList createNotifyTriggerSql(const QString &table, const QString &pkColumn) const override;
    QStringList dropNotifyTriggerSql(const QString &table) const override;
    static constexpr int notifyKeyLimit() { return 200; }

    /// A notification of the change triggers, read back.
    static ChangeNotice parseChangeNotice(const QString &payload);
    /// A SELECT with one row when a trigger named by the first bound value exists on the
    /// table named by the second (in the current schema).
    QString triggerExistsSql() const;
};

} // namespace Concord
