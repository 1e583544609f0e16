// bench_selectall: client memory of "Select all N matching" and an action on it.
//
// One step a process, so each starts from the same memory:
//   bench_selectall --db URL --create N          makes table sel (Bench::createItems), N rows
//   bench_selectall --db URL --mode list         today's way: matchingRows() into a QList,
//                                                then ActionRunner::run() on the list
//   bench_selectall --db URL --mode snapshot     matchingSnapshot() spilled to a temporary
//                                                file, then run() on it a chunk at a time,
//                                                counting the rows saved (listSavedRows off)
// Each prints resident memory (VmRSS) with the table open, after the select-all and after
// the action, the peak (VmHWM) after each step, and the time taken; the action sets qty to
// 7 on every row, and the database is checked afterwards. A server's password comes from
// CONCORD_PASSWORD. The snapshot mode is left out where RowSnapshot does not exist yet, so
// the same file also builds on older code to measure it the same way.

#include "benchsupport.h"

#include "actionrunner.h"
#include "adminaction.h"
#include "versionedtablemodel.h"

#if __has_include("rowsnapshot.h")
#include "rowsnapshot.h"
#define CONCORD_HAVE_ROWSNAPSHOT 1
#endif

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>

#include <cstdio>

namespace {

const QString table = QStringLiteral("sel");

void print(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

qint64 peakKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

void printMemory(const QString &when, double ms = -1)
{
    QString line = QStringLiteral("%1: RSS %2 MiB, peak %3 MiB")
                           .arg(when, -22)
                           .arg(double(Bench::rssKiB()) / 1024, 7, 'f', 1)
                           .arg(double(peakKiB()) / 1024, 7, 'f', 1);
    if (ms >= 0)
        line += QStringLiteral(", %1").arg(Bench::formatMs(ms));
    print(line);
}

int act(QSqlDatabase db, const QString &mode, int chunk)
{
    Concord::VersionedTableModel model(nullptr, db);
    model.setTable(table);
    if (!model.select())
        return Bench::fail(QStringLiteral("could not open %1").arg(table));
    const qint64 rows = Bench::scalar(db, QStringLiteral("SELECT COUNT(*) FROM %1").arg(table));
    print(QStringLiteral("%1 rows, mode %2").arg(rows).arg(mode));
    printMemory(QStringLiteral("table open"));
    const Concord::AdminAction action = Concord::AdminAction::setField(QStringLiteral("qty"), 7);
    Concord::ActionRunner runner(db);
    Concord::SubmitResult result;
    QElapsedTimer timer;
    if (mode == QLatin1String("list")) {
        timer.start();
        const auto matching = model.matchingRows();
        if (!matching)
            return Bench::fail(matching.error().message);
        printMemory(QStringLiteral("after select-all"), Bench::elapsedMs(timer));
        timer.restart();
        result = runner.run(table, *matching, action);
    } else {
#ifdef CONCORD_HAVE_ROWSNAPSHOT
        timer.start();
        const auto snapshot = model.matchingSnapshot(chunk);
        if (!snapshot)
            return Bench::fail(snapshot.error().message);
        printMemory(QStringLiteral("after select-all"), Bench::elapsedMs(timer));
        timer.restart();
        Concord::ActionOptions options;
        options.listSavedRows = false;
        result = runner.run(table, **snapshot, action, options);
#else
        Q_UNUSED(chunk);
        return Bench::fail(QStringLiteral("this build has no RowSnapshot"));
#endif
    }
    printMemory(QStringLiteral("after the action"), Bench::elapsedMs(timer));
    if (!result.committed)
        return Bench::fail(QStringLiteral("the action did not commit: %1").arg(result.error.message));
    const qint64 set = Bench::scalar(db, QStringLiteral("SELECT COUNT(*) FROM %1 WHERE qty = 7").arg(table));
    print(QStringLiteral("saved %1, rows listed in the result %2; qty = 7 on %3 rows").arg(result.savedCount())
                  .arg(result.rows.size()).arg(set));
    return set == rows && result.savedCount() == rows ? 0 : Bench::fail(QStringLiteral("the database does not hold what was reported"));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Client memory of select all matching and an action on it."));
    parser.addHelpOption();
    const QCommandLineOption dbOption(QStringLiteral("db"), QStringLiteral("SQLite file or server URL."), QStringLiteral("URL"));
    const QCommandLineOption createOption(QStringLiteral("create"), QStringLiteral("Make table sel with N rows."), QStringLiteral("N"));
    const QCommandLineOption modeOption(QStringLiteral("mode"), QStringLiteral("list or snapshot."), QStringLiteral("MODE"));
    const QCommandLineOption chunkOption(QStringLiteral("chunk"), QStringLiteral("Snapshot chunk size."), QStringLiteral("N"),
                                         QStringLiteral("4096"));
    parser.addOptions({dbOption, createOption, modeOption, chunkOption});
    parser.process(app);
    Bench::Connection connection(parser.value(dbOption), qEnvironmentVariable("CONCORD_PASSWORD"));
    if (!connection.isOpen())
        return Bench::fail(connection.error());
    if (parser.isSet(createOption)) {
        Bench::exec(connection.db(), QStringLiteral("DROP TABLE IF EXISTS %1").arg(table));
        QElapsedTimer timer;
        timer.start();
        const QString error = Bench::createItems(connection.db(), table, parser.value(createOption).toInt());
        if (!error.isEmpty())
            return Bench::fail(error);
        print(QStringLiteral("made %1 with %2 rows in %3").arg(table, parser.value(createOption), Bench::formatMs(Bench::elapsedMs(timer))));
        return 0;
    }
    return act(connection.db(), parser.value(modeOption), parser.value(chunkOption).toInt());
}
