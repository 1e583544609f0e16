#pragma once

#include "submitresult.h"

#include <QString>

#include <optional>

class QAbstractItemModel;
class QMainWindow;
class QTableView;

namespace Concord {

/// The workspace remembered between sessions in QSettings: the window's geometry and the
/// state of its toolbars and docks, the last database (as ConnectionUrl::displayText(),
/// never with a password) and the last table of each, the submit policy, and per table
/// (keyed by connection and table) the columns' widths, order, hidden columns and sort.
/// Columns are remembered by name, so a column added to the table later does not shift
/// the others.
class WorkspaceSettings
{
public:
    static void saveWindow(const QMainWindow *window);
    /// Restores what saveWindow() kept; false when nothing was kept.
    static bool restoreWindow(QMainWindow *window);

    /// The last database opened (empty: none yet).
    static QString lastDatabase();
    /// Keeps @p url as the last database; only its display text, which has no password.
    static void setLastDatabase(const QString &url);

    /// The table last shown on @p connection (empty: none yet).
    static QString lastTable(const QString &connection);
    static void setLastTable(const QString &connection, const QString &table);

    static std::optional<SubmitPolicy> submitPolicy();
    static void setSubmitPolicy(SubmitPolicy policy);

    /// The column order, widths, hidden columns and sort @p view shows for @p table.
    static void saveColumns(const QTableView *view, const QString &connection, const QString &table);
    /// The sort kept for @p table, as a column of @p model (which has the table set) and an
    /// order; nothing if none was kept or the column is gone.
    static std::optional<std::pair<int, Qt::SortOrder>> sort(const QAbstractItemModel *model, const QString &connection,
                                                             const QString &table);
    /// Moves, sizes and hides the columns of @p view as they were kept for @p table (the
    /// model shows that table already). Returns false when nothing was kept.
    static bool restoreColumns(QTableView *view, const QString &connection, const QString &table);

private:
    static QString tableGroup(const QString &connection, const QString &table);
};

} // namespace Concord
