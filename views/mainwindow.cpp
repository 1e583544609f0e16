#include "mainwindow.h"

#include "actionbar.h"
#include "changelistview.h"
#include "changewatcher.h"
#include "columnmenu.h"
#include "conflictreportdialog.h"
#include "connectiondialog.h"
#include "connectionurl.h"
#include "editundostack.h"
#include "gridclipboard.h"
#include "filterchips.h"
#include "filterpanel.h"
#include "findbar.h"
#include "historyview.h"
#include "lockwait.h"
#include "mergedialog.h"
#include "outcometext.h"
#include "recordform.h"
#include "rowstatedelegate.h"
#include "session.h"
#include "sqldialect.h"
#include "tableindexview.h"
#include "versionedtablemodel.h"
#include "workspacesettings.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressDialog>
#include <QSettings>
#include <QSignalBlocker>
#include <QSqlRecord>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QUuid>
#include <QVBoxLayout>

namespace Concord {

namespace {

const char lockTimeoutKey[] = "saving/lockTimeoutMs";

// The message banner's look per kind, after the Django admin's success/warning/error messages.
QString bannerStyle(const QString &kind)
{
    if (kind == QLatin1String("success"))
        return QStringLiteral("background:#dff0d8; color:#2b542c; border:1px solid #b2d8a4;");
    if (kind == QLatin1String("warning"))
        return QStringLiteral("background:#ffe8c2; color:#6b3d00; border:1px solid #f0b35e;");
    if (kind == QLatin1String("error"))
        return QStringLiteral("background:#f8d0d0; color:#7a1010; border:1px solid #e08a8a;");
    return QStringLiteral("background:#e4eefa; color:#1c3d63; border:1px solid #a9c4e6;");
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_view(new ChangeListView(this))
    , m_actionBar(new ActionBar(this))
    , m_index(new TableIndexView(this))
    , m_undo(new EditUndoStack(this))
    , m_clipboard(new GridClipboard(m_view))
    , m_message(new QLabel(this))
    , m_rowsLabel(new QLabel(this))
    , m_pendingLabel(new QLabel(this))
    , m_connectionLabel(new QLabel(this))
    , m_watchLabel(new QLabel(this))
    , m_filterTimer(new QTimer(this))
    , m_lockTimeoutMs(std::max(0, QSettings().value(QLatin1String(lockTimeoutKey), LockWait::defaultTimeoutMs).toInt()))
{
    setWindowTitle(tr("Concord[*]"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/concord.png")));

    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setContentsMargins(8, 6, 8, 6);
    m_message->hide();

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->setSpacing(4);
    layout->addWidget(m_message);
    layout->addWidget(m_actionBar);
    m_chips = new FilterChips(central);
    layout->addWidget(m_chips);
    layout->addWidget(m_view, 1);
    m_findBar = new FindBar(m_view, central);
    layout->addWidget(m_findBar);
    m_filterPanel = new FilterPanel(this);
    setCentralWidget(central);

    statusBar()->addWidget(m_rowsLabel);
    statusBar()->addWidget(m_pendingLabel);
    statusBar()->addPermanentWidget(m_watchLabel);
    statusBar()->addPermanentWidget(m_connectionLabel);

    // Typing in the search box filters after a short pause, not on every key.
    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(250);
    connect(m_filterTimer, &QTimer::timeout, this, &MainWindow::applyFilter);

    createActions();
    createDocks();

    connectFilters();
    connectViews();
    resize(1280, 800);
    WorkspaceSettings::restoreWindow(this);
    if (const auto policy = WorkspaceSettings::submitPolicy())
        setSubmitPolicy(*policy);
    updatePending(0);
}

MainWindow::~MainWindow()
{
    // The find bar says "no highlight" as it hides: not to a grid already gone.
    m_findBar->disconnect(this);
    delete m_model;
    m_model = nullptr;
    releaseConnection();
}

void MainWindow::connectViews()
{
    connect(m_view, &ChangeListView::recordRequested, this, &MainWindow::openRecord);
    connect(m_view, &ChangeListView::resolveRequested, this, &MainWindow::resolveConflictAt);
    connect(m_view, &ChangeListView::revertRequested, this, [this](const QList<int> &rows) {
        if (m_model)
            m_model->revertRows(rows);
    });
    connect(m_view, &ChangeListView::editRefused, this, [this](const QString &message) {
        statusBar()->showMessage(message, 10000);
    });
    connect(m_clipboard, &GridClipboard::message, this, [this](const QString &message) {
        statusBar()->showMessage(message, 10000);
    });
    connect(m_undo, &EditUndoStack::historyCleared, this, [this] {
        statusBar()->showMessage(tr("Saved edits cannot be undone: the undo history starts again here."), 10000);
    });
    connect(m_view, &ChangeListView::historyRequested, this, [this](int row) {
        if (m_model)
            showHistory(m_model->tableName(), m_model->keyAt(row));
    });
    connect(m_index, &TableIndexView::tableActivated, this, [this](const QString &table) {
        if (table != currentTable() && !openTable(table))
            m_index->setCurrentTable(currentTable());
    });
    connect(m_index, &TableIndexView::versioningChanged, this, [this](const QString &table) {
        // The model reads the policy when its table is set: set it again, keeping nothing
        // pending across a change of the rules.
        if (m_model && table.compare(currentTable(), Qt::CaseInsensitive) == 0) {
            m_model->setTable(m_model->tableName());
            m_model->setFilter(filterClause()); // setTable() forgot it
            m_model->select();
            updateCounts();
        }
        showMessage(tr("Versioning of %1 is now: %2.").arg(table, m_index->versioningText(table)), QStringLiteral("info"));
    });
    connect(m_index, &TableIndexView::errorOccurred, this, [this](const QString &message) {
        showMessage(message, QStringLiteral("error"));
    });
    m_actionBar->setCheckedRows(m_view->checkedRows());
    connect(m_actionBar, &ActionBar::actionFinished, this, [this](const SubmitResult &result) {
        refresh();
        // Committed with conflicts: rows changed since shown were skipped; both are named.
        const bool skipped = result.committed && result.conflictCount() > 0;
        showMessage(skipped ? ActionBar::skippedSummary(result) : OutcomeText::summary(result),
                    result.allSaved() ? QStringLiteral("success") : QStringLiteral("warning"));
    });
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));

    QAction *open = file->addAction(tr("&Open database…"), this, &MainWindow::openConnectionDialog);
    open->setShortcut(QKeySequence::Open);
    m_save = file->addAction(tr("&Save"), this, [this] { save(); });
    m_save->setShortcut(QKeySequence::Save);
    m_save->setToolTip(tr("Save every pending edit in one transaction (Ctrl+S)"));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    edit->addAction(m_undo->undoAction());
    edit->addAction(m_undo->redoAction());
    edit->addSeparator();
    edit->addAction(m_clipboard->copyAction());
    edit->addAction(m_clipboard->copyWithHeadersAction());
    edit->addAction(m_clipboard->pasteAction());
    edit->addSeparator();
    m_revertAll = edit->addAction(tr("Revert &all"), this, &MainWindow::revertAll);
    m_revertAll->setToolTip(tr("Drop every pending edit"));
    m_revertSelected = edit->addAction(tr("Revert &selected rows"), this, &MainWindow::revertSelected);
    m_revertSelected->setToolTip(tr("Drop the pending edits of the selected rows"));
    QAction *addRow = edit->addAction(tr("Add &row…"), this, [this] { openRecord(-1); });
    addRow->setShortcut(QKeySequence::New);
    m_find = edit->addAction(tr("&Find…"));
    m_find->setShortcut(QKeySequence::Find);
    m_find->setToolTip(tr("Find text in the grid without hiding rows (Ctrl+F)"));
    edit->addAction(m_findBar->findNextAction());
    edit->addAction(m_findBar->findPreviousAction());
    QAction *filterRows = edit->addAction(tr("F&ilter rows…"));
    filterRows->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    QAction *goToRow = edit->addAction(tr("&Go to row…"), this, &MainWindow::goToRow);
    goToRow->setObjectName(QStringLiteral("goToRowAction"));
    goToRow->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_G));
    goToRow->setToolTip(tr("Show a row by its number, reading only that part of the table (Ctrl+G)"));
    edit->addAction(m_view->setNullAction());
    edit->addSeparator();
    QAction *lockTimeout = edit->addAction(tr("&Lock timeout…"), this, [this] {
        bool ok = false;
        const int seconds = QInputDialog::getInt(
                this, tr("Lock timeout"),
                tr("When someone else is saving the same rows, wait at most this many seconds\n"
                   "in all before reporting those rows busy (they stay pending to save again):"),
                (m_lockTimeoutMs + 999) / 1000, 0, 600, 1, &ok);
        if (ok)
            setLockTimeout(seconds * 1000);
    });
    lockTimeout->setToolTip(tr("How long a save waits for rows someone else is saving"));

    QAction *columns = viewMenu->addAction(tr("&Columns…"), this, [this] {
        m_view->columnMenu()->popUpFor(m_view->currentIndex().column());
    });
    columns->setObjectName(QStringLiteral("columnsAction"));
    columns->setToolTip(tr("Hide or show columns (also a right-click on a column header)"));
    m_refresh = viewMenu->addAction(tr("&Refresh"), this, &MainWindow::refresh);
    m_refresh->setShortcut(QKeySequence::Refresh);
    m_refresh->setToolTip(tr("Reload from the database; pending edits and the scroll position stay (F5)"));

    createToolBar(open);
    connect(m_find, &QAction::triggered, m_findBar, &FindBar::open);
    connect(filterRows, &QAction::triggered, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
}

void MainWindow::createToolBar(QAction *open)
{
    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->addAction(open);
    bar->addSeparator();
    bar->addAction(m_save);
    bar->addAction(m_revertAll);
    bar->addAction(m_revertSelected);
    bar->addAction(m_refresh);
    bar->addSeparator();

    m_policy = new QComboBox(bar);
    m_policy->addItem(tr("silent: save the others"), int(SubmitPolicy::Silent));
    m_policy->addItem(tr("abort-all: all or nothing"), int(SubmitPolicy::AbortAll));
    m_policy->setToolTip(tr("What a save does when a row was changed by someone else"));
    bar->addWidget(new QLabel(tr(" On conflict: "), bar));
    bar->addWidget(m_policy);
    bar->addSeparator();

    m_search = new QLineEdit(bar);
    m_search->setPlaceholderText(tr("Filter rows (Ctrl+Shift+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->setMaximumWidth(220);
    bar->addWidget(m_search);
    bar->addWidget(new QLabel(tr("  Filter: "), bar));
    m_filterColumn = new QComboBox(bar);
    m_filterColumn->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    bar->addWidget(m_filterColumn);
    m_filterText = new QLineEdit(bar);
    m_filterText->setPlaceholderText(tr("contains…"));
    m_filterText->setClearButtonEnabled(true);
    m_filterText->setMaximumWidth(160);
    bar->addWidget(m_filterText);

    connect(m_policy, &QComboBox::currentIndexChanged, this, [this] {
        WorkspaceSettings::setSubmitPolicy(submitPolicy());
        if (m_model)
            m_model->setSubmitPolicy(submitPolicy());
    });
    connect(m_search, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_filterText, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_filterColumn, &QComboBox::currentIndexChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, &MainWindow::applyFilter);
}

void MainWindow::createDocks()
{
    auto *indexDock = new QDockWidget(tr("Tables"), this);
    indexDock->setObjectName(QStringLiteral("tablesDock"));
    indexDock->setTitleBarWidget(new QWidget(indexDock));
    indexDock->setWidget(m_index);
    indexDock->setFeatures(QDockWidget::NoDockWidgetFeatures);
    m_index->setMinimumWidth(230);
    addDockWidget(Qt::LeftDockWidgetArea, indexDock);

    auto *filterDock = new QDockWidget(tr("Filters"), this);
    filterDock->setObjectName(QStringLiteral("filtersDock"));
    filterDock->setWidget(m_filterPanel);
    addDockWidget(Qt::RightDockWidgetArea, filterDock);
    menuBar()->actions().at(2)->menu()->addAction(filterDock->toggleViewAction());

    m_historyDock = new QDockWidget(tr("History"), this);
    m_historyDock->setObjectName(QStringLiteral("historyDock"));
    addDockWidget(Qt::BottomDockWidgetArea, m_historyDock);
    resizeDocks({m_historyDock}, {150}, Qt::Vertical);
    menuBar()->actions().at(2)->menu()->addAction(m_historyDock->toggleViewAction());
}

void MainWindow::releaseConnection()
{
    if (m_ownConnection.isEmpty())
        return;
    const QString name = m_ownConnection;
    m_ownConnection.clear();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(name);
}

Result<void> MainWindow::openUrl(const QString &text, const QString &password)
{
    const auto url = ConnectionUrl::parse(text);
    if (!url)
        return url.error();
    const QString name = QStringLiteral("concord-window-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const auto db = url->open(name, password);
    if (!db)
        return db.error();
    WorkspaceSettings::saveColumns(m_view, m_label, currentTable());
    // The model on the old connection goes before the connection does.
    delete m_model;
    m_model = nullptr;
    releaseConnection();
    m_ownConnection = name;
    setDatabase(*db, url->displayText());
    ConnectionDialog::remember(text);
    WorkspaceSettings::setLastDatabase(text);
    return {};
}

void MainWindow::setDatabase(const QSqlDatabase &db, const QString &label)
{
    m_db = db;
    m_label = label;
    QItemSelectionModel *oldSelection = m_view->selectionModel();
    auto *model = new VersionedTableModel(this, m_db);
    model->setSubmitPolicy(submitPolicy());
    model->setLockTimeout(m_lockTimeoutMs);
    m_view->setVersionedModel(model);
    delete oldSelection;
    // Notified, or polled (through a transaction pooler, say): the grid's watcher says which.
    ChangeWatcher *watcher = m_view->changeWatcher();
    const auto showWatching = [this, watcher] { m_watchLabel->setText(watcher->statusText()); };
    connect(watcher, &ChangeWatcher::modeChanged, m_watchLabel, showWatching);
    showWatching();
    delete m_model;
    m_model = model;
    m_filterPanel->setModel(m_model);
    m_actionBar->setModel(m_model, m_view->selectionModel());
    connect(m_model, &VersionedTableModel::pendingChanged, this, &MainWindow::updatePending);
    connect(m_model, &VersionedTableModel::rowCountSettled, this, &MainWindow::updateCounts);
    m_undo->setModel(m_model);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        m_revertSelected->setEnabled(!m_view->selectedRows().isEmpty() && m_model && m_model->hasPendingEdits());
    });

    // The history reads concord_log on the window's connection.
    auto *history = new HistoryView(m_model->session(), m_historyDock);
    delete m_history;
    m_history = history;
    m_historyDock->setWidget(m_history);

    m_connectionLabel->setText(tr("Connected to %1").arg(label));
    setWindowTitle(tr("%1[*] — Concord").arg(label));
    m_index->setSession(m_model->session());
    const QStringList tables = m_index->tables();
    if (!tables.isEmpty()) {
        // The table shown last time; else the one people edit most in the demo; else the first.
        const QString last = WorkspaceSettings::lastTable(label);
        const QString first = tables.contains(last) ? last
                : tables.contains(QStringLiteral("customers")) ? QStringLiteral("customers") : tables.first();
        openTable(first);
    }
    updatePending(0);
}

QString MainWindow::currentTable() const
{
    return m_model ? m_model->tableName() : QString();
}

bool MainWindow::confirmLeavingEdits()
{
    if (!m_model || !m_model->hasPendingEdits())
        return true;
    const auto answer = QMessageBox::question(
            this, tr("Unsaved edits"),
            tr("%n row(s) of %1 have unsaved edits. Save them first?", nullptr, m_model->pendingCount()).arg(currentTable()),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel)
        return false;
    if (answer == QMessageBox::Save)
        return save().allSaved();
    return true;
}

bool MainWindow::openTable(const QString &table)
{
    if (!m_model || !confirmLeavingEdits())
        return false;
    // Leaving a table keeps its columns; opening the same one again starts from what was kept.
    if (table != currentTable())
        WorkspaceSettings::saveColumns(m_view, m_label, currentTable());
    m_search->blockSignals(true);
    m_search->clear();
    m_search->blockSignals(false);
    m_filterText->blockSignals(true);
    m_filterText->clear();
    m_filterText->blockSignals(false);
    m_model->setTable(table);
    m_model->setFilter(QString());
    if (m_model->lastError().isValid() && m_model->primaryKeyColumn() < 0 && m_model->columnCount() == 0) {
        showMessage(m_model->lastError().text(), QStringLiteral("error"));
        return false;
    }
    const auto sort = WorkspaceSettings::sort(m_model, m_label, table)
                              .value_or(std::make_pair(m_model->primaryKeyColumn(), Qt::AscendingOrder));
    if (sort.first >= 0)
        m_model->setSort(sort.first, sort.second);
    if (!m_model->select()) {
        showMessage(m_model->lastError().text(), QStringLiteral("error"));
        return false;
    }
    {
        // Only show the order select() just used: with sorting enabled, the header's signal
        // would sort, i.e. select() the whole table a second time (on SQLite, read every row
        // again: 170 ms of a 100,000-row open).
        const QSignalBlocker quiet(m_view->horizontalHeader());
        m_view->horizontalHeader()->setSortIndicator(sort.first, sort.second);
    }
    m_view->resizeColumnsToContents();
    for (int c = 0; c < m_model->columnCount(); ++c)
        m_view->setColumnWidth(c, std::min(m_view->columnWidth(c) + 16, 320));
    WorkspaceSettings::restoreColumns(m_view, m_label, table);
    WorkspaceSettings::setLastTable(m_label, table);

    m_filterColumn->blockSignals(true);
    m_filterColumn->clear();
    m_filterColumn->addItem(tr("(any column)"));
    for (int c = 0; c < m_model->columnCount(); ++c)
        m_filterColumn->addItem(m_model->record().fieldName(c));
    m_filterColumn->blockSignals(false);

    // The values are read once the grid is on screen, and only while the panel is shown.
    m_filterPanel->reloadLater();
    m_chips->setChoices({});

    m_index->setCurrentTable(table);
    m_message->hide();
    updateCounts();
    showHistory(table, QVariant());
    return true;
}

SubmitPolicy MainWindow::submitPolicy() const
{
    return SubmitPolicy(m_policy->currentData().toInt());
}

void MainWindow::setSubmitPolicy(SubmitPolicy policy)
{
    m_policy->setCurrentIndex(m_policy->findData(int(policy)));
}

SubmitResult MainWindow::save()
{
    if (!m_model)
        return {};
    if (!m_model->hasPendingEdits()) {
        showMessage(tr("Nothing to save."), QStringLiteral("info"));
        return {};
    }
    if (QWidget *editor = QApplication::focusWidget(); editor && m_view->isAncestorOf(editor))
        m_view->setFocus(); // commits an open cell editor before saving
    // Rows the change watcher marked stale will conflict: say so before the save, without a
    // dialog (the save goes on; the conflict report follows), and keep it in the status bar
    // because the save's own result replaces the banner.
    int staleEdited = 0;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->isRowDirty(row) && m_model->index(row, 0).data(VersionedTableModel::StaleRole).toBool())
            ++staleEdited;
    }
    if (staleEdited > 0) {
        const QString warning = tr("%n row(s) you edited were changed by someone else since you loaded them; saving them "
                                   "will conflict — refresh or resolve.", nullptr, staleEdited);
        showMessage(warning, QStringLiteral("warning"));
        m_messageAboutPending = true;
        statusBar()->showMessage(warning, 15000);
    }
    const int pending = m_model->pendingCount();
    QProgressDialog progress(tr("Saving %n row(s)…", nullptr, pending), tr("Cancel"), 0, pending, this);
    progress.setWindowTitle(tr("Saving"));
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(400);
    progress.setAutoReset(false);
    progress.setAutoClose(false);

    SubmitOptions options;
    options.policy = submitPolicy();
    // A modal progress dialog repaints and runs the event loop on every setValue(): a fifth
    // of a big save went there. Shown at the start, the end and every 50 ms between, it
    // still moves smoothly and Cancel still answers at once.
    QElapsedTimer sinceShown;
    options.progress = [this, &progress, &sinceShown](int done, int total) {
        if (!sinceShown.isValid() || done >= total || sinceShown.elapsed() >= 50) {
            sinceShown.start();
            progress.setMaximum(total);
            progress.setValue(done);
            emit saveProgress(done, total);
        }
        // Cancel rolls the whole transaction back: nothing is half-saved.
        return !progress.wasCanceled();
    };
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const SubmitResult result = m_model->submitPending(options);
    QApplication::restoreOverrideCursor();
    progress.close();
    showSaveResult(result);
    emit saved(result);
    return result;
}

void MainWindow::showSaveResult(const SubmitResult &result)
{
    if (result.error.code == DbError::Code::Cancelled) {
        showMessage(tr("The save was cancelled; nothing was written. Your edits are still pending."), QStringLiteral("info"));
        return;
    }
    const QString summary = OutcomeText::summary(result);
    if (result.allSaved()) {
        showMessage(summary, QStringLiteral("success"));
    } else {
        const bool anyProblem = result.conflictCount() > 0 || result.errorCount() > 0 || result.busyCount() > 0;
        QString text = summary;
        if (result.conflictCount() > 0)
            text += QLatin1Char(' ') + tr("Rows in orange were changed by someone else: right-click one to resolve it.");
        if (result.busyCount() > 0)
            text += QLatin1Char(' ') + tr("Rows marked ◷ were being saved by someone else at the same moment: "
                                          "press Ctrl+S again to save them.");
        showMessage(text, result.committed && !anyProblem ? QStringLiteral("success")
                                                          : (result.committed ? QStringLiteral("warning") : QStringLiteral("error")));
        m_messageAboutPending = m_model && m_model->hasPendingEdits();
        if (anyProblem)
            showReport(result);
    }
    updateCounts();
    if (m_history)
        m_history->refresh();
}

void MainWindow::setReportsShown(bool shown)
{
    m_showReports = shown;
    m_actionBar->setReportsShown(shown);
}

void MainWindow::showReport(const SubmitResult &result)
{
    if (!m_showReports)
        return;
    if (m_report)
        m_report->close();
    auto *dialog = new ConflictReportDialog(result, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setOnlyProblems(true);
    connect(dialog, &ConflictReportDialog::retryRequested, this, [this, result] { retryChangedRows(result); });
    m_report = dialog;
    // Not modal: the person can look at the highlighted rows while reading the report.
    dialog->show();
}

QString MainWindow::rowName(const QVariant &pk) const
{
    return QStringLiteral("%1 %2").arg(currentTable(), pk.toString());
}

namespace {

// "a", "a and b", "a, b and c".
QString listed(const QStringList &items)
{
    if (items.size() <= 1)
        return items.value(0);
    return items.mid(0, items.size() - 1).join(QStringLiteral(", ")) + MainWindow::tr(" and ") + items.constLast();
}

} // namespace

void MainWindow::retryChangedRows(const SubmitResult &result)
{
    if (!m_model)
        return;
    if (m_report)
        m_report->close();
    // Each row someone else changed is merged three ways (as loaded, mine, theirs). Only a
    // merge that needs no choice is re-made and saved: a field both changed to different
    // values is never written from here, whatever is in it. The person chooses it.
    const ConflictReportDialog::Retry retry = ConflictReportDialog::retryChangedRows(result, m_model);
    if (retry.isEmpty()) {
        showMessage(tr("No row changed by someone else is left to retry."), QStringLiteral("info"));
        return;
    }
    QStringList said;
    bool settled = saveMergedRows(retry.merged, said); // nothing is left for the person to do
    settled = askForChoices(retry.needChoice, said) && settled;
    // One text each, counted: the translation says how one row and how several read.
    said += aboutRows(retry.changedDeletes,
                      QT_TR_N_NOOP("%1 was changed by someone else after you marked it for deletion, so it was not "
                                   "deleted: right-click it to decide"));
    said += aboutRows(retry.deleted,
                      QT_TR_N_NOOP("%1 was deleted by someone else and was not retried: right-click it to re-create it "
                                   "or drop your edit"));
    settled = settled && retry.changedDeletes.isEmpty() && retry.deleted.isEmpty();

    showMessage(said.join(QStringLiteral("; ")) + QLatin1Char('.'),
                settled ? QStringLiteral("success") : QStringLiteral("warning"));
    m_messageAboutPending = m_model->hasPendingEdits();
    updateCounts();
    if (m_history)
        m_history->refresh();
}

bool MainWindow::saveMergedRows(const QList<QVariant> &merged, QStringList &said)
{
    // The merged rows are written now, those rows only: other pending edits stay pending.
    QList<int> rows;
    QStringList alreadyTheirs;
    for (const QVariant &pk : merged) {
        const int row = m_model->findRow(pk).value_or(-1);
        if (row >= 0 && m_model->isRowDirty(row))
            rows.append(row);
        else
            alreadyTheirs.append(rowName(pk)); // they had saved my values already: nothing left to write
    }
    bool settled = true;
    if (!rows.isEmpty()) {
        SubmitOptions options;
        options.policy = submitPolicy();
        const SubmitResult written = m_model->submitRows(rows, options);
        QStringList saved;
        QStringList problems;
        for (const RowOutcome &outcome : written.rows) {
            if (written.committed && outcome.status == RowOutcome::Status::Saved) {
                saved.append(rowName(outcome.pk));
            } else {
                settled = false;
                problems.append(retryProblem(outcome));
            }
        }
        if (saved.size() == 1)
            said.append(tr("%1 was merged with the other person's changes and saved").arg(saved.constFirst()));
        else if (saved.size() > 1)
            said.append(tr("%n row(s) were merged with the other person's changes and saved", nullptr, int(saved.size())));
        said.append(problems);
    }
    if (!alreadyTheirs.isEmpty())
        said.append(tr("%1 already held your values").arg(listed(alreadyTheirs)));
    return settled;
}

QString MainWindow::retryProblem(const RowOutcome &outcome) const
{
    const QString name = rowName(outcome.pk);
    switch (outcome.status) {
    case RowOutcome::Status::Conflict:
        return outcome.conflict && outcome.conflict->kind == Conflict::Kind::Deleted
                ? tr("%1 was deleted by someone else meanwhile: right-click it to re-create it or drop your edit").arg(name)
                : tr("%1 was changed again meanwhile: right-click it to resolve it").arg(name);
    case RowOutcome::Status::Busy:
        return tr("%1 is being saved by someone else right now: press Ctrl+S again").arg(name);
    case RowOutcome::Status::Error:
        return tr("%1 was refused: %2").arg(name, outcome.error.message);
    default:
        return tr("%1 was not saved (%2)").arg(name, OutcomeText::status(outcome));
    }
}

bool MainWindow::askForChoices(const QList<RowMerge> &needChoice, QStringList &said)
{
    // "customers 4 needs your choice for credit_limit", for each row in @p rows.
    // A counted text: for one row "%1" is the row and "%2" its fields; for several, "%1"
    // lists each row with its fields.
    const auto named = [this](const QList<const RowMerge *> &rows, const char *text) {
        const QString sentence = tr(text, nullptr, int(rows.size()));
        if (rows.size() == 1)
            return sentence.arg(rowName(rows.constFirst()->conflict().pk), listed(rows.constFirst()->unresolvedFields()));
        QStringList names;
        for (const RowMerge *merge : rows)
            names.append(tr("%1 (%2)").arg(rowName(merge->conflict().pk),
                                           merge->unresolvedFields().join(QStringLiteral(", "))));
        return sentence.arg(listed(names));
    };
    // A field both changed: the merge dialog, one row after another, when dialogs are shown;
    // a row whose dialog is cancelled stays in conflict with its edit. Without dialogs the
    // rows wait in conflict and the banner names them and their fields.
    bool settled = true;
    QList<const RowMerge *> waiting;
    for (const RowMerge &merge : needChoice)
        waiting.append(&merge);
    if (m_showReports && !waiting.isEmpty()) {
        // Said before the first dialog opens, so the person knows why it does and that the
        // merged rows are already saved.
        showMessage(QStringList(said + QStringList{named(waiting, QT_TR_N_NOOP("%1 needs your choice for %2"))})
                                    .join(QStringLiteral("; "))
                            + QLatin1Char('.'),
                    QStringLiteral("warning"));
        if (m_history)
            m_history->refresh();
        QList<const RowMerge *> cancelled;
        for (const RowMerge *merge : std::as_const(waiting)) {
            const int row = m_model->findRow(merge->conflict().pk).value_or(-1);
            const Resolved resolved = row >= 0 ? resolveRow(row) : Resolved();
            if (!resolved.applied) {
                cancelled.append(merge);
                continue;
            }
            said.append(resolved.sentence);
            settled = settled && resolved.kind != QLatin1String("warning") && resolved.kind != QLatin1String("error");
        }
        waiting = cancelled;
    }
    if (waiting.isEmpty())
        return settled;
    // Seen and cancelled, or never shown: either way the rows wait, edits kept.
    said.append(m_showReports ? named(waiting, QT_TR_N_NOOP("%1 still needs your choice for %2: right-click it when ready"))
                              : named(waiting, QT_TR_N_NOOP("%1 needs your choice for %2: right-click it")));
    return false;
}

QStringList MainWindow::aboutRows(const QList<QVariant> &pks, const char *text) const
{
    // A counted text ("%1" names the rows): the translation reads right for any number.
    QStringList names;
    for (const QVariant &pk : pks)
        names.append(rowName(pk));
    if (names.isEmpty())
        return {};
    return {tr(text, nullptr, int(names.size())).arg(listed(names))};
}

bool MainWindow::resolveConflictAt(int row)
{
    const Resolved resolved = resolveRow(row);
    if (!resolved.sentence.isEmpty())
        showMessage(resolved.sentence + QLatin1Char('.'), resolved.kind);
    if (resolved.applied) {
        updateCounts();
        if (m_history)
            m_history->refresh();
    }
    return resolved.applied;
}

MainWindow::Resolved MainWindow::resolveRow(int row)
{
    Resolved resolved;
    if (!m_model || row < 0 || row >= m_model->rowCount())
        return resolved;
    const auto state = m_model->rowState(row);
    if (state != VersionedTableModel::RowState::Conflict && state != VersionedTableModel::RowState::Gone)
        return resolved;
    const QVariant pk = m_model->keyAt(row);
    MergeDialog dialog(m_model, row, this);
    dialog.exec();
    if (dialog.resolution() == MergeDialog::Resolution::None)
        return resolved;
    // The dialog only decides; the model re-makes the edit against their version.
    const MergeDialog::Resolution resolution = dialog.resolution();
    const Result<int> settled = dialog.applyTo(m_model, row);
    if (!settled) {
        resolved.sentence = tr("The conflict of %1 could not be resolved").arg(rowName(pk));
        resolved.kind = QStringLiteral("error");
        return resolved;
    }
    resolved.applied = true;
    if (resolution == MergeDialog::Resolution::TakeTheirs || resolution == MergeDialog::Resolution::Discard) {
        resolved.sentence = tr("Your edit of %1 was dropped; the grid shows their version").arg(rowName(pk));
        resolved.kind = QStringLiteral("info");
        return resolved;
    }
    // "Save merge", "Keep mine" and "Re-create" write this row now, as the record form
    // does: a person who pressed Save expects it saved, not one more pending edit. Other
    // pending edits stay pending. A third change made meanwhile conflicts again and the
    // row is marked again.
    SubmitOptions options;
    options.policy = submitPolicy();
    const SubmitResult result = m_model->submitRows({*settled}, options);
    if (result.allSaved() && !result.rows.isEmpty()) {
        const RowOutcome &outcome = result.rows.constFirst();
        const QString what = resolution == MergeDialog::Resolution::Recreate
                ? tr("%1 was created again").arg(rowName(outcome.pk))
                : tr("%1 was saved with your merge").arg(rowName(pk));
        resolved.sentence = outcome.version.isValid() ? tr("%1 as version %2").arg(what, outcome.version.toString()) : what;
        resolved.kind = QStringLiteral("success");
    } else if (result.conflictCount() > 0) {
        resolved.sentence = tr("%1 was changed again meanwhile and was not saved: right-click it to resolve it again")
                                    .arg(rowName(pk));
        resolved.kind = QStringLiteral("warning");
    } else {
        resolved.sentence = OutcomeText::summary(result);
        if (resolved.sentence.endsWith(QLatin1Char('.')))
            resolved.sentence.chop(1);
        resolved.kind = QStringLiteral("warning");
    }
    return resolved;
}

void MainWindow::openRecord(int row)
{
    if (!m_model)
        return;
    RecordForm form(m_model, row, this);
    connect(&form, &RecordForm::saved, this, [this](const QVariant &key, bool deleted) {
        showMessage(deleted ? tr("%1 %2 was deleted.").arg(currentTable(), key.toString())
                            : tr("%1 %2 was saved.").arg(currentTable(), key.toString()),
                    QStringLiteral("success"));
        updateCounts();
        showHistory(currentTable(), QVariant());
    });
    form.exec();
}

void MainWindow::showHistory(const QString &table, const QVariant &pk)
{
    if (m_history && m_db.isOpen())
        m_history->load(table, pk);
}

void MainWindow::revertAll()
{
    if (!m_model)
        return;
    if (const int count = m_model->pendingCount(); count > 1) {
        QMessageBox ask(QMessageBox::Question, tr("Revert all"),
                        tr("Drop all %n pending edit(s)? Edit ▸ Undo (Ctrl+Z) brings them back.", nullptr, count),
                        QMessageBox::Yes | QMessageBox::No, this);
        ask.setObjectName(QStringLiteral("confirmRevertAllBox"));
        ask.setDefaultButton(QMessageBox::No);
        if (ask.exec() != QMessageBox::Yes)
            return;
    }
    m_model->revertAll();
    showMessage(tr("Every pending edit was dropped."), QStringLiteral("info"));
}

void MainWindow::revertSelected()
{
    if (m_model)
        m_model->revertRows(m_view->selectedRows());
}

void MainWindow::refresh()
{
    m_view->refresh();
    m_filterPanel->reloadLater(true);
    updateCounts();
    if (m_model)
        showHistory(m_model->tableName(), QVariant());
}

void MainWindow::setSearchText(const QString &text)
{
    m_search->setText(text);
    applyFilter();
}

void MainWindow::setColumnFilter(const QString &column, const QString &text)
{
    const int index = m_filterColumn->findText(column);
    m_filterColumn->setCurrentIndex(index < 0 ? 0 : index);
    m_filterText->setText(text);
    applyFilter();
}

QString MainWindow::filterClause() const
{
    if (!m_model || !m_db.isOpen() || !m_model->session()->isValid())
        return QString();
    const SqlDialect &dialect = m_model->session()->dialect();
    const auto contains = [&](const QString &column, const QString &text) { return dialect.containsText(column, text); };

    QStringList clauses;
    const QString search = m_search->text().trimmed();
    if (!search.isEmpty()) {
        QStringList any;
        const QSqlRecord record = m_model->record();
        for (int c = 0; c < record.count(); ++c)
            any.append(contains(record.fieldName(c), search));
        if (!any.isEmpty())
            clauses.append(QLatin1Char('(') + any.join(QStringLiteral(" OR ")) + QLatin1Char(')'));
    }
    const QString text = m_filterText->text().trimmed();
    if (!text.isEmpty()) {
        const QSqlRecord record = m_model->record();
        if (m_filterColumn->currentIndex() > 0 && record.indexOf(m_filterColumn->currentText()) >= 0) {
            clauses.append(contains(m_filterColumn->currentText(), text));
        } else {
            QStringList any;
            for (int c = 0; c < record.count(); ++c)
                any.append(contains(record.fieldName(c), text));
            clauses.append(QLatin1Char('(') + any.join(QStringLiteral(" OR ")) + QLatin1Char(')'));
        }
    }
    const QString listed = m_filterPanel->whereClause();
    if (!listed.isEmpty())
        clauses.append(listed);
    return clauses.join(QStringLiteral(" AND "));
}

void MainWindow::connectFilters()
{
    connect(m_filterPanel, &FilterPanel::filterChanged, this, [this] {
        m_chips->setChoices(m_filterPanel->filter().choices());
        applyFilter();
    });
    connect(m_chips, &FilterChips::removeRequested, m_filterPanel, &FilterPanel::removeChoice);
    connect(m_chips, &FilterChips::clearRequested, m_filterPanel, &FilterPanel::clearChoices);
    connect(m_findBar, &FindBar::highlightChanged, this, [this](const QString &text, Qt::CaseSensitivity sensitivity) {
        m_view->rowStateDelegate()->setFindText(text, sensitivity);
        m_view->viewport()->update();
    });
}

void MainWindow::applyFilter()
{
    m_filterTimer->stop();
    if (!m_model)
        return;
    const QString clause = filterClause();
    if (clause == m_model->filter())
        return;
    // setFilter() selects again; pending edits are keyed by primary key and survive.
    m_model->setFilter(clause);
    if (m_model->lastError().isValid() && m_model->rowCount() == 0)
        showMessage(m_model->lastError().text(), QStringLiteral("error"));
    updateCounts();
}

void MainWindow::goToRow()
{
    const int rows = m_model ? m_model->rowCount() : 0;
    if (rows == 0)
        return;
    const QModelIndex current = m_view->currentIndex();
    bool ok = false;
    const int row = QInputDialog::getInt(this, tr("Go to row"), tr("Row (1 to %L1):").arg(rows),
                                         current.isValid() ? current.row() + 1 : 1, 1, rows, 1, &ok);
    if (!ok)
        return;
    // Only the rows around it are read, wherever it lies.
    const QModelIndex target = m_model->index(row - 1, std::max(current.column(), 0));
    m_view->setCurrentIndex(target);
    m_view->scrollTo(target, QAbstractItemView::PositionAtCenter);
}

void MainWindow::updateCounts()
{
    if (!m_model) {
        m_rowsLabel->clear();
        return;
    }
    // The model's own count, read with the rows: a big table's estimate says so until the
    // count made in the background arrives (rowCountSettled).
    if (const int counted = m_model->tableRowCount(); counted >= 0) {
        const bool filtered = !m_model->filter().isEmpty();
        if (!m_model->isRowCountExact())
            m_rowsLabel->setText(filtered ? tr("about %Ln matching row(s), counting…", nullptr, counted)
                                          : tr("about %Ln row(s), counting…", nullptr, counted));
        else
            m_rowsLabel->setText(filtered ? tr("%Ln matching row(s)", nullptr, counted) : tr("%Ln row(s)", nullptr, counted));
        return;
    }
    const auto count = m_model->matchingCount();
    if (!count) {
        m_rowsLabel->setText(tr("rows: ?"));
        return;
    }
    // %Ln: the count in the locale's digits, as QLocale::toString() wrote it before.
    m_rowsLabel->setText(m_model->filter().isEmpty() ? tr("%Ln row(s)", nullptr, int(*count))
                                                     : tr("%Ln matching row(s)", nullptr, int(*count)));
}

void MainWindow::updatePending(int count)
{
    m_pendingLabel->setText(count == 0 ? tr("no pending edits") : tr("%n pending edit(s)", nullptr, count));
    m_save->setEnabled(count > 0);
    m_revertAll->setEnabled(count > 0);
    m_revertSelected->setEnabled(count > 0 && !m_view->selectedRows().isEmpty());
    setWindowModified(count > 0);
    if (count == 0 && m_messageAboutPending)
        showMessage(QString(), QString());
}

void MainWindow::showMessage(const QString &text, const QString &kind)
{
    m_messageKind = kind;
    m_messageAboutPending = false;
    m_message->setText(text);
    m_message->setStyleSheet(QStringLiteral("QLabel { %1 border-radius: 3px; }").arg(bannerStyle(kind)));
    m_message->setVisible(!text.isEmpty());
}

QString MainWindow::messageText() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

QString MainWindow::rowCountText() const
{
    return m_rowsLabel->text();
}

QString MainWindow::pendingText() const
{
    return m_pendingLabel->text();
}

void MainWindow::setLockTimeout(int ms)
{
    m_lockTimeoutMs = std::max(ms, 0);
    QSettings().setValue(QLatin1String(lockTimeoutKey), m_lockTimeoutMs);
    if (m_model)
        m_model->setLockTimeout(m_lockTimeoutMs);
}

QString MainWindow::connectionText() const
{
    return m_connectionLabel->text();
}

QString MainWindow::watchingText() const
{
    return m_watchLabel->text();
}

void MainWindow::openConnectionDialog()
{
    if (!confirmLeavingEdits())
        return;
    ConnectionDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const auto opened = openUrl(dialog.url(), dialog.password());
    if (!opened)
        QMessageBox::warning(this, tr("Open database"), opened.error().message);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (confirmLeavingEdits()) {
        WorkspaceSettings::saveColumns(m_view, m_label, currentTable());
        WorkspaceSettings::saveWindow(this);
        event->accept();
    } else {
        event->ignore();
    }
}

} // namespace Concord
