#pragma once

#include <QtGlobal>

/// The wall clock in the unit of timestamp versions, worked out here from the date and time
/// rather than by Concord's own currentTimestampVersion(), so that a suite can check it.
namespace WallClock {

/// Microseconds since 2000-01-01T00:00:00Z, now.
qint64 versionStamp();

} // namespace WallClock
