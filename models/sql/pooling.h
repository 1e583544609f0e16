#pragma once

#include <QSqlDatabase>
#include <QString>

#include <optional>

class QSqlDriver;

namespace Concord {

/// How a connection reaches its server through a connection pooler such as PgBouncer
/// (ConnectionUrl's "?pooling=" option). In transaction pooling every transaction, and
/// every statement outside one, may run on another server connection, so nothing may
/// outlive a transaction: no server-side prepared statements (SqlStatement inlines the
/// values instead), no SET without LOCAL, no LISTEN (the change watcher polls).
///
/// The mode is kept on the connection's driver, so every copy of the QSqlDatabase, and
/// every QSqlQuery on it, sees it. A clone (QSqlDatabase::cloneDatabase) has a driver of
/// its own: whoever clones copies the mode.
class Pooling
{
public:
    enum class Mode {
        None,        ///< direct to the server
        Session,     ///< one server connection per client connection: like direct
        Transaction, ///< one server connection per transaction: no session state
    };

    static Mode of(const QSqlDatabase &db);
    static Mode of(const QSqlDriver *driver);
    /// Marks @p db (added, open or not) as reached with @p mode.
    static void set(const QSqlDatabase &db, Mode mode);
    /// Whether statements on @p db must leave nothing on the server past a transaction.
    static bool isTransactionPooled(const QSqlDatabase &db) { return of(db) == Mode::Transaction; }

    /// The option's spelling: "none", "session", "transaction".
    static QString name(Mode mode);
    static std::optional<Mode> fromName(const QString &name);
};

} // namespace Concord
