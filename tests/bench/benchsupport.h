#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QSqlDatabase>
#include <QString>

/// Small helpers shared by the benchmark programs: a table of "items" to edit,
/// scalar queries for the checks that keep a benchmark honest, timers and memory.
namespace Bench {

/// Milliseconds since @p timer started, with sub-millisecond precision.
double elapsedMs(const QElapsedTimer &timer);

/// CPU time this process has used, in milliseconds (client-side work, not waiting).
double cpuMs();

/// The resident set size of this process in KiB (VmRSS), or -1 if unknown.
qint64 rssKiB();

/// Prints @p message to stderr and returns 1, for `return Bench::fail(…)` in main().
int fail(const QString &message);

/// An open connection that is removed when it goes out of scope.
/// Declare it before anything that holds a copy of the handle (models, submitters).
class Connection
{
public:
    /// Opens an SQLite file, or a server's URL with @p password, the way Concord does
    /// (ConnectionUrl).
    explicit Connection(const QString &url, const QString &password = QString());
    /// Adopts a connection opened elsewhere (e.g. TestDatabase::connect()).
    explicit Connection(QSqlDatabase db);
    ~Connection();
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    QSqlDatabase db() const { return m_db; }
    bool isOpen() const { return m_db.isOpen(); }
    QString error() const { return m_error; }

private:
    QString m_name;
    QSqlDatabase m_db;
    QString m_error;
    bool m_owned = false;
};

/// Runs one statement; returns the error text, empty on success.
QString exec(QSqlDatabase db, const QString &sql);

/// The first column of the first row of @p sql, or -1 on error.
qint64 scalar(QSqlDatabase db, const QString &sql);

/// Creates @p table (id INTEGER PRIMARY KEY, name, qty INTEGER, price, version INTEGER)
/// with @p rows rows: name "item <id>", qty = id % 1000, price = id / 2, version 1.
/// Returns the error text, empty on success.
QString createItems(QSqlDatabase db, const QString &table, int rows);

/// How many rows of @p table carry qty = id % 1000 + @p edits and version 1 + @p edits,
/// i.e. were edited exactly @p edits times by a versioned save.
qint64 countEdited(QSqlDatabase db, const QString &table, int edits);

/// How many concord_log rows record @p action on @p table.
qint64 countLogged(QSqlDatabase db, const QString &table, const QString &action);

/// Wall and CPU time of one run, in milliseconds.
struct Figures
{
    double wall = 0;
    double cpu = 0;
};

/// The median of @p values (the middle one of an odd count), 0 for none.
double median(QList<double> values);

/// "12.3 ms" / "4.56 s".
QString formatMs(double ms);
/// "2.4x".
QString formatRatio(double ratio);

} // namespace Bench
