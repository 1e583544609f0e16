#include "connectionurl.h"
#include "versionedtablemodel.h"

#include "sqlprobe.h"
#include "testdatabase.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <memory>
#include <thread>

using namespace Concord;

// Many writers at once, as people use Concord: several clients (each a process of its own)
// save overlapping rows in shuffled order through concord-cli apply, a grid's model and a
// checked admin action. The checks are invariants, never counts: no update is lost, what
// the clients report saved is what the database holds, and nobody sees a database error.
// Then the hard cases on purpose: a deadlock made by a second connection that locks rows
// in reverse order, and a row held open past the lock timeout.
class tst_ConcurrentBatches : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_db;
    QTemporaryDir m_files;

    /// What one client reported.
    struct Reported
    {
        QList<qint64> saved;
        QList<qint64> conflicts;
        QList<qint64> busy;
        QStringList errors;
        int exitCode = -1;
        qint64 elapsedMs = 0;
    };

    /// race(id, n, version): n starts at 0 and version at 1, so a row is right when n == version - 1.
    QString createRace(int rows)
    {
        QStringList values;
        for (int id = 1; id <= rows; ++id)
            values.append(QStringLiteral("(%1, 0, 1)").arg(id));
        return m_db->exec({
                QStringLiteral("CREATE TABLE race (id INTEGER PRIMARY KEY, n INTEGER NOT NULL, version BIGINT NOT NULL)"),
                QStringLiteral("INSERT INTO race (id, n, version) VALUES %1").arg(values.join(QLatin1Char(','))),
        });
    }

    QSqlDatabase m_check;

    /// A read from the outside, on one connection of the test's own.
    QVariant value(const QString &sql)
    {
        if (!m_check.isOpen())
            m_check = m_db->connect(QStringLiteral("check"));
        return SqlProbe::value(m_check, sql);
    }

    static QList<qint64> range(qint64 first, qint64 last)
    {
        QList<qint64> keys;
        for (qint64 k = first; k <= last; ++k)
            keys.append(k);
        return keys;
    }

    static QString joined(const QList<qint64> &keys)
    {
        QStringList words;
        for (qint64 key : keys)
            words.append(QString::number(key));
        return words.join(QLatin1Char(','));
    }

    static QList<qint64> sorted(QList<qint64> keys)
    {
        std::sort(keys.begin(), keys.end());
        return keys;
    }

    /// A concord-cli apply file: n + 1 on each key against the version read now, in the given order.
    QString applyFile(const QList<qint64> &keys)
    {
        QSqlDatabase db = m_db->connect(QStringLiteral("reader"));
        QSqlQuery query(db);
        QHash<qint64, QPair<qint64, qint64>> rows;
        if (!query.exec(QStringLiteral("SELECT id, n, version FROM race")))
            return QString();
        while (query.next())
            rows.insert(query.value(0).toLongLong(), {query.value(1).toLongLong(), query.value(2).toLongLong()});
        QJsonArray edits;
        for (qint64 key : keys) {
            edits.append(QJsonObject{{QStringLiteral("table"), QStringLiteral("race")},
                                     {QStringLiteral("pk"), key},
                                     {QStringLiteral("version"), rows.value(key).second},
                                     {QStringLiteral("set"), QJsonObject{{QStringLiteral("n"), rows.value(key).first + 1}}}});
        }
        static int files = 0;
        const QString path = m_files.filePath(QStringLiteral("edits-%1.json").arg(++files));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return QString();
        file.write(QJsonDocument(edits).toJson(QJsonDocument::Compact));
        return path;
    }

    /// Starts one client saving n + 1 on @p keys: "cli" (concord-cli apply, with @p policy),
    /// "model" (VersionedTableModel) or "action" (ActionRunner; with the abort-all policy it
    /// runs on all rows or none, else it skips the changed ones), each in a process of its
    /// own. Model and action clients read their rows, say "ready" and wait for go().
    std::unique_ptr<QProcess> start(const QString &path, const QList<qint64> &keys, int lockTimeoutMs,
                                     const QString &policy = QString())
    {
        auto process = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("CONCORD_PASSWORD"), m_db->password());
        process->setProcessEnvironment(env);
        if (path == QLatin1String("cli")) {
            QStringList arguments{QStringLiteral("--db"), m_db->url(), QStringLiteral("--lock-timeout"),
                                  QString::number(lockTimeoutMs), QStringLiteral("apply"), applyFile(keys)};
            if (!policy.isEmpty())
                arguments << QStringLiteral("--policy") << policy;
            process->start(QStringLiteral(CONCORD_CLI_PATH), arguments);
        } else {
            process->start(QStringLiteral(CONCORD_WORKER_PATH),
                           {path, m_db->url(), QStringLiteral("race"), joined(keys), QString::number(lockTimeoutMs),
                            policy == QLatin1String("abort-all") ? QStringLiteral("all") : QStringLiteral("skip")});
        }
        return process;
    }

    /// Lets a model or action client that said "ready" go on and save.
    static bool go(QProcess &process, const QString &path)
    {
        if (path == QLatin1String("cli"))
            return true;
        while (!process.canReadLine()) {
            if (!process.waitForReadyRead(60000))
                return false;
        }
        if (process.readLine().trimmed() != "ready")
            return false;
        process.write("go\n");
        return process.waitForBytesWritten(10000);
    }

    /// Waits for a client and reads what it reported.
    static Reported finish(QProcess &process, const QString &path)
    {
        Reported reported;
        if (!process.waitForFinished(180000)) {
            process.kill();
            reported.errors.append(QStringLiteral("the client did not finish in 180 s"));
            return reported;
        }
        reported.exitCode = process.exitCode();
        const QJsonObject json = QJsonDocument::fromJson(process.readAllStandardOutput().trimmed()).object();
        const auto keysOf = [&](const char *name) {
            QList<qint64> keys;
            const QJsonArray array = json.value(QLatin1String(name)).toArray();
            for (const QJsonValue &entry : array)
                keys.append(entry.isObject() ? entry.toObject().value(QStringLiteral("pk")).toInteger() : entry.toInteger());
            return keys;
        };
        reported.saved = keysOf("saved");
        reported.conflicts = keysOf("conflicts");
        reported.busy = keysOf("busy");
        const QJsonArray errors = json.value(QStringLiteral("errors")).toArray();
        for (const QJsonValue &entry : errors)
            reported.errors.append(entry.isObject() ? entry.toObject().value(QStringLiteral("message")).toString() : entry.toString());
        // concord-cli: 0 all saved, 3 conflicts or busy rows; anything else is a failure.
        const bool cli = path == QLatin1String("cli");
        if (process.exitStatus() != QProcess::NormalExit || (cli ? reported.exitCode != 0 && reported.exitCode != 3
                                                                 : reported.exitCode != 0)) {
            reported.errors.append(QStringLiteral("exit %1: %2").arg(reported.exitCode)
                                           .arg(QString::fromUtf8(process.readAllStandardError().trimmed())));
        }
        return reported;
    }

    /// One client from start to finish.
    Reported runClient(const QString &path, const QList<qint64> &keys, int lockTimeoutMs, const QString &policy = QString())
    {
        QElapsedTimer clock;
        clock.start();
        auto process = start(path, keys, lockTimeoutMs, policy);
        Reported reported;
        if (!go(*process, path))
            reported.errors.append(QStringLiteral("the client never said it was ready"));
        else
            reported = finish(*process, path);
        reported.elapsedMs = clock.elapsed();
        return reported;
    }

    /// A second person on a connection of their own, in a thread of their own so that this
    /// one can save meanwhile: holds row @p held in an open transaction until release(), or,
    /// with @p deadlockRow, then also writes that row once someone waits for @p held, which
    /// closes a deadlock with a batch that locks in key order.
    class Blocker
    {
    public:
        Blocker(TestDatabase &db, qint64 held, qint64 deadlockRow = -1)
            : m_thread([this, url = db.url(), password = db.password(), dialect = db.dialect(), held, deadlockRow] {
                run(url, password, dialect, held, deadlockRow);
            })
        {
        }
        ~Blocker() { join(); }
        bool waitUntilHolding()
        {
            for (int i = 0; i < 600 && !m_holding && !m_done; ++i)
                QThread::msleep(50);
            return m_holding;
        }
        void release() { m_release = true; }
        void join()
        {
            release();
            if (m_thread.joinable())
                m_thread.join();
        }
        QString error() const { return m_error; }

    private:
        void run(const QString &url, const QString &password, TestDatabase::Dialect dialect, qint64 held, qint64 deadlockRow)
        {
            const QString name = QStringLiteral("blocker-%1").arg(quintptr(this));
            const QString monitorName = name + QStringLiteral("-monitor");
            {
                const auto parsed = ConnectionUrl::parse(url);
                auto db = parsed->open(name, password);
                auto monitor = parsed->open(monitorName, password);
                if (!db || !monitor) {
                    m_error = QStringLiteral("could not connect");
                    m_done = true;
                    return;
                }
                QSqlQuery query(*db);
                const auto exec = [&](const QString &sql) {
                    if (!query.exec(sql) && m_error.isEmpty())
                        m_error = sql + QStringLiteral(": ") + query.lastError().text();
                };
                exec(dialect == TestDatabase::Dialect::SQLite ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN"));
                // InnoDB sacrifices the lighter transaction of a deadlock: with this much
                // written first, that is the batch under test, not this person.
                if (dialect == TestDatabase::Dialect::MariaDB && deadlockRow >= 0)
                    exec(QStringLiteral("UPDATE ballast SET n = n + 1"));
                exec(QStringLiteral("UPDATE race SET n = n + 100, version = version + 1 WHERE id = %1").arg(held));
                m_holding = m_error.isEmpty();
                if (deadlockRow >= 0 && m_holding) {
                    // Once the batch waits for the held row, take a row it already locked.
                    // (InnoDB's status names the waiting transactions; its INNODB_TRX table
                    // leaves them out while a transaction holds thousands of row locks.)
                    const bool postgres = dialect == TestDatabase::Dialect::PostgreSQL;
                    const QString waiting = postgres
                            ? QStringLiteral("SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                             "AND datname = current_database()")
                            : QStringLiteral("SHOW ENGINE INNODB STATUS");
                    QSqlQuery probe(*monitor);
                    // InnoDB's status covers the whole server, where other suites' batches may
                    // wait meanwhile: only a wait for a lock on this database's race counts.
                    QString raceTable;
                    if (!postgres && probe.exec(QStringLiteral("SELECT DATABASE()")) && probe.next())
                        raceTable = QStringLiteral("`%1`.`race`").arg(probe.value(0).toString());
                    const auto waitsForRace = [&raceTable](const QString &status) {
                        for (qsizetype at = status.indexOf(QLatin1String("TRX HAS BEEN WAITING")); at >= 0;
                             at = status.indexOf(QLatin1String("TRX HAS BEEN WAITING"), at + 1)) {
                            if (status.mid(at, 600).contains(raceTable))
                                return true;
                        }
                        return false;
                    };
                    bool seen = false;
                    for (int i = 0; i < 600 && !seen; ++i) {
                        seen = probe.exec(waiting) && probe.next()
                                && (postgres ? probe.value(0).toInt() > 0 : waitsForRace(probe.value(2).toString()));
                        if (!seen)
                            QThread::msleep(50);
                    }
                    if (!seen)
                        m_error = QStringLiteral("nobody ever waited for row %1 (%2)").arg(held).arg(probe.lastError().text());
                    exec(QStringLiteral("UPDATE race SET n = n + 100, version = version + 1 WHERE id = %1").arg(deadlockRow));
                    exec(QStringLiteral("COMMIT"));
                } else {
                    while (!m_release)
                        QThread::msleep(20);
                    exec(QStringLiteral("ROLLBACK"));
                }
                m_done = true;
            }
            QSqlDatabase::removeDatabase(name);
            QSqlDatabase::removeDatabase(monitorName);
        }

        std::atomic<bool> m_holding{false};
        std::atomic<bool> m_release{false};
        std::atomic<bool> m_done{false};
        QString m_error;
        std::thread m_thread;
    };

    /// The ways a client saves: concord-cli apply, a grid's model, a checked admin action.
    static void addPathRows()
    {
        QTest::addColumn<QString>("path");
        for (const char *path : {"cli", "model", "action"})
            QTest::newRow(path) << QString::fromLatin1(path);
    }

private Q_SLOTS:
    // Every test runs once per dialect (crossed with the client paths where it has them).
    void initTestCase_data() { TestDatabase::addDialectRows(); }
    void initTestCase() { QVERIFY(m_files.isValid()); }
    void cleanup()
    {
        m_check = QSqlDatabase();
        m_db.reset();
    }

    void shouldSaveEachEditOnceAndReportOnlyWhatCommitted_data() { addPathRows(); }
    void shouldSaveEachEditOnceAndReportOnlyWhatCommitted()
    {
        QFETCH_GLOBAL(QString, dialect);
        QFETCH(QString, path);
        // Small on purpose (CI runs every dialect and path); bench_concurrency goes big.
        constexpr int rows = 120;
        constexpr int clients = 6;
        constexpr int perClient = 45;
        constexpr int rounds = 3;
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        const QString created = createRace(rows);
        QVERIFY2(created.isEmpty(), qPrintable(created));

        const quint32 seed = QRandomGenerator::global()->generate();
        QRandomGenerator random(seed);
        int saved = 0;
        int contended = 0;
        for (int round = 0; round < rounds; ++round) {
            std::vector<std::unique_ptr<QProcess>> processes;
            for (int c = 0; c < clients; ++c) {
                QList<qint64> keys = range(1, rows);
                std::shuffle(keys.begin(), keys.end(), random);
                processes.push_back(start(path, keys.mid(0, perClient), 5000));
            }
            // Every model and action client has read its rows before any of them saves.
            for (auto &process : processes)
                QVERIFY2(go(*process, path), "a client never said it was ready");
            for (auto &process : processes) {
                const Reported reported = finish(*process, path);
                QVERIFY2(reported.errors.isEmpty(), qPrintable(QStringLiteral("seed %1: %2").arg(seed).arg(reported.errors.join(QStringLiteral("; ")))));
                saved += int(reported.saved.size());
                contended += int(reported.conflicts.size() + reported.busy.size());
            }
        }
        // No lost update: every row's n counts exactly its versions' increments.
        QCOMPARE(value(QStringLiteral("SELECT COUNT(*) FROM race WHERE n <> version - 1")).toInt(), 0);
        // Reported saved == committed, and each saved row was logged once.
        QCOMPARE(value(QStringLiteral("SELECT SUM(version - 1) FROM race")).toInt(), saved);
        QCOMPARE(value(QStringLiteral("SELECT COUNT(*) FROM concord_log WHERE table_name = 'race'")).toInt(), saved);
        // The clients did overlap (6 x 45 keys of 120 must), or this proved nothing.
        QVERIFY(contended > 0);
        QVERIFY(saved > 0);
        qInfo("%s/%s: %d clients x %d rounds, %d rows saved, %d conflicts or busy (seed %u)", qPrintable(dialect),
              qPrintable(path), clients, rounds, saved, contended, seed);
    }

    void shouldStartOverAfterADeadlockAndReportTruthfully_data() { addPathRows(); }
    void shouldStartOverAfterADeadlockAndReportTruthfully()
    {
        QFETCH_GLOBAL(QString, dialect);
        QFETCH(QString, path);
        if (dialect == QLatin1String("sqlite"))
            QSKIP("SQLite lets one writer in at a time: two batches cannot deadlock there");
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        const QString created = createRace(10);
        QVERIFY2(created.isEmpty(), qPrintable(created));
        QStringList ballast;
        for (int i = 1; i <= 2000; ++i)
            ballast.append(QStringLiteral("(%1, 0)").arg(i));
        const QString made = m_db->exec({QStringLiteral("CREATE TABLE ballast (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)"),
                                         QStringLiteral("INSERT INTO ballast (id, n) VALUES %1").arg(ballast.join(QLatin1Char(',')))});
        QVERIFY2(made.isEmpty(), qPrintable(made));
        const auto deadlocks = [this, dialect] {
            return dialect == QLatin1String("postgresql")
                    ? value(QStringLiteral("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()")).toInt()
                    : value(QStringLiteral("SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS "
                                           "WHERE VARIABLE_NAME = 'INNODB_DEADLOCKS'")).toInt();
        };
        const int deadlocksBefore = deadlocks();

        // The other person holds row 10, and takes row 1 once the batch (1..10, in key order)
        // holds 1..9 and waits for 10: a deadlock the database breaks by undoing the batch.
        Blocker other(*m_db, 10, 1);
        QVERIFY2(other.waitUntilHolding(), qPrintable(other.error()));
        const Reported reported = runClient(path, range(1, 10), 20000);
        other.join();
        QVERIFY2(other.error().isEmpty(), qPrintable(other.error()));
        QVERIFY2(reported.errors.isEmpty(), qPrintable(reported.errors.join(QStringLiteral("; "))));
        qInfo("saved %s, conflicts %s, busy %s, %lld ms", qPrintable(joined(reported.saved)), qPrintable(joined(reported.conflicts)),
              qPrintable(joined(reported.busy)), reported.elapsedMs);
        // Make sure the deadlock really happened (PostgreSQL counts it when its statistics
        // arrive, so allow it a moment).
        QTRY_VERIFY_WITH_TIMEOUT(deadlocks() > deadlocksBefore, 10000);

        // Started over: rows 1 and 10 are the other person's (a conflict), the rest are saved,
        // and what was reported is exactly what the database holds.
        QCOMPARE(sorted(reported.saved), range(2, 9));
        QCOMPARE(sorted(reported.conflicts), (QList<qint64>{1, 10}));
        QVERIFY(reported.busy.isEmpty());
        value(QStringLiteral("SELECT 1"));
        QCOMPARE(SqlProbe::rows(m_check, QStringLiteral("SELECT id, n, version FROM race ORDER BY id")),
                 QStringLiteral("1:100:2;2:1:2;3:1:2;4:1:2;5:1:2;6:1:2;7:1:2;8:1:2;9:1:2;10:100:2"));
        QCOMPARE(value(QStringLiteral("SELECT COUNT(*) FROM concord_log WHERE table_name = 'race'")).toInt(), 8);
    }

    void shouldReportARowHeldPastTheLockTimeoutAsBusy_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("policy");
        QTest::addColumn<int>("count");
        QTest::newRow("cli") << QStringLiteral("cli") << QString() << 8;
        QTest::newRow("cli abort-all") << QStringLiteral("cli") << QStringLiteral("abort-all") << 8;
        QTest::newRow("cli one row") << QStringLiteral("cli") << QString() << 1;
        QTest::newRow("model") << QStringLiteral("model") << QString() << 8;
        QTest::newRow("action") << QStringLiteral("action") << QString() << 8;
        QTest::newRow("action all or none") << QStringLiteral("action") << QStringLiteral("abort-all") << 8;
    }
    void shouldReportARowHeldPastTheLockTimeoutAsBusy()
    {
        QFETCH_GLOBAL(QString, dialect);
        QFETCH(QString, path);
        QFETCH(QString, policy);
        QFETCH(int, count);
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        const QString created = createRace(8);
        QVERIFY2(created.isEmpty(), qPrintable(created));
        const QList<qint64> keys = count == 1 ? QList<qint64>{5} : QList<qint64>{8, 3, 5, 1, 7, 2, 6, 4};

        Blocker other(*m_db, 5);
        QVERIFY2(other.waitUntilHolding(), qPrintable(other.error()));
        const Reported reported = runClient(path, keys, 1000, policy);
        other.join();
        QVERIFY2(reported.errors.isEmpty(), qPrintable(reported.errors.join(QStringLiteral("; "))));

        // SQLite's lock is the whole database: every row is busy. Elsewhere row 5 alone is,
        // and the others save unless the save or action is all or nothing.
        const bool wholeDatabase = dialect == QLatin1String("sqlite");
        const bool allOrNothing = !policy.isEmpty();
        const QList<qint64> busy = wholeDatabase ? sorted(keys) : QList<qint64>{5};
        QCOMPARE(sorted(reported.busy), busy);
        QVERIFY(reported.conflicts.isEmpty());
        QList<qint64> saved;
        if (!wholeDatabase && !allOrNothing) {
            for (qint64 key : sorted(keys))
                if (key != 5)
                    saved.append(key);
        }
        QCOMPARE(sorted(reported.saved), saved);
        if (path == QLatin1String("cli"))
            QCOMPARE(reported.exitCode, 3);
        // It waited about the lock timeout, not more (MariaDB counts whole seconds).
        QVERIFY2(reported.elapsedMs >= 900, qPrintable(QString::number(reported.elapsedMs)));
        QVERIFY2(reported.elapsedMs < 6000, qPrintable(QString::number(reported.elapsedMs)));
        // The database holds exactly what was reported: the held row was rolled back by its owner.
        QCOMPARE(value(QStringLiteral("SELECT COUNT(*) FROM race WHERE n = 1 AND version = 2")).toInt(), saved.size());
        QCOMPARE(value(QStringLiteral("SELECT COUNT(*) FROM race WHERE n = 0 AND version = 1")).toInt(), 8 - saved.size());
    }

    void shouldKeepABusyEditPendingUntilItSaves()
    {
        QFETCH_GLOBAL(QString, dialect);
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        const QString created = createRace(4);
        QVERIFY2(created.isEmpty(), qPrintable(created));
        QSqlDatabase db = m_db->connect(QStringLiteral("grid"));
        VersionedTableModel model(nullptr, db);
        model.setTable(QStringLiteral("race"));
        model.setSort(0, Qt::AscendingOrder);
        QVERIFY(model.select());
        model.setLockTimeout(500);
        const int n = model.record().indexOf(QStringLiteral("n"));
        for (int row = 0; row < 4; ++row)
            QVERIFY(model.setData(model.index(row, n), 7));

        {
            Blocker other(*m_db, 3);
            QVERIFY2(other.waitUntilHolding(), qPrintable(other.error()));
            QVERIFY(!model.submitAll());
            other.join();
        }
        const SubmitResult &first = model.lastSubmitResult();
        QCOMPARE(first.busyCount(), dialect == QLatin1String("sqlite") ? 4 : 1);
        const int held = model.rowForKey(3);
        QCOMPARE(model.rowState(held), VersionedTableModel::RowState::Busy);
        QCOMPARE(model.index(held, n).data().toInt(), 7);
        QVERIFY(model.index(held, n).data(Qt::ToolTipRole).toString().contains(QStringLiteral("someone else")));
        QCOMPARE(model.pendingCount(), first.busyCount());

        // Once the other person is done, saving again saves it, against the version it had.
        QVERIFY2(model.submitAll(), qPrintable(model.lastError().text()));
        QCOMPARE(model.pendingCount(), 0);
        value(QStringLiteral("SELECT 1"));
        QCOMPARE(SqlProbe::rows(m_check, QStringLiteral("SELECT id, n, version FROM race ORDER BY id")),
                 QStringLiteral("1:7:2;2:7:2;3:7:2;4:7:2"));
    }
};

QTEST_MAIN(tst_ConcurrentBatches)
#include "tst_concurrentbatches.moc"
