#pragma once

#include <QList>
#include <QObject>
#include <QString>

class QThread;

namespace Concord {

/// Counts rows in the background, on a connection of its own, so a grid can show an
/// estimate at once and the exact figure when the database has it (a COUNT(*) over ten
/// million rows takes a second or more).
class RowCounter : public QObject
{
    Q_OBJECT

public:
    explicit RowCounter(QObject *parent = nullptr);
    /// Waits for counts still running: their connections must close in their own thread.
    ~RowCounter() override;

    /// Runs @p sql (one value, e.g. SELECT COUNT(*) …) on a clone of the connection named
    /// @p connectionName; counted() carries @p ticket back, so the caller can tell a count
    /// for the query it shows now from one for a query it has since left.
    void start(const QString &connectionName, const QString &sql, quint64 ticket);

Q_SIGNALS:
    void counted(quint64 ticket, qint64 rows);
    void failed(quint64 ticket, const QString &message);

private:
    QList<QThread *> m_threads;
};

} // namespace Concord
