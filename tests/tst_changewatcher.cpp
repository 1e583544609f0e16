#include "changewatcher.h"
#include "pooling.h"
#include "postgresdialect.h"
#include "versionedtablemodel.h"
#include "versionregistry.h"

#include "gridmodel.h"
#include "sqlprobe.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Concord;
using SqlProbe::value;
using SqlProbe::run;

class tst_ChangeWatcher : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_db;

    void createItems(int rows = 5)
    {
        const QString error = m_db->createNumberedItems(rows);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    static QList<int> staleRows(const VersionedTableModel &model)
    {
        QList<int> rows;
        for (int row = 0; row < model.rowCount(); ++row) {
            if (model.index(row, 0).data(VersionedTableModel::StaleRole).toBool())
                rows.append(row);
        }
        return rows;
    }

    /// What an earlier Concord installed on PostgreSQL: one NOTIFY per row, "table:pk", from
    /// a function and a trigger both named concord_notify_<table> with no bound on the length.
    static QStringList earlierPerRowTrigger(const QString &table)
    {
        const QString name = QStringLiteral("concord_notify_%1").arg(table);
        return {
            QStringLiteral("CREATE FUNCTION %1() RETURNS trigger LANGUAGE plpgsql AS $f$ "
                           "BEGIN PERFORM pg_notify('concord_changes', TG_TABLE_NAME || ':' || OLD.id::text); "
                           "RETURN NULL; END $f$").arg(name),
            QStringLiteral("CREATE TRIGGER %1 AFTER UPDATE OR DELETE ON %2 FOR EACH ROW EXECUTE FUNCTION %1()")
                    .arg(name, table),
        };
    }

private Q_SLOTS:
    // Every test runs once per dialect; the ones about one database skip the other rows.
    void initTestCase_data() { TestDatabase::addDialectRows(); }
    void init()
    {
        m_db.reset();
    }

    void cleanup()
    {
        m_db.reset();
    }

    void shouldMarkRowChangedByAnotherConnection()
    {
        QFETCH_GLOBAL(QString, dialect);
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        createItems();
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        {
            VersionedTableModel model(nullptr, alice);
            QAbstractItemModelTester tester(&model);
            QVERIFY(GridModel::select(model));
            QCOMPARE(model.rowCount(), 5);

            ChangeWatcher watcher(&model);
            watcher.setInterval(50);
            QVERIFY2(watcher.start(), qPrintable(watcher.lastError().message));
            // Through a transaction pooler PostgreSQL is polled: a LISTEN would stay behind.
            const bool notified = dialect == QLatin1String("postgresql") && !m_db->isTransactionPooled();
            QCOMPARE(watcher.mode(), notified ? ChangeWatcher::Mode::Notify
                                     : dialect == QLatin1String("sqlite") ? ChangeWatcher::Mode::DataVersion
                                                                          : ChangeWatcher::Mode::Poll);
            QSignalSpy stale(&model, &VersionedTableModel::rowsStale);

            // Alice edits row 2 and leaves it pending; Bob saves row 3.
            const QModelIndex name2 = model.index(1, model.fieldIndex(QStringLiteral("name")));
            QVERIFY(model.setData(name2, QStringLiteral("alice's pear")));
            QCOMPARE(run(bob, QStringLiteral("UPDATE items SET qty = 33, version = version + 1 WHERE id = 3")), QString());

            QTRY_COMPARE(stale.count(), 1);
            if (notified) {
                QVERIFY(watcher.notifications() >= 1);
                QCOMPARE(watcher.statusText(), QStringLiteral("Changes by others: notified"));
            }
            QCOMPARE(stale.at(0).at(0).value<QList<QVariant>>().size(), 1);
            QCOMPARE(stale.at(0).at(0).value<QList<QVariant>>().first().toInt(), 3);
            QCOMPARE(staleRows(model), QList<int>{2});
            QVERIFY(!model.index(2, 0).data(Qt::ToolTipRole).toString().isEmpty());
            QCOMPARE(model.headerData(2, Qt::Vertical).toString(), QStringLiteral("↻"));

            // Nothing reloaded: the grid still shows what Alice loaded, and her edit is there.
            QCOMPARE(model.index(2, model.fieldIndex(QStringLiteral("qty"))).data().toInt(), 30);
            QCOMPARE(model.pendingCount(), 1);
            QCOMPARE(name2.data().toString(), QStringLiteral("alice's pear"));
            QVERIFY(!name2.data(VersionedTableModel::StaleRole).toBool());

            // Alice's pending edit on another row still saves.
            QVERIFY2(model.submitAll(), qPrintable(model.lastError().text()));
            QCOMPARE(value(bob, QStringLiteral("SELECT name FROM items WHERE id = 2")).toString(), QStringLiteral("alice's pear"));
            QCOMPARE(stale.count(), 1);
        }
        alice = QSqlDatabase();
        bob = QSqlDatabase();
    }

    void shouldPollWhileAnotherTransactionHoldsTheTableAndListenOnceItEnds()
    {
        QFETCH_GLOBAL(QString, dialect);
        if (dialect != QLatin1String("postgresql"))
            QSKIP("Only PostgreSQL makes a notify trigger, which waits for the table.");
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        if (m_db->isTransactionPooled())
            QSKIP("Through a transaction pooler the watcher polls and makes no trigger.");
        createItems();
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        QSqlDatabase carol = m_db->connect(QStringLiteral("carol"));
        {
            VersionedTableModel model(nullptr, alice);
            QVERIFY(GridModel::select(model));
            // Bob's transaction (a psql session left open, say) holds a row, and so the table.
            QSqlQuery holding(bob);
            // Should start() wait for Bob after all, the server ends his session after a
            // while: the test then fails below instead of hanging.
            QVERIFY(holding.exec(QStringLiteral("SET idle_in_transaction_session_timeout = '10s'")));
            QVERIFY(holding.exec(QStringLiteral("BEGIN")));
            QVERIFY(holding.exec(QStringLiteral("UPDATE items SET qty = qty WHERE id = 2")));

            ChangeWatcher watcher(&model);
            watcher.setInterval(50);
            watcher.setSetupRetryInterval(50);
            QElapsedTimer timer;
            timer.start();
            QVERIFY2(watcher.start(), qPrintable(watcher.lastError().message));
            QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
            QCOMPARE(watcher.mode(), ChangeWatcher::Mode::Poll);
            QVERIFY(watcher.isWaitingForTable());
            QCOMPARE(watcher.statusText(), QStringLiteral("Changes by others: polled every second (table busy; notifications retried)"));
            QSignalSpy modeChanged(&watcher, &ChangeWatcher::modeChanged);

            // Meanwhile the rows on screen are polled: Carol's save is marked.
            QCOMPARE(run(carol, QStringLiteral("UPDATE items SET qty = 33, version = version + 1 WHERE id = 3")), QString());
            QTRY_COMPARE(staleRows(model), QList<int>{2});
            QVERIFY(watcher.isWaitingForTable());
            QCOMPARE(modeChanged.count(), 0);

            // Bob's transaction ends: the trigger is made, and notifications come.
            QVERIFY(holding.exec(QStringLiteral("ROLLBACK")));
            QTRY_COMPARE(watcher.mode(), ChangeWatcher::Mode::Notify);
            QVERIFY(!watcher.isWaitingForTable());
            QCOMPARE(modeChanged.count(), 1);
            QCOMPARE(watcher.statusText(), QStringLiteral("Changes by others: notified"));
            QCOMPARE(run(bob, QStringLiteral("UPDATE items SET qty = 44, version = version + 1 WHERE id = 4")), QString());
            QTRY_COMPARE(staleRows(model), (QList<int>{2, 3}));
            QVERIFY(watcher.notifications() >= 1);
        }
        alice = QSqlDatabase();
        bob = QSqlDatabase();
        carol = QSqlDatabase();
    }

    void shouldPollBehindATransactionPooler()
    {
        QFETCH_GLOBAL(QString, dialect);
        if (dialect != QLatin1String("postgresql"))
            QSKIP("Transaction pooling (PgBouncer) is a PostgreSQL setup.");
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        createItems();
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        // What ?pooling=transaction does; on a direct connection this mark alone makes the
        // watcher poll, so the choice is tested on every pass, the polling itself too.
        Pooling::set(alice, Pooling::Mode::Transaction);
        {
            VersionedTableModel model(nullptr, alice);
            QVERIFY(GridModel::select(model));
            ChangeWatcher watcher(&model);
            QSignalSpy modes(&watcher, &ChangeWatcher::modeChanged);
            watcher.setInterval(2000);
            QCOMPARE(watcher.statusText(), QStringLiteral("Changes by others: not watched"));
            QVERIFY2(watcher.start(), qPrintable(watcher.lastError().message));
            QCOMPARE(modes.count(), 1);
            QCOMPARE(watcher.mode(), ChangeWatcher::Mode::Poll);
            QVERIFY(watcher.pollsForPooling());
            QCOMPARE(watcher.statusText(), QStringLiteral("Changes by others: polled every 2 s (transaction pooling)"));

            watcher.setInterval(50);
            QSignalSpy stale(&model, &VersionedTableModel::rowsStale);
            QCOMPARE(run(bob, QStringLiteral("UPDATE items SET qty = 33, version = version + 1 WHERE id = 3")), QString());
            QTRY_COMPARE(staleRows(model), QList<int>{2});
            QCOMPARE(watcher.notifications(), 0);
            QVERIFY(watcher.pollQueries() >= 1);
            watcher.stop();
            QCOMPARE(modes.count(), 2);
        }
        alice = QSqlDatabase();
        bob = QSqlDatabase();
    }

    void shouldNotMarkOwnSaves()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        createItems();
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        {
            VersionedTableModel model(nullptr, alice);
            QAbstractItemModelTester tester(&model);
            QVERIFY(GridModel::select(model));
            ChangeWatcher watcher(&model);
            watcher.setInterval(50);
            QVERIFY2(watcher.start(), qPrintable(watcher.lastError().message));
            QSignalSpy stale(&model, &VersionedTableModel::rowsStale);

            QVERIFY(model.setData(model.index(0, model.fieldIndex(QStringLiteral("qty"))), 11));
            QVERIFY(model.setData(model.index(1, model.fieldIndex(QStringLiteral("qty"))), 22));
            QVERIFY2(model.submitAll(), qPrintable(model.lastError().text()));
            QCOMPARE(model.index(0, 0).data(VersionedTableModel::VersionRole).toInt(), 2);

            // Bob's change afterwards is seen: once it is, the watcher has certainly
            // looked at (or been told about) Alice's own saves before it.
            QCOMPARE(run(bob, QStringLiteral("UPDATE items SET qty = 55, version = version + 1 WHERE id = 5")), QString());
            QTRY_COMPARE(staleRows(model), QList<int>{4});
            watcher.poll();
            QCOMPARE(staleRows(model), QList<int>{4});
            QCOMPARE(stale.count(), 1);
            QCOMPARE(stale.at(0).at(0).value<QList<QVariant>>().first().toInt(), 5);
        }
        alice = QSqlDatabase();
        bob = QSqlDatabase();
    }

    void shouldMarkRowDeletedByAnotherConnection()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        createItems();
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        {
            VersionedTableModel model(nullptr, alice);
            QAbstractItemModelTester tester(&model);
            QVERIFY(GridModel::select(model));
            ChangeWatcher watcher(&model);
            watcher.setInterval(50);
            QVERIFY2(watcher.start(), qPrintable(watcher.lastError().message));
            QSignalSpy stale(&model, &VersionedTableModel::rowsStale);

            QCOMPARE(run(bob, QStringLiteral("DELETE FROM items WHERE id = 4")), QString());
            QTRY_COMPARE(stale.count(), 1);
            QCOMPARE(stale.at(0).at(0).value<QList<QVariant>>().first().toInt(), 4);
            QCOMPARE(staleRows(model), QList<int>{3});
            QCOMPARE(model.rowCount(), 5);
        }
        alice = QSqlDatabase();
        bob = QSqlDatabase();
    }

    void shouldWarnBeforeSavingEditOfStaleRow()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        createItems();
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        {
            VersionedTableModel model(nullptr, alice);
            QAbstractItemModelTester tester(&model);
            QVERIFY(GridModel::select(model));
            ChangeWatcher watcher(&model);
            watcher.setInterval(50);
            QVERIFY2(watcher.start(), qPrintable(watcher.lastError().message));

            QCOMPARE(run(bob, QStringLiteral("UPDATE items SET qty = 99, version = version + 1 WHERE id = 1")), QString());
            QTRY_COMPARE(staleRows(model), QList<int>{0});

            // Editing the stale row keeps the mark, and the cell says the save will conflict.
            const QModelIndex qty = model.index(0, model.fieldIndex(QStringLiteral("qty")));
            QVERIFY(model.setData(qty, 12));
            QVERIFY(qty.data(VersionedTableModel::StaleRole).toBool());
            QCOMPARE(model.rowState(0), VersionedTableModel::RowState::Edited);
            QVERIFY2(qty.data(Qt::ToolTipRole).toString().contains(QLatin1String("will conflict")),
                     qPrintable(qty.data(Qt::ToolTipRole).toString()));

            QVERIFY(!model.submitAll());
            QCOMPARE(model.rowState(0), VersionedTableModel::RowState::Conflict);
            QCOMPARE(qty.data().toInt(), 12);
            QCOMPARE(value(bob, QStringLiteral("SELECT qty FROM items WHERE id = 1")).toInt(), 99);
        }
        alice = QSqlDatabase();
        bob = QSqlDatabase();
    }

    void shouldReconnectWhenItsConnectionIsLost()
    {
        QFETCH_GLOBAL(QString, dialect);
        if (dialect == QLatin1String("sqlite"))
            QSKIP("SQLite runs in-process on a file: there is no server connection that can be lost.");
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        if (m_db->isPooled())
            QSKIP("Through a pooler a client has no server connection of its own to find and end by pid.");
        createItems();
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        {
            VersionedTableModel model(nullptr, alice);
            QVERIFY(GridModel::select(model));
            ChangeWatcher watcher(&model);
            watcher.setInterval(50);
            QVERIFY2(watcher.start(), qPrintable(watcher.lastError().message));
            QSignalSpy errors(&watcher, &ChangeWatcher::watchError);

            // Bob cuts every other session of this database (the watcher's among them),
            // then changes a row while nobody is listening.
            const bool postgres = dialect == QLatin1String("postgresql");
            QSqlQuery sessions(bob);
            QVERIFY(sessions.exec(postgres
                    ? QStringLiteral("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
                    : QStringLiteral("SELECT ID FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND ID <> CONNECTION_ID()")));
            QList<qlonglong> ids;
            while (sessions.next())
                ids.append(sessions.value(0).toLongLong());
            sessions.finish();
            QVERIFY(ids.size() >= 2);
            for (qlonglong id : std::as_const(ids)) {
                QCOMPARE(run(bob, postgres ? QStringLiteral("SELECT pg_terminate_backend(%1)").arg(id)
                                           : QStringLiteral("KILL %1").arg(id)), QString());
            }
            QCOMPARE(run(bob, QStringLiteral("UPDATE items SET qty = 44, version = version + 1 WHERE id = 4")), QString());

            // The watcher notices, reconnects, and looks at the screen again.
            QTRY_VERIFY(errors.count() >= 1);
            QTRY_COMPARE(staleRows(model), QList<int>{3});
            QVERIFY(watcher.isActive());
        }
        alice = QSqlDatabase();
        bob = QSqlDatabase();
    }

    void shouldWatchOnlyVisibleRowsWhenPolling()
    {
        QFETCH_GLOBAL(QString, dialect);
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        if (dialect == QLatin1String("postgresql") && !m_db->isTransactionPooled())
            QSKIP("PostgreSQL is told about every changed row; it does not poll the screen.");
        createItems(10);
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        {
            VersionedTableModel model(nullptr, alice);
            QVERIFY(GridModel::select(model));
            ChangeWatcher watcher(&model);
            watcher.setInterval(50);
            watcher.setVisibleRows(0, 3);
            QVERIFY2(watcher.start(), qPrintable(watcher.lastError().message));

            // Row 9 (id 10) is off screen: not seen until it scrolls into view.
            QCOMPARE(run(bob, QStringLiteral("UPDATE items SET qty = 1, version = version + 1 WHERE id = 10")), QString());
            const int polls = watcher.polls();
            QTRY_VERIFY(watcher.polls() >= polls + 3);
            QCOMPARE(staleRows(model), QList<int>{});
            watcher.setVisibleRows(6, 9);
            QTRY_COMPARE(staleRows(model), QList<int>{9});
        }
        alice = QSqlDatabase();
        bob = QSqlDatabase();
    }

    void shouldSkipRowQueryWhenDataVersionIsUnchanged()
    {
        if (!TestDatabase::onSqliteRow())
            QSKIP("data_version is SQLite's: the servers are polled or notify");
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        createItems();
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        {
            VersionedTableModel model(nullptr, alice);
            QVERIFY(GridModel::select(model));
            ChangeWatcher watcher(&model);
            watcher.setInterval(20);
            QVERIFY2(watcher.start(), qPrintable(watcher.lastError().message));

            // The first poll reads the rows once, as a baseline; quiet polls read nothing.
            QTRY_COMPARE(watcher.pollQueries(), 1);
            const int polls = watcher.polls();
            QTRY_VERIFY(watcher.polls() >= polls + 5);
            QCOMPARE(watcher.pollQueries(), 1);

            // A commit by another connection changes data_version: the rows are read again.
            QCOMPARE(run(bob, QStringLiteral("UPDATE items SET name = 'x', version = version + 1 WHERE id = 1")), QString());
            QTRY_COMPARE(staleRows(model), QList<int>{0});
            QCOMPARE(watcher.pollQueries(), 2);
            const int after = watcher.polls();
            QTRY_VERIFY(watcher.polls() >= after + 5);
            QCOMPARE(watcher.pollQueries(), 2);
        }
        alice = QSqlDatabase();
        bob = QSqlDatabase();
    }

    // A writer holding the SQLite file (another program's long transaction, or this window's
    // own action on many rows, whose progress dialog lets the poll timer in) does not hold
    // the window: a poll gives up at once and the next one looks again. Before, every poll
    // waited out the ten-second busy timeout, and an action on a million rows crawled.
    void shouldNotWaitForAWriterHoldingTheFile()
    {
        if (!TestDatabase::onSqliteRow())
            QSKIP("Only a SQLite reader waits for a writer; the servers' readers never do");
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        createItems();
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        {
            VersionedTableModel model(nullptr, alice);
            QVERIFY(GridModel::select(model));
            ChangeWatcher watcher(&model);
            watcher.setInterval(3600 * 1000);
            QVERIFY2(watcher.start(), qPrintable(watcher.lastError().message));
            QSignalSpy errors(&watcher, &ChangeWatcher::watchError);
            watcher.poll();
            QCOMPARE(watcher.busyPolls(), 0);

            QCOMPARE(run(bob, QStringLiteral("BEGIN EXCLUSIVE")), QString());
            QCOMPARE(run(bob, QStringLiteral("UPDATE items SET qty = 44, version = version + 1 WHERE id = 4")), QString());
            QElapsedTimer clock;
            clock.start();
            watcher.poll();
            watcher.poll();
            // Far from the ten seconds each would have waited.
            QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
            QCOMPARE(watcher.busyPolls(), 2);
            QCOMPARE(errors.count(), 0);
            QCOMPARE(staleRows(model), QList<int>{});

            // Once Bob commits, the next poll sees his change.
            QCOMPARE(run(bob, QStringLiteral("COMMIT")), QString());
            watcher.poll();
            QCOMPARE(staleRows(model), QList<int>{3});
            QCOMPARE(watcher.busyPolls(), 2);
            QCOMPARE(errors.count(), 0);
        }
        alice = QSqlDatabase();
        bob = QSqlDatabase();
    }

    void shouldNotWatchUnversionedTables()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QCOMPARE(m_db->exec(QStringLiteral("CREATE TABLE notes (id INTEGER PRIMARY KEY, body %1)").arg(m_db->text())), QString());
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        {
            VersionedTableModel model(nullptr, alice);
            model.setTable(QStringLiteral("notes"));
            QVERIFY(model.select());
            ChangeWatcher watcher(&model);
            QVERIFY(!watcher.start());
            QVERIFY(!watcher.isActive());
            QVERIFY(watcher.lastError().message.contains(QLatin1String("not versioned")));
        }
        alice = QSqlDatabase();
    }

    void shouldNotifyOncePerStatement()
    {
        QFETCH_GLOBAL(QString, dialect);
        if (dialect != QLatin1String("postgresql"))
            QSKIP("Only PostgreSQL is told about changes by NOTIFY triggers");
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        if (m_db->isTransactionPooled())
            QSKIP("No LISTEN through a transaction pooler: the watcher polls there (see shouldPollBehindATransactionPooler).");
        const int rows = PostgresDialect::notifyKeyLimit() + 100;
        createItems(rows);
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        {
            VersionedTableModel model(nullptr, alice);
            QVERIFY(GridModel::select(model));
            while (model.canFetchMore())
                model.fetchMore();
            QCOMPARE(model.rowCount(), rows);
            ChangeWatcher watcher(&model);
            watcher.setInterval(50);
            // The screen shows 50 rows. Set before start(): a later change of the screen
            // makes the next poll look at it again, one more query counted below.
            watcher.setVisibleRows(0, 49);
            QVERIFY2(watcher.start(), qPrintable(watcher.lastError().message));
            QCOMPARE(watcher.mode(), ChangeWatcher::Mode::Notify);
            QSignalSpy stale(&model, &VersionedTableModel::rowsStale);

            // Two rows in one statement: one notification naming both.
            QCOMPARE(run(bob, QStringLiteral("UPDATE items SET qty = qty + 1, version = version + 1 WHERE id IN (3, 7)")),
                     QString());
            QTRY_COMPARE(stale.count(), 1);
            QCOMPARE(watcher.notifications(), 1);
            QCOMPARE(staleRows(model), (QList<int>{2, 6}));

            // A statement that touches nothing sends nothing; the next one is the second.
            QCOMPARE(run(bob, QStringLiteral("UPDATE items SET qty = 0 WHERE id < 0")), QString());
            QCOMPARE(run(bob, QStringLiteral("DELETE FROM items WHERE id = 9")), QString());
            QTRY_COMPARE(stale.count(), 2);
            QCOMPARE(watcher.notifications(), 2);
            QCOMPARE(staleRows(model), (QList<int>{2, 6, 8}));

            // More rows than a notification names: "any row". The rows on screen are marked
            // at once, then every loaded row that changed, a query's worth at a time.
            const int queries = watcher.pollQueries();
            QCOMPARE(run(bob, QStringLiteral("UPDATE items SET version = version + 1 WHERE id > 10")), QString());
            QTRY_COMPARE(staleRows(model).size(), 3 + rows - 10);
            QCOMPARE(watcher.notifications(), 3);
            // The first marks were the screen's (ids 11-50), the rest came after.
            QVERIFY(stale.count() >= 4);
            QCOMPARE(stale.at(2).at(0).value<QList<QVariant>>().size(), 40);
            QVERIFY(!model.isStale(0));
            // One query for the screen, then one per 500 loaded rows.
            QCOMPARE(watcher.pollQueries() - queries, 1 + (rows + 499) / 500);
        }
        alice = QSqlDatabase();
        bob = QSqlDatabase();
    }

    void shouldReplaceAPerRowNotifyTrigger()
    {
        QFETCH_GLOBAL(QString, dialect);
        if (dialect != QLatin1String("postgresql"))
            QSKIP("Only PostgreSQL is told about changes by NOTIFY triggers");
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        if (m_db->isTransactionPooled())
            QSKIP("No LISTEN through a transaction pooler: the watcher polls there (see shouldPollBehindATransactionPooler).");
        createItems();
        QCOMPARE(m_db->exec(earlierPerRowTrigger(QStringLiteral("items"))), QString());
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        {
            VersionedTableModel model(nullptr, alice);
            QVERIFY(GridModel::select(model));
            ChangeWatcher watcher(&model);
            QVERIFY2(watcher.start(), qPrintable(watcher.lastError().message));
            QCOMPARE(watcher.mode(), ChangeWatcher::Mode::Notify);
            // Both triggers are statement-level now (bit 0 of tgtype marks a row trigger).
            QCOMPARE(value(bob, QStringLiteral("SELECT string_agg(tgname || ':' || (tgtype & 1)::text, ',' ORDER BY tgname) "
                                               "FROM pg_trigger WHERE NOT tgisinternal AND tgrelid = 'items'::regclass")).toString(),
                     QStringLiteral("concord_notify_items:0,concord_notify_items_delete:0"));
            QSignalSpy stale(&model, &VersionedTableModel::rowsStale);
            QCOMPARE(run(bob, QStringLiteral("UPDATE items SET qty = 1, version = version + 1 WHERE id = 2")), QString());
            QTRY_COMPARE(stale.count(), 1);
            QCOMPARE(staleRows(model), QList<int>{1});
        }
        alice = QSqlDatabase();
        bob = QSqlDatabase();
    }

    void shouldKeepNotifyTriggerNamesWithinPostgresLimit()
    {
        QFETCH_GLOBAL(QString, dialect);
        if (dialect != QLatin1String("postgresql"))
            QSKIP("Only PostgreSQL is told about changes by NOTIFY triggers");
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        const QString table = QStringLiteral("inventory_items_of_the_northern_warehouse_with_long_names");
        QVERIFY(table.size() < 63);
        QCOMPARE(m_db->exec({QStringLiteral("CREATE TABLE %1 (id INTEGER PRIMARY KEY, qty INTEGER, version BIGINT)").arg(table),
                             QStringLiteral("INSERT INTO %1 VALUES (1, 1, 1)").arg(table)}),
                 QString());
        const QString onUpdate = PostgresDialect::notifyTriggerName(table);
        const QString onDelete = PostgresDialect::notifyDeleteTriggerName(table);
        QVERIFY(onUpdate.toUtf8().size() <= 63);
        QVERIFY(onDelete.toUtf8().size() <= 63);
        QVERIFY(onUpdate != onDelete);
        QVERIFY(onUpdate.startsWith(QLatin1String("concord_notify_inventory")));
        // An earlier Concord's per-row trigger and function, under the unbounded name that
        // PostgreSQL cut at 63 bytes.
        QCOMPARE(m_db->exec(earlierPerRowTrigger(table)), QString());
        QSqlDatabase db = m_db->connect();
        {
            VersionRegistry registry(db);
            const auto made = registry.ensureNotifyTrigger(table);
            QVERIFY2(made, qPrintable(made.error().message));
            QCOMPARE(*made, true);
            const QString oids = QStringLiteral("SELECT string_agg(oid::text, ',' ORDER BY tgname) FROM pg_trigger "
                                                "WHERE tgname IN ('%1', '%2')").arg(onUpdate, onDelete);
            const QString first = value(db, oids).toString();
            QCOMPARE(first.count(QLatin1Char(',')), 1);
            // The per-row trigger and its function are gone: only the two new triggers remain.
            QCOMPARE(value(db, QStringLiteral("SELECT COUNT(*) FROM pg_trigger WHERE NOT tgisinternal "
                                              "AND tgrelid = '%1'::regclass").arg(table)).toInt(), 2);
            QCOMPARE(value(db, QStringLiteral("SELECT COUNT(*) FROM pg_proc WHERE proname LIKE 'concord\\_notify\\_%'"))
                             .toInt(), 1);
            // Found again under the same names: not dropped and made again on every start.
            const auto found = registry.ensureNotifyTrigger(table);
            QVERIFY2(found, qPrintable(found.error().message));
            QCOMPARE(value(db, oids).toString(), first);
        }
        db = QSqlDatabase();
    }

    void shouldCreateAndDropNotifyTriggerWithRegistry()
    {
        QFETCH_GLOBAL(QString, dialect);
        if (dialect != QLatin1String("postgresql"))
            QSKIP("Only PostgreSQL is told about changes by NOTIFY triggers");
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        createItems();
        QSqlDatabase db = m_db->connect();
        {
            VersionRegistry registry(db);
            const auto names = [&registry] {
                QStringList list;
                const auto triggers = registry.triggers();
                for (const auto &pair : *triggers)
                    list.append(pair.first);
                return list;
            };
            QVERIFY(!names().contains(PostgresDialect::notifyTriggerName(QStringLiteral("items"))));
            VersionPolicy policy;
            policy.kind = VersionKind::Auto;
            QVERIFY(registry.enable(QStringLiteral("items"), policy).ok());
            QCOMPARE(names(), (QStringList{PostgresDialect::notifyTriggerName(QStringLiteral("items")),
                                           PostgresDialect::notifyDeleteTriggerName(QStringLiteral("items"))}));
            QVERIFY(registry.disable(QStringLiteral("items")).ok());
            QCOMPARE(names(), QStringList{});
        }
        db = QSqlDatabase();
    }
};

QTEST_MAIN(tst_ChangeWatcher)
#include "tst_changewatcher.moc"

