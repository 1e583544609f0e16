#include "filterchips.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QToolButton>

namespace Concord {

namespace {

const char chipStyle[] = "QToolButton { background:#e4eefa; color:#1c3d63; border:1px solid #a9c4e6;"
                         " border-radius:9px; padding:1px 6px; }"
                         "QToolButton:hover { background:#cfe0f5; }";

} // namespace

FilterChips::FilterChips(QWidget *parent)
    : QWidget(parent)
{
    // The chips scroll sideways rather than widen the window when there are many.
    auto *row = new QWidget(this);
    m_layout = new QHBoxLayout(row);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(4);
    m_layout->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(row);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_scroll = scroll;
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);

    auto *clearAll = new QPushButton(tr("Clear all"), this);
    clearAll->setFlat(true);
    clearAll->setToolTip(tr("Remove every list filter"));
    clearAll->setObjectName(QStringLiteral("clearAllFilters"));
    m_clearAll = clearAll;

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Filtered by:"), this));
    layout->addWidget(scroll, 1);
    layout->addWidget(m_clearAll);
    connect(m_clearAll, &QAbstractButton::clicked, this, &FilterChips::clearRequested);
    hide();
}

void FilterChips::setChoices(const QList<FilterChoice> &choices)
{
    // A chip may be the sender of the click that led here: it goes once the click is over.
    for (QAbstractButton *chip : std::as_const(m_chips)) {
        m_layout->removeWidget(chip);
        chip->hide();
        chip->deleteLater();
    }
    m_chips.clear();
    m_texts.clear();
    for (qsizetype i = 0; i < choices.size(); ++i) {
        const FilterChoice &choice = choices.at(i);
        const QString text = tr("%1: %2").arg(choice.column, choice.label);
        auto *chip = new QToolButton(this);
        chip->setText(text + QStringLiteral(" ×"));
        chip->setToolTip(tr("Remove this filter"));
        chip->setStyleSheet(QLatin1String(chipStyle));
        chip->setAutoRaise(false);
        // Before the stretch that keeps them to the left.
        m_layout->insertWidget(int(i), chip);
        connect(chip, &QToolButton::clicked, this, [this, i] { emit removeRequested(int(i)); });
        m_chips.append(chip);
        m_texts.append(text);
    }
    setVisible(!choices.isEmpty());
    fitHeight();
}

void FilterChips::fitHeight()
{
    if (m_chips.isEmpty())
        return;
    // One row of chips, and room for the scroll bar only when they do not fit.
    const bool overflows = m_scroll->widget()->sizeHint().width() > m_scroll->width();
    const int bar = overflows ? m_scroll->horizontalScrollBar()->sizeHint().height() : 0;
    m_scroll->setFixedHeight(m_chips.first()->sizeHint().height() + 2 + bar);
}

void FilterChips::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitHeight();
}

QStringList FilterChips::texts() const
{
    return m_texts;
}

} // namespace Concord
