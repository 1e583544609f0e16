#include "tableindexview.h"
#include "versionregistry.h"

#include "testdatabase.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QTimer>

using namespace Concord;

class tst_TableIndexView : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_db;

    // What another client of the same database reads from the registry for @p table.
    QString registered(const QString &table)
    {
        QSqlDatabase other = m_db->connect(QStringLiteral("other"));
        VersionRegistry registry(other);
        const auto tables = registry.tables();
        if (!tables)
            return QStringLiteral("<error>");
        for (const auto &info : *tables) {
            if (info.table.compare(table, Qt::CaseInsensitive) == 0) {
                if (!info.policy.isVersioned())
                    return QStringLiteral("none");
                return VersionPolicy::kindName(info.policy.kind) + (info.hasTrigger ? QStringLiteral("+trigger") : QString());
            }
        }
        return QStringLiteral("<missing>");
    }

private slots:
    // Every test runs once per dialect.
    void initTestCase_data() { TestDatabase::addDialectRows(); }
    void init()
    {
        QFETCH_GLOBAL(QString, dialect);
        m_db = std::make_unique<TestDatabase>(dialect);
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        const QString error = m_db->exec({
            QStringLiteral("CREATE TABLE notes (id INTEGER PRIMARY KEY, body %1)").arg(m_db->text()),
            QStringLiteral("INSERT INTO notes (id, body) VALUES (1, 'one'), (2, 'two')"),
            QStringLiteral("CREATE TABLE tasks (id INTEGER PRIMARY KEY, title %1, version BIGINT)").arg(m_db->text()),
        });
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void cleanup() { m_db.reset(); }

    void shouldListTablesWithTheirVersioning()
    {
        TableIndexView index;
        index.setDatabase(m_db->connect(QStringLiteral("index")));
        QStringList tables = index.tables();
        tables.sort(Qt::CaseInsensitive);
        QCOMPARE(tables, (QStringList{QStringLiteral("notes"), QStringLiteral("tasks")}));
        QCOMPARE(index.versioningText(QStringLiteral("notes")), QStringLiteral("—"));
        // An integer column named "version" is taken as auto, without registering.
        QCOMPARE(index.versioningText(QStringLiteral("tasks")), QStringLiteral("auto (found)"));

        QSignalSpy activated(&index, &TableIndexView::tableActivated);
        index.setCurrentTable(QStringLiteral("notes"));
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.first().first().toString(), QStringLiteral("notes"));
        QVERIFY(!index.disableAction()->isEnabled());
        QVERIFY(index.enableAction()->isEnabled());
    }

    void shouldEnableAndDisableVersioningAndTriggers()
    {
        TableIndexView index;
        index.setDatabase(m_db->connect(QStringLiteral("index")));
        QSignalSpy changed(&index, &TableIndexView::versioningChanged);
        index.setCurrentTable(QStringLiteral("notes"));

        VersionPolicy policy;
        policy.kind = VersionKind::Trigger;
        const auto enabled = index.enableVersioning(QStringLiteral("notes"), policy);
        QVERIFY2(enabled, qPrintable(enabled.error().message));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(index.versioningText(QStringLiteral("notes")), QStringLiteral("trigger ⚡"));
        QCOMPARE(registered(QStringLiteral("notes")), QStringLiteral("trigger+trigger"));
        QVERIFY(index.triggerAction()->isChecked());

        // The trigger button drops it; the table stays versioned, and says the trigger is missing.
        index.triggerAction()->trigger();
        QCOMPARE(changed.count(), 2);
        QCOMPARE(registered(QStringLiteral("notes")), QStringLiteral("trigger"));
        QVERIFY(index.versioningText(QStringLiteral("notes")).contains(QStringLiteral("no trigger")));
        QVERIFY(!index.triggerAction()->isChecked());
        index.triggerAction()->trigger();
        QCOMPARE(registered(QStringLiteral("notes")), QStringLiteral("trigger+trigger"));

        // Disable unregisters and drops the trigger; the column and its values stay, so
        // the table is still found versioned by its "version" column (docs/design.md), as auto.
        index.disableAction()->trigger();
        QCOMPARE(changed.count(), 4);
        QCOMPARE(index.versioningText(QStringLiteral("notes")), QStringLiteral("auto (found)"));
        QCOMPARE(registered(QStringLiteral("notes")), QStringLiteral("auto"));
        QSqlDatabase other = m_db->connect(QStringLiteral("other"));
        QSqlQuery query(other);
        QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM notes WHERE version = 1")));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), 2);
    }

    // Only a trigger catches every edit made with other tools; the index says which tables
    // catch only edits to the fields a save writes, and offers the trigger there.
    void shouldSayWhichTablesCatchEveryEditByOtherTools()
    {
        TableIndexView index;
        index.setDatabase(m_db->connect(QStringLiteral("index")));
        index.show();
        auto *hint = index.findChild<QLabel *>(QStringLiteral("otherToolsHint"));
        QVERIFY(hint);

        index.setCurrentTable(QStringLiteral("tasks"));
        QVERIFY(!index.catchesEveryEdit(QStringLiteral("tasks")));
        QCOMPARE(index.otherToolsText(QStringLiteral("tasks")), QStringLiteral("fields you change"));
        QVERIFY(hint->isVisible());
        QVERIFY2(hint->text().contains(QStringLiteral("only on the fields you change")), qPrintable(hint->text()));
        QCOMPARE(index.triggerAction()->text(), QStringLiteral("Add trigger"));
        QVERIFY(index.triggerAction()->isEnabled());

        // Not versioned: the same, and enabling versioning is the way to the trigger.
        index.setCurrentTable(QStringLiteral("notes"));
        QCOMPARE(index.otherToolsText(QStringLiteral("notes")), QStringLiteral("fields you change"));
        QVERIFY(!index.triggerAction()->isEnabled());
        QVERIFY(hint->text().contains(QStringLiteral("Enable versioning")));

        index.setCurrentTable(QStringLiteral("tasks"));
        index.triggerAction()->trigger();
        QCOMPARE(registered(QStringLiteral("tasks")), QStringLiteral("auto+trigger"));
        QVERIFY(index.catchesEveryEdit(QStringLiteral("tasks")));
        QCOMPARE(index.otherToolsText(QStringLiteral("tasks")), QStringLiteral("all caught"));
        QVERIFY(!hint->isVisible());
        QCOMPARE(index.triggerAction()->text(), QStringLiteral("Drop trigger"));

        // A trigger kind whose trigger was dropped catches nothing more than the fields.
        VersionPolicy policy;
        policy.kind = VersionKind::Trigger;
        QVERIFY(index.enableVersioning(QStringLiteral("notes"), policy));
        QVERIFY(index.catchesEveryEdit(QStringLiteral("notes")));
        QVERIFY(index.dropTrigger(QStringLiteral("notes")));
        QVERIFY(!index.catchesEveryEdit(QStringLiteral("notes")));
        QCOMPARE(index.otherToolsText(QStringLiteral("notes")), QStringLiteral("fields you change"));
    }

    void shouldReportWhatCannotBeEnabled()
    {
        TableIndexView index;
        index.setDatabase(m_db->connect(QStringLiteral("index")));
        QSignalSpy errors(&index, &TableIndexView::errorOccurred);
        VersionPolicy policy;
        policy.kind = VersionKind::Conditional;
        policy.checkFields = {QStringLiteral("no_such_column")};
        QVERIFY(!index.enableVersioning(QStringLiteral("notes"), policy));
        QCOMPARE(errors.count(), 1);
        QVERIFY(errors.first().first().toString().contains(QStringLiteral("no_such_column")));
        QCOMPARE(index.versioningText(QStringLiteral("notes")), QStringLiteral("—"));
    }

    void shouldEnableWithTheKindChosenInTheDialog()
    {
        TableIndexView index;
        index.setDatabase(m_db->connect(QStringLiteral("index")));
        index.show();
        index.setCurrentTable(QStringLiteral("notes"));
        bool answered = false;
        QTimer::singleShot(0, this, [&answered] {
            auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            const auto boxes = dialog->findChildren<QComboBox *>();
            for (QComboBox *box : boxes) {
                const int timestamp = box->findText(QStringLiteral("timestamp"));
                if (timestamp >= 0)
                    box->setCurrentIndex(timestamp);
            }
            dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
            answered = true;
        });
        index.enableAction()->trigger();
        QVERIFY(answered);
        QCOMPARE(registered(QStringLiteral("notes")), QStringLiteral("timestamp"));
        QCOMPARE(index.versioningText(QStringLiteral("notes")), QStringLiteral("timestamp"));
    }

    void shouldSwitchTheChangeLogForEveryClient()
    {
        TableIndexView index;
        index.setDatabase(m_db->connect(QStringLiteral("index")));
        index.show();
        const auto otherLogs = [this] {
            QSqlDatabase other = m_db->connect(QStringLiteral("other"));
            const auto policy = VersionRegistry(other).policyFor(*TableSchema::load(other, QStringLiteral("tasks")));
            return policy ? QString::fromLatin1(policy->logChanges ? "on" : "off") : QStringLiteral("<error>");
        };
        index.setCurrentTable(QStringLiteral("notes"));
        QVERIFY(!index.changeLogAction()->isEnabled()); // unversioned: no registry entry to hold it
        index.setCurrentTable(QStringLiteral("tasks"));
        QVERIFY(index.changeLogAction()->isEnabled());
        QVERIFY(index.changeLogAction()->isChecked());

        index.changeLogAction()->trigger();
        QCOMPARE(otherLogs(), QStringLiteral("off"));
        QVERIFY(!index.logsChanges(QStringLiteral("tasks")));
        QVERIFY(!index.changeLogAction()->isChecked());
        QCOMPARE(index.versioningText(QStringLiteral("tasks")), QStringLiteral("auto, no log"));

        // Changing the kind in the dialog keeps the switch as the dialog shows it.
        bool shownOff = false;
        QTimer::singleShot(0, this, [&shownOff] {
            auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            for (QComboBox *box : dialog->findChildren<QComboBox *>()) {
                if (const int timestamp = box->findText(QStringLiteral("timestamp")); timestamp >= 0)
                    box->setCurrentIndex(timestamp);
            }
            shownOff = !dialog->findChild<QCheckBox *>(QStringLiteral("logChanges"))->isChecked();
            dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        });
        index.enableAction()->trigger();
        QVERIFY(shownOff);
        QCOMPARE(registered(QStringLiteral("tasks")), QStringLiteral("timestamp"));
        QCOMPARE(otherLogs(), QStringLiteral("off"));

        index.changeLogAction()->trigger();
        QCOMPARE(otherLogs(), QStringLiteral("on"));
        QCOMPARE(index.versioningText(QStringLiteral("tasks")), QStringLiteral("timestamp"));
    }
};

QTEST_MAIN(tst_TableIndexView)
#include "tst_tableindexview.moc"
