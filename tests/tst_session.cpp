#include "batchsubmitter.h"
#include "session.h"
#include "sqldialect.h"
#include "versionedtablemodel.h"
#include "versionedwriter.h"
#include "versionregistry.h"

#include "testdatabase.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace Concord;

// The Session (docs/architecture.md): one per connection, shared by everyone working on it,
// and the one place where what is known about a table is forgotten.
class tst_Session : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_db;

    /// A fresh database of the running row's dialect holding items (id, name, version): row 1 'a' at version 1.
    void open()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QCOMPARE(m_db->exec({QStringLiteral("CREATE TABLE items (id INTEGER PRIMARY KEY, name %1, version BIGINT)").arg(m_db->text()),
                             QStringLiteral("INSERT INTO items (id, name, version) VALUES (1, 'a', 1)")}),
                 QString());
    }

private Q_SLOTS:
    // Every test runs once per dialect; the ones about a connection's life run on SQLite only.
    void initTestCase_data() { TestDatabase::addDialectRows(); }
    void cleanup() { m_db.reset(); }

    void shouldShareOneSessionPerConnection()
    {
        open();
        const QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        const QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        const auto first = Session::of(alice);
        // Another handle on the same connection is the same connection.
        QCOMPARE(Session::of(QSqlDatabase::database(alice.connectionName())).get(), first.get());
        QVERIFY(Session::of(bob).get() != first.get());
        // Everyone built on the connection works through that Session.
        BatchSubmitter submitter(alice);
        QCOMPARE(&submitter.session(), first.get());
        VersionedTableModel model(nullptr, alice);
        QCOMPARE(model.session().get(), first.get());
        QVERIFY(first->isValid());
        QCOMPARE(&submitter.dialect(), &first->dialect());
    }

    void shouldGiveAConnectionAddedAgainANewSession()
    {
        if (!TestDatabase::onSqliteRow())
            QSKIP("About the Session's own bookkeeping, the same on every dialect: run once, on SQLite");
        open();
        const QString name = QStringLiteral("again");
        const auto old = Session::of(m_db->connect(name));
        QVERIFY(old->writer(QStringLiteral("items")));
        // The name is given to a new connection while the old Session is still held: the
        // new connection gets a Session of its own, never the old one's handle and caches.
        QSqlDatabase::removeDatabase(name);
        const QSqlDatabase again = m_db->connect(name);
        const auto fresh = Session::of(again);
        QVERIFY(fresh.get() != old.get());
        QCOMPARE(fresh->database().driver(), again.driver());
        QVERIFY(fresh->writer(QStringLiteral("items")));
    }

    void shouldKeepASchemaUntilTheTableIsSaidToChange()
    {
        open();
        const QSqlDatabase db = m_db->connect(QStringLiteral("alice"));
        const auto session = Session::of(db);
        const auto before = session->schema(QStringLiteral("items"));
        QVERIFY(before);
        QCOMPARE(before->columnCount(), 3);
        // Another tool adds a column: the cached schema is what this connection last read...
        QCOMPARE(m_db->exec(QStringLiteral("ALTER TABLE items ADD COLUMN notes %1").arg(m_db->text())), QString());
        QCOMPARE(session->schema(QStringLiteral("items"))->columnCount(), 3);
        // ...until someone says the table changed, whatever case they spell it in.
        QSignalSpy forgotten(session.get(), &Session::invalidated);
        Session::tableChanged(db, QStringLiteral("ITEMS"));
        QCOMPARE(forgotten.count(), 1);
        QCOMPARE(session->schema(QStringLiteral("items"))->columnCount(), 4);
    }

    void shouldRebindTheModelWhenTheRegistryChanges()
    {
        open();
        const QSqlDatabase db = m_db->connect(QStringLiteral("alice"));
        QCOMPARE(m_db->exec(QStringLiteral("CREATE TABLE notes (id INTEGER PRIMARY KEY, body %1)").arg(m_db->text())), QString());
        VersionedTableModel model(nullptr, db);
        model.setTable(QStringLiteral("notes"));
        QVERIFY(model.select());
        QCOMPARE(model.versionColumn(), -1);
        // Versioning is switched on through a registry of the same connection (the index
        // panel's): the model's writer is replaced without anyone resetting it by hand.
        VersionPolicy policy;
        policy.kind = VersionKind::Auto;
        QVERIFY(Session::of(db)->registry().enable(QStringLiteral("notes"), policy));
        QVERIFY(model.versionPolicy().isVersioned());
        QVERIFY(model.versionPolicy().registered);
        QCOMPARE(model.versionPolicy().column, QStringLiteral("version"));
        // A registry made on its own for the connection tells the Session all the same. (The
        // integer "version" column left behind still reads as auto-versioned, unregistered.)
        VersionRegistry standalone(db);
        QVERIFY(standalone.disable(QStringLiteral("notes")));
        QVERIFY(!model.versionPolicy().registered);
    }

    void shouldReconnectOnceForEveryone()
    {
        if (!TestDatabase::onSqliteRow())
            QSKIP("About the Session's own bookkeeping, the same on every dialect: run once, on SQLite");
        open();
        QSqlDatabase db = m_db->connect(QStringLiteral("alice"));
        const auto session = Session::of(db);
        QSignalSpy reconnected(session.get(), &Session::reconnected);
        QVERIFY(session->ensureConnected());
        QCOMPARE(reconnected.count(), 0);
        db.close();
        QVERIFY(session->ensureConnected());
        QCOMPARE(reconnected.count(), 1);
        QVERIFY(db.isOpen());
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("SELECT name FROM items WHERE id = 1")));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), QStringLiteral("a"));
    }
};

QTEST_GUILESS_MAIN(tst_Session)
#include "tst_session.moc"
