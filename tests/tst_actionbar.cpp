#include "actionbar.h"
#include "changelistview.h"
#include "changewatcher.h"
#include "checkedrows.h"
#include "checkheaderview.h"
#include "conflictreportdialog.h"
#include "versionedtablemodel.h"

#include "sqlprobe.h"
#include "testdatabase.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QTimer>
#include <QVBoxLayout>

#include <functional>

using namespace Concord;
using SqlProbe::value;

// The action bar over a change list, as the main window puts them together: rows are
// checked in the grid's checkbox column, the action runs from the Go button, and a second
// connection is the colleague who changes rows in between.
class tst_ActionBar : public QObject
{
    Q_OBJECT

private:
    static constexpr int rowCount = 600;

    struct Screen
    {
        std::unique_ptr<VersionedTableModel> model;
        std::unique_ptr<QWidget> window;
        ChangeListView *view = nullptr;
        ActionBar *bar = nullptr;
    };

    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<Screen> m_alice;
    std::unique_ptr<VersionedTableModel> m_bob;

    Screen *alice()
    {
        m_alice = std::make_unique<Screen>();
        Screen *s = m_alice.get();
        s->model = std::make_unique<VersionedTableModel>(nullptr, m_db->connect(QStringLiteral("alice")));
        s->model->setTable(QStringLiteral("items"));
        s->model->setSort(0, Qt::AscendingOrder);
        s->model->select();
        s->window = std::make_unique<QWidget>();
        auto *layout = new QVBoxLayout(s->window.get());
        s->bar = new ActionBar(s->window.get());
        s->view = new ChangeListView(s->window.get());
        layout->addWidget(s->bar);
        layout->addWidget(s->view);
        s->view->setVersionedModel(s->model.get());
        s->bar->setModel(s->model.get(), s->view->selectionModel());
        s->bar->setCheckedRows(s->view->checkedRows());
        // As in the main window: after an action the grid reloads, keeping its edits.
        connect(s->bar, &ActionBar::actionFinished, s->view, &ChangeListView::refresh);
        s->window->resize(800, 500);
        s->window->show();
        QApplication::setActiveWindow(s->window.get());
        if (!QTest::qWaitForWindowActive(s->window.get()))
            qWarning("the window did not become active");
        return s;
    }

    // Bob: his own model on his own connection, saving the way the grid does.
    VersionedTableModel *bob()
    {
        m_bob = std::make_unique<VersionedTableModel>(nullptr, m_db->connect(QStringLiteral("bob")));
        m_bob->setTable(QStringLiteral("items"));
        m_bob->select();
        while (m_bob->canFetchMore())
            m_bob->fetchMore();
        return m_bob.get();
    }

    static bool bobSaves(VersionedTableModel *model)
    {
        const bool saved = model->submitAll();
        // Bob has no grid to read his reloaded rows to the end; an SQLite statement left
        // half-read would hold a read lock that keeps Alice's action from committing.
        while (model->canFetchMore())
            model->fetchMore();
        return saved;
    }

    static bool bobSets(VersionedTableModel *model, int pk, int qty)
    {
        return model->setData(model->index(model->findRow(pk).value_or(-1), model->fieldIndex(QStringLiteral("qty"))), qty)
                && bobSaves(model);
    }

    static bool clickCheckBox(ChangeListView *view, int pk)
    {
        auto *model = qobject_cast<VersionedTableModel *>(view->model());
        const int row = model->rowForKey(pk);
        if (row < 0)
            return false;
        view->scrollTo(model->index(row, 0));
        const QRect box = view->checkHeader()->checkBoxRect(row);
        if (!box.isValid())
            return false;
        QTest::mouseClick(view->checkHeader()->viewport(), Qt::LeftButton, {}, box.center());
        return true;
    }

    // Answers the next modal dialog (the confirmation, the "set a column" form) with
    // @p answer, from inside its exec(), as the person would.
    static void answerNextDialog(std::function<void(QWidget *)> answer)
    {
        auto *timer = new QTimer;
        timer->setInterval(10);
        auto tries = std::make_shared<int>(0);
        QObject::connect(timer, &QTimer::timeout, timer, [timer, tries, answer] {
            QWidget *dialog = QApplication::activeModalWidget();
            if (!dialog && ++*tries < 500)
                return;
            timer->stop();
            timer->deleteLater();
            if (dialog)
                answer(dialog);
        });
        timer->start();
    }

    /// Answers the "Set a column" dialog: @p column to @p value, OK.
    static void setColumn(QWidget *dialog, const QString &column, const QString &value)
    {
        dialog->findChild<QComboBox *>()->setCurrentText(column);
        dialog->findChild<QLineEdit *>()->setText(value);
        dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    }

    static void go(ActionBar *bar, int action)
    {
        bar->findChild<QComboBox *>()->setCurrentIndex(action);
        QPushButton *goButton = nullptr;
        for (QPushButton *button : bar->findChildren<QPushButton *>()) {
            if (button->text() == QLatin1String("Go"))
                goButton = button;
        }
        QVERIFY(goButton);
        QTest::mouseClick(goButton, Qt::LeftButton);
    }

    // The report on screen: one closed by a retry may linger until the event loop deletes it.
    static ConflictReportDialog *openReport(ActionBar *bar)
    {
        for (ConflictReportDialog *report : bar->findChildren<ConflictReportDialog *>()) {
            if (report->isVisible())
                return report;
        }
        return nullptr;
    }

    // The changed rows a retry confirmation lists, each with its box: "… [x]" or "… [ ]".
    static QStringList changedRows(QWidget *dialog)
    {
        QStringList rows;
        auto *list = dialog->findChild<QListWidget *>(QStringLiteral("changedRows"));
        for (int i = 0; list && i < list->count(); ++i)
            rows.append(list->item(i)->text()
                        + (list->item(i)->checkState() == Qt::Checked ? QStringLiteral(" [x]") : QStringLiteral(" [ ]")));
        return rows;
    }

    static QMap<QString, RowOutcome::Status> outcomes(const SubmitResult &result)
    {
        QMap<QString, RowOutcome::Status> map;
        for (const RowOutcome &row : result.rows)
            map.insert(row.pk.toString(), row.status);
        return map;
    }

    QVariant scalar(const QString &sql)
    {
        return value(m_db->connect(QStringLiteral("check")), sql);
    }

private slots:
    // Every test runs once per dialect.
    void initTestCase_data() { TestDatabase::addDialectRows(); }
    void init()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QCOMPARE(m_db->createNumberedItems(rowCount), QString());
    }

    void cleanup()
    {
        m_alice.reset();
        m_bob.reset();
        m_db.reset();
    }

    void shouldDeleteTheCheckedRowsOnlyAtTheVersionsShown()
    {
        Screen *a = alice();
        // Three rows checked by clicking, one with Space.
        for (int pk : {3, 4, 5})
            QVERIFY(clickCheckBox(a->view, pk));
        a->view->setFocus();
        a->view->setCurrentIndex(a->model->index(a->model->rowForKey(6), 1));
        QTest::keyClick(a->view, Qt::Key_Space);
        // A selected row that is not checked is not acted on.
        a->view->selectionModel()->select(a->model->index(a->model->rowForKey(10), 1),
                                          QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QCOMPARE(a->bar->countText(), QStringLiteral("4 rows checked."));
        QCOMPARE(a->bar->selection().size(), 4);

        // Bob saves row 4 after Alice saw it.
        QVERIFY(bobSets(bob(), 4, 4444));
        int logged = SqlProbe::logCount(m_db->connect(QStringLiteral("check")));

        QString confirmation;
        answerNextDialog([&confirmation](QWidget *dialog) {
            auto *box = qobject_cast<QMessageBox *>(dialog);
            QVERIFY(box);
            confirmation = box->text() + QLatin1Char('\n') + box->detailedText();
            box->button(QMessageBox::Yes)->click();
        });
        go(a->bar, 0);
        // The confirmation names exactly the checked rows, at the versions shown.
        QVERIFY2(confirmation.startsWith(QStringLiteral("Delete 4 rows?")), qPrintable(confirmation));
        for (int pk : {3, 4, 5, 6})
            QVERIFY2(confirmation.contains(QStringLiteral("items %1 (version 1)").arg(pk)), qPrintable(confirmation));
        QVERIFY(!confirmation.contains(QStringLiteral("items 10 ")));

        // Refused as a whole: the report names row 4 as changed; nothing was deleted.
        auto *report = a->bar->findChild<ConflictReportDialog *>();
        QVERIFY(report);
        QVERIFY(report->isVisible());
        QVERIFY(!report->result().committed);
        const auto first = outcomes(report->result());
        QCOMPARE(first.value(QStringLiteral("4")), RowOutcome::Status::Conflict);
        QCOMPARE(first.size(), 4);
        for (const RowOutcome &row : report->result().rows) {
            if (row.pk.toInt() == 4) {
                QCOMPARE(row.conflict->kind, Conflict::Kind::Modified);
                QCOMPARE(row.conflict->currentVersion.toInt(), 2);
            }
        }
        QVERIFY2(report->toCsv().contains(QStringLiteral("changed by someone else")), qPrintable(report->toCsv()));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM items WHERE id IN (3, 4, 5, 6)")).toInt(), 4);
        QCOMPARE(scalar(QStringLiteral("SELECT qty FROM items WHERE id = 4")).toInt(), 4444);
        QCOMPARE(SqlProbe::logCount(m_db->connect(QStringLiteral("check"))), logged);
        // The checks stay, so she can look again and retry.
        QCOMPARE(a->view->checkedRows()->count(), 4);
        report->close();

        // The refused action reloaded her grid. Bob now saves row 5; once her grid marks it
        // stale, the confirmation says so before anything is tried.
        QVERIFY(bobSets(m_bob.get(), 5, 5555));
        logged = SqlProbe::logCount(m_db->connect(QStringLiteral("check")));
        {
            ChangeWatcher watcher(a->model.get());
            watcher.setInterval(50);
            QVERIFY2(watcher.start(), qPrintable(watcher.lastError().message));
            QTRY_VERIFY(a->model->isStale(a->model->rowForKey(5)));
            QString warned;
            answerNextDialog([&warned](QWidget *dialog) {
                auto *box = qobject_cast<QMessageBox *>(dialog);
                QVERIFY(box);
                warned = box->text() + QLatin1Char('\n') + box->detailedText();
                box->button(QMessageBox::Cancel)->click();
            });
            go(a->bar, 0);
            QVERIFY2(warned.contains(QStringLiteral("If any of them was changed by someone else since you saw it, nothing is deleted.")),
                     qPrintable(warned));
            QVERIFY2(warned.contains(QStringLiteral("One of them already was: refresh (F5) first")), qPrintable(warned));
            QVERIFY2(warned.contains(QStringLiteral("items 5 (version 1, changed by someone else since)")), qPrintable(warned));
            QVERIFY2(warned.contains(QStringLiteral("items 4 (version 2)\n")), qPrintable(warned));
            QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM items WHERE id IN (3, 4, 5, 6)")).toInt(), 4);
        }

        // After a refresh she sees Bob's version of row 4; the same checks now delete.
        a->view->refresh();
        QCOMPARE(a->bar->countText(), QStringLiteral("4 rows checked."));
        answerNextDialog([](QWidget *dialog) {
            auto *box = qobject_cast<QMessageBox *>(dialog);
            QVERIFY(box);
            QVERIFY(box->detailedText().contains(QStringLiteral("items 4 (version 2)")));
            box->button(QMessageBox::Yes)->click();
        });
        go(a->bar, 0);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM items WHERE id IN (3, 4, 5, 6)")).toInt(), 0);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM items")).toInt(), rowCount - 4);
        QCOMPARE(SqlProbe::logCount(m_db->connect(QStringLiteral("check"))), logged + 4);
        // Done: the checks went with the rows, and the grid no longer lists them.
        QCOMPARE(a->view->checkedRows()->count(), 0);
        QCOMPARE(a->model->rowForKey(4), -1);
        QVERIFY(a->model->rowForKey(10) >= 0);
    }

    // Tried as a new user: the report of a refused action said "they changed: " with
    // nothing after it, and the banner read "…; The action … were shown.." The report now
    // names the changed row and its changed field, in sentences.
    void shouldNameTheChangedRowAndFieldWhenAnActionIsRefused()
    {
        Screen *a = alice();
        for (int pk : {5, 6, 7})
            QVERIFY(clickCheckBox(a->view, pk));
        QCOMPARE(a->bar->countText(), QStringLiteral("3 rows checked."));
        // Bob changes the quantity of row 6 after Alice saw it.
        QVERIFY(bobSets(bob(), 6, 6666));
        const int logged = SqlProbe::logCount(m_db->connect(QStringLiteral("check")));

        answerNextDialog([](QWidget *dialog) { setColumn(dialog, QStringLiteral("name"), QStringLiteral("renamed")); });
        QSignalSpy finished(a->bar, &ActionBar::actionFinished);
        go(a->bar, 1);
        QCOMPARE(finished.count(), 1);

        auto *report = a->bar->findChild<ConflictReportDialog *>();
        QVERIFY(report);
        QVERIFY(report->isVisible());
        QVERIFY(!report->result().committed);
        const QString csv = report->toCsv();
        QVERIFY2(csv.contains(QStringLiteral("you loaded version 1, now 2; they changed: qty")), qPrintable(csv));

        auto *label = report->findChild<QLabel *>(QStringLiteral("reportSummary"));
        QVERIFY(label);
        const QString summary = label->text();
        QVERIFY2(summary.contains(QStringLiteral("Changed by someone else since you saw them: items 6.")), qPrintable(summary));
        QVERIFY2(summary.startsWith(QStringLiteral("Nothing was saved. The action")), qPrintable(summary));
        QVERIFY2(!summary.contains(QStringLiteral("..")) && !summary.contains(QStringLiteral("; The")), qPrintable(summary));
        QVERIFY2(report->windowTitle().startsWith(QStringLiteral("Report: Set name")), qPrintable(report->windowTitle()));

        // Nothing was written for the action.
        QCOMPARE(SqlProbe::rows(m_db->connect(QStringLiteral("check")),
                                QStringLiteral("SELECT id, name, qty, version FROM items WHERE id BETWEEN 5 AND 7 ORDER BY id")),
                 QStringLiteral("5:item 5:50:1;6:item 6:6666:2;7:item 7:70:1"));
        QCOMPARE(SqlProbe::logCount(m_db->connect(QStringLiteral("check"))), logged);
        report->close();
    }

    void shouldSetAColumnOnTheCheckedRowsAndRetryWithoutTheDeletedOne()
    {
        Screen *a = alice();
        // Three rows selected, then checked with Space.
        a->view->setFocus();
        a->view->selectionModel()->select(QItemSelection(a->model->index(a->model->rowForKey(20), 1),
                                                         a->model->index(a->model->rowForKey(22), 1)),
                                          QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        a->view->selectionModel()->setCurrentIndex(a->model->index(a->model->rowForKey(20), 1), QItemSelectionModel::NoUpdate);
        QTest::keyClick(a->view, Qt::Key_Space);
        QCOMPARE(a->bar->countText(), QStringLiteral("3 rows checked."));

        // Bob deletes row 21 meanwhile.
        VersionedTableModel *b = bob();
        QVERIFY(b->removeRows(b->rowForKey(21), 1));
        QVERIFY(bobSaves(b));

        QString title;
        answerNextDialog([&title](QWidget *dialog) {
            title = dialog->windowTitle();
            auto *column = dialog->findChild<QComboBox *>();
            auto *text = dialog->findChild<QLineEdit *>();
            auto *buttons = dialog->findChild<QDialogButtonBox *>();
            QVERIFY(column && text && buttons);
            column->setCurrentText(QStringLiteral("qty"));
            QCOMPARE(column->currentText(), QStringLiteral("qty"));
            text->setText(QStringLiteral("5"));
            buttons->button(QDialogButtonBox::Ok)->click();
        });
        go(a->bar, 1);
        QCOMPARE(title, QStringLiteral("Set a column on 3 rows"));

        auto *report = a->bar->findChild<ConflictReportDialog *>();
        QVERIFY(report);
        QVERIFY(report->isVisible());
        QVERIFY(!report->result().committed);
        QCOMPARE(outcomes(report->result()).value(QStringLiteral("21")), RowOutcome::Status::Conflict);
        for (const RowOutcome &row : report->result().rows) {
            if (row.pk.toInt() == 21)
                QCOMPARE(row.conflict->kind, Conflict::Kind::Deleted);
        }
        QVERIFY2(report->toCsv().contains(QStringLiteral("deleted by someone else")), qPrintable(report->toCsv()));
        QCOMPARE(SqlProbe::rows(m_db->connect(QStringLiteral("check")),
                                QStringLiteral("SELECT id, qty, version FROM items WHERE id BETWEEN 20 AND 22 ORDER BY id")),
                 QStringLiteral("20:200:1;22:220:1"));

        // "Retry" asks, naming the row left out, then runs on the rows that are left at the
        // versions found now.
        QString goneText;
        answerNextDialog([&goneText](QWidget *dialog) {
            auto *gone = dialog->findChild<QLabel *>(QStringLiteral("goneRows"));
            QVERIFY(gone);
            goneText = gone->text();
            QVERIFY(dialog->findChild<QListWidget *>(QStringLiteral("changedRows"))->isHidden());
            dialog->findChild<QPushButton *>(QStringLiteral("runButton"))->click();
        });
        QSignalSpy finished(a->bar, &ActionBar::actionFinished);
        emit report->retryRequested();
        QCOMPARE(goneText, QStringLiteral("Deleted by someone else meanwhile, so left out: items 21."));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(SqlProbe::rows(m_db->connect(QStringLiteral("check")),
                                QStringLiteral("SELECT id, qty, version FROM items WHERE id BETWEEN 20 AND 22 ORDER BY id")),
                 QStringLiteral("20:5:2;22:5:2"));
        QCOMPARE(a->view->checkedRows()->count(), 0);
        // The grid shows what the action wrote.
        QCOMPARE(a->model->index(a->model->rowForKey(20), a->model->fieldIndex(QStringLiteral("qty"))).data().toInt(), 5);
    }

    // Retry of a refused action re-ran it at the versions found in the report: it acted on
    // rows someone else had just changed without asking. Now it reads them again and asks,
    // naming each changed row and what changed; cancelling writes nothing.
    void shouldAskBeforeRetryingAnActionOnRowsChangedSinceShown()
    {
        Screen *a = alice();
        for (int pk : {5, 6, 7})
            QVERIFY(clickCheckBox(a->view, pk));
        QVERIFY(bobSets(bob(), 6, 6666));
        const auto setName = [](QWidget *dialog) { setColumn(dialog, QStringLiteral("name"), QStringLiteral("renamed")); };
        answerNextDialog(setName);
        go(a->bar, 1);
        auto *report = openReport(a->bar);
        QVERIFY(report);
        const QString rows = QStringLiteral("SELECT id, name, qty, version FROM items WHERE id BETWEEN 5 AND 7 ORDER BY id");
        const QString before = SqlProbe::rows(m_db->connect(QStringLiteral("check")), rows);
        QCOMPARE(before, QStringLiteral("5:item 5:50:1;6:item 6:6666:2;7:item 7:70:1"));
        const int logged = SqlProbe::logCount(m_db->connect(QStringLiteral("check")));

        // The confirmation names the row and the field, as shown → now; the person cancels.
        QString headline;
        QStringList listed;
        QString runText;
        answerNextDialog([&](QWidget *dialog) {
            QCOMPARE(dialog->objectName(), QStringLiteral("retryConfirmation"));
            headline = dialog->findChild<QLabel *>(QStringLiteral("retryHeadline"))->text();
            listed = changedRows(dialog);
            runText = dialog->findChild<QPushButton *>(QStringLiteral("runButton"))->text();
            // Enter answers Cancel, the default: nothing runs on rows that changed unasked.
            QTest::keyClick(dialog, Qt::Key_Return);
        });
        QSignalSpy finished(a->bar, &ActionBar::actionFinished);
        QTest::mouseClick(report->retryButton(), Qt::LeftButton);
        QVERIFY2(headline.startsWith(QStringLiteral("Someone else changed 1 of the 3 rows since you saw them")), qPrintable(headline));
        QCOMPARE(listed, QStringList{QStringLiteral("items 6, changed by someone else:\n    qty: 60 → 6666 [x]")});
        QCOMPARE(runText, QStringLiteral("&Run on 3 rows"));
        QCOMPARE(finished.count(), 0);
        QCOMPARE(SqlProbe::rows(m_db->connect(QStringLiteral("check")), rows), before);
        QCOMPARE(SqlProbe::logCount(m_db->connect(QStringLiteral("check"))), logged);

        // Bob changes row 6 again after Alice's grid reloaded it: refused again. This time
        // she confirms, and the action runs at the versions found now, Bob's quantity kept.
        QVERIFY(bobSets(m_bob.get(), 6, 6667));
        const int loggedBeforeRetry = SqlProbe::logCount(m_db->connect(QStringLiteral("check")));
        answerNextDialog(setName);
        go(a->bar, 1);
        report = openReport(a->bar);
        QVERIFY(report);
        QCOMPARE(report->result().conflictCount(), 1);
        answerNextDialog([&](QWidget *dialog) {
            listed = changedRows(dialog);
            dialog->findChild<QPushButton *>(QStringLiteral("runButton"))->click();
        });
        QTest::mouseClick(report->retryButton(), Qt::LeftButton);
        QCOMPARE(listed, QStringList{QStringLiteral("items 6, changed by someone else:\n    qty: 6666 → 6667 [x]")});
        QCOMPARE(finished.count(), 2);
        QCOMPARE(SqlProbe::rows(m_db->connect(QStringLiteral("check")), rows),
                 QStringLiteral("5:renamed:50:2;6:renamed:6667:4;7:renamed:70:2"));
        QCOMPARE(SqlProbe::logCount(m_db->connect(QStringLiteral("check"))), loggedBeforeRetry + 3);
    }

    // A delete retried after someone changed one of its rows: that row is deleted only when
    // the person ticks it, on its own; unticked by default.
    void shouldDeleteARowChangedSinceShownOnlyWhenTickedOnRetry()
    {
        Screen *a = alice();
        for (int pk : {3, 4, 5})
            QVERIFY(clickCheckBox(a->view, pk));
        QVERIFY(bobSets(bob(), 4, 4444));
        const auto confirmDelete = [](QWidget *dialog) {
            qobject_cast<QMessageBox *>(dialog)->button(QMessageBox::Yes)->click();
        };
        answerNextDialog(confirmDelete);
        go(a->bar, 0);
        auto *report = openReport(a->bar);
        QVERIFY(report);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM items WHERE id IN (3, 4, 5)")).toInt(), 3);

        // Confirmed without ticking the changed row: the two others go, Bob's row stays.
        QStringList listed;
        QString runText;
        answerNextDialog([&](QWidget *dialog) {
            listed = changedRows(dialog);
            auto *run = dialog->findChild<QPushButton *>(QStringLiteral("runButton"));
            runText = run->text() + QLatin1Char('|') + dialog->findChild<QLabel *>(QStringLiteral("retrySummary"))->text();
            run->click();
        });
        QTest::mouseClick(report->retryButton(), Qt::LeftButton);
        QCOMPARE(listed, QStringList{QStringLiteral("Delete items 4 too, although someone else changed it:\n    qty: 40 → 4444 [ ]")});
        QCOMPARE(runText, QStringLiteral("&Delete 2 rows|Deletes 2 rows (items 3, items 5) at the versions found now. "
                                         "If one of them changes again meanwhile, nothing runs and you are asked again."));
        QCOMPARE(SqlProbe::rows(m_db->connect(QStringLiteral("check")),
                                QStringLiteral("SELECT id, qty, version FROM items WHERE id BETWEEN 3 AND 5 ORDER BY id")),
                 QStringLiteral("4:4444:2"));

        // Again with rows 4 and 6, Bob changing 6: ticking it, with the keyboard, deletes it too.
        QTRY_COMPARE(a->model->rowForKey(3), -1);
        for (int pk : {4, 6})
            QVERIFY(clickCheckBox(a->view, pk));
        QCOMPARE(a->bar->countText(), QStringLiteral("2 rows checked."));
        QVERIFY(bobSets(m_bob.get(), 6, 6666));
        answerNextDialog(confirmDelete);
        go(a->bar, 0);
        report = openReport(a->bar);
        QVERIFY(report);
        runText.clear();
        answerNextDialog([&](QWidget *dialog) {
            auto *list = dialog->findChild<QListWidget *>(QStringLiteral("changedRows"));
            QCOMPARE(list->count(), 1);
            QCOMPARE(list->item(0)->checkState(), Qt::Unchecked);
            list->setFocus();
            QTest::keyClick(list, Qt::Key_Space);
            QCOMPARE(list->item(0)->checkState(), Qt::Checked);
            auto *run = dialog->findChild<QPushButton *>(QStringLiteral("runButton"));
            runText = run->text();
            run->click();
        });
        QTest::mouseClick(report->retryButton(), Qt::LeftButton);
        QCOMPARE(runText, QStringLiteral("&Delete 2 rows"));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM items WHERE id IN (4, 6)")).toInt(), 0);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM items")).toInt(), rowCount - 4);
    }

    void shouldSelectAllMatchingAndCheckThemToo()
    {
        Screen *a = alice();
        QVERIFY(clickCheckBox(a->view, 1));
        QVERIFY(clickCheckBox(a->view, 2));
        QPushButton *selectAll = a->bar->selectAllButton();
        QVERIFY(selectAll->isVisible());
        QCOMPARE(selectAll->text(), QStringLiteral("Select all 600 matching"));
        QTest::mouseClick(selectAll, Qt::LeftButton);
        QVERIFY(a->bar->isAllMatchingSelected());
        QCOMPARE(a->bar->countText(), QStringLiteral("All 600 matching rows selected."));
        QCOMPARE(a->bar->selection().size(), rowCount);
        // Every row in the list shows checked (on a server, those fetched so far).
        QCOMPARE(a->view->checkedRows()->count(), a->model->rowCount());
        QCOMPARE(a->view->checkAllBox()->checkState(), Qt::Checked);

        // Moving around the grid to look does not drop the selection.
        a->view->setCurrentIndex(a->model->index(3, 1));
        QVERIFY(a->bar->isAllMatchingSelected());

        // Bob changes the last row, which Alice may not even have scrolled to: still checked.
        QVERIFY(bobSets(bob(), 590, 1));
        answerNextDialog([](QWidget *dialog) { setColumn(dialog, QStringLiteral("qty"), QStringLiteral("0")); });
        go(a->bar, 1);
        auto *report = a->bar->findChild<ConflictReportDialog *>();
        QVERIFY(report);
        QCOMPARE(report->result().conflictCount(), 1);
        // 600 rows fit in one chunk: the report lists them all, so the action can be retried
        // (a longer selection lists only the rows not done, see the test below).
        QCOMPARE(report->result().rows.size(), rowCount);
        QVERIFY(report->retryButton()->isEnabled());
        QCOMPARE(report->result().total(), rowCount);
        QCOMPARE(report->result().count(RowOutcome::Status::NotAttempted), rowCount - 1);
        QCOMPARE(outcomes(report->result()).value(QStringLiteral("590")), RowOutcome::Status::Conflict);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM items WHERE qty = 0")).toInt(), 0);
        report->close();

        // Unchecking one row is a new selection: the snapshot of all matching rows goes.
        QVERIFY(a->bar->selectAllMatching());
        QVERIFY(clickCheckBox(a->view, 1));
        QVERIFY(!a->bar->isAllMatchingSelected());
        QCOMPARE(a->bar->countText(), QStringLiteral("%1 rows checked.").arg(a->model->rowCount() - 1));
        QCOMPARE(a->bar->selection().size(), a->model->rowCount() - 1);
        // "Clear selection" after "select all" unchecks every row.
        QVERIFY(a->bar->selectAllMatching());
        QTest::mouseClick(selectAll, Qt::LeftButton);
        QVERIFY(!a->bar->isAllMatchingSelected());
        QCOMPARE(a->view->checkedRows()->count(), 0);
        const QString text = a->bar->countText();
        QVERIFY2(text == QLatin1String("No rows checked.") || text.endsWith(QLatin1String(" selected.")), qPrintable(text));
    }
    // Issue 11: the corner's "every row in the list", on a list longer than the pages the
    // grid holds, is read for an action in chunks, as "Select all N matching" is, never a
    // page at a time through the grid. Rows unchecked are left out; a row the grid shows
    // keeps the version shown, so Bob's save on it is skipped and named.
    void shouldActOnEveryCheckedRowWithoutReadingThePagesBetween()
    {
        Screen *a = alice();
        a->model->setPageSize(20);
        a->model->setMaxPages(3);
        QVERIFY(a->model->select());
        a->bar->setChunkSize(50);
        a->bar->setProgressDelay(60000);
        a->view->checkedRows()->setAllChecked(true);
        QVERIFY(clickCheckBox(a->view, 2));
        QCOMPARE(a->bar->selectionCount(), rowCount - 1);
        QVERIFY(bobSets(bob(), 3, 4444));
        a->bar->setSkipChanged(true);
        bool readBetween = true;
        answerNextDialog([&readBetween, a](QWidget *dialog) {
            readBetween = a->model->isRowLoaded(rowCount / 2) || a->model->isRowLoaded(rowCount - 1);
            setColumn(dialog, QStringLiteral("qty"), QStringLiteral("0"));
        });
        go(a->bar, 1);
        QVERIFY(!readBetween);
        ConflictReportDialog *report = openReport(a->bar);
        QVERIFY(report);
        QVERIFY(report->result().committed);
        QCOMPARE(report->result().total(), rowCount - 1);
        QCOMPARE(report->result().savedCount(), rowCount - 2);
        QCOMPARE(outcomes(report->result()).value(QStringLiteral("3")), RowOutcome::Status::Conflict);
        report->close();
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM items WHERE qty = 0")).toInt(), rowCount - 2);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM items WHERE qty = 0 AND id IN (2, 3)")).toInt(), 0);
        QCOMPARE(scalar(QStringLiteral("SELECT qty FROM items WHERE id = 3")).toInt(), 4444);
        // The run was on the checks, not a selection of all matching rows; they are done.
        QVERIFY(!a->bar->isAllMatchingSelected());
        QCOMPARE(a->view->checkedRows()->count(), 0);
    }

    // On an "all" selection the confirmation counts the rows it would find changed among all
    // its rows, not among the first chunk it names. Every row, sorted so the rows on screen
    // come last in key order: the one shown stale goes at the version shown and is counted.
    // All matching: only a row marked after the click counts (the snapshot has the rest's
    // versions of then).
    void shouldCountStaleRowsAmongAllTheRowsOfASelection()
    {
        Screen *a = alice();
        a->model->setSort(0, Qt::DescendingOrder);
        QVERIFY(a->model->select());
        a->bar->setChunkSize(50);
        const auto warning = [a](int action) {
            QString text;
            answerNextDialog([&text](QWidget *dialog) {
                auto *box = qobject_cast<QMessageBox *>(dialog);
                QVERIFY(box);
                text = box->text();
                box->button(QMessageBox::Cancel)->click();
            });
            go(a->bar, action);
            return text;
        };
        a->model->markStale({QVariant(rowCount - 1)});
        QVERIFY(a->model->isStale(a->model->rowForKey(rowCount - 1)));
        a->view->checkedRows()->setAllChecked(true);
        QString text = warning(0);
        QVERIFY2(text.contains(QStringLiteral("One of them already was: refresh (F5) first")), qPrintable(text));
        // Cancelled: the checks stay as they were, nothing ran.
        QVERIFY(a->view->checkedRows()->isAllChecked());
        QVERIFY(!a->bar->isAllMatchingSelected());
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM items")).toInt(), rowCount);

        // All matching, taken after that mark: nothing counted, until a row is marked since.
        QVERIFY(a->bar->selectAllMatching());
        text = warning(0);
        QVERIFY2(!text.contains(QStringLiteral("already")), qPrintable(text));
        a->model->markStale({QVariant(rowCount - 2), QVariant(rowCount - 3)});
        text = warning(0);
        QVERIFY2(text.contains(QStringLiteral("2 of them already were: refresh (F5) first")), qPrintable(text));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM items")).toInt(), rowCount);
    }

    // Issue 11: "Select all N matching" on a filtered list, read in chunks of five into a
    // snapshot on disk; the action runs on exactly the rows matching then, at their
    // versions then: Bob's change after the click is skipped and named.
    void shouldActOnExactlyTheFilteredRowsOfASnapshotReadInChunks()
    {
        Screen *a = alice();
        a->model->setFilter(QStringLiteral("id % 7 = 0"));
        QVERIFY(a->model->select());
        a->bar->setChunkSize(5);
        QVERIFY(clickCheckBox(a->view, 7));
        QPushButton *selectAll = a->bar->selectAllButton();
        QVERIFY(selectAll->isVisible());
        QTest::mouseClick(selectAll, Qt::LeftButton);
        QVERIFY(a->bar->isAllMatchingSelected());
        const auto snapshot = a->bar->matchingSnapshot();
        QVERIFY(snapshot);
        QVERIFY(snapshot->isSpilled());
        QCOMPARE(snapshot->count(), 85);
        QCOMPARE(a->bar->selectionCount(), 85);
        QCOMPARE(a->bar->countText(), QStringLiteral("All 85 matching rows selected."));

        // After the click Bob changes row 14 (matching) and row 15 (not).
        VersionedTableModel *b = bob();
        QVERIFY(bobSets(b, 14, 1));
        QVERIFY(bobSets(b, 15, 1));
        a->bar->setSkipChanged(true);
        answerNextDialog([](QWidget *dialog) { setColumn(dialog, QStringLiteral("qty"), QStringLiteral("0")); });
        go(a->bar, 1);
        ConflictReportDialog *report = openReport(a->bar);
        QVERIFY(report);
        QVERIFY(report->result().committed);
        QCOMPARE(report->result().savedCount(), 84);
        // Only the row not done is listed; the 84 done are counted.
        QCOMPARE(report->result().rows.size(), 1);
        QCOMPARE(outcomes(report->result()).value(QStringLiteral("14")), RowOutcome::Status::Conflict);
        QVERIFY2(ActionBar::skippedSummary(report->result()).startsWith(QLatin1String("84 rows were done.")),
                 qPrintable(ActionBar::skippedSummary(report->result())));
        report->close();
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM items WHERE qty = 0 AND id % 7 = 0 AND id <> 14")).toInt(), 84);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM items WHERE qty = 0")).toInt(), 84);
        QCOMPARE(scalar(QStringLiteral("SELECT qty FROM items WHERE id = 14")).toInt(), 1);
        QCOMPARE(scalar(QStringLiteral("SELECT qty FROM items WHERE id = 15")).toInt(), 1);
        QVERIFY(!a->bar->isAllMatchingSelected());
    }

    // Short of room, the count says less ("All 600 selected.") rather than being cut in the
    // middle of a word; its tooltip has the whole text.
    void shouldShortenTheCountWhereRoomIsShort()
    {
        Screen *a = alice();
        QVERIFY(a->bar->selectAllMatching());
        auto *label = a->bar->findChild<QLabel *>(QStringLiteral("countLabel"));
        QVERIFY(label);
        const QStringList texts = a->bar->countTexts();
        QCOMPARE(texts, (QStringList{QStringLiteral("All 600 matching rows selected."), QStringLiteral("All 600 selected."),
                                     QStringLiteral("All 600")}));
        QCOMPARE(label->toolTip(), texts.constFirst());
        const auto widthOf = [label](const QString &text) { return label->fontMetrics().horizontalAdvance(text); };
        a->window->resize(1200, 500);
        QTRY_COMPARE(label->text(), texts.at(0));
        // The room each text needs, and a little less.
        for (int i = 0; i < texts.size(); ++i) {
            label->resize(widthOf(texts.at(i)), label->height());
            QCOMPARE(label->text(), texts.at(i));
            label->resize(widthOf(texts.at(i)) - 1, label->height());
            QCOMPARE(label->text(), texts.at(std::min<int>(i + 1, int(texts.size()) - 1)));
        }
        // In a narrow window the bar's layout gives it what is left: what it shows fits.
        a->window->resize(560, 500);
        QTRY_VERIFY(label->text() != texts.at(0));
        QVERIFY2(widthOf(label->text()) <= label->width() || label->text() == texts.constLast(), qPrintable(label->text()));
        QCOMPARE(label->toolTip(), texts.constFirst());
    }

    // Refused on "all matching" (more rows than a chunk, so only the changed row is listed),
    // the action is retried on the whole selection: the row Bob changed is asked about, the
    // others go at their versions as selected.
    void shouldRetryARefusedActionOnAllMatchingOnTheWholeSelection()
    {
        Screen *a = alice();
        a->model->setFilter(QStringLiteral("id % 7 = 0"));
        QVERIFY(a->model->select());
        a->bar->setChunkSize(5);
        QVERIFY(a->bar->selectAllMatching());
        QCOMPARE(a->bar->selectionCount(), 85);
        QVERIFY(bobSets(bob(), 14, 1414));
        QVERIFY(!a->bar->skipChanged());
        answerNextDialog([](QWidget *dialog) { setColumn(dialog, QStringLiteral("name"), QStringLiteral("renamed")); });
        go(a->bar, 1);
        ConflictReportDialog *report = openReport(a->bar);
        QVERIFY(report);
        QVERIFY(!report->result().committed);
        QCOMPARE(report->result().rows.size(), 1);
        QVERIFY(report->retryButton()->isEnabled());
        const QString renamed = QStringLiteral("SELECT COUNT(*) FROM items WHERE name = 'renamed'");
        QCOMPARE(scalar(renamed).toInt(), 0);

        QString headline;
        QStringList listed;
        QString runText;
        answerNextDialog([&](QWidget *dialog) {
            headline = dialog->findChild<QLabel *>(QStringLiteral("retryHeadline"))->text();
            listed = changedRows(dialog);
            runText = dialog->findChild<QPushButton *>(QStringLiteral("runButton"))->text();
            dialog->findChild<QPushButton *>(QStringLiteral("runButton"))->click();
        });
        QSignalSpy finished(a->bar, &ActionBar::actionFinished);
        QTest::mouseClick(report->retryButton(), Qt::LeftButton);
        QVERIFY2(headline.startsWith(QStringLiteral("Someone else changed 1 of the 85 rows since you saw them")),
                 qPrintable(headline));
        QCOMPARE(listed, QStringList{QStringLiteral("items 14, changed by someone else:\n    qty: 140 → 1414 [x]")});
        QCOMPARE(runText, QStringLiteral("&Run on 85 rows"));
        QCOMPARE(finished.count(), 1);
        QVERIFY(finished.at(0).at(0).value<SubmitResult>().committed);
        QCOMPARE(scalar(renamed).toInt(), 85);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM items WHERE name = 'renamed' AND id % 7 <> 0")).toInt(), 0);
        QCOMPARE(scalar(QStringLiteral("SELECT qty FROM items WHERE id = 14")).toInt(), 1414);
    }

    // Cancel in the progress dialog of an action on "all matching" rolls back the chunks
    // already done; nothing is reported done, and the rows stay selected to run again.
    void shouldRollBackAnActionOnAllMatchingWhenCancelled()
    {
        Screen *a = alice();
        a->bar->setChunkSize(10);
        a->bar->setProgressDelay(0);
        QVERIFY(clickCheckBox(a->view, 1));
        QVERIFY(a->bar->selectAllMatching());
        QCOMPARE(a->bar->selectionCount(), rowCount);
        QSignalSpy finished(a->bar, &ActionBar::actionFinished);
        answerNextDialog([](QWidget *dialog) {
            qobject_cast<QMessageBox *>(dialog)->button(QMessageBox::Yes)->click();
        });
        // Once the action's progress shows rows done, the person presses Cancel.
        qint64 cancelledAt = -1;
        QTimer canceller;
        canceller.setInterval(5);
        connect(&canceller, &QTimer::timeout, this, [&] {
            auto *progress = a->bar->findChild<QProgressDialog *>(QStringLiteral("actionProgress"));
            if (cancelledAt < 0 && progress && progress->isVisible() && progress->value() > 0) {
                cancelledAt = progress->value();
                progress->cancel();
            }
        });
        canceller.start();
        go(a->bar, 0);
        canceller.stop();
        QVERIFY(cancelledAt > 0);
        QVERIFY(cancelledAt < rowCount);
        QCOMPARE(finished.count(), 1);
        const auto result = finished.at(0).at(0).value<SubmitResult>();
        QVERIFY(!result.committed);
        QCOMPARE(result.error.code, DbError::Code::Cancelled);
        QCOMPARE(result.savedCount(), 0);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM items")).toInt(), rowCount);
        QVERIFY(!openReport(a->bar));
        QVERIFY(a->bar->isAllMatchingSelected());
    }

    // Issue 13: "Skip rows changed since shown". Off (the default) refuses the whole
    // delete as before; ticked in the confirmation, the changed row is left alone and
    // named as skipped, the others are deleted.
    void shouldSkipRowsChangedSinceShownWhenDeletingIfAsked()
    {
        Screen *a = alice();
        QVERIFY(!a->bar->skipChanged());
        for (int pk : {3, 4, 5, 6})
            QVERIFY(clickCheckBox(a->view, pk));
        QVERIFY(bobSets(bob(), 4, 4444));

        bool offAtFirst = false;
        answerNextDialog([&offAtFirst](QWidget *dialog) {
            auto *box = qobject_cast<QMessageBox *>(dialog);
            QVERIFY(box);
            QVERIFY(box->checkBox());
            offAtFirst = !box->checkBox()->isChecked();
            box->button(QMessageBox::Yes)->click();
        });
        go(a->bar, 0);
        QVERIFY(offAtFirst);
        auto *report = openReport(a->bar);
        QVERIFY(report);
        QVERIFY(!report->result().committed);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM items WHERE id IN (3, 4, 5, 6)")).toInt(), 4);
        report->close();

        // Her grid reloaded row 4 after the refusal; Bob now changes row 5.
        QVERIFY(bobSets(m_bob.get(), 5, 5555));
        QString asked;
        answerNextDialog([&asked](QWidget *dialog) {
            auto *box = qobject_cast<QMessageBox *>(dialog);
            QVERIFY(box);
            QTest::mouseClick(box->checkBox(), Qt::LeftButton, {}, QPoint(4, box->checkBox()->height() / 2));
            asked = box->text();
            box->button(QMessageBox::Yes)->click();
        });
        go(a->bar, 0);
        QVERIFY2(asked.startsWith(QStringLiteral("Delete 4 rows? Rows changed by someone else since you saw them are skipped")),
                 qPrintable(asked));
        // The choice made in the confirmation is the bar's from now on.
        QVERIFY(a->bar->skipChanged());
        QVERIFY(a->bar->skipChangedBox()->isChecked());

        QCOMPARE(SqlProbe::rows(m_db->connect(QStringLiteral("check")),
                                QStringLiteral("SELECT id, qty, version FROM items WHERE id BETWEEN 3 AND 6 ORDER BY id")),
                 QStringLiteral("5:5555:2"));
        report = openReport(a->bar);
        QVERIFY(report);
        QVERIFY(report->result().committed);
        const auto done = outcomes(report->result());
        QCOMPARE(done.value(QStringLiteral("5")), RowOutcome::Status::Conflict);
        for (const QString &pk : {QStringLiteral("3"), QStringLiteral("4"), QStringLiteral("6")})
            QCOMPARE(done.value(pk), RowOutcome::Status::Saved);
        QVERIFY2(report->summaryText().startsWith(QStringLiteral("3 rows were done: items 3, items 4, items 6.")),
                 qPrintable(report->summaryText()));
        QVERIFY2(report->summaryText().endsWith(
                         QStringLiteral("skipped, changed or deleted by someone else since shown: items 5.")),
                 qPrintable(report->summaryText()));
        report->close();
    }

    // The same choice in "Set a column": ticked, the changed row keeps Bob's value and
    // the others get the new one; left off, nothing is written.
    void shouldSkipRowsChangedSinceShownWhenSettingAColumnIfAsked()
    {
        Screen *a = alice();
        for (int pk : {5, 6, 7})
            QVERIFY(clickCheckBox(a->view, pk));
        QVERIFY(bobSets(bob(), 6, 6666));
        const auto setQty = [](bool skip) {
            return [skip](QWidget *dialog) {
                dialog->findChild<QComboBox *>()->setCurrentText(QStringLiteral("qty"));
                dialog->findChild<QLineEdit *>()->setText(QStringLiteral("0"));
                auto *box = dialog->findChild<QCheckBox *>(QStringLiteral("skipChangedCheck"));
                QVERIFY(box);
                if (box->isChecked() != skip)
                    QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(4, box->height() / 2));
                dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
            };
        };
        answerNextDialog(setQty(false));
        go(a->bar, 1);
        auto *report = openReport(a->bar);
        QVERIFY(report);
        QVERIFY(!report->result().committed);
        QCOMPARE(SqlProbe::rows(m_db->connect(QStringLiteral("check")),
                                QStringLiteral("SELECT id, qty, version FROM items WHERE id BETWEEN 5 AND 7 ORDER BY id")),
                 QStringLiteral("5:50:1;6:6666:2;7:70:1"));
        report->close();

        QVERIFY(bobSets(m_bob.get(), 7, 7777));
        answerNextDialog(setQty(true));
        go(a->bar, 1);
        QCOMPARE(SqlProbe::rows(m_db->connect(QStringLiteral("check")),
                                QStringLiteral("SELECT id, qty, version FROM items WHERE id BETWEEN 5 AND 7 ORDER BY id")),
                 QStringLiteral("5:0:2;6:0:3;7:7777:2"));
        report = openReport(a->bar);
        QVERIFY(report);
        QVERIFY(report->result().committed);
        QCOMPARE(outcomes(report->result()).value(QStringLiteral("7")), RowOutcome::Status::Conflict);
        QVERIFY2(report->summaryText().startsWith(QStringLiteral("2 rows were done: items 5, items 6.")),
                 qPrintable(report->summaryText()));
        QVERIFY2(report->summaryText().endsWith(
                         QStringLiteral("skipped, changed or deleted by someone else since shown: items 7.")),
                 qPrintable(report->summaryText()));
        report->close();
    }

    // "Set a column" warns about rows already marked stale, as "Delete" does.
    void shouldWarnAboutStaleRowsBeforeSettingAColumn()
    {
        Screen *a = alice();
        for (int pk : {5, 6, 7})
            QVERIFY(clickCheckBox(a->view, pk));
        VersionedTableModel *b = bob();
        QVERIFY(b->setData(b->index(b->rowForKey(5), b->fieldIndex(QStringLiteral("qty"))), 1));
        QVERIFY(bobSets(b, 7, 2));
        ChangeWatcher watcher(a->model.get());
        watcher.setInterval(50);
        QVERIFY2(watcher.start(), qPrintable(watcher.lastError().message));
        QTRY_VERIFY(a->model->isStale(a->model->rowForKey(5)) && a->model->isStale(a->model->rowForKey(7)));

        QString warning;
        QString warningWhenSkipping;
        bool shown = false;
        answerNextDialog([&](QWidget *dialog) {
            auto *label = dialog->findChild<QLabel *>(QStringLiteral("staleWarning"));
            QVERIFY(label);
            warning = label->text();
            shown = label->isVisible();
            // Ticking the skip choice changes what the warning says will happen.
            auto *skip = dialog->findChild<QCheckBox *>(QStringLiteral("skipChangedCheck"));
            QVERIFY(skip);
            skip->setChecked(true);
            warningWhenSkipping = label->text();
            skip->setChecked(false);
            dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Cancel)->click();
        });
        go(a->bar, 1);
        QVERIFY(shown);
        QCOMPARE(warning, QStringLiteral("2 of them were changed since shown: refresh (F5) first, skip them, "
                                         "or the action will be refused."));
        QCOMPARE(warningWhenSkipping, QStringLiteral("2 of them were changed since shown and will be skipped."));
        QCOMPARE(scalar(QStringLiteral("SELECT qty FROM items WHERE id = 6")).toInt(), 60);
    }
    // A custom action's confirmation offers the same choice; ticked, the changed row is
    // left out of the body's keys.
    void shouldSkipRowsChangedSinceShownInACustomAction()
    {
        Screen *a = alice();
        a->bar->registerAction(AdminAction(QStringLiteral("zero"), QStringLiteral("Zero the quantity"),
                                           [](ActionContext &context) -> Result<void> {
                                               for (const QVariant &pk : std::as_const(context.pks)) {
                                                   QSqlQuery query(context.db);
                                                   query.prepare(QStringLiteral("UPDATE items SET qty = 0 WHERE id = ?"));
                                                   query.addBindValue(pk);
                                                   if (!query.exec())
                                                       return DbError::fromQuery(query, QStringLiteral("zero"));
                                               }
                                               return {};
                                           }));
        for (int pk : {5, 6, 7})
            QVERIFY(clickCheckBox(a->view, pk));
        QVERIFY(bobSets(bob(), 6, 6666));
        QString asked;
        answerNextDialog([&asked](QWidget *dialog) {
            auto *box = qobject_cast<QMessageBox *>(dialog);
            QVERIFY(box && box->checkBox());
            asked = box->text();
            box->checkBox()->setChecked(true);
            box->button(QMessageBox::Yes)->click();
        });
        go(a->bar, 2);
        QCOMPARE(asked, QStringLiteral("Run \"Zero the quantity\" on 3 rows?"));
        QCOMPARE(SqlProbe::rows(m_db->connect(QStringLiteral("check")),
                                QStringLiteral("SELECT id, qty, version FROM items WHERE id BETWEEN 5 AND 7 ORDER BY id")),
                 QStringLiteral("5:0:2;6:6666:2;7:0:2"));
        auto *report = openReport(a->bar);
        QVERIFY(report);
        QVERIFY2(report->summaryText().endsWith(
                         QStringLiteral("skipped, changed or deleted by someone else since shown: items 6.")),
                 qPrintable(report->summaryText()));
        report->close();
    }
};

QTEST_MAIN(tst_ActionBar)
#include "tst_actionbar.moc"
