#pragma once

#include "columninfo.h"
#include "result.h"

#include <QCoreApplication>
#include <QDate>
#include <QSqlDatabase>
#include <QSqlField>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <utility>

struct sqlite3;

namespace Concord {

/// The SQL that differs between databases, one small subclass per dialect.
/// Identifiers always go through the driver's escapeIdentifier; values are always bound.
class SqlDialect
{
    Q_DECLARE_TR_FUNCTIONS(SqlDialect)

public:
    enum class Kind { SQLite, PostgreSQL, MariaDB };

    explicit SqlDialect(const QSqlDatabase &db);
    virtual ~SqlDialect();

    /// The dialect for @p db, chosen by QSqlDriver::dbmsType(); nullptr if unsupported.
    static std::unique_ptr<SqlDialect> create(const QSqlDatabase &db);

    virtual Kind kind() const = 0;
    virtual QString name() const = 0;

    QString quoteTable(const QString &table) const;
    QString quoteField(const QString &field) const;
    /// @p text as a string literal, escaped by the driver.
    QString literal(const QString &text) const;

    /// A condition that is true when @p column, read as text, contains @p text ignoring
    /// case. The text is a literal formatted by the driver with LIKE's wildcards escaped:
    /// whatever a person types stays a value and never becomes SQL.
    QString containsText(const QString &column, const QString &text) const;
    /// A condition that is true when @p column (a date or timestamp) falls on a day from
    /// @p first to @p last, both included. The days are computed by the caller (the
    /// person's own calendar) and go in as literals formatted by the driver; by default
    /// the column is compared with the ISO text of the days, which every database here
    /// reads as a date (and SQLite's ISO texts sort as dates).
    virtual QString dayRangeCondition(const QString &column, QDate first, QDate last) const;
    /// The type a value is cast to, to be read as text (CAST(x AS …)).
    virtual QString castTextType() const { return QStringLiteral("TEXT"); }

    /// A NULL-safe comparison: true when both are NULL or both equal.
    virtual QString nullSafeEquals(const QString &lhs, const QString &rhs) const = 0;

    /// How many bound parameters one statement may carry.
    virtual int maxBindParameters() const = 0;

    /// Whether updates of the same columns can go as one statement per chunk (bulkUpdateSql()).
    virtual bool supportsBulkUpdate() const = 0;
    /// Whether a bulk UPDATE can reach the rows of a table keyed by @p pk through its primary
    /// key index, one lookup per row of the chunk, and so touch no row outside the batch.
    virtual bool bulkUpdateFits(const QSqlField &pk) const;
    /// Whether a bulk UPDATE hands back the keys of the rows it wrote (RETURNING). Without
    /// it, the rows sent are those the batch's lock read found at their loaded version, and
    /// the statement's row count must say that each of them matched.
    virtual bool bulkUpdateReturnsKeys() const { return true; }
    /// An UPDATE of @p table (quoted) from the rows @p source, joined where @p match holds,
    /// setting each (quoted column, value) of @p sets, and giving back @p returning where
    /// bulkUpdateReturnsKeys(). By default UPDATE … SET … FROM … WHERE … RETURNING ….
    virtual QString bulkUpdateSql(const QString &table, const QList<std::pair<QString, QString>> &sets,
                                  const QString &source, const QString &match, const QString &returning) const;
    /// A FROM source of @p rowCount rows of bound values called @p alias, its columns named
    /// @p names; the first row's placeholders are @p firstMarks (typedPlaceholder()), the
    /// others plain. By default a VALUES list, whose columns PostgreSQL names column1,
    /// column2, … itself: @p names must be those.
    virtual QString valuesRowsSource(const QStringList &firstMarks, const QStringList &names, qsizetype rowCount,
                                     const QString &alias) const;
    /// Whether one failed statement poisons the whole transaction (PostgreSQL).
    virtual bool statementErrorAbortsTransaction() const = 0;
    /// Whether a batch's values go as one array parameter per column (PostgreSQL parses
    /// one array far faster than a literal per value).
    virtual bool bindsColumnArrays() const { return false; }
    /// The connection's own handle where this dialect runs statements straight on it,
    /// without Qt's per-value binding (SQLite through Qt's QSQLITE); null everywhere else.
    virtual sqlite3 *nativeHandle(const QSqlDatabase &db) const
    {
        Q_UNUSED(db);
        return nullptr;
    }
    /// Appends @p value to the array literal being built ("{…"), or false when the value
    /// has no plain array form and must go as an ordinary parameter.
    virtual bool appendArrayValue(QString &array, const QVariant &value) const;
    /// A FROM source that turns one array parameter per column, of @p types (as SQL spells
    /// them), into rows called @p alias with columns @p names; empty without bindsColumnArrays().
    virtual QString arrayRowsSource(const QStringList &types, const QStringList &names, const QString &alias) const;
    /// Whether INSERT … RETURNING hands the new key back through Qt's driver (QMYSQL does not).
    virtual bool insertReturnsKey() const { return true; }
    /// Whether the row read after a failed check must be read under a lock to show the
    /// latest commit rather than the transaction's snapshot (InnoDB).
    virtual bool conflictReadLocks() const { return false; }
    /// Whether the database sorts NULL below every value (SQLite, MariaDB: first when
    /// ascending) or above it (PostgreSQL: last when ascending).
    virtual bool nullsSortLow() const { return true; }
    /// Whether an index on other columns also holds the primary key, so rows can be
    /// skipped in (column, key) order within it (SQLite, InnoDB; not PostgreSQL).
    virtual bool indexesHoldKey() const { return true; }
    /// A statement that reads, at once, about how many rows @p table has (from the
    /// database's statistics, or its largest key): one value, negative or NULL when the
    /// database has no figure yet. Empty when there is no such shortcut on @p db and the
    /// rows must be counted.
    virtual QString estimatedRowsSql(const QSqlDatabase &db, const QString &table) const;
    /// About how many rows @p select (a SELECT with a WHERE) returns, by the planner's
    /// estimate, read at once without running it; nothing where the database gives none.
    virtual std::optional<qint64> plannedRows(const QSqlDatabase &db, const QString &select) const;
    /// Whether a second connection made like @p db (a clone, for work in the background)
    /// sees the same data: not an SQLite database in memory.
    virtual bool hasSecondConnection(const QSqlDatabase &db) const { Q_UNUSED(db); return true; }
    /// Whether a query's landmarks (RowPages::readLandmarks) are best read by one statement
    /// numbering every row (PostgreSQL: twice as fast, and its readers hold no writer out)
    /// rather than by a short statement per landmark (SQLite: a long read keeps writers out;
    /// MariaDB: its window sorts a sorted order apart, slower than the hops).
    virtual bool readsLandmarksInOneStatement() const { return false; }
    /// A few words that say what the database's message means, or nothing.
    virtual QString errorHint(const DbError &error) const;

    /// Appended to a SELECT to lock the rows it reads until the transaction ends.
    virtual QString rowLockSuffix() const = 0;

    /// Begins a write transaction (SQLite takes the write lock at once). With @p lockTimeoutMs
    /// of 0 or more, a row (or, on SQLite, the database) that another writer holds is waited
    /// for at most that long in this transaction; then the statement fails with a LockTimeout.
    virtual Result<void> begin(QSqlDatabase &db, int lockTimeoutMs = -1) const;

    /// What a failed statement says about other writers' locks.
    enum class LockFailure {
        None,                 ///< not a lock problem
        LockTimeout,          ///< waited the lock timeout for a row another writer holds
        Deadlock,             ///< chosen as the victim of a deadlock
        SerializationFailure, ///< the database could not serialize this transaction with another
    };
    /// Sorts @p error by the database's own code (SQLSTATE, error number), never by its text.
    virtual LockFailure lockFailure(const DbError &error) const = 0;
    /// Whether the transaction is still open after @p failure, so that rolling back to a
    /// savepoint (or nothing, where a failed statement undoes only itself) keeps what came
    /// before. InnoDB ends the whole transaction on a deadlock.
    virtual bool transactionSurvives(QSqlDatabase &db, LockFailure failure) const;
    /// Statements that bound lock waits for the rest of the open transaction to @p ms
    /// (0: do not wait at all).
    virtual QStringList lockTimeoutSql(int ms) const = 0;
    /// Statements that bound how long this connection waits for other writers outside a
    /// transaction too (SQLite's busy timeout, for DDL before a save); empty elsewhere.
    virtual QStringList connectionLockTimeoutSql(int) const { return {}; }
    /// The smallest step lockTimeoutSql() can express (MariaDB counts whole seconds).
    virtual int lockTimeoutResolutionMs() const { return 1; }

    /// Whether rows of a batch are locked up front in key order (databases with row locks;
    /// SQLite's BEGIN IMMEDIATE already holds the whole database).
    virtual bool locksRows() const { return true; }
    /// Whether lockRowsSql() takes every key of @p pk's type in one array parameter,
    /// so that any number of rows is locked by one statement in the database's key order.
    virtual bool locksKeysAsArray(const QSqlField &pk) const;
    /// A SELECT of @p columns (quoted, comma-separated) that locks the rows of @p table
    /// whose keys are bound (@p count placeholders, or one array when locksKeysAsArray()),
    /// in ascending key order as keyRank() sorts them; with @p skipLocked it never waits
    /// and leaves out rows another writer holds.
    virtual QString lockRowsSql(const QString &table, const QSqlField &pk, const QString &columns,
                                qsizetype count, bool skipLocked) const;
    /// What lockRowsSql() binds for @p keys.
    virtual QVariantList lockRowsValues(const QList<QVariant> &keys, const QSqlField &pk) const;
    /// A key's place in the order rows are locked: integers by value, anything else by the
    /// bytes of its text, as lockRowsSql() sorts them on the server.
    struct KeyRank
    {
        bool integer = false;
        qint64 number = 0;
        QByteArray bytes;
        bool operator<(const KeyRank &other) const
        {
            return integer && other.integer ? number < other.number : bytes < other.bytes;
        }
    };
    static KeyRank keyRank(const QVariant &pk, const QSqlField &field);

    /// The catalog's account of @p table's columns, in table order: declared types,
    /// NULL-ability, defaults, enum and CHECK lists, single-column foreign keys.
    virtual Result<QList<ColumnInfo>> readColumns(QSqlDatabase db, const QString &table) const = 0;
    /// How a SELECT reads @p column so that its value comes back exactly (as text where
    /// Qt's own types would round it, as times to milliseconds), under its own name.
    virtual QString selectExpression(const ColumnInfo &column) const;

    /// A parameter placeholder cast to @p field's type where the dialect needs it
    /// (PostgreSQL cannot infer types inside a VALUES list).
    virtual QString typedPlaceholder(const ColumnInfo &column) const;

    virtual QString bigIntType() const = 0;
    virtual QString textType() const = 0;
    /// A text type a key or an index can be made of (MariaDB cannot index LONGTEXT).
    virtual QString indexedTextType() const { return textType(); }
    virtual QString autoIncrementKey() const = 0;

    /// concord_<table>_<column>
    static QString triggerName(const QString &table, const QString &column);

    virtual QStringList createTriggerSql(const QString &table, const QString &pkColumn,
                                         const QString &versionColumn) const = 0;
    virtual QStringList dropTriggerSql(const QString &table, const QString &versionColumn) const = 0;
    /// A SELECT returning (trigger name, table name) of Concord's triggers.
    virtual QString listTriggersSql() const = 0;

    /// Statements run once after connecting (e.g. SQLite pragmas).
    virtual QStringList sessionSetupSql() const;

    /// How open grids learn that rows changed in the database.
    enum class ChangeSignal {
        Notify,      ///< the database pushes a notice (PostgreSQL LISTEN/NOTIFY from triggers)
        DataVersion, ///< one cheap number says whether anything was committed (SQLite)
        Poll,        ///< the versions of the rows on screen are read again (MariaDB)
    };
    virtual ChangeSignal changeSignal() const { return ChangeSignal::Poll; }
    /// The channel notices come on, for Notify.
    virtual QString notificationChannel() const { return QString(); }
    /// A notice read back: which table, and which rows (or any row).
    struct ChangeNotice
    {
        bool valid = false;
        QString table;
        bool anyRow = false;   ///< too many rows to name: any row of the table may have changed
        QStringList keys;      ///< the changed (or deleted) rows' keys, as text
    };
    virtual ChangeNotice readChangeNotice(const QString &payload) const;
    /// Statements that make @p table announce its changes, for Notify; empty elsewhere.
    virtual QStringList createNotifyTriggerSql(const QString &table, const QString &pkColumn) const;
    virtual QStringList dropNotifyTriggerSql(const QString &table) const;
    /// Whether @p table announces its changes already (as this Concord does it).
    virtual Result<bool> hasNotifyTrigger(QSqlDatabase db, const QString &table) const;

protected:
    QSqlDatabase m_db;
};

} // namespace Concord
