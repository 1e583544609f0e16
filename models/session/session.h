#pragma once

#include "result.h"
#include "tableschema.h"

#include <QHash>
#include <QObject>
#include <QSqlDatabase>
#include <QString>

#include <map>
#include <memory>

namespace Concord {

class SqlDialect;
class VersionRegistry;
class VersionedWriter;

/// Everything Concord knows about one open database connection: the connection itself,
/// its dialect, the version registry, the tables' schemas and writers, and how to get the
/// connection back after the server dropped it.
///
/// There is one Session per connection, shared by whoever works on it (the item model,
/// the batch submitter, the action runner, the change watcher, the views, the CLI):
/// Session::of() hands out the same object for the same connection, so a change made
/// through one of them (a table put under version control, a reconnection) is seen by
/// all, and caches are cleared in one place.
///
/// A Session lives on the thread of its connection, as QSqlDatabase does.
class Session : public QObject
{
    Q_OBJECT
public:
    /// The Session of the connection \a db, made on first use and kept while anyone holds it.
    static std::shared_ptr<Session> of(const QSqlDatabase &db);
    /// Tells the Session of \a db, if there is one, that \a table changed shape or policy
    /// (empty: every table). Whoever alters a table or the registry calls this.
    static void tableChanged(const QSqlDatabase &db, const QString &table = QString());

    ~Session() override;

    QSqlDatabase database() const { return m_db; }
    /// False when Concord has no dialect for the connection's driver.
    bool isValid() const { return m_dialect != nullptr; }
    const SqlDialect &dialect() const { return *m_dialect; }
    VersionRegistry &registry() const { return *m_registry; }

    /// The table's columns, keys and types, read from the catalog once and kept.
    Result<TableSchema> schema(const QString &table);
    /// The writer for the table (its schema and version policy), made once and kept. The
    /// Session owns it: hold the Session (not just Session::of(db)'s temporary) while using it.
    Result<VersionedWriter *> writer(const QString &table);
    /// Forgets what is known about \a table (empty: every table), so the next use reads
    /// the catalog and the registry again. Writers handed out before are no longer valid.
    void invalidate(const QString &table = QString());

    /// Checks the connection with a trivial statement and, when the server went away,
    /// opens it again (and runs the dialect's session set-up); prepared statements of the
    /// old connection are dropped first.
    Result<void> ensureConnected();
    /// Whether the server still answers: a trivial statement succeeds. (Drivers notice a
    /// server that went away only when a statement fails.)
    bool isConnectionAlive();

signals:
    /// What was known about \a table (empty: every table) was forgotten; holders of its
    /// writer must ask for it again.
    void invalidated(const QString &table);
    /// The connection was lost and opened again.
    void reconnected();

private:
    explicit Session(const QSqlDatabase &db);

    QSqlDatabase m_db;
    std::unique_ptr<SqlDialect> m_dialect;
    std::unique_ptr<VersionRegistry> m_registry;
    QHash<QString, TableSchema> m_schemas;
    std::map<QString, std::unique_ptr<VersionedWriter>> m_writers;
};

} // namespace Concord
