#include "concurrencyswitches.h"

#include "actionrunner.h"
#include "batchsubmitter.h"
#include "versionregistry.h"

#include "rowedits.h"
#include "sqlprobe.h"
#include "testdatabase.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <optional>

using namespace Concord;
using RowEdits::update;
using SqlProbe::value;

class tst_ConcurrencySwitches : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_db;

    /// How a test turns a switch off: for the whole process, for the table, for a scope on
    /// this thread, or on the edit itself.
    enum class Mode { Global, Table, Scope, Row };

    QString createItems() { return m_db->createItems(2); }

    static QString modeName(Mode mode)
    {
        switch (mode) {
        case Mode::Global: return QStringLiteral("global");
        case Mode::Table: return QStringLiteral("table");
        case Mode::Scope: return QStringLiteral("scope");
        case Mode::Row: return QStringLiteral("row");
        }
        return QString();
    }

    /// Submits @p edit with checking switched off the @p mode way.
    static SubmitResult submitUnchecked(BatchSubmitter &submitter, RowEdit edit, Mode mode)
    {
        std::optional<ConcurrencySwitches::CheckingDisabled> scope;
        switch (mode) {
        case Mode::Global: ConcurrencySwitches::setCheckingEnabled(false); break;
        case Mode::Table: ConcurrencySwitches::setCheckingEnabled(QStringLiteral("ITEMS"), false); break;
        case Mode::Scope: scope.emplace(); break;
        case Mode::Row: edit.noCheck = true; break;
        }
        const SubmitResult result = submitter.submit({edit});
        ConcurrencySwitches::setCheckingEnabled(true);
        ConcurrencySwitches::setCheckingEnabled(QStringLiteral("items"), true);
        return result;
    }

    static SubmitResult submitWithoutIncrement(BatchSubmitter &submitter, RowEdit edit, Mode mode)
    {
        std::optional<ConcurrencySwitches::IncrementDisabled> scope;
        switch (mode) {
        case Mode::Global: ConcurrencySwitches::setIncrementEnabled(false); break;
        case Mode::Table: ConcurrencySwitches::setIncrementEnabled(QStringLiteral("Items"), false); break;
        case Mode::Scope: scope.emplace(); break;
        case Mode::Row: edit.noIncrement = true; break;
        }
        const SubmitResult result = submitter.submit({edit});
        ConcurrencySwitches::setIncrementEnabled(true);
        ConcurrencySwitches::setIncrementEnabled(QStringLiteral("items"), true);
        return result;
    }

private Q_SLOTS:
    // Every test runs once per dialect; the ones about the switches alone run on SQLite only.
    void initTestCase_data() { TestDatabase::addDialectRows(); }
    void cleanup()
    {
        // Switches are process-wide: no test may leak its state into the next.
        ConcurrencySwitches::setCheckingEnabled(true);
        ConcurrencySwitches::setIncrementEnabled(true);
        for (const QString table : {QStringLiteral("items"), QStringLiteral("other")}) {
            ConcurrencySwitches::setCheckingEnabled(table, true);
            ConcurrencySwitches::setIncrementEnabled(table, true);
        }
        m_db.reset();
    }

    void shouldSwitchGloballyAndPerTable()
    {
        if (!TestDatabase::onSqliteRow())
            QSKIP("No database involved: run once, on the SQLite row");
        QVERIFY(ConcurrencySwitches::isCheckingEnabled());
        QVERIFY(ConcurrencySwitches::isIncrementEnabled(QStringLiteral("items")));

        ConcurrencySwitches::setCheckingEnabled(false);
        QVERIFY(!ConcurrencySwitches::isCheckingEnabled());
        QVERIFY(!ConcurrencySwitches::isCheckingEnabled(QStringLiteral("items")));
        QVERIFY(ConcurrencySwitches::isIncrementEnabled(QStringLiteral("items")));
        ConcurrencySwitches::setCheckingEnabled(true);
        QVERIFY(ConcurrencySwitches::isCheckingEnabled(QStringLiteral("items")));

        // Per table, and table names are matched as the database does: case-insensitively.
        ConcurrencySwitches::setCheckingEnabled(QStringLiteral("Items"), false);
        QVERIFY(!ConcurrencySwitches::isCheckingEnabled(QStringLiteral("items")));
        QVERIFY(ConcurrencySwitches::isCheckingEnabled(QStringLiteral("other")));
        QVERIFY(ConcurrencySwitches::isIncrementEnabled(QStringLiteral("items")));
        ConcurrencySwitches::setIncrementEnabled(QStringLiteral("other"), false);
        QVERIFY(!ConcurrencySwitches::isIncrementEnabled(QStringLiteral("OTHER")));
        QVERIFY(ConcurrencySwitches::isIncrementEnabled(QStringLiteral("items")));
        ConcurrencySwitches::setCheckingEnabled(QStringLiteral("items"), true);
        QVERIFY(ConcurrencySwitches::isCheckingEnabled(QStringLiteral("Items")));

        ConcurrencySwitches::setIncrementEnabled(false);
        QVERIFY(!ConcurrencySwitches::isIncrementEnabled(QStringLiteral("items")));
        QVERIFY(ConcurrencySwitches::isCheckingEnabled(QStringLiteral("items")));
    }

    void shouldNestScopesOnTheirOwnThread()
    {
        if (!TestDatabase::onSqliteRow())
            QSKIP("No database involved: run once, on the SQLite row");
        {
            const ConcurrencySwitches::CheckingDisabled outer;
            QVERIFY(!ConcurrencySwitches::isCheckingEnabled(QStringLiteral("items")));
            QVERIFY(ConcurrencySwitches::isIncrementEnabled(QStringLiteral("items")));
            {
                const ConcurrencySwitches::CheckingDisabled inner;
                const ConcurrencySwitches::IncrementDisabled noIncrement;
                QVERIFY(!ConcurrencySwitches::isCheckingEnabled());
                QVERIFY(!ConcurrencySwitches::isIncrementEnabled());
            }
            // The inner scope ended; the outer one still holds.
            QVERIFY(!ConcurrencySwitches::isCheckingEnabled());
            QVERIFY(ConcurrencySwitches::isIncrementEnabled());

            // Another thread is not affected by this thread's scope, nor this one by its.
            bool otherChecking = false;
            bool otherInScope = true;
            QThread *thread = QThread::create([&] {
                otherChecking = ConcurrencySwitches::isCheckingEnabled(QStringLiteral("items"));
                const ConcurrencySwitches::IncrementDisabled scope;
                otherInScope = ConcurrencySwitches::isIncrementEnabled(QStringLiteral("items"));
            });
            thread->start();
            QVERIFY(thread->wait(10000));
            delete thread;
            QVERIFY(otherChecking);
            QVERIFY(!otherInScope);
            QVERIFY(ConcurrencySwitches::isIncrementEnabled());
        }
        QVERIFY(ConcurrencySwitches::isCheckingEnabled());
        QVERIFY(ConcurrencySwitches::isIncrementEnabled());
    }

    void shouldSaveStaleEditsPastTheDatabaseVersion_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("kind");
        for (const Mode mode : {Mode::Global, Mode::Table, Mode::Scope, Mode::Row})
            QTest::newRow(qPrintable(modeName(mode) + QLatin1String("/auto"))) << int(mode) << int(VersionKind::Auto);
        for (const VersionKind kind : {VersionKind::Timestamp, VersionKind::Conditional, VersionKind::Trigger})
            QTest::newRow(qPrintable(QLatin1String("scope/") + VersionPolicy::kindName(kind))) << int(Mode::Scope) << int(kind);
    }
    void shouldSaveStaleEditsPastTheDatabaseVersion()
    {
        QFETCH(int, mode);
        QFETCH(int, kind);
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QCOMPARE(createItems(), QString());
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        QSqlDatabase carol = m_db->connect(QStringLiteral("carol"));
        QVERIFY2(alice.isOpen() && bob.isOpen() && carol.isOpen(), qPrintable(m_db->error()));
        VersionPolicy policy;
        policy.kind = VersionKind(kind);
        if (policy.kind == VersionKind::Conditional)
            policy.checkFields = {QStringLiteral("qty")};
        QVERIFY(VersionRegistry(alice).enable(QStringLiteral("items"), policy).ok());

        // Alice loaded row 1 at version 1; Bob saved it twice since; Carol loaded it after that.
        BatchSubmitter bobs(bob);
        const SubmitResult first = bobs.submit({update(1, 1, QStringLiteral("qty"), 11)});
        QVERIFY(first.allSaved());
        const SubmitResult second = bobs.submit({update(1, first.rows.first().version, QStringLiteral("qty"), 12)});
        QVERIFY(second.allSaved());
        const qint64 inDatabase = value(carol, QStringLiteral("SELECT version FROM items WHERE id = 1")).toLongLong();
        QCOMPARE(inDatabase, second.rows.first().version.toLongLong());

        BatchSubmitter alices(alice);
        const SubmitResult saved = submitUnchecked(alices, update(1, 1, QStringLiteral("qty"), 99), Mode(mode));
        QVERIFY2(saved.allSaved(), qPrintable(saved.summary()));
        const qint64 now = value(carol, QStringLiteral("SELECT version FROM items WHERE id = 1")).toLongLong();
        QCOMPARE(value(carol, QStringLiteral("SELECT qty FROM items WHERE id = 1")).toInt(), 99);
        QVERIFY2(now > inDatabase, qPrintable(QStringLiteral("%1 after %2").arg(now).arg(inDatabase)));
        if (policy.kind != VersionKind::Timestamp)
            QCOMPARE(now, inDatabase + 1); // past the database's version, not the loaded 1 + 1
        QCOMPARE(saved.rows.first().version.toLongLong(), now);

        // Carol still holds the version that was current before Alice's save: conflict.
        BatchSubmitter carols(carol);
        const SubmitResult late = carols.submit({update(1, inDatabase, QStringLiteral("qty"), 7)});
        QCOMPARE(late.conflictCount(), 1);
        QCOMPARE(late.rows.first().conflict->currentVersion.toLongLong(), now);
        QCOMPARE(value(carol, QStringLiteral("SELECT qty FROM items WHERE id = 1")).toInt(), 99);
        // And with the switches back on, Alice's stale version conflicts again.
        QCOMPARE(alices.submit({update(1, 1, QStringLiteral("qty"), 98)}).conflictCount(), 1);
    }

    void shouldDeleteAndActOnStaleRowsWithCheckingOff()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QCOMPARE(createItems(), QString());
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QVERIFY2(alice.isOpen(), qPrintable(m_db->error()));
        QCOMPARE(m_db->exec(QStringLiteral("UPDATE items SET name = 'bob', version = 5")), QString());

        ActionRunner runner(alice);
        {
            const ConcurrencySwitches::CheckingDisabled unchecked;
            const SubmitResult acted = runner.run(QStringLiteral("items"), {RowRef{1, 1}}, AdminAction::setField(QStringLiteral("qty"), 0));
            QVERIFY2(acted.committed, qPrintable(acted.error.message));
            QCOMPARE(acted.rows.first().version.toLongLong(), 6);
        }
        QCOMPARE(value(alice, QStringLiteral("SELECT version FROM items WHERE id = 1")).toLongLong(), 6);
        // Checked again outside the scope.
        QVERIFY(!runner.run(QStringLiteral("items"), {RowRef{2, 1}}, AdminAction::setField(QStringLiteral("qty"), 0)).committed);

        BatchSubmitter submitter(alice);
        RowEdit gone = RowEdits::remove(2, 1);
        QCOMPARE(submitter.submit({gone}).conflictCount(), 1);
        gone.noCheck = true;
        QVERIFY(submitter.submit({gone}).allSaved());
        QCOMPARE(value(alice, QStringLiteral("SELECT COUNT(*) FROM items")).toInt(), 1);
    }

    void shouldGiveANullVersionAVersionEvenWithIncrementOff_data()
    {
        QTest::addColumn<bool>("withBase");
        QTest::newRow("read-base") << false;
        QTest::newRow("given-base") << true;
    }
    void shouldGiveANullVersionAVersionEvenWithIncrementOff()
    {
        QFETCH(bool, withBase);
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QCOMPARE(createItems(), QString());
        QCOMPARE(m_db->exec(QStringLiteral("UPDATE items SET version = NULL WHERE id = 1")), QString());
        QSqlDatabase db = m_db->connect();
        QVERIFY2(db.isOpen(), qPrintable(m_db->error()));
        BatchSubmitter submitter(db);
        RowEdit edit = update(1, QVariant(), QStringLiteral("qty"), 11);
        if (withBase)
            edit.base.insert(QStringLiteral("qty"), 10);
        const SubmitResult saved = submitWithoutIncrement(submitter, edit, Mode::Scope);
        QVERIFY2(saved.allSaved(), qPrintable(saved.summary()));
        // NULL must never stay a version (docs/design.md, edge case 1), whichever path saved it.
        const QVariant version = value(db, QStringLiteral("SELECT version FROM items WHERE id = 1"));
        QVERIFY2(!version.isNull(), "a NULL version stayed NULL");
        QCOMPARE(saved.rows.first().version.toLongLong(), version.toLongLong());
    }

    void shouldCheckButKeepTheVersionWithIncrementOff_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<bool>("withBase");
        for (const Mode mode : {Mode::Global, Mode::Table, Mode::Scope, Mode::Row}) {
            for (const bool withBase : {false, true}) {
                QTest::newRow(qPrintable(modeName(mode) + (withBase ? QLatin1String("/given-base") : QLatin1String("/read-base"))))
                        << int(mode) << withBase;
            }
        }
    }
    void shouldCheckButKeepTheVersionWithIncrementOff()
    {
        QFETCH(int, mode);
        QFETCH(bool, withBase);
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QCOMPARE(createItems(), QString());
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        QVERIFY2(alice.isOpen() && bob.isOpen(), qPrintable(m_db->error()));

        BatchSubmitter alices(alice);
        RowEdit edit = update(1, 1, QStringLiteral("qty"), 11);
        if (withBase)
            edit.base.insert(QStringLiteral("qty"), 10);
        const SubmitResult saved = submitWithoutIncrement(alices, edit, Mode(mode));
        QVERIFY2(saved.allSaved(), qPrintable(saved.summary()));
        QCOMPARE(saved.rows.first().version.toLongLong(), 1);
        QCOMPARE(value(bob, QStringLiteral("SELECT qty FROM items WHERE id = 1")).toInt(), 11);
        QCOMPARE(value(bob, QStringLiteral("SELECT version FROM items WHERE id = 1")).toLongLong(), 1);

        // Still checked: once Bob moved the row on, Alice's version 1 conflicts.
        QCOMPARE(m_db->exec(QStringLiteral("UPDATE items SET qty = 50, version = 2 WHERE id = 1")), QString());
        edit.changes.insert(QStringLiteral("qty"), 12);
        if (withBase)
            edit.base.insert(QStringLiteral("qty"), 11);
        const SubmitResult stale = submitWithoutIncrement(alices, edit, Mode(mode));
        QCOMPARE(stale.conflictCount(), 1);
        QCOMPARE(value(bob, QStringLiteral("SELECT qty FROM items WHERE id = 1")).toInt(), 50);
        // The switch is off again after the scope: the next save increments.
        const SubmitResult normal = alices.submit({update(2, 1, QStringLiteral("qty"), 21)});
        QCOMPARE(normal.rows.first().version.toLongLong(), 2);
    }
};

QTEST_MAIN(tst_ConcurrencySwitches)
#include "tst_concurrencyswitches.moc"

