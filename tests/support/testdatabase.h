#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <memory>

/// A fresh, empty database of one dialect for one test, dropped afterwards.
/// SQLite: a file in a temporary directory. PostgreSQL and MariaDB: a new database on
/// the throwaway servers that scripts/test.sh starts (CONCORD_TEST_PG_* / _MY_*).
/// connect() opens another connection to it: two connections are two users.
/// With CONCORD_TEST_PG_CONNECT_PORT (or _MY_) set, connect() and url() go to that port
/// (a connection pooler in front of the server) while the database is made, filled by
/// exec() and dropped on CONCORD_TEST_PG_PORT, directly. CONCORD_TEST_PG_POOLING
/// (transaction, session) tells connect() and url() which pooling that port does
/// (ConnectionUrl's "?pooling=").
class TestDatabase
{
public:
    enum class Dialect { SQLite, PostgreSQL, MariaDB };

    /// Adds a "dialect" column and one row per dialect to a _data() function, or to
    /// initTestCase_data() for a suite whose tests all run per dialect (they then read it
    /// with QFETCH_GLOBAL and give no dialect rows of their own).
    /// Servers that are not configured are left out, unless CONCORD_REQUIRE_SERVERS=1;
    /// with CONCORD_TEST_DIALECTS (e.g. "postgresql") only the dialects it names are in.
    static void addDialectRows(const QStringList &extraColumns = {});
    /// Whether the running test is on the SQLite row of initTestCase_data(). A test that needs
    /// no database, or SQLite alone, runs there and skips the other rows, saying why.
    static bool onSqliteRow();
    /// A fresh database of the dialect the running test's global row names: what a test in a
    /// suite with initTestCase_data() starts from. Check isValid() before using it.
    static std::unique_ptr<TestDatabase> forCurrentRow();
    static QList<Dialect> dialects();
    static QString name(Dialect dialect);
    static Dialect fromName(const QString &name);

    explicit TestDatabase(Dialect dialect);
    explicit TestDatabase(const QString &dialectName) : TestDatabase(fromName(dialectName)) {}
    ~TestDatabase();
    TestDatabase(const TestDatabase &) = delete;
    TestDatabase &operator=(const TestDatabase &) = delete;

    /// Whether the database was created; if not, error() says why.
    bool isValid() const { return m_valid; }
    QString error() const { return m_error; }
    Dialect dialect() const { return m_dialect; }

    /// A new open connection to this database (Concord's own connection setup).
    QSqlDatabase connect(const QString &label = QString());
    /// The URL concord-cli takes, and the password it needs in CONCORD_PASSWORD.
    QString url() const;
    QString password() const { return m_password; }
    /// Whether connect() goes through a transaction pooler (CONCORD_TEST_PG_POOLING=transaction):
    /// no fixed server connection, so no backend pid to find or end.
    bool isTransactionPooled() const { return m_pooling == QLatin1String("transaction"); }
    /// Whether connect() goes to a pooler at all (a CONNECT_PORT other than the server's).
    bool isPooled() const { return m_connectPort != m_port; }

    /// Runs DDL/DML on a connection of its own; returns an error text or empty.
    QString exec(const QString &sql);
    QString exec(const QStringList &statements);

    /// The items table most suites start from, (id, name, qty, version), holding the first
    /// @p rows of apple 10, pear 20, plum 30 and fig 40 with ids from 1, all at version 1.
    /// Returns an error text or empty, like exec().
    QString createItems(int rows = 3);
    /// The same items table holding @p rows numbered rows: id N, "item N", qty N * 10, version 1.
    QString createNumberedItems(int rows);
    /// items with a note column too, for the merge suites: apple 10 "fresh" and pear 20 "hard".
    QString createItemsWithNotes();

    /// Column type spellings that mean the same on every dialect.
    QString autoKey() const;   ///< an auto-assigned integer primary key
    QString text() const { return QStringLiteral("VARCHAR(200)"); }

private:
    QString itemsTable() const;

    Dialect m_dialect;
    bool m_valid = false;
    QString m_error;
    QString m_path;       // SQLite file
    QString m_dirPath;    // SQLite temporary directory
    QString m_host;
    int m_port = 0;         // the server itself: CREATE/DROP DATABASE and exec()
    int m_connectPort = 0;  // what connect() and url() use: the server, or a pooler
    QString m_pooling;      // the pooler's mode, as ConnectionUrl's "?pooling=" spells it
    QString m_user;
    QString m_password;
    QString m_adminDb;
    QString m_database;
    QStringList m_connections;
};
