#include "rowsnapshot.h"
#include "sqldialect.h"

#include "sqlprobe.h"
#include "testdatabase.h"

#include <QTest>

using namespace Concord;

class tst_RowSnapshot : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<SqlDialect> m_dialect;

    /// A table "items" of @p rows numbered rows on the database of the current data row.
    bool openItems(int rows)
    {
        m_db = TestDatabase::forCurrentRow();
        if (!m_db->isValid() || !m_db->createNumberedItems(rows).isEmpty() || !m_db->connect().isOpen()) {
            qWarning("%s", qPrintable(m_db->error()));
            return false;
        }
        m_dialect = SqlDialect::create(m_db->connect());
        return true;
    }

    /// The keys of @p refs as "3,6,9", versions after a colon where asked.
    static QString keys(const QList<RowRef> &refs, bool versions = false)
    {
        QStringList texts;
        for (const RowRef &ref : refs)
            texts.append(versions ? ref.pk.toString() + QLatin1Char(':') + ref.version.toString() : ref.pk.toString());
        return texts.join(QLatin1Char(','));
    }

    /// Every chunk of @p snapshot from the first, as "3,6|9,12|…".
    static QString chunks(RowSnapshot &snapshot)
    {
        QStringList texts;
        snapshot.rewind();
        for (QList<RowRef> chunk = snapshot.nextChunk(); !chunk.isEmpty(); chunk = snapshot.nextChunk())
            texts.append(keys(chunk));
        return texts.join(QLatin1Char('|'));
    }

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addDialectRows(); }
    void cleanup()
    {
        m_dialect.reset();
        m_db.reset();
    }

    void shouldReadTheMatchingRowsInKeyOrderAChunkAtATimeIntoAFile()
    {
        QVERIFY(openItems(23));
        QCOMPARE(m_db->exec(QStringLiteral("UPDATE items SET version = 5 WHERE id = 9")), QString());
        QSqlDatabase db = m_db->connect();
        const SqlDialect &dialect = *m_dialect;

        QList<qint64> progress;
        const auto snapshot = RowSnapshot::read(db, dialect, QStringLiteral("items"), QStringLiteral("id"),
                                                QStringLiteral("version"), QStringLiteral("id % 3 = 0"), 2,
                                                [&progress](qint64 read) {
                                                    progress.append(read);
                                                    return true;
                                                });
        QVERIFY2(snapshot.ok(), qPrintable(snapshot.error().message));
        RowSnapshot &rows = **snapshot;
        QCOMPARE(rows.count(), 7);
        QVERIFY(rows.isSpilled());
        // A statement per chunk of two; the last one reads one row and ends it.
        QCOMPARE(progress, (QList<qint64>{2, 4, 6, 7}));
        QCOMPARE(chunks(rows), QStringLiteral("3,6|9,12|15,18|21"));
        // Handed back again from the start, as a deadlocked action starting over needs.
        QCOMPARE(chunks(rows), QStringLiteral("3,6|9,12|15,18|21"));
        QCOMPARE(keys(rows.toList(), true), QStringLiteral("3:1,6:1,9:5,12:1,15:1,18:1,21:1"));

        // The versions are those read then: a later change does not move them.
        QCOMPARE(SqlProbe::run(db, QStringLiteral("UPDATE items SET version = 7 WHERE id = 3")), QString());
        QCOMPARE(keys(rows.toList(), true).left(3), QStringLiteral("3:1"));
    }

    // What "every row in the list" needs: rows unchecked left out, rows shown at the version
    // shown. A statement goes on after the last row read, kept or not.
    void shouldLeaveOutOrReversionRowsAsTheyAreRead()
    {
        QVERIFY(openItems(10));
        QSqlDatabase db = m_db->connect();
        const SqlDialect &dialect = *m_dialect;

        int seen = 0;
        const auto snapshot = RowSnapshot::read(db, dialect, QStringLiteral("items"), QStringLiteral("id"),
                                                QStringLiteral("version"), QString(), 3, {}, [&seen](RowRef &row) {
                                                    ++seen;
                                                    if (row.pk.toInt() == 4)
                                                        row.version = 9;
                                                    return row.pk.toInt() % 3 != 0;
                                                });
        QVERIFY2(snapshot.ok(), qPrintable(snapshot.error().message));
        QCOMPARE(seen, 10);
        QCOMPARE((*snapshot)->count(), 7);
        QCOMPARE(chunks(**snapshot), QStringLiteral("1,2,4|5,7,8|10"));
        QCOMPARE(keys((*snapshot)->toList(), true), QStringLiteral("1:1,2:1,4:9,5:1,7:1,8:1,10:1"));
    }

    void shouldReadEveryRowWithoutAFilterAndNoneWhenNothingMatches()
    {
        QVERIFY(openItems(5));
        QSqlDatabase db = m_db->connect();
        const SqlDialect &dialect = *m_dialect;

        // Exactly a chunk's worth: one more (empty) statement tells it ended.
        const auto all = RowSnapshot::read(db, dialect, QStringLiteral("items"), QStringLiteral("id"), QString(), QString(), 5);
        QVERIFY2(all.ok(), qPrintable(all.error().message));
        QCOMPARE((*all)->count(), 5);
        QCOMPARE(chunks(**all), QStringLiteral("1,2,3,4,5"));
        // No version column: the versions are null.
        QVERIFY((*all)->toList().constFirst().version.isNull());

        const auto none = RowSnapshot::read(db, dialect, QStringLiteral("items"), QStringLiteral("id"),
                                            QStringLiteral("version"), QStringLiteral("qty < 0"), 2);
        QVERIFY2(none.ok(), qPrintable(none.error().message));
        QCOMPARE((*none)->count(), 0);
        QVERIFY((*none)->nextChunk().isEmpty());
    }

    void shouldStopReadingWhenCancelled()
    {
        QVERIFY(openItems(10));
        QSqlDatabase db = m_db->connect();
        const SqlDialect &dialect = *m_dialect;

        int calls = 0;
        const auto snapshot = RowSnapshot::read(db, dialect, QStringLiteral("items"), QStringLiteral("id"),
                                                QStringLiteral("version"), QString(), 3, [&calls](qint64) {
                                                    return ++calls < 2;
                                                });
        QVERIFY(!snapshot.ok());
        QCOMPARE(snapshot.error().code, DbError::Code::Cancelled);
        QCOMPARE(calls, 2);
    }

    void shouldRefuseABadFilterWithTheDatabasesReason()
    {
        QVERIFY(openItems(3));
        QSqlDatabase db = m_db->connect();
        const SqlDialect &dialect = *m_dialect;
        const auto snapshot = RowSnapshot::read(db, dialect, QStringLiteral("items"), QStringLiteral("id"),
                                                QStringLiteral("version"), QStringLiteral("no_such_column = 1"), 2);
        QVERIFY(!snapshot.ok());
        QCOMPARE(snapshot.error().code, DbError::Code::Database);
        QVERIFY2(snapshot.error().message.startsWith(QLatin1String("Could not list the matching rows")),
                 qPrintable(snapshot.error().message));
    }

    // A retry's selection: the snapshot again, a row left out and one at a newer version,
    // kept where the original was (on disk, or in memory).
    void shouldRewriteASnapshotWithoutReadingTheDatabase()
    {
        QVERIFY(openItems(7));
        QSqlDatabase db = m_db->connect();
        const SqlDialect &dialect = *m_dialect;
        const auto read = RowSnapshot::read(db, dialect, QStringLiteral("items"), QStringLiteral("id"),
                                            QStringLiteral("version"), QString(), 3);
        QVERIFY2(read.ok(), qPrintable(read.error().message));
        QCOMPARE(SqlProbe::run(db, QStringLiteral("DELETE FROM items")), QString());
        const auto change = [](RowRef &row) {
            if (row.pk.toInt() == 5)
                row.version = 8;
            return row.pk.toInt() != 3;
        };
        const auto again = RowSnapshot::rewrite(**read, change);
        QVERIFY(again.ok());
        QVERIFY((*again)->isSpilled());
        QCOMPARE((*again)->count(), 6);
        QCOMPARE(chunks(**again), QStringLiteral("1,2,4|5,6,7"));
        QCOMPARE(keys((*again)->toList(), true), QStringLiteral("1:1,2:1,4:1,5:8,6:1,7:1"));
        // The original is as it was, from its first row.
        QCOMPARE(keys((*read)->nextChunk()), QStringLiteral("1,2,3"));

        const auto list = RowSnapshot::fromList({RowRef{3, 1}, RowRef{5, 1}, RowRef{9, 2}}, 2);
        const auto listAgain = RowSnapshot::rewrite(**list, change);
        QVERIFY(listAgain.ok());
        QVERIFY(!(*listAgain)->isSpilled());
        QCOMPARE(keys((*listAgain)->toList(), true), QStringLiteral("5:8,9:2"));
    }

    void shouldKeepAListInMemoryEachKeyOnce()
    {
        const auto snapshot = RowSnapshot::fromList({RowRef{4, 1}, RowRef{2, 3}, RowRef{4, 1}, RowRef{9, 2}}, 2);
        QVERIFY(snapshot.ok());
        QVERIFY(!(*snapshot)->isSpilled());
        QCOMPARE((*snapshot)->count(), 3);
        QCOMPARE(chunks(**snapshot), QStringLiteral("4,2|9"));
        QCOMPARE(keys((*snapshot)->toList(), true), QStringLiteral("4:1,2:3,9:2"));
        QVERIFY(!RowSnapshot::fromList({RowRef{1, 1}, RowRef{QVariant(), 1}}).ok());
    }
};

QTEST_MAIN(tst_RowSnapshot)
#include "tst_rowsnapshot.moc"
