#include "sqldialect.h"

#include "dialecttraits.h"
#include "mariadbdialect.h"
#include "postgresdialect.h"
#include "sqlitedialect.h"
#include "tableschema.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QSqlDriver>
#include <QSqlField>
#include <QSqlQuery>

namespace Concord {

SqlDialect::SqlDialect(const QSqlDatabase &db)
    : m_db(db)
{
}

SqlDialect::~SqlDialect() = default;

std::unique_ptr<SqlDialect> SqlDialect::create(const QSqlDatabase &db)
{
    if (!db.driver())
        return nullptr;
    switch (db.driver()->dbmsType()) {
    case QSqlDriver::SQLite:
        return std::make_unique<SqliteDialect>(db);
    case QSqlDriver::PostgreSQL:
        return std::make_unique<PostgresDialect>(db);
    case QSqlDriver::MySqlServer:
        return std::make_unique<MariaDbDialect>(db);
    default:
        return nullptr;
    }
}

namespace {

/// The driver's quoting, except where it would leave a name unquoted or broken: Qt's
/// drivers pass a name through untouched when it starts or ends with their quote
/// character, QMYSQL does not double a backtick inside a name, and QPSQL/QMYSQL split
/// field names at dots. Such names are quoted here, the quote character doubled.
QString quoteIdentifier(const QSqlDriver *driver, const QString &name, QSqlDriver::IdentifierType type)
{
    const QString probe = driver->escapeIdentifier(QStringLiteral("x"), type);
    const QChar quote = probe.size() == 3 ? probe.front() : QLatin1Char('"');
    const bool splits = type == QSqlDriver::FieldName && name.contains(QLatin1Char('.'));
    if (name.isEmpty() || (!name.contains(quote) && !splits))
        return driver->escapeIdentifier(name, type);
    QString doubled = name;
    doubled.replace(quote, QString(2, quote));
    return quote + doubled + quote;
}

} // namespace

QString SqlDialect::quoteTable(const QString &table) const
{
    return quoteIdentifier(m_db.driver(), table, QSqlDriver::TableName);
}

QString SqlDialect::quoteField(const QString &field) const
{
    return quoteIdentifier(m_db.driver(), field, QSqlDriver::FieldName);
}

const QList<DialectTraits> &DialectTraits::all()
{
    static const QList<DialectTraits> kinds{SqliteDialect::traits(), PostgresDialect::traits(), MariaDbDialect::traits()};
    return kinds;
}

QString DialectTraits::displayName() const
{
    return QCoreApplication::translate("Concord::DialectTraits", label);
}

const DialectTraits &DialectTraits::of(SqlDialect::Kind kind)
{
    for (const DialectTraits &traits : all()) {
        if (traits.kind == kind)
            return traits;
    }
    return all().constFirst();
}

const DialectTraits *DialectTraits::forScheme(const QString &scheme)
{
    for (const DialectTraits &traits : all()) {
        if (traits.schemes.contains(scheme, Qt::CaseInsensitive))
            return &traits;
    }
    return nullptr;
}

QString SqlDialect::containsText(const QString &column, const QString &text) const
{
    QString pattern = text.toLower();
    pattern.replace(QLatin1Char('!'), QStringLiteral("!!"));
    pattern.replace(QLatin1Char('%'), QStringLiteral("!%"));
    pattern.replace(QLatin1Char('_'), QStringLiteral("!_"));
    QSqlField field(QStringLiteral("pattern"), QMetaType(QMetaType::QString));
    field.setValue(QLatin1Char('%') + pattern + QLatin1Char('%'));
    return QStringLiteral("LOWER(CAST(%1 AS %2)) LIKE %3 ESCAPE '!'")
            .arg(quoteField(column), castTextType(), m_db.driver()->formatValue(field));
}

QString SqlDialect::estimatedRowsSql(const QSqlDatabase &, const QString &) const
{
    return QString();
}

std::optional<qint64> SqlDialect::plannedRows(const QSqlDatabase &, const QString &) const
{
    return std::nullopt;
}

QString SqlDialect::literal(const QString &text) const
{
    QSqlField field(QStringLiteral("text"), QMetaType(QMetaType::QString));
    field.setValue(text);
    return m_db.driver()->formatValue(field);
}

QString SqlDialect::dayRangeCondition(const QString &column, QDate first, QDate last) const
{
    const auto day = [this](QDate date) {
        QSqlField field(QStringLiteral("day"), QMetaType(QMetaType::QString));
        field.setValue(date.toString(Qt::ISODate));
        return m_db.driver()->formatValue(field);
    };
    // The day after the last one, exclusive: a timestamp late on the last day still counts.
    return QStringLiteral("(%1 >= %2 AND %1 < %3)").arg(quoteField(column), day(first), day(last.addDays(1)));
}

Result<void> SqlDialect::begin(QSqlDatabase &db, int lockTimeoutMs) const
{
    if (!db.transaction())
        return DbError::fromSqlError(db.lastError(), tr("Could not begin a transaction"));
    if (lockTimeoutMs >= 0) {
        const QStringList statements = lockTimeoutSql(lockTimeoutMs);
        for (const QString &sql : statements) {
            QSqlQuery query(db);
            if (!query.exec(sql)) {
                DbError error = DbError::fromQuery(query, tr("Could not set the lock timeout"));
                db.rollback();
                return error;
            }
        }
    }
    return {};
}

bool SqlDialect::transactionSurvives(QSqlDatabase &, LockFailure) const
{
    return true;
}

bool SqlDialect::locksKeysAsArray(const QSqlField &) const
{
    return false;
}

QString SqlDialect::lockRowsSql(const QString &table, const QSqlField &pk, const QString &columns,
                                qsizetype count, bool skipLocked) const
{
    QString marks;
    marks.reserve(count * 2);
    for (qsizetype i = 0; i < count; ++i)
        marks += i ? QStringLiteral(",?") : QStringLiteral("?");
    // A range read of the primary key locks its rows in index order, which is key order.
    // (Without row locks, as on SQLite, the transaction's own lock already covers them.)
    const QString key = quoteField(pk.name());
    QString lock = rowLockSuffix();
    if (skipLocked && !lock.isEmpty())
        lock += QStringLiteral(" SKIP LOCKED");
    return QStringLiteral("SELECT %1 FROM %2 WHERE %3 IN (%4) ORDER BY %3%5")
            .arg(columns, quoteTable(table), key, marks, lock);
}

QVariantList SqlDialect::lockRowsValues(const QList<QVariant> &keys, const QSqlField &) const
{
    return keys;
}

SqlDialect::KeyRank SqlDialect::keyRank(const QVariant &pk, const QSqlField &field)
{
    KeyRank rank;
    if (TableSchema::isIntegerType(field.metaType()))
        rank.number = pk.toLongLong(&rank.integer);
    if (!rank.integer)
        rank.bytes = pk.toString().toUtf8();
    return rank;
}

QString SqlDialect::selectExpression(const ColumnInfo &column) const
{
    return quoteField(column.name);
}

QString SqlDialect::typedPlaceholder(const ColumnInfo &) const
{
    return QStringLiteral("?");
}

QString SqlDialect::triggerName(const QString &table, const QString &column)
{
    const QString name = QStringLiteral("concord_%1_%2").arg(table, column);
    // PostgreSQL cuts identifiers at 63 bytes (so the listed name no longer matches) and
    // MariaDB refuses names over 64 characters: a long name keeps its start and ends in
    // a hash of the full name, so it stays unique, stable and within both limits.
    constexpr int limit = 63;
    if (name.toUtf8().size() <= limit)
        return name;
    const QString hash = QString::fromLatin1(
            QCryptographicHash::hash(name.toUtf8(), QCryptographicHash::Sha1).toHex().left(12));
    QString head = name;
    while ((head + QLatin1Char('_') + hash).toUtf8().size() > limit)
        head.chop(1);
    return head + QLatin1Char('_') + hash;
}

QStringList SqlDialect::sessionSetupSql() const
{
    return {};
}

bool SqlDialect::bulkUpdateFits(const QSqlField &) const
{
    return true;
}

QString SqlDialect::bulkUpdateSql(const QString &table, const QList<std::pair<QString, QString>> &sets,
                                  const QString &source, const QString &match, const QString &returning) const
{
    QStringList assignments;
    assignments.reserve(sets.size());
    for (const auto &[column, value] : sets)
        assignments.append(column + QLatin1String(" = ") + value);
    return QStringLiteral("UPDATE %1 SET %2 FROM %3 WHERE %4 RETURNING %5")
            .arg(table, assignments.join(QStringLiteral(", ")), source, match, returning);
}

QString SqlDialect::valuesRowsSource(const QStringList &firstMarks, const QStringList &, qsizetype rowCount,
                                     const QString &alias) const
{
    // The first row's placeholders carry the types; the others follow them.
    const QString tuple = QLatin1Char('(') + QStringList(firstMarks.size(), QStringLiteral("?")).join(QLatin1Char(','))
            + QLatin1Char(')');
    QString values = QLatin1Char('(') + firstMarks.join(QLatin1Char(',')) + QLatin1Char(')');
    values.reserve(values.size() + rowCount * (tuple.size() + 1));
    for (qsizetype i = 1; i < rowCount; ++i) {
        values += QLatin1Char(',');
        values += tuple;
    }
    return QStringLiteral("(VALUES %1) AS %2").arg(values, alias);
}

bool SqlDialect::appendArrayValue(QString &, const QVariant &) const
{
    return false;
}

QString SqlDialect::arrayRowsSource(const QStringList &, const QStringList &, const QString &) const
{
    return QString();
}

QString SqlDialect::errorHint(const DbError &) const
{
    return QString();
}

SqlDialect::ChangeNotice SqlDialect::readChangeNotice(const QString &) const
{
    return ChangeNotice();
}

QStringList SqlDialect::createNotifyTriggerSql(const QString &, const QString &) const
{
    return {};
}

QStringList SqlDialect::dropNotifyTriggerSql(const QString &) const
{
    return {};
}

Result<bool> SqlDialect::hasNotifyTrigger(QSqlDatabase, const QString &) const
{
    return false;
}

} // namespace Concord
