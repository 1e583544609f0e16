// bench_submit: how far VersionedTableModel's save is from the database's own limit.
//
// On an SQLite file, for each size: (a) the limit, a prepared versioned UPDATE loop in
// one transaction; (b) VersionedTableModel: load every row, edit one column of every row
// with setData(), submitAll() (change log on); (c) stock QSqlTableModel doing the same
// edit without any version check. Every run is checked afterwards in the database.
// For context, (a) is also run with a change-log INSERT per row, as a hand-written loop
// that keeps the log would: the model writes that log row too; and with the loaded value
// of the edited column compared in its WHERE, as the model's save does so that an edit by
// a tool that left the version alone conflicts: the difference is what that check costs.

#include "benchsupport.h"

#include "changelog.h"
#include "sqldialect.h"
#include "versionedtablemodel.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSqlQuery>
#include <QSqlTableModel>
#include <QTemporaryDir>

#include <cstdio>
#include <algorithm>
#include <limits>
#include <optional>

using Concord::VersionedTableModel;

namespace {

const QString table = QStringLiteral("t");

struct ModelFigures
{
    double load = 0;
    double setData = 0;
    double submit = 0;
    double cpu = 0;     // CPU time of setData + submit: robust when other processes share the cores
    double edit() const { return setData + submit; }
};

struct LimitFigures
{
    double wall = 0;
    double cpu = 0;
};

void print(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

QString freshFile(const QTemporaryDir &dir, const QString &name)
{
    return QDir(dir.path()).filePath(name + QStringLiteral(".sqlite"));
}

/// What the reference loop does besides its versioned UPDATE.
enum class Limit {
    Bare,          ///< nothing
    Logged,        ///< a concord_log INSERT per row: the least any save that keeps the log does
    ValueChecked,  ///< the loaded value of the edited column compared in the WHERE too
};

/// (a) The floor: one prepared versioned UPDATE per row, one transaction, nothing else
/// (or with the log, or the value check; see Limit).
std::optional<LimitFigures> runLimit(const QTemporaryDir &dir, int rows, Limit kind, QString *error)
{
    const bool logged = kind == Limit::Logged;
    const QString path = freshFile(dir, QStringLiteral("limit-%1-%2").arg(rows).arg(int(kind)));
    QFile::remove(path); // the check's loops run several times
    Bench::Connection connection(path);
    QSqlDatabase db = connection.db();
    if (!connection.isOpen() || !(*error = Bench::createItems(db, table, rows)).isEmpty()) {
        if (error->isEmpty())
            *error = connection.error();
        return std::nullopt;
    }
    if (logged) {
        const auto dialect = Concord::SqlDialect::create(db);
        if (auto made = Concord::ChangeLog::ensureTable(db, *dialect); !made) {
            *error = made.error().message;
            return std::nullopt;
        }
    }
    QElapsedTimer timer;
    timer.start();
    const double cpuStart = Bench::cpuMs();
    db.transaction();
    {
        QSqlQuery query(db);
        query.prepare(kind == Limit::ValueChecked
                              ? QStringLiteral("UPDATE t SET qty = ?, version = ? WHERE id = ? AND version IS ? AND qty IS ?")
                              : QStringLiteral("UPDATE t SET qty = ?, version = ? WHERE id = ? AND version = ?"));
        QSqlQuery log(db);
        log.prepare(QStringLiteral("INSERT INTO concord_log (changed_at, changed_by, table_name, pk, action, version, "
                                   "changes) VALUES (?, ?, ?, ?, ?, ?, ?)"));
        const QString at = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
        for (int id = 1; id <= rows; ++id) {
            query.addBindValue(id % 1000 + 1);
            query.addBindValue(2);
            query.addBindValue(id);
            query.addBindValue(1);
            if (kind == Limit::ValueChecked)
                query.addBindValue(id % 1000);
            if (!query.exec() || query.numRowsAffected() != 1) {
                *error = QStringLiteral("limit: row %1 was not updated").arg(id);
                db.rollback();
                return std::nullopt;
            }
            if (logged) {
                log.addBindValue(at);
                log.addBindValue(QStringLiteral("bench"));
                log.addBindValue(table);
                log.addBindValue(QString::number(id));
                log.addBindValue(QStringLiteral("update"));
                log.addBindValue(2);
                log.addBindValue(QStringLiteral("{\"qty\":{\"new\":%1,\"old\":%2}}").arg(id % 1000 + 1).arg(id % 1000));
                if (!log.exec()) {
                    *error = QStringLiteral("limit: no log row for row %1").arg(id);
                    db.rollback();
                    return std::nullopt;
                }
            }
        }
    }
    if (!db.commit()) {
        *error = QStringLiteral("limit: commit failed");
        return std::nullopt;
    }
    const LimitFigures figures{Bench::elapsedMs(timer), Bench::cpuMs() - cpuStart};
    if (const qint64 edited = Bench::countEdited(db, table, 1); edited != rows) {
        *error = QStringLiteral("limit: %1 of %2 rows carry the edit").arg(edited).arg(rows);
        return std::nullopt;
    }
    if (logged) {
        if (const qint64 count = Bench::countLogged(db, table, QStringLiteral("update")); count != rows) {
            *error = QStringLiteral("limit: %1 log rows for %2 rows").arg(count).arg(rows);
            return std::nullopt;
        }
    }
    return figures;
}

/// (b) VersionedTableModel: the whole grid path, change log included.
std::optional<ModelFigures> runModel(const QTemporaryDir &dir, int rows, QString *error)
{
    Bench::Connection connection(freshFile(dir, QStringLiteral("model-%1").arg(rows)));
    QSqlDatabase db = connection.db();
    if (!connection.isOpen() || !(*error = Bench::createItems(db, table, rows)).isEmpty()) {
        if (error->isEmpty())
            *error = connection.error();
        return std::nullopt;
    }
    ModelFigures figures;
    {
        VersionedTableModel model(nullptr, db);
        model.setTable(table);
        QElapsedTimer timer;
        timer.start();
        if (!model.select()) {
            *error = QStringLiteral("model: select failed");
            return std::nullopt;
        }
        while (model.canFetchMore())
            model.fetchMore();
        figures.load = Bench::elapsedMs(timer);
        if (model.rowCount() != rows) {
            *error = QStringLiteral("model: loaded %1 of %2 rows").arg(model.rowCount()).arg(rows);
            return std::nullopt;
        }

        const int qty = model.fieldIndex(QStringLiteral("qty"));
        timer.restart();
        const double cpuStart = Bench::cpuMs();
        for (int row = 0; row < rows; ++row) {
            const QModelIndex index = model.index(row, qty);
            if (!model.setData(index, model.data(index).toInt() + 1)) {
                *error = QStringLiteral("model: setData refused row %1").arg(row);
                return std::nullopt;
            }
        }
        figures.setData = Bench::elapsedMs(timer);
        if (model.pendingCount() != rows) {
            *error = QStringLiteral("model: %1 of %2 rows pending").arg(model.pendingCount()).arg(rows);
            return std::nullopt;
        }

        timer.restart();
        const bool saved = model.submitAll();
        figures.submit = Bench::elapsedMs(timer);
        figures.cpu = Bench::cpuMs() - cpuStart;
        if (!saved || model.lastSubmitResult().savedCount() != rows || model.hasPendingEdits()) {
            *error = QStringLiteral("model: submitAll saved %1 of %2 rows: %3")
                             .arg(model.lastSubmitResult().savedCount()).arg(rows)
                             .arg(model.lastSubmitResult().summary());
            return std::nullopt;
        }
        // The model shows the saved values and versions without a reload.
        const int version = model.fieldIndex(QStringLiteral("version"));
        for (int row : {0, rows / 2, rows - 1}) {
            const int id = model.data(model.index(row, 0)).toInt();
            if (model.data(model.index(row, qty)).toInt() != id % 1000 + 1
                || model.data(model.index(row, version)).toInt() != 2) {
                *error = QStringLiteral("model: row %1 does not show what was saved").arg(row);
                return std::nullopt;
            }
        }
    }
    if (const qint64 edited = Bench::countEdited(db, table, 1); edited != rows) {
        *error = QStringLiteral("model: %1 of %2 rows carry the edit at version 2").arg(edited).arg(rows);
        return std::nullopt;
    }
    if (const qint64 logged = Bench::countLogged(db, table, QStringLiteral("update")); logged != rows) {
        *error = QStringLiteral("model: %1 change-log rows for %2 saved rows").arg(logged).arg(rows);
        return std::nullopt;
    }
    return figures;
}

/// (c) Stock QSqlTableModel, OnManualSubmit, submitAll() in a transaction. No version check.
std::optional<ModelFigures> runStock(const QTemporaryDir &dir, int rows, QString *error)
{
    Bench::Connection connection(freshFile(dir, QStringLiteral("stock-%1").arg(rows)));
    QSqlDatabase db = connection.db();
    if (!connection.isOpen() || !(*error = Bench::createItems(db, table, rows)).isEmpty()) {
        if (error->isEmpty())
            *error = connection.error();
        return std::nullopt;
    }
    ModelFigures figures;
    {
        QSqlTableModel model(nullptr, db);
        model.setTable(table);
        model.setEditStrategy(QSqlTableModel::OnManualSubmit);
        QElapsedTimer timer;
        timer.start();
        model.select();
        while (model.canFetchMore())
            model.fetchMore();
        figures.load = Bench::elapsedMs(timer);
        const int qty = model.fieldIndex(QStringLiteral("qty"));
        timer.restart();
        for (int row = 0; row < rows; ++row) {
            const QModelIndex index = model.index(row, qty);
            if (!model.setData(index, model.data(index).toInt() + 1)) {
                *error = QStringLiteral("stock: setData refused row %1").arg(row);
                return std::nullopt;
            }
        }
        figures.setData = Bench::elapsedMs(timer);
        timer.restart();
        db.transaction();
        const bool saved = model.submitAll();
        if (!saved || !db.commit()) {
            db.rollback();
            *error = QStringLiteral("stock: submitAll failed");
            return std::nullopt;
        }
        figures.submit = Bench::elapsedMs(timer);
    }
    const qint64 edited = Bench::scalar(db, QStringLiteral("SELECT COUNT(*) FROM t WHERE qty = id % 1000 + 1"));
    if (edited != rows) {
        *error = QStringLiteral("stock: %1 of %2 rows carry the edit").arg(edited).arg(rows);
        return std::nullopt;
    }
    return figures;
}

QList<int> sizesFrom(const QString &text)
{
    QList<int> sizes;
    const QStringList parts = text.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        if (const int n = part.trimmed().toInt(); n > 0)
            sizes.append(n);
    }
    return sizes;
}

QString verdict(double value, double target)
{
    return value <= target ? QStringLiteral("meets") : QStringLiteral("MISSES");
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Concord's save path against a prepared UPDATE loop and QSqlTableModel."));
    parser.addHelpOption();
    QCommandLineOption sizesOption(QStringLiteral("sizes"), QStringLiteral("Row counts for the model and the limit."),
                                   QStringLiteral("N,N"), QStringLiteral("20000,100000"));
    QCommandLineOption stockOption(QStringLiteral("stock-sizes"),
                                   QStringLiteral("Row counts for stock QSqlTableModel (slow; empty: skip)."),
                                   QStringLiteral("N,N"), QStringLiteral("5000,10000,20000"));
    parser.addOption(sizesOption);
    parser.addOption(stockOption);
    parser.process(app);
    const QList<int> sizes = sizesFrom(parser.value(sizesOption));
    const QList<int> stockSizes = sizesFrom(parser.value(stockOption));

    QTemporaryDir dir;
    if (!dir.isValid())
        return Bench::fail(QStringLiteral("no temporary directory"));

    print(QStringLiteral("bench_submit: SQLite file in a temp dir, t(id INTEGER PRIMARY KEY, name TEXT, qty INTEGER, "
                         "price REAL, version INTEGER); qty edited on every row."));
    print(QStringLiteral("Change log: ON (every model save writes one concord_log row per saved row; counted below)."));
    print(QStringLiteral("Every run is verified in the database afterwards (all rows edited, version +1, log rows)."));
    print(QStringLiteral("Times are wall clock; the CPU ratio compares this process's CPU time (no disk or scheduler waits)."));
    print(QString());
    print(QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9 %10")
                  .arg(QStringLiteral("rows"), -8).arg(QStringLiteral("limit (a)"), 11)
                  .arg(QStringLiteral("a + log"), 11)
                  .arg(QStringLiteral("load"), 11).arg(QStringLiteral("setData"), 11)
                  .arg(QStringLiteral("submitAll"), 11).arg(QStringLiteral("set+submit"), 11)
                  .arg(QStringLiteral("model/limit"), 12).arg(QStringLiteral("CPU ratio"), 10)
                  .arg(QStringLiteral("model/(a+log)"), 14));

    QHash<int, LimitFigures> limits;
    QHash<int, LimitFigures> loggedLimits;
    QHash<int, LimitFigures> checkedLimits;
    QHash<int, LimitFigures> bareLimits;
    QHash<int, ModelFigures> models;
    for (int rows : sizes) {
        QString error;
        const auto limit = runLimit(dir, rows, Limit::Bare, &error);
        if (!limit)
            return Bench::fail(error);
        const auto limitLogged = runLimit(dir, rows, Limit::Logged, &error);
        if (!limitLogged)
            return Bench::fail(error);
        // The check costs little next to the noise of a shared machine: the two loops run
        // in turn three times, and each keeps its least CPU time.
        LimitFigures bare{0, std::numeric_limits<double>::max()};
        LimitFigures checked = bare;
        for (int round = 0; round < 3; ++round) {
            for (const Limit kind : {Limit::Bare, Limit::ValueChecked}) {
                const auto run = runLimit(dir, rows, kind, &error);
                if (!run)
                    return Bench::fail(error);
                LimitFigures &best = kind == Limit::Bare ? bare : checked;
                best.cpu = std::min(best.cpu, run->cpu);
                best.wall = std::min(best.wall == 0 ? run->wall : best.wall, run->wall);
            }
        }
        bareLimits.insert(rows, bare);
        checkedLimits.insert(rows, checked);
        const auto model = runModel(dir, rows, &error);
        if (!model)
            return Bench::fail(error);
        limits.insert(rows, *limit);
        loggedLimits.insert(rows, *limitLogged);
        models.insert(rows, *model);
        print(QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9 %10")
                      .arg(rows, -8).arg(Bench::formatMs(limit->wall), 11).arg(Bench::formatMs(limitLogged->wall), 11)
                      .arg(Bench::formatMs(model->load), 11)
                      .arg(Bench::formatMs(model->setData), 11).arg(Bench::formatMs(model->submit), 11)
                      .arg(Bench::formatMs(model->edit()), 11)
                      .arg(Bench::formatRatio(model->edit() / limit->wall), 12)
                      .arg(Bench::formatRatio(model->cpu / limit->cpu), 10)
                      .arg(Bench::formatRatio(model->edit() / limitLogged->wall), 14));
    }

    QHash<int, ModelFigures> stocks;
    if (!stockSizes.isEmpty()) {
        print(QString());
        print(QStringLiteral("Stock QSqlTableModel (OnManualSubmit, submitAll in a transaction; no version check, no log):"));
        print(QStringLiteral("%1 %2 %3 %4 %5").arg(QStringLiteral("rows"), -8).arg(QStringLiteral("setData"), 11)
                      .arg(QStringLiteral("submitAll"), 11).arg(QStringLiteral("set+submit"), 11)
                      .arg(QStringLiteral("per row"), 11));
        for (int rows : stockSizes) {
            QString error;
            const auto stock = runStock(dir, rows, &error);
            if (!stock)
                return Bench::fail(error);
            stocks.insert(rows, *stock);
            print(QStringLiteral("%1 %2 %3 %4 %5").arg(rows, -8).arg(Bench::formatMs(stock->setData), 11)
                          .arg(Bench::formatMs(stock->submit), 11).arg(Bench::formatMs(stock->edit()), 11)
                          .arg(QStringLiteral("%1 us").arg(stock->edit() * 1000 / rows, 0, 'f', 1), 11));
        }
    }

    print(QString());
    print(QStringLiteral("Ratios (set+submit, same run; CPU = this process's CPU time, robust to other load):"));
    for (int rows : sizes) {
        const double ratio = models.value(rows).edit() / limits.value(rows).wall;
        const double cpuRatio = models.value(rows).cpu / limits.value(rows).cpu;
        print(QStringLiteral("  model/limit at %1: %2 wall, %3 CPU (target <= 3x: %4)")
                      .arg(rows).arg(Bench::formatRatio(ratio), Bench::formatRatio(cpuRatio), verdict(ratio, 3)));
        print(QStringLiteral("    the loop with its change-log INSERT alone is %1 the limit; the model is %2 that loop")
                      .arg(Bench::formatRatio(loggedLimits.value(rows).wall / limits.value(rows).wall),
                           Bench::formatRatio(models.value(rows).edit() / loggedLimits.value(rows).wall)));
        const double check = checkedLimits.value(rows).cpu - bareLimits.value(rows).cpu;
        print(QStringLiteral("    comparing the loaded value too (edits by tools that leave the version alone): "
                             "+%1 CPU on the loop (%2%; least of 3 each), %3% of the model's save (target < 10%)")
                      .arg(Bench::formatMs(check))
                      .arg(100.0 * check / bareLimits.value(rows).cpu, 0, 'f', 1)
                      .arg(100.0 * check / models.value(rows).cpu, 0, 'f', 1));
    }
    if (models.contains(20000) && models.contains(100000)) {
        const double growth = models.value(100000).edit() / models.value(20000).edit();
        print(QStringLiteral("  model 100k/20k: %1 (target <= 6x, linear is 5x: %2)")
                      .arg(Bench::formatRatio(growth), verdict(growth, 6)));
        const double limitGrowth = limits.value(100000).wall / limits.value(20000).wall;
        print(QStringLiteral("  limit 100k/20k: %1").arg(Bench::formatRatio(limitGrowth)));
    }
    for (int rows : stockSizes) {
        if (models.contains(rows)) {
            print(QStringLiteral("  QSqlTableModel/model at %1: %2")
                          .arg(rows).arg(Bench::formatRatio(stocks.value(rows).edit() / models.value(rows).edit())));
        }
    }
    if (stockSizes.size() >= 2) {
        const int first = stockSizes.first();
        const int last = stockSizes.last();
        print(QStringLiteral("  QSqlTableModel %1/%2: %3 for %4x the rows")
                      .arg(last).arg(first)
                      .arg(Bench::formatRatio(stocks.value(last).edit() / stocks.value(first).edit()))
                      .arg(double(last) / first, 0, 'f', 1));
    }
    return 0;
}
