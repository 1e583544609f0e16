#include "changewatcher.h"

#include "pooling.h"
#include "session.h"
#include "sqldialect.h"
#include "sqlstatement.h"
#include "versionedtablemodel.h"
#include "versionedwriter.h"
#include "versionregistry.h"

#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <atomic>

namespace Concord {

namespace {

// A few hundred keys per statement: far below every bind limit, and a screenful is one query.
constexpr int rowsPerQuery = 500;
// Short: the GUI waits this long, and while the CREATE TRIGGER waits for the table every
// other writer of it queues behind it.
constexpr int setupLockTimeoutMs = 100;
// How long a poll waits for a SQLite file another connection is writing: not noticeably.
constexpr int pollLockWaitMs = 20;

bool sameVersion(const QVariant &a, const QVariant &b)
{
    if (a.isNull() || b.isNull())
        return a.isNull() && b.isNull();
    bool aNumber = false;
    bool bNumber = false;
    const qlonglong x = a.toLongLong(&aNumber);
    const qlonglong y = b.toLongLong(&bNumber);
    if (aNumber && bNumber)
        return x == y;
    return a.toString() == b.toString();
}

QString uniqueConnectionName()
{
    static std::atomic<int> counter{0};
    return QStringLiteral("concord-watcher-%1").arg(++counter);
}

} // namespace

ChangeWatcher::ChangeWatcher(VersionedTableModel *model, QObject *parent)
    : QObject(parent)
    , m_model(model)
{
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &ChangeWatcher::poll);
    m_retry.setSingleShot(true);
    m_retry.setInterval(5000);
    connect(&m_retry, &QTimer::timeout, this, &ChangeWatcher::retryListen);
    // Notifications come one per statement; a zero timer gathers those of one commit into one read.
    m_notifyBatch.setSingleShot(true);
    m_notifyBatch.setInterval(0);
    connect(&m_notifyBatch, &QTimer::timeout, this, &ChangeWatcher::checkNotified);
    m_sweep.setSingleShot(true);
    m_sweep.setInterval(0);
    connect(&m_sweep, &QTimer::timeout, this, &ChangeWatcher::sweepStep);
    if (m_model) {
        // New rows on screen (a reload, more rows fetched) were not checked since they were
        // read. A reload also reads every version afresh: a sweep under way has no more to do.
        connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
            m_recheck = true;
            m_sweepNext = -1;
        });
        connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] { m_recheck = true; });
    }
}

ChangeWatcher::~ChangeWatcher()
{
    stop();
}

void ChangeWatcher::setInterval(int milliseconds)
{
    m_timer.setInterval(std::max(1, milliseconds));
}

int ChangeWatcher::setupLockTimeout()
{
    return setupLockTimeoutMs;
}

void ChangeWatcher::setSetupRetryInterval(int milliseconds)
{
    m_retry.setInterval(std::max(1, milliseconds));
}

void ChangeWatcher::setVisibleRows(int first, int last)
{
    first = std::max(0, first);
    if (first == m_first && last == m_last)
        return;
    m_first = first;
    m_last = last;
    // Rows scrolled into view may have changed before the last data_version baseline.
    m_recheck = true;
}

bool ChangeWatcher::start()
{
    stop();
    m_error = DbError();
    if (!m_model || m_model->tableName().isEmpty()) {
        m_error = DbError::badInput(tr("No table is open, so nothing is watched."));
        return false;
    }
    if (m_model->versionColumn() < 0 || m_model->primaryKeyColumn() < 0) {
        m_error = DbError::badInput(tr("Table \"%1\" is not versioned, so changes to its rows are not watched.")
                                            .arg(m_model->tableName()));
        return false;
    }
    if (!openConnection())
        return false;

    m_recheck = true;
    m_dataVersion = -1;
    switch (m_dialect->changeSignal()) {
    case SqlDialect::ChangeSignal::Notify:
        if (listen()) {
            m_mode = Mode::Notify;
            // Rows may have changed between the model's load and now: one look at the screen.
            checkVisibleRows();
            m_recheck = false;
        } else {
            // Without the trigger (no right to create it, say, or the table busy for now)
            // polling still works.
            m_mode = Mode::Poll;
        }
        break;
    case SqlDialect::ChangeSignal::DataVersion:
        m_mode = Mode::DataVersion;
        break;
    case SqlDialect::ChangeSignal::Poll:
        m_mode = Mode::Poll;
        break;
    }
    // In Notify mode the timer only checks that the listening connection is still there.
    m_timer.start();
    emit modeChanged();
    return true;
}

void ChangeWatcher::stop()
{
    m_timer.stop();
    m_retry.stop();
    m_waitingForTable = false;
    m_notifyBatch.stop();
    m_notified.clear();
    m_notifiedAnyRow = false;
    m_sweep.stop();
    m_sweepNext = -1;
    const bool wasOn = m_mode != Mode::Off;
    m_mode = Mode::Off;
    closeConnection();
    if (wasOn)
        emit modeChanged();
}

bool ChangeWatcher::pollsForPooling() const
{
    return m_mode == Mode::Poll && m_model && Pooling::isTransactionPooled(m_model->database());
}

QString ChangeWatcher::statusText() const
{
    const int seconds = std::max(1, (interval() + 500) / 1000);
    switch (m_mode) {
    case Mode::Off:
        return tr("Changes by others: not watched");
    case Mode::Notify:
        return tr("Changes by others: notified");
    case Mode::DataVersion:
    case Mode::Poll:
        break;
    }
    if (m_waitingForTable)
        return tr("Changes by others: polled every %n s (table busy; notifications retried)", nullptr, seconds);
    return pollsForPooling() ? tr("Changes by others: polled every %n s (transaction pooling)", nullptr, seconds)
                             : tr("Changes by others: polled every %n s", nullptr, seconds);
}

bool ChangeWatcher::openConnection()
{
    m_connectionName = uniqueConnectionName();
    // A clone has the model's driver, host, user, password and connect options (SQLite's busy
    // timeout, MariaDB's CLIENT_FOUND_ROWS), but its own session: reads never run inside the
    // model's transaction and never hold its locks.
    m_db = QSqlDatabase::cloneDatabase(m_model->database(), m_connectionName);
    Pooling::set(m_db, Pooling::of(m_model->database())); // a clone's driver is new
    if (!m_db.open()) {
        m_error = DbError::fromSqlError(m_db.lastError(), tr("Could not open a connection to watch for changes"));
        closeConnection();
        return false;
    }
    m_session = Session::of(m_db);
    m_dialect = m_session->isValid() ? &m_session->dialect() : nullptr;
    if (!m_dialect) {
        m_error = DbError::badInput(tr("This database driver is not supported."));
        closeConnection();
        return false;
    }
    for (const QString &sql : m_dialect->sessionSetupSql())
        QSqlQuery(m_db).exec(sql);
    // A poll runs in the window's thread: it must not wait for another writer (or this
    // window's own long action, whose progress dialog lets the timer in) to let go of a
    // SQLite file. Locked, it gives up at once and the next poll looks again.
    for (const QString &sql : m_dialect->connectionLockTimeoutSql(pollLockWaitMs))
        QSqlQuery(m_db).exec(sql);
    m_broken = false;
    return true;
}

void ChangeWatcher::closeConnection()
{
    if (m_connectionName.isEmpty())
        return;
    m_dialect = nullptr;
    m_session.reset();
    if (m_db.isValid())
        m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
}

bool ChangeWatcher::listen()
{
    const auto trigger = m_session->registry().ensureNotifyTrigger(m_model->tableName(), setupLockTimeoutMs);
    if (!trigger) {
        m_error = trigger.error();
        // Another transaction holds the table: try again later rather than wait for it.
        m_waitingForTable = m_dialect->lockFailure(m_error) == SqlDialect::LockFailure::LockTimeout;
        if (m_waitingForTable)
            m_retry.start();
        return false;
    }
    m_waitingForTable = false;
    QSqlDriver *driver = m_db.driver();
    connect(driver, &QSqlDriver::notification, this, &ChangeWatcher::onNotification, Qt::UniqueConnection);
    if (!driver->subscribeToNotification(m_dialect->notificationChannel())) {
        m_error = DbError::fromSqlError(driver->lastError(), tr("Could not listen for changes"));
        return false;
    }
    return true;
}

void ChangeWatcher::retryListen()
{
    if (m_mode != Mode::Poll || !m_waitingForTable)
        return;
    if (m_broken || !m_dialect) {
        // The next poll reconnects first; try after it.
        m_retry.start();
        return;
    }
    if (listen()) {
        m_mode = Mode::Notify;
        // Polling saw the screen until now; one more look covers the switch itself.
        checkVisibleRows();
        m_recheck = false;
    } else if (m_waitingForTable) {
        return; // still busy, and listen() asked for another try
    }
    emit modeChanged();
}

void ChangeWatcher::fail(const DbError &error)
{
    m_error = error;
    m_broken = true;
    emit watchError(error.message);
}

void ChangeWatcher::poll()
{
    if (m_mode == Mode::Off || !m_model)
        return;
    ++m_polls;
    if (m_broken) {
        // Reconnect, and look at the screen again: changes made meanwhile were not seen.
        const Mode mode = m_mode;
        closeConnection();
        if (!openConnection() || (mode == Mode::Notify && !listen())) {
            fail(m_error);
            return;
        }
        m_recheck = true;
        m_dataVersion = -1;
    }
    if (m_mode == Mode::Notify) {
        if (!m_recheck) {
            // The driver marks the connection closed once it saw the server go; else ask.
            QSqlQuery ping(m_db);
            if (!m_db.isOpen() || !ping.exec(QStringLiteral("SELECT 1")))
                fail(DbError::fromQuery(ping, tr("The connection that watches for changes was lost")));
            return;
        }
    } else if (m_mode == Mode::DataVersion) {
        const std::optional<bool> changed = dataVersionChanged();
        if (m_broken || !changed || (!*changed && !m_recheck))
            return;
    }
    m_recheck = false;
    checkVisibleRows();
}

bool ChangeWatcher::busy(const DbError &error)
{
    if (!m_dialect || m_dialect->lockFailure(error) != SqlDialect::LockFailure::LockTimeout)
        return false;
    ++m_busyPolls;
    m_recheck = true;
    return true;
}

std::optional<bool> ChangeWatcher::dataVersionChanged()
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("PRAGMA data_version")) || !query.next()) {
        const DbError error = DbError::fromQuery(query, tr("Could not ask whether the database changed"));
        if (!busy(error))
            fail(error);
        return std::nullopt;
    }
    const qint64 version = query.value(0).toLongLong();
    const bool changed = version != m_dataVersion;
    m_dataVersion = version;
    return changed;
}

void ChangeWatcher::onNotification(const QString &name, QSqlDriver::NotificationSource, const QVariant &payload)
{
    if (name != m_dialect->notificationChannel() || !m_model)
        return;
    ++m_notifications;
    const SqlDialect::ChangeNotice notice = m_dialect->readChangeNotice(payload.toString());
    if (!notice.valid || notice.table.compare(m_model->tableName(), Qt::CaseInsensitive) != 0)
        return;
    if (notice.anyRow)
        m_notifiedAnyRow = true;
    for (const QString &key : notice.keys)
        m_notified.insert(key);
    m_notifyBatch.start();
}

void ChangeWatcher::checkNotified()
{
    if (!m_model || m_mode == Mode::Off)
        return;
    if (m_notifiedAnyRow) {
        // A statement changed too many rows to name them: the rows on screen are checked
        // now, then every loaded row, a query's worth at a time between events, so a grid
        // scrolled through 100,000 rows does not freeze.
        m_notified.clear();
        m_notifiedAnyRow = false;
        checkVisibleRows();
        m_sweepNext = 0;
        m_sweep.start();
        return;
    }
    QList<int> rows;
    for (const QString &key : std::as_const(m_notified)) {
        // Any loaded row, not only the visible ones: a notification is cheap to act on.
        const int row = m_model->rowForKey(key);
        if (row >= 0)
            rows.append(row);
    }
    m_notified.clear();
    std::sort(rows.begin(), rows.end());
    checkRows(rows);
}

void ChangeWatcher::sweepStep()
{
    if (!m_model || m_mode == Mode::Off || m_sweepNext < 0)
        return;
    // The rows held, not the table: a grid of ten million rows holds a few pages.
    QList<int> rows;
    rows.reserve(rowsPerQuery);
    int next = -1;
    for (const auto &[first, last] : m_model->loadedRows()) {
        for (int row = std::max(first, m_sweepNext); row <= last; ++row) {
            if (rows.size() == rowsPerQuery) {
                next = row;
                break;
            }
            rows.append(row);
        }
        if (next >= 0)
            break;
    }
    checkRows(rows);
    m_sweepNext = next;
    if (m_sweepNext >= 0)
        m_sweep.start();
}

void ChangeWatcher::checkVisibleRows()
{
    if (!m_model)
        return;
    const int last = std::min(m_last, m_model->rowCount() - 1);
    QList<int> rows;
    for (int row = m_first; row <= last; ++row)
        rows.append(row);
    checkRows(rows);
}

void ChangeWatcher::checkRows(const QList<int> &rows)
{
    // The model may have been switched to an unversioned table since start().
    if (!m_dialect || !m_model || m_model->versionColumn() < 0 || m_model->primaryKeyColumn() < 0)
        return;
    struct Shown
    {
        QVariant pk;
        QVariant version;
    };
    QList<Shown> shown;
    for (int row : rows) {
        if (row < 0 || row >= m_model->rowCount() || m_model->isStale(row)
            || m_model->rowState(row) == VersionedTableModel::RowState::Inserted)
            continue;
        const QModelIndex index = m_model->index(row, 0);
        shown.append(Shown{m_model->keyAt(row), index.data(VersionedTableModel::VersionRole)});
    }
    if (shown.isEmpty())
        return;

    const QString pk = m_dialect->quoteField(m_model->primaryKeyName());
    const QString head = QStringLiteral("SELECT %1, %2 FROM %3 WHERE %1 IN (")
            .arg(pk, m_dialect->quoteField(m_model->versionPolicy().column), m_dialect->quoteTable(m_model->tableName()));
    QList<QVariant> stale;
    for (qsizetype start = 0; start < shown.size(); start += rowsPerQuery) {
        const qsizetype n = std::min<qsizetype>(rowsPerQuery, shown.size() - start);
        QString sql = head;
        for (qsizetype i = 0; i < n; ++i)
            sql += i ? QStringLiteral(",?") : QStringLiteral("?");
        sql += QLatin1Char(')');
        QHash<QString, QVariant> current;
        {
            // Scoped: on SQLite a query left open would keep a read lock on the file.
            QSqlQuery query(m_db);
            query.setForwardOnly(true);
            QVariantList keys;
            keys.reserve(n);
            for (qsizetype i = 0; i < n; ++i)
                keys.append(shown.at(start + i).pk);
            ++m_pollQueries;
            if (!SqlStatement::exec(query, sql, keys)) {
                const DbError error = DbError::fromQuery(query, tr("Could not read the versions of the rows on screen"));
                if (!busy(error))
                    fail(error);
                return;
            }
            while (query.next())
                current.insert(VersionedWriter::keyText(query.value(0)), query.value(1));
        }
        for (qsizetype i = 0; i < n; ++i) {
            const Shown &row = shown.at(start + i);
            const auto found = current.constFind(VersionedWriter::keyText(row.pk));
            // Gone counts as stale too: saving it would only find it deleted.
            if (found == current.constEnd() || !sameVersion(found.value(), row.version))
                stale.append(row.pk);
        }
    }
    if (!stale.isEmpty())
        m_model->markStale(stale);
}

} // namespace Concord
