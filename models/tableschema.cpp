#include "tableschema.h"

#include <QDate>
#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlField>
#include <QSqlDriver>
#include <QSqlIndex>
#include <QSqlQuery>

namespace Concord {

namespace {

bool isInternalTable(const QString &name)
{
    return name.startsWith(QLatin1String("concord_"), Qt::CaseInsensitive)
            || name.startsWith(QLatin1String("sqlite_"), Qt::CaseInsensitive);
}

/// SQLite's own reading of a declared type (its affinity rules), which Qt's driver
/// does not apply: to Qt, "BIGINT" or "VARCHAR(20)" are plain strings.
QMetaType sqliteType(const QString &declared)
{
    const QString type = declared.toUpper();
    if (type.contains(QLatin1String("INT")))
        return QMetaType(QMetaType::LongLong);
    if (type.contains(QLatin1String("CHAR")) || type.contains(QLatin1String("CLOB")) || type.contains(QLatin1String("TEXT")))
        return QMetaType(QMetaType::QString);
    if (type.contains(QLatin1String("BLOB")))
        return QMetaType(QMetaType::QByteArray);
    if (type.contains(QLatin1String("REAL")) || type.contains(QLatin1String("FLOA")) || type.contains(QLatin1String("DOUB"))
        || type.startsWith(QLatin1String("NUMERIC")) || type.startsWith(QLatin1String("DECIMAL")))
        return QMetaType(QMetaType::Double);
    if (type.startsWith(QLatin1String("BOOL")))
        return QMetaType(QMetaType::Bool);
    if (type == QLatin1String("DATE"))
        return QMetaType(QMetaType::QDate);
    if (type.startsWith(QLatin1String("DATETIME")) || type.startsWith(QLatin1String("TIMESTAMP")))
        return QMetaType(QMetaType::QDateTime);
    return QMetaType(QMetaType::QString);
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
    if (table.isEmpty())
        return DbError::badInput(QStringLiteral("No table was named."));
    const QString actual = findName(db.tables(QSql::Tables), table);
    if (actual.isEmpty())
        return DbError::badInput(QStringLiteral("There is no table named \"%1\".").arg(table));

    TableSchema schema;
    schema.m_name = actual;
    schema.m_record = db.record(actual);
    if (db.driver()->dbmsType() == QSqlDriver::SQLite) {
        QSqlQuery info(db);
        if (info.exec(QStringLiteral("PRAGMA table_info(%1)").arg(db.driver()->escapeIdentifier(actual, QSqlDriver::TableName)))) {
            while (info.next()) {
                const int i = schema.m_record.indexOf(info.value(1).toString());
                if (i < 0)
                    continue;
                QSqlField field = schema.m_record.field(i);
                field.setMetaType(sqliteType(info.value(2).toString()));
                schema.m_record.replace(i, field);
            }
        }
    }
    const QSqlIndex pk = db.primaryIndex(actual);
    if (pk.count() == 1)
        schema.m_primaryKey = pk.fieldName(0);
    for (int i = 0; i < schema.m_record.count(); ++i) {
        schema.m_columns.append(schema.m_record.fieldName(i));
        schema.m_indexOf.insert(schema.m_columns.last(), i);
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

QMetaType TableSchema::columnType(const QString &column) const
{
    return m_record.field(column).metaType();
}

Result<QVariant> TableSchema::coerce(const QString &name, const QVariant &value) const
{
    const QString col = column(name);
    if (col.isEmpty())
        return DbError::badInput(QStringLiteral("Table \"%1\" has no column named \"%2\".").arg(m_name, name));
    if (value.isNull())
        return QVariant();

    const auto wrongType = [&](const QString &expected) {
        return DbError::badInput(QStringLiteral("Column \"%1\" of \"%2\" takes %3, not \"%4\".")
                                         .arg(col, m_name, expected, value.toString()));
    };

    switch (columnType(col).id()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Short:
    case QMetaType::UShort: {
        bool ok = false;
        qint64 number = 0;
        if (value.typeId() == QMetaType::Double) {
            const double d = value.toDouble();
            ok = d == double(qint64(d));
            number = qint64(d);
        } else if (value.typeId() == QMetaType::Bool) {
            ok = false;
        } else {
            number = value.toString().trimmed().toLongLong(&ok);
        }
        if (!ok)
            return wrongType(QStringLiteral("whole numbers"));
        return QVariant(number);
    }
    case QMetaType::Double:
    case QMetaType::Float: {
        bool ok = false;
        const double number = value.typeId() == QMetaType::Bool
                ? 0.0 : value.toString().trimmed().toDouble(&ok);
        if (!ok)
            return wrongType(QStringLiteral("numbers"));
        return QVariant(number);
    }
    case QMetaType::Bool: {
        if (value.typeId() == QMetaType::Bool)
            return value;
        const QString text = value.toString().trimmed().toLower();
        if (text == QLatin1String("true") || text == QLatin1String("1"))
            return QVariant(true);
        if (text == QLatin1String("false") || text == QLatin1String("0"))
            return QVariant(false);
        return wrongType(QStringLiteral("true or false"));
    }
    case QMetaType::QDate: {
        const QDate date = QDate::fromString(value.toString().trimmed(), Qt::ISODate);
        if (!date.isValid())
            return wrongType(QStringLiteral("dates (YYYY-MM-DD)"));
        return QVariant(date);
    }
    case QMetaType::QDateTime: {
        const QDateTime when = QDateTime::fromString(value.toString().trimmed(), Qt::ISODateWithMs);
        if (!when.isValid())
            return wrongType(QStringLiteral("date-times (YYYY-MM-DDTHH:MM:SS)"));
        return QVariant(when);
    }
    default:
        if (value.typeId() == QMetaType::QVariantMap || value.typeId() == QMetaType::QVariantList)
            return wrongType(QStringLiteral("text"));
        return QVariant(value.toString());
    }
}

bool TableSchema::isIntegerType(QMetaType type)
{
    switch (type.id()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Short:
    case QMetaType::UShort:
        return true;
    default:
        return false;
    }
}

} // namespace Concord
