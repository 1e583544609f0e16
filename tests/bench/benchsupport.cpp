#include "benchsupport.h"

#include <algorithm>

#include "connectionurl.h"

#include <QFile>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <cstdio>
#include <ctime>

namespace Bench {

double elapsedMs(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

double cpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

qint64 rssKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    // The kernel's own count of resident pages, as "VmRSS:   123456 kB".
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

int fail(const QString &message)
{
    std::fprintf(stderr, "FAILED: %s\n", qPrintable(message));
    return 1;
}

Connection::Connection(const QString &url, const QString &password)
    : m_name(QStringLiteral("bench-") + QUuid::createUuid().toString(QUuid::Id128).left(8))
    , m_owned(true)
{
    const auto parsed = Concord::ConnectionUrl::parse(url);
    if (!parsed) {
        m_error = parsed.error().message;
        return;
    }
    const auto opened = parsed->open(m_name, password, Concord::ConnectionUrl::IfMissing::Create);
    if (!opened) {
        m_error = opened.error().message;
        return;
    }
    m_db = *opened;
}

Connection::Connection(QSqlDatabase db)
    : m_db(db)
{
    if (!m_db.isOpen())
        m_error = m_db.lastError().text();
}

Connection::~Connection()
{
    m_db = QSqlDatabase();
    if (m_owned)
        QSqlDatabase::removeDatabase(m_name);
}

QString exec(QSqlDatabase db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql))
        return QStringLiteral("%1: %2").arg(sql, query.lastError().text());
    return QString();
}

qint64 scalar(QSqlDatabase db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

QString createItems(QSqlDatabase db, const QString &table, int rows)
{
    const QSqlDriver::DbmsType dbms = db.driver()->dbmsType();
    const QString realType = dbms == QSqlDriver::PostgreSQL ? QStringLiteral("DOUBLE PRECISION")
            : dbms == QSqlDriver::MySqlServer              ? QStringLiteral("DOUBLE")
                                                           : QStringLiteral("REAL");
    const QString textType = dbms == QSqlDriver::SQLite ? QStringLiteral("TEXT") : QStringLiteral("VARCHAR(200)");
    QString error = exec(db, QStringLiteral("CREATE TABLE %1 (id INTEGER PRIMARY KEY, name %2, qty INTEGER, "
                                            "price %3, version INTEGER)").arg(table, textType, realType));
    if (!error.isEmpty())
        return error;
    if (!db.transaction())
        return db.lastError().text();
    // Multi-row INSERTs: quick on every database, far below each bind-parameter limit.
    constexpr int perStatement = 500;
    QSqlQuery query(db);
    QString prepared;
    for (int start = 1; start <= rows; start += perStatement) {
        const int n = std::min(perStatement, rows - start + 1);
        QString sql = QStringLiteral("INSERT INTO %1 (id, name, qty, price, version) VALUES ").arg(table);
        for (int i = 0; i < n; ++i)
            sql += i ? QStringLiteral(",(?,?,?,?,?)") : QStringLiteral("(?,?,?,?,?)");
        if (sql != prepared) {
            if (!query.prepare(sql))
                return query.lastError().text();
            prepared = sql;
        }
        for (int id = start; id < start + n; ++id) {
            query.addBindValue(id);
            query.addBindValue(QStringLiteral("item %1").arg(id));
            query.addBindValue(id % 1000);
            query.addBindValue(id / 2.0);
            query.addBindValue(1);
        }
        if (!query.exec()) {
            error = query.lastError().text();
            db.rollback();
            return error;
        }
    }
    if (!db.commit())
        return db.lastError().text();
    return QString();
}

qint64 countEdited(QSqlDatabase db, const QString &table, int edits)
{
    // "% 1000" is no placeholder for QString::arg (a space follows the %).
    return scalar(db, QStringLiteral("SELECT COUNT(*) FROM %1 WHERE qty = id % 1000 + %2 AND version = %3")
                              .arg(table).arg(edits).arg(1 + edits));
}

qint64 countLogged(QSqlDatabase db, const QString &table, const QString &action)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM concord_log WHERE table_name = ? AND action = ?"));
    query.addBindValue(table);
    query.addBindValue(action);
    if (!query.exec() || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

QString formatMs(double ms)
{
    if (ms >= 10000)
        return QStringLiteral("%1 s").arg(ms / 1000, 0, 'f', 2);
    return QStringLiteral("%1 ms").arg(ms, 0, 'f', 1);
}

QString formatRatio(double ratio)
{
    return QStringLiteral("%1x").arg(ratio, 0, 'f', ratio < 10 ? 2 : 1);
}

} // namespace Bench
