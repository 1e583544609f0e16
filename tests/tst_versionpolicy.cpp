#include "versionpolicy.h"
#include "versionregistry.h"

#include "testdatabase.h"
#include "wallclock.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QTest>

using namespace Concord;

// Version kinds (docs/design.md, "Versioned tables"): the arithmetic of each kind, which fields
// count under conditional, and the policy as every client reads it from the registry.
class tst_VersionPolicy : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_db;

    static VersionPolicy policy(VersionKind kind, const QStringList &check = {}, const QStringList &ignore = {})
    {
        VersionPolicy p;
        p.column = QStringLiteral("version");
        p.kind = kind;
        p.checkFields = check;
        p.ignoreFields = ignore;
        return p;
    }

private Q_SLOTS:
    // Every test runs once per dialect; the policy's own arithmetic needs no database and
    // runs on SQLite only.
    void initTestCase_data() { TestDatabase::addDialectRows(); }
    void cleanup() { m_db.reset(); }

    void shouldComputeTheNextVersion_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QVariant>("old");
        QTest::addColumn<bool>("counted");
        QTest::addColumn<QVariant>("expected");
        QTest::newRow("auto") << int(VersionKind::Auto) << QVariant(4) << true << QVariant(5);
        QTest::newRow("auto-uncounted") << int(VersionKind::Auto) << QVariant(4) << false << QVariant(5);
        QTest::newRow("auto-null") << int(VersionKind::Auto) << QVariant() << true << QVariant(1);
        QTest::newRow("auto-zero") << int(VersionKind::Auto) << QVariant(0) << true << QVariant(1);
        QTest::newRow("auto-text") << int(VersionKind::Auto) << QVariant(QStringLiteral("7")) << true << QVariant(8);
        QTest::newRow("auto-64bit") << int(VersionKind::Auto) << QVariant(qint64(1) << 40) << true << QVariant((qint64(1) << 40) + 1);
        QTest::newRow("conditional-counted") << int(VersionKind::Conditional) << QVariant(4) << true << QVariant(5);
        QTest::newRow("conditional-uncounted") << int(VersionKind::Conditional) << QVariant(4) << false << QVariant(4);
        QTest::newRow("conditional-null") << int(VersionKind::Conditional) << QVariant() << false << QVariant(1);
        QTest::newRow("timestamp-ahead") << int(VersionKind::Timestamp) << QVariant(std::numeric_limits<qint64>::max() - 1)
                                         << true << QVariant(std::numeric_limits<qint64>::max());
    }
    void shouldComputeTheNextVersion()
    {
        if (!TestDatabase::onSqliteRow())
            QSKIP("No database involved: run once, on the SQLite row");
        QFETCH(int, kind);
        QFETCH(QVariant, old);
        QFETCH(bool, counted);
        QFETCH(QVariant, expected);
        const QVariant next = policy(VersionKind(kind)).nextVersion(old, counted);
        QVERIFY(!next.isNull());
        QCOMPARE(next.toLongLong(), expected.toLongLong());
    }

    void shouldStampRoughlyNowAndNeverBackwards()
    {
        if (!TestDatabase::onSqliteRow())
            QSKIP("No database involved: run once, on the SQLite row");
        const VersionPolicy stamped = policy(VersionKind::Timestamp);
        const qint64 before = WallClock::versionStamp();
        const qint64 first = stamped.nextVersion(QVariant(5), true).toLongLong();
        QVERIFY2(qAbs(first - before) < 5LL * 1000 * 1000, qPrintable(QString::number(first - before)));
        qint64 previous = first;
        for (int i = 0; i < 20000; ++i) {
            const qint64 next = currentTimestampVersion();
            QVERIFY(next > previous);
            previous = next;
        }
        // Greater than the old version even when the old one is "now".
        QVERIFY(stamped.nextVersion(QVariant(previous), true).toLongLong() > previous);
        const qint64 initial = stamped.initialVersion().toLongLong();
        QVERIFY(initial > previous);
        QCOMPARE(policy(VersionKind::Auto).initialVersion().toLongLong(), 1);
        QCOMPARE(policy(VersionKind::Conditional).initialVersion().toLongLong(), 1);
    }

    void shouldCountOnlyTheConfiguredFields_data()
    {
        QTest::addColumn<QStringList>("check");
        QTest::addColumn<QStringList>("ignore");
        QTest::addColumn<QString>("counted");
        QTest::newRow("check") << QStringList{QStringLiteral("Title")} << QStringList() << QStringLiteral("title");
        QTest::newRow("ignore") << QStringList() << QStringList{QStringLiteral("hits")} << QStringLiteral("title,notes");
        QTest::newRow("neither") << QStringList() << QStringList() << QStringLiteral("title,notes,hits");
    }
    void shouldCountOnlyTheConfiguredFields()
    {
        if (!TestDatabase::onSqliteRow())
            QSKIP("No database involved: run once, on the SQLite row");
        QFETCH(QStringList, check);
        QFETCH(QStringList, ignore);
        QFETCH(QString, counted);
        const VersionPolicy conditional = policy(VersionKind::Conditional, check, ignore);
        QStringList fields;
        for (const QString &field : {QStringLiteral("title"), QStringLiteral("notes"), QStringLiteral("hits"), QStringLiteral("VERSION")}) {
            if (conditional.fieldCounts(field))
                fields.append(field);
        }
        QCOMPARE(fields.join(QLatin1Char(',')), counted);
        // Other kinds count every field.
        QVERIFY(policy(VersionKind::Auto, check, ignore).fieldCounts(QStringLiteral("hits")));
    }

    void shouldRoundTripKindNames()
    {
        if (!TestDatabase::onSqliteRow())
            QSKIP("No database involved: run once, on the SQLite row");
        for (VersionKind kind : {VersionKind::Auto, VersionKind::Timestamp, VersionKind::Trigger, VersionKind::Conditional})
            QVERIFY(VersionPolicy::kindFromName(VersionPolicy::kindName(kind)) == kind);
        QVERIFY(!VersionPolicy::kindFromName(QStringLiteral("sometimes")));
    }

    void shouldReadTheSamePolicyOnEveryConnection()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QVERIFY(m_db->exec({QStringLiteral("CREATE TABLE docs (id INTEGER PRIMARY KEY, title %1, hits INTEGER, version BIGINT)").arg(m_db->text()),
                            QStringLiteral("CREATE TABLE plain (id INTEGER PRIMARY KEY, version %1)").arg(m_db->text()),
                            QStringLiteral("INSERT INTO docs (id, title, hits, version) VALUES (1, 'a', 0, NULL)")}).isEmpty());
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        VersionRegistry alices(alice);
        VersionRegistry bobs(bob);
        // Before registering: an integer "version" column is auto; a text one is no version.
        auto docs = TableSchema::load(bob, QStringLiteral("docs"));
        QVERIFY(docs);
        auto read = bobs.policyFor(*docs);
        QVERIFY(read);
        QCOMPARE(read->column, QStringLiteral("version"));
        QCOMPARE(read->kind, VersionKind::Auto);
        QVERIFY(!read->registered);
        const auto plain = TableSchema::load(bob, QStringLiteral("plain"));
        QVERIFY(!bobs.policyFor(*plain)->isVersioned());

        // Both check and ignore fields: refused.
        QVERIFY(!alices.enable(QStringLiteral("docs"), policy(VersionKind::Conditional, {QStringLiteral("title")},
                                                               {QStringLiteral("hits")})));
        const auto enabled = alices.enable(QStringLiteral("docs"), policy(VersionKind::Conditional, {}, {QStringLiteral("HITS")}));
        QVERIFY2(enabled.ok(), qPrintable(enabled.error().message));
        read = bobs.policyFor(*docs);
        QVERIFY(read);
        QCOMPARE(read->kind, VersionKind::Conditional);
        QCOMPARE(read->ignoreFields, QStringList{QStringLiteral("hits")});
        QVERIFY(read->checkFields.isEmpty());
        QVERIFY(read->registered);
        QVERIFY(!read->fieldCounts(QStringLiteral("hits")));
        QVERIFY(read->fieldCounts(QStringLiteral("title")));
        // Enabling backfilled the NULL version with 1 (edge case 1).
        QSqlQuery query(bob);
        QVERIFY(query.exec(QStringLiteral("SELECT version FROM docs WHERE id = 1")) && query.next());
        QCOMPARE(query.value(0).toLongLong(), 1);
    }
};

QTEST_MAIN(tst_VersionPolicy)
#include "tst_versionpolicy.moc"
