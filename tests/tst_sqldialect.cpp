#include "sqldialect.h"
#include "postgresdialect.h"
#include "tableschema.h"

#include "sqlprobe.h"
#include "testdatabase.h"

#include <QSqlError>
#include <QSqlField>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

using namespace Concord;
using SqlProbe::value;
using SqlProbe::run;

class tst_SqlDialect : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_db;

    /// The first column of every row, flattened to "a,b,c" for compact comparisons.
    static QString column(QSqlQuery &query)
    {
        QStringList values;
        while (query.next())
            values.append(query.value(0).isNull() ? QStringLiteral("NULL") : query.value(0).toString());
        return values.join(QLatin1Char(','));
    }

    /// Table names whose schema Qt's own driver cannot read (QSqlDatabase::record() and
    /// primaryIndex(), which TableSchema relies on, quote or splice them wrongly).
    static QString driverSchemaLimit(const QString &dialect, const QString &table)
    {
        if (dialect == QLatin1String("sqlite") && (table.startsWith(QLatin1Char('"')) || table.endsWith(QLatin1Char('"'))))
            return QStringLiteral("QSQLITE passes a name starting or ending with \" to PRAGMA table_info unquoted");
        if (dialect == QLatin1String("postgresql") && table.contains(QLatin1Char('\'')))
            return QStringLiteral("QPSQL splices the table name into a string literal without escaping '");
        if (dialect == QLatin1String("mariadb") && table.contains(QLatin1Char('`')))
            return QStringLiteral("QMYSQL does not double a backtick in the table name of SHOW INDEX");
        return QString();
    }

private Q_SLOTS:
    // The tests on a database run once per dialect; the others run on the SQLite row.
    void initTestCase_data() { TestDatabase::addDialectRows(); }
    void cleanup() { m_db.reset(); }

    void shouldReadChangeNotices()
    {
        if (!TestDatabase::onSqliteRow())
            QSKIP("No database involved: run once, on the SQLite row");
        using Notice = PostgresDialect::ChangeNotice;
        const Notice named = PostgresDialect::parseChangeNotice(
                QStringLiteral("{\"table\" : \"items\", \"keys\" : [\"3\", \"a,b:c\"]}"));
        QVERIFY(named.valid);
        QCOMPARE(named.table, QStringLiteral("items"));
        QVERIFY(!named.anyRow);
        QCOMPARE(named.keys, (QStringList{QStringLiteral("3"), QStringLiteral("a,b:c")}));

        const Notice any = PostgresDialect::parseChangeNotice(
                QStringLiteral("{\"table\" : \"odd \\\"name\\\"\", \"keys\" : null}"));
        QVERIFY(any.valid);
        QCOMPARE(any.table, QStringLiteral("odd \"name\""));
        QVERIFY(any.anyRow);
        QVERIFY(any.keys.isEmpty());

        // Someone else's messages on the channel are not ours: ignored, never guessed at.
        const QStringList foreign{QStringLiteral("items:3"), QString(), QStringLiteral("{"),
                                  QStringLiteral("{\"keys\": [\"1\"]}"), QStringLiteral("{\"table\": \"items\"}"),
                                  QStringLiteral("{\"table\": 5, \"keys\": null}"),
                                  QStringLiteral("{\"table\": \"items\", \"keys\": \"1\"}")};
        for (const QString &payload : foreign)
            QVERIFY2(!PostgresDialect::parseChangeNotice(payload).valid, qPrintable(payload));
    }

    void shouldPickTheDialectOfTheDriver()
    {
        QFETCH_GLOBAL(QString, dialect);
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QSqlDatabase db = m_db->connect();
        QVERIFY2(db.isOpen(), qPrintable(m_db->error()));
        const auto sql = SqlDialect::create(db);
        QVERIFY(sql);
        QCOMPARE(sql->name(), dialect);
        QCOMPARE(SqlDialect::triggerName(QStringLiteral("order items"), QStringLiteral("version")),
                 QStringLiteral("concord_order items_version"));
    }

    void shouldKeepTriggerNamesWithinIdentifierLimits()
    {
        if (!TestDatabase::onSqliteRow())
            QSKIP("No database involved: run once, on the SQLite row");
        QCOMPARE(SqlDialect::triggerName(QStringLiteral("items"), QStringLiteral("version")), QStringLiteral("concord_items_version"));
        const QString longTable = QStringLiteral("inventory_adjustments_by_warehouse_and_supplier_per_quarter");
        const QString first = SqlDialect::triggerName(longTable, QStringLiteral("version"));
        const QString second = SqlDialect::triggerName(longTable + QLatin1String("_2"), QStringLiteral("version"));
        const QString other = SqlDialect::triggerName(longTable, QStringLiteral("revision"));
        QVERIFY(first.toUtf8().size() <= 63);
        QVERIFY(SqlDialect::triggerName(QString(40, QChar(0x00e9)), QStringLiteral("version")).toUtf8().size() <= 63);
        QVERIFY(first.startsWith(QLatin1String("concord_inventory_")));
        QCOMPARE(SqlDialect::triggerName(longTable, QStringLiteral("version")), first);
        QVERIFY(first != second);
        QVERIFY(first != other);
    }

    void shouldQuoteIdentifiersThatNeedIt_data()
    {
        QTest::addColumn<QString>("identifier");
        QTest::addColumn<bool>("asTable");
        const QStringList names{QStringLiteral("plain"), QStringLiteral("order items"), QStringLiteral("select"),
                                QStringLiteral("dq\"inside"), QStringLiteral("bt`inside"), QStringLiteral("sq'inside"),
                                QStringLiteral("semi;colon -- x"), QStringLiteral("\"leading"), QStringLiteral("trailing\""),
                                QStringLiteral("`leading"), QStringLiteral("trailing`"),
                                QStringLiteral("x'); DROP TABLE canary; --")};
        for (const QString &name : names) {
            QTest::newRow(qPrintable(QLatin1String("table+column/") + name)) << name << true;
            QTest::newRow(qPrintable(QLatin1String("column/") + name)) << name << false;
        }
        // A dot in a field name is part of the name, never a qualifier.
        QTest::newRow("column/dot.inside") << QStringLiteral("dot.inside") << false;
    }
    void shouldQuoteIdentifiersThatNeedIt()
    {
        QFETCH_GLOBAL(QString, dialect);
        QFETCH(QString, identifier);
        QFETCH(bool, asTable);
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QSqlDatabase db = m_db->connect();
        QVERIFY2(db.isOpen(), qPrintable(m_db->error()));
        const auto sql = SqlDialect::create(db);
        QVERIFY(sql);

        // The quoted names must name exactly the identifier: a table and a column spelled
        // that way exist afterwards, and a canary table next to them is untouched.
        QCOMPARE(run(db, QStringLiteral("CREATE TABLE canary (id INTEGER PRIMARY KEY)")), QString());
        const QString table = asTable ? identifier : QStringLiteral("quoting");
        const QString t = sql->quoteTable(table);
        const QString c = sql->quoteField(identifier);
        QCOMPARE(run(db, QStringLiteral("CREATE TABLE %1 (id INTEGER PRIMARY KEY, %2 INTEGER)").arg(t, c)), QString());
        QCOMPARE(run(db, QStringLiteral("INSERT INTO %1 (id, %2) VALUES (1, 42)").arg(t, c)), QString());
        QSqlQuery query(db);
        QVERIFY2(query.exec(QStringLiteral("SELECT %1.%2 FROM %1").arg(t, c)), qPrintable(query.lastError().text()));
        QCOMPARE(column(query), QStringLiteral("42"));
        QVERIFY2(db.tables().contains(table), qPrintable(db.tables().join(QLatin1Char('|'))));
        QVERIFY(db.tables().contains(QStringLiteral("canary")));
        // What Concord reads back: the schema knows the column by its real name. Reading
        // it must never run a piece of the name as SQL: the canary is still there.
        const auto schema = TableSchema::load(db, table);
        QVERIFY2(schema.ok(), qPrintable(schema.error().message));
        QVERIFY(db.tables().contains(QStringLiteral("canary")));
        if (const QString limit = driverSchemaLimit(dialect, table); !limit.isEmpty())
            QEXPECT_FAIL("", qPrintable(limit), Abort);
        QVERIFY2(schema->column(identifier) == identifier && schema->primaryKey() == QLatin1String("id"),
                 qPrintable(schema->columns().join(QLatin1Char('|'))));
    }

    void shouldCompareNullSafely()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QSqlDatabase db = m_db->connect();
        QVERIFY2(db.isOpen(), qPrintable(m_db->error()));
        const auto sql = SqlDialect::create(db);
        QVERIFY(sql);
        QCOMPARE(run(db, QStringLiteral("CREATE TABLE pairs (id INTEGER PRIMARY KEY, a INTEGER, b INTEGER)")), QString());
        QCOMPARE(run(db, QStringLiteral("INSERT INTO pairs (id, a, b) VALUES (1, NULL, NULL), (2, NULL, 1), "
                                        "(3, 1, NULL), (4, 1, 1), (5, 1, 2)")),
                 QString());

        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("SELECT id FROM pairs WHERE %1 ORDER BY id")
                                   .arg(sql->nullSafeEquals(QStringLiteral("a"), QStringLiteral("b")))));
        QCOMPARE(column(query), QStringLiteral("1,4"));
        QVERIFY(query.exec(QStringLiteral("SELECT id FROM pairs WHERE NOT (%1) ORDER BY id")
                                   .arg(sql->nullSafeEquals(QStringLiteral("a"), QStringLiteral("b")))));
        QCOMPARE(column(query), QStringLiteral("2,3,5"));

        // Bound values: a NULL parameter matches NULL, and 1 never matches NULL.
        QVERIFY(query.prepare(QStringLiteral("SELECT id FROM pairs WHERE %1 ORDER BY id")
                                      .arg(sql->nullSafeEquals(QStringLiteral("a"), QStringLiteral("?")))));
        query.addBindValue(QVariant(QMetaType(QMetaType::LongLong)));
        QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
        QCOMPARE(column(query), QStringLiteral("1,2"));
        query.addBindValue(qint64(1));
        QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
        QCOMPARE(column(query), QStringLiteral("3,4,5"));

        QVERIFY(query.exec(QStringLiteral("SELECT CASE WHEN %1 THEN 1 ELSE 0 END, CASE WHEN %2 THEN 1 ELSE 0 END")
                                   .arg(sql->nullSafeEquals(QStringLiteral("NULL"), QStringLiteral("NULL")),
                                        sql->nullSafeEquals(QStringLiteral("NULL"), QStringLiteral("1")))));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), 1);
        QCOMPARE(query.value(1).toInt(), 0);
    }

    void shouldCastTypedPlaceholders()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QSqlDatabase db = m_db->connect();
        QVERIFY2(db.isOpen(), qPrintable(m_db->error()));
        const auto sql = SqlDialect::create(db);
        QVERIFY(sql);
        QCOMPARE(run(db, QStringLiteral("CREATE TABLE typed (n BIGINT, t VARCHAR(20))")), QString());
        const auto columns = sql->readColumns(db, QStringLiteral("typed"));
        QVERIFY(columns);
        QCOMPARE(columns->size(), 2);
        const ColumnInfo number = columns->at(0);
        const ColumnInfo text = columns->at(1);
        QSqlQuery query(db);
        QVERIFY(query.prepare(QStringLiteral("INSERT INTO typed (n, t) VALUES (%1 + 1, %2)")
                                      .arg(sql->typedPlaceholder(number), sql->typedPlaceholder(text))));
        query.addBindValue(qint64(41));
        query.addBindValue(QStringLiteral("it's"));
        QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
        QVERIFY(query.exec(QStringLiteral("SELECT n, t FROM typed")));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toLongLong(), 42);
        QCOMPARE(query.value(1).toString(), QStringLiteral("it's"));
    }

    void shouldReadCommittedChangesInsideAWriteTransaction()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QCOMPARE(m_db->exec({QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER)"),
                             QStringLiteral("INSERT INTO t (id, n) VALUES (1, 1), (2, 2)")}),
                 QString());
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        QVERIFY2(alice.isOpen() && bob.isOpen(), qPrintable(m_db->error()));
        const auto sql = SqlDialect::create(alice);
        if (sql->kind() == SqlDialect::Kind::SQLite)
            QSKIP("SQLite's write transaction keeps every other writer out");

        // A save reads after its check failed (to tell modified from deleted and show
        // theirs): it must see the change that failed the check, not an older snapshot.
        QVERIFY(sql->begin(alice).ok());
        QCOMPARE(value(alice, QStringLiteral("SELECT n FROM t WHERE id = 2")).toInt(), 2);
        QCOMPARE(run(bob, QStringLiteral("UPDATE t SET n = 10 WHERE id = 1")), QString());
        QSqlQuery update(alice);
        QVERIFY(update.exec(QStringLiteral("UPDATE t SET n = 5 WHERE id = 1 AND n = 1")));
        QCOMPARE(update.numRowsAffected(), 0);
        QCOMPARE(value(alice, QStringLiteral("SELECT n FROM t WHERE id = 1")).toInt(), 10);
        QVERIFY(alice.rollback());
        // And the next transaction begins the same way.
        QVERIFY(sql->begin(alice).ok());
        QCOMPARE(value(alice, QStringLiteral("SELECT n FROM t WHERE id = 2")).toInt(), 2);
        QCOMPARE(run(bob, QStringLiteral("UPDATE t SET n = 20 WHERE id = 2")), QString());
        QCOMPARE(value(alice, QStringLiteral("SELECT n FROM t WHERE id = 2")).toInt(), 20);
        QVERIFY(alice.commit());
    }

    void shouldLockRowsUntilTheTransactionEnds()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QCOMPARE(m_db->exec({QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER)"),
                             QStringLiteral("INSERT INTO t (id, n) VALUES (1, 1), (2, 2)")}),
                 QString());
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        QVERIFY2(alice.isOpen() && bob.isOpen(), qPrintable(m_db->error()));
        const auto sql = SqlDialect::create(alice);
        QVERIFY(sql);
        switch (sql->kind()) {
        case SqlDialect::Kind::SQLite:
            QCOMPARE(run(bob, QStringLiteral("PRAGMA busy_timeout = 100")), QString());
            break;
        case SqlDialect::Kind::PostgreSQL:
            QCOMPARE(run(bob, QStringLiteral("SET lock_timeout = '200ms'")), QString());
            break;
        case SqlDialect::Kind::MariaDB:
            QCOMPARE(run(bob, QStringLiteral("SET SESSION innodb_lock_wait_timeout = 1")), QString());
            break;
        }

        QVERIFY(sql->begin(alice).ok());
        QSqlQuery locking(alice);
        QVERIFY2(locking.exec(QStringLiteral("SELECT n FROM t WHERE id = 1") + sql->rowLockSuffix()),
                 qPrintable(locking.lastError().text()));
        QVERIFY(locking.next());
        locking.finish();
        // Bob cannot write the locked row while Alice's transaction lives.
        QVERIFY(!run(bob, QStringLiteral("UPDATE t SET n = 10 WHERE id = 1")).isEmpty());
        if (sql->kind() != SqlDialect::Kind::SQLite) // SQLite locks the whole file; the others one row
            QCOMPARE(run(bob, QStringLiteral("UPDATE t SET n = 20 WHERE id = 2")), QString());
        QVERIFY(alice.commit());
        QCOMPARE(run(bob, QStringLiteral("UPDATE t SET n = 10 WHERE id = 1")), QString());
    }
};

QTEST_MAIN(tst_SqlDialect)
#include "tst_sqldialect.moc"

