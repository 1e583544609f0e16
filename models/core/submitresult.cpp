#include "submitresult.h"

#include "outcometext.h"

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
    DbError error;
    error.code = DbError::Code::Database;
    error.message = OutcomeText::busy(table, pk, reason, timeoutMs);
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
    unlistedStatus = RowOutcome::Status::Busy;
    committed = false;
    error = std::move(why);
}

int SubmitResult::count(RowOutcome::Status status) const
{
    int n = 0;
    for (const RowOutcome &row : rows)
        n += row.status == status ? 1 : 0;
    return n + (status == unlistedStatus ? unlistedCount : 0);
}

void SubmitResult::rollBack(DbError why)
{
    for (RowOutcome &row : rows) {
        if (row.status == RowOutcome::Status::Saved)
            row.status = RowOutcome::Status::RolledBack;
    }
    if (unlistedStatus == RowOutcome::Status::Saved)
        unlistedStatus = RowOutcome::Status::RolledBack;
    committed = false;
    error = std::move(why);
}

QString SubmitResult::summary() const
{
    return OutcomeText::summary(*this);
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
