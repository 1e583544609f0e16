#include "tableschema.h"
#include "versionregistry.h"

#include "testdatabase.h"

#include <QDate>
#include <QTest>

using namespace Concord;

// The schema every identifier and value is checked against before any SQL is written.
class tst_TableSchema : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_db;

    bool openDatabase()
    {
        QFETCH_GLOBAL(QString, dialect);
        m_db = std::make_unique<TestDatabase>(dialect);
        if (!m_db->isValid()) {
            qWarning("%s", qPrintable(m_db->error()));
            return false;
        }
        const QString error = m_db->exec({
            QStringLiteral("CREATE TABLE Items (Id INTEGER PRIMARY KEY, name %1, qty INTEGER, price DOUBLE PRECISION, "
                           "made DATE, version BIGINT)").arg(m_db->text()),
            QStringLiteral("CREATE TABLE pairs (a INTEGER NOT NULL, b INTEGER NOT NULL, PRIMARY KEY (a, b))"),
            QStringLiteral("CREATE TABLE loose (x INTEGER)"),
        });
        if (!error.isEmpty())
            qWarning("%s", qPrintable(error));
        return error.isEmpty();
    }

private Q_SLOTS:
    // Every test runs once per dialect.
    void initTestCase_data() { TestDatabase::addDialectRows(); }
    void cleanup() { m_db.reset(); }

    void shouldLoadColumnsAndThePrimaryKey()
    {
        QVERIFY(openDatabase());
        QSqlDatabase db = m_db->connect();
        const auto schema = TableSchema::load(db, QStringLiteral("items"));
        QVERIFY2(schema, qPrintable(schema.error().message));
        QCOMPARE(schema->name().toLower(), QStringLiteral("items"));
        QCOMPARE(schema->columns().join(QLatin1Char(',')).toLower(), QStringLiteral("id,name,qty,price,made,version"));
        QCOMPARE(schema->primaryKey().toLower(), QStringLiteral("id"));
        QCOMPARE(schema->columnCount(), 6);
        // Names match whatever the case; the database's own spelling comes back.
        QCOMPARE(schema->column(QStringLiteral("QTY")), schema->columns().at(2));
        QVERIFY(schema->hasColumn(QStringLiteral("Version")));
        QVERIFY(!schema->hasColumn(QStringLiteral("colour")));
        QVERIFY(schema->column(QStringLiteral("colour")).isEmpty());

        // No single-column key: no primary key to save by.
        QVERIFY(TableSchema::load(db, QStringLiteral("pairs"))->primaryKey().isEmpty());
        QVERIFY(TableSchema::load(db, QStringLiteral("loose"))->primaryKey().isEmpty());
    }

    // What the editor's foreign-key drop-downs and labels stand on: single-column foreign
    // keys with the table and column they refer to, to a key or to a unique column; keys
    // of several columns are not single references and are left out.
    void shouldReadSingleColumnForeignKeys()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        const QString text = m_db->text();
        const QString error = m_db->exec({
            QStringLiteral("CREATE TABLE parents (id INTEGER PRIMARY KEY, code %1 NOT NULL UNIQUE, a INTEGER NOT NULL, "
                           "b INTEGER NOT NULL, UNIQUE (a, b))").arg(text),
            QStringLiteral("CREATE TABLE children (id INTEGER PRIMARY KEY, parent_id INTEGER, parent_code %1, "
                           "pa INTEGER, pb INTEGER, plain INTEGER, "
                           "FOREIGN KEY (parent_id) REFERENCES parents (id), "
                           "FOREIGN KEY (parent_code) REFERENCES parents (code), "
                           "FOREIGN KEY (pa, pb) REFERENCES parents (a, b))").arg(text),
        });
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QSqlDatabase db = m_db->connect();
        const auto schema = TableSchema::load(db, QStringLiteral("children"));
        QVERIFY2(schema, qPrintable(schema.error().message));
        const auto reference = [&](const char *column) {
            const ColumnInfo &info = schema->info(schema->column(QLatin1String(column)));
            return info.referencedTable.toLower() + QLatin1Char('.') + info.referencedColumn.toLower();
        };
        QCOMPARE(reference("parent_id"), QStringLiteral("parents.id"));
        QCOMPARE(reference("parent_code"), QStringLiteral("parents.code"));
        QCOMPARE(reference("pa"), QStringLiteral("."));
        QCOMPARE(reference("pb"), QStringLiteral("."));
        QCOMPARE(reference("plain"), QStringLiteral("."));
        if (m_db->dialect() == TestDatabase::Dialect::SQLite) {
            // SQLite lets the referred column be left out: it is then the parent's key.
            QCOMPARE(m_db->exec(QStringLiteral("CREATE TABLE orphans (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parents)")),
                     QString());
            const auto orphans = TableSchema::load(db, QStringLiteral("orphans"));
            QCOMPARE(orphans->info(QStringLiteral("parent_id")).referencedColumn, QStringLiteral("id"));
        }
    }

    void shouldRefuseUnknownTables()
    {
        QVERIFY(openDatabase());
        QSqlDatabase db = m_db->connect();
        for (const QString &name : {QStringLiteral("nothere"), QString(), QStringLiteral("items; DROP TABLE items")}) {
            const auto schema = TableSchema::load(db, name);
            QVERIFY(!schema);
            QCOMPARE(schema.error().code, DbError::Code::BadInput);
        }
        QVERIFY(TableSchema::load(db, QStringLiteral("items")));
    }

    void shouldListUserTablesWithoutConcordsOwn()
    {
        QVERIFY(openDatabase());
        QSqlDatabase db = m_db->connect();
        VersionRegistry registry(db);
        VersionPolicy policy;
        policy.kind = VersionKind::Trigger;
        QVERIFY(registry.enable(QStringLiteral("loose"), policy).ok() == false); // no primary key
        QVERIFY(registry.enable(QStringLiteral("items"), policy).ok());
        QCOMPARE(TableSchema::userTables(db).join(QLatin1Char(',')).toLower(), QStringLiteral("items,loose,pairs"));
    }

    void shouldCoerceValuesToTheColumnType_data()
    {
        QTest::addColumn<QString>("column");
        QTest::addColumn<QVariant>("input");
        QTest::addColumn<QVariant>("expected"); // invalid: refused
        QTest::newRow("int-text") << "qty" << QVariant(QStringLiteral(" 42 ")) << QVariant(qint64(42));
        QTest::newRow("int-double") << "qty" << QVariant(7.0) << QVariant(qint64(7));
        QTest::newRow("int-fraction") << "qty" << QVariant(7.5) << QVariant();
        QTest::newRow("int-word") << "qty" << QVariant(QStringLiteral("many")) << QVariant();
        QTest::newRow("int-bool") << "qty" << QVariant(true) << QVariant();
        QTest::newRow("int-64bit") << "version" << QVariant(QStringLiteral("9007199254740993"))
                                   << QVariant(qint64(9007199254740993LL));
        QTest::newRow("double") << "price" << QVariant(QStringLiteral("2.5")) << QVariant(2.5);
        QTest::newRow("double-word") << "price" << QVariant(QStringLiteral("cheap")) << QVariant();
        // Dates stay text, checked: every dialect reads them back as the same text.
        QTest::newRow("date") << "made" << QVariant(QStringLiteral(" 2024-02-29"))
                              << QVariant(QStringLiteral("2024-02-29"));
        QTest::newRow("date-bad") << "made" << QVariant(QStringLiteral("2023-02-29")) << QVariant();
        QTest::newRow("text") << "name" << QVariant(12) << QVariant(QStringLiteral("12"));
        QTest::newRow("text-object") << "name" << QVariant(QVariantMap{{QStringLiteral("a"), 1}}) << QVariant();
    }
    void shouldCoerceValuesToTheColumnType()
    {
        QFETCH(QString, column);
        QFETCH(QVariant, input);
        QFETCH(QVariant, expected);
        QVERIFY(openDatabase());
        QSqlDatabase db = m_db->connect();
        const auto schema = TableSchema::load(db, QStringLiteral("items"));
        QVERIFY(schema);
        const auto coerced = schema->coerce(column, input);
        if (!expected.isValid()) {
            QVERIFY(!coerced);
            QCOMPARE(coerced.error().code, DbError::Code::BadInput);
            QVERIFY2(coerced.error().message.contains(schema->column(column)), qPrintable(coerced.error().message));
            return;
        }
        QVERIFY2(coerced, qPrintable(coerced.error().message));
        QCOMPARE(coerced->typeId(), expected.typeId());
        QCOMPARE(*coerced, expected);
        // NULL stays NULL for every column; an unknown column is refused.
        QVERIFY(schema->coerce(column, QVariant())->isNull());
        QVERIFY(!schema->coerce(QStringLiteral("colour"), input));
    }
};

QTEST_MAIN(tst_TableSchema)
#include "tst_tableschema.moc"
