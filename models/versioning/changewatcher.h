#pragma once

#include "dberror.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QTimer>

#include <memory>
#include <optional>

namespace Concord {

class Session;
class SqlDialect;
class VersionedTableModel;

/// Watches the rows a VersionedTableModel shows and marks those whose version changed in
/// the database (VersionedTableModel::markStale: StaleRole, tooltip, header mark), without
/// reloading the grid, touching pending edits or moving anything.
///
/// It reads through a connection of its own (a clone of the model's, same options), so it
/// never runs inside the model's transaction:
/// - PostgreSQL: LISTEN on the change channel, fed by the concord_notify_<table> trigger
///   (created here if missing); a notification re-reads only the rows it names. Through a
///   transaction pooler (Pooling::Mode::Transaction) a LISTEN would stay behind on a pooled
///   server connection, so the visible rows are polled instead, as on MariaDB.
/// - SQLite: a timer asks PRAGMA data_version (which changes only when another connection
///   committed) and reads the versions of the visible rows only when it changed.
/// - MariaDB: a timer reads the versions of the visible rows.
///
/// A row is stale when its version in the database differs from the one the model holds
/// (VersionRole), or when it is gone. The model updates that version after its own saves,
/// so its own saves never mark rows stale. Unversioned tables are not watched: start()
/// returns false and says so.
///
/// Creating the notify trigger needs a lock on the table that every open writing
/// transaction holds off (a psql session left open, say). The watcher waits only
/// setupLockTimeout() for it: then it polls like MariaDB, says so in statusText(), and
/// tries the trigger again every setupRetryInterval() until it is made.
class ChangeWatcher : public QObject
{
    Q_OBJECT

public:
    /// How changes are detected.
    enum class Mode {
        Off,           ///< not started, or the table cannot be watched
        Notify,        ///< PostgreSQL LISTEN/NOTIFY
        DataVersion,   ///< SQLite: PRAGMA data_version, then the visible rows
        Poll,          ///< MariaDB: the visible rows on every tick
    };
    Q_ENUM(Mode)

    explicit ChangeWatcher(VersionedTableModel *model, QObject *parent = nullptr);
    ~ChangeWatcher() override;

    /// Opens the watcher's own connection and starts watching the model's current table
    /// (call it again after the model's setTable()). Returns false (and lastError() says
    /// why) when the table cannot be watched.
    bool start();
    /// Stops watching and closes the watcher's connection.
    void stop();
    bool isActive() const { return m_mode != Mode::Off; }
    Mode mode() const { return m_mode; }
    /// Whether it polls because its connection goes through a transaction pooler.
    bool pollsForPooling() const;
    /// How changes by others are seen, in a few words for a status bar.
    QString statusText() const;
    const DbError &lastError() const { return m_error; }

    /// Whether it polls because another transaction held the table when the notify trigger
    /// was to be made; it tries again every setupRetryInterval().
    bool isWaitingForTable() const { return m_waitingForTable; }
    /// How long setting up notifications waits for a table another transaction holds; 100 ms.
    static int setupLockTimeout();
    /// Milliseconds between tries to set up notifications on a busy table; default 5000.
    void setSetupRetryInterval(int milliseconds);
    int setupRetryInterval() const { return m_retry.interval(); }

    /// Milliseconds between polls (SQLite and MariaDB); default 1000.
    void setInterval(int milliseconds);
    int interval() const { return m_timer.interval(); }

    /// The rows on screen, inclusive (the grid calls this as it scrolls); default 0..199.
    void setVisibleRows(int first, int last);
    int firstVisibleRow() const { return m_first; }
    int lastVisibleRow() const { return m_last; }

    /// How many polls ran (timer ticks handled).
    int polls() const { return m_polls; }
    /// How many row-version queries ran (each reads up to a chunk of rows).
    int pollQueries() const { return m_pollQueries; }
    /// How many notifications arrived (PostgreSQL).
    int notifications() const { return m_notifications; }
    /// How many polls found the database locked by a writer and left it for the next poll.
    int busyPolls() const { return m_busyPolls; }

public Q_SLOTS:
    /// Polls once now (what the timer does).
    void poll();

Q_SIGNALS:
    /// The watcher's connection or a read failed (@p message says why); it reconnects
    /// on the next poll and checks the visible rows again.
    void watchError(const QString &message);
    /// start(), stop() or a retried setup changed mode() or isWaitingForTable() (and so
    /// statusText()).
    void modeChanged();

private:
    bool openConnection();
    void closeConnection();
    bool listen();
    void retryListen();
    void onNotification(const QString &name, QSqlDriver::NotificationSource source, const QVariant &payload);
    void checkNotified();
    void sweepStep();
    void checkVisibleRows();
    void checkRows(const QList<int> &rows);
    /// Whether another connection committed since the last poll; nothing when the file
    /// was locked (then the next poll asks again).
    std::optional<bool> dataVersionChanged();
    /// A read that found the database locked by a writer: true, and the next poll checks
    /// again; the watcher is not broken for it.
    bool busy(const DbError &error);
    void fail(const DbError &error);

    QPointer<VersionedTableModel> m_model;
    QString m_connectionName;
    QSqlDatabase m_db;
    std::shared_ptr<Session> m_session;     // the watching connection's own
    const SqlDialect *m_dialect = nullptr;  // its dialect, while the connection is open
    Mode m_mode = Mode::Off;
    DbError m_error;
    QTimer m_timer;
    QTimer m_retry;            // tries the notify trigger again while another transaction holds the table
    bool m_waitingForTable = false;
    QTimer m_notifyBatch;
    QSet<QString> m_notified;  // keys named by notifications, checked together
    bool m_notifiedAnyRow = false; // a notification named no keys: check every loaded row
    QTimer m_sweep;            // checks every loaded row, one query's worth per turn of the event loop
    int m_sweepNext = -1;      // the next row the sweep checks; -1: no sweep
    int m_first = 0;
    int m_last = 199;
    bool m_recheck = true;     // check the visible rows on the next poll whatever data_version says
    bool m_broken = false;     // the watcher's connection failed; reopen before the next read
    qint64 m_dataVersion = -1;
    int m_polls = 0;
    int m_pollQueries = 0;
    int m_notifications = 0;
    int m_busyPolls = 0;
};

} // namespace Concord
