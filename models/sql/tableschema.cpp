#include "tableschema.h"

#include "sqldialect.h"

#include <QDate>
#include <QLocale>
#include <QRegularExpression>
#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlField>
#include <QSqlDriver>
#include <QSqlIndex>
#include <QSqlQuery>

#include <algorithm>
#include <cmath>
#include <limits>

namespace Concord {

namespace {

bool isInternalTable(const QString &name)
{
    return name.startsWith(QLatin1String("concord_"), Qt::CaseInsensitive)
            || name.startsWith(QLatin1String("sqlite_"), Qt::CaseInsensitive);
}

ColumnInfo::Kind kindOfType(QMetaType type)
{
    switch (type.id()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Short:
    case QMetaType::UShort:
        return ColumnInfo::Kind::Integer;
    case QMetaType::Double:
    case QMetaType::Float:
        return ColumnInfo::Kind::Float;
    case QMetaType::Bool:
        return ColumnInfo::Kind::Boolean;
    case QMetaType::QDate:
        return ColumnInfo::Kind::Date;
    case QMetaType::QTime:
        return ColumnInfo::Kind::Time;
    case QMetaType::QDateTime:
        return ColumnInfo::Kind::DateTime;
    case QMetaType::QByteArray:
        return ColumnInfo::Kind::Binary;
    default:
        return ColumnInfo::Kind::Text;
    }
}

QString findName(const QStringList &names, const QString &wanted)
{
    if (names.contains(wanted))
        return wanted;
    for (const QString &name : names) {
        if (name.compare(wanted, Qt::CaseInsensitive) == 0)
            return name;
    }
    return QString();
}

} // namespace

QStringList TableSchema::userTables(const QSqlDatabase &db)
{
    QStringList tables;
    const QStringList all = db.tables(QSql::Tables);
    for (const QString &table : all) {
        if (!isInternalTable(table))
            tables.append(table);
    }
    tables.sort(Qt::CaseInsensitive);
    return tables;
}

Result<TableSchema> TableSchema::load(const QSqlDatabase &db, const QString &table)
{
    if (const auto dialect = SqlDialect::create(db))
        return load(db, *dialect, table);
    return DbError::badInput(tr("This database driver is not supported."));
}

Result<TableSchema> TableSchema::load(const QSqlDatabase &db, const SqlDialect &dialect, const QString &table)
{
    if (table.isEmpty())
        return DbError::badInput(tr("No table was named."));
    const QString actual = findName(db.tables(QSql::Tables), table);
    if (actual.isEmpty())
        return DbError::badInput(tr("There is no table named \"%1\".").arg(table));

    TableSchema schema;
    schema.m_name = actual;
    schema.m_record = db.record(actual);
    const QSqlIndex pk = db.primaryIndex(actual);
    if (pk.count() == 1)
        schema.m_primaryKey = pk.fieldName(0);
    for (int i = 0; i < schema.m_record.count(); ++i) {
        schema.m_columns.append(schema.m_record.fieldName(i));
        schema.m_indexOf.insert(schema.m_columns.last(), i);
    }

    // The catalog's account of each column; a column it does not describe (a driver
    // without catalog access) is taken by its Qt type.
    auto read = dialect.readColumns(db, actual);
    if (!read)
        return read.error();
    const QList<ColumnInfo> catalog = std::move(read.value());
    schema.m_infos.reserve(schema.m_columns.size());
    for (const QString &name : std::as_const(schema.m_columns)) {
        const auto found = std::find_if(catalog.cbegin(), catalog.cend(), [&](const ColumnInfo &c) { return c.name == name; });
        if (found != catalog.cend()) {
            schema.m_infos.append(*found);
            // The field's type follows the catalog: Qt's drivers guess from type names
            // (QSQLITE takes "BIGINT" for text) or read decimals as doubles.
            const int i = schema.m_indexOf.value(name);
            QSqlField field = schema.m_record.field(i);
            field.setMetaType(found->metaType());
            schema.m_record.replace(i, field);
            continue;
        }
        ColumnInfo column;
        column.name = name;
        column.kind = kindOfType(schema.columnType(name));
        schema.m_infos.append(column);
    }
    return schema;
}

QString TableSchema::column(const QString &name) const
{
    if (m_indexOf.contains(name))
        return name;
    for (const QString &column : m_columns) {
        if (column.compare(name, Qt::CaseInsensitive) == 0)
            return column;
    }
    return QString();
}

const ColumnInfo &TableSchema::info(const QString &column) const
{
    const auto it = m_indexOf.constFind(column);
    if (it != m_indexOf.cend() && *it < m_infos.size())
        return m_infos.at(*it);
    static const ColumnInfo unknown = [] {
        ColumnInfo c;
        c.kind = ColumnInfo::Kind::Text;
        return c;
    }();
    return unknown;
}

QString TableSchema::selectList(const SqlDialect &dialect) const
{
    QStringList expressions;
    expressions.reserve(m_infos.size());
    for (const ColumnInfo &column : m_infos)
        expressions.append(dialect.selectExpression(column));
    return expressions.join(QStringLiteral(", "));
}

QMetaType TableSchema::columnType(const QString &column) const
{
    return m_record.field(column).metaType();
}

namespace {

/// One value on its way into one column: the column's words for refusing it.
struct Coercion
{
    const QString &column;
    const QString &table;
    const ColumnInfo &info;
    const QVariant &value;
    QString text;   ///< the value as text (a double in its shortest exact form)

    DbError wrongType(const QString &expected) const
    {
        return DbError::badInput(TableSchema::tr("Column \"%1\" of \"%2\" takes %3, not \"%4\".")
                                         .arg(column, table, expected, text));
    }
    bool isDouble() const { return value.typeId() == QMetaType::Double; }

    Result<QVariant> integer() const;
    Result<QVariant> decimal() const;
    Result<QVariant> floating() const;
    Result<QVariant> boolean() const;
    Result<QVariant> temporal() const;
    Result<QVariant> bytes() const;
    Result<QVariant> plainText() const;
};

Result<QVariant> Coercion::integer() const
{
    const QString range = TableSchema::tr("whole numbers from %1 to %2").arg(info.minimum()).arg(info.maximum());
    // A JSON number with a fraction or beyond 2^53 is no exact whole number.
    if (isDouble()) {
        const double d = value.toDouble();
        if (d != double(qint64(d)) || std::abs(d) > 9007199254740992.0)
            return wrongType(range);
    }
    bool ok = false;
    const QString trimmed = text.trimmed();
    if (trimmed.startsWith(QLatin1Char('-'))) {
        const qint64 number = trimmed.toLongLong(&ok);
        if (!ok || number < info.minimum())
            return wrongType(range);
        return QVariant(number);
    }
    const quint64 number = trimmed.toULongLong(&ok);
    if (!ok || number > info.maximum())
        return wrongType(range);
    if (number > quint64(std::numeric_limits<qint64>::max()))
        return QVariant(number);
    return QVariant(qint64(number));
}

Result<QVariant> Coercion::decimal() const
{
    // Kept as text: a DECIMAL never passes through a double on its way to the database.
    static const QRegularExpression decimal(QStringLiteral("^([+-]?)(\\d*)(?:\\.(\\d*))?$"));
    const QRegularExpressionMatch match = decimal.match(text.trimmed());
    if (!match.hasMatch() || (match.capturedLength(2) == 0 && match.capturedLength(3) == 0))
        return wrongType(TableSchema::tr("decimal numbers such as 1234.50"));
    QString whole = match.captured(2);
    while (whole.size() > 1 && whole.startsWith(QLatin1Char('0')))
        whole.remove(0, 1);
    if (info.scale >= 0 && match.capturedLength(3) > info.scale) {
        return wrongType(info.scale == 0 ? TableSchema::tr("whole numbers (no digits after the point)")
                                         : TableSchema::tr("numbers with at most %1 digits after the point").arg(info.scale));
    }
    const int before = info.precision - std::max(info.scale, 0);
    if (info.precision > 0 && whole.size() > before && whole != QLatin1String("0"))
        return wrongType(TableSchema::tr("numbers with at most %1 digits before the point").arg(before));
    if (info.keptDigits > 0) {
        QString digits = whole + match.captured(3);
        while (digits.startsWith(QLatin1Char('0')))
            digits.remove(0, 1);
        while (digits.endsWith(QLatin1Char('0')))
            digits.chop(1);
        if (digits.size() > info.keptDigits) {
            return DbError::badInput(TableSchema::tr("Column \"%1\" of \"%2\" keeps %3 significant digits (the "
                                                     "database stores it as a floating-point number), so \"%4\" "
                                                     "would be rounded.")
                                             .arg(column, table).arg(info.keptDigits).arg(text));
        }
    }
    QString normal = match.captured(1) == QLatin1String("-") ? QStringLiteral("-") : QString();
    normal += whole.isEmpty() ? QStringLiteral("0") : whole;
    if (match.capturedLength(3) > 0)
        normal += QLatin1Char('.') + match.captured(3);
    return QVariant(normal);
}

Result<QVariant> Coercion::floating() const
{
    if (isDouble())
        return QVariant(value.toDouble());
    bool ok = false;
    const double number = text.trimmed().toDouble(&ok);
    if (!ok)
        return wrongType(QStringLiteral("numbers"));
    return QVariant(number);
}

Result<QVariant> Coercion::boolean() const
{
    if (value.typeId() == QMetaType::Bool)
        return value;
    const QString lower = text.trimmed().toLower();
    if (lower == QLatin1String("true") || lower == QLatin1String("1") || lower == QLatin1String("t"))
        return QVariant(true);
    if (lower == QLatin1String("false") || lower == QLatin1String("0") || lower == QLatin1String("f"))
        return QVariant(false);
    return wrongType(TableSchema::tr("true or false"));
}

Result<QVariant> Coercion::temporal() const
{
    // Text, so that every fractional digit and the offset reach the database.
    const QString trimmed = text.trimmed();
    switch (info.kind) {
    case ColumnInfo::Kind::Date:
        if (!QDate::fromString(trimmed, Qt::ISODate).isValid())
            return wrongType(TableSchema::tr("dates (YYYY-MM-DD)"));
        break;
    case ColumnInfo::Kind::Time: {
        static const QRegularExpression time(
                QStringLiteral("^(\\d{2}):(\\d{2})(?::(\\d{2})(\\.\\d{1,6})?)?([+-]\\d{2}(?::?\\d{2})?)?$"));
        const QRegularExpressionMatch match = time.match(trimmed);
        if (!match.hasMatch() || match.captured(1).toInt() > 23 || match.captured(2).toInt() > 59
            || match.captured(3).toInt() > 59)
            return wrongType(TableSchema::tr("times (HH:MM:SS)"));
        break;
    }
    default: {
        static const QRegularExpression stamp(QStringLiteral(
                "^(\\d{4}-\\d{2}-\\d{2})[T ](\\d{2}):(\\d{2})(?::(\\d{2})(\\.\\d{1,6})?)?\\s*(Z|[+-]\\d{2}(?::?\\d{2})?)?$"));
        const QRegularExpressionMatch match = stamp.match(trimmed);
        if (!match.hasMatch() || !QDate::fromString(match.captured(1), Qt::ISODate).isValid()
            || match.captured(2).toInt() > 23 || match.captured(3).toInt() > 59 || match.captured(4).toInt() > 59)
            return wrongType(TableSchema::tr("date-times (YYYY-MM-DD HH:MM:SS)"));
        break;
    }
    }
    return QVariant(trimmed);
}

Result<QVariant> Coercion::bytes() const
{
    if (value.typeId() == QMetaType::QByteArray)
        return value;
    const auto decoded = QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return wrongType(TableSchema::tr("bytes written in base64"));
    return QVariant(*decoded);
}

Result<QVariant> Coercion::plainText() const
{
    if (!info.allowedValues.isEmpty() && !info.allowedValues.contains(text)) {
        const QStringList shown = info.allowedValues.mid(0, 12);
        return wrongType(TableSchema::tr("one of %1").arg(shown.join(QStringLiteral(", "))
                                                          + (info.allowedValues.size() > 12 ? QStringLiteral(", …") : QString())));
    }
    // varchar(n) counts characters, not UTF-16 units.
    const qsizetype characters = text.toUcs4().size();
    if (info.kind == ColumnInfo::Kind::Text && info.length > 0 && characters > info.length) {
        return DbError::badInput(TableSchema::tr("Column \"%1\" of \"%2\" takes at most %3 characters; \"%4…\" has %5.")
                                         .arg(column, table).arg(info.length).arg(text.left(20)).arg(characters));
    }
    return QVariant(text);
}

} // namespace

Result<QVariant> TableSchema::coerce(const QString &name, const QVariant &value) const
{
    const QString col = column(name);
    if (col.isEmpty())
        return DbError::badInput(tr("Table \"%1\" has no column named \"%2\".").arg(m_name, name));
    const ColumnInfo &info = this->info(col);
    if (value.isNull()) {
        // A generated key left NULL is the database's to fill in.
        if (!info.nullable && !info.generated)
            return DbError::badInput(tr("Column \"%1\" of \"%2\" cannot be NULL.").arg(col, m_name));
        return QVariant();
    }
    const Coercion coercion{col, m_name, info, value,
                            value.typeId() == QMetaType::Double
                                    ? QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest)
                                    : value.toString()};
    const bool structured = value.typeId() == QMetaType::QVariantMap || value.typeId() == QMetaType::QVariantList;
    if (structured || (value.typeId() == QMetaType::Bool && info.kind != ColumnInfo::Kind::Boolean))
        return coercion.wrongType(info.kind == ColumnInfo::Kind::Text ? QStringLiteral("text")
                                                                      : tr("a value of its type"));
    switch (info.kind) {
    case ColumnInfo::Kind::Integer:
        return coercion.integer();
    case ColumnInfo::Kind::Decimal:
        return coercion.decimal();
    case ColumnInfo::Kind::Float:
        return coercion.floating();
    case ColumnInfo::Kind::Boolean:
        return coercion.boolean();
    case ColumnInfo::Kind::Date:
    case ColumnInfo::Kind::Time:
    case ColumnInfo::Kind::DateTime:
        return coercion.temporal();
    case ColumnInfo::Kind::Binary:
        return coercion.bytes();
    case ColumnInfo::Kind::Text:
    case ColumnInfo::Kind::Other:
        break;
    }
    return coercion.plainText();
}

bool TableSchema::isIntegerType(QMetaType type)
{
    return kindOfType(type) == ColumnInfo::Kind::Integer;
}

} // namespace Concord
