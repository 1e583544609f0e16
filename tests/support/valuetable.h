#pragma once

#include "testdatabase.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

/// The table "vals": one column of each kind of value the views must show and keep exactly,
/// on every dialect. Row 1 holds values a double, a date picker or QVariant would change
/// (±2^63-1, 2^53+1, numeric(38,10), a double needing 17 digits, microseconds, a zone,
/// bytes with NUL, emoji, a newline and right-to-left text, '' beside NULL); row 2 holds
/// NULL wherever a column can. "refs" (ids 1 and 2) is what vals.ref_id refers to.
class ValueTable
{
public:
    /// Creates refs and vals in @p db; returns an error text, or empty.
    static QString create(TestDatabase &db);

    /// Row 1's note.
    static QString noteText();
    /// Row 1's bytes.
    static QByteArray bytes();
    /// Row 1's amount as a view shows it (SQLite holds a DECIMAL as a REAL).
    static QString amountShown(TestDatabase::Dialect dialect);

    /// @p column of row @p id as stored, read on @p reader: decimals, dates and times as
    /// the database writes them, doubles by their shortest exact text, bytes in hex,
    /// NULL as "NULL".
    static QString stored(QSqlDatabase reader, TestDatabase::Dialect dialect, const QString &column, int id);
    /// @p columns of both rows, and how many change-log entries there are: a view that
    /// wrote nothing leaves it as it was.
    static QString snapshot(QSqlDatabase reader, TestDatabase::Dialect dialect, const QStringList &columns);
};
