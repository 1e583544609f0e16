#include "richtextdelegate.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QPainter>
#include <QTextDocument>

namespace Concord {

RichTextDelegate::RichTextDelegate(int htmlRole, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_htmlRole(htmlRole)
{
}

void RichTextDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QString html = index.data(m_htmlRole).toString();
    if (html.isEmpty()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // The style draws the cell (background, selection, focus) without its text; the
    // document draws the text where the style would have.
    QStyleOptionViewItem item = option;
    initStyleOption(&item, index);
    item.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &item, painter, widget);

    QTextDocument document;
    document.setDefaultFont(item.font);
    document.setDocumentMargin(0);
    document.setHtml(html);
    const QRect text = style->subElementRect(QStyle::SE_ItemViewItemText, &item, widget);
    painter->save();
    painter->translate(text.left() + 2, text.top() + (text.height() - document.size().height()) / 2);
    painter->setClipRect(QRectF(0, 0, text.width() - 2, text.height()));
    QAbstractTextDocumentLayout::PaintContext context;
    context.palette = item.palette;
    context.palette.setColor(QPalette::Text, item.palette.color(item.state & QStyle::State_Selected ? QPalette::HighlightedText
                                                                                                   : QPalette::Text));
    document.documentLayout()->draw(painter, context);
    painter->restore();
}

} // namespace Concord
