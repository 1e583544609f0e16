#include "wallclock.h"

#include <QDateTime>

namespace WallClock {

qint64 versionStamp()
{
    const QDateTime epoch(QDate(2000, 1, 1), QTime(0, 0), Qt::UTC);
    return epoch.msecsTo(QDateTime::currentDateTimeUtc()) * 1000;
}

} // namespace WallClock
