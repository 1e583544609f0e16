#pragma once

#include <QStyledItemDelegate>

namespace Concord {

/// Paints a cell from the rich text its model gives under one role (plain text otherwise),
/// for lines that mix styles, such as a NULL in grey italics among other values.
class RichTextDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    /// @p htmlRole is the item role that holds the rich text.
    explicit RichTextDelegate(int htmlRole, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_htmlRole;
};

} // namespace Concord
