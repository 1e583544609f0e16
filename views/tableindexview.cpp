#include "tableindexview.h"

#include "session.h"
#include "versionregistry.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QToolBar>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Concord {

namespace {

enum Column { NameColumn, VersioningColumn, OtherToolsColumn };
constexpr int HasTriggerRole = Qt::UserRole + 1;
constexpr int KindRole = Qt::UserRole + 2;
constexpr int CatchesAllRole = Qt::UserRole + 3;
constexpr int LogRole = Qt::UserRole + 4;

// A database trigger bumps the version on every UPDATE from any tool, so any edit made
// since a row was loaded is a conflict. Without one, a tool that does not bump the version
// is caught only on the fields a save writes (their loaded values are compared).
bool seesEveryEdit(const VersionRegistry::TableInfo &info)
{
    return info.policy.isVersioned() && info.hasTrigger;
}

QString describe(const VersionRegistry::TableInfo &info)
{
    if (!info.policy.isVersioned())
        return QStringLiteral("—");
    QString text = VersionPolicy::kindName(info.policy.kind);
    if (!info.policy.registered)
        text += QStringLiteral(" (found)"); // an integer "version" column, not registered
    if (info.policy.kind == VersionKind::Trigger)
        text += info.hasTrigger ? QStringLiteral(" ⚡") : QStringLiteral(" (no trigger!)");
    else if (info.hasTrigger)
        text += QStringLiteral(" + ⚡");
    if (!info.policy.logChanges)
        text += TableIndexView::tr(", no log");
    return text;
}

} // namespace

TableIndexView::TableIndexView(QWidget *parent)
    : QWidget(parent)
    , m_tree(new QTreeWidget(this))
{
    m_tree->setColumnCount(3);
    m_tree->setHeaderLabels({tr("Table"), tr("Versioning"), tr("Other tools' edits")});
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setAllColumnsShowFocus(true);
    // Table names are never cut: in a narrow index the last column scrolls out of view
    // instead (the sentence under the list says the same for the table at hand).
    m_tree->header()->setStretchLastSection(true);
    m_tree->header()->setSectionResizeMode(NameColumn, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(VersioningColumn, QHeaderView::ResizeToContents);
    m_tree->headerItem()->setToolTip(OtherToolsColumn, tr("Whether a save notices every edit made with other tools "
                                                          "(psql, sqlite3, scripts) since the row was loaded"));
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);

    m_enable = new QAction(tr("Enable versioning…"), this);
    m_enable->setToolTip(tr("Add or change the version column and kind of the selected table"));
    m_disable = new QAction(tr("Disable"), this);
    m_disable->setToolTip(tr("Stop versioning the selected table (the column stays)"));
    m_trigger = new QAction(tr("Add trigger"), this);
    m_trigger->setCheckable(true);
    m_trigger->setToolTip(tr("Create or drop the database trigger that bumps the version on every UPDATE"));
    m_log = new QAction(tr("Change log"), this);
    m_log->setCheckable(true);
    m_log->setToolTip(tr("Record every save of the selected table in the change log (History). "
                         "Every client follows this switch."));

    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("otherToolsHint"));
    m_hint->setWordWrap(true);
    m_hint->hide();

    auto *bar = new QToolBar(this);
    bar->setIconSize(QSize(16, 16));
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->addAction(m_enable);
    bar->addAction(m_disable);
    bar->addAction(m_trigger);
    bar->addAction(m_log);

    auto *title = new QLabel(tr("<b>Tables</b>"), this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(title);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_hint);
    layout->addWidget(bar);

    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *current) {
        updateActions();
        if (current)
            emit tableActivated(current->text(NameColumn));
    });
    connect(m_tree, &QTreeWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        if (!m_tree->itemAt(pos))
            return;
        QMenu menu(this);
        menu.addAction(m_enable);
        menu.addAction(m_disable);
        menu.addAction(m_trigger);
        menu.addAction(m_log);
        menu.exec(m_tree->viewport()->mapToGlobal(pos));
    });
    connect(m_enable, &QAction::triggered, this, &TableIndexView::askAndEnable);
    connect(m_disable, &QAction::triggered, this, [this] { disableVersioning(currentTable()); });
    connect(m_trigger, &QAction::triggered, this, &TableIndexView::toggleTrigger);
    connect(m_log, &QAction::triggered, this, [this](bool on) { setChangeLog(currentTable(), on); });
    updateActions();
}

void TableIndexView::setDatabase(const QSqlDatabase &db)
{
    setSession(Session::of(db));
}

void TableIndexView::setSession(std::shared_ptr<Session> session)
{
    m_session = std::move(session);
    reload();
}

void TableIndexView::reload()
{
    const QString current = currentTable();
    const QSignalBlocker blocker(m_tree);
    m_tree->clear();
    if (!m_session || !m_session->database().isOpen() || !m_session->isValid())
        return;
    const auto tables = m_session->registry().tables();
    if (!tables) {
        emit errorOccurred(tables.error().message);
        return;
    }
    for (const VersionRegistry::TableInfo &info : *tables) {
        auto *item = new QTreeWidgetItem(m_tree);
        item->setText(NameColumn, info.table);
        item->setText(VersioningColumn, describe(info));
        item->setData(NameColumn, HasTriggerRole, info.hasTrigger);
        item->setData(NameColumn, KindRole, info.policy.isVersioned() ? VersionPolicy::kindName(info.policy.kind) : QString());
        item->setData(NameColumn, LogRole, info.policy.logChanges);
        const bool all = seesEveryEdit(info);
        item->setData(NameColumn, CatchesAllRole, all);
        item->setText(OtherToolsColumn, all ? tr("all caught") : tr("fields you change"));
        item->setToolTip(OtherToolsColumn, all ? tr("A trigger bumps the version on every UPDATE: any edit made with "
                                                    "another tool since a row was loaded is a conflict.")
                                               : tr("An edit made with another tool is caught only on the fields a "
                                                    "save writes; edits to other fields are not seen. Add the trigger "
                                                    "to catch every edit."));
        if (!all)
            item->setForeground(OtherToolsColumn, QColor(0xb0, 0x60, 0x00));
        QString tip = info.policy.isVersioned()
                ? tr("Versioned by column \"%1\", kind %2%3.")
                          .arg(info.policy.column, VersionPolicy::kindName(info.policy.kind),
                               info.policy.registered ? QString() : tr(" (found, not registered)"))
                : tr("Not versioned: saves compare the loaded values of the changed columns.");
        if (!info.policy.ignoreFields.isEmpty())
            tip += QLatin1Char('\n') + tr("Changes to %1 do not bump the version.").arg(info.policy.ignoreFields.join(QStringLiteral(", ")));
        if (!info.policy.checkFields.isEmpty())
            tip += QLatin1Char('\n') + tr("Only changes to %1 bump the version.").arg(info.policy.checkFields.join(QStringLiteral(", ")));
        if (info.hasTrigger)
            tip += QLatin1Char('\n') + tr("A database trigger bumps the version on every UPDATE, from any tool.");
        if (!info.policy.logChanges)
            tip += QLatin1Char('\n') + tr("Saves are not recorded in the change log.");
        tip += QLatin1Char('\n') + item->toolTip(OtherToolsColumn);
        item->setToolTip(NameColumn, tip);
        item->setToolTip(VersioningColumn, tip);
        if (!info.policy.isVersioned())
            item->setForeground(VersioningColumn, palette().brush(QPalette::Disabled, QPalette::Text));
    }
    if (QTreeWidgetItem *item = itemFor(current))
        m_tree->setCurrentItem(item);
    updateActions();
}

QTreeWidgetItem *TableIndexView::itemFor(const QString &table) const
{
    if (table.isEmpty())
        return nullptr;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        if (m_tree->topLevelItem(i)->text(NameColumn).compare(table, Qt::CaseInsensitive) == 0)
            return m_tree->topLevelItem(i);
    }
    return nullptr;
}

QString TableIndexView::currentTable() const
{
    const QTreeWidgetItem *item = m_tree->currentItem();
    return item ? item->text(NameColumn) : QString();
}

void TableIndexView::setCurrentTable(const QString &table)
{
    if (QTreeWidgetItem *item = itemFor(table))
        m_tree->setCurrentItem(item);
}

QStringList TableIndexView::tables() const
{
    QStringList names;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
        names.append(m_tree->topLevelItem(i)->text(NameColumn));
    return names;
}

QString TableIndexView::versioningText(const QString &table) const
{
    const QTreeWidgetItem *item = itemFor(table);
    return item ? item->text(VersioningColumn) : QString();
}

bool TableIndexView::catchesEveryEdit(const QString &table) const
{
    const QTreeWidgetItem *item = itemFor(table);
    return item && item->data(NameColumn, CatchesAllRole).toBool();
}

QString TableIndexView::otherToolsText(const QString &table) const
{
    const QTreeWidgetItem *item = itemFor(table);
    return item ? item->text(OtherToolsColumn) : QString();
}

void TableIndexView::updateActions()
{
    const QTreeWidgetItem *item = m_tree->currentItem();
    const bool versioned = item && !item->data(NameColumn, KindRole).toString().isEmpty();
    m_enable->setEnabled(item != nullptr);
    m_disable->setEnabled(versioned);
    m_trigger->setEnabled(versioned);
    const bool hasTrigger = item && item->data(NameColumn, HasTriggerRole).toBool();
    m_trigger->setChecked(hasTrigger);
    m_trigger->setText(hasTrigger ? tr("Drop trigger") : tr("Add trigger"));
    m_log->setEnabled(versioned);
    m_log->setChecked(!item || item->data(NameColumn, LogRole).toBool());

    // Said for the table at hand, with what to do about it.
    QString hint;
    if (item && !item->data(NameColumn, CatchesAllRole).toBool()) {
        hint = versioned ? tr("Edits to %1 made with other tools (psql, sqlite3, scripts) are caught only on the "
                              "fields you change. <b>Add trigger</b> catches every edit.")
                                   .arg(item->text(NameColumn).toHtmlEscaped())
                         : tr("Edits to %1 made with other tools are caught only on the fields you change. Enable "
                              "versioning with a trigger to catch every edit.")
                                   .arg(item->text(NameColumn).toHtmlEscaped());
    }
    m_hint->setText(hint);
    m_hint->setVisible(!hint.isEmpty());
}

Result<void> TableIndexView::finish(const QString &table, Result<void> result)
{
    reload();
    if (!result)
        emit errorOccurred(result.error().message);
    else
        emit versioningChanged(table);
    return result;
}

Result<void> TableIndexView::enableVersioning(const QString &table, const VersionPolicy &policy)
{
    if (!m_session)
        return finish(table, DbError::badInput(tr("No database is open.")));
    return finish(table, m_session->registry().enable(table, policy));
}

Result<void> TableIndexView::disableVersioning(const QString &table)
{
    if (!m_session)
        return finish(table, DbError::badInput(tr("No database is open.")));
    return finish(table, m_session->registry().disable(table));
}

Result<void> TableIndexView::createTrigger(const QString &table)
{
    if (!m_session)
        return finish(table, DbError::badInput(tr("No database is open.")));
    return finish(table, m_session->registry().createTrigger(table));
}

Result<void> TableIndexView::dropTrigger(const QString &table)
{
    if (!m_session)
        return finish(table, DbError::badInput(tr("No database is open.")));
    return finish(table, m_session->registry().dropTrigger(table));
}

Result<void> TableIndexView::setChangeLog(const QString &table, bool on)
{
    if (!m_session)
        return finish(table, DbError::badInput(tr("No database is open.")));
    return finish(table, m_session->registry().setChangeLog(table, on));
}

bool TableIndexView::logsChanges(const QString &table) const
{
    const QTreeWidgetItem *item = itemFor(table);
    return item && item->data(NameColumn, LogRole).toBool();
}

void TableIndexView::toggleTrigger()
{
    const QTreeWidgetItem *item = m_tree->currentItem();
    if (!item)
        return;
    const QString table = item->text(NameColumn);
    if (item->data(NameColumn, HasTriggerRole).toBool())
        dropTrigger(table);
    else
        createTrigger(table);
}

void TableIndexView::askAndEnable()
{
    const QString table = currentTable();
    if (table.isEmpty())
        return;
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Version %1").arg(table));
    auto *kind = new QComboBox(&dialog);
    for (VersionKind k : {VersionKind::Auto, VersionKind::Timestamp, VersionKind::Trigger, VersionKind::Conditional})
        kind->addItem(VersionPolicy::kindName(k), int(k));
    auto *column = new QLineEdit(QStringLiteral("version"), &dialog);
    auto *fieldsMode = new QComboBox(&dialog);
    fieldsMode->addItem(tr("only changes to these fields bump the version"));
    fieldsMode->addItem(tr("changes to these fields do not bump the version"));
    auto *fields = new QLineEdit(&dialog);
    fields->setPlaceholderText(tr("comma-separated column names"));
    auto *hint = new QLabel(&dialog);
    hint->setWordWrap(true);
    auto *log = new QCheckBox(tr("Keep a change log of every save"), &dialog);
    log->setObjectName(QStringLiteral("logChanges"));
    log->setChecked(logsChanges(table));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    auto *form = new QFormLayout(&dialog);
    form->addRow(tr("Kind:"), kind);
    form->addRow(tr("Version column:"), column);
    form->addRow(tr("Fields:"), fieldsMode);
    form->addRow(QString(), fields);
    form->addRow(hint);
    form->addRow(log);
    form->addRow(buttons);
    const auto update = [=] {
        const auto k = VersionKind(kind->currentData().toInt());
        fieldsMode->setEnabled(k == VersionKind::Conditional);
        fields->setEnabled(k == VersionKind::Conditional);
        switch (k) {
        case VersionKind::Auto: hint->setText(tr("Each save adds 1.")); break;
        case VersionKind::Timestamp: hint->setText(tr("Each save stores the time in microseconds (and never goes back).")); break;
        case VersionKind::Trigger: hint->setText(tr("A database trigger bumps it on every UPDATE, also from other tools.")); break;
        case VersionKind::Conditional: hint->setText(tr("Only changes to the fields that count bump the version.")); break;
        }
    };
    connect(kind, &QComboBox::currentIndexChanged, &dialog, update);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    update();
    if (dialog.exec() != QDialog::Accepted)
        return;

    VersionPolicy policy;
    policy.kind = VersionKind(kind->currentData().toInt());
    policy.column = column->text().trimmed();
    policy.logChanges = log->isChecked();
    if (policy.kind == VersionKind::Conditional) {
        QStringList names;
        for (const QString &name : fields->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
            names.append(name.trimmed());
        (fieldsMode->currentIndex() == 0 ? policy.checkFields : policy.ignoreFields) = names;
    }
    enableVersioning(table, policy);
}

} // namespace Concord
