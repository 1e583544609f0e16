#include "rowcounter.h"
#include "versionedtablemodel.h"

#include "sqlprobe.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

#include <algorithm>

using namespace Concord;

// A grid's rows on every dialect, read a page at a time wherever they lie: the last row of
// a table as soon as the first, sorted by a column that repeats, with a filter, while
// another client inserts and deletes, and with edits on rows whose page was dropped.
// Pages are 16 rows and at most 8 are held, so a table of a few thousand rows crosses
// every boundary the code has.
class tst_Paging : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_db;
    static constexpr int pageSize = 16;
    static constexpr int maxPages = 8;

    enum Column { Id, Grp, Label, Version };

    // things(id, grp, label, version): grp repeats (id % 7) and is NULL on every 11th row.
    bool openDatabase(int rows)
    {
        m_db = TestDatabase::forCurrentRow();
        if (!m_db->isValid()) {
            qWarning("%s", qPrintable(m_db->error()));
            return false;
        }
        QStringList statements{QStringLiteral("CREATE TABLE things (id INTEGER PRIMARY KEY, grp INTEGER, label %1, "
                                              "version BIGINT NOT NULL DEFAULT 1)").arg(m_db->text())};
        QStringList values;
        for (int id = 1; id <= rows; ++id) {
            values.append(QStringLiteral("(%1, %2, 'thing %1')").arg(id).arg(id % 11 == 0 ? QStringLiteral("NULL")
                                                                                           : QString::number(id % 7)));
            if (values.size() == 400 || id == rows) {
                statements.append(QStringLiteral("INSERT INTO things (id, grp, label) VALUES ") + values.join(QLatin1Char(',')));
                values.clear();
            }
        }
        statements.append(QStringLiteral("CREATE INDEX things_grp ON things (grp)"));
        const QString error = m_db->exec(statements);
        if (!error.isEmpty())
            qWarning("%s", qPrintable(error));
        return error.isEmpty();
    }

    std::unique_ptr<VersionedTableModel> openModel(int sortColumn = Id, Qt::SortOrder order = Qt::AscendingOrder,
                                                   const QString &filter = QString())
    {
        auto model = std::make_unique<VersionedTableModel>(nullptr, m_db->connect());
        model->setPageSize(pageSize);
        model->setMaxPages(maxPages);
        model->setTable(QStringLiteral("things"));
        model->setSort(sortColumn, order);
        model->setFilter(filter);
        if (!model->select())
            qWarning("%s", qPrintable(model->lastError().text()));
        new QAbstractItemModelTester(model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest, model.get());
        return model;
    }

    static int heldRows(const VersionedTableModel &model)
    {
        int rows = 0;
        for (const auto &[first, last] : model.loadedRows())
            rows += last - first + 1;
        return rows;
    }

    static qint64 idAt(const VersionedTableModel &model, int row) { return model.index(row, Id).data().toLongLong(); }

    // The ids in the database's own order for the same sort and filter.
    QList<qint64> idsInOrder(const QString &orderBy, const QString &filter = QString())
    {
        QList<qint64> ids;
        QSqlQuery query(m_db->connect());
        query.exec(QStringLiteral("SELECT id FROM things%1 ORDER BY %2")
                           .arg(filter.isEmpty() ? QString() : QStringLiteral(" WHERE ") + filter, orderBy));
        while (query.next())
            ids.append(query.value(0).toLongLong());
        return ids;
    }

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addDialectRows(); }
    void cleanup() { m_db.reset(); }

    // The scroll bar spans the table at once; the last and middle rows are read without
    // the rows between, and what is held stays within the page budget.
    void shouldReachTheEndAndTheMiddleWithoutReadingBetween()
    {
        QVERIFY(openDatabase(3000));
        auto model = openModel();
        QCOMPARE(model->rowCount(), 3000);
        QVERIFY(!model->canFetchMore());
        QCOMPARE(idAt(*model, 2999), 3000);
        QCOMPARE(idAt(*model, 1500), 1501);
        QCOMPARE(idAt(*model, 0), 1);
        QVERIFY(!model->isRowLoaded(800));
        QCOMPARE(heldRows(*model), 2 * pageSize + 3000 % pageSize); // the first, the middle and the last page
        // A walk through every row keeps at most the budget.
        for (int row = 0; row < model->rowCount(); row += 5)
            QCOMPARE(idAt(*model, row), row + 1);
        QVERIFY2(heldRows(*model) <= maxPages * pageSize, qPrintable(QString::number(heldRows(*model))));
    }

    // Sorted by a column that repeats (and holds NULLs), both ways: walking forwards,
    // backwards from the end, and jumping about shows each row once, in the database's order.
    void shouldSortByARepeatingColumnAcrossPages_data()
    {
        QTest::addColumn<bool>("descending");
        QTest::newRow("ascending") << false;
        QTest::newRow("descending") << true;
    }
    void shouldSortByARepeatingColumnAcrossPages()
    {
        QFETCH(bool, descending);
        QVERIFY(openDatabase(700));
        const QString direction = descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
        const QList<qint64> expected = idsInOrder(QStringLiteral("grp") + direction + QStringLiteral(", id") + direction);
        QCOMPARE(expected.size(), 700);

        auto forwards = openModel(Grp, descending ? Qt::DescendingOrder : Qt::AscendingOrder);
        QList<qint64> seen;
        for (int row = 0; row < forwards->rowCount(); ++row)
            seen.append(idAt(*forwards, row));
        QCOMPARE(seen, expected);

        auto backwards = openModel(Grp, descending ? Qt::DescendingOrder : Qt::AscendingOrder);
        QList<qint64> reversed;
        for (int row = backwards->rowCount() - 1; row >= 0; --row)
            reversed.prepend(idAt(*backwards, row));
        QCOMPARE(reversed, expected);

        auto jumping = openModel(Grp, descending ? Qt::DescendingOrder : Qt::AscendingOrder);
        QList<int> rows(700);
        std::iota(rows.begin(), rows.end(), 0);
        std::shuffle(rows.begin(), rows.end(), *QRandomGenerator::global());
        for (int row : std::as_const(rows))
            QCOMPARE(idAt(*jumping, row), expected.at(row));
    }

    // With a filter the count, the end and the middle are the filter's.
    void shouldPageAFilteredTable()
    {
        QVERIFY(openDatabase(2000));
        const QString filter = QStringLiteral("grp = 3");
        const QList<qint64> expected = idsInOrder(QStringLiteral("label DESC, id DESC"), filter);
        auto model = openModel(Label, Qt::DescendingOrder, filter);
        QCOMPARE(model->rowCount(), expected.size());
        QCOMPARE(model->matchingCount().value(), int(expected.size()));
        QCOMPARE(idAt(*model, model->rowCount() - 1), expected.constLast());
        QCOMPARE(idAt(*model, model->rowCount() / 2), expected.at(model->rowCount() / 2));
        // Listed in chunks of 16 pages (more than one here), each row once.
        const auto matching = model->matchingRows();
        QVERIFY(matching);
        QVERIFY(expected.size() > 16 * pageSize);
        QSet<qint64> listed;
        for (const RowRef &ref : *matching)
            listed.insert(ref.pk.toLongLong());
        QCOMPARE(listed, QSet<qint64>(expected.cbegin(), expected.cend()));
        QCOMPARE(matching->size(), expected.size());
    }

    // Another client inserts and deletes rows while the grid is read a page at a time: no
    // row is shown twice, and every row that was there throughout is shown.
    void shouldShowEveryRowOnceWhileAnotherClientInsertsAndDeletes()
    {
        QVERIFY(openDatabase(600));
        auto model = openModel();
        QSqlDatabase other = m_db->connect(QStringLiteral("other"));
        QSet<qint64> deleted;
        QList<qint64> seen;
        int nextId = 10000;
        for (int row = 0; row < model->rowCount(); ++row) {
            seen.append(idAt(*model, row));
            if (row % pageSize != pageSize - 1)
                continue;
            // Between two page reads: delete two rows ahead and one behind, insert two.
            QSqlQuery query(other);
            for (qint64 id : {seen.constLast() + 3, seen.constLast() + 40, seen.constLast() - 5}) {
                QVERIFY(query.exec(QStringLiteral("DELETE FROM things WHERE id = %1").arg(id)));
                deleted.insert(id);
            }
            QVERIFY(query.exec(QStringLiteral("INSERT INTO things (id, grp, label) VALUES (%1, 1, 'new'), (%2, 2, 'new')")
                                       .arg(seen.constLast() + 1000000).arg(++nextId)));
        }
        QSet<qint64> unique(seen.cbegin(), seen.cend());
        unique.remove(0); // rows past a shrunken end read as empty until the count follows
        QCOMPARE(unique.size(), qsizetype(std::count_if(seen.cbegin(), seen.cend(), [](qint64 id) { return id != 0; })));
        for (qint64 id = 1; id <= 600; ++id) {
            if (!deleted.contains(id))
                QVERIFY2(unique.contains(id), qPrintable(QStringLiteral("row %1 was never shown").arg(id)));
        }
    }

    // An edit on a row whose page was dropped (the person scrolled far away) is kept, shown
    // when the page is read again, found by key, and saved.
    void shouldKeepEditsOnRowsWhosePageWasDropped()
    {
        QVERIFY(openDatabase(3000));
        auto model = openModel();
        QVERIFY(model->setData(model->index(5, Label), QStringLiteral("edited far up")));
        for (int row = 2999; row > 1000; row -= pageSize)
            idAt(*model, row);
        QVERIFY(!model->isRowLoaded(5));
        QCOMPARE(model->rowForKey(6), -1);
        QCOMPARE(model->findRow(6).value_or(-2), 5);
        QCOMPARE(model->index(5, Label).data().toString(), QStringLiteral("edited far up"));
        QVERIFY(model->index(5, Label).data(VersionedTableModel::DirtyRole).toBool());
        for (int row = 2999; row > 1000; row -= pageSize)
            idAt(*model, row);
        QVERIFY(model->submitAll());
        QCOMPARE(SqlProbe::value(m_db->connect(), QStringLiteral("SELECT label FROM things WHERE id = 6")).toString(),
                 QStringLiteral("edited far up"));
    }

    // A row far from anything read is found by key: the database counts its place.
    void shouldFindARowFarAway()
    {
        QVERIFY(openDatabase(3000));
        auto model = openModel(Grp, Qt::DescendingOrder);
        const QList<qint64> expected = idsInOrder(QStringLiteral("grp DESC, id DESC"));
        const int place = int(expected.indexOf(2345));
        QCOMPARE(model->findRow(2345).value_or(-2), place);
        QCOMPARE(idAt(*model, place), 2345);
        QCOMPARE(model->findRow(999999).value_or(-2), -1);
    }

    // With landmarks (every few pages' first row, read in the background), a far page is
    // read from the landmark before it: every order, NULLs at either end, a filter, jumps in
    // any order show the database's own order. The model is first opened in another order,
    // whose landmarks must never be used for this one.
    void shouldJumpFromLandmarksInEveryOrder_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<bool>("descending");
        QTest::addColumn<QString>("filter");
        QTest::newRow("key") << int(Id) << false << QString();
        QTest::newRow("key descending") << int(Id) << true << QString();
        QTest::newRow("repeating with NULLs") << int(Grp) << false << QString();
        QTest::newRow("repeating with NULLs, descending") << int(Grp) << true << QString();
        QTest::newRow("text, filtered") << int(Label) << true << QStringLiteral("id % 3 <> 0");
    }
    void shouldJumpFromLandmarksInEveryOrder()
    {
        QFETCH(int, column);
        QFETCH(bool, descending);
        QFETCH(QString, filter);
        QVERIFY(openDatabase(1500));
        const QString direction = descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
        const QString name = QStringList{QStringLiteral("id"), QStringLiteral("grp"), QStringLiteral("label")}.at(column);
        QList<qint64> expected = idsInOrder(column == Id ? QStringLiteral("id") + direction
                                                         : name + direction + QStringLiteral(", id") + direction,
                                            filter);

        auto model = std::make_unique<VersionedTableModel>(nullptr, m_db->connect());
        model->setPageSize(pageSize);
        model->setMaxPages(maxPages);
        model->setLandmarksFrom(0);
        model->setTable(QStringLiteral("things"));
        model->setFilter(filter);
        QSignalSpy ready(model.get(), &VersionedTableModel::landmarksReady);
        model->setSort(column == Id ? int(Label) : int(Id), Qt::DescendingOrder);
        QVERIFY(model->select());
        model->setSort(column, descending ? Qt::DescendingOrder : Qt::AscendingOrder);
        QVERIFY(model->select());
        while (!model->hasLandmarks())
            QVERIFY(ready.wait(10000));
        QCOMPARE(model->rowCount(), expected.size());

        QList<int> rows(model->rowCount());
        std::iota(rows.begin(), rows.end(), 0);
        std::shuffle(rows.begin(), rows.end(), *QRandomGenerator::global());
        for (int row : std::as_const(rows))
            QCOMPARE(idAt(*model, row), expected.at(row));
        QVERIFY(heldRows(*model) <= maxPages * pageSize);
        // Rows far from any page held are found where they stand, first and last included.
        for (int row : {0, 1, int(expected.size()) / 2, int(expected.size()) - 1, rows.at(0), rows.at(1), rows.at(2)}) {
            idAt(*model, int(expected.size() - 1 - row));
            QCOMPARE(model->findRow(expected.at(row)).value_or(-2), row);
        }
    }

    // Another client deletes landmark rows after they were read: a page read from one
    // starts where it stood, with the row that now follows.
    void shouldReadFromALandmarkAnotherClientDeleted()
    {
        QVERIFY(openDatabase(1500));
        auto model = std::make_unique<VersionedTableModel>(nullptr, m_db->connect());
        model->setPageSize(pageSize);
        model->setMaxPages(maxPages);
        model->setLandmarksFrom(0);
        model->setTable(QStringLiteral("things"));
        model->setSort(Grp, Qt::AscendingOrder);
        QSignalSpy ready(model.get(), &VersionedTableModel::landmarksReady);
        QVERIFY(model->select());
        while (!model->hasLandmarks())
            QVERIFY(ready.wait(10000));
        QList<qint64> expected = idsInOrder(QStringLiteral("grp ASC, id ASC"));
        // The rows at a landmark, in the middle and near the end (the spacing is a few pages).
        const QList<int> places{20 * pageSize, 80 * pageSize};
        QSqlQuery other(m_db->connect(QStringLiteral("other")));
        for (int place : places)
            QVERIFY(other.exec(QStringLiteral("DELETE FROM things WHERE id = %1").arg(expected.at(place))));
        QVERIFY(!model->isRowLoaded(places.constFirst()));
        // Each place now shows the row after the deleted one; one row fewer before the second.
        QCOMPARE(idAt(*model, places.at(1)), expected.at(places.at(1) + 1));
        QCOMPARE(idAt(*model, places.at(0)), expected.at(places.at(0) + 1));
        QCOMPARE(idAt(*model, places.at(0) + 5), expected.at(places.at(0) + 6));
        // A row is found where the pages put it: counted from the landmark before it.
        const qint64 far = expected.at(places.at(1) + 40);
        QCOMPARE(model->findRow(far).value_or(-2), places.at(1) + 39);
        QCOMPARE(idAt(*model, places.at(1) + 39), far);
    }

    // A model closed while its landmarks are read does not wait for them: the reader
    // finishes on its own and is then gone.
    void shouldNotWaitForALandmarkReadWhenClosed()
    {
        QVERIFY(openDatabase(1500));
        const auto readers = [] { return QCoreApplication::instance()->findChildren<RowCounter *>().size(); };
        // The readers of earlier tests end on their own too; under sanitizers that takes a while.
        QTRY_COMPARE_WITH_TIMEOUT(readers(), 0, 60000);
        for (int i = 0; i < 3; ++i) {
            auto model = std::make_unique<VersionedTableModel>(nullptr, m_db->connect());
            model->setPageSize(pageSize);
            model->setLandmarksFrom(0);
            model->setTable(QStringLiteral("things"));
            model->setSort(Grp, Qt::DescendingOrder);
            QVERIFY(model->select());
        }
        QTRY_COMPARE_WITH_TIMEOUT(readers(), 0, 60000);
    }

    // A big table shows the database's estimate at once and its count when it arrives.
    void shouldShowAnEstimateThenTheCount()
    {
        QVERIFY(openDatabase(1200));
        // Deleted rows make SQLite's estimate (the largest rowid) too high; the servers'
        // statistics are read after ANALYZE.
        QCOMPARE(m_db->exec(QStringLiteral("DELETE FROM things WHERE id > 1000")), QString());
        QCOMPARE(m_db->exec(QStringLiteral("INSERT INTO things (id, grp, label) VALUES (5000, 1, 'last')")), QString());
        if (m_db->dialect() == TestDatabase::Dialect::PostgreSQL)
            QCOMPARE(m_db->exec(QStringLiteral("ANALYZE things")), QString());
        if (m_db->dialect() == TestDatabase::Dialect::MariaDB)
            QCOMPARE(m_db->exec(QStringLiteral("ANALYZE TABLE things")), QString());
        auto model = std::make_unique<VersionedTableModel>(nullptr, m_db->connect());
        model->setPageSize(pageSize);
        model->setBackgroundCountFrom(0);
        model->setTable(QStringLiteral("things"));
        QSignalSpy settled(model.get(), &VersionedTableModel::rowCountSettled);
        QVERIFY(model->select());
        if (!model->isRowCountExact())
            QVERIFY(settled.wait(10000));
        QVERIFY(model->isRowCountExact());
        QCOMPARE(model->rowCount(), 1001);
        QCOMPARE(idAt(*model, 1000), 5000);

        // Filtered, the servers' planners give a figure at once (SQLite counts), and the
        // count follows.
        model->setFilter(QStringLiteral("label LIKE 'thing 1%'"));
        settled.clear();
        QVERIFY(model->select());
        QCOMPARE(model->isRowCountExact(), m_db->dialect() == TestDatabase::Dialect::SQLite);
        while (!model->isRowCountExact())
            QVERIFY(settled.wait(10000));
        QCOMPARE(model->rowCount(), 112); // 1, 10–19, 100–199, 1000
        QCOMPARE(idAt(*model, 111), 1000);
    }
};

QTEST_MAIN(tst_Paging)
#include "tst_paging.moc"
