#pragma once

#include "result.h"
#include "versionpolicy.h"

#include <QSqlDatabase>
#include <QWidget>

#include <memory>

class QAction;
class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace Concord {

class Session;

/// The index: every table of the database with its versioning (kind, column, trigger), and
/// whether every edit made with other tools is caught (a trigger) or only edits to the
/// fields a save writes. Versioning and triggers are switched here through VersionRegistry,
/// the same code the command-line tool runs.
class TableIndexView : public QWidget
{
    Q_OBJECT

public:
    explicit TableIndexView(QWidget *parent = nullptr);

    /// Lists the tables of @p db (not owned; kept open by the caller).
    void setDatabase(const QSqlDatabase &db);
    /// Lists the tables of \a session's database and switches versioning through its registry.
    void setSession(std::shared_ptr<Session> session);
    /// Reads the tables and their policies again.
    void reload();

    QString currentTable() const;
    void setCurrentTable(const QString &table);
    /// The tables as listed, in order.
    QStringList tables() const;
    /// The versioning shown for @p table, e.g. "auto", "trigger ⚡", or "—".
    QString versioningText(const QString &table) const;
    /// Whether a save of @p table notices every edit made with other tools since a row was
    /// loaded (a trigger bumps its version), not only edits to the fields it writes.
    bool catchesEveryEdit(const QString &table) const;
    /// The index's words for that: "all caught" or "fields you change".
    QString otherToolsText(const QString &table) const;

    /// Enables versioning of @p table with @p policy, then lists the tables again.
    Result<void> enableVersioning(const QString &table, const VersionPolicy &policy);
    Result<void> disableVersioning(const QString &table);
    Result<void> createTrigger(const QString &table);
    Result<void> dropTrigger(const QString &table);
    /// Switches the change log of @p table for every client (VersionRegistry::setChangeLog()).
    Result<void> setChangeLog(const QString &table, bool on);
    /// Whether saves of @p table are recorded in the change log, as listed.
    bool logsChanges(const QString &table) const;

    /// The toolbar/context actions (for tests and the main window's menu).
    QAction *enableAction() const { return m_enable; }
    QAction *disableAction() const { return m_disable; }
    QAction *triggerAction() const { return m_trigger; }
    QAction *changeLogAction() const { return m_log; }

Q_SIGNALS:
    /// The user chose @p table.
    void tableActivated(const QString &table);
    /// The versioning of @p table changed (models showing it must reload their policy).
    void versioningChanged(const QString &table);
    /// An operation failed; @p message says why.
    void errorOccurred(const QString &message);

private:
    void updateActions();
    void askAndEnable();
    void toggleTrigger();
    Result<void> finish(const QString &table, Result<void> result);
    QTreeWidgetItem *itemFor(const QString &table) const;

    std::shared_ptr<Session> m_session;
    QTreeWidget *m_tree = nullptr;
    QAction *m_enable = nullptr;
    QAction *m_disable = nullptr;
    QAction *m_trigger = nullptr;
    QAction *m_log = nullptr;
    QLabel *m_hint = nullptr;
};

} // namespace Concord
