#include "batchsubmitter.h"
#include "mergedialog.h"
#include "versionedtablemodel.h"
#include "versionpolicy.h"

#include "testdatabase.h"
#include "valuetable.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableWidget>
#include <QTest>

using namespace Concord;

class tst_MergeDialog : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_db;
    QSqlDatabase m_alice;
    QSqlDatabase m_bob;
    std::unique_ptr<VersionedTableModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    int m_row = -1;

    // Alice edits name and qty of apple; Bob saves qty and note first (or deletes the row),
    // so Alice's save is a conflict that the dialog has to resolve.
    void makeConflict(const QString &dialect, bool bobDeletes = false)
    {
        m_db = std::make_unique<TestDatabase>(dialect);
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        const QString error = m_db->createItemsWithNotes();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_alice = m_db->connect(QStringLiteral("alice"));
        m_bob = m_db->connect(QStringLiteral("bob"));
        QVERIFY(m_alice.isOpen() && m_bob.isOpen());

        m_model = std::make_unique<VersionedTableModel>(nullptr, m_alice);
        m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get());
        m_model->setTable(QStringLiteral("items"));
        m_model->setSort(0, Qt::AscendingOrder);
        QVERIFY(m_model->select());
        m_row = m_model->rowForKey(1);
        QVERIFY(m_row >= 0);
        QVERIFY(m_model->setData(m_model->index(m_row, m_model->fieldIndex(QStringLiteral("name"))), QStringLiteral("green apple")));
        QVERIFY(m_model->setData(m_model->index(m_row, m_model->fieldIndex(QStringLiteral("qty"))), 11));

        VersionedTableModel bobs(nullptr, m_bob);
        bobs.setTable(QStringLiteral("items"));
        QVERIFY(bobs.select());
        const int row = bobs.rowForKey(1);
        if (bobDeletes) {
            QVERIFY(bobs.removeRows(row, 1));
        } else {
            QVERIFY(bobs.setData(bobs.index(row, bobs.fieldIndex(QStringLiteral("qty"))), 12));
            QVERIFY(bobs.setData(bobs.index(row, bobs.fieldIndex(QStringLiteral("note"))), QStringLiteral("ripe")));
        }
        QVERIFY2(bobs.submitAll(), qPrintable(bobs.lastSubmitResult().summary()));

        QSignalSpy conflicts(m_model.get(), &VersionedTableModel::conflictDetected);
        QVERIFY(!m_model->submitAll());
        QCOMPARE(conflicts.count(), 1);
        QCOMPARE(m_model->rowState(m_row), bobDeletes ? VersionedTableModel::RowState::Gone
                                                      : VersionedTableModel::RowState::Conflict);
    }

    QString rowText(int id)
    {
        QSqlQuery query(m_bob);
        if (!query.exec(QStringLiteral("SELECT name, qty, note, version FROM items WHERE id = %1").arg(id)) || !query.next())
            return QStringLiteral("<missing>");
        return QStringLiteral("%1|%2|%3|v%4").arg(query.value(0).toString(), query.value(1).toString(),
                                                  query.value(2).toString(), query.value(3).toString());
    }

    static int rowOf(QTableWidget *table, const QString &field)
    {
        for (int r = 0; r < table->rowCount(); ++r) {
            if (table->item(r, 0)->text() == field)
                return r;
        }
        return -1;
    }

    static void screenshot(QWidget *widget, const QString &name)
    {
        const QString dir = qEnvironmentVariable("CONCORD_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        QDir().mkpath(dir);
        QVERIFY(widget->grab().save(dir + QLatin1Char('/') + name));
    }

private Q_SLOTS:
    // Every test runs once per dialect.
    void initTestCase_data() { TestDatabase::addDialectRows(); }
    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
        m_alice = QSqlDatabase();
        m_bob = QSqlDatabase();
        m_db.reset();
    }

    void shouldHighlightEachSideAndAskOnlyForFieldsBothChanged()
    {
        QFETCH_GLOBAL(QString, dialect);
        makeConflict(dialect);
        MergeDialog dialog(m_model.get(), m_row);
        auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("mergeTable"));
        QVERIFY(table);
        // One line per column, in the table's order.
        QCOMPARE(table->rowCount(), m_model->columnCount());
        QCOMPARE(table->item(0, 0)->text(), QStringLiteral("id"));
        const int name = rowOf(table, QStringLiteral("name"));
        const int qty = rowOf(table, QStringLiteral("qty"));
        const int note = rowOf(table, QStringLiteral("note"));
        QCOMPARE(table->item(name, 1)->text(), QStringLiteral("apple"));
        QCOMPARE(table->item(name, 2)->text(), QStringLiteral("green apple"));
        QCOMPARE(table->item(note, 3)->text(), QStringLiteral("ripe"));
        QCOMPARE(table->item(name, 5)->text(), QStringLiteral("green apple"));
        QCOMPARE(table->item(note, 5)->text(), QStringLiteral("ripe"));
        QCOMPARE(table->item(qty, 5)->text(), QString());

        const QColor mineOnly = table->item(name, 2)->background().color();
        const QColor theirsOnly = table->item(note, 3)->background().color();
        const QColor both = table->item(qty, 2)->background().color();
        QCOMPARE(table->item(name, 2)->background().style(), Qt::SolidPattern);
        QVERIFY(mineOnly != theirsOnly);
        QVERIFY(mineOnly != both);
        QVERIFY(theirsOnly != both);
        QCOMPARE(table->item(name, 3)->background().style(), Qt::NoBrush);
        QCOMPARE(table->item(note, 2)->background().style(), Qt::NoBrush);

        QVERIFY(dialog.findChild<QComboBox *>(QStringLiteral("choice_qty")));
        QVERIFY(!dialog.findChild<QComboBox *>(QStringLiteral("choice_name")));
        QVERIFY(!dialog.findChild<QComboBox *>(QStringLiteral("choice_note")));
        auto *save = dialog.findChild<QPushButton *>(QStringLiteral("saveMergeButton"));
        QVERIFY(save);
        QVERIFY(!save->isEnabled());
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("mergeStatus"))->text().contains(QStringLiteral("qty")));
    }

    void shouldSaveTheChosenMerge()
    {
        QFETCH_GLOBAL(QString, dialect);
        makeConflict(dialect);
        MergeDialog dialog(m_model.get(), m_row);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *save = dialog.findChild<QPushButton *>(QStringLiteral("saveMergeButton"));
        auto *choice = dialog.findChild<QComboBox *>(QStringLiteral("choice_qty"));
        auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("mergeTable"));

        // Enter does nothing while a field still needs a choice.
        QTest::keyClick(&dialog, Qt::Key_Return);
        QVERIFY(dialog.isVisible());
        QCOMPARE(dialog.resolution(), MergeDialog::Resolution::None);

        // Down twice: Choose… -> Mine -> Theirs.
        QTest::keyClick(choice, Qt::Key_Down);
        QCOMPARE(table->item(rowOf(table, QStringLiteral("qty")), 5)->text(), QStringLiteral("11"));
        QTest::keyClick(choice, Qt::Key_Down);
        QCOMPARE(choice->currentText(), QStringLiteral("Theirs"));
        QCOMPARE(table->item(rowOf(table, QStringLiteral("qty")), 5)->text(), QStringLiteral("12"));
        QVERIFY(save->isEnabled());
        screenshot(&dialog, QStringLiteral("merge-dialog.png"));

        QTest::keyClick(&dialog, Qt::Key_Return);
        QVERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.resolution(), MergeDialog::Resolution::Merge);
        QCOMPARE(dialog.values().value(QStringLiteral("qty")).toInt(), 12);
        QVERIFY(!dialog.values().contains(QStringLiteral("version")));

        QVERIFY(dialog.applyTo(m_model.get(), m_row));
        QVERIFY2(m_model->submitAll(), qPrintable(m_model->lastSubmitResult().summary()));
        QCOMPARE(rowText(1), QStringLiteral("green apple|12|ripe|v3"));
        QCOMPARE(rowText(2), QStringLiteral("pear|20|hard|v1"));
    }

    // Base, mine and theirs are written as the grid writes them: every digit, the
    // microseconds, NULL in grey italics apart from '', booleans as check boxes.
    void shouldShowEachSideExactly()
    {
        QFETCH_GLOBAL(QString, dialect);
        m_db = std::make_unique<TestDatabase>(dialect);
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QCOMPARE(ValueTable::create(*m_db), QString());
        m_alice = m_db->connect(QStringLiteral("alice"));
        m_model = std::make_unique<VersionedTableModel>(nullptr, m_alice);
        m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get());
        m_model->setTable(QStringLiteral("vals"));
        QVERIFY(m_model->select());
        // Alice edits both rows; another tool changes them meanwhile (and bumps the version).
        for (int id : {1, 2})
            QVERIFY(m_model->setData(m_model->index(m_model->rowForKey(id), m_model->fieldIndex(QStringLiteral("label"))),
                                     QStringLiteral("mine")));
        const QString theirAmount = m_db->dialect() == TestDatabase::Dialect::SQLite ? QStringLiteral("0.5")
                                                                                    : QStringLiteral("98765432109876543.0123456789");
        QCOMPARE(m_db->exec({QStringLiteral("UPDATE vals SET big = 9223372036854775806, amount = %1, "
                                            "seen = '2026-11-29 07:04:56.654321', version = version + 1 WHERE id = 1").arg(theirAmount),
                             QStringLiteral("UPDATE vals SET note = '', near = 9007199254740993, version = version + 1 WHERE id = 2")}),
                 QString());
        QVERIFY(!m_model->submitAll());
        QCOMPARE(m_model->lastSubmitResult().conflictCount(), 2);

        const auto texts = [this](int id, const QString &field) {
            MergeDialog dialog(m_model.get(), m_model->rowForKey(id));
            auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("mergeTable"));
            const int row = rowOf(table, field);
            QStringList cells;
            for (int column : {1, 2, 3}) {
                const QTableWidgetItem *item = table->item(row, column);
                QString cell = item->text();
                if (item->font().italic())
                    cell = QStringLiteral("<i>%1</i>").arg(cell);
                if (item->data(Qt::CheckStateRole).isValid())
                    cell += item->checkState() == Qt::Checked ? QStringLiteral("[x]") : QStringLiteral("[ ]");
                cells.append(cell);
            }
            return cells.join(QLatin1Char('|'));
        };
        const QString amount = m_db->dialect() == TestDatabase::Dialect::SQLite ? QStringLiteral("0.5000000000") : theirAmount;
        QCOMPARE(texts(1, QStringLiteral("big")), QStringLiteral("9223372036854775807|9223372036854775807|9223372036854775806"));
        QCOMPARE(texts(1, QStringLiteral("amount")),
                 QStringLiteral("%1|%1|%2").arg(ValueTable::amountShown(m_db->dialect()), amount));
        QCOMPARE(texts(1, QStringLiteral("seen")),
                 QStringLiteral("2026-11-29 07:04:56.123456|2026-11-29 07:04:56.123456|2026-11-29 07:04:56.654321"));
        QCOMPARE(texts(1, QStringLiteral("ratio")), QStringLiteral("0.30000000000000004|0.30000000000000004|0.30000000000000004"));
        QCOMPARE(texts(1, QStringLiteral("flag")), QStringLiteral("[x]|[x]|[x]"));
        QCOMPARE(texts(1, QStringLiteral("bytes")), QStringLiteral("<5 bytes, binary>|<5 bytes, binary>|<5 bytes, binary>"));
        QCOMPARE(texts(1, QStringLiteral("label")), QStringLiteral("|mine|"));
        // NULL is not '': the word, in italics, on the side that has it.
        QCOMPARE(texts(2, QStringLiteral("note")), QStringLiteral("<i>NULL</i>|<i>NULL</i>|"));
        QCOMPARE(texts(2, QStringLiteral("near")), QStringLiteral("<i>NULL</i>|<i>NULL</i>|9007199254740993"));
        QCOMPARE(texts(2, QStringLiteral("flag")), QStringLiteral("<i>NULL</i>|<i>NULL</i>|<i>NULL</i>"));

        // Saved against their version, their exact values stay as they are.
        {
            MergeDialog dialog(m_model.get(), m_model->rowForKey(1));
            QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("saveMergeButton")), Qt::LeftButton);
            QVERIFY(dialog.applyTo(m_model.get(), m_model->rowForKey(1)));
        }
        const SubmitResult saved = m_model->submitRows({m_model->rowForKey(1)});
        QVERIFY2(saved.allSaved(), qPrintable(saved.summary()));
        QSqlDatabase reader = m_db->connect(QStringLiteral("reader"));
        QCOMPARE(ValueTable::stored(reader, m_db->dialect(), QStringLiteral("amount"), 1), theirAmount);
        QCOMPARE(ValueTable::stored(reader, m_db->dialect(), QStringLiteral("seen"), 1), QStringLiteral("2026-11-29 07:04:56.654321"));
        QCOMPARE(ValueTable::stored(reader, m_db->dialect(), QStringLiteral("label"), 1), QStringLiteral("mine"));
        reader = QSqlDatabase();
    }

    void shouldSaveATypedValue()
    {
        QFETCH_GLOBAL(QString, dialect);
        makeConflict(dialect);
        MergeDialog dialog(m_model.get(), m_row);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *save = dialog.findChild<QPushButton *>(QStringLiteral("saveMergeButton"));
        auto *choice = dialog.findChild<QComboBox *>(QStringLiteral("choice_qty"));
        auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("mergeTable"));
        const int qty = rowOf(table, QStringLiteral("qty"));

        // "Edit…" opens the Result cell's editor on my value.
        QTest::keyClick(choice, Qt::Key_End);
        QCOMPARE(choice->currentText(), QStringLiteral("Edit…"));
        QPointer<QLineEdit> editor = table->viewport()->findChild<QLineEdit *>();
        QVERIFY(editor);
        QTRY_VERIFY(editor->isVisible());
        QCOMPARE(editor->text(), QStringLiteral("11"));

        // Not a number: the merge cannot be saved.
        editor->selectAll();
        QTest::keyClicks(editor, QStringLiteral("lots"));
        QTest::keyClick(editor, Qt::Key_Return);
        // The delegate commits a Return on the next turn of the event loop.
        QTRY_VERIFY(!save->isEnabled());
        // The column's own sentence, as the grid gives it.
        QVERIFY2(dialog.findChild<QLabel *>(QStringLiteral("mergeStatus"))->text().contains(QStringLiteral("takes whole numbers")),
                 qPrintable(dialog.findChild<QLabel *>(QStringLiteral("mergeStatus"))->text()));
        QTRY_VERIFY(!editor);

        table->editItem(table->item(qty, 5));
        editor = table->viewport()->findChild<QLineEdit *>();
        QVERIFY(editor);
        editor->selectAll();
        QTest::keyClicks(editor, QStringLiteral("42"));
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(table->item(qty, 5)->text(), QStringLiteral("42"));
        QVERIFY(save->isEnabled());
        QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("mergeStatus"))->text(),
                 QStringLiteral("Ready to save: 1 field from you, 1 field from them, 1 field typed here. "
                                "Press Enter to save the merge."));
        // A typed value is neither side's: its own colour, not the one of "both, same value",
        // and the legend names it.
        const QColor typed = table->item(qty, 5)->background().color();
        QCOMPARE(table->item(qty, 5)->background().style(), Qt::SolidPattern);
        for (int column : {2, 3})
            QVERIFY(typed != table->item(qty, column)->background().color());
        QVERIFY(typed != table->item(rowOf(table, QStringLiteral("name")), 5)->background().color());
        bool named = false;
        bool comparedWithSame = false;
        for (QLabel *label : dialog.findChildren<QLabel *>()) {
            if (label->text() == QLatin1String("typed here")) {
                named = true;
                QCOMPARE(label->palette().color(QPalette::Window), typed);
            } else if (label->text() == QLatin1String("both, same value")) {
                comparedWithSame = true;
                QVERIFY(label->palette().color(QPalette::Window) != typed);
            }
        }
        QVERIFY(named);
        QVERIFY(comparedWithSame);

        QTest::mouseClick(save, Qt::LeftButton);
        QCOMPARE(dialog.resolution(), MergeDialog::Resolution::Merge);
        // Typed text is kept as the column keeps its values (a number here), as a save checks it.
        QCOMPARE(dialog.values().value(QStringLiteral("qty")),
                 *m_model->checkValue(m_model->fieldIndex(QStringLiteral("qty")), QStringLiteral("42")));
        QVERIFY(dialog.applyTo(m_model.get(), m_row));
        QVERIFY2(m_model->submitAll(), qPrintable(m_model->lastSubmitResult().summary()));
        QCOMPARE(rowText(1), QStringLiteral("green apple|42|ripe|v3"));
    }

    void shouldOverwriteTheirFieldsToKeepMine()
    {
        QFETCH_GLOBAL(QString, dialect);
        makeConflict(dialect);
        MergeDialog dialog(m_model.get(), m_row);
        dialog.show();
        dialog.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        // Alt+M is the Keep mine mnemonic.
        QTest::keyClick(&dialog, Qt::Key_M, Qt::AltModifier);
        // A mnemonic animates the click, which lands a moment later.
        QTRY_COMPARE(dialog.resolution(), MergeDialog::Resolution::KeepMine);
        QVERIFY(dialog.applyTo(m_model.get(), m_row));
        QVERIFY2(m_model->submitAll(), qPrintable(m_model->lastSubmitResult().summary()));
        // My name and qty win; their note (a field I did not touch) stays.
        QCOMPARE(rowText(1), QStringLiteral("green apple|11|ripe|v3"));
    }

    void shouldDropMyEditToTakeTheirs()
    {
        QFETCH_GLOBAL(QString, dialect);
        makeConflict(dialect);
        MergeDialog dialog(m_model.get(), m_row);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("takeTheirsButton")), Qt::LeftButton);
        QCOMPARE(dialog.resolution(), MergeDialog::Resolution::TakeTheirs);
        QVERIFY(dialog.values().isEmpty());
        QVERIFY(dialog.applyTo(m_model.get(), m_row));
        QVERIFY(!m_model->hasPendingEdits());
        QCOMPARE(m_model->index(m_row, m_model->fieldIndex(QStringLiteral("qty"))).data().toInt(), 12);
        QCOMPARE(rowText(1), QStringLiteral("apple|12|ripe|v2"));
    }

    void shouldCancelWithEscape()
    {
        QFETCH_GLOBAL(QString, dialect);
        if (dialect != QLatin1String("sqlite"))
            QSKIP("Escape does not depend on the dialect: run once, on SQLite");
        makeConflict(dialect);
        MergeDialog dialog(m_model.get(), m_row);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::keyClick(&dialog, Qt::Key_Escape);
        QVERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QCOMPARE(dialog.resolution(), MergeDialog::Resolution::None);
        QVERIFY(!dialog.applyTo(m_model.get(), m_row));
        QCOMPARE(m_model->rowState(m_row), VersionedTableModel::RowState::Conflict);
    }

    void shouldRecreateOrDiscardADeletedRow_data()
    {
        QTest::addColumn<bool>("recreate");
        QTest::newRow("recreate") << true;
        QTest::newRow("discard") << false;
    }
    void shouldRecreateOrDiscardADeletedRow()
    {
        QFETCH_GLOBAL(QString, dialect);
        QFETCH(bool, recreate);
        makeConflict(dialect, true);
        MergeDialog dialog(m_model.get(), m_row);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(!dialog.findChild<QPushButton *>(QStringLiteral("saveMergeButton")));
        auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("mergeTable"));
        QVERIFY(table->isColumnHidden(3));
        QVERIFY(!table->isColumnHidden(2));
        if (recreate)
            screenshot(&dialog, QStringLiteral("merge-dialog-deleted.png"));
        QTest::mouseClick(dialog.findChild<QPushButton *>(recreate ? QStringLiteral("recreateButton")
                                                                   : QStringLiteral("discardButton")),
                          Qt::LeftButton);
        QCOMPARE(dialog.resolution(), recreate ? MergeDialog::Resolution::Recreate : MergeDialog::Resolution::Discard);
        QVERIFY(dialog.applyTo(m_model.get(), m_row));
        if (recreate) {
            QVERIFY2(m_model->submitAll(), qPrintable(m_model->lastSubmitResult().summary()));
            QCOMPARE(rowText(1), QStringLiteral("green apple|11|fresh|v1"));
        } else {
            QVERIFY(!m_model->hasPendingEdits());
            QCOMPARE(m_model->rowForKey(1), -1);
            QCOMPARE(rowText(1), QStringLiteral("<missing>"));
        }
    }
};

QTEST_MAIN(tst_MergeDialog)
#include "tst_mergedialog.moc"
