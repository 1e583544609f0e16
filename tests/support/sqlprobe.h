#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QVariant>

/// Small reads and writes that suites use to look at a database from the outside,
/// the way a second user or a psql session would.
namespace SqlProbe {

/// Runs @p sql; returns the statement and the database's message on failure, else empty.
QString run(QSqlDatabase db, const QString &sql);

/// The first column of the first row, or "<error: sql>" when there is none.
QVariant value(QSqlDatabase db, const QString &sql);

/// Every row flattened to "a:b:c;a:b:c" (NULL spelled NULL) for compact comparisons.
QString rows(QSqlDatabase db, const QString &sql);

/// Every row flattened to "a|b|c;a|b|c" (NULL shown as "-"), or "<error>" when @p sql fails:
/// the spelling the writer and model suites compare against.
QString flat(QSqlDatabase db, const QString &sql);

/// How many entries concord_log holds (0 when the table does not exist yet).
int logCount(QSqlDatabase db);

} // namespace SqlProbe
