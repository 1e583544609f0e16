#include "adminaction.h"

#include "concurrencyswitches.h"
#include "sqldialect.h"
#include "sqlstatement.h"
#include "tableschema.h"
#include "versionpolicy.h"

#include <QSqlQuery>

namespace Concord {

namespace {

QString placeholders(qsizetype n)
{
    QString marks;
    marks.reserve(n * 2);
    for (qsizetype i = 0; i < n; ++i)
        marks += i ? QStringLiteral(",?") : QStringLiteral("?");
    return marks;
}

/// Runs "<head> WHERE pk IN (…)" over the context's keys, chunked below the bind limit.
Result<void> forEachChunk(ActionContext &context, const QString &head, const QVariantList &leading,
                          const QString &doing)
{
    const QString pk = context.dialect.quoteField(context.schema.primaryKey());
    const int chunk = std::max(1, std::min(1000, context.dialect.maxBindParameters() - int(leading.size())));
    SqlStatement query(context.db);
    // Every full chunk has the same text: prepared once, so a server that prepares for
    // real (PostgreSQL) plans it once, and only a shorter last chunk is prepared again.
    qsizetype prepared = 0;
    for (qsizetype start = 0; start < context.pks.size(); start += chunk) {
        const qsizetype n = std::min<qsizetype>(chunk, context.pks.size() - start);
        if (n != prepared) {
            if (!query.prepare(QStringLiteral("%1 WHERE %2 IN (%3)").arg(head, pk, placeholders(n))))
                return query.error(doing);
            prepared = n;
        }
        for (const QVariant &value : leading)
            query.addBindValue(value);
        for (qsizetype i = start; i < start + n; ++i)
            query.addBindValue(context.pks.at(i));
        if (!query.exec())
            return query.error(doing);
    }
    return {};
}

} // namespace

AdminAction::AdminAction(QString name, QString label, Body body)
    : m_name(std::move(name))
    , m_label(std::move(label))
    , m_body(std::move(body))
{
}

namespace {

/// After a delete the database refused as a whole (another table's rows still refer to
/// some of them, say): which rows? Where a failed statement leaves the transaction usable,
/// each row is tried alone; the caller rolls everything back anyway. PostgreSQL's own
/// message already names the key, and its failed transaction takes no more statements.
DbError nameRefusedRows(ActionContext &context, DbError error)
{
    if (context.dialect.statementErrorAbortsTransaction())
        return error;
    constexpr qsizetype maxProbed = 1000;
    constexpr qsizetype maxNamed = 10;
    SqlStatement query(context.db);
    if (!query.prepare(QStringLiteral("DELETE FROM %1 WHERE %2 = ?")
                               .arg(context.dialect.quoteTable(context.schema.name()),
                                    context.dialect.quoteField(context.schema.primaryKey()))))
        return error;
    QStringList refused;
    qsizetype more = 0;
    for (qsizetype i = 0; i < context.pks.size() && i < maxProbed; ++i) {
        query.addBindValue(context.pks.at(i));
        if (query.exec())
            continue;
        if (refused.size() < maxNamed)
            refused.append(context.pks.at(i).toString());
        else
            ++more;
    }
    if (refused.isEmpty())
        return error;
    QString rows = refused.join(QStringLiteral(", "));
    if (more > 0)
        rows += QStringLiteral(" and %1 more").arg(more);
    error.message = AdminAction::tr("Could not delete %1 %2: %3").arg(context.schema.name(), rows, error.serverMessage);
    if (const QString hint = context.dialect.errorHint(error); !hint.isEmpty())
        error.message += QStringLiteral(" (%1)").arg(hint);
    return error;
}

} // namespace

AdminAction AdminAction::deleteRows()
{
    AdminAction action(QStringLiteral("delete"), tr("Delete selected rows"),
                       [](ActionContext &context) -> Result<void> {
        auto deleted = forEachChunk(context,
                                    QStringLiteral("DELETE FROM %1").arg(context.dialect.quoteTable(context.schema.name())),
                                    {}, tr("Could not delete the selected rows"));
        if (!deleted && deleted.error().code == DbError::Code::Database)
            return nameRefusedRows(context, deleted.error());
        return deleted;
    });
    action.m_managesVersion = true;
    return action;
}

QStringList AdminAction::settableColumns(const TableSchema &schema, const VersionPolicy &policy)
{
    QStringList columns;
    for (const QString &column : schema.columns()) {
        if (settableColumn(schema, policy, column))
            columns.append(column);
    }
    return columns;
}

Result<QString> AdminAction::settableColumn(const TableSchema &schema, const VersionPolicy &policy, const QString &column)
{
    const QString field = schema.column(column);
    if (field.isEmpty())
        return DbError::badInput(tr("Table \"%1\" has no column named \"%2\".").arg(schema.name(), column));
    if (field == schema.primaryKey() || (policy.isVersioned() && field == policy.column))
        return DbError::badInput(tr("Column \"%1\" of \"%2\" is Concord's to set (the key or the version); "
                                                "an action cannot set it.").arg(field, schema.name()));
    if (schema.info(field).generated)
        return DbError::badInput(tr("Column \"%1\" of \"%2\" is assigned by the database; an action "
                                                "cannot set it.").arg(field, schema.name()));
    return field;
}

AdminAction AdminAction::setField(const QString &column, const QVariant &value)
{
    AdminAction action(QStringLiteral("set"), tr("Set %1").arg(column),
                       [column, value](ActionContext &context) -> Result<void> {
        const auto settable = settableColumn(context.schema, context.policy, column);
        if (!settable)
            return settable.error();
        const QString field = *settable;
        const QString col = context.dialect.quoteField(field);
        // The version is assigned first: MariaDB evaluates SET left to right with the
        // new values, PostgreSQL and SQLite with the old ones; first, both see the old.
        QStringList sets;
        QVariantList leading;
        const VersionPolicy &policy = context.policy;
        if (policy.isVersioned() && policy.kind != VersionKind::Trigger
            && ConcurrencySwitches::isIncrementEnabled(context.schema.name())) {
            const QString v = context.dialect.quoteField(policy.column);
            const QString next = QStringLiteral("COALESCE(%1, 0) + 1").arg(v);
            switch (policy.kind) {
            case VersionKind::Auto:
                sets.append(QStringLiteral("%1 = %2").arg(v, next));
                break;
            case VersionKind::Timestamp: {
                const qint64 stamp = currentTimestampVersion();
                sets.append(QStringLiteral("%1 = CASE WHEN %2 > ? THEN %2 ELSE ? END").arg(v, next));
                leading << stamp << stamp;
                break;
            }
            case VersionKind::Conditional:
                // Bump only the rows whose counted field really changes.
                if (policy.fieldCounts(field)) {
                    sets.append(QStringLiteral("%1 = CASE WHEN %1 IS NOT NULL AND %2 THEN %1 ELSE %3 END")
                                        .arg(v, context.dialect.nullSafeEquals(col, QStringLiteral("?")), next));
                    leading << value;
                } else {
                    sets.append(QStringLiteral("%1 = COALESCE(%1, 1)").arg(v));
                }
                break;
            case VersionKind::Trigger:
                break;
            }
        }
        sets.append(QStringLiteral("%1 = ?").arg(col));
        leading << value;
        return forEachChunk(context,
                            QStringLiteral("UPDATE %1 SET %2").arg(context.dialect.quoteTable(context.schema.name()),
                                                                     sets.join(QStringLiteral(", "))),
                            leading, tr("Could not set %1 on the selected rows").arg(field));
    });
    action.m_values.insert(column, value);
    action.m_managesVersion = true;
    return action;
}

} // namespace Concord
