#pragma once

#include <QColor>
#include <QFontMetrics>
#include <QRect>
#include <QStyledItemDelegate>

namespace Concord {

/// Paints a VersionedTableModel's cells from its roles (edited, new, marked for deletion,
/// changed or deleted by someone else, refused by the database, stale), with each value's
/// exact text (ValueFormat), NULL and "default" in grey italics and booleans as check boxes.
/// Edits go through the column's editor (ValueEditor): an editor closed without a change
/// writes nothing, and a value the column refuses is refused when it is typed.
class RowStateDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit RowStateDelegate(QObject *parent = nullptr);

    /// The background a cell gets from its state; invalid for a clean cell.
    static QColor background(const QModelIndex &index);
    /// The colour that marks a row state (also used for the selection stripe and legends).
    static QColor stateColor(int rowState, bool stale = false);

    /// The text of a cell someone else changed: "mine ≠ theirs: their value", or where that
    /// does not fit @p width, "mine ≠ theirs" with each side elided to its share.
    static QString conflictText(const QString &mine, const QString &theirs, const QFontMetrics &metrics, int width);
    /// The frame drawn around the current cell (what F2 edits), also under whole-row selection.
    static QRect currentCellFrame(const QRect &cellRect);
    /// The colour of that frame on a cell that is (or is not) selected.
    static QColor currentCellColor(const QPalette &palette, bool selected);
    /// A cell's tooltip: the whole value when the cell shows it elided, mine and theirs in
    /// full for a conflict, then what the model says about the row.
    QString toolTip(const QStyleOptionViewItem &option, const QModelIndex &index) const;

    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

    /// Highlights the cells whose text contains @p text (the find bar's; empty: none).
    void setFindText(const QString &text, Qt::CaseSensitivity sensitivity);
    QString findText() const { return m_findText; }
    /// Whether @p index holds a value whose text, as the grid shows it, contains @p text.
    static bool cellContains(const QModelIndex &index, const QString &text, Qt::CaseSensitivity sensitivity);
    /// The colour of a cell the find bar matches.
    static QColor findColor();

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;

Q_SIGNALS:
    /// A value typed into @p index was refused (or the cell cannot be edited); @p message is
    /// one sentence saying why. The cell keeps its value.
    void editRefused(const QModelIndex &index, const QString &message) const;
    /// The foreign-key @p editor of @p index asked for the lookup dialog (Ctrl+L).
    void lookupRequested(QWidget *editor, const QPersistentModelIndex &index) const;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    bool matchesFind(const QModelIndex &index) const;

    QString m_findText;
    Qt::CaseSensitivity m_findCase = Qt::CaseInsensitive;
};

} // namespace Concord
