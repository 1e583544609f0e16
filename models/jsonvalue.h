#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QVariant>
#include <QVariantMap>

namespace Concord {

/// Conversions between database values and JSON, shared by the CLI, the log and reports.
class JsonValue
{
public:
    /// Integers stay integers, dates become ISO text, NULL becomes null, blobs base64.
    static QJsonValue fromVariant(const QVariant &value);
    static QJsonObject fromMap(const QVariantMap &map);
    /// Whether two database values are the same value (NULL-aware, type-tolerant).
    static bool sameValue(const QVariant &a, const QVariant &b);
};

} // namespace Concord
