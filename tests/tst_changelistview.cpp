#include "changelistview.h"
#include "changewatcher.h"
#include "checkedrows.h"
#include "checkheaderview.h"
#include "rowstatedelegate.h"
#include "versionedtablemodel.h"

#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QLineEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Concord;
using RowState = VersionedTableModel::RowState;

// Two users are two models on two connections to the same database, each in its own grid.
class tst_ChangeListView : public QObject
{
    Q_OBJECT

private:
    static constexpr int rowCount = 600;

    struct Grid
    {
        std::unique_ptr<VersionedTableModel> model;
        std::unique_ptr<QAbstractItemModelTester> tester;
        std::unique_ptr<ChangeListView> view;
    };

    std::unique_ptr<TestDatabase> m_db;
    QList<Grid *> m_grids;

    bool createItems()
    {
        QStringList statements = {
            QStringLiteral("CREATE TABLE items (id INTEGER PRIMARY KEY, name %1, qty INTEGER, version BIGINT)").arg(m_db->text()),
        };
        // Enough rows for several fetch pages, so scrolling and refresh are real.
        QStringList values;
        for (int i = 1; i <= rowCount; ++i) {
            values.append(QStringLiteral("(%1, 'item %1', %2, 1)").arg(i).arg(i * 10));
            if (values.size() == 200 || i == rowCount) {
                statements.append(QStringLiteral("INSERT INTO items (id, name, qty, version) VALUES ") + values.join(QLatin1Char(',')));
                values.clear();
            }
        }
        const QString error = m_db->exec(statements);
        if (!error.isEmpty())
            qWarning("%s", qPrintable(error));
        return error.isEmpty();
    }

    Grid *grid(const QString &user)
    {
        auto *g = new Grid;
        g->model = std::make_unique<VersionedTableModel>(nullptr, m_db->connect(user));
        // Qt's QSqlQueryModel fetches SQLite's first page (rowsInserted) inside its own
        // model reset, which the tester reports as an error: the tester checks the others.
        if (m_db->dialect() != TestDatabase::Dialect::SQLite)
            g->tester = std::make_unique<QAbstractItemModelTester>(g->model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        g->model->setTable(QStringLiteral("items"));
        g->model->setSort(0, Qt::AscendingOrder);
        g->model->select();
        g->view = std::make_unique<ChangeListView>();
        g->view->setVersionedModel(g->model.get());
        g->view->resize(700, 400);
        g->view->show();
        m_grids.append(g);
        // Keys go to the active window: the grid being typed into must be it.
        QApplication::setActiveWindow(g->view.get());
        if (!QTest::qWaitForWindowActive(g->view.get()))
            qWarning("the grid did not become the active window");
        return g;
    }

    static int column(const QAbstractItemModel *model, const char *name)
    {
        for (int c = 0; c < model->columnCount(); ++c) {
            if (model->headerData(c, Qt::Horizontal).toString().compare(QLatin1String(name), Qt::CaseInsensitive) == 0)
                return c;
        }
        return -1;
    }

    // The cell of @p pk / @p name as the view shows it.
    static QModelIndex cell(ChangeListView *view, int pk, const char *name)
    {
        auto *model = qobject_cast<VersionedTableModel *>(view->model());
        // Grids load in pages: read on, as scrolling would, until the row is there.
        while (model->rowForKey(pk) < 0 && model->canFetchMore())
            model->fetchMore();
        return view->model()->index(model->rowForKey(pk), column(view->model(), name));
    }

    // Clicks the row checkbox of @p pk as a person would, in the row header.
    static bool clickCheckBox(ChangeListView *view, int pk, Qt::KeyboardModifiers modifiers = {})
    {
        auto *model = qobject_cast<VersionedTableModel *>(view->model());
        const int row = model->rowForKey(pk);
        if (row < 0)
            return false;
        view->scrollTo(model->index(row, 0));
        const QRect box = view->checkHeader()->checkBoxRect(row);
        if (!box.isValid())
            return false;
        QTest::mouseClick(view->checkHeader()->viewport(), Qt::LeftButton, modifiers, box.center());
        return true;
    }

    static bool isChecked(ChangeListView *view, int pk)
    {
        auto *model = qobject_cast<VersionedTableModel *>(view->model());
        return view->checkedRows()->isChecked(model->rowForKey(pk));
    }

    static QStringList checkedKeys(ChangeListView *view)
    {
        QStringList keys;
        for (const RowRef &ref : view->checkedRows()->refs())
            keys.append(ref.pk.toString());
        return keys;
    }

    static QVariant value(QSqlDatabase db, const QString &sql)
    {
        QSqlQuery query(db);
        if (!query.exec(sql) || !query.next())
            return QStringLiteral("<error>");
        return query.value(0);
    }

private slots:
    void init()
    {
        QFETCH(QString, dialect);
        m_db = std::make_unique<TestDatabase>(dialect);
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QVERIFY(createItems());
    }

    void cleanup()
    {
        qDeleteAll(m_grids);
        m_grids.clear();
        m_db.reset();
    }

    void shouldHighlightRowsChangedBySomeoneElse_data() { TestDatabase::addDialectRows(); }
    void shouldHighlightRowsChangedBySomeoneElse()
    {
        Grid *alice = grid(QStringLiteral("alice"));
        Grid *bob = grid(QStringLiteral("bob"));

        // Alice types into the cell; Bob's edit goes through his view's model.
        const QModelIndex aliceCell = cell(alice->view.get(), 3, "name");
        QApplication::setActiveWindow(alice->view.get());
        QVERIFY(QTest::qWaitForWindowActive(alice->view.get()));
        alice->view->setFocus();
        alice->view->setCurrentIndex(aliceCell);
        QTest::keyClick(alice->view.get(), Qt::Key_F2);
        QTRY_VERIFY(QApplication::focusWidget() && QApplication::focusWidget() != alice->view.get());
        QWidget *editor = QApplication::focusWidget();
        QVERIFY(editor);
        QVERIFY(qobject_cast<QLineEdit *>(editor));
        QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(editor, QStringLiteral("alice's name"));
        QTest::keyClick(editor, Qt::Key_Return);
        // The delegate commits an editor's data from a queued call.
        QTRY_COMPARE(aliceCell.data().toString(), QStringLiteral("alice's name"));
        QCOMPARE(aliceCell.data(VersionedTableModel::DirtyRole).toBool(), true);
        QCOMPARE(aliceCell.data(VersionedTableModel::RowStateRole).toInt(), int(RowState::Edited));

        QVERIFY(bob->view->model()->setData(cell(bob->view.get(), 3, "qty"), 33));
        QVERIFY(bob->view->model()->setData(cell(bob->view.get(), 4, "qty"), 44));

        QVERIFY2(alice->model->submitAll(), qPrintable(alice->model->lastSubmitResult().summary()));
        QVERIFY(!bob->model->submitAll());
        QCOMPARE(bob->model->lastSubmitResult().savedCount(), 1);
        QCOMPARE(bob->model->lastSubmitResult().conflictCount(), 1);

        // Row 3 is marked as a conflict, with Alice's value readable; row 4 was saved.
        const QModelIndex conflicted = cell(bob->view.get(), 3, "qty");
        QCOMPARE(conflicted.data(VersionedTableModel::RowStateRole).toInt(), int(RowState::Conflict));
        QCOMPARE(cell(bob->view.get(), 3, "name").data(VersionedTableModel::TheirValueRole).toString(), QStringLiteral("alice's name"));
        QCOMPARE(conflicted.data().toInt(), 33);
        QCOMPARE(cell(bob->view.get(), 4, "qty").data(VersionedTableModel::RowStateRole).toInt(), int(RowState::Clean));
        const int row3 = bob->model->rowForKey(3);
        QCOMPARE(bob->view->model()->headerData(row3, Qt::Vertical).toString(), QStringLiteral("≠"));

        // The delegate paints the conflict colour: read it back from the pixels of the view.
        const QColor expected = RowStateDelegate::background(conflicted);
        QCOMPARE(expected, RowStateDelegate::stateColor(int(RowState::Conflict)));
        bob->view->clearSelection();
        bob->view->setCurrentIndex(QModelIndex());
        bob->view->scrollTo(conflicted);
        const QRect rect = bob->view->visualRect(conflicted);
        const QImage pixels = bob->view->viewport()->grab().toImage();
        const QColor painted = pixels.pixelColor(rect.right() - 3, rect.center().y());
        QCOMPARE(painted.rgb(), expected.rgb());
        // A clean row keeps the ordinary background.
        const QRect clean = bob->view->visualRect(cell(bob->view.get(), 4, "qty"));
        QVERIFY(pixels.pixelColor(clean.right() - 3, clean.center().y()).rgb() != expected.rgb());

        // The database holds Alice's name and Bob's row 4; Bob's row 3 edit was not written.
        QSqlDatabase check = m_db->connect(QStringLiteral("check"));
        QCOMPARE(value(check, QStringLiteral("SELECT qty FROM items WHERE id = 3")).toInt(), 30);
        QCOMPARE(value(check, QStringLiteral("SELECT qty FROM items WHERE id = 4")).toInt(), 44);
    }

    void shouldKeepEditsAndScrollPositionOnRefresh_data() { TestDatabase::addDialectRows(); }
    void shouldKeepEditsAndScrollPositionOnRefresh()
    {
        Grid *alice = grid(QStringLiteral("alice"));
        Grid *bob = grid(QStringLiteral("bob"));
        ChangeListView *view = alice->view.get();
        while (alice->model->canFetchMore())
            alice->model->fetchMore();
        view->scrollTo(cell(view, 500, "qty"), QAbstractItemView::PositionAtTop);
        const int scrolled = view->verticalScrollBar()->value();
        QVERIFY(scrolled > 0);
        QVERIFY(view->model()->setData(cell(view, 501, "qty"), 7001));

        // Someone else saves another row; the refresh shows it and keeps my edit.
        QVERIFY(bob->model->setData(cell(bob->view.get(), 502, "qty"), 7002));
        QVERIFY(bob->model->submitAll());

        view->refresh();
        QCOMPARE(view->verticalScrollBar()->value(), scrolled);
        QCOMPARE(cell(view, 501, "qty").data().toInt(), 7001);
        QCOMPARE(cell(view, 501, "qty").data(VersionedTableModel::DirtyRole).toBool(), true);
        QCOMPARE(cell(view, 502, "qty").data().toInt(), 7002);
        QCOMPARE(alice->model->pendingCount(), 1);
    }

    void shouldSortInTheDatabaseWithoutMovingEdits_data() { TestDatabase::addDialectRows(); }
    void shouldSortInTheDatabaseWithoutMovingEdits()
    {
        Grid *alice = grid(QStringLiteral("alice"));
        ChangeListView *view = alice->view.get();
        QVERIFY(view->model()->setData(cell(view, 5, "name"), QStringLiteral("edited five")));
        const int before = alice->model->rowForKey(5);

        // A click on the header sorts through the model (ORDER BY in SQL).
        view->sortByColumn(column(view->model(), "qty"), Qt::DescendingOrder);
        QVERIFY(alice->model->query().lastQuery().contains(QStringLiteral("ORDER BY"), Qt::CaseInsensitive));
        QCOMPARE(view->model()->index(0, 0).data(VersionedTableModel::PrimaryKeyRole).toInt(), rowCount);
        while (alice->model->canFetchMore())
            alice->model->fetchMore();
        const int after = alice->model->rowForKey(5);
        QVERIFY(after != before);
        QCOMPARE(cell(view, 5, "name").data().toString(), QStringLiteral("edited five"));
        // The row now where the edit used to be is untouched.
        QCOMPARE(view->model()->index(before, 0).data(VersionedTableModel::RowStateRole).toInt(), int(RowState::Clean));
        QCOMPARE(alice->model->pendingCount(), 1);
    }

    void shouldEditNumbersWithASpinBox_data() { TestDatabase::addDialectRows(); }
    void shouldEditNumbersWithASpinBox()
    {
        Grid *alice = grid(QStringLiteral("alice"));
        ChangeListView *view = alice->view.get();
        const QModelIndex qty = cell(view, 7, "qty");
        view->setFocus();
        view->setCurrentIndex(qty);
        view->edit(qty);
        auto *spin = qobject_cast<QSpinBox *>(QApplication::focusWidget());
        QVERIFY2(spin, QApplication::focusWidget() ? QApplication::focusWidget()->metaObject()->className() : "no editor");
        QCOMPARE(spin->value(), 70);
        spin->setValue(77);
        QTest::keyClick(spin, Qt::Key_Return);
        QTRY_COMPARE(qty.data().toLongLong(), 77);
        QCOMPARE(alice->model->pendingCount(), 1);
    }

    void shouldAskForTheRecordOnEnterAndMarkDeletesOnDelete_data() { TestDatabase::addDialectRows(); }
    void shouldAskForTheRecordOnEnterAndMarkDeletesOnDelete()
    {
        Grid *alice = grid(QStringLiteral("alice"));
        ChangeListView *view = alice->view.get();
        QSignalSpy record(view, &ChangeListView::recordRequested);
        view->setFocus();
        view->setCurrentIndex(cell(view, 9, "name"));
        QTest::keyClick(view, Qt::Key_Return);
        QCOMPARE(record.count(), 1);
        QCOMPARE(record.first().first().toInt(), alice->model->rowForKey(9));

        view->selectRow(alice->model->rowForKey(10));
        view->selectionModel()->select(cell(view, 11, "name"), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QCOMPARE(view->selectedRows().size(), 2);
        QTest::keyClick(view, Qt::Key_Delete);
        QCOMPARE(cell(view, 10, "name").data(VersionedTableModel::RowStateRole).toInt(), int(RowState::Deleted));
        QCOMPARE(cell(view, 11, "name").data(VersionedTableModel::RowStateRole).toInt(), int(RowState::Deleted));
        QCOMPARE(alice->model->pendingCount(), 2);
        // Marked rows look deleted (struck out, grey) until saved.
        QCOMPARE(RowStateDelegate::background(cell(view, 10, "name")), RowStateDelegate::stateColor(int(RowState::Deleted)));
    }

    void shouldMarkRowsSavedByOthersWhileShownAndFollowScrolling_data() { TestDatabase::addDialectRows(); }
    void shouldMarkRowsSavedByOthersWhileShownAndFollowScrolling()
    {
        Grid *alice = grid(QStringLiteral("alice"));
        ChangeListView *view = alice->view.get();
        // A small grid on a long table: most rows are off screen.
        view->resize(500, 220);
        QTRY_VERIFY(view->rowAt(view->viewport()->height() - 1) >= 0);
        ChangeWatcher *watcher = view->changeWatcher();
        QVERIFY(watcher);
        QVERIFY2(watcher->isActive(), qPrintable(watcher->lastError().message));
        QCOMPARE(watcher->interval(), 1000);
        QCOMPARE(watcher->firstVisibleRow(), view->rowAt(0));
        QCOMPARE(watcher->lastVisibleRow(), view->rowAt(view->viewport()->height() - 1));
        QVERIFY(watcher->lastVisibleRow() < 50);

        // Alice leaves an edit pending on row 2; Bob saves row 4, which is on her screen.
        QVERIFY(view->model()->setData(cell(view, 2, "name"), QStringLiteral("alice's two")));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        {
            QSqlQuery update(bob);
            QVERIFY2(update.exec(QStringLiteral("UPDATE items SET qty = 444, version = version + 1 WHERE id = 4")),
                     qPrintable(update.lastError().text()));
        }
        QTRY_VERIFY_WITH_TIMEOUT(cell(view, 4, "qty").data(VersionedTableModel::StaleRole).toBool(), 5000);
        const int row4 = alice->model->rowForKey(4);
        QCOMPARE(view->model()->headerData(row4, Qt::Vertical).toString(), QStringLiteral("↻"));
        // Nothing reloaded: the grid still shows what Alice loaded, and her edit is untouched.
        QCOMPARE(cell(view, 4, "qty").data().toInt(), 40);
        QCOMPARE(cell(view, 2, "name").data().toString(), QStringLiteral("alice's two"));
        QCOMPARE(cell(view, 2, "name").data(VersionedTableModel::DirtyRole).toBool(), true);
        QVERIFY(!cell(view, 2, "name").data(VersionedTableModel::StaleRole).toBool());
        QCOMPARE(alice->model->pendingCount(), 1);

        // Bob saves a row far below the screen; scrolling to it moves the watched range there.
        while (alice->model->rowForKey(450) < 0 && alice->model->canFetchMore())
            alice->model->fetchMore();
        const int row450 = alice->model->rowForKey(450);
        QVERIFY(row450 > watcher->lastVisibleRow());
        {
            QSqlQuery update(bob);
            QVERIFY2(update.exec(QStringLiteral("UPDATE items SET qty = 4501, version = version + 1 WHERE id = 450")),
                     qPrintable(update.lastError().text()));
        }
        // The view lays the newly read rows out on its next pass, as it would while scrolling.
        QCoreApplication::processEvents();
        view->scrollTo(cell(view, 450, "qty"), QAbstractItemView::PositionAtTop);
        QTRY_VERIFY(watcher->firstVisibleRow() <= row450);
        QVERIFY(watcher->lastVisibleRow() >= row450);
        QCOMPARE(watcher->firstVisibleRow(), view->rowAt(0));
        QTRY_VERIFY_WITH_TIMEOUT(cell(view, 450, "qty").data(VersionedTableModel::StaleRole).toBool(), 5000);
        QCOMPARE(view->model()->headerData(row450, Qt::Vertical).toString(), QStringLiteral("↻"));
        QCOMPARE(cell(view, 450, "qty").data().toInt(), 4500);
        bob = QSqlDatabase();
    }

    void shouldCheckRowsByClickAndSpaceWithoutSelectingThem_data() { TestDatabase::addDialectRows(); }
    void shouldCheckRowsByClickAndSpaceWithoutSelectingThem()
    {
        Grid *alice = grid(QStringLiteral("alice"));
        ChangeListView *view = alice->view.get();
        QSignalSpy changed(view->checkedRows(), &CheckedRows::changed);

        // A click on a row's checkbox checks it; a second click unchecks it.
        QVERIFY(clickCheckBox(view, 3));
        QVERIFY(clickCheckBox(view, 5));
        QCOMPARE(checkedKeys(view), (QStringList{QStringLiteral("3"), QStringLiteral("5")}));
        QCOMPARE(changed.count(), 2);
        QCOMPARE(changed.last().first().toInt(), 2);
        QVERIFY(clickCheckBox(view, 3));
        QCOMPARE(checkedKeys(view), QStringList{QStringLiteral("5")});
        // Checking is not selecting: the selection, which Delete and Revert act on, is untouched.
        QVERIFY(view->selectedRows().isEmpty());

        // The checkbox is painted in the row header: a checked and an unchecked row differ there.
        const QImage header = view->checkHeader()->viewport()->grab().toImage();
        const QRect checkedBox = view->checkHeader()->checkBoxRect(alice->model->rowForKey(5));
        const QRect uncheckedBox = view->checkHeader()->checkBoxRect(alice->model->rowForKey(4));
        QCOMPARE(checkedBox.size(), uncheckedBox.size());
        QVERIFY(header.copy(checkedBox) != header.copy(uncheckedBox));
        // The row marker is still shown next to the checkbox.
        QCOMPARE(view->model()->headerData(alice->model->rowForKey(5), Qt::Vertical).toInt(), 5);

        // Space checks the current row, and does not start editing the cell.
        view->setFocus();
        view->setCurrentIndex(cell(view, 7, "name"));
        QTest::keyClick(view, Qt::Key_Space);
        QVERIFY(isChecked(view, 7));
        for (const QLineEdit *editor : view->findChildren<QLineEdit *>())
            QVERIFY(!editor->isVisible());
        QCOMPARE(cell(view, 7, "name").data().toString(), QStringLiteral("item 7"));
        QCOMPARE(alice->model->pendingCount(), 0);

        // With several rows selected, Space checks them all, and again unchecks them all.
        view->selectionModel()->select(QItemSelection(cell(view, 10, "name"), cell(view, 12, "name")),
                                       QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        view->selectionModel()->setCurrentIndex(cell(view, 11, "name"), QItemSelectionModel::NoUpdate);
        QTest::keyClick(view, Qt::Key_Space);
        QCOMPARE(checkedKeys(view), (QStringList{QStringLiteral("5"), QStringLiteral("7"), QStringLiteral("10"),
                                                 QStringLiteral("11"), QStringLiteral("12")}));
        QTest::keyClick(view, Qt::Key_Space);
        QCOMPARE(checkedKeys(view), (QStringList{QStringLiteral("5"), QStringLiteral("7")}));

        // Shift+click checks every row from the last one clicked.
        QVERIFY(clickCheckBox(view, 20));
        QVERIFY(clickCheckBox(view, 23, Qt::ShiftModifier));
        QCOMPARE(view->checkedRows()->count(), 6);
        for (int pk : {20, 21, 22, 23})
            QVERIFY2(isChecked(view, pk), qPrintable(QString::number(pk)));
        QVERIFY(!isChecked(view, 24));

        // Dragging from a checkbox over the next ones gives them its state.
        const int row30 = alice->model->rowForKey(30);
        view->scrollTo(alice->model->index(row30, 0), QAbstractItemView::PositionAtTop);
        QWidget *header30 = view->checkHeader()->viewport();
        const QRect from = view->checkHeader()->checkBoxRect(row30);
        const QRect to = view->checkHeader()->checkBoxRect(alice->model->rowForKey(32));
        QTest::mousePress(header30, Qt::LeftButton, {}, from.center());
        QMouseEvent move(QEvent::MouseMove, QPointF(to.center()), header30->mapToGlobal(QPointF(to.center())),
                         Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(header30, &move);
        QTest::mouseRelease(header30, Qt::LeftButton, {}, to.center());
        for (int pk : {30, 31, 32})
            QVERIFY2(isChecked(view, pk), qPrintable(QString::number(pk)));
        QVERIFY(!isChecked(view, 33));
        QCOMPARE(view->checkedRows()->count(), 9);
    }

    void shouldKeepChecksOnTheirKeysAcrossSortAndRefresh_data() { TestDatabase::addDialectRows(); }
    void shouldKeepChecksOnTheirKeysAcrossSortAndRefresh()
    {
        Grid *alice = grid(QStringLiteral("alice"));
        Grid *bob = grid(QStringLiteral("bob"));
        ChangeListView *view = alice->view.get();
        QVERIFY(clickCheckBox(view, 2));
        QVERIFY(clickCheckBox(view, 4));
        const int before = alice->model->rowForKey(4);

        // Sorted the other way round in the database: the checks follow the keys.
        view->sortByColumn(column(view->model(), "qty"), Qt::DescendingOrder);
        while (alice->model->rowForKey(2) < 0 && alice->model->canFetchMore())
            alice->model->fetchMore();
        QVERIFY(alice->model->rowForKey(4) != before);
        QVERIFY(isChecked(view, 2));
        QVERIFY(isChecked(view, 4));
        QVERIFY(!view->checkedRows()->isChecked(before));
        // In the order the grid shows them now.
        QCOMPARE(checkedKeys(view), (QStringList{QStringLiteral("4"), QStringLiteral("2")}));

        // Someone else saves row 4; a refresh shows their version, still checked, and the
        // action would run on the version now shown.
        QVERIFY(bob->model->setData(cell(bob->view.get(), 4, "qty"), 4000));
        QVERIFY(bob->model->submitAll());
        QCOMPARE(view->checkedRows()->refs().first().version.toInt(), 1);
        view->refresh();
        QVERIFY(isChecked(view, 2));
        QVERIFY(isChecked(view, 4));
        QCOMPARE(view->checkedRows()->refs().first().pk.toInt(), 4);
        QCOMPARE(view->checkedRows()->refs().first().version.toInt(), 2);
        QCOMPARE(view->checkedRows()->count(), 2);

        // Another filter is another list: its checks start empty.
        alice->model->setFilter(QStringLiteral("qty < 100"));
        QCOMPARE(view->checkedRows()->count(), 0);
        QCOMPARE(view->checkAllBox()->checkState(), Qt::Unchecked);
    }

    void shouldCheckEveryRowInTheListFromTheCorner_data() { TestDatabase::addDialectRows(); }
    void shouldCheckEveryRowInTheListFromTheCorner()
    {
        Grid *alice = grid(QStringLiteral("alice"));
        ChangeListView *view = alice->view.get();
        QCheckBox *all = view->checkAllBox();
        // In the corner above the row checkboxes.
        QVERIFY(all->isVisible());
        QVERIFY(all->geometry().right() <= view->verticalHeader()->geometry().right());
        QVERIFY(all->geometry().bottom() <= view->horizontalHeader()->geometry().bottom());
        QCOMPARE(all->checkState(), Qt::Unchecked);

        QTest::mouseClick(all, Qt::LeftButton, {}, all->rect().center());
        const int listed = alice->model->rowCount();
        QCOMPARE(view->checkedRows()->count(), listed);
        QCOMPARE(all->checkState(), Qt::Checked);
        QVERIFY(isChecked(view, 1));
        QVERIFY(isChecked(view, int(alice->model->keyAt(listed - 1).toInt())));

        // One row unchecked: some are checked.
        QVERIFY(clickCheckBox(view, 1));
        QCOMPARE(all->checkState(), Qt::PartiallyChecked);
        QCOMPARE(view->checkedRows()->count(), listed - 1);
        // From "some", the corner checks all again; then unchecks all.
        QTest::mouseClick(all, Qt::LeftButton, {}, all->rect().center());
        QCOMPARE(all->checkState(), Qt::Checked);
        QCOMPARE(view->checkedRows()->count(), listed);
        QTest::mouseClick(all, Qt::LeftButton, {}, all->rect().center());
        QCOMPARE(all->checkState(), Qt::Unchecked);
        QCOMPARE(view->checkedRows()->count(), 0);

        // A new row (not in the database yet) has no checkbox and is not checked.
        QVERIFY(alice->model->insertRows(alice->model->rowCount(), 1));
        const int newRow = alice->model->rowCount() - 1;
        QVERIFY(!view->checkedRows()->isCheckable(newRow));
        QTest::mouseClick(all, Qt::LeftButton, {}, all->rect().center());
        QCOMPARE(view->checkedRows()->count(), listed);
        QVERIFY(!view->checkedRows()->isChecked(newRow));
        QCOMPARE(all->checkState(), Qt::Checked);
    }

    // SQLite only: a grid on a long table must not keep other connections from committing.
    void shouldLetOthersCommitWhileShowingALongSqliteTable_data()
    {
        QTest::addColumn<QString>("dialect");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
    }
    void shouldLetOthersCommitWhileShowingALongSqliteTable()
    {
        constexpr int bigRows = 5000;
        QStringList statements = {
            QStringLiteral("CREATE TABLE big (id INTEGER PRIMARY KEY, name TEXT, qty INTEGER, version BIGINT)"),
        };
        QStringList values;
        for (int i = 1; i <= bigRows; ++i) {
            values.append(QStringLiteral("(%1, 'big %1', %1, 1)").arg(i));
            if (values.size() == 500) {
                statements.append(QStringLiteral("INSERT INTO big (id, name, qty, version) VALUES ") + values.join(QLatin1Char(',')));
                values.clear();
            }
        }
        QCOMPARE(m_db->exec(statements), QString());

        auto model = std::make_unique<VersionedTableModel>(nullptr, m_db->connect(QStringLiteral("alice")));
        model->setTable(QStringLiteral("big"));
        model->setSort(0, Qt::AscendingOrder);
        QVERIFY(model->select());
        auto view = std::make_unique<ChangeListView>();
        view->setVersionedModel(model.get());
        view->resize(500, 300);
        view->show();
        QVERIFY(QTest::qWaitForWindowExposed(view.get()));
        // In rollback-journal mode a half-read statement would hold the file's read lock:
        // the grid reads SQLite in pages, each statement run to its end, so none is left open
        // although most of the table is not read yet.
        QVERIFY2(model->rowCount() < bigRows, qPrintable(QString::number(model->rowCount())));
        QVERIFY(model->canFetchMore());

        // Bob (10 s busy timeout) commits meanwhile, and is not kept waiting.
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        QElapsedTimer timer;
        timer.start();
        {
            QSqlQuery update(bob);
            QVERIFY(bob.transaction());
            QVERIFY2(update.exec(QStringLiteral("UPDATE big SET qty = -1, version = version + 1 WHERE id = 4000")),
                     qPrintable(update.lastError().text()));
            QVERIFY2(bob.commit(), qPrintable(bob.lastError().text()));
        }
        QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(value(bob, QStringLiteral("SELECT qty FROM big WHERE id = 4000")).toInt(), -1);

        // Alice's connection reads no stale snapshot: she saves too.
        QVERIFY(model->setData(model->index(model->rowForKey(2), model->fieldIndex(QStringLiteral("qty"))), 22));
        QVERIFY2(model->submitAll(), qPrintable(model->lastSubmitResult().summary()));
        QCOMPARE(value(bob, QStringLiteral("SELECT qty FROM big WHERE id = 2")).toInt(), 22);

        // Scrolling to the end reads the rest, Bob's row as he saved it.
        view->scrollToBottom();
        for (int i = 0; i < 100 && model->canFetchMore(); ++i) {
            view->scrollToBottom();
            QCoreApplication::processEvents();
        }
        QCOMPARE(model->rowCount(), bigRows);
        QCOMPARE(model->data(model->index(model->rowForKey(4000), model->fieldIndex(QStringLiteral("qty")))).toInt(), -1);
        view.reset();
        model.reset();
        bob = QSqlDatabase();
    }
};

QTEST_MAIN(tst_ChangeListView)
#include "tst_changelistview.moc"
