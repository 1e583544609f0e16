#include "batchsubmitter.h"
#include "versionedwriter.h"

#include "testdatabase.h"

#include <QSqlQuery>
#include <QTest>

using namespace Concord;

class tst_BatchSubmitter : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_db;

    void createItems()
    {
        const QString error = m_db->exec({
            QStringLiteral("CREATE TABLE items (id INTEGER PRIMARY KEY, name %1, qty INTEGER, version BIGINT)").arg(m_db->text()),
            QStringLiteral("INSERT INTO items (id, name, qty, version) VALUES (1, 'apple', 10, 1), (2, 'pear', 20, 1), (3, 'plum', 30, 1)"),
        });
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    static QVariant value(QSqlDatabase db, const QString &sql)
    {
        QSqlQuery query(db);
        if (!query.exec(sql) || !query.next())
            return QStringLiteral("<error>");
        return query.value(0);
    }

    static RowEdit update(qint64 pk, qint64 version, const QString &column, const QVariant &value)
    {
        RowEdit edit;
        edit.table = QStringLiteral("items");
        edit.pk = pk;
        edit.version = version;
        edit.changes.insert(column, value);
        return edit;
    }

private Q_SLOTS:
    void shouldSaveAndBumpVersion_data() { TestDatabase::addDialectRows(); }
    void shouldSaveAndBumpVersion()
    {
        QFETCH(QString, dialect);
        m_db = std::make_unique<TestDatabase>(dialect);
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        createItems();
        QSqlDatabase db = m_db->connect();
        QVERIFY2(db.isOpen(), qPrintable(m_db->error()));

        BatchSubmitter submitter(db);
        const SubmitResult result = submitter.submit({update(1, 1, QStringLiteral("qty"), 11)});
        QVERIFY2(result.committed, qPrintable(result.error.message));
        QCOMPARE(result.rows.size(), 1);
        QCOMPARE(result.rows.first().status, RowOutcome::Status::Saved);
        QCOMPARE(result.rows.first().version.toLongLong(), 2);
        QCOMPARE(value(db, QStringLiteral("SELECT qty FROM items WHERE id = 1")).toInt(), 11);
        QCOMPARE(value(db, QStringLiteral("SELECT version FROM items WHERE id = 1")).toInt(), 2);
        m_db.reset();
    }

    void shouldReportModifiedAndDeletedConflicts_data() { TestDatabase::addDialectRows(); }
    void shouldReportModifiedAndDeletedConflicts()
    {
        QFETCH(QString, dialect);
        m_db = std::make_unique<TestDatabase>(dialect);
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        createItems();
        QSqlDatabase alice = m_db->connect(QStringLiteral("alice"));
        QSqlDatabase bob = m_db->connect(QStringLiteral("bob"));

        // Bob saves row 1 and deletes row 2 after Alice loaded them at version 1.
        BatchSubmitter bobs(bob);
        RowEdit gone;
        gone.op = RowEdit::Op::Delete;
        gone.table = QStringLiteral("items");
        gone.pk = 2;
        gone.version = 1;
        const SubmitResult first = bobs.submit({update(1, 1, QStringLiteral("name"), QStringLiteral("bob")), gone});
        QVERIFY2(first.allSaved(), qPrintable(first.summary()));

        BatchSubmitter alices(alice);
        const SubmitResult result = alices.submit({update(1, 1, QStringLiteral("qty"), 99),
                                                   update(2, 1, QStringLiteral("qty"), 99),
                                                   update(3, 1, QStringLiteral("qty"), 99)});
        QVERIFY(result.committed);
        QCOMPARE(result.rows.at(0).status, RowOutcome::Status::Conflict);
        QCOMPARE(result.rows.at(0).conflict->kind, Conflict::Kind::Modified);
        QCOMPARE(result.rows.at(0).conflict->theirs.value(QStringLiteral("name")).toString(), QStringLiteral("bob"));
        QCOMPARE(result.rows.at(0).conflict->currentVersion.toInt(), 2);
        QCOMPARE(result.rows.at(1).status, RowOutcome::Status::Conflict);
        QCOMPARE(result.rows.at(1).conflict->kind, Conflict::Kind::Deleted);
        QCOMPARE(result.rows.at(2).status, RowOutcome::Status::Saved);
        QCOMPARE(value(alice, QStringLiteral("SELECT qty FROM items WHERE id = 1")).toInt(), 10);
        QCOMPARE(value(alice, QStringLiteral("SELECT qty FROM items WHERE id = 3")).toInt(), 99);
        m_db.reset();
    }
};

QTEST_MAIN(tst_BatchSubmitter)
#include "tst_batchsubmitter.moc"
