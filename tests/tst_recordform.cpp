#include "mergedialog.h"
#include "recordform.h"
#include "versionedtablemodel.h"

#include "sqlprobe.h"
#include "testdatabase.h"
#include "valuetable.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDateTimeEdit>
#include <QDir>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlQuery>
#include <QTest>
#include <QTimer>
#include <QToolButton>

#include <functional>
#include <limits>

using namespace Concord;
using SqlProbe::value;

class tst_RecordForm : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_db;
    QSqlDatabase m_alice;
    QSqlDatabase m_bob;
    std::unique_ptr<VersionedTableModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    QList<QPointer<QTimer>> m_watchers;
    int m_modalsHandled = 0;

    void open(const QString &dialect)
    {
        m_db = std::make_unique<TestDatabase>(dialect);
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        // MariaDB gives the first TIMESTAMP column automatic defaults; DATETIME is the plain type there.
        const QString timestamp = m_db->dialect() == TestDatabase::Dialect::MariaDB ? QStringLiteral("DATETIME")
                                                                                  : QStringLiteral("TIMESTAMP");
        const QString error = m_db->exec({
            QStringLiteral("CREATE TABLE items (id %1, name %2 NOT NULL, qty INTEGER, big BIGINT, price DOUBLE PRECISION, "
                           "active BOOLEAN, born DATE, seen %3, note %2, version BIGINT)")
                    .arg(m_db->autoKey(), m_db->text(), timestamp),
            QStringLiteral("INSERT INTO items (name, qty, big, price, active, born, seen, note, version) VALUES "
                           "('apple', 10, 9007199254740993, 2.5, TRUE, '2024-02-29', '2024-03-01 10:20:30', 'fresh', 1)"),
            QStringLiteral("INSERT INTO items (name, qty, big, price, active, born, seen, note, version) VALUES "
                           "('pear', 20, 1, 1.25, FALSE, '2023-01-01', '2023-01-01 00:00:00', 'hard', 1)"),
        });
        QVERIFY2(error.isEmpty(), qPrintable(error));
        openModel(QStringLiteral("items"));
        QCOMPARE(m_model->rowCount(), 2);
    }

    // The table of every kind of value (tests/support/valuetable.h).
    void openValues(const QString &dialect)
    {
        m_db = std::make_unique<TestDatabase>(dialect);
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QCOMPARE(ValueTable::create(*m_db), QString());
        openModel(QStringLiteral("vals"));
    }

    // Alice's model of @p table; Bob has a connection of his own.
    void openModel(const QString &table)
    {
        m_alice = m_db->connect(QStringLiteral("alice"));
        m_bob = m_db->connect(QStringLiteral("bob"));
        m_model = std::make_unique<VersionedTableModel>(nullptr, m_alice);
        m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get());
        m_model->setTable(table);
        m_model->setSort(0, Qt::AscendingOrder);
        QVERIFY(m_model->select());
    }

    static QStringList columnsOf(const VersionedTableModel &model)
    {
        QStringList names;
        for (int c = 0; c < model.columnCount(); ++c)
            names.append(model.headerData(c, Qt::Horizontal).toString());
        return names;
    }

    QString rowText(int id)
    {
        QSqlQuery query(m_bob);
        if (!query.exec(QStringLiteral("SELECT name, qty, note, version FROM items WHERE id = %1").arg(id)) || !query.next())
            return QStringLiteral("<missing>");
        return QStringLiteral("%1|%2|%3|v%4").arg(query.value(0).toString(), query.value(1).toString(),
                                                  query.value(2).isNull() ? QStringLiteral("NULL") : query.value(2).toString(),
                                                  query.value(3).toString());
    }

    void bobSaves(int id, const QString &column, const QVariant &newValue)
    {
        VersionedTableModel bobs(nullptr, m_bob);
        bobs.setTable(QStringLiteral("items"));
        QVERIFY(bobs.select());
        QVERIFY(bobs.setData(bobs.index(bobs.rowForKey(id), bobs.fieldIndex(column)), newValue));
        QVERIFY2(bobs.submitAll(), qPrintable(bobs.lastSubmitResult().summary()));
    }

    // Runs @p handle on the next modal dialog that opens above @p below; the handler must close it.
    void onNextModal(QWidget *below, std::function<void(QWidget *)> handle)
    {
        auto *timer = new QTimer(this);
        timer->setInterval(10);
        connect(timer, &QTimer::timeout, this, [this, timer, below, handle] {
            QWidget *modal = QApplication::activeModalWidget();
            if (!modal || modal == below)
                return;
            timer->stop();
            timer->deleteLater();
            ++m_modalsHandled;
            handle(modal);
        });
        timer->start();
        m_watchers.append(timer);
    }

    static void typeInto(QLineEdit *line, const QString &text)
    {
        line->selectAll();
        QTest::keyClick(line, Qt::Key_Backspace);
        QTest::keyClicks(line, text);
    }

    template<typename T>
    static T *editorOf(RecordForm &form, const QString &name)
    {
        return form.findChild<T *>(QStringLiteral("editor_") + name);
    }

    static bool showForm(RecordForm &form)
    {
        form.show();
        form.activateWindow();
        return QTest::qWaitForWindowActive(&form);
    }

private Q_SLOTS:
    // Every test runs once per dialect; those about the form alone run on the SQLite row.
    void initTestCase_data() { TestDatabase::addDialectRows(); }
    void cleanup()
    {
        for (const QPointer<QTimer> &timer : std::as_const(m_watchers)) {
            if (timer)
                timer->deleteLater();
        }
        m_watchers.clear();
        m_modalsHandled = 0;
        m_tester.reset();
        m_model.reset();
        m_alice = QSqlDatabase();
        m_bob = QSqlDatabase();
        m_db.reset();
    }

    void shouldShowAnEditorPerColumnType()
    {
        QFETCH_GLOBAL(QString, dialect);
        open(dialect);
        RecordForm form(m_model.get(), m_model->rowForKey(1));
        QCOMPARE(form.key().toInt(), 1);
        // Key and version are read-only; 64-bit numbers keep every digit.
        QVERIFY(editorOf<QLineEdit>(form, QStringLiteral("big")));
        QCOMPARE(editorOf<QLineEdit>(form, QStringLiteral("big"))->text(), QStringLiteral("9007199254740993"));
        QVERIFY(editorOf<QLineEdit>(form, QStringLiteral("big"))->validator());
        QVERIFY(editorOf<QLineEdit>(form, QStringLiteral("version"))->isReadOnly());
        QWidget *id = form.findChild<QWidget *>(QStringLiteral("editor_id"));
        QVERIFY(id);
        QVERIFY(qobject_cast<QLineEdit *>(id) ? qobject_cast<QLineEdit *>(id)->isReadOnly()
                                              : qobject_cast<QSpinBox *>(id)->isReadOnly());
        QVERIFY(!form.findChild<QCheckBox *>(QStringLiteral("null_id")));
        QVERIFY(!form.findChild<QCheckBox *>(QStringLiteral("null_version")));
        QCOMPARE(editorOf<QLineEdit>(form, QStringLiteral("name"))->text(), QStringLiteral("apple"));
        QCOMPARE(editorOf<QLineEdit>(form, QStringLiteral("price"))->text(), QStringLiteral("2.5"));
        QCOMPARE(editorOf<QDateEdit>(form, QStringLiteral("born"))->date(), QDate(2024, 2, 29));
        QCOMPARE(editorOf<QDateTimeEdit>(form, QStringLiteral("seen"))->text(), QStringLiteral("2024-03-01 10:20:30"));
        // MariaDB's BOOLEAN is a TINYINT(1): the catalog says boolean, so a check box too.
        QVERIFY(editorOf<QCheckBox>(form, QStringLiteral("active"))->isChecked());
        // 32-bit integers in a spin box over their range; SQLite's are 64-bit, typed.
        if (dialect == QLatin1String("sqlite"))
            QCOMPARE(editorOf<QLineEdit>(form, QStringLiteral("qty"))->text(), QStringLiteral("10"));
        else
            QCOMPARE(editorOf<QSpinBox>(form, QStringLiteral("qty"))->value(), 10);
        QVERIFY(form.findChild<QCheckBox *>(QStringLiteral("null_note")));
        // NOT NULL columns offer no NULL box.
        QVERIFY(!form.findChild<QCheckBox *>(QStringLiteral("null_name")));
        QVERIFY(!form.findChild<QLabel *>(QStringLiteral("banner"))->isVisibleTo(&form));
    }

    // The form on the table of every kind of value: each shown exactly, and a Save with
    // nothing changed writes nothing, whatever each editor could or could not hold.
    void shouldShowValuesExactlyAndSaveNothingUntouched()
    {
        QFETCH_GLOBAL(QString, dialect);
        openValues(dialect);
        QSqlDatabase reader = m_db->connect(QStringLiteral("reader"));
        const QString before = ValueTable::snapshot(reader, m_db->dialect(), columnsOf(*m_model));
        {
            RecordForm form(m_model.get(), m_model->rowForKey(1));
            QVERIFY(showForm(form));
            const auto text = [&form](const QString &name) {
                QWidget *editor = form.findChild<QWidget *>(QStringLiteral("editor_") + name);
                if (auto *line = qobject_cast<QLineEdit *>(editor))
                    return line->text();
                if (auto *spin = qobject_cast<QAbstractSpinBox *>(editor))
                    return spin->text();
                if (auto *list = qobject_cast<QComboBox *>(editor))
                    return list->currentText();
                return QStringLiteral("<%1>").arg(editor ? editor->metaObject()->className() : "none");
            };
            QCOMPARE(text(QStringLiteral("big")), QStringLiteral("9223372036854775807"));
            QCOMPARE(text(QStringLiteral("near")), QStringLiteral("9007199254740993"));
            QCOMPARE(text(QStringLiteral("amount")), ValueTable::amountShown(m_db->dialect()));
            QCOMPARE(text(QStringLiteral("ratio")), QStringLiteral("0.30000000000000004"));
            QCOMPARE(text(QStringLiteral("born")), QStringLiteral("2024-02-29"));
            // A picker would round the microseconds: these are typed.
            QVERIFY(editorOf<QLineEdit>(form, QStringLiteral("seen")));
            QCOMPARE(text(QStringLiteral("seen")), QStringLiteral("2026-11-29 07:04:56.123456"));
            QCOMPARE(text(QStringLiteral("clock")), QStringLiteral("12:34:56.123456"));
            if (m_db->dialect() == TestDatabase::Dialect::PostgreSQL)
                QCOMPARE(text(QStringLiteral("seentz")), ValueTable::stored(reader, m_db->dialect(), QStringLiteral("seentz"), 1));
            QVERIFY(editorOf<QCheckBox>(form, QStringLiteral("flag"))->isChecked());
            QCOMPARE(text(QStringLiteral("bytes")), QStringLiteral("<5 bytes, binary>"));
            QVERIFY(editorOf<QLineEdit>(form, QStringLiteral("bytes"))->isReadOnly());
            QCOMPARE(text(QStringLiteral("note")), ValueTable::noteText());
            QCOMPARE(text(QStringLiteral("status")), QStringLiteral("paid"));
            // A foreign key shows the referred row's label with its key.
            QCOMPARE(text(QStringLiteral("ref_id")), QStringLiteral("one (1)"));
            // '' is a value: an empty field, not NULL.
            QCOMPARE(text(QStringLiteral("label")), QString());
            QVERIFY(!form.findChild<QCheckBox *>(QStringLiteral("null_label"))->isChecked());
            QVERIFY(editorOf<QLineEdit>(form, QStringLiteral("label"))->isVisible());
            QVERIFY(!form.save());
            QVERIFY(form.findChild<QLabel *>(QStringLiteral("statusLabel"))->text().startsWith(QStringLiteral("Nothing to save")));
        }
        {
            // NULL is shown as the word, where the editor would be, in every column.
            RecordForm form(m_model.get(), m_model->rowForKey(2));
            QVERIFY(showForm(form));
            for (const char *name : {"near", "amount", "ratio", "born", "seen", "clock", "flag", "note", "label", "ref_id"}) {
                auto *placeholder = form.findChild<QToolButton *>(QStringLiteral("placeholder_") + QLatin1String(name));
                QVERIFY2(placeholder && placeholder->isVisible() && placeholder->text() == QLatin1String("NULL"), name);
                QVERIFY2(placeholder->font().italic(), name);
                QVERIFY2(!form.findChild<QWidget *>(QStringLiteral("editor_") + QLatin1String(name))->isVisible(), name);
            }
            QCOMPARE(form.findChild<QToolButton *>(QStringLiteral("placeholder_bytes"))->text(), QStringLiteral("NULL"));
            QVERIFY(!form.save());
        }
        QCOMPARE(ValueTable::snapshot(reader, m_db->dialect(), columnsOf(*m_model)), before);
        reader = QSqlDatabase();
    }

    // A new row's form shows "default" where the database fills in, never an unchecked box
    // for a boolean whose default is true; once saved, it shows what the database stored.
    void shouldShowDefaultsOnANewRowThenTheStoredRow()
    {
        QFETCH_GLOBAL(QString, dialect);
        openValues(dialect);
        RecordForm form(m_model.get(), -1);
        QVERIFY(showForm(form));
        for (const char *name : {"id", "active", "status"}) {
            auto *placeholder = form.findChild<QToolButton *>(QStringLiteral("placeholder_") + QLatin1String(name));
            QVERIFY2(placeholder && placeholder->isVisible() && placeholder->text() == QLatin1String("default"), name);
            QVERIFY2(!form.findChild<QWidget *>(QStringLiteral("editor_") + QLatin1String(name))->isVisible(), name);
        }
        // A column without a default shows the NULL it would store; a click starts typing.
        QCOMPARE(form.findChild<QToolButton *>(QStringLiteral("placeholder_big"))->text(), QStringLiteral("NULL"));
        QTest::mouseClick(form.findChild<QToolButton *>(QStringLiteral("placeholder_big")), Qt::LeftButton);
        typeInto(editorOf<QLineEdit>(form, QStringLiteral("big")), QStringLiteral("-9223372036854775807"));
        QVERIFY(form.save());
        QVERIFY(form.key().toInt() > 2);
        // Read back: key, defaults and version as the database holds them.
        QVERIFY(editorOf<QLineEdit>(form, QStringLiteral("id"))->isReadOnly());
        QCOMPARE(editorOf<QLineEdit>(form, QStringLiteral("id"))->text(), form.key().toString());
        QCOMPARE(editorOf<QComboBox>(form, QStringLiteral("status"))->currentText(), QStringLiteral("new"));
        QVERIFY(editorOf<QCheckBox>(form, QStringLiteral("active"))->isVisible());
        QVERIFY(editorOf<QCheckBox>(form, QStringLiteral("active"))->isChecked());
        QCOMPARE(editorOf<QLineEdit>(form, QStringLiteral("version"))->text(), QStringLiteral("1"));
        QCOMPARE(editorOf<QLineEdit>(form, QStringLiteral("big"))->text(), QStringLiteral("-9223372036854775807"));
        QVERIFY(!form.findChild<QCheckBox *>(QStringLiteral("default_status"))->isVisible());
        QCOMPARE(value(m_bob, QStringLiteral("SELECT big FROM vals WHERE id = %1").arg(form.key().toInt())).toLongLong(),
                 -std::numeric_limits<qint64>::max());
    }

    // A wrong value is said in one sentence when the field is left, and Save refuses it.
    void shouldRefuseBadInputWithASentence()
    {
        QFETCH_GLOBAL(QString, dialect);
        openValues(dialect);
        RecordForm form(m_model.get(), m_model->rowForKey(1));
        QVERIFY(showForm(form));
        auto *status = form.findChild<QLabel *>(QStringLiteral("statusLabel"));
        QLineEdit *seen = editorOf<QLineEdit>(form, QStringLiteral("seen"));
        seen->setFocus();
        typeInto(seen, QStringLiteral("yesterday"));
        QTest::keyClick(seen, Qt::Key_Return);
        QVERIFY2(status->text().contains(QStringLiteral("date-times")), qPrintable(status->text()));
        QVERIFY(!form.save());
        QVERIFY2(status->text().contains(QStringLiteral("\"seen\"")), qPrintable(status->text()));

        typeInto(seen, QStringLiteral("2026-11-29 07:04:56.123456"));
        // The foreign key's drop-down takes a key typed by hand too.
        auto *ref = editorOf<QComboBox>(form, QStringLiteral("ref_id"));
        QVERIFY(ref && ref->isEditable());
        ref->setFocus();
        typeInto(ref->lineEdit(), QStringLiteral("99999"));
        QVERIFY(!form.save());
        QVERIFY2(status->text().startsWith(QStringLiteral("There is no row in \"refs\" with id = 99999")), qPrintable(status->text()));
        QCOMPARE(value(m_bob, QStringLiteral("SELECT ref_id FROM vals WHERE id = 1")).toInt(), 1);
        QCOMPARE(value(m_bob, QStringLiteral("SELECT version FROM vals WHERE id = 1")).toInt(), 1);
    }

    void shouldSaveOnlyItsOwnRow()
    {
        QFETCH_GLOBAL(QString, dialect);
        open(dialect);
        // An edit of another row waits in the grid.
        QVERIFY(m_model->setData(m_model->index(m_model->rowForKey(2), m_model->fieldIndex(QStringLiteral("qty"))), 99));

        RecordForm form(m_model.get(), m_model->rowForKey(1));
        QVERIFY(showForm(form));
        QSignalSpy saved(&form, &RecordForm::saved);
        typeInto(editorOf<QLineEdit>(form, QStringLiteral("name")), QStringLiteral("green apple"));
        typeInto(editorOf<QLineEdit>(form, QStringLiteral("big")), QStringLiteral("9223372036854775807"));
        QCheckBox *noteNull = form.findChild<QCheckBox *>(QStringLiteral("null_note"));
        QTest::mouseClick(noteNull, Qt::LeftButton, {}, QPoint(5, noteNull->height() / 2));
        QVERIFY(noteNull->isChecked());
        QVERIFY(!editorOf<QLineEdit>(form, QStringLiteral("note"))->isEnabled());
        QTest::keyClick(&form, Qt::Key_S, Qt::ControlModifier);
        QTRY_COMPARE(saved.count(), 1);
        QCOMPARE(saved.first().at(1).toBool(), false);

        QCOMPARE(rowText(1), QStringLiteral("green apple|10|NULL|v2"));
        QCOMPARE(value(m_bob, QStringLiteral("SELECT big FROM items WHERE id = 1")).toLongLong(), Q_INT64_C(9223372036854775807));
        // Row 2's edit was not saved with it, and is still pending.
        QCOMPARE(rowText(2), QStringLiteral("pear|20|hard|v1"));
        QVERIFY(m_model->isRowDirty(m_model->rowForKey(2)));
        QVERIFY(!m_model->isRowDirty(m_model->rowForKey(1)));
        QCOMPARE(editorOf<QLineEdit>(form, QStringLiteral("version"))->text(), QStringLiteral("2"));
        QVERIFY(form.findChild<QLabel *>(QStringLiteral("statusLabel"))->text().contains(QStringLiteral("version 2")));
    }

    void shouldRefuseAnOutOfRangeBigint()
    {
        if (!TestDatabase::onSqliteRow())
            QSKIP("The form's own check, before any database: run once, on SQLite");
        open(QStringLiteral("sqlite"));
        RecordForm form(m_model.get(), m_model->rowForKey(1));
        QVERIFY(showForm(form));
        QLineEdit *big = editorOf<QLineEdit>(form, QStringLiteral("big"));
        typeInto(big, QStringLiteral("92233720368547758070"));
        // The validator stops at 19 digits; one past the 64-bit range is refused on save.
        QCOMPARE(big->text(), QStringLiteral("9223372036854775807"));
        typeInto(big, QStringLiteral("9223372036854775808"));
        QVERIFY(!form.save());
        QVERIFY(form.findChild<QLabel *>(QStringLiteral("statusLabel"))->text().contains(QStringLiteral("big")));
        QCOMPARE(value(m_bob, QStringLiteral("SELECT big FROM items WHERE id = 1")).toLongLong(), Q_INT64_C(9007199254740993));
    }

    void shouldMergeAConflictRightThere()
    {
        QFETCH_GLOBAL(QString, dialect);
        open(dialect);
        RecordForm form(m_model.get(), m_model->rowForKey(1));
        QVERIFY(showForm(form));
        typeInto(editorOf<QLineEdit>(form, QStringLiteral("name")), QStringLiteral("green apple"));
        typeInto(editorOf<QLineEdit>(form, QStringLiteral("note")), QStringLiteral("mine"));
        bobSaves(1, QStringLiteral("note"), QStringLiteral("theirs"));
        bobSaves(1, QStringLiteral("qty"), 12);

        // The merge dialog opens on the conflict: take their note, save the merge.
        onNextModal(&form, [](QWidget *modal) {
            auto *merge = qobject_cast<MergeDialog *>(modal);
            QVERIFY(merge);
            auto *choice = merge->findChild<QComboBox *>(QStringLiteral("choice_note"));
            QVERIFY(choice);
            QTest::keyClick(choice, Qt::Key_Down);
            QTest::keyClick(choice, Qt::Key_Down);
            QCOMPARE(choice->currentText(), QStringLiteral("Theirs"));
            QTest::mouseClick(merge->findChild<QPushButton *>(QStringLiteral("saveMergeButton")), Qt::LeftButton);
        });
        QVERIFY(form.save());
        QCOMPARE(m_modalsHandled, 1);
        QCOMPARE(rowText(1), QStringLiteral("green apple|12|theirs|v4"));
        QCOMPARE(editorOf<QLineEdit>(form, QStringLiteral("note"))->text(), QStringLiteral("theirs"));
        QCOMPARE(editorOf<QLineEdit>(form, QStringLiteral("version"))->text(), QStringLiteral("4"));
        QVERIFY(!form.findChild<QLabel *>(QStringLiteral("banner"))->isVisibleTo(&form));
    }

    void shouldKeepTheEditWhenTheMergeIsCancelled()
    {
        if (!TestDatabase::onSqliteRow())
            QSKIP("A cancelled merge writes nothing on any dialect: run once, on SQLite");
        open(QStringLiteral("sqlite"));
        RecordForm form(m_model.get(), m_model->rowForKey(1));
        QVERIFY(showForm(form));
        typeInto(editorOf<QLineEdit>(form, QStringLiteral("note")), QStringLiteral("mine"));
        bobSaves(1, QStringLiteral("note"), QStringLiteral("theirs"));
        onNextModal(&form, [](QWidget *modal) { QTest::keyClick(modal, Qt::Key_Escape); });
        QVERIFY(!form.save());
        QCOMPARE(m_modalsHandled, 1);
        QCOMPARE(rowText(1), QStringLiteral("apple|10|theirs|v2"));
        auto *banner = form.findChild<QLabel *>(QStringLiteral("banner"));
        QVERIFY(banner->isVisibleTo(&form));
        QVERIFY(banner->text().contains(QStringLiteral("Changed by someone else")));
        QCOMPARE(m_model->rowState(m_model->rowForKey(1)), VersionedTableModel::RowState::Conflict);

        if (!qEnvironmentVariableIsEmpty("CONCORD_SCREENSHOT_DIR")) {
            const QString dir = qEnvironmentVariable("CONCORD_SCREENSHOT_DIR");
            QDir().mkpath(dir);
            form.layout()->activate();
            QVERIFY(form.grab().save(dir + QStringLiteral("/record-form.png")));
        }
    }

    void shouldShowAStaleBanner()
    {
        if (!TestDatabase::onSqliteRow())
            QSKIP("The banner follows the model's mark, whatever the dialect: run once, on SQLite");
        open(QStringLiteral("sqlite"));
        RecordForm form(m_model.get(), m_model->rowForKey(2));
        auto *banner = form.findChild<QLabel *>(QStringLiteral("banner"));
        QVERIFY(!banner->isVisibleTo(&form));
        m_model->markStale({2});
        QVERIFY(banner->isVisibleTo(&form));
        QVERIFY(banner->text().startsWith(QStringLiteral("Someone else saved this row since it was loaded.")));
    }

    void shouldInsertANewRow()
    {
        QFETCH_GLOBAL(QString, dialect);
        open(dialect);
        RecordForm form(m_model.get(), -1);
        QVERIFY(form.isNewRow());
        QVERIFY(showForm(form));
        // The key is the database's to assign; qty shows the NULL it would store, until clicked.
        QVERIFY(form.findChild<QCheckBox *>(QStringLiteral("default_id"))->isChecked());
        QVERIFY(form.findChild<QCheckBox *>(QStringLiteral("null_qty"))->isChecked());
        typeInto(editorOf<QLineEdit>(form, QStringLiteral("name")), QStringLiteral("quince"));
        QTest::mouseClick(form.findChild<QToolButton *>(QStringLiteral("placeholder_qty")), Qt::LeftButton);
        QVERIFY(!form.findChild<QCheckBox *>(QStringLiteral("null_qty"))->isChecked());
        typeInto(editorOf<QLineEdit>(form, QStringLiteral("qty")), QStringLiteral("5"));
        QSignalSpy saved(&form, &RecordForm::saved);
        QVERIFY(form.save());
        QCOMPARE(saved.count(), 1);
        QVERIFY(!form.isNewRow());
        const int id = form.key().toInt();
        QVERIFY(id > 2);
        QCOMPARE(value(m_bob, QStringLiteral("SELECT name FROM items WHERE id = %1").arg(id)).toString(), QStringLiteral("quince"));
        QCOMPARE(value(m_bob, QStringLiteral("SELECT qty FROM items WHERE id = %1").arg(id)).toInt(), 5);
        QCOMPARE(value(m_bob, QStringLiteral("SELECT version FROM items WHERE id = %1").arg(id)).toInt(), 1);
        QVERIFY(form.row() >= 0);
        QCOMPARE(editorOf<QLineEdit>(form, QStringLiteral("name"))->text(), QStringLiteral("quince"));
    }

    void shouldDeleteAfterConfirmation_data()
    {
        QTest::addColumn<bool>("changedByBob");
        QTest::addColumn<bool>("deleteAnyway");
        QTest::newRow("unchanged") << false << false;
        QTest::newRow("changed, delete anyway") << true << true;
        QTest::newRow("changed, keep theirs") << true << false;
    }
    void shouldDeleteAfterConfirmation()
    {
        QFETCH_GLOBAL(QString, dialect);
        QFETCH(bool, changedByBob);
        QFETCH(bool, deleteAnyway);
        open(dialect);
        RecordForm form(m_model.get(), m_model->rowForKey(1));
        QVERIFY(showForm(form));
        if (changedByBob)
            bobSaves(1, QStringLiteral("qty"), 12);
        QSignalSpy saved(&form, &RecordForm::saved);
        onNextModal(&form, [this, &form, deleteAnyway](QWidget *modal) {
            auto *confirm = qobject_cast<QMessageBox *>(modal);
            QVERIFY(confirm);
            QCOMPARE(confirm->objectName(), QStringLiteral("confirmDeleteBox"));
            // After the confirmation, a row someone changed asks once more.
            onNextModal(&form, [deleteAnyway](QWidget *second) {
                QCOMPARE(second->objectName(), QStringLiteral("deleteConflictBox"));
                QVERIFY(second->findChild<QLabel *>(QStringLiteral("qt_msgbox_label"))->text().contains(QStringLiteral("qty")));
                QTest::mouseClick(second->findChild<QPushButton *>(deleteAnyway ? QStringLiteral("deleteAnywayButton")
                                                                                 : QStringLiteral("keepTheirsButton")),
                                  Qt::LeftButton);
            });
            QTest::mouseClick(confirm->button(QMessageBox::Yes), Qt::LeftButton);
        });
        const bool deleted = form.deleteRow();
        QCOMPARE(m_modalsHandled, changedByBob ? 2 : 1);
        const bool expectGone = !changedByBob || deleteAnyway;
        QCOMPARE(deleted, expectGone);
        QCOMPARE(rowText(1) == QStringLiteral("<missing>"), expectGone);
        QCOMPARE(saved.count(), expectGone ? 1 : 0);
        QCOMPARE(form.result(), expectGone ? int(QDialog::Accepted) : int(QDialog::Rejected));
        if (!expectGone) {
            QCOMPARE(rowText(1), QStringLiteral("apple|12|fresh|v2"));
            QVERIFY(!m_model->isRowDirty(m_model->rowForKey(1)));
        }
        QCOMPARE(rowText(2), QStringLiteral("pear|20|hard|v1"));
    }

    void shouldRevertToTheLoadedRow()
    {
        if (!TestDatabase::onSqliteRow())
            QSKIP("Revert writes nothing on any dialect: run once, on SQLite");
        open(QStringLiteral("sqlite"));
        RecordForm form(m_model.get(), m_model->rowForKey(1));
        QVERIFY(showForm(form));
        QLineEdit *name = editorOf<QLineEdit>(form, QStringLiteral("name"));
        typeInto(name, QStringLiteral("typo"));
        QTest::mouseClick(form.findChild<QPushButton *>(QStringLiteral("revertButton")), Qt::LeftButton);
        QCOMPARE(name->text(), QStringLiteral("apple"));
        QVERIFY(!form.save());
        QCOMPARE(rowText(1), QStringLiteral("apple|10|fresh|v1"));
    }
};

QTEST_MAIN(tst_RecordForm)
#include "tst_recordform.moc"
