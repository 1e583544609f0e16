#pragma once

#include "result.h"
#include "tableschema.h"
#include "versionpolicy.h"

#include <QCoreApplication>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <memory>

namespace Concord {

class SqlDialect;

/// The concord_tables registry, kept in the database itself so every client agrees on
/// which tables are versioned and how. Tables not registered but having an integer
/// column named "version" are taken as auto-versioned.
class VersionRegistry
{
    Q_DECLARE_TR_FUNCTIONS(VersionRegistry)

public:
    struct TableInfo
    {
        QString table;
        QString primaryKey;
        VersionPolicy policy;
        bool hasTrigger = false;
    };

    /// A registry with a dialect of its own, for \a db.
    explicit VersionRegistry(QSqlDatabase db);
    /// A registry that borrows \a dialect (a Session's), which must outlive it.
    VersionRegistry(QSqlDatabase db, const SqlDialect *dialect);
    ~VersionRegistry();

    static QString tableName() { return QStringLiteral("concord_tables"); }

    const SqlDialect &dialect() const { return *m_dialect; }
    bool isValid() const { return m_dialect != nullptr; }

    /// The policy of @p schema's table: registered, auto-detected, or not versioned.
    Result<VersionPolicy> policyFor(const TableSchema &schema) const;

    /// Every user table with its policy and whether its version trigger exists.
    Result<QList<TableInfo>> tables() const;

    /// Adds the column if missing (existing rows get 1), backfills NULL versions with 1,
    /// registers the policy and creates the trigger for the trigger kind.
    /// Running it twice with the same policy changes nothing.
    Result<void> enable(const QString &table, VersionPolicy policy);

    /// Unregisters the table and drops its trigger; the column stays.
    Result<void> disable(const QString &table);

    /// Switches the change log of a versioned table on or off for every client (a table
    /// versioned by detection alone is registered with its policy for it). Unversioned
    /// tables have no registry entry and are refused.
    Result<void> setChangeLog(const QString &table, bool on);

    /// Names of Concord's triggers, as "trigger_name" -> table.
    Result<QList<QPair<QString, QString>>> triggers() const;
    Result<void> createTrigger(const QString &table);
    Result<void> dropTrigger(const QString &table);

    /// PostgreSQL: creates @p table's change-notify trigger (concord_notify_<table>) unless it
    /// exists, and returns true. Other databases have no notifications and return false.
    /// With @p lockTimeoutMs of 0 or more, the CREATE TRIGGER waits at most that long for
    /// another transaction holding the table (then fails with the dialect's LockTimeout),
    /// instead of waiting, and holding up every writer queued behind it, until that ends.
    Result<bool> ensureNotifyTrigger(const QString &table, int lockTimeoutMs = -1);

private:
    enum class Layout { Missing, WithoutLogColumn, Current };
    struct Loaded
    {
        TableSchema schema;
        VersionPolicy policy;
    };
    Result<Loaded> load(const QString &table) const;
    Layout layout() const;
    static QString logColumn() { return QStringLiteral("log_changes"); }
    Result<void> applySetChangeLog(const QString &table, bool on);
    Result<void> changed(const QString &table, Result<void> done);
    Result<void> removeEntry(const QString &table, const QString &doing);
    Result<void> applyEnable(const QString &table, VersionPolicy policy);
    Result<void> checkPolicy(const TableSchema &schema, VersionPolicy &policy) const;
    Result<void> prepareTable(const TableSchema &schema, const VersionPolicy &policy, const VersionPolicy &current);
    Result<void> registerPolicy(const TableSchema &schema, const VersionPolicy &policy, const VersionPolicy &current);
    Result<void> applyDisable(const QString &table);
    Result<void> applyCreateTrigger(const QString &table);
    Result<void> applyDropTrigger(const QString &table);
    Result<void> ensureRegistryTable();
    Result<void> exec(const QString &sql, const QString &doing);
    Result<void> createNotifyTrigger(const TableSchema &schema, int lockTimeoutMs = -1);

    QSqlDatabase m_db;
    std::unique_ptr<SqlDialect> m_ownDialect;
    const SqlDialect *m_dialect;
};

} // namespace Concord
