// bench_apply_reference: the loop bench_apply measures `concord-cli apply` against. It does
// the same work a careful script would do for the same file, as its own process:
// read the JSON array of edits, check every edit before writing anything (table, key,
// version, columns, whole-number values), then in one transaction per edit a prepared
// versioned UPDATE (and, with --log, the row's old value read first and a concord_log
// INSERT), and print the result as concord-cli does: {"saved":[{"table","pk","version"}…],
// "conflicts":[…],"errors":[],"busy":[]}.
//
//   bench_apply_reference [--log] DATABASE.sqlite EDITS.json

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStringList>

#include <cstdio>

namespace {

int fail(const QString &message)
{
    std::fprintf(stderr, "%s\n", qPrintable(message));
    return 2;
}

struct Edit
{
    qint64 pk = 0;
    qint64 version = 0;
    QString column;
    qint64 value = 0;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStringList arguments = app.arguments().mid(1);
    const bool logged = arguments.removeAll(QStringLiteral("--log")) > 0;
    if (arguments.size() != 2)
        return fail(QStringLiteral("usage: bench_apply_reference [--log] DATABASE.sqlite EDITS.json"));

    QFile file(arguments.at(1));
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read %1").arg(arguments.at(1)));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isArray())
        return fail(QStringLiteral("not a JSON array: %1").arg(parseError.errorString()));

    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"));
    db.setDatabaseName(arguments.at(0));
    if (!db.open())
        return fail(QStringLiteral("cannot open %1").arg(arguments.at(0)));
    const QSqlRecord columns = db.record(QStringLiteral("t"));

    // Everything is checked before anything is written.
    const QJsonArray array = document.array();
    QList<Edit> edits;
    edits.reserve(array.size());
    for (const QJsonValue &value : array) {
        const QJsonObject object = value.toObject();
        const QJsonObject set = object.value(QStringLiteral("set")).toObject();
        if (object.value(QStringLiteral("table")).toString() != QLatin1String("t") || set.size() != 1
            || !object.value(QStringLiteral("pk")).isDouble() || !object.value(QStringLiteral("version")).isDouble())
            return fail(QStringLiteral("edit %1 is not an update of t").arg(edits.size() + 1));
        Edit edit;
        edit.pk = object.value(QStringLiteral("pk")).toInteger();
        edit.version = object.value(QStringLiteral("version")).toInteger();
        edit.column = set.constBegin().key();
        const QJsonValue newValue = set.constBegin().value();
        if (!columns.contains(edit.column) || edit.column == QLatin1String("version") || !newValue.isDouble()
            || newValue.toDouble() != double(newValue.toInteger()))
            return fail(QStringLiteral("edit %1 sets a column t does not have, or not to a whole number").arg(edits.size() + 1));
        edit.value = newValue.toInteger();
        edits.append(edit);
    }

    if (!db.transaction())
        return fail(QStringLiteral("cannot begin"));
    QHash<QString, QSqlQuery> updates; // by column
    QSqlQuery read(db);
    QSqlQuery log(db);
    if (logged) {
        log.prepare(QStringLiteral("INSERT INTO concord_log (changed_at, changed_by, table_name, pk, action, version, "
                                   "changes) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    }
    const QString at = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    QJsonArray saved;
    QJsonArray conflicts;
    for (const Edit &edit : std::as_const(edits)) {
        auto update = updates.find(edit.column);
        if (update == updates.end()) {
            update = updates.insert(edit.column, QSqlQuery(db));
            update->prepare(QStringLiteral("UPDATE t SET %1 = ?, version = ? WHERE id = ? AND version = ?").arg(edit.column));
            if (logged)
                read.prepare(QStringLiteral("SELECT %1 FROM t WHERE id = ?").arg(edit.column));
        }
        QVariant old;
        if (logged) {
            read.addBindValue(edit.pk);
            if (!read.exec())
                return fail(QStringLiteral("read failed"));
            if (read.next())
                old = read.value(0);
            read.finish();
        }
        update->addBindValue(edit.value);
        update->addBindValue(edit.version + 1);
        update->addBindValue(edit.pk);
        update->addBindValue(edit.version);
        if (!update->exec())
            return fail(QStringLiteral("update failed"));
        const QString table = QStringLiteral("t");
        if (update->numRowsAffected() != 1) {
            conflicts.append(QJsonObject{{QStringLiteral("table"), table}, {QStringLiteral("pk"), edit.pk}});
            continue;
        }
        if (logged) {
            log.addBindValue(at);
            log.addBindValue(QStringLiteral("bench"));
            log.addBindValue(table);
            log.addBindValue(QString::number(edit.pk));
            log.addBindValue(QStringLiteral("update"));
            log.addBindValue(edit.version + 1);
            const QJsonObject change{{edit.column, QJsonObject{{QStringLiteral("old"), QJsonValue::fromVariant(old)},
                                                               {QStringLiteral("new"), edit.value}}}};
            log.addBindValue(QString::fromUtf8(QJsonDocument(change).toJson(QJsonDocument::Compact)));
            if (!log.exec())
                return fail(QStringLiteral("log insert failed"));
        }
        saved.append(QJsonObject{{QStringLiteral("table"), table}, {QStringLiteral("pk"), edit.pk},
                                 {QStringLiteral("version"), edit.version + 1}});
    }
    if (!db.commit())
        return fail(QStringLiteral("commit failed"));
    const QJsonObject result{{QStringLiteral("saved"), saved}, {QStringLiteral("conflicts"), conflicts},
                             {QStringLiteral("errors"), QJsonArray()}, {QStringLiteral("busy"), QJsonArray()}};
    const QByteArray out = QJsonDocument(result).toJson(QJsonDocument::Compact);
    std::fwrite(out.constData(), 1, size_t(out.size()), stdout);
    std::fputc('\n', stdout);
    return conflicts.isEmpty() ? 0 : 3;
}
