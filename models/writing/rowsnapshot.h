#pragma once

#include "actionrunner.h"
#include "result.h"

#include <QCoreApplication>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <memory>

class QDataStream;
class QTemporaryFile;

namespace Concord {

class SqlDialect;

/// The (key, version) pairs of a selection, taken at one moment, handed back a chunk at a
/// time in key order. Read from the database, they are spilled to a temporary file as they
/// arrive, so the client's memory does not grow with the rows (ten million rows take about
/// half a gigabyte of disk, not of memory); a small selection given as a list stays in memory.
class RowSnapshot
{
    Q_DECLARE_TR_FUNCTIONS(RowSnapshot)

public:
    /// Called after each chunk read with the rows read so far; returning false cancels.
    using Progress = std::function<bool(qint64 read)>;
    /// Called for each row read, in key order, before it is kept: may give the row another
    /// version (the one a grid shows), and returns false to leave the row out.
    using Keep = std::function<bool(RowRef &row)>;

    static constexpr int defaultChunkSize = 4096;

    /// The rows of @p refs in their order, each key once; a key that is null is refused.
    static Result<std::shared_ptr<RowSnapshot>> fromList(const QList<RowRef> &refs, int chunkSize = defaultChunkSize);
    /// Reads (key, version) of every row of @p table matching @p filter (an SQL condition,
    /// or empty for all), in key order, @p chunkSize rows a statement (key > last key read):
    /// no statement's result, which a PostgreSQL client holds whole, grows with the table.
    /// @p versionColumn empty: the versions are null. A cancel ends with Code::Cancelled.
    static Result<std::shared_ptr<RowSnapshot>> read(QSqlDatabase db, const SqlDialect &dialect, const QString &table,
                                                     const QString &keyColumn, const QString &versionColumn,
                                                     const QString &filter, int chunkSize = defaultChunkSize,
                                                     const Progress &progress = {}, const Keep &keep = {});
    /// The rows of @p from that @p keep keeps, with the versions it gives, in the same order
    /// and chunk size, spilled as @p from is: a retry's selection, made without reading the
    /// database again. Reads @p from from its first row.
    static Result<std::shared_ptr<RowSnapshot>> rewrite(RowSnapshot &from, const Keep &keep);
    ~RowSnapshot();
    RowSnapshot(const RowSnapshot &) = delete;
    RowSnapshot &operator=(const RowSnapshot &) = delete;

    /// How many rows the snapshot holds.
    qint64 count() const { return m_count; }
    int chunkSize() const { return m_chunkSize; }
    /// True when the rows went to a temporary file rather than memory.
    bool isSpilled() const { return bool(m_file); }

    /// Starts handing back the rows from the first again.
    void rewind();
    /// The next rows, at most chunkSize(); empty at the end.
    QList<RowRef> nextChunk();
    /// Every row, in memory: only for selections known to be small.
    QList<RowRef> toList();

private:
    RowSnapshot(int chunkSize);
    Result<void> spill(const QList<RowRef> &refs);
    Result<void> finishWriting();

    int m_chunkSize;
    qint64 m_count = 0;
    qint64 m_next = 0;   // the index of the next row nextChunk() hands back
    QList<RowRef> m_list;
    std::unique_ptr<QTemporaryFile> m_file;
    std::unique_ptr<QDataStream> m_stream;
};

} // namespace Concord
