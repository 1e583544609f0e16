#include "testdatabase.h"

#include "connectionurl.h"

#include <QDir>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <iterator>

namespace {

bool serversRequired()
{
    return qEnvironmentVariableIntValue("CONCORD_REQUIRE_SERVERS") == 1;
}

QString prefixFor(TestDatabase::Dialect dialect)
{
    return dialect == TestDatabase::Dialect::PostgreSQL ? QStringLiteral("CONCORD_TEST_PG_")
                                                        : QStringLiteral("CONCORD_TEST_MY_");
}

bool configured(TestDatabase::Dialect dialect)
{
    if (dialect == TestDatabase::Dialect::SQLite)
        return true;
    return !qEnvironmentVariable((prefixFor(dialect) + QStringLiteral("PORT")).toLatin1()).isEmpty();
}

QString uniqueName()
{
    return QStringLiteral("concord_t_") + QUuid::createUuid().toString(QUuid::Id128).left(12);
}

} // namespace

QList<TestDatabase::Dialect> TestDatabase::dialects()
{
    QList<Dialect> list{Dialect::SQLite};
    for (Dialect d : {Dialect::PostgreSQL, Dialect::MariaDB}) {
        if (configured(d) || serversRequired())
            list.append(d);
    }
    // CONCORD_TEST_DIALECTS=postgresql (a comma-separated list): only those rows, e.g. for
    // scripts/test.sh's passes through PgBouncer, which concern PostgreSQL alone.
    const QString only = qEnvironmentVariable("CONCORD_TEST_DIALECTS");
    if (!only.isEmpty()) {
        const QStringList names = only.split(QLatin1Char(','), Qt::SkipEmptyParts);
        list.removeIf([&](Dialect d) { return !names.contains(name(d)); });
    }
    return list;
}

void TestDatabase::addDialectRows(const QStringList &)
{
    QTest::addColumn<QString>("dialect");
    for (Dialect d : dialects())
        QTest::newRow(qPrintable(name(d))) << name(d);
}

bool TestDatabase::onSqliteRow()
{
    QFETCH_GLOBAL(QString, dialect);
    return fromName(dialect) == Dialect::SQLite;
}

std::unique_ptr<TestDatabase> TestDatabase::forCurrentRow()
{
    QFETCH_GLOBAL(QString, dialect);
    return std::make_unique<TestDatabase>(dialect);
}

QString TestDatabase::name(Dialect dialect)
{
    switch (dialect) {
    case Dialect::SQLite: return QStringLiteral("sqlite");
    case Dialect::PostgreSQL: return QStringLiteral("postgresql");
    case Dialect::MariaDB: return QStringLiteral("mariadb");
    }
    return QString();
}

TestDatabase::Dialect TestDatabase::fromName(const QString &name)
{
    if (name == QLatin1String("postgresql"))
        return Dialect::PostgreSQL;
    if (name == QLatin1String("mariadb"))
        return Dialect::MariaDB;
    return Dialect::SQLite;
}

TestDatabase::TestDatabase(Dialect dialect)
    : m_dialect(dialect)
{
    if (dialect == Dialect::SQLite) {
        QTemporaryDir dir;
        dir.setAutoRemove(false);
        if (!dir.isValid()) {
            m_error = QStringLiteral("no temporary directory");
            return;
        }
        m_dirPath = dir.path();
        m_path = QDir(m_dirPath).filePath(QStringLiteral("test.sqlite"));
        m_valid = true;
        return;
    }
    if (!configured(dialect)) {
        m_error = QStringLiteral("%1 is not configured (run the tests through scripts/test.sh)").arg(name(dialect));
        return;
    }
    const QString prefix = prefixFor(dialect);
    const auto env = [&](const char *key) { return qEnvironmentVariable((prefix + QLatin1String(key)).toLatin1()); };
    m_host = env("HOST");
    m_port = env("PORT").toInt();
    // A pooler cannot be relied on to create and drop databases: DROP DATABASE … WITH (FORCE)
    // through PgBouncer may meet the pooler's own server connections.
    m_connectPort = env("CONNECT_PORT").isEmpty() ? m_port : env("CONNECT_PORT").toInt();
    m_pooling = env("POOLING");
    m_user = env("USER");
    m_password = env("PASSWORD");
    m_adminDb = env("DB");
    m_database = uniqueName();
    const QString created = exec(QStringLiteral("CREATE DATABASE %1").arg(m_database));
    if (!created.isEmpty()) {
        m_error = created;
        return;
    }
    m_valid = true;
}

TestDatabase::~TestDatabase()
{
    for (const QString &connection : std::as_const(m_connections)) {
        {
            QSqlDatabase db = QSqlDatabase::database(connection, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(connection);
    }
    if (m_dialect == Dialect::SQLite) {
        if (!m_dirPath.isEmpty())
            QDir(m_dirPath).removeRecursively();
        return;
    }
    if (m_valid) {
        const QString drop = m_dialect == Dialect::PostgreSQL
                ? QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_database)
                : QStringLiteral("DROP DATABASE IF EXISTS %1").arg(m_database);
        const QString database = m_database;
        m_database = m_adminDb; // run the drop from the admin database
        // A pooler with a min_pool_size opens new server connections to the database as
        // fast as WITH (FORCE) ends them, and one still logging in cannot be ended: the
        // drop fails. Refuse new connections first.
        if (m_dialect == Dialect::PostgreSQL)
            exec(QStringLiteral("ALTER DATABASE %1 ALLOW_CONNECTIONS false").arg(database));
        exec(drop);
        m_database = database;
    }
}

QString TestDatabase::url() const
{
    switch (m_dialect) {
    case Dialect::SQLite:
        return m_path;
    case Dialect::PostgreSQL:
        return QStringLiteral("postgresql://%1@%2:%3/%4%5")
                .arg(m_user, m_host)
                .arg(m_connectPort)
                .arg(m_database, m_pooling.isEmpty() ? QString() : QStringLiteral("?pooling=") + m_pooling);
    case Dialect::MariaDB:
        return QStringLiteral("mysql://%1@%2:%3/%4").arg(m_user, m_host).arg(m_connectPort).arg(m_database);
    }
    return QString();
}

QSqlDatabase TestDatabase::connect(const QString &label)
{
    const QString connection = QStringLiteral("%1-%2-%3").arg(name(m_dialect), label.isEmpty() ? QStringLiteral("c") : label)
                                       .arg(QUuid::createUuid().toString(QUuid::Id128).left(8));
    QString target = url();
    if (m_dialect != Dialect::SQLite && !m_valid) // straight to the server's admin database
        target = QStringLiteral("%1://%2@%3:%4/%5")
                         .arg(m_dialect == Dialect::PostgreSQL ? QStringLiteral("postgresql") : QStringLiteral("mysql"),
                              m_user, m_host).arg(m_port).arg(m_adminDb);
    const auto parsed = Concord::ConnectionUrl::parse(target);
    if (!parsed) {
        m_error = parsed.error().message;
        return QSqlDatabase();
    }
    // A test may connect before it creates anything in its fresh SQLite file.
    const auto opened = parsed->open(connection, m_password, Concord::ConnectionUrl::IfMissing::Create);
    if (!opened) {
        m_error = opened.error().message;
        return QSqlDatabase();
    }
    m_connections.append(connection);
    return *opened;
}

QString TestDatabase::exec(const QString &sql)
{
    return exec(QStringList{sql});
}

QString TestDatabase::exec(const QStringList &statements)
{
    const QString connection = QStringLiteral("admin-") + QUuid::createUuid().toString(QUuid::Id128).left(8);
    QString failure;
    {
        QSqlDatabase db;
        if (m_dialect == Dialect::SQLite) {
            db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
            db.setDatabaseName(m_path);
        } else {
            db = QSqlDatabase::addDatabase(m_dialect == Dialect::PostgreSQL ? QStringLiteral("QPSQL") : QStringLiteral("QMYSQL"),
                                           connection);
            db.setHostName(m_host);
            db.setPort(m_port);
            db.setUserName(m_user);
            db.setPassword(m_password);
            db.setDatabaseName(m_valid ? m_database : m_adminDb);
        }
        if (!db.open()) {
            failure = db.lastError().text();
        } else {
            QSqlQuery query(db);
            for (const QString &sql : statements) {
                if (!query.exec(sql)) {
                    failure = QStringLiteral("%1: %2").arg(sql, query.lastError().text());
                    break;
                }
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return failure;
}

QString TestDatabase::createItems(int rows)
{
    static const char *const fruits[] = {"apple", "pear", "plum", "fig"};
    Q_ASSERT(rows >= 1 && rows <= int(std::size(fruits)));
    QStringList values;
    for (int id = 1; id <= rows; ++id)
        values.append(QStringLiteral("(%1, '%2', %3, 1)").arg(id).arg(QLatin1String(fruits[id - 1])).arg(id * 10));
    return exec({itemsTable(), QStringLiteral("INSERT INTO items (id, name, qty, version) VALUES ") + values.join(QLatin1Char(','))});
}

QString TestDatabase::createNumberedItems(int rows)
{
    QStringList statements{itemsTable()};
    QStringList values;
    for (int id = 1; id <= rows; ++id) {
        values.append(QStringLiteral("(%1, 'item %1', %2, 1)").arg(id).arg(id * 10));
        // SQLite takes at most 500 rows in one VALUES list.
        if (values.size() == 200 || id == rows) {
            statements.append(QStringLiteral("INSERT INTO items (id, name, qty, version) VALUES ") + values.join(QLatin1Char(',')));
            values.clear();
        }
    }
    return exec(statements);
}

QString TestDatabase::createItemsWithNotes()
{
    return exec({
        QStringLiteral("CREATE TABLE items (id INTEGER PRIMARY KEY, name %1, qty INTEGER, note %1, version BIGINT)").arg(text()),
        QStringLiteral("INSERT INTO items (id, name, qty, note, version) VALUES (1, 'apple', 10, 'fresh', 1), (2, 'pear', 20, 'hard', 1)"),
    });
}

QString TestDatabase::itemsTable() const
{
    return QStringLiteral("CREATE TABLE items (id INTEGER PRIMARY KEY, name %1, qty INTEGER, version BIGINT)").arg(text());
}

QString TestDatabase::autoKey() const
{
    switch (m_dialect) {
    case Dialect::SQLite: return QStringLiteral("INTEGER PRIMARY KEY");
    case Dialect::PostgreSQL: return QStringLiteral("SERIAL PRIMARY KEY");
    case Dialect::MariaDB: return QStringLiteral("INT AUTO_INCREMENT PRIMARY KEY");
    }
    return QString();
}
