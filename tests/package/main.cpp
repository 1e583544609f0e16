// Saves one row through the installed Concord::Models and checks that its version went
// up: the package's headers, library and CMake files are all it has to work with.

#include <Concord/batchsubmitter.h>
#include <Concord/rowedit.h>
#include <Concord/submitresult.h>

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <cstdio>

namespace {

int fail(const QString &why)
{
    std::fprintf(stderr, "concord_package_check: %s\n", qPrintable(why));
    return 1;
}

bool exec(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    return query.exec(sql);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);

    QTemporaryDir dir;
    if (!dir.isValid())
        return fail(QStringLiteral("no temporary directory"));

    // The library must be usable with a connection of the caller's own; the scope ends
    // every handle on it before the connection is removed.
    const QString connection = QStringLiteral("package-check");
    int rc = 0;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(dir.filePath(QStringLiteral("check.sqlite")));
        if (!db.open())
            return fail(QStringLiteral("cannot open SQLite: ") + db.lastError().text());
        // An integer column named "version" makes the table auto-versioned.
        if (!exec(db, QStringLiteral("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT, version INTEGER NOT NULL)"))
            || !exec(db, QStringLiteral("INSERT INTO items (id, name, version) VALUES (1, 'before', 1)")))
            return fail(QStringLiteral("cannot create the table: ") + db.lastError().text());

        Concord::RowEdit edit;
        edit.table = QStringLiteral("items");
        edit.pk = 1;
        edit.version = 1;
        edit.changes.insert(QStringLiteral("name"), QStringLiteral("after"));

        Concord::BatchSubmitter submitter(db);
        if (!submitter.isValid())
            return fail(QStringLiteral("BatchSubmitter is not valid on SQLite"));
        const Concord::SubmitResult result = submitter.submit({edit});
        if (!result.allSaved())
            return fail(QStringLiteral("the save failed: ") + result.summary() + QLatin1Char(' ') + result.error.message);

        QSqlQuery read(db);
        if (!read.exec(QStringLiteral("SELECT name, version FROM items WHERE id = 1")) || !read.next())
            return fail(QStringLiteral("cannot read the row back: ") + read.lastError().text());
        const QString name = read.value(0).toString();
        const qlonglong version = read.value(1).toLongLong();
        if (name != QLatin1String("after") || version != 2 || result.rows.value(0).version.toLongLong() != 2)
            rc = fail(QStringLiteral("expected name 'after' at version 2, found '%1' at version %2 (reported %3)")
                          .arg(name)
                          .arg(version)
                          .arg(result.rows.value(0).version.toString()));
        else
            std::printf("concord_package_check: row saved, version 1 -> %lld\n", version);
    }
    QSqlDatabase::removeDatabase(connection);
    return rc;
}
