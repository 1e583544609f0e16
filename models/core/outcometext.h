#pragma once

#include "submitresult.h"

#include <QCoreApplication>
#include <QString>

namespace Concord {

/// The words Concord uses for what happened to a row: one place, one voice, translatable.
/// The grid, the record form, the save report, the main window and concord-cli all take
/// their outcome and conflict wording from here.
class OutcomeText
{
    Q_DECLARE_TR_FUNCTIONS(OutcomeText)

public:
    /// A row as messages name it: "orders 4".
    static QString rowName(const QString &table, const QVariant &pk);

    /// A few words for a report column: "saved", "changed by someone else", "not attempted"…
    static QString status(const RowOutcome &row);
    /// What happened to a row that was not saved, as a clause without a full stop:
    /// "orders 4 was changed by someone else and was not updated".
    static QString sentence(const RowOutcome &row);
    /// The whole batch in a sentence or two, ending with a full stop.
    static QString summary(const SubmitResult &result);
    /// The sentence a Busy row carries: who held it, for how long, what to do.
    static QString busy(const QString &table, const QVariant &pk, RowOutcome::BusyReason reason, int timeoutMs);

    /// The headline of a row someone else changed: "Changed by someone else (now version 3; you loaded 2)."
    static QString changed(const QVariant &current, const QVariant &loaded);
    /// The headline of a row someone else deleted.
    static QString deleted();
    /// The headline of a row that was not saved because someone else was saving it too.
    static QString busyHeadline();
    /// The headline of a row someone else saved since it was loaded (not yet a conflict).
    static QString stale();
};

} // namespace Concord
