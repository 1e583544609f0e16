#include "changelistview.h"
#include "findbar.h"
#include "mainwindow.h"
#include "rowstatedelegate.h"
#include "versionedtablemodel.h"

#include "modelprobe.h"
#include "testdatabase.h"

#include <QApplication>
#include <QDialog>
#include <QImage>
#include <QLineEdit>
#include <QProgressDialog>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

using namespace Concord;
using ModelProbe::column;

// Ctrl+F in the main window: finds cells, never hides rows, on every dialect.
class tst_FindBar : public QObject
{
    Q_OBJECT

private:
    static constexpr int rowCount = 600;
    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<MainWindow> m_window;

    FindBar *bar() const { return m_window->findBar(); }
    VersionedTableModel *model() const { return m_window->model(); }
    ChangeListView *view() const { return m_window->view(); }

    // The name in the current cell, e.g. "item 12".
    QString current() const { return view()->currentIndex().data().toString(); }

    void find(const QString &text)
    {
        QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
        QVERIFY(bar()->isVisible());
        QVERIFY(bar()->lineEdit()->hasFocus());
        QTest::keyClicks(bar()->lineEdit(), text);
        QTest::keyClick(bar()->lineEdit(), Qt::Key_Return);
    }

    // How many pixels of @p index's cell are painted in the find colour.
    int highlighted(const QModelIndex &index) const
    {
        const QImage image = view()->viewport()->grab(view()->visualRect(index)).toImage();
        int count = 0;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x)
                count += QColor(image.pixel(x, y)) == RowStateDelegate::findColor() ? 1 : 0;
        }
        return count;
    }

private slots:
    void initTestCase_data() { TestDatabase::addDialectRows(); }
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_db = TestDatabase::forCurrentRow();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QCOMPARE(m_db->createNumberedItems(rowCount), QString());
        m_window = std::make_unique<MainWindow>();
        m_window->setDatabase(m_db->connect(QStringLiteral("alice")), QStringLiteral("alice"));
        m_window->resize(1000, 700);
        m_window->show();
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        view()->setFocus();
        QVERIFY(bar()->isHidden());
    }

    void cleanup()
    {
        m_window.reset();
        m_db.reset();
    }

    void shouldFindNextAndPreviousWithoutHidingRows()
    {
        const int loaded = model()->rowCount();
        find(QStringLiteral("item 12"));
        QCOMPARE(current(), QStringLiteral("item 12"));
        QCOMPARE(view()->currentIndex().column(), column(model(), "name"));
        QCOMPARE(bar()->statusText(), QString());
        QTest::keyClick(m_window.get(), Qt::Key_F3);
        QCOMPARE(current(), QStringLiteral("item 120"));
        QTest::keyClick(m_window.get(), Qt::Key_F3);
        QCOMPARE(current(), QStringLiteral("item 121"));
        QTest::keyClick(m_window.get(), Qt::Key_F3, Qt::ShiftModifier);
        QCOMPARE(current(), QStringLiteral("item 120"));
        QTest::keyClick(bar()->lineEdit(), Qt::Key_Return, Qt::ShiftModifier);
        QCOMPARE(current(), QStringLiteral("item 12"));

        // Nothing was filtered away.
        QVERIFY(model()->filter().isEmpty());
        QCOMPARE(model()->rowCount(), loaded);
        QCOMPARE(m_window->rowCountText(), QStringLiteral("600 rows"));
    }

    void shouldHighlightMatchesUntilClosedWithEscape()
    {
        find(QStringLiteral("item 1"));
        QCOMPARE(current(), QStringLiteral("item 1"));
        QCOMPARE(view()->rowStateDelegate()->findText(), QStringLiteral("item 1"));
        // Another match (not in the current, selected row) is painted; a cell that does not match is not.
        const QModelIndex match = model()->index(model()->rowForKey(10), column(model(), "name"));
        const QModelIndex other = model()->index(model()->rowForKey(8), column(model(), "name"));
        QVERIFY(highlighted(match) > 0);
        QCOMPARE(highlighted(other), 0);

        QTest::keyClick(bar()->lineEdit(), Qt::Key_Escape);
        QVERIFY(bar()->isHidden());
        QVERIFY(view()->hasFocus());
        QCOMPARE(view()->rowStateDelegate()->findText(), QString());
        QCOMPARE(highlighted(match), 0);
    }

    void shouldFetchRowsNotLoadedYetAndWrap()
    {
        find(QStringLiteral("item 599"));
        QCOMPARE(current(), QStringLiteral("item 599"));
        QCOMPARE(bar()->statusText(), QString());
        // The only match again: round from the end to the start.
        QTest::keyClick(bar()->lineEdit(), Qt::Key_Return);
        QCOMPARE(current(), QStringLiteral("item 599"));
        QCOMPARE(bar()->statusText(), QStringLiteral("Search wrapped to the top"));

        // Backwards from the first match goes round to the last one.
        bar()->lineEdit()->clear();
        QTest::keyClicks(bar()->lineEdit(), QStringLiteral("item 1"));
        view()->setCurrentIndex(model()->index(0, column(model(), "name")));
        QTest::keyClick(m_window.get(), Qt::Key_F3, Qt::ShiftModifier);
        QCOMPARE(current(), QStringLiteral("item 199"));
        QCOMPARE(bar()->statusText(), QStringLiteral("Search wrapped to the bottom"));
    }

    // A search that takes a while shows how far it got; Cancel stops it where it is,
    // leaving the current cell alone and saying so.
    void shouldShowProgressAndStopWhenCancelled()
    {
        bar()->setProgressDelay(0);
        const QModelIndex first = model()->index(0, column(model(), "name"));
        view()->setCurrentIndex(first);
        int shown = 0;
        bool cancelled = false;
        QTimer poll;
        connect(&poll, &QTimer::timeout, this, [&] {
            auto *progress = m_window->findChild<QProgressDialog *>(QStringLiteral("findProgress"));
            if (!progress || !progress->isVisible() || cancelled)
                return;
            shown = progress->value();
            if (shown > 0) {
                progress->cancel();
                cancelled = true;
            }
        });
        poll.start(1);
        find(QStringLiteral("in no row at all"));
        poll.stop();
        QVERIFY(cancelled);
        QVERIFY2(shown > 0 && shown < rowCount, qPrintable(QString::number(shown)));
        QCOMPARE(bar()->statusText(), QStringLiteral("Search cancelled"));
        QCOMPARE(view()->currentIndex(), first);
        // Without Cancel the same search runs round the table and finds nothing.
        bar()->setProgressDelay(60000);
        QTest::keyClick(bar()->lineEdit(), Qt::Key_Return);
        QCOMPARE(bar()->statusText(), QStringLiteral("No matches"));
    }

    void shouldSayNoMatchesAndMatchCaseWhenAsked()
    {
        find(QStringLiteral("item 5"));
        QCOMPARE(current(), QStringLiteral("item 5"));
        bar()->lineEdit()->clear();
        QTest::keyClicks(bar()->lineEdit(), QStringLiteral("nothing like it"));
        QTest::keyClick(bar()->lineEdit(), Qt::Key_Return);
        QCOMPARE(bar()->statusText(), QStringLiteral("No matches"));
        QCOMPARE(current(), QStringLiteral("item 5"));

        bar()->lineEdit()->clear();
        QTest::keyClicks(bar()->lineEdit(), QStringLiteral("ITEM 6"));
        bar()->setCaseSensitive(true);
        QTest::keyClick(bar()->lineEdit(), Qt::Key_Return);
        QCOMPARE(bar()->statusText(), QStringLiteral("No matches"));
        bar()->setCaseSensitive(false);
        QTest::keyClick(bar()->lineEdit(), Qt::Key_Return);
        QCOMPARE(current(), QStringLiteral("item 6"));
    }

    void shouldKeepTheFilterAFilterOnCtrlShiftF()
    {
        QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
        auto *filter = qobject_cast<QLineEdit *>(QApplication::focusWidget());
        QVERIFY(filter);
        QVERIFY(bar()->isHidden());
        QCOMPARE(filter->placeholderText(), QStringLiteral("Filter rows (Ctrl+Shift+F)"));
        QTest::keyClicks(filter, QStringLiteral("item 59"));
        QTRY_COMPARE(m_window->rowCountText(), QStringLiteral("11 matching rows"));
        QCOMPARE(model()->rowCount(), 11);
    }

    void shouldFindInPendingEditsAndKeepThem()
    {
        QVERIFY(model()->setData(model()->index(model()->rowForKey(3), column(model(), "name")), QStringLiteral("needle")));
        find(QStringLiteral("needle"));
        QCOMPARE(model()->keyAt(view()->currentIndex().row()).toInt(), 3);
        // Past the last loaded row and round again: the edit stays.
        QTest::keyClick(bar()->lineEdit(), Qt::Key_Return);
        QCOMPARE(bar()->statusText(), QStringLiteral("Search wrapped to the top"));
        QCOMPARE(model()->rowCount(), rowCount);
        QCOMPARE(m_window->pendingText(), QStringLiteral("1 pending edit"));
        QCOMPARE(current(), QStringLiteral("needle"));
    }
};

QTEST_MAIN(tst_FindBar)
#include "tst_findbar.moc"
