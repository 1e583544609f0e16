#include "versionregistry.h"

#include "session.h"
#include "sqldialect.h"
#include "sqlstatement.h"
#include "transactionguard.h"

#include <QSqlField>
#include <QSqlRecord>
#include <QSqlQuery>

namespace Concord {

VersionRegistry::VersionRegistry(QSqlDatabase db)
    : m_db(db)
    , m_ownDialect(SqlDialect::create(db))
    , m_dialect(m_ownDialect.get())
{
}

VersionRegistry::VersionRegistry(QSqlDatabase db, const SqlDialect *dialect)
    : m_db(db)
    , m_dialect(dialect)
{
}

VersionRegistry::~VersionRegistry() = default;

Result<void> VersionRegistry::exec(const QString &sql, const QString &doing)
{
    QSqlQuery query(m_db);
    if (!query.exec(sql))
        return DbError::fromQuery(query, doing);
    return {};
}

VersionRegistry::Layout VersionRegistry::layout() const
{
    // An empty record: no registry yet. A registry written before the change log could be
    // switched off has no log_changes column: every table in it logs.
    const QSqlRecord record = m_db.record(tableName());
    return record.isEmpty() ? Layout::Missing
                            : record.contains(logColumn()) ? Layout::Current : Layout::WithoutLogColumn;
}

Result<void> VersionRegistry::ensureRegistryTable()
{
    switch (layout()) {
    case Layout::Current:
        return {};
    case Layout::WithoutLogColumn:
        return exec(QStringLiteral("ALTER TABLE %1 ADD COLUMN %2 INTEGER NOT NULL DEFAULT 1")
                            .arg(m_dialect->quoteTable(tableName()), logColumn()),
                    tr("Could not add the change-log switch to the version registry"));
    case Layout::Missing:
        break;
    }
    const QString key = m_dialect->indexedTextType();
    return exec(QStringLiteral("CREATE TABLE IF NOT EXISTS %1 (table_name %2 PRIMARY KEY, "
                               "version_column %2 NOT NULL, kind %2 NOT NULL, "
                               "check_fields %3, ignore_fields %3, %4 INTEGER NOT NULL DEFAULT 1)")
                        .arg(m_dialect->quoteTable(tableName()), key, m_dialect->textType(), logColumn()),
                tr("Could not create the version registry"));
}

Result<VersionRegistry::Loaded> VersionRegistry::load(const QString &table) const
{
    // The table as the database spells it, with the policy it has now.
    auto schema = TableSchema::load(m_db, *m_dialect, table);
    if (!schema)
        return schema.error();
    auto policy = policyFor(*schema);
    if (!policy)
        return policy.error();
    return Loaded{std::move(*schema), std::move(*policy)};
}

Result<VersionPolicy> VersionRegistry::policyFor(const TableSchema &schema) const
{
    VersionPolicy policy;
    if (const Layout registry = layout(); registry != Layout::Missing) {
        QSqlQuery query(m_db);
        const QString sql = QStringLiteral("SELECT version_column, kind, check_fields, ignore_fields, %1 FROM %2 "
                                           "WHERE table_name = ?")
                                    .arg(registry == Layout::Current ? logColumn() : QStringLiteral("1"),
                                         m_dialect->quoteTable(tableName()));
        if (!SqlStatement::exec(query, sql, {schema.name()}))
            return DbError::fromQuery(query, tr("Could not read the version registry"));
        if (query.next()) {
            policy.column = schema.column(query.value(0).toString());
            const auto kind = VersionPolicy::kindFromName(query.value(1).toString());
            if (policy.column.isEmpty() || !kind) {
                return DbError::badInput(tr("The registry entry of \"%1\" names a version "
                                                        "column or kind that does not exist.")
                                                 .arg(schema.name()));
            }
            policy.kind = *kind;
            policy.checkFields = VersionPolicy::fieldsFromText(query.value(2).toString());
            policy.ignoreFields = VersionPolicy::fieldsFromText(query.value(3).toString());
            policy.logChanges = query.value(4).toInt() != 0;
            policy.registered = true;
            return policy;
        }
    }
    const QString detected = schema.column(QStringLiteral("version"));
    if (!detected.isEmpty() && TableSchema::isIntegerType(schema.columnType(detected)))
        policy.column = detected;
    return policy;
}

Result<QList<VersionRegistry::TableInfo>> VersionRegistry::tables() const
{
    const auto installed = triggers();
    if (!installed)
        return installed.error();
    QList<TableInfo> infos;
    const QStringList names = TableSchema::userTables(m_db);
    for (const QString &name : names) {
        const auto schema = TableSchema::load(m_db, *m_dialect, name);
        if (!schema)
            return schema.error();
        const auto policy = policyFor(*schema);
        if (!policy)
            return policy.error();
        TableInfo info;
        info.table = name;
        info.primaryKey = schema->primaryKey();
        info.policy = *policy;
        if (policy->isVersioned()) {
            const QString trigger = SqlDialect::triggerName(name, policy->column);
            for (const auto &pair : *installed)
                info.hasTrigger = info.hasTrigger || pair.first.compare(trigger, Qt::CaseInsensitive) == 0;
        }
        infos.append(info);
    }
    return infos;
}

Result<void> VersionRegistry::changed(const QString &table, Result<void> done)
{
    // What the writers of the table know is out of date, whether or not this succeeded.
    Session::tableChanged(m_db, table);
    return done;
}

Result<void> VersionRegistry::removeEntry(const QString &table, const QString &doing)
{
    QSqlQuery remove(m_db);
    const QString sql = QStringLiteral("DELETE FROM %1 WHERE table_name = ?").arg(m_dialect->quoteTable(tableName()));
    if (!SqlStatement::exec(remove, sql, {table}))
        return DbError::fromQuery(remove, doing);
    return {};
}

Result<void> VersionRegistry::enable(const QString &table, VersionPolicy policy)
{
    return changed(table, applyEnable(table, std::move(policy)));
}

Result<void> VersionRegistry::applyEnable(const QString &table, VersionPolicy policy)
{
    const auto schema = TableSchema::load(m_db, *m_dialect, table);
    if (!schema)
        return schema.error();
    if (auto checked = checkPolicy(*schema, policy); !checked)
        return checked;
    const auto current = policyFor(*schema);
    if (!current)
        return current.error();
    // DDL first and outside the transaction: MariaDB commits implicitly on DDL.
    if (auto prepared = prepareTable(*schema, policy, *current); !prepared)
        return prepared;
    if (auto registered = registerPolicy(*schema, policy, *current); !registered)
        return registered;
    // Every kind gets the notify trigger, so open grids learn of edits made by any tool.
    return createNotifyTrigger(*schema);
}

Result<void> VersionRegistry::checkPolicy(const TableSchema &schema, VersionPolicy &policy) const
{
    // Refused before anything changes; names are taken as the table spells them.
    if (schema.primaryKey().isEmpty())
        return DbError::badInput(tr("Table \"%1\" has no single-column primary key, "
                                                "so its rows cannot be versioned.").arg(schema.name()));
    if (policy.column.isEmpty())
        policy.column = QStringLiteral("version");
    if (!policy.checkFields.isEmpty() && !policy.ignoreFields.isEmpty())
        return DbError::badInput(tr("Give check fields or ignore fields, not both."));
    if (policy.kind != VersionKind::Conditional && (!policy.checkFields.isEmpty() || !policy.ignoreFields.isEmpty()))
        return DbError::badInput(tr("Check and ignore fields only apply to the conditional kind."));
    for (QStringList *fields : {&policy.checkFields, &policy.ignoreFields}) {
        for (QString &field : *fields) {
            const QString actual = schema.column(field);
            if (actual.isEmpty())
                return DbError::badInput(tr("Table \"%1\" has no column named \"%2\".").arg(schema.name(), field));
            field = actual;
        }
    }
    const QString existing = schema.column(policy.column);
    if (!existing.isEmpty()) {
        if (!TableSchema::isIntegerType(schema.columnType(existing)))
            return DbError::badInput(tr("Column \"%1\" of \"%2\" is not an integer column, "
                                                    "so it cannot hold versions.").arg(existing, schema.name()));
        policy.column = existing;
    }
    return {};
}

Result<void> VersionRegistry::prepareTable(const TableSchema &schema, const VersionPolicy &policy,
                                           const VersionPolicy &current)
{
    if (auto made = ensureRegistryTable(); !made)
        return made;
    if (!schema.hasColumn(policy.column)) {
        if (auto added = exec(QStringLiteral("ALTER TABLE %1 ADD COLUMN %2 %3 DEFAULT 1")
                                      .arg(m_dialect->quoteTable(schema.name()), m_dialect->quoteField(policy.column),
                                           m_dialect->bigIntType()),
                              tr("Could not add the version column"));
            !added)
            return added;
    }
    // A trigger from an earlier kind (or column) must not keep bumping behind our back.
    if (current.registered && current.kind == VersionKind::Trigger
        && (policy.kind != VersionKind::Trigger || current.column != policy.column)) {
        for (const QString &sql : m_dialect->dropTriggerSql(schema.name(), current.column)) {
            if (auto dropped = exec(sql, tr("Could not drop the old version trigger")); !dropped)
                return dropped;
        }
    }
    // The trigger before the registration: a table registered as trigger kind without its
    // trigger would keep its version on every save, so stale saves would pass the check.
    if (policy.kind == VersionKind::Trigger) {
        for (const QString &sql : m_dialect->createTriggerSql(schema.name(), schema.primaryKey(), policy.column)) {
            if (auto made = exec(sql, tr("Could not create the version trigger")); !made)
                return made;
        }
    }
    return {};
}

Result<void> VersionRegistry::registerPolicy(const TableSchema &schema, const VersionPolicy &policy,
                                             const VersionPolicy &current)
{
    // Existing rows get a version and the registry its row, together.
    TransactionGuard transaction(m_db, *m_dialect);
    if (!transaction.isActive())
        return transaction.error();
    QSqlQuery backfill(m_db);
    if (!backfill.exec(QStringLiteral("UPDATE %1 SET %2 = 1 WHERE %2 IS NULL")
                               .arg(m_dialect->quoteTable(schema.name()), m_dialect->quoteField(policy.column))))
        return DbError::fromQuery(backfill, tr("Could not give existing rows a version"));
    const bool same = current.registered && current.column == policy.column && current.kind == policy.kind
            && current.checkFields == policy.checkFields && current.ignoreFields == policy.ignoreFields
            && current.logChanges == policy.logChanges;
    if (!same) {
        if (auto removed = removeEntry(schema.name(), tr("Could not update the version registry")); !removed)
            return removed;
        QSqlQuery insert(m_db);
        const QString sql = QStringLiteral("INSERT INTO %1 (table_name, version_column, kind, check_fields, ignore_fields, %2) "
                                           "VALUES (?, ?, ?, ?, ?, ?)")
                                    .arg(m_dialect->quoteTable(tableName()), logColumn());
        const QVariantList values = {schema.name(), policy.column, VersionPolicy::kindName(policy.kind),
                                     policy.checkFields.join(QLatin1Char(',')),
                                     policy.ignoreFields.join(QLatin1Char(',')), policy.logChanges ? 1 : 0};
        if (!SqlStatement::exec(insert, sql, values))
            return DbError::fromQuery(insert, tr("Could not register the table"));
    }
    return transaction.commit();
}

Result<void> VersionRegistry::createNotifyTrigger(const TableSchema &schema, int lockTimeoutMs)
{
    const QStringList statements = m_dialect->createNotifyTriggerSql(schema.name(), schema.primaryKey());
    if (statements.isEmpty())
        return {};
    // Where the database pushes changes, its DDL is transactional (PostgreSQL): other
    // writers see the old triggers or the new ones.
    TransactionGuard transaction(m_db, *m_dialect, lockTimeoutMs);
    if (!transaction.isActive())
        return transaction.error();
    for (const QString &sql : statements) {
        if (auto made = exec(sql, tr("Could not create the change-notify trigger")); !made)
            return made;
    }
    return transaction.commit();
}

Result<bool> VersionRegistry::ensureNotifyTrigger(const QString &table, int lockTimeoutMs)
{
    // Whether the database can announce changes, not whether this connection listens: a
    // connection through a transaction pooler polls, yet direct clients may listen.
    if (m_dialect->notificationChannel().isEmpty())
        return false;
    const auto schema = TableSchema::load(m_db, *m_dialect, table);
    if (!schema)
        return schema.error();
    if (schema->primaryKey().isEmpty())
        return DbError::badInput(tr("Table \"%1\" has no single-column primary key.").arg(schema->name()));
    const auto present = m_dialect->hasNotifyTrigger(m_db, schema->name());
    if (!present)
        return present.error();
    if (*present)
        return true;
    if (auto made = createNotifyTrigger(*schema, lockTimeoutMs); !made)
        return made.error();
    return true;
}

Result<void> VersionRegistry::disable(const QString &table)
{
    return changed(table, applyDisable(table));
}

Result<void> VersionRegistry::applyDisable(const QString &table)
{
    const auto loaded = load(table);
    if (!loaded)
        return loaded.error();
    const TableSchema &schema = loaded->schema;
    const VersionPolicy &current = loaded->policy;
    if (current.isVersioned()) {
        for (const QString &sql : m_dialect->dropTriggerSql(schema.name(), current.column)) {
            if (auto dropped = exec(sql, tr("Could not drop the version trigger")); !dropped)
                return dropped;
        }
    }
    for (const QString &sql : m_dialect->dropNotifyTriggerSql(schema.name())) {
        if (auto dropped = exec(sql, tr("Could not drop the change-notify trigger")); !dropped)
            return dropped;
    }
    if (layout() == Layout::Missing)
        return {};
    return removeEntry(schema.name(), tr("Could not unregister the table"));
}

Result<void> VersionRegistry::setChangeLog(const QString &table, bool on)
{
    return changed(table, applySetChangeLog(table, on));
}

Result<void> VersionRegistry::applySetChangeLog(const QString &table, bool on)
{
    const auto loaded = load(table);
    if (!loaded)
        return loaded.error();
    const TableSchema &schema = loaded->schema;
    const VersionPolicy &current = loaded->policy;
    if (current.logChanges == on)
        return {};
    if (!current.isVersioned())
        return DbError::badInput(tr("Table \"%1\" is not versioned, so the registry has no entry to keep its "
                                    "change-log switch in; enable it first.").arg(schema.name()));
    // A table versioned by its "version" column alone gets a registry entry for the switch,
    // with the policy it already had, so every client sees the same.
    VersionPolicy policy = current;
    policy.logChanges = on;
    if (auto made = ensureRegistryTable(); !made)
        return made;
    return registerPolicy(schema, policy, current);
}

Result<QList<QPair<QString, QString>>> VersionRegistry::triggers() const
{
    QList<QPair<QString, QString>> list;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.exec(m_dialect->listTriggersSql()))
        return DbError::fromQuery(query, tr("Could not list triggers"));
    while (query.next())
        list.append({query.value(0).toString(), query.value(1).toString()});
    return list;
}

Result<void> VersionRegistry::createTrigger(const QString &table)
{
    return changed(table, applyCreateTrigger(table));
}

Result<void> VersionRegistry::applyCreateTrigger(const QString &table)
{
    const auto loaded = load(table);
    if (!loaded)
        return loaded.error();
    const TableSchema &schema = loaded->schema;
    const VersionPolicy &policy = loaded->policy;
    if (!policy.isVersioned())
        return DbError::badInput(tr("Table \"%1\" is not versioned; enable it first.").arg(schema.name()));
    if (schema.primaryKey().isEmpty())
        return DbError::badInput(tr("Table \"%1\" has no single-column primary key.").arg(schema.name()));
    for (const QString &sql : m_dialect->createTriggerSql(schema.name(), schema.primaryKey(), policy.column)) {
        if (auto made = exec(sql, tr("Could not create the version trigger")); !made)
            return made;
    }
    return {};
}

Result<void> VersionRegistry::dropTrigger(const QString &table)
{
    return changed(table, applyDropTrigger(table));
}

Result<void> VersionRegistry::applyDropTrigger(const QString &table)
{
    const auto loaded = load(table);
    if (!loaded)
        return loaded.error();
    const TableSchema &schema = loaded->schema;
    const VersionPolicy &policy = loaded->policy;
    if (!policy.isVersioned())
        return DbError::badInput(tr("Table \"%1\" is not versioned.").arg(schema.name()));
    for (const QString &sql : m_dialect->dropTriggerSql(schema.name(), policy.column)) {
        if (auto dropped = exec(sql, tr("Could not drop the version trigger")); !dropped)
            return dropped;
    }
    return {};
}

} // namespace Concord
