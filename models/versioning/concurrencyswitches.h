#pragma once

#include <QString>

namespace Concord {

/// Process-wide switches that turn version checking or incrementing off, globally,
/// per table, or for the lifetime of a scope on the current thread.
/// With checking off, saves ignore the loaded version but still bump the version past
/// the one in the database, so anyone holding an old version still conflicts.
class ConcurrencySwitches
{
public:
    static bool isCheckingEnabled(const QString &table = QString());
    static void setCheckingEnabled(bool enabled);
    static void setCheckingEnabled(const QString &table, bool enabled);

    static bool isIncrementEnabled(const QString &table = QString());
    static void setIncrementEnabled(bool enabled);
    static void setIncrementEnabled(const QString &table, bool enabled);

    /// RAII: no version checks on this thread while it lives.
    class CheckingDisabled
    {
    public:
        CheckingDisabled();
        ~CheckingDisabled();
        CheckingDisabled(const CheckingDisabled &) = delete;
        CheckingDisabled &operator=(const CheckingDisabled &) = delete;
    };

    /// RAII: no version increments on this thread while it lives.
    class IncrementDisabled
    {
    public:
        IncrementDisabled();
        ~IncrementDisabled();
        IncrementDisabled(const IncrementDisabled &) = delete;
        IncrementDisabled &operator=(const IncrementDisabled &) = delete;
    };
};

} // namespace Concord
