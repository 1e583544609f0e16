#include "connectionurl.h"
#include "pooling.h"
#include "sqlstatement.h"

#include "sqlprobe.h"
#include "testdatabase.h"

#include <QSqlDriver>
#include <QSqlQuery>
#include <QTest>
#include <QUrl>

using namespace Concord;
using namespace SqlProbe;

// SqlStatement: statements with values, prepared on a direct connection and inlined by the
// driver's own formatValue() on one through a transaction pooler (PgBouncer).
class tst_SqlStatement : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_db;

    void open()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QCOMPARE(m_db->exec(QStringLiteral("CREATE TABLE notes (id INTEGER PRIMARY KEY, body %1, n BIGINT)")
                                    .arg(m_db->text())),
                 QString());
    }

    /// A URL to the test database through the throwaway transaction pooler, or empty when
    /// the servers run without PgBouncer.
    QString transactionPoolerUrl() const
    {
        const QString port = qEnvironmentVariable("CONCORD_TEST_PGBOUNCER_TRANSACTION_PORT");
        if (port.isEmpty())
            return QString();
        QUrl url(m_db->url());
        url.setPort(port.toInt());
        url.setQuery(QStringLiteral("pooling=transaction"));
        return url.toString();
    }

    /// Makes the pooler open @p count server connections to the test database: a lone
    /// client is served by one, and nothing would rotate.
    void warmPool(const ConnectionUrl &url, int count)
    {
        QStringList names;
        for (int i = 0; i < count; ++i) {
            names.append(QStringLiteral("warm-%1").arg(i));
            const auto opened = url.open(names.last(), m_db->password());
            QVERIFY2(opened, qPrintable(opened.error().message));
            QSqlDatabase db = *opened;
            // Each holds its server connection until its transaction ends.
            QVERIFY(db.transaction());
            QCOMPARE(value(db, QStringLiteral("SELECT 1")).toInt(), 1);
        }
        for (const QString &name : std::as_const(names)) {
            {
                QSqlDatabase db = QSqlDatabase::database(name, false);
                QVERIFY(db.commit());
                db.close();
            }
            QSqlDatabase::removeDatabase(name);
        }
    }

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addDialectRows(); }
    void cleanup() { m_db.reset(); }

    void shouldInlineOnlyPlaceholdersOutsideQuotesAndComments()
    {
        open();
        const QSqlDatabase db = m_db->connect();
        const QString sql = QStringLiteral("SELECT ?, '?', \"a?\", ? -- ?\n /* ? */ , ?, ?");
        const QString text = SqlStatement::inlined(sql, {42, QStringLiteral("pear"), QVariant(), QString()}, db.driver());
        QCOMPARE(text, QStringLiteral("SELECT 42, '?', \"a?\", 'pear' -- ?\n /* ? */ , NULL, NULL"));
        // A placeholder with no value is left for the server to refuse.
        QCOMPARE(SqlStatement::inlined(QStringLiteral("SELECT ?, ?"), {1}, db.driver()), QStringLiteral("SELECT 1, ?"));
    }

    void shouldKeepEveryValueAValueWhenInlined()
    {
        open();
        QSqlDatabase db = m_db->connect();
        Pooling::set(db, Pooling::Mode::Transaction);
        const QStringList bodies = {
            QStringLiteral("it's"),
            QStringLiteral("x'); DELETE FROM notes; --"),
            QStringLiteral("back\\slash \\' and ? and /* not a comment */"),
            QStringLiteral("Grüße, 東京"),
        };
        SqlStatement insert(db);
        QVERIFY(insert.inlinesValues());
        QVERIFY(insert.prepare(QStringLiteral("INSERT INTO notes (id, body, n) VALUES (?, ?, ?)")));
        for (int i = 0; i < bodies.size(); ++i) {
            insert.addBindValue(i + 1);
            insert.addBindValue(bodies.at(i));
            insert.addBindValue(Q_INT64_C(4611686018427387905) + i);
            QVERIFY2(insert.exec(), qPrintable(insert.error(QStringLiteral("insert")).message));
        }
        insert.bindValue(0, 9);
        insert.bindValue(1, QVariant());
        insert.bindValue(2, QVariant());
        QVERIFY2(insert.exec(), qPrintable(insert.error(QStringLiteral("insert")).message));

        const QSqlDatabase other = m_db->connect(QStringLiteral("reader"));
        QCOMPARE(value(other, QStringLiteral("SELECT COUNT(*) FROM notes")).toInt(), 5);
        for (int i = 0; i < bodies.size(); ++i) {
            QSqlQuery read(other);
            QVERIFY(read.exec(QStringLiteral("SELECT body, n FROM notes WHERE id = %1").arg(i + 1)));
            QVERIFY(read.next());
            QCOMPARE(read.value(0).toString(), bodies.at(i));
            QCOMPARE(read.value(1).toLongLong(), Q_INT64_C(4611686018427387905) + i);
        }
        QCOMPARE(rows(other, QStringLiteral("SELECT body, n FROM notes WHERE id = 9")), QStringLiteral("NULL:NULL"));
        // The error names the statement as written, never the values.
        SqlStatement bad(db);
        QVERIFY(bad.prepare(QStringLiteral("INSERT INTO no_such_table VALUES (?)")));
        bad.addBindValue(QStringLiteral("secret"));
        QVERIFY(!bad.exec());
        QCOMPARE(bad.error(QStringLiteral("insert")).sql, QStringLiteral("INSERT INTO no_such_table VALUES (?)"));
    }

    void shouldLeaveNoPreparedStatementOnTheServerWhenPooled()
    {
        QFETCH_GLOBAL(QString, dialect);
        if (dialect != QLatin1String("postgresql"))
            QSKIP("pg_prepared_statements is PostgreSQL's; transaction pooling is a PostgreSQL setup.");
        open();
        if (m_db->isPooled())
            QSKIP("Counting a session's prepared statements needs a server connection of its own.");
        QSqlDatabase db = m_db->connect();
        const QString count = QStringLiteral("SELECT COUNT(*) FROM pg_prepared_statements");
        {
            SqlStatement direct(db);
            QVERIFY(!direct.inlinesValues());
            QVERIFY(direct.prepare(QStringLiteral("SELECT body FROM notes WHERE id = ?")));
            direct.addBindValue(1);
            QVERIFY(direct.exec());
            QCOMPARE(value(db, count).toInt(), 1);
        }
        QCOMPARE(value(db, count).toInt(), 0);

        Pooling::set(db, Pooling::Mode::Transaction);
        SqlStatement pooled(db);
        QVERIFY(pooled.prepare(QStringLiteral("SELECT body FROM notes WHERE id = ?")));
        pooled.addBindValue(1);
        QVERIFY(pooled.exec());
        QSqlQuery query(db);
        QVERIFY(SqlStatement::exec(query, QStringLiteral("SELECT ? + 1"), {41}));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), 42);
        QCOMPARE(value(db, count).toInt(), 0);
    }

    void shouldRunOneStatementOverAndOverThroughATransactionPooler()
    {
        QFETCH_GLOBAL(QString, dialect);
        if (dialect != QLatin1String("postgresql"))
            QSKIP("PgBouncer pools PostgreSQL connections.");
        open();
        const QString target = transactionPoolerUrl();
        if (target.isEmpty())
            QSKIP("No throwaway PgBouncer (CONCORD_TEST_PGBOUNCER_TRANSACTION_PORT) is running.");
        const auto url = ConnectionUrl::parse(target);
        QVERIFY2(url, qPrintable(url.error().message));
        QCOMPARE(url->pooling(), Pooling::Mode::Transaction);
        const QString name = QStringLiteral("pooled-%1").arg(QTest::currentTestFunction());
        {
            const auto db = url->open(name, m_db->password());
            QVERIFY2(db, qPrintable(db.error().message));
            QVERIFY(Pooling::isTransactionPooled(*db));
            warmPool(*url, 3);
            // The pooler rotates its server connections (round robin): with server-side
            // prepared statements the next run would meet a server that never saw them.
            SqlStatement insert(*db);
            QVERIFY(insert.prepare(QStringLiteral("INSERT INTO notes (id, body, n) VALUES (?, ?, ?)")));
            for (int i = 1; i <= 12; ++i) {
                insert.addBindValue(i);
                insert.addBindValue(QStringLiteral("note %1").arg(i));
                insert.addBindValue(i * 10);
                QVERIFY2(insert.exec(), qPrintable(insert.error(QStringLiteral("insert")).message));
            }
            QCOMPARE(value(*db, QStringLiteral("SELECT SUM(n) FROM notes")).toInt(), 780);
        }
        QSqlDatabase::removeDatabase(name);
    }
};

QTEST_MAIN(tst_SqlStatement)
#include "tst_sqlstatement.moc"
