#include "connectionurl.h"

#include "dialecttraits.h"
#include "sqldialect.h"

#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUrlQuery>

namespace Concord {

Result<ConnectionUrl> ConnectionUrl::parse(const QString &text)
{
    ConnectionUrl url;
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return DbError::badInput(tr("No database was given."));

    // A bare path, "sqlite:PATH" and "sqlite://PATH" name a file.
    const int schemeEnd = trimmed.indexOf(QLatin1String("://"));
    const DialectTraits &file = DialectTraits::all().constFirst();
    if (schemeEnd < 0) {
        url.m_kind = file.kind;
        const QString prefix = file.scheme() + QLatin1Char(':');
        url.m_path = trimmed.startsWith(prefix) ? trimmed.mid(prefix.size()) : trimmed;
        if (url.m_path.isEmpty())
            return DbError::badInput(tr("The SQLite URL names no file."));
        return url;
    }
    const DialectTraits *traits = DialectTraits::forScheme(trimmed.left(schemeEnd));
    if (!traits)
        return DbError::badInput(tr("Unknown database kind \"%1\": use an SQLite file, "
                                                "postgresql://USER@HOST:PORT/DB or mysql://USER@HOST:PORT/DB.")
                                         .arg(trimmed.left(schemeEnd).toLower()));
    url.m_kind = traits->kind;
    if (traits->isFile()) {
        url.m_path = trimmed.mid(schemeEnd + 3);
        return url;
    }

    const QUrl parsed(trimmed, QUrl::StrictMode);
    if (!parsed.isValid() || parsed.host().isEmpty())
        return DbError::badInput(QStringLiteral("\"%1://…\" is not a valid database URL.").arg(traits->scheme()));
    if (!parsed.password().isEmpty())
        return DbError::badInput(tr("Do not put the password in the URL; set CONCORD_PASSWORD instead."));
    url.m_host = parsed.host();
    url.m_port = parsed.port(traits->defaultPort);
    url.m_user = parsed.userName();
    url.m_database = parsed.path().mid(1);
    if (url.m_database.isEmpty())
        return DbError::badInput(tr("The database URL names no database (…/DB)."));
    if (auto options = url.parseOptions(parsed.query()); !options)
        return options.error();
    return url;
}

Result<void> ConnectionUrl::parseOptions(const QString &query)
{
    // An option Concord does not know is refused, not ignored: a misspelt
    // "pooling=transaction" would otherwise break saves later, far from the typo.
    const auto items = QUrlQuery(query).queryItems(QUrl::FullyDecoded);
    for (const auto &[key, value] : items) {
        if (key != QLatin1String("pooling"))
            return DbError::badInput(tr("Unknown connection option \"%1\": the only one is pooling=transaction|session|none.")
                                             .arg(key));
        const auto mode = Pooling::fromName(value);
        if (!mode)
            return DbError::badInput(tr("pooling=%1 is not a pooling mode: use transaction, session or none.").arg(value));
        if (*mode != Pooling::Mode::None && m_kind != Kind::PostgreSQL)
            return DbError::badInput(tr("pooling=%1 is for PostgreSQL behind a pooler such as PgBouncer.").arg(value));
        m_pooling = *mode;
    }
    return {};
}

const DialectTraits &ConnectionUrl::traits() const
{
    return DialectTraits::of(m_kind);
}

QString ConnectionUrl::driverName() const
{
    return traits().driverName;
}

bool ConnectionUrl::needsPassword() const
{
    return !traits().isFile();
}

QString ConnectionUrl::displayText() const
{
    if (traits().isFile())
        return m_path;
    const QString options = m_pooling == Pooling::Mode::None
            ? QString()
            : QStringLiteral("?pooling=") + Pooling::name(m_pooling);
    return QStringLiteral("%1://%2%3:%4/%5%6")
            .arg(traits().scheme(), m_user.isEmpty() ? QString() : m_user + QLatin1Char('@'), m_host)
            .arg(m_port)
            .arg(m_database, options);
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
    if (traits().isFile() && ifMissing == IfMissing::Refuse && !QFileInfo::exists(m_path))
        return DbError::badInput(tr("There is no SQLite database at \"%1\".").arg(m_path));
    if (!QSqlDatabase::isDriverAvailable(driverName()))
        return DbError::badInput(tr("The Qt %1 driver is not installed.").arg(driverName()));
    QSqlDatabase db = QSqlDatabase::addDatabase(driverName(), connectionName);
    // Decimals as their exact text, never through a double, in every query on it.
    db.setNumericalPrecisionPolicy(QSql::HighPrecision);
    db.setConnectOptions(traits().connectOptions);
    // Before open(): whatever runs on the connection from its first statement must know.
    Pooling::set(db, m_pooling);
    if (traits().isFile()) {
        db.setDatabaseName(m_path);
    } else {
        db.setHostName(m_host);
        db.setPort(m_port);
        db.setUserName(m_user);
        db.setPassword(password);
        db.setDatabaseName(m_database);
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
