// bench_grid: opening a large table in the grid model. Time from setTable()+select()
// until the first 50 rows' data() is available, and resident memory right after the
// open versus after scrolling through every row (memory should follow what was
// fetched, not be spent in full at open).

#include "benchsupport.h"

#include "versionedtablemodel.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QTemporaryDir>

#include <cstdio>

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

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Opening and scrolling a large table in VersionedTableModel."));
    parser.addHelpOption();
    QCommandLineOption rowsOption(QStringLiteral("rows"), QStringLiteral("Rows in the table."), QStringLiteral("N"),
                                  QStringLiteral("100000"));
    parser.addOption(rowsOption);
    parser.process(app);
    const int rows = parser.value(rowsOption).toInt();
    if (rows < 50)
        return Bench::fail(QStringLiteral("--rows must be at least 50"));

    QTemporaryDir dir;
    const QString path = QDir(dir.path()).filePath(QStringLiteral("grid.sqlite"));
    {
        Bench::Connection setup(path);
        if (!setup.isOpen())
            return Bench::fail(setup.error());
        if (const QString error = Bench::createItems(setup.db(), QStringLiteral("t"), rows); !error.isEmpty())
            return Bench::fail(error);
    }

    print(QStringLiteral("bench_grid: VersionedTableModel on an SQLite file, t with %1 rows of 5 columns.").arg(rows));
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
