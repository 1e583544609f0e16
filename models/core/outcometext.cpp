#include "outcometext.h"

namespace Concord {

QString OutcomeText::rowName(const QString &table, const QVariant &pk)
{
    //: How a row is named in messages: the table, then the primary key ("orders 4").
    return tr("%1 %2").arg(table, pk.toString());
}

QString OutcomeText::status(const RowOutcome &row)
{
    switch (row.status) {
    case RowOutcome::Status::Saved:
        return tr("saved");
    case RowOutcome::Status::Conflict:
        return row.conflict && row.conflict->kind == Conflict::Kind::Deleted ? tr("deleted by someone else")
                                                                             : tr("changed by someone else");
    case RowOutcome::Status::Error:
        return tr("error");
    case RowOutcome::Status::Busy:
        return tr("busy: being saved by someone else");
    case RowOutcome::Status::RolledBack:
        return tr("rolled back");
    case RowOutcome::Status::NotAttempted:
        return tr("not attempted");
    }
    return QString();
}

QString OutcomeText::sentence(const RowOutcome &row)
{
    const QString who = rowName(row.table, row.pk);
    switch (row.status) {
    case RowOutcome::Status::Saved:
        return tr("%1 was saved").arg(who);
    case RowOutcome::Status::Error:
        return tr("%1 could not be saved: %2").arg(who, row.error.message);
    case RowOutcome::Status::Busy:
        return tr("%1 is being saved by someone else right now and was not saved (save again in a moment)").arg(who);
    case RowOutcome::Status::Conflict:
        if (row.conflict && row.conflict->kind == Conflict::Kind::Deleted)
            return tr("%1 was deleted by someone else").arg(who);
        if (row.op == RowEdit::Op::Delete)
            return tr("%1 was changed by someone else and was not deleted").arg(who);
        return tr("%1 was changed by someone else and was not updated").arg(who);
    case RowOutcome::Status::RolledBack:
        return tr("%1 was accepted, then undone because the batch did not commit").arg(who);
    case RowOutcome::Status::NotAttempted:
        return tr("%1 was not attempted").arg(who);
    }
    return QString();
}

QString OutcomeText::summary(const SubmitResult &result)
{
    const bool refusedWhole = !result.committed && result.error.isError() && result.savedCount() == 0
            && result.conflictCount() > 0 && result.error.code != DbError::Code::Cancelled;
    if (refusedWhole) {
        // Joining a refusal whose message is a sentence of its own onto "Nothing was saved; …"
        // reads badly: first that nothing was saved, then the reason, then the rows that changed.
        QString reason = result.error.message.trimmed();
        if (!reason.endsWith(QLatin1Char('.')))
            reason += QLatin1Char('.');
        QString text = tr("Nothing was saved.") + QLatin1Char(' ') + reason;
        QStringList changed;
        QStringList deleted;
        for (const RowOutcome &row : result.rows) {
            if (row.status != RowOutcome::Status::Conflict)
                continue;
            if (row.conflict && row.conflict->kind == Conflict::Kind::Deleted)
                deleted.append(rowName(row.table, row.pk));
            else
                changed.append(rowName(row.table, row.pk));
        }
        auto listed = [](QStringList rows) {
            if (rows.size() > 5) {
                const int more = int(rows.size()) - 5;
                rows = rows.mid(0, 5);
                rows.append(tr("%n more", nullptr, more));
            }
            return rows.join(QStringLiteral(", "));
        };
        if (!changed.isEmpty())
            text += QLatin1Char(' ') + tr("Changed by someone else since you saw them: %1.").arg(listed(changed));
        if (!deleted.isEmpty())
            text += QLatin1Char(' ') + tr("Deleted by someone else: %1.").arg(listed(deleted));
        return text;
    }

    QStringList parts;
    const int saved = result.savedCount();
    if (!result.committed)
        parts.append(tr("Nothing was saved"));
    else if (saved == 0)
        parts.append(tr("No row was saved"));
    else
        parts.append(tr("%Ln row(s) were saved", nullptr, saved));

    int listed = 0;
    for (const RowOutcome &row : result.rows) {
        if (row.status != RowOutcome::Status::Conflict && row.status != RowOutcome::Status::Error
            && row.status != RowOutcome::Status::Busy)
            continue;
        if (++listed > 5) {
            parts.append(QStringLiteral("…"));
            break;
        }
        parts.append(sentence(row));
    }
    QString text = parts.join(QStringLiteral("; "));
    if (result.error.isError()) {
        // The batch's own error is a sentence of its own.
        QString why = result.error.message.trimmed();
        if (why.endsWith(QLatin1Char('.')))
            why.chop(1);
        text += QStringLiteral(". ") + why;
    }
    return text + QLatin1Char('.');
}

QString OutcomeText::busy(const QString &table, const QVariant &pk, RowOutcome::BusyReason reason, int timeoutMs)
{
    const QString row = rowName(table, pk);
    const QString seconds = QString::number(timeoutMs / 1000.0, 'g', 3);
    switch (reason) {
    case RowOutcome::BusyReason::RowHeld:
        return tr("%1 is held by another writer's unfinished save; it was waited for up to %2 s "
                  "(the lock timeout) and not saved. Save again in a moment.").arg(row, seconds);
    case RowOutcome::BusyReason::DatabaseHeld:
        return tr("%1 was not saved: another writer kept the database busy for longer than "
                  "the lock timeout (%2 s). Save again in a moment.").arg(row, seconds);
    case RowOutcome::BusyReason::Deadlocks:
        return tr("%1 kept deadlocking with another writer's save and was not saved. "
                  "Save again in a moment.").arg(row);
    }
    return QString();
}

QString OutcomeText::changed(const QVariant &current, const QVariant &loaded)
{
    return tr("Changed by someone else (now version %1; you loaded %2).").arg(current.toString(), loaded.toString());
}

QString OutcomeText::deleted()
{
    return tr("Deleted by someone else.");
}

QString OutcomeText::busyHeadline()
{
    return tr("Not saved: someone else was saving this row at the same moment.");
}

QString OutcomeText::stale()
{
    return tr("Someone else saved this row since it was loaded.");
}

} // namespace Concord
