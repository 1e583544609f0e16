#include "batchsubmitter.h"
#include "sqldialect.h"
#include "versionedwriter.h"
#include "versionregistry.h"

#include "rowedits.h"
#include "sqlprobe.h"
#include "testdatabase.h"

#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <optional>

using namespace Concord;
using RowEdits::update;
using RowEdits::remove;
using RowEdits::insert;
using SqlProbe::flat;
using SqlProbe::value;

class tst_BatchSubmitter : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_db;

    void createItems()
    {
        const QString error = m_db->createItems();
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void createItemsAgain()
    {
        const QString error = m_db->exec(
                QStringLiteral("INSERT INTO items (id, name, qty, version) VALUES (1, 'apple', 10, 1), (2, 'pear', 20, 1), (3, 'plum', 30, 1)"));
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    static QString statuses(const SubmitResult &result)
    {
        QStringList names;
        for (const RowOutcome &row : result.rows)
            names.append(RowOutcome::statusName(row.status));
        return names.join(QLatin1Char(','));
    }

    static const char *allItems() { return "SELECT id, name, qty, version FROM items ORDER BY id"; }

    /// The statements this MariaDB session has sent so far (the query asking is one of them).
    static qint64 questions(QSqlDatabase db)
    {
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("SHOW SESSION STATUS LIKE 'Questions'")) || !query.next())
            return -1;
        return query.value(1).toLongLong();
    }

private Q_SLOTS:
    // Every test runs once per dialect.
    void initTestCase_data() { TestDatabase::addDialectRows(); }
    void cleanup() { m_db.reset(); }

    void shouldSaveAndBumpVersion()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        createItems();
        QSqlDatabase db = m_db->connect();
        QVERIFY2(db.isOpen(), qPrintable(m_db->error()));

        BatchSubmitter submitter(db);
        const SubmitResult result = submitter.submit({update(1, 1, QStringLiteral("qty"), 11)});
        QVERIFY2(result.committed, qPrintable(result.error.message));
        QCOMPARE(result.rows.size(), 1);
        QCOMPARE(result.rows.first().status, RowOutcome::Status::Saved);
        QCOMPARE(result.rows.first().version.toLongLong(), 2);
        QCOMPARE(value(db, QStringLiteral("SELECT qty FROM items WHERE id = 1")).toInt(), 11);
        QCOMPARE(value(db, QStringLiteral("SELECT version FROM items WHERE id = 1")).toInt(), 2);
    }

    void shouldReportModifiedAndDeletedConflicts()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        createItems();
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));

        // Bob saves row 1 and deletes row 2 after Alice loaded them at version 1.
        BatchSubmitter bobs(bob);
        const SubmitResult first = bobs.submit({update(1, 1, QStringLiteral("name"), QStringLiteral("bob")), remove(2, 1)});
        QVERIFY2(first.allSaved(), qPrintable(first.summary()));

        BatchSubmitter alices(alice);
        // Alice's first edit carries the whole row as loaded, as the grid's edits do.
        RowEdit fromGrid = update(1, 1, QStringLiteral("qty"), 99);
        fromGrid.base = {{QStringLiteral("id"), 1}, {QStringLiteral("name"), QStringLiteral("apple")},
                         {QStringLiteral("qty"), 10}, {QStringLiteral("version"), 1}};
        const SubmitResult result = alices.submit({fromGrid,
                                                   update(2, 1, QStringLiteral("qty"), 99),
                                                   update(3, 1, QStringLiteral("qty"), 99)});
        QVERIFY(result.committed);
        QCOMPARE(result.rows.at(0).status, RowOutcome::Status::Conflict);
        QCOMPARE(result.rows.at(0).conflict->kind, Conflict::Kind::Modified);
        QCOMPARE(result.rows.at(0).conflict->theirs.value(QStringLiteral("name")).toString(), QStringLiteral("bob"));
        // The version moved too, but only fields count as "changed by them".
        QCOMPARE(result.rows.at(0).conflict->changedByThem(), QStringList{QStringLiteral("name")});
        QCOMPARE(result.rows.at(0).conflict->currentVersion.toInt(), 2);
        QCOMPARE(result.rows.at(1).status, RowOutcome::Status::Conflict);
        QCOMPARE(result.rows.at(1).conflict->kind, Conflict::Kind::Deleted);
        QCOMPARE(result.rows.at(2).status, RowOutcome::Status::Saved);
        QCOMPARE(value(alice, QStringLiteral("SELECT qty FROM items WHERE id = 1")).toInt(), 10);
        QCOMPARE(value(alice, QStringLiteral("SELECT qty FROM items WHERE id = 3")).toInt(), 99);
        QCOMPARE(result.summary(), QStringLiteral("1 row was saved; items 1 was changed by someone else and was not "
                                                  "updated; items 2 was deleted by someone else."));

        // Saving only the conflicting rows again: committed, nothing saved, said in words.
        const SubmitResult again = alices.submit({update(1, 1, QStringLiteral("qty"), 98)});
        QVERIFY(again.committed);
        QCOMPARE(again.summary(), QStringLiteral("No row was saved; items 1 was changed by someone else and was not updated."));
    }

    void shouldSkipConflictsAndCommitTheRestUnderSilent()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        createItems();
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        BatchSubmitter bobs(bob);
        QVERIFY(bobs.submit({update(2, 1, QStringLiteral("qty"), 21), remove(3, 1)}).allSaved());

        BatchSubmitter alices(alice);
        const SubmitResult result = alices.submit({update(1, 1, QStringLiteral("qty"), 11),
                                                   update(2, 1, QStringLiteral("qty"), 22),
                                                   insert({{QStringLiteral("id"), 4}, {QStringLiteral("name"), QStringLiteral("fig")}}),
                                                   remove(3, 1)});
        QVERIFY(result.committed);
        QCOMPARE(statuses(result), QStringLiteral("saved,conflict,saved,conflict"));
        QCOMPARE(result.rows.at(1).conflict->kind, Conflict::Kind::Modified);
        QCOMPARE(result.rows.at(3).conflict->kind, Conflict::Kind::Deleted);
        QCOMPARE(result.rows.at(2).pk.toLongLong(), 4);
        QVERIFY(!result.allSaved());
        QCOMPARE(flat(alice, allItems()), QStringLiteral("1|apple|11|2;2|pear|21|2;4|fig|-|1"));
    }

    void shouldRollBackEverythingUnderAbortAll()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        createItems();
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        BatchSubmitter bobs(bob);
        QVERIFY(bobs.submit({update(3, 1, QStringLiteral("qty"), 31)}).allSaved());
        const QString before = flat(bob, allItems());

        BatchSubmitter alices(alice);
        SubmitOptions options;
        options.policy = SubmitPolicy::AbortAll;
        const SubmitResult result = alices.submit({update(1, 1, QStringLiteral("qty"), 11),
                                                   update(2, 1, QStringLiteral("qty"), 22),
                                                   insert({{QStringLiteral("id"), 4}, {QStringLiteral("name"), QStringLiteral("fig")}}),
                                                   update(3, 1, QStringLiteral("qty"), 33),
                                                   remove(1, 2)},
                                                  options);
        QVERIFY(!result.committed);
        QCOMPARE(statuses(result), QStringLiteral("rolled back,rolled back,rolled back,conflict,not attempted"));
        QCOMPARE(result.rows.at(3).conflict->currentVersion.toLongLong(), 2);
        QCOMPARE(result.error.code, DbError::Code::Database);
        QVERIFY2(result.error.message.contains(QLatin1String("items 3")), qPrintable(result.error.message));
        QCOMPARE(flat(alice, allItems()), before);
        // Nothing of the batch reached the change log either.
        QCOMPARE(flat(alice, QStringLiteral("SELECT COUNT(*) FROM concord_log WHERE pk = '1'")), QStringLiteral("0"));
    }

    void shouldReportARowErrorAndSaveTheOthers_data()
    {
        QTest::addColumn<QString>("column");
        QTest::addColumn<QVariant>("bad");
        QTest::addColumn<QString>("serverSays");
        QTest::addColumn<bool>("sameColumns");
        QTest::addColumn<bool>("abortAll");
        for (bool same : {true, false}) {
            const char *path = same ? "bulk" : "single";
            QTest::addRow("notnull-%s", path) << "name" << QVariant() << "name" << same << false;
            QTest::addRow("check-%s", path) << "qty" << QVariant(-5) << "qty_positive" << same << false;
            QTest::addRow("unique-%s", path) << "code" << QVariant(QStringLiteral("taken")) << "" << same << false;
        }
        QTest::addRow("check-abortall") << "qty" << QVariant(-5) << "qty_positive" << true << true;
    }
    void shouldReportARowErrorAndSaveTheOthers()
    {
        QFETCH(QString, column);
        QFETCH(QVariant, bad);
        QFETCH(QString, serverSays);
        QFETCH(bool, sameColumns);
        QFETCH(bool, abortAll);
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QVERIFY(m_db->exec({
            QStringLiteral("CREATE TABLE items (id INTEGER PRIMARY KEY, name %1 NOT NULL, qty INTEGER, code %1, version BIGINT, "
                           "CONSTRAINT qty_positive CHECK (qty >= 0), CONSTRAINT code_once UNIQUE (code))").arg(m_db->text()),
            QStringLiteral("INSERT INTO items (id, name, qty, code, version) VALUES (1, 'a', 1, 'c1', 1), (2, 'b', 2, 'c2', 1), "
                           "(3, 'c', 3, 'c3', 1), (4, 'd', 4, 'taken', 1)"),
        }).isEmpty());
        QSqlDatabase db = m_db->connect();
        BatchSubmitter submitter(db);

        // Rows 1 and 3 get good values; row 2 the bad one. With the same columns on
        // every row, SQLite and PostgreSQL try one bulk statement first.
        const QVariant good1 = column == QLatin1String("qty") ? QVariant(10) : QVariant(QStringLiteral("x1"));
        const QVariant good3 = column == QLatin1String("qty") ? QVariant(30) : QVariant(QStringLiteral("x3"));
        QList<RowEdit> edits{update(1, 1, column, good1), update(2, 1, column, bad), update(3, 1, column, good3)};
        if (!sameColumns)
            edits[2].changes.insert(QStringLiteral("name"), QStringLiteral("c!"));
        edits.append(insert({{QStringLiteral("id"), 5}, {QStringLiteral("name"), QStringLiteral("e")},
                             {column, column == QLatin1String("name") ? QVariant(QStringLiteral("e")) : bad}}));
        edits.append(insert({{QStringLiteral("id"), 6}, {QStringLiteral("name"), QStringLiteral("f")}}));
        SubmitOptions options;
        options.policy = abortAll ? SubmitPolicy::AbortAll : SubmitPolicy::Silent;
        const SubmitResult result = submitter.submit(edits, options);
        const QString before = QStringLiteral("1|a|1|c1|1;2|b|2|c2|1;3|c|3|c3|1;4|d|4|taken|1");
        const QString all = QStringLiteral("SELECT id, name, qty, code, version FROM items ORDER BY id");
        if (abortAll) {
            QVERIFY(!result.committed);
            QCOMPARE(statuses(result), QStringLiteral("rolled back,error,not attempted,not attempted,not attempted"));
            QCOMPARE(flat(db, all), before);
            return;
        }
        QVERIFY2(result.committed, qPrintable(result.summary()));
        const bool insertFails = column != QLatin1String("name");
        QCOMPARE(statuses(result), insertFails ? QStringLiteral("saved,error,saved,error,saved")
                                               : QStringLiteral("saved,error,saved,saved,saved"));
        const RowOutcome &failed = result.rows.at(1);
        QCOMPARE(failed.pk.toLongLong(), 2);
        QCOMPARE(failed.error.code, DbError::Code::Database);
        QVERIFY(!failed.error.serverMessage.isEmpty());
        QVERIFY2(failed.error.serverMessage.contains(serverSays, Qt::CaseInsensitive), qPrintable(failed.error.serverMessage));
        QVERIFY(failed.error.message.contains(failed.error.serverMessage));
        QVERIFY2(failed.error.message.startsWith(QLatin1String("Could not save items 2")), qPrintable(failed.error.message));
        QVERIFY(result.summary().contains(QLatin1String("items 2")));

        QStringList expected{QStringLiteral("SELECT id, version FROM items WHERE id IN (1, 3) ORDER BY id")};
        QCOMPARE(flat(db, expected.first()), QStringLiteral("1|2;3|2"));
        QCOMPARE(flat(db, QStringLiteral("SELECT id, name, qty, code, version FROM items WHERE id = 2")), QStringLiteral("2|b|2|c2|1"));
        QCOMPARE(flat(db, QStringLiteral("SELECT id FROM items WHERE id >= 5 ORDER BY id")),
                 insertFails ? QStringLiteral("6") : QStringLiteral("5;6"));
    }

    void shouldReportProgressAndCancelWithNothingWritten()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        createItems();
        QSqlDatabase db = m_db->connect();
        BatchSubmitter submitter(db);
        const QList<RowEdit> edits{update(1, 1, QStringLiteral("qty"), 11), remove(2, 1),
                                   update(3, 1, QStringLiteral("name"), QStringLiteral("x"))};

        QList<QPair<int, int>> calls;
        SubmitOptions options;
        options.progress = [&](int done, int total) {
            calls.append({done, total});
            return true;
        };
        const QString before = flat(db, allItems());
        SubmitResult result = submitter.submit(edits, options);
        QVERIFY(result.allSaved());
        QVERIFY(!calls.isEmpty());
        QCOMPARE(calls.last(), qMakePair(3, 3));
        for (qsizetype i = 1; i < calls.size(); ++i)
            QVERIFY(calls.at(i).first > calls.at(i - 1).first);

        QVERIFY(m_db->exec(QStringLiteral("DELETE FROM items")).isEmpty());
        createItemsAgain();
        const QString logged = flat(db, QStringLiteral("SELECT COUNT(*) FROM concord_log"));
        QCOMPARE(logged, QStringLiteral("3"));
        calls.clear();
        options.progress = [&](int done, int total) {
            calls.append({done, total});
            return done < 2;
        };
        result = submitter.submit({update(1, 1, QStringLiteral("qty"), 11), update(2, 1, QStringLiteral("name"), QStringLiteral("y")),
                                   remove(3, 1)},
                                  options);
        QVERIFY(!result.committed);
        QCOMPARE(result.error.code, DbError::Code::Cancelled);
        QCOMPARE(result.savedCount(), 0);
        QVERIFY(result.count(RowOutcome::Status::RolledBack) >= 1);
        QCOMPARE(flat(db, allItems()), before);
        QCOMPARE(flat(db, QStringLiteral("SELECT COUNT(*) FROM concord_log")), logged);
    }

    void shouldChunkBatchesBelowTheBindLimit()
    {
        QFETCH_GLOBAL(QString, dialect);
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        // SQLite: 40,000 rows x 4 parameters (over its 32,766 limit several times);
        // PostgreSQL: 17,500 x 4 = 70,000 parameters (over 65,535); MariaDB: 3,000 rows in
        // bulk chunks of 2,000, some of them stale at the lock.
        const int rows = dialect == QLatin1String("sqlite") ? 40000 : dialect == QLatin1String("postgresql") ? 17500 : 3000;
        QString fill;
        if (dialect == QLatin1String("postgresql"))
            fill = QStringLiteral("INSERT INTO items (id, name, qty, version) SELECT g, 'n', g, 1 FROM generate_series(1, %1) g");
        else if (dialect == QLatin1String("sqlite"))
            fill = QStringLiteral("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < %1) "
                                  "INSERT INTO items (id, name, qty, version) SELECT x, 'n', x, 1 FROM c");
        else
            fill = QStringLiteral("INSERT INTO items (id, name, qty, version) SELECT seq, 'n', seq, 1 FROM seq_1_to_%1");
        QVERIFY(m_db->exec({QStringLiteral("CREATE TABLE items (id INTEGER PRIMARY KEY, name %1, qty INTEGER, version BIGINT)").arg(m_db->text()),
                            fill.arg(rows)}).isEmpty());
        // Someone else saved every 997th row after we loaded.
        QVERIFY(m_db->exec(QStringLiteral("UPDATE items SET version = 2 WHERE id % 997 = 0")).isEmpty());
        const int stale = rows / 997;

        QSqlDatabase db = m_db->connect();
        BatchSubmitter submitter(db);
        QList<RowEdit> edits;
        edits.reserve(rows);
        for (int id = 1; id <= rows; ++id)
            edits.append(update(id, 1, QStringLiteral("qty"), -id));
        int calls = 0;
        SubmitOptions options;
        options.progress = [&](int, int) { ++calls; return true; };
        const SubmitResult result = submitter.submit(edits, options);
        QVERIFY2(result.committed, qPrintable(result.summary()));
        QCOMPARE(result.savedCount(), rows - stale);
        QCOMPARE(result.conflictCount(), stale);
        for (int id = 997; id <= rows; id += 997) {
            const RowOutcome &row = result.rows.at(id - 1);
            QCOMPARE(row.status, RowOutcome::Status::Conflict);
            QCOMPARE(row.pk.toLongLong(), id);
            QCOMPARE(row.conflict->currentVersion.toLongLong(), 2);
        }
        QCOMPARE(result.rows.at(0).version.toLongLong(), 2);
        QCOMPARE(result.rows.last().pk.toLongLong(), rows);
        QVERIFY(calls > 1);
        QCOMPARE(flat(db, QStringLiteral("SELECT COUNT(*) FROM items WHERE qty = -id AND version = 2")), QString::number(rows - stale));
        QCOMPARE(flat(db, QStringLiteral("SELECT COUNT(*) FROM items WHERE qty = id AND version = 2")), QString::number(stale));
    }

    // A batch on a server goes in one statement per chunk. The rows someone else saved or
    // deleted since they were loaded are exactly the conflicts, each with the row as it is
    // now; every other row is saved at its next version, a NULL version included.
    void shouldSaveABatchInFewStatementsAndConflictOnlyOnRowsChangedMeanwhile()
    {
        QFETCH_GLOBAL(QString, dialect);
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        constexpr int rows = 300;
        QVERIFY(m_db->createNumberedItems(rows).isEmpty());
        // Another connection: Bob renamed rows 7, 150 and 299 (the version moved, the
        // quantities Alice edits did not), deleted row 42, and a tool inserted row 100
        // without a version.
        QVERIFY(m_db->exec({QStringLiteral("UPDATE items SET name = 'bob', version = 2 WHERE id IN (7, 150, 299)"),
                            QStringLiteral("DELETE FROM items WHERE id = 42"),
                            QStringLiteral("UPDATE items SET version = NULL WHERE id = 100")}).isEmpty());
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        BatchSubmitter submitter(alice);
        QList<RowEdit> edits;
        for (int id = 1; id <= rows; ++id) {
            RowEdit edit = update(id, 1, QStringLiteral("qty"), id * 10 + 1);
            if (id == 100)
                edit.version = QVariant();
            edit.base.insert(QStringLiteral("qty"), id * 10);
            edits.append(edit);
        }

        const qint64 before = dialect == QLatin1String("mariadb") ? questions(alice) : 0;
        const SubmitResult result = submitter.submit(edits);
        if (dialect == QLatin1String("mariadb")) {
            // Lock, write, read the conflicts, log, commit: a few statements, not one per row.
            const qint64 statements = questions(alice) - before - 1;
            QVERIFY2(statements < 25, qPrintable(QString::number(statements)));
        }
        QVERIFY2(result.committed, qPrintable(result.summary()));
        QCOMPARE(result.conflictCount(), 4);
        QCOMPARE(result.savedCount(), rows - 4);
        for (int id : {7, 150, 299}) {
            const RowOutcome &row = result.rows.at(id - 1);
            QCOMPARE(row.status, RowOutcome::Status::Conflict);
            QCOMPARE(row.conflict->kind, Conflict::Kind::Modified);
            QCOMPARE(row.conflict->currentVersion.toLongLong(), 2);
            QCOMPARE(row.conflict->theirs.value(QStringLiteral("name")).toString(), QStringLiteral("bob"));
            QCOMPARE(row.conflict->theirs.value(QStringLiteral("qty")).toLongLong(), id * 10);
        }
        QCOMPARE(result.rows.at(41).status, RowOutcome::Status::Conflict);
        QCOMPARE(result.rows.at(41).conflict->kind, Conflict::Kind::Deleted);
        QCOMPARE(result.rows.at(99).status, RowOutcome::Status::Saved);
        QCOMPARE(result.rows.at(99).version.toLongLong(), 1);
        QCOMPARE(result.rows.at(0).version.toLongLong(), 2);
        QCOMPARE(result.rows.at(rows - 1).version.toLongLong(), 2);
        QCOMPARE(flat(alice, QStringLiteral("SELECT id, name, qty, version FROM items WHERE id IN (7, 42, 99, 100, 150, 299) ORDER BY id")),
                 QStringLiteral("7|bob|70|2;99|item 99|991|2;100|item 100|1001|1;150|bob|1500|2;299|bob|2990|2"));
        QCOMPARE(flat(alice, QStringLiteral("SELECT COUNT(*) FROM items WHERE qty = id * 10 + 1 AND version = 2")),
                 QString::number(rows - 5));
        QCOMPARE(flat(alice, QStringLiteral("SELECT COUNT(*) FROM concord_log WHERE action = 'update'")), QString::number(rows - 4));
    }

    // MariaDB counts the rows an UPDATE changed, not those it matched, unless the connection
    // asks for found rows (Concord's do): a conditional save of values equal to the stored
    // ones changes nothing. A bulk statement whose count disagrees with the rows it was sent
    // is taken back and its chunk redone row by row, so no row is reported saved that was not.
    void shouldRedoAChunkRowByRowWhenItsRowCountDisagrees()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QVERIFY(m_db->createNumberedItems(4).isEmpty());
        QSqlDatabase db = m_db->connect();
        {
            VersionRegistry registry(db);
            VersionPolicy policy;
            policy.column = QStringLiteral("version");
            policy.kind = VersionKind::Conditional;
            policy.checkFields = {QStringLiteral("qty")};
            QVERIFY(registry.enable(QStringLiteral("items"), policy).ok());
        }
        // Rows 1 and 2 keep their names, 3 and 4 get new ones; the name does not count for
        // the version, so only 3 and 4 change at all.
        QList<RowEdit> edits;
        for (int id = 1; id <= 4; ++id) {
            RowEdit edit = update(id, 1, QStringLiteral("name"), id <= 2 ? QStringLiteral("item %1").arg(id) : QStringLiteral("new"));
            edit.base.insert(QStringLiteral("name"), QStringLiteral("item %1").arg(id));
            edits.append(edit);
        }
        BatchSubmitter concords(db);
        if (concords.dialect().bulkUpdateReturnsKeys() || !(*concords.writer(QStringLiteral("items")))->canBulk(edits.first()))
            QSKIP("the bulk statement here says itself which rows it wrote, or there is none");

        // Without CLIENT_FOUND_ROWS, as an application's own connection might be opened.
        const QString name = db.connectionName() + QStringLiteral("-changed-rows");
        const auto removed = qScopeGuard([&name] { QSqlDatabase::removeDatabase(name); });
        {
            QSqlDatabase counting = QSqlDatabase::cloneDatabase(db, name);
            counting.setConnectOptions(QString());
            QVERIFY2(counting.open(), qPrintable(counting.lastError().text()));
            BatchSubmitter submitter(counting);
            const SubmitResult result = submitter.submit(edits);
            QVERIFY2(result.committed, qPrintable(result.summary()));
            // Row by row, an unchanged row is zero rows affected: a conflict, never "saved".
            QCOMPARE(statuses(result), QStringLiteral("conflict,conflict,saved,saved"));
            QCOMPARE(flat(db, allItems()), QStringLiteral("1|item 1|10|1;2|item 2|20|1;3|new|30|1;4|new|40|1"));
            QCOMPARE(flat(db, QStringLiteral("SELECT pk FROM concord_log ORDER BY pk")), QStringLiteral("3;4"));
            counting.close();
        }

        // Concord's own connection counts matched rows: the same save of rows 1 and 2 is
        // saved, in one statement, their version left alone.
        const qint64 before = questions(db);
        const SubmitResult result = concords.submit(edits.mid(0, 2));
        QVERIFY2(result.allSaved(), qPrintable(result.summary()));
        QVERIFY2(questions(db) - before < 15, qPrintable(QString::number(questions(db) - before)));
        QCOMPARE(result.rows.at(0).version.toLongLong(), 1);
        QCOMPARE(flat(db, allItems()), QStringLiteral("1|item 1|10|1;2|item 2|20|1;3|new|30|1;4|new|40|1"));
    }

    void shouldWriteAwkwardValuesExactly()
    {
        // Same columns on every row: SQLite and PostgreSQL write these in one bulk statement.
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        const QStringList names{QStringLiteral("a\"b"), QStringLiteral("c\\d"), QStringLiteral("NULL"), QString(""),
                                QStringLiteral("{x,y}"), QStringLiteral(" spaced "), QStringLiteral("it's"),
                                QStringLiteral("naïve ✓"), QStringLiteral("line\nbreak")};
        const int rows = int(names.size()) + 1;
        QStringList values;
        for (int id = 1; id <= rows; ++id)
            values.append(QStringLiteral("(%1, 'n', %1, 1)").arg(id));
        QVERIFY(m_db->exec({QStringLiteral("CREATE TABLE items (id INTEGER PRIMARY KEY, name %1, qty INTEGER, version BIGINT)").arg(m_db->text()),
                            QStringLiteral("INSERT INTO items (id, name, qty, version) VALUES %1").arg(values.join(QLatin1Char(',')))}).isEmpty());
        QSqlDatabase db = m_db->connect();
        BatchSubmitter submitter(db);
        QList<RowEdit> edits;
        for (int id = 1; id <= rows; ++id) {
            RowEdit edit = update(id, 1, QStringLiteral("name"), id <= names.size() ? QVariant(names.at(id - 1)) : QVariant());
            edit.changes.insert(QStringLiteral("qty"), id % 2 ? QVariant() : QVariant(-id));
            edit.base = {{QStringLiteral("name"), QStringLiteral("n")}, {QStringLiteral("qty"), id}};
            edits.append(edit);
        }
        const SubmitResult result = submitter.submit(edits);
        QVERIFY2(result.allSaved(), qPrintable(result.summary()));
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("SELECT id, name, qty, version FROM items ORDER BY id")));
        for (int id = 1; id <= rows; ++id) {
            QVERIFY(query.next());
            QCOMPARE(query.value(0).toInt(), id);
            if (id <= names.size()) {
                QVERIFY(!query.isNull(1));
                QCOMPARE(query.value(1).toString(), names.at(id - 1));
            } else {
                QVERIFY(query.isNull(1));
            }
            QCOMPARE(query.isNull(2), bool(id % 2));
            if (!(id % 2))
                QCOMPARE(query.value(2).toInt(), -id);
            QCOMPARE(query.value(3).toInt(), 2);
        }
    }

    void shouldHoldTheBatchRowsSoNobodyCommitsMidBatch()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        createItems();
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        BatchSubmitter bobs(bob);
        bobs.setLockTimeout(1000);
        QVERIFY(bobs.submit({update(1, 1, QStringLiteral("qty"), 12)}).allSaved());

        // Alice's batch holds its rows from the start (SQLite: the whole database), so Bob,
        // saving row 3 while her batch is still open, waits his lock timeout and is told
        // the row is busy. Nothing changes between her check and her write.
        BatchSubmitter alices(alice);
        SubmitOptions options;
        std::optional<SubmitResult> bobs3;
        options.progress = [&](int done, int) {
            if (done == 1 && !bobs3)
                bobs3 = bobs.submit({update(3, 1, QStringLiteral("name"), QStringLiteral("bob"))});
            return true;
        };
        const SubmitResult result = alices.submit({update(1, 1, QStringLiteral("qty"), 11), remove(2, 1),
                                                   update(3, 1, QStringLiteral("qty"), 33)},
                                                  options);
        QVERIFY(bobs3.has_value());
        QVERIFY(!bobs3->committed || bobs3->savedCount() == 0);
        QCOMPARE(statuses(*bobs3), QStringLiteral("busy"));
        QVERIFY(bobs3->rows.first().error.message.contains(QStringLiteral("not saved")));
        QVERIFY(result.committed);
        QCOMPARE(statuses(result), QStringLiteral("conflict,saved,saved"));
        QCOMPARE(flat(alice, allItems()), QStringLiteral("1|apple|12|2;3|plum|33|2"));

        // Once she committed, Bob's retry finds her version: an honest conflict.
        const SubmitResult retry = bobs.submit({update(3, 1, QStringLiteral("name"), QStringLiteral("bob"))});
        QCOMPARE(statuses(retry), QStringLiteral("conflict"));
        QCOMPARE(retry.rows.first().conflict->theirs.value(QStringLiteral("qty")).toInt(), 33);
    }
};

QTEST_MAIN(tst_BatchSubmitter)
#include "tst_batchsubmitter.moc"

