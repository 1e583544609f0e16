#include "connectionurl.h"

#include "sqldialect.h"

#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

namespace Concord {

Result<ConnectionUrl> ConnectionUrl::parse(const QString &text)
{
    ConnectionUrl url;
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return DbError::badInput(tr("No database was given."));

    const int schemeEnd = trimmed.indexOf(QLatin1String("://"));
    if (schemeEnd < 0) {
        url.m_kind = Kind::SQLite;
        url.m_path = trimmed.startsWith(QLatin1String("sqlite:")) ? trimmed.mid(7) : trimmed;
        if (url.m_path.isEmpty())
            return DbError::badInput(tr("The SQLite URL names no file."));
        return url;
    }

    const QString scheme = trimmed.left(schemeEnd).toLower();
    if (scheme == QLatin1String("postgresql") || scheme == QLatin1String("postgres")) {
        url.m_kind = Kind::PostgreSQL;
    } else if (scheme == QLatin1String("mysql") || scheme == QLatin1String("mariadb")) {
        url.m_kind = Kind::MariaDB;
    } else if (scheme == QLatin1String("sqlite")) {
        url.m_kind = Kind::SQLite;
        url.m_path = trimmed.mid(schemeEnd + 3);
        return url;
    } else {
        return DbError::badInput(tr("Unknown database kind \"%1\": use an SQLite file, "
                                                "postgresql://USER@HOST:PORT/DB or mysql://USER@HOST:PORT/DB.")
                                         .arg(scheme));
    }

    const QUrl parsed(trimmed, QUrl::StrictMode);
    if (!parsed.isValid() || parsed.host().isEmpty())
        return DbError::badInput(QStringLiteral("\"%1\" is not a valid database URL.").arg(url.kind() == Kind::PostgreSQL
                                         ? QStringLiteral("postgresql://…") : QStringLiteral("mysql://…")));
    if (!parsed.password().isEmpty())
        return DbError::badInput(tr("Do not put the password in the URL; set CONCORD_PASSWORD instead."));
    url.m_host = parsed.host();
    url.m_port = parsed.port(url.m_kind == Kind::PostgreSQL ? 5432 : 3306);
    url.m_user = parsed.userName();
    url.m_database = parsed.path().mid(1);
    if (url.m_database.isEmpty())
        return DbError::badInput(tr("The database URL names no database (…/DB)."));
    return url;
}

QString ConnectionUrl::driverName() const
{
    switch (m_kind) {
    case Kind::SQLite: return QStringLiteral("QSQLITE");
    case Kind::PostgreSQL: return QStringLiteral("QPSQL");
    case Kind::MariaDB: return QStringLiteral("QMYSQL");
    }
    return QString();
}

QString ConnectionUrl::displayText() const
{
    if (m_kind == Kind::SQLite)
        return m_path;
    return QStringLiteral("%1://%2%3:%4/%5")
            .arg(m_kind == Kind::PostgreSQL ? QStringLiteral("postgresql") : QStringLiteral("mysql"),
                 m_user.isEmpty() ? QString() : m_user + QLatin1Char('@'), m_host)
            .arg(m_port)
            .arg(m_database);
}

QString ConnectionUrl::masked(QString text, const QString &password)
{
    if (!password.isEmpty())
        text.replace(password, QStringLiteral("***"));
    return text;
}

Result<QSqlDatabase> ConnectionUrl::open(const QString &connectionName, const QString &password,
                                         IfMissing ifMissing) const
{
    if (m_kind == Kind::SQLite && ifMissing == IfMissing::Refuse && !QFileInfo::exists(m_path))
        return DbError::badInput(tr("There is no SQLite database at \"%1\".").arg(m_path));
    if (!QSqlDatabase::isDriverAvailable(driverName()))
        return DbError::badInput(tr("The Qt %1 driver is not installed.").arg(driverName()));
    QSqlDatabase db = QSqlDatabase::addDatabase(driverName(), connectionName);
    // Decimals as their exact text, never through a double, in every query on it.
    db.setNumericalPrecisionPolicy(QSql::HighPrecision);
    switch (m_kind) {
    case Kind::SQLite:
        db.setDatabaseName(m_path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
        break;
    case Kind::PostgreSQL:
    case Kind::MariaDB:
        db.setHostName(m_host);
        db.setPort(m_port);
        db.setUserName(m_user);
        db.setPassword(password);
        db.setDatabaseName(m_database);
        if (m_kind == Kind::MariaDB)
            db.setConnectOptions(QStringLiteral("CLIENT_FOUND_ROWS=1;MYSQL_OPT_CONNECT_TIMEOUT=10"));
        else
            db.setConnectOptions(QStringLiteral("connect_timeout=10"));
        break;
    }
    if (!db.open()) {
        DbError error = DbError::fromSqlError(db.lastError(), tr("Could not open %1").arg(displayText()));
        error.message = masked(error.message, password);
        error.serverMessage = masked(error.serverMessage, password);
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(connectionName);
        return error;
    }
    if (const auto dialect = SqlDialect::create(db)) {
        for (const QString &sql : dialect->sessionSetupSql())
            QSqlQuery(db).exec(sql);
    }
    return db;
}

} // namespace Concord
