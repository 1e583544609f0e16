// bench_apply: `concord-cli apply` of N edits on an SQLite file against a program doing
// the same work (bench_apply_reference: process start, reading and checking the JSON,
// the versioned UPDATE per edit, with the log the old value and the concord_log INSERT,
// and the JSON result printed). Both run as processes on fresh copies of the same file,
// log on and log off (`concord-cli log off t` beforehand, not timed), in turn, three
// rounds; each figure is the median of its three. CPU is the child's user + system time.
// Every run is verified in the database afterwards.

#include "benchsupport.h"

#include "changelog.h"
#include "sqldialect.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <optional>

namespace {

const QString table = QStringLiteral("t");

void print(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

double childrenCpuMs()
{
    rusage usage{};
    getrusage(RUSAGE_CHILDREN, &usage);
    const auto ms = [](const timeval &t) { return t.tv_sec * 1000.0 + t.tv_usec / 1000.0; };
    return ms(usage.ru_utime) + ms(usage.ru_stime);
}

using Bench::Figures;
using Bench::median;

/// Runs @p program with @p arguments to its end; nullopt (and @p error) unless it exits 0.
std::optional<Figures> runProcess(const QString &program, const QStringList &arguments, QString *error)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CONCORD_USER"), QStringLiteral("bench"));
    process.setProcessEnvironment(env);
    const double cpuBefore = childrenCpuMs();
    QElapsedTimer timer;
    timer.start();
    process.start(program, arguments);
    if (!process.waitForFinished(600000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        *error = QStringLiteral("%1 %2 failed (exit %3): %4")
                         .arg(QFileInfo(program).fileName(), arguments.join(QLatin1Char(' ')))
                         .arg(process.exitCode()).arg(QString::fromUtf8(process.readAllStandardError()));
        return std::nullopt;
    }
    const Figures figures{Bench::elapsedMs(timer), childrenCpuMs() - cpuBefore};
    // The output is read after the clock stops; both print the saved rows.
    if (process.readAllStandardOutput().size() < 16) {
        *error = QStringLiteral("%1 printed no result").arg(QFileInfo(program).fileName());
        return std::nullopt;
    }
    return figures;
}

/// Checks @p path after a run: every row edited once, and a log row each or none.
QString verify(const QString &path, int rows, bool logged)
{
    Bench::Connection connection(path);
    if (!connection.isOpen())
        return connection.error();
    if (const qint64 edited = Bench::countEdited(connection.db(), table, 1); edited != rows)
        return QStringLiteral("%1 of %2 rows carry the edit").arg(edited).arg(rows);
    const qint64 entries = Bench::countLogged(connection.db(), table, QStringLiteral("update"));
    if (entries != (logged ? rows : 0))
        return QStringLiteral("%1 log rows for %2 rows, log %3").arg(entries).arg(rows).arg(logged ? "on" : "off");
    return QString();
}

QString writeEdits(const QString &path, int rows)
{
    QJsonArray edits;
    for (int id = 1; id <= rows; ++id) {
        edits.append(QJsonObject{{QStringLiteral("table"), table}, {QStringLiteral("pk"), id}, {QStringLiteral("version"), 1},
                                 {QStringLiteral("set"), QJsonObject{{QStringLiteral("qty"), id % 1000 + 1}}}});
    }
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(edits).toJson(QJsonDocument::Compact)) < 0)
        return QStringLiteral("cannot write %1").arg(path);
    return QString();
}

QString writeTemplate(const QString &path, int rows)
{
    Bench::Connection connection(path);
    if (!connection.isOpen())
        return connection.error();
    if (const QString error = Bench::createItems(connection.db(), table, rows); !error.isEmpty())
        return error;
    // Both sides find the log table there, as a database Concord has saved to before would.
    const auto dialect = Concord::SqlDialect::create(connection.db());
    if (auto made = Concord::ChangeLog::ensureTable(connection.db(), *dialect); !made)
        return made.error().message;
    return QString();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("concord-cli apply against a program doing the same work."));
    parser.addHelpOption();
    QCommandLineOption rowsOption(QStringLiteral("rows"), QStringLiteral("Edits in the file."), QStringLiteral("N"),
                                  QStringLiteral("100000"));
    parser.addOption(rowsOption);
    parser.process(app);
    const int rows = std::max(1, parser.value(rowsOption).toInt());

    QTemporaryDir dir;
    if (!dir.isValid())
        return Bench::fail(QStringLiteral("no temporary directory"));
    const QString base = QDir(dir.path()).filePath(QStringLiteral("template.sqlite"));
    const QString editsFile = QDir(dir.path()).filePath(QStringLiteral("edits.json"));
    if (QString error = writeTemplate(base, rows); !error.isEmpty())
        return Bench::fail(error);
    if (QString error = writeEdits(editsFile, rows); !error.isEmpty())
        return Bench::fail(error);

    print(QStringLiteral("bench_apply: concord-cli apply of %1 edits (qty of every row of t) on an SQLite file,").arg(rows));
    print(QStringLiteral("against bench_apply_reference doing the same work; each a process on a fresh copy;"));
    print(QStringLiteral("medians of 3 alternating rounds; CPU = the child process's user + system time."));

    const QString cli = QStringLiteral(CONCORD_CLI_PATH);
    const QString reference = QStringLiteral(CONCORD_APPLY_REFERENCE_PATH);
    QHash<QString, QList<double>> wall;
    QHash<QString, QList<double>> cpu;
    int copyNo = 0;
    for (int round = 0; round < 3; ++round) {
        for (const bool logged : {true, false}) {
            for (const bool concord : {true, false}) {
                const QString path = QDir(dir.path()).filePath(QStringLiteral("run-%1.sqlite").arg(++copyNo));
                if (!QFile::copy(base, path))
                    return Bench::fail(QStringLiteral("cannot copy the database"));
                QString error;
                if (concord && !logged
                    && !runProcess(cli, {QStringLiteral("--db"), path, QStringLiteral("log"), QStringLiteral("off"), table}, &error))
                    return Bench::fail(error);
                const QStringList arguments = concord
                        ? QStringList{QStringLiteral("--db"), path, QStringLiteral("apply"), editsFile}
                        : (logged ? QStringList{QStringLiteral("--log"), path, editsFile} : QStringList{path, editsFile});
                const auto run = runProcess(concord ? cli : reference, arguments, &error);
                if (!run)
                    return Bench::fail(error);
                if (QString wrong = verify(path, rows, logged); !wrong.isEmpty())
                    return Bench::fail(QStringLiteral("%1, log %2: %3")
                                               .arg(concord ? QStringLiteral("concord-cli") : QStringLiteral("reference"),
                                                    logged ? QStringLiteral("on") : QStringLiteral("off"), wrong));
                const QString key = QStringLiteral("%1-%2").arg(concord).arg(logged);
                wall[key].append(run->wall);
                cpu[key].append(run->cpu);
                QFile::remove(path);
            }
        }
    }

    print(QString());
    print(QStringLiteral("%1 %2 %3 %4 %5 %6 %7").arg(QStringLiteral("log"), -4).arg(QStringLiteral("reference"), 11)
                  .arg(QStringLiteral("ref CPU"), 11).arg(QStringLiteral("concord-cli"), 12).arg(QStringLiteral("cli CPU"), 11)
                  .arg(QStringLiteral("wall ratio"), 11).arg(QStringLiteral("CPU ratio"), 10));
    for (const bool logged : {true, false}) {
        const auto figure = [&](bool concord, const QHash<QString, QList<double>> &from) {
            return median(from.value(QStringLiteral("%1-%2").arg(concord).arg(logged)));
        };
        const double ratio = figure(true, wall) / figure(false, wall);
        print(QStringLiteral("%1 %2 %3 %4 %5 %6 %7   (target <= 2.0x: %8)")
                      .arg(logged ? QStringLiteral("on") : QStringLiteral("off"), -4)
                      .arg(Bench::formatMs(figure(false, wall)), 11).arg(Bench::formatMs(figure(false, cpu)), 11)
                      .arg(Bench::formatMs(figure(true, wall)), 12).arg(Bench::formatMs(figure(true, cpu)), 11)
                      .arg(Bench::formatRatio(ratio), 11)
                      .arg(Bench::formatRatio(figure(true, cpu) / figure(false, cpu)), 10)
                      .arg(ratio <= 2.0 ? QStringLiteral("meets") : QStringLiteral("MISSES")));
    }
    return 0;
}
