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
    /// Appends fromVariant(value) as compact JSON text, byte for byte what QJsonDocument
    /// writes, without building a QJsonValue: the change log encodes one per saved field.
    static void appendJson(QByteArray &out, const QVariant &value);
    /// Appends @p text as a JSON string literal (quoted and escaped, UTF-8).
    static void appendJsonString(QByteArray &out, QStringView text);
    /// Whether two database values are the same value (NULL-aware, type-tolerant).
    static bool sameValue(const QVariant &a, const QVariant &b);
};

} // namespace Concord
