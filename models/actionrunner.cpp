#include "actionrunner.h"

#include "batchsubmitter.h"
#include "changelog.h"
#include "concurrencyswitches.h"
#include "jsonvalue.h"
#include "sqldialect.h"
#include "transactionguard.h"
#include "versionedwriter.h"

#include <QSqlQuery>
#include <QSqlRecord>

namespace Concord {

namespace {

/// Reads the rows of @p pks, locking them where the database has row locks.
Result<QHash<QString, QVariantMap>> lockRows(QSqlDatabase db, const SqlDialect &dialect,
                                             const TableSchema &schema, const QList<QVariant> &pks)
{
    QHash<QString, QVariantMap> rows;
    QStringList columns;
    const QStringList names = schema.columns();
    for (const QString &name : names)
        columns.append(dialect.quoteField(name));
    const int chunk = std::min(5000, dialect.maxBindParameters());
    QSqlQuery query(db);
    query.setForwardOnly(true);
    for (qsizetype start = 0; start < pks.size(); start += chunk) {
        const qsizetype n = std::min<qsizetype>(chunk, pks.size() - start);
        QString marks;
        marks.reserve(n * 2);
        for (qsizetype i = 0; i < n; ++i)
            marks += i ? QStringLiteral(",?") : QStringLiteral("?");
        query.prepare(QStringLiteral("SELECT %1 FROM %2 WHERE %3 IN (%4)%5")
                              .arg(columns.join(QStringLiteral(", ")), dialect.quoteTable(schema.name()),
                                   dialect.quoteField(schema.primaryKey()), marks, dialect.rowLockSuffix()));
        for (qsizetype i = start; i < start + n; ++i)
            query.addBindValue(pks.at(i));
        if (!query.exec())
            return DbError::fromQuery(query, QStringLiteral("Could not check the selected rows"));
        const int pkIndex = query.record().indexOf(schema.primaryKey());
        while (query.next()) {
            QVariantMap values;
            const QSqlRecord record = query.record();
            for (int i = 0; i < record.count(); ++i)
                values.insert(record.fieldName(i), query.value(i));
            rows.insert(VersionedWriter::keyText(query.value(pkIndex)), values);
        }
    }
    return rows;
}

} // namespace

ActionRunner::ActionRunner(QSqlDatabase db)
    : m_db(db)
    , m_submitter(std::make_unique<BatchSubmitter>(db))
{
}

ActionRunner::~ActionRunner() = default;

SubmitResult ActionRunner::run(const QString &table, const QList<RowRef> &selection,
                               const AdminAction &action, const ActionOptions &options)
{
    SubmitResult result;
    const auto found = m_submitter->writer(table);
    if (!found) {
        result.error = found.error();
        return result;
    }
    VersionedWriter *writer = *found;
    const TableSchema &schema = writer->schema();
    const VersionPolicy &policy = writer->policy();
    const SqlDialect &dialect = m_submitter->dialect();
    if (schema.primaryKey().isEmpty()) {
        result.error = DbError::badInput(QStringLiteral("Table \"%1\" has no single-column primary key.").arg(schema.name()));
        return result;
    }
    if (!action.isValid()) {
        result.error = DbError::badInput(QStringLiteral("No action was given."));
        return result;
    }
    const RowEdit::Op op = action.name() == QLatin1String("delete") ? RowEdit::Op::Delete : RowEdit::Op::Update;
    QList<QVariant> pks;
    QSet<QString> seen;
    for (const RowRef &ref : selection) {
        if (ref.pk.isNull()) {
            result.error = DbError::badInput(QStringLiteral("A selected row of \"%1\" has no key.").arg(schema.name()));
            return result;
        }
        if (seen.contains(VersionedWriter::keyText(ref.pk)))
            continue;
        seen.insert(VersionedWriter::keyText(ref.pk));
        pks.append(ref.pk);
        RowOutcome row;
        row.op = op;
        row.table = schema.name();
        row.pk = ref.pk;
        row.version = ref.version;
        result.rows.append(row);
    }
    if (result.rows.isEmpty()) {
        result.committed = true;
        return result;
    }
    if (auto made = ChangeLog::ensureTable(m_db, dialect); !made) {
        result.error = made.error();
        return result;
    }

    TransactionGuard transaction(m_db, dialect);
    if (!transaction.isActive()) {
        result.error = transaction.error();
        return result;
    }
    auto before = lockRows(m_db, dialect, schema, pks);
    if (!before) {
        result.error = before.error();
        return result;
    }

    // The check: every selected row must still carry the version that was shown.
    const bool checking = ConcurrencySwitches::isCheckingEnabled(schema.name());
    QList<QVariant> unchanged;
    int changed = 0;
    for (RowOutcome &row : result.rows) {
        const auto it = before->constFind(VersionedWriter::keyText(row.pk));
        const bool gone = it == before->constEnd();
        const bool moved = !gone && policy.isVersioned() && checking
                && !JsonValue::sameValue(it->value(policy.column), row.version);
        if (gone || moved) {
            Conflict conflict;
            conflict.table = schema.name();
            conflict.versionColumn = policy.column;
            conflict.pk = row.pk;
            conflict.kind = gone ? Conflict::Kind::Deleted : Conflict::Kind::Modified;
            conflict.expectedVersion = row.version;
            if (!gone) {
                conflict.theirs = it.value();
                conflict.currentVersion = it->value(policy.column);
            }
            row.status = RowOutcome::Status::Conflict;
            row.conflict = conflict;
            ++changed;
        } else {
            unchanged.append(row.pk);
        }
    }
    if (changed > 0 && !options.skipChanged) {
        transaction.rollback();
        DbError error;
        error.code = DbError::Code::Database;
        error.message = QStringLiteral("The action \"%1\" did not run: %2 of the %3 selected rows changed "
                                       "since they were shown.")
                                .arg(action.label()).arg(changed).arg(result.rows.size());
        result.error = error;
        return result;
    }

    // The body sees only the rows that passed the check, in its keys and its values alike:
    // with skipChanged, a body working from the values must not touch a changed row.
    QHash<QString, QVariantMap> checked;
    for (const QVariant &pk : std::as_const(unchanged))
        checked.insert(VersionedWriter::keyText(pk), before->value(VersionedWriter::keyText(pk)));
    ActionContext context{m_db, dialect, schema, policy, unchanged, checked};
    if (!unchanged.isEmpty()) {
        if (auto ran = action.run(context); !ran) {
            transaction.rollback();
            result.error = ran.error();
            return result;
        }
    }
    auto after = lockRows(m_db, dialect, schema, unchanged);
    if (!after) {
        result.error = after.error();
        return result;
    }

    // Log every row the action touched; a custom body that changed a row without
    // bumping its version gets the bump here, so holders of the old version conflict.
    QList<ChangeLog::Entry> entries;
    const QString user = options.user.isEmpty() ? ChangeLog::currentUser() : options.user;
    const bool bump = !action.managesVersion() && policy.isVersioned() && policy.kind != VersionKind::Trigger
            && ConcurrencySwitches::isIncrementEnabled(schema.name());
    for (RowOutcome &row : result.rows) {
        if (row.status == RowOutcome::Status::Conflict)
            continue;
        const QString key = VersionedWriter::keyText(row.pk);
        const QVariantMap old = before->value(key);
        const auto now = after->constFind(key);
        ChangeLog::Entry entry;
        entry.at = QDateTime::currentDateTimeUtc();
        entry.user = user;
        entry.table = schema.name();
        entry.pk = key;
        entry.action = action.name();
        row.status = RowOutcome::Status::Saved;
        if (now == after->constEnd()) {
            row.op = RowEdit::Op::Delete;
            row.version = QVariant();
            entry.changes = ChangeLog::diff(old, {});
        } else {
            QVariantMap values = now.value();
            entry.changes = ChangeLog::diff(old, values);
            if (entry.changes.isEmpty())
                continue; // the action left this row as it was
            // A conditional table bumps only when a counted field changed (or the version is NULL).
            bool counted = false;
            for (auto it = entry.changes.constBegin(); it != entry.changes.constEnd() && !counted; ++it)
                counted = policy.fieldCounts(it.key());
            const QVariant next = policy.nextVersion(old.value(policy.column), counted);
            if (bump && JsonValue::sameValue(old.value(policy.column), values.value(policy.column))
                && !JsonValue::sameValue(next, old.value(policy.column))) {
                QSqlQuery query(m_db);
                query.prepare(QStringLiteral("UPDATE %1 SET %2 = ? WHERE %3 = ?")
                                      .arg(dialect.quoteTable(schema.name()), dialect.quoteField(policy.column),
                                           dialect.quoteField(schema.primaryKey())));
                query.addBindValue(next);
                query.addBindValue(row.pk);
                if (!query.exec()) {
                    transaction.rollback();
                    result.rollBack(DbError::fromQuery(query, QStringLiteral("Could not bump the version")));
                    return result;
                }
                values.insert(policy.column, next);
                entry.changes = ChangeLog::diff(old, values);
            }
            row.version = policy.isVersioned() ? values.value(policy.column) : QVariant();
        }
        entry.version = row.version;
        entries.append(entry);
    }
    if (auto written = ChangeLog::write(m_db, dialect, entries); !written) {
        transaction.rollback();
        result.rollBack(written.error());
        return result;
    }
    if (auto committed = transaction.commit(); !committed) {
        result.rollBack(committed.error());
        return result;
    }
    result.committed = true;
    return result;
}

} // namespace Concord
