#pragma once

#include "result.h"

#include <QCoreApplication>
#include <QString>

namespace Concord {

/// The demo SQLite database a new user meets on first run: suppliers, customers, products
/// and orders with foreign keys, a few thousand rows, each table versioned with another
/// kind, so conflicts can be tried at once. The content is the same on every machine.
class DemoDatabase
{
    Q_DECLARE_TR_FUNCTIONS(DemoDatabase)

public:
    /// Writes the demo database to @p path (which must not exist yet). Built beside it
    /// and renamed into place, so a failure never leaves a half-made demo behind.
    static Result<void> create(const QString &path);

    /// Where the application and concord-cli keep the demo: the "concord" application
    /// data folder, file demo.sqlite.
    static QString defaultPath();
    /// Creates the demo at @p path unless a file is already there (first run), with one
    /// sentence saying so when it cannot.
    static Result<void> ensure(const QString &path);

    /// Row counts, for callers that want to say what they made.
    static constexpr int supplierCount = 40;
    static constexpr int customerCount = 1000;
    static constexpr int productCount = 200;
    static constexpr int orderCount = 3000;
};

} // namespace Concord
