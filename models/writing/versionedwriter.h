#pragma once

#include "changelog.h"
#include "result.h"
#include "sqlitestatement.h"
#include "sqlstatement.h"
#include "rowedit.h"
#include "submitresult.h"
#include "tableschema.h"
#include "versionpolicy.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>

#include <memory>
#include <optional>

namespace Concord {

class LockWait;
class SqlDialect;

/// Writes rows of one table under its version policy: every UPDATE and DELETE carries
/// the version it was made against, and "zero rows affected" is read back and told
/// apart (modified or deleted). It runs inside a transaction owned by the caller and
/// collects change-log entries for the rows it saved.
class VersionedWriter
{
    Q_DECLARE_TR_FUNCTIONS(VersionedWriter)

public:
    VersionedWriter(QSqlDatabase db, const SqlDialect &dialect, TableSchema schema, VersionPolicy policy);

    const TableSchema &schema() const { return m_schema; }
    const VersionPolicy &policy() const { return m_policy; }
    void setUser(const QString &user) { m_user = user; }
    /// Starts a batch of about @p rows writes at @p at: its log entries carry that time
    /// (one transaction, one moment), and room for them is made once. @p logging false
    /// leaves the change log out of this batch (it is also out when the table's policy
    /// says so): no entry is made or encoded.
    /// On SQLite a batch's updates run straight on the connection's handle (see
    /// SqliteStatement) until endBatch(), which must come before the connection closes.
    void beginBatch(const QDateTime &at, qsizetype rows, bool logging = true);
    /// Whether the rows saved now get change-log entries.
    bool isLogging() const { return m_logging; }
    void endBatch();

    /// Checks an edit against the schema and spells its columns as the database does.
    /// Unknown columns, a missing key, or a write to the version column are BadInput.
    Result<RowEdit> normalize(const RowEdit &edit) const;

    /// Writes one row (update, insert or delete). Never throws away the caller's edit.
    RowOutcome write(const RowEdit &edit);

    /// Whether @p edit may go in one statement with others like it.
    bool canBulk(const RowEdit &edit) const;
    /// How many rows of @p columnCount changed columns fit one bulk statement.
    int bulkChunkSize(int columnCount) const;
    /// Writes a chunk of updates that all change the same columns in one statement.
    /// On a statement error returns nothing and sets @p error; the caller retries row by row.
    /// @p locked: the rows of these keys as lockRows() read them in this transaction (a key
    /// missing there had no row). Where the database cannot say which rows a bulk UPDATE
    /// wrote (SqlDialect::bulkUpdateReturnsKeys()), the rows whose version moved are
    /// conflicts before the statement, the others go in it, and a row count short of them
    /// undoes the statement and is an error; without @p locked every row goes in it.
    QList<RowOutcome> writeBulk(const QList<const RowEdit *> &edits, DbError *error,
                                const QHash<QString, QVariantMap> *locked = nullptr);

    /// The current row, or nullopt when it does not exist. @p locking reads it under a row
    /// lock, which also sees the latest commit where a plain read sees the transaction's snapshot.
    Result<std::optional<QVariantMap>> readRow(const QVariant &pk, bool locking = false);
    /// The current rows for @p pks, keyed by the key's text: every column, or the key and
    /// @p columns only.
    Result<QHash<QString, QVariantMap>> readRows(const QList<QVariant> &pks, const QStringList &columns = {});

    /// What lockRows() locked.
    struct LockedRows
    {
        QHash<QString, QVariantMap> rows; ///< by key text: the key and the columns asked for
        QSet<QString> busy;               ///< keys of rows another writer held past the lock timeout
    };
    /// Locks the existing rows among @p pks in ascending key order, as every Concord writer
    /// does, so that two of them never deadlock whatever order their edits came in, reading
    /// @p columns of each (exactly, as the grid reads them) and its version. Waits are paid
    /// from @p wait; a chunk that runs out of it is locked again without waiting, and the
    /// rows another writer still holds come back busy. An error whose lock failure is not
    /// None (a deadlock with another tool, say) means the transaction must start over.
    Result<LockedRows> lockRows(const QList<QVariant> &pks, LockWait &wait, const QStringList &columns);

    /// Whether a save of @p edit is checked (not --no-check, checking not switched off).
    bool isChecking(const RowEdit &edit) const;
    /// The conflict of @p edit made against @p base, given the row as it is now (none: gone).
    Conflict makeConflict(const RowEdit &edit, const QVariantMap &base,
                          const std::optional<QVariantMap> &current) const;

    /// Log entries of the rows saved since the last take.
    QList<ChangeLog::Entry> takeLogEntries();

    static QString keyText(const QVariant &pk) { return pk.toString(); }

    /// Forgets prepared statements (they die with the connection, e.g. before a reconnect).
    void dropStatements()
    {
        endBatch();
        m_lastUpdate.query = nullptr;
        m_statements.clear();
    }

private:
    bool isIncrementing(const RowEdit &edit) const;
    bool countsForVersion(const RowEdit &edit, const QVariantMap &base) const;
    struct UpdatePlan;
    RowOutcome update(const RowEdit &edit, RowOutcome outcome);
    Result<std::optional<bool>> completeBase(const RowEdit &edit, QVariantMap &base);
    UpdatePlan planUpdate(const RowEdit &edit, const QVariantMap &base, bool complete) const;
    SqlStatement *updateStatement(const RowEdit &edit, const UpdatePlan &plan, DbError *error);
    Result<int> runUpdate(const RowEdit &edit, const UpdatePlan &plan);
    std::optional<QStringList> columnArrays(const QList<const RowEdit *> &edits, const QStringList &allColumns,
                                            const QList<QVariant> &newVersions) const;
    static void bindBulkRow(SqlStatement &query, const RowEdit &edit, const QVariant &newVersion,
                            const QStringList &columns, bool integerKey);
    QString bulkUpdateSql(const QStringList &columns, const QStringList &allColumns, qsizetype rowCount,
                          bool fromArrays) const;
    QList<RowOutcome> writeBulkCounted(const QList<const RowEdit *> &edits, const QStringList &columns,
                                       const QStringList &allColumns, const QList<QVariant> &newVersions,
                                       const QHash<QString, QVariantMap> *locked, DbError *error);
    QList<RowOutcome> bulkOutcomes(const QList<const RowEdit *> &edits, const QList<QVariant> &returned,
                                   const QList<QVariant> &newVersions, DbError *error);
    RowOutcome insert(const RowEdit &edit, RowOutcome outcome);
    RowOutcome remove(const RowEdit &edit, RowOutcome outcome);
    RowOutcome conflictFor(const RowEdit &edit, RowOutcome outcome, const QVariantMap &base);
    Result<QVariant> readVersion(const QVariant &pk);
    Result<std::optional<QVariantMap>> readRowLocked(const QVariant &pk);
    SqlStatement *statement(const QString &sql, DbError *error, const QString &doing);
    void log(const RowEdit &edit, const QString &action, const QVariant &version,
             const QVariantMap &before, const QVariantMap &after);
    void log(const RowEdit &edit, const QString &action, const QVariant &version, const QByteArray &changes);
    QString selectColumns() const;
    QString selectListOf(const QStringList &columns) const;
    /// The current row of @p query as a map, each value in its kind's one form.
    QVariantMap valuesOf(const QSqlQuery &query, const QSqlRecord &record) const;
    Result<LockedRows> lockChunk(const QList<QVariant> &keys, LockWait &wait, const QString &selectList);
    Result<void> exec(const QString &sql, const QString &doing);

    QSqlDatabase m_db;
    const SqlDialect &m_dialect;
    TableSchema m_schema;
    VersionPolicy m_policy;
    QString m_user;
    QDateTime m_batchTime;
    QString m_table;    // quoted
    QString m_pk;       // quoted
    QString m_version;  // quoted, empty when unversioned
    QString m_selectList; // every column, read exactly (TableSchema::selectList())
    bool m_bulk = false;  // updates can go in bulk statements (the dialect, for this key)
    QHash<QString, std::shared_ptr<SqlStatement>> m_statements; // a QSqlQuery is not to be copied
    /// The last per-row UPDATE prepared, and the shape of edit it fits.
    struct LastUpdate
    {
        int shape = -1;
        QStringList columns;
        SqlStatement *query = nullptr;
        QString sql;
        SqliteStatement *native = nullptr; ///< the same statement on the SQLite handle, once prepared
    } m_lastUpdate;
    sqlite3 *m_nativeHandle = nullptr;     ///< set during a batch on SQLite
    QHash<QString, std::shared_ptr<SqliteStatement>> m_native;
    SqliteStatement *nativeStatement(const QString &sql, DbError *error);
    static bool sameKeys(const QVariantMap &map, const QStringList &keys);
    QList<ChangeLog::Entry> m_log;
    bool m_logging = true;
};

} // namespace Concord
