#include "jsonvalue.h"

#include <limits>

#include <QDate>
#include <QDateTime>
#include <QLocale>

namespace Concord {

namespace {

/// How a database value goes into JSON: the one place that sorts Qt's types.
enum class JsonKind { Null, Bool, Integer, Real, Text };

JsonKind kindOf(const QVariant &value)
{
    if (value.isNull() || !value.isValid())
        return JsonKind::Null;
    switch (value.typeId()) {
    case QMetaType::Bool:
        return JsonKind::Bool;
    case QMetaType::ULongLong:
        // Past 2^63 a JSON integer would wrap in every reader that keeps 64 bits: text.
        return value.toULongLong() > quint64(std::numeric_limits<qint64>::max()) ? JsonKind::Text : JsonKind::Integer;
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::Short:
    case QMetaType::UShort:
        return JsonKind::Integer;
    case QMetaType::Double:
    case QMetaType::Float:
        return JsonKind::Real;
    default:
        return JsonKind::Text;
    }
}

/// The text of a value JSON has no type for: dates as ISO text, blobs as base64.
QString textOf(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::QDate:
        return value.toDate().toString(Qt::ISODate);
    case QMetaType::QDateTime:
        return value.toDateTime().toString(Qt::ISODateWithMs);
    case QMetaType::QByteArray:
        return QString::fromLatin1(value.toByteArray().toBase64());
    default:
        return value.toString();
    }
}

} // namespace

QJsonValue JsonValue::fromVariant(const QVariant &value)
{
    switch (kindOf(value)) {
    case JsonKind::Null:
        return QJsonValue::Null;
    case JsonKind::Bool:
        return value.toBool();
    case JsonKind::Integer:
        return value.toLongLong();
    case JsonKind::Real:
        return value.toDouble();
    case JsonKind::Text:
        break;
    }
    return textOf(value);
}

QJsonObject JsonValue::fromMap(const QVariantMap &map)
{
    QJsonObject object;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        object.insert(it.key(), fromVariant(it.value()));
    return object;
}

void JsonValue::appendJsonString(QByteArray &out, QStringView text)
{
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    // Column names and most values are plain ASCII: copy those without a UTF-8 copy.
    bool plain = true;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u < 0x20 || u >= 0x7f || u == '"' || u == '\\') {
            plain = false;
            break;
        }
    }
    if (plain) {
        const qsizetype at = out.size();
        out.resize(at + text.size());
        char *to = out.data() + at;
        for (const QChar c : text)
            *to++ = char(c.unicode());
        out += '"';
        return;
    }
    const QByteArray utf8 = text.toUtf8();
    for (const char c : utf8) {
        const auto byte = static_cast<unsigned char>(c);
        switch (byte) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (byte < 0x20) {
                out += "\\u00";
                out += hex[byte >> 4];
                out += hex[byte & 0xf];
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

void JsonValue::appendJson(QByteArray &out, const QVariant &value)
{
    switch (kindOf(value)) {
    case JsonKind::Null:
        out += "null";
        return;
    case JsonKind::Bool:
        out += value.toBool() ? "true" : "false";
        return;
    case JsonKind::Integer:
        out += QByteArray::number(value.toLongLong());
        return;
    case JsonKind::Real: {
        const double d = value.toDouble();
        out += qIsFinite(d) ? QByteArray::number(d, 'g', QLocale::FloatingPointShortest) : QByteArray("null");
        return;
    }
    case JsonKind::Text:
        if (value.typeId() == QMetaType::QString)
            appendJsonString(out, *static_cast<const QString *>(value.constData()));
        else
            appendJsonString(out, textOf(value));
        return;
    }
}

bool JsonValue::sameValue(const QVariant &a, const QVariant &b)
{
    if (a.isNull() || b.isNull())
        return a.isNull() == b.isNull();
    if (a.typeId() == b.typeId())
        return a == b;
    return a.toString() == b.toString();
}

} // namespace Concord
