#include "listfilter.h"
#include "sqldialect.h"

#include "testdatabase.h"

#include <QSqlQuery>
#include <QTest>

using namespace Concord;

// ListFilter's clause and distinct values, run against each database.
class tst_ListFilter : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_db;
    QSqlDatabase m_conn;
    std::unique_ptr<SqlDialect> m_dialect;

    // The ids of items the clause selects, in order.
    QList<int> ids(const ListFilter &filter)
    {
        QList<int> found;
        QSqlQuery query(m_conn);
        const QString where = filter.whereClause(*m_dialect, m_conn);
        if (!query.exec(QStringLiteral("SELECT id FROM items%1 ORDER BY id")
                                .arg(where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where))) {
            qWarning() << query.lastError().text();
            return {-1};
        }
        while (query.next())
            found.append(query.value(0).toInt());
        return found;
    }

    static FilterChoice equals(const char *column, const QVariant &value)
    {
        return {QLatin1String(column), FilterChoice::Kind::Equals, value, {}, {}, value.toString()};
    }

private slots:
    void initTestCase_data() { TestDatabase::addDialectRows(); }

    void init()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        // apple 10, pear 20, plum 30, fig 40, and one more pear.
        QCOMPARE(m_db->createItems(4), QString());
        QCOMPARE(m_db->exec(QStringLiteral("INSERT INTO items (id, name, qty, version) VALUES (5, 'pear', 10, 1)")), QString());
        m_conn = m_db->connect(QStringLiteral("filter"));
        m_dialect = SqlDialect::create(m_conn);
        QVERIFY(m_dialect);
    }

    void cleanup()
    {
        m_dialect.reset();
        m_conn = QSqlDatabase();
        m_db.reset();
    }

    void shouldOrWithinAColumnAndAndAcrossColumns()
    {
        ListFilter filter;
        QCOMPARE(filter.whereClause(*m_dialect, m_conn), QString());
        QVERIFY(filter.add(equals("name", QStringLiteral("pear"))));
        QVERIFY(!filter.add(equals("name", QStringLiteral("pear"))));
        QCOMPARE(ids(filter), QList<int>({2, 5}));
        QVERIFY(filter.add(equals("qty", 10)));
        QCOMPARE(ids(filter), QList<int>({5}));
        QVERIFY(filter.add(equals("name", QStringLiteral("apple"))));
        QCOMPARE(ids(filter), QList<int>({1, 5}));
        QVERIFY(filter.remove(equals("qty", 10)));
        QCOMPARE(ids(filter), QList<int>({1, 2, 5}));
    }

    void shouldKeepAHostileValueAValue()
    {
        ListFilter filter;
        filter.add(equals("name", QStringLiteral("x' OR '1'='1")));
        QCOMPARE(ids(filter), QList<int>());
        filter.clear();
        filter.add(equals("name", QStringLiteral("\\' OR 1=1 --")));
        QCOMPARE(ids(filter), QList<int>());
    }

    void shouldCountDistinctValuesUpToALimit()
    {
        const auto names = ListFilter::distinctValues(m_conn, *m_dialect, QStringLiteral("items"), QStringLiteral("name"), 4);
        QVERIFY2(names.ok(), qPrintable(names.error().message));
        QVERIFY(!names->tooMany);
        QCOMPARE(names->values.size(), 4);
        QCOMPARE(names->values.at(2).value.toString(), QStringLiteral("pear"));
        QCOMPARE(names->values.at(2).count, 2);

        const auto fewer = ListFilter::distinctValues(m_conn, *m_dialect, QStringLiteral("items"), QStringLiteral("name"), 3);
        QVERIFY(fewer.ok());
        QVERIFY(fewer->tooMany);
        QVERIFY(fewer->values.isEmpty());

        const auto missing = ListFilter::distinctValues(m_conn, *m_dialect, QStringLiteral("items"), QStringLiteral("nope"), 3);
        QVERIFY(!missing.ok());
    }
};

QTEST_MAIN(tst_ListFilter)
#include "tst_listfilter.moc"
