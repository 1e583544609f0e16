#include "versionedtablemodel.h"

#include "jsonvalue.h"
#include "outcometext.h"
#include "referencelabels.h"
#include "rowcounter.h"
#include "session.h"
#include "sqldialect.h"
#include "sqlstatement.h"
#include "versionedwriter.h"
#include "versionregistry.h"

#include <QSqlError>
#include <QScopedValueRollback>
#include <QSignalBlocker>
#include <QSqlDriver>
#include <QSqlField>
#include <QSqlQuery>
#include <QSqlRecord>

#include <algorithm>
#include <limits>
#include <vector>

namespace Concord {

namespace {

// A pending row's place in the save order: keys compare as numbers when both are
// numbers, else as text. Converted once per row, not once per comparison.
template<typename Entry>
struct SortKey
{
    SortKey(Entry entry, const QVariant &pk)
        : entry(entry)
    {
        number = pk.toLongLong(&isNumber);
        if (!isNumber)
            text = pk.toString();
    }

    bool operator<(const SortKey &other) const
    {
        if (isNumber && other.isNumber)
            return number < other.number;
        return textOf() < other.textOf();
    }
    QString textOf() const { return isNumber ? QString::number(number) : text; }

    Entry entry;
    QString text;
    qlonglong number = 0;
    bool isNumber = false;
};

} // namespace

// Opens a step around one public change; nested in another (a paste), it joins that one.
class VersionedTableModel::StepScope
{
public:
    StepScope(VersionedTableModel *model, PendingChange change, int column = -1, int rows = 1)
        : m_model(model)
    {
        m_model->openStep(change, column, rows);
    }
    ~StepScope() { m_model->closeStep(); }
    StepScope(const StepScope &) = delete;
    StepScope &operator=(const StepScope &) = delete;

private:
    VersionedTableModel *m_model;
};

VersionedTableModel::VersionedTableModel(QObject *parent, const QSqlDatabase &db)
    : QSqlTableModel(parent, db)
    , m_session(Session::of(database()))
    , m_submitter(std::make_unique<BatchSubmitter>(m_session))
{
    setEditStrategy(OnManualSubmit);
    // Whoever changes the table's rules on this connection (the index panel enabling
    // versioning, say) makes the Session forget its writer: take the new one.
    connect(m_session.get(), &Session::invalidated, this, [this](const QString &table) {
        if (!tableName().isEmpty() && (table.isEmpty() || table.compare(tableName(), Qt::CaseInsensitive) == 0))
            bindWriter();
    });
}

VersionedTableModel::~VersionedTableModel()
{
    // A count or landmark read still running finishes on its own; the model does not wait.
    if (m_counter)
        m_counter->retire();
}

void VersionedTableModel::setTable(const QString &tableName)
{
    m_paged = false;
    m_pages.reset(QSqlDatabase(), nullptr, {}, {});
    ++m_countTicket;
    if (m_counter)
        m_counter->cancelLandmarks();
    m_sortColumn = -1;
    m_sortOrder = Qt::AscendingOrder;
    QSqlTableModel::setTable(tableName);
    ++m_pendingChanges;
    m_pending.clear();
    m_inserts.clear();
    m_stale.clear();
    m_unchecked.clear();
    m_reloaded.clear();
    m_lastKeyRow = -1;
    // Opening a table reads its schema and policy afresh: another tool may have altered
    // them since this connection last looked. The Session's signal binds the new writer.
    m_writer = nullptr;
    m_session->invalidate(tableName);
    if (!m_writer)
        bindWriter();
    emit pendingStepsInvalidated(false);
}

void VersionedTableModel::bindWriter()
{
    m_writer = nullptr;
    m_normalize.clear();
    m_pkColumn = -1;
    m_versionColumn = -1;
    const auto writer = m_session->writer(tableName());
    if (!writer) {
        setLastError(QSqlError(writer.error().message, writer.error().serverMessage, QSqlError::StatementError));
        return;
    }
    m_writer = *writer;
    for (const ColumnInfo &column : m_writer->schema().columnInfos())
        m_normalize.append(column.needsNormalizing());
    if (!m_writer->schema().primaryKey().isEmpty())
        m_pkColumn = fieldIndex(m_writer->schema().primaryKey());
    if (m_writer->policy().isVersioned())
        m_versionColumn = fieldIndex(m_writer->policy().column);
}

ColumnInfo VersionedTableModel::columnInfo(int column) const
{
    if (!m_writer || column < 0 || column >= m_writer->schema().columnCount())
        return ColumnInfo();
    return m_writer->schema().info(column);
}

Result<QVariant> VersionedTableModel::checkValue(int column, const QVariant &value) const
{
    if (!m_writer || column < 0 || column >= m_writer->schema().columnCount())
        return DbError::badInput(tr("No such column."));
    return m_writer->schema().coerce(m_writer->schema().columns().at(column), value);
}

Result<bool> VersionedTableModel::referenceExists(int column, const QVariant &value) const
{
    const ColumnInfo info = columnInfo(column);
    if (info.referencedTable.isEmpty() || info.referencedColumn.isEmpty() || value.isNull())
        return true;
    const SqlDialect &dialect = m_submitter->dialect();
    QSqlQuery query(database());
    query.setForwardOnly(true);
    if (!SqlStatement::exec(query, QStringLiteral("SELECT 1 FROM %1 WHERE %2 = ?")
                                           .arg(dialect.quoteTable(info.referencedTable), dialect.quoteField(info.referencedColumn)),
                            {value}))
        return DbError::fromQuery(query, tr("Could not look up %1 %2").arg(info.referencedTable, value.toString()));
    return query.next();
}

ReferenceLabels &VersionedTableModel::referenceLabels() const
{
    if (!m_labels)
        m_labels = std::make_unique<ReferenceLabels>(database(), m_session->dialect());
    return *m_labels;
}

QVariant VersionedTableModel::referenceLabel(int row, int column) const
{
    const ColumnInfo info = columnInfo(column);
    const QVariant key = data(index(row, column), Qt::EditRole);
    if (info.referencedTable.isEmpty() || info.referencedColumn.isEmpty() || key.isNull() || !m_session->isValid())
        return QVariant();
    ReferenceLabels &labels = referenceLabels();
    QString label = labels.cached(info.referencedTable, info.referencedColumn, key);
    if (label.isNull()) {
        // One statement for this row and the page below it (a grid paints top down), not one per cell.
        QList<QVariant> keys;
        const int last = std::min(rowCount(), row + 200);
        for (int r = row; r < last; ++r)
            keys.append(data(index(r, column), Qt::EditRole));
        const auto read = labels.labels(info.referencedTable, info.referencedColumn, keys);
        label = read ? read->value(key.toString()) : QString();
    }
    return label.isEmpty() ? QVariant() : QVariant(label);
}

VersionPolicy VersionedTableModel::versionPolicy() const
{
    return m_writer ? m_writer->policy() : VersionPolicy();
}

QString VersionedTableModel::primaryKeyName() const
{
    return m_writer ? m_writer->schema().primaryKey() : QString();
}

bool VersionedTableModel::select()
{
    // Labels are read again with the rows: another client may have renamed a customer.
    if (m_labels)
        m_labels->clear();
    m_lastKeyRow = -1;
    m_reloaded.clear();
    m_stale.clear();
    // The server may have dropped the connection (restart, idle timeout): reopen it first,
    // since a failed select leaves QSqlTableModel without the table's record to retry with.
    m_submitter->ensureConnected();
    m_paged = m_writer != nullptr;
    // QSqlTableModel resets the model; pending edits are keyed by primary key and survive.
    // Paged, it reads no row itself: it still provides the columns, filter and sort.
    m_selectingColumns = m_paged;
    bool ok = false;
    {
        // Paged, the views hear of one reset: the one below, with the rows counted.
        const QSignalBlocker quiet(m_paged ? this : nullptr);
        ok = QSqlTableModel::select();
    }
    m_selectingColumns = false;
    m_lastKeyRow = -1;
    if (!m_paged)
        return ok;
    beginResetModel();
    if (!ok) {
        m_pages.reset(QSqlDatabase(), nullptr, {}, {});
        endResetModel();
        return false;
    }
    m_pages.reset(database(), &m_submitter->dialect(), pageQuery(), [this](int column, const QVariant &value) {
        return column < m_normalize.size() && m_normalize.at(column) ? m_writer->schema().info(column).normalized(value)
                                                                      : value;
    });
    countRows();
    // The first page now, so a failed read shows as a failed select.
    if (m_pages.count() > 0)
        m_pages.row(0);
    endResetModel();
    if (m_pages.lastError().isError()) {
        setLastError(QSqlError(m_pages.lastError().message, m_pages.lastError().serverMessage, QSqlError::StatementError));
        return false;
    }
    applyCountCorrection();
    emit rowCountSettled(m_pages.count(), m_pages.isCountExact());
    if (m_pages.isCountExact())
        startLandmarks();
    return true;
}

void VersionedTableModel::setSort(int column, Qt::SortOrder order)
{
    m_sortColumn = column;
    m_sortOrder = order;
    QSqlTableModel::setSort(column, order);
}

void VersionedTableModel::setPageSize(int rows)
{
    m_pages.setPageSize(rows);
    m_lastKeyRow = -1;
}

RowPages::Query VersionedTableModel::pageQuery() const
{
    const SqlDialect &dialect = m_submitter->dialect();
    const TableSchema &schema = m_writer->schema();
    RowPages::Query query;
    query.table = dialect.quoteTable(schema.name());
    query.selectList = schema.selectList(dialect);
    query.filter = filter();
    if (m_pkColumn >= 0) {
        query.key = dialect.quoteField(schema.primaryKey());
        query.keyColumn = m_pkColumn;
        query.keyExpression = dialect.selectExpression(schema.info(m_pkColumn));
    }
    if (m_sortColumn >= 0 && m_sortColumn < schema.columnCount()) {
        const ColumnInfo info = schema.info(m_sortColumn);
        query.sort = dialect.quoteField(info.name);
        query.sortColumn = m_sortColumn;
        query.sortExpression = dialect.selectExpression(info);
        query.descending = m_sortOrder == Qt::DescendingOrder;
        query.sortNullable = info.nullable;
        // Pages are read after a row's value only where the database compares the value
        // read back exactly as it sorts: not approximate numbers, not bytes or JSON.
        switch (info.kind) {
        case ColumnInfo::Kind::Integer:
        case ColumnInfo::Kind::Boolean:
        case ColumnInfo::Kind::Text:
        case ColumnInfo::Kind::Date:
        case ColumnInfo::Kind::Time:
        case ColumnInfo::Kind::DateTime:
            query.sortByValue = true;
            break;
        default:
            query.sortByValue = false;
        }
    }
    query.nullsLow = dialect.nullsSortLow();
    query.indexesHoldKey = dialect.indexesHoldKey();
    return query;
}

RowCounter *VersionedTableModel::counter()
{
    if (m_counter)
        return m_counter;
    m_counter = new RowCounter(QCoreApplication::instance());
    connect(m_counter, &RowCounter::counted, this, [this](quint64 ticket, qint64 rows) {
        if (ticket != m_countTicket)
            return;
        applyCount(int(std::min<qint64>(rows, std::numeric_limits<int>::max())), true);
        startLandmarks();
    });
    connect(m_counter, &RowCounter::landmarksRead, this,
            [this](quint64 ticket, int every, const QList<RowPages::Row> &landmarks) {
        if (ticket != m_countTicket)
            return;
        m_pages.setLandmarks(every, landmarks);
        if (m_pages.hasLandmarks())
            emit landmarksReady();
    });
    return m_counter;
}

void VersionedTableModel::startLandmarks()
{
    const SqlDialect &dialect = m_submitter->dialect();
    if (m_landmarksFrom < 0 || m_pages.count() < std::max(m_landmarksFrom, 1) || !m_pages.canUseLandmarks()
        || !dialect.hasSecondConnection(database()))
        return;
    // At least four pages apart, and no more than about 4,096 of them (a few hundred KiB):
    // a jump reads its page from the landmark before it, skipping less than the spacing.
    const qint64 page = m_pages.pageSize();
    const qint64 apart = std::max<qint64>(4, (m_pages.count() + 4096 * page - 1) / (4096 * page));
    counter()->startLandmarks(database().connectionName(), dialect.readsLandmarksInOneStatement(), m_pages.query(),
                              int(page * apart), m_countTicket);
}

std::optional<qint64> VersionedTableModel::estimatedRows() const
{
    const SqlDialect &dialect = m_submitter->dialect();
    if (m_backgroundCountFrom < 0 || !dialect.hasSecondConnection(database()))
        return std::nullopt;
    // Filtered, the planner's figure for the filter (a COUNT(*) of it may read the table).
    if (!filter().isEmpty())
        return dialect.plannedRows(database(), QStringLiteral("SELECT 1 FROM %1").arg(dialect.quoteTable(tableName())) + m_pages.where());
    const QString sql = dialect.estimatedRowsSql(database(), tableName());
    if (sql.isEmpty())
        return std::nullopt;
    QSqlQuery estimate(database());
    estimate.setForwardOnly(true);
    if (!estimate.exec(sql) || !estimate.next() || estimate.value(0).isNull())
        return std::nullopt;
    return estimate.value(0).toLongLong();
}

void VersionedTableModel::countRows()
{
    ++m_countTicket;
    if (m_counter)
        m_counter->cancelLandmarks();
    const SqlDialect &dialect = m_submitter->dialect();
    const QString countSql = QStringLiteral("SELECT COUNT(*) FROM %1").arg(dialect.quoteTable(tableName()))
            + m_pages.where();
    // A big table shows the database's estimate at once and its count when it comes.
    if (const std::optional<qint64> estimate = estimatedRows(); estimate && *estimate >= std::max(m_backgroundCountFrom, 1)) {
        m_pages.setCount(int(std::min<qint64>(*estimate, std::numeric_limits<int>::max())), false);
        counter()->start(database().connectionName(), countSql, m_countTicket);
        return;
    }
    QSqlQuery query(database());
    query.setForwardOnly(true);
    if (query.exec(countSql) && query.next())
        m_pages.setCount(query.value(0).toInt(), true);
    else
        m_pages.setCount(0, true);
}

void VersionedTableModel::applyCount(int rows, bool exact)
{
    const int had = m_pages.count();
    m_lastKeyRow = -1;
    if (rows > had) {
        beginInsertRows(QModelIndex(), had, rows - 1);
        m_pages.setCount(rows, exact);
        endInsertRows();
    } else if (rows < had) {
        beginRemoveRows(QModelIndex(), rows, had - 1);
        m_pages.setCount(rows, exact);
        endRemoveRows();
    } else {
        m_pages.setCount(rows, exact);
    }
    emit rowCountSettled(rows, exact);
}

void VersionedTableModel::applyCountCorrection()
{
    m_correctionQueued = false;
    if (const auto rows = m_pages.takeCountCorrection())
        applyCount(*rows, m_pages.isCountExact());
}

QString VersionedTableModel::selectStatement() const
{
    if (!m_writer)
        return QSqlTableModel::selectStatement();
    // QSqlTableModel's own statement, with each column read exactly (times as text on the
    // servers, decimals as text through the connection's precision policy).
    const SqlDialect &dialect = m_submitter->dialect();
    QString statement = QStringLiteral("SELECT %1 FROM %2")
            .arg(m_writer->schema().selectList(dialect), dialect.quoteTable(m_writer->schema().name()));
    if (!filter().isEmpty())
        statement += QStringLiteral(" WHERE ") + filter();
    if (const QString order = orderByClause(); !order.isEmpty())
        statement += QLatin1Char(' ') + order;
    return m_selectingColumns ? statement + QStringLiteral(" LIMIT 0") : statement;
}

bool VersionedTableModel::canFetchMore(const QModelIndex &parent) const
{
    if (m_paged)
        return false;
    return QSqlTableModel::canFetchMore(parent);
}

void VersionedTableModel::fetchMore(const QModelIndex &parent)
{
    if (!m_paged)
        QSqlTableModel::fetchMore(parent);
}

bool VersionedTableModel::isRowLoaded(int row) const
{
    if (!m_paged)
        return row >= 0 && row < rowCount();
    return row >= queryRowCount() ? row < rowCount() : m_pages.isLoaded(row);
}

QList<std::pair<int, int>> VersionedTableModel::loadedRows() const
{
    if (!m_paged)
        return queryRowCount() > 0 ? QList<std::pair<int, int>>{{0, queryRowCount() - 1}} : QList<std::pair<int, int>>{};
    return m_pages.loadedRanges();
}

int VersionedTableModel::queryRowCount() const
{
    return m_paged ? m_pages.count() : QSqlTableModel::rowCount();
}

QVariant VersionedTableModel::queryValue(int row, int column) const
{
    if (m_paged) {
        const RowPages::Row *values = m_pages.row(row);
        // A read that found the table's end elsewhere: the row count follows once this
        // call (a view painting, most likely) is over.
        if (!m_correctionQueued && m_pages.hasCountCorrection()) {
            m_correctionQueued = true;
            QMetaObject::invokeMethod(const_cast<VersionedTableModel *>(this), &VersionedTableModel::applyCountCorrection,
                                      Qt::QueuedConnection);
        }
        return values ? values->value(column) : QVariant();
    }
    const QVariant value = QSqlQueryModel::data(QSqlQueryModel::index(row, column), Qt::DisplayRole);
    // Each value in its kind's one form, whatever the driver handed over (see ColumnInfo).
    if (column >= 0 && column < m_normalize.size() && m_normalize.at(column))
        return m_writer->schema().info(column).normalized(value);
    return value;
}

int VersionedTableModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    return queryRowCount() + int(m_inserts.size());
}

QString VersionedTableModel::keyOfQueryRow(int row) const
{
    if (m_pkColumn < 0)
        return QString();
    // A view asks for one row's data, then edits it: remember the last key looked up.
    if (row != m_lastKeyRow || m_lastKeyGeneration != m_pages.generation()) {
        m_lastKey = queryValue(row, m_pkColumn).toString();
        m_lastKeyRow = row;
        m_lastKeyGeneration = m_pages.generation();
    }
    return m_lastKey;
}

void VersionedTableModel::queryChange()
{
    // Called inside QSqlTableModel's reset: the paged rows go with the old query.
    QSqlTableModel::queryChange();
    m_lastKeyRow = -1;
}

QVariant VersionedTableModel::keyAt(int row) const
{
    if (row < 0 || m_pkColumn < 0)
        return QVariant();
    if (row >= queryRowCount()) {
        const qsizetype i = row - queryRowCount();
        return i < m_inserts.size() ? m_inserts.at(i).changes.value(m_pkColumn) : QVariant();
    }
    return queryValue(row, m_pkColumn);
}

int VersionedTableModel::rowForKey(const QVariant &pk) const
{
    const QString key = VersionedWriter::keyText(pk);
    if (m_paged)
        return m_pages.rowOfKey(key);
    for (int row = 0; row < queryRowCount(); ++row) {
        if (keyOfQueryRow(row) == key)
            return row;
    }
    return -1;
}

Result<int> VersionedTableModel::findRow(const QVariant &pk)
{
    if (const int held = rowForKey(pk); held >= 0 || !m_paged)
        return held;
    const auto row = m_pages.position(pk);
    if (row && *row >= 0) {
        if (*row >= queryRowCount())
            applyCount(*row + 1, m_pages.isCountExact());
        m_pages.row(*row);
        // Read by position: if the rows moved since they were counted, the key shows at
        // another row of the page read, or not at all until the table is read again.
        const int shown = rowForKey(pk);
        return shown;
    }
    return row;
}

const VersionedTableModel::Pending *VersionedTableModel::pendingAt(int row) const
{
    if (row < 0)
        return nullptr;
    const int rows = queryRowCount();
    if (row >= rows) {
        const qsizetype i = row - rows;
        return i < m_inserts.size() ? &m_inserts.at(i) : nullptr;
    }
    if (m_pending.empty())
        return nullptr;
    const auto it = m_pending.find(keyOfQueryRow(row));
    return it == m_pending.end() ? nullptr : &it->second;
}

VersionedTableModel::Pending *VersionedTableModel::pendingAt(int row)
{
    return const_cast<Pending *>(std::as_const(*this).pendingAt(row));
}

QVector<QVariant> VersionedTableModel::rowValues(int row) const
{
    const QString key = keyOfQueryRow(row);
    const auto reloaded = m_reloaded.constFind(key);
    if (reloaded != m_reloaded.constEnd())
        return reloaded.value();
    const int columns = columnCount();
    QVector<QVariant> values(columns);
    for (int c = 0; c < columns; ++c)
        values[c] = queryValue(row, c);
    return values;
}

QVariant VersionedTableModel::loadedValue(int row, int column) const
{
    if (row >= queryRowCount())
        return QVariant();
    if (!m_reloaded.isEmpty()) {
        const auto it = m_reloaded.constFind(keyOfQueryRow(row));
        if (it != m_reloaded.constEnd())
            return it->value(column);
    }
    return queryValue(row, column);
}

VersionedTableModel::Pending &VersionedTableModel::pendingFor(int row)
{
    const QString key = keyOfQueryRow(row);
    auto it = m_pending.find(key);
    if (it == m_pending.end()) {
        // The snapshot is taken from the row as loaded, when it is first edited.
        Pending pending;
        pending.base = rowValues(row);
        pending.pk = pending.base.value(m_pkColumn);
        if (m_versionColumn >= 0)
            pending.version = pending.base.value(m_versionColumn);
        it = m_pending.emplace(key, std::move(pending)).first;
        ++m_pendingChanges;
    }
    return it->second;
}

VersionedTableModel::RowState VersionedTableModel::stateOf(const Pending *pending) const
{
    if (!pending)
        return RowState::Clean;
    switch (pending->status) {
    case RowOutcome::Status::Conflict:
        return pending->conflict && pending->conflict->kind == Conflict::Kind::Deleted ? RowState::Gone
                                                                                       : RowState::Conflict;
    case RowOutcome::Status::Error:
        return RowState::Error;
    case RowOutcome::Status::Busy:
        return RowState::Busy;
    default:
        break;
    }
    switch (pending->op) {
    case RowEdit::Op::Insert: return RowState::Inserted;
    case RowEdit::Op::Delete: return RowState::Deleted;
    case RowEdit::Op::Update: return RowState::Edited;
    }
    return RowState::Edited;
}

VersionedTableModel::RowState VersionedTableModel::rowState(int row) const
{
    return stateOf(pendingAt(row));
}

bool VersionedTableModel::isRowDirty(int row) const
{
    return pendingAt(row) != nullptr;
}

bool VersionedTableModel::isKeyStale(const QVariant &pk) const
{
    return !m_stale.isEmpty() && m_stale.contains(VersionedWriter::keyText(pk));
}

bool VersionedTableModel::isStale(int row) const
{
    return !m_stale.isEmpty() && row < queryRowCount() && m_stale.contains(keyOfQueryRow(row));
}

QString VersionedTableModel::toolTipFor(const Pending *pending, int column) const
{
    if (!pending)
        return QString();
    const QString field = headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
    switch (stateOf(pending)) {
    case RowState::Conflict: {
        const Conflict &conflict = *pending->conflict;
        QString text = OutcomeText::changed(conflict.currentVersion, conflict.expectedVersion) + QLatin1Char(' ')
                + tr("Your edit was not saved.");
        if (conflict.theirs.contains(field)) {
            text += QLatin1Char('\n') + tr("%1 — loaded: %2, yours: %3, theirs: %4")
                    .arg(field, pending->base.value(column).toString(),
                         pending->changes.value(column, pending->base.value(column)).toString(),
                         conflict.theirs.value(field).toString());
        }
        return text;
    }
    case RowState::Gone:
        return OutcomeText::deleted() + QLatin1Char(' ') + tr("Your edit was not saved.");
    case RowState::Error:
        return tr("Not saved: %1").arg(pending->error);
    case RowState::Busy:
        return OutcomeText::busyHeadline() + QLatin1Char(' ') + tr("Your edit is kept; save again in a moment.");
    case RowState::Deleted:
        return tr("Marked for deletion; save to delete.");
    case RowState::Inserted:
        return tr("New row; not saved yet.");
    case RowState::Edited:
        if (pending->changes.contains(column))
            return tr("Edited; was %1").arg(pending->base.value(column).toString());
        return QString();
    case RowState::Clean:
        break;
    }
    return QString();
}

QVariant VersionedTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return QVariant();
    const int row = index.row();
    const int column = index.column();
    const Pending *pending = pendingAt(row);
    const bool inserted = row >= queryRowCount();

    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        if (pending) {
            const auto it = pending->changes.constFind(column);
            if (it != pending->changes.constEnd())
                return it.value();
        }
        return inserted ? QVariant() : loadedValue(row, column);
    case VersionRole:
        if (pending)
            return pending->version;
        return m_versionColumn >= 0 && !inserted ? loadedValue(row, m_versionColumn) : QVariant();
    case PrimaryKeyRole:
        return keyAt(row);
    case DirtyRole:
        return pending && (pending->changes.contains(column) || pending->op != RowEdit::Op::Update);
    case RowStateRole:
        return int(stateOf(pending));
    case LoadedValueRole:
        if (pending && !inserted)
            return pending->base.value(column);
        return inserted ? QVariant() : loadedValue(row, column);
    case TheirValueRole:
        if (pending && pending->conflict)
            return pending->conflict->theirs.value(record().fieldName(column));
        return QVariant();
    case ConflictRole:
        if (pending && pending->conflict)
            return QVariant::fromValue(*pending->conflict);
        return QVariant();
    case StaleRole:
        return isStale(row);
    case ErrorRole:
        return pending ? pending->error : QString();
    case DefaultRole: {
        if (!inserted || !pending || pending->changes.contains(column))
            return false;
        const ColumnInfo info = columnInfo(column);
        return info.hasDefault || info.generated;
    }
    case ReferenceLabelRole:
        return referenceLabel(row, column);
    case Qt::ToolTipRole: {
        const QString tip = toolTipFor(pending, column);
        const RowState state = stateOf(pending);
        // An edit of a stale row will conflict: say so before the user saves it.
        if (isStale(row) && state != RowState::Conflict && state != RowState::Gone) {
            const QString stale = pending
                    ? OutcomeText::stale() + QLatin1Char(' ') + tr("Saving your edit will conflict.")
                    : OutcomeText::stale() + QLatin1Char(' ') + tr("Refresh to see their version.");
            return tip.isEmpty() ? stale : stale + QLatin1Char('\n') + tip;
        }
        return tip.isEmpty() ? QVariant() : QVariant(tip);
    }
    default:
        return QSqlTableModel::data(index, role);
    }
}

Qt::ItemFlags VersionedTableModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsSelectable | Qt::ItemIsEnabled;
    if (!m_writer || m_pkColumn < 0 || index.column() == m_versionColumn)
        return flags;
    const bool inserted = index.row() >= queryRowCount();
    if (index.column() == m_pkColumn && !inserted)
        return flags;
    const Pending *pending = pendingAt(index.row());
    if (pending && pending->op == RowEdit::Op::Delete)
        return flags;
    return flags | Qt::ItemIsEditable;
}

QVariant VersionedTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical && (role == Qt::DisplayRole || role == Qt::ToolTipRole)) {
        const Pending *pending = pendingAt(section);
        const RowState state = stateOf(pending);
        if (role == Qt::ToolTipRole)
            return toolTipFor(pending, -1);
        switch (state) {
        case RowState::Inserted: return QStringLiteral("*");
        case RowState::Deleted: return QStringLiteral("!");
        case RowState::Edited: return QStringLiteral("✎");
        case RowState::Conflict: return QStringLiteral("≠");
        case RowState::Gone: return QStringLiteral("✖");
        case RowState::Error: return QStringLiteral("⚠");
        case RowState::Busy: return QStringLiteral("◷");
        case RowState::Clean:
            return isStale(section) ? QStringLiteral("↻") : QVariant(section + 1);
        }
    }
    if (orientation == Qt::Vertical && role == RowStateRole)
        return int(rowState(section));
    return QSqlTableModel::headerData(section, orientation, role);
}

bool VersionedTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !(flags(index) & Qt::ItemIsEditable))
        return false;
    const int row = index.row();
    const int column = index.column();
    const StepScope step(this, PendingChange::Edit, column);
    if (row >= queryRowCount()) {
        noteInserts();
        m_inserts[row - queryRowCount()].changes.insert(column, value);
    } else {
        noteKey(keyOfQueryRow(row));
        Pending &pending = pendingFor(row);
        if (JsonValue::sameValue(pending.base.value(column), value) && pending.status == RowOutcome::Status::NotAttempted) {
            // Typing the loaded value back undoes the edit.
            pending.changes.remove(column);
            if (pending.changes.isEmpty() && pending.op == RowEdit::Op::Update) {
                ++m_pendingChanges;
                m_pending.erase(keyOfQueryRow(row));
            }
        } else {
            pending.changes.insert(column, value);
        }
    }
    emit dataChanged(index, index);
    emit headerDataChanged(Qt::Vertical, row, row);
    emit pendingChanged(pendingCount());
    if (editStrategy() == OnFieldChange)
        return submitAll();
    return true;
}

bool VersionedTableModel::insertRows(int row, int count, const QModelIndex &parent)
{
    Q_UNUSED(row)
    if (parent.isValid() || count <= 0 || !m_writer)
        return false;
    // New rows always go after the loaded ones, whatever the position asked for:
    // the loaded rows keep their positions, so no edit moves to another row.
    const StepScope step(this, PendingChange::Insert, -1, count);
    noteInserts();
    const int first = rowCount();
    beginInsertRows(QModelIndex(), first, first + count - 1);
    for (int i = 0; i < count; ++i) {
        Pending pending;
        pending.op = RowEdit::Op::Insert;
        m_inserts.append(pending);
    }
    endInsertRows();
    emit pendingChanged(pendingCount());
    return true;
}

bool VersionedTableModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > rowCount() || !m_writer || m_pkColumn < 0)
        return false;
    const StepScope step(this, PendingChange::Delete, -1, count);
    const int rows = queryRowCount();
    for (int r = row + count - 1; r >= row; --r) {
        if (r >= rows) {
            noteInserts();
            beginRemoveRows(QModelIndex(), r, r);
            m_inserts.removeAt(r - rows);
            endRemoveRows();
        } else {
            noteKey(keyOfQueryRow(r));
            Pending &pending = pendingFor(r);
            pending.op = RowEdit::Op::Delete;
            emitRowChanged(r);
        }
    }
    emit pendingChanged(pendingCount());
    if (editStrategy() != OnManualSubmit)
        return submitAll();
    return true;
}

void VersionedTableModel::revertRow(int row)
{
    revertRows({row});
}

void VersionedTableModel::revertRows(const QList<int> &rows)
{
    QList<int> sorted = rows;
    std::sort(sorted.begin(), sorted.end(), std::greater<int>());
    // The step counts the rows that had an edit to drop.
    const int dirty = int(std::count_if(sorted.cbegin(), sorted.cend(), [this](int row) { return pendingAt(row) != nullptr; }));
    const StepScope step(this, PendingChange::Revert, -1, dirty);
    const int loaded = queryRowCount();
    for (int row : std::as_const(sorted)) {
        if (row < 0 || row >= rowCount())
            continue;
        if (row >= loaded) {
            noteInserts();
            beginRemoveRows(QModelIndex(), row, row);
            m_inserts.removeAt(row - loaded);
            endRemoveRows();
        } else {
            const QString key = keyOfQueryRow(row);
            noteKey(key);
            if (m_pending.erase(key)) {
                ++m_pendingChanges;
                emitRowChanged(row);
            }
        }
    }
    emit pendingChanged(pendingCount());
}

void VersionedTableModel::revertAll()
{
    const StepScope step(this, PendingChange::RevertAll, -1, pendingCount());
    for (const auto &entry : m_pending)
        noteKey(entry.first);
    noteInserts();
    if (!m_inserts.isEmpty()) {
        const int first = queryRowCount();
        beginRemoveRows(QModelIndex(), first, first + int(m_inserts.size()) - 1);
        m_inserts.clear();
        endRemoveRows();
    }
    ++m_pendingChanges;
    m_pending.clear();
    m_unchecked.clear();
    emitAllChanged();
    emit pendingChanged(0);
}

bool VersionedTableModel::submit()
{
    if (editStrategy() == OnManualSubmit)
        return true;
    return submitAll();
}

void VersionedTableModel::revert()
{
    if (editStrategy() != OnManualSubmit)
        revertAll();
}

void VersionedTableModel::emitRowChanged(int row)
{
    emit dataChanged(index(row, 0), index(row, columnCount() - 1));
    emit headerDataChanged(Qt::Vertical, row, row);
}

void VersionedTableModel::emitAllChanged()
{
    const int rows = rowCount();
    if (rows == 0)
        return;
    emit dataChanged(index(0, 0), index(rows - 1, columnCount() - 1));
    emit headerDataChanged(Qt::Vertical, 0, rows - 1);
}

RowEdit VersionedTableModel::toEdit(const Pending &pending) const
{
    RowEdit edit;
    edit.op = pending.op;
    edit.table = m_writer->schema().name();
    edit.pk = pending.pk;
    edit.version = pending.version;
    const QStringList &columns = m_writer->schema().columns();
    for (auto it = pending.changes.cbegin(); it != pending.changes.cend(); ++it)
        edit.changes.insert(columns.at(it.key()), it.value());
    // An update needs the loaded values of the columns it changes (conditional kind,
    // unversioned checks, the log); a delete of an unversioned row checks them all.
    // fullBase() completes a conflict's snapshot afterwards, for the merge.
    if (pending.op == RowEdit::Op::Update) {
        for (auto it = pending.changes.cbegin(); it != pending.changes.cend(); ++it)
            edit.base.insert(columns.at(it.key()), pending.base.value(it.key()));
    } else {
        for (int c = 0; c < pending.base.size(); ++c)
            edit.base.insert(columns.at(c), pending.base.at(c));
    }
    // Most saves have no unchecked rows: skip the key's text conversion then.
    edit.noCheck = pending.noCheck
            || (!m_unchecked.isEmpty() && m_unchecked.contains(VersionedWriter::keyText(pending.pk)));
    return edit;
}

QVariantMap VersionedTableModel::fullBase(const Pending &pending) const
{
    QVariantMap base;
    const QStringList &columns = m_writer->schema().columns();
    for (int c = 0; c < pending.base.size() && c < columns.size(); ++c)
        base.insert(columns.at(c), pending.base.at(c));
    return base;
}

bool VersionedTableModel::submitAll()
{
    SubmitOptions options;
    options.policy = m_submitPolicy;
    const SubmitResult result = submitPending(options);
    return result.allSaved();
}

SubmitResult VersionedTableModel::submitPending(const SubmitOptions &given)
{
    return submitSelected(given, nullptr, nullptr);
}

SubmitResult VersionedTableModel::submitRows(const QList<int> &rows, const SubmitOptions &options)
{
    // The same path as submitPending(), narrowed to the rows' own edits: a record form
    // saves its row without taking the grid's other pending edits along.
    QSet<QString> keys;
    QSet<int> inserts;
    const int loaded = queryRowCount();
    for (int row : rows) {
        if (row >= loaded && row < rowCount())
            inserts.insert(row - loaded);
        else if (row >= 0 && row < loaded)
            keys.insert(keyOfQueryRow(row));
    }
    return submitSelected(options, &keys, &inserts);
}

SubmitResult VersionedTableModel::submitSelected(const SubmitOptions &given, const QSet<QString> *onlyKeys,
                                                 const QSet<int> *onlyInserts)
{
    SubmitOptions options = given;
    if (options.user.isEmpty())
        options.user = m_user;
    options.changeLog = options.changeLog && m_changeLog;
    SubmitResult result;
    if (!m_writer) {
        result.error = DbError::badInput(tr("No table is open."));
        m_lastResult = result;
        return result;
    }

    // Updates, then inserts, then deletes; each in key order, so the report reads in the
    // grid's order. (The submitter itself locks the rows in key order, whatever this order.)
    // The entries themselves, not their keys: nothing is added to m_pending until the
    // result is applied, so they stay valid, and no row is looked up again.
    std::vector<SortKey<PendingMap::iterator>> order;
    order.reserve(m_pending.size());
    for (auto it = m_pending.begin(); it != m_pending.end(); ++it) {
        if (!onlyKeys || onlyKeys->contains(it->first))
            order.emplace_back(it, it->second.pk);
    }
    std::sort(order.begin(), order.end());
    std::vector<PendingMap::iterator> keys;
    keys.reserve(order.size());
    for (const auto &entry : order)
        keys.push_back(entry.entry);
    const int keyCount = int(keys.size());
    QList<RowEdit> edits;
    edits.reserve(keyCount + m_inserts.size());
    for (int i = 0; i < keyCount; ++i) {
        const Pending &pending = keys[i]->second;
        if (pending.op != RowEdit::Op::Update)
            continue;
        RowEdit edit = toEdit(pending);
        edit.tag = i;
        edits.append(std::move(edit));
    }
    const int insertTagBase = keyCount;
    for (int i = 0; i < m_inserts.size(); ++i) {
        if (onlyInserts && !onlyInserts->contains(i))
            continue;
        RowEdit edit = toEdit(m_inserts.at(i));
        edit.tag = insertTagBase + i;
        edits.append(std::move(edit));
    }
    for (int i = 0; i < keyCount; ++i) {
        const Pending &pending = keys[i]->second;
        if (pending.op != RowEdit::Op::Delete)
            continue;
        RowEdit edit = toEdit(pending);
        edit.tag = i;
        edits.append(std::move(edit));
    }

    QStringList keyTexts;
    keyTexts.reserve(keyCount);
    for (const auto &entry : keys)
        keyTexts.append(entry->first);
    const quint64 changesBefore = m_pendingChanges;
    result = m_submitter->submit(edits, options);
    if (m_pendingChanges != changesBefore) {
        // Rows were edited or reverted while the save ran (from a window the progress
        // dialog does not block): the entries may have moved, so they are found again by
        // key, and a row reverted meanwhile is left alone.
        for (int i = 0; i < keyCount; ++i)
            keys[i] = m_pending.find(keyTexts.at(i));
    }
    // A conflict shows the whole row as it was loaded, not only the columns sent.
    for (RowOutcome &outcome : result.rows) {
        if (outcome.conflict && outcome.tag >= 0 && outcome.tag < keyCount && keys[outcome.tag] != m_pending.end()) {
            const Pending &pending = keys[outcome.tag]->second;
            if (!pending.base.isEmpty())
                outcome.conflict->base = fullBase(pending);
        }
    }
    applyResult(result, keys, insertTagBase);
    return result;
}

void VersionedTableModel::applyResult(const SubmitResult &result, const std::vector<PendingMap::iterator> &keys,
                                      int insertTagBase)
{
    bool structureChanged = false;
    QList<int> savedInserts;
    for (const RowOutcome &outcome : result.rows) {
        const bool isInsert = outcome.tag >= insertTagBase;
        Pending *pending = nullptr;
        PendingMap::iterator entry;
        if (isInsert) {
            if (outcome.tag - insertTagBase < m_inserts.size())
                pending = &m_inserts[outcome.tag - insertTagBase];
        } else if (outcome.tag >= 0 && outcome.tag < int(keys.size()) && keys[outcome.tag] != m_pending.end()) {
            entry = keys[outcome.tag];
            pending = &entry->second;
        }
        if (!pending)
            continue;

        if (result.committed && outcome.status == RowOutcome::Status::Saved) {
            if (isInsert) {
                savedInserts.append(outcome.tag - insertTagBase);
                structureChanged = true;
            } else if (pending->op == RowEdit::Op::Delete) {
                m_pending.erase(entry);
                structureChanged = true;
            } else {
                // The row now shows what was saved, at its new version, without a reload.
                // The pending edit goes, so its snapshot becomes the row's values.
                QVector<QVariant> values = std::move(pending->base);
                for (auto it = pending->changes.cbegin(); it != pending->changes.cend(); ++it)
                    values[it.key()] = it.value();
                if (m_versionColumn >= 0)
                    values[m_versionColumn] = outcome.version;
                const QString &key = entry->first;
                m_reloaded.insert(key, std::move(values));
                if (!m_stale.isEmpty())
                    m_stale.remove(key);
                if (!m_unchecked.isEmpty())
                    m_unchecked.remove(key);
                m_pending.erase(entry);
            }
            continue;
        }
        pending->conflict.reset();
        pending->error.clear();
        pending->status = outcome.status == RowOutcome::Status::Conflict || outcome.status == RowOutcome::Status::Error
                        || outcome.status == RowOutcome::Status::Busy
                ? outcome.status : RowOutcome::Status::NotAttempted;
        if (outcome.status == RowOutcome::Status::Conflict) {
            pending->conflict = std::make_shared<const Conflict>(*outcome.conflict);
            emit conflictDetected(*outcome.conflict);
        } else if (outcome.status == RowOutcome::Status::Error || outcome.status == RowOutcome::Status::Busy) {
            pending->error = outcome.error.message;
        }
    }
    std::sort(savedInserts.begin(), savedInserts.end(), std::greater<int>());
    for (int i : std::as_const(savedInserts))
        m_inserts.removeAt(i);

    m_lastResult = result;
    if (result.committed && result.savedCount() > 0) {
        // Saved rows are no longer pending: a step that put their edits back would write
        // them again. Saving is the undo history's boundary.
        if (m_journal.depth > 0)
            m_journal.invalid = true;
        emit pendingStepsInvalidated(true);
    }
    if (!result.allSaved())
        setLastError(QSqlError(result.summary(), result.error.serverMessage, QSqlError::TransactionError));
    else
        setLastError(QSqlError());
    if (structureChanged)
        select();
    else
        emitAllChanged();
    emit submitted(result);
    emit pendingChanged(pendingCount());
}

void VersionedTableModel::setLockTimeout(int ms)
{
    m_submitter->setLockTimeout(ms);
}

int VersionedTableModel::lockTimeout() const
{
    return m_submitter->lockTimeout();
}

RowRef VersionedTableModel::rowRef(int row) const
{
    RowRef ref;
    if (row < 0 || row >= queryRowCount())
        return ref;
    ref.pk = keyAt(row);
    if (m_versionColumn >= 0) {
        const Pending *pending = pendingAt(row);
        ref.version = pending ? pending->version : loadedValue(row, m_versionColumn);
    }
    return ref;
}

Result<QList<RowRef>> VersionedTableModel::matchingRows() const
{
    const auto snapshot = matchingSnapshot(std::max(64, m_pages.pageSize() * 16));
    if (!snapshot)
        return snapshot.error();
    return (*snapshot)->toList();
}

Result<std::shared_ptr<RowSnapshot>> VersionedTableModel::matchingSnapshot(int chunkSize,
                                                                            const RowSnapshot::Progress &progress,
                                                                            const RowSnapshot::Keep &keep) const
{
    if (!m_writer || m_pkColumn < 0)
        return DbError::badInput(tr("This table has no primary key, so rows cannot be selected for actions."));
    return RowSnapshot::read(database(), m_submitter->dialect(), tableName(), primaryKeyName(),
                             m_versionColumn >= 0 ? m_writer->policy().column : QString(), filter(), chunkSize, progress,
                             keep);
}

Result<int> VersionedTableModel::matchingCount() const
{
    if (!m_writer)
        return DbError::badInput(tr("No table is open."));
    QString sql = QStringLiteral("SELECT COUNT(*) FROM %1").arg(m_submitter->dialect().quoteTable(tableName()));
    if (!filter().isEmpty())
        sql += QStringLiteral(" WHERE ") + filter();
    QSqlQuery query(database());
    if (!query.exec(sql) || !query.next())
        return DbError::fromQuery(query, tr("Could not count the matching rows"));
    return query.value(0).toInt();
}

bool VersionedTableModel::resolveConflict(int row, const QVariantMap &values)
{
    Pending *pending = pendingAt(row);
    if (!pending || !pending->conflict || pending->conflict->kind != Conflict::Kind::Modified)
        return false;
    const StepScope step(this, PendingChange::Settle);
    noteKey(VersionedWriter::keyText(pending->pk));
    // The merge is made against their version: the row as it is now becomes the base.
    const Conflict conflict = *pending->conflict;
    const QSqlRecord &columns = m_writer->schema().record();
    for (int c = 0; c < pending->base.size(); ++c)
        pending->base[c] = conflict.theirs.value(columns.fieldName(c));
    pending->version = conflict.currentVersion;
    pending->changes.clear();
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        const int c = columns.indexOf(it.key());
        if (c < 0 || c == m_versionColumn || c == m_pkColumn)
            continue;
        if (!JsonValue::sameValue(pending->base.value(c), it.value()))
            pending->changes.insert(c, it.value());
    }
    pending->conflict.reset();
    pending->status = RowOutcome::Status::NotAttempted;
    const QString key = VersionedWriter::keyText(pending->pk);
    m_reloaded.insert(key, pending->base);
    m_stale.remove(key);
    // A delete stays pending with no changes: it is re-made against their version too.
    if (pending->changes.isEmpty() && pending->op == RowEdit::Op::Update) {
        ++m_pendingChanges;
        m_pending.erase(key);
    }
    emitRowChanged(row);
    emit pendingChanged(pendingCount());
    return true;
}

bool VersionedTableModel::takeTheirs(int row)
{
    Pending *pending = pendingAt(row);
    if (!pending || row >= queryRowCount())
        return false;
    const StepScope step(this, PendingChange::Settle);
    const QString key = VersionedWriter::keyText(pending->pk);
    noteKey(key);
    if (pending->conflict && pending->conflict->kind == Conflict::Kind::Modified) {
        QVector<QVariant> values(pending->base.size());
        const QSqlRecord &columns = m_writer->schema().record();
        for (int c = 0; c < values.size(); ++c)
            values[c] = pending->conflict->theirs.value(columns.fieldName(c));
        m_reloaded.insert(key, values);
    }
    const bool gone = pending->conflict && pending->conflict->kind == Conflict::Kind::Deleted;
    ++m_pendingChanges;
    m_pending.erase(key);
    m_stale.remove(key);
    if (gone) {
        select();
    } else {
        emitRowChanged(row);
    }
    emit pendingChanged(pendingCount());
    return true;
}

bool VersionedTableModel::recreateDeleted(int row)
{
    Pending *pending = pendingAt(row);
    if (!pending || !pending->conflict || pending->conflict->kind != Conflict::Kind::Deleted)
        return false;
    const StepScope step(this, PendingChange::Settle);
    noteKey(VersionedWriter::keyText(pending->pk));
    noteInserts();
    Pending insert;
    insert.op = RowEdit::Op::Insert;
    for (int c = 0; c < pending->base.size(); ++c) {
        if (c != m_versionColumn)
            insert.changes.insert(c, pending->changes.value(c, pending->base.at(c)));
    }
    ++m_pendingChanges;
    m_pending.erase(VersionedWriter::keyText(pending->pk));
    const int first = rowCount();
    beginInsertRows(QModelIndex(), first, first);
    m_inserts.append(insert);
    endInsertRows();
    emitRowChanged(row);
    emit pendingChanged(pendingCount());
    return true;
}

Result<int> VersionedTableModel::settleConflict(int row, Resolution resolution, const QVariantMap &values)
{
    bool settled = false;
    int edited = -1;
    switch (resolution) {
    case Resolution::None:
        return DbError::badInput(tr("No way of settling the conflict was chosen."));
    case Resolution::Merge:
    case Resolution::KeepMine:
        settled = resolveConflict(row, values);
        edited = row;
        break;
    case Resolution::TakeTheirs:
    case Resolution::Discard:
        settled = takeTheirs(row);
        break;
    case Resolution::Recreate:
        // The insert goes after every row the model shows.
        edited = rowCount();
        settled = recreateDeleted(row);
        break;
    }
    if (!settled)
        return DbError::badInput(tr("The conflict of this row could not be settled: it is no longer in conflict."));
    return edited;
}

void VersionedTableModel::markStale(const QList<QVariant> &pks)
{
    QList<QVariant> marked;
    for (const QVariant &pk : pks) {
        const QString key = VersionedWriter::keyText(pk);
        if (m_stale.contains(key))
            continue;
        m_stale.insert(key);
        marked.append(pk);
        const int row = rowForKey(pk);
        if (row >= 0)
            emitRowChanged(row);
    }
    if (!marked.isEmpty())
        emit rowsStale(marked);
}

void VersionedTableModel::setRowCheckingEnabled(int row, bool enabled)
{
    const QString key = VersionedWriter::keyText(keyAt(row));
    if (enabled)
        m_unchecked.remove(key);
    else
        m_unchecked.insert(key);
}

void VersionedTableModel::beginPendingStep(const QString &name)
{
    openStep(PendingChange::Group, -1, 0);
    if (m_journal.depth == 1)
        m_journal.name = name;
}

void VersionedTableModel::endPendingStep()
{
    if (m_journal.depth > 0)
        closeStep();
}

void VersionedTableModel::openStep(PendingChange change, int column, int rows)
{
    if (m_journal.restoring)
        return;
    if (m_journal.depth++ == 0)
        m_journal = Journal{1};
    // The first change inside a step names it; a second kind makes it a group.
    if (change != PendingChange::Group) {
        if (!m_journal.kindSet)
            m_journal.change = change;
        else if (m_journal.change != change)
            m_journal.change = PendingChange::Group;
        m_journal.kindSet = true;
        if (!m_journal.columnSet)
            m_journal.column = column;
        else if (m_journal.column != column)
            m_journal.column = -1;
        m_journal.columnSet = true;
    }
    m_journal.rows += rows;
}

void VersionedTableModel::closeStep()
{
    if (m_journal.restoring || m_journal.depth == 0 || --m_journal.depth > 0)
        return;
    Journal journal = std::exchange(m_journal, Journal());
    // Rows looked at but left without an edit (a revert of clean rows), and a list of new
    // rows never detached from the copy taken, changed nothing: no step for them.
    const auto untouched = [this](const auto &entry) { return !entry.second && m_pending.find(entry.first) == m_pending.end(); };
    journal.before.erase(std::remove_if(journal.before.begin(), journal.before.end(), untouched), journal.before.end());
    if (journal.inserts && journal.insertsBefore.isSharedWith(m_inserts))
        journal.inserts = false;
    if (journal.invalid || (journal.before.empty() && !journal.inserts))
        return;
    PendingStep step;
    step.change = journal.change;
    step.column = journal.column;
    step.rows = journal.rows;
    step.name = journal.name;
    step.after.m_rows.reserve(journal.before.size());
    for (const auto &entry : journal.before) {
        const auto now = m_pending.find(entry.first);
        step.after.m_rows.emplace_back(entry.first, now == m_pending.end() ? std::nullopt
                                                                            : std::optional<Pending>(now->second));
    }
    step.before.m_rows = std::move(journal.before);
    step.before.m_hasInserts = step.after.m_hasInserts = journal.inserts;
    if (journal.inserts) {
        step.before.m_inserts = std::move(journal.insertsBefore);
        step.after.m_inserts = m_inserts; // shared until either changes
    }
    emit pendingStepTaken(step);
}

void VersionedTableModel::noteKey(const QString &key)
{
    if (m_journal.depth == 0 || m_journal.restoring || m_journal.keys.contains(key))
        return;
    m_journal.keys.insert(key);
    const auto it = m_pending.find(key);
    m_journal.before.emplace_back(key, it == m_pending.end() ? std::nullopt : std::optional<Pending>(it->second));
}

void VersionedTableModel::noteInserts()
{
    if (m_journal.depth == 0 || m_journal.restoring || m_journal.inserts)
        return;
    m_journal.inserts = true;
    m_journal.insertsBefore = m_inserts;
}

void VersionedTableModel::restorePendingState(const PendingState &state)
{
    const QScopedValueRollback restoring(m_journal.restoring, true);
    // Each row is told apart for a few rows; a Revert all of thousands repaints once.
    const bool many = state.m_rows.size() > 64;
    for (const auto &[key, entry] : state.m_rows) {
        ++m_pendingChanges;
        if (entry)
            m_pending.insert_or_assign(key, *entry);
        else
            m_pending.erase(key);
        if (!many) {
            const int row = rowForKey(entry ? entry->pk : QVariant(key));
            if (row >= 0)
                emitRowChanged(row);
        }
    }
    if (state.m_hasInserts) {
        // New rows are shown after the loaded ones, in their order: the list comes back whole.
        const int first = queryRowCount();
        const int had = int(m_inserts.size());
        const int wanted = int(state.m_inserts.size());
        if (wanted < had) {
            beginRemoveRows(QModelIndex(), first + wanted, first + had - 1);
            m_inserts = state.m_inserts;
            endRemoveRows();
        } else if (wanted > had) {
            beginInsertRows(QModelIndex(), first + had, first + wanted - 1);
            m_inserts = state.m_inserts;
            endInsertRows();
        } else {
            m_inserts = state.m_inserts;
        }
        if (wanted > 0 && !many) {
            emit dataChanged(index(first, 0), index(first + wanted - 1, columnCount() - 1));
            emit headerDataChanged(Qt::Vertical, first, first + wanted - 1);
        }
    }
    if (many)
        emitAllChanged();
    emit pendingChanged(pendingCount());
}

} // namespace Concord
