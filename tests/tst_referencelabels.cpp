#include "referencelabels.h"
#include "session.h"
#include "tableschema.h"
#include "versionedtablemodel.h"

#include "testdatabase.h"

#include <QSqlQuery>
#include <QTest>

using namespace Concord;

// Labels of foreign keys on every dialect: the default label column, labels read for many
// keys at once, the paged search, the registry a second connection reads, the tables that
// refer to a table, and the model's ReferenceLabelRole.
class tst_ReferenceLabels : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_db;

    void openShop()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        const QString text = m_db->text();
        const QString error = m_db->exec({
            QStringLiteral("CREATE TABLE buyers (id INTEGER PRIMARY KEY, code %1 NOT NULL, name %1 NOT NULL, email %1)").arg(text),
            QStringLiteral("INSERT INTO buyers (id, code, name, email) VALUES (1, 'C1', 'Ada Costa', 'ada@x.test'), "
                           "(2, 'C2', 'Bob Marley', 'bob@x.test'), (3, 'C3', 'Carla Bruni', 'carla@x.test'), "
                           "(4, 'C4', 'adam Smith', NULL), (5, 'C5', 'Zoe Ball', 'zoe@x.test')"),
            QStringLiteral("CREATE TABLE sales (id INTEGER PRIMARY KEY, buyer_id INTEGER, qty INTEGER, version BIGINT, "
                           "FOREIGN KEY (buyer_id) REFERENCES buyers(id))"),
            QStringLiteral("INSERT INTO sales (id, buyer_id, qty, version) VALUES (10, 1, 5, 1), (11, 2, 6, 1), "
                           "(12, 1, 7, 1), (13, NULL, 8, 1)"),
        });
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    QString defaultOf(const QString &create)
    {
        if (const QString error = m_db->exec(create); !error.isEmpty())
            return QStringLiteral("<") + error + QLatin1Char('>');
        QSqlDatabase db = m_db->connect(QStringLiteral("schema"));
        const auto schema = TableSchema::load(db, QStringLiteral("t"));
        const QString chosen = schema ? ReferenceLabels::defaultLabelColumn(*schema) : QStringLiteral("<no table>");
        m_db->exec(QStringLiteral("DROP TABLE t"));
        return chosen;
    }

    static QStringList texts(const ReferenceLabels::Page &page)
    {
        QStringList out;
        for (const ReferenceLabels::Entry &entry : page.entries)
            out.append(entry.label + QLatin1Char('=') + entry.key.toString());
        return out;
    }

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addDialectRows(); }

    void shouldChooseTheDefaultLabelColumn()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        const QString text = m_db->text();
        // A name beats an earlier NOT NULL text column; a NOT NULL text column beats a nullable name.
        QCOMPARE(defaultOf(QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, sku %1 NOT NULL, name %1 NOT NULL)").arg(text)),
                 QStringLiteral("name"));
        QCOMPARE(defaultOf(QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, title %1, code %1 NOT NULL)").arg(text)),
                 QStringLiteral("code"));
        QCOMPARE(defaultOf(QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, nick %1 NOT NULL, email %1 NOT NULL)").arg(text)),
                 QStringLiteral("email"));
        QCOMPARE(defaultOf(QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, note %1, full_name %1)").arg(text)),
                 QStringLiteral("full_name"));
        // No text column at all: no label, the key is shown.
        QCOMPARE(defaultOf(QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, qty INTEGER NOT NULL)")), QString());
        // A text key is no label of itself.
        QCOMPARE(defaultOf(QStringLiteral("CREATE TABLE t (code VARCHAR(20) PRIMARY KEY, qty INTEGER)")), QString());
    }

    void shouldReadLabelsOfManyKeysAtOnce()
    {
        openShop();
        QSqlDatabase db = m_db->connect(QStringLiteral("alice"));
        const auto session = Session::of(db);
        ReferenceLabels labels(db, session->dialect());
        QCOMPARE(*labels.labelColumn(QStringLiteral("buyers")), QStringLiteral("name"));
        const auto read = labels.labels(QStringLiteral("buyers"), QStringLiteral("id"), {1, 3, 99, QVariant(), 1});
        QVERIFY2(read, qPrintable(read.error().message));
        QCOMPARE(read->value(QStringLiteral("1")), QStringLiteral("Ada Costa"));
        QCOMPARE(read->value(QStringLiteral("3")), QStringLiteral("Carla Bruni"));
        // A key with no row has an empty label, and is remembered as such.
        QVERIFY(read->contains(QStringLiteral("99")));
        QCOMPARE(read->value(QStringLiteral("99")), QString());
        QCOMPARE(labels.cached(QStringLiteral("buyers"), QStringLiteral("id"), 3), QStringLiteral("Carla Bruni"));
        QVERIFY(labels.cached(QStringLiteral("buyers"), QStringLiteral("id"), 2).isNull());

        // Cached: a rename is seen after clear() (a refresh), not before.
        QCOMPARE(m_db->exec(QStringLiteral("UPDATE buyers SET name = 'Ada Lovelace' WHERE id = 1")), QString());
        QCOMPARE(labels.labels(QStringLiteral("buyers"), QStringLiteral("id"), {1})->value(QStringLiteral("1")),
                 QStringLiteral("Ada Costa"));
        labels.clear();
        QCOMPARE(labels.labels(QStringLiteral("buyers"), QStringLiteral("id"), {1})->value(QStringLiteral("1")),
                 QStringLiteral("Ada Lovelace"));
    }

    void shouldSearchLabelsByPageIgnoringCase()
    {
        openShop();
        QSqlDatabase db = m_db->connect(QStringLiteral("alice"));
        const auto labelsSession = Session::of(db); // the dialect lives in it
        ReferenceLabels labels(db, labelsSession->dialect());
        const auto first = labels.search(QStringLiteral("buyers"), QStringLiteral("id"), QStringLiteral("A"), 2, 0);
        QVERIFY2(first, qPrintable(first.error().message));
        // Every label with an "a" in it, ordered by label: Ada Costa, adam Smith, Bob Marley, Carla Bruni, Zoe Ball.
        QCOMPARE(texts(*first).size(), 2);
        QVERIFY(first->more);
        const auto all = labels.search(QStringLiteral("buyers"), QStringLiteral("id"), QStringLiteral("a"), 10, 0);
        QCOMPARE(all->entries.size(), 5);
        QVERIFY(!all->more);
        const auto third = labels.search(QStringLiteral("buyers"), QStringLiteral("id"), QStringLiteral("a"), 2, 4);
        QCOMPARE(third->entries.size(), 1);
        QVERIFY(!third->more);
        QCOMPARE(texts(*labels.search(QStringLiteral("buyers"), QStringLiteral("id"), QStringLiteral("MARL"), 10)),
                 QStringList{QStringLiteral("Bob Marley=2")});
        // Digits after a percent sign, and wildcards, are text typed, not placeholders or patterns.
        const auto digits = labels.search(QStringLiteral("buyers"), QStringLiteral("id"), QStringLiteral("0"), 10);
        QVERIFY2(digits, qPrintable(digits.error().message));
        QCOMPARE(digits->entries.size(), 0);
        QCOMPARE(labels.search(QStringLiteral("buyers"), QStringLiteral("id"), QStringLiteral("%"), 10)->entries.size(), 0);
        QCOMPARE(*labels.rowCount(QStringLiteral("buyers")), 5);
    }

    void shouldShareTheChosenLabelColumnWithEveryConnection()
    {
        openShop();
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));
        const auto alicesSession = Session::of(alice); // the dialect lives in it
        ReferenceLabels alices(alice, alicesSession->dialect());
        // Reading works, and creates nothing, before anyone chose.
        QCOMPARE(*alices.labelColumn(QStringLiteral("buyers")), QStringLiteral("name"));
        QCOMPARE(*alices.isChosen(QStringLiteral("buyers")), false);
        QVERIFY(alice.record(ReferenceLabels::tableName()).isEmpty());

        // Bad input writes nothing.
        const auto unknown = alices.setLabelColumn(QStringLiteral("buyers"), QStringLiteral("nope"));
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().code, DbError::Code::BadInput);
        QVERIFY(alice.record(ReferenceLabels::tableName()).isEmpty());

        const auto set = alices.setLabelColumn(QStringLiteral("buyers"), QStringLiteral("email"));
        QVERIFY2(set, qPrintable(set.error().message));
        const auto bobsSession = Session::of(bob); // the dialect lives in it
        ReferenceLabels bobs(bob, bobsSession->dialect());
        QCOMPARE(*bobs.labelColumn(QStringLiteral("buyers")), QStringLiteral("email"));
        QCOMPARE(*bobs.isChosen(QStringLiteral("buyers")), true);
        QCOMPARE(bobs.labels(QStringLiteral("buyers"), QStringLiteral("id"), {2})->value(QStringLiteral("2")),
                 QStringLiteral("bob@x.test"));

        QVERIFY(alices.setLabelColumn(QStringLiteral("buyers"), QString()));
        const auto againSession = Session::of(bob); // the dialect lives in it
        ReferenceLabels again(bob, againSession->dialect());
        QCOMPARE(*again.labelColumn(QStringLiteral("buyers")), QStringLiteral("name"));
        QCOMPARE(*again.isChosen(QStringLiteral("buyers")), false);
    }

    void shouldCountTheRowsThatReferToARow()
    {
        openShop();
        QSqlDatabase db = m_db->connect(QStringLiteral("alice"));
        const auto labelsSession = Session::of(db); // the dialect lives in it
        ReferenceLabels labels(db, labelsSession->dialect());
        const auto referrers = labels.referrers(QStringLiteral("buyers"));
        QVERIFY2(referrers, qPrintable(referrers.error().message));
        QCOMPARE(referrers->size(), 1);
        QCOMPARE(referrers->first().table, QStringLiteral("sales"));
        QCOMPARE(referrers->first().column, QStringLiteral("buyer_id"));
        QCOMPARE(referrers->first().referencedColumn, QStringLiteral("id"));
        QCOMPARE(*labels.countReferring(referrers->first(), 1), 2);
        QCOMPARE(*labels.countReferring(referrers->first(), 5), 0);
        QVERIFY(labels.referrers(QStringLiteral("sales"))->isEmpty());
    }

    void shouldShowLabelsThroughTheModelRole()
    {
        openShop();
        QSqlDatabase db = m_db->connect(QStringLiteral("alice"));
        VersionedTableModel model(nullptr, db);
        model.setTable(QStringLiteral("sales"));
        model.setSort(0, Qt::AscendingOrder);
        QVERIFY(model.select());
        const int buyer = model.fieldIndex(QStringLiteral("buyer_id"));
        QCOMPARE(model.index(0, buyer).data(VersionedTableModel::ReferenceLabelRole).toString(), QStringLiteral("Ada Costa"));
        // Read for the rows below at the same time: already cached.
        QCOMPARE(model.referenceLabels().cached(QStringLiteral("buyers"), QStringLiteral("id"), 2), QStringLiteral("Bob Marley"));
        QCOMPARE(model.index(1, buyer).data(VersionedTableModel::ReferenceLabelRole).toString(), QStringLiteral("Bob Marley"));
        // NULL, and columns that are no foreign key, have no label; the key stays the value.
        QVERIFY(!model.index(3, buyer).data(VersionedTableModel::ReferenceLabelRole).isValid());
        QVERIFY(!model.index(0, model.fieldIndex(QStringLiteral("qty"))).data(VersionedTableModel::ReferenceLabelRole).isValid());
        QCOMPARE(model.index(0, buyer).data(Qt::DisplayRole).toInt(), 1);
        // A pending edit shows the label of the new key.
        QVERIFY(model.setData(model.index(0, buyer), 3));
        QCOMPARE(model.index(0, buyer).data(VersionedTableModel::ReferenceLabelRole).toString(), QStringLiteral("Carla Bruni"));
    }
};

QTEST_MAIN(tst_ReferenceLabels)
#include "tst_referencelabels.moc"
