#include "changelog.h"

#include "jsonvalue.h"
#include "sqldialect.h"
#include "sqlitestatement.h"
#include "sqlstatement.h"

#include <QJsonDocument>
#include <QSqlQuery>

#include <array>

#ifdef Q_OS_UNIX
#include <pwd.h>
#include <unistd.h>
#endif

namespace Concord {

namespace {

constexpr int logColumns = 7;

QByteArray encodedChanges(const ChangeLog::Entry &entry)
{
    return entry.encodedChanges.isNull() ? QJsonDocument(entry.changes).toJson(QJsonDocument::Compact)
                                         : entry.encodedChanges;
}

/// The timestamp column's text; entries of one batch share a handful of timestamps,
/// so each is formatted once.
class TimestampText
{
public:
    const QString &of(const QDateTime &at)
    {
        if (m_text.isNull() || at != m_at) {
            m_at = at;
            m_text = at.toUTC().toString(Qt::ISODateWithMs);
        }
        return m_text;
    }

private:
    QDateTime m_at;
    QString m_text;
};

QString insertSql(const SqlDialect &dialect)
{
    return QStringLiteral("INSERT INTO %1 (changed_at, changed_by, table_name, pk, action, version, changes) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?)").arg(dialect.quoteTable(ChangeLog::tableName()));
}

/// SQLite: one prepared INSERT per entry, straight on the connection's handle. In-process
/// a statement costs no round trip, every value here is text or an integer, and
/// QSqlQuery's per-value bookkeeping would cost more than SQLite's insert. A bound value
/// that did not change since the last entry (the time, the user, the table, the action)
/// is not bound again.
Result<void> writeRows(sqlite3 *handle, const SqlDialect &dialect, const QList<ChangeLog::Entry> &entries)
{
    const QString doing = ChangeLog::tr("Could not write the change log");
    DbError error;
    auto insert = SqliteStatement::prepare(handle, insertSql(dialect), &error);
    if (!insert) {
        error.message = doing + QLatin1String(": ") + error.serverMessage;
        return error;
    }
    TimestampText timestamps;
    const ChangeLog::Entry *previous = nullptr;
    QByteArray at, user, table, action, pk, changes;
    QVariant version;
    for (const ChangeLog::Entry &entry : entries) {
        // Bound text stays bound: only what differs from the previous entry is bound again.
        if (!previous || previous->at != entry.at) {
            at = timestamps.of(entry.at).toUtf8();
            insert->bindText(1, at);
        }
        if (!previous || previous->user != entry.user) {
            user = entry.user.toUtf8();
            insert->bindText(2, user);
        }
        if (!previous || previous->table != entry.table) {
            table = entry.table.toUtf8();
            insert->bindText(3, table);
        }
        pk = entry.pk.toUtf8();
        insert->bindText(4, pk);
        if (!previous || previous->action != entry.action) {
            action = entry.action.toUtf8();
            insert->bindText(5, action);
        }
        // Other types go as text, as Qt's driver sends them.
        version = SqliteStatement::canBind(entry.version) ? entry.version : QVariant(entry.version.toString());
        insert->bind(6, version);
        changes = encodedChanges(entry);
        insert->bindText(7, changes);
        if (!insert->run(&error)) {
            error.message = doing + QLatin1String(": ") + error.serverMessage;
            return error;
        }
        previous = &entry;
    }
    return {};
}

/// PostgreSQL: one array parameter per column, unnested into rows. The server parses
/// seven array literals several times faster than thousands of separate parameters
/// (measured: 500 entries in ~5 ms instead of ~35 ms), and the statement text no longer
/// depends on the entry count.
Result<void> writeArrays(QSqlDatabase db, const SqlDialect &dialect, const QList<ChangeLog::Entry> &entries)
{
    const QString text = dialect.textType();
    const QString sql = QStringLiteral("INSERT INTO %1 (changed_at, changed_by, table_name, pk, action, version, changes) "
                                       "SELECT * FROM %2")
            .arg(dialect.quoteTable(ChangeLog::tableName()),
                 dialect.arrayRowsSource({text, text, text, text, text, dialect.bigIntType(), text},
                                         {QStringLiteral("a"), QStringLiteral("u"), QStringLiteral("t"), QStringLiteral("k"),
                                          QStringLiteral("o"), QStringLiteral("v"), QStringLiteral("c")},
                                         QStringLiteral("concord_rows")));
    SqlStatement query(db);
    if (!query.prepare(sql))
        return query.error(ChangeLog::tr("Could not write the change log"));
    // Bounded statements keep memory steady on very large batches.
    constexpr qsizetype perChunk = 5000;
    TimestampText timestamps;
    for (qsizetype start = 0; start < entries.size(); start += perChunk) {
        const qsizetype end = std::min(entries.size(), start + perChunk);
        std::array<QString, logColumns> arrays;
        for (QString &array : arrays)
            array = QStringLiteral("{");
        for (qsizetype i = start; i < end; ++i) {
            const ChangeLog::Entry &entry = entries.at(i);
            dialect.appendArrayValue(arrays[0], timestamps.of(entry.at));
            dialect.appendArrayValue(arrays[1], entry.user);
            dialect.appendArrayValue(arrays[2], entry.table);
            dialect.appendArrayValue(arrays[3], entry.pk);
            dialect.appendArrayValue(arrays[4], entry.action);
            dialect.appendArrayValue(arrays[5], entry.version.isNull() ? QVariant()
                                                                     : QVariant(QString::number(entry.version.toLongLong())));
            dialect.appendArrayValue(arrays[6], QString::fromUtf8(encodedChanges(entry)));
        }
        for (QString &array : arrays) {
            array += QLatin1Char('}');
            query.addBindValue(array);
        }
        if (!query.exec())
            return query.error(ChangeLog::tr("Could not write the change log"));
    }
    return {};
}

} // namespace

Result<void> ChangeLog::ensureTable(QSqlDatabase db, const SqlDialect &dialect)
{
    if (db.tables(QSql::Tables).contains(tableName(), Qt::CaseInsensitive))
        return {};
    const QString text = dialect.textType();
    const QString key = dialect.indexedTextType();
    QSqlQuery query(db);
    const QString sql = QStringLiteral(
            "CREATE TABLE IF NOT EXISTS %1 (id %2, changed_at %3 NOT NULL, changed_by %3, "
            "table_name %4 NOT NULL, pk %4 NOT NULL, action %4 NOT NULL, version %5, changes %3)")
            .arg(dialect.quoteTable(tableName()), dialect.autoIncrementKey(), text, key,
                 dialect.bigIntType());
    if (!query.exec(sql)) {
        // Two clients saving for the first time race here, and PostgreSQL's IF NOT EXISTS
        // does not cover a concurrent CREATE: the log being there is all that matters.
        if (db.tables(QSql::Tables).contains(tableName(), Qt::CaseInsensitive))
            return {};
        return DbError::fromQuery(query, tr("Could not create the change log"));
    }
    query.exec(QStringLiteral("CREATE INDEX concord_log_row ON %1 (table_name, pk)")
                       .arg(dialect.quoteTable(tableName())));
    return {};
}

Result<void> ChangeLog::write(QSqlDatabase db, const SqlDialect &dialect, const QList<Entry> &entries)
{
    if (entries.isEmpty())
        return {};
    if (dialect.bindsColumnArrays())
        return writeArrays(db, dialect, entries);
    // On Qt's own QSQLITE, straight on SQLite's handle; elsewhere the multi-row INSERTs below.
    if (sqlite3 *handle = dialect.nativeHandle(db))
        return writeRows(handle, dialect, entries);
    const QString head = QStringLiteral("INSERT INTO %1 (changed_at, changed_by, table_name, pk, action, version, changes) VALUES ")
            .arg(dialect.quoteTable(tableName()));
    const QString tuple = QStringLiteral("(?,?,?,?,?,?,?)");
    const int perChunk = std::min(500, dialect.maxBindParameters() / logColumns);
    TimestampText timestamps;

    SqlStatement query(db);
    QString preparedFor;
    for (qsizetype start = 0; start < entries.size(); start += perChunk) {
        const qsizetype n = std::min<qsizetype>(perChunk, entries.size() - start);
        QString sql = head;
        sql.reserve(head.size() + n * (tuple.size() + 1));
        for (qsizetype i = 0; i < n; ++i) {
            if (i)
                sql += QLatin1Char(',');
            sql += tuple;
        }
        if (sql != preparedFor) {
            if (!query.prepare(sql))
                return query.error(tr("Could not write the change log"));
            preparedFor = sql;
        }
        for (qsizetype i = start; i < start + n; ++i) {
            const Entry &entry = entries.at(i);
            query.addBindValue(timestamps.of(entry.at));
            query.addBindValue(entry.user);
            query.addBindValue(entry.table);
            query.addBindValue(entry.pk);
            query.addBindValue(entry.action);
            query.addBindValue(entry.version);
            query.addBindValue(QString::fromUtf8(encodedChanges(entry)));
        }
        if (!query.exec())
            return query.error(tr("Could not write the change log"));
    }
    return {};
}

Result<QList<ChangeLog::Entry>> ChangeLog::read(QSqlDatabase db, const SqlDialect &dialect,
                                                const QString &table, const QVariant &pk, int limit)
{
    QList<Entry> entries;
    if (!db.tables(QSql::Tables).contains(tableName(), Qt::CaseInsensitive))
        return entries;
    QString sql = QStringLiteral("SELECT id, changed_at, changed_by, table_name, pk, action, version, changes FROM %1")
            .arg(dialect.quoteTable(tableName()));
    QStringList where;
    QVariantList values;
    if (!table.isEmpty()) {
        where.append(QStringLiteral("table_name = ?"));
        values.append(table);
    }
    if (!pk.isNull()) {
        where.append(QStringLiteral("pk = ?"));
        values.append(pk.toString());
    }
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY id DESC LIMIT %1").arg(std::max(1, limit));

    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!SqlStatement::exec(query, sql, values))
        return DbError::fromQuery(query, tr("Could not read the change log"));
    while (query.next()) {
        Entry entry;
        entry.id = query.value(0).toLongLong();
        entry.at = QDateTime::fromString(query.value(1).toString(), Qt::ISODateWithMs);
        entry.user = query.value(2).toString();
        entry.table = query.value(3).toString();
        entry.pk = query.value(4).toString();
        entry.action = query.value(5).toString();
        entry.version = query.value(6);
        entry.changes = QJsonDocument::fromJson(query.value(7).toString().toUtf8()).object();
        entries.append(entry);
    }
    return entries;
}

QJsonObject ChangeLog::diff(const QVariantMap &before, const QVariantMap &after)
{
    QJsonObject changes;
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        const QVariant old = before.value(it.key());
        if (before.contains(it.key()) && JsonValue::sameValue(old, it.value()))
            continue;
        QJsonObject change;
        change.insert(QStringLiteral("old"), JsonValue::fromVariant(old));
        change.insert(QStringLiteral("new"), JsonValue::fromVariant(it.value()));
        changes.insert(it.key(), change);
    }
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        if (after.contains(it.key()))
            continue;
        QJsonObject change;
        change.insert(QStringLiteral("old"), JsonValue::fromVariant(it.value()));
        change.insert(QStringLiteral("new"), QJsonValue::Null);
        changes.insert(it.key(), change);
    }
    return changes;
}

namespace {

void appendChange(QByteArray &json, const QString &column, const QVariant &old, const QVariant &now)
{
    if (json.size() > 1)
        json += ',';
    JsonValue::appendJsonString(json, column);
    json += ":{\"new\":";
    JsonValue::appendJson(json, now);
    json += ",\"old\":";
    JsonValue::appendJson(json, old);
    json += '}';
}

} // namespace

QByteArray ChangeLog::encodeUpdate(const QVariantMap &base, const QVariantMap &changes)
{
    QByteArray json("{");
    for (auto it = changes.cbegin(); it != changes.cend(); ++it) {
        const auto old = base.constFind(it.key());
        if (old == base.cend())
            appendChange(json, it.key(), QVariant(), it.value());
        else if (!JsonValue::sameValue(old.value(), it.value()))
            appendChange(json, it.key(), old.value(), it.value());
    }
    json += '}';
    return json;
}

QByteArray ChangeLog::encodeDiff(const QVariantMap &before, const QVariantMap &after)
{
    // Both maps are sorted by column name, as QJsonObject is: merge them in that order.
    QByteArray json("{");
    const auto change = [&json](const QString &column, const QVariant &old, const QVariant &now) {
        appendChange(json, column, old, now);
    };
    auto b = before.cbegin();
    auto a = after.cbegin();
    while (a != after.cend() || b != before.cend()) {
        if (b == before.cend() || (a != after.cend() && a.key() < b.key())) {
            change(a.key(), QVariant(), a.value()); // new column: was not there before
            ++a;
        } else if (a == after.cend() || b.key() < a.key()) {
            change(b.key(), b.value(), QVariant()); // gone afterwards
            ++b;
        } else {
            if (!JsonValue::sameValue(b.value(), a.value()))
                change(a.key(), b.value(), a.value());
            ++a;
            ++b;
        }
    }
    json += '}';
    return json;
}

QString ChangeLog::currentUser()
{
    QString user = qEnvironmentVariable("CONCORD_USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("USERNAME");
    if (user.isEmpty())
        user = qEnvironmentVariable("LOGNAME");
#ifdef Q_OS_UNIX
    // A desktop session started without a login shell (a display manager, xvfb-run)
    // may set none of these: the account the process runs as still has a name.
    if (user.isEmpty()) {
        if (const passwd *account = getpwuid(geteuid()))
            user = QString::fromLocal8Bit(account->pw_name);
    }
#endif
    return user.isEmpty() ? QStringLiteral("unknown") : user;
}

} // namespace Concord
