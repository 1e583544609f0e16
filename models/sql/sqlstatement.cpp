#include "sqlstatement.h"

#include "pooling.h"

#include <QDate>
#include <QDateTime>
#include <QSqlDriver>
#include <QSqlField>
#include <QTime>
#include <QUuid>

namespace Concord {

namespace {

// What Qt's drivers treat as NULL when they send a bound value (QSqlResultPrivate's
// isVariantNull, which is private): inlined values must come out as the same literals.
bool isNullValue(const QVariant &value)
{
    if (value.isNull())
        return true;
    switch (value.typeId()) {
    case QMetaType::QString:
        return value.toString().isNull();
    case QMetaType::QByteArray:
        return value.toByteArray().isNull();
    case QMetaType::QDateTime:
        return !value.toDateTime().isValid();
    case QMetaType::QDate:
        return value.toDate().isNull();
    case QMetaType::QTime:
        return !value.toTime().isValid();
    case QMetaType::QUuid:
        return value.toUuid().isNull();
    default:
        return false;
    }
}

QString literal(const QVariant &value, const QSqlDriver *driver)
{
    QSqlField field(QString(), value.metaType());
    if (isNullValue(value))
        field.clear();
    else
        field.setValue(value);
    return driver->formatValue(field);
}

// Where the text starting at @p i ends when it is a quoted text, a quoted identifier or a
// comment (the index just past it), or @p i itself when it is none of these. A "?" in
// there is not a placeholder.
qsizetype skipQuotedOrComment(const QString &sql, qsizetype i)
{
    const QChar c = sql.at(i);
    const QChar next = i + 1 < sql.size() ? sql.at(i + 1) : QChar();
    if (c == u'\'' || c == u'"' || c == u'`') {
        // A doubled quote inside stays inside; the loop sees it as close-and-reopen.
        const qsizetype end = sql.indexOf(c, i + 1);
        return end < 0 ? sql.size() : end + 1;
    }
    if (c == u'-' && next == u'-') {
        const qsizetype end = sql.indexOf(u'\n', i);
        return end < 0 ? sql.size() : end + 1;
    }
    if (c == u'/' && next == u'*') {
        const qsizetype end = sql.indexOf(QLatin1String("*/"), i + 2);
        return end < 0 ? sql.size() : end + 2;
    }
    return i;
}

} // namespace

SqlStatement::SqlStatement(const QSqlDatabase &db)
    : m_query(db)
    , m_inline(Pooling::isTransactionPooled(db))
{
}

bool SqlStatement::exec(QSqlQuery &query, const QString &sql, const QVariantList &values)
{
    if (Pooling::of(query.driver()) == Pooling::Mode::Transaction)
        return query.exec(inlined(sql, values, query.driver()));
    if (!query.prepare(sql))
        return false;
    for (const QVariant &value : values)
        query.addBindValue(value);
    return query.exec();
}

QString SqlStatement::inlined(const QString &sql, const QVariantList &values, const QSqlDriver *driver)
{
    QString text;
    text.reserve(sql.size() + values.size() * 8);
    qsizetype i = 0;
    qsizetype used = 0;
    while (i < sql.size()) {
        const qsizetype skipped = skipQuotedOrComment(sql, i);
        if (skipped > i) {
            text += QStringView(sql).sliced(i, skipped - i);
            i = skipped;
        } else if (sql.at(i) == u'?' && used < values.size()) {
            text += literal(values.at(used++), driver);
            ++i;
        } else {
            text += sql.at(i++);
        }
    }
    return text;
}

bool SqlStatement::prepare(const QString &sql)
{
    m_sql = sql;
    m_values.clear();
    m_nextValue = 0;
    if (m_inline)
        return true;
    return m_query.prepare(sql);
}

void SqlStatement::addBindValue(const QVariant &value)
{
    if (!m_inline) {
        m_query.addBindValue(value);
        return;
    }
    bindValue(m_nextValue++, value);
}

void SqlStatement::bindValue(int position, const QVariant &value)
{
    if (!m_inline) {
        m_query.bindValue(position, value);
        return;
    }
    if (m_values.size() <= position)
        m_values.resize(position + 1);
    m_values[position] = value;
}

bool SqlStatement::exec()
{
    if (!m_inline)
        return m_query.exec();
    m_nextValue = 0;
    return m_query.exec(inlined(m_sql, m_values, m_query.driver()));
}

DbError SqlStatement::error(const QString &doing) const
{
    DbError error = DbError::fromQuery(m_query, doing);
    error.sql = m_sql;
    return error;
}

} // namespace Concord
