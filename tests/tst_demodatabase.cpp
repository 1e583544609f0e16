#include "connectionurl.h"
#include "demodatabase.h"
#include "versionregistry.h"

#include "sqlprobe.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Concord;
using SqlProbe::value;

// The demo database is SQLite by design (docs/design.md: "a demo database is created on first
// run"), so these tests have no dialect rows: there is nothing to cross.
class tst_DemoDatabase : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_connection;

    QString path(const QString &name = QStringLiteral("demo.sqlite")) const { return m_dir->filePath(name); }

    QSqlDatabase open(const QString &file)
    {
        m_connection = QUuid::createUuid().toString();
        const auto db = ConnectionUrl::parse(file)->open(m_connection);
        return db ? *db : QSqlDatabase();
    }

    // Every table's rows flattened to text, hashed: two demos are the same if this is.
    static QByteArray digest(QSqlDatabase db)
    {
        QCryptographicHash hash(QCryptographicHash::Sha256);
        for (const char *table : {"suppliers", "customers", "products", "orders"}) {
            QSqlQuery query(db);
            if (!query.exec(QStringLiteral("SELECT * FROM %1 ORDER BY id").arg(QLatin1String(table))))
                return QByteArray();
            while (query.next()) {
                QStringList fields;
                for (int c = 0; c < query.record().count(); ++c)
                    fields.append(query.value(c).toString());
                hash.addData(fields.join(QLatin1Char('|')).toUtf8());
            }
        }
        return hash.result().toHex();
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void cleanup()
    {
        if (!m_connection.isEmpty()) {
            QSqlDatabase::removeDatabase(m_connection);
            m_connection.clear();
        }
        m_dir.reset();
    }

    void shouldCreateRelatedTablesWithThousandsOfRows()
    {
        const auto made = DemoDatabase::create(path());
        QVERIFY2(made, qPrintable(made.error().message));
        {
            QSqlDatabase db = open(path());
            QVERIFY(db.isOpen());
            QCOMPARE(value(db, QStringLiteral("SELECT COUNT(*) FROM customers")).toInt(), DemoDatabase::customerCount);
            QCOMPARE(value(db, QStringLiteral("SELECT COUNT(*) FROM products")).toInt(), DemoDatabase::productCount);
            QCOMPARE(value(db, QStringLiteral("SELECT COUNT(*) FROM orders")).toInt(), DemoDatabase::orderCount);
            QCOMPARE(value(db, QStringLiteral("SELECT COUNT(*) FROM suppliers")).toInt(), DemoDatabase::supplierCount);
            // Every foreign key points at a row that exists.
            QSqlQuery check(db);
            QVERIFY(check.exec(QStringLiteral("PRAGMA foreign_key_check")));
            QVERIFY2(!check.next(), "an order or product points at a missing row");
            QCOMPARE(value(db, QStringLiteral("SELECT COUNT(*) FROM orders o JOIN customers c ON c.id = o.customer_id")).toInt(),
                     DemoDatabase::orderCount);
            // Realistic, not "name 1": a first and a last name, and an e-mail address.
            const QString name = value(db, QStringLiteral("SELECT name FROM customers WHERE id = 1")).toString();
            QCOMPARE(name.split(QLatin1Char(' ')).size(), 2);
            QVERIFY(value(db, QStringLiteral("SELECT email FROM customers WHERE id = 1")).toString().contains(QLatin1Char('@')));
        }
        QVERIFY(!QFile::exists(path() + QStringLiteral(".part")));
    }

    void shouldVersionEachTableWithAnotherKind()
    {
        QVERIFY(DemoDatabase::create(path()));
        QSqlDatabase db = open(path());
        VersionRegistry registry(db);
        const auto tables = registry.tables();
        QVERIFY2(tables, qPrintable(tables.error().message));
        QStringList kinds;
        for (const auto &info : *tables) {
            kinds.append(QStringLiteral("%1:%2:%3%4").arg(info.table, VersionPolicy::kindName(info.policy.kind),
                                                          info.policy.ignoreFields.join(QLatin1Char(',')),
                                                          info.hasTrigger ? QStringLiteral(":trigger") : QString()));
            QVERIFY2(info.policy.registered, qPrintable(info.table));
        }
        kinds.sort();
        QCOMPARE(kinds.join(QLatin1Char(' ')),
                 QStringLiteral("customers:auto: orders:timestamp: products:conditional:stock suppliers:trigger::trigger"));
        // Every row starts at a version: none is NULL.
        QCOMPARE(value(db, QStringLiteral("SELECT COUNT(*) FROM customers WHERE version IS NULL")).toInt(), 0);
    }

    void shouldBumpTriggerVersionsOnEditsFromOtherTools()
    {
        QVERIFY(DemoDatabase::create(path()));
        QSqlDatabase db = open(path());
        const qint64 before = value(db, QStringLiteral("SELECT version FROM suppliers WHERE id = 3")).toLongLong();
        // A plain UPDATE, as sqlite3 or another tool would run it, knows nothing of versions.
        QSqlQuery edit(db);
        QVERIFY(edit.exec(QStringLiteral("UPDATE suppliers SET rating = 1 WHERE id = 3")));
        QCOMPARE(value(db, QStringLiteral("SELECT version FROM suppliers WHERE id = 3")).toLongLong(), before + 1);
    }

    void shouldBeTheSameDemoEveryTime()
    {
        QVERIFY(DemoDatabase::create(path(QStringLiteral("a.sqlite"))));
        QVERIFY(DemoDatabase::create(path(QStringLiteral("b.sqlite"))));
        QByteArray first;
        QByteArray second;
        {
            QSqlDatabase a = open(path(QStringLiteral("a.sqlite")));
            first = digest(a);
        }
        QSqlDatabase::removeDatabase(m_connection);
        {
            QSqlDatabase b = open(path(QStringLiteral("b.sqlite")));
            second = digest(b);
        }
        QVERIFY(!first.isEmpty());
        QCOMPARE(first, second);
    }

    void shouldBeQuick()
    {
        QElapsedTimer timer;
        timer.start();
        QVERIFY(DemoDatabase::create(path()));
        const qint64 elapsed = timer.elapsed();
        qInfo("demo database created in %lld ms", elapsed);
        // The target is under a second; the bound leaves room for a busy shared test machine.
        QVERIFY2(elapsed < 3000, qPrintable(QStringLiteral("took %1 ms").arg(elapsed)));
    }

    void shouldRefuseToOverwriteAnExistingFile()
    {
        QFile existing(path());
        QVERIFY(existing.open(QIODevice::WriteOnly));
        existing.write("not a demo");
        existing.close();
        const auto made = DemoDatabase::create(path());
        QVERIFY(!made);
        QCOMPARE(made.error().code, DbError::Code::BadInput);
        QVERIFY(existing.open(QIODevice::ReadOnly));
        QCOMPARE(existing.readAll(), QByteArray("not a demo"));
    }

    void shouldKeepTheDemoInTheConcordDataFolder()
    {
        QCoreApplication::setApplicationName(QStringLiteral("tst_demodatabase"));
        const QString demo = DemoDatabase::defaultPath();
        QVERIFY2(demo.endsWith(QStringLiteral("/concord/demo.sqlite")), qPrintable(demo));
        // Asking does not rename the running program.
        QCOMPARE(QCoreApplication::applicationName(), QStringLiteral("tst_demodatabase"));
    }
};

QTEST_MAIN(tst_DemoDatabase)
#include "tst_demodatabase.moc"

