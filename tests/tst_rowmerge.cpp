#include "batchsubmitter.h"
#include "rowmerge.h"
#include "versionedtablemodel.h"
#include "versionpolicy.h"

#include "rowedits.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

using namespace Concord;
using RowEdits::update;

Q_DECLARE_METATYPE(RowMerge::FieldState)

class tst_RowMerge : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_db;

    // Base: name=apple qty=10 note=fresh; mine changes name and qty; theirs changes qty and note.
    static Conflict sampleConflict()
    {
        Conflict conflict;
        conflict.table = QStringLiteral("items");
        conflict.pk = 1;
        conflict.kind = Conflict::Kind::Modified;
        conflict.expectedVersion = 1;
        conflict.currentVersion = 2;
        conflict.base = {{QStringLiteral("id"), 1}, {QStringLiteral("name"), QStringLiteral("apple")},
                         {QStringLiteral("qty"), 10}, {QStringLiteral("note"), QStringLiteral("fresh")},
                         {QStringLiteral("version"), 1}};
        conflict.mine = {{QStringLiteral("name"), QStringLiteral("green apple")}, {QStringLiteral("qty"), 11}};
        conflict.theirs = {{QStringLiteral("id"), 1}, {QStringLiteral("name"), QStringLiteral("apple")},
                           {QStringLiteral("qty"), 12}, {QStringLiteral("note"), QStringLiteral("ripe")},
                           {QStringLiteral("version"), 2}};
        return conflict;
    }

    static QStringList columns()
    {
        return {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("qty"),
                QStringLiteral("note"), QStringLiteral("version")};
    }

    static QStringList keys() { return {QStringLiteral("id"), QStringLiteral("version")}; }

    static QString rowText(QSqlDatabase db, int id)
    {
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("SELECT name, qty, note, version FROM items WHERE id = %1").arg(id)) || !query.next())
            return QStringLiteral("<missing>");
        return QStringLiteral("%1|%2|%3|v%4").arg(query.value(0).toString(), query.value(1).toString(),
                                                  query.value(2).toString(), query.value(3).toString());
    }

private Q_SLOTS:
    // Every test runs once per dialect; the merge's own rules need no database and run on
    // SQLite only.
    void initTestCase_data() { TestDatabase::addDialectRows(); }
    void cleanup() { m_db.reset(); }

    void shouldClassifyEachField_data()
    {
        QTest::addColumn<QVariant>("base");
        QTest::addColumn<QVariant>("mine");   // invalid: not edited
        QTest::addColumn<QVariant>("theirs");
        QTest::addColumn<RowMerge::FieldState>("state");
        QTest::newRow("unchanged") << QVariant(1) << QVariant() << QVariant(1) << RowMerge::FieldState::Unchanged;
        QTest::newRow("edited back to base") << QVariant(1) << QVariant(1) << QVariant(1) << RowMerge::FieldState::Unchanged;
        QTest::newRow("mine only") << QVariant(1) << QVariant(2) << QVariant(1) << RowMerge::FieldState::MineOnly;
        QTest::newRow("theirs only") << QVariant(1) << QVariant() << QVariant(3) << RowMerge::FieldState::TheirsOnly;
        QTest::newRow("both same") << QVariant(1) << QVariant(2) << QVariant(2) << RowMerge::FieldState::BothSame;
        QTest::newRow("both different") << QVariant(1) << QVariant(2) << QVariant(3) << RowMerge::FieldState::BothDifferent;
        QTest::newRow("type tolerant") << QVariant(1) << QVariant(QStringLiteral("2")) << QVariant(qlonglong(2))
                                       << RowMerge::FieldState::BothSame;
        QTest::newRow("null to value by them") << QVariant(QMetaType(QMetaType::Int)) << QVariant() << QVariant(0)
                                               << RowMerge::FieldState::TheirsOnly;
        QTest::newRow("value to null by me") << QVariant(0) << QVariant(QMetaType(QMetaType::Int)) << QVariant(0)
                                             << RowMerge::FieldState::MineOnly;
        QTest::newRow("null vs empty text") << QVariant(QStringLiteral("x")) << QVariant(QMetaType(QMetaType::QString))
                                            << QVariant(QString(QLatin1String(""))) << RowMerge::FieldState::BothDifferent;
    }
    void shouldClassifyEachField()
    {
        if (!TestDatabase::onSqliteRow())
            QSKIP("No database involved: run once, on the SQLite row");
        QFETCH(QVariant, base);
        QFETCH(QVariant, mine);
        QFETCH(QVariant, theirs);
        QFETCH(RowMerge::FieldState, state);
        Conflict conflict;
        conflict.base.insert(QStringLiteral("f"), base);
        if (mine.isValid())
            conflict.mine.insert(QStringLiteral("f"), mine);
        conflict.theirs.insert(QStringLiteral("f"), theirs);
        const RowMerge merge(conflict);
        QCOMPARE(merge.state(QStringLiteral("f")), state);
        QCOMPARE(merge.isComplete(), state != RowMerge::FieldState::BothDifferent);
    }

    void shouldMergeOneSidedChangesWithoutAsking()
    {
        if (!TestDatabase::onSqliteRow())
            QSKIP("No database involved: run once, on the SQLite row");
        const RowMerge merge(sampleConflict(), columns(), keys());
        const QVariantMap expected{{QStringLiteral("name"), QStringLiteral("green apple")},
                                   {QStringLiteral("note"), QStringLiteral("ripe")}};
        QCOMPARE(merge.autoMerged(), expected);
        QCOMPARE(merge.unresolvedFields(), QStringList{QStringLiteral("qty")});
        QVERIFY(!merge.isComplete());
        QVERIFY(!merge.result(QStringLiteral("qty")).isValid());
        // Until qty is chosen, it is left out so that it would keep its current value.
        QVERIFY(!merge.mergedValues().contains(QStringLiteral("qty")));
    }

    void shouldApplyEachChoice_data()
    {
        QTest::addColumn<int>("choice");
        QTest::addColumn<QVariant>("custom");
        QTest::addColumn<QVariant>("qty");
        QTest::newRow("mine") << int(RowMerge::Choice::Mine) << QVariant() << QVariant(11);
        QTest::newRow("theirs") << int(RowMerge::Choice::Theirs) << QVariant() << QVariant(12);
        QTest::newRow("custom") << int(RowMerge::Choice::Custom) << QVariant(23) << QVariant(23);
        QTest::newRow("custom null") << int(RowMerge::Choice::Custom) << QVariant(QMetaType(QMetaType::Int))
                                     << QVariant(QMetaType(QMetaType::Int));
    }
    void shouldApplyEachChoice()
    {
        if (!TestDatabase::onSqliteRow())
            QSKIP("No database involved: run once, on the SQLite row");
        QFETCH(int, choice);
        QFETCH(QVariant, custom);
        QFETCH(QVariant, qty);
        RowMerge merge(sampleConflict(), columns(), keys());
        QVERIFY(merge.setChoice(QStringLiteral("qty"), RowMerge::Choice(choice), custom));
        QVERIFY(merge.isComplete());
        QCOMPARE(merge.choice(QStringLiteral("qty")), RowMerge::Choice(choice));
        const QVariantMap values = merge.mergedValues();
        QCOMPARE(values.keys(), (QStringList{QStringLiteral("name"), QStringLiteral("note"), QStringLiteral("qty")}));
        QCOMPARE(values.value(QStringLiteral("name")).toString(), QStringLiteral("green apple"));
        QCOMPARE(values.value(QStringLiteral("note")).toString(), QStringLiteral("ripe"));
        QCOMPARE(values.value(QStringLiteral("qty")).isNull(), qty.isNull());
        QCOMPARE(values.value(QStringLiteral("qty")).toInt(), qty.toInt());

        QVERIFY(merge.setChoice(QStringLiteral("qty"), RowMerge::Choice::Automatic));
        QVERIFY(!merge.isComplete());
    }

    void shouldLetAChoiceOverrideAnAutomaticMerge()
    {
        if (!TestDatabase::onSqliteRow())
            QSKIP("No database involved: run once, on the SQLite row");
        RowMerge merge(sampleConflict(), columns(), keys());
        QVERIFY(merge.setChoice(QStringLiteral("note"), RowMerge::Choice::Mine));
        QCOMPARE(merge.result(QStringLiteral("note")).toString(), QStringLiteral("fresh"));
        QVERIFY(merge.setChoice(QStringLiteral("name"), RowMerge::Choice::Theirs));
        QCOMPARE(merge.result(QStringLiteral("name")).toString(), QStringLiteral("apple"));
    }

    void shouldNeverMergeKeyColumns()
    {
        if (!TestDatabase::onSqliteRow())
            QSKIP("No database involved: run once, on the SQLite row");
        RowMerge merge(sampleConflict(), columns(), keys());
        QVERIFY(!merge.setChoice(QStringLiteral("version"), RowMerge::Choice::Mine));
        QVERIFY(!merge.setChoice(QStringLiteral("id"), RowMerge::Choice::Custom, 7));
        QVERIFY(!merge.setChoice(QStringLiteral("nope"), RowMerge::Choice::Mine));
        QVERIFY(merge.setChoice(QStringLiteral("qty"), RowMerge::Choice::Mine));
        QVERIFY(!merge.mergedValues().contains(QStringLiteral("id")));
        QVERIFY(!merge.mergedValues().contains(QStringLiteral("version")));
        QVERIFY(!merge.keepMineValues().contains(QStringLiteral("version")));
        QCOMPARE(merge.result(QStringLiteral("version")).toInt(), 2);
        QCOMPARE(merge.fields(), columns());
    }

    void shouldOrderFieldsByNameWithoutColumns()
    {
        if (!TestDatabase::onSqliteRow())
            QSKIP("No database involved: run once, on the SQLite row");
        const RowMerge merge(sampleConflict());
        QCOMPARE(merge.fields(), (QStringList{QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("note"),
                                             QStringLiteral("qty"), QStringLiteral("version")}));
        // Without key columns, the version is just a field they changed.
        QCOMPARE(merge.state(QStringLiteral("version")), RowMerge::FieldState::TheirsOnly);
    }

    void shouldOverlayMyChangesOnTheirsToKeepMine()
    {
        if (!TestDatabase::onSqliteRow())
            QSKIP("No database involved: run once, on the SQLite row");
        const RowMerge merge(sampleConflict(), columns(), keys());
        const QVariantMap expected{{QStringLiteral("name"), QStringLiteral("green apple")},
                                   {QStringLiteral("qty"), 11},
                                   {QStringLiteral("note"), QStringLiteral("ripe")}};
        QCOMPARE(merge.keepMineValues(), expected);
    }

    void shouldOfferMyRowWhenTheirsWasDeleted()
    {
        if (!TestDatabase::onSqliteRow())
            QSKIP("No database involved: run once, on the SQLite row");
        Conflict conflict = sampleConflict();
        conflict.kind = Conflict::Kind::Deleted;
        conflict.theirs.clear();
        conflict.currentVersion = QVariant();
        RowMerge merge(conflict, columns(), keys());
        QVERIFY(merge.isDeleted());
        QVERIFY(merge.isComplete());
        QCOMPARE(merge.state(QStringLiteral("qty")), RowMerge::FieldState::MineOnly);
        QCOMPARE(merge.state(QStringLiteral("note")), RowMerge::FieldState::Unchanged);
        QVERIFY(merge.theirValue(QStringLiteral("note")).isNull());
        const QVariantMap expected{{QStringLiteral("name"), QStringLiteral("green apple")},
                                   {QStringLiteral("qty"), 11},
                                   {QStringLiteral("note"), QStringLiteral("fresh")}};
        QCOMPARE(merge.mergedValues(), expected);
        QCOMPARE(merge.keepMineValues(), expected);
    }

    void shouldSaveTheMergeAgainstTheirVersion()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QString error = m_db->createItemsWithNotes();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        QVERIFY(alice.isOpen() && bob.isOpen());

        {
            VersionedTableModel model(nullptr, alice);
            QAbstractItemModelTester tester(&model);
            model.setTable(QStringLiteral("items"));
            model.setSort(0, Qt::AscendingOrder);
            QVERIFY(model.select());
            const int row = model.rowForKey(1);
            QVERIFY(row >= 0);
            QVERIFY(model.setData(model.index(row, model.fieldIndex(QStringLiteral("name"))), QStringLiteral("green apple")));
            QVERIFY(model.setData(model.index(row, model.fieldIndex(QStringLiteral("qty"))), 11));

            // Bob saves qty and note after Alice loaded the row.
            BatchSubmitter bobs(bob);
            const SubmitResult bobSaved = bobs.submit({update(1, 1, {{QStringLiteral("qty"), 12},
                                                                     {QStringLiteral("note"), QStringLiteral("ripe")}})});
            QVERIFY2(bobSaved.allSaved(), qPrintable(bobSaved.summary()));

            QVERIFY(!model.submitAll());
            QCOMPARE(model.lastSubmitResult().conflictCount(), 1);
            const Conflict conflict = model.index(row, 0).data(VersionedTableModel::ConflictRole).value<Conflict>();
            QCOMPARE(conflict.kind, Conflict::Kind::Modified);

            QStringList columns;
            for (int c = 0; c < model.columnCount(); ++c)
                columns.append(model.record().fieldName(c));
            RowMerge merge(conflict, columns, {model.primaryKeyName(), model.versionPolicy().column});
            QCOMPARE(merge.unresolvedFields(), QStringList{QStringLiteral("qty")});
            QCOMPARE(merge.state(QStringLiteral("note")), RowMerge::FieldState::TheirsOnly);
            QCOMPARE(merge.state(QStringLiteral("name")), RowMerge::FieldState::MineOnly);
            QVERIFY(merge.setChoice(QStringLiteral("qty"), RowMerge::Choice::Custom, 23));
            QVERIFY(merge.isComplete());

            QVERIFY(model.resolveConflict(row, merge.mergedValues()));
            // Carol saves once more before Alice's merge goes in: the merge conflicts again.
            QSqlDatabase carol = m_db->connect(QStringLiteral("carol"));
            {
                BatchSubmitter carols(carol);
                const SubmitResult carolSaved = carols.submit({update(1, 2, {{QStringLiteral("note"), QStringLiteral("sold")}})});
                QVERIFY2(carolSaved.allSaved(), qPrintable(carolSaved.summary()));
            }
            QVERIFY(!model.submitAll());
            QCOMPARE(model.rowState(row), VersionedTableModel::RowState::Conflict);
            QCOMPARE(rowText(alice, 1), QStringLiteral("apple|12|sold|v3"));

            const Conflict again = model.index(row, 0).data(VersionedTableModel::ConflictRole).value<Conflict>();
            QCOMPARE(again.expectedVersion.toInt(), 2);
            QCOMPARE(again.currentVersion.toInt(), 3);
            RowMerge second(again, columns, {model.primaryKeyName(), model.versionPolicy().column});
            // My merge against version 2 changed name and qty; Carol changed only the note.
            QVERIFY(second.isComplete());
            QVERIFY(model.resolveConflict(row, second.mergedValues()));
            QVERIFY2(model.submitAll(), qPrintable(model.lastSubmitResult().summary()));
            QCOMPARE(rowText(bob, 1), QStringLiteral("green apple|23|sold|v4"));
            QCOMPARE(rowText(bob, 2), QStringLiteral("pear|20|hard|v1"));
        }
        alice = QSqlDatabase();
        bob = QSqlDatabase();
    }
};

QTEST_MAIN(tst_RowMerge)
#include "tst_rowmerge.moc"
