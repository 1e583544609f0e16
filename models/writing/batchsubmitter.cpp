#include "batchsubmitter.h"

#include "outcometext.h"
#include "session.h"

#include "changelog.h"
#include "jsonvalue.h"
#include "lockwait.h"
#include "sqldialect.h"
#include "transactionguard.h"
#include "versionedwriter.h"
#include "versionregistry.h"

#include <QCoreApplication>
#include <QScopeGuard>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace Concord {

namespace {

const QString rowSavepoint = QStringLiteral("concord_row");

DbError connectionLost(const DbError &cause, bool committing)
{
    DbError error;
    error.code = DbError::Code::Database;
    error.message = committing
            ? QCoreApplication::translate("BatchSubmitter", "The connection to the database was lost while committing; your edits are kept, "
                             "and if the save did reach the database, saving again reports them as conflicts.")
            : QCoreApplication::translate("BatchSubmitter", "The connection to the database was lost; nothing was saved. "
                             "Your edits are kept: save again to retry.");
    error.serverMessage = cause.serverMessage.isEmpty() ? cause.message : cause.serverMessage;
    error.sql = cause.sql;
    return error;
}

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

bool BatchSubmitter::isConnectionAlive()
{
    if (!m_db.isOpen())
        return false;
    // Drivers do not notice a server that went away until a statement fails, and they
    // report it differently (and in the server's language): a trivial statement that
    // fails too is the one sign every driver gives.
    QSqlQuery ping(m_db);
    return ping.exec(QStringLiteral("SELECT 1"));
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

SubmitResult BatchSubmitter::submit(const QList<RowEdit> &edits, const SubmitOptions &options)
{
    SubmitResult result;
    result.rows.resize(edits.size());

    // 0. A server that went away since the last save (restart, idle timeout) is reconnected
    // once here, so saving again after a lost connection just works.
    if (!edits.isEmpty()) {
        if (auto connected = ensureConnected(); !connected) {
            result.error = connected.error();
            return result;
        }
    }

    // 1. Check everything before writing anything.
    Batch batch{{}, {}, options, LockWait(m_lockTimeoutMs)};
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
        if (!found) {
            result.error = found.error();
            result.error.message = QCoreApplication::translate("BatchSubmitter", "Edit %1: %2").arg(i + 1).arg(found.error().message);
            return result;
        }
        auto checked = (*found)->normalize(edit);
        if (!checked) {
            result.error = checked.error();
            result.error.message = QCoreApplication::translate("BatchSubmitter", "Edit %1: %2").arg(i + 1).arg(checked.error().message);
            return result;
        }
        row.table = checked->table;
        batch.normal.append(std::move(*checked));
        batch.writers.append(*found);
    }
    if (edits.isEmpty()) {
        result.committed = true;
        return result;
    }

    // 2. The log table is DDL: outside the transaction. Where the connection itself waits
    // for other writers (SQLite), it waits no longer than the lock timeout here either.
    for (const QString &sql : dialect().connectionLockTimeoutSql(m_lockTimeoutMs))
        QSqlQuery(m_db).exec(sql);
    if (auto made = ChangeLog::ensureTable(m_db, dialect()); !made) {
        if (dialect().lockFailure(made.error()) == SqlDialect::LockFailure::LockTimeout)
            result.allBusy(RowOutcome::BusyReason::DatabaseHeld, m_lockTimeoutMs, databaseBusyError(made.error()));
        else
            result.error = made.error();
        return result;
    }

    // 3. Attempts: a deadlock or serialization failure undid (part of) the transaction;
    // after a short pause the whole batch goes again, against the rows as they are then.
    // Where the database ends the whole transaction on a deadlock (InnoDB), the last
    // attempts give up the row that kept deadlocking and save the others.
    constexpr int withoutLimit = 3;
    for (int attemptNo = 1;; ++attemptNo) {
        batch.last = attemptNo >= LockWait::maxAttempts;
        const AttemptEnd end = attempt(batch, result);
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

BatchSubmitter::AttemptEnd BatchSubmitter::attempt(Batch &batch, SubmitResult &result)
{
    // This attempt's own copy (shared until written): values read under its locks fill in
    // what an edit did not bring, and a later attempt must read them again.
    QList<RowEdit> normal = batch.normal;
    const QList<VersionedWriter *> &writers = batch.writers;
    const SubmitOptions &options = batch.options;
    LockWait &wait = batch.wait;
    using LockFailure = SqlDialect::LockFailure;

    // Every attempt starts from nothing: what an undone attempt found is not reported.
    for (qsizetype i = 0; i < normal.size(); ++i) {
        RowOutcome row;
        row.op = normal.at(i).op;
        row.table = normal.at(i).table;
        row.pk = normal.at(i).pk;
        row.tag = normal.at(i).tag;
        if (batch.excluded.contains(i))
            row.setBusy(RowOutcome::BusyReason::Deadlocks, wait.timeoutMs());
        result.rows[i] = std::move(row);
    }
    result.committed = false;
    result.error = DbError();

    const QDateTime now = QDateTime::currentDateTimeUtc();
    // The table writers this batch uses, each once (the Session keeps writers for others).
    QList<VersionedWriter *> used;
    for (VersionedWriter *writer : writers) {
        if (!used.contains(writer))
            used.append(writer);
    }
    for (VersionedWriter *writer : std::as_const(used)) {
        writer->takeLogEntries();
        writer->setUser(options.user.isEmpty() ? ChangeLog::currentUser() : options.user);
        writer->beginBatch(now, std::count(writers.cbegin(), writers.cend(), writer));
    }
    // Whichever way this returns, the writers let go of their batch statements.
    const auto endBatch = qScopeGuard([&used] {
        for (VersionedWriter *writer : std::as_const(used))
            writer->endBatch();
    });

    // One transaction for the whole batch; SQLite waits for another writer's here.
    TransactionGuard transaction(m_db, dialect(), wait.remainingMs());
    if (!transaction.isActive()) {
        if (dialect().lockFailure(transaction.error()) == LockFailure::LockTimeout)
            result.allBusy(RowOutcome::BusyReason::DatabaseHeld, wait.timeoutMs(), databaseBusyError(transaction.error()));
        else
            result.error = transaction.error();
        return AttemptEnd::Finished;
    }
    wait.setApplied(wait.remainingMs());
    const bool abortAll = options.policy == SubmitPolicy::AbortAll;
    const bool needsSavepoints = dialect().statementErrorAbortsTransaction();
    const int total = int(normal.size());
    int done = 0;

    const auto stop = [&](DbError error) {
        transaction.rollback();
        result.rollBack(std::move(error));
        return AttemptEnd::Finished;
    };
    // After a connection-level failure nothing of the transaction survives on the server:
    // every row goes back to NotAttempted (still pending) and one error says why.
    const auto lost = [&](const DbError &cause, bool committing) {
        transaction.rollback();
        for (RowOutcome &row : result.rows) {
            row.status = RowOutcome::Status::NotAttempted;
            row.conflict.reset();
            row.error = DbError();
        }
        result.committed = false;
        result.error = connectionLost(cause, committing);
        return AttemptEnd::Finished;
    };
    // A lock failure that no row can be blamed for (while locking, logging, committing):
    // start over, or on the last attempt report every unsaved row busy.
    const auto lockFailed = [&](const DbError &cause) {
        transaction.rollback();
        if (!batch.last)
            return AttemptEnd::StartOver;
        DbError why = deadlocksError();
        why.serverMessage = cause.serverMessage;
        why.nativeCode = cause.nativeCode;
        result.allBusy(RowOutcome::BusyReason::Deadlocks, wait.timeoutMs(), why);
        return AttemptEnd::Finished;
    };
    const auto failedStatus = [](const RowOutcome &outcome) {
        return outcome.status == RowOutcome::Status::Conflict || outcome.status == RowOutcome::Status::Error
                || outcome.status == RowOutcome::Status::Busy;
    };
    const auto abortMessage = [&](qsizetype i) {
        const RowOutcome &row = result.rows.at(i);
        const QString what = row.status == RowOutcome::Status::Error || row.status == RowOutcome::Status::Busy
                ? row.error.message
                : OutcomeText::sentence(row);
        DbError error;
        error.code = DbError::Code::Database;
        error.message = QCoreApplication::translate("BatchSubmitter", "The batch was rolled back (abort-all): %1.").arg(what);
        return error;
    };

    // 1. Lock the rows that exist, table by table (in name order), each in key order,
    // reading the columns the edits change. SQLite's BEGIN IMMEDIATE already holds
    // everything (and compares the loaded values in its UPDATE instead).
    if (dialect().locksRows()) {
        std::map<QString, QList<qsizetype>> byTable;
        for (qsizetype i = 0; i < normal.size(); ++i) {
            if (normal.at(i).op != RowEdit::Op::Insert && !batch.excluded.contains(i))
                byTable[normal.at(i).table].append(i);
        }
        for (const auto &[table, rows] : byTable) {
            VersionedWriter *writer = writers.at(rows.first());
            QList<QVariant> keys;
            keys.reserve(rows.size());
            QStringList columns;
            for (qsizetype i : rows) {
                keys.append(normal.at(i).pk);
                for (auto it = normal.at(i).changes.cbegin(); it != normal.at(i).changes.cend(); ++it) {
                    if (!columns.contains(it.key()))
                        columns.append(it.key());
                }
            }
            const auto locked = writer->lockRows(keys, wait, columns);
            if (!locked) {
                if (dialect().lockFailure(locked.error()) != LockFailure::None)
                    return lockFailed(locked.error());
                return isConnectionAlive() ? stop(locked.error()) : lost(locked.error(), false);
            }
            QList<qsizetype> changed;
            for (qsizetype i : rows) {
                const QString key = VersionedWriter::keyText(normal.at(i).pk);
                if (locked->busy.contains(key)) {
                    result.rows[i].setBusy(RowOutcome::BusyReason::RowHeld, wait.timeoutMs());
                    if (abortAll)
                        return stop(abortMessage(i));
                    continue;
                }
                const auto row = locked->rows.constFind(key);
                if (row == locked->rows.cend() || normal.at(i).op != RowEdit::Op::Update)
                    continue; // gone: the write finds it deleted
                // A value that differs from the one the edit was made against was changed
                // by someone whose tool left the version alone (psql, a script): a conflict
                // like any other. A value the edit did not bring (a CLI edit) is taken from
                // the locked row: it cannot change before the write, and with it the row
                // can go in a bulk statement.
                RowEdit &edit = normal[i];
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
            if (!changed.isEmpty()) {
                QList<QVariant> changedKeys;
                for (qsizetype i : std::as_const(changed))
                    changedKeys.append(normal.at(i).pk);
                const auto current = writer->readRows(changedKeys);
                if (!current)
                    return isConnectionAlive() ? stop(current.error()) : lost(current.error(), false);
                for (qsizetype i : std::as_const(changed)) {
                    const auto theirs = current->constFind(VersionedWriter::keyText(normal.at(i).pk));
                    RowOutcome &outcome = result.rows[i];
                    outcome.status = RowOutcome::Status::Conflict;
                    outcome.conflict = writer->makeConflict(normal.at(i), normal.at(i).base,
                                                            theirs == current->cend() ? std::nullopt
                                                                                      : std::optional<QVariantMap>(*theirs));
                    if (abortAll)
                        return stop(abortMessage(i));
                }
            }
        }
        // What is left of the budget bounds any wait the writes themselves meet.
        if (!byTable.empty()) {
            if (auto tightened = wait.tighten(m_db, dialect()); !tightened)
                return isConnectionAlive() ? stop(tightened.error()) : lost(tightened.error(), false);
        }
    }

    // 2. Write. Each row writes with one modifying statement. SQLite and MariaDB undo a
    // failed statement by themselves and keep the transaction; only PostgreSQL poisons the
    // whole transaction, so only there does a row need a savepoint (a round trip each way).
    enum class Step { Ok, RowFailed, End };
    AttemptEnd ending = AttemptEnd::Finished;
    const auto writeOne = [&](qsizetype i) -> Step {
        if (needsSavepoints) {
            if (auto set = transaction.savepoint(rowSavepoint); !set) {
                result.rows[i].status = RowOutcome::Status::Error;
                result.rows[i].error = set.error();
                return Step::RowFailed;
            }
        }
        RowOutcome outcome = writers.at(i)->write(normal.at(i));
        outcome.pk = outcome.pk.isNull() ? normal.at(i).pk : outcome.pk;
        const LockFailure failure = outcome.status == RowOutcome::Status::Error
                ? dialect().lockFailure(outcome.error) : LockFailure::None;
        if (needsSavepoints) {
            if (outcome.status == RowOutcome::Status::Error)
                transaction.rollbackToSavepoint(rowSavepoint);
            else
                transaction.releaseSavepoint(rowSavepoint);
        }
        if (failure != LockFailure::None) {
            const bool survives = dialect().transactionSurvives(m_db, failure);
            if (failure == LockFailure::LockTimeout && survives) {
                // It waited out the budget: the rows after it do not wait any more.
                wait.exhaust();
                wait.tighten(m_db, dialect());
                outcome.setBusy(RowOutcome::BusyReason::RowHeld, wait.timeoutMs());
            } else if (!batch.last) {
                transaction.rollback();
                ending = AttemptEnd::StartOver;
                return Step::End;
            } else if (survives) {
                outcome.setBusy(RowOutcome::BusyReason::Deadlocks, wait.timeoutMs());
            } else {
                transaction.rollback();
                batch.startOverRow = i;
                ending = AttemptEnd::StartOverWithout;
                return Step::End;
            }
        }
        const bool ok = !failedStatus(outcome);
        result.rows[i] = std::move(outcome);
        return ok ? Step::Ok : Step::RowFailed;
    };
    // A row that did not save: the server may be gone, or abort-all ends the batch here.
    const auto afterFailure = [&](qsizetype k) -> std::optional<AttemptEnd> {
        if (result.rows.at(k).status == RowOutcome::Status::Error && !isConnectionAlive())
            return lost(result.rows.at(k).error, false);
        if (abortAll)
            return stop(abortMessage(k));
        return std::nullopt;
    };
    // Row k on its own: a value when the attempt ends with it.
    const auto writeAlone = [&](qsizetype k) -> std::optional<AttemptEnd> {
        const Step step = writeOne(k);
        if (step == Step::End)
            return ending;
        return step == Step::RowFailed ? afterFailure(k) : std::nullopt;
    };
    // Rows the lock phase already decided (busy, or changed by someone else) are not written.
    const auto isDecided = [&](qsizetype k) {
        return result.rows.at(k).status == RowOutcome::Status::Busy || result.rows.at(k).status == RowOutcome::Status::Conflict;
    };

    qsizetype i = 0;
    while (i < normal.size()) {
        VersionedWriter *w = writers.at(i);
        if (isDecided(i)) {
            ++done;
            ++i;
        } else if (w->canBulk(normal.at(i))) {
            // Gather following updates of the same table and columns, each key once.
            const QStringList columns = normal.at(i).changes.keys();
            const int limit = w->bulkChunkSize(int(columns.size()));
            QList<const RowEdit *> chunk;
            QSet<QString> keys;
            qsizetype j = i;
            while (j < normal.size() && chunk.size() < limit && writers.at(j) == w && !isDecided(j)
                   && w->canBulk(normal.at(j)) && normal.at(j).changes.keys() == columns
                   && !keys.contains(VersionedWriter::keyText(normal.at(j).pk))) {
                keys.insert(VersionedWriter::keyText(normal.at(j).pk));
                chunk.append(&normal.at(j));
                ++j;
            }
            if (needsSavepoints)
                transaction.savepoint(rowSavepoint);
            DbError error;
            QList<RowOutcome> outcomes = w->writeBulk(chunk, &error);
            if (error.isError()) {
                // Back to the savepoint first: PostgreSQL refuses even a ping in a failed transaction.
                if (needsSavepoints)
                    transaction.rollbackToSavepoint(rowSavepoint);
                if (!isConnectionAlive())
                    return lost(error, false);
                const LockFailure failure = dialect().lockFailure(error);
                if ((failure == LockFailure::Deadlock || failure == LockFailure::SerializationFailure) && !batch.last) {
                    transaction.rollback();
                    return AttemptEnd::StartOver;
                }
                // One bad row must not sink the others: redo this chunk row by row.
                for (qsizetype k = i; k < j; ++k) {
                    if (auto end = writeAlone(k))
                        return *end;
                }
            } else {
                if (needsSavepoints)
                    transaction.releaseSavepoint(rowSavepoint);
                for (qsizetype k = 0; k < outcomes.size(); ++k) {
                    if (abortAll && failedStatus(outcomes.at(k))) {
                        result.rows[i + k] = outcomes.at(k);
                        return stop(abortMessage(i + k));
                    }
                    result.rows[i + k] = std::move(outcomes[k]);
                }
            }
            done += int(j - i);
            i = j;
        } else {
            if (auto end = writeAlone(i))
                return *end;
            ++done;
            ++i;
        }
        if (options.progress && !options.progress(done, total)) {
            DbError cancelled;
            cancelled.code = DbError::Code::Cancelled;
            cancelled.message = QCoreApplication::translate("BatchSubmitter", "The save was cancelled; nothing was written.");
            return stop(cancelled);
        }
    }

    // 3. The change log goes in the same transaction: it commits with the rows or not at all.
    for (VersionedWriter *writer : std::as_const(used)) {
        if (auto written = ChangeLog::write(m_db, dialect(), writer->takeLogEntries()); !written) {
            if (dialect().lockFailure(written.error()) != LockFailure::None)
                return lockFailed(written.error());
            return isConnectionAlive() ? stop(written.error()) : lost(written.error(), false);
        }
    }
    if (auto committed = transaction.commit(); !committed) {
        if (!isConnectionAlive())
            return lost(committed.error(), true);
        if (dialect().lockFailure(committed.error()) != LockFailure::None)
            return lockFailed(committed.error());
        result.rollBack(committed.error());
        return AttemptEnd::Finished;
    }
    result.committed = true;
    return AttemptEnd::Finished;
}

} // namespace Concord
