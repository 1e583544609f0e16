#include "rowcounter.h"

#include "pooling.h"

#include <QAtomicInteger>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

namespace Concord {

RowCounter::RowCounter(QObject *parent)
    : QObject(parent)
{
}

RowCounter::~RowCounter()
{
    cancelLandmarks();
    for (QThread *thread : std::as_const(m_threads)) {
        thread->wait();
        delete thread;
    }
}

void RowCounter::runInThread(const QString &connectionName, Job job)
{
    static QAtomicInteger<quint64> serial;
    const QString name = QStringLiteral("concord-count-%1").arg(++serial);
    // A clone has a driver of its own: it is marked as the original is (a pooler's rules).
    const Pooling::Mode pooling = Pooling::of(QSqlDatabase::database(connectionName, false));
    QThread *thread = QThread::create([this, connectionName, name, job = std::move(job), pooling] {
        std::function<void()> report;
        {
            // Cloned by name: the clone is made, opened and closed in this thread.
            QSqlDatabase db = QSqlDatabase::cloneDatabase(connectionName, name);
            Pooling::set(db, pooling);
            report = job(db);
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        QMetaObject::invokeMethod(this, std::move(report), Qt::QueuedConnection);
    });
    connect(thread, &QThread::finished, this, [this, thread] {
        m_threads.removeOne(thread);
        thread->deleteLater();
        if (m_retired && m_threads.isEmpty())
            deleteLater();
    });
    m_threads.append(thread);
    thread->start(QThread::LowPriority);
}

void RowCounter::start(const QString &connectionName, const QString &sql, quint64 ticket)
{
    runInThread(connectionName, [this, sql, ticket](QSqlDatabase &db) -> std::function<void()> {
        qint64 rows = -1;
        QString message;
        if (db.open()) {
            QSqlQuery query(db);
            query.setForwardOnly(true);
            if (query.exec(sql) && query.next())
                rows = query.value(0).toLongLong();
            else
                message = query.lastError().text();
        } else {
            message = db.lastError().text();
        }
        return [this, ticket, rows, message] {
            if (rows >= 0)
                emit counted(ticket, rows);
            else
                emit failed(ticket, message);
        };
    });
}

void RowCounter::startLandmarks(const QString &connectionName, bool oneStatement, const RowPages::Query &query, int every,
                                quint64 ticket)
{
    m_landmarkTicket->store(ticket);
    const auto latest = m_landmarkTicket;
    runInThread(connectionName, [this, oneStatement, query, every, ticket, latest](QSqlDatabase &db) -> std::function<void()> {
        if (!db.open())
            return [] {};
        RowPages pages;
        pages.reset(db, query);
        const auto stop = [&latest, ticket] { return latest->load() != ticket; };
        const Result<QList<RowPages::Row>> landmarks = pages.readLandmarks(every, oneStatement, stop);
        if (!landmarks || stop())
            return [] {};
        return [this, ticket, every, read = *landmarks, latest] {
            if (latest->load() == ticket)
                emit landmarksRead(ticket, every, read);
        };
    });
}

void RowCounter::cancelLandmarks()
{
    m_landmarkTicket->store(0);
}

void RowCounter::retire()
{
    cancelLandmarks();
    m_retired = true;
    if (m_threads.isEmpty())
        deleteLater();
}

} // namespace Concord
