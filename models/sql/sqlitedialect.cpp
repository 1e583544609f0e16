#include "sqlitedialect.h"

#include "dialecttraits.h"
#include "sqlitestatement.h"

#include <QCoreApplication>
#include <QHash>
#include <QRegularExpression>
#include <QSqlIndex>
#include <QSqlQuery>

namespace Concord {

sqlite3 *SqliteDialect::nativeHandle(const QSqlDatabase &db) const
{
    return SqliteStatement::handleOf(db);
}

const DialectTraits &SqliteDialect::traits()
{
    // Two writers wait for each other (up to the lock timeout Concord sets per save)
    // instead of failing at once.
    static const DialectTraits traits{Kind::SQLite, {QStringLiteral("sqlite")}, QStringLiteral("QSQLITE"),
                                      QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"), 0,
                                      QT_TRANSLATE_NOOP("Concord::DialectTraits", "SQLite file")};
    return traits;
}

QString SqliteDialect::nullSafeEquals(const QString &lhs, const QString &rhs) const
{
    return lhs + QLatin1String(" IS ") + rhs;
}

Result<void> SqliteDialect::begin(QSqlDatabase &db, int lockTimeoutMs) const
{
    if (lockTimeoutMs >= 0) {
        QSqlQuery pragma(db);
        for (const QString &sql : lockTimeoutSql(lockTimeoutMs)) {
            if (!pragma.exec(sql))
                return DbError::fromQuery(pragma, SqlDialect::tr("Could not set the lock timeout"));
        }
    }
    // A deferred transaction that reads first and writes later can fail to upgrade
    // its lock when another writer got in between; IMMEDIATE takes the write lock now,
    // so a check and the write that follows it see the same rows.
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return DbError::fromQuery(query, SqlDialect::tr("Could not begin a transaction"));
    return {};
}

SqlDialect::LockFailure SqliteDialect::lockFailure(const DbError &error) const
{
    // SQLITE_BUSY and SQLITE_LOCKED, with or without an extended code in the upper bits.
    bool ok = false;
    const int code = error.nativeCode.toInt(&ok) & 0xff;
    return ok && (code == 5 || code == 6) ? LockFailure::LockTimeout : LockFailure::None;
}

QString SqliteDialect::errorHint(const DbError &error) const
{
    if (error.serverMessage.contains(QLatin1String("FOREIGN KEY"), Qt::CaseInsensitive))
        return SqlDialect::tr("rows of another table still refer to them");
    return QString();
}

QStringList SqliteDialect::lockTimeoutSql(int ms) const
{
    // The whole database is the lock: this bounds how long BEGIN IMMEDIATE waits for it.
    return {QStringLiteral("PRAGMA busy_timeout = %1").arg(std::max(ms, 0))};
}

Result<QList<ColumnInfo>> SqliteDialect::readColumns(QSqlDatabase db, const QString &table) const
{
    // SQLite types are affinities: the declared type is all there is to go on.
    QList<ColumnInfo> columns;
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA table_info(%1)").arg(quoteTable(table))))
        return DbError::fromQuery(query, SqlDialect::tr("Could not read the columns of %1").arg(table));
    int keyColumns = 0;
    while (query.next()) {
        ColumnInfo column;
        column.name = query.value(1).toString();
        column.sqlType = query.value(2).toString();
        column.kind = ColumnInfo::kindOfDeclared(column.sqlType);
        column.readModifiers(column.sqlType);
        // NUMERIC affinity stores a decimal as a REAL, of which SQLite keeps 15 digits.
        if (column.kind == ColumnInfo::Kind::Decimal)
            column.keptDigits = 15;
        column.nullable = query.value(3).toInt() == 0;
        column.defaultSql = query.value(4).toString();
        column.hasDefault = !query.value(4).isNull() && column.defaultSql.compare(QLatin1String("NULL"), Qt::CaseInsensitive) != 0;
        // An INTEGER PRIMARY KEY is the rowid: SQLite assigns it.
        column.generated = query.value(5).toInt() == 1 && column.sqlType.compare(QLatin1String("INTEGER"), Qt::CaseInsensitive) == 0;
        keyColumns += query.value(5).toInt() > 0 ? 1 : 0;
        columns.append(column);
    }
    if (keyColumns != 1) {
        for (ColumnInfo &column : columns)
            column.generated = false;
    }

    // CHECK (col IN (…)) lists, from the table's own CREATE statement.
    query.prepare(QStringLiteral("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?"));
    query.addBindValue(table);
    if (query.exec() && query.next()) {
        static const QRegularExpression check(
                QStringLiteral("CHECK\\s*\\(\\s*[\"`\\[]?(\\w+)[\"`\\]]?\\s+IN\\s*\\(([^()]*)\\)\\s*\\)"),
                QRegularExpression::CaseInsensitiveOption);
        auto it = check.globalMatch(query.value(0).toString());
        while (it.hasNext()) {
            const QRegularExpressionMatch match = it.next();
            for (ColumnInfo &column : columns) {
                if (column.name.compare(match.captured(1), Qt::CaseInsensitive) == 0) {
                    const QStringList values = ColumnInfo::parseValueList(match.capturedView(2));
                    if (!values.isEmpty())
                        column.allowedValues = values;
                }
            }
        }
    }

    // Single-column foreign keys; a missing "to" column means the parent's primary key.
    if (!query.exec(QStringLiteral("PRAGMA foreign_key_list(%1)").arg(quoteTable(table))))
        return columns;
    QHash<int, QList<QStringList>> keys;
    while (query.next())
        keys[query.value(0).toInt()].append({query.value(3).toString(), query.value(2).toString(), query.value(4).toString()});
    for (const QList<QStringList> &key : std::as_const(keys)) {
        if (key.size() != 1)
            continue;
        for (ColumnInfo &column : columns) {
            if (column.name == key.first().at(0)) {
                column.referencedTable = key.first().at(1);
                column.referencedColumn = key.first().at(2);
                if (column.referencedColumn.isEmpty()) {
                    const QSqlIndex parentKey = db.primaryIndex(column.referencedTable);
                    if (parentKey.count() == 1)
                        column.referencedColumn = parentKey.fieldName(0);
                }
            }
        }
    }
    return columns;
}

QStringList SqliteDialect::createTriggerSql(const QString &table, const QString &pkColumn,
                                            const QString &versionColumn) const
{
    const QString t = quoteTable(table);
    const QString v = quoteField(versionColumn);
    const QString pk = quoteField(pkColumn);
    // AFTER trigger with a guard: it bumps only when the UPDATE left the version alone,
    // so its own UPDATE never fires it again, even with recursive_triggers on.
    return { QStringLiteral("CREATE TRIGGER IF NOT EXISTS %1 AFTER UPDATE ON %2 FOR EACH ROW "
                            "WHEN NEW.%3 IS OLD.%3 BEGIN "
                            "UPDATE %2 SET %3 = COALESCE(OLD.%3, 0) + 1 WHERE %4 = NEW.%4; END")
                     .arg(quoteField(triggerName(table, versionColumn)), t, v, pk) };
}

QStringList SqliteDialect::dropTriggerSql(const QString &table, const QString &versionColumn) const
{
    return { QStringLiteral("DROP TRIGGER IF EXISTS %1")
                     .arg(quoteField(triggerName(table, versionColumn))) };
}

QString SqliteDialect::listTriggersSql() const
{
    return QStringLiteral("SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger' "
                          "AND name LIKE 'concord\\_%' ESCAPE '\\' ORDER BY name");
}

QStringList SqliteDialect::sessionSetupSql() const
{
    return { QStringLiteral("PRAGMA foreign_keys = ON") };
}

QString SqliteDialect::estimatedRowsSql(const QSqlDatabase &db, const QString &table) const
{
    // The largest rowid is read from the end of the table's b-tree; it overstates the rows
    // by the deletes since. An in-memory database has no second connection to count on.
    if (!hasSecondConnection(db))
        return QString();
    return QStringLiteral("SELECT MAX(rowid) FROM %1").arg(quoteTable(table));
}

bool SqliteDialect::hasSecondConnection(const QSqlDatabase &db) const
{
    const QString file = db.databaseName();
    return !file.isEmpty() && !file.contains(QLatin1String(":memory:")) && !file.contains(QLatin1String("mode=memory"));
}

} // namespace Concord
