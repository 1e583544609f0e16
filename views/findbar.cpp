#include "findbar.h"

#include "rowstatedelegate.h"

#include <QAction>
#include <QCheckBox>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QProgressDialog>
#include <QTableView>
#include <QToolButton>

#include <algorithm>
#include <memory>

namespace Concord {

FindBar::FindBar(QTableView *view, QWidget *parent)
    : QWidget(parent)
    , m_view(view)
    , m_edit(new QLineEdit(this))
    , m_matchCase(new QCheckBox(tr("Match case"), this))
    , m_status(new QLabel(this))
    , m_nextAction(new QAction(tr("Find &next"), this))
    , m_previousAction(new QAction(tr("Find pre&vious"), this))
{
    m_edit->setPlaceholderText(tr("Find in the grid"));
    m_edit->setClearButtonEnabled(true);
    m_edit->setMaximumWidth(280);
    m_edit->installEventFilter(this);
    m_nextAction->setShortcut(QKeySequence(Qt::Key_F3));
    m_nextAction->setToolTip(tr("The next cell that contains the text (Enter, F3)"));
    m_previousAction->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F3));
    m_previousAction->setToolTip(tr("The previous cell that contains the text (Shift+Enter, Shift+F3)"));

    auto *previous = new QToolButton(this);
    previous->setText(tr("Previous"));
    previous->setToolTip(m_previousAction->toolTip());
    auto *next = new QToolButton(this);
    next->setText(tr("Next"));
    next->setToolTip(m_nextAction->toolTip());
    auto *close = new QToolButton(this);
    close->setText(QStringLiteral("×"));
    close->setToolTip(tr("Close the find bar (Escape)"));
    close->setAutoRaise(true);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 2, 0, 2);
    layout->addWidget(new QLabel(tr("Find:"), this));
    layout->addWidget(m_edit);
    layout->addWidget(previous);
    layout->addWidget(next);
    layout->addWidget(m_matchCase);
    layout->addWidget(m_status, 1);
    layout->addWidget(close);

    const auto orOpen = [this](bool forward) {
        if (isHidden())
            open();
        find(forward);
    };
    connect(m_nextAction, &QAction::triggered, this, [orOpen] { orOpen(true); });
    connect(m_previousAction, &QAction::triggered, this, [orOpen] { orOpen(false); });
    connect(next, &QToolButton::clicked, this, &FindBar::findNext);
    connect(previous, &QToolButton::clicked, this, &FindBar::findPrevious);
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    connect(m_edit, &QLineEdit::textChanged, this, [this] {
        setStatus(QString());
        announceHighlight();
    });
    connect(m_matchCase, &QCheckBox::toggled, this, &FindBar::announceHighlight);
    hide();
}

void FindBar::open()
{
    show();
    m_edit->setFocus(Qt::ShortcutFocusReason);
    m_edit->selectAll();
    announceHighlight();
}

bool FindBar::findNext()
{
    return find(true);
}

bool FindBar::findPrevious()
{
    return find(false);
}

void FindBar::setText(const QString &text)
{
    m_edit->setText(text);
}

QString FindBar::text() const
{
    return m_edit->text();
}

void FindBar::setCaseSensitive(bool sensitive)
{
    m_matchCase->setChecked(sensitive);
}

QString FindBar::statusText() const
{
    return m_status->text();
}

Qt::CaseSensitivity FindBar::sensitivity() const
{
    return m_matchCase->isChecked() ? Qt::CaseSensitive : Qt::CaseInsensitive;
}

bool FindBar::matches(int row, int column) const
{
    if (m_view->isColumnHidden(column))
        return false;
    return RowStateDelegate::cellContains(m_view->model()->index(row, column), m_edit->text(), sensitivity());
}

namespace {

// The progress of one search: nothing until it has taken a moment, then a dialog over the
// window with the row reached and Cancel.
class SearchProgress
{
public:
    SearchProgress(QWidget *parent, int delayMs, const QString &label)
        : m_parent(parent), m_delayMs(delayMs), m_label(label)
    {
        m_clock.start();
    }

    /// Counts a cell searched, of a table of @p rows rows with @p columns columns; false
    /// once the person cancelled.
    bool step(qint64 columns, int rows)
    {
        if (++m_cells % 64 != 0)
            return !m_cancelled;
        if (!m_dialog && m_clock.elapsed() < m_delayMs)
            return true;
        if (!m_dialog) {
            m_dialog = std::make_unique<QProgressDialog>(m_label, FindBar::tr("Cancel"), 0, std::max(rows, 1), m_parent);
            m_dialog->setObjectName(QStringLiteral("findProgress"));
            m_dialog->setWindowModality(Qt::WindowModal);
            m_dialog->setMinimumDuration(0);
            m_dialog->setAutoReset(false);
            m_dialog->setAutoClose(false);
        }
        // The rows passed, wherever the search started: it goes round the table once at most.
        m_dialog->setMaximum(std::max(rows, 1));
        m_dialog->setValue(int(std::min<qint64>(m_cells / std::max<qint64>(columns, 1), rows)));
        m_cancelled = m_dialog->wasCanceled();
        return !m_cancelled;
    }
    bool cancelled() const { return m_cancelled; }

private:
    QWidget *m_parent;
    int m_delayMs;
    QString m_label;
    QElapsedTimer m_clock;
    std::unique_ptr<QProgressDialog> m_dialog;
    qint64 m_cells = 0;
    bool m_cancelled = false;
};

} // namespace

// Cells are searched row by row, left to right, from the current cell. Rows the model has
// not fetched yet are fetched when the search reaches the end of those it has.
bool FindBar::find(bool forward)
{
    QAbstractItemModel *model = m_view->model();
    if (!model || m_edit->text().isEmpty() || model->columnCount() == 0) {
        setStatus(QString());
        return false;
    }
    const qint64 columns = model->columnCount();
    const auto cells = [&] { return qint64(model->rowCount()) * columns; };
    const auto fetch = [model] {
        const int before = model->rowCount();
        if (model->canFetchMore(QModelIndex()))
            model->fetchMore(QModelIndex());
        return model->rowCount() > before;
    };
    const QModelIndex current = m_view->currentIndex();
    const qint64 start = current.isValid() ? current.row() * columns + current.column() : (forward ? -1 : cells());
    // Every cell searched counts; a long search (millions of rows, read page by page)
    // shows how far it got and stops on Cancel.
    SearchProgress progress(this, m_progressDelayMs, tr("Searching for “%1”…").arg(m_edit->text()));
    const auto hit = [&](qint64 cell) {
        return progress.step(columns, model->rowCount()) && matches(int(cell / columns), int(cell % columns));
    };

    qint64 found = -1;
    bool wrapped = false;
    if (forward) {
        for (qint64 cell = start + 1; found < 0 && !progress.cancelled() && (cell < cells() || fetch()); ++cell) {
            if (hit(cell))
                found = cell;
        }
        for (qint64 cell = 0; found < 0 && !progress.cancelled() && cell <= start && cell < cells(); ++cell) {
            if (hit(cell))
                found = cell, wrapped = true;
        }
    } else {
        for (qint64 cell = std::min(start, cells()) - 1; found < 0 && !progress.cancelled() && cell >= 0; --cell) {
            if (hit(cell))
                found = cell;
        }
        // Going round from the first cell to the last: every row is needed.
        while (found < 0 && fetch()) { }
        for (qint64 cell = cells() - 1; found < 0 && !progress.cancelled() && cell >= start && cell >= 0; --cell) {
            if (hit(cell))
                found = cell, wrapped = true;
        }
    }
    if (progress.cancelled()) {
        setStatus(tr("Search cancelled"));
        return false;
    }
    if (found < 0) {
        setStatus(tr("No matches"));
        return false;
    }
    const QModelIndex index = model->index(int(found / columns), int(found % columns));
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
    setStatus(wrapped ? (forward ? tr("Search wrapped to the top") : tr("Search wrapped to the bottom")) : QString());
    return true;
}

void FindBar::setStatus(const QString &text)
{
    m_status->setText(text);
}

void FindBar::announceHighlight()
{
    emit highlightChanged(isVisible() ? m_edit->text() : QString(), sensitivity());
}

bool FindBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            find(!(key->modifiers() & Qt::ShiftModifier));
            return true;
        }
        if (key->key() == Qt::Key_Escape) {
            hide();
            m_view->setFocus(Qt::OtherFocusReason);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void FindBar::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        hide();
        m_view->setFocus(Qt::OtherFocusReason);
        return;
    }
    QWidget::keyPressEvent(event);
}

void FindBar::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    emit highlightChanged(QString(), sensitivity());
}

} // namespace Concord
