#include "actionrunner.h"

#include "batchtransaction.h"
#include "changelog.h"
#include "concurrencyswitches.h"
#include "jsonvalue.h"
#include "lockwait.h"
#include "rowsnapshot.h"
#include "session.h"
#include "sqldialect.h"
#include "sqlstatement.h"
#include "transactionguard.h"
#include "versionedwriter.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QSqlRecord>

namespace Concord {

namespace {

DbError databaseBusy(const DbError &cause, const AdminAction &action)
{
    DbError error = cause;
    error.message = QCoreApplication::translate("ActionRunner", "The action \"%1\" did not run: another writer kept the database busy for "
                                   "longer than the lock timeout. Try again in a moment.").arg(action.label());
    return error;
}

RowOutcome outcomeFor(const RowRef &ref, RowEdit::Op op, const QString &table)
{
    RowOutcome row;
    row.op = op;
    row.table = table;
    row.pk = ref.pk;
    row.version = ref.version;
    return row;
}

// Puts a chunk's outcomes, rows @p first onwards of the selection, into @p result: in their
// places when every row is listed, else only those not saved, taken out of the count.
void file(const QList<RowOutcome> &rows, qint64 first, bool listed, SubmitResult &result)
{
    for (int i = 0; i < rows.size(); ++i) {
        if (listed) {
            result.rows[first + i] = rows.at(i);
        } else if (rows.at(i).status != RowOutcome::Status::Saved
                   && rows.at(i).status != RowOutcome::Status::NotAttempted) {
            result.rows.append(rows.at(i));
            --result.unlistedCount;
        }
    }
}

} // namespace

ActionRunner::ActionRunner(QSqlDatabase db)
    : ActionRunner(Session::of(db))
{
}

ActionRunner::ActionRunner(std::shared_ptr<Session> session)
    : m_session(std::move(session))
    , m_db(m_session->database())
    , m_lockTimeoutMs(LockWait::defaultTimeoutMs)
{
}

ActionRunner::~ActionRunner() = default;

void ActionRunner::setLockTimeout(int ms)
{
    m_lockTimeoutMs = ms;
}

SubmitResult ActionRunner::run(const QString &table, const QList<RowRef> &selection,
                               const AdminAction &action, const ActionOptions &options)
{
    for (const RowRef &ref : selection) {
        if (ref.pk.isNull()) {
            SubmitResult result;
            result.error = DbError::badInput(QCoreApplication::translate("ActionRunner", "A selected row of \"%1\" has no key.").arg(table));
            return result;
        }
    }
    // A list is in memory already: its rows stay in one chunk, as they always went.
    const auto snapshot = RowSnapshot::fromList(selection, std::max<int>(1, int(selection.size())));
    return run(table, **snapshot, action, options);
}

SubmitResult ActionRunner::run(const QString &table, RowSnapshot &snapshot, const AdminAction &action,
                               const ActionOptions &options)
{
    SubmitResult result;
    // A server that went away since the last save is reconnected once here, as for saves.
    if (snapshot.count() > 0) {
        if (auto connected = m_session->ensureConnected(); !connected) {
            result.error = connected.error();
            return result;
        }
    }
    const auto found = m_session->writer(table);
    if (!found) {
        result.error = found.error();
        return result;
    }
    VersionedWriter *writer = *found;
    const TableSchema &schema = writer->schema();
    if (schema.primaryKey().isEmpty()) {
        result.error = DbError::badInput(QCoreApplication::translate("ActionRunner", "Table \"%1\" has no single-column primary key.").arg(schema.name()));
        return result;
    }
    if (!action.isValid()) {
        result.error = DbError::badInput(QCoreApplication::translate("ActionRunner", "No action was given."));
        return result;
    }
    if (snapshot.count() == 0) {
        result.committed = true;
        return result;
    }
    // Listed, every row is in the result from the start, as it was selected; unlisted,
    // the rows are counted and only those not saved are listed as their chunks are done.
    result.unlistedCount = int(snapshot.count());
    if (options.listSavedRows) {
        const RowEdit::Op op = action.name() == QLatin1String("delete") ? RowEdit::Op::Delete : RowEdit::Op::Update;
        for (const RowRef &ref : snapshot.toList())
            result.rows.append(outcomeFor(ref, op, schema.name()));
        result.unlistedCount = 0;
    }
    const SqlDialect &dialect = m_session->dialect();
    for (const QString &sql : dialect.connectionLockTimeoutSql(m_lockTimeoutMs))
        QSqlQuery(m_db).exec(sql);
    const bool logging = options.changeLog && writer->policy().logChanges;
    if (auto made = logging ? ChangeLog::ensureTable(m_db, dialect) : Result<void>(); !made) {
        if (dialect.lockFailure(made.error()) == SqlDialect::LockFailure::LockTimeout)
            result.allBusy(RowOutcome::BusyReason::DatabaseHeld, m_lockTimeoutMs,
                           databaseBusy(made.error(), action));
        else
            result.error = made.error();
        return result;
    }
    // A deadlock or serialization failure undid the transaction: after a short pause the
    // action goes again, checking the rows as they are then.
    LockWait wait(m_lockTimeoutMs);
    const SubmitResult selected = result;
    for (int attemptNo = 1;; ++attemptNo) {
        result = selected;
        const bool last = attemptNo >= LockWait::maxAttempts;
        if (attempt(*writer, snapshot, action, options, wait, last, result) == AttemptEnd::Finished)
            return result;
        LockWait::backoff(attemptNo + 1);
    }
}

Result<QHash<QString, QVariantMap>> ActionRunner::currentRows(const QString &table, const QList<RowRef> &selection)
{
    const auto found = m_session->writer(table);
    if (!found)
        return found.error();
    QList<QVariant> pks;
    pks.reserve(selection.size());
    for (const RowRef &ref : selection)
        pks.append(ref.pk);
    return (*found)->readRows(pks);
}

ActionRunner::AttemptEnd ActionRunner::attempt(VersionedWriter &writer, RowSnapshot &snapshot,
                                               const AdminAction &action, const ActionOptions &options,
                                               LockWait &wait, bool last, SubmitResult &result)
{
    BatchTransaction transaction(
            *m_session, wait, result, last,
            {databaseBusy({}, action).message,
             QCoreApplication::translate("ActionRunner", "The action \"%1\" did not run: it kept deadlocking with another "
                                                         "writer's save. Try again in a moment.").arg(action.label())});
    if (!transaction.begin())
        return AttemptEnd::Finished;
    const RowEdit::Op op = action.name() == QLatin1String("delete") ? RowEdit::Op::Delete : RowEdit::Op::Update;
    // Chunk after chunk in key order, all in this transaction: each chunk's rows are locked
    // and checked, then written; the locks are held to the end. A refusal found in a later
    // chunk still undoes the earlier ones.
    bool refused = false;
    qint64 done = 0;
    snapshot.rewind();
    for (QList<RowRef> refs = snapshot.nextChunk(); !refs.isEmpty(); refs = snapshot.nextChunk()) {
        QList<RowOutcome> rows;
        rows.reserve(refs.size());
        for (const RowRef &ref : std::as_const(refs))
            rows.append(outcomeFor(ref, op, writer.schema().name()));
        if (const auto end = runChunk(writer, rows, action, options, wait, refused, transaction))
            return *end;
        file(rows, done, options.listSavedRows, result);
        done += refs.size();
        if (options.progress && !options.progress(done, snapshot.count())) {
            DbError cancelled;
            cancelled.code = DbError::Code::Cancelled;
            cancelled.message = QCoreApplication::translate("ActionRunner", "The action \"%1\" was cancelled; nothing was changed.")
                                        .arg(action.label());
            transaction.stop(cancelled);
            return AttemptEnd::Finished;
        }
    }
    if (refused) {
        transaction.guard().rollback();
        for (RowOutcome &row : result.rows) {
            if (row.status == RowOutcome::Status::Saved)
                row.status = RowOutcome::Status::NotAttempted;
        }
        result.error = refusal(action, result);
        return AttemptEnd::Finished;
    }
    // Every row not listed passed its check and was written: saved, once this commits.
    result.unlistedStatus = RowOutcome::Status::Saved;
    return transaction.commit({}) == BatchTransaction::End::StartOver ? AttemptEnd::StartOver : AttemptEnd::Finished;
}

std::optional<ActionRunner::AttemptEnd> ActionRunner::runChunk(VersionedWriter &writer, QList<RowOutcome> &rows,
                                                               const AdminAction &action, const ActionOptions &options,
                                                               LockWait &wait, bool &refused, BatchTransaction &transaction)
{
    const auto ended = [](BatchTransaction::End end) {
        return end == BatchTransaction::End::StartOver ? AttemptEnd::StartOver : AttemptEnd::Finished;
    };
    QList<QVariant> pks;
    pks.reserve(rows.size());
    for (const RowOutcome &row : std::as_const(rows))
        pks.append(row.pk);
    const auto before = writer.lockRows(pks, wait, writer.schema().columns());
    if (!before)
        return ended(transaction.fail(before.error()));
    const QList<QVariant> unchanged = checkRows(writer, *before, action, wait, rows);
    // Refused: the later chunks are still checked, so the report names every changed row.
    refused = refused || (unchanged.size() < rows.size() && !options.skipChanged);
    if (refused || unchanged.isEmpty())
        return std::nullopt;
    // The body sees only the rows that passed the check, in its keys and its values
    // alike: with skipChanged, a body working from the values must not touch a changed row.
    QHash<QString, QVariantMap> checked;
    for (const QVariant &pk : unchanged)
        checked.insert(VersionedWriter::keyText(pk), before->rows.value(VersionedWriter::keyText(pk)));
    ActionContext context{m_db, m_session->dialect(), writer.schema(), writer.policy(), unchanged, checked};
    if (auto ran = action.run(context); !ran) {
        if (m_session->dialect().lockFailure(ran.error()) != SqlDialect::LockFailure::None)
            return ended(transaction.lockFailed(ran.error()));
        return ended(transaction.stop(ran.error()));
    }
    // The rows are locked by this transaction: a plain read sees what the body left.
    const auto after = writer.readRows(unchanged);
    if (!after)
        return ended(transaction.fail(after.error()));
    const auto log = logRows(writer, before->rows, *after, action, options, rows);
    if (!log)
        return ended(transaction.fail(log.error()));
    // Written as each chunk goes, in the transaction: the entries need not wait in memory.
    if (auto written = ChangeLog::write(m_db, m_session->dialect(), *log); !written)
        return ended(transaction.fail(written.error()));
    return std::nullopt;
}

QList<QVariant> ActionRunner::checkRows(const VersionedWriter &writer, const VersionedWriter::LockedRows &locked,
                                        const AdminAction &action, const LockWait &wait, QList<RowOutcome> &rows) const
{
    // Every selected row must still carry the version that was shown.
    const TableSchema &schema = writer.schema();
    const VersionPolicy &policy = writer.policy();
    const bool checking = ConcurrencySwitches::isCheckingEnabled(schema.name());
    QList<QVariant> unchanged;
    for (RowOutcome &row : rows) {
        const QString key = VersionedWriter::keyText(row.pk);
        if (locked.busy.contains(key)) {
            row.setBusy(RowOutcome::BusyReason::RowHeld, wait.timeoutMs());
            continue;
        }
        const auto it = locked.rows.constFind(key);
        const bool gone = it == locked.rows.constEnd();
        const bool moved = !gone && policy.isVersioned() && checking
                && !JsonValue::sameValue(it->value(policy.column), row.version);
        if (!gone && !moved) {
            unchanged.append(row.pk);
            continue;
        }
        Conflict conflict;
        conflict.table = schema.name();
        conflict.versionColumn = policy.column;
        conflict.pk = row.pk;
        conflict.kind = gone ? Conflict::Kind::Deleted : Conflict::Kind::Modified;
        conflict.expectedVersion = row.version;
        conflict.mine = action.values();
        if (!gone) {
            conflict.theirs = it.value();
            conflict.currentVersion = it->value(policy.column);
        }
        row.status = RowOutcome::Status::Conflict;
        row.conflict = conflict;
    }
    return unchanged;
}

DbError ActionRunner::refusal(const AdminAction &action, const SubmitResult &result)
{
    const int changed = result.conflictCount();
    const int busy = result.busyCount();
    const int total = result.total();
    QStringList why;
    if (changed > 0)
        why.append(QCoreApplication::translate("ActionRunner", "%n of the %1 selected rows changed since they were shown",
                                               nullptr, changed).arg(total));
    if (busy > 0)
        why.append(QCoreApplication::translate("ActionRunner", "%n of the %1 selected rows are being saved by someone "
                                                               "else right now", nullptr, busy).arg(total));
    DbError error;
    error.code = DbError::Code::Database;
    error.message = QCoreApplication::translate("ActionRunner", "The action \"%1\" did not run: %2.").arg(action.label(), why.join(QStringLiteral(", and ")));
    return error;
}

Result<QList<ChangeLog::Entry>> ActionRunner::logRows(const VersionedWriter &writer,
                                                      const QHash<QString, QVariantMap> &before,
                                                      const QHash<QString, QVariantMap> &after,
                                                      const AdminAction &action, const ActionOptions &options,
                                                      QList<RowOutcome> &rows)
{
    // Every row the action touched is logged; a custom body that changed a row without
    // bumping its version gets the bump here, so holders of the old version conflict.
    const VersionPolicy &policy = writer.policy();
    const QString table = writer.schema().name();
    const bool bump = !action.managesVersion() && policy.isVersioned() && policy.kind != VersionKind::Trigger
            && ConcurrencySwitches::isIncrementEnabled(table);
    const QString user = options.user.isEmpty() ? ChangeLog::currentUser() : options.user;
    QList<ChangeLog::Entry> entries;
    for (RowOutcome &row : rows) {
        if (row.status == RowOutcome::Status::Conflict || row.status == RowOutcome::Status::Busy)
            continue;
        const QString key = VersionedWriter::keyText(row.pk);
        const QVariantMap old = before.value(key);
        const auto now = after.constFind(key);
        ChangeLog::Entry entry;
        entry.at = QDateTime::currentDateTimeUtc();
        entry.user = user;
        entry.table = table;
        entry.pk = key;
        entry.action = action.name();
        row.status = RowOutcome::Status::Saved;
        if (now == after.constEnd()) {
            row.op = RowEdit::Op::Delete;
            row.version = QVariant();
            entry.changes = ChangeLog::diff(old, {});
        } else {
            QVariantMap values = now.value();
            entry.changes = ChangeLog::diff(old, values);
            if (entry.changes.isEmpty())
                continue; // the action left this row as it was
            if (bump) {
                if (auto bumped = bumpVersion(writer, row.pk, old, values, entry.changes); !bumped)
                    return bumped.error();
                entry.changes = ChangeLog::diff(old, values);
            }
            row.version = policy.isVersioned() ? values.value(policy.column) : QVariant();
        }
        entry.version = row.version;
        if (options.changeLog && policy.logChanges)
            entries.append(entry);
    }
    return entries;
}

Result<void> ActionRunner::bumpVersion(const VersionedWriter &writer, const QVariant &pk, const QVariantMap &old,
                                       QVariantMap &values, const QJsonObject &changes)
{
    // A conditional table bumps only when a counted field changed (or the version is NULL).
    const VersionPolicy &policy = writer.policy();
    bool counted = false;
    for (auto it = changes.constBegin(); it != changes.constEnd() && !counted; ++it)
        counted = policy.fieldCounts(it.key());
    const QVariant next = policy.nextVersion(old.value(policy.column), counted);
    if (!JsonValue::sameValue(old.value(policy.column), values.value(policy.column))
        || JsonValue::sameValue(next, old.value(policy.column)))
        return {}; // the body moved the version itself, or this change does not count
    const SqlDialect &dialect = m_session->dialect();
    QSqlQuery query(m_db);
    const QString sql = QStringLiteral("UPDATE %1 SET %2 = ? WHERE %3 = ?")
                                .arg(dialect.quoteTable(writer.schema().name()), dialect.quoteField(policy.column),
                                     dialect.quoteField(writer.schema().primaryKey()));
    if (!SqlStatement::exec(query, sql, {next, pk}))
        return DbError::fromQuery(query, QCoreApplication::translate("ActionRunner", "Could not bump the version"));
    values.insert(policy.column, next);
    return {};
}

} // namespace Concord
