#include "sqlitestatement.h"

#include "batchsubmitter.h"
#include "versionedtablemodel.h"

#include "testdatabase.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Concord;

/// SqliteStatement runs batch saves on SQLite's own handle. What it stores must be what
/// Qt's driver stores for the same value, or a row would read back differently depending
/// on which path saved it.
class tst_SqliteStatement : public QObject
{
    Q_OBJECT

private:
    /// "typeof|quote" of column v in row @p id: the stored type and the exact value.
    static QString stored(QSqlDatabase db, int id)
    {
        QSqlQuery query(db);
        query.prepare(QStringLiteral("SELECT typeof(v) || '|' || quote(v) FROM vals WHERE id = ?"));
        query.addBindValue(id);
        if (!query.exec() || !query.next())
            return QStringLiteral("<no row %1: %2>").arg(id).arg(query.lastError().text());
        return query.value(0).toString();
    }

private slots:
    void handleOnlyForOpenSqlite()
    {
        TestDatabase database(TestDatabase::Dialect::SQLite);
        QVERIFY2(database.isValid(), qPrintable(database.error()));
        QSqlDatabase db = database.connect();
        QVERIFY(SqliteStatement::handleOf(db) != nullptr);
        db.close();
        QCOMPARE(SqliteStatement::handleOf(db), nullptr);
        QCOMPARE(SqliteStatement::handleOf(QSqlDatabase()), nullptr);
    }

    void bindsLikeQtsDriver_data()
    {
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<QString>("declared");
        QTest::newRow("int") << QVariant(42) << QStringLiteral("INTEGER");
        QTest::newRow("negative int") << QVariant(-7) << QStringLiteral("INTEGER");
        QTest::newRow("uint") << QVariant(4000000000u) << QStringLiteral("INTEGER");
        QTest::newRow("longlong") << QVariant(Q_INT64_C(9007199254740993)) << QStringLiteral("INTEGER");
        QTest::newRow("bool") << QVariant(true) << QStringLiteral("INTEGER");
        QTest::newRow("double") << QVariant(2.5) << QStringLiteral("REAL");
        QTest::newRow("double in text column") << QVariant(0.1) << QStringLiteral("TEXT");
        QTest::newRow("int in text column") << QVariant(12) << QStringLiteral("TEXT");
        QTest::newRow("string") << QVariant(QStringLiteral("pear")) << QStringLiteral("TEXT");
        QTest::newRow("unicode string") << QVariant(QStringLiteral("Zoë ☃ 𝄞")) << QStringLiteral("TEXT");
        QTest::newRow("numeric string in integer column") << QVariant(QStringLiteral("17")) << QStringLiteral("INTEGER");
        QTest::newRow("empty string") << QVariant(QStringLiteral("")) << QStringLiteral("TEXT");
        QTest::newRow("null string") << QVariant(QString()) << QStringLiteral("TEXT");
        QTest::newRow("invalid") << QVariant() << QStringLiteral("TEXT");
        QTest::newRow("typed null int") << QVariant(QMetaType::fromType<int>()) << QStringLiteral("INTEGER");
        QTest::newRow("bytes") << QVariant(QByteArray("a\0b", 3)) << QStringLiteral("BLOB");
        QTest::newRow("empty bytes") << QVariant(QByteArray("")) << QStringLiteral("BLOB");
        QTest::newRow("null bytes") << QVariant(QByteArray()) << QStringLiteral("BLOB");
    }

    void bindsLikeQtsDriver()
    {
        QFETCH(QVariant, value);
        QFETCH(QString, declared);
        QVERIFY(SqliteStatement::canBind(value));

        TestDatabase database(TestDatabase::Dialect::SQLite);
        QVERIFY2(database.isValid(), qPrintable(database.error()));
        QCOMPARE(database.exec(QStringLiteral("CREATE TABLE vals (id INTEGER PRIMARY KEY, v %1)").arg(declared)), QString());
        QSqlDatabase db = database.connect();

        QSqlQuery viaQt(db);
        QVERIFY(viaQt.prepare(QStringLiteral("INSERT INTO vals (id, v) VALUES (1, ?)")));
        viaQt.addBindValue(value);
        QVERIFY2(viaQt.exec(), qPrintable(viaQt.lastError().text()));

        DbError error;
        auto native = SqliteStatement::prepare(SqliteStatement::handleOf(db),
                                               QStringLiteral("INSERT INTO vals (id, v) VALUES (2, ?)"), &error);
        QVERIFY2(native, qPrintable(error.message));
        native->bind(1, value);
        QVERIFY2(native->run(&error), qPrintable(error.message));
        QCOMPARE(native->changes(), 1);

        QCOMPARE(stored(db, 2), stored(db, 1));
    }

    void refusesWhatItCannotSpellLikeQt()
    {
        // Dates, times and unsigned 64-bit values have spellings of Qt's own: those rows
        // stay on QSqlQuery.
        QVERIFY(!SqliteStatement::canBind(QDateTime::currentDateTimeUtc()));
        QVERIFY(!SqliteStatement::canBind(QDate(2026, 11, 26)));
        QVERIFY(!SqliteStatement::canBind(QVariant(Q_UINT64_C(18446744073709551615))));
        QVERIFY(!SqliteStatement::canBind(QVariant(1.5f)));
    }

    void errorKeepsTheTransaction()
    {
        TestDatabase database(TestDatabase::Dialect::SQLite);
        QVERIFY2(database.isValid(), qPrintable(database.error()));
        QCOMPARE(database.exec(QStringLiteral("CREATE TABLE vals (id INTEGER PRIMARY KEY, v TEXT NOT NULL)")), QString());
        QSqlDatabase db = database.connect();
        QVERIFY(db.transaction());
        DbError error;
        auto insert = SqliteStatement::prepare(SqliteStatement::handleOf(db),
                                               QStringLiteral("INSERT INTO vals (id, v) VALUES (?, ?)"), &error);
        QVERIFY(insert);
        insert->bind(1, 1);
        const QVariant text(QStringLiteral("kept"));
        insert->bind(2, text);
        QVERIFY(insert->run(&error));
        insert->bind(1, 2);
        insert->bind(2, QVariant());
        QVERIFY(!insert->run(&error));
        QCOMPARE(error.code, DbError::Code::Database);
        QVERIFY2(error.serverMessage.contains(QStringLiteral("NOT NULL")), qPrintable(error.serverMessage));
        QVERIFY(error.sql.contains(QStringLiteral("INSERT INTO vals")));
        insert.reset();
        QVERIFY(db.commit());
        QCOMPARE(stored(db, 1), QStringLiteral("text|'kept'"));
        QCOMPARE(stored(db, 2).startsWith(QStringLiteral("<no row")), true);
    }

    void refusedStatementSaysWhy()
    {
        TestDatabase database(TestDatabase::Dialect::SQLite);
        QVERIFY2(database.isValid(), qPrintable(database.error()));
        QSqlDatabase db = database.connect();
        DbError error;
        QVERIFY(!SqliteStatement::prepare(SqliteStatement::handleOf(db), QStringLiteral("UPDATE nowhere SET x = 1"), &error));
        QVERIFY2(error.serverMessage.contains(QStringLiteral("nowhere")), qPrintable(error.serverMessage));
        QVERIFY(!SqliteStatement::prepare(nullptr, QStringLiteral("SELECT 1"), &error));
    }

    void batchLetsGoOfTheConnection()
    {
        // A batch's statements on the handle are finalized when it ends: the connection
        // closes cleanly afterwards, after a save and after a conflict alike.
        TestDatabase database(TestDatabase::Dialect::SQLite);
        QVERIFY2(database.isValid(), qPrintable(database.error()));
        QCOMPARE(database.exec({QStringLiteral("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT, version INTEGER)"),
                                QStringLiteral("INSERT INTO items VALUES (1, 'a', 1), (2, 'b', 1)")}),
                 QString());
        QSqlDatabase db = database.connect(QStringLiteral("closing"));
        {
            BatchSubmitter submitter(db);
            RowEdit saved;
            saved.table = QStringLiteral("items");
            saved.pk = 1;
            saved.version = 1;
            saved.changes.insert(QStringLiteral("name"), QStringLiteral("apple"));
            RowEdit stale = saved;
            stale.pk = 2;
            stale.version = 7;
            const SubmitResult result = submitter.submit({saved, stale});
            QVERIFY(result.committed);
            QCOMPARE(result.savedCount(), 1);
            QCOMPARE(result.conflictCount(), 1);
            db.close();
            QVERIFY2(!db.lastError().isValid(), qPrintable(db.lastError().text()));
        }
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("SELECT name, version FROM items ORDER BY id")));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), QStringLiteral("apple"));
        QCOMPARE(query.value(1).toInt(), 2);
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), QStringLiteral("b"));
    }
};

QTEST_GUILESS_MAIN(tst_SqliteStatement)
#include "tst_sqlitestatement.moc"
