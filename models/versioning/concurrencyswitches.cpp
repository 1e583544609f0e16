#include "concurrencyswitches.h"

#include <QMutex>
#include <QMutexLocker>
#include <QSet>

#include <atomic>

namespace Concord {

namespace {

struct SwitchState
{
    std::atomic<bool> enabled{true};
    QMutex mutex;
    QSet<QString> disabledTables;

    bool isEnabled(const QString &table)
    {
        if (!enabled.load())
            return false;
        if (table.isEmpty())
            return true;
        QMutexLocker locker(&mutex);
        return !disabledTables.contains(table.toLower());
    }

    void set(const QString &table, bool on)
    {
        QMutexLocker locker(&mutex);
        if (on)
            disabledTables.remove(table.toLower());
        else
            disabledTables.insert(table.toLower());
    }
};

SwitchState &checking()
{
    static SwitchState state;
    return state;
}

SwitchState &incrementing()
{
    static SwitchState state;
    return state;
}

thread_local int checkingDisabledScopes = 0;
thread_local int incrementDisabledScopes = 0;

} // namespace

bool ConcurrencySwitches::isCheckingEnabled(const QString &table)
{
    return checkingDisabledScopes == 0 && checking().isEnabled(table);
}

void ConcurrencySwitches::setCheckingEnabled(bool enabled)
{
    checking().enabled = enabled;
}

void ConcurrencySwitches::setCheckingEnabled(const QString &table, bool enabled)
{
    checking().set(table, enabled);
}

bool ConcurrencySwitches::isIncrementEnabled(const QString &table)
{
    return incrementDisabledScopes == 0 && incrementing().isEnabled(table);
}

void ConcurrencySwitches::setIncrementEnabled(bool enabled)
{
    incrementing().enabled = enabled;
}

void ConcurrencySwitches::setIncrementEnabled(const QString &table, bool enabled)
{
    incrementing().set(table, enabled);
}

ConcurrencySwitches::CheckingDisabled::CheckingDisabled() { ++checkingDisabledScopes; }
ConcurrencySwitches::CheckingDisabled::~CheckingDisabled() { --checkingDisabledScopes; }
ConcurrencySwitches::IncrementDisabled::IncrementDisabled() { ++incrementDisabledScopes; }
ConcurrencySwitches::IncrementDisabled::~IncrementDisabled() { --incrementDisabledScopes; }

} // namespace Concord
