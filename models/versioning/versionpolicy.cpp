#include "versionpolicy.h"

#include <atomic>
#include <chrono>

namespace Concord {

bool VersionPolicy::fieldCounts(const QString &field) const
{
    if (kind != VersionKind::Conditional)
        return true;
    if (field.compare(column, Qt::CaseInsensitive) == 0)
        return false;
    if (!checkFields.isEmpty())
        return checkFields.contains(field, Qt::CaseInsensitive);
    return !ignoreFields.contains(field, Qt::CaseInsensitive);
}

QVariant VersionPolicy::nextVersion(const QVariant &old, bool fieldsCounted) const
{
    const qint64 previous = old.isNull() ? 0 : old.toLongLong();
    switch (kind) {
    case VersionKind::Auto:
        return previous + 1;
    case VersionKind::Timestamp:
        return std::max(previous + 1, currentTimestampVersion());
    case VersionKind::Conditional:
        // A NULL version always gets a real one, even when nothing counted changed:
        // NULL must never stay a version (docs/design.md, edge case 1).
        return (fieldsCounted || old.isNull()) ? QVariant(previous + 1) : QVariant(previous);
    case VersionKind::Trigger:
        break;
    }
    return old;
}

QVariant VersionPolicy::initialVersion() const
{
    return kind == VersionKind::Timestamp ? QVariant(currentTimestampVersion()) : QVariant(qint64(1));
}

QString VersionPolicy::kindName(VersionKind kind)
{
    switch (kind) {
    case VersionKind::Auto: return QStringLiteral("auto");
    case VersionKind::Timestamp: return QStringLiteral("timestamp");
    case VersionKind::Trigger: return QStringLiteral("trigger");
    case VersionKind::Conditional: return QStringLiteral("conditional");
    }
    return QString();
}

QStringList VersionPolicy::fieldsFromText(const QString &text)
{
    QStringList fields;
    const QStringList parts = text.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &part : parts)
        fields.append(part.trimmed());
    return fields;
}

std::optional<VersionKind> VersionPolicy::kindFromName(const QString &name)
{
    for (VersionKind kind : {VersionKind::Auto, VersionKind::Timestamp, VersionKind::Trigger,
                             VersionKind::Conditional}) {
        if (kindName(kind) == name)
            return kind;
    }
    return std::nullopt;
}

qint64 currentTimestampVersion()
{
    using namespace std::chrono;
    // 2000-01-01T00:00:00Z is 946684800 s after the Unix epoch.
    constexpr qint64 epoch2000 = 946684800LL * 1000000LL;
    const qint64 now = duration_cast<microseconds>(system_clock::now().time_since_epoch()).count()
            - epoch2000;
    // Two saves in the same microsecond (or a clock stepping back) must still give
    // increasing stamps within this process.
    static std::atomic<qint64> last{0};
    qint64 previous = last.load();
    qint64 next = std::max(now, previous + 1);
    while (!last.compare_exchange_weak(previous, next))
        next = std::max(now, previous + 1);
    return next;
}

} // namespace Concord
