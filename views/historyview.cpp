#include "historyview.h"

#include "sqldialect.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonValue>
#include <QLabel>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace Concord {

namespace {

enum Column { WhenColumn, WhoColumn, TableColumn, ActionColumn, KeyColumn, VersionColumn, ChangesColumn, ColumnCount };

QString valueText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return QStringLiteral("NULL");
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        const double number = value.toDouble();
        // Whole numbers print without a fraction or an exponent.
        if (number == double(qint64(number)))
            return QString::number(qint64(number));
        return QString::number(number, 'g', 15);
    }
    case QJsonValue::String:
        return value.toString();
    default:
        return QString::fromUtf8(QJsonDocument::fromVariant(value.toVariant()).toJson(QJsonDocument::Compact));
    }
}

} // namespace

HistoryView::HistoryView(const QSqlDatabase &db, QWidget *parent)
    : QWidget(parent)
    , m_db(db)
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
    layout->addWidget(m_view, 1);

    m_empty = new QLabel(tr("No changes recorded yet."), this);
    m_empty->setObjectName(QStringLiteral("historyEmpty"));
    m_empty->hide();
    layout->addWidget(m_empty);
}

QString HistoryView::changesText(const QJsonObject &changes)
{
    QStringList parts;
    for (auto it = changes.constBegin(); it != changes.constEnd(); ++it) {
        const QJsonObject change = it.value().toObject();
        parts.append(QStringLiteral("%1: %2 → %3")
                             .arg(it.key(), valueText(change.value(QStringLiteral("old"))),
                                  valueText(change.value(QStringLiteral("new")))));
    }
    return parts.join(QStringLiteral("; "));
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
    const std::unique_ptr<SqlDialect> dialect = SqlDialect::create(m_db);
    if (!dialect) {
        m_error = tr("This database is not supported.");
        m_empty->setText(m_error);
        m_empty->show();
        return false;
    }
    const auto entries = ChangeLog::read(m_db, *dialect, m_table, m_pk, m_limit);
    if (!entries) {
        m_error = entries.error().message;
        m_empty->setText(m_error);
        m_empty->show();
        return false;
    }
    m_entries = *entries;
    for (const ChangeLog::Entry &entry : std::as_const(m_entries)) {
        const QString changes = changesText(entry.changes);
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
        m_model->appendRow(items);
    }
    m_empty->setText(tr("No changes recorded yet."));
    m_empty->setVisible(m_entries.isEmpty());
    m_view->resizeColumnsToContents();
    return true;
}

} // namespace Concord
