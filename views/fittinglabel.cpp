#include "fittinglabel.h"

#include <QResizeEvent>

namespace Concord {

FittingLabel::FittingLabel(QWidget *parent)
    : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
}

void FittingLabel::setTexts(const QStringList &texts)
{
    m_texts = texts;
    setToolTip(m_texts.value(0));
    fit();
    updateGeometry();
}

QSize FittingLabel::sizeFor(const QString &text) const
{
    const QMargins margins = contentsMargins();
    return {fontMetrics().horizontalAdvance(text) + 2 * margin() + margins.left() + margins.right(),
            QLabel::minimumSizeHint().height()};
}

QSize FittingLabel::sizeHint() const
{
    return sizeFor(m_texts.value(0));
}

QSize FittingLabel::minimumSizeHint() const
{
    // At least the shortest shows: a layout short of room would otherwise give it nothing.
    return sizeFor(m_texts.value(m_texts.size() - 1));
}

void FittingLabel::resizeEvent(QResizeEvent *event)
{
    QLabel::resizeEvent(event);
    fit();
}

void FittingLabel::fit()
{
    QString shown = m_texts.value(m_texts.size() - 1);
    for (const QString &text : std::as_const(m_texts)) {
        if (sizeFor(text).width() <= width()) {
            shown = text;
            break;
        }
    }
    if (text() != shown)
        setText(shown);
}

} // namespace Concord
