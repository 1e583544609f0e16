// concord-testworker: one client of tst_concurrentbatches, in a process of its own, as a
// second person at another desk would be. It saves "n = n + 1" on the rows it is given,
// against the versions it reads itself, through VersionedTableModel (a grid's save) or
// ActionRunner (a checked admin action), and prints what Concord reported as JSON:
//   {"saved":[pk…],"conflicts":[pk…],"busy":[pk…],"errors":["message"…]}
//
//   concord-testworker model|action URL TABLE PK,PK,… [LOCK_TIMEOUT_MS [skip|all]]
// An action skips the rows that changed (skip, the default) or runs on all or none (all).
// The table has columns id, n and version; the password comes from CONCORD_PASSWORD.
// Once it has read its rows it prints "ready" and waits for a line on stdin, so that the
// test can let every client read before any of them saves, as people who loaded the
// same rows and press Save at about the same time.

#include "actionrunner.h"
#include "adminaction.h"
#include "connectionurl.h"
#include "sqldialect.h"
#include "sqlstatement.h"
#include "tableschema.h"
#include "versionedtablemodel.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTextStream>

using namespace Concord;

namespace {

QJsonObject report(const SubmitResult &result)
{
    QJsonArray saved;
    QJsonArray conflicts;
    QJsonArray busy;
    QJsonArray errors;
    for (const RowOutcome &row : result.rows) {
        switch (row.status) {
        case RowOutcome::Status::Saved:
            if (result.committed)
                saved.append(row.pk.toLongLong());
            break;
        case RowOutcome::Status::Conflict: conflicts.append(row.pk.toLongLong()); break;
        case RowOutcome::Status::Busy: busy.append(row.pk.toLongLong()); break;
        case RowOutcome::Status::Error: errors.append(row.error.message); break;
        case RowOutcome::Status::RolledBack:
        case RowOutcome::Status::NotAttempted: break;
        }
    }
    // A batch that did not commit for a reason of its own (not a busy or changed row) is an error.
    if (!result.committed && result.error.isError() && result.busyCount() == 0 && result.conflictCount() == 0)
        errors.append(result.error.message);
    return {{QStringLiteral("saved"), saved}, {QStringLiteral("conflicts"), conflicts},
            {QStringLiteral("busy"), busy}, {QStringLiteral("errors"), errors}};
}

QJsonObject failure(const QString &message)
{
    return {{QStringLiteral("errors"), QJsonArray{message}}};
}

void waitForGo()
{
    QTextStream out(stdout);
    out << "ready\n";
    out.flush();
    QTextStream(stdin).readLine();
}

QJsonObject viaModel(QSqlDatabase db, const QString &table, const QList<qint64> &keys, int lockTimeout)
{
    VersionedTableModel model(nullptr, db);
    model.setTable(table);
    QStringList list;
    for (qint64 key : keys)
        list.append(QString::number(key));
    model.setFilter(QStringLiteral("id IN (%1)").arg(list.join(QLatin1Char(','))));
    if (!model.select())
        return failure(model.lastError().text());
    while (model.canFetchMore())
        model.fetchMore();
    model.setLockTimeout(lockTimeout);
    const int n = model.record().indexOf(QStringLiteral("n"));
    // Edited in the order given (shuffled by the test), as a person works through a grid.
    for (qint64 key : keys) {
        const int row = model.rowForKey(key);
        if (row < 0)
            return failure(QStringLiteral("row %1 was not loaded").arg(key));
        const QModelIndex index = model.index(row, n);
        if (!model.setData(index, index.data(Qt::EditRole).toLongLong() + 1))
            return failure(QStringLiteral("row %1 could not be edited").arg(key));
    }
    waitForGo();
    model.submitAll();
    return report(model.lastSubmitResult());
}

QJsonObject viaAction(QSqlDatabase db, const QString &table, const QList<qint64> &keys, int lockTimeout,
                      bool skipChanged)
{
    // The versions as this client saw them, then the action checks them in its transaction.
    QList<RowRef> refs;
    for (qint64 key : keys) {
        // SqlStatement: the URL may go through a transaction pooler.
        QSqlQuery query(db);
        if (!SqlStatement::exec(query, QStringLiteral("SELECT version FROM %1 WHERE id = ?").arg(table), {key})
            || !query.next())
            return failure(QStringLiteral("row %1 could not be read").arg(key));
        refs.append(RowRef{key, query.value(0)});
    }
    const AdminAction increment(QStringLiteral("increment"), QStringLiteral("Add one to n"), [](ActionContext &context) {
        QStringList marks;
        for (qsizetype i = 0; i < context.pks.size(); ++i)
            marks.append(QStringLiteral("?"));
        QSqlQuery query(context.db);
        const QString sql = QStringLiteral("UPDATE %1 SET n = n + 1 WHERE id IN (%2)")
                                    .arg(context.dialect.quoteTable(context.schema.name()), marks.join(QLatin1Char(',')));
        if (!SqlStatement::exec(query, sql, context.pks))
            return Result<void>(DbError::fromQuery(query, QStringLiteral("Could not add one")));
        return Result<void>();
    });
    ActionRunner runner(db);
    runner.setLockTimeout(lockTimeout);
    ActionOptions options;
    options.skipChanged = skipChanged;
    waitForGo();
    return report(runner.run(table, refs, increment, options));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    QTextStream out(stdout);
    if (args.size() < 5) {
        QTextStream(stderr) << "usage: concord-testworker model|action URL TABLE PK,PK,... [LOCK_TIMEOUT_MS]\n";
        return 2;
    }
    const auto url = ConnectionUrl::parse(args.at(2));
    if (!url) {
        QTextStream(stderr) << url.error().message << '\n';
        return 2;
    }
    QList<qint64> keys;
    for (const QString &key : args.at(4).split(QLatin1Char(','), Qt::SkipEmptyParts))
        keys.append(key.toLongLong());
    const int lockTimeout = args.size() > 5 ? args.at(5).toInt() : 5000;
    QJsonObject result;
    {
        const auto db = url->open(QStringLiteral("worker"), qEnvironmentVariable("CONCORD_PASSWORD"));
        if (!db)
            result = failure(db.error().message);
        else if (args.at(1) == QLatin1String("model"))
            result = viaModel(*db, args.at(3), keys, lockTimeout);
        else
            result = viaAction(*db, args.at(3), keys, lockTimeout, args.value(6) != QLatin1String("all"));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("worker"));
    out << QJsonDocument(result).toJson(QJsonDocument::Compact) << '\n';
    return 0;
}
