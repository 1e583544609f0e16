// bench_grid: a large table in the grid, on SQLite (a file), PostgreSQL or MariaDB (the
// servers of tests/servers/servers.sh, CONCORD_TEST_PG_* / CONCORD_TEST_MY_*).
//
// The table t has N rows of 5 columns: id 1..N (the key), name "item <id>", qty = id % 1000
// (indexed, not unique), price = id / 2, version 1. It is made in the database itself
// (generate_series, the Sequence engine, a recursive CTE) and its statistics gathered;
// that is timed apart and is part of no figure.
//
// Each part runs in a fresh process, so each starts from the same client memory:
// - reference: bare QSqlQuery statements doing the least each figure needs (by key, LIMIT 50),
//   the yardstick for the ratios below;
// - model: VersionedTableModel alone. First screen (setTable + select + data() of the first
//   50 rows; the count may still be the database's estimate), the exact count's arrival,
//   then (with the count exact, so row r holds key r + 1) the last 50 rows and the 50 from
//   the middle; resident memory after each;
// - sort: the same model sorted by qty (setSort + select + the first 50 rows), then the
//   last 50 and the middle 50 of that order;
// - view: the real ChangeListView on the model, offscreen: the first screen painted, then
//   Ctrl+End and a jump to the middle as a person would press or drag;
// - window: the same through the real MainWindow (opening the table also sizes the
//   columns to their contents and loads the history).
// Targets (issue 11): each figure under 300 ms; resident memory under 150 MiB at 10,000,000 rows.

#include "benchsupport.h"
#include "paintcounter.h"
#include "testdatabase.h"

#include "changelistview.h"
#include "mainwindow.h"
#include "versionedtablemodel.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDialog>
#include <QDir>
#include <QProcess>
#include <QScrollBar>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>

#include <cstdio>
#include <memory>
#include <optional>

using Concord::ChangeListView;
using Concord::MainWindow;
using Concord::VersionedTableModel;

namespace {

constexpr double targetMs = 300;
constexpr qint64 targetRssKiB = 150 * 1024;
constexpr int screenRows = 50;
constexpr int qtyColumn = 2;
// The child reads the server's password from here, never from its command line.
constexpr char passwordVariable[] = "CONCORD_BENCH_PASSWORD";

void print(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

QString mib(qint64 kib)
{
    return QStringLiteral("%1 MiB").arg(double(kib) / 1024, 0, 'f', 1);
}

QString verdict(bool met)
{
    return met ? QStringLiteral("meets") : QStringLiteral("MISSES");
}

/// "<what>: 12.3 ms (target <= 300 ms: meets)", with the ratio to @p referenceMs if given.
void printTimed(const QString &what, double ms, double referenceMs = -1)
{
    QString line = QStringLiteral("%1: %2 (target <= 300 ms: %3)").arg(what, Bench::formatMs(ms), verdict(ms <= targetMs));
    if (referenceMs > 0)
        line += QStringLiteral("; %1 the reference").arg(Bench::formatRatio(ms / referenceMs));
    print(line);
}

void printRss(const QString &when, qint64 kib)
{
    print(QStringLiteral("RSS %1: %2 (target < 150 MiB at 10,000,000 rows: %3)")
                  .arg(when, mib(kib), verdict(kib < targetRssKiB)));
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

/// Handles events until the model's row count is exact; false after @p timeoutMs.
bool waitForExactCount(const VersionedTableModel &model, int timeoutMs = 600000)
{
    QElapsedTimer timer;
    timer.start();
    while (!model.isRowCountExact() && timer.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    return model.isRowCountExact();
}

/// Handles events until the model's landmarks arrived; the time since @p timer started, or -1.
double waitForLandmarks(const VersionedTableModel &model, const QElapsedTimer &timer, int timeoutMs = 600000)
{
    while (!model.hasLandmarks() && timer.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    return model.hasLandmarks() ? Bench::elapsedMs(timer) : -1;
}

/// Times select() until the first 50 rows' data() is there, and the exact count after it.
struct Opened
{
    double firstScreenMs = 0;
    int rowsAtFirstScreen = 0;
    bool exactAtFirstScreen = false;
    double exactCountMs = 0;  ///< from select() until the exact count arrived
};

std::optional<Opened> selectAndWait(VersionedTableModel &model, QElapsedTimer &timer)
{
    Opened opened;
    if (!model.select()) {
        Bench::fail(QStringLiteral("select failed: %1").arg(model.lastError().text()));
        return std::nullopt;
    }
    if (model.rowCount() < screenRows || touchRows(model, 0, screenRows) <= 0) {
        Bench::fail(QStringLiteral("the first 50 rows are not there"));
        return std::nullopt;
    }
    opened.firstScreenMs = Bench::elapsedMs(timer);
    opened.rowsAtFirstScreen = model.rowCount();
    opened.exactAtFirstScreen = model.isRowCountExact();
    if (!waitForExactCount(model)) {
        Bench::fail(QStringLiteral("the exact row count never came"));
        return std::nullopt;
    }
    opened.exactCountMs = Bench::elapsedMs(timer);
    return opened;
}

void printOpened(const Opened &opened, int rows)
{
    print(QStringLiteral("row count at the first screen: %1 of %2, %3")
                  .arg(opened.rowsAtFirstScreen)
                  .arg(rows)
                  .arg(opened.exactAtFirstScreen ? QStringLiteral("exact")
                                                 : QStringLiteral("the database's estimate")));
    if (opened.exactAtFirstScreen)
        print(QStringLiteral("exact count: counted before the first screen"));
    else
        print(QStringLiteral("exact count arrived %1 after select() (in the background; the jumps below wait for it)")
                      .arg(Bench::formatMs(opened.exactCountMs)));
}

/// The reference figures, passed from the reference part to the others on their command line.
struct References
{
    double first = 0;
    double end = 0;
    double middle = 0;
    double sortFirst = 0;
    double sortEnd = 0;
    double sortMiddle = 0;

    QString toText() const
    {
        QStringList parts;
        for (double value : {first, end, middle, sortFirst, sortEnd, sortMiddle})
            parts.append(QString::number(value, 'f', 3));
        return parts.join(QLatin1Char(','));
    }
    static References fromText(const QString &text)
    {
        const QStringList parts = text.split(QLatin1Char(','));
        References r;
        double *fields[] = {&r.first, &r.end, &r.middle, &r.sortFirst, &r.sortEnd, &r.sortMiddle};
        for (int i = 0; i < 6; ++i)
            *fields[i] = parts.value(i).toDouble();
        return r;
    }
};

/// Runs @p sql and reads every value of its rows as text; the time, or -1 on error.
double timeBareQuery(QSqlDatabase db, const QString &sql, int expectedRows)
{
    QElapsedTimer timer;
    timer.start();
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(sql)) {
        Bench::fail(QStringLiteral("%1 failed").arg(sql));
        return -1;
    }
    int rows = 0;
    qint64 characters = 0;
    const int columns = query.record().count();
    while (query.next()) {
        ++rows;
        for (int c = 0; c < columns; ++c)
            characters += query.value(c).toString().size();
    }
    const double ms = Bench::elapsedMs(timer);
    if (rows != expectedRows || characters <= 0) {
        Bench::fail(QStringLiteral("%1 read %2 rows, not %3").arg(sql).arg(rows).arg(expectedRows));
        return -1;
    }
    return ms;
}

const QString columns = QStringLiteral("id, name, qty, price, version");

/// The key at @p row when the table's @p rows rows (qty = id % 1000) are in (qty, id) order.
/// Worked out from how the table was made: the database's own answer (an OFFSET read
/// in that order) takes most of a minute at 10,000,000 rows on PostgreSQL.
qint64 keyInQtyOrder(int rows, int row)
{
    for (int qty = 0; qty < 1000; ++qty) {
        // The ids holding this qty: qty, qty + 1000, … (from 1000 for qty 0), up to rows.
        const qint64 first = qty == 0 ? 1000 : qty;
        const qint64 count = first > rows ? 0 : (rows - first) / 1000 + 1;
        if (row < count)
            return first + qint64(row) * 1000;
        row -= int(count);
    }
    return -1;
}

int runReference(Bench::Connection &connection, int rows)
{
    const QString select = QStringLiteral("SELECT %1 FROM t ").arg(columns);
    const QString limit = QStringLiteral(" LIMIT %1").arg(screenRows);
    const QString middleKey = QString::number(rows / 2);
    References r;
    r.first = timeBareQuery(connection.db(), select + QStringLiteral("ORDER BY id") + limit, screenRows);
    r.end = timeBareQuery(connection.db(), select + QStringLiteral("ORDER BY id DESC") + limit, screenRows);
    // The middle by key, as a client that knew the key there would read it.
    r.middle = timeBareQuery(connection.db(), select + QStringLiteral("WHERE id > ") + middleKey + QStringLiteral(" ORDER BY id") + limit,
                             screenRows);
    r.sortFirst = timeBareQuery(connection.db(), select + QStringLiteral("ORDER BY qty, id") + limit, screenRows);
    r.sortEnd = timeBareQuery(connection.db(), select + QStringLiteral("ORDER BY qty DESC, id DESC") + limit, screenRows);
    // The middle of the qty order by value, as a keyset read next to a known row would.
    const qint64 middleSortKey = keyInQtyOrder(rows, rows / 2);
    r.sortMiddle = timeBareQuery(connection.db(),
                                 select + QStringLiteral("WHERE qty >= %1 AND (qty > %1 OR id >= %2) ORDER BY qty, id")
                                                  .arg(middleSortKey % 1000)
                                                  .arg(middleSortKey)
                                         + limit,
                                 screenRows);
    // For comparison only: what a naive client's OFFSET costs there.
    const double offsetMiddle = timeBareQuery(connection.db(), select + QStringLiteral("ORDER BY id") + limit
                                                      + QStringLiteral(" OFFSET ") + middleKey,
                                              screenRows);
    for (double value : {r.first, r.end, r.middle, r.sortFirst, r.sortEnd, r.sortMiddle, offsetMiddle}) {
        if (value < 0)
            return 1;
    }
    print(QStringLiteral("first 50 by key (ORDER BY id LIMIT 50): %1").arg(Bench::formatMs(r.first)));
    print(QStringLiteral("last 50 by key (ORDER BY id DESC LIMIT 50): %1").arg(Bench::formatMs(r.end)));
    print(QStringLiteral("middle 50 by key (WHERE id > %1 ORDER BY id LIMIT 50): %2").arg(middleKey, Bench::formatMs(r.middle)));
    print(QStringLiteral("middle 50 by position (ORDER BY id LIMIT 50 OFFSET %1), for comparison: %2")
                  .arg(middleKey, Bench::formatMs(offsetMiddle)));
    print(QStringLiteral("first 50 by qty (ORDER BY qty, id LIMIT 50): %1").arg(Bench::formatMs(r.sortFirst)));
    print(QStringLiteral("last 50 by qty (ORDER BY qty DESC, id DESC LIMIT 50): %1").arg(Bench::formatMs(r.sortEnd)));
    print(QStringLiteral("middle 50 by qty, by value (WHERE qty >= %1 AND (qty > %1 OR id >= %2) … LIMIT 50): %3")
                  .arg(middleSortKey % 1000)
                  .arg(middleSortKey)
                  .arg(Bench::formatMs(r.sortMiddle)));
    // Read by the parent, never shown.
    print(QStringLiteral("references=") + r.toText());
    return 0;
}

/// The key the last row of @p orderBy has, counted in the database (untimed).
/// The landmarks' arrival, and the far jump made before it.
void printLandmarks(const VersionedTableModel &model, double landmarksMs, bool early, double thirdMs, double referenceMs)
{
    print(QStringLiteral("landmarks (every %1 rows) arrive %2 after select(), read in the background")
                  .arg(model.landmarkSpacing())
                  .arg(Bench::formatMs(landmarksMs)));
    printTimed(QStringLiteral("jump to a third of the way %1").arg(early ? QStringLiteral("(landmarks already there)")
                                                                        : QStringLiteral("before the landmarks arrive (by position)")),
               thirdMs, referenceMs);
    print(QStringLiteral("the jumps below are read from the landmarks:"));
}

qint64 lastKey(QSqlDatabase db, const QString &orderBy)
{
    return Bench::scalar(db, QStringLiteral("SELECT id FROM t ORDER BY %1 LIMIT 1").arg(orderBy));
}

/// Reads rows [first, first + 50) as a view showing them would; the time, or -1.
double timeJump(const VersionedTableModel &model, int first, const QString &what)
{
    QElapsedTimer timer;
    timer.start();
    const qint64 read = touchRows(model, first, first + screenRows);
    const double ms = Bench::elapsedMs(timer);
    if (read <= 0) {
        Bench::fail(QStringLiteral("%1: rows %2-%3 are not there").arg(what).arg(first + 1).arg(first + screenRows));
        return -1;
    }
    return ms;
}

/// Whether @p row shows @p key. Checked after the timed reads, so the check's own
/// statements warm no cache for them.
bool showsKey(const VersionedTableModel &model, int row, qint64 key, const QString &what)
{
    if (model.keyAt(row).toLongLong() == key)
        return true;
    Bench::fail(QStringLiteral("%1: row %2 shows key %3, not %4").arg(what).arg(row + 1).arg(model.keyAt(row).toString()).arg(key));
    return false;
}

int runModel(Bench::Connection &connection, int rows, const References &reference)
{
    const qint64 before = Bench::rssKiB();
    VersionedTableModel model(nullptr, connection.db());
    QElapsedTimer timer;
    timer.start();
    model.setTable(QStringLiteral("t"));
    const auto opened = selectAndWait(model, timer);
    if (!opened)
        return 1;
    const qint64 atStart = Bench::rssKiB();
    if (model.rowCount() != rows)
        return Bench::fail(QStringLiteral("the exact count is %1, not %2").arg(model.rowCount()).arg(rows));
    if (model.keyAt(0).toLongLong() != 1)
        return Bench::fail(QStringLiteral("the first row shows key %1, not 1").arg(model.keyAt(0).toString()));
    // A third of the way, while the landmarks are still being read: by position.
    const bool landmarksEarly = model.hasLandmarks();
    const double thirdMs = timeJump(model, rows / 3, QStringLiteral("a third"));
    if (thirdMs < 0 || !showsKey(model, rows / 3, rows / 3 + 1, QStringLiteral("a third")))
        return 1;
    const double landmarksMs = waitForLandmarks(model, timer);
    if (landmarksMs < 0)
        return Bench::fail(QStringLiteral("the landmarks never came"));

    const double endMs = timeJump(model, rows - screenRows, QStringLiteral("end"));
    if (endMs < 0)
        return 1;
    const qint64 atEnd = Bench::rssKiB();
    const double middleMs = timeJump(model, rows / 2, QStringLiteral("middle"));
    if (middleMs < 0)
        return 1;
    const qint64 atMiddle = Bench::rssKiB();
    // Scrolling on from there: the next page is read by key, after the last row held.
    const int nextPage = (rows / 2 / model.pageSize() + 1) * model.pageSize();
    const double nextMs = timeJump(model, nextPage, QStringLiteral("next page"));
    if (nextMs < 0)
        return 1;
    // The keys are 1..N in key order: row r shows key r + 1, the last row the table's last key.
    const qint64 last = lastKey(connection.db(), QStringLiteral("id DESC"));
    if (last != rows)
        return Bench::fail(QStringLiteral("the table's last key is %1, not %2").arg(last).arg(rows));
    if (!showsKey(model, rows - 1, last, QStringLiteral("end")) || !showsKey(model, rows - screenRows, rows - screenRows + 1, QStringLiteral("end"))
        || !showsKey(model, rows / 2, rows / 2 + 1, QStringLiteral("middle"))
        || !showsKey(model, nextPage, nextPage + 1, QStringLiteral("next page")))
        return 1;

    printTimed(QStringLiteral("first screen: setTable + select + data() of rows 1-50"), opened->firstScreenMs, reference.first);
    printOpened(*opened, rows);
    printLandmarks(model, landmarksMs, landmarksEarly, thirdMs, reference.middle);
    printTimed(QStringLiteral("jump to the end: data() of rows %1-%2 (last key %3, checked)").arg(rows - screenRows + 1).arg(rows).arg(last),
               endMs, reference.end);
    printTimed(QStringLiteral("jump to the middle: data() of rows %1-%2 (key %1 at row %1, checked)").arg(rows / 2 + 1).arg(rows / 2 + screenRows),
               middleMs, reference.middle);
    printTimed(QStringLiteral("on from the middle: data() of rows %1-%2, the next page (read after the last key held)")
                       .arg(nextPage + 1)
                       .arg(nextPage + screenRows),
               nextMs, reference.middle);
    print(QStringLiteral("RSS before open: %1").arg(mib(before)));
    printRss(QStringLiteral("after the start"), atStart);
    printRss(QStringLiteral("after the end"), atEnd);
    printRss(QStringLiteral("after the middle"), atMiddle);
    print(QStringLiteral("rows held: %1 page ranges").arg(model.loadedRows().size()));
    return 0;
}

int runSort(Bench::Connection &connection, int rows, const References &reference)
{
    VersionedTableModel model(nullptr, connection.db());
    model.setTable(QStringLiteral("t"));
    // The table is open in key order first, as a person sees it before clicking the header.
    if (!model.select() || !waitForExactCount(model))
        return Bench::fail(QStringLiteral("the table did not open"));
    touchRows(model, 0, screenRows);

    QElapsedTimer timer;
    timer.start();
    model.setSort(qtyColumn, Qt::AscendingOrder);
    const auto opened = selectAndWait(model, timer);
    if (!opened)
        return 1;
    const auto keyAtRow = [rows](int row) { return keyInQtyOrder(rows, row); };
    const bool landmarksEarly = model.hasLandmarks();
    const double thirdMs = timeJump(model, rows / 3, QStringLiteral("sorted third"));
    if (thirdMs < 0 || !showsKey(model, rows / 3, keyAtRow(rows / 3), QStringLiteral("sorted third")))
        return 1;
    const double landmarksMs = waitForLandmarks(model, timer);
    if (landmarksMs < 0)
        return Bench::fail(QStringLiteral("the landmarks never came"));
    const double endMs = timeJump(model, rows - screenRows, QStringLiteral("sorted end"));
    if (endMs < 0)
        return 1;
    const double middleMs = timeJump(model, rows / 2, QStringLiteral("sorted middle"));
    if (middleMs < 0)
        return 1;
    const qint64 atMiddle = Bench::rssKiB();
    // Scrolling on from there: the next page is read by value, after the last (qty, id) held.
    const int nextPage = (rows / 2 / model.pageSize() + 1) * model.pageSize();
    const double nextMs = timeJump(model, nextPage, QStringLiteral("sorted next page"));
    if (nextMs < 0)
        return 1;
    const qint64 last = lastKey(connection.db(), QStringLiteral("qty DESC, id DESC"));
    if (!showsKey(model, 0, lastKey(connection.db(), QStringLiteral("qty, id")), QStringLiteral("sorted start"))
        || !showsKey(model, rows - 1, last, QStringLiteral("sorted end"))
        || !showsKey(model, rows - screenRows, keyAtRow(rows - screenRows), QStringLiteral("sorted end"))
        || !showsKey(model, rows / 2, keyAtRow(rows / 2), QStringLiteral("sorted middle"))
        || !showsKey(model, nextPage, keyAtRow(nextPage), QStringLiteral("sorted next page")))
        return 1;

    printTimed(QStringLiteral("sort by qty: setSort + select + data() of rows 1-50"), opened->firstScreenMs, reference.sortFirst);
    printOpened(*opened, rows);
    printLandmarks(model, landmarksMs, landmarksEarly, thirdMs, reference.sortMiddle);
    printTimed(QStringLiteral("jump to the end of the qty order: data() of the last 50 rows (last key %1, checked)").arg(last),
               endMs, reference.sortEnd);
    printTimed(QStringLiteral("jump to the middle of the qty order: data() of rows %1-%2 (checked)").arg(rows / 2 + 1).arg(rows / 2 + screenRows),
               middleMs, reference.sortMiddle);
    printTimed(QStringLiteral("on from the middle of the qty order: data() of rows %1-%2, the next page (read after the last qty, id held)")
                       .arg(nextPage + 1)
                       .arg(nextPage + screenRows),
               nextMs, reference.sortMiddle);
    printRss(QStringLiteral("after start, end and middle sorted"), atMiddle);
    return 0;
}

/// Rows on the grid's screen, first and last.
QPair<int, int> rowsOnScreen(const ChangeListView *view)
{
    const int first = view->rowAt(0);
    int last = view->rowAt(view->viewport()->height() - 1);
    if (last < 0)
        last = view->model()->rowCount() - 1;
    return {first, last};
}

/// Moves the scroll bar of @p view to @p value, as dragging the thumb there does, and
/// waits for the paint; the time, or -1 if no paint came.
double timeScroll(ChangeListView *view, const PaintCounter &paints, int value)
{
    QElapsedTimer timer;
    timer.start();
    const int seen = paints.count();
    view->verticalScrollBar()->setValue(value);
    if (!paints.waitBeyond(seen))
        return -1;
    return Bench::elapsedMs(timer);
}

/// After the first screen: the exact count, Ctrl+End (the thumb at the bottom) and the
/// thumb in the middle, each painted and checked.
int jumpAndPrint(ChangeListView *view, VersionedTableModel *model, const PaintCounter &paints, int rows, double openMs,
                 const QString &openWhat, const References &reference)
{
    const auto screen = rowsOnScreen(view);
    const int rowsAtOpen = model->rowCount();
    const bool exactAtOpen = model->isRowCountExact();
    const qint64 atStart = Bench::rssKiB();
    if (!waitForExactCount(*model))
        return Bench::fail(QStringLiteral("the exact row count never came"));
    // Let the view take the settled count in before the jumps.
    paints.waitBeyond(paints.count(), 200);
    // A third of the way at once, while the landmarks are read: by position.
    const bool landmarksEarly = model->hasLandmarks();
    const double thirdMs = timeScroll(view, paints, view->verticalScrollBar()->maximum() / 3);
    if (thirdMs < 0)
        return Bench::fail(QStringLiteral("a third of the way was never painted"));
    const int thirdRow = rowsOnScreen(view).first;
    if (model->keyAt(thirdRow).toInt() != thirdRow + 1)
        return Bench::fail(QStringLiteral("row %1 a third of the way shows key %2").arg(thirdRow + 1).arg(model->keyAt(thirdRow).toString()));
    QElapsedTimer sinceCount;
    sinceCount.start();
    const double landmarksMs = waitForLandmarks(*model, sinceCount);
    if (landmarksMs < 0)
        return Bench::fail(QStringLiteral("the landmarks never came"));

    const double endMs = timeScroll(view, paints, view->verticalScrollBar()->maximum());
    if (endMs < 0)
        return Bench::fail(QStringLiteral("the end was never painted"));
    const qint64 atEnd = Bench::rssKiB();
    const int lastShown = rowsOnScreen(view).second;
    if (model->keyAt(lastShown).toInt() != rows)
        return Bench::fail(QStringLiteral("the end shows key %1, not the last row %2").arg(model->keyAt(lastShown).toString()).arg(rows));

    const double middleMs = timeScroll(view, paints, view->verticalScrollBar()->maximum() / 2);
    if (middleMs < 0)
        return Bench::fail(QStringLiteral("the middle was never painted"));
    const qint64 atMiddle = Bench::rssKiB();
    const int middleRow = rowsOnScreen(view).first;
    if (model->keyAt(middleRow).toInt() != middleRow + 1)
        return Bench::fail(QStringLiteral("row %1 in the middle shows key %2").arg(middleRow + 1).arg(model->keyAt(middleRow).toString()));

    printTimed(QStringLiteral("%1 + first screen painted (rows %2-%3)").arg(openWhat).arg(screen.first + 1).arg(screen.second + 1),
               openMs, reference.first);
    print(QStringLiteral("row count at the first paint: %1 of %2, %3")
                  .arg(rowsAtOpen)
                  .arg(rows)
                  .arg(exactAtOpen ? QStringLiteral("exact") : QStringLiteral("the database's estimate")));
    printTimed(QStringLiteral("the thumb dragged a third of the way painted (row %1, key checked), %2")
                       .arg(thirdRow + 1)
                       .arg(landmarksEarly ? QStringLiteral("landmarks already there") : QStringLiteral("before the landmarks arrive")),
               thirdMs, reference.middle);
    print(QStringLiteral("landmarks (every %1 rows) arrive %2 after that; the jumps below are read from them")
                  .arg(model->landmarkSpacing())
                  .arg(Bench::formatMs(landmarksMs)));
    printTimed(QStringLiteral("Ctrl+End (the thumb at the bottom) painted, last row's key %1 checked").arg(rows), endMs, reference.end);
    printTimed(QStringLiteral("the thumb dragged to the middle painted (row %1, key checked)").arg(middleRow + 1), middleMs,
               reference.middle);
    printRss(QStringLiteral("after the start"), atStart);
    printRss(QStringLiteral("after the end"), atEnd);
    printRss(QStringLiteral("after the middle"), atMiddle);
    return 0;
}

int runView(const QString &url, int rows, const References &reference)
{
    QElapsedTimer timer;
    timer.start();
    Bench::Connection connection(url, qEnvironmentVariable(passwordVariable));
    if (!connection.isOpen())
        return Bench::fail(connection.error());
    const double connectMs = Bench::elapsedMs(timer);
    VersionedTableModel model(nullptr, connection.db());
    model.setTable(QStringLiteral("t"));
    model.setSort(0, Qt::AscendingOrder);
    if (!model.select())
        return Bench::fail(QStringLiteral("select failed"));
    const double selectMs = Bench::elapsedMs(timer);
    ChangeListView view;
    const PaintCounter paints(view.viewport());
    view.setVersionedModel(&model);
    const double setModelMs = Bench::elapsedMs(timer);
    view.resize(1200, 800);
    view.show();
    if (!paints.waitBeyond(0))
        return Bench::fail(QStringLiteral("the grid was never painted"));
    const double openMs = Bench::elapsedMs(timer);
    const int result = jumpAndPrint(&view, &model, paints, rows, openMs, QStringLiteral("connect + select"), reference);
    // Where the first screen's time went.
    print(QStringLiteral("of the first screen: connect %1, setTable + select %2, setVersionedModel (change watcher) %3, "
                         "show + first paint %4")
                  .arg(Bench::formatMs(connectMs), Bench::formatMs(selectMs - connectMs), Bench::formatMs(setModelMs - selectMs),
                       Bench::formatMs(openMs - setModelMs)));
    return result;
}

int runWindow(const QString &url, int rows, const References &reference)
{
    std::optional<Bench::Connection> connection;   // outlives the window, which uses it
    MainWindow window;
    window.resize(1280, 800);
    const PaintCounter paints(window.view()->viewport());
    QElapsedTimer timer;
    timer.start();
    connection.emplace(url, qEnvironmentVariable(passwordVariable));
    if (!connection->isOpen())
        return Bench::fail(connection->error());
    // As File > Open does once the connection is made: the first table is shown.
    window.setDatabase(connection->db(), url);
    if (window.currentTable() != QLatin1String("t"))
        return Bench::fail(QStringLiteral("the window opened %1, not t").arg(window.currentTable()));
    window.show();
    if (!paints.waitBeyond(0))
        return Bench::fail(QStringLiteral("the grid was never painted"));
    const double openMs = Bench::elapsedMs(timer);
    return jumpAndPrint(window.view(), window.model(), paints, rows, openMs, QStringLiteral("connect + open the table in the window"),
                        reference);
}

/// Makes t with @p rows rows in the database itself, and gathers its statistics.
/// @p withKey: qty's index holds the key too, (qty, id), as PostgreSQL needs to read the
/// (qty, id) order from an index; SQLite's and InnoDB's indexes hold the key anyway.
QString createTable(QSqlDatabase db, TestDatabase::Dialect dialect, int rows, bool withKey)
{
    const QString index = withKey ? QStringLiteral("CREATE INDEX t_qty ON t (qty, id)") : QStringLiteral("CREATE INDEX t_qty ON t (qty)");
    using Dialect = TestDatabase::Dialect;
    const QString n = QString::number(rows);
    QStringList statements;
    switch (dialect) {
    case Dialect::SQLite:
        statements = {
            QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, qty INTEGER, price REAL, version INTEGER)"),
            QStringLiteral("BEGIN"),
            QStringLiteral("WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ") + n
                    + QStringLiteral(") INSERT INTO t SELECT i, 'item ' || i, i % 1000, i / 2.0, 1 FROM s"),
            QStringLiteral("COMMIT"),
            index,
            QStringLiteral("ANALYZE"),
        };
        break;
    case Dialect::PostgreSQL:
        statements = {
            QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, name VARCHAR(200), qty INTEGER, price DOUBLE PRECISION, "
                           "version INTEGER)"),
            QStringLiteral("INSERT INTO t SELECT i, 'item ' || i, i % 1000, i / 2.0, 1 FROM generate_series(1, ") + n
                    + QStringLiteral(") AS s(i)"),
            index,
            QStringLiteral("VACUUM ANALYZE t"),
        };
        break;
    case Dialect::MariaDB:
        statements = {
            QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, name VARCHAR(200), qty INTEGER, price DOUBLE, version INTEGER)"),
            QStringLiteral("INSERT INTO t SELECT seq, CONCAT('item ', seq), seq % 1000, seq / 2, 1 FROM seq_1_to_") + n,
            index,
            QStringLiteral("ANALYZE TABLE t"),
        };
        break;
    }
    for (const QString &sql : std::as_const(statements)) {
        if (const QString error = Bench::exec(db, sql); !error.isEmpty())
            return error;
    }
    if (Bench::scalar(db, QStringLiteral("SELECT COUNT(*) FROM t")) != rows)
        return QStringLiteral("t does not have %1 rows").arg(rows);
    return QString();
}

/// Runs one part in a fresh process and forwards what it prints; its output, or nothing
/// on failure.
std::optional<QByteArray> runPart(const QString &name, const QString &dialect, const QString &url, const QString &password,
                                  int rows, const QString &references)
{
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QString::fromLatin1(passwordVariable), password);
    child.setProcessEnvironment(environment);
    QStringList arguments{QStringLiteral("--part"), name, QStringLiteral("--dialect"), dialect, QStringLiteral("--db"), url,
                          QStringLiteral("--rows"), QString::number(rows)};
    if (!references.isEmpty())
        arguments << QStringLiteral("--references") << references;
    child.start(QCoreApplication::applicationFilePath(), arguments);
    if (!child.waitForFinished(-1) || child.exitStatus() != QProcess::NormalExit || child.exitCode() != 0)
        return std::nullopt;
    return child.readAllStandardOutput();
}

} // namespace

int main(int argc, char *argv[])
{
    // The grid is shown offscreen: nothing here needs a screen or waits for a person.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("A large table in the grid: first screen, end, middle, a sort, memory."));
    parser.addHelpOption();
    QCommandLineOption rowsOption(QStringLiteral("rows"), QStringLiteral("Rows in the table."), QStringLiteral("N"),
                                  QStringLiteral("100000"));
    QCommandLineOption dialectOption(QStringLiteral("dialect"), QStringLiteral("sqlite (a file), postgresql or mariadb."),
                                     QStringLiteral("DIALECT"), QStringLiteral("sqlite"));
    QCommandLineOption partsOption(QStringLiteral("parts"),
                                   QStringLiteral("Comma-separated parts to run: model, sort, view, window (default: all)."),
                                   QStringLiteral("PARTS"));
    QCommandLineOption partOption(QStringLiteral("part"), QStringLiteral("Internal: run one part in this process."),
                                  QStringLiteral("PART"));
    QCommandLineOption dbOption(QStringLiteral("db"), QStringLiteral("Internal, with --part: the database's URL."),
                                QStringLiteral("URL"));
    QCommandLineOption referencesOption(QStringLiteral("references"), QStringLiteral("Internal, with --part: reference figures."),
                                        QStringLiteral("MS"));
    QCommandLineOption keyIndexOption(QStringLiteral("qty-index-with-key"),
                                      QStringLiteral("Index (qty, id) rather than qty alone."));
    parser.addOptions({rowsOption, dialectOption, partsOption, keyIndexOption, partOption, dbOption, referencesOption});
    parser.process(app);
    const int rows = parser.value(rowsOption).toInt();
    if (rows < 2 * screenRows)
        return Bench::fail(QStringLiteral("--rows must be at least %1").arg(2 * screenRows));
    const QString dialectName = parser.value(dialectOption);
    if (!QStringList{QStringLiteral("sqlite"), QStringLiteral("postgresql"), QStringLiteral("mariadb")}.contains(dialectName))
        return Bench::fail(QStringLiteral("unknown --dialect %1").arg(dialectName));

    const QString part = parser.value(partOption);
    if (!part.isEmpty()) {
        const QString url = parser.value(dbOption);
        const References reference = References::fromText(parser.value(referencesOption));
        if (part == QLatin1String("view"))
            return runView(url, rows, reference);
        if (part == QLatin1String("window"))
            return runWindow(url, rows, reference);
        Bench::Connection connection(url, qEnvironmentVariable(passwordVariable));
        if (!connection.isOpen())
            return Bench::fail(connection.error());
        if (part == QLatin1String("reference"))
            return runReference(connection, rows);
        if (part == QLatin1String("model"))
            return runModel(connection, rows, reference);
        if (part == QLatin1String("sort"))
            return runSort(connection, rows, reference);
        return Bench::fail(QStringLiteral("unknown --part %1").arg(part));
    }

    const TestDatabase::Dialect dialect = TestDatabase::fromName(dialectName);
    // SQLite: a file in a temporary directory; the servers: a fresh database, dropped after.
    TestDatabase database(dialect);
    if (!database.isValid())
        return Bench::fail(database.error());
    QElapsedTimer timer;
    timer.start();
    {
        const QSqlDatabase setup = database.connect(QStringLiteral("setup"));
        if (!setup.isOpen())
            return Bench::fail(database.error());
        if (const QString error = createTable(setup, dialect, rows, parser.isSet(keyIndexOption)); !error.isEmpty())
            return Bench::fail(error);
    }
    const double createMs = Bench::elapsedMs(timer);

    QStringList parts = {QStringLiteral("model"), QStringLiteral("sort"), QStringLiteral("view"), QStringLiteral("window")};
    if (parser.isSet(partsOption))
        parts = parser.value(partsOption).split(QLatin1Char(','), Qt::SkipEmptyParts);
    const QHash<QString, QString> titles = {
        {QStringLiteral("reference"), QStringLiteral("bare QSqlQuery statements, the least each figure needs")},
        {QStringLiteral("model"), QStringLiteral("VersionedTableModel alone, in key order")},
        {QStringLiteral("sort"), QStringLiteral("VersionedTableModel sorted by qty (indexed, 1000 distinct values)")},
        {QStringLiteral("view"), QStringLiteral("the real ChangeListView on it, offscreen")},
        {QStringLiteral("window"), QStringLiteral("the real MainWindow opening the table, offscreen")},
    };
    print(QStringLiteral("bench_grid: %1, t with %2 rows of 5 columns (id key, %3 indexed); each part in a fresh process.")
                  .arg(dialectName == QLatin1String("sqlite") ? QStringLiteral("an SQLite file") : dialectName)
                  .arg(rows)
                  .arg(parser.isSet(keyIndexOption) ? QStringLiteral("(qty, id)") : QStringLiteral("qty")));
    print(QStringLiteral("table made and its statistics gathered in %1 (part of no figure below)").arg(Bench::formatMs(createMs)));

    QString references;
    parts.prepend(QStringLiteral("reference"));
    for (const QString &name : std::as_const(parts)) {
        if (!titles.contains(name))
            return Bench::fail(QStringLiteral("unknown part %1").arg(name));
        print(QString());
        print(QStringLiteral("[%1] %2").arg(name, titles.value(name)));
        const auto output = runPart(name, dialectName, database.url(), database.password(), rows, references);
        if (!output)
            return Bench::fail(QStringLiteral("part %1 failed").arg(name));
        for (const QByteArray &line : output->split('\n')) {
            if (line.startsWith("references="))
                references = QString::fromLatin1(line.mid(int(qstrlen("references="))));
            else if (!line.isEmpty())
                print(QString::fromUtf8(line));
        }
    }
    return 0;
}
