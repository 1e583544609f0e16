#include "changelistview.h"
#include "demodatabase.h"
#include "mainwindow.h"
#include "lookupdialog.h"
#include "recordform.h"
#include "referenceeditor.h"
#include "relatedrowspanel.h"
#include "session.h"
#include "versionedtablemodel.h"

#include "testdatabase.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QDir>
#include <QPainter>
#include <QTemporaryDir>
#include <QComboBox>
#include <QCompleter>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableWidget>
#include <QPointer>
#include <QTest>
#include <QHelpEvent>
#include <QToolButton>
#include <QToolTip>

using namespace Concord;

// The foreign-key editors driven as a person would, offscreen, on every dialect: the grid's
// drop-down by keyboard alone, a key with no row refused when typed, the lookup dialog's
// search and pages (from the grid's editor and from the record form), and the record
// form's link to the referred row and its related rows.
class tst_ReferenceEditor : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<VersionedTableModel> m_model;
    std::unique_ptr<ChangeListView> m_view;

    // buyers: @p buyers rows (Ada Costa, Bob Marley, Carla Bruni, then "Buyer N"); sales refer to them.
    void openShop(int buyers = 3)
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QStringList rows = {QStringLiteral("(1, 'Ada Costa')"), QStringLiteral("(2, 'Bob Marley')"),
                            QStringLiteral("(3, 'Carla Bruni')")};
        for (int id = 4; id <= buyers; ++id)
            rows.append(QStringLiteral("(%1, 'Buyer %2')").arg(id).arg(id, 4, 10, QLatin1Char('0')));
        const QString error = m_db->exec({
            QStringLiteral("CREATE TABLE buyers (id INTEGER PRIMARY KEY, name %1 NOT NULL, version BIGINT)").arg(m_db->text()),
            QStringLiteral("INSERT INTO buyers (id, name) VALUES ") + rows.join(QLatin1Char(',')),
            QStringLiteral("UPDATE buyers SET version = 1"),
            QStringLiteral("CREATE TABLE sales (id INTEGER PRIMARY KEY, buyer_id INTEGER NOT NULL, qty INTEGER, version BIGINT, "
                           "FOREIGN KEY (buyer_id) REFERENCES buyers(id))"),
            QStringLiteral("INSERT INTO sales (id, buyer_id, qty, version) VALUES (10, 1, 5, 1), (11, 2, 6, 1), (12, 1, 7, 1)"),
        });
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void showGrid(const QString &table = QStringLiteral("sales"))
    {
        m_model = std::make_unique<VersionedTableModel>(nullptr, m_db->connect(QStringLiteral("alice")));
        m_model->setTable(table);
        m_model->setSort(0, Qt::AscendingOrder);
        QVERIFY(m_model->select());
        m_view = std::make_unique<ChangeListView>();
        m_view->setVersionedModel(m_model.get());
        m_view->resize(700, 300);
        m_view->show();
        QApplication::setActiveWindow(m_view.get());
        QVERIFY(QTest::qWaitForWindowActive(m_view.get()));
    }

    QModelIndex buyerCell(int row) const { return m_model->index(row, m_model->fieldIndex(QStringLiteral("buyer_id"))); }

    ReferenceEditor *openEditor(int row, Qt::Key key = Qt::Key_F2)
    {
        m_view->setCurrentIndex(buyerCell(row));
        QTest::keyClick(m_view.get(), key);
        ReferenceEditor *editor = nullptr;
        for (QWidget *w = QApplication::focusWidget(); w && !editor; w = w->parentWidget())
            editor = qobject_cast<ReferenceEditor *>(w);
        return editor;
    }

    static QWidget *typingTarget(ReferenceEditor *editor) { return editor->lineEdit(); }

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addDialectRows(); }

    void cleanup()
    {
        m_view.reset();
        m_model.reset();
        m_db.reset();
    }

    void shouldShowLabelsInTheGridAndListThemInTheDropDown()
    {
        openShop();
        showGrid();
        QCOMPARE(buyerCell(0).data(VersionedTableModel::ReferenceLabelRole).toString(), QStringLiteral("Ada Costa"));
        // The key is one hover away.
        const QPoint centre = m_view->visualRect(buyerCell(0)).center();
        QHelpEvent hover(QEvent::ToolTip, centre, m_view->viewport()->mapToGlobal(centre));
        QApplication::sendEvent(m_view->viewport(), &hover);
        QTRY_COMPARE(QToolTip::text(), QStringLiteral("Ada Costa (buyers 1)"));
        ReferenceEditor *editor = openEditor(1);
        QVERIFY(editor);
        QVERIFY(!editor->isLarge());
        QCOMPARE(editor->count(), 3);
        QCOMPARE(editor->currentText(), QStringLiteral("Bob Marley (2)"));
        QCOMPARE(editor->key().toInt(), 2);
    }

    void shouldPickAForeignKeyByKeyboardOnly()
    {
        openShop();
        showGrid();
        // Typing on the cell opens the drop-down with what was typed; arrows and Enter pick.
        ReferenceEditor *editor = openEditor(0, Qt::Key_R);
        QVERIFY(editor);
        QTest::keyClicks(typingTarget(editor), QStringLiteral("l"));
        // "rl" is in "Bob Marley" and "Carla Bruni": the popup lists both, in order.
        QTRY_VERIFY(editor->completer()->popup()->isVisible());
        QCOMPARE(editor->completer()->completionCount(), 2);
        QTest::keyClick(editor->completer()->popup(), Qt::Key_Down);
        QTest::keyClick(editor->completer()->popup(), Qt::Key_Down);
        // One Enter on the list takes the row and ends the edit, as an Access combo box does.
        QPointer<ReferenceEditor> open(editor);
        QTest::keyClick(editor->completer()->popup(), Qt::Key_Return);
        QTRY_VERIFY(open.isNull());
        QTRY_COMPARE(buyerCell(0).data(Qt::EditRole).toInt(), 3);
        QVERIFY(buyerCell(0).data(VersionedTableModel::DirtyRole).toBool());
        QCOMPARE(buyerCell(0).data(VersionedTableModel::ReferenceLabelRole).toString(), QStringLiteral("Carla Bruni"));
        QCOMPARE(m_model->pendingCount(), 1);
        // The pending edit holds the key and saves it.
        QVERIFY2(m_model->submitAll(), qPrintable(m_model->lastSubmitResult().summary()));
        QSqlQuery query(m_db->connect(QStringLiteral("reader")));
        QVERIFY(query.exec(QStringLiteral("SELECT buyer_id FROM sales WHERE id = 10")) && query.next());
        QCOMPARE(query.value(0).toInt(), 3);
    }

    void shouldTakeALabelTypedWholeAndCancelWithEscape()
    {
        openShop();
        showGrid();
        ReferenceEditor *editor = openEditor(0);
        QVERIFY(editor);
        QTest::keyClick(typingTarget(editor), Qt::Key_Escape);
        QTRY_VERIFY(QApplication::focusWidget() == m_view.get());
        QCOMPARE(m_model->pendingCount(), 0);

        editor = openEditor(0);
        editor->lineEdit()->selectAll();
        QTest::keyClicks(typingTarget(editor), QStringLiteral("bob marley"));
        // Escape closes the popup, a second Escape the editor: nothing is stored.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
        if (QApplication::focusWidget() != m_view.get())
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
        QTRY_VERIFY(QApplication::focusWidget() == m_view.get());
        QCOMPARE(m_model->pendingCount(), 0);
        QCOMPARE(buyerCell(0).data(Qt::EditRole).toInt(), 1);

        editor = openEditor(0);
        editor->lineEdit()->selectAll();
        QTest::keyClicks(typingTarget(editor), QStringLiteral("bob marley"));
        if (editor->completer()->popup()->isVisible())
            editor->completer()->popup()->hide();
        QTest::keyClick(typingTarget(editor), Qt::Key_Return);
        QTRY_COMPARE(buyerCell(0).data(Qt::EditRole).toInt(), 2);
    }

    void shouldRefuseAKeyWithNoRowWhenTyped()
    {
        openShop();
        showGrid();
        QSignalSpy refused(m_view.get(), &ChangeListView::editRefused);
        ReferenceEditor *editor = openEditor(0);
        QVERIFY(editor);
        editor->lineEdit()->selectAll();
        QTest::keyClicks(typingTarget(editor), QStringLiteral("99"));
        QTest::keyClick(typingTarget(editor), Qt::Key_Return);
        QTRY_COMPARE(refused.count(), 1);
        QVERIFY2(refused.first().first().toString().contains(QStringLiteral("buyers")), qPrintable(refused.first().first().toString()));
        QCOMPARE(m_model->pendingCount(), 0);
        QCOMPARE(buyerCell(0).data(Qt::EditRole).toInt(), 1);

        // A label that names no row is refused with one sentence too.
        editor = openEditor(0);
        editor->lineEdit()->selectAll();
        QTest::keyClicks(typingTarget(editor), QStringLiteral("Nobody"));
        if (editor->completer()->popup()->isVisible())
            editor->completer()->popup()->hide();
        QTest::keyClick(typingTarget(editor), Qt::Key_Return);
        QTRY_COMPARE(refused.count(), 2);
        QVERIFY2(refused.last().first().toString().contains(QStringLiteral("Nobody")), qPrintable(refused.last().first().toString()));
        QCOMPARE(m_model->pendingCount(), 0);
    }

    void shouldSearchAndPageInTheLookupDialog()
    {
        openShop(130);
        QSqlDatabase db = m_db->connect(QStringLiteral("alice"));
        const auto labelsSession = Session::of(db); // the dialect lives in it
        ReferenceLabels labels(db, labelsSession->dialect());
        ColumnInfo column;
        column.name = QStringLiteral("buyer_id");
        column.referencedTable = QStringLiteral("buyers");
        column.referencedColumn = QStringLiteral("id");
        LookupDialog dialog(labels, column);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(dialog.results()->rowCount(), LookupDialog::pageSize);
        QCOMPARE(dialog.results()->item(0, 0)->text(), QStringLiteral("Ada Costa"));
        auto *next = dialog.findChild<QPushButton *>(QStringLiteral("nextButton"));
        auto *previous = dialog.findChild<QPushButton *>(QStringLiteral("previousButton"));
        QVERIFY(next->isEnabled());
        QVERIFY(!previous->isEnabled());
        QTest::mouseClick(next, Qt::LeftButton);
        QTest::mouseClick(next, Qt::LeftButton);
        QCOMPARE(dialog.page(), 2);
        QCOMPARE(dialog.results()->rowCount(), 130 - 2 * LookupDialog::pageSize);
        QVERIFY(!next->isEnabled());
        QTest::mouseClick(previous, Qt::LeftButton);
        QCOMPARE(dialog.page(), 1);

        // Typing searches from the first page; arrows move, Enter takes the row.
        dialog.searchField()->setFocus();
        QTest::keyClicks(dialog.searchField(), QStringLiteral("buyer 012"));
        QCOMPARE(dialog.page(), 0);
        QCOMPARE(dialog.results()->rowCount(), 10); // Buyer 0120 … Buyer 0129
        QTest::keyClick(dialog.searchField(), Qt::Key_Down);
        QTest::keyClick(dialog.searchField(), Qt::Key_Down);
        QCOMPARE(dialog.selectedKey().toInt(), 122);
        QTest::keyClick(dialog.searchField(), Qt::Key_Return);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void shouldOpenTheLookupFromTheEditorOfALargeTable()
    {
        openShop(ReferenceEditor::listLimit + 20);
        showGrid();
        ReferenceEditor *editor = openEditor(0);
        QVERIFY(editor);
        QVERIFY(editor->isLarge());
        // The drop-down lists a page; typing searches the database.
        QCOMPARE(editor->count(), ReferenceEditor::listLimit);
        editor->lineEdit()->selectAll();
        QTest::keyClicks(typingTarget(editor), QStringLiteral("0210"));
        QTRY_COMPARE(editor->currentText(), QStringLiteral("0210"));
        QTRY_COMPARE(editor->count(), 1);
        QTest::keyClick(typingTarget(editor), Qt::Key_L, Qt::ControlModifier);
        LookupDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = m_view->findChild<LookupDialog *>()) && dialog->isVisible());
        QTest::keyClicks(dialog->searchField(), QStringLiteral("buyer 0215"));
        QCOMPARE(dialog->results()->rowCount(), 1);
        QTest::keyClick(dialog->searchField(), Qt::Key_Return);
        QTRY_COMPARE(buyerCell(0).data(Qt::EditRole).toInt(), 215);
        QCOMPARE(m_model->pendingCount(), 1);
    }

    void shouldLinkTheRecordFormToTheReferredRowAndItsRelatedRows()
    {
        openShop();
        showGrid(QStringLiteral("buyers"));
        RecordForm form(m_model.get(), m_model->rowForKey(1));
        form.show();
        QVERIFY(form.relatedRows());
        const QList<QPushButton *> related = form.relatedRows()->relatedButtons();
        QCOMPARE(related.size(), 1);
        QCOMPARE(related.first()->objectName(), QStringLiteral("related_sales_buyer_id"));
        QCOMPARE(related.first()->property("rowCount").toInt(), 2);
        QTest::mouseClick(related.first(), Qt::LeftButton);
        QDialog *rows = nullptr;
        QTRY_VERIFY((rows = form.findChild<QDialog *>(QStringLiteral("relatedRowsDialog"))) && rows->isVisible());
        auto *grid = rows->findChild<ChangeListView *>(QStringLiteral("relatedGrid"));
        QCOMPARE(grid->model()->rowCount(), 2);
        QCOMPARE(grid->model()->index(0, 0).data().toInt(), 10);
        QCOMPARE(grid->model()->index(1, 0).data().toInt(), 12);
        rows->close();

        // A sale's form: the foreign key shows the label and opens the buyer's form.
        VersionedTableModel sales(nullptr, m_db->connect(QStringLiteral("sales")));
        sales.setTable(QStringLiteral("sales"));
        sales.setSort(0, Qt::AscendingOrder);
        QVERIFY(sales.select());
        RecordForm saleForm(&sales, sales.rowForKey(11));
        saleForm.show();
        auto *editor = qobject_cast<ReferenceEditor *>(saleForm.editor(sales.fieldIndex(QStringLiteral("buyer_id"))));
        QVERIFY(editor);
        QCOMPARE(editor->currentText(), QStringLiteral("Bob Marley (2)"));
        QTest::mouseClick(saleForm.findChild<QToolButton *>(QStringLiteral("open_buyer_id")), Qt::LeftButton);
        RecordForm *buyerForm = nullptr;
        QTRY_VERIFY((buyerForm = saleForm.findChild<RecordForm *>()) && buyerForm->isVisible());
        QCOMPARE(buyerForm->key().toInt(), 2);

        // The lookup button of the form puts the row picked into the field.
        QTest::mouseClick(saleForm.findChild<QToolButton *>(QStringLiteral("lookup_buyer_id")), Qt::LeftButton);
        LookupDialog *lookup = nullptr;
        QTRY_VERIFY((lookup = saleForm.findChild<LookupDialog *>()) && lookup->isVisible());
        QTest::keyClicks(lookup->searchField(), QStringLiteral("carla"));
        QTest::keyClick(lookup->searchField(), Qt::Key_Return);
        QTRY_COMPARE(editor->key().toInt(), 3);
        QCOMPARE(*form.editorValue(0), QVariant(1)); // the buyer form is untouched
        QVERIFY(saleForm.save());
        QSqlQuery query(m_db->connect(QStringLiteral("reader")));
        QVERIFY(query.exec(QStringLiteral("SELECT buyer_id FROM sales WHERE id = 11")) && query.next());
        QCOMPARE(query.value(0).toInt(), 3);
    }

    void shouldChooseTheLabelColumnFromTheRecordForm()
    {
        openShop();
        QCOMPARE(m_db->exec(QStringLiteral("ALTER TABLE buyers ADD COLUMN nick %1").arg(m_db->text())), QString());
        QCOMPARE(m_db->exec(QStringLiteral("UPDATE buyers SET nick = 'the boss' WHERE id = 1")), QString());
        showGrid(QStringLiteral("buyers"));
        RecordForm form(m_model.get(), 0);
        form.show();
        QComboBox *box = form.relatedRows()->labelColumnBox();
        QCOMPARE(box->currentIndex(), 0);
        QCOMPARE(box->currentText(), QStringLiteral("Automatic (name)"));
        box->setFocus();
        const int nick = box->findData(QStringLiteral("nick"));
        QVERIFY(nick > 0);
        QTest::keyClick(box, Qt::Key_End);
        QCOMPARE(box->currentIndex(), nick);
        // Another user's connection sees the choice.
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        const auto bobsSession = Session::of(bob); // the dialect lives in it
        ReferenceLabels bobs(bob, bobsSession->dialect());
        QCOMPARE(*bobs.labelColumn(QStringLiteral("buyers")), QStringLiteral("nick"));
        QCOMPARE(bobs.labels(QStringLiteral("buyers"), QStringLiteral("id"), {1})->value(QStringLiteral("1")),
                 QStringLiteral("the boss"));
    }

    // The pictures of the README: the drop-down open on an order of the demo, and a
    // customer's form with its related rows. Skipped unless CONCORD_SCREENSHOT_DIR is set
    // (see docs/screenshots/README.md).
    void shouldCaptureScreenshots()
    {
        if (!TestDatabase::onSqliteRow())
            QSKIP("The screenshots show the SQLite demo database");
        const QString dir = qEnvironmentVariable("CONCORD_SCREENSHOT_DIR");
        if (dir.isEmpty())
            QSKIP("CONCORD_SCREENSHOT_DIR is not set");
        QTemporaryDir temp;
        const QString demo = temp.filePath(QStringLiteral("demo.sqlite"));
        QVERIFY(DemoDatabase::create(demo));
        MainWindow window;
        QVERIFY(window.openUrl(demo));
        QVERIFY(window.openTable(QStringLiteral("orders")));
        ChangeListView *view = window.view();
        window.resize(1200, 640);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        // Under a bare X server no window manager activates it: the keys must reach it.
        QApplication::setActiveWindow(&window);
        view->setFocus();
        const int customer = window.model()->fieldIndex(QStringLiteral("customer_id"));
        view->setColumnWidth(customer, 190);
        view->setColumnWidth(customer + 1, 190);
        view->setCurrentIndex(window.model()->index(2, customer));
        QTest::keyClick(view, Qt::Key_F2);
        QTRY_VERIFY(qobject_cast<ReferenceEditor *>(QApplication::focusWidget()->parentWidget())
                    || qobject_cast<ReferenceEditor *>(QApplication::focusWidget()));
        auto *editor = view->findChild<ReferenceEditor *>();
        editor->lineEdit()->selectAll();
        QTest::keyClicks(editor->lineEdit(), QStringLiteral("costa"));
        QAbstractItemView *popup = editor->completer()->popup();
        QTRY_VERIFY(popup->isVisible());
        QTest::qWait(100);
        // The popup is a window of its own: painted over the grab where it stands.
        QPixmap shot = window.grab();
        {
            QPainter painter(&shot);
            painter.drawPixmap(popup->mapToGlobal(QPoint(0, 0)) - window.mapToGlobal(QPoint(0, 0)), popup->grab());
        }
        QVERIFY(shot.save(QDir(dir).filePath(QStringLiteral("relation-dropdown.png"))));
        QTest::keyClick(popup, Qt::Key_Escape);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);

        QVERIFY(window.openTable(QStringLiteral("customers")));
        RecordForm form(window.model(), window.model()->rowForKey(3), &window);
        form.resize(560, 500);
        form.show();
        QVERIFY(QTest::qWaitForWindowExposed(&form));
        QTest::qWait(100);
        QVERIFY(form.grab().save(QDir(dir).filePath(QStringLiteral("related-rows.png"))));
        QTest::mouseClick(form.relatedRows()->relatedButtons().first(), Qt::LeftButton);
        QDialog *rows = nullptr;
        QTRY_VERIFY((rows = form.findChild<QDialog *>(QStringLiteral("relatedRowsDialog"))) && rows->isVisible());
        QTest::qWait(100);
        QVERIFY(rows->grab().save(QDir(dir).filePath(QStringLiteral("related-rows-list.png"))));
        rows->close();
    }
};

QTEST_MAIN(tst_ReferenceEditor)
#include "tst_referenceeditor.moc"
