#pragma once

#include "pooling.h"
#include "result.h"
#include "sqldialect.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QString>

namespace Concord {

struct DialectTraits;

/// Where a database is: an SQLite file, or a PostgreSQL or MariaDB server.
/// Parsed from "PATH", "sqlite:PATH", "postgresql://USER@HOST:PORT/DB" or
/// "mysql://USER@HOST:PORT/DB" (also "mariadb://"). The password never comes from
/// the URL text: it is given separately (CONCORD_PASSWORD, a dialog) and never printed.
/// A PostgreSQL URL may end in "?pooling=transaction" (or "session", "none") when it
/// names a pooler such as PgBouncer rather than the server (see Pooling).
class ConnectionUrl
{
    Q_DECLARE_TR_FUNCTIONS(ConnectionUrl)

public:
    using Kind = SqlDialect::Kind;
    /// What open() does when an SQLite file does not exist.
    enum class IfMissing { Refuse, Create };

    static Result<ConnectionUrl> parse(const QString &text);

    Kind kind() const { return m_kind; }
    QString path() const { return m_path; }          ///< SQLite file
    QString host() const { return m_host; }
    int port() const { return m_port; }
    QString user() const { return m_user; }
    QString database() const { return m_database; }
    Pooling::Mode pooling() const { return m_pooling; }
    QString driverName() const;
    /// Whether opening needs a password (the servers do; a file does not).
    bool needsPassword() const;
    /// How this kind of database is reached (scheme, driver, default port).
    const DialectTraits &traits() const;

    /// The URL as it may be shown: never with a password.
    QString displayText() const;

    /// Adds and opens a connection named @p connectionName. MariaDB connections get
    /// CLIENT_FOUND_ROWS (else a save that changes nothing counts zero rows), SQLite ones
    /// a busy timeout so that two writers wait for each other instead of failing; a
    /// connection through a pooler is marked with its Pooling mode. A
    /// missing SQLite file is BadInput unless @p ifMissing says Create: a typo must not
    /// make an empty database, in the editor or the CLI alike.
    Result<QSqlDatabase> open(const QString &connectionName, const QString &password = QString(),
                              IfMissing ifMissing = IfMissing::Refuse) const;

    /// Replaces @p password in @p text by "***" (for error messages from drivers).
    static QString masked(QString text, const QString &password);

private:
    Result<void> parseOptions(const QString &query);

    Kind m_kind = Kind::SQLite;
    QString m_path;
    QString m_host;
    int m_port = -1;
    QString m_user;
    QString m_database;
    Pooling::Mode m_pooling = Pooling::Mode::None;
};

} // namespace Concord
