#pragma once

#include "sqldialect.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Concord {

/// How a kind of database is reached, known before there is a connection (and so before
/// there is a dialect object): what ConnectionUrl parses and writes, and what the
/// connection dialog asks for. Each dialect describes its own (SqliteDialect::traits(), …).
struct DialectTraits
{
    SqlDialect::Kind kind;
    QStringList schemes;     ///< URL schemes accepted; the first is the one Concord writes
    QString driverName;      ///< Qt's SQL driver
    QString connectOptions;  ///< driver options Concord relies on (see ConnectionUrl::open())
    int defaultPort = 0;     ///< 0: the database is a file, not a server
    const char *label = "";  ///< what a person picks ("PostgreSQL server"), untranslated

    /// label, in the person's language.
    QString displayName() const;

    bool isFile() const { return defaultPort == 0; }
    QString scheme() const { return schemes.constFirst(); }

    /// Every kind Concord supports, the file first.
    static const QList<DialectTraits> &all();
    static const DialectTraits &of(SqlDialect::Kind kind);
    /// The kind a URL scheme names (case-insensitive); nullptr if none.
    static const DialectTraits *forScheme(const QString &scheme);
};

} // namespace Concord
