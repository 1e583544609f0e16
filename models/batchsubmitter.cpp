#include "batchsubmitter.h"

#include "changelog.h"
#include "sqldialect.h"
#include "transactionguard.h"
#include "versionedwriter.h"
#include "versionregistry.h"

#include <QScopeGuard>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace Concord {

namespace {

const QString rowSavepoint = QStringLiteral("concord_row");

bool failed(const RowOutcome &outcome)
{
    return outcome.status == RowOutcome::Status::Conflict || outcome.status == RowOutcome::Status::Error;
}

DbError connectionLost(const DbError &cause, bool committing)
{
    DbError error;
    error.code = DbError::Code::Database;
    error.message = committing
            ? QStringLiteral("The connection to the database was lost while committing; your edits are kept, "
                             "and if the save did reach the database, saving again reports them as conflicts.")
            : QStringLiteral("The connection to the database was lost; nothing was saved. "
                             "Your edits are kept: save again to retry.");
    error.serverMessage = cause.serverMessage.isEmpty() ? cause.message : cause.serverMessage;
    error.sql = cause.sql;
    return error;
}

} // namespace

BatchSubmitter::BatchSubmitter(QSqlDatabase db)
    : m_db(db)
    , m_registry(std::make_unique<VersionRegistry>(db))
{
}

BatchSubmitter::~BatchSubmitter() = default;

bool BatchSubmitter::isValid() const
{
    return m_registry->isValid();
}

const SqlDialect &BatchSubmitter::dialect() const
{
    return m_registry->dialect();
}

void BatchSubmitter::reset()
{
    m_writers.clear();
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

Result<void> BatchSubmitter::ensureConnected()
{
    if (!isValid())
        return DbError::badInput(QStringLiteral("This database driver is not supported."));
    if (isConnectionAlive())
        return {};
    // Prepared statements belong to the old connection: drop them before it goes.
    for (auto &entry : m_writers)
        entry.second->dropStatements();
    m_db.close();
    if (!m_db.open()) {
        DbError error = DbError::fromSqlError(m_db.lastError(), QStringLiteral("The connection to the database was lost "
                                                                               "and could not be opened again"));
        return error;
    }
    for (const QString &sql : dialect().sessionSetupSql())
        QSqlQuery(m_db).exec(sql);
    return {};
}

Result<VersionedWriter *> BatchSubmitter::writer(const QString &table)
{
    if (!isValid())
        return DbError::badInput(QStringLiteral("This database driver is not supported."));
    const auto found = m_writers.find(table);
    if (found != m_writers.end())
        return found->second.get();
    const auto schema = TableSchema::load(m_db, table);
    if (!schema)
        return schema.error();
    const auto policy = m_registry->policyFor(*schema);
    if (!policy)
        return policy.error();
    auto writer = std::make_unique<VersionedWriter>(m_db, dialect(), *schema, *policy);
    VersionedWriter *raw = writer.get();
    m_writers[table] = std::move(writer);
    return raw;
}

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
    QList<RowEdit> normal;
    QList<VersionedWriter *> writers;
    normal.reserve(edits.size());
    writers.reserve(edits.size());
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
            result.error.message = QStringLiteral("Edit %1: %2").arg(i + 1).arg(found.error().message);
            return result;
        }
        auto checked = (*found)->normalize(edit);
        if (!checked) {
            result.error = checked.error();
            result.error.message = QStringLiteral("Edit %1: %2").arg(i + 1).arg(checked.error().message);
            return result;
        }
        row.table = checked->table;
        normal.append(std::move(*checked));
        writers.append(*found);
    }
    if (edits.isEmpty()) {
        result.committed = true;
        return result;
    }

    // 2. The log table is DDL: outside the transaction.
    if (auto made = ChangeLog::ensureTable(m_db, dialect()); !made) {
        result.error = made.error();
        return result;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (auto &entry : m_writers) {
        entry.second->takeLogEntries();
        entry.second->setUser(options.user.isEmpty() ? ChangeLog::currentUser() : options.user);
        entry.second->beginBatch(now, std::count(writers.cbegin(), writers.cend(), entry.second.get()));
    }
    // Whichever way this returns, the writers let go of their batch statements.
    const auto endBatch = qScopeGuard([this] {
        for (auto &entry : m_writers)
            entry.second->endBatch();
    });

    // 3. One transaction for the whole batch.
    TransactionGuard transaction(m_db, dialect());
    if (!transaction.isActive()) {
        result.error = transaction.error();
        return result;
    }
    const bool abortAll = options.policy == SubmitPolicy::AbortAll;
    const bool needsSavepoints = dialect().statementErrorAbortsTransaction();
    const int total = int(normal.size());
    int done = 0;

    const auto stop = [&](DbError error) {
        transaction.rollback();
        result.rollBack(std::move(error));
        return result;
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
        return result;
    };
    // Each row writes with one modifying statement. SQLite and MariaDB undo a failed
    // statement by themselves and keep the transaction; only PostgreSQL poisons the
    // whole transaction, so only there does a row need a savepoint (a round trip each way).
    const auto writeOne = [&](qsizetype i) -> bool {
        if (needsSavepoints) {
            if (auto set = transaction.savepoint(rowSavepoint); !set) {
                result.rows[i].status = RowOutcome::Status::Error;
                result.rows[i].error = set.error();
                return false;
            }
        }
        RowOutcome outcome = writers.at(i)->write(normal.at(i));
        outcome.pk = outcome.pk.isNull() ? normal.at(i).pk : outcome.pk;
        if (needsSavepoints) {
            if (outcome.status == RowOutcome::Status::Error)
                transaction.rollbackToSavepoint(rowSavepoint);
            else
                transaction.releaseSavepoint(rowSavepoint);
        }
        const bool ok = !failed(outcome);
        result.rows[i] = std::move(outcome);
        return ok;
    };
    const auto abortMessage = [&](qsizetype i) {
        const RowOutcome &row = result.rows.at(i);
        const QString what = row.status == RowOutcome::Status::Error
                ? row.error.message
                : QStringLiteral("%1 %2 was %3 by someone else")
                          .arg(row.table, row.pk.toString(),
                               row.conflict && row.conflict->kind == Conflict::Kind::Deleted
                                       ? QStringLiteral("deleted") : QStringLiteral("modified"));
        DbError error;
        error.code = DbError::Code::Database;
        error.message = QStringLiteral("The batch was rolled back (abort-all): %1.").arg(what);
        return error;
    };

    qsizetype i = 0;
    while (i < normal.size()) {
        VersionedWriter *w = writers.at(i);
        if (w->canBulk(normal.at(i))) {
            // Gather following updates of the same table and columns, each key once.
            const QStringList columns = normal.at(i).changes.keys();
            const int limit = w->bulkChunkSize(int(columns.size()));
            QList<const RowEdit *> chunk;
            QSet<QString> keys;
            qsizetype j = i;
            while (j < normal.size() && chunk.size() < limit && writers.at(j) == w
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
                // One bad row must not sink the others: redo this chunk row by row.
                for (qsizetype k = i; k < j; ++k) {
                    if (!writeOne(k)) {
                        if (result.rows.at(k).status == RowOutcome::Status::Error && !isConnectionAlive())
                            return lost(result.rows.at(k).error, false);
                        if (abortAll)
                            return stop(abortMessage(k));
                    }
                }
            } else {
                if (needsSavepoints)
                    transaction.releaseSavepoint(rowSavepoint);
                for (qsizetype k = 0; k < outcomes.size(); ++k) {
                    if (abortAll && failed(outcomes.at(k))) {
                        result.rows[i + k] = outcomes.at(k);
                        return stop(abortMessage(i + k));
                    }
                    result.rows[i + k] = std::move(outcomes[k]);
                }
            }
            done += int(j - i);
            i = j;
        } else {
            if (!writeOne(i)) {
                // A failed row may be the server gone: stop before trying every other row.
                if (result.rows.at(i).status == RowOutcome::Status::Error && !isConnectionAlive())
                    return lost(result.rows.at(i).error, false);
                if (abortAll)
                    return stop(abortMessage(i));
            }
            ++done;
            ++i;
        }
        if (options.progress && !options.progress(done, total)) {
            DbError cancelled;
            cancelled.code = DbError::Code::Cancelled;
            cancelled.message = QStringLiteral("The save was cancelled; nothing was written.");
            return stop(cancelled);
        }
    }

    // 4. The change log goes in the same transaction: it commits with the rows or not at all.
    for (auto &entry : m_writers) {
        if (auto written = ChangeLog::write(m_db, dialect(), entry.second->takeLogEntries()); !written)
            return isConnectionAlive() ? stop(written.error()) : lost(written.error(), false);
    }
    if (auto committed = transaction.commit(); !committed) {
        if (!isConnectionAlive())
            return lost(committed.error(), true);
        result.rollBack(committed.error());
        return result;
    }
    result.committed = true;
    return result;
}

} // namespace Concord
