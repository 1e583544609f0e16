#include "changelog.h"

#include "batchsubmitter.h"
#include "sqldialect.h"

#include "rowedits.h"
#include "sqlprobe.h"
#include "testdatabase.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#ifdef Q_OS_UNIX
#include <pwd.h>
#include <unistd.h>
#endif

using namespace Concord;
using SqlProbe::value;
using SqlProbe::logCount;
using RowEdits::update;

class tst_ChangeLog : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_db;

    QString createItems()
    {
        return m_db->exec({
                QStringLiteral("CREATE TABLE items (id %1, name %2, qty INTEGER, version BIGINT)").arg(m_db->autoKey(), m_db->text()),
                QStringLiteral("CREATE TABLE notes (id INTEGER PRIMARY KEY, body %1, version BIGINT)").arg(m_db->text()),
                QStringLiteral("INSERT INTO items (name, qty, version) VALUES ('apple', 10, 1), ('pear', 20, 1), ('plum', 30, 1)"),
                QStringLiteral("INSERT INTO notes (id, body, version) VALUES (1, 'hello', 1)"),
        });
    }

    /// One entry flattened: "action table pk version user {changes}".
    static QString flat(const ChangeLog::Entry &entry)
    {
        return QStringLiteral("%1 %2 %3 %4 %5 %6")
                .arg(entry.action, entry.table, entry.pk,
                     entry.version.isNull() ? QStringLiteral("-") : entry.version.toString(), entry.user,
                     QString::fromUtf8(QJsonDocument(entry.changes).toJson(QJsonDocument::Compact)));
    }

    static QStringList flat(const QList<ChangeLog::Entry> &entries)
    {
        QStringList lines;
        for (const ChangeLog::Entry &entry : entries)
            lines.append(flat(entry));
        return lines;
    }

private Q_SLOTS:
    // The database tests run once per dialect; the rest need no database and run on the SQLite row.
    void initTestCase_data() { TestDatabase::addDialectRows(); }
    void cleanup() { m_db.reset(); }

    void shouldDiffOnlyWhatChanged()
    {
        if (!TestDatabase::onSqliteRow())
            QSKIP("No database involved: run once, on the SQLite row");
        const QVariantMap before{{QStringLiteral("a"), 1}, {QStringLiteral("b"), QStringLiteral("x")}, {QStringLiteral("c"), QVariant()}};
        const QVariantMap after{{QStringLiteral("a"), qint64(1)}, {QStringLiteral("b"), QStringLiteral("y")}, {QStringLiteral("c"), 3}};
        QCOMPARE(QJsonDocument(ChangeLog::diff(before, after)).toJson(QJsonDocument::Compact),
                 QByteArray(R"({"b":{"new":"y","old":"x"},"c":{"new":3,"old":null}})"));
        QCOMPARE(QJsonDocument(ChangeLog::diff(before, {})).toJson(QJsonDocument::Compact),
                 QByteArray(R"({"a":{"new":null,"old":1},"b":{"new":null,"old":"x"},"c":{"new":null,"old":null}})"));
        QVERIFY(ChangeLog::diff(before, before).isEmpty());
    }

    void shouldEncodeDiffsAsQJsonDocumentWould_data()
    {
        QTest::addColumn<QVariant>("before");
        QTest::addColumn<QVariant>("after");
        QTest::newRow("integers") << QVariant(1) << QVariant(qint64(9007199254740993));
        QTest::newRow("negative") << QVariant(-5) << QVariant(0);
        QTest::newRow("doubles") << QVariant(0.1) << QVariant(1e300);
        QTest::newRow("whole double") << QVariant(2.0) << QVariant(-0.5);
        QTest::newRow("infinity") << QVariant(1.5) << QVariant(qInf());
        QTest::newRow("null") << QVariant() << QVariant(QStringLiteral("x"));
        QTest::newRow("bool") << QVariant(true) << QVariant(false);
        QTest::newRow("quotes and controls")
                << QVariant(QStringLiteral("say \"hi\"\\ \n\t\r\b\f"))
                << QVariant(QString(QChar(1)) + QChar(0x1f) + QChar(0x7f));
        QTest::newRow("unicode") << QVariant(QStringLiteral("Zoë 東京")) << QVariant(QStringLiteral("😀 ☃"));
        QTest::newRow("date") << QVariant(QDate(2026, 11, 25)) << QVariant(QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 6), Qt::UTC));
        QTest::newRow("blob") << QVariant(QByteArray("\x00\x01\xff", 3)) << QVariant(QByteArray("abc"));
    }
    void shouldEncodeDiffsAsQJsonDocumentWould()
    {
        if (!TestDatabase::onSqliteRow())
            QSKIP("No database involved: run once, on the SQLite row");
        QFETCH(QVariant, before);
        QFETCH(QVariant, after);
        // Several columns, out of alphabetical order and on either side only, so the
        // merge of both maps' keys is exercised too.
        const QVariantMap old{{QStringLiteral("b"), before}, {QStringLiteral("zeta"), 1},
                              {QStringLiteral("Ärger"), before}, {QStringLiteral("same"), 7}};
        const QVariantMap now{{QStringLiteral("b"), after}, {QStringLiteral("a"), after},
                              {QStringLiteral("Ärger"), after}, {QStringLiteral("same"), 7}};
        QCOMPARE(ChangeLog::encodeDiff(old, now), QJsonDocument(ChangeLog::diff(old, now)).toJson(QJsonDocument::Compact));
        QCOMPARE(ChangeLog::encodeDiff(old, {}), QJsonDocument(ChangeLog::diff(old, {})).toJson(QJsonDocument::Compact));
        QCOMPARE(ChangeLog::encodeDiff(old, old), QByteArray("{}"));
    }

    void shouldLogEverySavedInsertUpdateAndDelete()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QCOMPARE(createItems(), QString());
        QSqlDatabase db = m_db->connect();
        QVERIFY2(db.isOpen(), qPrintable(m_db->error()));

        const RowEdit insert = RowEdits::insert({{QStringLiteral("name"), QStringLiteral("kiwi")}, {QStringLiteral("qty"), 5}});
        BatchSubmitter submitter(db);
        SubmitOptions options;
        options.user = QStringLiteral("alice");
        const QDateTime start = QDateTime::currentDateTimeUtc().addSecs(-1);
        const SubmitResult result = submitter.submit({insert, update(1, 1, QStringLiteral("name"), QStringLiteral("fig")),
                                                      RowEdits::remove(2, 1)}, options);
        QVERIFY2(result.allSaved(), qPrintable(result.summary()));
        const QString key = result.rows.first().pk.toString();
        QVERIFY(!key.isEmpty());

        const auto log = ChangeLog::read(db, *SqlDialect::create(db));
        QVERIFY2(log.ok(), qPrintable(log.error().message));
        QCOMPARE(flat(*log),
                 (QStringList{QStringLiteral(R"(delete items 2 - alice {"id":{"new":null,"old":2},"name":{"new":null,"old":"pear"},"qty":{"new":null,"old":20},"version":{"new":null,"old":1}})"),
                              QStringLiteral(R"(update items 1 2 alice {"name":{"new":"fig","old":"apple"}})"),
                              QStringLiteral(R"(insert items %1 1 alice {"name":{"new":"kiwi","old":null},"qty":{"new":5,"old":null}})").arg(key)}));
        for (const ChangeLog::Entry &entry : *log) {
            QVERIFY(entry.id > 0);
            QVERIFY2(entry.at >= start && entry.at <= QDateTime::currentDateTimeUtc(), qPrintable(entry.at.toString(Qt::ISODateWithMs)));
        }
        QVERIFY(log->at(0).id > log->at(1).id && log->at(1).id > log->at(2).id);
    }

    void shouldNameTheUserFromTheEnvironment()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QCOMPARE(createItems(), QString());
        QSqlDatabase db = m_db->connect();
        QVERIFY2(db.isOpen(), qPrintable(m_db->error()));
        const QByteArray saved = qgetenv("CONCORD_USER");
        qputenv("CONCORD_USER", "carol");
        BatchSubmitter submitter(db);
        const SubmitResult result = submitter.submit({update(1, 1, QStringLiteral("qty"), 11)});
        if (saved.isNull())
            qunsetenv("CONCORD_USER");
        else
            qputenv("CONCORD_USER", saved);
        QVERIFY(result.allSaved());
        const auto log = ChangeLog::read(db, *SqlDialect::create(db));
        QVERIFY(log.ok());
        QCOMPARE(log->size(), 1);
        QCOMPARE(log->first().user, QStringLiteral("carol"));
    }

    void shouldNameTheAccountWhenTheEnvironmentNamesNoUser()
    {
        if (!TestDatabase::onSqliteRow())
            QSKIP("No database involved: run once, on the SQLite row");
        const QList<QByteArray> names{"CONCORD_USER", "USER", "USERNAME", "LOGNAME"};
        QList<QByteArray> saved;
        for (const QByteArray &name : names) {
            saved.append(qgetenv(name.constData()));
            qunsetenv(name.constData());
        }
        const QString user = ChangeLog::currentUser();
        for (qsizetype i = 0; i < names.size(); ++i) {
            if (!saved.at(i).isNull())
                qputenv(names.at(i).constData(), saved.at(i));
        }
#ifdef Q_OS_UNIX
        const passwd *account = getpwuid(geteuid());
        QVERIFY(account);
        QCOMPARE(user, QString::fromLocal8Bit(account->pw_name));
#else
        QVERIFY(!user.isEmpty());
#endif
    }

    void shouldNotLogConflictingRows()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QCOMPARE(createItems(), QString());
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        QVERIFY2(alice.isOpen() && bob.isOpen(), qPrintable(m_db->error()));
        QCOMPARE(m_db->exec({QStringLiteral("UPDATE items SET qty = 11, version = 2 WHERE id = 1"),
                             QStringLiteral("DELETE FROM items WHERE id = 2")}),
                 QString());

        // Updates with and without loaded values (bulk and row by row), and deletes.
        BatchSubmitter submitter(alice);
        RowEdit bulk = update(1, 1, QStringLiteral("qty"), 12);
        bulk.base.insert(QStringLiteral("qty"), 10);
        RowEdit bulkOk = update(3, 1, QStringLiteral("qty"), 31);
        bulkOk.base.insert(QStringLiteral("qty"), 30);
        const SubmitResult result = submitter.submit({bulk, bulkOk, update(2, 1, QStringLiteral("name"), QStringLiteral("x")),
                                                      RowEdits::remove(1, 1), RowEdits::remove(2, 1),
                                                      update(1, 1, QStringLiteral("body"), QStringLiteral("hi"), QStringLiteral("notes"))});
        QVERIFY(result.committed);
        QCOMPARE(result.conflictCount(), 4);
        QCOMPARE(result.savedCount(), 2);
        const auto log = ChangeLog::read(bob, *SqlDialect::create(bob));
        QVERIFY(log.ok());
        QStringList logged;
        for (const ChangeLog::Entry &entry : *log)
            logged.append(entry.table + QLatin1Char('/') + entry.pk + QLatin1Char('/') + entry.action);
        logged.sort();
        QCOMPARE(logged, (QStringList{QStringLiteral("items/3/update"), QStringLiteral("notes/1/update")}));
    }

    void shouldLeaveNoEntriesForRolledBackBatches()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QCOMPARE(createItems(), QString());
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        QVERIFY2(alice.isOpen() && bob.isOpen(), qPrintable(m_db->error()));
        QCOMPARE(m_db->exec(QStringLiteral("UPDATE items SET qty = 31, version = 2 WHERE id = 3")), QString());

        BatchSubmitter submitter(alice);
        const QList<RowEdit> edits{update(1, 1, QStringLiteral("qty"), 11),
                                   update(1, 1, QStringLiteral("body"), QStringLiteral("x"), QStringLiteral("notes")),
                                   RowEdits::remove(2, 1), update(3, 1, QStringLiteral("qty"), 32)};
        SubmitOptions abortAll;
        abortAll.policy = SubmitPolicy::AbortAll;
        const SubmitResult aborted = submitter.submit(edits, abortAll);
        QVERIFY(!aborted.committed);
        QCOMPARE(logCount(bob), 0);

        // Cancelled half way: nothing written, nothing logged.
        SubmitOptions cancelling;
        cancelling.progress = [](int done, int) { return done < 2; };
        const SubmitResult cancelled = submitter.submit(edits.mid(0, 3), cancelling);
        QVERIFY(!cancelled.committed);
        QCOMPARE(cancelled.error.code, DbError::Code::Cancelled);
        QCOMPARE(logCount(bob), 0);
        QCOMPARE(value(bob, QStringLiteral("SELECT qty FROM items WHERE id = 1")).toInt(), 10);

        // The same edits without the conflict commit, and are logged once each.
        const SubmitResult saved = submitter.submit(edits.mid(0, 3), abortAll);
        QVERIFY2(saved.allSaved(), qPrintable(saved.summary()));
        QCOMPARE(logCount(bob), 3);
    }

    void shouldReadByTableAndKeyNewestFirst()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QCOMPARE(createItems(), QString());
        QSqlDatabase db = m_db->connect();
        QVERIFY2(db.isOpen(), qPrintable(m_db->error()));
        const auto sql = SqlDialect::create(db);
        QVERIFY(ChangeLog::read(db, *sql).ok()); // no log table yet: empty, not an error
        QVERIFY(ChangeLog::read(db, *sql)->isEmpty());

        BatchSubmitter submitter(db);
        for (qint64 version = 1; version <= 4; ++version) {
            QVERIFY(submitter.submit({update(1, version, QStringLiteral("qty"), 10 + version),
                                      update(3, version, QStringLiteral("qty"), 30 + version),
                                      update(1, version, QStringLiteral("body"), QString::number(version), QStringLiteral("notes"))})
                            .allSaved());
        }
        const auto versionsOf = [](const QList<ChangeLog::Entry> &entries) {
            QStringList list;
            for (const ChangeLog::Entry &entry : entries)
                list.append(entry.table + QLatin1Char('/') + entry.pk + QLatin1Char('@') + entry.version.toString());
            return list.join(QLatin1Char(' '));
        };
        QCOMPARE(versionsOf(*ChangeLog::read(db, *sql, QStringLiteral("items"), 1)),
                 QStringLiteral("items/1@5 items/1@4 items/1@3 items/1@2"));
        QCOMPARE(versionsOf(*ChangeLog::read(db, *sql, QStringLiteral("items"), QStringLiteral("3"), 2)),
                 QStringLiteral("items/3@5 items/3@4"));
        QCOMPARE(versionsOf(*ChangeLog::read(db, *sql, QStringLiteral("notes"))),
                 QStringLiteral("notes/1@5 notes/1@4 notes/1@3 notes/1@2"));
        QCOMPARE(versionsOf(*ChangeLog::read(db, *sql, QString(), QVariant(), 3)),
                 QStringLiteral("notes/1@5 items/3@5 items/1@5"));
        QCOMPARE(ChangeLog::read(db, *sql)->size(), 12);
        QCOMPARE(ChangeLog::read(db, *sql, QStringLiteral("items'; DROP TABLE items; --"))->size(), 0);
        QCOMPARE(value(db, QStringLiteral("SELECT COUNT(*) FROM items")).toInt(), 3);
    }
};

QTEST_MAIN(tst_ChangeLog)
#include "tst_changelog.moc"

