#pragma once

#include "result.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QVariant>
#include <QVariantMap>

#include <functional>

namespace Concord {

class SqlDialect;
class TableSchema;
struct VersionPolicy;

/// What an action's body gets: the rows that passed the version check, locked until
/// the transaction ends, and their values as checked.
struct ActionContext
{
    QSqlDatabase db;
    const SqlDialect &dialect;
    const TableSchema &schema;
    const VersionPolicy &policy;
    QList<QVariant> pks;                 ///< the rows to act on
    QHash<QString, QVariantMap> rows;    ///< their values, keyed by the key's text
};

/// An admin action: a name and a body run inside the action's transaction, after the
/// selection's versions were checked. Concord reads the rows back afterwards, bumps the
/// version of any row the body changed without bumping it, and logs what changed.
class AdminAction
{
    Q_DECLARE_TR_FUNCTIONS(AdminAction)

public:
    using Body = std::function<Result<void>(ActionContext &context)>;

    AdminAction() = default;
    AdminAction(QString name, QString label, Body body);

    QString name() const { return m_name; }
    QString label() const { return m_label; }
    bool isValid() const { return bool(m_body); }
    Result<void> run(ActionContext &context) const { return m_body(context); }
    /// True for the built-ins that set the version themselves.
    bool managesVersion() const { return m_managesVersion; }
    /// The values the action writes on every row (setField: its column and value), so a
    /// conflict can show them as "mine"; empty when the body decides (delete, custom actions).
    QVariantMap values() const { return m_values; }

    /// Deletes the selected rows.
    static AdminAction deleteRows();
    /// Sets @p column to @p value on the selected rows (the value is bound, never spliced).
    static AdminAction setField(const QString &column, const QVariant &value);

    /// The one rule for what an action may set: any column but the key, the version and
    /// the columns the database assigns itself. In table order.
    static QStringList settableColumns(const TableSchema &schema, const VersionPolicy &policy);
    /// @p column as the table spells it when an action may set it; otherwise why not.
    static Result<QString> settableColumn(const TableSchema &schema, const VersionPolicy &policy, const QString &column);

private:
    QString m_name;
    QString m_label;
    Body m_body;
    QVariantMap m_values;
    bool m_managesVersion = false;
};

} // namespace Concord
