#include "filterchips.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>

namespace Concord {

namespace {

const char chipStyle[] = "QToolButton { background:#e4eefa; color:#1c3d63; border:1px solid #a9c4e6;"
                         " border-radius:9px; padding:1px 8px; }"
                         "QToolButton:hover { background:#cfe0f5; }";

} // namespace

FilterChips::FilterChips(QWidget *parent)
    : QWidget(parent)
    , m_layout(new QHBoxLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(6);
    m_layout->addWidget(new QLabel(tr("Filtered by:"), this));
    auto *clearAll = new QPushButton(tr("Clear all"), this);
    clearAll->setFlat(true);
    clearAll->setToolTip(tr("Remove every list filter"));
    clearAll->setObjectName(QStringLiteral("clearAllFilters"));
    m_clearAll = clearAll;
    m_layout->addWidget(m_clearAll);
    m_layout->addStretch(1);
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
        chip->setText(text + QStringLiteral("  ×"));
        chip->setToolTip(tr("Remove this filter"));
        chip->setStyleSheet(QLatin1String(chipStyle));
        chip->setAutoRaise(false);
        // Before "Clear all" (the label is first).
        m_layout->insertWidget(int(i) + 1, chip);
        connect(chip, &QToolButton::clicked, this, [this, i] { emit removeRequested(int(i)); });
        m_chips.append(chip);
        m_texts.append(text);
    }
    setVisible(!choices.isEmpty());
}

QStringList FilterChips::texts() const
{
    return m_texts;
}

} // namespace Concord
