#include "changelistview.h"
#include "editundostack.h"
#include "gridclipboard.h"
#include "mainwindow.h"
#include "versionedtablemodel.h"

#include "modalprobe.h"
#include "modelprobe.h"
#include "sqlprobe.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QDialog>
#include <QDir>
#include <QElapsedTimer>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QScreen>
#include <QPushButton>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>
#include <QTimer>

#include <functional>

using namespace Concord;
using ModelProbe::column;
using RowState = VersionedTableModel::RowState;

// Copy and paste between the grid and spreadsheets, driven by the grid's keys.
class tst_GridClipboard : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<MainWindow> m_window;
    QPointer<QAbstractItemModelTester> m_tester;

    VersionedTableModel *model() const { return m_window->model(); }
    ChangeListView *view() const { return m_window->view(); }

    QModelIndex cell(int pk, const char *name) const
    {
        return model()->index(model()->rowForKey(pk), column(model(), name));
    }

    // Ctrl+<key> (with @p shift) in the grid, as a person presses it.
    void press(Qt::Key key, bool shift = false)
    {
        QApplication::setActiveWindow(m_window.get());
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        view()->setFocus();
        QTest::keyClick(view(), key, shift ? Qt::ControlModifier | Qt::ShiftModifier : Qt::ControlModifier);
    }

    // Pastes @p text with Ctrl+V at @p pk / @p name.
    void pasteAt(int pk, const char *name, const QString &text)
    {
        view()->setCurrentIndex(cell(pk, name));
        QGuiApplication::clipboard()->setText(text);
        press(Qt::Key_V);
    }

    // A counted text as the English catalogue words it (its plural forms live there).
    static QString counted(const char *source, int n)
    {
        return QCoreApplication::translate("Concord::GridClipboard", source, nullptr, n);
    }

private slots:
    void initTestCase_data() { TestDatabase::addDialectRows(); }
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QCOMPARE(m_db->createNumberedItems(3), QString());
        m_window = std::make_unique<MainWindow>();
        m_window->setReportsShown(false);
        m_window->setDatabase(m_db->connect(QStringLiteral("alice")), QStringLiteral("alice"));
        m_window->show();
        m_tester = new QAbstractItemModelTester(model(), QAbstractItemModelTester::FailureReportingMode::QtTest,
                                                m_window.get());
    }

    void cleanup()
    {
        m_window.reset();
        m_db.reset();
    }

    void shouldReadAndWriteSpreadsheetText()
    {
        const QList<QStringList> rows{{QStringLiteral("a"), QStringLiteral("two\nlines")},
                                      {QStringLiteral("say \"hi\""), QString()}};
        const QString text = GridClipboard::format(rows);
        QCOMPARE(text, QStringLiteral("a\t\"two\nlines\"\n\"say \"\"hi\"\"\"\t\n"));
        QCOMPARE(GridClipboard::parse(text), rows);
        // As LibreOffice and Excel write it: CRLF line ends, a last line break.
        QCOMPARE(GridClipboard::parse(QStringLiteral("1\t2\r\n3\t4\r\n")),
                 (QList<QStringList>{{QStringLiteral("1"), QStringLiteral("2")}, {QStringLiteral("3"), QStringLiteral("4")}}));
        QCOMPARE(GridClipboard::parse(QString()), QList<QStringList>());
    }

    void shouldCopyTheSelectedRowsWithAndWithoutHeaders()
    {
        QVERIFY(model()->setData(cell(2, "qty"), QVariant()));
        QVERIFY(model()->setData(cell(1, "name"), QStringLiteral("first\tone")));
        view()->selectionModel()->select(QItemSelection(model()->index(0, 0), model()->index(1, 0)),
                                         QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        press(Qt::Key_C);
        // NULL is an empty cell; a cell with a tab is quoted.
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("1\t\"first\tone\"\t10\t1\n2\titem 2\t\t1\n"));
        press(Qt::Key_C, true);
        QCOMPARE(QGuiApplication::clipboard()->text(),
                 QStringLiteral("id\tname\tqty\tversion\n1\t\"first\tone\"\t10\t1\n2\titem 2\t\t1\n"));
    }

    void shouldPasteABlockWithAQuotedMultiLineCellAsOneStep()
    {
        pasteAt(1, "name", QStringLiteral("\"two\nlines\"\t11\r\n\"say \"\"hi\"\"\"\t12\r\nplain\t\r\n"));
        QCOMPARE(cell(1, "name").data().toString(), QStringLiteral("two\nlines"));
        QCOMPARE(cell(1, "qty").data().toInt(), 11);
        QCOMPARE(cell(2, "name").data().toString(), QStringLiteral("say \"hi\""));
        QCOMPARE(cell(2, "qty").data().toInt(), 12);
        QCOMPARE(cell(3, "name").data().toString(), QStringLiteral("plain"));
        // An empty cell is NULL in a column that takes NULL.
        QVERIFY(cell(3, "qty").data().isNull());
        QCOMPARE(model()->pendingCount(), 3);
        QCOMPARE(m_window->undoStack()->count(), 1);
        QCOMPARE(m_window->undoStack()->undoAction()->text(), QStringLiteral("Undo ") + counted("Paste %n cell(s)", 6));
        QCOMPARE(SqlProbe::value(m_db->connect(QStringLiteral("check")), QStringLiteral("SELECT name FROM items WHERE id = 1")).toString(), QStringLiteral("item 1"));

        press(Qt::Key_Z);
        QVERIFY(!model()->hasPendingEdits());
        QCOMPARE(cell(3, "qty").data().toInt(), 30);
        QVERIFY(m_window->save().rows.isEmpty());
    }

    void shouldPasteNothingWhenACellIsRefused()
    {
        QStringList listed;
        ModalProbe::whenShown(m_window.get(), [&listed](QWidget *modal) {
            auto *dialog = qobject_cast<QDialog *>(modal);
            QVERIFY(dialog);
            QCOMPARE(dialog->objectName(), QStringLiteral("pasteRefusedDialog"));
            auto *table = dialog->findChild<QTableWidget *>(QStringLiteral("refusedCells"));
            QVERIFY(table);
            for (int r = 0; r < table->rowCount(); ++r) {
                QStringList cells;
                for (int c = 0; c < table->columnCount(); ++c)
                    cells.append(table->item(r, c)->text());
                listed.append(cells.join(QLatin1Char('|')));
            }
            dialog->reject();
        });
        pasteAt(1, "name", QStringLiteral("fine\t5\nalso fine\tlots\n"));
        QCOMPARE(listed.size(), 1);
        QVERIFY2(listed.constFirst().startsWith(QStringLiteral("2|qty|lots|")), qPrintable(listed.constFirst()));
        QCOMPARE(m_window->clipboard()->lastRefusals().size(), 1);
        QVERIFY(!m_window->clipboard()->lastRefusals().constFirst().reason.isEmpty());
        QVERIFY(!model()->hasPendingEdits());
        QCOMPARE(cell(1, "name").data().toString(), QStringLiteral("item 1"));
        QCOMPARE(m_window->undoStack()->count(), 0);

        // The version and a saved row's key are not pasted over either.
        view()->setCurrentIndex(cell(1, "id"));
        ModalProbe::whenShown(m_window.get(), [](QWidget *modal) { qobject_cast<QDialog *>(modal)->reject(); });
        QVERIFY(!m_window->clipboard()->paste(QStringLiteral("9\titem 1\t10\t7\n")));
        QCOMPARE(m_window->clipboard()->lastRefusals().size(), 2);
        QCOMPARE(m_window->clipboard()->lastRefusals().at(0).column, QStringLiteral("id"));
        QCOMPARE(m_window->clipboard()->lastRefusals().at(1).column, QStringLiteral("version"));
        QVERIFY(!model()->hasPendingEdits());
    }

    void shouldRefuseAPastedKeyWithNoRowToReferTo()
    {
        QCOMPARE(m_db->exec({QStringLiteral("CREATE TABLE owners (id INTEGER PRIMARY KEY, name VARCHAR(200))"),
                             QStringLiteral("CREATE TABLE pets (id INTEGER PRIMARY KEY, owner_id INTEGER REFERENCES owners(id), "
                                            "version BIGINT)"),
                             QStringLiteral("INSERT INTO owners (id, name) VALUES (1, 'ann'), (2, 'bo')"),
                             QStringLiteral("INSERT INTO pets (id, owner_id, version) VALUES (1, 1, 1), (2, 1, 1)")}),
                 QString());
        QVERIFY(m_window->openTable(QStringLiteral("pets")));
        QVERIFY(!model()->columnInfo(column(model(), "owner_id")).referencedTable.isEmpty());
        ModalProbe::whenShown(m_window.get(), [](QWidget *modal) { qobject_cast<QDialog *>(modal)->reject(); });
        pasteAt(1, "owner_id", QStringLiteral("2\n99\n"));
        QCOMPARE(m_window->clipboard()->lastRefusals().size(), 1);
        const GridClipboard::Refusal refusal = m_window->clipboard()->lastRefusals().constFirst();
        QCOMPARE(refusal.row, 1);
        QCOMPARE(refusal.value, QStringLiteral("99"));
        QVERIFY2(refusal.reason.contains(QStringLiteral("owners")), qPrintable(refusal.reason));
        QVERIFY(!model()->hasPendingEdits());

        pasteAt(1, "owner_id", QStringLiteral("2\n2\n"));
        QCOMPARE(cell(1, "owner_id").data().toInt(), 2);
        QCOMPARE(cell(2, "owner_id").data().toInt(), 2);
        QVERIFY(m_window->save().allSaved());
        QCOMPARE(SqlProbe::value(m_db->connect(QStringLiteral("check")), QStringLiteral("SELECT owner_id FROM pets WHERE id = 2")).toInt(), 2);
    }

    void shouldPasteAndUndoALargeBlockInOneStep()
    {
        constexpr int rows = 5000;
        // The tester walks its checks on every signal: thousands of edits would time it, not the paste.
        delete m_tester;
        QCOMPARE(m_db->exec(QStringLiteral("DROP TABLE items")), QString());
        QCOMPARE(m_db->createNumberedItems(rows), QString());
        QVERIFY(m_window->openTable(QStringLiteral("items")));
        QStringList lines;
        for (int i = 1; i <= rows; ++i)
            lines.append(QString::number(i * 10 + 1));
        QElapsedTimer clock;
        clock.start();
        view()->setCurrentIndex(cell(1, "qty"));
        QVERIFY(m_window->clipboard()->paste(lines.join(QLatin1Char('\n'))));
        QCOMPARE(model()->pendingCount(), rows);
        QCOMPARE(m_window->undoStack()->count(), 1);
        model()->revertAll();
        QVERIFY(!model()->hasPendingEdits());
        m_window->undoStack()->undo();
        QCOMPARE(model()->pendingCount(), rows);
        QCOMPARE(cell(rows, "qty").data().toInt(), rows * 10 + 1);
        m_window->undoStack()->undo();
        QVERIFY(!model()->hasPendingEdits());
        m_window->undoStack()->redo();
        QCOMPARE(model()->pendingCount(), rows);
        const qint64 ms = clock.elapsed();
        qInfo("paste, Revert all, two undos and a redo of %d rows: %lld ms", rows, ms);
        // About a tenth of a second here: only work growing with the square of the rows
        // (or a copy of the table per step) comes near the bound on a busy machine.
        QVERIFY2(ms < 10000, qPrintable(QString::number(ms)));
    }

    void shouldOfferToAddRowsWhenPastingPastTheEnd()
    {
        const QString block = QStringLiteral("3\tthree\t33\n4\tfour\t44\n5\tfive\t55\n");
        ModalProbe::whenShown(m_window.get(), [](QWidget *modal) {
            auto *box = qobject_cast<QMessageBox *>(modal);
            QVERIFY(box);
            QCOMPARE(box->objectName(), QStringLiteral("pasteAddRowsBox"));
            QVERIFY2(box->text().contains(QStringLiteral("reaches 2 row")), qPrintable(box->text()));
            box->button(QMessageBox::No)->click();
        });
        pasteAt(3, "id", block);
        QCOMPARE(model()->rowCount(), 3);
        QVERIFY(!model()->hasPendingEdits());

        ModalProbe::whenShown(m_window.get(), [](QWidget *modal) {
            auto *box = qobject_cast<QMessageBox *>(modal);
            QVERIFY(box);
            box->button(QMessageBox::Yes)->click();
        });
        pasteAt(3, "id", block);
        QCOMPARE(model()->rowCount(), 5);
        // Row 3's own key pasted back unchanged is no edit of it.
        QCOMPARE(cell(3, "name").data().toString(), QStringLiteral("three"));
        QCOMPARE(model()->rowState(3), RowState::Inserted);
        QCOMPARE(model()->index(4, column(model(), "name")).data().toString(), QStringLiteral("five"));
        QCOMPARE(m_window->undoStack()->undoText(), counted("Paste %n cell(s)", 8));

        press(Qt::Key_Z);
        QCOMPARE(model()->rowCount(), 3);
        QVERIFY(!model()->hasPendingEdits());
        press(Qt::Key_Y);
        QCOMPARE(model()->rowCount(), 5);
        QVERIFY(m_window->save().allSaved());
        QCOMPARE(SqlProbe::value(m_db->connect(QStringLiteral("check")), QStringLiteral("SELECT name FROM items WHERE id = 5")).toString(), QStringLiteral("five"));
        QCOMPARE(SqlProbe::value(m_db->connect(QStringLiteral("check")), QStringLiteral("SELECT qty FROM items WHERE id = 3")).toInt(), 33);
    }

    void shouldCaptureScreenshots();
};

// The refused-paste dialog over the grid, for the README (CONCORD_SCREENSHOT_DIR, under Xvfb).
void tst_GridClipboard::shouldCaptureScreenshots()
{
    if (m_db->dialect() != TestDatabase::Dialect::SQLite)
        QSKIP("One screenshot is enough");
    const QString dir = qEnvironmentVariable("CONCORD_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("CONCORD_SCREENSHOT_DIR is not set");
    m_window->resize(900, 420);
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(model()->setData(cell(1, "qty"), 15));
    QVERIFY(model()->setData(cell(2, "name"), QStringLiteral("pear")));
    bool shot = false;
    ModalProbe::whenShown(m_window.get(), [&shot, &dir](QWidget *modal) {
        auto *dialog = qobject_cast<QDialog *>(modal);
        QVERIFY(dialog);
        shot = dialog->grab().save(QDir(dir).filePath(QStringLiteral("undo-paste.png")));
        dialog->reject();
    });
    view()->setCurrentIndex(cell(1, "name"));
    m_window->clipboard()->paste(QStringLiteral("apple\t12\nplum\tmany\nfig\t-\n"));
    QVERIFY(shot);

    // The Edit menu over the grid, naming the steps to undo and redo.
    model()->revertAll();
    m_window->undoStack()->undo();
    QMenu *edit = nullptr;
    for (QAction *action : m_window->menuBar()->actions()) {
        if (action->menu() && action->text() == QLatin1String("&Edit"))
            edit = action->menu();
    }
    QVERIFY(edit);
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    edit->popup(m_window->menuBar()->mapToGlobal(m_window->menuBar()->actionGeometry(edit->menuAction()).bottomLeft()));
    QVERIFY(QTest::qWaitForWindowExposed(edit));
    QTest::qWait(100);
    const QRect area = m_window->frameGeometry().united(edit->geometry());
    QVERIFY(m_window->screen()->grabWindow(0, area.x(), area.y(), area.width(), area.height())
                    .save(QDir(dir).filePath(QStringLiteral("undo-menu.png"))));
    edit->hide();
}

QTEST_MAIN(tst_GridClipboard)
#include "tst_gridclipboard.moc"
