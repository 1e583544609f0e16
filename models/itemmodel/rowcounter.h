#pragma once

#include "rowpages.h"

#include <QList>
#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

class QThread;

namespace Concord {


/// Counts rows, and reads a query's landmarks, in the background, on a connection of its
/// own, so a grid can show an estimate at once and the exact figure when the database has
/// it (a COUNT(*) over ten million rows takes a second or more), and can then jump
/// anywhere without counting the rows before.
class RowCounter : public QObject
{
    Q_OBJECT

public:
    explicit RowCounter(QObject *parent = nullptr);
    /// Stops landmark reads and waits for work still running: their connections must close
    /// in their own thread.
    ~RowCounter() override;

    /// Runs @p sql (one value, e.g. SELECT COUNT(*) …) on a clone of the connection named
    /// @p connectionName; counted() carries @p ticket back, so the caller can tell a count
    /// for the query it shows now from one for a query it has since left.
    void start(const QString &connectionName, const QString &sql, quint64 ticket);
    /// Reads the landmarks of @p query every @p every rows (RowPages::readLandmarks) on a
    /// clone of the connection; landmarksRead() carries them back with @p ticket. A read
    /// still running for an earlier ticket stops.
    void startLandmarks(const QString &connectionName, bool oneStatement, const RowPages::Query &query, int every,
                        quint64 ticket);
    /// Stops landmark reads still running; nothing more is reported for them.
    void cancelLandmarks();
    /// For an owner going away: stops landmark reads, and deletes this once the work still
    /// running is done (a statement can take seconds on ten million rows: nobody waits).
    void retire();

Q_SIGNALS:
    void counted(quint64 ticket, qint64 rows);
    void failed(quint64 ticket, const QString &message);
    void landmarksRead(quint64 ticket, int every, const QList<Concord::RowPages::Row> &landmarks);

private:
    using Job = std::function<std::function<void()>(QSqlDatabase &db)>;
    /// Runs @p job on a clone of @p connectionName in a thread; the function it returns is
    /// then called in this object's thread (to emit the result).
    void runInThread(const QString &connectionName, Job job);

    QList<QThread *> m_threads;
    bool m_retired = false;
    std::shared_ptr<std::atomic<quint64>> m_landmarkTicket = std::make_shared<std::atomic<quint64>>(0);
};

} // namespace Concord
