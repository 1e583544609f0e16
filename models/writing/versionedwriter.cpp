#include "versionedwriter.h"

#include "concurrencyswitches.h"
#include "jsonvalue.h"
#include "lockwait.h"
#include "sqldialect.h"

#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlField>
#include <QSqlRecord>

#include <algorithm>
#include <vector>

namespace Concord {

namespace {


/// Whether values of @p column can go in a PostgreSQL array of its type: everything but bytes.
bool hasPlainArrayType(const ColumnInfo &column)
{
    return column.kind != ColumnInfo::Kind::Binary;
}

} // namespace

VersionedWriter::VersionedWriter(QSqlDatabase db, const SqlDialect &dialect, TableSchema schema,
                                 VersionPolicy policy)
    : m_db(db)
    , m_dialect(dialect)
    , m_schema(std::move(schema))
    , m_policy(std::move(policy))
    , m_user(ChangeLog::currentUser())
    , m_logging(m_policy.logChanges)
{
    m_table = m_dialect.quoteTable(m_schema.name());
    m_pk = m_dialect.quoteField(m_schema.primaryKey());
    m_selectList = m_schema.selectList(m_dialect);
    if (m_policy.isVersioned())
        m_version = m_dialect.quoteField(m_policy.column);
    m_bulk = m_dialect.supportsBulkUpdate()
            && m_dialect.bulkUpdateFits(m_schema.record().field(m_schema.primaryKey()));
}

Result<RowEdit> VersionedWriter::normalize(const RowEdit &edit) const
{
    const QString table = m_schema.name();
    if (m_schema.primaryKey().isEmpty()) {
        return DbError::badInput(tr("Table \"%1\" has no single-column primary key, "
                                                "so its rows cannot be saved safely.").arg(table));
    }
    // Edits from a grid already spell every column as the database does: keep their
    // maps as they are. Others (a CLI's JSON) are rebuilt with the database's spelling.
    RowEdit normal = edit;
    normal.table = table;
    bool exact = true;
    for (auto it = edit.changes.cbegin(); it != edit.changes.cend() && exact; ++it)
        exact = m_schema.isExactColumn(it.key());
    for (auto it = edit.base.cbegin(); it != edit.base.cend() && exact; ++it)
        exact = m_schema.isExactColumn(it.key());
    if (!exact) {
        normal.changes.clear();
        normal.base.clear();
    }
    for (auto it = edit.changes.cbegin(); it != edit.changes.cend(); ++it) {
        const QString column = exact ? it.key() : m_schema.column(it.key());
        if (column.isEmpty())
            return DbError::badInput(tr("Table \"%1\" has no column named \"%2\".").arg(table, it.key()));
        if (m_policy.isVersioned() && column == m_policy.column) {
            return DbError::badInput(tr("Column \"%1\" of \"%2\" holds the version; "
                                                    "Concord sets it, it cannot be written directly.")
                                             .arg(column, table));
        }
        if (edit.op == RowEdit::Op::Update && column == m_schema.primaryKey())
            return DbError::badInput(tr("The primary key of \"%1\" cannot be changed.").arg(table));
        if (!exact)
            normal.changes.insert(column, it.value());
    }
    if (!exact) {
        for (auto it = edit.base.cbegin(); it != edit.base.cend(); ++it) {
            const QString column = m_schema.column(it.key());
            if (!column.isEmpty())
                normal.base.insert(column, it.value());
        }
    }
    if (edit.op != RowEdit::Op::Insert && edit.pk.isNull())
        return DbError::badInput(tr("An edit of \"%1\" names no primary key.").arg(table));
    if (edit.op == RowEdit::Op::Update && normal.changes.isEmpty())
        return DbError::badInput(tr("An update of \"%1\" %2 sets no column.").arg(table, edit.pk.toString()));
    if (edit.op != RowEdit::Op::Insert && !m_policy.isVersioned() && isChecking(edit)) {
        // Without a version, the loaded values are the check: they must be known.
        for (auto it = normal.changes.cbegin(); it != normal.changes.cend(); ++it) {
            if (!normal.base.contains(it.key())) {
                return DbError::badInput(tr("Table \"%1\" is not versioned, so a save needs the "
                                                        "loaded value of \"%2\" to check against; "
                                                        "enable versioning or save without checking.")
                                                 .arg(table, it.key()));
            }
        }
    }
    return normal;
}

bool VersionedWriter::sameKeys(const QVariantMap &map, const QStringList &keys)
{
    if (map.size() != keys.size())
        return false;
    qsizetype i = 0;
    for (auto it = map.cbegin(); it != map.cend(); ++it, ++i) {
        if (it.key() != keys.at(i))
            return false;
    }
    return true;
}

bool VersionedWriter::isChecking(const RowEdit &edit) const
{
    return !edit.noCheck && ConcurrencySwitches::isCheckingEnabled(m_schema.name());
}

bool VersionedWriter::isIncrementing(const RowEdit &edit) const
{
    return !edit.noIncrement && ConcurrencySwitches::isIncrementEnabled(m_schema.name());
}

bool VersionedWriter::countsForVersion(const RowEdit &edit, const QVariantMap &base) const
{
    if (m_policy.kind != VersionKind::Conditional)
        return true;
    // Compared against this row's own snapshot, never a per-table state (edge case 8).
    for (auto it = edit.changes.cbegin(); it != edit.changes.cend(); ++it) {
        if (m_policy.fieldCounts(it.key()) && !JsonValue::sameValue(base.value(it.key()), it.value()))
            return true;
    }
    return false;
}

void VersionedWriter::beginBatch(const QDateTime &at, qsizetype rows, bool logging)
{
    m_batchTime = at;
    m_logging = logging && m_policy.logChanges;
    if (m_logging)
        m_log.reserve(m_log.size() + rows);
    m_nativeHandle = m_dialect.nativeHandle(m_db); // null but on Qt's own QSQLITE
}

void VersionedWriter::endBatch()
{
    m_logging = m_policy.logChanges;
    m_nativeHandle = nullptr;
    m_lastUpdate.native = nullptr;
    m_native.clear();
}

SqliteStatement *VersionedWriter::nativeStatement(const QString &sql, DbError *error)
{
    if (const auto it = m_native.constFind(sql); it != m_native.cend())
        return it.value().get();
    std::shared_ptr<SqliteStatement> prepared = SqliteStatement::prepare(m_nativeHandle, sql, error);
    if (!prepared)
        return nullptr;
    SqliteStatement *raw = prepared.get();
    m_native.insert(sql, std::move(prepared));
    return raw;
}

SqlStatement *VersionedWriter::statement(const QString &sql, DbError *error, const QString &doing)
{
    auto it = m_statements.find(sql);
    if (it != m_statements.end())
        return it.value().get();
    // Adding to the hash may move its entries.
    m_lastUpdate.query = nullptr;
    // Through a transaction pooler the statement keeps only its text (SqlStatement), so
    // keeping it across transactions is safe there too.
    auto query = std::make_shared<SqlStatement>(m_db);
    if (!query->prepare(sql)) {
        *error = query->error(doing);
        return nullptr;
    }
    // Keep a bounded set: a grid edits few column combinations, a CLI batch maybe more.
    if (m_statements.size() > 64)
        m_statements.clear();
    return m_statements.insert(sql, query).value().get();
}

QString VersionedWriter::selectColumns() const
{
    return m_selectList;
}

Result<std::optional<QVariantMap>> VersionedWriter::readRow(const QVariant &pk, bool locking)
{
    DbError error;
    SqlStatement *query = statement(QStringLiteral("SELECT %1 FROM %2 WHERE %3 = ?%4")
                                         .arg(selectColumns(), m_table, m_pk,
                                              locking ? m_dialect.rowLockSuffix() : QString()),
                                 &error, tr("Could not read the row back"));
    if (!query)
        return error;
    query->addBindValue(pk);
    if (!query->exec())
        return query->error(tr("Could not read the row back"));
    std::optional<QVariantMap> row;
    if (query->next()) {
        row = valuesOf(query->query(), query->record());
    }
    query->finish();
    return row;
}

QVariantMap VersionedWriter::valuesOf(const QSqlQuery &query, const QSqlRecord &record) const
{
    QVariantMap values;
    for (int i = 0; i < record.count(); ++i) {
        const QString name = record.fieldName(i);
        values.insert(name, m_schema.info(name).normalized(query.value(i)));
    }
    return values;
}

Result<std::optional<QVariantMap>> VersionedWriter::readRowLocked(const QVariant &pk)
{
    // Unversioned rows are checked by their loaded values. Compared in SQL, a value the
    // driver rounds on the way in (PostgreSQL and MariaDB keep microseconds, QDateTime
    // milliseconds) never equals itself, so such a row could never be saved or deleted.
    // So the row is read under a row lock (SQLite's BEGIN IMMEDIATE already holds the
    // write lock; a locking read also sees the latest commit under MariaDB's repeatable
    // read) and compared by the caller as this same driver reads it.
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    const QString sql = QStringLiteral("SELECT %1 FROM %2 WHERE %3 = ?%4")
                                .arg(selectColumns(), m_table, m_pk, m_dialect.rowLockSuffix());
    if (!SqlStatement::exec(query, sql, {pk}))
        return DbError::fromQuery(query, tr("Could not read the row back"));
    std::optional<QVariantMap> row;
    if (query.next()) {
        row = valuesOf(query, query.record());
    }
    return row;
}

QString VersionedWriter::selectListOf(const QStringList &columns) const
{
    // The key and @p columns, each read exactly (as selectColumns() reads every column).
    if (columns.isEmpty())
        return m_selectList;
    QString list = m_pk;
    for (const QString &column : columns) {
        if (column != m_schema.primaryKey())
            list += QStringLiteral(", ") + m_dialect.selectExpression(m_schema.info(column));
    }
    return list;
}

Result<QHash<QString, QVariantMap>> VersionedWriter::readRows(const QList<QVariant> &pks, const QStringList &columns)
{
    const QString selectList = selectListOf(columns);
    QHash<QString, QVariantMap> rows;
    const int chunk = std::min(1000, m_dialect.maxBindParameters());
    for (qsizetype start = 0; start < pks.size(); start += chunk) {
        const qsizetype n = std::min<qsizetype>(chunk, pks.size() - start);
        QString marks;
        marks.reserve(n * 2);
        for (qsizetype i = 0; i < n; ++i)
            marks += i ? QStringLiteral(",?") : QStringLiteral("?");
        // Cached by its text: the full chunks of a large read share one prepared statement.
        DbError error;
        SqlStatement *query = statement(QStringLiteral("SELECT %1 FROM %2 WHERE %3 IN (%4)").arg(selectList, m_table, m_pk, marks),
                                     &error, tr("Could not read rows back"));
        if (!query)
            return error;
        query->setForwardOnly(true);
        for (qsizetype i = start; i < start + n; ++i)
            query->addBindValue(pks.at(i));
        if (!query->exec())
            return query->error(tr("Could not read rows back"));
        const QSqlRecord record = query->record();
        const int pkIndex = record.indexOf(m_schema.primaryKey());
        while (query->next())
            rows.insert(keyText(query->value(pkIndex)), valuesOf(query->query(), record));
        query->finish();
    }
    return rows;
}

Result<void> VersionedWriter::exec(const QString &sql, const QString &doing)
{
    QSqlQuery query(m_db);
    if (!query.exec(sql))
        return DbError::fromQuery(query, doing);
    return {};
}

Result<VersionedWriter::LockedRows> VersionedWriter::lockRows(const QList<QVariant> &pks, LockWait &wait,
                                                              const QStringList &columns)
{
    // The version too: a row whose version moved since it was loaded is known to conflict
    // before anything is written (see writeBulk()).
    QStringList wanted = columns;
    if (m_policy.isVersioned() && !wanted.contains(m_policy.column))
        wanted.append(m_policy.column);
    const QString selectList = wanted.size() >= m_schema.columnCount() ? m_selectList : selectListOf(wanted);
    LockedRows locked;
    const QSqlField field = m_schema.record().field(m_schema.primaryKey());
    std::vector<std::pair<SqlDialect::KeyRank, QVariant>> ranked;
    ranked.reserve(size_t(pks.size()));
    QSet<QString> seen;
    for (const QVariant &pk : pks) {
        if (!seen.contains(keyText(pk))) {
            seen.insert(keyText(pk));
            ranked.emplace_back(SqlDialect::keyRank(pk, field), pk);
        }
    }
    std::sort(ranked.begin(), ranked.end(),
              [](const auto &a, const auto &b) { return a.first < b.first; });
    // One statement locks a chunk in key order; chunks follow each other in key order too.
    const qsizetype chunk = m_dialect.locksKeysAsArray(field)
            ? qsizetype(ranked.size())
            : qsizetype(std::min(5000, m_dialect.maxBindParameters()));
    for (qsizetype start = 0; start < qsizetype(ranked.size()); start += chunk) {
        QList<QVariant> keys;
        const qsizetype end = std::min<qsizetype>(start + chunk, qsizetype(ranked.size()));
        keys.reserve(end - start);
        for (qsizetype i = start; i < end; ++i)
            keys.append(ranked[size_t(i)].second);
        auto part = lockChunk(keys, wait, selectList);
        if (!part)
            return part.error();
        locked.busy.unite(part->busy);
        locked.rows.insert(part->rows);
    }
    return locked;
}

Result<VersionedWriter::LockedRows> VersionedWriter::lockChunk(const QList<QVariant> &keys, LockWait &wait,
                                                               const QString &columns)
{
    LockedRows locked;
    const QSqlField field = m_schema.record().field(m_schema.primaryKey());
    const bool savepoints = m_dialect.statementErrorAbortsTransaction();
    const QString doing = tr("Could not lock the rows of %1").arg(m_schema.name());
    const auto collect = [&](QSqlQuery &query) {
        const QSqlRecord record = query.record();
        const int pkIndex = record.indexOf(m_schema.primaryKey());
        while (query.next())
            locked.rows.insert(keyText(query.value(pkIndex)), valuesOf(query, record));
        // Rows read one by one (forward only, as plain text when pooled) can be followed by
        // a lock timeout on the next row: the read only succeeded if it ended cleanly.
        return !query.lastError().isValid();
    };
    const auto run = [&](QSqlQuery &query, const QString &sql) {
        query.setForwardOnly(true);
        return SqlStatement::exec(query, sql, m_dialect.lockRowsValues(keys, field));
    };

    // A budget smaller than the database can express is no budget: do not wait at all.
    const bool waiting = wait.remainingMs() >= m_dialect.lockTimeoutResolutionMs();
    if (waiting) {
        if (auto tightened = wait.tighten(m_db, m_dialect); !tightened)
            return tightened.error();
        if (savepoints) {
            if (auto set = exec(QStringLiteral("SAVEPOINT concord_lock"), doing); !set)
                return set.error();
        }
        QSqlQuery query(m_db);
        QElapsedTimer timer;
        timer.start();
        const bool ok = run(query, m_dialect.lockRowsSql(m_schema.name(), field, columns, keys.size(), false))
                && collect(query);
        wait.spend(timer.elapsed());
        if (ok) {
            if (savepoints)
                exec(QStringLiteral("RELEASE SAVEPOINT concord_lock"), doing);
            return locked;
        }
        DbError error = DbError::fromQuery(query, doing);
        if (savepoints)
            exec(QStringLiteral("ROLLBACK TO SAVEPOINT concord_lock"), doing);
        const SqlDialect::LockFailure failure = m_dialect.lockFailure(error);
        if (failure != SqlDialect::LockFailure::LockTimeout || !m_dialect.transactionSurvives(m_db, failure))
            return error;
        wait.exhaust();
        locked.rows.clear();
    }

    // Out of patience: take what is free now; the rows left out that exist are busy.
    QSqlQuery query(m_db);
    if (!run(query, m_dialect.lockRowsSql(m_schema.name(), field, columns, keys.size(), true)) || !collect(query))
        return DbError::fromQuery(query, doing);
    QList<QVariant> missing;
    for (const QVariant &key : keys) {
        if (!locked.rows.contains(keyText(key)))
            missing.append(key);
    }
    if (!missing.isEmpty()) {
        const auto present = readRows(missing);
        if (!present)
            return present.error();
        for (auto it = present->cbegin(); it != present->cend(); ++it)
            locked.busy.insert(it.key());
    }
    return locked;
}

Result<QVariant> VersionedWriter::readVersion(const QVariant &pk)
{
    const auto row = readRow(pk);
    if (!row)
        return row.error();
    if (!row->has_value())
        return QVariant();
    return row->value().value(m_policy.column);
}

void VersionedWriter::log(const RowEdit &edit, const QString &action, const QVariant &version,
                          const QVariantMap &before, const QVariantMap &after)
{
    if (m_logging)
        log(edit, action, version, ChangeLog::encodeDiff(before, after));
}

void VersionedWriter::log(const RowEdit &edit, const QString &action, const QVariant &version,
                          const QByteArray &changes)
{
    if (!m_logging)
        return;
    ChangeLog::Entry entry;
    entry.at = m_batchTime.isValid() ? m_batchTime : QDateTime::currentDateTimeUtc();
    entry.user = m_user;
    entry.table = m_schema.name();
    entry.pk = keyText(edit.pk);
    entry.action = action;
    entry.version = version;
    entry.encodedChanges = changes;
    m_log.append(std::move(entry));
}

QList<ChangeLog::Entry> VersionedWriter::takeLogEntries()
{
    QList<ChangeLog::Entry> entries;
    entries.swap(m_log);
    m_batchTime = QDateTime();
    return entries;
}

RowOutcome VersionedWriter::write(const RowEdit &edit)
{
    RowOutcome outcome;
    outcome.op = edit.op;
    outcome.table = m_schema.name();
    outcome.pk = edit.pk;
    outcome.tag = edit.tag;
    switch (edit.op) {
    case RowEdit::Op::Update:
        return update(edit, outcome);
    case RowEdit::Op::Insert:
        return insert(edit, outcome);
    case RowEdit::Op::Delete:
        return remove(edit, outcome);
    }
    return outcome;
}

Conflict VersionedWriter::makeConflict(const RowEdit &edit, const QVariantMap &base,
                                      const std::optional<QVariantMap> &current) const
{
    Conflict conflict;
    conflict.table = m_schema.name();
    conflict.versionColumn = m_policy.column;
    conflict.pk = edit.pk;
    conflict.expectedVersion = edit.version;
    conflict.base = base;
    conflict.mine = edit.changes;
    if (current) {
        conflict.kind = Conflict::Kind::Modified;
        conflict.theirs = *current;
        if (m_policy.isVersioned())
            conflict.currentVersion = current->value(m_policy.column);
    } else {
        conflict.kind = Conflict::Kind::Deleted;
    }
    return conflict;
}

RowOutcome VersionedWriter::conflictFor(const RowEdit &edit, RowOutcome outcome, const QVariantMap &base)
{
    // Zero rows affected: read the row to tell "modified" from "deleted" (edge case 2).
    // On MariaDB the read must lock: under its repeatable read a plain SELECT shows this
    // transaction's snapshot, older than the save that beat us, so "theirs" would be stale.
    // Its UPDATE already locked the row, so this adds no lock; PostgreSQL's read committed
    // sees the latest commit without one (a new lock there could deadlock two batches).
    const auto current = readRow(edit.pk, m_dialect.conflictReadLocks());
    if (!current) {
        outcome.status = RowOutcome::Status::Error;
        outcome.error = current.error();
        return outcome;
    }
    outcome.status = RowOutcome::Status::Conflict;
    outcome.conflict = makeConflict(edit, base, *current);
    return outcome;
}

/// What one row's UPDATE sets and checks, decided before any SQL is spelled.
struct VersionedWriter::UpdatePlan
{
    enum class VersionSet { None, Value, Increment, TimestampIncrement };
    VersionSet versionSet = VersionSet::None;
    QVariantList values;        ///< in placeholder order: changes, version set, key, checks
    QVariant newVersion;
    bool readBack = false;      ///< the database decides the new version: read it afterwards
    bool whereVersion = false;  ///< the version loaded must still be there
    bool whereValues = false;   ///< and the values loaded too (SQLite)

    /// Whatever its values, a plan of the same shape and columns has the same SQL.
    int shape() const { return int(versionSet) * 4 + int(whereVersion) * 2 + int(whereValues); }
};

RowOutcome VersionedWriter::update(const RowEdit &edit, RowOutcome outcome)
{
    const auto failed = [&outcome](const DbError &error) {
        outcome.status = RowOutcome::Status::Error;
        outcome.error = error;
        return outcome;
    };
    // Columns whose loaded value we were not given (a CLI edit) are read in this
    // transaction: they feed the conditional kind and the change log.
    QVariantMap base = edit.base;
    const auto complete = completeBase(edit, base);
    if (!complete)
        return failed(complete.error());
    if (!complete->has_value())
        return conflictFor(edit, outcome, base);

    UpdatePlan plan = planUpdate(edit, base, **complete);
    if (isChecking(edit) && !plan.whereVersion) {
        // Unversioned: the loaded values of the changed columns are the check, compared
        // here rather than in SQL (see readRowLocked()).
        const auto current = readRowLocked(edit.pk);
        if (!current)
            return failed(current.error());
        if (!current->has_value())
            return conflictFor(edit, outcome, base);
        for (auto it = edit.changes.cbegin(); it != edit.changes.cend(); ++it) {
            if (!JsonValue::sameValue(base.value(it.key()), current->value().value(it.key()))) {
                outcome.status = RowOutcome::Status::Conflict;
                outcome.conflict = makeConflict(edit, base, *current);
                return outcome;
            }
        }
    }

    const auto affected = runUpdate(edit, plan);
    if (!affected)
        return failed(affected.error());
    // Qt's QSqlTableModel would take zero rows as success; zero rows is a conflict (edge case 4).
    if (*affected < 1)
        return conflictFor(edit, outcome, base);
    if (plan.readBack && m_policy.isVersioned()) {
        const auto version = readVersion(edit.pk);
        if (!version)
            return failed(version.error());
        plan.newVersion = *version;
    }
    outcome.status = RowOutcome::Status::Saved;
    outcome.version = plan.newVersion;
    if (m_logging)
        log(edit, QStringLiteral("update"), plan.newVersion, ChangeLog::encodeUpdate(base, edit.changes));
    return outcome;
}

Result<std::optional<bool>> VersionedWriter::completeBase(const RowEdit &edit, QVariantMap &base)
{
    // Whether every changed column came with its loaded value; if not, the missing ones are
    // read from the row as it is now. No value: the row is gone.
    bool complete = true;
    for (auto it = edit.changes.cbegin(); it != edit.changes.cend() && complete; ++it)
        complete = base.contains(it.key());
    if (complete)
        return std::optional<bool>(true);
    const auto current = readRow(edit.pk);
    if (!current)
        return current.error();
    if (!current->has_value())
        return std::optional<bool>();
    for (auto it = edit.changes.cbegin(); it != edit.changes.cend(); ++it) {
        if (!base.contains(it.key()))
            base.insert(it.key(), current->value().value(it.key()));
    }
    return std::optional<bool>(false);
}

VersionedWriter::UpdatePlan VersionedWriter::planUpdate(const RowEdit &edit, const QVariantMap &base, bool complete) const
{
    using VersionSet = UpdatePlan::VersionSet;
    const bool versioned = m_policy.isVersioned();
    const bool check = isChecking(edit);
    UpdatePlan plan;
    plan.newVersion = edit.version;
    plan.values.reserve(edit.changes.size() + 4);
    for (auto it = edit.changes.cbegin(); it != edit.changes.cend(); ++it)
        plan.values.append(it.value());

    const bool counted = countsForVersion(edit, base);
    if (versioned && m_policy.kind == VersionKind::Trigger) {
        plan.readBack = true; // the trigger wrote it; never add our own +1 (edge case 6)
    } else if (versioned && isIncrementing(edit)) {
        if (check) {
            plan.newVersion = m_policy.nextVersion(edit.version, counted);
            if (edit.version.isNull() || plan.newVersion != edit.version) {
                plan.versionSet = VersionSet::Value;
                plan.values.append(plan.newVersion);
            }
        } else if (counted || edit.version.isNull()) {
            // Unchecked saves still move the version past the one in the database,
            // so whoever holds an older version conflicts.
            if (m_policy.kind == VersionKind::Timestamp) {
                plan.versionSet = VersionSet::TimestampIncrement;
                const qint64 stamp = currentTimestampVersion();
                plan.values << stamp << stamp;
            } else {
                plan.versionSet = VersionSet::Increment;
            }
            plan.readBack = true;
        } else {
            plan.readBack = true;
        }
    } else if (versioned && check && edit.version.isNull()) {
        // Increment off still gives a NULL version a real one, as the bulk path does:
        // NULL must never stay a version (edge case 1).
        plan.newVersion = m_policy.nextVersion(edit.version, true);
        plan.versionSet = VersionSet::Value;
        plan.values.append(plan.newVersion);
    } else if (versioned && !check) {
        plan.readBack = true;
    }

    plan.whereVersion = check && versioned;
    // Belt and braces: the values the edit was made against must still be there, so that
    // an edit by a tool that left the version alone (sqlite3, a script) conflicts too. The
    // servers compared them under the batch's row locks; SQLite, without row locks, in
    // the statement, where values bound as read compare exactly.
    plan.whereValues = plan.whereVersion && complete && !m_dialect.locksRows();
    plan.values.append(edit.pk);
    if (plan.whereVersion) {
        plan.values.append(edit.version);
        if (plan.whereValues) {
            for (auto it = edit.changes.cbegin(); it != edit.changes.cend(); ++it)
                plan.values.append(base.value(it.key()));
        }
    }
    return plan;
}

SqlStatement *VersionedWriter::updateStatement(const RowEdit &edit, const UpdatePlan &plan, DbError *error)
{
    // A batch's rows mostly share one statement: reuse the last one when its shape
    // matches rather than spelling (and hashing) the same SQL again for every row.
    if (m_lastUpdate.query && m_lastUpdate.shape == plan.shape() && sameKeys(edit.changes, m_lastUpdate.columns))
        return m_lastUpdate.query;
    QStringList sets;
    for (auto it = edit.changes.cbegin(); it != edit.changes.cend(); ++it)
        sets.append(m_dialect.quoteField(it.key()) + QLatin1String(" = ?"));
    const QString next = QStringLiteral("COALESCE(%1, 0) + 1").arg(m_version);
    switch (plan.versionSet) {
    case UpdatePlan::VersionSet::None:
        break;
    case UpdatePlan::VersionSet::Value:
        sets.append(m_version + QLatin1String(" = ?"));
        break;
    case UpdatePlan::VersionSet::Increment:
        sets.append(QStringLiteral("%1 = %2").arg(m_version, next));
        break;
    case UpdatePlan::VersionSet::TimestampIncrement:
        sets.append(QStringLiteral("%1 = CASE WHEN %2 > ? THEN %2 ELSE ? END").arg(m_version, next));
        break;
    }
    QString where = m_pk + QLatin1String(" = ?");
    if (plan.whereVersion)
        where += QLatin1String(" AND ") + m_dialect.nullSafeEquals(m_version, QStringLiteral("?"));
    if (plan.whereValues) {
        for (auto it = edit.changes.cbegin(); it != edit.changes.cend(); ++it)
            where += QLatin1String(" AND ") + m_dialect.nullSafeEquals(m_dialect.quoteField(it.key()), QStringLiteral("?"));
    }
    const QString sql = QStringLiteral("UPDATE %1 SET %2 WHERE %3").arg(m_table, sets.join(QStringLiteral(", ")), where);
    SqlStatement *query = statement(sql, error, tr("Could not save"));
    if (query)
        m_lastUpdate = {plan.shape(), edit.changes.keys(), query, sql, nullptr};
    return query;
}

Result<int> VersionedWriter::runUpdate(const RowEdit &edit, const UpdatePlan &plan)
{
    DbError error;
    SqlStatement *query = updateStatement(edit, plan, &error);
    if (!query)
        return error;
    // On SQLite during a batch, the same statement runs on the connection's handle when
    // every value binds there as Qt's driver would bind it.
    SqliteStatement *native = nullptr;
    if (m_nativeHandle && std::all_of(plan.values.cbegin(), plan.values.cend(), &SqliteStatement::canBind)) {
        native = m_lastUpdate.native;
        if (!native)
            native = m_lastUpdate.native = nativeStatement(m_lastUpdate.sql, &error);
    }
    if (native) {
        for (qsizetype i = 0; i < plan.values.size(); ++i)
            native->bind(int(i) + 1, plan.values.at(i));
        if (!native->run(&error)) {
            error.message = tr("Could not save %1 %2: %3").arg(m_schema.name(), keyText(edit.pk), error.serverMessage);
            return error;
        }
        return native->changes();
    }
    for (const QVariant &value : plan.values)
        query->addBindValue(value);
    if (!query->exec())
        return query->error(tr("Could not save %1 %2").arg(m_schema.name(), keyText(edit.pk)));
    return query->numRowsAffected();
}

RowOutcome VersionedWriter::insert(const RowEdit &edit, RowOutcome outcome)
{
    QStringList columns;
    QStringList marks;
    QVariantList values;
    for (auto it = edit.changes.cbegin(); it != edit.changes.cend(); ++it) {
        columns.append(m_dialect.quoteField(it.key()));
        marks.append(QStringLiteral("?"));
        values.append(it.value());
    }
    QVariant version;
    if (m_policy.isVersioned()) {
        version = m_policy.initialVersion();
        columns.append(m_version);
        marks.append(QStringLiteral("?"));
        values.append(version);
    }
    // Without RETURNING (see SqlDialect::insertReturnsKey()), the key comes from lastInsertId().
    const bool returning = m_dialect.insertReturnsKey();
    QString sql = columns.isEmpty()
            ? (returning ? QStringLiteral("INSERT INTO %1 DEFAULT VALUES") : QStringLiteral("INSERT INTO %1 () VALUES ()")).arg(m_table)
            : QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                      .arg(m_table, columns.join(QStringLiteral(", ")), marks.join(QLatin1Char(',')));
    if (returning)
        sql += QLatin1String(" RETURNING ") + m_pk;
    DbError error;
    SqlStatement *query = statement(sql, &error, tr("Could not insert"));
    if (!query) {
        outcome.status = RowOutcome::Status::Error;
        outcome.error = error;
        return outcome;
    }
    for (const QVariant &value : std::as_const(values))
        query->addBindValue(value);
    if (!query->exec()) {
        outcome.status = RowOutcome::Status::Error;
        outcome.error = query->error(tr("Could not insert into %1").arg(m_schema.name()));
        return outcome;
    }
    if (returning && query->next())
        outcome.pk = query->value(0);
    else if (edit.changes.contains(m_schema.primaryKey()) && !edit.changes.value(m_schema.primaryKey()).isNull())
        outcome.pk = edit.changes.value(m_schema.primaryKey());
    else
        outcome.pk = query->lastInsertId();
    query->finish();
    outcome.status = RowOutcome::Status::Saved;
    outcome.version = version;
    RowEdit logged = edit;
    logged.pk = outcome.pk;
    log(logged, QStringLiteral("insert"), version, {}, edit.changes);
    return outcome;
}

RowOutcome VersionedWriter::remove(const RowEdit &edit, RowOutcome outcome)
{
    const bool check = isChecking(edit);
    // Without a version, every loaded value is the check (see readRowLocked()).
    const bool compareHere = check && !m_policy.isVersioned();
    const auto current = compareHere ? readRowLocked(edit.pk) : readRow(edit.pk);
    if (!current) {
        outcome.status = RowOutcome::Status::Error;
        outcome.error = current.error();
        return outcome;
    }
    if (!current->has_value()) // already gone: reported as such, not as an error
        return conflictFor(edit, outcome, edit.base);
    if (compareHere) {
        const QVariantMap &row = current->value();
        for (auto it = edit.base.cbegin(); it != edit.base.cend(); ++it) {
            if (row.contains(it.key()) && !JsonValue::sameValue(it.value(), row.value(it.key()))) {
                outcome.status = RowOutcome::Status::Conflict;
                outcome.conflict = makeConflict(edit, edit.base, *current);
                return outcome;
            }
        }
    }

    QString where = m_pk + QLatin1String(" = ?");
    QVariantList values{edit.pk};
    if (check && m_policy.isVersioned()) {
        where += QLatin1String(" AND ") + m_dialect.nullSafeEquals(m_version, QStringLiteral("?"));
        values.append(edit.version);
    }
    DbError error;
    SqlStatement *query = statement(QStringLiteral("DELETE FROM %1 WHERE %2").arg(m_table, where), &error,
                                 tr("Could not delete"));
    if (!query) {
        outcome.status = RowOutcome::Status::Error;
        outcome.error = error;
        return outcome;
    }
    for (const QVariant &value : std::as_const(values))
        query->addBindValue(value);
    if (!query->exec()) {
        outcome.status = RowOutcome::Status::Error;
        outcome.error = query->error(tr("Could not delete %1 %2").arg(m_schema.name(), keyText(edit.pk)));
        return outcome;
    }
    if (query->numRowsAffected() < 1)
        return conflictFor(edit, outcome, edit.base);
    outcome.status = RowOutcome::Status::Saved;
    log(edit, QStringLiteral("delete"), QVariant(), current->value(), {});
    return outcome;
}

bool VersionedWriter::canBulk(const RowEdit &edit) const
{
    if (edit.op != RowEdit::Op::Update || !m_bulk)
        return false;
    if (!m_policy.isVersioned() || m_policy.kind == VersionKind::Trigger || !isChecking(edit))
        return false;
    for (auto it = edit.changes.cbegin(); it != edit.changes.cend(); ++it) {
        if (!edit.base.contains(it.key()))
            return false;
    }
    return true;
}

int VersionedWriter::bulkChunkSize(int columnCount) const
{
    const int perRow = 3 + columnCount;
    // Below the bind-parameter limit (edge case 12), and small enough for steady progress.
    const int parameters = m_dialect.maxBindParameters() - 1;
    return std::max(1, std::min(2000, parameters / perRow));
}

QList<RowOutcome> VersionedWriter::writeBulk(const QList<const RowEdit *> &edits, DbError *error,
                                             const QHash<QString, QVariantMap> *locked)
{
    if (edits.isEmpty())
        return {};
    // Every row of the chunk: (pk, loaded version, new version, value…), as one column of
    // values each, named column1, column2, … by every dialect.
    const QStringList columns = edits.first()->changes.keys();
    QStringList allColumns{m_schema.primaryKey(), m_policy.column, m_policy.column};
    allColumns += columns;
    QList<QVariant> newVersions;
    newVersions.reserve(edits.size());
    for (const RowEdit *edit : edits) {
        newVersions.append(isIncrementing(*edit)
                ? m_policy.nextVersion(edit->version, countsForVersion(*edit, edit->base))
                : (edit->version.isNull() ? m_policy.nextVersion(edit->version, true) : edit->version));
    }
    if (!m_dialect.bulkUpdateReturnsKeys())
        return writeBulkCounted(edits, columns, allColumns, newVersions, locked, error);
    const std::optional<QStringList> arrays = columnArrays(edits, allColumns, newVersions);

    SqlStatement *query = statement(bulkUpdateSql(columns, allColumns, edits.size(), arrays.has_value()), error,
                                 tr("Could not save"));
    if (!query)
        return {};
    if (arrays) {
        for (const QString &array : *arrays)
            query->addBindValue(array);
    } else {
        for (qsizetype i = 0; i < edits.size(); ++i)
            bindBulkRow(*query, *edits.at(i), newVersions.at(i), columns, false);
    }
    if (!query->exec()) {
        *error = query->error(tr("Could not save"));
        return {};
    }
    QList<QVariant> returned;
    returned.reserve(edits.size());
    while (query->next())
        returned.append(query->value(0));
    query->finish();
    return bulkOutcomes(edits, returned, newVersions, error);
}

QList<RowOutcome> VersionedWriter::writeBulkCounted(const QList<const RowEdit *> &edits, const QStringList &columns,
                                                   const QStringList &allColumns, const QList<QVariant> &newVersions,
                                                   const QHash<QString, QVariantMap> *locked, DbError *error)
{
    // Without RETURNING the statement cannot say which rows it wrote; the lock read already
    // did: a locked row at its loaded version cannot change before the commit, so those
    // rows go in the statement and every other row of the chunk is a conflict.
    QList<qsizetype> sent;
    sent.reserve(edits.size());
    for (qsizetype i = 0; i < edits.size(); ++i) {
        const RowEdit &edit = *edits.at(i);
        const auto row = locked ? locked->constFind(keyText(edit.pk)) : QHash<QString, QVariantMap>::const_iterator();
        if (!locked || (row != locked->cend() && JsonValue::sameValue(row->value(m_policy.column), edit.version)))
            sent.append(i);
    }
    QList<QVariant> written;
    if (!sent.isEmpty()) {
        // The count is checked after the statement has run: a savepoint lets a count that
        // disagrees take the statement back, so the caller can redo the chunk row by row.
        const QString doing = tr("Could not save");
        if (auto set = exec(QStringLiteral("SAVEPOINT concord_bulk"), doing); !set) {
            *error = set.error();
            return {};
        }
        SqlStatement *query = statement(bulkUpdateSql(columns, allColumns, sent.size(), false), error, doing);
        if (!query)
            return {};
        // Keys as integers (bulkUpdateFits()): a key that came as text would make the
        // rows' key column text, and the join could leave the key's index.
        for (qsizetype i : std::as_const(sent))
            bindBulkRow(*query, *edits.at(i), newVersions.at(i), columns, true);
        if (!query->exec()) {
            // MariaDB undid the statement itself (or, on a deadlock, the whole transaction).
            *error = query->error(doing);
            return {};
        }
        // Matched rows, not changed ones: Concord connects with CLIENT_FOUND_ROWS, so a row
        // whose values and version stay as they were (a conditional save of equal values)
        // counts. A connection without it counts such rows out, and the chunk goes row by row.
        const int affected = query->numRowsAffected();
        query->finish();
        if (affected != sent.size()) {
            exec(QStringLiteral("ROLLBACK TO SAVEPOINT concord_bulk"), doing);
            error->code = DbError::Code::Database;
            error->message = tr("Could not save %1 in bulk: the statement matched %2 of the %3 rows it was sent.")
                                     .arg(m_schema.name()).arg(affected).arg(sent.size());
            return {};
        }
        if (auto released = exec(QStringLiteral("RELEASE SAVEPOINT concord_bulk"), doing); !released) {
            *error = released.error();
            return {};
        }
        written.reserve(sent.size());
        for (qsizetype i : std::as_const(sent))
            written.append(edits.at(i)->pk);
    }
    return bulkOutcomes(edits, written, newVersions, error);
}

std::optional<QStringList> VersionedWriter::columnArrays(const QList<const RowEdit *> &edits,
                                                         const QStringList &allColumns,
                                                         const QList<QVariant> &newVersions) const
{
    // PostgreSQL: Qt's QPSQL sends the values as one EXECUTE with a literal per parameter,
    // which the server coerces one by one (~30 us a row). One array per column, unnested
    // into rows, carries the same values in a few literals and is several times faster.
    // Chunks with a value that has no plain array form keep the VALUES statement.
    if (!m_dialect.bindsColumnArrays())
        return std::nullopt;
    for (const QString &column : allColumns) {
        if (!hasPlainArrayType(m_schema.info(column)))
            return std::nullopt;
    }
    QStringList arrays(allColumns.size(), QStringLiteral("{"));
    const qsizetype changed = allColumns.size() - 3;
    for (qsizetype i = 0; i < edits.size(); ++i) {
        const RowEdit &edit = *edits.at(i);
        bool plain = m_dialect.appendArrayValue(arrays[0], edit.pk) && m_dialect.appendArrayValue(arrays[1], edit.version)
                && m_dialect.appendArrayValue(arrays[2], newVersions.at(i));
        for (qsizetype c = 0; c < changed && plain; ++c)
            plain = m_dialect.appendArrayValue(arrays[c + 3], edit.changes.value(allColumns.at(c + 3)));
        if (!plain)
            return std::nullopt;
    }
    for (QString &array : arrays)
        array += QLatin1Char('}');
    return arrays;
}

void VersionedWriter::bindBulkRow(SqlStatement &query, const RowEdit &edit, const QVariant &newVersion,
                                  const QStringList &columns, bool integerKey)
{
    // One row of a bulk statement: (key, loaded version, new version, value…).
    bool integer = false;
    const qint64 key = integerKey ? edit.pk.toLongLong(&integer) : 0;
    query.addBindValue(integer ? QVariant(key) : edit.pk);
    query.addBindValue(edit.version);
    query.addBindValue(newVersion);
    for (const QString &column : columns)
        query.addBindValue(edit.changes.value(column));
}

QString VersionedWriter::bulkUpdateSql(const QStringList &columns, const QStringList &allColumns, qsizetype rowCount,
                                       bool fromArrays) const
{
    // The rows of values go by a name the table does not have: a table called "v" (or
    // anything else) must not collide with them.
    const QString rows = m_schema.name().compare(QLatin1String("concord_rows"), Qt::CaseInsensitive) == 0
            ? QStringLiteral("concord_values") : QStringLiteral("concord_rows");
    QList<std::pair<QString, QString>> sets{{m_version, rows + QLatin1String(".column3")}};
    for (int i = 0; i < columns.size(); ++i)
        sets.append({m_dialect.quoteField(columns.at(i)), QStringLiteral("%1.column%2").arg(rows).arg(i + 4)});
    const QString where = QStringLiteral("%1.%2 = %3.column1 AND %4")
            .arg(m_table, m_pk, rows, m_dialect.nullSafeEquals(m_table + QLatin1Char('.') + m_version, rows + QStringLiteral(".column2")));

    QStringList types;
    QStringList names;
    QStringList firstMarks;
    for (qsizetype c = 0; c < allColumns.size(); ++c) {
        const ColumnInfo &info = m_schema.info(allColumns.at(c));
        types.append(info.sqlType.isEmpty() ? m_dialect.textType() : info.sqlType);
        names.append(QStringLiteral("column%1").arg(c + 1));
        firstMarks.append(m_dialect.typedPlaceholder(info));
    }
    const QString source = fromArrays ? m_dialect.arrayRowsSource(types, names, rows)
                                      : m_dialect.valuesRowsSource(firstMarks, names, rowCount, rows);
    return m_dialect.bulkUpdateSql(m_table, sets, source, where, m_table + QLatin1Char('.') + m_pk);
}

QList<RowOutcome> VersionedWriter::bulkOutcomes(const QList<const RowEdit *> &edits, const QList<QVariant> &returned,
                                                const QList<QVariant> &newVersions, DbError *error)
{
    // The keys are distinct: when every one came back, no row needs looking up. The others
    // did not match their version: conflicts, against the row as it is now (or gone).
    const bool allSaved = returned.size() == edits.size();
    QSet<QString> saved;
    QList<QVariant> missing;
    if (!allSaved) {
        for (const QVariant &key : returned)
            saved.insert(keyText(key));
        for (const RowEdit *edit : edits) {
            if (!saved.contains(keyText(edit->pk)))
                missing.append(edit->pk);
        }
    }
    QHash<QString, QVariantMap> current;
    if (!missing.isEmpty()) {
        auto rows = readRows(missing);
        if (!rows) {
            *error = rows.error();
            return {};
        }
        current = std::move(rows.value());
    }

    const QString update = QStringLiteral("update");
    QList<RowOutcome> outcomes;
    outcomes.reserve(edits.size());
    for (qsizetype i = 0; i < edits.size(); ++i) {
        const RowEdit &edit = *edits.at(i);
        RowOutcome outcome;
        outcome.op = edit.op;
        outcome.table = m_schema.name();
        outcome.pk = edit.pk;
        outcome.tag = edit.tag;
        if (allSaved || saved.contains(keyText(edit.pk))) {
            outcome.status = RowOutcome::Status::Saved;
            outcome.version = newVersions.at(i);
            if (m_logging)
                log(edit, update, outcome.version, ChangeLog::encodeUpdate(edit.base, edit.changes));
        } else {
            const auto it = current.constFind(keyText(edit.pk));
            outcome.status = RowOutcome::Status::Conflict;
            outcome.conflict = makeConflict(edit, edit.base, it != current.constEnd() ? std::optional<QVariantMap>(it.value())
                                                                                       : std::nullopt);
        }
        outcomes.append(std::move(outcome));
    }
    return outcomes;
}

} // namespace Concord
