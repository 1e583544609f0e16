#include "session.h"

#include "dberror.h"
#include "sqldialect.h"
#include "versionedwriter.h"
#include "versionregistry.h"

#include <QMutex>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

namespace Concord {

namespace {

// The live Sessions, by the driver object of their connection: every copy of a
// QSqlDatabase handle shares it, and a connection added again under the same name gets a
// new one, so an old Session is never handed a connection it does not know.
QMutex sessionsMutex;
QHash<const QSqlDriver *, std::weak_ptr<Session>> &sessions()
{
    static QHash<const QSqlDriver *, std::weak_ptr<Session>> live;
    return live;
}

bool sameTable(const QString &a, const QString &b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

} // namespace

std::shared_ptr<Session> Session::of(const QSqlDatabase &db)
{
    // A handle without a driver has nothing to share: it gets a Session of its own, which
    // reports itself invalid.
    if (!db.isValid())
        return std::shared_ptr<Session>(new Session(db));
    QMutexLocker lock(&sessionsMutex);
    std::weak_ptr<Session> &slot = sessions()[db.driver()];
    if (auto existing = slot.lock())
        return existing;
    // The deleter takes the entry out again (unless a newer Session already took its place).
    std::shared_ptr<Session> made(new Session(db), [driver = db.driver()](Session *session) {
        {
            QMutexLocker lock(&sessionsMutex);
            const auto found = sessions().constFind(driver);
            if (found != sessions().cend() && found->expired())
                sessions().erase(found);
        }
        delete session;
    });
    slot = made;
    return made;
}

void Session::tableChanged(const QSqlDatabase &db, const QString &table)
{
    if (!db.isValid())
        return;
    std::shared_ptr<Session> session;
    {
        QMutexLocker lock(&sessionsMutex);
        session = sessions().value(db.driver()).lock();
    }
    if (session)
        session->invalidate(table);
}

Session::Session(const QSqlDatabase &db)
    : m_db(db)
    , m_dialect(SqlDialect::create(db))
    , m_registry(std::make_unique<VersionRegistry>(db, m_dialect.get()))
{
    // Decimals come back as their exact text, never through a double: the policy is the
    // connection's, so every query Concord runs on it reads them so.
    m_db.setNumericalPrecisionPolicy(QSql::HighPrecision);
}

Session::~Session() = default;

Result<TableSchema> Session::schema(const QString &table)
{
    if (!isValid())
        return DbError::badInput(tr("This database driver is not supported."));
    const auto found = m_schemas.constFind(table);
    if (found != m_schemas.cend())
        return *found;
    auto loaded = TableSchema::load(m_db, *m_dialect, table);
    if (loaded)
        m_schemas.insert(table, *loaded);
    return loaded;
}

Result<VersionedWriter *> Session::writer(const QString &table)
{
    const auto found = m_writers.find(table);
    if (found != m_writers.end())
        return found->second.get();
    const auto loaded = schema(table);
    if (!loaded)
        return loaded.error();
    const auto policy = m_registry->policyFor(*loaded);
    if (!policy)
        return policy.error();
    auto writer = std::make_unique<VersionedWriter>(m_db, *m_dialect, *loaded, *policy);
    VersionedWriter *raw = writer.get();
    m_writers[table] = std::move(writer);
    return raw;
}

void Session::invalidate(const QString &table)
{
    if (table.isEmpty()) {
        m_schemas.clear();
        m_writers.clear();
    } else {
        // Cached under the name as asked for; a table is one table whatever its case.
        for (auto it = m_schemas.begin(); it != m_schemas.end();) {
            if (sameTable(it.key(), table) || sameTable(it->name(), table))
                it = m_schemas.erase(it);
            else
                ++it;
        }
        for (auto it = m_writers.begin(); it != m_writers.end();) {
            if (sameTable(it->first, table) || sameTable(it->second->schema().name(), table))
                it = m_writers.erase(it);
            else
                ++it;
        }
    }
    emit invalidated(table);
}

bool Session::isConnectionAlive()
{
    if (!m_db.isOpen())
        return false;
    // Drivers do not notice a server that went away until a statement fails, and they
    // report it differently (and in the server's language): a trivial statement that
    // fails too is the one sign every driver gives.
    QSqlQuery ping(m_db);
    return ping.exec(QStringLiteral("SELECT 1"));
}

Result<void> Session::ensureConnected()
{
    if (!isValid())
        return DbError::badInput(tr("This database driver is not supported."));
    if (isConnectionAlive())
        return {};
    // Prepared statements belong to the old connection: drop them before it goes.
    for (auto &entry : m_writers)
        entry.second->dropStatements();
    m_db.close();
    if (!m_db.open())
        return DbError::fromSqlError(m_db.lastError(), tr("The connection to the database was lost and could not be "
                                                          "opened again"));
    for (const QString &sql : m_dialect->sessionSetupSql())
        QSqlQuery(m_db).exec(sql);
    emit reconnected();
    return {};
}

} // namespace Concord
