#pragma once

#include "changelog.h"
#include "columninfo.h"

#include <QHash>
#include <QSqlDatabase>
#include <QString>
#include <QVariant>
#include <QWidget>

#include <memory>

class QColor;
class QLabel;
class QStandardItemModel;
class QTableView;

namespace Concord {

class Session;

/// The change log (concord_log) of a table, or of one row: when, who, action, key,
/// version, and each changed field as "field: old → new" (a delete: the row's last values),
/// values written as the grid writes them, NULL in grey italics. Newest first.
class HistoryView : public QWidget
{
    Q_OBJECT

public:
    /// The Changes column's rich text (changesHtml()), which its delegate paints.
    static constexpr int ChangesHtmlRole = Qt::UserRole + 1;

    explicit HistoryView(const QSqlDatabase &db, QWidget *parent = nullptr);
    /// The history of \a session's database.
    explicit HistoryView(std::shared_ptr<Session> session, QWidget *parent = nullptr);

    /// Shows the newest @p limit entries of @p table (every table when empty), of the row
    /// @p pk when given. Returns false on a database error (lastError() says which).
    bool load(const QString &table = QString(), const QVariant &pk = QVariant(), int limit = 200);
    /// Reads the same entries again.
    bool refresh();

    /// The table shown (empty: every table).
    QString table() const { return m_table; }
    /// The row shown (null: every row of the table).
    QVariant key() const { return m_pk; }
    /// The entries shown, newest first.
    const QList<ChangeLog::Entry> &entries() const { return m_entries; }
    /// Why the last load failed; empty after a successful one.
    QString lastError() const { return m_error; }
    /// The table view (one line per entry), for embedding and tests.
    QTableView *tableView() const { return m_view; }

    /// "qty: 10 → 11; note: fresh → ripe" (NULL for no value); for @p action "delete",
    /// "deleted; last values: id: 2, name: pear". @p columns format the values (decimal
    /// scale, bytes); without them each value is written by its own type.
    static QString changesText(const QJsonObject &changes, const QString &action = QString(),
                               const QHash<QString, ColumnInfo> &columns = {});
    /// The same as rich text, NULL in @p nullColor italics.
    static QString changesHtml(const QJsonObject &changes, const QString &action,
                               const QHash<QString, ColumnInfo> &columns, const QColor &nullColor);

private:
    std::shared_ptr<Session> m_session;
    QString m_table;
    QVariant m_pk;
    int m_limit = 200;
    QString m_error;
    QList<ChangeLog::Entry> m_entries;
    QLabel *m_title = nullptr;
    QLabel *m_empty = nullptr;
    QTableView *m_view = nullptr;
    QStandardItemModel *m_model = nullptr;
};

} // namespace Concord
