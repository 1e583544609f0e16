#include "workspacesettings.h"

#include "connectionurl.h"

#include <QAbstractItemModel>
#include <QHeaderView>
#include <QMainWindow>
#include <QSettings>
#include <QSqlQueryModel>
#include <QSqlRecord>
#include <QTableView>
#include <QUrl>

namespace Concord {

namespace {

const char geometryKey[] = "workspace/geometry";
const char windowStateKey[] = "workspace/windowState";
const char lastDatabaseKey[] = "workspace/lastDatabase";
const char policyKey[] = "workspace/submitPolicy";

QString columnName(const QAbstractItemModel *model, int section)
{
    // The field's name, not a caption a model may have given its header.
    if (const auto *sql = qobject_cast<const QSqlQueryModel *>(model))
        return sql->record().fieldName(section);
    return model->headerData(section, Qt::Horizontal).toString();
}

int sectionOf(const QAbstractItemModel *model, const QString &name)
{
    for (int section = 0; section < model->columnCount(); ++section) {
        if (columnName(model, section) == name)
            return section;
    }
    return -1;
}

} // namespace

QString WorkspaceSettings::tableGroup(const QString &connection, const QString &table)
{
    // A URL holds slashes, which QSettings reads as groups: the key is percent-encoded.
    const QByteArray key = QUrl::toPercentEncoding(connection) + '|' + QUrl::toPercentEncoding(table);
    return QStringLiteral("workspace/tables/") + QString::fromLatin1(key);
}

void WorkspaceSettings::saveWindow(const QMainWindow *window)
{
    QSettings settings;
    settings.setValue(QLatin1String(geometryKey), window->saveGeometry());
    settings.setValue(QLatin1String(windowStateKey), window->saveState());
}

bool WorkspaceSettings::restoreWindow(QMainWindow *window)
{
    const QSettings settings;
    const QByteArray geometry = settings.value(QLatin1String(geometryKey)).toByteArray();
    const QByteArray state = settings.value(QLatin1String(windowStateKey)).toByteArray();
    const bool restored = !geometry.isEmpty() && window->restoreGeometry(geometry);
    return (!state.isEmpty() && window->restoreState(state)) || restored;
}

QString WorkspaceSettings::lastDatabase()
{
    return QSettings().value(QLatin1String(lastDatabaseKey)).toString();
}

void WorkspaceSettings::setLastDatabase(const QString &url)
{
    // Only what displayText() shows is kept: never a password, whatever the text held.
    const auto parsed = ConnectionUrl::parse(url);
    if (parsed)
        QSettings().setValue(QLatin1String(lastDatabaseKey), parsed->displayText());
}

QString WorkspaceSettings::lastTable(const QString &connection)
{
    return QSettings().value(QStringLiteral("workspace/lastTable/") + QString::fromLatin1(QUrl::toPercentEncoding(connection)))
            .toString();
}

void WorkspaceSettings::setLastTable(const QString &connection, const QString &table)
{
    QSettings().setValue(QStringLiteral("workspace/lastTable/") + QString::fromLatin1(QUrl::toPercentEncoding(connection)), table);
}

std::optional<SubmitPolicy> WorkspaceSettings::submitPolicy()
{
    return SubmitResult::policyFromName(QSettings().value(QLatin1String(policyKey)).toString());
}

void WorkspaceSettings::setSubmitPolicy(SubmitPolicy policy)
{
    QSettings().setValue(QLatin1String(policyKey), SubmitResult::policyName(policy));
}

void WorkspaceSettings::saveColumns(const QTableView *view, const QString &connection, const QString &table)
{
    const QAbstractItemModel *model = view->model();
    const QHeaderView *header = view->horizontalHeader();
    if (!model || table.isEmpty() || model->columnCount() == 0)
        return;
    QStringList order;
    QStringList hidden;
    QVariantMap widths;
    for (int visual = 0; visual < header->count(); ++visual) {
        const int section = header->logicalIndex(visual);
        const QString name = columnName(model, section);
        order.append(name);
        if (header->isSectionHidden(section))
            hidden.append(name);
        else
            widths.insert(name, header->sectionSize(section));
    }
    QSettings settings;
    settings.beginGroup(tableGroup(connection, table));
    settings.setValue(QStringLiteral("order"), order);
    settings.setValue(QStringLiteral("hidden"), hidden);
    settings.setValue(QStringLiteral("widths"), widths);
    const int sorted = header->sortIndicatorSection();
    if (sorted >= 0 && sorted < model->columnCount()) {
        settings.setValue(QStringLiteral("sortColumn"), columnName(model, sorted));
        settings.setValue(QStringLiteral("sortDescending"), header->sortIndicatorOrder() == Qt::DescendingOrder);
    } else {
        settings.remove(QStringLiteral("sortColumn"));
    }
}

std::optional<std::pair<int, Qt::SortOrder>> WorkspaceSettings::sort(const QAbstractItemModel *model,
                                                                     const QString &connection, const QString &table)
{
    QSettings settings;
    settings.beginGroup(tableGroup(connection, table));
    const QString column = settings.value(QStringLiteral("sortColumn")).toString();
    const int section = column.isEmpty() ? -1 : sectionOf(model, column);
    if (section < 0)
        return std::nullopt;
    return std::make_pair(section, settings.value(QStringLiteral("sortDescending")).toBool() ? Qt::DescendingOrder
                                                                                             : Qt::AscendingOrder);
}

bool WorkspaceSettings::restoreColumns(QTableView *view, const QString &connection, const QString &table)
{
    const QAbstractItemModel *model = view->model();
    QHeaderView *header = view->horizontalHeader();
    QSettings settings;
    settings.beginGroup(tableGroup(connection, table));
    if (!model || !settings.contains(QStringLiteral("order")))
        return false;
    // Columns kept by name; one dropped from the table since is passed over, one added
    // since stays where the model put it, after the known ones.
    int visual = 0;
    for (const QString &name : settings.value(QStringLiteral("order")).toStringList()) {
        const int section = sectionOf(model, name);
        if (section < 0)
            continue;
        header->moveSection(header->visualIndex(section), visual++);
    }
    const QVariantMap widths = settings.value(QStringLiteral("widths")).toMap();
    for (auto it = widths.cbegin(); it != widths.cend(); ++it) {
        if (const int section = sectionOf(model, it.key()); section >= 0 && it.value().toInt() > 0)
            header->resizeSection(section, it.value().toInt());
    }
    const QStringList hidden = settings.value(QStringLiteral("hidden")).toStringList();
    for (int section = 0; section < model->columnCount(); ++section)
        header->setSectionHidden(section, hidden.contains(columnName(model, section)));
    return true;
}

} // namespace Concord
