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
    for (QThread *thread : std::as_const(m_threads)) {
        thread->wait();
        delete thread;
    }
}

void RowCounter::start(const QString &connectionName, const QString &sql, quint64 ticket)
{
    static QAtomicInteger<quint64> serial;
    const QString name = QStringLiteral("concord-count-%1").arg(++serial);
    // A clone has a driver of its own: it is marked as the original is (a pooler's rules).
    const Pooling::Mode pooling = Pooling::of(QSqlDatabase::database(connectionName, false));
    QThread *thread = QThread::create([this, connectionName, name, sql, ticket, pooling] {
        qint64 rows = -1;
        QString message;
        {
            // Cloned by name: the clone is made, opened and closed in this thread.
            QSqlDatabase db = QSqlDatabase::cloneDatabase(connectionName, name);
            Pooling::set(db, pooling);
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
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        QMetaObject::invokeMethod(this, [this, ticket, rows, message] {
            if (rows >= 0)
                emit counted(ticket, rows);
            else
                emit failed(ticket, message);
        }, Qt::QueuedConnection);
    });
    connect(thread, &QThread::finished, this, [this, thread] {
        m_threads.removeOne(thread);
        thread->deleteLater();
    });
    m_threads.append(thread);
    thread->start(QThread::LowPriority);
}

} // namespace Concord
