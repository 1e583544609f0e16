#include "historyview.h"
#include "session.h"
#include "versionedtablemodel.h"
#include "versionregistry.h"

#include "testdatabase.h"
#include "valuetable.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSqlQuery>
#include <QTableView>
#include <QTest>

using namespace Concord;

class tst_HistoryView : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_db;

    static QStringList rowsOf(QTableView *view)
    {
        QStringList rows;
        const QAbstractItemModel *model = view->model();
        for (int r = 0; r < model->rowCount(); ++r) {
            QStringList cells;
            // Who, table, action, key, version, changes: the time differs from run to run.
            for (int c = 1; c < model->columnCount(); ++c)
                cells.append(model->index(r, c).data().toString());
            rows.append(cells.join(QLatin1Char('|')));
        }
        return rows;
    }

private Q_SLOTS:
    // The tests on a logged database run once per dialect; the others run on the SQLite row.
    void initTestCase_data() { TestDatabase::addDialectRows(); }
    void cleanup() { m_db.reset(); }

    void shouldListSavedChangesNewestFirst()
    {
        QFETCH_GLOBAL(QString, dialect);
        m_db = std::make_unique<TestDatabase>(dialect);
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        const QString error = m_db->createItems(2);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        {
            VersionedTableModel alices(nullptr, alice);
            alices.setUserName(QStringLiteral("alice"));
            alices.setTable(QStringLiteral("items"));
            QVERIFY(alices.select());
            VersionedTableModel bobs(nullptr, bob);
            bobs.setUserName(QStringLiteral("bob"));
            bobs.setTable(QStringLiteral("items"));
            QVERIFY(bobs.select());

            QVERIFY(alices.setData(alices.index(alices.rowForKey(1), 2), 11));
            QVERIFY2(alices.submitAll(), qPrintable(alices.lastSubmitResult().summary()));
            QVERIFY(bobs.setData(bobs.index(bobs.rowForKey(1), 1), QStringLiteral("red apple")));
            QVERIFY(bobs.setData(bobs.index(bobs.rowForKey(2), 2), 21));
            // Bob's row 1 was loaded before Alice saved it: a conflict, which is never logged.
            QVERIFY(!bobs.submitAll());
            QCOMPARE(bobs.lastSubmitResult().conflictCount(), 1);
            QVERIFY(alices.removeRows(alices.rowForKey(2), 1));
            QVERIFY(!alices.submitAll());
            QCOMPARE(alices.lastSubmitResult().conflictCount(), 1);
            alices.revertAll();
            QVERIFY(alices.select());
            QVERIFY(alices.removeRows(alices.rowForKey(2), 1));
            QVERIFY2(alices.submitAll(), qPrintable(alices.lastSubmitResult().summary()));
        }

        HistoryView view(bob);
        QAbstractItemModelTester tester(view.tableView()->model());
        QVERIFY2(view.load(QStringLiteral("items")), qPrintable(view.lastError()));
        QCOMPARE(rowsOf(view.tableView()), (QStringList{
                // A delete says so, with the row's last values, not "→ NULL" for each field.
                QStringLiteral("alice|items|delete|2||deleted; last values: id: 2, name: pear, qty: 21, version: 2"),
                QStringLiteral("bob|items|update|2|2|qty: 20 → 21"),
                QStringLiteral("alice|items|update|1|2|qty: 10 → 11"),
        }));
        QVERIFY(!view.findChild<QLabel *>(QStringLiteral("historyEmpty"))->isVisibleTo(&view));

        // One row's history.
        QVERIFY(view.load(QStringLiteral("items"), 1));
        QCOMPARE(rowsOf(view.tableView()), QStringList{QStringLiteral("alice|items|update|1|2|qty: 10 → 11")});
        QCOMPARE(view.findChild<QLabel *>(QStringLiteral("historyTitle"))->text(), QStringLiteral("Changes to items 1"));

        // Refresh reads again: a change saved meanwhile appears on top.
        {
            VersionedTableModel bobs(nullptr, bob);
            bobs.setUserName(QStringLiteral("bob"));
            bobs.setTable(QStringLiteral("items"));
            QVERIFY(bobs.select());
            QVERIFY(bobs.setData(bobs.index(bobs.rowForKey(1), 1), QStringLiteral("red apple")));
            QVERIFY(bobs.submitAll());
        }
        QTest::mouseClick(view.findChild<QPushButton *>(QStringLiteral("refreshHistoryButton")), Qt::LeftButton);
        QCOMPARE(view.entries().size(), 2);
        QCOMPARE(rowsOf(view.tableView()).first(), QStringLiteral("bob|items|update|1|3|name: apple → red apple"));
        alice = QSqlDatabase();
        bob = QSqlDatabase();
    }

    void shouldSayWhenNothingWasLogged()
    {
        if (!TestDatabase::onSqliteRow())
            QSKIP("An empty log looks the same on every dialect: run once, on SQLite");
        m_db = std::make_unique<TestDatabase>(TestDatabase::Dialect::SQLite);
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QSqlDatabase db = m_db->connect();
        {
            HistoryView view(db);
            QVERIFY(view.load());
            QCOMPARE(view.tableView()->model()->rowCount(), 0);
            QVERIFY(view.findChild<QLabel *>(QStringLiteral("historyEmpty"))->isVisibleTo(&view));
            QCOMPARE(view.findChild<QLabel *>(QStringLiteral("historyTitle"))->text(), QStringLiteral("All changes"));
        }
        db = QSqlDatabase();
    }

    void shouldSayWhenATablesLogIsSwitchedOff()
    {
        QFETCH_GLOBAL(QString, dialect);
        m_db = std::make_unique<TestDatabase>(dialect);
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QVERIFY2(m_db->createItems(2).isEmpty(), qPrintable(m_db->error()));
        QSqlDatabase db = m_db->connect();
        {
            VersionedTableModel model(nullptr, db);
            model.setTable(QStringLiteral("items"));
            QVERIFY(model.select());
            QVERIFY(model.setData(model.index(model.rowForKey(1), 2), 11));
            QVERIFY(model.submitAll());
            QVERIFY(model.session()->registry().setChangeLog(QStringLiteral("items"), false).ok());
            QVERIFY(model.setData(model.index(model.rowForKey(2), 2), 21));
            QVERIFY(model.submitAll());

            // What was logged before stays listed, under a line that says later saves are not.
            HistoryView view(db);
            QVERIFY(view.load(QStringLiteral("items")));
            QCOMPARE(view.tableView()->model()->rowCount(), 1);
            const QLabel *note = view.findChild<QLabel *>(QStringLiteral("historyEmpty"));
            QVERIFY(note->isVisibleTo(&view));
            QVERIFY2(note->text().contains(QLatin1String("switched off")), qPrintable(note->text()));
        }
        db = QSqlDatabase();
    }

    void shouldFormatChangedValues()
    {
        if (!TestDatabase::onSqliteRow())
            QSKIP("No database involved: run once, on the SQLite row");
        const QJsonObject changes{
            {QStringLiteral("name"), QJsonObject{{QStringLiteral("old"), QJsonValue::Null}, {QStringLiteral("new"), QStringLiteral("fig")}}},
            {QStringLiteral("price"), QJsonObject{{QStringLiteral("old"), 2.5}, {QStringLiteral("new"), 3}}},
            {QStringLiteral("active"), QJsonObject{{QStringLiteral("old"), true}, {QStringLiteral("new"), false}}},
        };
        QCOMPARE(HistoryView::changesText(changes),
                 QStringLiteral("active: true → false; name: NULL → fig; price: 2.5 → 3"));
        // NULL in grey italics, values escaped.
        QCOMPARE(HistoryView::changesHtml(QJsonObject{{QStringLiteral("note"),
                                                       QJsonObject{{QStringLiteral("old"), QJsonValue::Null},
                                                                   {QStringLiteral("new"), QStringLiteral("<b>")}}}},
                                          QStringLiteral("update"), {}, QColor(0x80, 0x80, 0x80)),
                 QStringLiteral("note: <i style=\"color:#ff808080\">NULL</i> → &lt;b&gt;"));
    }

    // The log's values are shown as the grid shows them: every digit, the declared
    // scale, bytes by size and type, NULL apart from ''.
    void shouldShowLoggedValuesExactly()
    {
        QFETCH_GLOBAL(QString, dialect);
        m_db = std::make_unique<TestDatabase>(dialect);
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QCOMPARE(ValueTable::create(*m_db), QString());
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        {
            VersionedTableModel model(nullptr, alice);
            model.setTable(QStringLiteral("vals"));
            QVERIFY(model.select());
            QVERIFY(model.setData(model.index(model.rowForKey(2), model.fieldIndex(QStringLiteral("near"))),
                                  *model.checkValue(model.fieldIndex(QStringLiteral("near")), QStringLiteral("-9007199254740993"))));
            QVERIFY2(model.submitAll(), qPrintable(model.lastSubmitResult().summary()));
            QVERIFY(model.removeRows(model.rowForKey(1), 1));
            QVERIFY(model.removeRows(model.rowForKey(2), 1));
            QVERIFY2(model.submitAll(), qPrintable(model.lastSubmitResult().summary()));
        }
        HistoryView view(alice);
        QVERIFY2(view.load(QStringLiteral("vals")), qPrintable(view.lastError()));
        const QAbstractItemModel *model = view.tableView()->model();
        QCOMPARE(model->rowCount(), 3);
        QString deleted;
        QString deletedNulls;
        QString updated;
        for (int r = 0; r < model->rowCount(); ++r) {
            const QString text = model->index(r, 6).data().toString();
            if (model->index(r, 4).data().toString() == QLatin1String("1"))
                deleted = text;
            else if (model->index(r, 3).data().toString() == QLatin1String("delete"))
                deletedNulls = model->index(r, 6).data(HistoryView::ChangesHtmlRole).toString();
            else
                updated = text;
        }
        QCOMPARE(updated, QStringLiteral("near: NULL → -9007199254740993"));
        QVERIFY2(deleted.startsWith(QStringLiteral("deleted; last values: ")), qPrintable(deleted));
        for (const QString &part : {QStringLiteral("big: 9223372036854775807"), QStringLiteral("near: 9007199254740993"),
                                    QStringLiteral("amount: ") + ValueTable::amountShown(m_db->dialect()),
                                    QStringLiteral("ratio: 0.30000000000000004"), QStringLiteral("born: 2024-02-29"),
                                    QStringLiteral("seen: 2026-11-29 07:04:56.123456"), QStringLiteral("clock: 12:34:56.123456"),
                                    QStringLiteral("bytes: <5 bytes, binary>"), QStringLiteral("flag: true"),
                                    QStringLiteral("label: , "), QStringLiteral("note: ") + ValueTable::noteText()}) {
            QVERIFY2(deleted.contains(part), qPrintable(QStringLiteral("%1 in %2").arg(part, deleted)));
        }
        // Row 2's NULLs are drawn as NULL, '' would be nothing.
        QVERIFY2(deletedNulls.contains(QStringLiteral("note: <i style=")), qPrintable(deletedNulls));
        alice = QSqlDatabase();
    }
};

QTEST_MAIN(tst_HistoryView)
#include "tst_historyview.moc"
