// bench_server: batch saves and checked actions against the PostgreSQL and MariaDB
// servers of tests/servers/servers.sh (CONCORD_TEST_PG_* / CONCORD_TEST_MY_*).
//
// Per dialect, in one run on a fresh database, 20,000 edited rows saved with the change
// log on and off, each by (1) its same-work reference, a prepared per-row loop (log on:
// the versioned UPDATE and the concord_log INSERT of each row; log off: the bare UPDATE),
// (2) BatchSubmitter (one statement per chunk: UPDATE … FROM unnest(…) RETURNING on
// PostgreSQL, UPDATE (SELECT … UNION ALL …) JOIN t on MariaDB; SubmitOptions::changeLog)
// and (3) the server's floor: the batch's own statements and nothing else. Three rounds,
// alternating; each figure is the median of its three, wall and client CPU time apart.
// Every save is checked in the database (rows edited, versions, log rows or none).
// Then an admin action on a selection of 10,000 (pk, version) pairs through ActionRunner
// against a one-statement check of the same selection.
// Round trips are counted from the client's side: libpq's protocol trace on PostgreSQL,
// the session's Questions counter on MariaDB.

#include "benchsupport.h"
#include "testdatabase.h"

#include "actionrunner.h"
#include "adminaction.h"
#include "batchsubmitter.h"
#include "changelog.h"
#include "postgresdialect.h"
#include "sqldialect.h"
#include "versionregistry.h"

#include <QCoreApplication>
#include <QMap>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QTemporaryFile>

#include <algorithm>
#include <array>
#include <cstdio>
#include <optional>

#ifdef CONCORD_HAVE_LIBPQ
#include <libpq-fe.h>
#endif

using namespace Concord;

namespace {

constexpr int editedRows = 20000;
constexpr int selectedRows = 10000;
const QString table = QStringLiteral("t");

void print(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

/// Counts the requests this client sends to the server between start() and stop().
class RoundTrips
{
public:
    explicit RoundTrips(QSqlDatabase db)
        : m_db(db)
    {
    }

    bool isAvailable() const
    {
#ifdef CONCORD_HAVE_LIBPQ
        if (pgConnection())
            return true;
#endif
        return m_db.driver()->dbmsType() == QSqlDriver::MySqlServer;
    }

    void start()
    {
        m_kinds.clear();
#ifdef CONCORD_HAVE_LIBPQ
        if (PGconn *conn = pgConnection()) {
            m_trace.reset(std::tmpfile());
            PQtrace(conn, m_trace.get());
            PQsetTraceFlags(conn, PQTRACE_SUPPRESS_TIMESTAMPS);
            return;
        }
#endif
        m_questions = questions();
    }

    /// Requests sent since start(); kinds() says which statements they were (PostgreSQL).
    qint64 stop()
    {
#ifdef CONCORD_HAVE_LIBPQ
        if (PGconn *conn = pgConnection()) {
            PQuntrace(conn);
            std::rewind(m_trace.get());
            // One line per protocol message: "F <length> Query \"…\"" for a simple query
            // (Qt's QPSQL sends EXECUTE as one), "F 4 Sync" closing an extended one.
            qint64 count = 0;
            QByteArray trace;
            char buffer[65536];
            for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, m_trace.get())) > 0;)
                trace.append(buffer, qsizetype(n));
            const QList<QByteArray> lines = trace.split('\n');
            for (const QByteArray &text : lines) {
                const QList<QByteArray> fields = text.split('\t');
                if (fields.size() < 3 || fields.at(0) != "F")
                    continue;
                const QByteArray message = fields.at(2).trimmed();
                if (message == "Sync") {
                    ++count;
                } else if (message == "Query") {
                    ++count;
                    const QByteArray sql = fields.value(3).trimmed().replace('"', "");
                    const qsizetype space = sql.indexOf(' ');
                    m_kinds[QString::fromUtf8((space < 0 ? sql : sql.left(space)).toUpper())] += 1;
                    // QPSQL prepares each statement text once per QSqlQuery::prepare():
                    // the row-locking reads (the version check and the read-back) show here.
                    if (sql.startsWith("PREPARE") && sql.contains("FOR UPDATE"))
                        m_kinds[QStringLiteral("of which SELECT … FOR UPDATE")] += 1;
                }
            }
            m_trace.reset();
            return count;
        }
#endif
        // The status query itself is one question: take it off.
        return questions() - m_questions - 1;
    }

    QMap<QString, int> kinds() const { return m_kinds; }

private:
    struct FileCloser
    {
        void operator()(std::FILE *file) const { if (file) std::fclose(file); }
    };

#ifdef CONCORD_HAVE_LIBPQ
    PGconn *pgConnection() const
    {
        const QVariant handle = m_db.driver()->handle();
        if (handle.isValid() && (qstrcmp(handle.typeName(), "PGconn*") == 0 || qstrcmp(handle.typeName(), "pg_conn*") == 0))
            return *static_cast<PGconn *const *>(handle.constData());
        return nullptr;
    }
#endif

    qint64 questions() const
    {
        QSqlQuery query(m_db);
        if (!query.exec(QStringLiteral("SHOW SESSION STATUS LIKE 'Questions'")) || !query.next())
            return 0;
        return query.value(1).toLongLong();
    }

    QSqlDatabase m_db;
    std::unique_ptr<std::FILE, FileCloser> m_trace;
    qint64 m_questions = 0;
    QMap<QString, int> m_kinds;
};

QString kindsText(const QMap<QString, int> &kinds)
{
    QStringList parts;
    for (auto it = kinds.cbegin(); it != kinds.cend(); ++it)
        parts.append(QStringLiteral("%1 %2").arg(it.key()).arg(it.value()));
    return parts.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(parts.join(QStringLiteral(", ")));
}

using Bench::Figures;
using Bench::median;

/// One figure's runs; the median of wall and of CPU time, each on its own.
struct Rounds
{
    QList<double> wall;
    QList<double> cpu;
    qint64 trips = 0;           ///< round trips of the last run
    QMap<QString, int> kinds;   ///< what they were (PostgreSQL)
    void add(const Figures &figures)
    {
        wall.append(figures.wall);
        cpu.append(figures.cpu);
    }
    Figures median() const { return {Bench::median(wall), Bench::median(cpu)}; }
    QString runs() const
    {
        QStringList texts;
        for (double value : wall)
            texts.append(Bench::formatMs(value));
        return texts.join(QStringLiteral(", "));
    }
};

/// Measures wall and client CPU time from construction to figures().
class Stopwatch
{
public:
    Stopwatch()
        : m_cpu(Bench::cpuMs())
    {
        m_timer.start();
    }
    Figures figures() const { return {Bench::elapsedMs(m_timer), Bench::cpuMs() - m_cpu}; }

private:
    QElapsedTimer m_timer;
    double m_cpu;
};

/// The concord_log `changes` of edit number @p round of row @p id, in ChangeLog's shape.
QString logChanges(int id, int round)
{
    return QStringLiteral("{\"qty\":{\"new\":%1,\"old\":%2}}").arg(id % 1000 + round).arg(id % 1000 + round - 1);
}

/// The same-work reference for edit number @p round: a prepared versioned UPDATE per row
/// in one transaction, with @p logged the concord_log INSERT of that row after it.
std::optional<Figures> perRowLoop(QSqlDatabase db, int round, bool logged, QString *error)
{
    const Stopwatch stopwatch;
    db.transaction();
    {
        QSqlQuery query(db);
        query.prepare(QStringLiteral("UPDATE t SET qty = ?, version = ? WHERE id = ? AND version = ?"));
        QSqlQuery log(db);
        if (logged) {
            log.prepare(QStringLiteral("INSERT INTO concord_log (changed_at, changed_by, table_name, pk, action, version, "
                                       "changes) VALUES (?, ?, ?, ?, ?, ?, ?)"));
        }
        const QString at = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
        for (int id = 1; id <= editedRows; ++id) {
            query.addBindValue(id % 1000 + round);
            query.addBindValue(round + 1);
            query.addBindValue(id);
            query.addBindValue(round);
            if (!query.exec() || query.numRowsAffected() != 1) {
                *error = QStringLiteral("per-row loop: row %1 was not updated").arg(id);
                db.rollback();
                return std::nullopt;
            }
            if (!logged)
                continue;
            log.addBindValue(at);
            log.addBindValue(QStringLiteral("bench"));
            log.addBindValue(table);
            log.addBindValue(QString::number(id));
            log.addBindValue(QStringLiteral("update"));
            log.addBindValue(qlonglong(round + 1));
            log.addBindValue(logChanges(id, round));
            if (!log.exec()) {
                *error = QStringLiteral("per-row loop: no log row for row %1: %2").arg(id).arg(log.lastError().text());
                db.rollback();
                return std::nullopt;
            }
        }
    }
    if (!db.commit()) {
        *error = QStringLiteral("per-row loop: commit failed");
        return std::nullopt;
    }
    return stopwatch.figures();
}

/// The edits a grid hands BatchSubmitter for edit number @p round: one column changed,
/// with its loaded value as the base (VersionedTableModel sends the changed columns' only).
QList<RowEdit> gridEdits(int round, const QString &onTable = table)
{
    QList<RowEdit> edits;
    edits.reserve(editedRows);
    for (int id = 1; id <= editedRows; ++id) {
        RowEdit edit;
        edit.table = onTable;
        edit.pk = id;
        edit.version = round;
        edit.changes.insert(QStringLiteral("qty"), id % 1000 + round);
        edit.base.insert(QStringLiteral("qty"), id % 1000 + round - 1);
        edit.tag = id;
        edits.append(edit);
    }
    return edits;
}

/// PostgreSQL: the same batch save on a table that grids watch, with Concord's change-notify
/// triggers (one NOTIFY per statement) and with a per-row NOTIFY trigger as Concord
/// installed before, against the same table without a trigger before and after. Each
/// save is preceded by a VACUUM, so none pays for the dead rows of the one before.
int watchedSaves(QSqlDatabase db, BatchSubmitter &submitter)
{
    const QString watched = QStringLiteral("w");
    if (const QString error = Bench::createItems(db, watched, editedRows); !error.isEmpty())
        return Bench::fail(QStringLiteral("postgresql: %1").arg(error));
    const auto &postgres = static_cast<const PostgresDialect &>(submitter.dialect());
    const QStringList noTrigger = postgres.dropNotifyTriggerSql(watched)
            << QStringLiteral("DROP TRIGGER IF EXISTS w_row_notify ON w");
    const QStringList statementTrigger = postgres.createNotifyTriggerSql(watched, QStringLiteral("id"));
    const QStringList rowTrigger = QStringList(noTrigger)
            << QStringLiteral("CREATE OR REPLACE FUNCTION w_row_notify() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN "
                              "PERFORM pg_notify('concord_changes', TG_TABLE_NAME || ':' || OLD.id::text); "
                              "RETURN NULL; END $f$")
            << QStringLiteral("CREATE TRIGGER w_row_notify AFTER UPDATE OR DELETE ON w FOR EACH ROW "
                              "EXECUTE FUNCTION w_row_notify()");
    const auto save = [&](int round, const QStringList &setup, double *ms) -> QString {
        for (const QString &sql : setup + QStringList{QStringLiteral("VACUUM ANALYZE w")}) {
            if (const QString error = Bench::exec(db, sql); !error.isEmpty())
                return error;
        }
        QElapsedTimer timer;
        timer.start();
        const SubmitResult saved = submitter.submit(gridEdits(round, watched));
        *ms = Bench::elapsedMs(timer);
        if (!saved.committed || saved.savedCount() != editedRows)
            return QStringLiteral("saved %1 of %2: %3").arg(saved.savedCount()).arg(editedRows).arg(saved.summary());
        if (const qint64 edited = Bench::countEdited(db, watched, round); edited != editedRows)
            return QStringLiteral("%1 of %2 rows edited").arg(edited).arg(editedRows);
        return QString();
    };
    double before = 0, statement = 0, row = 0, after = 0;
    QString error = save(1, noTrigger, &before);
    if (error.isEmpty())
        error = save(2, statementTrigger, &statement);
    if (error.isEmpty())
        error = save(3, rowTrigger, &row);
    if (error.isEmpty())
        error = save(4, noTrigger, &after);
    if (!error.isEmpty())
        return Bench::fail(QStringLiteral("postgresql, watched table: %1").arg(error));
    const double unwatched = (before + after) / 2;
    print(QStringLiteral("  the same save on a table open grids watch (LISTEN/NOTIFY trigger), each after a VACUUM:"));
    print(QStringLiteral("    no trigger: %1 and %2 (before and after)").arg(Bench::formatMs(before), Bench::formatMs(after)));
    print(QStringLiteral("    Concord's statement-level trigger, one NOTIFY per statement: %1 (%2 of no trigger)")
                  .arg(Bench::formatMs(statement), Bench::formatRatio(statement / unwatched)));
    print(QStringLiteral("    a per-row trigger, one NOTIFY per row (Concord before): %1 (%2 of no trigger)")
                  .arg(Bench::formatMs(row), Bench::formatRatio(row / unwatched)));
    return 0;
}

/// One run of a server floor: the whole, and its parts where they are told apart.
struct FloorRun
{
    Figures total;
    double lock = 0;    ///< MariaDB: the lock read in key order
    double update = 0;  ///< the UPDATE statements
    double log = 0;     ///< the change-log INSERT statements
};

/// PostgreSQL: what the server itself needs for edit number @p round of the batch, sent
/// as BatchSubmitter's statements and nothing else (arrays built beforehand, not timed):
/// one UPDATE … FROM unnest(…) RETURNING, with @p logged one INSERT of the log rows, in a
/// transaction. No client can save the batch faster.
std::optional<FloorRun> postgresFloor(QSqlDatabase db, int round, bool logged, QString *error)
{
    QString ids = QStringLiteral("{"), quantities = ids, versions = ids;
    std::array<QString, 7> log;
    log.fill(QStringLiteral("{"));
    const QString at = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    for (int id = 1; id <= editedRows; ++id) {
        PostgresDialect::appendArrayElement(ids, id);
        PostgresDialect::appendArrayElement(quantities, id % 1000 + round);
        PostgresDialect::appendArrayElement(versions, round);
        if (!logged)
            continue;
        PostgresDialect::appendArrayElement(log[0], at);
        PostgresDialect::appendArrayElement(log[1], QStringLiteral("bench"));
        PostgresDialect::appendArrayElement(log[2], table);
        PostgresDialect::appendArrayElement(log[3], QString::number(id));
        PostgresDialect::appendArrayElement(log[4], QStringLiteral("update"));
        PostgresDialect::appendArrayElement(log[5], round + 1);
        PostgresDialect::appendArrayElement(log[6], logChanges(id, round));
    }
    for (QString *array : {&ids, &quantities, &versions})
        *array += QLatin1Char('}');
    for (QString &array : log)
        array += QLatin1Char('}');

    QSqlQuery update(db);
    QSqlQuery insert(db);
    if (!update.prepare(QStringLiteral("UPDATE t SET qty = v.qty, version = v.version + 1 FROM unnest(CAST(? AS integer[]), "
                                       "CAST(? AS integer[]), CAST(? AS bigint[])) AS v(id, qty, version) "
                                       "WHERE t.id = v.id AND t.version = v.version RETURNING t.id"))
        || !insert.prepare(QStringLiteral("INSERT INTO concord_log (changed_at, changed_by, table_name, pk, action, version, "
                                          "changes) SELECT * FROM unnest(CAST(? AS text[]), CAST(? AS text[]), "
                                          "CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS bigint[]), "
                                          "CAST(? AS text[]))"))) {
        *error = QStringLiteral("the floor's statements: %1 %2").arg(update.lastError().text(), insert.lastError().text());
        return std::nullopt;
    }
    FloorRun run;
    const Stopwatch stopwatch;
    bool ok = db.transaction();
    update.addBindValue(ids);
    update.addBindValue(quantities);
    update.addBindValue(versions);
    ok = ok && update.exec();
    int returned = 0;
    while (ok && update.next())
        ++returned;
    run.update = stopwatch.figures().wall;
    if (logged) {
        for (const QString &array : std::as_const(log))
            insert.addBindValue(array);
        ok = ok && insert.exec();
        run.log = stopwatch.figures().wall - run.update;
    }
    ok = ok && db.commit();
    run.total = stopwatch.figures();
    if (!ok || returned != editedRows) {
        *error = QStringLiteral("the floor's statements updated %1 of %2 rows").arg(returned).arg(editedRows);
        return std::nullopt;
    }
    return run;
}

/// MariaDB: what the server itself needs for edit number @p round of the batch, sent as
/// Concord sends it and nothing else (every bound value built beforehand, not timed): the
/// lock read in key order, the set-based UPDATE per chunk of 2,000 rows (spelled by the
/// dialect, as BatchSubmitter spells it) and, with @p logged, the change-log INSERTs of
/// 500 rows each, in one transaction. No client can save the batch faster.
std::optional<FloorRun> mariaDbFloor(QSqlDatabase db, const SqlDialect &dialect, int round, bool logged, QString *error)
{
    constexpr int lockChunk = 5000;
    constexpr int updateChunk = 2000;
    constexpr int logChunk = 500;

    QString lockMarks;
    for (int i = 0; i < lockChunk; ++i)
        lockMarks += i ? QStringLiteral(",?") : QStringLiteral("?");
    const QString lockSql = QStringLiteral("SELECT id, qty, version FROM t WHERE id IN (%1) ORDER BY id FOR UPDATE").arg(lockMarks);
    const QStringList names{QStringLiteral("column1"), QStringLiteral("column2"), QStringLiteral("column3"), QStringLiteral("column4")};
    const QString updateSql = dialect.bulkUpdateSql(
            table, {{QStringLiteral("version"), QStringLiteral("concord_rows.column3")},
                    {QStringLiteral("qty"), QStringLiteral("concord_rows.column4")}},
            dialect.valuesRowsSource(QStringList(names.size(), QStringLiteral("?")), names, updateChunk, QStringLiteral("concord_rows")),
            QStringLiteral("t.id = concord_rows.column1 AND t.version <=> concord_rows.column2"), QString());
    QString logSql = QStringLiteral("INSERT INTO concord_log (changed_at, changed_by, table_name, pk, action, version, changes) VALUES ");
    for (int i = 0; i < logChunk; ++i)
        logSql += i ? QStringLiteral(",(?,?,?,?,?,?,?)") : QStringLiteral("(?,?,?,?,?,?,?)");

    QList<QVariantList> lockValues, updateValues, logValues;
    const QString at = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    for (int id = 1; id <= editedRows; ++id) {
        if ((id - 1) % lockChunk == 0)
            lockValues.append(QVariantList());
        lockValues.last() << id;
        if ((id - 1) % updateChunk == 0)
            updateValues.append(QVariantList());
        updateValues.last() << id << round << round + 1 << id % 1000 + round;
        if (!logged)
            continue;
        if ((id - 1) % logChunk == 0)
            logValues.append(QVariantList());
        logValues.last() << at << QStringLiteral("bench") << table << QString::number(id) << QStringLiteral("update")
                         << qlonglong(round + 1) << logChanges(id, round);
    }
    QSqlQuery lock(db), update(db), insert(db);
    lock.setForwardOnly(true);
    if (!lock.prepare(lockSql) || !update.prepare(updateSql) || (logged && !insert.prepare(logSql))) {
        *error = QStringLiteral("the floor's statements: %1 %2 %3")
                         .arg(lock.lastError().text(), update.lastError().text(), insert.lastError().text());
        return std::nullopt;
    }
    const auto exec = [](QSqlQuery &query, const QVariantList &values) {
        for (const QVariant &value : values)
            query.addBindValue(value);
        return query.exec();
    };
    FloorRun run;
    const Stopwatch stopwatch;
    bool ok = db.transaction();
    qint64 locked = 0, matched = 0;
    for (const QVariantList &values : std::as_const(lockValues)) {
        ok = ok && exec(lock, values);
        while (ok && lock.next())
            ++locked;
    }
    run.lock = stopwatch.figures().wall;
    for (const QVariantList &values : std::as_const(updateValues)) {
        ok = ok && exec(update, values);
        matched += ok ? update.numRowsAffected() : 0;
    }
    run.update = stopwatch.figures().wall - run.lock;
    for (const QVariantList &values : std::as_const(logValues))
        ok = ok && exec(insert, values);
    run.log = stopwatch.figures().wall - run.lock - run.update;
    ok = ok && db.commit();
    run.total = stopwatch.figures();
    if (!ok || locked != editedRows || matched != editedRows) {
        *error = QStringLiteral("the floor's statements locked %1 and updated %2 of %3 rows").arg(locked).arg(matched).arg(editedRows);
        return std::nullopt;
    }
    return run;
}

int runDialect(TestDatabase::Dialect dialect)
{
    const QString name = TestDatabase::name(dialect);
    const bool postgres = dialect == TestDatabase::Dialect::PostgreSQL;
    TestDatabase database(dialect);
    if (!database.isValid())
        return Bench::fail(QStringLiteral("%1: %2").arg(name, database.error()));
    QSqlDatabase db = database.connect(QStringLiteral("bench"));
    if (!db.isOpen())
        return Bench::fail(QStringLiteral("%1: %2").arg(name, database.error()));
    if (const QString error = Bench::createItems(db, table, editedRows); !error.isEmpty())
        return Bench::fail(QStringLiteral("%1: %2").arg(name, error));
    BatchSubmitter submitter(db);
    if (!submitter.writer(table))
        return Bench::fail(QStringLiteral("%1: no writer for t").arg(name));
    // The log table exists in a database that has been saved to before; its DDL is not timed.
    if (!ChangeLog::ensureTable(db, submitter.dialect()))
        return Bench::fail(QStringLiteral("%1: no change log table").arg(name));
    RoundTrips trips(db);

    // Each timed save starts from the same kind of table: vacuumed and analysed, so none
    // pays for another's dead rows nor plans without statistics.
    const auto settle = [&]() -> QString {
        if (!postgres)
            return Bench::exec(db, QStringLiteral("ANALYZE TABLE t"));
        return Bench::exec(db, QStringLiteral("VACUUM ANALYZE t"));
    };

    // Three rounds; in each, log on then log off: the same-work per-row loop, BatchSubmitter,
    // and the server floor of the batch's statements. Save s takes every row from version s
    // to s + 1. The first save on a fresh database pays for more than itself (empty caches, a
    // new log), so each figure is the median of its three.
    constexpr int rounds = 3;
    struct Side
    {
        Rounds loop, batch, floor;
        QList<FloorRun> floorRuns;
    };
    std::array<Side, 2> sides; // [0] log on, [1] log off
    int save = 0;
    qint64 logged = 0;
    // Checks in the database what save number @p edit left: every row edited, its version
    // advanced, and a log row per row exactly when @p withLog.
    const auto verify = [&](const QString &what, int edit, bool withLog) -> QString {
        if (const qint64 edited = Bench::countEdited(db, table, edit); edited != editedRows)
            return QStringLiteral("%1 edited %2 of %3 rows").arg(what).arg(edited).arg(editedRows);
        if (withLog)
            logged += editedRows;
        if (const qint64 count = Bench::countLogged(db, table, QStringLiteral("update")); count != logged)
            return QStringLiteral("%1: %2 change-log rows, %3 expected").arg(what).arg(count).arg(logged);
        return QString();
    };
    for (int r = 0; r < rounds; ++r) {
        for (int side = 0; side < 2; ++side) {
            const bool withLog = side == 0;
            Side &figures = sides[side];
            QString error;

            if (!(error = settle()).isEmpty())
                return Bench::fail(QStringLiteral("%1: %2").arg(name, error));
            ++save;
            trips.start();
            const auto perRow = perRowLoop(db, save, withLog, &error);
            figures.loop.trips = trips.stop();
            if (!perRow || !(error = verify(QStringLiteral("per-row loop"), save, withLog)).isEmpty())
                return Bench::fail(QStringLiteral("%1: %2").arg(name, error));
            figures.loop.add(*perRow);

            if (!(error = settle()).isEmpty())
                return Bench::fail(QStringLiteral("%1: %2").arg(name, error));
            ++save;
            const QList<RowEdit> edits = gridEdits(save);
            SubmitOptions options;
            options.changeLog = withLog;
            trips.start();
            const Stopwatch stopwatch;
            const SubmitResult saved = submitter.submit(edits, options);
            figures.batch.add(stopwatch.figures());
            figures.batch.trips = trips.stop();
            figures.batch.kinds = trips.kinds();
            if (!saved.committed || saved.savedCount() != editedRows)
                return Bench::fail(QStringLiteral("%1: BatchSubmitter saved %2 of %3: %4")
                                           .arg(name).arg(saved.savedCount()).arg(editedRows).arg(saved.summary()));
            if (!(error = verify(QStringLiteral("BatchSubmitter"), save, withLog)).isEmpty())
                return Bench::fail(QStringLiteral("%1: %2").arg(name, error));

            if (!(error = settle()).isEmpty())
                return Bench::fail(QStringLiteral("%1: %2").arg(name, error));
            ++save;
            const auto floor = postgres ? postgresFloor(db, save, withLog, &error)
                                        : mariaDbFloor(db, submitter.dialect(), save, withLog, &error);
            if (!floor || !(error = verify(QStringLiteral("the floor's statements"), save, withLog)).isEmpty())
                return Bench::fail(QStringLiteral("%1: %2").arg(name, error));
            figures.floor.add(floor->total);
            figures.floorRuns.append(*floor);
        }
    }

    const SqlDialect &sql = submitter.dialect();
    const QString batchPath = !sql.supportsBulkUpdate()
            ? QStringLiteral("per-row path")
            : sql.bulkUpdateReturnsKeys()
            ? QStringLiteral("bulk UPDATE … FROM unnest(one array per column) RETURNING per chunk")
            : QStringLiteral("set-based: one UPDATE (SELECT … UNION ALL …) JOIN t per chunk, versions known from the lock read");
    const auto tripsText = [&](const Rounds &figures, bool withKinds) {
        if (!trips.isAvailable())
            return QString();
        return QStringLiteral(", %1 round trips%2").arg(figures.trips).arg(withKinds ? kindsText(figures.kinds) : QString());
    };
    const auto timeText = [](const Rounds &figures) {
        const Figures m = figures.median();
        return QStringLiteral("median %1 wall, %2 CPU (runs %3)").arg(Bench::formatMs(m.wall), Bench::formatMs(m.cpu), figures.runs());
    };
    const auto verdict = [](bool meets) { return meets ? QStringLiteral("meets") : QStringLiteral("MISSES"); };
    print(QStringLiteral("%1: %2 rows; each save after a VACUUM/ANALYZE; per round log on then log off, each as loop, "
                         "batch, floor; medians of %3 rounds; CPU is the client's")
                  .arg(name).arg(editedRows).arg(rounds));
    print(QStringLiteral("  BatchSubmitter: %1").arg(batchPath));
    for (int side = 0; side < 2; ++side) {
        const bool withLog = side == 0;
        const Side &figures = sides[side];
        QList<double> lock, update, log;
        for (const FloorRun &run : figures.floorRuns) {
            lock.append(run.lock);
            update.append(run.update);
            log.append(run.log);
        }
        print(withLog ? QStringLiteral("  log on:") : QStringLiteral("  log off (SubmitOptions::changeLog = false):"));
        print(QStringLiteral("    reference, %1 per row (prepared, 1 transaction): %2%3")
                      .arg(withLog ? QStringLiteral("versioned UPDATE + concord_log INSERT") : QStringLiteral("bare versioned UPDATE"),
                           timeText(figures.loop), tripsText(figures.loop, false)));
        print(QStringLiteral("    BatchSubmitter: %1%2").arg(timeText(figures.batch), tripsText(figures.batch, true)));
        print(QStringLiteral("    server floor, the batch's statements only%1: %2; parts (medians) %3")
                      .arg(withLog ? QString() : QStringLiteral(" without the log INSERT"), timeText(figures.floor),
                           postgres ? QStringLiteral("UPDATE %1%2").arg(Bench::formatMs(median(update)),
                                                                     withLog ? QStringLiteral(", log INSERT %1").arg(Bench::formatMs(median(log))) : QString())
                                    : QStringLiteral("lock read %1, UPDATE %2%3").arg(Bench::formatMs(median(lock)), Bench::formatMs(median(update)),
                                                                                       withLog ? QStringLiteral(", log INSERT %1").arg(Bench::formatMs(median(log))) : QString())));
        const Figures loop = figures.loop.median(), batch = figures.batch.median(), floor = figures.floor.median();
        const double speedup = loop.wall / batch.wall;
        const double overFloor = batch.wall / floor.wall;
        print(QStringLiteral("    loop / batch: %1 wall, %2 CPU%3")
                      .arg(Bench::formatRatio(speedup), Bench::formatRatio(loop.cpu / batch.cpu),
                           postgres ? QString() : QStringLiteral(" (target >= 4.0x: %1)").arg(verdict(speedup >= 4))));
        print(QStringLiteral("    batch / floor: %1 wall, %2 CPU%3")
                      .arg(Bench::formatRatio(overFloor), Bench::formatRatio(batch.cpu / floor.cpu),
                           postgres ? QStringLiteral(" (target <= 1.3x: %1)").arg(verdict(overFloor <= 1.3)) : QString()));
    }
    const int version = save + 1;

    // 3. A checked action on 10,000 (pk, version) pairs, against one SELECT of the same pairs.
    QList<RowRef> selection;
    selection.reserve(selectedRows);
    for (int id = 1; id <= selectedRows; ++id)
        selection.append(RowRef{id, version});
    const double price = 7.25;
    ActionRunner runner(db);
    QElapsedTimer timer;
    trips.start();
    timer.start();
    const SubmitResult acted = runner.run(table, selection, AdminAction::setField(QStringLiteral("price"), price));
    const double actionMs = Bench::elapsedMs(timer);
    const qint64 actionTrips = trips.stop();
    const QMap<QString, int> actionKinds = trips.kinds();
    if (!acted.committed || acted.savedCount() != selectedRows)
        return Bench::fail(QStringLiteral("%1: the action saved %2 of %3: %4")
                                   .arg(name).arg(acted.savedCount()).arg(selectedRows).arg(acted.error.message));
    const qint64 priced = Bench::scalar(db, QStringLiteral("SELECT COUNT(*) FROM t WHERE price = 7.25 AND version = %1")
                                                   .arg(version + 1));
    if (priced != selectedRows)
        return Bench::fail(QStringLiteral("%1: the action set %2 of %3 rows").arg(name).arg(priced).arg(selectedRows));
    if (const qint64 logged = Bench::countLogged(db, table, QStringLiteral("set")); logged != selectedRows)
        return Bench::fail(QStringLiteral("%1: %2 change-log rows for %3 set").arg(name).arg(logged).arg(selectedRows));

    // Baseline: the whole selection read in one statement, locked, in a transaction.
    QString marks;
    for (int i = 0; i < selectedRows; ++i)
        marks += i ? QStringLiteral(",?") : QStringLiteral("?");
    trips.start();
    timer.restart();
    db.transaction();
    qint64 baselineRows = 0;
    {
        QSqlQuery query(db);
        query.setForwardOnly(true);
        query.prepare(QStringLiteral("SELECT id, version FROM t WHERE id IN (%1)%2")
                              .arg(marks, submitter.dialect().rowLockSuffix()));
        for (int id = 1; id <= selectedRows; ++id)
            query.addBindValue(id);
        if (query.exec()) {
            while (query.next())
                ++baselineRows;
        }
    }
    db.commit();
    const double baselineMs = Bench::elapsedMs(timer);
    const qint64 baselineTrips = trips.stop();
    if (baselineRows != selectedRows)
        return Bench::fail(QStringLiteral("%1: the baseline read %2 rows").arg(name).arg(baselineRows));

    print(QStringLiteral("  ActionRunner set-field on %1 selected (pk, version) pairs: %2%3")
                  .arg(selectedRows).arg(Bench::formatMs(actionMs))
                  .arg(trips.isAvailable() ? QStringLiteral(", %1 round trips%2").arg(actionTrips).arg(kindsText(actionKinds))
                                           : QString()));
    print(QStringLiteral("  baseline: one SELECT … WHERE id IN (%1 keys)%2 in a transaction: %3%4")
                  .arg(selectedRows).arg(submitter.dialect().rowLockSuffix()).arg(Bench::formatMs(baselineMs))
                  .arg(trips.isAvailable() ? QStringLiteral(", %1 round trips").arg(baselineTrips) : QString()));
    print(QStringLiteral("  action / baseline: %1 (the action also writes, reads back and logs every row)")
                  .arg(Bench::formatRatio(actionMs / baselineMs)));
    return postgres ? watchedSaves(db, submitter) : 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    print(QStringLiteral("bench_server: t(id INTEGER PRIMARY KEY, name, qty INTEGER, price, version INTEGER) on a "
                         "fresh database per server; every run verified afterwards."));
    int status = 0;
    for (TestDatabase::Dialect dialect : {TestDatabase::Dialect::PostgreSQL, TestDatabase::Dialect::MariaDB}) {
        const char *port = dialect == TestDatabase::Dialect::PostgreSQL ? "CONCORD_TEST_PG_PORT" : "CONCORD_TEST_MY_PORT";
        print(QString());
        if (qEnvironmentVariableIsEmpty(port)) {
            print(QStringLiteral("%1: skipped, %2 is not set (eval \"$(tests/servers/servers.sh env)\")")
                          .arg(TestDatabase::name(dialect), QLatin1String(port)));
            continue;
        }
        status |= runDialect(dialect);
    }
    return status;
}
