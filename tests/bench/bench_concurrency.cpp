// bench_concurrency: many people saving overlapping rows at once, each a concord-cli
// process, against SQLite and the PostgreSQL and MariaDB servers of tests/servers/servers.sh
// (CONCORD_TEST_PG_* / CONCORD_TEST_MY_*; without them only SQLite runs).
//
// Per dialect and client count, on a fresh 2,000-row table: every client saves a few
// batches of 300 rows picked at random, in shuffled order, each edit "n = n + 1" against
// the version read just before the batch (as a grid's edits reach Save). Printed: rows
// saved per second, conflicts, busy rows, batch times (p50, p95, max: a concord-cli call
// from start to exit, process start included) and the check that keeps the figures
// honest: no lost update (n == version - 1 on every row), and what the clients reported
// saved is what the database holds. Throughput at 10 clients is compared with 1 client,
// both as rows saved per second and as rows decided (saved, conflict or busy) per second:
// the more clients edit the same 2,000 rows at once, the more of their edits conflict,
// which one client alone never meets.

#include "benchsupport.h"
#include "testdatabase.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

namespace {

constexpr int tableRows = 2000;
constexpr int batchRows = 300;
constexpr int lockTimeoutMs = 5000;

void print(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

struct Figures
{
    int clients = 0;
    int batches = 0;
    qint64 saved = 0;
    qint64 conflicts = 0;
    qint64 busy = 0;
    int failures = 0;
    QString firstFailure;
    double wallMs = 0;
    std::vector<double> batchMs;
    qint64 lostUpdates = -1;
    qint64 committed = -1;

    double percentile(double p) const
    {
        if (batchMs.empty())
            return 0;
        std::vector<double> sorted = batchMs;
        std::sort(sorted.begin(), sorted.end());
        return sorted[size_t(std::min<double>(double(sorted.size()) - 1, p * double(sorted.size())))];
    }
    double rowsPerSecond() const { return wallMs > 0 ? double(saved) * 1000.0 / wallMs : 0; }
    /// Rows the clients got an answer for (saved, conflict or busy), per second.
    double decidedPerSecond() const { return wallMs > 0 ? double(saved + conflicts + busy) * 1000.0 / wallMs : 0; }
};

/// One run: @p clients processes, each saving @p batchesEach batches one after another.
class Run
{
public:
    Run(TestDatabase &db, int clients, int batchesEach)
        : m_db(db)
        , m_clients(clients)
        , m_batchesEach(batchesEach)
        , m_reader(db.connect(QStringLiteral("bench-reader")))
    {
        m_figures.clients = clients;
    }

    Figures go()
    {
        QElapsedTimer wall;
        wall.start();
        m_remaining.assign(size_t(m_clients), m_batchesEach);
        m_running = m_clients;
        for (int c = 0; c < m_clients; ++c)
            startBatch(c);
        QEventLoop loop;
        m_loop = &loop;
        if (m_running > 0)
            loop.exec();
        m_figures.wallMs = Bench::elapsedMs(wall);
        m_figures.lostUpdates = Bench::scalar(m_reader, QStringLiteral("SELECT COUNT(*) FROM race WHERE n <> version - 1"));
        m_figures.committed = Bench::scalar(m_reader, QStringLiteral("SELECT SUM(version - 1) FROM race"));
        return m_figures;
    }

private:
    QString applyFile(int client)
    {
        QList<int> keys;
        for (int id = 1; id <= tableRows; ++id)
            keys.append(id);
        std::shuffle(keys.begin(), keys.end(), *QRandomGenerator::global());
        keys = keys.mid(0, batchRows);
        // The versions as the person saw them: read just before this batch.
        QStringList list;
        for (int key : std::as_const(keys))
            list.append(QString::number(key));
        QHash<int, QPair<qint64, qint64>> rows;
        QSqlQuery query(m_reader);
        query.exec(QStringLiteral("SELECT id, n, version FROM race WHERE id IN (%1)").arg(list.join(QLatin1Char(','))));
        while (query.next())
            rows.insert(query.value(0).toInt(), {query.value(1).toLongLong(), query.value(2).toLongLong()});
        QJsonArray edits;
        for (int key : std::as_const(keys)) {
            edits.append(QJsonObject{{QStringLiteral("table"), QStringLiteral("race")},
                                     {QStringLiteral("pk"), key},
                                     {QStringLiteral("version"), rows.value(key).second},
                                     {QStringLiteral("set"), QJsonObject{{QStringLiteral("n"), rows.value(key).first + 1}}}});
        }
        const QString path = m_files.filePath(QStringLiteral("client-%1.json").arg(client));
        QFile file(path);
        file.open(QIODevice::WriteOnly);
        file.write(QJsonDocument(edits).toJson(QJsonDocument::Compact));
        return path;
    }

    void startBatch(int client)
    {
        auto *process = new QProcess;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("CONCORD_PASSWORD"), m_db.password());
        process->setProcessEnvironment(env);
        auto *clock = new QElapsedTimer;
        QObject::connect(process, &QProcess::finished, process, [this, process, clock, client](int exitCode, QProcess::ExitStatus status) {
            m_figures.batchMs.push_back(Bench::elapsedMs(*clock));
            delete clock;
            ++m_figures.batches;
            const QJsonObject json = QJsonDocument::fromJson(process->readAllStandardOutput()).object();
            m_figures.saved += json.value(QStringLiteral("saved")).toArray().size();
            m_figures.conflicts += json.value(QStringLiteral("conflicts")).toArray().size();
            m_figures.busy += json.value(QStringLiteral("busy")).toArray().size();
            const int errors = int(json.value(QStringLiteral("errors")).toArray().size());
            if (status != QProcess::NormalExit || (exitCode != 0 && exitCode != 3) || errors > 0) {
                ++m_figures.failures;
                if (m_figures.firstFailure.isEmpty())
                    m_figures.firstFailure = QString::fromUtf8(process->readAllStandardError().trimmed());
            }
            process->deleteLater();
            if (--m_remaining[size_t(client)] > 0) {
                startBatch(client);
            } else if (--m_running == 0) {
                m_loop->quit();
            }
        });
        const QString file = applyFile(client);
        clock->start();
        process->start(QStringLiteral(CONCORD_CLI_PATH), {QStringLiteral("--db"), m_db.url(), QStringLiteral("--lock-timeout"),
                                                          QString::number(lockTimeoutMs), QStringLiteral("apply"), file});
    }

    TestDatabase &m_db;
    int m_clients;
    int m_batchesEach;
    QSqlDatabase m_reader;
    QTemporaryDir m_files;
    std::vector<int> m_remaining;
    int m_running = 0;
    QEventLoop *m_loop = nullptr;
    Figures m_figures;
};

QString createRace(TestDatabase &db)
{
    QStringList values;
    for (int id = 1; id <= tableRows; ++id)
        values.append(QStringLiteral("(%1, 0, 1)").arg(id));
    return db.exec({QStringLiteral("CREATE TABLE race (id INTEGER PRIMARY KEY, n INTEGER NOT NULL, version BIGINT NOT NULL)"),
                    QStringLiteral("INSERT INTO race (id, n, version) VALUES %1").arg(values.join(QLatin1Char(',')))});
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    print(QStringLiteral("bench_concurrency: %1-row table, batches of %2 shuffled rows (n = n + 1 against the version "
                         "read just before), concord-cli apply per batch, lock timeout %3 s")
                  .arg(tableRows).arg(batchRows).arg(lockTimeoutMs / 1000));
    print(QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9 %10 %11  %12")
                  .arg(QStringLiteral("dialect"), -11).arg(QStringLiteral("clients"), 7).arg(QStringLiteral("batches"), 7)
                  .arg(QStringLiteral("saved"), 6).arg(QStringLiteral("saved/s"), 8).arg(QStringLiteral("conflicts"), 9)
                  .arg(QStringLiteral("busy"), 5).arg(QStringLiteral("decided/s"), 9).arg(QStringLiteral("p50"), 9)
                  .arg(QStringLiteral("p95"), 9).arg(QStringLiteral("max"), 9).arg(QStringLiteral("check")));
    bool allRight = true;
    for (TestDatabase::Dialect dialect : TestDatabase::dialects()) {
        const bool sqlite = dialect == TestDatabase::Dialect::SQLite;
        const QList<int> counts = sqlite ? QList<int>{1, 20} : QList<int>{1, 10, 50};
        double single = 0;
        double singleDecided = 0;
        for (int clients : counts) {
            TestDatabase db(dialect);
            if (!db.isValid())
                return Bench::fail(db.error());
            if (const QString error = createRace(db); !error.isEmpty())
                return Bench::fail(error);
            // Enough batches that start-up is not the whole figure, few enough at 50 clients.
            const int batchesEach = clients == 1 ? 8 : clients <= 20 ? 4 : 2;
            Figures f = Run(db, clients, batchesEach).go();
            const bool right = f.lostUpdates == 0 && f.committed == f.saved && f.failures == 0;
            allRight = allRight && right;
            if (clients == 1) {
                single = f.rowsPerSecond();
                singleDecided = f.decidedPerSecond();
            }
            QString check = right ? QStringLiteral("ok: no lost update, reported saved == committed, no error")
                                  : QStringLiteral("WRONG: %1 rows with n != version - 1, %2 reported vs %3 committed, %4 failed (%5)")
                                            .arg(f.lostUpdates).arg(f.saved).arg(f.committed).arg(f.failures).arg(f.firstFailure);
            if (clients > 1 && single > 0) {
                check += QStringLiteral("; vs 1 client: saved/s %1, decided/s %2")
                                 .arg(Bench::formatRatio(f.rowsPerSecond() / single),
                                      Bench::formatRatio(f.decidedPerSecond() / singleDecided));
            }
            print(QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9 %10 %11  %12")
                          .arg(TestDatabase::name(dialect), -11).arg(clients, 7).arg(f.batches, 7).arg(f.saved, 6)
                          .arg(QString::number(f.rowsPerSecond(), 'f', 0), 8).arg(f.conflicts, 9).arg(f.busy, 5)
                          .arg(QString::number(f.decidedPerSecond(), 'f', 0), 9)
                          .arg(Bench::formatMs(f.percentile(0.5)), 9).arg(Bench::formatMs(f.percentile(0.95)), 9)
                          .arg(Bench::formatMs(f.percentile(1.0)), 9).arg(check));
        }
    }
    return allRight ? 0 : 1;
}
