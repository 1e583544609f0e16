// bench_grid: opening a large table, in three separate processes so each starts from
// the same memory:
// - model: VersionedTableModel alone. Time from setTable()+select() until the first 50
//   rows' data() is available, and resident memory right after the open versus after
//   scrolling through every row (memory should follow what was fetched, not be spent in
//   full at open).
// - view: the real ChangeListView on that model, shown offscreen. Time from opening the
//   file until the grid's first screen of rows has been painted; memory then, and after
//   scrolling the grid a page at a time to the last row.
// - window: the same through the real MainWindow (opening the table also sizes the
//   columns to their contents, counts the rows and loads the history).

#include "benchsupport.h"

#include "changelistview.h"
#include "mainwindow.h"
#include "versionedtablemodel.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDialog>
#include <QDir>
#include <QProcess>
#include <QScrollBar>
#include <QTemporaryDir>

#include <cstdio>
#include <optional>

using Concord::ChangeListView;
using Concord::MainWindow;
using Concord::VersionedTableModel;

namespace {

void print(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

QString mib(qint64 kib)
{
    return QStringLiteral("%1 MiB").arg(double(kib) / 1024, 0, 'f', 1);
}

/// Reads every cell of rows [first, last) as a view painting them would.
qint64 touchRows(const VersionedTableModel &model, int first, int last)
{
    qint64 characters = 0;
    const int columns = model.columnCount();
    for (int row = first; row < last; ++row) {
        for (int column = 0; column < columns; ++column)
            characters += model.data(model.index(row, column)).toString().size();
        characters += model.headerData(row, Qt::Vertical).toString().size();
    }
    return characters;
}

/// Counts the paint events a widget receives; a paint is complete once processEvents()
/// has returned after the count moved.
class PaintCounter : public QObject
{
public:
    explicit PaintCounter(QWidget *widget) { widget->installEventFilter(this); }
    int count() const { return m_count; }

    /// Handles events until a paint beyond @p seen has been done; false after @p timeoutMs.
    bool waitBeyond(int seen, int timeoutMs = 10000) const
    {
        QElapsedTimer timer;
        timer.start();
        while (m_count <= seen && timer.elapsed() < timeoutMs)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        return m_count > seen;
    }

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            ++m_count;
        return false;
    }

private:
    int m_count = 0;
};

/// Rows on the grid's screen, first and last.
QPair<int, int> rowsOnScreen(const ChangeListView *view)
{
    const int first = view->rowAt(0);
    int last = view->rowAt(view->viewport()->height() - 1);
    if (last < 0)
        last = view->model()->rowCount() - 1;
    return {first, last};
}

/// Scrolls @p view a page at a time to its last row, painting each page as a person
/// scrolling would see it. Returns the pages painted, or -1 if a paint never came.
int scrollToEnd(ChangeListView *view, const PaintCounter &paints)
{
    QScrollBar *bar = view->verticalScrollBar();
    int pages = 0;
    while (true) {
        // Servers fetch more rows as the end comes near, which lengthens the range.
        const int next = std::min(bar->value() + bar->pageStep(), bar->maximum());
        if (next == bar->value())
            break;
        const int seen = paints.count();
        bar->setValue(next);
        if (!paints.waitBeyond(seen))
            return -1;
        ++pages;
    }
    return pages;
}

void printRss(qint64 before, qint64 atOpen, qint64 afterScroll)
{
    print(QStringLiteral("RSS before open: %1; after open: +%2; after scrolling to the last row: +%3")
                  .arg(mib(before), mib(atOpen - before), mib(afterScroll - before)));
    const double share = afterScroll > before ? double(atOpen - before) / double(afterScroll - before) : 0;
    print(QStringLiteral("memory at open is %1% of memory after scrolling (grows with what was scrolled through: %2)")
                  .arg(share * 100, 0, 'f', 1)
                  .arg(share < 0.5 ? QStringLiteral("yes") : QStringLiteral("NO")));
}

int runView(const QString &path, int rows)
{
    const qint64 before = Bench::rssKiB();
    QElapsedTimer timer;
    timer.start();
    Bench::Connection connection(path);
    if (!connection.isOpen())
        return Bench::fail(connection.error());
    VersionedTableModel model(nullptr, connection.db());
    model.setTable(QStringLiteral("t"));
    model.setSort(0, Qt::AscendingOrder);
    if (!model.select())
        return Bench::fail(QStringLiteral("select failed"));
    ChangeListView view;
    const PaintCounter paints(view.viewport());
    view.setVersionedModel(&model);
    view.resize(1200, 800);
    view.show();
    if (!paints.waitBeyond(0))
        return Bench::fail(QStringLiteral("the grid was never painted"));
    const double openMs = Bench::elapsedMs(timer);
    const int rowsAtOpen = model.rowCount();
    const auto screen = rowsOnScreen(&view);
    const qint64 atOpen = Bench::rssKiB();

    timer.restart();
    const int pages = scrollToEnd(&view, paints);
    if (pages < 0)
        return Bench::fail(QStringLiteral("a page was never painted while scrolling"));
    const double scrollMs = Bench::elapsedMs(timer);
    const qint64 afterScroll = Bench::rssKiB();
    const int last = rowsOnScreen(&view).second;
    if (model.keyAt(last).toInt() != rows)
        return Bench::fail(QStringLiteral("scrolled to key %1, not to the last row %2").arg(model.keyAt(last).toInt()).arg(rows));

    print(QStringLiteral("open the file + select + first screen painted (rows %1-%2): %3 (target <= 300 ms: %4)")
                  .arg(screen.first + 1)
                  .arg(screen.second + 1)
                  .arg(Bench::formatMs(openMs), openMs <= 300 ? QStringLiteral("meets") : QStringLiteral("MISSES")));
    print(QStringLiteral("rows in the model when the first screen was painted: %1 of %2").arg(rowsAtOpen).arg(rows));
    print(QStringLiteral("scroll to the last row a page at a time: %1 pages painted in %2").arg(pages).arg(Bench::formatMs(scrollMs)));
    printRss(before, atOpen, afterScroll);
    return 0;
}

int runWindow(const QString &path, int rows)
{
    const qint64 before = Bench::rssKiB();
    std::optional<Bench::Connection> connection;   // outlives the window, which uses it
    MainWindow window;
    window.resize(1280, 800);
    const PaintCounter paints(window.view()->viewport());
    QElapsedTimer timer;
    timer.start();
    connection.emplace(path);
    if (!connection->isOpen())
        return Bench::fail(connection->error());
    // As File > Open does once the connection is made: the first table is shown.
    window.setDatabase(connection->db(), path);
    if (window.currentTable() != QLatin1String("t"))
        return Bench::fail(QStringLiteral("the window opened %1, not t").arg(window.currentTable()));
    window.show();
    if (!paints.waitBeyond(0))
        return Bench::fail(QStringLiteral("the grid was never painted"));
    const double openMs = Bench::elapsedMs(timer);
    const int rowsAtOpen = window.model()->rowCount();
    const auto screen = rowsOnScreen(window.view());
    const qint64 atOpen = Bench::rssKiB();

    timer.restart();
    const int pages = scrollToEnd(window.view(), paints);
    if (pages < 0)
        return Bench::fail(QStringLiteral("a page was never painted while scrolling"));
    const double scrollMs = Bench::elapsedMs(timer);
    const qint64 afterScroll = Bench::rssKiB();
    if (window.model()->keyAt(rowsOnScreen(window.view()).second).toInt() != rows)
        return Bench::fail(QStringLiteral("did not scroll to the last row"));

    print(QStringLiteral("open the table in the window + first screen painted (rows %1-%2): %3 (target <= 300 ms: %4)")
                  .arg(screen.first + 1)
                  .arg(screen.second + 1)
                  .arg(Bench::formatMs(openMs), openMs <= 300 ? QStringLiteral("meets") : QStringLiteral("MISSES")));
    print(QStringLiteral("rows in the model when the first screen was painted: %1 of %2").arg(rowsAtOpen).arg(rows));
    print(QStringLiteral("scroll to the last row a page at a time: %1 pages painted in %2").arg(pages).arg(Bench::formatMs(scrollMs)));
    printRss(before, atOpen, afterScroll);
    return 0;
}

int runModel(const QString &path, int rows)
{
    Bench::Connection connection(path);
    if (!connection.isOpen())
        return Bench::fail(connection.error());
    const qint64 before = Bench::rssKiB();

    VersionedTableModel model(nullptr, connection.db());
    QElapsedTimer timer;
    timer.start();
    model.setTable(QStringLiteral("t"));
    if (!model.select())
        return Bench::fail(QStringLiteral("select failed"));
    // What the first screen of a grid asks for: 50 rows, every cell and its row header.
    if (model.rowCount() < 50 || touchRows(model, 0, 50) <= 0)
        return Bench::fail(QStringLiteral("the first 50 rows are not there"));
    const double openMs = Bench::elapsedMs(timer);
    const int rowsAtOpen = model.rowCount();
    const qint64 atOpen = Bench::rssKiB();

    timer.restart();
    int shown = 50;
    while (true) {
        // Scroll a screen at a time; fetch more when the end of what is loaded is reached.
        const int next = std::min(shown + 50, model.rowCount());
        touchRows(model, shown, next);
        shown = next;
        if (shown < model.rowCount())
            continue;
        if (!model.canFetchMore())
            break;
        model.fetchMore();
    }
    const double scrollMs = Bench::elapsedMs(timer);
    const qint64 afterScroll = Bench::rssKiB();
    if (model.rowCount() != rows)
        return Bench::fail(QStringLiteral("scrolled through %1 of %2 rows").arg(model.rowCount()).arg(rows));
    // The last row is really the last one of the table.
    if (model.data(model.index(rows - 1, 0)).toInt() != rows)
        return Bench::fail(QStringLiteral("the last row shows the wrong key"));

    print(QString());
    print(QStringLiteral("open: setTable + select + data() of the first 50 rows: %1 (target <= 300 ms: %2)")
                  .arg(Bench::formatMs(openMs), openMs <= 300 ? QStringLiteral("meets") : QStringLiteral("MISSES")));
    print(QStringLiteral("rows fetched at open: %1 of %2").arg(rowsAtOpen).arg(rows));
    print(QStringLiteral("scroll through all rows (fetchMore + data() of every cell): %1").arg(Bench::formatMs(scrollMs)));
    print(QStringLiteral("RSS before open: %1; after open: +%2; after scrolling all rows: +%3")
                  .arg(mib(before), mib(atOpen - before), mib(afterScroll - before)));
    const double share = afterScroll > before ? double(atOpen - before) / double(afterScroll - before) : 0;
    print(QStringLiteral("memory at open is %1% of memory after scrolling (grows with what was fetched: %2)")
                  .arg(share * 100, 0, 'f', 1)
                  .arg(share < 0.5 ? QStringLiteral("yes") : QStringLiteral("NO")));
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    // The grid is shown offscreen: nothing here needs a screen or waits for a person.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Opening and scrolling a large table: the model, the grid, the window."));
    parser.addHelpOption();
    QCommandLineOption rowsOption(QStringLiteral("rows"), QStringLiteral("Rows in the table."), QStringLiteral("N"),
                                  QStringLiteral("100000"));
    QCommandLineOption partOption(QStringLiteral("part"), QStringLiteral("Run one part only: model, view or window."),
                                  QStringLiteral("PART"));
    QCommandLineOption dbOption(QStringLiteral("db"), QStringLiteral("With --part: the SQLite file made by the parent."),
                                QStringLiteral("PATH"));
    parser.addOption(rowsOption);
    parser.addOption(partOption);
    parser.addOption(dbOption);
    parser.process(app);
    const int rows = parser.value(rowsOption).toInt();
    if (rows < 50)
        return Bench::fail(QStringLiteral("--rows must be at least 50"));

    const QString part = parser.value(partOption);
    if (part == QLatin1String("model"))
        return runModel(parser.value(dbOption), rows);
    if (part == QLatin1String("view"))
        return runView(parser.value(dbOption), rows);
    if (part == QLatin1String("window"))
        return runWindow(parser.value(dbOption), rows);
    if (!part.isEmpty())
        return Bench::fail(QStringLiteral("unknown --part %1").arg(part));

    QTemporaryDir dir;
    const QString path = QDir(dir.path()).filePath(QStringLiteral("grid.sqlite"));
    {
        Bench::Connection setup(path);
        if (!setup.isOpen())
            return Bench::fail(setup.error());
        if (const QString error = Bench::createItems(setup.db(), QStringLiteral("t"), rows); !error.isEmpty())
            return Bench::fail(error);
    }

    const QList<QPair<QString, QString>> parts = {
        {QStringLiteral("model"), QStringLiteral("VersionedTableModel alone")},
        {QStringLiteral("view"), QStringLiteral("the real ChangeListView on it, offscreen")},
        {QStringLiteral("window"), QStringLiteral("the real MainWindow opening the table, offscreen")},
    };
    print(QStringLiteral("bench_grid: an SQLite file, t with %1 rows of 5 columns; each part in a fresh process.").arg(rows));
    for (const auto &[name, title] : parts) {
        print(QString());
        print(QStringLiteral("[%1] %2").arg(name, title));
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("--part"), name, QStringLiteral("--db"), path, QStringLiteral("--rows"), QString::number(rows)});
        if (!child.waitForFinished(-1) || child.exitStatus() != QProcess::NormalExit || child.exitCode() != 0)
            return Bench::fail(QStringLiteral("part %1 failed").arg(name));
        std::printf("%s", child.readAllStandardOutput().constData());
        std::fflush(stdout);
    }
    return 0;
}
