#include "submitresult.h"

namespace Concord {

QString RowOutcome::statusName(Status status)
{
    switch (status) {
    case Status::Saved: return QStringLiteral("saved");
    case Status::Conflict: return QStringLiteral("conflict");
    case Status::Error: return QStringLiteral("error");
    case Status::Busy: return QStringLiteral("busy");
    case Status::RolledBack: return QStringLiteral("rolled back");
    case Status::NotAttempted: return QStringLiteral("not attempted");
    }
    return QString();
}

DbError RowOutcome::busyError(const QString &table, const QVariant &pk, BusyReason reason, int timeoutMs)
{
    const QString row = QStringLiteral("%1 %2").arg(table, pk.toString());
    const QString seconds = QString::number(timeoutMs / 1000.0, 'g', 3);
    DbError error;
    error.code = DbError::Code::Database;
    switch (reason) {
    case BusyReason::RowHeld:
        error.message = QStringLiteral("%1 is held by another writer's unfinished save; it was waited for up to %2 s "
                                       "(the lock timeout) and not saved. Save again in a moment.").arg(row, seconds);
        break;
    case BusyReason::DatabaseHeld:
        error.message = QStringLiteral("%1 was not saved: another writer kept the database busy for longer than "
                                       "the lock timeout (%2 s). Save again in a moment.").arg(row, seconds);
        break;
    case BusyReason::Deadlocks:
        error.message = QStringLiteral("%1 kept deadlocking with another writer's save and was not saved. "
                                       "Save again in a moment.").arg(row);
        break;
    }
    return error;
}

void RowOutcome::setBusy(BusyReason reason, int timeoutMs)
{
    status = Status::Busy;
    conflict.reset();
    error = busyError(table, pk, reason, timeoutMs);
}

void SubmitResult::allBusy(RowOutcome::BusyReason reason, int timeoutMs, DbError why)
{
    for (RowOutcome &row : rows) {
        if (row.status != RowOutcome::Status::Conflict)
            row.setBusy(reason, timeoutMs);
    }
    committed = false;
    error = std::move(why);
}

int SubmitResult::count(RowOutcome::Status status) const
{
    int n = 0;
    for (const RowOutcome &row : rows)
        n += row.status == status ? 1 : 0;
    return n;
}

void SubmitResult::rollBack(DbError why)
{
    for (RowOutcome &row : rows) {
        if (row.status == RowOutcome::Status::Saved)
            row.status = RowOutcome::Status::RolledBack;
    }
    committed = false;
    error = std::move(why);
}

QString SubmitResult::summary() const
{
    QStringList parts;
    const int saved = savedCount();
    if (committed)
        parts.append(saved == 0   ? QStringLiteral("No row was saved")
                     : saved == 1 ? QStringLiteral("1 row was saved")
                                  : QStringLiteral("%1 rows were saved").arg(saved));
    else
        parts.append(QStringLiteral("Nothing was saved"));

    int listed = 0;
    for (const RowOutcome &row : rows) {
        if (row.status != RowOutcome::Status::Conflict && row.status != RowOutcome::Status::Error
            && row.status != RowOutcome::Status::Busy)
            continue;
        if (++listed > 5) {
            parts.append(QStringLiteral("…"));
            break;
        }
        const QString who = QStringLiteral("%1 %2").arg(row.table, row.pk.toString());
        if (row.status == RowOutcome::Status::Error)
            parts.append(QStringLiteral("%1 could not be saved: %2").arg(who, row.error.message));
        else if (row.status == RowOutcome::Status::Busy)
            parts.append(QStringLiteral("%1 is being saved by someone else right now and was not saved "
                                        "(save again in a moment)").arg(who));
        else if (row.conflict && row.conflict->kind == Conflict::Kind::Deleted)
            parts.append(QStringLiteral("%1 was deleted by someone else").arg(who));
        else if (row.op == RowEdit::Op::Delete)
            parts.append(QStringLiteral("%1 was modified by someone else and was not deleted").arg(who));
        else
            parts.append(QStringLiteral("%1 was modified by someone else and was not updated").arg(who));
    }
    QString text = parts.join(QStringLiteral("; "));
    if (error.isError()) {
        // The batch's own error is a sentence of its own.
        QString why = error.message.trimmed();
        if (why.endsWith(QLatin1Char('.')))
            why.chop(1);
        text += QStringLiteral(". ") + why;
    }
    return text + QLatin1Char('.');
}

QString SubmitResult::policyName(SubmitPolicy policy)
{
    return policy == SubmitPolicy::AbortAll ? QStringLiteral("abort-all") : QStringLiteral("silent");
}

std::optional<SubmitPolicy> SubmitResult::policyFromName(const QString &name)
{
    if (name == QLatin1String("silent"))
        return SubmitPolicy::Silent;
    if (name == QLatin1String("abort-all"))
        return SubmitPolicy::AbortAll;
    return std::nullopt;
}

} // namespace Concord
