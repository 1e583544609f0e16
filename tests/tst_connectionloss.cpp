#include "batchsubmitter.h"
#include "versionedtablemodel.h"

#include "gridmodel.h"
#include "sqlprobe.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QDeadlineTimer>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Concord;
using SqlProbe::value;

// Connection loss is a server matter: an SQLite file opened in-process has no connection
// that another client can cut. Closing the connection ourselves is the part that applies
// to SQLite too (shouldReopenClosedConnection).
class tst_ConnectionLoss : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_db;

    void createItems()
    {
        const QString error = m_db->createItems(4);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    // Flattened for compact comparisons: "id:name:qty:version" per row.
    static QString rows(QSqlDatabase db)
    {
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("SELECT id, name, qty, version FROM items ORDER BY id")))
            return query.lastError().text();
        QStringList lines;
        while (query.next())
            lines.append(QStringLiteral("%1:%2:%3:%4").arg(query.value(0).toString(), query.value(1).toString(),
                                                           query.value(2).toString(), query.value(3).toString()));
        return lines.join(QLatin1Char(' '));
    }

    bool onPostgres() const { return m_db->dialect() == TestDatabase::Dialect::PostgreSQL; }

    QVariant sessionId(QSqlDatabase db) const
    {
        return value(db, onPostgres() ? QStringLiteral("SELECT pg_backend_pid()") : QStringLiteral("SELECT CONNECTION_ID()"));
    }

    // Cuts another session from the server side, as a restart or an admin would, and
    // waits until the server has really let it go.
    bool kill(QSqlDatabase admin, const QVariant &id) const
    {
        QSqlQuery query(admin);
        const bool postgres = onPostgres();
        if (!query.exec(postgres ? QStringLiteral("SELECT pg_terminate_backend(%1)").arg(id.toLongLong())
                                 : QStringLiteral("KILL %1").arg(id.toLongLong())))
            return false;
        const QString alive = postgres
                ? QStringLiteral("SELECT COUNT(*) FROM pg_stat_activity WHERE pid = %1").arg(id.toLongLong())
                : QStringLiteral("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = %1").arg(id.toLongLong());
        QDeadlineTimer deadline(10000);
        while (!deadline.hasExpired()) {
            if (value(admin, alive).toInt() == 0)
                return true;
            QTest::qSleep(10);
        }
        return false;
    }

private Q_SLOTS:
    // Every test runs once per dialect; the ones that cut a server connection skip SQLite.
    void initTestCase_data() { TestDatabase::addDialectRows(); }
    void init()
    {
        m_db.reset();
    }

    void cleanup()
    {
        m_db.reset();
    }

    void shouldKeepEditsAndWriteNothingWhenConnectionDropsMidBatch()
    {
        if (TestDatabase::onSqliteRow())
            QSKIP("SQLite runs in-process on a file: there is no server connection that can be lost.");
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        if (m_db->isPooled())
            QSKIP("Through a pooler a client has no server connection of its own to find and end by pid.");
        createItems();
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase admin = m_db->connect(QStringLiteral("admin"));
        {
            VersionedTableModel model(nullptr, alice);
            QAbstractItemModelTester tester(&model);
            QVERIFY(GridModel::select(model));
            const QString before = rows(admin);

            // Different columns per row: on PostgreSQL, too, the rows go in separate
            // statements, so the connection can drop between two of them.
            QVERIFY(model.setData(model.index(0, model.fieldIndex(QStringLiteral("name"))), QStringLiteral("APPLE")));
            QVERIFY(model.setData(model.index(1, model.fieldIndex(QStringLiteral("qty"))), 21));
            QVERIFY(model.setData(model.index(2, model.fieldIndex(QStringLiteral("name"))), QStringLiteral("PLUM")));
            QVERIFY(model.setData(model.index(2, model.fieldIndex(QStringLiteral("qty"))), 31));
            QVERIFY(model.removeRows(3, 1));
            QCOMPARE(model.pendingCount(), 4);

            const QVariant id = sessionId(alice);
            QVERIFY(id.toLongLong() > 0);
            int calls = 0;
            bool killed = false;
            SubmitOptions options;
            options.progress = [&](int done, int total) {
                ++calls;
                if (done == 1 && total > 1)
                    killed = kill(admin, id);
                return true;
            };
            QSignalSpy submitted(&model, &VersionedTableModel::submitted);
            const SubmitResult result = model.submitPending(options);
            QVERIFY(killed);
            // Stopped at the first failure: no progress after the row that hit the dead connection.
            QCOMPARE(calls, 1);
            QVERIFY(!result.committed);
            QCOMPARE(result.error.code, DbError::Code::Database);
            QVERIFY2(result.error.message.contains(QLatin1String("connection to the database was lost")),
                     qPrintable(result.error.message));
            QVERIFY(result.error.message.contains(QLatin1String("nothing was saved")));
            QCOMPARE(result.count(RowOutcome::Status::NotAttempted), 4);
            QCOMPARE(result.errorCount(), 0);
            QCOMPARE(submitted.count(), 1);

            // Nothing half-written on the server.
            QCOMPARE(rows(admin), before);

            // Every edit is still pending, shown, and not marked as an error.
            QCOMPARE(model.pendingCount(), 4);
            QCOMPARE(model.index(0, model.fieldIndex(QStringLiteral("name"))).data().toString(), QStringLiteral("APPLE"));
            QCOMPARE(model.index(1, model.fieldIndex(QStringLiteral("qty"))).data().toInt(), 21);
            QCOMPARE(model.rowState(0), VersionedTableModel::RowState::Edited);
            QCOMPARE(model.rowState(3), VersionedTableModel::RowState::Deleted);

            // Saving again reconnects and saves everything.
            QVERIFY2(model.submitAll(), qPrintable(model.lastError().text()));
            QCOMPARE(model.pendingCount(), 0);
            QCOMPARE(rows(admin), QStringLiteral("1:APPLE:10:2 2:pear:21:2 3:PLUM:31:2"));
            QVERIFY(sessionId(alice) != id);
        }
        alice = QSqlDatabase();
        admin = QSqlDatabase();
    }

    void shouldStopAtFirstConnectionErrorInBatchSubmitter()
    {
        if (TestDatabase::onSqliteRow())
            QSKIP("SQLite runs in-process on a file: there is no server connection that can be lost.");
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        if (m_db->isPooled())
            QSKIP("Through a pooler a client has no server connection of its own to find and end by pid.");
        createItems();
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase admin = m_db->connect(QStringLiteral("admin"));
        {
            BatchSubmitter submitter(alice);
            QList<RowEdit> edits;
            // Inserts go one statement per row on every dialect.
            for (int i = 0; i < 20; ++i) {
                RowEdit edit;
                edit.op = RowEdit::Op::Insert;
                edit.table = QStringLiteral("items");
                edit.changes.insert(QStringLiteral("id"), 100 + i);
                edit.changes.insert(QStringLiteral("name"), QStringLiteral("new %1").arg(i));
                edits.append(edit);
            }
            const QVariant id = sessionId(alice);
            int calls = 0;
            SubmitOptions options;
            options.progress = [&](int done, int) {
                ++calls;
                if (done == 5)
                    kill(admin, id);
                return true;
            };
            const SubmitResult result = submitter.submit(edits, options);
            QVERIFY(!result.committed);
            QCOMPARE(calls, 5);
            QCOMPARE(result.count(RowOutcome::Status::NotAttempted), 20);
            QVERIFY2(result.error.message.contains(QLatin1String("connection to the database was lost")),
                     qPrintable(result.summary()));
            QCOMPARE(value(admin, QStringLiteral("SELECT COUNT(*) FROM items")).toInt(), 4);

            // The same submitter reconnects for the next batch.
            const SubmitResult again = submitter.submit(edits);
            QVERIFY2(again.committed, qPrintable(again.summary()));
            QCOMPARE(again.savedCount(), 20);
            QCOMPARE(value(admin, QStringLiteral("SELECT COUNT(*) FROM items")).toInt(), 24);
        }
        alice = QSqlDatabase();
        admin = QSqlDatabase();
    }

    void shouldReconnectBeforeBatchAfterServerDroppedIdleConnection()
    {
        if (TestDatabase::onSqliteRow())
            QSKIP("SQLite runs in-process on a file: there is no server connection that can be lost.");
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        if (m_db->isPooled())
            QSKIP("Through a pooler a client has no server connection of its own to find and end by pid.");
        createItems();
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase admin = m_db->connect(QStringLiteral("admin"));
        {
            VersionedTableModel model(nullptr, alice);
            QVERIFY(GridModel::select(model));
            QVERIFY(model.setData(model.index(0, model.fieldIndex(QStringLiteral("qty"))), 12));
            QVERIFY(kill(admin, sessionId(alice)));
            QVERIFY2(model.submitAll(), qPrintable(model.lastError().text()));
            QCOMPARE(value(admin, QStringLiteral("SELECT qty FROM items WHERE id = 1")).toInt(), 12);
        }
        alice = QSqlDatabase();
        admin = QSqlDatabase();
    }

    void shouldReloadAfterConnectionLossKeepingEdits()
    {
        if (TestDatabase::onSqliteRow())
            QSKIP("SQLite runs in-process on a file: there is no server connection that can be lost.");
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        if (m_db->isPooled())
            QSKIP("Through a pooler a client has no server connection of its own to find and end by pid.");
        createItems();
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase admin = m_db->connect(QStringLiteral("admin"));
        {
            VersionedTableModel model(nullptr, alice);
            QAbstractItemModelTester tester(&model);
            QVERIFY(GridModel::select(model));
            QVERIFY(model.setData(model.index(2, model.fieldIndex(QStringLiteral("qty"))), 33));
            QVERIFY(kill(admin, sessionId(alice)));
            QSqlQuery update(admin);
            QVERIFY(update.exec(QStringLiteral("UPDATE items SET name = 'FIG', version = 2 WHERE id = 4")));

            QVERIFY2(model.select(), qPrintable(model.lastError().text()));
            QCOMPARE(model.rowCount(), 4);
            QCOMPARE(model.index(3, model.fieldIndex(QStringLiteral("name"))).data().toString(), QStringLiteral("FIG"));
            QCOMPARE(model.index(2, model.fieldIndex(QStringLiteral("qty"))).data().toInt(), 33);
            QCOMPARE(model.pendingCount(), 1);
        }
        alice = QSqlDatabase();
        admin = QSqlDatabase();
    }

    void shouldReopenClosedConnection()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        if (m_db->isPooled())
            QSKIP("Through a pooler a client has no server connection of its own to find and end by pid.");
        createItems();
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase admin = m_db->connect(QStringLiteral("admin"));
        {
            VersionedTableModel model(nullptr, alice);
            QVERIFY(GridModel::select(model));
            QVERIFY(model.setData(model.index(1, model.fieldIndex(QStringLiteral("name"))), QStringLiteral("PEAR")));
            alice.close();
            QVERIFY(!alice.isOpen());
            QVERIFY2(model.submitAll(), qPrintable(model.lastError().text()));
            QVERIFY(alice.isOpen());
            QCOMPARE(value(admin, QStringLiteral("SELECT name FROM items WHERE id = 2")).toString(), QStringLiteral("PEAR"));
        }
        alice = QSqlDatabase();
        admin = QSqlDatabase();
    }
};

QTEST_MAIN(tst_ConnectionLoss)
#include "tst_connectionloss.moc"

