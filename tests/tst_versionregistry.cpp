#include "versionregistry.h"

#include "actionrunner.h"
#include "adminaction.h"
#include "batchsubmitter.h"
#include "changelog.h"
#include "sqldialect.h"
#include "versionedtablemodel.h"
#include "versionedwriter.h"

#include "rowedits.h"
#include "sqlprobe.h"
#include "testdatabase.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

using namespace Concord;
using RowEdits::update;
using SqlProbe::value;
using SqlProbe::run;
using SqlProbe::rows;

class tst_VersionRegistry : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_db;

    QString createItems(bool withVersion = true)
    {
        if (withVersion)
            return m_db->createItems();
        return m_db->exec({
                QStringLiteral("CREATE TABLE items (id INTEGER PRIMARY KEY, name %1, qty INTEGER)").arg(m_db->text()),
                QStringLiteral("INSERT INTO items (id, name, qty) VALUES (1, 'apple', 10), (2, 'pear', 20), (3, 'plum', 30)"),
        });
    }

    static QString registryRows(QSqlDatabase db)
    {
        if (!db.tables().contains(VersionRegistry::tableName()))
            return QString();
        return rows(db, QStringLiteral("SELECT table_name, version_column, kind, check_fields, ignore_fields "
                                       "FROM concord_tables ORDER BY table_name"));
    }

    /// Concord's version triggers (the PostgreSQL change-notify triggers left out).
    static QStringList versionTriggers(const VersionRegistry &registry)
    {
        QStringList names;
        const auto list = registry.triggers();
        if (!list)
            return {QStringLiteral("<error> ") + list.error().message};
        for (const auto &[trigger, table] : *list) {
            if (!trigger.startsWith(QLatin1String("concord_notify_")))
                names.append(trigger + QLatin1Char('@') + table);
        }
        return names;
    }

    static VersionPolicy policyOf(VersionKind kind, const QString &column = QString(), const QStringList &check = {},
                                  const QStringList &ignore = {})
    {
        VersionPolicy policy;
        policy.kind = kind;
        policy.column = column;
        policy.checkFields = check;
        policy.ignoreFields = ignore;
        return policy;
    }

private Q_SLOTS:
    // Every test runs once per dialect.
    void initTestCase_data() { TestDatabase::addDialectRows(); }
    void cleanup() { m_db.reset(); }

    void shouldDetectOnlyAnIntegerVersionColumn()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QCOMPARE(m_db->exec({QStringLiteral("CREATE TABLE a (id INTEGER PRIMARY KEY, version INTEGER)"),
                             QStringLiteral("CREATE TABLE b (id INTEGER PRIMARY KEY, version VARCHAR(20))"),
                             QStringLiteral("CREATE TABLE c (id INTEGER PRIMARY KEY, VERSION BIGINT)"),
                             QStringLiteral("CREATE TABLE d (id INTEGER PRIMARY KEY, name VARCHAR(20))")}),
                 QString());
        QSqlDatabase db = m_db->connect();
        QVERIFY2(db.isOpen(), qPrintable(m_db->error()));
        VersionRegistry registry(db);
        QStringList found;
        for (const QString table : {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d")}) {
            const auto schema = TableSchema::load(db, table);
            QVERIFY(schema.ok());
            const auto policy = registry.policyFor(*schema);
            QVERIFY(policy.ok());
            QVERIFY(!policy->registered);
            found.append(table + QLatin1Char('=') + policy->column.toLower()
                         + (policy->isVersioned() ? QLatin1Char('/') + VersionPolicy::kindName(policy->kind) : QString()));
        }
        QCOMPARE(found.join(QLatin1Char(' ')), QStringLiteral("a=version/auto b= c=version/auto d="));
        // A text "version" column cannot be enabled either.
        QCOMPARE(registry.enable(QStringLiteral("b"), policyOf(VersionKind::Auto)).error().code, DbError::Code::BadInput);
    }

    void shouldEnableATableWithoutVersionColumn()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QCOMPARE(createItems(false), QString());
        QSqlDatabase db = m_db->connect();
        QVERIFY2(db.isOpen(), qPrintable(m_db->error()));

        VersionRegistry registry(db);
        const auto enabled = registry.enable(QStringLiteral("items"), policyOf(VersionKind::Auto));
        QVERIFY2(enabled.ok(), qPrintable(enabled.error().message + enabled.error().serverMessage));
        QCOMPARE(rows(db, QStringLiteral("SELECT id, version FROM items ORDER BY id")), QStringLiteral("1:1;2:1;3:1"));
        QVERIFY(registryRows(db).startsWith(QLatin1String("items:version:auto:")));
        const auto schema = TableSchema::load(db, QStringLiteral("items"));
        QVERIFY(schema.ok());
        const auto policy = registry.policyFor(*schema);
        QVERIFY(policy.ok());
        QVERIFY(policy->registered);
        QCOMPARE(policy->kind, VersionKind::Auto);
        QVERIFY(policy->checkFields.isEmpty() && policy->ignoreFields.isEmpty());
        // Rows another tool inserts later start at 1 as well.
        QCOMPARE(m_db->exec(QStringLiteral("INSERT INTO items (id, name, qty) VALUES (4, 'fig', 40)")), QString());
        QCOMPARE(value(db, QStringLiteral("SELECT version FROM items WHERE id = 4")).toLongLong(), 1);
    }

    void shouldBackfillNullVersions()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QCOMPARE(createItems(), QString());
        QCOMPARE(m_db->exec(QStringLiteral("UPDATE items SET version = NULL WHERE id <> 2")), QString());
        QSqlDatabase db = m_db->connect();
        QVERIFY2(db.isOpen(), qPrintable(m_db->error()));
        QCOMPARE(run(db, QStringLiteral("UPDATE items SET version = 5 WHERE id = 2")), QString());
        VersionRegistry registry(db);
        QVERIFY(registry.enable(QStringLiteral("items"), policyOf(VersionKind::Auto)).ok());
        QCOMPARE(rows(db, QStringLiteral("SELECT id, version FROM items ORDER BY id")), QStringLiteral("1:1;2:5;3:1"));
    }

    void shouldChangeNothingWhenEnabledTwice_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QStringList>("check");
        for (const VersionKind kind : {VersionKind::Auto, VersionKind::Timestamp, VersionKind::Trigger, VersionKind::Conditional}) {
            QTest::newRow(qPrintable(VersionPolicy::kindName(kind)))
                    << int(kind) << (kind == VersionKind::Conditional ? QStringList{QStringLiteral("QTY"), QStringLiteral("name")} : QStringList());
        }
    }
    void shouldChangeNothingWhenEnabledTwice()
    {
        QFETCH(int, kind);
        QFETCH(QStringList, check);
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QCOMPARE(createItems(false), QString());
        QSqlDatabase db = m_db->connect();
        QVERIFY2(db.isOpen(), qPrintable(m_db->error()));
        VersionRegistry registry(db);
        const auto first = registry.enable(QStringLiteral("items"), policyOf(VersionKind(kind), QString(), check));
        QVERIFY2(first.ok(), qPrintable(first.error().message + first.error().serverMessage));
        const QString registered = registryRows(db);
        const QString data = rows(db, QStringLiteral("SELECT id, name, qty, version FROM items ORDER BY id"));
        const QStringList triggers = versionTriggers(registry);
        const QStringList columns = TableSchema::load(db, QStringLiteral("items"))->columns();
        QVERIFY(registered.startsWith(QLatin1String("items:version:") + VersionPolicy::kindName(VersionKind(kind))));
        QCOMPARE(triggers.size(), VersionKind(kind) == VersionKind::Trigger ? 1 : 0);

        const auto second = registry.enable(QStringLiteral("items"), policyOf(VersionKind(kind), QString(), check));
        QVERIFY2(second.ok(), qPrintable(second.error().message + second.error().serverMessage));
        QCOMPARE(registryRows(db), registered);
        QCOMPARE(rows(db, QStringLiteral("SELECT id, name, qty, version FROM items ORDER BY id")), data);
        QCOMPARE(versionTriggers(registry), triggers);
        QCOMPARE(TableSchema::load(db, QStringLiteral("items"))->columns(), columns);
        // And a trigger made twice still bumps exactly once.
        QCOMPARE(m_db->exec(QStringLiteral("UPDATE items SET name = 'x' WHERE id = 1")), QString());
        QCOMPARE(value(db, QStringLiteral("SELECT version FROM items WHERE id = 1")).toLongLong(),
                 VersionKind(kind) == VersionKind::Trigger ? 2 : 1);
    }

    void shouldReplaceTheRegistrationAndDropAStaleTrigger()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QCOMPARE(createItems(), QString());
        QSqlDatabase db = m_db->connect();
        QVERIFY2(db.isOpen(), qPrintable(m_db->error()));
        VersionRegistry registry(db);
        QVERIFY(registry.enable(QStringLiteral("items"), policyOf(VersionKind::Trigger)).ok());
        QCOMPARE(versionTriggers(registry), QStringList{QStringLiteral("concord_items_version@items")});

        QVERIFY(registry.enable(QStringLiteral("items"), policyOf(VersionKind::Conditional, QString(), {}, {QStringLiteral("qty")})).ok());
        QVERIFY(registryRows(db).startsWith(QLatin1String("items:version:conditional:")));
        QVERIFY(registryRows(db).endsWith(QLatin1String(":qty")));
        QCOMPARE(value(db, QStringLiteral("SELECT COUNT(*) FROM concord_tables")).toInt(), 1);
        QCOMPARE(versionTriggers(registry), QStringList());
        // The old trigger no longer bumps behind Concord's back.
        QCOMPARE(m_db->exec(QStringLiteral("UPDATE items SET name = 'x' WHERE id = 1")), QString());
        QCOMPARE(value(db, QStringLiteral("SELECT version FROM items WHERE id = 1")).toLongLong(), 1);

        // A trigger on another column is replaced as well.
        QCOMPARE(run(db, QStringLiteral("ALTER TABLE items ADD COLUMN rev BIGINT")), QString());
        VersionRegistry fresh(db);
        QVERIFY(fresh.enable(QStringLiteral("items"), policyOf(VersionKind::Trigger)).ok());
        QVERIFY(fresh.enable(QStringLiteral("items"), policyOf(VersionKind::Trigger, QStringLiteral("rev"))).ok());
        QCOMPARE(versionTriggers(fresh), QStringList{QStringLiteral("concord_items_rev@items")});
        QVERIFY(registryRows(db).startsWith(QLatin1String("items:rev:trigger:")));
        QCOMPARE(rows(db, QStringLiteral("SELECT id, rev FROM items ORDER BY id")), QStringLiteral("1:1;2:1;3:1"));
    }

    void shouldRejectBadFieldInputWritingNothing()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QCOMPARE(createItems(false), QString());
        QSqlDatabase db = m_db->connect();
        QVERIFY2(db.isOpen(), qPrintable(m_db->error()));
        VersionRegistry registry(db);
        const QStringList name{QStringLiteral("name")};
        const QList<VersionPolicy> bad{
            policyOf(VersionKind::Conditional, QString(), name, {QStringLiteral("qty")}),
            policyOf(VersionKind::Conditional, QString(), {QStringLiteral("nope")}),
            policyOf(VersionKind::Conditional, QString(), {}, {QStringLiteral("qty; DROP TABLE items")}),
            policyOf(VersionKind::Auto, QString(), name),
            policyOf(VersionKind::Trigger, QString(), {}, name),
            policyOf(VersionKind::Auto, QStringLiteral("name")),
        };
        for (const VersionPolicy &policy : bad) {
            const auto enabled = registry.enable(QStringLiteral("items"), policy);
            QCOMPARE(enabled.error().code, DbError::Code::BadInput);
            QVERIFY(!enabled.error().message.isEmpty());
        }
        QCOMPARE(registryRows(db), QString());
        QCOMPARE(TableSchema::load(db, QStringLiteral("items"))->columns(),
                 (QStringList{QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("qty")}));
        QCOMPARE(versionTriggers(registry), QStringList());
    }

    void shouldDisableKeepingTheColumn()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QCOMPARE(createItems(false), QString());
        QSqlDatabase db = m_db->connect();
        QVERIFY2(db.isOpen(), qPrintable(m_db->error()));
        VersionRegistry registry(db);
        QVERIFY(registry.enable(QStringLiteral("items"), policyOf(VersionKind::Trigger, QStringLiteral("rev"))).ok());
        QCOMPARE(m_db->exec(QStringLiteral("UPDATE items SET name = 'x' WHERE id = 1")), QString());
        QCOMPARE(rows(db, QStringLiteral("SELECT id, rev FROM items ORDER BY id")), QStringLiteral("1:2;2:1;3:1"));

        QVERIFY(registry.disable(QStringLiteral("items")).ok());
        QCOMPARE(registryRows(db), QString());
        QCOMPARE(versionTriggers(registry), QStringList());
        QCOMPARE(rows(db, QStringLiteral("SELECT id, rev FROM items ORDER BY id")), QStringLiteral("1:2;2:1;3:1"));
        QCOMPARE(m_db->exec(QStringLiteral("UPDATE items SET name = 'y' WHERE id = 1")), QString());
        QCOMPARE(value(db, QStringLiteral("SELECT rev FROM items WHERE id = 1")).toLongLong(), 2);
        const auto policy = registry.policyFor(*TableSchema::load(db, QStringLiteral("items")));
        QVERIFY(policy.ok());
        QVERIFY(!policy->isVersioned());
        // Disabling again, or an unversioned table, is harmless.
        QVERIFY(registry.disable(QStringLiteral("items")).ok());
    }

    /// concord_log entries of @p table (0 when the log table does not exist yet).
    static int logEntries(QSqlDatabase db, const QString &table = QStringLiteral("items"))
    {
        if (!db.tables().contains(ChangeLog::tableName(), Qt::CaseInsensitive))
            return 0;
        return value(db, QStringLiteral("SELECT COUNT(*) FROM concord_log WHERE table_name = '%1'").arg(table)).toInt();
    }

    static bool saved(const SubmitResult &result)
    {
        return result.committed && !result.rows.isEmpty() && result.allSaved();
    }

    void shouldSwitchTheChangeLogForEveryClient()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QCOMPARE(createItems(), QString()); // versioned by its "version" column, not registered
        QSqlDatabase db = m_db->connect();
        QVERIFY2(db.isOpen(), qPrintable(m_db->error()));
        VersionRegistry registry(db);
        const auto off = registry.setChangeLog(QStringLiteral("items"), false);
        QVERIFY2(off.ok(), qPrintable(off.error().message + off.error().serverMessage));
        // The switch needs a registry entry: the detected policy is registered with it.
        QVERIFY(registryRows(db).startsWith(QLatin1String("items:version:auto:")));

        // Another client, connected afterwards, sees the switch and writes no log rows,
        // whether it saves edits or runs an action.
        QSqlDatabase other = m_db->connect(QStringLiteral("other"));
        QVERIFY2(other.isOpen(), qPrintable(m_db->error()));
        const auto policy = VersionRegistry(other).policyFor(*TableSchema::load(other, QStringLiteral("items")));
        QVERIFY(policy.ok());
        QVERIFY(policy->registered);
        QVERIFY(!policy->logChanges);
        QCOMPARE(policy->kind, VersionKind::Auto);
        BatchSubmitter submitter(other);
        QVERIFY(saved(submitter.submit({update(1, 1, QStringLiteral("qty"), 11)})));
        ActionRunner runner(other);
        QVERIFY(saved(runner.run(QStringLiteral("items"), {{2, 1}}, AdminAction::setField(QStringLiteral("qty"), 21))));
        QCOMPARE(rows(db, QStringLiteral("SELECT id, qty, version FROM items ORDER BY id")),
                 QStringLiteral("1:11:2;2:21:2;3:30:1"));
        QCOMPARE(logEntries(db), 0);

        // On again: the next save is logged, and the client that switched it sees that too.
        QVERIFY(registry.setChangeLog(QStringLiteral("items"), true).ok());
        QVERIFY(saved(BatchSubmitter(db).submit({update(3, 1, QStringLiteral("qty"), 31)})));
        QCOMPARE(logEntries(db), 1);
        // Switching to what it already is changes nothing.
        QVERIFY(registry.setChangeLog(QStringLiteral("items"), true).ok());
        QVERIFY(registryRows(db).startsWith(QLatin1String("items:version:auto:")));
    }

    void shouldLeaveTheLogOutOfOneSaveOrOneModel()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QCOMPARE(createItems(), QString());
        QSqlDatabase db = m_db->connect();
        QVERIFY2(db.isOpen(), qPrintable(m_db->error()));
        BatchSubmitter submitter(db);
        SubmitOptions quiet;
        quiet.changeLog = false;
        QVERIFY(saved(submitter.submit({update(1, 1, QStringLiteral("qty"), 11)}, quiet)));
        QCOMPARE(logEntries(db), 0);
        ActionOptions quietAction;
        quietAction.changeLog = false;
        QVERIFY(saved(ActionRunner(db).run(QStringLiteral("items"), {{2, 1}}, AdminAction::deleteRows(), quietAction)));
        QCOMPARE(logEntries(db), 0);

        VersionedTableModel model(nullptr, db);
        model.setTable(QStringLiteral("items"));
        model.setSort(model.fieldIndex(QStringLiteral("id")), Qt::AscendingOrder);
        QVERIFY(model.select());
        model.setChangeLogEnabled(false);
        QVERIFY(model.setData(model.index(0, model.fieldIndex(QStringLiteral("qty"))), 12));
        QVERIFY(model.submitAll());
        QCOMPARE(logEntries(db), 0);
        // The model's switch only leaves the log out; on, it follows the table's (on).
        model.setChangeLogEnabled(true);
        QVERIFY(model.setData(model.index(0, model.fieldIndex(QStringLiteral("qty"))), 13));
        QVERIFY(model.submitAll());
        QCOMPARE(logEntries(db), 1);
        QCOMPARE(rows(db, QStringLiteral("SELECT id, qty, version FROM items ORDER BY id")),
                 QStringLiteral("1:13:4;3:30:1"));
    }

    void shouldRefuseTheLogSwitchOfAnUnversionedTable()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QCOMPARE(createItems(false), QString());
        QSqlDatabase db = m_db->connect();
        QVERIFY2(db.isOpen(), qPrintable(m_db->error()));
        VersionRegistry registry(db);
        const auto refused = registry.setChangeLog(QStringLiteral("items"), false);
        QCOMPARE(refused.error().code, DbError::Code::BadInput);
        QVERIFY(refused.error().message.contains(QLatin1String("not versioned")));
        QCOMPARE(registryRows(db), QString());
        QCOMPARE(registry.setChangeLog(QStringLiteral("nosuchtable"), false).error().code, DbError::Code::BadInput);
    }

    void shouldUpgradeARegistryWrittenBeforeTheLogSwitch()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QCOMPARE(createItems(), QString());
        // The registry as earlier versions of Concord created it.
        QCOMPARE(m_db->exec({QStringLiteral("CREATE TABLE concord_tables (table_name VARCHAR(190) PRIMARY KEY, "
                                            "version_column VARCHAR(190) NOT NULL, kind VARCHAR(190) NOT NULL, "
                                            "check_fields %1, ignore_fields %1)").arg(m_db->text()),
                             QStringLiteral("INSERT INTO concord_tables VALUES ('items', 'version', 'timestamp', '', '')")}),
                 QString());
        QSqlDatabase db = m_db->connect();
        QVERIFY2(db.isOpen(), qPrintable(m_db->error()));
        VersionRegistry registry(db);
        auto policy = registry.policyFor(*TableSchema::load(db, QStringLiteral("items")));
        QVERIFY2(policy.ok(), qPrintable(policy.error().message + policy.error().serverMessage));
        QCOMPARE(policy->kind, VersionKind::Timestamp);
        QVERIFY(policy->logChanges);

        QVERIFY(registry.setChangeLog(QStringLiteral("items"), false).ok());
        QVERIFY(db.record(VersionRegistry::tableName()).contains(QStringLiteral("log_changes")));
        policy = registry.policyFor(*TableSchema::load(db, QStringLiteral("items")));
        QVERIFY(policy.ok());
        QCOMPARE(policy->kind, VersionKind::Timestamp);
        QVERIFY(!policy->logChanges);
    }

    void shouldListTablesWithKindsAndTriggers()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QCOMPARE(m_db->exec({QStringLiteral("CREATE TABLE detected (id INTEGER PRIMARY KEY, version INTEGER)"),
                             QStringLiteral("CREATE TABLE plain (code VARCHAR(10) PRIMARY KEY, n INTEGER)"),
                             QStringLiteral("CREATE TABLE stamped (id INTEGER PRIMARY KEY, n INTEGER)"),
                             QStringLiteral("CREATE TABLE triggered (id INTEGER PRIMARY KEY, n INTEGER)")}),
                 QString());
        QSqlDatabase db = m_db->connect();
        QVERIFY2(db.isOpen(), qPrintable(m_db->error()));
        VersionRegistry registry(db);
        QVERIFY(registry.enable(QStringLiteral("stamped"), policyOf(VersionKind::Timestamp, QStringLiteral("stamp"))).ok());
        QVERIFY(registry.enable(QStringLiteral("triggered"), policyOf(VersionKind::Trigger)).ok());
        const auto tables = registry.tables();
        QVERIFY(tables.ok());
        QStringList lines;
        for (const VersionRegistry::TableInfo &info : *tables) {
            lines.append(QStringLiteral("%1:%2:%3:%4:%5:%6")
                                 .arg(info.table, info.primaryKey, info.policy.column,
                                      info.policy.isVersioned() ? VersionPolicy::kindName(info.policy.kind) : QString())
                                 .arg(int(info.policy.registered)).arg(int(info.hasTrigger)));
        }
        QCOMPARE(lines.join(QLatin1Char(' ')),
                 QStringLiteral("detected:id:version:auto:0:0 plain:code:::0:0 stamped:id:stamp:timestamp:1:0 "
                                "triggered:id:version:trigger:1:1"));
        // After the trigger is dropped by hand, the listing says so.
        QVERIFY(registry.dropTrigger(QStringLiteral("triggered")).ok());
        const auto after = registry.tables();
        QVERIFY(after.ok());
        QVERIFY(!after->last().hasTrigger);
    }

    void shouldRejectHostileTableNames_data()
    {
        QTest::addColumn<QString>("table");
        const QStringList names{QStringLiteral("items; DROP TABLE canary"), QStringLiteral("items\"; DROP TABLE canary; --"),
                                QStringLiteral("items`; DROP TABLE canary; --"), QStringLiteral("x' OR '1'='1"),
                                QStringLiteral("canary extra"), QStringLiteral("\"canary\""), QStringLiteral("`canary`"),
                                QStringLiteral("main.canary"), QString()};
        for (const QString &name : names)
            QTest::newRow(qPrintable(name)) << name;
    }
    void shouldRejectHostileTableNames()
    {
        QFETCH(QString, table);
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QCOMPARE(m_db->exec({QStringLiteral("CREATE TABLE canary (id INTEGER PRIMARY KEY, version INTEGER)"),
                             QStringLiteral("INSERT INTO canary (id, version) VALUES (1, 1)")}),
                 QString());
        QSqlDatabase db = m_db->connect();
        QVERIFY2(db.isOpen(), qPrintable(m_db->error()));
        VersionRegistry registry(db);
        QCOMPARE(registry.enable(table, policyOf(VersionKind::Trigger)).error().code, DbError::Code::BadInput);
        QCOMPARE(registry.disable(table).error().code, DbError::Code::BadInput);
        QCOMPARE(registry.createTrigger(table).error().code, DbError::Code::BadInput);
        QCOMPARE(registry.dropTrigger(table).error().code, DbError::Code::BadInput);
        ActionRunner runner(db);
        QCOMPARE(runner.run(table, {RowRef{1, 1}}, AdminAction::deleteRows()).error.code, DbError::Code::BadInput);
        QCOMPARE(rows(db, QStringLiteral("SELECT id, version FROM canary")), QStringLiteral("1:1"));
        QCOMPARE(registryRows(db), QString());
    }

    void shouldWorkEndToEndOnNamesThatNeedQuoting_data()
    {
        QTest::addColumn<QString>("table");
        for (const QString name : {QStringLiteral("order items"), QStringLiteral("select"), QStringLiteral("semi;colon"),
                                   QStringLiteral("dq\"inside"), QStringLiteral("Mixed Case")}) {
            QTest::newRow(qPrintable(name)) << name;
        }
    }
    void shouldWorkEndToEndOnNamesThatNeedQuoting()
    {
        QFETCH(QString, table);
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QSqlDatabase db = m_db->connect();
        QVERIFY2(db.isOpen(), qPrintable(m_db->error()));
        const auto sql = SqlDialect::create(db);
        const QString t = sql->quoteTable(table);
        QCOMPARE(run(db, QStringLiteral("CREATE TABLE %1 (id INTEGER PRIMARY KEY, name VARCHAR(20))").arg(t)), QString());
        QCOMPARE(run(db, QStringLiteral("INSERT INTO %1 (id, name) VALUES (1, 'a'), (2, 'b')").arg(t)), QString());

        VersionRegistry registry(db);
        const auto enabled = registry.enable(table, policyOf(VersionKind::Trigger));
        QVERIFY2(enabled.ok(), qPrintable(enabled.error().message + QLatin1Char(' ') + enabled.error().serverMessage));
        QVERIFY(versionTriggers(registry).contains(QStringLiteral("concord_%1_version@%1").arg(table)));
        QCOMPARE(rows(db, QStringLiteral("SELECT id, version FROM %1 ORDER BY id").arg(t)), QStringLiteral("1:1;2:1"));

        // Another tool's UPDATE bumps once.
        QCOMPARE(m_db->exec(QStringLiteral("UPDATE %1 SET name = 'x' WHERE id = 1").arg(t)), QString());
        QCOMPARE(value(db, QStringLiteral("SELECT version FROM %1 WHERE id = 1").arg(t)).toLongLong(), 2);

        // A Concord save and an action, each one increment.
        BatchSubmitter submitter(db);
        const SubmitResult saved = submitter.submit({update(1, 2, QStringLiteral("name"), QStringLiteral("y"), table)});
        QVERIFY2(saved.allSaved(), qPrintable(saved.summary() + saved.error.message + saved.error.serverMessage));
        QCOMPARE(saved.rows.first().version.toLongLong(), 3);
        ActionRunner runner(db);
        const SubmitResult acted = runner.run(table, {RowRef{1, 3}, RowRef{2, 1}}, AdminAction::setField(QStringLiteral("name"), QStringLiteral("z")));
        QVERIFY2(acted.committed, qPrintable(acted.error.message + acted.error.serverMessage));
        QCOMPARE(rows(db, QStringLiteral("SELECT id, name, version FROM %1 ORDER BY id").arg(t)), QStringLiteral("1:z:4;2:z:2"));

        const auto listed = registry.tables();
        QVERIFY(listed.ok());
        QCOMPARE(listed->size(), 1);
        QCOMPARE(listed->first().table, table);
        QVERIFY(listed->first().hasTrigger);

        QVERIFY(registry.disable(table).ok());
        QCOMPARE(versionTriggers(registry), QStringList());
    }

    void shouldHandleTriggersOfLongTableNames()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        // 60 characters: a legal table name everywhere, but concord_<table>_version is not.
        const QString table = QStringLiteral("inventory_adjustments_by_warehouse_and_supplier_per_quarter");
        QCOMPARE(table.size(), 59);
        QCOMPARE(m_db->exec({QStringLiteral("CREATE TABLE %1 (id INTEGER PRIMARY KEY, name VARCHAR(20), version BIGINT)").arg(table),
                             QStringLiteral("INSERT INTO %1 (id, name, version) VALUES (1, 'a', 1)").arg(table)}),
                 QString());
        QSqlDatabase db = m_db->connect();
        QVERIFY2(db.isOpen(), qPrintable(m_db->error()));
        VersionRegistry registry(db);
        const auto enabled = registry.enable(table, policyOf(VersionKind::Trigger));
        QVERIFY2(enabled.ok(), qPrintable(enabled.error().message + QLatin1Char(' ') + enabled.error().serverMessage));
        QCOMPARE(versionTriggers(registry).size(), 1);
        QCOMPARE(m_db->exec(QStringLiteral("UPDATE %1 SET name = 'x' WHERE id = 1").arg(table)), QString());
        QCOMPARE(value(db, QStringLiteral("SELECT version FROM %1 WHERE id = 1").arg(table)).toLongLong(), 2);
        const auto listed = registry.tables();
        QVERIFY(listed.ok());
        QCOMPARE(listed->size(), 1);
        QVERIFY(listed->first().hasTrigger);
        QVERIFY(registry.disable(table).ok());
        QCOMPARE(versionTriggers(registry), QStringList());
        QCOMPARE(m_db->exec(QStringLiteral("UPDATE %1 SET name = 'y' WHERE id = 1").arg(table)), QString());
        QCOMPARE(value(db, QStringLiteral("SELECT version FROM %1 WHERE id = 1").arg(table)).toLongLong(), 2);
    }

    void shouldBumpOnceOnAnUpdateFromAnotherTool()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QCOMPARE(createItems(), QString());
        QSqlDatabase db = m_db->connect();
        QVERIFY2(db.isOpen(), qPrintable(m_db->error()));
        VersionRegistry registry(db);
        QVERIFY(registry.enable(QStringLiteral("items"), policyOf(VersionKind::Trigger)).ok());
        QCOMPARE(versionTriggers(registry), QStringList{QStringLiteral("concord_items_version@items")});

        // m_db->exec is a plain connection of its own, as psql, mariadb or sqlite3 would be.
        QCOMPARE(m_db->exec(QStringLiteral("UPDATE items SET name = 'x' WHERE id = 1")), QString());
        QCOMPARE(rows(db, QStringLiteral("SELECT id, version FROM items ORDER BY id")), QStringLiteral("1:2;2:1;3:1"));
        QCOMPARE(m_db->exec(QStringLiteral("UPDATE items SET qty = qty + 1")), QString());
        QCOMPARE(rows(db, QStringLiteral("SELECT id, version FROM items ORDER BY id")), QStringLiteral("1:3;2:2;3:2"));
        // An UPDATE that sets the version itself is respected.
        QCOMPARE(m_db->exec(QStringLiteral("UPDATE items SET name = 'y', version = 10 WHERE id = 1")), QString());
        QCOMPARE(value(db, QStringLiteral("SELECT version FROM items WHERE id = 1")).toLongLong(), 10);
        // A NULL version gets a real one.
        QCOMPARE(m_db->exec(QStringLiteral("UPDATE items SET version = NULL WHERE id = 2")), QString());
        QCOMPARE(m_db->exec(QStringLiteral("UPDATE items SET name = 'n' WHERE id = 2")), QString());
        QCOMPARE(value(db, QStringLiteral("SELECT version FROM items WHERE id = 2")).toLongLong(), 1);

        // Dropped: no bumps; created again (twice): one bump again.
        QVERIFY(registry.dropTrigger(QStringLiteral("items")).ok());
        QCOMPARE(versionTriggers(registry), QStringList());
        QCOMPARE(m_db->exec(QStringLiteral("UPDATE items SET name = 'z' WHERE id = 3")), QString());
        QCOMPARE(value(db, QStringLiteral("SELECT version FROM items WHERE id = 3")).toLongLong(), 2);
        QVERIFY(registry.createTrigger(QStringLiteral("items")).ok());
        QVERIFY(registry.createTrigger(QStringLiteral("items")).ok());
        QCOMPARE(versionTriggers(registry), QStringList{QStringLiteral("concord_items_version@items")});
        QCOMPARE(m_db->exec(QStringLiteral("UPDATE items SET name = 'w' WHERE id = 3")), QString());
        QCOMPARE(value(db, QStringLiteral("SELECT version FROM items WHERE id = 3")).toLongLong(), 3);
    }

    void shouldBumpOnceWithRecursiveTriggersOn()
    {
        if (!TestDatabase::onSqliteRow())
            QSKIP("recursive_triggers is a SQLite pragma");
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QCOMPARE(createItems(), QString());
        QSqlDatabase db = m_db->connect();
        QVERIFY2(db.isOpen(), qPrintable(m_db->error()));
        QVERIFY(VersionRegistry(db).enable(QStringLiteral("items"), policyOf(VersionKind::Trigger)).ok());
        QSqlDatabase other = m_db->connect(QStringLiteral("recursive"));
        QCOMPARE(run(other, QStringLiteral("PRAGMA recursive_triggers = ON")), QString());
        QCOMPARE(value(other, QStringLiteral("PRAGMA recursive_triggers")).toInt(), 1);
        QCOMPARE(run(other, QStringLiteral("UPDATE items SET name = 'x' WHERE id = 1")), QString());
        QCOMPARE(value(db, QStringLiteral("SELECT version FROM items WHERE id = 1")).toLongLong(), 2);
        // A Concord save on that connection, too.
        BatchSubmitter submitter(other);
        const SubmitResult saved = submitter.submit({update(1, 2, QStringLiteral("qty"), 11)});
        QVERIFY(saved.allSaved());
        QCOMPARE(saved.rows.first().version.toLongLong(), 3);
        QCOMPARE(value(db, QStringLiteral("SELECT version FROM items WHERE id = 1")).toLongLong(), 3);
    }

    void shouldBumpOnceOnAConcordSave_data()
    {
        QTest::addColumn<bool>("withBase");
        QTest::newRow("read-base") << false;
        QTest::newRow("given-base") << true;
    }
    void shouldBumpOnceOnAConcordSave()
    {
        QFETCH_GLOBAL(QString, dialect);
        QFETCH(bool, withBase);
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QCOMPARE(createItems(), QString());
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        QVERIFY2(alice.isOpen() && bob.isOpen(), qPrintable(m_db->error()));
        QVERIFY(VersionRegistry(alice).enable(QStringLiteral("items"), policyOf(VersionKind::Trigger)).ok());

        BatchSubmitter submitter(alice);
        QList<RowEdit> edits{update(1, 1, QStringLiteral("qty"), 11),
                             update(2, 1, QStringLiteral("qty"), 21)};
        if (withBase) {
            edits[0].base.insert(QStringLiteral("qty"), 10);
            edits[1].base.insert(QStringLiteral("qty"), 20);
        }
        const SubmitResult saved = submitter.submit(edits);
        QVERIFY2(saved.allSaved(), qPrintable(saved.summary()));
        QCOMPARE(saved.rows.at(0).version.toLongLong(), 2);
        QCOMPARE(saved.rows.at(1).version.toLongLong(), 2);
        QCOMPARE(rows(bob, QStringLiteral("SELECT id, qty, version FROM items ORDER BY id")), QStringLiteral("1:11:2;2:21:2;3:30:1"));

        // Bob still holds version 1 of row 1: conflict. With version 2: saved, 3.
        BatchSubmitter bobs(bob);
        const SubmitResult stale = bobs.submit({update(1, 1, QStringLiteral("name"), QStringLiteral("bob"))});
        QCOMPARE(stale.conflictCount(), 1);
        QCOMPARE(stale.rows.first().conflict->currentVersion.toLongLong(), 2);
        const SubmitResult fresh = bobs.submit({update(1, 2, QStringLiteral("name"), QStringLiteral("bob"))});
        QVERIFY(fresh.allSaved());
        QCOMPARE(fresh.rows.first().version.toLongLong(), 3);
        QCOMPARE(value(alice, QStringLiteral("SELECT version FROM items WHERE id = 1")).toLongLong(), 3);

        // The writer on its own, too.
        const auto schema = TableSchema::load(alice, QStringLiteral("items"));
        const auto policy = submitter.registry().policyFor(*schema);
        VersionedWriter writer(alice, submitter.dialect(), *schema, *policy);
        const RowOutcome one = writer.write(update(3, 1, QStringLiteral("qty"), 31));
        QCOMPARE(one.status, RowOutcome::Status::Saved);
        QCOMPARE(one.version.toLongLong(), 2);
        QCOMPARE(value(bob, QStringLiteral("SELECT version FROM items WHERE id = 3")).toLongLong(), 2);
    }
};

QTEST_MAIN(tst_VersionRegistry)
#include "tst_versionregistry.moc"

