#pragma once

#include <QObject>
#include <QPoint>

class QHeaderView;
class QMenu;

namespace Concord {

/// The context menu of a table's column header: a checkable entry per column to show or
/// hide it, "Hide column" for the one clicked and "Show all columns". The last visible
/// column cannot be hidden. Hidden columns are kept per table by WorkspaceSettings.
class ColumnMenu : public QObject
{
    Q_OBJECT

public:
    /// Gives @p header (which owns the menu) its context menu.
    explicit ColumnMenu(QHeaderView *header);

    /// The menu for a click on @p section (-1: none); the caller owns it.
    QMenu *menuFor(int section) const;
    /// Shows the menu for @p section under its header, for the keyboard (View > Columns…).
    QMenu *popUpFor(int section);

Q_SIGNALS:
    /// A column was hidden or shown from the menu.
    void columnsChanged();

private:
    void setHidden(int section, bool hidden);
    int visibleCount() const;

    QHeaderView *m_header;
};

} // namespace Concord
