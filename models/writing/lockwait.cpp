#include "lockwait.h"

#include "sqldialect.h"

#include <QRandomGenerator>
#include <QSqlQuery>
#include <QThread>

#include <algorithm>

namespace Concord {

LockWait::LockWait(int timeoutMs)
    : m_timeoutMs(std::max(timeoutMs, 0))
{
}

int LockWait::remainingMs() const
{
    return int(std::max<qint64>(0, m_timeoutMs - m_spentMs));
}

Result<void> LockWait::tighten(QSqlDatabase &db, const SqlDialect &dialect)
{
    if (m_appliedMs < 0)
        return {};
    // A tenth of the timeout is slack enough to spare a statement per chunk of rows,
    // and small enough that the save's total wait stays close to its timeout.
    const int remaining = remainingMs();
    if (remaining + std::max(dialect.lockTimeoutResolutionMs(), m_timeoutMs / 10) > m_appliedMs)
        return {};
    for (const QString &sql : dialect.lockTimeoutSql(remaining)) {
        QSqlQuery query(db);
        if (!query.exec(sql))
            return DbError::fromQuery(query, tr("Could not set the lock timeout"));
    }
    m_appliedMs = remaining;
    return {};
}

void LockWait::backoff(int attempt)
{
    // 20, 40, 80 … ms, each between half and all of that: the other transaction of a
    // deadlock usually needs a few milliseconds to finish.
    const int ceiling = 20 << std::clamp(attempt - 2, 0, 5);
    const int pause = ceiling / 2 + int(QRandomGenerator::global()->bounded(ceiling / 2 + 1));
    QThread::msleep(ulong(pause));
}

} // namespace Concord
