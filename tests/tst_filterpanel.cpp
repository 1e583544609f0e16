#include "filterchips.h"
#include "filterpanel.h"
#include "mainwindow.h"
#include "versionedtablemodel.h"

#include "modelprobe.h"
#include "testdatabase.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDateEdit>
#include <QDialog>
#include <QDialogButtonBox>
#include <QPushButton>
#include <QTimer>
#include <QDockWidget>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>
#include <QTreeWidget>

using namespace Concord;
using ModelProbe::column;

// The filter panel of the main window on a small table of tasks, on every dialect.
class tst_FilterPanel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<MainWindow> m_window;
    QDate m_today;

    static QString day(QDate date) { return date.toString(Qt::ISODate); }

    QString createTasks()
    {
        // MariaDB gives the first TIMESTAMP column automatic defaults; DATETIME is the plain type there.
        const QString timestamp = m_db->dialect() == TestDatabase::Dialect::MariaDB ? QStringLiteral("DATETIME")
                                                                                  : QStringLiteral("TIMESTAMP");
        const auto row = [](int id, const char *title, const char *status, const char *city, bool done, const QString &due,
                            const QString &created) {
            return QStringLiteral("INSERT INTO tasks (id, title, status, city, done, due, created, version) "
                                  "VALUES (%1, '%2', '%3', %4, %5, '%6', '%7', 1)")
                    .arg(id)
                    .arg(QLatin1String(title), QLatin1String(status),
                         city ? QStringLiteral("'%1'").arg(QLatin1String(city)) : QStringLiteral("NULL"),
                         done ? QStringLiteral("TRUE") : QStringLiteral("FALSE"), due, created);
        };
        return m_db->exec({
            QStringLiteral("CREATE TABLE tasks (id INTEGER PRIMARY KEY, title %1 NOT NULL, status %1 NOT NULL, city %1, "
                           "done BOOLEAN NOT NULL, due DATE NOT NULL, created %2 NOT NULL, version INTEGER NOT NULL)")
                    .arg(m_db->text(), timestamp),
            row(1, "alpha", "open", "Lyon", true, day(m_today), day(m_today) + QStringLiteral(" 12:00:00")),
            row(2, "beta", "open", "Paris", false, QStringLiteral("2020-01-15"), QStringLiteral("2020-01-15 23:30:00")),
            row(3, "gamma", "closed", "Lyon", false, day(m_today.addDays(-3)), QStringLiteral("2020-01-16 00:00:00")),
            row(4, "delta", "closed", nullptr, true, QStringLiteral("2020-02-01"), QStringLiteral("2019-12-31 23:59:59")),
            row(5, "alpine", "open", "Lyon", false, QStringLiteral("2021-06-30"), QStringLiteral("2021-06-30 08:00:00")),
        });
    }

    FilterPanel *panel() const { return m_window->filterPanel(); }
    VersionedTableModel *model() const { return m_window->model(); }

    // The primary keys the grid shows, in order.
    QList<int> shown() const
    {
        QList<int> keys;
        for (int row = 0; row < model()->rowCount(); ++row)
            keys.append(model()->keyAt(row).toInt());
        return keys;
    }

    // Ticks (or unticks) a choice in the panel's tree, as a click on its box does.
    bool tick(const QString &columnName, const QString &label, bool checked = true)
    {
        return panel()->setChecked(columnName, label, checked);
    }

private slots:
    void initTestCase_data() { TestDatabase::addDialectRows(); }
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_today = QDate::currentDate();
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QCOMPARE(createTasks(), QString());
        m_window = std::make_unique<MainWindow>();
        m_window->setDatabase(m_db->connect(QStringLiteral("alice")), QStringLiteral("alice"));
        m_window->show();
        QVERIFY(m_window->openTable(QStringLiteral("tasks")));
        QCOMPARE(shown(), QList<int>({1, 2, 3, 4, 5}));
        // The panel reads the values once the grid is on screen.
        QTRY_VERIFY(!panel()->columns().isEmpty());
    }

    void cleanup()
    {
        m_window.reset();
        m_db.reset();
    }

    void shouldOfferDistinctValuesWithCounts()
    {
        // Neither the key nor the version is a filter.
        QCOMPARE(panel()->columns(), QStringList({QStringLiteral("title"), QStringLiteral("status"), QStringLiteral("city"),
                                                  QStringLiteral("done"), QStringLiteral("due"), QStringLiteral("created")}));
        QCOMPARE(panel()->offeredTexts(QStringLiteral("status")), QStringList({QStringLiteral("closed (2)"), QStringLiteral("open (3)")}));
        QCOMPARE(panel()->offeredTexts(QStringLiteral("city")),
                 QStringList({QStringLiteral("Lyon (3)"), QStringLiteral("Paris (1)"), QStringLiteral("Is NULL (1)"),
                              QStringLiteral("Is not NULL")}));
        QCOMPARE(panel()->offeredTexts(QStringLiteral("done")), QStringList({QStringLiteral("No (3)"), QStringLiteral("Yes (2)")}));
        QCOMPARE(panel()->offeredTexts(QStringLiteral("due")),
                 QStringList({QStringLiteral("Today"), QStringLiteral("Past 7 days"), QStringLiteral("This month"),
                              QStringLiteral("Custom range…")}));

        // Past the limit a column offers no values: only what its NULLs allow.
        panel()->setValueLimit(2);
        panel()->reload();
        QVERIFY(!panel()->columns().contains(QStringLiteral("title")));
        QCOMPARE(panel()->offeredTexts(QStringLiteral("status")).size(), 2);
        QCOMPARE(panel()->offeredTexts(QStringLiteral("city")), QStringList({QStringLiteral("Is NULL"), QStringLiteral("Is not NULL")}));

        // A table with more rows than the value-list limit reads no values (a GROUP BY
        // would read it whole); NULL choices are still offered.
        panel()->setValueLimit(20);
        panel()->setValueListRowLimit(4);
        panel()->reload();
        QVERIFY(!panel()->columns().contains(QStringLiteral("status")));
        QCOMPARE(panel()->offeredTexts(QStringLiteral("city")), QStringList({QStringLiteral("Is NULL"), QStringLiteral("Is not NULL")}));
        panel()->setValueListRowLimit(5);
        panel()->reload();
        QCOMPARE(panel()->offeredTexts(QStringLiteral("status")), QStringList({QStringLiteral("closed (2)"), QStringLiteral("open (3)")}));
    }

    // A foreign key is offered by the label of the row it refers to, as the grid shows it.
    void shouldNameForeignKeysByTheirRowsLabels()
    {
        QCOMPARE(m_db->exec({
                         QStringLiteral("CREATE TABLE owners (id INTEGER PRIMARY KEY, name %1 NOT NULL)").arg(m_db->text()),
                         QStringLiteral("INSERT INTO owners (id, name) VALUES (1, 'Ada Costa'), (2, 'Bob Marley')"),
                         QStringLiteral("CREATE TABLE pets (id INTEGER PRIMARY KEY, owner_id INTEGER, version INTEGER NOT NULL, "
                                        "FOREIGN KEY (owner_id) REFERENCES owners(id))"),
                         QStringLiteral("INSERT INTO pets (id, owner_id, version) VALUES (1, 1, 1), (2, 2, 1), (3, 1, 1), (4, NULL, 1)"),
                 }),
                 QString());
        QVERIFY(m_window->openTable(QStringLiteral("pets")));
        QTRY_VERIFY(panel()->columns().contains(QStringLiteral("owner_id")));
        QCOMPARE(panel()->offeredTexts(QStringLiteral("owner_id")),
                 QStringList({QStringLiteral("Ada Costa (2)"), QStringLiteral("Bob Marley (1)"),
                              QStringLiteral("Is NULL (1)"), QStringLiteral("Is not NULL")}));
        QVERIFY(tick(QStringLiteral("owner_id"), QStringLiteral("Ada Costa")));
        QTRY_COMPARE(shown(), QList<int>({1, 3}));
    }

    void shouldReadTheValuesOnlyWhileThePanelIsShown()
    {
        QWidget *dock = panel()->parentWidget();
        while (dock && !qobject_cast<QDockWidget *>(dock))
            dock = dock->parentWidget();
        QVERIFY(dock);
        dock->hide();
        QVERIFY(m_window->openTable(QStringLiteral("tasks")));
        QCoreApplication::processEvents();
        QVERIFY(panel()->columns().isEmpty());
        dock->show();
        QTRY_COMPARE(panel()->columns().size(), 6);
    }

    void shouldCombineColumnsAndTheTextFilterAndCountInTheSingular()
    {
        QCOMPARE(m_window->rowCountText(), QStringLiteral("5 rows"));
        QVERIFY(tick(QStringLiteral("status"), QStringLiteral("open")));
        QCOMPARE(shown(), QList<int>({1, 2, 5}));
        QCOMPARE(m_window->rowCountText(), QStringLiteral("3 matching rows"));
        QVERIFY(tick(QStringLiteral("city"), QStringLiteral("Lyon")));
        QCOMPARE(shown(), QList<int>({1, 5}));
        QCOMPARE(m_window->rowCountText(), QStringLiteral("2 matching rows"));

        m_window->setSearchText(QStringLiteral("alpha"));
        QCOMPARE(shown(), QList<int>({1}));
        QCOMPARE(m_window->rowCountText(), QStringLiteral("1 matching row"));
        m_window->setSearchText(QStringLiteral("zzz"));
        QCOMPARE(m_window->rowCountText(), QStringLiteral("0 matching rows"));
        m_window->setSearchText(QString());

        // Two values of one column: either holds.
        QVERIFY(tick(QStringLiteral("status"), QStringLiteral("closed")));
        QCOMPARE(shown(), QList<int>({1, 3, 5}));
        QCOMPARE(m_window->model()->matchingCount().value(), 3);
    }

    void shouldRestoreRowsWhenAChipIsRemoved()
    {
        FilterChips *chips = m_window->filterChips();
        QVERIFY(chips->isHidden());
        QVERIFY(tick(QStringLiteral("status"), QStringLiteral("open")));
        QVERIFY(tick(QStringLiteral("city"), QStringLiteral("Lyon")));
        QCOMPARE(chips->texts(), QStringList({QStringLiteral("status: open"), QStringLiteral("city: Lyon")}));
        QVERIFY(chips->isVisible());
        QCOMPARE(shown(), QList<int>({1, 5}));

        QTest::mouseClick(chips->chips().at(0), Qt::LeftButton);
        QCOMPARE(shown(), QList<int>({1, 3, 5}));
        QCOMPARE(chips->texts(), QStringList({QStringLiteral("city: Lyon")}));
        // The panel's box goes with the chip.
        QTreeWidgetItem *status = panel()->tree()->findItems(QStringLiteral("status"), Qt::MatchExactly).value(0);
        QVERIFY(status);
        QCOMPARE(status->child(1)->checkState(0), Qt::Unchecked);

        QVERIFY(tick(QStringLiteral("done"), QStringLiteral("Yes")));
        QCOMPARE(shown(), QList<int>({1}));
        QTest::mouseClick(chips->clearAllButton(), Qt::LeftButton);
        QCOMPARE(shown(), QList<int>({1, 2, 3, 4, 5}));
        QVERIFY(chips->isHidden());
        QVERIFY(panel()->filter().isEmpty());
        QCOMPARE(m_window->rowCountText(), QStringLiteral("5 rows"));
    }

    void shouldNotWidenTheWindowWithManyChips()
    {
        const int before = m_window->minimumSizeHint().width();
        for (const char *title : {"alpha", "beta", "gamma", "delta", "alpine"})
            QVERIFY(tick(QStringLiteral("title"), QLatin1String(title)));
        QVERIFY(tick(QStringLiteral("city"), QStringLiteral("Is not NULL")));
        QVERIFY(tick(QStringLiteral("due"), QStringLiteral("This month")));
        QCOMPARE(m_window->filterChips()->chips().size(), 7);
        QVERIFY(m_window->filterChips()->isVisible());
        QVERIFY2(m_window->minimumSizeHint().width() <= before,
                 qPrintable(QStringLiteral("%1 > %2").arg(m_window->minimumSizeHint().width()).arg(before)));
    }

    void shouldFilterDatesByRangesOfDays()
    {
        QVERIFY(tick(QStringLiteral("due"), QStringLiteral("Today")));
        QCOMPARE(shown(), QList<int>({1}));
        QVERIFY(tick(QStringLiteral("due"), QStringLiteral("Today"), false));
        QVERIFY(tick(QStringLiteral("due"), QStringLiteral("Past 7 days")));
        QCOMPARE(shown(), QList<int>({1, 3}));
        QVERIFY(tick(QStringLiteral("due"), QStringLiteral("Past 7 days"), false));
        QVERIFY(tick(QStringLiteral("due"), QStringLiteral("This month")));
        const bool thirdThisMonth = m_today.addDays(-3).month() == m_today.month();
        QCOMPARE(shown(), thirdThisMonth ? QList<int>({1, 3}) : QList<int>({1}));
        QVERIFY(tick(QStringLiteral("due"), QStringLiteral("This month"), false));

        QVERIFY(panel()->addDayRange(QStringLiteral("due"), QDate(2020, 1, 1), QDate(2020, 12, 31)));
        QCOMPARE(shown(), QList<int>({2, 4}));
        QVERIFY(panel()->offeredTexts(QStringLiteral("due")).contains(QStringLiteral("2020-01-01 – 2020-12-31")));
        QCOMPARE(m_window->filterChips()->texts(), QStringList({QStringLiteral("due: 2020-01-01 – 2020-12-31")}));
        // A first day after the last is refused and changes nothing.
        QVERIFY(!panel()->addDayRange(QStringLiteral("due"), QDate(2020, 2, 1), QDate(2020, 1, 1)));
        QCOMPARE(shown(), QList<int>({2, 4}));
        panel()->clearChoices();

        // A timestamp late on the last day is in; midnight after it is not.
        QVERIFY(panel()->addDayRange(QStringLiteral("created"), QDate(2020, 1, 15), QDate(2020, 1, 15)));
        QCOMPARE(shown(), QList<int>({2}));
        panel()->clearChoices();
        QVERIFY(tick(QStringLiteral("created"), QStringLiteral("Today")));
        QCOMPARE(shown(), QList<int>({1}));
    }

    void shouldTickAValueWithTheKeyboard()
    {
        QTreeWidget *tree = panel()->tree();
        QTreeWidgetItem *status = tree->findItems(QStringLiteral("status"), Qt::MatchExactly).value(0);
        QVERIFY(status);
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        tree->setFocus();
        tree->setCurrentItem(status->child(0)); // closed (2)
        QTest::keyClick(tree, Qt::Key_Space);
        QCOMPARE(shown(), QList<int>({3, 4}));
        QCOMPARE(m_window->filterChips()->texts(), QStringList({QStringLiteral("status: closed")}));
        QTest::keyClick(tree, Qt::Key_Space);
        QCOMPARE(shown(), QList<int>({1, 2, 3, 4, 5}));
    }

    void shouldAskForACustomRangeByKeyboard()
    {
        QTreeWidget *tree = panel()->tree();
        QTreeWidgetItem *due = tree->findItems(QStringLiteral("due"), Qt::MatchExactly).value(0);
        QVERIFY(due);
        QTreeWidgetItem *custom = due->child(due->childCount() - 1);
        QCOMPARE(custom->text(0), QStringLiteral("Custom range…"));
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        tree->setFocus();
        tree->setCurrentItem(custom);

        bool refused = false;
        QTimer::singleShot(0, this, [&refused] {
            auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            const QList<QDateEdit *> edits = dialog->findChildren<QDateEdit *>();
            QCOMPARE(edits.size(), 2);
            auto *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
            // The first day after the last: OK is refused, with a sentence saying why.
            edits.at(0)->setDate(QDate(2021, 1, 1));
            edits.at(1)->setDate(QDate(2020, 1, 1));
            refused = !ok->isEnabled();
            edits.at(1)->setDate(QDate(2021, 12, 31));
            QTest::keyClick(edits.at(1), Qt::Key_Return);
        });
        QTest::keyClick(tree, Qt::Key_Return);
        QVERIFY(refused);
        QCOMPARE(shown(), QList<int>({5}));
        QCOMPARE(m_window->filterChips()->texts(), QStringList({QStringLiteral("due: 2021-01-01 – 2021-12-31")}));
    }

    void shouldFilterNullAndNotNull()
    {
        QVERIFY(tick(QStringLiteral("city"), QStringLiteral("Is NULL")));
        QCOMPARE(shown(), QList<int>({4}));
        QCOMPARE(m_window->rowCountText(), QStringLiteral("1 matching row"));
        QVERIFY(tick(QStringLiteral("city"), QStringLiteral("Is NULL"), false));
        QVERIFY(tick(QStringLiteral("city"), QStringLiteral("Is not NULL")));
        QCOMPARE(shown(), QList<int>({1, 2, 3, 5}));
        QVERIFY(tick(QStringLiteral("city"), QStringLiteral("Is NULL")));
        QCOMPARE(shown(), QList<int>({1, 2, 3, 4, 5}));
    }

    void shouldKeepPendingEditsAcrossFilterChanges()
    {
        const QModelIndex beta = model()->index(model()->rowForKey(2), column(model(), "title"));
        QVERIFY(model()->setData(beta, QStringLiteral("beta edited")));
        QCOMPARE(m_window->pendingText(), QStringLiteral("1 pending edit"));

        QVERIFY(tick(QStringLiteral("city"), QStringLiteral("Lyon")));
        QCOMPARE(model()->rowForKey(2), -1);
        QCOMPARE(m_window->pendingText(), QStringLiteral("1 pending edit"));
        QTest::mouseClick(m_window->filterChips()->chips().at(0), Qt::LeftButton);

        const QModelIndex again = model()->index(model()->rowForKey(2), column(model(), "title"));
        QCOMPARE(again.data().toString(), QStringLiteral("beta edited"));
        QVERIFY(again.data(VersionedTableModel::DirtyRole).toBool());
        QCOMPARE(m_window->pendingText(), QStringLiteral("1 pending edit"));
    }

    void shouldKeepQuotesInAValueAValue()
    {
        QCOMPARE(m_db->exec(QStringLiteral("INSERT INTO tasks (id, title, status, city, done, due, created, version) VALUES "
                                           "(6, 'epsilon', 'x'' OR ''1''=''1', 'Lyon', FALSE, '2022-01-01', '2022-01-01 00:00:00', 1)")),
                 QString());
        m_window->refresh();
        const QString hostile = QStringLiteral("x' OR '1'='1");
        // F5 reads the values again (once the grid is painted).
        QTRY_VERIFY(panel()->offeredTexts(QStringLiteral("status")).contains(hostile + QStringLiteral(" (1)")));
        QVERIFY(tick(QStringLiteral("status"), hostile));
        QVERIFY2(!model()->lastError().isValid(), qPrintable(model()->lastError().text()));
        QCOMPARE(shown(), QList<int>({6}));
        QCOMPARE(m_window->rowCountText(), QStringLiteral("1 matching row"));
    }
};

QTEST_MAIN(tst_FilterPanel)
#include "tst_filterpanel.moc"
