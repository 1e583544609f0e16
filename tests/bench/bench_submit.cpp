// bench_submit: how far VersionedTableModel's save is from a loop doing the same work.
//
// On an SQLite file, for each size, each save against its same-work reference:
// - change log on: the model (setData on every row + submitAll, one concord_log row per
//   saved row) against a prepared Qt loop doing the versioned UPDATE and the log INSERT;
// - change log off (VersionedTableModel::setChangeLogEnabled(false)): the model against
//   the bare prepared versioned UPDATE loop.
// The four run in turn, three rounds; each figure is the median of its three (wall and
// CPU time apart). Stock QSqlTableModel doing the same edit without any check is run for
// context. For context too, the bare loop with the loaded value of the edited column in
// its WHERE, as the model's save compares it so that an edit by a tool that left the
// version alone conflicts: the difference is what that check costs.
// Every run is checked afterwards in the database (rows edited once, version +1, log rows).

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

using LimitFigures = Bench::Figures;
using Figures = Bench::Figures;
using Bench::median;

constexpr int rounds = 3;

/// One figure's runs; the median of wall and of CPU time, each on its own.
struct Rounds
{
    QList<double> wall;
    QList<double> cpu;
    void add(double w, double c)
    {
        wall.append(w);
        cpu.append(c);
    }
    Figures median() const { return {Bench::median(wall), Bench::median(cpu)}; }
};

ModelFigures medianParts(const QList<ModelFigures> &runs)
{
    QList<double> load, setData, submit, cpu;
    for (const ModelFigures &run : runs) {
        load.append(run.load);
        setData.append(run.setData);
        submit.append(run.submit);
        cpu.append(run.cpu);
    }
    return {median(load), median(setData), median(submit), median(cpu)};
}

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

/// (b) VersionedTableModel: the whole grid path, with or without the change log.
std::optional<ModelFigures> runModel(const QTemporaryDir &dir, int rows, bool logged, QString *error)
{
    const QString path = freshFile(dir, QStringLiteral("model-%1-%2").arg(rows).arg(logged));
    QFile::remove(path); // each round starts from the same file
    Bench::Connection connection(path);
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
        model.setChangeLogEnabled(logged);
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
    const qint64 entries = logged ? Bench::countLogged(db, table, QStringLiteral("update")) : 0;
    if (entries != (logged ? rows : 0)
        || (!logged && db.tables().contains(Concord::ChangeLog::tableName()))) {
        *error = QStringLiteral("model: %1 change-log rows for %2 saved rows, log %3")
                         .arg(entries).arg(rows).arg(logged ? QStringLiteral("on") : QStringLiteral("off"));
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
    print(QStringLiteral("Each save against a loop doing the same work; medians of 3 alternating rounds."));
    print(QStringLiteral("Every run is verified in the database afterwards (all rows edited, version +1, log rows or none)."));
    print(QStringLiteral("Wall = elapsed; CPU = this process's CPU time (robust when other processes share the cores)."));
    print(QString());
    print(QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9")
                  .arg(QStringLiteral("rows"), -8).arg(QStringLiteral("log"), -4)
                  .arg(QStringLiteral("reference"), 11).arg(QStringLiteral("load"), 10)
                  .arg(QStringLiteral("setData"), 10).arg(QStringLiteral("submitAll"), 11)
                  .arg(QStringLiteral("set+submit"), 11).arg(QStringLiteral("wall ratio"), 11)
                  .arg(QStringLiteral("CPU ratio"), 10));

    // Per size: the same-work pairs, and the value check for context.
    struct Pair
    {
        Figures reference;
        Figures model;
        ModelFigures modelParts;
    };
    QHash<int, Pair> withLog;
    QHash<int, Pair> withoutLog;
    QHash<int, ModelFigures> models;   // log on, for the stock comparison
    QHash<int, Figures> bareLimits;
    QHash<int, Figures> checkedLimits;
    for (int rows : sizes) {
        QString error;
        Rounds refLogged, refBare, modelLogged, modelBare, checked;
        QList<ModelFigures> partsLogged, partsBare;
        for (int round = 0; round < rounds; ++round) {
            const auto a = runLimit(dir, rows, Limit::Logged, &error);
            if (!a)
                return Bench::fail(error);
            refLogged.add(a->wall, a->cpu);
            const auto b = runModel(dir, rows, true, &error);
            if (!b)
                return Bench::fail(error);
            modelLogged.add(b->edit(), b->cpu);
            partsLogged.append(*b);
            const auto c = runLimit(dir, rows, Limit::Bare, &error);
            if (!c)
                return Bench::fail(error);
            refBare.add(c->wall, c->cpu);
            const auto d = runModel(dir, rows, false, &error);
            if (!d)
                return Bench::fail(error);
            modelBare.add(d->edit(), d->cpu);
            partsBare.append(*d);
            const auto e = runLimit(dir, rows, Limit::ValueChecked, &error);
            if (!e)
                return Bench::fail(error);
            checked.add(e->wall, e->cpu);
        }
        withLog.insert(rows, {refLogged.median(), modelLogged.median(), medianParts(partsLogged)});
        withoutLog.insert(rows, {refBare.median(), modelBare.median(), medianParts(partsBare)});
        bareLimits.insert(rows, refBare.median());
        checkedLimits.insert(rows, checked.median());
        models.insert(rows, medianParts(partsLogged));
        for (const bool logged : {true, false}) {
            const Pair &pair = logged ? withLog.value(rows) : withoutLog.value(rows);
            print(QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9")
                          .arg(rows, -8).arg(logged ? QStringLiteral("on") : QStringLiteral("off"), -4)
                          .arg(Bench::formatMs(pair.reference.wall), 11)
                          .arg(Bench::formatMs(pair.modelParts.load), 10)
                          .arg(Bench::formatMs(pair.modelParts.setData), 10)
                          .arg(Bench::formatMs(pair.modelParts.submit), 11)
                          .arg(Bench::formatMs(pair.model.wall), 11)
                          .arg(Bench::formatRatio(pair.model.wall / pair.reference.wall), 11)
                          .arg(Bench::formatRatio(pair.model.cpu / pair.reference.cpu), 10));
        }
    }
    print(QStringLiteral("  reference, log on: prepared UPDATE + concord_log INSERT per row (QSqlQuery, one transaction);"));
    print(QStringLiteral("  reference, log off: the bare prepared versioned UPDATE loop. set+submit is the model's save."));

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
    print(QStringLiteral("Ratios (set+submit against the same-work reference, medians of %1 rounds):").arg(rounds));
    for (int rows : sizes) {
        const Pair on = withLog.value(rows);
        const Pair off = withoutLog.value(rows);
        const double onRatio = on.model.wall / on.reference.wall;
        const double offRatio = off.model.wall / off.reference.wall;
        print(QStringLiteral("  %1 rows, log on:  %2 wall, %3 CPU (target <= 2.0x: %4)")
                      .arg(rows).arg(Bench::formatRatio(onRatio), Bench::formatRatio(on.model.cpu / on.reference.cpu),
                                     verdict(onRatio, 2.0)));
        print(QStringLiteral("  %1 rows, log off: %2 wall, %3 CPU (target <= 3.0x: %4)")
                      .arg(rows).arg(Bench::formatRatio(offRatio), Bench::formatRatio(off.model.cpu / off.reference.cpu),
                                     verdict(offRatio, 3.0)));
        print(QStringLiteral("    the log's own cost: the reference loop %1 with it, the model %2")
                      .arg(Bench::formatRatio(on.reference.wall / off.reference.wall),
                           Bench::formatRatio(on.model.wall / off.model.wall)));
        const double check = checkedLimits.value(rows).cpu - bareLimits.value(rows).cpu;
        print(QStringLiteral("    comparing the loaded value too (edits by tools that leave the version alone): "
                             "%1 CPU on the bare loop (%2%), %3% of the model's save without the log")
                      .arg(Bench::formatMs(check))
                      .arg(100.0 * check / bareLimits.value(rows).cpu, 0, 'f', 1)
                      .arg(100.0 * check / off.model.cpu, 0, 'f', 1));
    }
    if (withLog.contains(20000) && withLog.contains(100000)) {
        for (const bool logged : {true, false}) {
            const auto &pairs = logged ? withLog : withoutLog;
            print(QStringLiteral("  model 100k/20k, log %1: %2 (linear is 5x); reference %3")
                          .arg(logged ? QStringLiteral("on") : QStringLiteral("off"))
                          .arg(Bench::formatRatio(pairs.value(100000).model.wall / pairs.value(20000).model.wall),
                               Bench::formatRatio(pairs.value(100000).reference.wall / pairs.value(20000).reference.wall)));
        }
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
