#include "testdatabase.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTest>
#include <QTimer>

#include <memory>

// The lost-update problem, end to end: many concord-cli processes read a counter and write
// it back incremented, each under the version it read, retrying on a conflict (exit 3).
// Without optimistic locking two of them would write the same value and one increment
// would be lost; with it the counter ends at exactly workers x increments.
class tst_LostUpdate : public QObject
{
    Q_OBJECT

private:
    // One worker: get, then update --version (again from the conflict's current row on
    // exit 3), until it has saved its share.
    struct Worker
    {
        int id = 0;
        int saved = 0;
        int conflicts = 0;
        int streak = 0;      // conflicts in a row, for the backoff
        bool finished = false;
        QString failure;
        std::unique_ptr<QProcess> process;
    };

    static constexpr int incrementsPerWorker = 5;
    static constexpr int callTimeoutMs = 120000;

    std::unique_ptr<TestDatabase> m_db;
    QList<std::shared_ptr<Worker>> m_workers;

    QVariant value(const QString &sql)
    {
        QVariant result = QStringLiteral("<error>");
        {
            QSqlDatabase db = m_db->connect(QStringLiteral("check"));
            QSqlQuery query(db);
            if (query.exec(sql) && query.next())
                result = query.value(0);
        }
        return result;
    }

    /// Starts one concord-cli call for @p worker; @p done gets its exit code and output.
    void call(const std::shared_ptr<Worker> &worker, const QStringList &arguments,
              std::function<void(int exitCode, const QByteArray &out)> done)
    {
        worker->process = std::make_unique<QProcess>();
        QProcess *process = worker->process.get();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("CONCORD_PASSWORD"), m_db->password());
        env.insert(QStringLiteral("CONCORD_USER"), QStringLiteral("worker-%1").arg(worker->id));
        process->setProcessEnvironment(env);
        // A hung call must end the worker with a failure, never hang the suite.
        QTimer::singleShot(callTimeoutMs, process, [process] { process->kill(); });
        connect(process, &QProcess::finished, process, [worker, process, done](int exitCode, QProcess::ExitStatus status) {
            const QByteArray out = process->readAllStandardOutput();
            const QByteArray err = process->readAllStandardError();
            if (status != QProcess::NormalExit) {
                worker->failure = QStringLiteral("worker %1: concord-cli crashed or timed out").arg(worker->id);
                worker->finished = true;
                return;
            }
            if (exitCode != 0 && exitCode != 3) {
                worker->failure = QStringLiteral("worker %1: exit %2: %3").arg(worker->id).arg(exitCode)
                                          .arg(QString::fromUtf8(err.trimmed()));
                worker->finished = true;
                return;
            }
            done(exitCode, out);
        });
        connect(process, &QProcess::errorOccurred, process, [worker](QProcess::ProcessError error) {
            if (error == QProcess::FailedToStart) {
                worker->failure = QStringLiteral("worker %1: concord-cli did not start").arg(worker->id);
                worker->finished = true;
            }
        });
        process->start(QStringLiteral(CONCORD_CLI_PATH), QStringList{QStringLiteral("--db"), m_db->url()} + arguments);
        process->closeWriteChannel();
    }

    void readAndIncrement(const std::shared_ptr<Worker> &worker)
    {
        // Deferred: the previous call's QProcess is still delivering its finished signal.
        QTimer::singleShot(0, this, [this, worker] {
            call(worker, {QStringLiteral("get"), QStringLiteral("counters"), QStringLiteral("1")},
                 [this, worker](int exitCode, const QByteArray &out) {
                const QJsonObject row = QJsonDocument::fromJson(out).object();
                const QJsonValue n = row.value(QStringLiteral("n"));
                const QJsonValue version = row.value(QStringLiteral("version"));
                if (exitCode != 0 || !n.isDouble() || !version.isDouble()) {
                    worker->failure = QStringLiteral("worker %1: get printed %2").arg(worker->id).arg(QString::fromUtf8(out));
                    worker->finished = true;
                    return;
                }
                write(worker, n.toInteger(), version.toInteger());
            });
        });
    }

    void write(const std::shared_ptr<Worker> &worker, qint64 n, qint64 version, int delayMs = 0)
    {
        QTimer::singleShot(delayMs, this, [this, worker, n, version] {
            call(worker, {QStringLiteral("update"), QStringLiteral("counters"), QStringLiteral("1"), QStringLiteral("--version"),
                          QString::number(version), QStringLiteral("--set"), QStringLiteral("n=%1").arg(n + 1)},
                 [this, worker, version](int exitCode, const QByteArray &out) {
                if (exitCode == 3) {
                    // Someone else got there first: the conflict carries the current row,
                    // so the retry goes on from there, as a script would.
                    ++worker->conflicts;
                    const QJsonObject result = QJsonDocument::fromJson(out).object();
                    const QJsonObject theirs = result.value(QStringLiteral("theirs")).toObject();
                    const qint64 current = theirs.value(QStringLiteral("version")).toInteger(-1);
                    if (result.value(QStringLiteral("reason")).toString() != QLatin1String("modified") || current <= version) {
                        worker->failure = QStringLiteral("worker %1: a conflict against version %2 reported %3")
                                                  .arg(worker->id).arg(version).arg(QString::fromUtf8(out.trimmed()));
                        worker->finished = true;
                        return;
                    }
                    // Back off a random, growing while, as a well-behaved script would:
                    // 25 processes retrying at once mostly collide again.
                    const int ceiling = 40 << std::min(++worker->streak, 5);
                    write(worker, theirs.value(QStringLiteral("n")).toInteger(), current,
                          int(QRandomGenerator::global()->bounded(ceiling)));
                    return;
                }
                worker->streak = 0;
                if (++worker->saved == incrementsPerWorker) {
                    worker->finished = true;
                    return;
                }
                readAndIncrement(worker);
            });
        });
    }

    int finishedCount() const
    {
        int n = 0;
        for (const auto &worker : m_workers)
            n += worker->finished ? 1 : 0;
        return n;
    }

private Q_SLOTS:
    // The race runs once per dialect.
    void initTestCase_data() { TestDatabase::addDialectRows(); }

    void cleanup()
    {
        for (const auto &worker : std::as_const(m_workers)) {
            if (worker->process && worker->process->state() != QProcess::NotRunning) {
                worker->process->kill();
                worker->process->waitForFinished(5000);
            }
        }
        m_workers.clear();
        m_db.reset();
    }

    void shouldNeverLoseAnUpdate()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        const QString dialect = TestDatabase::name(m_db->dialect());
        // SQLite lets one writer in at a time: ten processes race on it, twenty-five on a server.
        const int workers = m_db->dialect() == TestDatabase::Dialect::SQLite ? 10 : 25;
        // Version 0 on purpose: a zero version must be checked like any other.
        const QString error = m_db->exec({
            QStringLiteral("CREATE TABLE counters (id INTEGER PRIMARY KEY, n INTEGER NOT NULL, version BIGINT)"),
            QStringLiteral("INSERT INTO counters (id, n, version) VALUES (1, 0, 0)"),
        });
        QVERIFY2(error.isEmpty(), qPrintable(error));

        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < workers; ++i) {
            auto worker = std::make_shared<Worker>();
            worker->id = i + 1;
            m_workers.append(worker);
        }
        for (const auto &worker : std::as_const(m_workers))
            readAndIncrement(worker);
        QTRY_VERIFY_WITH_TIMEOUT(finishedCount() == workers, 600000);

        int conflicts = 0;
        for (const auto &worker : std::as_const(m_workers)) {
            QVERIFY2(worker->failure.isEmpty(), qPrintable(worker->failure));
            QCOMPARE(worker->saved, incrementsPerWorker);
            conflicts += worker->conflicts;
        }
        const int expected = workers * incrementsPerWorker;
        QCOMPARE(value(QStringLiteral("SELECT n FROM counters WHERE id = 1")).toInt(), expected);
        QCOMPARE(value(QStringLiteral("SELECT version FROM counters WHERE id = 1")).toInt(), expected);
        // Every save was logged once, each with its own version; no conflict was logged.
        QCOMPARE(value(QStringLiteral("SELECT COUNT(*) FROM concord_log WHERE table_name = 'counters'")).toInt(), expected);
        QCOMPARE(value(QStringLiteral("SELECT COUNT(DISTINCT version) FROM concord_log")).toInt(), expected);
        qInfo("%s: %d workers x %d increments = %d saves, %d conflicts retried, %lld ms", qPrintable(dialect), workers,
              incrementsPerWorker, expected, conflicts, clock.elapsed());
    }
};

QTEST_MAIN(tst_LostUpdate)
#include "tst_lostupdate.moc"
