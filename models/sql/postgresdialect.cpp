#include "postgresdialect.h"

#include "dialecttraits.h"
#include "pooling.h"
#include "sqlstatement.h"
#include "tableschema.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QSqlQuery>

#include <algorithm>

namespace Concord {

const DialectTraits &PostgresDialect::traits()
{
    static const DialectTraits traits{Kind::PostgreSQL, {QStringLiteral("postgresql"), QStringLiteral("postgres")}, QStringLiteral("QPSQL"),
                                      QStringLiteral("connect_timeout=10"), 5432,
                                      QT_TRANSLATE_NOOP("Concord::DialectTraits", "PostgreSQL server")};
    return traits;
}

bool PostgresDialect::appendArrayElement(QString &array, const QVariant &value)
{
    if (array.size() > 1)
        array += QLatin1Char(',');
    if (value.isNull() || (value.typeId() == QMetaType::QString && value.toString().isNull())) {
        array += QLatin1String("NULL");
        return true;
    }
    QString text;
    switch (value.typeId()) {
    case QMetaType::Int:
    case QMetaType::Short:
    case QMetaType::LongLong:
        text = QString::number(value.toLongLong());
        break;
    case QMetaType::UInt:
    case QMetaType::UShort:
    case QMetaType::ULongLong:
        text = QString::number(value.toULongLong());
        break;
    case QMetaType::Double:
    case QMetaType::Float:
        text = QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
        break;
    case QMetaType::Bool:
        text = value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        break;
    case QMetaType::QString:
        text = value.toString();
        break;
    default:
        return false;
    }
    array += QLatin1Char('"');
    for (const QChar c : std::as_const(text)) {
        if (c == QLatin1Char('"') || c == QLatin1Char('\\'))
            array += QLatin1Char('\\');
        array += c;
    }
    array += QLatin1Char('"');
    return true;
}

QString PostgresDialect::nullSafeEquals(const QString &lhs, const QString &rhs) const
{
    return lhs + QLatin1String(" IS NOT DISTINCT FROM ") + rhs;
}

SqlDialect::LockFailure PostgresDialect::lockFailure(const DbError &error) const
{
    // SQLSTATEs: deadlock_detected, serialization_failure, lock_not_available (lock_timeout).
    if (error.nativeCode == QLatin1String("40P01"))
        return LockFailure::Deadlock;
    if (error.nativeCode == QLatin1String("40001"))
        return LockFailure::SerializationFailure;
    if (error.nativeCode == QLatin1String("55P03"))
        return LockFailure::LockTimeout;
    return LockFailure::None;
}

QStringList PostgresDialect::lockTimeoutSql(int ms) const
{
    // LOCAL: for this transaction only, so nothing outlives it on a pooled connection.
    // A lock_timeout of 0 would mean "wait forever"; 1 ms is as good as not waiting.
    return {QStringLiteral("SET LOCAL lock_timeout = %1").arg(std::max(ms, 1))};
}

bool PostgresDialect::locksKeysAsArray(const QSqlField &pk) const
{
    return TableSchema::isIntegerType(pk.metaType());
}

QString PostgresDialect::lockRowsSql(const QString &table, const QSqlField &pk, const QString &columns,
                                     qsizetype count, bool skipLocked) const
{
    // The rows are locked as they leave the sort (LockRows sits above Sort in the plan), so
    // the ORDER BY is the lock order. Integer keys go as one array, any number of them in
    // one statement; other keys are sorted by the bytes of their text, as keyRank() does.
    const QString key = quoteField(pk.name());
    const QString lock = skipLocked ? QStringLiteral(" FOR UPDATE SKIP LOCKED") : QStringLiteral(" FOR UPDATE");
    if (locksKeysAsArray(pk)) {
        return QStringLiteral("SELECT %1 FROM %2 WHERE %3 = ANY(CAST(? AS bigint[])) ORDER BY %3%4")
                .arg(columns, quoteTable(table), key, lock);
    }
    QString marks;
    marks.reserve(count * 2);
    for (qsizetype i = 0; i < count; ++i)
        marks += i ? QStringLiteral(",?") : QStringLiteral("?");
    return QStringLiteral("SELECT %1 FROM %2 WHERE %3 IN (%4) ORDER BY CAST(%3 AS text) COLLATE \"C\"%5")
            .arg(columns, quoteTable(table), key, marks, lock);
}

QVariantList PostgresDialect::lockRowsValues(const QList<QVariant> &keys, const QSqlField &pk) const
{
    if (!locksKeysAsArray(pk))
        return keys;
    QString array = QStringLiteral("{");
    array.reserve(keys.size() * 8);
    for (const QVariant &key : keys)
        appendArrayElement(array, key.toLongLong());
    array += QLatin1Char('}');
    return {array};
}

QString PostgresDialect::arrayRowsSource(const QStringList &types, const QStringList &names, const QString &alias) const
{
    QStringList arrays;
    arrays.reserve(types.size());
    for (const QString &type : types)
        arrays.append(QStringLiteral("CAST(? AS %1[])").arg(type));
    return QStringLiteral("unnest(%1) AS %2(%3)").arg(arrays.join(QStringLiteral(", ")), alias, names.join(QStringLiteral(", ")));
}

Result<QList<ColumnInfo>> PostgresDialect::readColumns(QSqlDatabase db, const QString &table) const
{
    // to_regclass() takes the name as SQL spells it, so the quoted name finds exactly this table.
    QList<ColumnInfo> columns;
    QSqlQuery query(db);
    const QString columnsSql = QStringLiteral(
            "SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid), "
            "a.attidentity <> '' OR a.attgenerated <> '', "
            "(SELECT string_agg(e.enumlabel, chr(31) ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = a.atttypid) "
            "FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
            "WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum");
    if (!SqlStatement::exec(query, columnsSql, {quoteTable(table)}))
        return DbError::fromQuery(query, SqlDialect::tr("Could not read the columns of %1").arg(table));
    while (query.next()) {
        ColumnInfo column;
        column.name = query.value(0).toString();
        column.sqlType = query.value(1).toString();
        column.nullable = !query.value(2).toBool();
        column.defaultSql = query.value(3).toString();
        column.hasDefault = !query.value(3).isNull();
        column.generated = query.value(4).toBool() || column.defaultSql.startsWith(QLatin1String("nextval("));
        column.kind = column.sqlType.contains(QLatin1String("range")) ? ColumnInfo::Kind::Other
                                                                      : ColumnInfo::kindOfDeclared(column.sqlType);
        column.withTimeZone = column.sqlType.contains(QLatin1String("with time zone"));
        if (column.sqlType == QLatin1String("smallint"))
            column.integerBytes = 2;
        else if (column.sqlType == QLatin1String("integer"))
            column.integerBytes = 4;
        column.readModifiers(column.sqlType);
        if (!query.value(5).isNull()) {
            column.kind = ColumnInfo::Kind::Text;
            column.allowedValues = query.value(5).toString().split(QChar(31));
        }
        columns.append(column);
    }
    // Single-column CHECK lists (PostgreSQL prints "col IN (…)" as "= ANY (ARRAY[…])") and
    // single-column foreign keys.
    const QString constraintsSql = QStringLiteral(
            "SELECT c.contype, a.attname, pg_get_constraintdef(c.oid), cf.relname, af.attname "
            "FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] "
            "LEFT JOIN pg_class cf ON cf.oid = c.confrelid "
            "LEFT JOIN pg_attribute af ON af.attrelid = c.confrelid AND af.attnum = c.confkey[1] "
            "WHERE c.conrelid = to_regclass(?) AND c.contype IN ('c', 'f') AND array_length(c.conkey, 1) = 1");
    if (!SqlStatement::exec(query, constraintsSql, {quoteTable(table)}))
        return DbError::fromQuery(query, SqlDialect::tr("Could not read the constraints of %1").arg(table));
    while (query.next()) {
        const auto column = std::find_if(columns.begin(), columns.end(),
                                          [&](const ColumnInfo &c) { return c.name == query.value(1).toString(); });
        if (column == columns.end())
            continue;
        if (query.value(0).toString() == QLatin1String("f")) {
            column->referencedTable = query.value(3).toString();
            column->referencedColumn = query.value(4).toString();
            continue;
        }
        const QString definition = query.value(2).toString();
        const qsizetype open = definition.indexOf(QLatin1String("ARRAY["));
        const qsizetype close = definition.lastIndexOf(QLatin1Char(']'));
        if (definition.contains(QLatin1String("= ANY")) && open >= 0 && close > open) {
            const QStringList values = ColumnInfo::parseValueList(QStringView(definition).mid(open + 6, close - open - 6));
            if (!values.isEmpty())
                column->allowedValues = values;
        }
    }
    return columns;
}

QString PostgresDialect::selectExpression(const ColumnInfo &column) const
{
    if (column.kind == ColumnInfo::Kind::Time || column.kind == ColumnInfo::Kind::DateTime)
        return QStringLiteral("CAST(%1 AS text) AS %1").arg(quoteField(column.name));
    return SqlDialect::selectExpression(column);
}

QString PostgresDialect::typedPlaceholder(const ColumnInfo &column) const
{
    return QStringLiteral("CAST(? AS %1)").arg(column.sqlType.isEmpty() ? QStringLiteral("text") : column.sqlType);
}

QStringList PostgresDialect::createTriggerSql(const QString &table, const QString &,
                                              const QString &versionColumn) const
{
    const QString name = quoteField(triggerName(table, versionColumn));
    const QString v = quoteField(versionColumn);
    // BEFORE trigger: the new version is part of the row being written, so
    // UPDATE … RETURNING sees it and there is exactly one increment per UPDATE.
    return {
        QStringLiteral("CREATE OR REPLACE FUNCTION %1() RETURNS trigger LANGUAGE plpgsql AS $concord$ "
                       "BEGIN IF NEW.%2 IS NOT DISTINCT FROM OLD.%2 THEN "
                       "NEW.%2 := COALESCE(OLD.%2, 0) + 1; END IF; RETURN NEW; END $concord$")
                .arg(name, v),
        QStringLiteral("DROP TRIGGER IF EXISTS %1 ON %2").arg(name, quoteTable(table)),
        QStringLiteral("CREATE TRIGGER %1 BEFORE UPDATE ON %2 FOR EACH ROW EXECUTE FUNCTION %1()")
                .arg(name, quoteTable(table)),
    };
}

QStringList PostgresDialect::dropTriggerSql(const QString &table, const QString &versionColumn) const
{
    const QString name = quoteField(triggerName(table, versionColumn));
    return { QStringLiteral("DROP TRIGGER IF EXISTS %1 ON %2").arg(name, quoteTable(table)),
             QStringLiteral("DROP FUNCTION IF EXISTS %1()").arg(name) };
}

QString PostgresDialect::listTriggersSql() const
{
    return QStringLiteral("SELECT t.tgname, c.relname FROM pg_trigger t "
                          "JOIN pg_class c ON c.oid = t.tgrelid "
                          "JOIN pg_namespace n ON n.oid = c.relnamespace "
                          "WHERE NOT t.tgisinternal AND n.nspname = current_schema() "
                          "AND t.tgname LIKE 'concord\\_%' ORDER BY t.tgname");
}

namespace {

// PostgreSQL keeps 63 bytes of a name and silently drops the rest: a longer name would
// never be found again under the name we asked for. Keep a head and a hash of the whole.
QString boundedName(const QString &name)
{
    constexpr qsizetype maxBytes = 63;
    if (name.toUtf8().size() <= maxBytes)
        return name;
    const QString tail = QLatin1Char('_')
            + QString::fromLatin1(QCryptographicHash::hash(name.toUtf8(), QCryptographicHash::Sha1).toHex().left(8));
    QString head = name;
    while (head.toUtf8().size() + tail.size() > maxBytes)
        head.chop(head.size() >= 2 && head.back().isLowSurrogate() ? 2 : 1);
    return head + tail;
}

} // namespace

QString PostgresDialect::notifyTriggerName(const QString &table)
{
    return boundedName(QStringLiteral("concord_notify_%1").arg(table));
}

QString PostgresDialect::notifyDeleteTriggerName(const QString &table)
{
    return boundedName(QStringLiteral("concord_notify_%1_delete").arg(table));
}

QStringList PostgresDialect::createNotifyTriggerSql(const QString &table, const QString &pkColumn) const
{
    const QString function = quoteField(notifyTriggerName(table));
    const QString onUpdate = function;
    const QString onDelete = quoteField(notifyDeleteTriggerName(table));
    // AFTER, so only changes that really happened are reported; the notification is sent
    // when the writing transaction commits and never if it rolls back. OLD's keys, so a
    // row whose key changed is reported under the key the grids show. A payload must stay
    // under 8000 bytes or pg_notify() fails the writer's statement: long key lists become
    // "any row".
    const QString body = QStringLiteral(
            "CREATE OR REPLACE FUNCTION %1() RETURNS trigger LANGUAGE plpgsql AS $concord$ "
            "DECLARE keys json; touched bigint; payload text; "
            "BEGIN "
            "SELECT json_agg(k), count(*) INTO keys, touched FROM (SELECT %2::text AS k FROM concord_old LIMIT %3) s; "
            "IF touched = 0 THEN RETURN NULL; END IF; "
            "IF touched > %4 THEN keys := NULL; END IF; "
            "payload := json_build_object('table', TG_TABLE_NAME, 'keys', keys)::text; "
            "IF octet_length(payload) > 7000 THEN "
            "payload := json_build_object('table', TG_TABLE_NAME, 'keys', NULL)::text; END IF; "
            "PERFORM pg_notify('%5', payload); "
            "RETURN NULL; END $concord$")
            .arg(function, quoteField(pkColumn))
            .arg(notifyKeyLimit() + 1)
            .arg(notifyKeyLimit())
            .arg(changeChannel());
    // Transition tables allow one event per trigger: one trigger each for UPDATE and DELETE.
    // The old triggers go first: a per-row trigger of an earlier Concord calling the new
    // function would find no transition table. That one was named without a bound, which
    // PostgreSQL cut at 63 bytes: spelled the same way, the DROP finds it again.
    QStringList statements;
    const QString legacy = quoteField(QStringLiteral("concord_notify_%1").arg(table));
    if (legacy != function) {
        statements << QStringLiteral("DROP TRIGGER IF EXISTS %1 ON %2").arg(legacy, quoteTable(table))
                   << QStringLiteral("DROP FUNCTION IF EXISTS %1()").arg(legacy);
    }
    return statements + QStringList{
        QStringLiteral("DROP TRIGGER IF EXISTS %1 ON %2").arg(onUpdate, quoteTable(table)),
        QStringLiteral("DROP TRIGGER IF EXISTS %1 ON %2").arg(onDelete, quoteTable(table)),
        body,
        QStringLiteral("CREATE TRIGGER %1 AFTER UPDATE ON %2 REFERENCING OLD TABLE AS concord_old "
                       "FOR EACH STATEMENT EXECUTE FUNCTION %3()").arg(onUpdate, quoteTable(table), function),
        QStringLiteral("CREATE TRIGGER %1 AFTER DELETE ON %2 REFERENCING OLD TABLE AS concord_old "
                       "FOR EACH STATEMENT EXECUTE FUNCTION %3()").arg(onDelete, quoteTable(table), function),
    };
}

QStringList PostgresDialect::dropNotifyTriggerSql(const QString &table) const
{
    const QString function = quoteField(notifyTriggerName(table));
    return { QStringLiteral("DROP TRIGGER IF EXISTS %1 ON %2").arg(function, quoteTable(table)),
             QStringLiteral("DROP TRIGGER IF EXISTS %1 ON %2").arg(quoteField(notifyDeleteTriggerName(table)), quoteTable(table)),
             QStringLiteral("DROP FUNCTION IF EXISTS %1()").arg(function) };
}

PostgresDialect::ChangeNotice PostgresDialect::parseChangeNotice(const QString &payload)
{
    ChangeNotice notice;
    const QJsonDocument document = QJsonDocument::fromJson(payload.toUtf8());
    const QJsonObject object = document.object();
    const QJsonValue table = object.value(QLatin1String("table"));
    const QJsonValue keys = object.value(QLatin1String("keys"));
    if (!table.isString() || !(keys.isArray() || keys.isNull()))
        return notice;
    notice.valid = true;
    notice.table = table.toString();
    notice.anyRow = keys.isNull();
    const QJsonArray array = keys.toArray();
    notice.keys.reserve(array.size());
    for (const QJsonValue &key : array)
        notice.keys.append(key.toString());
    return notice;
}

QString PostgresDialect::triggerExistsSql() const
{
    return QStringLiteral("SELECT 1 FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                          "JOIN pg_namespace n ON n.oid = c.relnamespace "
                          "WHERE NOT t.tgisinternal AND n.nspname = current_schema() "
                          "AND t.tgname = ? AND c.relname = ?");
}

SqlDialect::ChangeSignal PostgresDialect::changeSignal() const
{
    // A LISTEN outlives its transaction: through a transaction pooler it stays on a server
    // connection that goes back to the pool, and the notices go to whoever gets that next.
    return Pooling::isTransactionPooled(m_db) ? ChangeSignal::Poll : ChangeSignal::Notify;
}

Result<bool> PostgresDialect::hasNotifyTrigger(QSqlDatabase db, const QString &table) const
{
    QSqlQuery query(db);
    // The DELETE trigger came with the statement-level triggers: a table without it still
    // has an earlier Concord's per-row trigger, which is to be replaced.
    if (!SqlStatement::exec(query, triggerExistsSql(), {notifyDeleteTriggerName(table), table}))
        return DbError::fromQuery(query, SqlDialect::tr("Could not look for the change-notify trigger"));
    return query.next();
}

QString PostgresDialect::estimatedRowsSql(const QSqlDatabase &, const QString &table) const
{
    // The planner's own figure, kept by VACUUM and ANALYZE (-1 before the first).
    return QStringLiteral("SELECT CAST(reltuples AS bigint) FROM pg_class WHERE oid = to_regclass(%1)")
            .arg(literal(quoteTable(table)));
}

std::optional<qint64> PostgresDialect::plannedRows(const QSqlDatabase &db, const QString &select) const
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("EXPLAIN (FORMAT JSON) ") + select) || !query.next())
        return std::nullopt;
    // [{"Plan": {"Plan Rows": n, …}}]: the top node's estimate is the statement's.
    const QJsonValue rows = QJsonDocument::fromJson(query.value(0).toString().toUtf8())
                                    .array().at(0).toObject().value(QLatin1String("Plan")).toObject()
                                    .value(QLatin1String("Plan Rows"));
    if (!rows.isDouble())
        return std::nullopt;
    return qint64(rows.toDouble());
}

} // namespace Concord
