#include "valueformat.h"

#include "tableschema.h"
#include "versionedtablemodel.h"

#include <QColor>
#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QFont>
#include <QJsonDocument>
#include <QJsonValue>
#include <QLocale>
#include <QPalette>
#include <QRegularExpression>
#include <QTime>

namespace Concord {

namespace {

bool isFloatingPoint(const QVariant &value)
{
    return value.typeId() == QMetaType::Double || value.typeId() == QMetaType::Float;
}

// The shortest text that reads back to the same double; QVariant and the item delegates
// round to six significant digits ("1.23457e+06").
QString shortest(double number)
{
    return QString::number(number, 'g', QLocale::FloatingPointShortest);
}

// A decimal written with at least its declared scale: "12.5" in a DECIMAL(8,2) is "12.50".
// Only zeros are added, so the value is the same; places beyond the scale (SQLite keeps
// whatever REAL it was given) are never cut. Text that is no plain number stays as it is.
QString withScale(QString text, int scale)
{
    static const QRegularExpression plain(QStringLiteral("^[+-]?\\d+(\\.\\d*)?$"));
    if (scale <= 0 || !plain.match(text).hasMatch())
        return text;
    const qsizetype point = text.indexOf(QLatin1Char('.'));
    const qsizetype places = point < 0 ? 0 : text.size() - point - 1;
    if (point < 0)
        text += QLatin1Char('.');
    if (places < scale)
        text += QString(scale - places, QLatin1Char('0'));
    return text;
}

QString timeText(const QTime &time)
{
    return time.toString(time.msec() ? Qt::ISODateWithMs : Qt::ISODate);
}

QString dateTimeText(const QDateTime &when)
{
    QString text = when.toString(when.time().msec() ? Qt::ISODateWithMs : Qt::ISODate);
    text.replace(10, 1, QLatin1Char(' '));
    return text;
}

// By the value's own type, for columns the catalog says nothing useful about.
QString textByType(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QMetaType::Double:
    case QMetaType::Float:
        return shortest(value.toDouble());
    case QMetaType::QDate:
        return value.toDate().toString(Qt::ISODate);
    case QMetaType::QTime:
        return timeText(value.toTime());
    case QMetaType::QDateTime:
        return dateTimeText(value.toDateTime());
    case QMetaType::QByteArray:
        return ValueFormat::binaryText(value.toByteArray());
    default:
        return value.toString();
    }
}

} // namespace

QString ValueFormat::nullText()
{
    return QStringLiteral("NULL");
}

QString ValueFormat::defaultText()
{
    return QCoreApplication::translate("Concord::ValueFormat", "default");
}

QFont ValueFormat::placeholderFont(QFont font)
{
    font.setItalic(true);
    return font;
}

QColor ValueFormat::placeholderColor(const QPalette &palette)
{
    return palette.color(QPalette::PlaceholderText);
}

QString ValueFormat::text(const QVariant &value, const ColumnInfo &column)
{
    if (!value.isValid() || value.isNull())
        return nullText();
    if (column.kind == ColumnInfo::Kind::Binary || value.typeId() == QMetaType::QByteArray)
        return binaryText(value.toByteArray());

    switch (column.kind) {
    case ColumnInfo::Kind::Decimal:
        // Servers hand decimals over as their exact text; SQLite as the REAL or INTEGER it
        // stored, whose shortest exact text is the value.
        if (isFloatingPoint(value))
            return withScale(QString::number(value.toDouble(), 'f', QLocale::FloatingPointShortest), column.scale);
        if (TableSchema::isIntegerType(value.metaType()) || value.typeId() == QMetaType::QString)
            return withScale(value.toString(), column.scale);
        break;
    case ColumnInfo::Kind::Boolean:
        if (const std::optional<bool> flag = toBool(value))
            return *flag ? QStringLiteral("true") : QStringLiteral("false");
        break;
    case ColumnInfo::Kind::Integer:
    case ColumnInfo::Kind::Float:
    case ColumnInfo::Kind::Date:
    case ColumnInfo::Kind::Time:
    case ColumnInfo::Kind::DateTime:
    case ColumnInfo::Kind::Text:
    case ColumnInfo::Kind::Other:
    case ColumnInfo::Kind::Binary:
        break;
    }
    return textByType(value);
}

QString ValueFormat::text(const QJsonValue &value, const ColumnInfo &column)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return nullText();
    case QJsonValue::Array:
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument::fromVariant(value.toVariant()).toJson(QJsonDocument::Compact));
    case QJsonValue::String:
        // The log keeps bytes as base64 text.
        if (column.kind == ColumnInfo::Kind::Binary) {
            const auto bytes = QByteArray::fromBase64Encoding(value.toString().toLatin1(),
                                                              QByteArray::AbortOnBase64DecodingErrors);
            if (bytes)
                return binaryText(*bytes);
        }
        break;
    case QJsonValue::Bool:
    case QJsonValue::Double:
        break;
    }
    // toVariant() keeps a JSON integer a qint64: every digit past 2^53 stays.
    return text(value.toVariant(), column);
}

QString ValueFormat::editText(const QVariant &value, const ColumnInfo &column)
{
    if (!value.isValid() || value.isNull())
        return QString();
    return text(value, column);
}

QString ValueFormat::binaryType(const QByteArray &bytes)
{
    if (bytes.startsWith("\x89PNG\r\n\x1a\n"))
        return QStringLiteral("PNG");
    if (bytes.startsWith("\xff\xd8\xff"))
        return QStringLiteral("JPEG");
    if (bytes.startsWith("GIF87a") || bytes.startsWith("GIF89a"))
        return QStringLiteral("GIF");
    if (bytes.startsWith("%PDF-"))
        return QStringLiteral("PDF");
    if (bytes.startsWith("PK\x03\x04") || bytes.startsWith("PK\x05\x06"))
        return QStringLiteral("ZIP");
    return QStringLiteral("binary");
}

QString ValueFormat::binaryText(const QByteArray &bytes)
{
    return QCoreApplication::translate("Concord::ValueFormat", "<%n byte(s), %1>", nullptr, int(bytes.size()))
            .arg(binaryType(bytes));
}

std::optional<bool> ValueFormat::toBool(const QVariant &value)
{
    if (!value.isValid() || value.isNull())
        return std::nullopt;
    if (value.typeId() == QMetaType::Bool)
        return value.toBool();
    if (TableSchema::isIntegerType(value.metaType())) {
        const qlonglong number = value.toLongLong();
        if (number == 0 || number == 1)
            return number == 1;
        return std::nullopt;
    }
    const QString text = value.toString().trimmed().toLower();
    if (text == QLatin1String("t") || text == QLatin1String("true") || text == QLatin1String("1"))
        return true;
    if (text == QLatin1String("f") || text == QLatin1String("false") || text == QLatin1String("0"))
        return false;
    return std::nullopt;
}

ColumnInfo ValueFormat::columnOf(const QAbstractItemModel *model, int column)
{
    if (const auto *versioned = qobject_cast<const VersionedTableModel *>(model))
        return versioned->columnInfo(column);
    return ColumnInfo();
}

} // namespace Concord
