#include "gridclipboard.h"

#include "changelistview.h"
#include "columninfo.h"
#include "jsonvalue.h"
#include "valueeditor.h"
#include "valueformat.h"
#include "versionedtablemodel.h"

#include <QAction>
#include <QClipboard>
#include <QDialog>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <map>
#include <set>

namespace Concord {

GridClipboard::GridClipboard(ChangeListView *view)
    : QObject(view)
    , m_view(view)
    , m_copy(new QAction(tr("&Copy"), this))
    , m_copyHeaders(new QAction(tr("Copy with &headers"), this))
    , m_paste(new QAction(tr("&Paste"), this))
{
    m_copy->setShortcut(QKeySequence::Copy);
    m_copy->setToolTip(tr("Copy the selected rows as tab-separated text (Ctrl+C)"));
    m_copyHeaders->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_copyHeaders->setToolTip(tr("Copy the selected rows with a line of column names (Ctrl+Shift+C)"));
    m_paste->setShortcut(QKeySequence::Paste);
    m_paste->setToolTip(tr("Paste a block from a spreadsheet at the current cell as pending edits (Ctrl+V)"));
    // Only while the grid has the focus: the search box and an open cell editor keep their own.
    for (QAction *action : {m_copy, m_copyHeaders, m_paste}) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        view->addAction(action);
    }
    connect(m_copy, &QAction::triggered, this, [this] { copy(false); });
    connect(m_copyHeaders, &QAction::triggered, this, [this] { copy(true); });
    connect(m_paste, &QAction::triggered, this, [this] { paste(QGuiApplication::clipboard()->text()); });
}

QList<int> GridClipboard::visibleColumns() const
{
    // In the order the header shows them, hidden ones left out.
    QList<int> columns;
    const QHeaderView *header = m_view->horizontalHeader();
    for (int visual = 0; visual < header->count(); ++visual) {
        const int logical = header->logicalIndex(visual);
        if (!header->isSectionHidden(logical))
            columns.append(logical);
    }
    return columns;
}

QString GridClipboard::selectionText(bool withHeaders) const
{
    VersionedTableModel *model = m_view ? m_view->versionedModel() : nullptr;
    if (!model)
        return QString();
    std::set<int> rows;
    QSet<int> selectedColumns;
    for (const QModelIndex &index : m_view->selectionModel()->selectedIndexes()) {
        rows.insert(index.row());
        selectedColumns.insert(index.column());
    }
    if (rows.empty() && m_view->currentIndex().isValid()) {
        rows.insert(m_view->currentIndex().row());
        selectedColumns.insert(m_view->currentIndex().column());
    }
    QList<int> columns = visibleColumns();
    columns.removeIf([&selectedColumns](int c) { return !selectedColumns.contains(c); });
    QList<QStringList> lines;
    if (withHeaders) {
        QStringList names;
        for (int c : std::as_const(columns))
            names.append(model->headerData(c, Qt::Horizontal).toString());
        lines.append(names);
    }
    for (int row : rows) {
        QStringList cells;
        for (int c : std::as_const(columns)) {
            const QModelIndex index = model->index(row, c);
            // A new row's cell the database fills in has no value yet: an empty cell.
            cells.append(index.data(VersionedTableModel::DefaultRole).toBool()
                                 ? QString()
                                 : ValueFormat::editText(index.data(Qt::EditRole), model->columnInfo(c)));
        }
        lines.append(cells);
    }
    return format(lines);
}

void GridClipboard::copy(bool withHeaders)
{
    const QString text = selectionText(withHeaders);
    if (!text.isEmpty())
        QGuiApplication::clipboard()->setText(text);
}

QList<QStringList> GridClipboard::parse(const QString &text)
{
    QList<QStringList> rows;
    QStringList row;
    QString cell;
    bool cellStarted = false;
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n;) {
        const QChar ch = text.at(i);
        if (!cellStarted && ch == u'"') {
            // A quoted cell runs to the lone closing quote; "" inside is one quote.
            for (++i; i < n; ++i) {
                if (text.at(i) == u'"') {
                    if (i + 1 < n && text.at(i + 1) == u'"') {
                        cell += u'"';
                        ++i;
                        continue;
                    }
                    ++i;
                    break;
                }
                cell += text.at(i);
            }
            cellStarted = true;
        } else if (ch == u'\t') {
            row.append(std::exchange(cell, QString()));
            cellStarted = false;
            ++i;
        } else if (ch == u'\n' || ch == u'\r') {
            row.append(std::exchange(cell, QString()));
            rows.append(std::exchange(row, QStringList()));
            cellStarted = false;
            i += ch == u'\r' && i + 1 < n && text.at(i + 1) == u'\n' ? 2 : 1;
        } else {
            cell += ch;
            cellStarted = true;
            ++i;
        }
    }
    if (cellStarted || !row.isEmpty()) {
        row.append(cell);
        rows.append(row);
    }
    return rows;
}

QString GridClipboard::format(const QList<QStringList> &rows)
{
    QString text;
    for (const QStringList &row : rows) {
        QStringList cells;
        for (const QString &cell : row) {
            const bool quoted = cell.contains(u'\t') || cell.contains(u'\n') || cell.contains(u'\r') || cell.contains(u'"');
            cells.append(quoted ? u'"' + QString(cell).replace(u'"', QStringLiteral("\"\"")) + u'"' : cell);
        }
        text += cells.join(u'\t') + u'\n';
    }
    return text;
}

bool GridClipboard::paste(const QString &text)
{
    m_refusals.clear();
    VersionedTableModel *model = m_view ? m_view->versionedModel() : nullptr;
    if (!model || model->columnCount() == 0)
        return false;
    const QList<QStringList> block = parse(text);
    if (block.isEmpty()) {
        emit message(tr("The clipboard holds no text to paste."));
        return false;
    }
    const QModelIndex current = m_view->currentIndex();
    const int firstRow = current.isValid() ? current.row() : 0;
    QList<int> columns = visibleColumns();
    columns = columns.mid(current.isValid() ? std::max(0, int(columns.indexOf(current.column()))) : 0);
    qsizetype width = 0;
    for (const QStringList &row : block)
        width = std::max(width, row.size());
    if (width > columns.size()) {
        QMessageBox box(QMessageBox::Warning, tr("Paste"),
                        tr("The pasted block is %n column(s) wide, more than the grid has from the current cell on; "
                           "nothing was pasted.", nullptr, int(width)),
                        QMessageBox::Ok, m_view);
        box.setObjectName(QStringLiteral("pasteTooWideBox"));
        box.exec();
        return false;
    }
    // The rows below may not be read yet: read them before deciding that some are missing.
    const int needed = firstRow + int(block.size());
    while (model->rowCount() < needed && model->canFetchMore())
        model->fetchMore();
    const int extra = needed - model->rowCount();
    if (extra > 0) {
        QMessageBox ask(QMessageBox::Question, tr("Paste"),
                        tr("The pasted block reaches %n row(s) past the last row. Add them as new rows?", nullptr, extra),
                        QMessageBox::Yes | QMessageBox::No, m_view);
        ask.setObjectName(QStringLiteral("pasteAddRowsBox"));
        ask.setDefaultButton(QMessageBox::Yes);
        if (ask.exec() != QMessageBox::Yes) {
            emit message(tr("Nothing was pasted."));
            return false;
        }
    }
    QList<Cell> cells;
    if (!checkCells(block, firstRow, columns, cells)) {
        showRefusals();
        return false;
    }
    if (cells.isEmpty() && extra <= 0) {
        emit message(tr("The cells already hold the pasted values."));
        return false;
    }
    // One undo step for the whole block, new rows included.
    model->beginPendingStep(tr("Paste %n cell(s)", nullptr, int(cells.size())));
    if (extra > 0)
        model->insertRows(model->rowCount(), extra);
    for (const Cell &cell : std::as_const(cells))
        model->setData(model->index(cell.row, cell.column), cell.value);
    model->endPendingStep();
    emit pasted(int(cells.size()));
    return true;
}

bool GridClipboard::checkCells(const QList<QStringList> &block, int firstRow, const QList<int> &columns,
                               QList<Cell> &cells)
{
    VersionedTableModel *model = m_view->versionedModel();
    const int existing = model->rowCount();
    // Each distinct value of a column is checked once (a foreign key is one lookup).
    struct Checked
    {
        QVariant value;
        QString reason;
    };
    std::map<std::pair<int, QString>, Checked> checkedValues;
    for (int i = 0; i < block.size(); ++i) {
        const int row = firstRow + i;
        for (int j = 0; j < block.at(i).size(); ++j) {
            const int column = columns.at(j);
            const QString &text = block.at(i).at(j);
            const ColumnInfo info = model->columnInfo(column);
            const QString name = model->headerData(column, Qt::Horizontal).toString();
            QString reason;
            // A cell that cannot be edited takes its own value back (whole rows copied and
            // pasted over themselves, keys and versions included): nothing to do there.
            const bool editable = row >= existing ? column != model->versionColumn()
                                                  : bool(model->flags(model->index(row, column)) & Qt::ItemIsEditable);
            if (!editable && text == (row < existing ? ValueFormat::editText(model->index(row, column).data(Qt::EditRole), info)
                                                     : QString()))
                continue;
            if (column == model->versionColumn())
                reason = tr("%1 is the version column: saves set it.").arg(name);
            else if (row < existing && column == model->primaryKeyColumn())
                reason = tr("%1 is the key of a saved row and cannot be changed.").arg(name);
            else if (row < existing && !(model->flags(model->index(row, column)) & Qt::ItemIsEditable))
                reason = tr("%1 cannot be edited in this row.").arg(name);
            else if (info.kind == ColumnInfo::Kind::Binary)
                reason = tr("%1 holds bytes, which cannot be pasted as text.").arg(name);
            if (reason.isEmpty()) {
                auto found = checkedValues.find({column, text});
                if (found == checkedValues.end()) {
                    // An empty cell is NULL where the column takes NULL; else '' for text.
                    const QVariant typed = text.isEmpty() && (info.nullable || info.generated || info.kind != ColumnInfo::Kind::Text)
                            ? QVariant()
                            : QVariant(text);
                    const Result<QVariant> checked = ValueEditor::check(*model, column, typed);
                    found = checkedValues.emplace(std::pair(column, text),
                                                  checked ? Checked{*checked, QString()}
                                                          : Checked{QVariant(), checked.error().message}).first;
                }
                reason = found->second.reason;
                if (reason.isEmpty()) {
                    const QModelIndex index = model->index(row, column);
                    const bool same = row < existing && !index.data(VersionedTableModel::DefaultRole).toBool()
                            && JsonValue::sameValue(index.data(Qt::EditRole), found->second.value);
                    if (!same)
                        cells.append(Cell{row, column, found->second.value});
                }
            }
            if (!reason.isEmpty())
                m_refusals.append(Refusal{row, name, text, reason});
        }
    }
    return m_refusals.isEmpty();
}

void GridClipboard::showRefusals()
{
    QDialog dialog(m_view);
    dialog.setObjectName(QStringLiteral("pasteRefusedDialog"));
    dialog.setWindowTitle(tr("Paste refused"));
    auto *layout = new QVBoxLayout(&dialog);
    // The list below counts them: the sentence needs no number.
    auto *said = new QLabel(tr("Nothing was pasted: these cells cannot take the pasted value."), &dialog);
    said->setWordWrap(true);
    layout->addWidget(said);
    auto *table = new QTableWidget(int(m_refusals.size()), 4, &dialog);
    table->setObjectName(QStringLiteral("refusedCells"));
    table->setHorizontalHeaderLabels({tr("Row"), tr("Column"), tr("Value"), tr("Why")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->horizontalHeader()->setStretchLastSection(true);
    for (int i = 0; i < m_refusals.size(); ++i) {
        const Refusal &refusal = m_refusals.at(i);
        // Numbered as the grid's row header numbers them.
        const QStringList texts{QString::number(refusal.row + 1), refusal.column, refusal.value, refusal.reason};
        for (int c = 0; c < texts.size(); ++c) {
            auto *item = new QTableWidgetItem(texts.at(c));
            item->setToolTip(texts.at(c));
            table->setItem(i, c, item);
        }
    }
    table->resizeColumnsToContents();
    layout->addWidget(table);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog.resize(680, std::min(420, 150 + 28 * int(m_refusals.size())));
    dialog.exec();
}

} // namespace Concord
