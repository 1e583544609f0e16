#include "historyview.h"

#include "richtextdelegate.h"
#include "session.h"
#include "sqldialect.h"
#include "tableschema.h"
#include "valueformat.h"
#include "versionedwriter.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonValue>
#include <QLabel>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace Concord {

namespace {

enum Column { WhenColumn, WhoColumn, TableColumn, ActionColumn, KeyColumn, VersionColumn, ChangesColumn, ColumnCount };

/// "qty: 10 → 11; …", or for a delete "deleted; last values: id: 2, …", each value written by
/// @p value (plain or rich text).
template<typename ValueText>
QString describe(const QJsonObject &changes, const QString &action, const QHash<QString, ColumnInfo> &columns,
                 ValueText value, bool html)
{
    const auto name = [html](const QString &column) { return html ? column.toHtmlEscaped() : column; };
    QStringList parts;
    // A delete logs every column as "old → NULL": what it says is the row's last values.
    const bool deleted = action == QLatin1String("delete");
    for (auto it = changes.constBegin(); it != changes.constEnd(); ++it) {
        const QJsonObject change = it.value().toObject();
        const ColumnInfo column = columns.value(it.key());
        const QString old = value(change.value(QStringLiteral("old")), column);
        if (deleted)
            parts.append(QStringLiteral("%1: %2").arg(name(it.key()), old));
        else
            parts.append(QStringLiteral("%1: %2 → %3").arg(name(it.key()), old, value(change.value(QStringLiteral("new")), column)));
    }
    if (deleted)
        return HistoryView::tr("deleted; last values: %1").arg(parts.join(QStringLiteral(", ")));
    return parts.join(QStringLiteral("; "));
}

} // namespace

HistoryView::HistoryView(const QSqlDatabase &db, QWidget *parent)
    : HistoryView(Session::of(db), parent)
{
}

HistoryView::HistoryView(std::shared_ptr<Session> session, QWidget *parent)
    : QWidget(parent)
    , m_session(std::move(session))
{
    setObjectName(QStringLiteral("historyView"));
    auto *layout = new QVBoxLayout(this);
    auto *header = new QHBoxLayout;
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("historyTitle"));
    header->addWidget(m_title, 1);
    auto *refresh = new QPushButton(tr("&Refresh"), this);
    refresh->setObjectName(QStringLiteral("refreshHistoryButton"));
    connect(refresh, &QPushButton::clicked, this, &HistoryView::refresh);
    header->addWidget(refresh);
    layout->addLayout(header);

    m_model = new QStandardItemModel(0, ColumnCount, this);
    m_model->setHorizontalHeaderLabels({tr("When"), tr("Who"), tr("Table"), tr("Action"), tr("Key"), tr("Version"),
                                        tr("Changes")});
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("historyTable"));
    m_view->setModel(m_model);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    m_view->setItemDelegateForColumn(ChangesColumn, new RichTextDelegate(ChangesHtmlRole, m_view));
    layout->addWidget(m_view, 1);

    m_empty = new QLabel(tr("No changes recorded yet."), this);
    m_empty->setObjectName(QStringLiteral("historyEmpty"));
    m_empty->hide();
    layout->addWidget(m_empty);
}

QString HistoryView::changesText(const QJsonObject &changes, const QString &action,
                                 const QHash<QString, ColumnInfo> &columns)
{
    return describe(changes, action, columns,
                    [](const QJsonValue &value, const ColumnInfo &column) { return ValueFormat::text(value, column); }, false);
}

QString HistoryView::changesHtml(const QJsonObject &changes, const QString &action,
                                 const QHash<QString, ColumnInfo> &columns, const QColor &nullColor)
{
    const auto value = [&nullColor](const QJsonValue &json, const ColumnInfo &column) {
        // The placeholder grey is often black at half opacity: the alpha must come along.
        if (json.isNull() || json.isUndefined())
            return QStringLiteral("<i style=\"color:%1\">%2</i>").arg(nullColor.name(QColor::HexArgb), ValueFormat::nullText());
        return ValueFormat::text(json, column).toHtmlEscaped();
    };
    return describe(changes, action, columns, value, true);
}

bool HistoryView::load(const QString &table, const QVariant &pk, int limit)
{
    m_table = table;
    m_pk = pk;
    m_limit = limit;
    if (table.isEmpty())
        m_title->setText(tr("All changes"));
    else if (pk.isNull())
        m_title->setText(tr("Changes to %1").arg(table));
    else
        m_title->setText(tr("Changes to %1 %2").arg(table, pk.toString()));
    return refresh();
}

bool HistoryView::refresh()
{
    m_model->removeRows(0, m_model->rowCount());
    m_entries.clear();
    m_error.clear();
    if (!m_session->isValid()) {
        m_error = tr("This database is not supported.");
        m_empty->setText(m_error);
        m_empty->show();
        return false;
    }
    const auto entries = ChangeLog::read(m_session->database(), m_session->dialect(), m_table, m_pk, m_limit);
    if (!entries) {
        m_error = entries.error().message;
        m_empty->setText(m_error);
        m_empty->show();
        return false;
    }
    m_entries = *entries;
    // Each table's columns, so decimals keep their scale and bytes show as size and type.
    QHash<QString, QHash<QString, ColumnInfo>> columnsOf;
    for (const ChangeLog::Entry &entry : std::as_const(m_entries)) {
        if (columnsOf.contains(entry.table))
            continue;
        QHash<QString, ColumnInfo> &columns = columnsOf[entry.table];
        if (const auto schema = m_session->schema(entry.table)) {
            for (const ColumnInfo &column : schema->columnInfos())
                columns.insert(column.name, column);
        }
    }
    const QColor nullColor = ValueFormat::placeholderColor(palette());
    for (const ChangeLog::Entry &entry : std::as_const(m_entries)) {
        const QHash<QString, ColumnInfo> &columns = columnsOf[entry.table];
        const QString changes = changesText(entry.changes, entry.action, columns);
        QList<QStandardItem *> items{
            new QStandardItem(entry.at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))),
            new QStandardItem(entry.user),
            new QStandardItem(entry.table),
            new QStandardItem(entry.action),
            new QStandardItem(entry.pk),
            new QStandardItem(entry.version.isNull() ? QString() : entry.version.toString()),
            new QStandardItem(changes),
        };
        items.at(WhenColumn)->setToolTip(entry.at.toUTC().toString(Qt::ISODateWithMs));
        items.at(ChangesColumn)->setToolTip(QString(changes).replace(QStringLiteral("; "), QStringLiteral("\n")));
        items.at(ChangesColumn)->setData(changesHtml(entry.changes, entry.action, columns, nullColor), ChangesHtmlRole);
        m_model->appendRow(items);
    }
    // A table whose log is switched off says so, above whatever it recorded before.
    const auto writer = m_table.isEmpty() ? Result<VersionedWriter *>(nullptr) : m_session->writer(m_table);
    const bool logOff = writer && *writer && !(*writer)->policy().logChanges;
    m_empty->setText(logOff ? tr("Saves of %1 are not recorded: its change log is switched off in the table index.").arg(m_table)
                            : tr("No changes recorded yet."));
    m_empty->setVisible(logOff || m_entries.isEmpty());
    m_view->resizeColumnsToContents();
    return true;
}

} // namespace Concord
