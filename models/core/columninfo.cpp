#include "columninfo.h"

#include <QDate>
#include <QDateTime>
#include <QLocale>
#include <QRegularExpression>
#include <QTime>

#include <limits>

namespace Concord {

ColumnInfo::Kind ColumnInfo::kindOfDeclared(const QString &declared)
{
    const QString type = declared.trimmed().toUpper();
    if (type.isEmpty())
        return Kind::Other;
    if (type.startsWith(QLatin1String("BOOL")))
        return Kind::Boolean;
    // Before "INT": an interval or a point is not an integer.
    if (type.startsWith(QLatin1String("INTERVAL")) || type.contains(QLatin1String("POINT")))
        return Kind::Other;
    if (type.contains(QLatin1String("INT")) || type == QLatin1String("YEAR") || type == QLatin1String("OID"))
        return Kind::Integer;
    if (type.startsWith(QLatin1String("DECIMAL")) || type.startsWith(QLatin1String("NUMERIC"))
        || type.startsWith(QLatin1String("NUMBER")) || type.startsWith(QLatin1String("DEC(")))
        return Kind::Decimal;
    if (type.contains(QLatin1String("REAL")) || type.contains(QLatin1String("FLOA")) || type.contains(QLatin1String("DOUB")))
        return Kind::Float;
    if (type.startsWith(QLatin1String("DATETIME")) || type.startsWith(QLatin1String("TIMESTAMP")))
        return Kind::DateTime;
    if (type.startsWith(QLatin1String("DATE")))
        return Kind::Date;
    if (type.startsWith(QLatin1String("TIME")))
        return Kind::Time;
    if (type.contains(QLatin1String("BLOB")) || type.startsWith(QLatin1String("BYTEA")) || type.contains(QLatin1String("BINARY")))
        return Kind::Binary;
    if (type.contains(QLatin1String("CHAR")) || type.contains(QLatin1String("TEXT")) || type.contains(QLatin1String("CLOB"))
        || type.startsWith(QLatin1String("STRING")))
        return Kind::Text;
    return Kind::Other;
}

void ColumnInfo::readModifiers(const QString &declared)
{
    static const QRegularExpression modifiers(QStringLiteral("\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\)"));
    const QRegularExpressionMatch match = modifiers.match(declared);
    if (!match.hasMatch())
        return;
    const int first = match.captured(1).toInt();
    switch (kind) {
    case Kind::Decimal:
        precision = first;
        scale = match.captured(2).isEmpty() ? 0 : match.captured(2).toInt();
        break;
    case Kind::Text:
        length = first;
        break;
    case Kind::Time:
    case Kind::DateTime:
        precision = first;
        break;
    default:
        break;
    }
}

bool ColumnInfo::needsNormalizing() const
{
    switch (kind) {
    case Kind::Decimal:
    case Kind::Float:
    case Kind::Boolean:
    case Kind::Date:
    case Kind::Time:
    case Kind::DateTime:
    case Kind::Text:
    case Kind::Other:
        return true;
    default:
        return false;
    }
}

QMetaType ColumnInfo::metaType() const
{
    switch (kind) {
    case Kind::Integer:
        return QMetaType(isUnsigned && integerBytes >= 8 ? QMetaType::ULongLong : QMetaType::LongLong);
    case Kind::Float:
        return QMetaType(QMetaType::Double);
    case Kind::Boolean:
        return QMetaType(QMetaType::Bool);
    case Kind::Binary:
        return QMetaType(QMetaType::QByteArray);
    default:
        return QMetaType(QMetaType::QString);
    }
}

QVariant ColumnInfo::normalized(const QVariant &value) const
{
    if (value.isNull() || !value.isValid())
        return value;
    const int type = value.typeId();
    switch (kind) {
    case Kind::Decimal:
        // SQLite keeps a decimal as the REAL (or INTEGER) it stored: its shortest exact text.
        if (type == QMetaType::Double)
            return QString::number(value.toDouble(), 'f', QLocale::FloatingPointShortest);
        if (type != QMetaType::QString)
            return value.toString();
        return value;
    case Kind::Float:
        // MariaDB hands floats over as text under the high-precision policy.
        if (type == QMetaType::QString) {
            bool ok = false;
            const double number = value.toString().toDouble(&ok);
            return ok ? QVariant(number) : value;
        }
        return value;
    case Kind::Boolean:
        if (type == QMetaType::Bool)
            return value;
        if (type == QMetaType::QString) {
            const QString text = value.toString().toLower();
            if (text == QLatin1String("t") || text == QLatin1String("true"))
                return true;
            if (text == QLatin1String("f") || text == QLatin1String("false"))
                return false;
        }
        {
            bool ok = false;
            const qint64 number = value.toLongLong(&ok);
            return ok ? QVariant(number != 0) : value;
        }
    case Kind::Date:
        return type == QMetaType::QDate ? QVariant(value.toDate().toString(Qt::ISODate)) : value;
    case Kind::Time:
        return type == QMetaType::QTime ? QVariant(value.toTime().toString(Qt::ISODateWithMs)) : value;
    case Kind::DateTime:
        return type == QMetaType::QDateTime ? QVariant(value.toDateTime().toString(Qt::ISODateWithMs)) : value;
    case Kind::Text:
    case Kind::Other:
        // QMYSQL hands text with a binary collation (JSON columns, utf8mb4_bin) over as bytes.
        return type == QMetaType::QByteArray ? QVariant(QString::fromUtf8(value.toByteArray())) : value;
    default:
        return value;
    }
}

qint64 ColumnInfo::minimum() const
{
    if (isUnsigned)
        return 0;
    if (integerBytes >= 8)
        return std::numeric_limits<qint64>::min();
    return -(qint64(1) << (integerBytes * 8 - 1));
}

quint64 ColumnInfo::maximum() const
{
    if (integerBytes >= 8)
        return isUnsigned ? std::numeric_limits<quint64>::max() : quint64(std::numeric_limits<qint64>::max());
    const int bits = integerBytes * 8 - (isUnsigned ? 0 : 1);
    return (quint64(1) << bits) - 1;
}

QStringList ColumnInfo::parseValueList(QStringView list, bool backslashEscapes)
{
    QStringList values;
    qsizetype i = 0;
    const auto skipSpace = [&] {
        while (i < list.size() && list.at(i).isSpace())
            ++i;
    };
    while (true) {
        skipSpace();
        if (i >= list.size())
            break;
        QString value;
        if (list.at(i) == QLatin1Char('\'')) {
            ++i;
            bool closed = false;
            while (i < list.size()) {
                if (backslashEscapes && list.at(i) == QLatin1Char('\\') && i + 1 < list.size()) {
                    value += list.at(i + 1);
                    i += 2;
                    continue;
                }
                if (list.at(i) == QLatin1Char('\'')) {
                    if (i + 1 < list.size() && list.at(i + 1) == QLatin1Char('\'')) {
                        value += QLatin1Char('\'');
                        i += 2;
                        continue;
                    }
                    ++i;
                    closed = true;
                    break;
                }
                value += list.at(i++);
            }
            if (!closed)
                return {};
        } else {
            const qsizetype start = i;
            while (i < list.size() && list.at(i) != QLatin1Char(',') && list.at(i) != QLatin1Char(':'))
                ++i;
            value = list.mid(start, i - start).trimmed().toString();
            if (value.isEmpty())
                return {};
        }
        // A cast after the value ("'a'::character varying") is the catalog's spelling.
        if (i + 1 < list.size() && list.at(i) == QLatin1Char(':') && list.at(i + 1) == QLatin1Char(':')) {
            while (i < list.size() && list.at(i) != QLatin1Char(','))
                ++i;
        }
        values.append(value);
        skipSpace();
        if (i >= list.size())
            break;
        if (list.at(i) != QLatin1Char(','))
            return {};
        ++i;
    }
    return values;
}

QString ColumnInfo::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Integer: return QStringLiteral("integer");
    case Kind::Decimal: return QStringLiteral("decimal");
    case Kind::Float: return QStringLiteral("float");
    case Kind::Boolean: return QStringLiteral("boolean");
    case Kind::Text: return QStringLiteral("text");
    case Kind::Date: return QStringLiteral("date");
    case Kind::Time: return QStringLiteral("time");
    case Kind::DateTime: return QStringLiteral("datetime");
    case Kind::Binary: return QStringLiteral("binary");
    case Kind::Other: return QStringLiteral("other");
    }
    return QString();
}

} // namespace Concord
