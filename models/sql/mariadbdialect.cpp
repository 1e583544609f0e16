#include "mariadbdialect.h"

#include "dialecttraits.h"
#include "tableschema.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QRegularExpression>
#include <QSqlField>
#include <QSqlQuery>

namespace Concord {

const DialectTraits &MariaDbDialect::traits()
{
    // CLIENT_FOUND_ROWS: an UPDATE that matches a row counts it even when it changes
    // nothing, or a save of unchanged values would look like a conflict.
    static const DialectTraits traits{Kind::MariaDB, {QStringLiteral("mysql"), QStringLiteral("mariadb")}, QStringLiteral("QMYSQL"),
                                      QStringLiteral("CLIENT_FOUND_ROWS=1;MYSQL_OPT_CONNECT_TIMEOUT=10"), 3306,
                                      QT_TRANSLATE_NOOP("Concord::DialectTraits", "MariaDB / MySQL server")};
    return traits;
}

QString MariaDbDialect::nullSafeEquals(const QString &lhs, const QString &rhs) const
{
    return lhs + QLatin1String(" <=> ") + rhs;
}

bool MariaDbDialect::bulkUpdateFits(const QSqlField &pk) const
{
    return TableSchema::isIntegerType(pk.metaType());
}

QString MariaDbDialect::bulkUpdateSql(const QString &table, const QList<std::pair<QString, QString>> &sets,
                                      const QString &source, const QString &match, const QString &) const
{
    // STRAIGHT_JOIN reads the chunk's rows first and FORCE INDEX finds each row of the table
    // by its key, however small the table: a scan would lock (and wait for) rows the batch
    // did not lock first. The targets are qualified: the rows' columns could share a name.
    QStringList assignments;
    assignments.reserve(sets.size());
    for (const auto &[column, value] : sets)
        assignments.append(table + QLatin1Char('.') + column + QLatin1String(" = ") + value);
    return QStringLiteral("UPDATE %1 STRAIGHT_JOIN %2 FORCE INDEX (PRIMARY) ON %3 SET %4")
            .arg(source, table, match, assignments.join(QStringLiteral(", ")));
}

QString MariaDbDialect::valuesRowsSource(const QStringList &firstMarks, const QStringList &names, qsizetype rowCount,
                                         const QString &alias) const
{
    // Each SELECT of a UNION is typed from its own values when the statement runs, and the
    // union's column takes a type that holds them all.
    QStringList first;
    first.reserve(firstMarks.size());
    for (qsizetype c = 0; c < firstMarks.size(); ++c)
        first.append(firstMarks.at(c) + QLatin1String(" AS ") + names.at(c));
    const QString other = QLatin1String(" UNION ALL SELECT ")
            + QStringList(firstMarks.size(), QStringLiteral("?")).join(QLatin1Char(','));
    QString rows = QLatin1String("SELECT ") + first.join(QStringLiteral(", "));
    rows.reserve(rows.size() + rowCount * other.size());
    for (qsizetype i = 1; i < rowCount; ++i)
        rows += other;
    return QStringLiteral("(%1) AS %2").arg(rows, alias);
}

QString MariaDbDialect::typedPlaceholder(const ColumnInfo &column) const
{
    switch (column.kind) {
    case ColumnInfo::Kind::Text:
        return QStringLiteral("CAST(? AS CHAR)");
    case ColumnInfo::Kind::Binary:
        return QStringLiteral("CAST(? AS BINARY)");
    default:
        return QStringLiteral("?");
    }
}

Result<void> MariaDbDialect::begin(QSqlDatabase &db, int lockTimeoutMs) const
{
    // InnoDB's default REPEATABLE READ answers plain reads from a snapshot taken at the
    // transaction's first read, while UPDATE checks the latest row: a save whose check
    // failed would read the row back as it was, showing a conflict without their change.
    // READ COMMITTED (for this transaction only) reads what the check saw, as PostgreSQL.
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")))
        return DbError::fromQuery(query, SqlDialect::tr("Could not begin a transaction"));
    return SqlDialect::begin(db, lockTimeoutMs);
}

SqlDialect::LockFailure MariaDbDialect::lockFailure(const DbError &error) const
{
    // ER_LOCK_WAIT_TIMEOUT, ER_LOCK_DEADLOCK.
    if (error.nativeCode == QLatin1String("1205"))
        return LockFailure::LockTimeout;
    if (error.nativeCode == QLatin1String("1213"))
        return LockFailure::Deadlock;
    return LockFailure::None;
}

bool MariaDbDialect::transactionSurvives(QSqlDatabase &db, LockFailure failure) const
{
    // InnoDB answers a deadlock by rolling back the whole transaction. A lock wait timeout
    // undoes only the statement, unless the server runs with innodb_rollback_on_timeout:
    // the server says which.
    if (failure == LockFailure::Deadlock || failure == LockFailure::SerializationFailure)
        return false;
    QSqlQuery query(db);
    return query.exec(QStringLiteral("SELECT @@in_transaction")) && query.next() && query.value(0).toInt() == 1;
}

QStringList MariaDbDialect::lockTimeoutSql(int ms) const
{
    // SESSION, as InnoDB has no per-transaction setting; every transaction sets it again.
    // At least a second: with 0, MariaDB 10.11 fails SELECT … SKIP LOCKED with error 1180.
    return {QStringLiteral("SET SESSION innodb_lock_wait_timeout = %1").arg(std::max(ms / 1000, 1))};
}

Result<QList<ColumnInfo>> MariaDbDialect::readColumns(QSqlDatabase db, const QString &table) const
{
    QList<ColumnInfo> columns;
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA "
                                 "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? "
                                 "ORDER BY ORDINAL_POSITION"));
    query.addBindValue(table);
    if (!query.exec())
        return DbError::fromQuery(query, SqlDialect::tr("Could not read the columns of %1").arg(table));
    while (query.next()) {
        ColumnInfo column;
        column.name = query.value(0).toString();
        column.sqlType = query.value(1).toString();
        column.nullable = query.value(2).toString() == QLatin1String("YES");
        // Since 10.2.7 a literal default is quoted and an explicit DEFAULT NULL reads 'NULL'.
        column.defaultSql = query.value(3).toString();
        column.hasDefault = !query.value(3).isNull() && column.defaultSql != QLatin1String("NULL");
        const QString extra = query.value(4).toString().toLower();
        column.generated = extra.contains(QLatin1String("auto_increment")) || extra.contains(QLatin1String("generated"));
        const QString type = column.sqlType.toLower();
        column.isUnsigned = type.contains(QLatin1String("unsigned"));
        if (type.startsWith(QLatin1String("tinyint(1)"))) {
            column.kind = ColumnInfo::Kind::Boolean;
        } else if (type.startsWith(QLatin1String("enum("))) {
            column.kind = ColumnInfo::Kind::Text;
            column.allowedValues = ColumnInfo::parseValueList(QStringView(column.sqlType).mid(5, column.sqlType.size() - 6), true);
        } else if (type.startsWith(QLatin1String("set("))) {
            column.kind = ColumnInfo::Kind::Other;
        } else {
            column.kind = ColumnInfo::kindOfDeclared(column.sqlType);
        }
        if (type.startsWith(QLatin1String("tinyint")))
            column.integerBytes = 1;
        else if (type.startsWith(QLatin1String("smallint")))
            column.integerBytes = 2;
        else if (type.startsWith(QLatin1String("mediumint")))
            column.integerBytes = 3;
        else if (type.startsWith(QLatin1String("int")))
            column.integerBytes = 4;
        column.readModifiers(column.sqlType);
        columns.append(column);
    }

    // Column-level CHECK (col IN (…)) lists, printed as "`col` in ('a','b')".
    query.prepare(QStringLiteral("SELECT CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS "
                                 "WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = ?"));
    query.addBindValue(table);
    if (query.exec()) {
        static const QRegularExpression in(QStringLiteral("^\\s*`?([^`\\s]+)`?\\s+in\\s*\\((.*)\\)\\s*$"),
                                           QRegularExpression::CaseInsensitiveOption);
        while (query.next()) {
            const QRegularExpressionMatch match = in.match(query.value(0).toString());
            if (!match.hasMatch())
                continue;
            for (ColumnInfo &column : columns) {
                if (column.name == match.captured(1)) {
                    const QStringList values = ColumnInfo::parseValueList(match.capturedView(2), true);
                    if (!values.isEmpty())
                        column.allowedValues = values;
                }
            }
        }
    }

    // Single-column foreign keys.
    query.prepare(QStringLiteral("SELECT CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME "
                                 "FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = DATABASE() "
                                 "AND TABLE_NAME = ? AND REFERENCED_TABLE_NAME IS NOT NULL"));
    query.addBindValue(table);
    if (!query.exec())
        return DbError::fromQuery(query, SqlDialect::tr("Could not read the foreign keys of %1").arg(table));
    QHash<QString, QStringList> constraint;
    QHash<QString, QPair<QString, QString>> target;
    while (query.next()) {
        constraint[query.value(0).toString()].append(query.value(1).toString());
        target.insert(query.value(0).toString(), {query.value(2).toString(), query.value(3).toString()});
    }
    for (auto it = constraint.cbegin(); it != constraint.cend(); ++it) {
        if (it->size() != 1)
            continue;
        for (ColumnInfo &column : columns) {
            if (column.name == it->first()) {
                column.referencedTable = target.value(it.key()).first;
                column.referencedColumn = target.value(it.key()).second;
            }
        }
    }
    return columns;
}

QString MariaDbDialect::selectExpression(const ColumnInfo &column) const
{
    switch (column.kind) {
    case ColumnInfo::Kind::Date:
    case ColumnInfo::Kind::Time:
    case ColumnInfo::Kind::DateTime:
        return QStringLiteral("CAST(%1 AS CHAR) AS %1").arg(quoteField(column.name));
    default:
        return SqlDialect::selectExpression(column);
    }
}

QStringList MariaDbDialect::createTriggerSql(const QString &table, const QString &,
                                             const QString &versionColumn) const
{
    const QString v = quoteField(versionColumn);
    return { QStringLiteral("CREATE TRIGGER IF NOT EXISTS %1 BEFORE UPDATE ON %2 FOR EACH ROW "
                            "SET NEW.%3 = IF(NEW.%3 <=> OLD.%3, COALESCE(OLD.%3, 0) + 1, NEW.%3)")
                     .arg(quoteField(triggerName(table, versionColumn)), quoteTable(table), v) };
}

QStringList MariaDbDialect::dropTriggerSql(const QString &table, const QString &versionColumn) const
{
    return { QStringLiteral("DROP TRIGGER IF EXISTS %1")
                     .arg(quoteField(triggerName(table, versionColumn))) };
}

QString MariaDbDialect::listTriggersSql() const
{
    return QStringLiteral("SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE FROM information_schema.TRIGGERS "
                          "WHERE TRIGGER_SCHEMA = DATABASE() AND TRIGGER_NAME LIKE 'concord\\_%' "
                          "ORDER BY TRIGGER_NAME");
}

QString MariaDbDialect::estimatedRowsSql(const QSqlDatabase &, const QString &table) const
{
    // InnoDB's sampled figure: within a few tens of per cent, read without touching the rows.
    return QStringLiteral("SELECT TABLE_ROWS FROM information_schema.TABLES "
                          "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = %1")
            .arg(literal(table));
}

namespace {

/// The first "table" object of an EXPLAIN FORMAT=JSON plan, wherever it is nested.
QJsonObject firstTable(const QJsonValue &value)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        if (object.value(QLatin1String("table")).isObject())
            return object.value(QLatin1String("table")).toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (const QJsonObject found = firstTable(it.value()); !found.isEmpty())
                return found;
        }
    } else if (value.isArray()) {
        for (const QJsonValue &item : value.toArray()) {
            if (const QJsonObject found = firstTable(item); !found.isEmpty())
                return found;
        }
    }
    return {};
}

} // namespace

std::optional<qint64> MariaDbDialect::plannedRows(const QSqlDatabase &db, const QString &select) const
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("EXPLAIN FORMAT=JSON ") + select) || !query.next())
        return std::nullopt;
    // The rows the table's access reads, times the share its condition is thought to keep.
    const QJsonObject table = firstTable(QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object());
    if (!table.value(QLatin1String("rows")).isDouble())
        return std::nullopt;
    const double kept = table.value(QLatin1String("filtered")).toDouble(100) / 100;
    return qint64(table.value(QLatin1String("rows")).toDouble() * kept);
}

} // namespace Concord
