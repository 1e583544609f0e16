#include "batchsubmitter.h"

#include "batchtransaction.h"
#include "changelog.h"
#include "jsonvalue.h"
#include "lockwait.h"
#include "outcometext.h"
#include "session.h"
#include "sqldialect.h"
#include "transactionguard.h"
#include "versionedwriter.h"
#include "versionregistry.h"

#include <QCoreApplication>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <map>
#include <optional>

namespace Concord {

namespace {

const QString rowSavepoint = QStringLiteral("concord_row");

DbError deadlocksError()
{
    DbError error;
    error.code = DbError::Code::Database;
    error.message = QCoreApplication::translate("BatchSubmitter", "Nothing was saved: this save kept deadlocking with another writer's. "
                                   "Your edits are kept; save again in a moment.");
    return error;
}

DbError databaseBusyError(const DbError &cause)
{
    DbError error = cause;
    error.message = QCoreApplication::translate("BatchSubmitter", "Nothing was saved: another writer kept the database busy for longer than the "
                                   "lock timeout. Your edits are kept; save again in a moment.");
    return error;
}

} // namespace

BatchSubmitter::BatchSubmitter(QSqlDatabase db)
    : BatchSubmitter(Session::of(db))
{
}

BatchSubmitter::BatchSubmitter(std::shared_ptr<Session> session)
    : m_session(std::move(session))
    , m_db(m_session->database())
    , m_lockTimeoutMs(LockWait::defaultTimeoutMs)
{
}

BatchSubmitter::~BatchSubmitter() = default;

bool BatchSubmitter::isValid() const
{
    return m_session->isValid();
}

const SqlDialect &BatchSubmitter::dialect() const
{
    return m_session->dialect();
}

VersionRegistry &BatchSubmitter::registry() const
{
    return m_session->registry();
}

Result<void> BatchSubmitter::ensureConnected()
{
    return m_session->ensureConnected();
}

Result<VersionedWriter *> BatchSubmitter::writer(const QString &table)
{
    return m_session->writer(table);
}

/// One submit's edits, checked, and what each attempt at writing them needs.
struct BatchSubmitter::Batch
{
    QList<RowEdit> normal;
    QList<VersionedWriter *> writers;
    SubmitOptions options;
    LockWait wait;
    bool last = false;            ///< the last attempt: a deadlock now makes its row busy
    QSet<qsizetype> excluded;     ///< rows given up after deadlocks that ended the transaction
    qsizetype startOverRow = -1;  ///< with StartOverWithout: the row to give up
};

/// One attempt at writing a batch, in named steps sharing its state: lock the rows that
/// exist and find those changed by someone else, write the others (in bulk chunks where
/// the writer can), then log and commit.
class BatchSubmitter::Attempt
{
public:
    Attempt(BatchSubmitter &submitter, Batch &batch, SubmitResult &result);
    ~Attempt();
    AttemptEnd run();

private:
    using LockFailure = SqlDialect::LockFailure;
    enum class Step { Ok, RowFailed, End };

    void resetRows();
    void beginWriters();
    std::optional<AttemptEnd> lockRows();
    std::optional<AttemptEnd> fillBases();
    QStringList editedColumns(const QList<qsizetype> &rows) const;
    std::optional<AttemptEnd> lockTable(VersionedWriter *writer, const QList<qsizetype> &rows);
    std::optional<AttemptEnd> refuseChanged(VersionedWriter *writer, const QList<qsizetype> &changed);
    std::optional<AttemptEnd> writeRows();
    std::optional<AttemptEnd> writeChunk(qsizetype first, qsizetype end);
    std::optional<AttemptEnd> writeAlone(qsizetype i);
    Step writeOne(qsizetype i);
    std::optional<AttemptEnd> afterFailure(qsizetype i);
    AttemptEnd logAndCommit();

    qsizetype chunkEnd(qsizetype first) const;
    bool isDecided(qsizetype i) const;
    static bool failed(const RowOutcome &outcome);
    DbError abortMessage(qsizetype i) const;
    static AttemptEnd ended(BatchTransaction::End end);
    AttemptEnd stop(qsizetype i) { return ended(m_transaction.stop(abortMessage(i))); }

    BatchSubmitter &m_submitter;
    Batch &m_batch;
    SubmitResult &m_result;
    const SqlDialect &m_dialect;
    // This attempt's own copy (shared until written): values read under its locks fill in
    // what an edit did not bring, and a later attempt must read them again.
    QList<RowEdit> m_normal;
    const QList<VersionedWriter *> &m_writers;
    QList<VersionedWriter *> m_used;   // the table writers this batch uses, each once
    // What the lock read found, per table: where a bulk UPDATE cannot say which rows it
    // wrote, the versions read under the lock say beforehand which rows will match.
    std::map<const VersionedWriter *, QHash<QString, QVariantMap>> m_locked;
    BatchTransaction m_transaction;
    const bool m_abortAll;
    // SQLite and MariaDB undo a failed statement by themselves and keep the transaction;
    // only PostgreSQL poisons the whole transaction, so only there does a row need a
    // savepoint (a round trip each way).
    const bool m_needsSavepoints;
    AttemptEnd m_ending = AttemptEnd::Finished;   // how a Step::End ends the attempt
};

SubmitResult BatchSubmitter::submit(const QList<RowEdit> &edits, const SubmitOptions &options)
{
    SubmitResult result;
    result.rows.resize(edits.size());
    if (edits.isEmpty()) {
        result.committed = true;
        return result;
    }
    // A server that went away since the last save (restart, idle timeout) is reconnected
    // once here, so saving again after a lost connection just works.
    if (auto connected = ensureConnected(); !connected) {
        result.error = connected.error();
        return result;
    }
    Batch batch{{}, {}, options, LockWait(m_lockTimeoutMs)};
    if (!prepare(edits, batch, result) || !prepareLog(batch, result))
        return result;

    // A deadlock or serialization failure undid (part of) the transaction: after a short
    // pause the whole batch goes again, against the rows as they are then. Where the
    // database ends the whole transaction on a deadlock (InnoDB), the last attempts give
    // up the row that kept deadlocking and save the others.
    constexpr int withoutLimit = 3;
    for (int attemptNo = 1;; ++attemptNo) {
        batch.last = attemptNo >= LockWait::maxAttempts;
        const AttemptEnd end = Attempt(*this, batch, result).run();
        if (end == AttemptEnd::Finished)
            return result;
        if (end == AttemptEnd::StartOverWithout) {
            batch.excluded.insert(batch.startOverRow);
            if (attemptNo >= LockWait::maxAttempts + withoutLimit) {
                result.allBusy(RowOutcome::BusyReason::Deadlocks, m_lockTimeoutMs, deadlocksError());
                return result;
            }
        }
        LockWait::backoff(attemptNo + 1);
    }
}

bool BatchSubmitter::prepare(const QList<RowEdit> &edits, Batch &batch, SubmitResult &result)
{
    // Everything is checked before anything is written.
    batch.normal.reserve(edits.size());
    batch.writers.reserve(edits.size());
    for (qsizetype i = 0; i < edits.size(); ++i) {
        const RowEdit &edit = edits.at(i);
        RowOutcome &row = result.rows[i];
        row.op = edit.op;
        row.table = edit.table;
        row.pk = edit.pk;
        row.tag = edit.tag;
        auto found = writer(edit.table);
        Result<RowEdit> checked = found ? (*found)->normalize(edit) : Result<RowEdit>(found.error());
        if (!checked) {
            result.error = checked.error();
            result.error.message = QCoreApplication::translate("BatchSubmitter", "Edit %1: %2").arg(i + 1).arg(checked.error().message);
            return false;
        }
        row.table = checked->table;
        batch.normal.append(std::move(*checked));
        batch.writers.append(*found);
    }
    return true;
}

bool BatchSubmitter::prepareLog(const Batch &batch, SubmitResult &result)
{
    // The log table is DDL: outside the transaction. Where the connection itself waits for
    // other writers (SQLite), it waits no longer than the lock timeout here either.
    for (const QString &sql : dialect().connectionLockTimeoutSql(m_lockTimeoutMs))
        QSqlQuery(m_db).exec(sql);
    const bool logging = batch.options.changeLog
            && std::any_of(batch.writers.cbegin(), batch.writers.cend(),
                           [](const VersionedWriter *writer) { return writer->policy().logChanges; });
    if (!logging)
        return true;
    auto made = ChangeLog::ensureTable(m_db, dialect());
    if (made)
        return true;
    if (dialect().lockFailure(made.error()) == SqlDialect::LockFailure::LockTimeout)
        result.allBusy(RowOutcome::BusyReason::DatabaseHeld, m_lockTimeoutMs, databaseBusyError(made.error()));
    else
        result.error = made.error();
    return false;
}

BatchSubmitter::Attempt::Attempt(BatchSubmitter &submitter, Batch &batch, SubmitResult &result)
    : m_submitter(submitter)
    , m_batch(batch)
    , m_result(result)
    , m_dialect(submitter.dialect())
    , m_normal(batch.normal)
    , m_writers(batch.writers)
    , m_transaction(*submitter.m_session, batch.wait, result, batch.last,
                    {databaseBusyError({}).message, deadlocksError().message})
    , m_abortAll(batch.options.policy == SubmitPolicy::AbortAll)
    , m_needsSavepoints(submitter.dialect().statementErrorAbortsTransaction())
{
}

BatchSubmitter::Attempt::~Attempt()
{
    // Whichever way the attempt ended, the writers let go of their batch statements.
    for (VersionedWriter *writer : std::as_const(m_used))
        writer->endBatch();
}

BatchSubmitter::AttemptEnd BatchSubmitter::Attempt::run()
{
    resetRows();
    beginWriters();
    if (!m_transaction.begin())
        return AttemptEnd::Finished;
    if (auto end = lockRows())
        return *end;
    if (auto end = writeRows())
        return *end;
    return logAndCommit();
}

void BatchSubmitter::Attempt::resetRows()
{
    // Every attempt starts from nothing: what an undone attempt found is not reported.
    for (qsizetype i = 0; i < m_normal.size(); ++i) {
        RowOutcome row;
        row.op = m_normal.at(i).op;
        row.table = m_normal.at(i).table;
        row.pk = m_normal.at(i).pk;
        row.tag = m_normal.at(i).tag;
        if (m_batch.excluded.contains(i))
            row.setBusy(RowOutcome::BusyReason::Deadlocks, m_batch.wait.timeoutMs());
        m_result.rows[i] = std::move(row);
    }
    m_result.committed = false;
    m_result.error = DbError();
}

void BatchSubmitter::Attempt::beginWriters()
{
    for (VersionedWriter *writer : m_writers) {
        if (!m_used.contains(writer))
            m_used.append(writer);
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const SubmitOptions &options = m_batch.options;
    for (VersionedWriter *writer : std::as_const(m_used)) {
        writer->takeLogEntries();
        writer->setUser(options.user.isEmpty() ? ChangeLog::currentUser() : options.user);
        writer->beginBatch(now, std::count(m_writers.cbegin(), m_writers.cend(), writer), options.changeLog);
    }
}

std::optional<BatchSubmitter::AttemptEnd> BatchSubmitter::Attempt::lockRows()
{
    // The rows that exist are locked table by table (in name order), each in key order, so
    // two batches never wait for each other in a circle. SQLite's BEGIN IMMEDIATE already
    // holds everything (and compares the loaded values in its UPDATE instead).
    if (!m_dialect.locksRows())
        return fillBases();
    std::map<QString, QList<qsizetype>> byTable;
    for (qsizetype i = 0; i < m_normal.size(); ++i) {
        if (m_normal.at(i).op != RowEdit::Op::Insert && !m_batch.excluded.contains(i))
            byTable[m_normal.at(i).table].append(i);
    }
    for (const auto &[table, rows] : byTable) {
        if (auto end = lockTable(m_writers.at(rows.first()), rows))
            return end;
    }
    // What is left of the budget bounds any wait the writes themselves meet.
    if (!byTable.empty()) {
        if (auto tightened = m_batch.wait.tighten(m_submitter.m_db, m_dialect); !tightened)
            return ended(m_transaction.fail(tightened.error()));
    }
    return std::nullopt;
}

QStringList BatchSubmitter::Attempt::editedColumns(const QList<qsizetype> &rows) const
{
    // Every column the edits of @p rows change, each once.
    QStringList columns;
    for (qsizetype i : rows) {
        for (auto it = m_normal.at(i).changes.cbegin(); it != m_normal.at(i).changes.cend(); ++it) {
            if (!columns.contains(it.key()))
                columns.append(it.key());
        }
    }
    return columns;
}

std::optional<BatchSubmitter::AttemptEnd> BatchSubmitter::Attempt::fillBases()
{
    // Where the transaction already holds every row (SQLite), the values an edit did not
    // bring (a CLI edit) are read a chunk at a time here rather than a row at a time by the
    // writer: they cannot change before the write, and the log needs them.
    std::map<VersionedWriter *, QList<qsizetype>> incomplete;
    for (qsizetype i = 0; i < m_normal.size(); ++i) {
        const RowEdit &edit = m_normal.at(i);
        if (edit.op != RowEdit::Op::Update || m_batch.excluded.contains(i))
            continue;
        for (auto it = edit.changes.cbegin(); it != edit.changes.cend(); ++it) {
            if (!edit.base.contains(it.key())) {
                incomplete[m_writers.at(i)].append(i);
                break;
            }
        }
    }
    // A chunk at a time, only the columns the edits change: memory stays small.
    constexpr qsizetype chunk = 1000;
    for (const auto &[writer, rows] : incomplete) {
        for (qsizetype start = 0; start < rows.size(); start += chunk) {
            const QList<qsizetype> part = rows.mid(start, chunk);
            QList<QVariant> keys;
            keys.reserve(part.size());
            for (qsizetype i : part)
                keys.append(m_normal.at(i).pk);
            const auto current = writer->readRows(keys, editedColumns(part));
            if (!current)
                return ended(m_transaction.fail(current.error()));
            for (qsizetype i : part) {
                const auto row = current->constFind(VersionedWriter::keyText(m_normal.at(i).pk));
                if (row == current->cend())
                    continue; // gone: the write finds it deleted
                RowEdit &edit = m_normal[i];
                for (auto it = edit.changes.cbegin(); it != edit.changes.cend(); ++it) {
                    if (!edit.base.contains(it.key()))
                        edit.base.insert(it.key(), row->value(it.key()));
                }
            }
        }
    }
    return std::nullopt;
}

std::optional<BatchSubmitter::AttemptEnd> BatchSubmitter::Attempt::lockTable(VersionedWriter *writer,
                                                                             const QList<qsizetype> &rows)
{
    QList<QVariant> keys;
    keys.reserve(rows.size());
    for (qsizetype i : rows)
        keys.append(m_normal.at(i).pk);
    const auto locked = writer->lockRows(keys, m_batch.wait, editedColumns(rows));
    if (!locked)
        return ended(m_transaction.fail(locked.error()));
    m_locked[writer] = locked->rows;
    QList<qsizetype> changed;
    for (qsizetype i : rows) {
        const QString key = VersionedWriter::keyText(m_normal.at(i).pk);
        if (locked->busy.contains(key)) {
            m_result.rows[i].setBusy(RowOutcome::BusyReason::RowHeld, m_batch.wait.timeoutMs());
            if (m_abortAll)
                return stop(i);
            continue;
        }
        const auto row = locked->rows.constFind(key);
        if (row == locked->rows.cend() || m_normal.at(i).op != RowEdit::Op::Update)
            continue; // gone: the write finds it deleted
        // A value that differs from the one the edit was made against was changed by
        // someone whose tool left the version alone (psql, a script): a conflict like any
        // other. A value the edit did not bring (a CLI edit) is taken from the locked row:
        // it cannot change before the write, and with it the row can go in a bulk statement.
        RowEdit &edit = m_normal[i];
        bool differs = false;
        for (auto it = edit.changes.cbegin(); it != edit.changes.cend(); ++it) {
            const auto loaded = edit.base.constFind(it.key());
            if (loaded == edit.base.cend())
                edit.base.insert(it.key(), row->value(it.key()));
            else if (!JsonValue::sameValue(*loaded, row->value(it.key())))
                differs = true;
        }
        if (differs && writer->isChecking(edit))
            changed.append(i);
    }
    return changed.isEmpty() ? std::nullopt : refuseChanged(writer, changed);
}

std::optional<BatchSubmitter::AttemptEnd> BatchSubmitter::Attempt::refuseChanged(VersionedWriter *writer,
                                                                                 const QList<qsizetype> &changed)
{
    QList<QVariant> keys;
    for (qsizetype i : changed)
        keys.append(m_normal.at(i).pk);
    const auto current = writer->readRows(keys);
    if (!current)
        return ended(m_transaction.fail(current.error()));
    for (qsizetype i : changed) {
        const auto theirs = current->constFind(VersionedWriter::keyText(m_normal.at(i).pk));
        RowOutcome &outcome = m_result.rows[i];
        outcome.status = RowOutcome::Status::Conflict;
        outcome.conflict = writer->makeConflict(m_normal.at(i), m_normal.at(i).base,
                                                theirs == current->cend() ? std::nullopt
                                                                          : std::optional<QVariantMap>(*theirs));
        if (m_abortAll)
            return stop(i);
    }
    return std::nullopt;
}

std::optional<BatchSubmitter::AttemptEnd> BatchSubmitter::Attempt::writeRows()
{
    const int total = int(m_normal.size());
    const auto &progress = m_batch.options.progress;
    qsizetype i = 0;
    while (i < m_normal.size()) {
        qsizetype next = i + 1;
        if (!isDecided(i)) {
            std::optional<AttemptEnd> end;
            if (m_writers.at(i)->canBulk(m_normal.at(i))) {
                next = chunkEnd(i);
                end = writeChunk(i, next);
            } else {
                end = writeAlone(i);
            }
            if (end)
                return end;
        }
        i = next;
        if (progress && !progress(int(i), total)) {
            DbError cancelled;
            cancelled.code = DbError::Code::Cancelled;
            cancelled.message = QCoreApplication::translate("BatchSubmitter", "The save was cancelled; nothing was written.");
            return ended(m_transaction.stop(cancelled));
        }
    }
    return std::nullopt;
}

qsizetype BatchSubmitter::Attempt::chunkEnd(qsizetype first) const
{
    // The following updates of the same table and columns, each key once.
    VersionedWriter *writer = m_writers.at(first);
    const QStringList columns = m_normal.at(first).changes.keys();
    const int limit = writer->bulkChunkSize(int(columns.size()));
    QSet<QString> keys;
    qsizetype j = first;
    while (j < m_normal.size() && j - first < limit && m_writers.at(j) == writer && !isDecided(j)
           && writer->canBulk(m_normal.at(j)) && m_normal.at(j).changes.keys() == columns
           && !keys.contains(VersionedWriter::keyText(m_normal.at(j).pk))) {
        keys.insert(VersionedWriter::keyText(m_normal.at(j).pk));
        ++j;
    }
    return j;
}

std::optional<BatchSubmitter::AttemptEnd> BatchSubmitter::Attempt::writeChunk(qsizetype first, qsizetype end)
{
    QList<const RowEdit *> chunk;
    chunk.reserve(end - first);
    for (qsizetype j = first; j < end; ++j)
        chunk.append(&m_normal.at(j));
    TransactionGuard &transaction = m_transaction.guard();
    if (m_needsSavepoints)
        transaction.savepoint(rowSavepoint);
    DbError error;
    VersionedWriter *writer = m_writers.at(first);
    const auto locked = m_locked.find(writer);
    QList<RowOutcome> outcomes = writer->writeBulk(chunk, &error, locked == m_locked.end() ? nullptr : &locked->second);
    if (error.isError()) {
        // Back to the savepoint first: PostgreSQL refuses even a ping in a failed transaction.
        if (m_needsSavepoints)
            transaction.rollbackToSavepoint(rowSavepoint);
        if (!m_transaction.isConnectionAlive())
            return ended(m_transaction.lost(error, false));
        const LockFailure failure = m_dialect.lockFailure(error);
        if (failure == LockFailure::Deadlock || failure == LockFailure::SerializationFailure) {
            if (!m_batch.last) {
                transaction.rollback();
                return AttemptEnd::StartOver;
            }
            // InnoDB undid the whole transaction: the rows before this chunk are gone too,
            // and writing on would commit each statement by itself. As for a single row,
            // the chunk's first row is given up and the batch goes again without it.
            if (!m_dialect.transactionSurvives(m_submitter.m_db, failure)) {
                transaction.rollback();
                m_batch.startOverRow = first;
                return AttemptEnd::StartOverWithout;
            }
        }
        // One bad row must not sink the others: redo this chunk row by row.
        for (qsizetype k = first; k < end; ++k) {
            if (auto ending = writeAlone(k))
                return ending;
        }
        return std::nullopt;
    }
    if (m_needsSavepoints)
        transaction.releaseSavepoint(rowSavepoint);
    for (qsizetype k = 0; k < outcomes.size(); ++k) {
        const bool refused = failed(outcomes.at(k));
        m_result.rows[first + k] = std::move(outcomes[k]);
        if (m_abortAll && refused)
            return stop(first + k);
    }
    return std::nullopt;
}

std::optional<BatchSubmitter::AttemptEnd> BatchSubmitter::Attempt::writeAlone(qsizetype i)
{
    const Step step = writeOne(i);
    if (step == Step::End)
        return m_ending;
    return step == Step::RowFailed ? afterFailure(i) : std::nullopt;
}

BatchSubmitter::Attempt::Step BatchSubmitter::Attempt::writeOne(qsizetype i)
{
    TransactionGuard &transaction = m_transaction.guard();
    if (m_needsSavepoints) {
        if (auto set = transaction.savepoint(rowSavepoint); !set) {
            m_result.rows[i].status = RowOutcome::Status::Error;
            m_result.rows[i].error = set.error();
            return Step::RowFailed;
        }
    }
    RowOutcome outcome = m_writers.at(i)->write(m_normal.at(i));
    outcome.pk = outcome.pk.isNull() ? m_normal.at(i).pk : outcome.pk;
    const LockFailure failure = outcome.status == RowOutcome::Status::Error
            ? m_dialect.lockFailure(outcome.error) : LockFailure::None;
    if (m_needsSavepoints) {
        if (outcome.status == RowOutcome::Status::Error)
            transaction.rollbackToSavepoint(rowSavepoint);
        else
            transaction.releaseSavepoint(rowSavepoint);
    }
    if (failure != LockFailure::None) {
        const bool survives = m_dialect.transactionSurvives(m_submitter.m_db, failure);
        LockWait &wait = m_batch.wait;
        if (failure == LockFailure::LockTimeout && survives) {
            // It waited out the budget: the rows after it do not wait any more.
            wait.exhaust();
            wait.tighten(m_submitter.m_db, m_dialect);
            outcome.setBusy(RowOutcome::BusyReason::RowHeld, wait.timeoutMs());
        } else if (!m_batch.last) {
            transaction.rollback();
            m_ending = AttemptEnd::StartOver;
            return Step::End;
        } else if (survives) {
            outcome.setBusy(RowOutcome::BusyReason::Deadlocks, wait.timeoutMs());
        } else {
            transaction.rollback();
            m_batch.startOverRow = i;
            m_ending = AttemptEnd::StartOverWithout;
            return Step::End;
        }
    }
    const bool ok = !failed(outcome);
    m_result.rows[i] = std::move(outcome);
    return ok ? Step::Ok : Step::RowFailed;
}

std::optional<BatchSubmitter::AttemptEnd> BatchSubmitter::Attempt::afterFailure(qsizetype i)
{
    // A row that did not save: the server may be gone, or abort-all ends the batch here.
    if (m_result.rows.at(i).status == RowOutcome::Status::Error && !m_transaction.isConnectionAlive())
        return ended(m_transaction.lost(m_result.rows.at(i).error, false));
    if (m_abortAll)
        return stop(i);
    return std::nullopt;
}

BatchSubmitter::AttemptEnd BatchSubmitter::Attempt::logAndCommit()
{
    // The change log goes in the same transaction: it commits with the rows or not at all.
    QList<ChangeLog::Entry> log;
    for (VersionedWriter *writer : std::as_const(m_used)) {
        if (log.isEmpty())
            log = writer->takeLogEntries(); // one table: its entries as they are, not copied
        else
            log += writer->takeLogEntries();
    }
    return ended(m_transaction.commit(log));
}

bool BatchSubmitter::Attempt::isDecided(qsizetype i) const
{
    // Rows the lock phase already decided (busy, or changed by someone else) are not written.
    const RowOutcome::Status status = m_result.rows.at(i).status;
    return status == RowOutcome::Status::Busy || status == RowOutcome::Status::Conflict;
}

bool BatchSubmitter::Attempt::failed(const RowOutcome &outcome)
{
    return outcome.status == RowOutcome::Status::Conflict || outcome.status == RowOutcome::Status::Error
            || outcome.status == RowOutcome::Status::Busy;
}

DbError BatchSubmitter::Attempt::abortMessage(qsizetype i) const
{
    const RowOutcome &row = m_result.rows.at(i);
    const QString what = row.status == RowOutcome::Status::Error || row.status == RowOutcome::Status::Busy
            ? row.error.message
            : OutcomeText::sentence(row);
    DbError error;
    error.code = DbError::Code::Database;
    error.message = QCoreApplication::translate("BatchSubmitter", "The batch was rolled back (abort-all): %1.").arg(what);
    return error;
}

BatchSubmitter::AttemptEnd BatchSubmitter::Attempt::ended(BatchTransaction::End end)
{
    return end == BatchTransaction::End::StartOver ? AttemptEnd::StartOver : AttemptEnd::Finished;
}

} // namespace Concord
