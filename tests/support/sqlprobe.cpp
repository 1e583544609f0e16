#include "sqlprobe.h"

#include "changelog.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStringList>

namespace SqlProbe {

QString run(QSqlDatabase db, const QString &sql)
{
    QSqlQuery query(db);
    return query.exec(sql) ? QString() : QStringLiteral("%1: %2").arg(sql, query.lastError().text());
}

QVariant value(QSqlDatabase db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next())
        return QStringLiteral("<error: %1>").arg(sql);
    return query.value(0);
}

QString rows(QSqlDatabase db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql))
        return QStringLiteral("<error> ") + query.lastError().text();
    QStringList lines;
    while (query.next()) {
        QStringList cells;
        for (int i = 0; i < query.record().count(); ++i)
            cells.append(query.value(i).isNull() ? QStringLiteral("NULL") : query.value(i).toString());
        lines.append(cells.join(QLatin1Char(':')));
    }
    return lines.join(QLatin1Char(';'));
}

QString flat(QSqlDatabase db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql))
        return QStringLiteral("<error>");
    QStringList lines;
    while (query.next()) {
        QStringList cells;
        for (int i = 0; i < query.record().count(); ++i)
            cells.append(query.isNull(i) ? QStringLiteral("-") : query.value(i).toString());
        lines.append(cells.join(QLatin1Char('|')));
    }
    return lines.join(QLatin1Char(';'));
}

int logCount(QSqlDatabase db)
{
    if (!db.tables().contains(Concord::ChangeLog::tableName()))
        return 0;
    return value(db, QStringLiteral("SELECT COUNT(*) FROM concord_log")).toInt();
}

} // namespace SqlProbe
