#include "batchsubmitter.h"
#include "versionregistry.h"
#include "versionedtablemodel.h"

#include "rowedits.h"
#include "sqlprobe.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QSignalSpy>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QTest>

using namespace Concord;
using RowEdits::update;
using RowEdits::remove;
using SqlProbe::flat;
using State = VersionedTableModel::RowState;

/// The model's rows as "1|apple|10|1" joined by ";" (NULL shows as "-"), the spelling
/// SqlProbe::flat gives the table itself.
static QString flat(const QAbstractItemModel &model, int role = Qt::DisplayRole)
{
    QStringList rows;
    for (int r = 0; r < model.rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < model.columnCount(); ++c) {
            const QVariant value = model.index(r, c).data(role);
            cells.append(value.isNull() ? QStringLiteral("-") : value.toString());
        }
        rows.append(cells.join(QLatin1Char('|')));
    }
    return rows.join(QLatin1Char(';'));
}

// The grid's edit buffer on every dialect: edits kept by primary key, conflicts shown
// through roles, nothing typed ever lost. The other user is a second connection.
class tst_VersionedTableModel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_db;

    enum Column { Id, Name, Qty, Version };

    bool openDatabase(bool constraints = false)
    {
        QFETCH_GLOBAL(QString, dialect);
        m_db = std::make_unique<TestDatabase>(dialect);
        if (!m_db->isValid()) {
            qWarning("%s", qPrintable(m_db->error()));
            return false;
        }
        const QString error = m_db->exec({
            QStringLiteral("CREATE TABLE items (id INTEGER PRIMARY KEY, name %1%2, qty INTEGER, version BIGINT)")
                    .arg(m_db->text(), constraints ? QStringLiteral(" NOT NULL") : QString()),
            QStringLiteral("INSERT INTO items (id, name, qty, version) VALUES (1, 'apple', 10, 1), (2, 'pear', 20, 1), (3, 'plum', 30, 1)"),
        });
        if (!error.isEmpty())
            qWarning("%s", qPrintable(error));
        return error.isEmpty();
    }

    static std::unique_ptr<VersionedTableModel> openModel(QSqlDatabase db, const QString &table = QStringLiteral("items"))
    {
        auto model = std::make_unique<VersionedTableModel>(nullptr, db);
        model->setTable(table);
        model->setSort(0, Qt::AscendingOrder);
        model->select();
        new QAbstractItemModelTester(model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest, model.get());
        return model;
    }

    static QString states(const VersionedTableModel &model)
    {
        static const char *names[] = {"clean", "edited", "inserted", "deleted", "conflict", "gone", "error"};
        QStringList list;
        for (int r = 0; r < model.rowCount(); ++r)
            list.append(QLatin1String(names[model.index(r, 0).data(VersionedTableModel::RowStateRole).toInt()]));
        return list.join(QLatin1Char(','));
    }

    static const char *allItems() { return "SELECT id, name, qty, version FROM items ORDER BY id"; }

private Q_SLOTS:
    // Every test runs once per dialect.
    void initTestCase_data() { TestDatabase::addDialectRows(); }
    void cleanup() { m_db.reset(); }

    // sqlite3, psql or a script changed a value without touching the version: a save of that
    // same field is a conflict with their value, on every dialect; other fields still save.
    void shouldCatchAnEditByAToolThatLeftTheVersionAlone()
    {
        QVERIFY(openDatabase());
        auto model = openModel(m_db->connect());
        QVERIFY(model->setData(model->index(0, Name), QStringLiteral("green apple")));
        QVERIFY(model->setData(model->index(1, Qty), 21));
        QVERIFY(model->setData(model->index(2, Name), QStringLiteral("damson")));
        const QString other = m_db->exec({QStringLiteral("UPDATE items SET name = 'red apple' WHERE id = 1"),
                                          QStringLiteral("UPDATE items SET name = 'pluot' WHERE id = 3")});
        QVERIFY2(other.isEmpty(), qPrintable(other));

        QVERIFY(!model->submitAll());
        const SubmitResult &result = model->lastSubmitResult();
        QVERIFY(result.committed);
        QCOMPARE(result.conflictCount(), 2);
        QCOMPARE(result.savedCount(), 1);
        const Conflict conflict = model->index(0, Name).data(VersionedTableModel::ConflictRole).value<Conflict>();
        QCOMPARE(conflict.kind, Conflict::Kind::Modified);
        QCOMPARE(conflict.theirs.value(QStringLiteral("name")).toString(), QStringLiteral("red apple"));
        QCOMPARE(model->index(0, Name).data().toString(), QStringLiteral("green apple"));
        QCOMPARE(model->rowState(0), VersionedTableModel::RowState::Conflict);
        // Their values stand; the untouched field's edit saved; nothing logged for the conflicts.
        QCOMPARE(flat(m_db->connect(), allItems()), QStringLiteral("1|red apple|10|1;2|pear|21|2;3|pluot|30|1"));
        QCOMPARE(SqlProbe::logCount(m_db->connect()), 1);
    }

    // A window the progress dialog does not block (a record form) can edit or revert rows
    // while a save runs: the save's outcome still lands on the right rows, and a row
    // reverted meanwhile is left alone.
    void shouldApplyASaveWhoseRowsChangedWhileItRan()
    {
        QVERIFY(openDatabase());
        QStringList rows;
        for (int id = 4; id <= 200; ++id)
            rows.append(QStringLiteral("(%1, 'item %1', %1, 1)").arg(id));
        QCOMPARE(m_db->exec(QStringLiteral("INSERT INTO items (id, name, qty, version) VALUES ") + rows.join(QLatin1Char(','))),
                 QString());
        auto model = openModel(m_db->connect());
        while (model->canFetchMore())
            model->fetchMore();
        QCOMPARE(model->rowCount(), 200);
        for (int row = 0; row < 3; ++row)
            QVERIFY(model->setData(model->index(row, Qty), 100 + row));

        SubmitOptions options;
        bool edited = false;
        options.progress = [&](int, int) {
            if (!edited) {
                edited = true;
                for (int row = 3; row < model->rowCount(); ++row)
                    model->setData(model->index(row, Qty), -row);
                model->revertRows({1});
            }
            return true;
        };
        const SubmitResult result = model->submitPending(options);
        QVERIFY(edited);
        QVERIFY2(result.allSaved(), qPrintable(result.summary()));
        QCOMPARE(result.savedCount(), 3);
        // The edits made during the save wait for the next; the saved rows are clean.
        QCOMPARE(model->pendingCount(), 197);
        QCOMPARE(model->rowState(0), VersionedTableModel::RowState::Clean);
        QCOMPARE(model->index(0, Qty).data().toInt(), 100);
        QCOMPARE(model->index(0, Version).data().toInt(), 2);
        QCOMPARE(model->rowState(3), VersionedTableModel::RowState::Edited);
        QCOMPARE(flat(m_db->connect(), QStringLiteral("SELECT id, qty, version FROM items WHERE id <= 4 ORDER BY id")),
                 QStringLiteral("1|100|2;2|101|2;3|102|2;4|4|1"));
    }

    // Views choose editors and refuse bad input from the catalog, before anything is saved.
    void shouldCheckValuesAgainstTheCatalog()
    {
        QVERIFY(openDatabase());
        const QString made = m_db->exec({
                QStringLiteral("CREATE TABLE orders (id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL REFERENCES items (id), "
                               "status VARCHAR(10) NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'paid')), "
                               "amount DECIMAL(8,2), note VARCHAR(5), version BIGINT)"),
                QStringLiteral("INSERT INTO orders (id, item_id, status, amount, version) VALUES (1, 2, 'new', 12.50, 1)"),
        });
        QVERIFY2(made.isEmpty(), qPrintable(made));
        auto model = openModel(m_db->connect(), QStringLiteral("orders"));
        const int item = model->fieldIndex(QStringLiteral("item_id"));
        const int status = model->fieldIndex(QStringLiteral("status"));
        const int amount = model->fieldIndex(QStringLiteral("amount"));
        const int note = model->fieldIndex(QStringLiteral("note"));

        QCOMPARE(model->columnInfo(status).allowedValues, (QStringList{QStringLiteral("new"), QStringLiteral("paid")}));
        QCOMPARE(model->columnInfo(amount).kind, ColumnInfo::Kind::Decimal);
        QCOMPARE(model->columnInfo(amount).scale, 2);
        QCOMPARE(model->columnInfo(item).referencedTable.toLower(), QStringLiteral("items"));
        QVERIFY(!model->columnInfo(item).nullable);
        QVERIFY(model->columnInfo(status).hasDefault);

        // Each refusal is one sentence naming the column; a good value comes back as kept.
        const auto refused = [&](int column, const QVariant &value, const char *words) {
            const auto checked = model->checkValue(column, value);
            if (checked)
                return QStringLiteral("accepted");
            return checked.error().message.contains(QLatin1String(words)) ? QString() : checked.error().message;
        };
        QCOMPARE(refused(status, QStringLiteral("bogus-status"), "one of new, paid"), QString());
        QCOMPARE(refused(amount, QStringLiteral("1.005"), "at most 2 digits after the point"), QString());
        QCOMPARE(refused(note, QStringLiteral("sixsix"), "at most 5 characters"), QString());
        QCOMPARE(refused(item, QVariant(), "cannot be NULL"), QString());
        QCOMPARE(refused(item, QStringLiteral("many"), "whole numbers"), QString());
        QCOMPARE(*model->checkValue(amount, QStringLiteral("00012.5")), QVariant(QStringLiteral("12.5")));
        // The servers' exact text; SQLite keeps a DECIMAL as the REAL it stored (views show its scale).
        QCOMPARE(model->index(0, amount).data().toString(),
                 m_db->dialect() == TestDatabase::Dialect::SQLite ? QStringLiteral("12.5") : QStringLiteral("12.50"));

        QCOMPARE(*model->referenceExists(item, 3), true);
        QCOMPARE(*model->referenceExists(item, 99999), false);
        QCOMPARE(*model->referenceExists(status, QStringLiteral("new")), true);

        // A new row: the columns the database fills in say so until they are set.
        QVERIFY(model->insertRows(model->rowCount(), 1));
        const int added = model->rowCount() - 1;
        QVERIFY(model->index(added, status).data(VersionedTableModel::DefaultRole).toBool());
        QVERIFY(!model->index(added, note).data(VersionedTableModel::DefaultRole).toBool());
        QVERIFY(model->setData(model->index(added, status), QStringLiteral("paid")));
        QVERIFY(!model->index(added, status).data(VersionedTableModel::DefaultRole).toBool());
    }

    // Rows are read in pages of statements run to their end (no read lock left on a SQLite
    // file, no whole result in a server's client); a row moved between two pages by another
    // client's insert is shown once.
    void shouldReadInPagesShowingEachRowOnce()
    {
        QVERIFY(openDatabase());
        constexpr int rows = 3000;
        QStringList statements{QStringLiteral("DELETE FROM items")};
        QStringList values;
        for (int i = 1; i <= rows; ++i) {
            values.append(QStringLiteral("(%1, 'item %1', %2, 1)").arg(i).arg(i % 7));
            if (values.size() == 500 || i == rows) {
                statements.append(QStringLiteral("INSERT INTO items (id, name, qty, version) VALUES ") + values.join(QLatin1Char(',')));
                values.clear();
            }
        }
        QCOMPARE(m_db->exec(statements), QString());

        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        auto model = openModel(alice);
        QCOMPARE(model->rowCount(), rows);
        QVERIFY(model->isRowLoaded(0));
        QVERIFY(!model->isRowLoaded(rows - 1));
        QVERIFY(model->setData(model->index(5, Qty), 555));

        // Bob inserts a row that sorts first: every later offset moves by one.
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        QVERIFY2(QSqlQuery(bob).exec(QStringLiteral("INSERT INTO items (id, name, qty, version) VALUES (0, 'first', 0, 1)")),
                 "bob's insert");

        while (model->canFetchMore())
            model->fetchMore();
        QCOMPARE(model->rowCount(), rows);
        QSet<int> ids;
        for (int r = 0; r < model->rowCount(); ++r)
            ids.insert(model->index(r, Id).data().toInt());
        QCOMPARE(ids.size(), rows);
        QVERIFY(!ids.contains(0));
        QCOMPARE(model->index(5, Qty).data().toInt(), 555); // the edit made before the pages came

        // A refresh shows Bob's row; the pending edit is still there, by key.
        QVERIFY(model->select());
        QCOMPARE(model->index(0, Id).data().toInt(), 0);
        QCOMPARE(model->index(model->rowForKey(6), Qty).data().toInt(), 555);

        // Bob deletes rows Alice has already read: every later position moves back. The
        // rows that were just past the page boundary are shown all the same.
        const int lastShown = model->index(model->pageSize() - 1, Id).data().toInt();
        QVERIFY2(QSqlQuery(bob).exec(QStringLiteral("DELETE FROM items WHERE id IN (10, 11, 12, 13, 14, 15, 16, 17, 18, 19)")),
                 "bob's delete");
        while (model->canFetchMore())
            model->fetchMore();
        QSet<int> after;
        for (int r = 0; r < model->rowCount(); ++r)
            after.insert(model->index(r, Id).data().toInt());
        for (int id = lastShown + 1; id <= rows; ++id)
            QVERIFY2(after.contains(id), qPrintable(QStringLiteral("row %1 is missing").arg(id)));
        QCOMPARE(model->rowCount(), rows + 1); // the deleted rows were read before; a refresh drops them
        QVERIFY(model->select());
        while (model->canFetchMore())
            model->fetchMore();
        QCOMPARE(model->rowCount(), rows + 1 - 10);

        // Sorted by another column, pages follow that order.
        model->setSort(Qty, Qt::DescendingOrder);
        QVERIFY(model->select());
        while (model->canFetchMore())
            model->fetchMore();
        QCOMPARE(model->rowCount(), rows + 1 - 10);
        int previous = std::numeric_limits<int>::max();
        for (int r = 0; r < model->rowCount(); ++r) {
            const int qty = model->index(r, Qty).data(VersionedTableModel::LoadedValueRole).toInt();
            QVERIFY2(qty <= previous, qPrintable(QStringLiteral("row %1").arg(r)));
            previous = qty;
        }
        model.reset();
    }

    void shouldMarkEditedCellsDirty()
    {
        QVERIFY(openDatabase());
        QSqlDatabase db = m_db->connect();
        auto model = openModel(db);
        QCOMPARE(flat(*model), QStringLiteral("1|apple|10|1;2|pear|20|1;3|plum|30|1"));
        QCOMPARE(model->versionColumn(), int(Version));
        QCOMPARE(model->primaryKeyColumn(), int(Id));
        QVERIFY(!(model->flags(model->index(0, Version)) & Qt::ItemIsEditable));
        QVERIFY(!(model->flags(model->index(0, Id)) & Qt::ItemIsEditable));
        QVERIFY(!model->setData(model->index(0, Version), 5));

        QSignalSpy changed(model.get(), &QAbstractItemModel::dataChanged);
        QSignalSpy pending(model.get(), &VersionedTableModel::pendingChanged);
        QVERIFY(model->setData(model->index(1, Qty), 21));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex(), model->index(1, Qty));
        QCOMPARE(pending.count(), 1);
        QCOMPARE(pending.first().at(0).toInt(), 1);
        QCOMPARE(flat(*model), QStringLiteral("1|apple|10|1;2|pear|21|1;3|plum|30|1"));
        QCOMPARE(flat(*model, VersionedTableModel::DirtyRole), QStringLiteral("false|false|false|false;false|false|true|false;false|false|false|false"));
        QCOMPARE(flat(*model, VersionedTableModel::LoadedValueRole), QStringLiteral("1|apple|10|1;2|pear|20|1;3|plum|30|1"));
        QCOMPARE(states(*model), QStringLiteral("clean,edited,clean"));
        QCOMPARE(model->pendingCount(), 1);
        QVERIFY(model->isRowDirty(1));
        QVERIFY(model->hasPendingEdits());
        QCOMPARE(model->index(1, 0).data(VersionedTableModel::VersionRole).toLongLong(), 1);
        QCOMPARE(model->index(1, 0).data(VersionedTableModel::PrimaryKeyRole).toLongLong(), 2);
        // Nothing reached the database.
        QCOMPARE(flat(db, QStringLiteral("SELECT qty FROM items WHERE id = 2")), QStringLiteral("20"));
    }

    void shouldUndoAnEditWhenTheLoadedValueIsTypedBack()
    {
        QVERIFY(openDatabase());
        QSqlDatabase db = m_db->connect();
        auto model = openModel(db);
        QVERIFY(model->setData(model->index(0, Qty), 11));
        QVERIFY(model->setData(model->index(0, Name), QStringLiteral("fig")));
        QVERIFY(model->setData(model->index(0, Qty), QStringLiteral("10")));
        QCOMPARE(states(*model), QStringLiteral("edited,clean,clean"));
        QVERIFY(!model->index(0, Qty).data(VersionedTableModel::DirtyRole).toBool());
        QVERIFY(model->setData(model->index(0, Name), QStringLiteral("apple")));
        QCOMPARE(states(*model), QStringLiteral("clean,clean,clean"));
        QCOMPARE(model->pendingCount(), 0);
        QVERIFY(model->submitAll());
        QCOMPARE(flat(db, allItems()), QStringLiteral("1|apple|10|1;2|pear|20|1;3|plum|30|1"));
    }

    void shouldSaveAndShowTheNewVersionWithoutAReload()
    {
        QVERIFY(openDatabase());
        QSqlDatabase db = m_db->connect();
        auto model = openModel(db);
        QVERIFY(model->setData(model->index(0, Qty), 11));
        QVERIFY(model->setData(model->index(2, Name), QStringLiteral("prune")));
        QSignalSpy reset(model.get(), &QAbstractItemModel::modelReset);
        QSignalSpy submitted(model.get(), &VersionedTableModel::submitted);
        QSignalSpy conflicts(model.get(), &VersionedTableModel::conflictDetected);
        QVERIFY2(model->submitAll(), qPrintable(model->lastError().text()));
        QCOMPARE(reset.count(), 0);
        QCOMPARE(conflicts.count(), 0);
        QCOMPARE(submitted.count(), 1);
        const auto result = submitted.first().at(0).value<SubmitResult>();
        QCOMPARE(result.savedCount(), 2);
        QVERIFY(result.committed);
        QCOMPARE(flat(*model), QStringLiteral("1|apple|11|2;2|pear|20|1;3|prune|30|2"));
        QCOMPARE(model->index(0, 0).data(VersionedTableModel::VersionRole).toLongLong(), 2);
        QCOMPARE(states(*model), QStringLiteral("clean,clean,clean"));
        QCOMPARE(model->lastError().type(), QSqlError::NoError);
        QCOMPARE(flat(db, allItems()), QStringLiteral("1|apple|11|2;2|pear|20|1;3|prune|30|2"));
        // The shown version is the one to save against next.
        QVERIFY(model->setData(model->index(0, Qty), 12));
        QVERIFY2(model->submitAll(), qPrintable(model->lastError().text()));
        QCOMPARE(flat(db, QStringLiteral("SELECT qty, version FROM items WHERE id = 1")), QStringLiteral("12|3"));
        QCOMPARE(model->index(0, Version).data().toLongLong(), 3);
    }

    void shouldInsertAndRemoveRows()
    {
        QVERIFY(openDatabase());
        QSqlDatabase db = m_db->connect();
        auto model = openModel(db);
        QVERIFY(model->insertRows(0, 2));
        QCOMPARE(model->rowCount(), 5);
        QVERIFY(model->setData(model->index(3, Id), 7));
        QVERIFY(model->setData(model->index(3, Name), QStringLiteral("fig")));
        QVERIFY(model->setData(model->index(4, Id), 8));
        QVERIFY(model->removeRows(4, 1)); // a pending insert just goes away
        QCOMPARE(model->rowCount(), 4);
        QVERIFY(model->removeRows(1, 1)); // a loaded row is marked
        QCOMPARE(states(*model), QStringLiteral("clean,deleted,clean,inserted"));
        QVERIFY(model->index(1, Name).data(VersionedTableModel::DirtyRole).toBool());
        QVERIFY(!(model->flags(model->index(1, Name)) & Qt::ItemIsEditable));
        QCOMPARE(model->pendingCount(), 2);
        QCOMPARE(flat(db, allItems()), QStringLiteral("1|apple|10|1;2|pear|20|1;3|plum|30|1"));

        QVERIFY2(model->submitAll(), qPrintable(model->lastError().text()));
        QCOMPARE(flat(db, allItems()), QStringLiteral("1|apple|10|1;3|plum|30|1;7|fig|-|1"));
        QCOMPARE(flat(*model), QStringLiteral("1|apple|10|1;3|plum|30|1;7|fig|-|1"));
        QCOMPARE(states(*model), QStringLiteral("clean,clean,clean"));
        QCOMPARE(model->pendingCount(), 0);
    }

    void shouldRevertAllAndRevertRows()
    {
        QVERIFY(openDatabase());
        QSqlDatabase db = m_db->connect();
        auto model = openModel(db);
        QVERIFY(model->setData(model->index(0, Qty), 11));
        QVERIFY(model->setData(model->index(1, Qty), 21));
        QVERIFY(model->removeRows(2, 1));
        QVERIFY(model->insertRows(3, 1));
        QCOMPARE(states(*model), QStringLiteral("edited,edited,deleted,inserted"));
        model->revertRows({1, 3});
        QCOMPARE(states(*model), QStringLiteral("edited,clean,deleted"));
        QCOMPARE(flat(*model), QStringLiteral("1|apple|11|1;2|pear|20|1;3|plum|30|1"));
        QSignalSpy pending(model.get(), &VersionedTableModel::pendingChanged);
        model->revertAll();
        QCOMPARE(pending.count(), 1);
        QCOMPARE(pending.first().at(0).toInt(), 0);
        QCOMPARE(states(*model), QStringLiteral("clean,clean,clean"));
        QCOMPARE(flat(*model), QStringLiteral("1|apple|10|1;2|pear|20|1;3|plum|30|1"));
        QVERIFY(model->submitAll());
        QCOMPARE(flat(db, allItems()), QStringLiteral("1|apple|10|1;2|pear|20|1;3|plum|30|1"));
    }

    void shouldShowConflictsAndKeepEveryEdit()
    {
        QVERIFY(openDatabase(true));
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        auto model = openModel(alice);
        QVERIFY(model->setData(model->index(0, Qty), 11));
        QVERIFY(model->setData(model->index(1, Qty), 21));
        QVERIFY(model->setData(model->index(2, Name), QVariant()));

        BatchSubmitter bobs(bob);
        QVERIFY(bobs.submit({update(1, 1, QStringLiteral("name"), QStringLiteral("bob")), remove(2, 1)}).allSaved());

        QSignalSpy conflicts(model.get(), &VersionedTableModel::conflictDetected);
        QSignalSpy submitted(model.get(), &VersionedTableModel::submitted);
        QVERIFY(!model->submitAll());
        QCOMPARE(submitted.count(), 1);
        const auto result = submitted.first().at(0).value<SubmitResult>();
        QCOMPARE(result.conflictCount(), 2);
        QCOMPARE(result.errorCount(), 1);
        QCOMPARE(conflicts.count(), 2);
        const auto first = conflicts.at(0).at(0).value<Conflict>();
        const auto second = conflicts.at(1).at(0).value<Conflict>();
        QCOMPARE(first.pk.toLongLong(), 1);
        QCOMPARE(first.kind, Conflict::Kind::Modified);
        QCOMPARE(first.currentVersion.toLongLong(), 2);
        QCOMPARE(second.pk.toLongLong(), 2);
        QCOMPARE(second.kind, Conflict::Kind::Deleted);

        QCOMPARE(states(*model), QStringLiteral("conflict,gone,error"));
        // Every typed value is still there, at the version it was loaded with.
        QCOMPARE(flat(*model), QStringLiteral("1|apple|11|1;2|pear|21|1;3|-|30|1"));
        QCOMPARE(flat(*model, VersionedTableModel::VersionRole), QStringLiteral("1|1|1|1;1|1|1|1;1|1|1|1"));
        QCOMPARE(model->index(0, Name).data(VersionedTableModel::TheirValueRole).toString(), QStringLiteral("bob"));
        QCOMPARE(model->index(0, Name).data(VersionedTableModel::LoadedValueRole).toString(), QStringLiteral("apple"));
        QCOMPARE(model->index(0, Version).data(VersionedTableModel::TheirValueRole).toLongLong(), 2);
        const auto shown = model->index(0, 0).data(VersionedTableModel::ConflictRole).value<Conflict>();
        QCOMPARE(shown.changedByThem(), QStringList{QStringLiteral("name")});
        QVERIFY(model->index(1, Name).data(VersionedTableModel::TheirValueRole).isNull());
        QVERIFY(model->index(2, 0).data(VersionedTableModel::ConflictRole).isNull());
        QVERIFY(!model->index(2, 0).data(VersionedTableModel::ErrorRole).toString().isEmpty());
        QVERIFY(model->index(1, 0).data(VersionedTableModel::ErrorRole).toString().isEmpty());
        QCOMPARE(model->pendingCount(), 3);
        const QString error = model->lastError().text();
        QVERIFY2(error.contains(QLatin1String("items 1 was changed by someone else")), qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("items 2 was deleted by someone else")), qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("items 3 could not be saved")), qPrintable(error));
        QCOMPARE(flat(bob, allItems()), QStringLiteral("1|bob|10|2;3|plum|30|1"));

        // A select() (a refresh) keeps them all.
        QVERIFY(model->select());
        QCOMPARE(flat(*model), QStringLiteral("1|bob|11|2;3|-|30|1"));
        QCOMPARE(states(*model), QStringLiteral("conflict,error"));
        QCOMPARE(model->pendingCount(), 3);
    }

    void shouldResolveAConflictAgainstTheirVersion()
    {
        QVERIFY(openDatabase());
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        auto model = openModel(alice);
        QVERIFY(model->setData(model->index(0, Qty), 11));
        BatchSubmitter bobs(bob);
        QVERIFY(bobs.submit({update(1, 1, QStringLiteral("name"), QStringLiteral("bob"))}).allSaved());
        QVERIFY(!model->submitAll());
        QCOMPARE(states(*model), QStringLiteral("conflict,clean,clean"));

        // Merge: their name, my qty; re-made against their version 2.
        QVERIFY(model->resolveConflict(0, {{QStringLiteral("name"), QStringLiteral("bob")}, {QStringLiteral("qty"), 11}}));
        QCOMPARE(states(*model), QStringLiteral("edited,clean,clean"));
        QCOMPARE(model->index(0, 0).data(VersionedTableModel::VersionRole).toLongLong(), 2);
        QCOMPARE(flat(*model), QStringLiteral("1|bob|11|2;2|pear|20|1;3|plum|30|1"));
        QCOMPARE(model->index(0, Qty).data(VersionedTableModel::LoadedValueRole).toInt(), 10);
        QVERIFY(!model->index(0, Name).data(VersionedTableModel::DirtyRole).toBool());

        // A third change in between conflicts again.
        QVERIFY(bobs.submit({update(1, 2, QStringLiteral("qty"), 15)}).allSaved());
        QVERIFY(!model->submitAll());
        QCOMPARE(states(*model), QStringLiteral("conflict,clean,clean"));
        QCOMPARE(model->index(0, Qty).data(VersionedTableModel::TheirValueRole).toInt(), 15);
        QVERIFY(model->resolveConflict(0, {{QStringLiteral("qty"), 16}}));
        QVERIFY2(model->submitAll(), qPrintable(model->lastError().text()));
        QCOMPARE(flat(alice, QStringLiteral("SELECT name, qty, version FROM items WHERE id = 1")), QStringLiteral("bob|16|4"));
        QCOMPARE(flat(*model), QStringLiteral("1|bob|16|4;2|pear|20|1;3|plum|30|1"));
    }

    void shouldTakeTheirsAndRecreateDeletedRows()
    {
        QVERIFY(openDatabase());
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        auto model = openModel(alice);
        QVERIFY(model->setData(model->index(0, Qty), 11));
        QVERIFY(model->setData(model->index(1, Qty), 21));
        BatchSubmitter bobs(bob);
        QVERIFY(bobs.submit({update(1, 1, QStringLiteral("name"), QStringLiteral("bob")), remove(2, 1)}).allSaved());
        QVERIFY(!model->submitAll());
        QCOMPARE(states(*model), QStringLiteral("conflict,gone,clean"));

        QVERIFY(model->takeTheirs(0));
        QCOMPARE(states(*model), QStringLiteral("clean,gone,clean"));
        QCOMPARE(flat(*model).section(QLatin1Char(';'), 0, 0), QStringLiteral("1|bob|10|2"));
        QVERIFY(!model->takeTheirs(2)); // nothing to take

        QVERIFY(model->recreateDeleted(1));
        QCOMPARE(states(*model), QStringLiteral("clean,clean,clean,inserted"));
        QCOMPARE(flat(*model).section(QLatin1Char(';'), 3, 3), QStringLiteral("2|pear|21|-"));
        QVERIFY2(model->submitAll(), qPrintable(model->lastError().text()));
        QCOMPARE(flat(alice, allItems()), QStringLiteral("1|bob|10|2;2|pear|21|1;3|plum|30|1"));
        QCOMPARE(flat(*model), QStringLiteral("1|bob|10|2;2|pear|21|1;3|plum|30|1"));
    }

    void shouldSettleAConflictAndNameTheRowToSave()
    {
        QVERIFY(openDatabase());
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        auto model = openModel(alice);
        QVERIFY(model->setData(model->index(0, Qty), 11));
        QVERIFY(model->setData(model->index(1, Qty), 21));
        QVERIFY(model->setData(model->index(2, Qty), 31));
        BatchSubmitter bobs(bob);
        QVERIFY(bobs.submit({update(1, 1, QStringLiteral("name"), QStringLiteral("bob")), remove(2, 1)}).allSaved());
        QVERIFY(!model->submitRows({0, 1}).allSaved());
        QCOMPARE(states(*model), QStringLiteral("conflict,gone,edited"));

        // Nothing to settle on a row that is not in conflict: refused, nothing changes.
        QVERIFY(!model->settleConflict(2, VersionedTableModel::Resolution::Merge, {{QStringLiteral("qty"), 99}}));
        QCOMPARE(states(*model), QStringLiteral("conflict,gone,edited"));

        // Re-created: the model names the new row; saving that row alone leaves row 3's
        // edit pending.
        const Result<int> recreated = model->settleConflict(1, VersionedTableModel::Resolution::Recreate);
        QVERIFY(recreated);
        QCOMPARE(model->rowState(*recreated), VersionedTableModel::RowState::Inserted);
        QCOMPARE(model->index(*recreated, Qty).data().toInt(), 21);
        QVERIFY(model->submitRows({*recreated}).allSaved());
        QCOMPARE(flat(alice, QStringLiteral("SELECT name, qty FROM items WHERE id = 2")), QStringLiteral("pear|21"));
        QCOMPARE(flat(alice, QStringLiteral("SELECT qty FROM items WHERE id = 3")), QStringLiteral("30"));

        // Merged: the same row, against their version.
        const Result<int> merged = model->settleConflict(0, VersionedTableModel::Resolution::Merge,
                                                         {{QStringLiteral("name"), QStringLiteral("bob")}, {QStringLiteral("qty"), 11}});
        QVERIFY(merged);
        QCOMPARE(*merged, 0);
        QVERIFY(model->submitRows({*merged}).allSaved());
        QCOMPARE(flat(alice, QStringLiteral("SELECT name, qty, version FROM items WHERE id = 1")), QStringLiteral("bob|11|3"));
        QVERIFY(model->hasPendingEdits()); // row 3, untouched by either
    }

    void shouldMatchEditsByKeyAcrossSortsAndRefreshes()
    {
        QVERIFY(openDatabase());
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        auto model = openModel(alice);
        QVERIFY(model->setData(model->index(1, Qty), 99)); // pear, id 2

        model->setSort(Name, Qt::DescendingOrder);
        QVERIFY(model->select());
        QCOMPARE(flat(*model), QStringLiteral("3|plum|30|1;2|pear|99|1;1|apple|10|1"));
        QCOMPARE(states(*model), QStringLiteral("clean,edited,clean"));

        // Bob adds rows that sort before pear; a refresh moves pear down.
        QSqlQuery insert(bob);
        QVERIFY(insert.exec(QStringLiteral("INSERT INTO items (id, name, qty, version) VALUES (4, 'zucchini', 40, 1), (5, 'quince', 50, 1)")));
        QVERIFY(model->select());
        QCOMPARE(flat(*model), QStringLiteral("4|zucchini|40|1;5|quince|50|1;3|plum|30|1;2|pear|99|1;1|apple|10|1"));
        QCOMPARE(model->rowForKey(2), 3);
        QCOMPARE(states(*model), QStringLiteral("clean,clean,clean,edited,clean"));
        QCOMPARE(model->index(3, Qty).data().toInt(), 99);
        QVERIFY(model->setData(model->index(0, Qty), 41)); // zucchini, id 4

        QVERIFY2(model->submitAll(), qPrintable(model->lastError().text()));
        QCOMPARE(flat(bob, allItems()), QStringLiteral("1|apple|10|1;2|pear|99|2;3|plum|30|1;4|zucchini|41|2;5|quince|50|1"));
    }

    void shouldKeepVersionsAndEditsWhenAbortAllRollsBack()
    {
        QVERIFY(openDatabase());
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        auto model = openModel(alice);
        model->setSubmitPolicy(SubmitPolicy::AbortAll);
        QVERIFY(model->setData(model->index(0, Qty), 11));
        QVERIFY(model->setData(model->index(1, Qty), 21));
        QVERIFY(model->setData(model->index(2, Qty), 31));
        QVERIFY(model->insertRows(3, 1));
        QVERIFY(model->setData(model->index(3, Id), 9));
        QVERIFY(model->setData(model->index(3, Name), QStringLiteral("fig")));
        BatchSubmitter bobs(bob);
        QVERIFY(bobs.submit({update(3, 1, QStringLiteral("name"), QStringLiteral("bob"))}).allSaved());

        QVERIFY(!model->submitAll());
        QVERIFY(!model->lastSubmitResult().committed);
        QCOMPARE(model->lastSubmitResult().count(RowOutcome::Status::RolledBack), 2);
        QCOMPARE(flat(bob, allItems()), QStringLiteral("1|apple|10|1;2|pear|20|1;3|bob|30|2"));
        // Rows 1 and 2 were accepted, then rolled back: their versions did not move.
        QCOMPARE(flat(*model), QStringLiteral("1|apple|11|1;2|pear|21|1;3|plum|31|1;9|fig|-|-"));
        QCOMPARE(states(*model), QStringLiteral("edited,edited,conflict,inserted"));
        QCOMPARE(model->pendingCount(), 4);

        // Fix the conflict, save again: everything goes in.
        QVERIFY(model->resolveConflict(2, {{QStringLiteral("qty"), 31}}));
        QVERIFY2(model->submitAll(), qPrintable(model->lastError().text()));
        QCOMPARE(flat(bob, allItems()), QStringLiteral("1|apple|11|2;2|pear|21|2;3|bob|31|3;9|fig|-|1"));
        QCOMPARE(flat(*model), QStringLiteral("1|apple|11|2;2|pear|21|2;3|bob|31|3;9|fig|-|1"));
    }

    void shouldCheckChangedColumnsOfUnversionedTables()
    {
        QVERIFY(openDatabase());
        QVERIFY(m_db->exec({QStringLiteral("CREATE TABLE notes (id INTEGER PRIMARY KEY, title %1, body %1)").arg(m_db->text()),
                            QStringLiteral("INSERT INTO notes (id, title, body) VALUES (1, 'a', NULL), (2, 'b', 'x')")}).isEmpty());
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        auto model = openModel(alice, QStringLiteral("notes"));
        QCOMPARE(model->versionColumn(), -1);
        QVERIFY(model->setData(model->index(0, 2), QStringLiteral("mine")));
        QVERIFY(model->setData(model->index(1, 1), QStringLiteral("mine")));
        QSqlQuery change(bob);
        QVERIFY(change.exec(QStringLiteral("UPDATE notes SET body = 'bob' WHERE id = 1")));
        QVERIFY(change.exec(QStringLiteral("UPDATE notes SET body = 'bob' WHERE id = 2")));
        QVERIFY(!model->submitAll());
        // Row 1: Bob changed the column I changed (from NULL) -> conflict. Row 2: another column -> saved.
        QCOMPARE(states(*model), QStringLiteral("conflict,clean"));
        QCOMPARE(model->index(0, 2).data(VersionedTableModel::TheirValueRole).toString(), QStringLiteral("bob"));
        QCOMPARE(flat(bob, QStringLiteral("SELECT id, title, body FROM notes ORDER BY id")), QStringLiteral("1|a|bob;2|mine|bob"));
    }

    void shouldShowTheVersionEachKindSaved_data()
    {
        QTest::addColumn<int>("kind");
        for (VersionKind kind : {VersionKind::Auto, VersionKind::Timestamp, VersionKind::Trigger, VersionKind::Conditional})
            QTest::newRow(qPrintable(VersionPolicy::kindName(kind))) << int(kind);
    }
    void shouldShowTheVersionEachKindSaved()
    {
        QFETCH(int, kind);
        QVERIFY(openDatabase());
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        {
            VersionRegistry registry(alice);
            VersionPolicy policy;
            policy.column = QStringLiteral("version");
            policy.kind = VersionKind(kind);
            if (policy.kind == VersionKind::Conditional)
                policy.ignoreFields = QStringList{QStringLiteral("qty")};
            const auto enabled = registry.enable(QStringLiteral("items"), policy);
            QVERIFY2(enabled.ok(), qPrintable(enabled.error().message));
        }
        auto model = openModel(alice);
        QCOMPARE(model->versionPolicy().kind, VersionKind(kind));
        QVERIFY(model->setData(model->index(0, Name), QStringLiteral("fig")));
        QVERIFY(model->setData(model->index(1, Qty), 21));
        QVERIFY2(model->submitAll(), qPrintable(model->lastError().text()));
        // Without a reload, the grid shows exactly what the database holds.
        QCOMPARE(flat(*model), flat(alice, allItems()));
        const qint64 first = model->index(0, Version).data().toLongLong();
        const qint64 second = model->index(1, Version).data().toLongLong();
        QCOMPARE(model->index(0, 0).data(VersionedTableModel::VersionRole).toLongLong(), first);
        switch (VersionKind(kind)) {
        case VersionKind::Auto:
        case VersionKind::Trigger:
            QCOMPARE(first, 2);
            QCOMPARE(second, 2);
            break;
        case VersionKind::Conditional:
            QCOMPARE(first, 2);
            QCOMPARE(second, 1); // only an ignored field changed
            break;
        case VersionKind::Timestamp:
            QVERIFY(first > 25LL * 365 * 24 * 3600 * 1000000); // microseconds since 2000: over 25 years of them
            QVERIFY(second > first);
            break;
        }
        // And saving again from there works.
        QVERIFY(model->setData(model->index(0, Name), QStringLiteral("date")));
        QVERIFY2(model->submitAll(), qPrintable(model->lastError().text()));
        QCOMPARE(flat(*model), flat(alice, allItems()));
        QVERIFY(model->index(0, Version).data().toLongLong() > first);
    }

    void shouldKeepEditsWhenASaveIsCancelled()
    {
        QVERIFY(openDatabase());
        QSqlDatabase db = m_db->connect();
        auto model = openModel(db);
        QVERIFY(model->setData(model->index(0, Qty), 11));
        QVERIFY(model->setData(model->index(1, Name), QStringLiteral("fig")));
        QVERIFY(model->removeRows(2, 1));
        SubmitOptions options;
        int calls = 0;
        options.progress = [&](int, int) { return ++calls < 2; };
        const SubmitResult result = model->submitPending(options);
        QVERIFY(!result.committed);
        QCOMPARE(result.error.code, DbError::Code::Cancelled);
        QCOMPARE(calls, 2);
        QCOMPARE(flat(db, allItems()), QStringLiteral("1|apple|10|1;2|pear|20|1;3|plum|30|1"));
        QCOMPARE(flat(*model), QStringLiteral("1|apple|11|1;2|fig|20|1;3|plum|30|1"));
        QCOMPARE(states(*model), QStringLiteral("edited,edited,deleted"));
        QVERIFY2(model->submitAll(), qPrintable(model->lastError().text()));
        QCOMPARE(flat(db, allItems()), QStringLiteral("1|apple|11|2;2|fig|20|2"));
        QCOMPARE(flat(*model), QStringLiteral("1|apple|11|2;2|fig|20|2"));
    }

    void shouldSaveUnversionedRowsHoldingPreciseValues()
    {
        // Unversioned rows are checked by their loaded values: values the driver rounds
        // on the way in (microseconds, doubles) must still match themselves.
        QFETCH_GLOBAL(QString, dialect);
        QVERIFY(openDatabase());
        const QString stamp = dialect == QLatin1String("mariadb") ? QStringLiteral("DATETIME(6)") : QStringLiteral("TIMESTAMP");
        QVERIFY(m_db->exec({QStringLiteral("CREATE TABLE events (id INTEGER PRIMARY KEY, title %1, at %2, ratio DOUBLE PRECISION)")
                                    .arg(m_db->text(), stamp),
                            QStringLiteral("INSERT INTO events (id, title, at, ratio) VALUES "
                                           "(1, 'a', '2024-01-01 10:00:00.123456', 0.1), (2, 'b', '2024-01-01 10:00:00.654321', 0.3), "
                                           "(3, 'c', '2024-01-01 10:00:00.5', 0.25)")}).isEmpty());
        QSqlDatabase db = m_db->connect();
        auto model = openModel(db, QStringLiteral("events"));
        QCOMPARE(model->rowCount(), 3);
        QVERIFY(model->setData(model->index(0, 1), QStringLiteral("edited")));
        QVERIFY(model->removeRows(1, 1));
        QVERIFY(model->setData(model->index(2, 3), 0.75));
        QVERIFY2(model->submitAll(), qPrintable(model->lastError().text()));
        QCOMPARE(flat(db, QStringLiteral("SELECT id, title, ratio FROM events ORDER BY id")), QStringLiteral("1|edited|0.1;3|c|0.75"));

        // Editing the rounded column itself.
        const QDateTime later(QDate(2025, 5, 6), QTime(7, 8, 9));
        QVERIFY(model->setData(model->index(0, 2), later));
        QVERIFY2(model->submitAll(), qPrintable(model->lastError().text()));
        QCOMPARE(model->index(0, 2).data().toDateTime(), later);
    }

    void shouldKeepADeleteWhenItsConflictIsResolved()
    {
        QVERIFY(openDatabase());
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        auto model = openModel(alice);
        QVERIFY(model->removeRows(0, 1));
        BatchSubmitter bobs(bob);
        QVERIFY(bobs.submit({update(1, 1, QStringLiteral("name"), QStringLiteral("bob"))}).allSaved());
        QVERIFY(!model->submitAll());
        QCOMPARE(states(*model), QStringLiteral("conflict,clean,clean"));
        // "Delete it anyway", now against Bob's version: still a delete.
        QVERIFY(model->resolveConflict(0, {}));
        QCOMPARE(states(*model), QStringLiteral("deleted,clean,clean"));
        QCOMPARE(model->index(0, 0).data(VersionedTableModel::VersionRole).toLongLong(), 2);
        QVERIFY2(model->submitAll(), qPrintable(model->lastError().text()));
        QCOMPARE(flat(bob, allItems()), QStringLiteral("2|pear|20|1;3|plum|30|1"));
    }

    void shouldSaveTablesWithAwkwardNames()
    {
        QVERIFY(openDatabase());
        QSqlDatabase db = m_db->connect();
        const auto q = [&](const QString &name) { return db.driver()->escapeIdentifier(name, QSqlDriver::TableName); };
        QVERIFY(m_db->exec({QStringLiteral("CREATE TABLE %1 (%2 INTEGER PRIMARY KEY, %3 INTEGER, %4 BIGINT)")
                                    .arg(q(QStringLiteral("Order Lines")), q(QStringLiteral("Line Id")), q(QStringLiteral("Qty")),
                                         q(QStringLiteral("version"))),
                            QStringLiteral("INSERT INTO %1 VALUES (1, 5, 1), (2, 6, 1)").arg(q(QStringLiteral("Order Lines")))}).isEmpty());
        auto model = openModel(db, QStringLiteral("Order Lines"));
        QCOMPARE(model->lastError().type(), QSqlError::NoError);
        QCOMPARE(flat(*model), QStringLiteral("1|5|1;2|6|1"));
        QCOMPARE(model->primaryKeyName(), QStringLiteral("Line Id"));
        QVERIFY(model->setData(model->index(0, 1), 7));
        QVERIFY(model->setData(model->index(1, 1), 8));
        QVERIFY(model->insertRows(2, 1));
        QVERIFY(model->setData(model->index(2, 0), 3));
        QVERIFY(model->setData(model->index(2, 1), 9));
        QVERIFY2(model->submitAll(), qPrintable(model->lastError().text()));
        QCOMPARE(flat(db, QStringLiteral("SELECT * FROM %1 ORDER BY 1").arg(q(QStringLiteral("Order Lines")))),
                 QStringLiteral("1|7|2;2|8|2;3|9|1"));
        QCOMPARE(flat(*model), QStringLiteral("1|7|2;2|8|2;3|9|1"));
    }
};

QTEST_MAIN(tst_VersionedTableModel)
#include "tst_versionedtablemodel.moc"
