// bench_gridsave: saving every row edited in the grid, through the window's own save
// path, against VersionedTableModel's own submitAll() of the same edits.
//
// Two identical SQLite files are made from one. (a) The core: a VersionedTableModel loads
// every row, setData() edits qty of each, submitAll(). (b) The grid: the real MainWindow
// opens the other file, qty of each row is edited through its ChangeListView's model, and
// the action bound to Ctrl+S runs: the same save() with its stale-row check, progress
// dialog (processing events as it goes), result banner, row count and history refresh.
// Both are checked in the database afterwards. Runs offscreen; no dialog blocks.

#include "benchsupport.h"

#include "changelistview.h"
#include "mainwindow.h"
#include "versionedtablemodel.h"

#include <QAction>
#include <QApplication>
#include <QCommandLineParser>
#include <QDialog>
#include <QDir>
#include <QFile>
#include <QKeySequence>
#include <QTemporaryDir>

#include <cstdio>

using Concord::MainWindow;
using Concord::VersionedTableModel;

namespace {

const QString table = QStringLiteral("t");

void print(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

struct Figures
{
    double setData = 0;
    double save = 0;        // until the save returned
    double settled = 0;     // until the events it left (repaints, the banner) were handled
    double cpu = 0;         // CPU time of the save alone
    int progressCalls = 0;
};

/// What every edit writes: qty = id % 1000 + 1, which countEdited(…, 1) looks for.
QVariant editedQty(const QVariant &id)
{
    return id.toInt() % 1000 + 1;
}

QString checkSaved(const QString &path, int rows)
{
    Bench::Connection check(path);
    if (!check.isOpen())
        return check.error();
    const qint64 edited = Bench::countEdited(check.db(), table, 1);
    const qint64 logged = Bench::countLogged(check.db(), table, QStringLiteral("update"));
    if (edited != rows || logged != rows)
        return QStringLiteral("%1 rows saved and %2 logged, of %3").arg(edited).arg(logged).arg(rows);
    return QString();
}

/// (a) The core model's own submit.
Figures runModel(const QString &path, int rows, QString *error)
{
    Figures figures;
    {
        Bench::Connection connection(path);
        if (!connection.isOpen()) {
            *error = connection.error();
            return figures;
        }
        VersionedTableModel model(nullptr, connection.db());
        model.setTable(table);
        model.setSort(0, Qt::AscendingOrder);
        model.select();
        while (model.canFetchMore())
            model.fetchMore();
        const int qty = model.fieldIndex(QStringLiteral("qty"));
        QElapsedTimer timer;
        timer.start();
        for (int row = 0; row < model.rowCount(); ++row)
            model.setData(model.index(row, qty), editedQty(model.keyAt(row)));
        figures.setData = Bench::elapsedMs(timer);
        const double cpu = Bench::cpuMs();
        timer.restart();
        if (!model.submitAll()) {
            *error = QStringLiteral("submitAll: ") + model.lastSubmitResult().summary();
            return figures;
        }
        figures.save = Bench::elapsedMs(timer);
        figures.cpu = Bench::cpuMs() - cpu;
        QCoreApplication::processEvents();
        figures.settled = Bench::elapsedMs(timer);
    }
    *error = checkSaved(path, rows);
    return figures;
}

/// (b) The grid: the real window, edits through its view, the Ctrl+S action.
Figures runGrid(const QString &path, int rows, QString *error)
{
    Figures figures;
    {
        // Opened as File > Open does (ConnectionUrl), without adding it to the recent list.
        Bench::Connection connection(path);
        if (!connection.isOpen()) {
            *error = connection.error();
            return figures;
        }
        MainWindow window;
        window.setDatabase(connection.db(), path);
        if (window.currentTable() != table && !window.openTable(table)) {
            *error = QStringLiteral("the window did not open table %1").arg(table);
            return figures;
        }
        window.resize(1280, 800);
        window.show();
        QCoreApplication::processEvents();

        QAbstractItemModel *model = window.view()->model();
        auto *versioned = window.model();
        while (versioned->canFetchMore())
            versioned->fetchMore();
        if (model->rowCount() != rows) {
            *error = QStringLiteral("the grid lists %1 of %2 rows").arg(model->rowCount()).arg(rows);
            return figures;
        }
        const int qty = versioned->fieldIndex(QStringLiteral("qty"));
        QElapsedTimer timer;
        timer.start();
        for (int row = 0; row < model->rowCount(); ++row)
            model->setData(model->index(row, qty), editedQty(versioned->keyAt(row)));
        figures.setData = Bench::elapsedMs(timer);
        QCoreApplication::processEvents();

        // The action Ctrl+S triggers, found by its shortcut as a person would press it.
        QAction *save = nullptr;
        for (QAction *action : window.findChildren<QAction *>()) {
            if (action->shortcut() == QKeySequence(QKeySequence::Save))
                save = action;
        }
        if (!save || !save->isEnabled()) {
            *error = QStringLiteral("no enabled action bound to Ctrl+S");
            return figures;
        }
        QObject::connect(&window, &MainWindow::saveProgress, &window, [&figures] { ++figures.progressCalls; });
        bool saved = false;
        QObject::connect(&window, &MainWindow::saved, &window, [&saved](const Concord::SubmitResult &result) {
            saved = result.allSaved();
        });
        const double cpu = Bench::cpuMs();
        timer.restart();
        save->trigger();
        figures.save = Bench::elapsedMs(timer);
        figures.cpu = Bench::cpuMs() - cpu;
        QCoreApplication::processEvents();
        figures.settled = Bench::elapsedMs(timer);
        if (!saved) {
            *error = QStringLiteral("the window's save did not save every row: ") + window.messageText();
            return figures;
        }
        if (versioned->hasPendingEdits()) {
            *error = QStringLiteral("edits still pending after the save");
            return figures;
        }
    }
    *error = checkSaved(path, rows);
    return figures;
}

} // namespace

int main(int argc, char *argv[])
{
    // Widgets without a screen: nothing here needs one, and nothing may wait for a person.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Saving edited rows from the grid vs the core model's submitAll()."));
    parser.addHelpOption();
    QCommandLineOption rowsOption(QStringLiteral("rows"), QStringLiteral("Rows in the table, all edited."), QStringLiteral("N"),
                                  QStringLiteral("20000"));
    QCommandLineOption repeatOption(QStringLiteral("repeat"), QStringLiteral("Runs of each, on fresh files."), QStringLiteral("N"),
                                    QStringLiteral("3"));
    parser.addOption(rowsOption);
    parser.addOption(repeatOption);
    parser.process(app);
    const int rows = parser.value(rowsOption).toInt();
    const int repeat = std::max(1, parser.value(repeatOption).toInt());
    if (rows < 1)
        return Bench::fail(QStringLiteral("--rows must be at least 1"));

    QTemporaryDir dir;
    const QString original = QDir(dir.path()).filePath(QStringLiteral("original.sqlite"));
    {
        Bench::Connection setup(original);
        if (!setup.isOpen())
            return Bench::fail(setup.error());
        if (const QString error = Bench::createItems(setup.db(), table, rows); !error.isEmpty())
            return Bench::fail(error);
    }

    print(QStringLiteral("bench_gridsave: SQLite file, %1 with %2 rows, qty edited on every row, change log on, %3 run(s) each")
                  .arg(table).arg(rows).arg(repeat));
    print(QStringLiteral("run  what                      setData        save   +events  save CPU  progress calls"));
    QList<double> ratios;
    QList<double> cpuRatios;
    for (int run = 1; run <= repeat; ++run) {
        // Alternate which goes first, so neither always meets a warm or a cold cache.
        Figures model;
        Figures grid;
        for (int pass = 0; pass < 2; ++pass) {
            const bool gridPass = (pass == 0) == (run % 2 == 0);
            const QString path = QDir(dir.path()).filePath(QStringLiteral("%1-%2.sqlite").arg(gridPass ? QLatin1String("grid") : QLatin1String("model")).arg(run));
            if (!QFile::copy(original, path))
                return Bench::fail(QStringLiteral("could not copy the database to %1").arg(path));
            QString error;
            const Figures figures = gridPass ? runGrid(path, rows, &error) : runModel(path, rows, &error);
            if (!error.isEmpty())
                return Bench::fail((gridPass ? QStringLiteral("grid: ") : QStringLiteral("model: ")) + error);
            (gridPass ? grid : model) = figures;
            print(QStringLiteral("%1    %2 %3 %4 %5 %6 %7")
                          .arg(run)
                          .arg(gridPass ? QStringLiteral("grid (Ctrl+S action)") : QStringLiteral("model submitAll()"), -22)
                          .arg(Bench::formatMs(figures.setData), 10)
                          .arg(Bench::formatMs(figures.save), 11)
                          .arg(Bench::formatMs(figures.settled - figures.save), 9)
                          .arg(Bench::formatMs(figures.cpu), 9)
                          .arg(gridPass ? QString::number(figures.progressCalls) : QStringLiteral("-"), 15));
        }
        ratios.append(grid.settled / model.settled);
        cpuRatios.append(grid.cpu / model.cpu);
    }
    std::sort(ratios.begin(), ratios.end());
    std::sort(cpuRatios.begin(), cpuRatios.end());
    const double median = ratios.at(ratios.size() / 2);
    const double cpuMedian = cpuRatios.at(cpuRatios.size() / 2);
    print(QString());
    QStringList each;
    for (double ratio : std::as_const(ratios))
        each.append(Bench::formatRatio(ratio));
    print(QStringLiteral("grid save / model submitAll() (wall, save + events): %1 median of %2 (target <= 1.3x: %3)")
                  .arg(Bench::formatRatio(median), each.join(QStringLiteral(", ")),
                       median <= 1.3 ? QStringLiteral("meets") : QStringLiteral("MISSES")));
    print(QStringLiteral("grid save / model submitAll() (CPU of the save): %1 median").arg(Bench::formatRatio(cpuMedian)));
    return 0;
}
