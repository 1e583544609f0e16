#include "batchsubmitter.h"
#include "lockwait.h"
#include "sqldialect.h"
#include "versionedwriter.h"
#include "transactionguard.h"
#include "versionregistry.h"

#include "rowedits.h"
#include "sqlprobe.h"
#include "testdatabase.h"
#include "wallclock.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QTest>

#include <limits>

using namespace Concord;
using SqlProbe::flat;
using SqlProbe::value;

// Every rule of a single-row save (docs/design.md, "A save" and edge cases 1-4, 6-9),
// on every dialect, with conflicts made by a second connection.
class tst_VersionedWriter : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_db;

    void createItems()
    {
        const QString error = m_db->createItems();
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    /// items without a version column, pear's qty NULL.
    void createUnversionedItems()
    {
        const QString error = m_db->exec({
            QStringLiteral("CREATE TABLE items (id INTEGER PRIMARY KEY, name %1, qty INTEGER)").arg(m_db->text()),
            QStringLiteral("INSERT INTO items (id, name, qty) VALUES (1, 'apple', 10), (2, 'pear', NULL), (3, 'plum', 30)"),
        });
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void createDocs()
    {
        const QString error = m_db->exec({
            QStringLiteral("CREATE TABLE docs (id INTEGER PRIMARY KEY, title %1, notes %1, hits INTEGER, version BIGINT)").arg(m_db->text()),
            QStringLiteral("INSERT INTO docs (id, title, notes, hits, version) VALUES (1, 'a', 'n1', 0, 1), (2, 'b', 'n2', 0, 1)"),
        });
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    static RowEdit update(const QString &table, const QVariant &pk, const QVariant &version,
                          const QVariantMap &changes, const QVariantMap &base = {})
    {
        RowEdit edit;
        edit.table = table;
        edit.pk = pk;
        edit.version = version;
        edit.changes = changes;
        edit.base = base;
        return edit;
    }

    static RowOutcome saveOne(BatchSubmitter &submitter, const RowEdit &edit)
    {
        const SubmitResult result = submitter.submit({edit});
        if (!result.committed || result.rows.size() != 1) {
            RowOutcome failed;
            failed.status = RowOutcome::Status::NotAttempted;
            failed.error = result.error;
            return failed;
        }
        return result.rows.first();
    }

    static void enable(QSqlDatabase db, const QString &table, VersionKind kind,
                       const QStringList &checkFields = {}, const QStringList &ignoreFields = {})
    {
        VersionRegistry registry(db);
        VersionPolicy policy;
        policy.column = QStringLiteral("version");
        policy.kind = kind;
        policy.checkFields = checkFields;
        policy.ignoreFields = ignoreFields;
        const auto enabled = registry.enable(table, policy);
        QVERIFY2(enabled.ok(), qPrintable(enabled.error().message));
    }

private Q_SLOTS:
    // Every test runs once per dialect.
    void initTestCase_data() { TestDatabase::addDialectRows(); }
    void cleanup() { m_db.reset(); }

    // A chunk that the bulk statement refuses is redone row by row, which saves the rows
    // but hides the refusal: the statement itself must work, whatever the table is called,
    // and carry a decimal as its declared type.
    void shouldWriteABulkChunkWhateverTheTableIsCalled_data()
    {
        QTest::addColumn<QString>("table");
        for (const char *table : {"items", "v", "concord_rows"})
            QTest::newRow(table) << QString::fromLatin1(table);
    }
    void shouldWriteABulkChunkWhateverTheTableIsCalled()
    {
        QFETCH(QString, table);
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QCOMPARE(m_db->exec({QStringLiteral("CREATE TABLE %1 (id INTEGER PRIMARY KEY, amount NUMERIC(38,10), version BIGINT)").arg(table),
                             QStringLiteral("INSERT INTO %1 (id, amount, version) VALUES (1, 1, 1), (2, 2, 1)").arg(table)}),
                 QString());
        QSqlDatabase db = m_db->connect();
        BatchSubmitter submitter(db);
        const auto writer = submitter.writer(table);
        QVERIFY2(writer, qPrintable(writer.error().message));
        if (!(*writer)->canBulk(RowEdit{RowEdit::Op::Update, table, 1, 1, {{QStringLiteral("amount"), 3}},
                                        {{QStringLiteral("amount"), 1}}}))
            QSKIP("this database writes row by row");
        const QString exact = QStringLiteral("123456789012345678.0123456788");
        QList<RowEdit> edits;
        for (qint64 id : {1, 2}) {
            RowEdit edit;
            edit.table = table;
            edit.pk = id;
            edit.version = 1;
            edit.changes.insert(QStringLiteral("amount"), exact);
            edit.base.insert(QStringLiteral("amount"), QString::number(id));
            edits.append(edit);
        }
        TransactionGuard transaction(db, submitter.dialect());
        DbError error;
        const QList<RowOutcome> outcomes = (*writer)->writeBulk({&edits[0], &edits[1]}, &error);
        QVERIFY2(!error.isError(), qPrintable(error.message));
        QCOMPARE(outcomes.size(), 2);
        QCOMPARE(outcomes.at(0).status, RowOutcome::Status::Saved);
        QCOMPARE(outcomes.at(1).status, RowOutcome::Status::Saved);
        QVERIFY(transaction.commit());
        QCOMPARE(value(db, QStringLiteral("SELECT COUNT(*) FROM %1 WHERE CAST(amount AS %3) = '%2' AND version = 2")
                                   .arg(table, exact, submitter.dialect().castTextType())).toInt(), 2);
    }

    // One bulk chunk carrying NULL, '' and text with spaces at both ends, a decimal no double
    // holds, 64-bit extremes and timestamps to the microsecond: the database must hold what
    // its own literals would (read back as text by SQL). The rows were locked first, as a
    // batch does, and the lock read gave their versions: the row someone else saved since
    // is a conflict, the others go in the statement.
    void shouldWriteExactValuesInOneBulkChunkOfLockedRows()
    {
        QFETCH_GLOBAL(QString, dialect);
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        const QString stamp = dialect == QLatin1String("mariadb") ? QStringLiteral("DATETIME(6)") : QStringLiteral("TIMESTAMP(6)");
        QCOMPARE(m_db->exec({QStringLiteral("CREATE TABLE prices (id INTEGER PRIMARY KEY, amount NUMERIC(38,10), big BIGINT, "
                                            "stamp %1, note %2, version BIGINT)").arg(stamp, m_db->text()),
                             QStringLiteral("INSERT INTO prices (id, amount, big, stamp, note, version) VALUES "
                                            "(1, 1, 1, NULL, 'n', 1), (2, 2, 2, NULL, 'n', 1), (3, 3, 3, NULL, 'n', 1), "
                                            "(4, 4, 4, NULL, 'n', 1)"),
                             QStringLiteral("UPDATE prices SET version = 2 WHERE id = 4")}),
                 QString());
        QSqlDatabase db = m_db->connect();
        BatchSubmitter submitter(db);
        const auto writer = submitter.writer(QStringLiteral("prices"));
        QVERIFY2(writer, qPrintable(writer.error().message));
        const QList<QVariantList> values{
            {QVariant(), std::numeric_limits<qint64>::max(), QStringLiteral("2024-02-29 23:59:59.123456"), QStringLiteral("")},
            {QStringLiteral("123456789012345678.0123456789"), std::numeric_limits<qint64>::min(), QVariant(), QVariant()},
            {QStringLiteral("-0.0000000001"), qint64(9007199254740993), QStringLiteral("1999-12-31 00:00:00.000001"),
             QStringLiteral("  both ends  ")},
            {QStringLiteral("4.5"), qint64(4), QVariant(), QStringLiteral("x")},
        };
        const QStringList columns{QStringLiteral("amount"), QStringLiteral("big"), QStringLiteral("stamp"), QStringLiteral("note")};
        QList<RowEdit> edits;
        for (qint64 id = 1; id <= 4; ++id) {
            RowEdit edit = update(QStringLiteral("prices"), id, 1, {});
            for (qsizetype c = 0; c < columns.size(); ++c)
                edit.changes.insert(columns.at(c), values.at(id - 1).at(c));
            edit.base = {{QStringLiteral("amount"), QString::number(id)}, {QStringLiteral("big"), id},
                         {QStringLiteral("stamp"), QVariant()}, {QStringLiteral("note"), QStringLiteral("n")}};
            edits.append(edit);
        }
        if (!(*writer)->canBulk(edits.first()))
            QSKIP("this database writes row by row");

        TransactionGuard transaction(db, submitter.dialect());
        LockWait wait;
        const auto locked = (*writer)->lockRows({1, 2, 3, 4}, wait, {QStringLiteral("amount")});
        QVERIFY2(locked, qPrintable(locked.error().message));
        QCOMPARE(locked->rows.value(QStringLiteral("4")).value(QStringLiteral("version")).toLongLong(), 2);
        DbError error;
        const QList<RowOutcome> outcomes = (*writer)->writeBulk({&edits[0], &edits[1], &edits[2], &edits[3]}, &error,
                                                                &locked->rows);
        QVERIFY2(!error.isError(), qPrintable(error.message));
        QCOMPARE(outcomes.size(), 4);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(outcomes.at(i).status, RowOutcome::Status::Saved);
            QCOMPARE(outcomes.at(i).version.toLongLong(), 2);
        }
        QCOMPARE(outcomes.at(3).status, RowOutcome::Status::Conflict);
        QCOMPARE(outcomes.at(3).conflict->currentVersion.toLongLong(), 2);
        QVERIFY(transaction.commit());
        QCOMPARE(flat(db, QStringLiteral("SELECT id, CAST(amount AS %1), CAST(big AS %1), CAST(stamp AS %1), note, version "
                                         "FROM prices ORDER BY id").arg(submitter.dialect().castTextType())),
                 QStringLiteral("1|-|9223372036854775807|2024-02-29 23:59:59.123456||2;"
                                "2|123456789012345678.0123456789|-9223372036854775808|-|-|2;"
                                "3|-0.0000000001|9007199254740993|1999-12-31 00:00:00.000001|  both ends  |2;"
                                "4|4.0000000000|4|-|n|2"));
    }

    void shouldBumpAutoVersionByOne()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        createItems();
        QSqlDatabase db = m_db->connect();
        BatchSubmitter submitter(db);
        const auto writer = submitter.writer(QStringLiteral("items"));
        QVERIFY(writer);
        QCOMPARE((*writer)->policy().kind, VersionKind::Auto);
        QCOMPARE((*writer)->policy().column, QStringLiteral("version"));

        RowOutcome outcome = saveOne(submitter, update(QStringLiteral("items"), 1, 1, {{QStringLiteral("qty"), 11}}));
        QCOMPARE(outcome.status, RowOutcome::Status::Saved);
        QCOMPARE(outcome.version.toLongLong(), 2);
        outcome = saveOne(submitter, update(QStringLiteral("items"), 1, 2, {{QStringLiteral("qty"), 12}}));
        QCOMPARE(outcome.version.toLongLong(), 3);
        QCOMPARE(flat(db, QStringLiteral("SELECT id, name, qty, version FROM items ORDER BY id")),
                 QStringLiteral("1|apple|12|3;2|pear|20|1;3|plum|30|1"));
    }

    void shouldStampTimestampVersions()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        createItems();
        QSqlDatabase db = m_db->connect();
        enable(db, QStringLiteral("items"), VersionKind::Timestamp);
        BatchSubmitter submitter(db);
        QCOMPARE((*submitter.writer(QStringLiteral("items")))->policy().kind, VersionKind::Timestamp);

        const qint64 before = WallClock::versionStamp();
        const RowOutcome first = saveOne(submitter, update(QStringLiteral("items"), 1, 1, {{QStringLiteral("qty"), 11}}));
        QCOMPARE(first.status, RowOutcome::Status::Saved);
        const qint64 stamp = first.version.toLongLong();
        // Roughly now, in microseconds since 2000-01-01: within a minute of the wall clock.
        QVERIFY2(qAbs(stamp - before) < 60LL * 1000 * 1000, qPrintable(QString::number(stamp - before)));
        QCOMPARE(value(db, QStringLiteral("SELECT version FROM items WHERE id = 1")).toLongLong(), stamp);

        // Two saves in a row: strictly increasing, even within the same microsecond.
        const RowOutcome second = saveOne(submitter, update(QStringLiteral("items"), 1, stamp, {{QStringLiteral("qty"), 12}}));
        QCOMPARE(second.status, RowOutcome::Status::Saved);
        QVERIFY(second.version.toLongLong() > stamp);

        // A version ahead of the clock (another machine's) still moves forward: old + 1.
        const qint64 ahead = std::numeric_limits<qint64>::max() - 10;
        QVERIFY(m_db->exec(QStringLiteral("UPDATE items SET version = %1 WHERE id = 2").arg(ahead)).isEmpty());
        const RowOutcome third = saveOne(submitter, update(QStringLiteral("items"), 2, ahead, {{QStringLiteral("qty"), 21}}));
        QCOMPARE(third.status, RowOutcome::Status::Saved);
        QCOMPARE(third.version.toLongLong(), ahead + 1);
        QCOMPARE(value(db, QStringLiteral("SELECT version FROM items WHERE id = 2")).toLongLong(), ahead + 1);

        // A stale stamp conflicts.
        const RowOutcome stale = saveOne(submitter, update(QStringLiteral("items"), 1, stamp, {{QStringLiteral("qty"), 13}}));
        QCOMPARE(stale.status, RowOutcome::Status::Conflict);
        QCOMPARE(stale.conflict->currentVersion.toLongLong(), second.version.toLongLong());
    }

    void shouldLetTheTriggerWriteTheVersion()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        createItems();
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        enable(alice, QStringLiteral("items"), VersionKind::Trigger);
        BatchSubmitter submitter(alice);
        QCOMPARE((*submitter.writer(QStringLiteral("items")))->policy().kind, VersionKind::Trigger);

        // Concord's save: exactly one increment (the trigger's), read back into the outcome.
        const RowOutcome saved = saveOne(submitter, update(QStringLiteral("items"), 1, 1, {{QStringLiteral("qty"), 11}}));
        QCOMPARE(saved.status, RowOutcome::Status::Saved);
        QCOMPARE(saved.version.toLongLong(), 2);
        QCOMPARE(value(alice, QStringLiteral("SELECT version FROM items WHERE id = 1")).toLongLong(), 2);

        // Another tool's raw UPDATE bumps exactly once too, even with SQLite's recursive triggers on.
        QSqlQuery raw(bob);
        if (m_db->dialect() == TestDatabase::Dialect::SQLite)
            QVERIFY(raw.exec(QStringLiteral("PRAGMA recursive_triggers = ON")));
        QVERIFY(raw.exec(QStringLiteral("UPDATE items SET name = 'bob' WHERE id = 1")));
        QCOMPARE(value(bob, QStringLiteral("SELECT version FROM items WHERE id = 1")).toLongLong(), 3);

        // So whoever still holds 2 conflicts, and sees Bob's row.
        const RowOutcome stale = saveOne(submitter, update(QStringLiteral("items"), 1, 2, {{QStringLiteral("qty"), 12}}));
        QCOMPARE(stale.status, RowOutcome::Status::Conflict);
        QCOMPARE(stale.conflict->kind, Conflict::Kind::Modified);
        QCOMPARE(stale.conflict->currentVersion.toLongLong(), 3);
        QCOMPARE(stale.conflict->theirs.value(QStringLiteral("name")).toString(), QStringLiteral("bob"));

        const RowOutcome again = saveOne(submitter, update(QStringLiteral("items"), 1, 3, {{QStringLiteral("qty"), 12}}));
        QCOMPARE(again.status, RowOutcome::Status::Saved);
        QCOMPARE(again.version.toLongLong(), 4);
        QCOMPARE(flat(bob, QStringLiteral("SELECT name, qty, version FROM items WHERE id = 1")), QStringLiteral("bob|12|4"));
    }

    void shouldBumpConditionalOnlyForCheckedFields()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        createDocs();
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        enable(alice, QStringLiteral("docs"), VersionKind::Conditional, {QStringLiteral("title")});
        BatchSubmitter alices(alice);
        BatchSubmitter bobs(bob);

        // Notes are not checked: saved, checked against version 1, no bump.
        RowOutcome outcome = saveOne(alices, update(QStringLiteral("docs"), 1, 1, {{QStringLiteral("notes"), QStringLiteral("x")}}));
        QCOMPARE(outcome.status, RowOutcome::Status::Saved);
        QCOMPARE(outcome.version.toLongLong(), 1);
        // Title is checked: bump.
        outcome = saveOne(bobs, update(QStringLiteral("docs"), 1, 1, {{QStringLiteral("title"), QStringLiteral("bob")}}));
        QCOMPARE(outcome.status, RowOutcome::Status::Saved);
        QCOMPARE(outcome.version.toLongLong(), 2);
        // Alice still holds 1: even a notes-only save is checked and conflicts.
        outcome = saveOne(alices, update(QStringLiteral("docs"), 1, 1, {{QStringLiteral("notes"), QStringLiteral("y")}}));
        QCOMPARE(outcome.status, RowOutcome::Status::Conflict);
        QCOMPARE(outcome.conflict->currentVersion.toLongLong(), 2);
        QCOMPARE(flat(alice, QStringLiteral("SELECT title, notes, version FROM docs WHERE id = 1")), QStringLiteral("bob|x|2"));
    }

    void shouldCheckButNotBumpIgnoredFields()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        createDocs();
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        enable(alice, QStringLiteral("docs"), VersionKind::Conditional, {}, {QStringLiteral("hits")});
        BatchSubmitter alices(alice);
        BatchSubmitter bobs(bob);

        RowOutcome outcome = saveOne(alices, update(QStringLiteral("docs"), 1, 1, {{QStringLiteral("hits"), 5}}));
        QCOMPARE(outcome.status, RowOutcome::Status::Saved);
        QCOMPARE(outcome.version.toLongLong(), 1);
        QCOMPARE(flat(alice, QStringLiteral("SELECT hits, version FROM docs WHERE id = 1")), QStringLiteral("5|1"));

        // Any other field counts.
        outcome = saveOne(bobs, update(QStringLiteral("docs"), 1, 1, {{QStringLiteral("notes"), QStringLiteral("bob")}}));
        QCOMPARE(outcome.version.toLongLong(), 2);

        // An ignored-only save from a stale holder is still a conflict, and writes nothing.
        outcome = saveOne(alices, update(QStringLiteral("docs"), 1, 1, {{QStringLiteral("hits"), 6}}));
        QCOMPARE(outcome.status, RowOutcome::Status::Conflict);
        QCOMPARE(flat(alice, QStringLiteral("SELECT hits, notes, version FROM docs WHERE id = 1")), QStringLiteral("5|bob|2"));
    }

    void shouldCompareConditionalAgainstThatRowsSnapshot()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        createDocs();
        QSqlDatabase db = m_db->connect();
        enable(db, QStringLiteral("docs"), VersionKind::Conditional, {QStringLiteral("title")});
        BatchSubmitter submitter(db);
        // Both rows get title "a": row 1 had it already (no bump), row 2 had "b" (bump).
        // A per-table snapshot would treat them alike.
        const SubmitResult result = submitter.submit({
            update(QStringLiteral("docs"), 1, 1, {{QStringLiteral("title"), QStringLiteral("a")}},
                   {{QStringLiteral("title"), QStringLiteral("a")}}),
            update(QStringLiteral("docs"), 2, 1, {{QStringLiteral("title"), QStringLiteral("a")}},
                   {{QStringLiteral("title"), QStringLiteral("b")}}),
        });
        QVERIFY2(result.allSaved(), qPrintable(result.summary()));
        QCOMPARE(result.rows.at(0).version.toLongLong(), 1);
        QCOMPARE(result.rows.at(1).version.toLongLong(), 2);
        QCOMPARE(flat(db, QStringLiteral("SELECT id, title, version FROM docs ORDER BY id")), QStringLiteral("1|a|1;2|a|2"));
    }

    void shouldMatchNullVersionsWithIsNull()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        createItems();
        // Rows inserted by another tool, with no version (NULL) and with 0.
        QVERIFY(m_db->exec(QStringLiteral("INSERT INTO items (id, name, qty, version) VALUES (4, 'fig', 40, NULL), (5, 'kiwi', 50, 0)")).isEmpty());
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        BatchSubmitter alices(alice);
        BatchSubmitter bobs(bob);

        RowOutcome outcome = saveOne(bobs, update(QStringLiteral("items"), 4, QVariant(), {{QStringLiteral("qty"), 41}}));
        QCOMPARE(outcome.status, RowOutcome::Status::Saved);
        QCOMPARE(outcome.version.toLongLong(), 1);
        QCOMPARE(flat(bob, QStringLiteral("SELECT qty, version FROM items WHERE id = 4")), QStringLiteral("41|1"));
        // Alice loaded the row when it had no version: NULL is not a wildcard.
        outcome = saveOne(alices, update(QStringLiteral("items"), 4, QVariant(), {{QStringLiteral("qty"), 42}}));
        QCOMPARE(outcome.status, RowOutcome::Status::Conflict);
        QCOMPARE(outcome.conflict->kind, Conflict::Kind::Modified);
        QCOMPARE(outcome.conflict->currentVersion.toLongLong(), 1);

        // Version 0 is a version like any other.
        outcome = saveOne(bobs, update(QStringLiteral("items"), 5, 0, {{QStringLiteral("qty"), 51}}));
        QCOMPARE(outcome.status, RowOutcome::Status::Saved);
        QCOMPARE(outcome.version.toLongLong(), 1);
        outcome = saveOne(alices, update(QStringLiteral("items"), 5, 0, {{QStringLiteral("qty"), 52}}));
        QCOMPARE(outcome.status, RowOutcome::Status::Conflict);
        QCOMPARE(flat(alice, QStringLiteral("SELECT id, qty, version FROM items WHERE id >= 4 ORDER BY id")),
                 QStringLiteral("4|41|1;5|51|1"));
    }

    void shouldMatchNullVersionsUnderEveryKind_data()
    {
        QTest::addColumn<int>("kind");
        for (VersionKind kind : {VersionKind::Timestamp, VersionKind::Trigger, VersionKind::Conditional})
            QTest::newRow(qPrintable(VersionPolicy::kindName(kind))) << int(kind);
    }
    void shouldMatchNullVersionsUnderEveryKind()
    {
        QFETCH(int, kind);
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        createDocs();
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        enable(alice, QStringLiteral("docs"), VersionKind(kind), VersionKind(kind) == VersionKind::Conditional
                       ? QStringList{QStringLiteral("title")} : QStringList());
        // Enabling backfilled 1; another tool then inserts a row with no version.
        QCOMPARE(flat(alice, QStringLiteral("SELECT version FROM docs ORDER BY id")), QStringLiteral("1;1"));
        QVERIFY(m_db->exec(QStringLiteral("INSERT INTO docs (id, title, notes, hits, version) VALUES (3, 'c', 'n3', 0, NULL)")).isEmpty());
        BatchSubmitter alices(alice);
        BatchSubmitter bobs(bob);
        // Even a save that would not bump under conditional gives a NULL row a version.
        RowOutcome outcome = saveOne(bobs, update(QStringLiteral("docs"), 3, QVariant(), {{QStringLiteral("notes"), QStringLiteral("bob")}}));
        QCOMPARE(outcome.status, RowOutcome::Status::Saved);
        QVERIFY(!outcome.version.isNull());
        QVERIFY(outcome.version.toLongLong() >= 1);
        QCOMPARE(value(bob, QStringLiteral("SELECT version FROM docs WHERE id = 3")).toLongLong(), outcome.version.toLongLong());
        outcome = saveOne(alices, update(QStringLiteral("docs"), 3, QVariant(), {{QStringLiteral("notes"), QStringLiteral("alice")}}));
        QCOMPARE(outcome.status, RowOutcome::Status::Conflict);
        QCOMPARE(value(bob, QStringLiteral("SELECT notes FROM docs WHERE id = 3")).toString(), QStringLiteral("bob"));
    }

    void shouldTellModifiedFromDeleted()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        createItems();
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        QVERIFY(QSqlQuery(bob).exec(QStringLiteral("UPDATE items SET name = 'bob', version = 2 WHERE id = 1")));
        QVERIFY(QSqlQuery(bob).exec(QStringLiteral("DELETE FROM items WHERE id = 2")));

        BatchSubmitter alices(alice);
        const RowOutcome modified = saveOne(alices, update(QStringLiteral("items"), 1, 1, {{QStringLiteral("qty"), 99}},
                                                           {{QStringLiteral("qty"), 10}, {QStringLiteral("name"), QStringLiteral("apple")}}));
        QCOMPARE(modified.status, RowOutcome::Status::Conflict);
        QCOMPARE(modified.conflict->kind, Conflict::Kind::Modified);
        QCOMPARE(modified.conflict->expectedVersion.toLongLong(), 1);
        QCOMPARE(modified.conflict->currentVersion.toLongLong(), 2);
        QCOMPARE(modified.conflict->theirs.value(QStringLiteral("name")).toString(), QStringLiteral("bob"));
        QCOMPARE(modified.conflict->mine.value(QStringLiteral("qty")).toInt(), 99);
        QCOMPARE(modified.conflict->changedByThem(), QStringList{QStringLiteral("name")});

        const RowOutcome deleted = saveOne(alices, update(QStringLiteral("items"), 2, 1, {{QStringLiteral("qty"), 99}}));
        QCOMPARE(deleted.status, RowOutcome::Status::Conflict);
        QCOMPARE(deleted.conflict->kind, Conflict::Kind::Deleted);
        QVERIFY(deleted.conflict->theirs.isEmpty());
        QVERIFY(deleted.conflict->currentVersion.isNull());

        // A key that never existed is "deleted" too: zero rows is never a success.
        const RowOutcome missing = saveOne(alices, update(QStringLiteral("items"), 77, 1, {{QStringLiteral("qty"), 1}}));
        QCOMPARE(missing.status, RowOutcome::Status::Conflict);
        QCOMPARE(missing.conflict->kind, Conflict::Kind::Deleted);
        QCOMPARE(flat(alice, QStringLiteral("SELECT id, name, qty, version FROM items ORDER BY id")),
                 QStringLiteral("1|bob|10|2;3|plum|30|1"));
    }

    void shouldSaveAnEditThatChangesNothing()
    {
        // MariaDB counts changed rows unless CLIENT_FOUND_ROWS is set: a same-value save
        // that leaves the version alone would look like a conflict (edge case 3).
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        createDocs();
        QSqlDatabase db = m_db->connect();
        enable(db, QStringLiteral("docs"), VersionKind::Conditional, {}, {QStringLiteral("hits")});
        BatchSubmitter submitter(db);
        RowOutcome outcome = saveOne(submitter, update(QStringLiteral("docs"), 1, 1, {{QStringLiteral("hits"), 0}}));
        QCOMPARE(outcome.status, RowOutcome::Status::Saved);
        QCOMPARE(outcome.version.toLongLong(), 1);

        RowEdit same = update(QStringLiteral("docs"), 2, 1, {{QStringLiteral("title"), QStringLiteral("b")}});
        same.noIncrement = true;
        outcome = saveOne(submitter, same);
        QCOMPARE(outcome.status, RowOutcome::Status::Saved);
        QCOMPARE(outcome.version.toLongLong(), 1);

        QVERIFY(m_db->exec(QStringLiteral("CREATE TABLE plain (id INTEGER PRIMARY KEY, name %1)").arg(m_db->text())).isEmpty());
        QVERIFY(m_db->exec(QStringLiteral("INSERT INTO plain (id, name) VALUES (1, 'same')")).isEmpty());
        outcome = saveOne(submitter, update(QStringLiteral("plain"), 1, QVariant(), {{QStringLiteral("name"), QStringLiteral("same")}},
                                            {{QStringLiteral("name"), QStringLiteral("same")}}));
        QCOMPARE(outcome.status, RowOutcome::Status::Saved);
        QCOMPARE(flat(db, QStringLiteral("SELECT id, hits, version FROM docs ORDER BY id")), QStringLiteral("1|0|1;2|0|1"));
    }

    void shouldCheckAndSetTheVersionOnAPartialSave()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        createItems();
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        BatchSubmitter alices(alice);
        BatchSubmitter bobs(bob);
        // Bob saves only the name; Alice saves only qty: different columns, same row.
        RowOutcome outcome = saveOne(bobs, update(QStringLiteral("items"), 1, 1, {{QStringLiteral("name"), QStringLiteral("bob")}}));
        QCOMPARE(outcome.status, RowOutcome::Status::Saved);
        QCOMPARE(outcome.version.toLongLong(), 2);
        outcome = saveOne(alices, update(QStringLiteral("items"), 1, 1, {{QStringLiteral("qty"), 99}}));
        QCOMPARE(outcome.status, RowOutcome::Status::Conflict);
        QCOMPARE(flat(alice, QStringLiteral("SELECT name, qty, version FROM items WHERE id = 1")), QStringLiteral("bob|10|2"));
    }

    void shouldCheckLoadedValuesOfUnversionedTables()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        createUnversionedItems();
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        BatchSubmitter alices(alice);
        BatchSubmitter bobs(bob);
        QVERIFY(!(*alices.writer(QStringLiteral("items")))->policy().isVersioned());

        // Without the loaded value there is nothing to check against: bad input, not a blind write.
        const SubmitResult blind = alices.submit({update(QStringLiteral("items"), 1, QVariant(), {{QStringLiteral("qty"), 1}})});
        QVERIFY(!blind.committed);
        QCOMPARE(blind.error.code, DbError::Code::BadInput);

        // Bob changes row 1's name and row 2's qty (which was NULL).
        RowOutcome outcome = saveOne(bobs, update(QStringLiteral("items"), 1, QVariant(), {{QStringLiteral("name"), QStringLiteral("bob")}},
                                                  {{QStringLiteral("name"), QStringLiteral("apple")}}));
        QCOMPARE(outcome.status, RowOutcome::Status::Saved);
        outcome = saveOne(bobs, update(QStringLiteral("items"), 2, QVariant(), {{QStringLiteral("qty"), 7}},
                                       {{QStringLiteral("qty"), QVariant()}}));
        QCOMPARE(outcome.status, RowOutcome::Status::Saved);

        // Alice changing another column of row 1: no conflict.
        outcome = saveOne(alices, update(QStringLiteral("items"), 1, QVariant(), {{QStringLiteral("qty"), 11}},
                                         {{QStringLiteral("qty"), 10}, {QStringLiteral("name"), QStringLiteral("apple")}}));
        QCOMPARE(outcome.status, RowOutcome::Status::Saved);
        // Alice changing the column Bob changed: conflict.
        outcome = saveOne(alices, update(QStringLiteral("items"), 1, QVariant(), {{QStringLiteral("name"), QStringLiteral("alice")}},
                                         {{QStringLiteral("name"), QStringLiteral("apple")}}));
        QCOMPARE(outcome.status, RowOutcome::Status::Conflict);
        QCOMPARE(outcome.conflict->kind, Conflict::Kind::Modified);
        QCOMPARE(outcome.conflict->theirs.value(QStringLiteral("name")).toString(), QStringLiteral("bob"));
        // NULL-safe: Alice loaded qty NULL, Bob made it 7.
        outcome = saveOne(alices, update(QStringLiteral("items"), 2, QVariant(), {{QStringLiteral("qty"), 8}},
                                         {{QStringLiteral("qty"), QVariant()}}));
        QCOMPARE(outcome.status, RowOutcome::Status::Conflict);
        // And a loaded NULL that is still NULL matches.
        QVERIFY(m_db->exec(QStringLiteral("UPDATE items SET qty = NULL WHERE id = 3")).isEmpty());
        outcome = saveOne(alices, update(QStringLiteral("items"), 3, QVariant(), {{QStringLiteral("qty"), 33}},
                                         {{QStringLiteral("qty"), QVariant()}}));
        QCOMPARE(outcome.status, RowOutcome::Status::Saved);
        QCOMPARE(flat(alice, QStringLiteral("SELECT id, name, qty FROM items ORDER BY id")),
                 QStringLiteral("1|bob|11;2|pear|7;3|plum|33"));
    }

    void shouldDeleteOnlyTheLoadedVersion()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        createItems();
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        BatchSubmitter alices(alice);
        BatchSubmitter bobs(bob);
        QVERIFY(bobs.submit({update(QStringLiteral("items"), 1, 1, {{QStringLiteral("qty"), 1}}),
                             RowEdits::remove(2, 1)}).allSaved());

        const RowOutcome modified = saveOne(alices, RowEdits::remove(1, 1));
        QCOMPARE(modified.status, RowOutcome::Status::Conflict);
        QCOMPARE(modified.conflict->kind, Conflict::Kind::Modified);
        QCOMPARE(modified.conflict->currentVersion.toLongLong(), 2);
        const RowOutcome gone = saveOne(alices, RowEdits::remove(2, 1));
        QCOMPARE(gone.status, RowOutcome::Status::Conflict);
        QCOMPARE(gone.conflict->kind, Conflict::Kind::Deleted);
        QVERIFY(!gone.error.isError());
        const RowOutcome deleted = saveOne(alices, RowEdits::remove(3, 1));
        QCOMPARE(deleted.status, RowOutcome::Status::Saved);
        QCOMPARE(flat(alice, QStringLiteral("SELECT id, qty, version FROM items ORDER BY id")), QStringLiteral("1|1|2"));
    }

    void shouldDeleteUnversionedRowsOnlyAsLoaded()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        createUnversionedItems();
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QVERIFY(m_db->exec(QStringLiteral("UPDATE items SET qty = 11 WHERE id = 1")).isEmpty());
        BatchSubmitter alices(alice);
        RowEdit stale = RowEdits::remove(1, QVariant());
        stale.base = {{QStringLiteral("id"), 1}, {QStringLiteral("name"), QStringLiteral("apple")}, {QStringLiteral("qty"), 10}};
        QCOMPARE(saveOne(alices, stale).status, RowOutcome::Status::Conflict);
        RowEdit current = RowEdits::remove(2, QVariant());
        current.base = {{QStringLiteral("id"), 2}, {QStringLiteral("name"), QStringLiteral("pear")}, {QStringLiteral("qty"), QVariant()}};
        QCOMPARE(saveOne(alices, current).status, RowOutcome::Status::Saved);
        QCOMPARE(flat(alice, QStringLiteral("SELECT id FROM items ORDER BY id")), QStringLiteral("1;3"));
    }

    void shouldInsertAtTheFirstVersion()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QVERIFY(m_db->exec({QStringLiteral("CREATE TABLE things (id %1, name %2, version BIGINT)").arg(m_db->autoKey(), m_db->text()),
                            QStringLiteral("CREATE TABLE stamped (id %1, name %2, version BIGINT)").arg(m_db->autoKey(), m_db->text()),
                            QStringLiteral("INSERT INTO things (name, version) VALUES ('old', 1)")}).isEmpty());
        QSqlDatabase db = m_db->connect();
        enable(db, QStringLiteral("stamped"), VersionKind::Timestamp);
        BatchSubmitter submitter(db);
        RowEdit insert;
        insert.op = RowEdit::Op::Insert;
        insert.table = QStringLiteral("things");
        insert.changes = {{QStringLiteral("name"), QStringLiteral("new")}};
        RowEdit stamped = insert;
        stamped.table = QStringLiteral("stamped");
        const qint64 before = WallClock::versionStamp();
        const SubmitResult result = submitter.submit({insert, stamped});
        QVERIFY2(result.allSaved(), qPrintable(result.summary()));
        QCOMPARE(result.rows.at(0).version.toLongLong(), 1);
        const QVariant pk = result.rows.at(0).pk;
        QVERIFY(!pk.isNull());
        QCOMPARE(pk.toLongLong(), 2);
        QCOMPARE(flat(db, QStringLiteral("SELECT id, name, version FROM things ORDER BY id")), QStringLiteral("1|old|1;2|new|1"));
        const qint64 stamp = result.rows.at(1).version.toLongLong();
        QVERIFY2(qAbs(stamp - before) < 60LL * 1000 * 1000, qPrintable(QString::number(stamp - before)));
        QCOMPARE(value(db, QStringLiteral("SELECT version FROM stamped")).toLongLong(), stamp);
        QCOMPARE(result.rows.at(1).pk.toLongLong(), 1);
    }

    void shouldRejectWritesToTheVersionColumn()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        createItems();
        QSqlDatabase db = m_db->connect();
        BatchSubmitter submitter(db);
        const SubmitResult result = submitter.submit({update(QStringLiteral("items"), 2, 1, {{QStringLiteral("qty"), 5}}),
                                                      update(QStringLiteral("items"), 1, 1, {{QStringLiteral("version"), 9}})});
        QVERIFY(!result.committed);
        QCOMPARE(result.error.code, DbError::Code::BadInput);
        QCOMPARE(flat(db, QStringLiteral("SELECT qty, version FROM items WHERE id = 2")), QStringLiteral("20|1"));
    }

    void shouldBumpPastTheDatabaseVersionWithoutCheck_data()
    {
        QTest::addColumn<int>("kind");
        for (VersionKind kind : {VersionKind::Auto, VersionKind::Timestamp, VersionKind::Trigger, VersionKind::Conditional})
            QTest::newRow(qPrintable(VersionPolicy::kindName(kind))) << int(kind);
    }
    void shouldBumpPastTheDatabaseVersionWithoutCheck()
    {
        QFETCH(int, kind);
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        createItems();
        QSqlDatabase db = m_db->connect();
        enable(db, QStringLiteral("items"), VersionKind(kind));
        QVERIFY(m_db->exec(QStringLiteral("UPDATE items SET version = 7 WHERE id = 1")).isEmpty());
        const qint64 in_db = value(db, QStringLiteral("SELECT version FROM items WHERE id = 1")).toLongLong();
        QVERIFY(in_db >= 7); // a trigger bumped the raw update itself
        BatchSubmitter submitter(db);
        RowEdit unchecked = update(QStringLiteral("items"), 1, 1, {{QStringLiteral("qty"), 5}});
        unchecked.noCheck = true;
        const RowOutcome outcome = saveOne(submitter, unchecked);
        QCOMPARE(outcome.status, RowOutcome::Status::Saved);
        // Past the database's version, not merely past the loaded one; the outcome says which.
        if (VersionKind(kind) == VersionKind::Timestamp)
            QVERIFY(qAbs(outcome.version.toLongLong() - WallClock::versionStamp()) < 60LL * 1000 * 1000);
        else
            QCOMPARE(outcome.version.toLongLong(), in_db + 1);
        QCOMPARE(flat(db, QStringLiteral("SELECT qty, version FROM items WHERE id = 1")),
                 QStringLiteral("5|%1").arg(outcome.version.toLongLong()));
        // Whoever holds the version from before conflicts.
        QCOMPARE(saveOne(submitter, update(QStringLiteral("items"), 1, in_db, {{QStringLiteral("qty"), 6}})).status,
                 RowOutcome::Status::Conflict);
    }

    void shouldNeverClampATimestampVersion()
    {
        // A stamp does not fit a 32-bit column: either enabling refuses, or a save fails
        // loudly; never a clamped value that stops changing (which would switch the check off).
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QVERIFY(m_db->exec({QStringLiteral("CREATE TABLE small (id INTEGER PRIMARY KEY, qty INTEGER, version INTEGER)"),
                            QStringLiteral("INSERT INTO small (id, qty, version) VALUES (1, 1, 1)")}).isEmpty());
        QSqlDatabase db = m_db->connect();
        VersionRegistry registry(db);
        VersionPolicy policy;
        policy.column = QStringLiteral("version");
        policy.kind = VersionKind::Timestamp;
        if (!registry.enable(QStringLiteral("small"), policy))
            return;
        BatchSubmitter submitter(db);
        const RowOutcome first = saveOne(submitter, update(QStringLiteral("small"), 1, 1, {{QStringLiteral("qty"), 2}}));
        if (first.status != RowOutcome::Status::Saved)
            return; // refused loudly
        const qint64 stored = value(db, QStringLiteral("SELECT version FROM small WHERE id = 1")).toLongLong();
        QCOMPARE(stored, first.version.toLongLong());
        const RowOutcome second = saveOne(submitter, update(QStringLiteral("small"), 1, stored, {{QStringLiteral("qty"), 3}}));
        QCOMPARE(second.status, RowOutcome::Status::Saved);
        QVERIFY(value(db, QStringLiteral("SELECT version FROM small WHERE id = 1")).toLongLong() > stored);
    }

    void shouldGiveANullVersionAVersionWithIncrementOff()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        createItems();
        QVERIFY(m_db->exec(QStringLiteral("UPDATE items SET version = NULL WHERE id IN (1, 2)")).isEmpty());
        QSqlDatabase db = m_db->connect();
        BatchSubmitter submitter(db);
        // Row 1 without its loaded value (read in the transaction, row by row), row 2 with it.
        RowEdit first = update(QStringLiteral("items"), 1, QVariant(), {{QStringLiteral("qty"), 11}});
        RowEdit second = update(QStringLiteral("items"), 2, QVariant(), {{QStringLiteral("qty"), 21}}, {{QStringLiteral("qty"), 20}});
        first.noIncrement = second.noIncrement = true;
        const SubmitResult result = submitter.submit({first, second});
        QVERIFY2(result.allSaved(), qPrintable(result.summary()));
        QCOMPARE(flat(db, QStringLiteral("SELECT id, qty, version FROM items WHERE id <= 2 ORDER BY id")), QStringLiteral("1|11|1;2|21|1"));
        QCOMPARE(result.rows.at(0).version.toLongLong(), 1);
        QCOMPARE(result.rows.at(1).version.toLongLong(), 1);
    }
};

QTEST_MAIN(tst_VersionedWriter)
#include "tst_versionedwriter.moc"

