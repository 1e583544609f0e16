#pragma once

#include <QHeaderView>
#include <QPointer>
#include <QVariant>

namespace Concord {

class CheckedRows;
class HeaderRowsModel;

/// The change list's row header, which doubles as its selection column: a checkbox per
/// row in front of the model's row marker (number, ✎, ≠, ↻ …). A click on the checkbox
/// toggles the row, Shift+click sets every row from the last one clicked, dragging over
/// the checkboxes gives them the state of the first; a click elsewhere in the header
/// selects the row as before.
///
/// It lays out its sections through a HeaderRowsModel: for a new table of more than
/// rowsBeforeRelease() rows, only that many until releaseRows() (the grid calls it after its
/// first paint), then all of them.
class CheckHeaderView : public QHeaderView
{
    Q_OBJECT

public:
    explicit CheckHeaderView(QWidget *parent = nullptr);

    /// Shows and toggles the checks of @p rows (not owned).
    void setCheckedRows(CheckedRows *rows);
    CheckedRows *checkedRows() const { return m_rows; }

    /// Where the checkbox of @p row is painted, in viewport coordinates; empty when the
    /// row has none (a new row) or is not on screen.
    QRect checkBoxRect(int row) const;
    /// The width, from the left edge, of the part of a section that toggles its checkbox.
    int checkAreaWidth() const;

    /// Takes the grid's model and selection (the header shows them through its HeaderRowsModel).
    void setModel(QAbstractItemModel *model) override;
    void setSelectionModel(QItemSelectionModel *selectionModel) override;
    /// Whether the sections of only the first rowsBeforeRelease() rows are laid out.
    bool hasRowsHeldBack() const;
    /// Lays out every row's section from now on.
    void releaseRows();
    /// Rows laid out for a new table before releaseRows(); default 10,000.
    void setRowsBeforeRelease(int rows);
    int rowsBeforeRelease() const;

protected:
    void paintSection(QPainter *painter, const QRect &rect, int logicalIndex) const override;
    QSize sectionSizeFromContents(int logicalIndex) const override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;

private:
    QRect indicatorRect(const QRect &section) const;
    int checkableRowAt(const QPoint &pos) const;
    void toggle(int row, bool range);

    void syncSelection();

    HeaderRowsModel *m_headerRows = nullptr;
    QItemSelectionModel *m_headerSelection = nullptr; // the grid's selection, on m_headerRows
    QPointer<QItemSelectionModel> m_gridSelection;
    QPointer<CheckedRows> m_rows;
    QVariant m_anchor;        // the key of the row clicked last, for Shift+click
    bool m_dragging = false;  // a press on a checkbox is being dragged over others
    bool m_dragState = false; // the state the drag gives them
    int m_dragRow = -1;       // the row the drag was over last
};

} // namespace Concord
