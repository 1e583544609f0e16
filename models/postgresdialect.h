#pragma once

#include "sqldialect.h"

namespace Concord {

/// PostgreSQL 15: IS NOT DISTINCT FROM, RETURNING, BEFORE UPDATE trigger functions.
class PostgresDialect : public SqlDialect
{
public:
    using SqlDialect::SqlDialect;

    Kind kind() const override { return Kind::PostgreSQL; }
    QString name() const override { return QStringLiteral("postgresql"); }
    QString nullSafeEquals(const QString &lhs, const QString &rhs) const override;
    int maxBindParameters() const override { return 65535; }
    bool updateReturningSeesTriggers() const override { return true; }
    bool supportsBulkUpdate() const override { return true; }
    bool statementErrorAbortsTransaction() const override { return true; }
    QString rowLockSuffix() const override { return QStringLiteral(" FOR UPDATE"); }
    QString typedPlaceholder(const QSqlField &field) const override;
    QString bigIntType() const override { return QStringLiteral("BIGINT"); }
    QString textType() const override { return QStringLiteral("TEXT"); }
    QString autoIncrementKey() const override { return QStringLiteral("BIGSERIAL PRIMARY KEY"); }
    QStringList createTriggerSql(const QString &table, const QString &pkColumn,
                                 const QString &versionColumn) const override;
    QStringList dropTriggerSql(const QString &table, const QString &versionColumn) const override;
    QString listTriggersSql() const override;

    /// The LISTEN/NOTIFY channel on which change triggers send "table:pk".
    /// Appends @p value to a PostgreSQL array literal being built ("{…"): quoted with " and \
    /// escaped, or a bare NULL. False when the type has no plain text form here (dates,
    /// bytes): such values must go as ordinary parameters.
    static bool appendArrayElement(QString &array, const QVariant &value);

    static QString changeChannel() { return QStringLiteral("concord_changes"); }
    /// concord_notify_<table>: the trigger (and its function) that reports changed rows.
    static QString notifyTriggerName(const QString &table);
    /// An AFTER UPDATE OR DELETE trigger notifying changeChannel() with "table:pk" per row.
    QStringList createNotifyTriggerSql(const QString &table, const QString &pkColumn) const;
    QStringList dropNotifyTriggerSql(const QString &table) const;
    /// A SELECT with one row when a trigger named by the first bound value exists on the
    /// table named by the second (in the current schema).
    QString triggerExistsSql() const;
};

} // namespace Concord
