#include "actionbar.h"
#include "changelistview.h"
#include "changewatcher.h"
#include "checkedrows.h"
#include "conflictreportdialog.h"
#include "connectionurl.h"
#include "demodatabase.h"
#include "filterpanel.h"
#include "findbar.h"
#include "mainwindow.h"
#include "mergedialog.h"
#include "rowstatedelegate.h"
#include "tableindexview.h"
#include "versionedtablemodel.h"
#include "columnmenu.h"

#include "modelprobe.h"
#include "sqlprobe.h"
#include "modalprobe.h"
#include "paintcounter.h"
#include "testdatabase.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFile>
#include <QMenu>
#include <QSettings>
#include <QHeaderView>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QProgressDialog>
#include <QDialogButtonBox>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Concord;
using ModelProbe::column;
using RowState = VersionedTableModel::RowState;

// Two windows on two connections to the same database are two people at their desks.
class tst_MainWindow : public QObject
{
    Q_OBJECT

private:
    static constexpr int rowCount = 600;
    std::unique_ptr<TestDatabase> m_db;
    QList<MainWindow *> m_windows;
    std::unique_ptr<QTemporaryDir> m_settings;

    MainWindow *window(const QString &user)
    {
        auto *w = new MainWindow;
        w->setDatabase(m_db->connect(user), user);
        w->show();
        m_windows.append(w);
        return w;
    }

    // The grid cell of @p pk / @p name, through the view's model.
    static QModelIndex cell(MainWindow *w, int pk, const char *name)
    {
        QAbstractItemModel *model = w->view()->model();
        auto *versioned = qobject_cast<VersionedTableModel *>(model);
        // Grids read in pages: find the row wherever it lies, as going to it would.
        return model->index(versioned->findRow(pk).value_or(-1), column(model, name));
    }

    QVariant value(const QString &sql)
    {
        QSqlDatabase db = m_db->connect(QStringLiteral("check"));
        QSqlQuery query(db);
        if (!query.exec(sql) || !query.next())
            return QStringLiteral("<error>");
        return query.value(0);
    }

    // A custom action: zeroes the quantity of the checked rows, with bound values only.
    static AdminAction zeroQuantity()
    {
        return AdminAction(QStringLiteral("zero"), QStringLiteral("Zero the quantity"), [](ActionContext &context) -> Result<void> {
            for (const QVariant &pk : std::as_const(context.pks)) {
                QSqlQuery query(context.db);
                query.prepare(QStringLiteral("UPDATE items SET qty = 0 WHERE id = ?"));
                query.addBindValue(pk);
                if (!query.exec())
                    return DbError::fromQuery(query, QStringLiteral("Could not zero the quantity"));
            }
            return {};
        });
    }

private slots:
    // Every test runs once per dialect.
    void initTestCase_data() { TestDatabase::addDialectRows(); }
    // The lock timeout is remembered in the settings: never in the person's own.
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QCOMPARE(m_db->createNumberedItems(rowCount), QString());
        // Every test starts with no remembered workspace, in a folder of its own.
        m_settings = std::make_unique<QTemporaryDir>();
        QVERIFY(m_settings->isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings->path());
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings->path());
    }

    void cleanup()
    {
        qDeleteAll(m_windows);
        m_windows.clear();
        m_db.reset();
        m_settings.reset();
    }

    void shouldHighlightConflictsAndSayWhatWasSaved()
    {
        MainWindow *alice = window(QStringLiteral("alice"));
        MainWindow *bob = window(QStringLiteral("bob"));
        QCOMPARE(alice->currentTable(), QStringLiteral("items"));
        QVERIFY2(alice->rowCountText().contains(QStringLiteral("600")), qPrintable(alice->rowCountText()));

        QVERIFY(alice->view()->model()->setData(cell(alice, 4, "name"), QStringLiteral("alice's")));
        QVERIFY(bob->view()->model()->setData(cell(bob, 4, "qty"), 4444));
        QVERIFY(bob->view()->model()->setData(cell(bob, 5, "qty"), 5555));
        QCOMPARE(bob->pendingText(), QStringLiteral("2 pending edits"));

        QSignalSpy aliceSaved(alice, &MainWindow::saved);
        QVERIFY(alice->save().allSaved());
        QCOMPARE(aliceSaved.count(), 1);
        QCOMPARE(alice->messageText(), QStringLiteral("1 row was saved."));
        QVERIFY(!alice->reportDialog());

        const SubmitResult result = bob->save();
        QCOMPARE(result.savedCount(), 1);
        QCOMPARE(result.conflictCount(), 1);
        // The Django admin's two sentences, in one: what was saved and which row was not.
        QVERIFY2(bob->messageText().startsWith(QStringLiteral("1 row was saved; items 4 was changed by someone else and was not updated.")),
                 qPrintable(bob->messageText()));
        QCOMPARE(bob->pendingText(), QStringLiteral("1 pending edit"));

        const QModelIndex conflicted = cell(bob, 4, "qty");
        QCOMPARE(conflicted.data(VersionedTableModel::RowStateRole).toInt(), int(RowState::Conflict));
        QCOMPARE(cell(bob, 4, "name").data(VersionedTableModel::TheirValueRole).toString(), QStringLiteral("alice's"));
        QCOMPARE(cell(bob, 5, "qty").data(VersionedTableModel::RowStateRole).toInt(), int(RowState::Clean));
        QVERIFY(conflicted.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Changed by someone else")));

        // The delegate paints the conflict colour in the grid.
        ChangeListView *view = bob->view();
        view->clearSelection();
        view->scrollTo(conflicted);
        const QRect rect = view->visualRect(conflicted);
        const QImage pixels = view->viewport()->grab().toImage();
        QCOMPARE(pixels.pixelColor(rect.right() - 3, rect.center().y()).rgb(), RowStateDelegate::background(conflicted).rgb());

        // The report opened by itself, naming the row.
        auto *report = qobject_cast<ConflictReportDialog *>(bob->reportDialog());
        QVERIFY(report);
        QVERIFY(report->isVisible());
        QVERIFY(report->toCsv().contains(QStringLiteral("4")));
        QCOMPARE(report->result().conflictCount(), 1);

        QCOMPARE(value(QStringLiteral("SELECT qty FROM items WHERE id = 4")).toInt(), 40);
        QCOMPARE(value(QStringLiteral("SELECT qty FROM items WHERE id = 5")).toInt(), 5555);
        QCOMPARE(value(QStringLiteral("SELECT name FROM items WHERE id = 4")).toString(), QStringLiteral("alice's"));

        // F5 keeps the banner while the conflicted edit is still pending; dropping that edit
        // leaves nothing the banner speaks of, so it goes.
        bob->refresh();
        QVERIFY2(bob->messageText().startsWith(QStringLiteral("1 row was saved;")), qPrintable(bob->messageText()));
        auto *bobsModel = qobject_cast<VersionedTableModel *>(bob->view()->model());
        bobsModel->revertRows({bobsModel->rowForKey(4)});
        QCOMPARE(bob->pendingText(), QStringLiteral("no pending edits"));
        QCOMPARE(bob->messageText(), QString());
        // A plain success message is not about pending rows: a later revert leaves it.
        QVERIFY(alice->view()->model()->setData(cell(alice, 6, "qty"), 66));
        QVERIFY(alice->save().allSaved());
        QVERIFY(alice->view()->model()->setData(cell(alice, 7, "qty"), 77));
        qobject_cast<VersionedTableModel *>(alice->view()->model())->revertAll();
        QCOMPARE(alice->messageText(), QStringLiteral("1 row was saved."));
    }

    // View > Columns… opens the header's column menu for the current cell's column, so
    // hiding a column needs no mouse: Enter on its first entry hides it.
    // Ctrl+G goes to a row by its number: the rows there are read, not those between, and
    // the status bar says "about" while a big table's estimate is shown.
    void shouldGoToARowByNumberReadingOnlyThere()
    {
        MainWindow *alice = window(QStringLiteral("alice"));
        VersionedTableModel *model = alice->model();
        model->setPageSize(16);
        model->setBackgroundCountFrom(0);
        QSignalSpy settled(model, &VersionedTableModel::rowCountSettled);
        QVERIFY(model->select());
        if (!model->isRowCountExact()) {
            QVERIFY2(alice->rowCountText().startsWith(QStringLiteral("about ")), qPrintable(alice->rowCountText()));
            QVERIFY(settled.wait(10000));
        }
        QCOMPARE(alice->rowCountText(), QStringLiteral("600 rows"));
        QVERIFY(!model->isRowLoaded(449));

        alice->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(alice));
        alice->view()->setFocus();
        ModalProbe::whenShown(alice, [](QWidget *dialog) {
            auto *spin = dialog->findChild<QSpinBox *>();
            QVERIFY(spin);
            QCOMPARE(spin->maximum(), 600);
            spin->setValue(450);
            QTest::keyClick(spin, Qt::Key_Return);
        });
        QTest::keyClick(alice->view(), Qt::Key_G, Qt::ControlModifier);
        QTRY_COMPARE(alice->view()->currentIndex().row(), 449);
        QCOMPARE(alice->view()->currentIndex().data(VersionedTableModel::PrimaryKeyRole).toInt(), 450);
        QVERIFY(!model->isRowLoaded(200));
        const QRect shown = alice->view()->visualRect(alice->view()->currentIndex());
        QVERIFY(alice->view()->viewport()->rect().contains(shown.center()));
    }

    void shouldHideTheCurrentColumnFromTheViewMenuByKeyboard()
    {
        MainWindow *alice = window(QStringLiteral("alice"));
        QHeaderView *header = alice->view()->horizontalHeader();
        const QModelIndex qty = cell(alice, 3, "qty");
        alice->view()->setCurrentIndex(qty);
        auto *columns = alice->findChild<QAction *>(QStringLiteral("columnsAction"));
        QVERIFY(columns);
        columns->trigger();
        QMenu *menu = nullptr;
        QTRY_VERIFY((menu = qobject_cast<QMenu *>(QApplication::activePopupWidget())));
        QCOMPARE(menu->actions().value(0) ? menu->actions().value(0)->text() : QString(), QStringLiteral("&Hide column \"qty\""));
        QTest::keyClick(menu, Qt::Key_Down);
        QTest::keyClick(menu, Qt::Key_Return);
        QTRY_VERIFY(header->isSectionHidden(qty.column()));
    }

    void shouldMarkRowsSomeoneElseIsSavingAsBusyAndSaveThemLater()
    {
        MainWindow *alice = window(QStringLiteral("alice"));
        alice->setLockTimeout(1000);
        QVERIFY(alice->view()->model()->setData(cell(alice, 9, "qty"), 999));
        QVERIFY(alice->view()->model()->setData(cell(alice, 10, "qty"), 1000));

        // Someone else's save holds row 9 (on SQLite: the database) and does not finish.
        QSqlDatabase other = m_db->connect(QStringLiteral("other"));
        QSqlQuery holding(other);
        QVERIFY(holding.exec(m_db->dialect() == TestDatabase::Dialect::SQLite ? QStringLiteral("BEGIN IMMEDIATE")
                                                                               : QStringLiteral("BEGIN")));
        QVERIFY(holding.exec(QStringLiteral("UPDATE items SET qty = qty WHERE id = 9")));

        const SubmitResult result = alice->save();
        const int busy = m_db->dialect() == TestDatabase::Dialect::SQLite ? 2 : 1;
        QCOMPARE(result.busyCount(), busy);
        QCOMPARE(result.savedCount(), 2 - busy);
        QVERIFY2(alice->messageText().contains(QStringLiteral("is being saved by someone else right now")),
                 qPrintable(alice->messageText()));
        QVERIFY2(alice->messageText().contains(QStringLiteral("press Ctrl+S again")), qPrintable(alice->messageText()));
        const QModelIndex held = cell(alice, 9, "qty");
        QCOMPARE(held.data(VersionedTableModel::RowStateRole).toInt(), int(RowState::Busy));
        QCOMPARE(held.data().toInt(), 999);
        QCOMPARE(alice->model()->headerData(held.row(), Qt::Vertical).toString(), QStringLiteral("◷"));
        ChangeListView *view = alice->view();
        view->clearSelection();
        view->scrollTo(held);
        const QRect rect = view->visualRect(held);
        QCOMPARE(view->viewport()->grab().toImage().pixelColor(rect.right() - 3, rect.center().y()).rgb(),
                 RowStateDelegate::background(held).rgb());
        auto *report = qobject_cast<ConflictReportDialog *>(alice->reportDialog());
        QVERIFY(report);
        QVERIFY2(report->toCsv().contains(QStringLiteral("busy: being saved by someone else")), qPrintable(report->toCsv()));

        // When the other save is over, Ctrl+S saves what was kept.
        QVERIFY(holding.exec(QStringLiteral("ROLLBACK")));
        QVERIFY(alice->save().allSaved());
        QCOMPARE(alice->pendingText(), QStringLiteral("no pending edits"));
        QCOMPARE(value(QStringLiteral("SELECT qty FROM items WHERE id = 9")).toInt(), 999);
        QCOMPARE(value(QStringLiteral("SELECT qty FROM items WHERE id = 10")).toInt(), 1000);
    }

    void shouldOpenATableAnotherTransactionHoldsAndWatchItOnceThatEnds()
    {
        // Someone's transaction (a psql session left open, say) holds row 9 while Alice opens
        // the table: on PostgreSQL that holds off the watcher's notify trigger.
        const bool notifies = m_db->dialect() == TestDatabase::Dialect::PostgreSQL && !m_db->isTransactionPooled();
        QSqlDatabase other = m_db->connect(QStringLiteral("other"));
        QSqlQuery holding(other);
        // Should the window wait for the holder after all, the server ends the holder's
        // session after a while: the test then fails below instead of hanging.
        if (notifies)
            QVERIFY(holding.exec(QStringLiteral("SET idle_in_transaction_session_timeout = '10s'")));
        QVERIFY(holding.exec(QStringLiteral("BEGIN")));
        QVERIFY2(holding.exec(QStringLiteral("UPDATE items SET qty = qty WHERE id = 9")), qPrintable(holding.lastError().text()));

        auto *alice = new MainWindow;
        m_windows.append(alice);
        const PaintCounter paints(alice->view()->viewport());
        QElapsedTimer timer;
        timer.start();
        alice->setDatabase(m_db->connect(QStringLiteral("alice")), QStringLiteral("alice"));
        ChangeWatcher *watcher = alice->view()->changeWatcher();
        QVERIFY(watcher);
        watcher->setSetupRetryInterval(100);
        alice->show();
        QTRY_VERIFY_WITH_TIMEOUT(paints.count() > 0, 5000);
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(cell(alice, 9, "qty").data().toInt(), 90);

        // The watcher starts after the paint. The trigger cannot be made yet: it polls.
        QTRY_VERIFY2(watcher->isActive(), qPrintable(watcher->lastError().message));
        if (notifies) {
            QCOMPARE(watcher->mode(), ChangeWatcher::Mode::Poll);
            QVERIFY(watcher->isWaitingForTable());
            QCOMPARE(alice->watchingText(), QStringLiteral("Changes by others: polled every second (table busy; notifications retried)"));
            // Retried meanwhile, and still waiting.
            QTest::qWait(300);
            QVERIFY(watcher->isWaitingForTable());
        }
        QVERIFY(timer.elapsed() < 5000);

        // Once the transaction is over, the trigger is made and notifications come.
        QVERIFY(holding.exec(QStringLiteral("ROLLBACK")));
        if (notifies) {
            QTRY_COMPARE(watcher->mode(), ChangeWatcher::Mode::Notify);
            QVERIFY(!watcher->isWaitingForTable());
            QCOMPARE(alice->watchingText(), QStringLiteral("Changes by others: notified"));
        }
        QVERIFY(holding.exec(QStringLiteral("UPDATE items SET qty = 444, version = version + 1 WHERE id = 4")));
        QTRY_VERIFY_WITH_TIMEOUT(cell(alice, 4, "qty").data(VersionedTableModel::StaleRole).toBool(), 5000);
        QCOMPARE(cell(alice, 4, "qty").data().toInt(), 40);
    }

    void shouldResolveAConflictWithTheMergeDialog()
    {
        MainWindow *alice = window(QStringLiteral("alice"));
        MainWindow *bob = window(QStringLiteral("bob"));
        bob->setReportsShown(false);
        QVERIFY(alice->view()->model()->setData(cell(alice, 8, "name"), QStringLiteral("alice's eight")));
        QVERIFY(bob->view()->model()->setData(cell(bob, 8, "qty"), 888));
        QVERIFY(alice->save().allSaved());
        QCOMPARE(bob->save().conflictCount(), 1);
        const int row = bob->model()->rowForKey(8);

        // The fields were changed on different sides: "Save merge" keeps both.
        bool clicked = false;
        QTimer::singleShot(0, this, [&clicked] {
            auto *dialog = qobject_cast<MergeDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            for (QPushButton *button : dialog->findChildren<QPushButton *>()) {
                if (button->text() == QStringLiteral("&Save merge") && button->isEnabled()) {
                    button->click();
                    clicked = true;
                    return;
                }
            }
            dialog->reject();
        });
        QVERIFY(bob->resolveConflictAt(row));
        QVERIFY(clicked);
        QCOMPARE(cell(bob, 8, "name").data().toString(), QStringLiteral("alice's eight"));
        // "Save merge" wrote the row: nothing is left to save.
        QCOMPARE(bob->model()->pendingCount(), 0);
        QCOMPARE(value(QStringLiteral("SELECT name FROM items WHERE id = 8")).toString(), QStringLiteral("alice's eight"));
        QCOMPARE(value(QStringLiteral("SELECT qty FROM items WHERE id = 8")).toInt(), 888);
        QCOMPARE(value(QStringLiteral("SELECT version FROM items WHERE id = 8")).toInt(), 3);
    }

    // A new user pressed "Save merge" and found the merge still pending, unwritten: the
    // button writes that row at once (against their version), and only that row.
    void shouldWriteTheMergeWhenSaveMergeIsPressed()
    {
        MainWindow *alice = window(QStringLiteral("alice"));
        MainWindow *bob = window(QStringLiteral("bob"));
        bob->setReportsShown(false);
        QVERIFY(alice->view()->model()->setData(cell(alice, 8, "name"), QStringLiteral("alice's eight")));
        QVERIFY(alice->save().allSaved());
        QVERIFY(bob->view()->model()->setData(cell(bob, 8, "qty"), 888));
        QCOMPARE(bob->save().conflictCount(), 1);
        // An edit made after the conflict stays pending: the merge writes its own row only.
        QVERIFY(bob->view()->model()->setData(cell(bob, 9, "qty"), 999));

        auto pressSaveMerge = [this](bool *clicked) {
            QTimer::singleShot(0, this, [clicked] {
                auto *dialog = qobject_cast<MergeDialog *>(QApplication::activeModalWidget());
                if (!dialog)
                    return;
                auto *button = dialog->findChild<QPushButton *>(QStringLiteral("saveMergeButton"));
                if (button && button->isEnabled()) {
                    button->click();
                    *clicked = true;
                    return;
                }
                dialog->reject();
            });
        };
        bool clicked = false;
        pressSaveMerge(&clicked);
        QVERIFY(bob->resolveConflictAt(bob->model()->rowForKey(8)));
        QVERIFY(clicked);
        QCOMPARE(value(QStringLiteral("SELECT name FROM items WHERE id = 8")).toString(), QStringLiteral("alice's eight"));
        QCOMPARE(value(QStringLiteral("SELECT qty FROM items WHERE id = 8")).toInt(), 888);
        QCOMPARE(value(QStringLiteral("SELECT version FROM items WHERE id = 8")).toInt(), 3);
        QCOMPARE(bob->model()->rowState(bob->model()->rowForKey(8)), RowState::Clean);
        QCOMPARE(value(QStringLiteral("SELECT qty FROM items WHERE id = 9")).toInt(), 90);
        QCOMPARE(bob->model()->pendingCount(), 1);
        QVERIFY(bob->model()->isRowDirty(bob->model()->rowForKey(9)));

        // Merged against their version: a third change made while the dialog is open
        // conflicts again instead of being overwritten.
        QVERIFY(bob->view()->model()->setData(cell(bob, 10, "qty"), 1000));
        QVERIFY(alice->view()->model()->setData(cell(alice, 10, "name"), QStringLiteral("alice's ten")));
        QVERIFY(alice->save().allSaved());
        QCOMPARE(bob->save().conflictCount(), 1);
        clicked = false;
        QTimer::singleShot(0, this, [&] {
            auto *dialog = qobject_cast<MergeDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            QSqlDatabase carol = m_db->connect(QStringLiteral("carol"));
            QSqlQuery(carol).exec(QStringLiteral("UPDATE items SET qty = 7, version = version + 1 WHERE id = 10"));
            dialog->findChild<QPushButton *>(QStringLiteral("saveMergeButton"))->click();
            clicked = true;
        });
        QVERIFY(bob->resolveConflictAt(bob->model()->rowForKey(10)));
        QVERIFY(clicked);
        QCOMPARE(value(QStringLiteral("SELECT qty FROM items WHERE id = 10")).toInt(), 7);
        QCOMPARE(bob->model()->rowState(bob->model()->rowForKey(10)), RowState::Conflict);
    }

    // A person saw the log say "qty 40 → 4002" over someone else's change after Retry:
    // Retry re-made every changed row as "their row with my fields on top". Now it merges:
    // a field only they changed is kept beside mine and saved (one log entry); a field both
    // changed is never given mine unasked: the row waits, or the merge dialog asks.
    void shouldMergeOnRetryAndLeaveAFieldBothChangedForAChoice()
    {
        MainWindow *alice = window(QStringLiteral("alice"));
        MainWindow *bob = window(QStringLiteral("bob"));
        // Alice changes the quantity of 4 and the name of 5; Bob, from what he loaded before,
        // the quantity of both.
        QVERIFY(alice->view()->model()->setData(cell(alice, 4, "qty"), 4001));
        QVERIFY(alice->view()->model()->setData(cell(alice, 5, "name"), QStringLiteral("alice's five")));
        QVERIFY(alice->save().allSaved());
        QVERIFY(bob->view()->model()->setData(cell(bob, 4, "qty"), 4002));
        QVERIFY(bob->view()->model()->setData(cell(bob, 5, "qty"), 5002));
        QCOMPARE(bob->save().conflictCount(), 2);
        auto *report = qobject_cast<ConflictReportDialog *>(bob->reportDialog());
        QVERIFY(report);
        auto *retry = report->findChild<QPushButton *>(QStringLiteral("retryButton"));
        QVERIFY(retry->isEnabled());
        QVERIFY2(!retry->text().contains(QStringLiteral("current versions")), qPrintable(retry->text()));
        const int logged = SqlProbe::logCount(m_db->connect(QStringLiteral("check")));

        // Without dialogs (as tests and scripts run the window) the row that needs a choice
        // waits in conflict, and the banner names it and its field.
        bob->setReportsShown(false);
        QTest::mouseClick(retry, Qt::LeftButton);
        QCOMPARE(bob->messageText(), QStringLiteral("items 5 was merged with the other person's changes and saved; "
                                                    "items 4 needs your choice for qty: right-click it."));
        const QString rows = QStringLiteral("SELECT id, name, qty, version FROM items WHERE id IN (4, 5) ORDER BY id");
        QCOMPARE(SqlProbe::rows(m_db->connect(QStringLiteral("check")), rows),
                 QStringLiteral("4:item 4:4001:2;5:alice's five:5002:3"));
        QCOMPARE(SqlProbe::logCount(m_db->connect(QStringLiteral("check"))), logged + 1);
        QCOMPARE(bob->model()->rowState(bob->model()->rowForKey(4)), RowState::Conflict);
        QCOMPARE(cell(bob, 4, "qty").data().toInt(), 4002);
        QCOMPARE(bob->model()->rowState(bob->model()->rowForKey(5)), RowState::Clean);
        QCOMPARE(bob->pendingText(), QStringLiteral("1 pending edit"));

        // With dialogs, Retry opens the merge dialog for the row; cancelling it writes nothing.
        bob->setReportsShown(true);
        QCOMPARE(bob->save().conflictCount(), 1);
        report = qobject_cast<ConflictReportDialog *>(bob->reportDialog());
        QVERIFY(report);
        // The report says beforehand which field will need a choice.
        QVERIFY2(report->toCsv().contains(QStringLiteral("they changed: qty (you too)")),
                 qPrintable(report->toCsv()));
        QStringList asked;
        QTimer::singleShot(0, this, [&asked, bob] {
            auto *dialog = qobject_cast<MergeDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            // While it asks, the banner says why the dialog opened.
            asked = QStringList{dialog->windowTitle(), bob->messageText()} + dialog->merge().unresolvedFields();
            dialog->reject();
        });
        QTest::mouseClick(report->findChild<QPushButton *>(QStringLiteral("retryButton")), Qt::LeftButton);
        QCOMPARE(asked, (QStringList{QStringLiteral("Merge changes — items 4"),
                                     QStringLiteral("items 4 needs your choice for qty."), QStringLiteral("qty")}));
        QCOMPARE(bob->messageText(), QStringLiteral("items 4 still needs your choice for qty: right-click it when ready."));
        QCOMPARE(SqlProbe::rows(m_db->connect(QStringLiteral("check")), rows),
                 QStringLiteral("4:item 4:4001:2;5:alice's five:5002:3"));
        QCOMPARE(bob->model()->rowState(bob->model()->rowForKey(4)), RowState::Conflict);

        // Choosing his value in the dialog is a person's choice: then, and only then, it is written.
        QCOMPARE(bob->save().conflictCount(), 1);
        report = qobject_cast<ConflictReportDialog *>(bob->reportDialog());
        QVERIFY(report);
        bool chose = false;
        QTimer::singleShot(0, this, [&chose] {
            auto *dialog = qobject_cast<MergeDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            QTest::keyClick(dialog->findChild<QComboBox *>(QStringLiteral("choice_qty")), Qt::Key_Down);
            auto *save = dialog->findChild<QPushButton *>(QStringLiteral("saveMergeButton"));
            chose = save->isEnabled();
            save->click();
        });
        QTest::mouseClick(report->findChild<QPushButton *>(QStringLiteral("retryButton")), Qt::LeftButton);
        QVERIFY(chose);
        QCOMPARE(bob->messageText(), QStringLiteral("items 4 was saved with your merge as version 3."));
        QCOMPARE(SqlProbe::rows(m_db->connect(QStringLiteral("check")), rows),
                 QStringLiteral("4:item 4:4002:3;5:alice's five:5002:3"));
        QCOMPARE(bob->pendingText(), QStringLiteral("no pending edits"));
    }

    void shouldKeepPendingEditsAndScrollPositionOnF5()
    {
        MainWindow *alice = window(QStringLiteral("alice"));
        MainWindow *bob = window(QStringLiteral("bob"));
        ChangeListView *view = alice->view();
        view->scrollTo(cell(alice, 450, "qty"), QAbstractItemView::PositionAtTop);
        const int scrolled = view->verticalScrollBar()->value();
        QVERIFY(scrolled > 0);
        QVERIFY(view->model()->setData(cell(alice, 451, "qty"), 9451));
        QVERIFY(bob->view()->model()->setData(cell(bob, 452, "qty"), 9452));
        QVERIFY(bob->save().allSaved());

        QApplication::setActiveWindow(alice);
        QVERIFY(QTest::qWaitForWindowActive(alice));
        QTest::keyClick(alice, Qt::Key_F5);
        QCOMPARE(view->verticalScrollBar()->value(), scrolled);
        QCOMPARE(cell(alice, 451, "qty").data().toInt(), 9451);
        QCOMPARE(cell(alice, 451, "qty").data(VersionedTableModel::DirtyRole).toBool(), true);
        QCOMPARE(cell(alice, 452, "qty").data().toInt(), 9452);
        QCOMPARE(alice->pendingText(), QStringLiteral("1 pending edit"));
    }

    void shouldWriteNothingWhenTheSaveIsCancelled()
    {
        MainWindow *alice = window(QStringLiteral("alice"));
        for (int pk = 1; pk <= rowCount; ++pk)
            QVERIFY(alice->view()->model()->setData(cell(alice, pk, "qty"), -pk));
        QCOMPARE(alice->model()->pendingCount(), rowCount);

        // The person presses Cancel in the progress dialog while the save runs.
        int calls = 0;
        connect(alice, &MainWindow::saveProgress, this, [alice, &calls] {
            ++calls;
            if (auto *progress = alice->findChild<QProgressDialog *>())
                progress->cancel();
        });
        const SubmitResult result = alice->save();
        QVERIFY(calls > 0);
        QVERIFY(!result.committed);
        QCOMPARE(result.error.code, DbError::Code::Cancelled);
        QCOMPARE(value(QStringLiteral("SELECT COUNT(*) FROM items WHERE qty < 0")).toInt(), 0);
        QCOMPARE(value(QStringLiteral("SELECT MAX(version) FROM items")).toInt(), 1);
        QCOMPARE(alice->model()->pendingCount(), rowCount);
        QVERIFY(alice->messageText().contains(QStringLiteral("cancelled")));
    }

    void shouldNameTheChangedRowWhenAnActionIsRefused()
    {
        MainWindow *alice = window(QStringLiteral("alice"));
        ChangeListView *view = alice->view();
        for (int pk : {11, 12, 13})
            view->selectionModel()->select(cell(alice, pk, "name"), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        const QList<RowRef> selection = alice->actionBar()->selection();
        QCOMPARE(selection.size(), 3);

        // Someone else changes row 12 after Alice saw it.
        QVERIFY(m_db->exec(QStringLiteral("UPDATE items SET qty = 1, version = 2 WHERE id = 12")).isEmpty());

        const SubmitResult result = alice->actionBar()->run(AdminAction::setField(QStringLiteral("qty"), 7), selection);
        QVERIFY(!result.committed || result.savedCount() == 0);
        QStringList conflicts;
        for (const RowOutcome &row : result.rows) {
            if (row.status == RowOutcome::Status::Conflict)
                conflicts.append(row.pk.toString());
        }
        QCOMPARE(conflicts, QStringList{QStringLiteral("12")});
        QVERIFY2(alice->messageText().contains(QStringLiteral("items 12")), qPrintable(alice->messageText()));
        auto *report = alice->actionBar()->findChild<ConflictReportDialog *>();
        QVERIFY(report);
        QVERIFY(report->isVisible());
        QCOMPARE(value(QStringLiteral("SELECT COUNT(*) FROM items WHERE qty = 7")).toInt(), 0);

        // Retry asks first. Row 12's quantity, the very field the action sets, was changed:
        // it starts unticked, so confirming runs on the two others at their versions.
        QString asked;
        QTimer::singleShot(0, this, [&asked] {
            QWidget *dialog = QApplication::activeModalWidget();
            if (!dialog || dialog->objectName() != QLatin1String("retryConfirmation"))
                return;
            auto *list = dialog->findChild<QListWidget *>(QStringLiteral("changedRows"));
            asked = list->item(0)->text() + (list->item(0)->checkState() == Qt::Checked ? QStringLiteral(" [x]")
                                                                                      : QStringLiteral(" [ ]"));
            dialog->findChild<QPushButton *>(QStringLiteral("runButton"))->click();
        });
        QSignalSpy finished(alice->actionBar(), &ActionBar::actionFinished);
        emit report->retryRequested();
        QCOMPARE(asked, QStringLiteral("items 12, changed by someone else:\n    qty: 120 → 1\n"
                                       "    You are setting qty to 7: tick it to write yours over theirs. [ ]"));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(value(QStringLiteral("SELECT COUNT(*) FROM items WHERE qty = 7")).toInt(), 2);
        QCOMPARE(value(QStringLiteral("SELECT qty FROM items WHERE id = 12")).toInt(), 1);
    }

    void shouldRunACustomActionRegisteredFromCpp()
    {
        MainWindow *alice = window(QStringLiteral("alice"));
        // A body that zeroes the stock of the checked rows, with bound values only.
        alice->actionBar()->registerAction(zeroQuantity());
        QVERIFY(alice->actionBar()->actionNames().contains(QStringLiteral("Zero the quantity")));
        for (int pk : {21, 22})
            alice->view()->selectionModel()->select(cell(alice, pk, "name"), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        const QList<RowRef> selection = alice->actionBar()->selection();
        QCOMPARE(selection.size(), 2);
        // Run through the same path as the Go button, after its confirmation.
        const SubmitResult result = alice->actionBar()->run(zeroQuantity(), selection);
        QVERIFY2(result.allSaved(), qPrintable(result.summary()));
        QCOMPARE(value(QStringLiteral("SELECT COUNT(*) FROM items WHERE qty = 0")).toInt(), 2);
        // The body did not bump the versions; Concord did.
        QCOMPARE(value(QStringLiteral("SELECT version FROM items WHERE id = 21")).toInt(), 2);
        // The grid shows the new values after the action (a refresh keeping edits).
        QCOMPARE(cell(alice, 21, "qty").data().toInt(), 0);
    }

    // With "skip rows changed since shown" ticked in the action bar, the banner names the
    // rows done and the rows skipped.
    void shouldNameTheRowsDoneAndSkippedInTheBanner()
    {
        MainWindow *alice = window(QStringLiteral("alice"));
        MainWindow *bob = window(QStringLiteral("bob"));
        alice->setReportsShown(false);
        for (int pk : {31, 32, 33})
            alice->view()->selectionModel()->select(cell(alice, pk, "name"), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        const QList<RowRef> selection = alice->actionBar()->selection();
        QCOMPARE(selection.size(), 3);
        QVERIFY(bob->view()->model()->setData(cell(bob, 32, "qty"), 3232));
        QVERIFY(bob->save().allSaved());

        QTest::mouseClick(alice->actionBar()->skipChangedBox(), Qt::LeftButton, {},
                          QPoint(4, alice->actionBar()->skipChangedBox()->height() / 2));
        QVERIFY(alice->actionBar()->skipChanged());
        const SubmitResult result = alice->actionBar()->run(zeroQuantity(), selection);
        QVERIFY(result.committed);
        QCOMPARE(result.savedCount(), 2);
        QVERIFY2(alice->messageText().startsWith(QStringLiteral("2 rows were done: items 31, items 33.")),
                 qPrintable(alice->messageText()));
        QVERIFY2(alice->messageText().endsWith(
                         QStringLiteral("skipped, changed or deleted by someone else since shown: items 32.")),
                 qPrintable(alice->messageText()));
        QCOMPARE(value(QStringLiteral("SELECT qty FROM items WHERE id = 32")).toInt(), 3232);
        QCOMPARE(value(QStringLiteral("SELECT COUNT(*) FROM items WHERE qty = 0")).toInt(), 2);
    }

    void shouldReadATableOnceWhenOpeningIt()
    {
        MainWindow *alice = window(QStringLiteral("alice"));
        // Sorted by another column first, as a person may leave it before opening a table.
        alice->view()->horizontalHeader()->setSortIndicator(column(alice->model(), "qty"), Qt::DescendingOrder);
        QSignalSpy resets(alice->model(), &QAbstractItemModel::modelReset);
        QVERIFY(alice->openTable(QStringLiteral("items")));
        // setTable() empties the model, select() fills it: two resets. Showing the sort
        // order in the header must not sort (select) a second time.
        QCOMPARE(resets.count(), 2);
        QCOMPARE(alice->view()->horizontalHeader()->sortIndicatorSection(), alice->model()->primaryKeyColumn());
        QCOMPARE(alice->view()->horizontalHeader()->sortIndicatorOrder(), Qt::AscendingOrder);
        // A click on a header still sorts, in the database.
        alice->view()->horizontalHeader()->setSortIndicator(column(alice->model(), "qty"), Qt::DescendingOrder);
        QCOMPARE(resets.count(), 3);
        QCOMPARE(cell(alice, rowCount, "qty").row(), 0);
    }

    void shouldFindRowsWithTheSearchTextAsAValue()
    {
        MainWindow *alice = window(QStringLiteral("alice"));
        alice->setSearchText(QStringLiteral("item 59"));
        QCOMPARE(alice->model()->matchingCount().value(), 11); // 59, 590..599
        QVERIFY2(alice->rowCountText().startsWith(QStringLiteral("11 ")), qPrintable(alice->rowCountText()));
        QVERIFY(alice->actionBar()->selectAllMatching());
        QCOMPARE(alice->actionBar()->selection().size(), 11);

        // Wildcards and quotes typed by the person match themselves, nothing more.
        for (const QString &hostile : {QStringLiteral("'; DROP TABLE items; --"), QStringLiteral("%"), QStringLiteral("_"),
                                       QStringLiteral("\\' OR 1=1 --"), QStringLiteral("\") OR (\"1\"=\"1")}) {
            alice->setSearchText(hostile);
            QVERIFY2(!alice->model()->lastError().isValid(), qPrintable(alice->model()->lastError().text()));
            QCOMPARE(alice->model()->rowCount(), 0);
        }
        QCOMPARE(value(QStringLiteral("SELECT COUNT(*) FROM items")).toInt(), rowCount);

        alice->setSearchText(QString());
        alice->setColumnFilter(QStringLiteral("name"), QStringLiteral("ITEM 7"));
        QCOMPARE(alice->model()->matchingCount().value(), 11); // 7, 70..79
        alice->setColumnFilter(QStringLiteral("qty"), QStringLiteral("item 7"));
        QCOMPARE(alice->model()->matchingCount().value(), 0);
    }

    // Issue 13: the workspace is remembered. One session arranges the window and the
    // grid and closes; the next, on the same database, starts the same way.
    void shouldRestoreTheWorkspaceOfTheLastSession()
    {
        QCOMPARE(m_db->exec(QStringList{QStringLiteral("CREATE TABLE notes (id INTEGER PRIMARY KEY, body %1, version BIGINT)")
                                                .arg(m_db->text()),
                                        QStringLiteral("INSERT INTO notes (id, body, version) VALUES (1, 'first', 1)")}),
                 QString());
        const auto open = [this] {
            auto *w = new MainWindow;
            m_windows.append(w);
            const auto opened = w->openUrl(m_db->url(), m_db->password());
            if (!opened)
                qWarning("%s", qPrintable(opened.error().message));
            w->show();
            return w;
        };
        MainWindow *first = open();
        QVERIFY(QTest::qWaitForWindowExposed(first));
        QVERIFY(first->openTable(QStringLiteral("items")));
        first->resize(1000, 700);
        first->setSubmitPolicy(SubmitPolicy::AbortAll);
        first->findChild<QDockWidget *>(QStringLiteral("historyDock"))->hide();
        QHeaderView *header = first->view()->horizontalHeader();
        const int name = column(first->model(), "name");
        const int qty = column(first->model(), "qty");
        header->resizeSection(name, 211);
        header->moveSection(header->visualIndex(name), 0);
        // qty hidden from the header's menu, the grid sorted by name with a header click.
        QMenu *menu = first->view()->columnMenu()->menuFor(qty);
        menu->actions().constFirst()->trigger();
        delete menu;
        QVERIFY(header->isSectionHidden(qty));
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                          QPoint(header->sectionViewportPosition(name) + 10, header->height() / 2));
        QCOMPARE(header->sortIndicatorSection(), name);
        // The last table shown is another one.
        QVERIFY(first->openTable(QStringLiteral("notes")));
        QVERIFY(first->close());

        MainWindow *second = open();
        QCOMPARE(second->currentTable(), QStringLiteral("notes"));
        QCOMPARE(second->submitPolicy(), SubmitPolicy::AbortAll);
        QCOMPARE(second->size(), QSize(1000, 700));
        QVERIFY(QTest::qWaitForWindowExposed(second));
        QVERIFY(!second->findChild<QDockWidget *>(QStringLiteral("historyDock"))->isVisible());
        QCOMPARE(second->model()->submitPolicy(), SubmitPolicy::AbortAll);

        QVERIFY(second->openTable(QStringLiteral("items")));
        header = second->view()->horizontalHeader();
        QCOMPARE(header->sectionSize(name), 211);
        QCOMPARE(header->visualIndex(name), 0);
        QVERIFY(header->isSectionHidden(qty));
        QVERIFY(!header->isSectionHidden(column(second->model(), "id")));
        QCOMPARE(header->sortIndicatorSection(), name);
        QCOMPARE(header->sortIndicatorOrder(), Qt::AscendingOrder);
        // Sorted by the database by name: "item 1", "item 10", "item 100", …
        QCOMPARE(second->model()->keyAt(1).toInt(), 10);
        QCOMPARE(second->model()->keyAt(2).toInt(), 100);

        // The database is kept as its URL, never with a password.
        QSettings settings;
        QCOMPARE(settings.value(QStringLiteral("workspace/lastDatabase")).toString(),
                 ConnectionUrl::parse(m_db->url())->displayText());
        settings.sync();
        QFile file(settings.fileName());
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(settings.fileName()));
        QVERIFY2(file.fileName().startsWith(m_settings->path()), qPrintable(file.fileName()));
        const QByteArray stored = file.readAll();
        QVERIFY(stored.contains("lastTable"));
        const QByteArray password = m_db->password().toUtf8();
        if (!password.isEmpty()) {
            QVERIFY(!stored.contains(':' + password + '@'));
            QVERIFY(!stored.contains("%3A" + password + "%40"));
            // The test servers' password is their user's name, which the URL does hold.
            const QByteArray user = ConnectionUrl::parse(m_db->url())->user().toUtf8();
            if (password != user)
                QVERIFY(!stored.contains(password));
        }
        QVERIFY(!stored.contains("assword"));
    }

    void shouldCaptureScreenshots();
};

// Screenshots of the real widgets in the states a new user meets, on the demo database.
// Run under Xvfb with CONCORD_SCREENSHOT_DIR set (see docs/screenshots/README.md).
void tst_MainWindow::shouldCaptureScreenshots()
{
    if (m_db->dialect() != TestDatabase::Dialect::SQLite)
        QSKIP("The screenshots show the SQLite demo database");
    const QString dir = qEnvironmentVariable("CONCORD_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("CONCORD_SCREENSHOT_DIR is not set");
    QTemporaryDir temp;
    const QString demo = temp.filePath(QStringLiteral("demo.sqlite"));
    QVERIFY(DemoDatabase::create(demo));
    const auto save = [&dir](QWidget *widget, const QString &name) {
        QVERIFY(widget->grab().save(QDir(dir).filePath(name)));
    };

    {
        MainWindow alice;
        MainWindow bob;
        QVERIFY(alice.openUrl(demo));
        QVERIFY(bob.openUrl(demo));
        for (MainWindow *w : {&alice, &bob}) {
            w->resize(1360, 820);
            w->show();
            QVERIFY(QTest::qWaitForWindowExposed(w));
        }
        QVERIFY(alice.view()->model()->setData(cell(&alice, 3, "city"), QStringLiteral("Coimbra")));
        QVERIFY(alice.view()->model()->setData(cell(&alice, 6, "credit_limit"), 9000));
        QVERIFY(bob.view()->model()->setData(cell(&bob, 3, "city"), QStringLiteral("Porto")));
        QVERIFY(bob.view()->model()->setData(cell(&bob, 3, "phone"), QStringLiteral("+351 222 000111")));
        QVERIFY(bob.view()->model()->setData(cell(&bob, 5, "credit_limit"), 12500));
        QVERIFY(bob.view()->model()->setData(cell(&bob, 6, "email"), QStringLiteral("rosa@example.org")));
        QVERIFY(bob.view()->model()->setData(cell(&bob, 9, "name"), QStringLiteral("Grace Hopper")));
        bob.view()->selectRow(bob.model()->rowForKey(10));
        QTest::keyClick(bob.view(), Qt::Key_Delete);
        bob.view()->clearSelection();
        QTest::qWait(50);
        save(&bob, QStringLiteral("main-window.png"));

        QVERIFY(alice.save().allSaved());
        // Someone deletes customer 9 from concord-cli meanwhile.
        {
            QSqlDatabase other = ConnectionUrl::parse(demo)->open(QStringLiteral("other-tool")).value();
            QSqlQuery(other).exec(QStringLiteral("DELETE FROM orders WHERE customer_id = 9"));
            QSqlQuery(other).exec(QStringLiteral("DELETE FROM customers WHERE id = 9"));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("other-tool"));
        bob.save();
        bob.view()->clearSelection();
        QTRY_VERIFY(bob.reportDialog());
        QTest::qWait(50);
        save(&bob, QStringLiteral("conflict.png"));
        save(bob.reportDialog(), QStringLiteral("save-report.png"));
        bob.reportDialog()->close();

        MergeDialog merge(bob.model(), bob.model()->rowForKey(3), &bob);
        merge.resize(900, 420);
        merge.show();
        QVERIFY(QTest::qWaitForWindowExposed(&merge));
        save(&merge, QStringLiteral("demo-merge.png"));
        merge.close();

        // An action with the choice to skip rows changed since shown: Alice checks three
        // customers; someone changed two of them since her grid showed them.
        alice.refresh();
        alice.view()->checkedRows()->setRowsChecked({alice.model()->rowForKey(4), alice.model()->rowForKey(5),
                                                     alice.model()->rowForKey(7)}, true);
        {
            QSqlDatabase other = ConnectionUrl::parse(demo)->open(QStringLiteral("other-tool")).value();
            QSqlQuery(other).exec(QStringLiteral("UPDATE customers SET city = 'Braga', version = version + 1 WHERE id IN (5, 7)"));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("other-tool"));
        QVERIFY(alice.view()->changeWatcher());
        QTRY_VERIFY_WITH_TIMEOUT(alice.model()->isStale(alice.model()->rowForKey(5))
                                         && alice.model()->isStale(alice.model()->rowForKey(7)), 10000);
        alice.actionBar()->setSkipChanged(true);
        bool captured = false;
        QTimer poll;
        poll.setInterval(20);
        connect(&poll, &QTimer::timeout, &poll, [&] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (!box)
                return;
            poll.stop();
            QTest::qWait(100);
            save(box, QStringLiteral("action-skip-changed.png"));
            captured = true;
            box->button(QMessageBox::Cancel)->click();
        });
        poll.start();
        alice.actionBar()->findChild<QComboBox *>()->setCurrentIndex(0);
        alice.actionBar()->runCurrent();
        QVERIFY(captured);
        alice.actionBar()->setSkipChanged(false);

        // "Select all N matching" read into a snapshot, then an action running on it a
        // chunk at a time with its progress; cancelled once captured, so nothing changes.
        alice.view()->checkedRows()->setRowsChecked({alice.model()->rowForKey(4)}, true);
        alice.actionBar()->setChunkSize(20);
        alice.actionBar()->setProgressDelay(0);
        QVERIFY(alice.actionBar()->selectAllMatching());
        bool progressCaptured = false;
        QTimer progressPoll;
        progressPoll.setInterval(20);
        connect(&progressPoll, &QTimer::timeout, &progressPoll, [&] {
            QWidget *modal = QApplication::activeModalWidget();
            if (modal && !qobject_cast<QProgressDialog *>(modal) && modal->findChild<QLineEdit *>()) {
                modal->findChild<QComboBox *>()->setCurrentText(QStringLiteral("city"));
                modal->findChild<QLineEdit *>()->setText(QStringLiteral("Lisboa"));
                modal->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
                return;
            }
            auto *progress = alice.actionBar()->findChild<QProgressDialog *>(QStringLiteral("actionProgress"));
            if (!progress || !progress->isVisible() || progress->value() * 10 < progress->maximum() * 4 || progressCaptured)
                return;
            progressPoll.stop();
            save(progress, QStringLiteral("select-all-progress.png"));
            progressCaptured = true;
            progress->cancel();
        });
        progressPoll.start();
        alice.actionBar()->findChild<QComboBox *>()->setCurrentIndex(1);
        alice.actionBar()->runCurrent();
        QVERIFY(progressCaptured);
        alice.actionBar()->setProgressDelay(400);
        alice.actionBar()->clearSelection();

        // The column header's menu, with one column hidden.
        QHeaderView *header = alice.view()->horizontalHeader();
        header->setSectionHidden(column(alice.model(), "phone"), true);
        QMenu *menu = alice.view()->columnMenu()->menuFor(column(alice.model(), "email"));
        menu->popup(header->mapToGlobal(QPoint(header->sectionViewportPosition(column(alice.model(), "email")) + 20,
                                               header->height())));
        QVERIFY(QTest::qWaitForWindowExposed(menu));
        save(menu, QStringLiteral("column-menu.png"));
        menu->close();
        delete menu;
        header->setSectionHidden(column(alice.model(), "phone"), false);

    }
    QSqlDatabase::removeDatabase(QStringLiteral("other-tool"));

    // The list filters with their chips, and the find bar, on the orders.
    MainWindow carol;
    QVERIFY(carol.openUrl(demo));
    carol.resize(1360, 820);
    carol.show();
    QVERIFY(QTest::qWaitForWindowExposed(&carol));
    QVERIFY(carol.openTable(QStringLiteral("orders")));
    FilterPanel *panel = carol.filterPanel();
    QTRY_VERIFY(!panel->offeredTexts(QStringLiteral("status")).isEmpty());
    QVERIFY(panel->setChecked(QStringLiteral("status"), QStringLiteral("paid"), true));
    QVERIFY(panel->setChecked(QStringLiteral("status"), QStringLiteral("shipped"), true));
    QVERIFY(panel->addDayRange(QStringLiteral("ordered_on"), QDate(2025, 3, 1), QDate(2025, 3, 31)));
    QTest::qWait(50);
    save(&carol, QStringLiteral("list-filters.png"));

    panel->clearChoices();
    carol.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&carol));
    QTest::keyClick(&carol, Qt::Key_F, Qt::ControlModifier);
    QTest::keyClicks(carol.findBar()->lineEdit(), QStringLiteral("2025-01-1"));
    QTest::keyClick(carol.findBar()->lineEdit(), Qt::Key_Return);
    QTest::keyClick(carol.findBar()->lineEdit(), Qt::Key_Return);
    QTest::qWait(50);
    save(&carol, QStringLiteral("find-bar.png"));
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
