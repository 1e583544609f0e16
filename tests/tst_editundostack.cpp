#include "changelistview.h"
#include "editundostack.h"
#include "mainwindow.h"
#include "mergedialog.h"
#include "recordform.h"
#include "versionedtablemodel.h"

#include "modalprobe.h"
#include "modelprobe.h"
#include "sqlprobe.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>
#include <QLabel>
#include <QLineEdit>
#include <QTimer>

#include <functional>

using namespace Concord;
using ModelProbe::column;
using RowState = VersionedTableModel::RowState;

// Undo and redo of pending edits in the main window, driven by its keys and menu.
class tst_EditUndoStack : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_db;
    QList<MainWindow *> m_windows;

    MainWindow *window(const QString &user)
    {
        auto *w = new MainWindow;
        w->setReportsShown(false);
        w->setDatabase(m_db->connect(user), user);
        w->show();
        m_windows.append(w);
        new QAbstractItemModelTester(w->model(), QAbstractItemModelTester::FailureReportingMode::QtTest, w);
        return w;
    }

    static QModelIndex cell(MainWindow *w, int pk, const char *name)
    {
        VersionedTableModel *model = w->model();
        return model->index(model->rowForKey(pk), column(model, name));
    }

    // Presses @p key with @p modifiers in the window, as a person would.
    static void press(MainWindow *w, Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::ControlModifier)
    {
        QApplication::setActiveWindow(w);
        QVERIFY(QTest::qWaitForWindowActive(w));
        w->view()->setFocus();
        QTest::keyClick(w->view(), key, modifiers);
    }

    // A step name that counts, as the English catalogue words it (its plural forms live there).
    static QString counted(const char *source, int n)
    {
        return QCoreApplication::translate("Concord::EditUndoStack", source, nullptr, n);
    }

    // The Edit menu's entries, as shown.
    static QStringList editMenu(MainWindow *w)
    {
        QStringList texts;
        for (QAction *action : w->menuBar()->actions()) {
            if (action->menu() && action->text() == QLatin1String("&Edit")) {
                for (QAction *entry : action->menu()->actions())
                    texts.append(entry->text());
            }
        }
        return texts;
    }

    // Answers the next modal message box named @p name with @p button; @p text gets its text.
    void answer(const QString &name, QMessageBox::StandardButton button, QString *text = nullptr)
    {
        QTimer::singleShot(0, this, [=] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            QVERIFY(box);
            QCOMPARE(box->objectName(), name);
            if (text)
                *text = box->text();
            box->button(button)->click();
        });
    }

private slots:
    void initTestCase_data() { TestDatabase::addDialectRows(); }
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QCOMPARE(m_db->createNumberedItems(5), QString());
    }

    void cleanup()
    {
        qDeleteAll(m_windows);
        m_windows.clear();
        m_db.reset();
    }

    void shouldUndoAndRedoACellEditNamedInTheEditMenu()
    {
        MainWindow *w = window(QStringLiteral("alice"));
        ChangeListView *view = w->view();
        QVERIFY(!w->undoStack()->undoAction()->isEnabled());
        // Typed into the grid's cell editor.
        QApplication::setActiveWindow(w);
        QVERIFY(QTest::qWaitForWindowActive(w));
        view->setFocus();
        view->setCurrentIndex(cell(w, 2, "name"));
        QTest::keyClick(view, Qt::Key_F2);
        QTRY_VERIFY(QApplication::focusWidget() && QApplication::focusWidget() != view);
        QWidget *editor = QApplication::focusWidget();
        QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(editor, QStringLiteral("renamed"));
        QTest::keyClick(editor, Qt::Key_Return);
        // The delegate commits an editor's data from a queued call.
        QTRY_COMPARE(cell(w, 2, "name").data().toString(), QStringLiteral("renamed"));
        QVERIFY(w->model()->setData(cell(w, 3, "qty"), 333));
        QVERIFY(editMenu(w).contains(QStringLiteral("Undo Edit items.qty")));

        press(w, Qt::Key_Z);
        QCOMPARE(cell(w, 3, "qty").data().toInt(), 30);
        QCOMPARE(cell(w, 3, "qty").data(VersionedTableModel::DirtyRole).toBool(), false);
        QCOMPARE(w->model()->pendingCount(), 1);
        QCOMPARE(w->undoStack()->undoAction()->text(), QStringLiteral("Undo Edit items.name"));
        QCOMPARE(w->undoStack()->redoAction()->text(), QStringLiteral("Redo Edit items.qty"));

        press(w, Qt::Key_Z);
        QCOMPARE(cell(w, 2, "name").data().toString(), QStringLiteral("item 2"));
        QCOMPARE(w->model()->rowState(w->model()->rowForKey(2)), RowState::Clean);
        QVERIFY(!w->model()->hasPendingEdits());
        QCOMPARE(w->pendingText(), QStringLiteral("no pending edits"));

        // Ctrl+Shift+Z and Ctrl+Y both redo.
        press(w, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(cell(w, 2, "name").data().toString(), QStringLiteral("renamed"));
        press(w, Qt::Key_Y);
        QCOMPARE(cell(w, 3, "qty").data().toInt(), 333);
        QCOMPARE(w->pendingText(), QStringLiteral("2 pending edits"));
        QVERIFY(!w->undoStack()->redoAction()->isEnabled());
        // Nothing of it reached the database.
        QCOMPARE(SqlProbe::value(m_db->connect(QStringLiteral("check")), QStringLiteral("SELECT name FROM items WHERE id = 2")).toString(), QStringLiteral("item 2"));
    }

    void shouldUndoANewRowAndDeletionMarks()
    {
        MainWindow *w = window(QStringLiteral("alice"));
        VersionedTableModel *model = w->model();
        QVERIFY(model->insertRows(model->rowCount(), 1));
        QVERIFY(model->setData(model->index(5, column(model, "id")), 6));
        QCOMPARE(model->rowCount(), 6);
        QCOMPARE(w->undoStack()->text(w->undoStack()->count() - 2), counted("Add %n row(s)", 1));

        // Two rows marked with Delete: one step.
        w->view()->selectionModel()->select(QItemSelection(model->index(0, 0), model->index(1, 0)),
                                            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        press(w, Qt::Key_Delete, Qt::NoModifier);
        QCOMPARE(model->rowState(0), RowState::Deleted);
        QCOMPARE(model->rowState(1), RowState::Deleted);
        QCOMPARE(w->undoStack()->undoText(), counted("Mark %n row(s) for deletion", 2));

        press(w, Qt::Key_Z);
        QCOMPARE(model->rowState(0), RowState::Clean);
        QCOMPARE(model->rowState(1), RowState::Clean);
        press(w, Qt::Key_Z);
        QVERIFY(!model->index(5, column(model, "id")).data().isValid());
        press(w, Qt::Key_Z);
        QCOMPARE(model->rowCount(), 5);
        QVERIFY(!model->hasPendingEdits());

        press(w, Qt::Key_Y);
        press(w, Qt::Key_Y);
        QCOMPARE(model->rowCount(), 6);
        QCOMPARE(model->index(5, column(model, "id")).data().toInt(), 6);
        QCOMPARE(model->rowState(5), RowState::Inserted);
        press(w, Qt::Key_Y);
        QCOMPARE(model->rowState(1), RowState::Deleted);
        QCOMPARE(w->pendingText(), QStringLiteral("3 pending edits"));
    }

    void shouldAskBeforeRevertingAllAndUndoTheRevert()
    {
        MainWindow *w = window(QStringLiteral("alice"));
        VersionedTableModel *model = w->model();
        for (int pk = 1; pk <= 3; ++pk)
            QVERIFY(model->setData(cell(w, pk, "qty"), pk * 111));

        // A row's revert is a step too.
        w->view()->clearSelection();
        w->view()->selectRow(model->rowForKey(2));
        w->revertSelected();
        QCOMPARE(w->undoStack()->undoText(), counted("Revert %n row(s)", 1));
        QCOMPARE(cell(w, 2, "qty").data().toInt(), 20);
        w->undoStack()->undo();
        QCOMPARE(cell(w, 2, "qty").data().toInt(), 222);
        // Reverting a row with no edit changes nothing: no step.
        const int steps = w->undoStack()->count();
        w->view()->clearSelection();
        w->view()->selectRow(model->rowForKey(5));
        w->revertSelected();
        QCOMPARE(w->undoStack()->count(), steps);
        QVERIFY2(w->undoStack()->canRedo(), qPrintable(w->undoStack()->undoText() + QLatin1Char('/') + QString::number(w->undoStack()->index())));

        QString question;
        answer(QStringLiteral("confirmRevertAllBox"), QMessageBox::No, &question);
        w->revertAll();
        QVERIFY2(question.startsWith(QStringLiteral("Drop all 3 pending edit")), qPrintable(question));
        QCOMPARE(model->pendingCount(), 3);

        answer(QStringLiteral("confirmRevertAllBox"), QMessageBox::Yes);
        w->revertAll();
        QVERIFY(!model->hasPendingEdits());
        QCOMPARE(w->undoStack()->undoText(), QStringLiteral("Revert all"));
        QVERIFY(editMenu(w).contains(QStringLiteral("Undo Revert all")));

        press(w, Qt::Key_Z);
        QCOMPARE(model->pendingCount(), 3);
        QCOMPARE(cell(w, 1, "qty").data().toInt(), 111);
        QCOMPARE(cell(w, 3, "qty").data(VersionedTableModel::DirtyRole).toBool(), true);

        // One edit left: reverted without a question (no box would be answered here).
        w->undoStack()->setIndex(1);
        QCOMPARE(model->pendingCount(), 1);
        w->revertAll();
        QVERIFY(!model->hasPendingEdits());
    }

    void shouldUndoSettlingAConflictIntoTheBuffer()
    {
        MainWindow *alice = window(QStringLiteral("alice"));
        MainWindow *bob = window(QStringLiteral("bob"));
        QVERIFY(alice->model()->setData(cell(alice, 4, "qty"), 4000));
        QVERIFY(bob->model()->setData(cell(bob, 4, "qty"), 4444));
        QVERIFY(bob->save().allSaved());
        // Nothing saved: the history stays.
        QCOMPARE(alice->save().conflictCount(), 1);
        QCOMPARE(alice->undoStack()->count(), 1);
        const int row = alice->model()->rowForKey(4);
        QCOMPARE(alice->model()->rowState(row), RowState::Conflict);

        QVERIFY(alice->model()->settleConflict(row, VersionedTableModel::Resolution::TakeTheirs));
        QCOMPARE(alice->model()->rowState(row), RowState::Clean);
        QCOMPARE(alice->undoStack()->undoText(), QStringLiteral("Settle a conflict"));
        press(alice, Qt::Key_Z);
        QCOMPARE(alice->model()->rowState(row), RowState::Conflict);
        QCOMPARE(cell(alice, 4, "qty").data().toInt(), 4000);
        QCOMPARE(cell(alice, 4, "qty").data(VersionedTableModel::TheirValueRole).toInt(), 4444);

        // A merge taken into the buffer (not saved yet) comes back out the same way.
        const Conflict conflict = cell(alice, 4, "qty").data(VersionedTableModel::ConflictRole).value<Conflict>();
        QVariantMap merged = conflict.theirs;
        merged.insert(QStringLiteral("qty"), 4100);
        QVERIFY(alice->model()->settleConflict(row, VersionedTableModel::Resolution::Merge, merged));
        QCOMPARE(alice->model()->rowState(row), RowState::Edited);
        press(alice, Qt::Key_Z);
        QCOMPARE(alice->model()->rowState(row), RowState::Conflict);
        press(alice, Qt::Key_Y);
        QCOMPARE(alice->model()->rowState(row), RowState::Edited);
        QCOMPARE(cell(alice, 4, "qty").data().toInt(), 4100);
        // Made against their version: it saves.
        QVERIFY(alice->save().allSaved());
        QCOMPARE(SqlProbe::value(m_db->connect(QStringLiteral("check")), QStringLiteral("SELECT qty FROM items WHERE id = 4")).toInt(), 4100);
    }

    void shouldUndoARecordFormsFieldsAsOneStepWhenItsSaveConflicts()
    {
        MainWindow *alice = window(QStringLiteral("alice"));
        MainWindow *bob = window(QStringLiteral("bob"));
        QVERIFY(bob->model()->setData(cell(bob, 4, "qty"), 4444));
        QVERIFY(bob->save().allSaved());

        const int row = alice->model()->rowForKey(4);
        RecordForm form(alice->model(), row, alice);
        form.show();
        auto *name = form.findChild<QLineEdit *>(QStringLiteral("editor_name"));
        QVERIFY(name);
        name->selectAll();
        QTest::keyClicks(name, QStringLiteral("from the form"));
        // The save conflicts: the merge dialog opens and is closed undecided; the edit stays.
        bool merged = false;
        ModalProbe::whenShown(alice, [&merged](QWidget *modal) {
            merged = qobject_cast<MergeDialog *>(modal) != nullptr;
            qobject_cast<QDialog *>(modal)->reject();
        });
        QTest::mouseClick(form.findChild<QPushButton *>(QStringLiteral("saveButton")), Qt::LeftButton);
        QVERIFY2(merged, qPrintable(form.findChild<QLabel *>(QStringLiteral("statusLabel"))->text()));
        form.close();
        QCOMPARE(alice->model()->rowState(row), RowState::Conflict);
        QCOMPARE(alice->undoStack()->count(), 1);
        QCOMPARE(alice->undoStack()->undoText(), QStringLiteral("Edit items 4"));

        press(alice, Qt::Key_Z);
        QCOMPARE(alice->model()->rowState(row), RowState::Clean);
        QCOMPARE(cell(alice, 4, "name").data().toString(), QStringLiteral("item 4"));
        QVERIFY(!alice->model()->hasPendingEdits());
    }

    void shouldNotUndoPastASave()
    {
        MainWindow *w = window(QStringLiteral("alice"));
        VersionedTableModel *model = w->model();
        QVERIFY(model->setData(cell(w, 1, "qty"), 101));
        QVERIFY(w->save().allSaved());
        QCOMPARE(w->undoStack()->count(), 0);
        QVERIFY(!w->undoStack()->undoAction()->isEnabled());

        QVERIFY(model->setData(cell(w, 2, "qty"), 202));
        // F5 keeps pending edits and their history.
        press(w, Qt::Key_F5, Qt::NoModifier);
        QCOMPARE(w->undoStack()->count(), 1);
        press(w, Qt::Key_Z);
        QCOMPARE(cell(w, 2, "qty").data().toInt(), 20);
        // Once more: the saved edit is not undone, in the grid or in the database.
        press(w, Qt::Key_Z);
        QCOMPARE(cell(w, 1, "qty").data().toInt(), 101);
        QCOMPARE(model->rowState(model->rowForKey(1)), RowState::Clean);
        QVERIFY(!model->hasPendingEdits());
        QCOMPARE(SqlProbe::value(m_db->connect(QStringLiteral("check")), QStringLiteral("SELECT qty FROM items WHERE id = 1")).toInt(), 101);
        QVERIFY(w->save().savedCount() == 0);
    }
};

QTEST_MAIN(tst_EditUndoStack)
#include "tst_editundostack.moc"
