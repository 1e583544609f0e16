#include "rowsnapshot.h"

#include "sqldialect.h"
#include "sqlstatement.h"
#include "versionedwriter.h"

#include <QDataStream>
#include <QSet>
#include <QSqlQuery>
#include <QTemporaryFile>

namespace Concord {

RowSnapshot::RowSnapshot(int chunkSize)
    : m_chunkSize(std::max(1, chunkSize))
{
}

RowSnapshot::~RowSnapshot() = default;

Result<std::shared_ptr<RowSnapshot>> RowSnapshot::fromList(const QList<RowRef> &refs, int chunkSize)
{
    std::shared_ptr<RowSnapshot> snapshot(new RowSnapshot(chunkSize));
    QSet<QString> seen;
    for (const RowRef &ref : refs) {
        if (ref.pk.isNull())
            return DbError::badInput(tr("A selected row has no key."));
        const QString key = VersionedWriter::keyText(ref.pk);
        if (seen.contains(key))
            continue;
        seen.insert(key);
        snapshot->m_list.append(ref);
    }
    snapshot->m_count = snapshot->m_list.size();
    return snapshot;
}

Result<std::shared_ptr<RowSnapshot>> RowSnapshot::read(QSqlDatabase db, const SqlDialect &dialect, const QString &table,
                                                       const QString &keyColumn, const QString &versionColumn,
                                                       const QString &filter, int chunkSize, const Progress &progress,
                                                       const Keep &keep)
{
    std::shared_ptr<RowSnapshot> snapshot(new RowSnapshot(chunkSize));
    const QString key = dialect.quoteTable(table) + QLatin1Char('.') + dialect.quoteField(keyColumn);
    const QString head = QStringLiteral("SELECT %1, %2 FROM %3")
                                 .arg(key, versionColumn.isEmpty() ? QStringLiteral("NULL") : dialect.quoteField(versionColumn),
                                      dialect.quoteTable(table));
    const int chunk = snapshot->m_chunkSize;
    QVariant last;
    while (true) {
        QStringList conditions;
        if (!filter.isEmpty())
            conditions.append(QLatin1Char('(') + filter + QLatin1Char(')'));
        if (last.isValid())
            conditions.append(key + QStringLiteral(" > ?"));
        QString sql = head;
        if (!conditions.isEmpty())
            sql += QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
        sql += QStringLiteral(" ORDER BY %1 LIMIT %2").arg(key).arg(chunk);
        QSqlQuery query(db);
        query.setForwardOnly(true);
        // Values through SqlStatement: behind a transaction pooler nothing may be prepared.
        const bool ok = last.isValid() ? SqlStatement::exec(query, sql, {last}) : query.exec(sql);
        if (!ok)
            return DbError::fromQuery(query, tr("Could not list the matching rows"));
        QList<RowRef> refs;
        refs.reserve(chunk);
        int fetched = 0;
        while (query.next()) {
            ++fetched;
            last = query.value(0);
            RowRef ref{last, query.value(1)};
            if (!keep || keep(ref))
                refs.append(ref);
        }
        if (auto spilled = snapshot->spill(refs); !spilled)
            return spilled.error();
        if (progress && !progress(snapshot->m_count)) {
            DbError cancelled;
            cancelled.code = DbError::Code::Cancelled;
            cancelled.message = tr("Selecting all matching rows was cancelled.");
            return cancelled;
        }
        if (fetched < chunk)
            break;
    }
    if (auto finished = snapshot->finishWriting(); !finished)
        return finished.error();
    return snapshot;
}

Result<std::shared_ptr<RowSnapshot>> RowSnapshot::rewrite(RowSnapshot &from, const Keep &keep)
{
    std::shared_ptr<RowSnapshot> snapshot(new RowSnapshot(from.m_chunkSize));
    from.rewind();
    for (QList<RowRef> refs = from.nextChunk(); !refs.isEmpty(); refs = from.nextChunk()) {
        QList<RowRef> kept;
        kept.reserve(refs.size());
        for (RowRef &ref : refs) {
            if (keep(ref))
                kept.append(std::move(ref));
        }
        if (!from.isSpilled()) {
            snapshot->m_list += kept;
            snapshot->m_count += kept.size();
        } else if (auto spilled = snapshot->spill(kept); !spilled) {
            return spilled.error();
        }
    }
    from.rewind();
    if (auto finished = snapshot->finishWriting(); !finished)
        return finished.error();
    return snapshot;
}

Result<void> RowSnapshot::spill(const QList<RowRef> &refs)
{
    if (!m_file) {
        m_file = std::make_unique<QTemporaryFile>();
        if (!m_file->open())
            return DbError::badInput(tr("Could not create a temporary file for the selected rows: %1")
                                             .arg(m_file->errorString()));
        m_stream = std::make_unique<QDataStream>(m_file.get());
    }
    for (const RowRef &ref : refs)
        *m_stream << ref.pk << ref.version;
    if (m_stream->status() != QDataStream::Ok)
        return DbError::badInput(tr("Could not write the selected rows to a temporary file: %1").arg(m_file->errorString()));
    m_count += refs.size();
    return {};
}

Result<void> RowSnapshot::finishWriting()
{
    if (!m_file)
        return {};
    if (!m_file->flush())
        return DbError::badInput(tr("Could not write the selected rows to a temporary file: %1").arg(m_file->errorString()));
    rewind();
    return {};
}

void RowSnapshot::rewind()
{
    m_next = 0;
    if (m_file) {
        m_file->seek(0);
        m_stream->resetStatus();
    }
}

QList<RowRef> RowSnapshot::nextChunk()
{
    const qint64 size = std::min<qint64>(m_chunkSize, m_count - m_next);
    if (size <= 0)
        return {};
    QList<RowRef> refs;
    if (!m_file) {
        refs = m_list.mid(m_next, size);
    } else {
        refs.reserve(size);
        for (qint64 i = 0; i < size; ++i) {
            RowRef ref;
            *m_stream >> ref.pk >> ref.version;
            refs.append(ref);
        }
    }
    m_next += size;
    return refs;
}

QList<RowRef> RowSnapshot::toList()
{
    if (!m_file)
        return m_list;
    rewind();
    QList<RowRef> refs;
    for (QList<RowRef> chunk = nextChunk(); !chunk.isEmpty(); chunk = nextChunk())
        refs.append(chunk);
    rewind();
    return refs;
}

} // namespace Concord
