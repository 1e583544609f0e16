#include "changelistview.h"
#include "changewatcher.h"
#include "checkedrows.h"
#include "checkheaderview.h"
#include "columnmenu.h"
#include "rowstatedelegate.h"
#include "valueeditor.h"
#include "valueformat.h"
#include "versionedtablemodel.h"

#include "modelprobe.h"
#include "testdatabase.h"
#include "valuetable.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QElapsedTimer>
#include <QLocale>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QToolTip>

#include <functional>
#include <limits>

using namespace Concord;
using ModelProbe::column;
using RowState = VersionedTableModel::RowState;

// The delegate's style option for a cell: the text, font and check box it paints.
class DelegateProbe : public RowStateDelegate
{
public:
    QStyleOptionViewItem optionFor(const QModelIndex &index) const
    {
        QStyleOptionViewItem option;
        initStyleOption(&option, index);
        return option;
    }
};

// Two users are two models on two connections to the same database, each in its own grid.
class tst_ChangeListView : public QObject
{
    Q_OBJECT

private:
    // Enough rows for several fetch pages, so scrolling and refresh are real.
    static constexpr int rowCount = 600;

    struct Grid
    {
        std::unique_ptr<VersionedTableModel> model;
        std::unique_ptr<QAbstractItemModelTester> tester;
        std::unique_ptr<ChangeListView> view;
    };

    std::unique_ptr<TestDatabase> m_db;
    QSqlDatabase m_reader;
    QList<Grid *> m_grids;

    Grid *grid(const QString &user, const QString &table = QStringLiteral("items"))
    {
        auto *g = new Grid;
        g->model = std::make_unique<VersionedTableModel>(nullptr, m_db->connect(user));
        // Qt's QSqlQueryModel fetches SQLite's first page (rowsInserted) inside its own
        // model reset, which the tester reports as an error: the tester checks the others.
        if (m_db->dialect() != TestDatabase::Dialect::SQLite)
            g->tester = std::make_unique<QAbstractItemModelTester>(g->model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        g->model->setTable(table);
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

    // The cell of @p pk / @p name as the view shows it.
    static QModelIndex cell(ChangeListView *view, int pk, const char *name)
    {
        auto *model = qobject_cast<VersionedTableModel *>(view->model());
        // Grids read in pages: find the row wherever it lies, as going to it would.
        return view->model()->index(model->findRow(pk).value_or(-1), column(view->model(), name));
    }

    // Clicks the row checkbox of @p pk as a person would, in the row header.
    static bool clickCheckBox(ChangeListView *view, int pk, Qt::KeyboardModifiers modifiers = {})
    {
        auto *model = qobject_cast<VersionedTableModel *>(view->model());
        const int row = model->findRow(pk).value_or(-1);
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
        return view->checkedRows()->isChecked(model->findRow(pk).value_or(-1));
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

    // Alice's grid on the table of every kind of value (tests/support/valuetable.h).
    Grid *valuesGrid()
    {
        const QString error = ValueTable::create(*m_db);
        if (!error.isEmpty()) {
            qWarning("%s", qPrintable(error));
            return nullptr;
        }
        return grid(QStringLiteral("alice"), QStringLiteral("vals"));
    }

    // Someone else looking at the database: one connection for the whole test.
    QSqlDatabase reader()
    {
        if (!m_reader.isOpen())
            m_reader = m_db->connect(QStringLiteral("reader"));
        return m_reader;
    }

    QString stored(const QString &column, int id) { return ValueTable::stored(reader(), m_db->dialect(), column, id); }
    QString snapshot(const QStringList &columns) { return ValueTable::snapshot(reader(), m_db->dialect(), columns); }

    static QStringList columnsOf(const QAbstractItemModel *model)
    {
        QStringList names;
        for (int c = 0; c < model->columnCount(); ++c)
            names.append(model->headerData(c, Qt::Horizontal).toString());
        return names;
    }

    // Opens the delegate's editor on @p index as the view does, lets @p change act on it,
    // and closes it the way Enter does (setModelData). No change: the editor is left alone.
    static void editThroughDelegate(ChangeListView *view, const QModelIndex &index,
                                    const std::function<void(QWidget *)> &change = {})
    {
        QStyleOptionViewItem option;
        option.rect = view->visualRect(index);
        QAbstractItemDelegate *delegate = view->itemDelegate();
        std::unique_ptr<QWidget> editor(delegate->createEditor(view->viewport(), option, index));
        if (!editor)
            return;
        delegate->setEditorData(editor.get(), index);
        if (change)
            change(editor.get());
        delegate->setModelData(editor.get(), view->model(), index);
    }

    // What a person types into an editor: over the text of a line edit, or into a spin box.
    static void typeInto(QWidget *editor, const QString &text)
    {
        if (auto *spin = qobject_cast<QSpinBox *>(editor)) {
            spin->setValue(text.toInt());
            return;
        }
        // A foreign key's drop-down is typed into through its line.
        auto *combo = qobject_cast<QComboBox *>(editor);
        auto *line = combo && combo->isEditable() ? combo->lineEdit() : qobject_cast<QLineEdit *>(editor);
        QVERIFY2(line, editor->metaObject()->className());
        line->selectAll();
        line->insert(text);
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
        qDeleteAll(m_grids);
        m_grids.clear();
        m_reader = QSqlDatabase();
        m_db.reset();
    }

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

    void shouldEditIntegersWithinTheirRange()
    {
        Grid *alice = grid(QStringLiteral("alice"));
        ChangeListView *view = alice->view.get();
        const QModelIndex qty = cell(view, 7, "qty");
        view->setFocus();
        view->setCurrentIndex(qty);
        view->edit(qty);
        QWidget *editor = QApplication::focusWidget();
        QVERIFY(editor);
        // A 32-bit INTEGER gets a spin box over its range; SQLite's are 64-bit: typed, every digit kept.
        if (m_db->dialect() == TestDatabase::Dialect::SQLite) {
            auto *line = qobject_cast<QLineEdit *>(editor);
            QVERIFY2(line, editor->metaObject()->className());
            QVERIFY(line->validator());
            QCOMPARE(line->text(), QStringLiteral("70"));
            typeInto(line, QStringLiteral("77"));
            QTest::keyClick(line, Qt::Key_Return);
        } else {
            auto *spin = qobject_cast<QSpinBox *>(editor);
            QVERIFY2(spin, editor->metaObject()->className());
            QCOMPARE(spin->minimum(), std::numeric_limits<int>::min());
            QCOMPARE(spin->maximum(), std::numeric_limits<int>::max());
            QCOMPARE(spin->value(), 70);
            spin->setValue(77);
            QTest::keyClick(spin, Qt::Key_Return);
        }
        QTRY_COMPARE(qty.data().toLongLong(), 77);
        QCOMPARE(alice->model->pendingCount(), 1);
    }

    // Every kind of value is shown as the database holds it: no rounding, no lost digits,
    // no lost zone, NULL apart from '' and 0, booleans as check boxes, bytes by size and type.
    void shouldShowEveryValueExactly()
    {
        Grid *alice = valuesGrid();
        QVERIFY(alice);
        ChangeListView *view = alice->view.get();
        DelegateProbe probe;
        const auto shown = [&](int pk, const char *name) { return probe.optionFor(cell(view, pk, name)).text; };

        QCOMPARE(shown(1, "big"), QStringLiteral("9223372036854775807"));
        QCOMPARE(shown(2, "big"), QStringLiteral("-9223372036854775807"));
        QCOMPARE(shown(1, "near"), QStringLiteral("9007199254740993"));
        // SQLite keeps a DECIMAL as a REAL: shown with the declared scale, never 1.23457e+07.
        QCOMPARE(shown(1, "amount"), ValueTable::amountShown(m_db->dialect()));
        QCOMPARE(shown(1, "ratio"), QStringLiteral("0.30000000000000004"));
        QCOMPARE(shown(1, "born"), QStringLiteral("2024-02-29"));
        QCOMPARE(shown(1, "seen"), QStringLiteral("2026-11-29 07:04:56.123456"));
        QCOMPARE(shown(1, "clock"), QStringLiteral("12:34:56.123456"));
        if (m_db->dialect() == TestDatabase::Dialect::PostgreSQL) {
            // In the session's zone, with every fractional digit and the offset.
            const QString tz = stored(QStringLiteral("seentz"), 1);
            QVERIFY2(tz.contains(QStringLiteral(".123456")) && tz.contains(QLatin1Char('+')), qPrintable(tz));
            QCOMPARE(shown(1, "seentz"), tz);
        }
        QCOMPARE(shown(1, "bytes"), QStringLiteral("<5 bytes, binary>"));
        QCOMPARE(shown(1, "note"), ValueTable::noteText());
        QCOMPARE(shown(1, "status"), QStringLiteral("paid"));
        // A foreign key shows the label of the row it refers to.
        QCOMPARE(shown(1, "ref_id"), QStringLiteral("one"));

        const QStyleOptionViewItem flag = probe.optionFor(cell(view, 1, "flag"));
        QVERIFY(flag.features & QStyleOptionViewItem::HasCheckIndicator);
        QCOMPARE(flag.checkState, Qt::Checked);
        QVERIFY(flag.text.isEmpty());

        // '' is empty; NULL is a grey, italic word, in every column that holds one.
        const QStyleOptionViewItem empty = probe.optionFor(cell(view, 1, "label"));
        QCOMPARE(empty.text, QString());
        QVERIFY(!empty.font.italic());
        for (const char *name : {"near", "amount", "ratio", "born", "seen", "clock", "flag", "bytes", "note", "label", "ref_id"}) {
            const QStyleOptionViewItem null = probe.optionFor(cell(view, 2, name));
            QVERIFY2(null.text == QLatin1String("NULL") && null.font.italic(), name);
            QVERIFY2(!(null.features & QStyleOptionViewItem::HasCheckIndicator), name);
            QCOMPARE(null.palette.color(QPalette::Text), view->palette().color(QPalette::PlaceholderText));
        }
    }

    // F2 and Enter, or the delegate's editor opened and closed, on every cell: no edit, no
    // save, no log entry, whatever the editor could or could not have shown.
    void shouldMakeNoEditWhenAnEditorClosesUnchanged()
    {
        Grid *alice = valuesGrid();
        QVERIFY(alice);
        ChangeListView *view = alice->view.get();
        const QStringList columns = columnsOf(view->model());
        const QString before = snapshot(columns);

        for (int pk : {1, 2}) {
            for (const QString &name : columns) {
                const QModelIndex index = cell(view, pk, qPrintable(name));
                editThroughDelegate(view, index);
                QVERIFY2(alice->model->pendingCount() == 0, qPrintable(QStringLiteral("delegate on %1 of %2").arg(name).arg(pk)));

                if (!(index.flags() & Qt::ItemIsEditable) || name == QLatin1String("bytes"))
                    continue;
                view->setFocus();
                view->setCurrentIndex(index);
                QTest::keyClick(view, Qt::Key_F2);
                // The editor takes the focus while it is open, and gives it back on Enter.
                QTRY_VERIFY2(QApplication::focusWidget() && QApplication::focusWidget() != view, qPrintable(name));
                QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
                QTRY_VERIFY2(QApplication::focusWidget() == view, qPrintable(name));
                QVERIFY2(alice->model->pendingCount() == 0, qPrintable(QStringLiteral("F2, Enter on %1 of %2").arg(name).arg(pk)));
            }
        }
        QVERIFY(alice->model->submitAll());
        QCOMPARE(snapshot(columns), before);
    }

    // What is typed is what is stored: read back on a connection of its own.
    void shouldStoreTypedValuesExactly()
    {
        Grid *alice = valuesGrid();
        QVERIFY(alice);
        ChangeListView *view = alice->view.get();
        const bool sqlite = m_db->dialect() == TestDatabase::Dialect::SQLite;
        const QString amount = sqlite ? QStringLiteral("0.5") : QStringLiteral("98765432109876543.0123456789");
        const QString typedNote = QStringLiteral("שלום 😀\nagain");
        const auto type = [&](const char *name, const QString &text) {
            editThroughDelegate(view, cell(view, 1, name), [&](QWidget *editor) { typeInto(editor, text); });
        };
        type("big", QStringLiteral("9223372036854775806"));
        type("near", QStringLiteral("-9007199254740993"));
        type("amount", amount);
        type("ratio", QStringLiteral("0.1"));
        type("seen", QStringLiteral("2027-01-02 03:04:05.654321"));
        type("clock", QStringLiteral("01:02:03.000001"));
        type("note", typedNote);
        type("ref_id", QStringLiteral("2"));
        editThroughDelegate(view, cell(view, 1, "born"), [](QWidget *editor) {
            auto *date = qobject_cast<QDateEdit *>(editor);
            QVERIFY2(date, editor->metaObject()->className());
            date->setDate(QDate(2025, 1, 31));
        });
        editThroughDelegate(view, cell(view, 1, "flag"), [](QWidget *editor) {
            auto *box = qobject_cast<QCheckBox *>(editor);
            QVERIFY2(box, editor->metaObject()->className());
            QVERIFY(box->isChecked());
            box->click();
        });
        editThroughDelegate(view, cell(view, 1, "status"), [](QWidget *editor) {
            auto *list = qobject_cast<QComboBox *>(editor);
            QVERIFY2(list, editor->metaObject()->className());
            QCOMPARE(list->currentText(), QStringLiteral("paid"));
            list->setCurrentIndex(list->findText(QStringLiteral("new")));
        });
        // Clearing a text cell stores '' (NULL is entered with Set to NULL).
        type("label", QStringLiteral("x"));
        editThroughDelegate(view, cell(view, 2, "note"), [](QWidget *editor) { typeInto(editor, QStringLiteral("y")); });
        QCOMPARE(alice->model->pendingCount(), 2);
        QVERIFY2(alice->model->submitAll(), qPrintable(alice->model->lastSubmitResult().summary()));
        type("label", QString());
        editThroughDelegate(view, cell(view, 2, "note"), [](QWidget *editor) { typeInto(editor, QString()); });
        QVERIFY2(alice->model->submitAll(), qPrintable(alice->model->lastSubmitResult().summary()));

        QCOMPARE(stored(QStringLiteral("big"), 1), QStringLiteral("9223372036854775806"));
        QCOMPARE(stored(QStringLiteral("near"), 1), QStringLiteral("-9007199254740993"));
        QCOMPARE(stored(QStringLiteral("amount"), 1), amount);
        QCOMPARE(stored(QStringLiteral("ratio"), 1), QStringLiteral("0.1"));
        QCOMPARE(stored(QStringLiteral("born"), 1), QStringLiteral("2025-01-31"));
        QCOMPARE(stored(QStringLiteral("seen"), 1), QStringLiteral("2027-01-02 03:04:05.654321"));
        QCOMPARE(stored(QStringLiteral("clock"), 1), QStringLiteral("01:02:03.000001"));
        QCOMPARE(ValueFormat::toBool(stored(QStringLiteral("flag"), 1)), std::optional<bool>(false));
        QCOMPARE(stored(QStringLiteral("note"), 1), typedNote);
        QCOMPARE(stored(QStringLiteral("status"), 1), QStringLiteral("new"));
        QCOMPARE(stored(QStringLiteral("ref_id"), 1), QStringLiteral("2"));
        QCOMPARE(stored(QStringLiteral("label"), 1), QString());
        QCOMPARE(stored(QStringLiteral("note"), 2), QString());
        // Untouched neighbours were not rewritten.
        QCOMPARE(stored(QStringLiteral("bytes"), 1), QStringLiteral("000100ff00"));
        // And the grid shows what was saved.
        QCOMPARE(cell(view, 1, "big").data().toString(), QStringLiteral("9223372036854775806"));
    }

    // Refused when typed, with one sentence, and the cell keeps its value.
    void shouldRefuseBadInputWhenItIsTyped()
    {
        Grid *alice = valuesGrid();
        QVERIFY(alice);
        ChangeListView *view = alice->view.get();
        QSignalSpy refused(view, &ChangeListView::editRefused);
        const auto refusal = [&](int pk, const char *name, const QString &text) {
            const QModelIndex index = cell(view, pk, name);
            const QString before = index.data().toString();
            const int count = int(refused.count());
            editThroughDelegate(view, index, [&](QWidget *editor) { typeInto(editor, text); });
            if (refused.count() != count + 1)
                return QStringLiteral("not refused: %1").arg(index.data().toString());
            if (index.data().toString() != before || alice->model->pendingCount() != 0)
                return QStringLiteral("changed to %1").arg(index.data().toString());
            return refused.last().first().toString();
        };
        QVERIFY(refusal(1, "big", QStringLiteral("9223372036854775808")).contains(QStringLiteral("whole numbers from")));
        QVERIFY(refusal(1, "seen", QStringLiteral("yesterday")).contains(QStringLiteral("date-times")));
        QVERIFY(refusal(1, "clock", QStringLiteral("25:61")).contains(QStringLiteral("times")));
        // A foreign key that names no row is refused now, not at save.
        const QString missing = refusal(1, "ref_id", QStringLiteral("99999"));
        QVERIFY2(missing.startsWith(QStringLiteral("There is no row in \"refs\" with id = 99999")), qPrintable(missing));
        // An empty number is no number; the sentence says how to enter NULL.
        QVERIFY(refusal(1, "near", QString()).contains(QStringLiteral("Set to NULL")));
        QCOMPARE(refused.count(), 5);
        // Each sentence names the column.
        QVERIFY(refused.first().first().toString().contains(QStringLiteral("\"big\"")));

        // A value that is fine goes in.
        editThroughDelegate(view, cell(view, 1, "ref_id"), [](QWidget *editor) { typeInto(editor, QStringLiteral("2")); });
        QCOMPARE(refused.count(), 5);
        QCOMPARE(alice->model->pendingCount(), 1);
    }

    // NULL is entered on purpose (context menu, Edit menu, Ctrl+Shift+Del), and refused
    // where the column cannot hold it.
    void shouldSetNullAndRefuseItOnNotNullColumns()
    {
        Grid *alice = valuesGrid();
        QVERIFY(alice);
        ChangeListView *view = alice->view.get();
        QSignalSpy refused(view, &ChangeListView::editRefused);
        QCOMPARE(view->setNullAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete));

        view->setFocus();
        view->setCurrentIndex(cell(view, 1, "note"));
        view->setNullAction()->trigger();
        QVERIFY(cell(view, 1, "note").data().isNull());
        QCOMPARE(alice->model->pendingCount(), 1);

        // The shortcut, on a cell whose value is '': NULL is not ''.
        view->setCurrentIndex(cell(view, 1, "label"));
        QTest::keySequence(view, ChangeListView::setNullShortcut());
        QTRY_VERIFY(cell(view, 1, "label").data().isNull());
        DelegateProbe probe;
        QCOMPARE(probe.optionFor(cell(view, 1, "label")).text, QStringLiteral("NULL"));
        // Not a delete of the row (Delete alone marks rows).
        QCOMPARE(alice->model->rowState(alice->model->rowForKey(1)), RowState::Edited);

        view->setCurrentIndex(cell(view, 1, "status"));
        view->setNullAction()->trigger();
        QCOMPARE(refused.count(), 1);
        QVERIFY2(refused.first().first().toString().contains(QStringLiteral("cannot be NULL")),
                 qPrintable(refused.first().first().toString()));
        QCOMPARE(cell(view, 1, "status").data().toString(), QStringLiteral("paid"));

        QVERIFY2(alice->model->submitAll(), qPrintable(alice->model->lastSubmitResult().summary()));
        QCOMPARE(stored(QStringLiteral("note"), 1), QStringLiteral("NULL"));
        QCOMPARE(stored(QStringLiteral("label"), 1), QStringLiteral("NULL"));
        QCOMPARE(stored(QStringLiteral("status"), 1), QStringLiteral("paid"));
    }

    // A new row says which cells the database fills in, then shows what it stored.
    void shouldShowDefaultsOnANewRowThenTheStoredRow()
    {
        Grid *alice = valuesGrid();
        QVERIFY(alice);
        ChangeListView *view = alice->view.get();
        QVERIFY(alice->model->insertRows(alice->model->rowCount(), 1));
        const int added = alice->model->rowCount() - 1;
        const auto at = [&](const char *name) { return alice->model->index(added, column(alice->model.get(), name)); };
        DelegateProbe probe;
        // Not an unchecked box for a boolean whose default is true: "default".
        for (const char *name : {"id", "status", "active"}) {
            const QStyleOptionViewItem option = probe.optionFor(at(name));
            QVERIFY2(option.text == QLatin1String("default") && option.font.italic(), name);
        }
        QCOMPARE(probe.optionFor(at("note")).text, QStringLiteral("NULL"));

        editThroughDelegate(view, at("big"), [](QWidget *editor) { typeInto(editor, QStringLiteral("-5")); });
        QCOMPARE(at("big").data().toString(), QStringLiteral("-5"));
        QVERIFY2(alice->model->submitAll(), qPrintable(alice->model->lastSubmitResult().summary()));

        // Read back: the key the database chose, its default, the first version.
        const QVariant key = alice->model->lastSubmitResult().rows.first().pk;
        QVERIFY(key.toInt() > 2);
        const int row = alice->model->rowForKey(key);
        QVERIFY(row >= 0);
        const auto saved = [&](const char *name) {
            return probe.optionFor(alice->model->index(row, column(alice->model.get(), name))).text;
        };
        QCOMPARE(saved("id"), key.toString());
        QCOMPARE(saved("status"), QStringLiteral("new"));
        QCOMPARE(saved("big"), QStringLiteral("-5"));
        QCOMPARE(saved("version"), QStringLiteral("1"));
        QCOMPARE(saved("note"), QStringLiteral("NULL"));
        QCOMPARE(probe.optionFor(alice->model->index(row, column(alice->model.get(), "active"))).checkState, Qt::Checked);
    }

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

    void shouldMarkRowsSavedByOthersWhileShownAndFollowScrolling()
    {
        Grid *alice = grid(QStringLiteral("alice"));
        ChangeListView *view = alice->view.get();
        // A small grid on a long table: most rows are off screen.
        view->resize(500, 220);
        QTRY_VERIFY(view->rowAt(view->viewport()->height() - 1) >= 0);
        ChangeWatcher *watcher = view->changeWatcher();
        QVERIFY(watcher);
        // It starts once the grid has painted the table's first rows.
        QTRY_VERIFY2(watcher->isActive(), qPrintable(watcher->lastError().message));
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

    void shouldLayOutABigTablesRowHeaderOnceTheGridIsPainted()
    {
        VersionedTableModel model(nullptr, m_db->connect(QStringLiteral("alice")));
        model.setTable(QStringLiteral("items"));
        model.setSort(0, Qt::AscendingOrder);
        QVERIFY(model.select());
        ChangeListView view;
        CheckHeaderView *header = view.checkHeader();
        // The 600 rows stand for ten million: the header lays out the first 50 before the paint.
        header->setRowsBeforeRelease(50);
        view.setVersionedModel(&model);
        // What the header sees stays a consistent model through the release and the reloads.
        QAbstractItemModelTester tester(header->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.rowCount() > 50);
        QVERIFY(header->hasRowsHeldBack());
        QCOMPARE(header->count(), 50);
        view.resize(700, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_VERIFY(!header->hasRowsHeldBack());
        QTRY_COMPARE(header->count(), model.rowCount());
        QTRY_VERIFY(model.isRowCountExact());
        QCOMPARE(header->count(), rowCount);

        // Every row is there: Ctrl+End shows the last, and its header section selects and checks it.
        QApplication::setActiveWindow(&view);
        QVERIFY(QTest::qWaitForWindowActive(&view));
        QTest::keyClick(&view, Qt::Key_End, Qt::ControlModifier);
        const int last = rowCount - 1;
        QCOMPARE(view.currentIndex().row(), last);
        const int y = header->sectionViewportPosition(last) + header->sectionSize(last) / 2;
        QVERIFY2(y > 0 && y < header->viewport()->height(), qPrintable(QString::number(y)));
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(header->width() - 3, y));
        QCOMPARE(view.selectedRows(), QList<int>{last});
        // The header highlights the grid's selection, which lives on the grid's own model.
        QVERIFY(header->selectionModel()->isRowSelected(last, QModelIndex()));
        QVERIFY(!header->selectionModel()->isRowSelected(last - 1, QModelIndex()));
        QCOMPARE(header->selectionModel()->currentIndex().row(), last);
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, header->checkBoxRect(last).center());
        QVERIFY(view.checkedRows()->isChecked(last));
        QCOMPARE(view.selectedRows(), QList<int>{last});

        // A reload of the same table holds nothing back, so the grid stays where it was.
        const int scrolled = view.verticalScrollBar()->value();
        QVERIFY(scrolled > 0);
        view.refresh();
        QVERIFY(!header->hasRowsHeldBack());
        QCOMPARE(header->count(), rowCount);
        QCOMPARE(view.verticalScrollBar()->value(), scrolled);
    }

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

        // Checking every row reads none: on ten million rows it would read (and keep) them all.
        const auto loaded = alice->model->loadedRows();
        QVERIFY(!alice->model->isRowLoaded(alice->model->rowCount() - 1));
        QTest::mouseClick(all, Qt::LeftButton, {}, all->rect().center());
        const int listed = alice->model->rowCount();
        QCOMPARE(alice->model->loadedRows(), loaded);
        QVERIFY(view->checkedRows()->isAllChecked());
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
    void shouldLetOthersCommitWhileShowingALongSqliteTable()
    {
        if (m_db->dialect() != TestDatabase::Dialect::SQLite)
            QSKIP("Only SQLite locks the whole file for a reader");
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
        // the grid reads in pages, each statement run to its end, so none is left open
        // although most of the table is not read yet.
        QCOMPARE(model->rowCount(), bigRows);
        QVERIFY(!model->isRowLoaded(bigRows - 1));

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
        QCOMPARE(model->data(model->index(model->findRow(4000).value_or(-1), model->fieldIndex(QStringLiteral("qty")))).toInt(), -1);
        view.reset();
        model.reset();
        bob = QSqlDatabase();
    }
    // Rows are selected whole: the current cell (what F2 edits) still gets a frame, and
    // the frame follows the arrow keys.
    void shouldFrameTheCurrentCellUnderRowSelection()
    {
        Grid *alice = grid(QStringLiteral("alice"));
        ChangeListView *view = alice->view.get();
        const QModelIndex name = cell(view, 3, "name");
        const QModelIndex qty = cell(view, 3, "qty");
        view->setFocus();
        // Making a cell current selects its whole row.
        view->setCurrentIndex(name);
        QVERIFY(view->selectionModel()->isSelected(qty));
        const QColor frame = RowStateDelegate::currentCellColor(view->palette(), true);
        const auto framed = [view, &frame](const QModelIndex &index) {
            const QImage pixels = view->viewport()->grab().toImage();
            const QRect rect = RowStateDelegate::currentCellFrame(view->visualRect(index));
            return pixels.pixelColor(rect.left(), rect.center().y()).rgb() == frame.rgb()
                    && pixels.pixelColor(rect.center().x(), rect.top()).rgb() == frame.rgb();
        };
        QVERIFY(framed(name));
        QVERIFY(!framed(qty));

        QTest::keyClick(view, Qt::Key_Right);
        QCOMPARE(view->currentIndex(), qty);
        QVERIFY(framed(qty));
        QVERIFY(!framed(name));
    }

    // Long text and conflict text are cut in the cell; the tooltip has them whole.
    void shouldElideLongTextAndShowItWholeInTheTooltip()
    {
        Grid *alice = grid(QStringLiteral("alice"));
        Grid *bob = grid(QStringLiteral("bob"));
        const QString longName = QStringLiteral("a name much longer than its column is wide, ending in Lyon");
        QVERIFY(alice->model->setData(cell(alice->view.get(), 3, "name"), QStringLiteral("Paris")));
        QVERIFY(alice->model->submitAll());
        QVERIFY(bob->model->setData(cell(bob->view.get(), 3, "name"), longName));
        QVERIFY(bob->model->setData(cell(bob->view.get(), 4, "name"), longName));
        QVERIFY(!bob->model->submitAll());

        ChangeListView *view = bob->view.get();
        QApplication::setActiveWindow(view);
        view->setColumnWidth(column(view->model(), "name"), 120);
        const auto toolTipAt = [view](const QModelIndex &index) {
            QToolTip::hideText();
            if (!QTest::qWaitFor([] { return !QToolTip::isVisible(); }))
                return QStringLiteral("(the previous tooltip did not close)");
            view->scrollTo(index);
            const QPoint pos = view->visualRect(index).center();
            QHelpEvent help(QEvent::ToolTip, pos, view->viewport()->mapToGlobal(pos));
            QApplication::sendEvent(view->viewport(), &help);
            return QToolTip::isVisible() ? QToolTip::text() : QString();
        };
        // Row 4 saved: the cell is cut, the tooltip has the whole value.
        const QString saved = toolTipAt(cell(view, 4, "name"));
        QVERIFY2(saved.startsWith(longName), qPrintable(saved));
        // Row 3 conflicts: mine and theirs both in full.
        const QString conflict = toolTipAt(cell(view, 3, "name"));
        QVERIFY2(conflict.startsWith(QStringLiteral("Yours: %1\nTheirs: Paris").arg(longName)), qPrintable(conflict));
        // A short value that fits has no tooltip of its own.
        QCOMPARE(toolTipAt(cell(view, 5, "name")), QString());

        // In the cell: "mine ≠ theirs: …" where it fits; else each side keeps a share, so
        // their value is not the part cut away.
        const QFontMetrics metrics(view->font());
        QCOMPARE(RowStateDelegate::conflictText(QStringLiteral("Lyon"), QStringLiteral("Paris"), metrics, 1000),
                 QStringLiteral("Lyon ≠ theirs: Paris"));
        const int narrow = metrics.horizontalAdvance(QStringLiteral("Lyon ≠ Paris")) + 4;
        QCOMPARE(RowStateDelegate::conflictText(QStringLiteral("Lyon"), QStringLiteral("Paris"), metrics, narrow),
                 QStringLiteral("Lyon ≠ Paris"));
        const QString cut = RowStateDelegate::conflictText(longName, QStringLiteral("Paris, their long city name"), metrics, 160);
        QVERIFY2(metrics.horizontalAdvance(cut) <= 160, qPrintable(cut));
        QVERIFY2(cut.section(QStringLiteral(" ≠ "), 1).startsWith(QStringLiteral("Pa")), qPrintable(cut));
    }

    // The column header's context menu hides a column, lists every column to show or
    // hide, shows them all again, and never hides the last one.
    void shouldHideAndShowColumnsFromTheHeaderMenu()
    {
        Grid *alice = grid(QStringLiteral("alice"));
        QHeaderView *header = alice->view->horizontalHeader();
        const int qty = column(alice->view->model(), "qty");
        const auto openMenu = [header](int section) -> QMenu * {
            const QPoint pos(header->sectionViewportPosition(section) + 4, header->height() / 2);
            QContextMenuEvent event(QContextMenuEvent::Mouse, pos, header->viewport()->mapToGlobal(pos));
            QApplication::sendEvent(header->viewport(), &event);
            QMenu *menu = nullptr;
            [&menu] { QTRY_VERIFY((menu = qobject_cast<QMenu *>(QApplication::activePopupWidget()))); }();
            return menu;
        };
        const auto action = [](QMenu *menu, const QString &text) -> QAction * {
            for (QAction *a : menu->actions()) {
                if (a->text() == text)
                    return a;
            }
            return nullptr;
        };
        QSignalSpy changed(alice->view->columnMenu(), &ColumnMenu::columnsChanged);

        QMenu *menu = openMenu(qty);
        QVERIFY(menu);
        QAction *hide = action(menu, QStringLiteral("&Hide column \"qty\""));
        QVERIFY(hide);
        hide->trigger();
        menu->close();
        QVERIFY(header->isSectionHidden(qty));
        QCOMPARE(changed.count(), 1);

        // Unticked in the list; ticking it shows it again.
        menu = openMenu(0);
        QAction *listed = action(menu, QStringLiteral("qty"));
        QVERIFY(listed && listed->isCheckable() && !listed->isChecked());
        listed->trigger();
        menu->close();
        QVERIFY(!header->isSectionHidden(qty));
        QVERIFY(header->sectionSize(qty) > 0);

        // Hide all but one: the last one's entry is disabled.
        for (int section = 1; section < header->count(); ++section)
            header->setSectionHidden(section, true);
        menu = openMenu(0);
        QVERIFY(!action(menu, QStringLiteral("id"))->isEnabled());
        QAction *all = action(menu, QStringLiteral("&Show all columns"));
        QVERIFY(all && all->isEnabled());
        all->trigger();
        menu->close();
        QCOMPARE(header->hiddenSectionCount(), 0);
    }
};

QTEST_MAIN(tst_ChangeListView)
#include "tst_changelistview.moc"
