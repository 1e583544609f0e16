#include "conflictreportdialog.h"
#include "actionrunner.h"
#include "adminaction.h"
#include "rowstatedelegate.h"
#include "versionedtablemodel.h"

#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableWidget>
#include <QTest>

using namespace Concord;

class tst_ConflictReportDialog : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_db;
    QSqlDatabase m_alice;
    QSqlDatabase m_bob;
    std::unique_ptr<VersionedTableModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;

    // A fresh items table holding @p values, and Alice's grid on it; Bob has a connection
    // of his own.
    bool openItems(const QString &dialect, const QString &values)
    {
        m_db = std::make_unique<TestDatabase>(dialect);
        if (!m_db->isValid())
            return false;
        const QString error = m_db->exec({
            QStringLiteral("CREATE TABLE items (id INTEGER PRIMARY KEY, name %1, qty INTEGER NOT NULL, version BIGINT)").arg(m_db->text()),
            QStringLiteral("INSERT INTO items (id, name, qty, version) VALUES ") + values,
        });
        if (!error.isEmpty())
            return false;
        m_alice = m_db->connect(QStringLiteral("alice"));
        m_bob = m_db->connect(QStringLiteral("bob"));
        m_model = std::make_unique<VersionedTableModel>(nullptr, m_alice);
        m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get());
        m_model->setTable(QStringLiteral("items"));
        m_model->setSort(0, Qt::AscendingOrder);
        return m_model->select();
    }

    // Alice edits rows 1-4; before she saves, Bob changes 2 and deletes 3, and her edit of 4
    // breaks a NOT NULL constraint: one row of each outcome.
    SubmitResult saveMixedBatch(const QString &dialect, SubmitPolicy policy)
    {
        if (!openItems(dialect, QStringLiteral("(1, 'apple', 10, 1), (2, 'pear', 20, 1), (3, 'plum', 30, 1), (4, 'fig', 40, 1)")))
            return {};
        const int qty = m_model->fieldIndex(QStringLiteral("qty"));
        for (int id = 1; id <= 3; ++id)
            m_model->setData(m_model->index(m_model->rowForKey(id), qty), id * 100);
        m_model->setData(m_model->index(m_model->rowForKey(4), qty), QVariant(QMetaType(QMetaType::Int)));

        VersionedTableModel bobs(nullptr, m_bob);
        bobs.setTable(QStringLiteral("items"));
        bobs.select();
        bobs.setData(bobs.index(bobs.rowForKey(2), bobs.fieldIndex(QStringLiteral("name"))), QStringLiteral("pear, \"conference\""));
        bobs.removeRows(bobs.rowForKey(3), 1);
        if (!bobs.submitAll())
            return {};

        m_model->setSubmitPolicy(policy);
        m_model->submitAll();
        return m_model->lastSubmitResult();
    }

    QString rowText(int id)
    {
        QSqlQuery query(m_bob);
        if (!query.exec(QStringLiteral("SELECT name, qty, version FROM items WHERE id = %1").arg(id)) || !query.next())
            return QStringLiteral("<missing>");
        return QStringLiteral("%1|%2|v%3").arg(query.value(0).toString(), query.value(1).toString(), query.value(2).toString());
    }

    // A small RFC 4180 reader, so the test checks what a spreadsheet would see.
    static QList<QStringList> parseCsv(const QString &csv)
    {
        QList<QStringList> records;
        QStringList record;
        QString field;
        bool quoted = false;
        for (int i = 0; i < csv.size(); ++i) {
            const QChar c = csv.at(i);
            if (quoted) {
                if (c == QLatin1Char('"') && i + 1 < csv.size() && csv.at(i + 1) == QLatin1Char('"')) {
                    field += c;
                    ++i;
                } else if (c == QLatin1Char('"')) {
                    quoted = false;
                } else {
                    field += c;
                }
            } else if (c == QLatin1Char('"')) {
                quoted = true;
            } else if (c == QLatin1Char(',')) {
                record.append(field);
                field.clear();
            } else if (c == QLatin1Char('\r') && i + 1 < csv.size() && csv.at(i + 1) == QLatin1Char('\n')) {
                record.append(field);
                records.append(record);
                record.clear();
                field.clear();
                ++i;
            } else {
                field += c;
            }
        }
        return records;
    }

    static int visibleRows(QTableWidget *table)
    {
        int n = 0;
        for (int r = 0; r < table->rowCount(); ++r)
            n += table->isRowHidden(r) ? 0 : 1;
        return n;
    }

private Q_SLOTS:
    // The tests on a saved batch run once per dialect; those on a made-up result need no
    // database and run on the SQLite row.
    void initTestCase_data() { TestDatabase::addDialectRows(); }
    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
        m_alice = QSqlDatabase();
        m_bob = QSqlDatabase();
        m_db.reset();
    }

    void shouldShowEachRowsOutcome()
    {
        QFETCH_GLOBAL(QString, dialect);
        const SubmitResult result = saveMixedBatch(dialect, SubmitPolicy::Silent);
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QCOMPARE(result.rows.size(), 4);
        QCOMPARE(result.savedCount(), 1);

        ConflictReportDialog dialog(result);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *summary = dialog.findChild<QLabel *>(QStringLiteral("reportSummary"));
        QCOMPARE(summary->text(), result.summary());
        QVERIFY(summary->text().startsWith(QStringLiteral("1 row was saved")));
        QVERIFY(summary->text().contains(QStringLiteral("items 2 was changed by someone else")));

        auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("outcomeTable"));
        QCOMPARE(table->rowCount(), 4);
        QHash<QString, QString> outcomes;
        QHash<QString, QString> details;
        for (int r = 0; r < table->rowCount(); ++r) {
            outcomes.insert(table->item(r, 1)->text(), table->item(r, 3)->text());
            details.insert(table->item(r, 1)->text(), table->item(r, 5)->text());
            QCOMPARE(table->item(r, 0)->text(), QStringLiteral("items"));
        }
        QCOMPARE(outcomes.value(QStringLiteral("1")), QStringLiteral("saved"));
        QCOMPARE(outcomes.value(QStringLiteral("2")), QStringLiteral("changed by someone else"));
        QCOMPARE(outcomes.value(QStringLiteral("3")), QStringLiteral("deleted by someone else"));
        QCOMPARE(outcomes.value(QStringLiteral("4")), QStringLiteral("error"));
        // A row deleted by someone else has the grid's colour for it (violet), not a grey of its own.
        for (int r = 0; r < table->rowCount(); ++r) {
            const QColor shown = table->item(r, 3)->background().color();
            if (table->item(r, 1)->text() == QLatin1String("3"))
                QCOMPARE(shown, RowStateDelegate::stateColor(int(VersionedTableModel::RowState::Gone)));
            if (table->item(r, 1)->text() == QLatin1String("2"))
                QCOMPARE(shown, RowStateDelegate::stateColor(int(VersionedTableModel::RowState::Conflict)));
        }
        QVERIFY(details.value(QStringLiteral("2")).contains(QStringLiteral("they changed: name")));
        // The database's own message is shown for the refused row.
        QVERIFY(!details.value(QStringLiteral("4")).isEmpty());
        QCOMPARE(details.value(QStringLiteral("4")).contains(QStringLiteral("qty"), Qt::CaseInsensitive)
                         || details.value(QStringLiteral("4")).contains(QStringLiteral("null"), Qt::CaseInsensitive),
                 true);

        auto *onlyProblems = dialog.findChild<QCheckBox *>(QStringLiteral("onlyProblemsCheck"));
        QCOMPARE(visibleRows(table), 4);
        QTest::mouseClick(onlyProblems, Qt::LeftButton, {}, QPoint(5, onlyProblems->height() / 2));
        QVERIFY(onlyProblems->isChecked());
        QCOMPARE(visibleRows(table), 3);
        QTest::keyClick(onlyProblems, Qt::Key_Space);
        QCOMPARE(visibleRows(table), 4);
        QVERIFY(dialog.findChild<QPushButton *>(QStringLiteral("retryButton"))->isEnabled());

        if (dialect == QLatin1String("sqlite") && !qEnvironmentVariableIsEmpty("CONCORD_SCREENSHOT_DIR")) {
            const QString dir = qEnvironmentVariable("CONCORD_SCREENSHOT_DIR");
            QDir().mkpath(dir);
            QVERIFY(dialog.grab().save(dir + QStringLiteral("/conflict-report.png")));
        }
    }

    void shouldExportEveryRowAsCsvAndJson()
    {
        QFETCH_GLOBAL(QString, dialect);
        const SubmitResult result = saveMixedBatch(dialect, SubmitPolicy::Silent);
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        ConflictReportDialog dialog(result);
        // The filter narrows the view, never the export.
        dialog.setOnlyProblems(true);

        const QList<QStringList> csv = parseCsv(dialog.toCsv());
        QCOMPARE(csv.size(), 5);
        QCOMPARE(csv.first(), (QStringList{QStringLiteral("table"), QStringLiteral("pk"), QStringLiteral("operation"),
                                           QStringLiteral("outcome"), QStringLiteral("version"), QStringLiteral("details")}));
        QStringList lines;
        for (const QStringList &record : csv.mid(1)) {
            QCOMPARE(record.size(), 6);
            lines.append(record.mid(0, 5).join(QLatin1Char('|')));
        }
        lines.sort();
        QCOMPARE(lines, (QStringList{QStringLiteral("items|1|update|saved|2"),
                                     QStringLiteral("items|2|update|changed by someone else|"),
                                     QStringLiteral("items|3|update|deleted by someone else|"),
                                     QStringLiteral("items|4|update|error|")}));

        QJsonParseError error;
        const QJsonDocument json = QJsonDocument::fromJson(dialog.toJson(), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(json[QStringLiteral("summary")].toString(), result.summary());
        QCOMPARE(json[QStringLiteral("committed")].toBool(), true);
        const QJsonArray rows = json[QStringLiteral("rows")].toArray();
        QCOMPARE(rows.size(), 4);
        QHash<qint64, QJsonObject> byKey;
        for (const QJsonValue &row : rows)
            byKey.insert(row[QStringLiteral("pk")].toInteger(), row.toObject());
        QCOMPARE(byKey.value(1).value(QStringLiteral("status")).toString(), QStringLiteral("saved"));
        QCOMPARE(byKey.value(1).value(QStringLiteral("version")).toInteger(), 2);
        QCOMPARE(byKey.value(2).value(QStringLiteral("reason")).toString(), QStringLiteral("modified"));
        QCOMPARE(byKey.value(2).value(QStringLiteral("theirs")).toObject().value(QStringLiteral("name")).toString(),
                 QStringLiteral("pear, \"conference\""));
        QCOMPARE(byKey.value(2).value(QStringLiteral("currentVersion")).toInteger(), 2);
        QCOMPARE(byKey.value(3).value(QStringLiteral("reason")).toString(), QStringLiteral("deleted"));
        QCOMPARE(byKey.value(4).value(QStringLiteral("status")).toString(), QStringLiteral("error"));
        QVERIFY(!byKey.value(4).value(QStringLiteral("message")).toString().isEmpty());
    }

    void shouldQuoteCsvFieldsWithCommasQuotesAndLineBreaks()
    {
        if (!TestDatabase::onSqliteRow())
            QSKIP("No database involved: run once, on the SQLite row");
        SubmitResult result;
        result.committed = true;
        RowOutcome row;
        row.table = QStringLiteral("items");
        row.pk = QStringLiteral("a,b");
        row.status = RowOutcome::Status::Error;
        row.error.code = DbError::Code::Database;
        row.error.message = QStringLiteral("Could not save \"a,b\":\nline two\r\nline three");
        result.rows.append(row);
        row.pk = QStringLiteral("plain");
        row.status = RowOutcome::Status::Saved;
        row.version = 7;
        result.rows.append(row);
        const ConflictReportDialog dialog(result);
        const QString text = dialog.toCsv();
        QVERIFY(text.contains(QStringLiteral("\"a,b\"")));
        QVERIFY(text.contains(QStringLiteral("\"\"a,b\"\"")));
        const QList<QStringList> csv = parseCsv(text);
        QCOMPARE(csv.size(), 3);
        QCOMPARE(csv.at(1).at(1), QStringLiteral("a,b"));
        QCOMPARE(csv.at(1).at(5), row.error.message);
        QCOMPARE(csv.at(2), (QStringList{QStringLiteral("items"), QStringLiteral("plain"), QStringLiteral("update"),
                                         QStringLiteral("saved"), QStringLiteral("7"), QString()}));
    }

    // Issue 11: an action on "all N matching" lists only the rows it did not do and counts
    // the others; the report says how many were saved, lists the rest, and its JSON counts
    // them. Rolled back, the counted rows are no longer said to be saved.
    void shouldCountTheRowsALargeActionDidNotList()
    {
        if (!TestDatabase::onSqliteRow())
            QSKIP("No database involved: run once, on the SQLite row");
        SubmitResult result;
        result.committed = true;
        result.unlistedCount = 5000;
        result.unlistedStatus = RowOutcome::Status::Saved;
        RowOutcome row;
        row.table = QStringLiteral("items");
        row.pk = 14;
        row.status = RowOutcome::Status::Conflict;
        Conflict conflict;
        conflict.table = row.table;
        conflict.pk = row.pk;
        conflict.kind = Conflict::Kind::Deleted;
        row.conflict = conflict;
        result.rows.append(row);
        QCOMPARE(result.total(), 5001);
        QVERIFY(!result.allSaved());
        {
            const ConflictReportDialog dialog(result);
            QCOMPARE(dialog.findChild<QTableWidget *>(QStringLiteral("outcomeTable"))->rowCount(), 1);
            const QString summary = dialog.findChild<QLabel *>(QStringLiteral("reportSummary"))->text();
            // Grouped as the locale writes numbers ("5,000" in English).
            QVERIFY2(summary.startsWith(QLocale().toString(5000) + QLatin1String(" rows were saved")), qPrintable(summary));
            const QJsonObject json = QJsonDocument::fromJson(dialog.toJson()).object();
            QCOMPARE(json.value(QStringLiteral("rows")).toArray().size(), 1);
            QCOMPARE(json.value(QStringLiteral("unlisted")).toObject().value(QStringLiteral("count")).toInt(), 5000);
            QCOMPARE(json.value(QStringLiteral("unlisted")).toObject().value(QStringLiteral("status")).toString(),
                     QStringLiteral("saved"));
        }
        result.rollBack(DbError::badInput(QStringLiteral("The commit failed.")));
        QCOMPARE(result.savedCount(), 0);
        QCOMPARE(result.count(RowOutcome::Status::RolledBack), 5000);
        const ConflictReportDialog dialog(result);
        const QString summary = dialog.findChild<QLabel *>(QStringLiteral("reportSummary"))->text();
        QVERIFY2(summary.startsWith(QLatin1String("Nothing was saved")), qPrintable(summary));
        QCOMPARE(QJsonDocument::fromJson(dialog.toJson()).object().value(QStringLiteral("unlisted")).toObject()
                         .value(QStringLiteral("status")).toString(),
                 QStringLiteral("rolled back"));
    }

    void shouldReportRolledBackRowsUnderAbortAll()
    {
        QFETCH_GLOBAL(QString, dialect);
        const SubmitResult result = saveMixedBatch(dialect, SubmitPolicy::AbortAll);
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QVERIFY(!result.committed);
        const ConflictReportDialog dialog(result);
        auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("outcomeTable"));
        QStringList outcomes;
        for (int r = 0; r < table->rowCount(); ++r)
            outcomes.append(table->item(r, 3)->text());
        QVERIFY(!outcomes.contains(QStringLiteral("saved")));
        QVERIFY(outcomes.contains(QStringLiteral("changed by someone else")));
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("reportSummary"))->text().startsWith(QStringLiteral("Nothing was saved")));
        QCOMPARE(rowText(1), QStringLiteral("apple|10|v1"));
    }

    void shouldSayWhyRowsWereNotWritten()
    {
        // An action on rows 1-3 after Bob changed row 2: it never runs. Rows 1 and 3 were
        // not reached by a batch that stopped; they were refused with the whole action.
        QFETCH_GLOBAL(QString, dialect);
        const bool opened = openItems(dialect, QStringLiteral("(1, 'apple', 10, 1), (2, 'pear', 20, 1), (3, 'plum', 30, 1)"));
        QVERIFY2(opened, qPrintable(m_db->error()));
        QCOMPARE(m_db->exec(QStringLiteral("UPDATE items SET qty = 21, version = 2 WHERE id = 2")), QString());
        SubmitResult refused;
        {
            ActionRunner runner(m_alice);
            refused = runner.run(QStringLiteral("items"), {RowRef{1, 1}, RowRef{2, 1}, RowRef{3, 1}},
                                 AdminAction::setField(QStringLiteral("qty"), 0));
        }
        QVERIFY(!refused.committed);
        const ConflictReportDialog dialog(refused);
        auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("outcomeTable"));
        QCOMPARE(table->rowCount(), 3);
        QStringList lines;
        for (int r = 0; r < table->rowCount(); ++r)
            lines.append(table->item(r, 1)->text() + QLatin1Char('|') + table->item(r, 3)->text() + QLatin1Char('|')
                         + table->item(r, 5)->text());
        const QString notWritten = QStringLiteral("not attempted|not written: another row was changed by someone else");
        QCOMPARE(lines, (QStringList{QStringLiteral("1|") + notWritten,
                                     QStringLiteral("2|changed by someone else|you loaded version 1, now 2"),
                                     QStringLiteral("3|") + notWritten}));

        // A cancelled save says so.
        SubmitResult cancelled;
        cancelled.error.code = DbError::Code::Cancelled;
        cancelled.error.message = QStringLiteral("The save was cancelled; nothing was written.");
        RowOutcome row;
        row.table = QStringLiteral("items");
        row.pk = 1;
        cancelled.rows.append(row);
        const ConflictReportDialog cancelledDialog(cancelled);
        QCOMPARE(cancelledDialog.findChild<QTableWidget *>(QStringLiteral("outcomeTable"))->item(0, 5)->text(),
                 QStringLiteral("not written: the save was cancelled"));
    }

    void shouldRetryChangedRowsAgainstTheirCurrentVersions()
    {
        QFETCH_GLOBAL(QString, dialect);
        const SubmitResult result = saveMixedBatch(dialect, SubmitPolicy::Silent);
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        ConflictReportDialog dialog(result);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QSignalSpy retry(&dialog, &ConflictReportDialog::retryRequested);
        QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("retryButton")), Qt::LeftButton);
        QCOMPARE(retry.count(), 1);
        QVERIFY(!dialog.isVisible());

        // What the main window does on retryRequested: only the changed row is re-made (Bob
        // changed its name, Alice its quantity: the merge needs no choice); the row Bob
        // deleted is never retried, and the refused row is not a conflict.
        const ConflictReportDialog::Retry retried = dialog.retryChangedRows(m_model.get());
        QCOMPARE(retried.merged, QList<QVariant>{2});
        QCOMPARE(retried.deleted, QList<QVariant>{3});
        QVERIFY(retried.needChoice.isEmpty());
        QVERIFY(retried.changedDeletes.isEmpty());
        // Already re-made: nothing is in conflict any more, so a second retry re-makes nothing.
        QVERIFY(ConflictReportDialog::retryChangedRows(result, m_model.get()).merged.isEmpty());
        m_model->revertRows({m_model->rowForKey(3), m_model->rowForKey(4)});
        QVERIFY2(m_model->submitAll(), qPrintable(m_model->lastSubmitResult().summary()));
        QCOMPARE(rowText(2), QStringLiteral("pear, \"conference\"|200|v3"));
        QCOMPARE(rowText(1), QStringLiteral("apple|100|v2"));
    }

    // Retry used to re-make every changed row as "their row with my changed fields on top":
    // a field both sides changed silently got mine. Now only a merge that needs no choice
    // is re-made; a field both changed, or a delete of a row they changed, stays in conflict.
    void shouldNeverRetryMineOverTheirs()
    {
        QFETCH_GLOBAL(QString, dialect);
        const bool opened = openItems(dialect, QStringLiteral("(1, 'apple', 10, 1), (2, 'pear', 20, 1), (3, 'plum', 30, 1), (4, 'fig', 40, 1)"));
        QVERIFY2(opened, qPrintable(m_db->error()));
        const int qty = m_model->fieldIndex(QStringLiteral("qty"));
        const int name = m_model->fieldIndex(QStringLiteral("name"));
        // Alice: quantity of 1, 2 and 4 (4 to Bob's value too), and 3 marked for deletion.
        QVERIFY(m_model->setData(m_model->index(m_model->rowForKey(1), qty), 111));
        QVERIFY(m_model->setData(m_model->index(m_model->rowForKey(2), qty), 222));
        QVERIFY(m_model->setData(m_model->index(m_model->rowForKey(4), qty), 44));
        QVERIFY(m_model->removeRows(m_model->rowForKey(3), 1));
        {
            // Bob: the quantity of 1 (the same field), the name of 2 and of 3, and 4's quantity
            // to the very value Alice typed.
            VersionedTableModel bobs(nullptr, m_bob);
            bobs.setTable(QStringLiteral("items"));
            bobs.select();
            QVERIFY(bobs.setData(bobs.index(bobs.rowForKey(1), qty), 100));
            QVERIFY(bobs.setData(bobs.index(bobs.rowForKey(2), name), QStringLiteral("conference")));
            QVERIFY(bobs.setData(bobs.index(bobs.rowForKey(3), name), QStringLiteral("damson")));
            QVERIFY(bobs.setData(bobs.index(bobs.rowForKey(4), qty), 44));
            QVERIFY(bobs.submitAll());
        }
        QVERIFY(!m_model->submitAll());
        const SubmitResult result = m_model->lastSubmitResult();
        QCOMPARE(result.conflictCount(), 4);

        const ConflictReportDialog::Retry retry = ConflictReportDialog::retryChangedRows(result, m_model.get());
        QCOMPARE(retry.merged, (QList<QVariant>{2, 4}));
        QCOMPARE(retry.needChoice.size(), 1);
        QCOMPARE(retry.needChoice.constFirst().conflict().pk.toInt(), 1);
        QCOMPARE(retry.needChoice.constFirst().unresolvedFields(), QStringList{QStringLiteral("qty")});
        QCOMPARE(retry.changedDeletes, QList<QVariant>{3});
        QVERIFY(retry.deleted.isEmpty());
        // The rows left for a person keep their conflict and their edit.
        QCOMPARE(m_model->rowState(m_model->rowForKey(1)), VersionedTableModel::RowState::Conflict);
        QCOMPARE(m_model->index(m_model->rowForKey(1), qty).data().toInt(), 111);
        QCOMPARE(m_model->rowState(m_model->rowForKey(3)), VersionedTableModel::RowState::Conflict);

        // Saving again writes the merges and nothing of Alice's over Bob's.
        m_model->submitAll();
        QCOMPARE(rowText(1), QStringLiteral("apple|100|v2"));
        QCOMPARE(rowText(2), QStringLiteral("conference|222|v3"));
        QCOMPARE(rowText(3), QStringLiteral("damson|30|v2"));
        QCOMPARE(rowText(4), QStringLiteral("fig|44|v2"));
        QCOMPARE(m_model->rowState(m_model->rowForKey(1)), VersionedTableModel::RowState::Conflict);
        QCOMPARE(m_model->rowState(m_model->rowForKey(2)), VersionedTableModel::RowState::Clean);
    }

    // An action knows the version it was shown, not the values: its conflicts come without
    // a base, and the details said "they changed: " followed by nothing.
    void shouldLeaveOutAnEmptyListOfChangedFields()
    {
        if (!TestDatabase::onSqliteRow())
            QSKIP("No database involved: run once, on the SQLite row");
        SubmitResult result;
        RowOutcome row;
        row.table = QStringLiteral("items");
        row.pk = 6;
        row.version = 1;
        row.status = RowOutcome::Status::Conflict;
        Conflict conflict;
        conflict.table = row.table;
        conflict.pk = row.pk;
        conflict.versionColumn = QStringLiteral("version");
        conflict.expectedVersion = 1;
        conflict.currentVersion = 2;
        conflict.theirs = {{QStringLiteral("id"), 6}, {QStringLiteral("qty"), 7}, {QStringLiteral("version"), 2}};
        row.conflict = conflict;
        result.rows.append(row);
        const ConflictReportDialog dialog(result);
        const QList<QStringList> csv = parseCsv(dialog.toCsv());
        QCOMPARE(csv.size(), 2);
        QCOMPARE(csv.at(1).at(5), QStringLiteral("you loaded version 1, now 2"));
    }

    void shouldOfferNoRetryWithoutChangedRows()
    {
        if (!TestDatabase::onSqliteRow())
            QSKIP("No database involved: run once, on the SQLite row");
        SubmitResult result;
        result.committed = true;
        RowOutcome row;
        row.table = QStringLiteral("items");
        row.pk = 1;
        row.status = RowOutcome::Status::Saved;
        result.rows.append(row);
        const ConflictReportDialog dialog(result);
        QVERIFY(!dialog.findChild<QPushButton *>(QStringLiteral("retryButton"))->isEnabled());
        QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("reportSummary"))->text(), QStringLiteral("1 row was saved."));
    }
};

QTEST_MAIN(tst_ConflictReportDialog)
#include "tst_conflictreportdialog.moc"
