#include "conflictreportdialog.h"

#include "jsonvalue.h"
#include "outcometext.h"
#include "rowmerge.h"
#include "rowstatepalette.h"
#include "versionedtablemodel.h"
#include "versionpolicy.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Concord {

namespace {

enum Column { TableColumn, KeyColumn, OpColumn, OutcomeColumn, VersionColumn, DetailsColumn, ColumnCount };

bool isProblem(const RowOutcome &row)
{
    return row.status != RowOutcome::Status::Saved;
}

} // namespace

ConflictReportDialog::ConflictReportDialog(const SubmitResult &result, QWidget *parent)
    : QDialog(parent)
    , m_result(result)
{
    setObjectName(QStringLiteral("conflictReportDialog"));
    setWindowTitle(tr("Save report"));
    auto *layout = new QVBoxLayout(this);

    m_summary = new QLabel(OutcomeText::summary(m_result), this);
    m_summary->setObjectName(QStringLiteral("reportSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);

    m_onlyProblems = new QCheckBox(tr("Show only &problems"), this);
    m_onlyProblems->setObjectName(QStringLiteral("onlyProblemsCheck"));
    connect(m_onlyProblems, &QCheckBox::toggled, this, &ConflictReportDialog::setOnlyProblems);
    layout->addWidget(m_onlyProblems);

    m_table = new QTableWidget(int(m_result.rows.size()), ColumnCount, this);
    m_table->setObjectName(QStringLiteral("outcomeTable"));
    m_table->setHorizontalHeaderLabels({tr("Table"), tr("Key"), tr("Operation"), tr("Outcome"),
                                        tr("Version"), tr("Details")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    for (int i = 0; i < m_result.rows.size(); ++i) {
        const RowOutcome &row = m_result.rows.at(i);
        const QStringList texts{row.table, row.pk.toString(), RowEdit::opName(row.op), OutcomeText::status(row),
                                row.version.toString(), detailsText(row, m_result)};
        const QColor color = RowStatePalette::background(row, palette());
        for (int c = 0; c < ColumnCount; ++c) {
            auto *item = new QTableWidgetItem(texts.at(c));
            item->setToolTip(texts.at(c));
            if (color.isValid() && c == OutcomeColumn)
                item->setBackground(color);
            m_table->setItem(i, c, item);
        }
    }
    m_table->resizeColumnsToContents();
    m_table->setColumnWidth(DetailsColumn, std::min(m_table->columnWidth(DetailsColumn), 420));
    m_table->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_table, 1);

    auto *buttons = new QDialogButtonBox(this);
    // It merges, it does not overwrite: the wording must not promise "your values again".
    m_retry = buttons->addButton(tr("&Retry: merge with their changes"), QDialogButtonBox::ActionRole);
    m_retry->setObjectName(QStringLiteral("retryButton"));
    m_retry->setToolTip(tr("Merge your edit of each row someone else changed with their version and save it. "
                           "Fields only one of you changed merge by themselves; a field you both changed "
                           "is never overwritten: you choose its value."));
    bool anyChanged = false;
    for (const RowOutcome &row : std::as_const(m_result.rows))
        anyChanged = anyChanged || (row.conflict && row.conflict->kind == Conflict::Kind::Modified);
    m_retry->setEnabled(anyChanged);
    connect(m_retry, &QPushButton::clicked, this, [this] {
        emit retryRequested();
        accept();
    });
    QPushButton *csv = buttons->addButton(tr("Export &CSV…"), QDialogButtonBox::ActionRole);
    csv->setObjectName(QStringLiteral("exportCsvButton"));
    connect(csv, &QPushButton::clicked, this, &ConflictReportDialog::exportCsv);
    QPushButton *json = buttons->addButton(tr("Export &JSON…"), QDialogButtonBox::ActionRole);
    json->setObjectName(QStringLiteral("exportJsonButton"));
    connect(json, &QPushButton::clicked, this, &ConflictReportDialog::exportJson);
    QPushButton *close = buttons->addButton(QDialogButtonBox::Close);
    close->setObjectName(QStringLiteral("closeButton"));
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    for (QAbstractButton *button : buttons->buttons()) {
        if (auto *push = qobject_cast<QPushButton *>(button))
            push->setAutoDefault(false);
    }
    close->setDefault(true);
    layout->addWidget(buttons);

    // Open on the problems when there are any: they are what the person has to act on.
    const bool problems = m_result.savedCount() != m_result.total();
    m_onlyProblems->setChecked(problems && m_result.rows.size() > 20);
    resize(std::max(720, m_table->horizontalHeader()->length() + 40), 420);
}

QString ConflictReportDialog::detailsText(const RowOutcome &row, const SubmitResult &result)
{
    switch (row.status) {
    case RowOutcome::Status::Conflict:
        if (!row.conflict)
            return QString();
        if (row.conflict->kind == Conflict::Kind::Deleted)
            return tr("you loaded version %1; the row no longer exists").arg(row.conflict->expectedVersion.toString());
    {
        const QStringList changed = row.conflict->changedByThem();
        // Without the values as loaded (an action knows only the version) there is no
        // list of fields to give: say nothing rather than "they changed: " and a blank.
        if (changed.isEmpty())
            return tr("you loaded version %1, now %2")
                    .arg(row.conflict->expectedVersion.toString(), row.conflict->currentVersion.toString());
        // A field you changed too is marked: Retry leaves exactly those for a person to choose.
        const QStringList both = row.conflict->changedByBoth();
        QStringList fields;
        for (const QString &field : changed)
            fields.append(both.contains(field) ? tr("%1 (you too)").arg(field) : field);
        return tr("you loaded version %1, now %2; they changed: %3")
                .arg(row.conflict->expectedVersion.toString(), row.conflict->currentVersion.toString(),
                     fields.join(QStringLiteral(", ")));
    }
    case RowOutcome::Status::Busy:
        return row.error.message;
    case RowOutcome::Status::Error:
        return row.error.serverMessage.isEmpty() || row.error.message.contains(row.error.serverMessage)
                ? row.error.message
                : row.error.message + QStringLiteral(": ") + row.error.serverMessage;
    case RowOutcome::Status::RolledBack:
        return tr("was accepted, then undone because the batch did not commit");
    case RowOutcome::Status::NotAttempted:
        // Nothing was written for this row; say what stopped it. An action refused because
        // some of its rows changed never ran at all, so "the batch stopped before this row"
        // would be wrong there.
        if (result.error.code == DbError::Code::Cancelled)
            return tr("not written: the save was cancelled");
        if (result.conflictCount() > 0)
            return tr("not written: another row was changed by someone else");
        if (result.errorCount() > 0)
            return tr("not written: another row was refused");
        if (result.busyCount() > 0)
            return tr("not written: another row was being saved by someone else");
        if (result.error.isError())
            return tr("not written: %1").arg(result.error.message);
        return tr("not written");
    case RowOutcome::Status::Saved:
        break;
    }
    return QString();
}

void ConflictReportDialog::setSummaryText(const QString &text)
{
    m_summary->setText(text);
}

QString ConflictReportDialog::summaryText() const
{
    return m_summary->text();
}

void ConflictReportDialog::setOnlyProblems(bool only)
{
    if (m_onlyProblems->isChecked() != only)
        m_onlyProblems->setChecked(only);
    for (int i = 0; i < m_result.rows.size(); ++i)
        m_table->setRowHidden(i, only && !isProblem(m_result.rows.at(i)));
}

QString ConflictReportDialog::csvField(const QString &text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\n'))
        && !text.contains(QLatin1Char('\r')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString ConflictReportDialog::toCsv() const
{
    // RFC 4180: CRLF between records; line breaks inside a quoted field are kept as they are.
    QString csv = QStringLiteral("table,pk,operation,outcome,version,details\r\n");
    for (const RowOutcome &row : m_result.rows) {
        const QStringList fields{row.table, row.pk.toString(), RowEdit::opName(row.op), OutcomeText::status(row),
                                 row.version.toString(), detailsText(row, m_result)};
        QStringList quoted;
        for (const QString &field : fields)
            quoted.append(csvField(field));
        csv += quoted.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    }
    return csv;
}

QByteArray ConflictReportDialog::toJson() const
{
    QJsonArray rows;
    for (const RowOutcome &row : m_result.rows) {
        QJsonObject object{
            {QStringLiteral("table"), row.table},
            {QStringLiteral("pk"), JsonValue::fromVariant(row.pk)},
            {QStringLiteral("op"), RowEdit::opName(row.op)},
            {QStringLiteral("status"), RowOutcome::statusName(row.status)},
            {QStringLiteral("outcome"), OutcomeText::status(row)},
        };
        if (row.status == RowOutcome::Status::Saved)
            object.insert(QStringLiteral("version"), JsonValue::fromVariant(row.version));
        if (row.status == RowOutcome::Status::Error || row.status == RowOutcome::Status::Busy) {
            object.insert(QStringLiteral("message"), row.error.message);
            if (!row.error.serverMessage.isEmpty())
                object.insert(QStringLiteral("serverMessage"), row.error.serverMessage);
        }
        if (row.conflict) {
            object.insert(QStringLiteral("reason"), row.conflict->kindName());
            object.insert(QStringLiteral("expectedVersion"), JsonValue::fromVariant(row.conflict->expectedVersion));
            if (row.conflict->kind == Conflict::Kind::Modified) {
                object.insert(QStringLiteral("currentVersion"), JsonValue::fromVariant(row.conflict->currentVersion));
                object.insert(QStringLiteral("theirs"), JsonValue::fromMap(row.conflict->theirs));
                object.insert(QStringLiteral("mine"), JsonValue::fromMap(row.conflict->mine));
            }
        }
        rows.append(object);
    }
    QJsonObject report{
        {QStringLiteral("summary"), OutcomeText::summary(m_result)},
        {QStringLiteral("committed"), m_result.committed},
        {QStringLiteral("rows"), rows},
    };
    if (m_result.error.isError())
        report.insert(QStringLiteral("error"), m_result.error.message);
    // A large action lists only the rows it did not do; the others are counted.
    if (m_result.unlistedCount > 0) {
        report.insert(QStringLiteral("unlisted"), QJsonObject{{QStringLiteral("count"), m_result.unlistedCount},
                                                               {QStringLiteral("status"), RowOutcome::statusName(m_result.unlistedStatus)}});
    }
    return QJsonDocument(report).toJson(QJsonDocument::Indented);
}

ConflictReportDialog::Retry ConflictReportDialog::retryChangedRows(VersionedTableModel *model) const
{
    return retryChangedRows(m_result, model);
}

ConflictReportDialog::Retry ConflictReportDialog::retryChangedRows(const SubmitResult &result, VersionedTableModel *model)
{
    Retry retry;
    const QStringList keyColumns{model->primaryKeyName(), model->versionPolicy().column};
    for (const RowOutcome &outcome : result.rows) {
        if (!outcome.conflict || outcome.table != model->tableName())
            continue;
        const int row = model->findRow(outcome.pk).value_or(-1);
        if (row < 0)
            continue;
        // The model's own conflict is the newest one for that row; the report may be older.
        // None left means the row was resolved since: nothing to retry.
        const QVariant current = model->index(row, 0).data(VersionedTableModel::ConflictRole);
        if (!current.isValid())
            continue;
        const Conflict conflict = current.value<Conflict>();
        if (conflict.kind == Conflict::Kind::Deleted) {
            retry.deleted.append(outcome.pk);
            continue;
        }
        // A delete re-made against their version would throw their change away with the row.
        if (outcome.op == RowEdit::Op::Delete) {
            retry.changedDeletes.append(outcome.pk);
            continue;
        }
        const RowMerge merge(conflict, QStringList(), keyColumns);
        if (!merge.isComplete()) {
            retry.needChoice.append(merge);
            continue;
        }
        if (model->resolveConflict(row, merge.mergedValues()))
            retry.merged.append(outcome.pk);
    }
    return retry;
}

bool ConflictReportDialog::writeFile(const QString &path, const QByteArray &data)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        QMessageBox::warning(this, tr("Export failed"), tr("Could not write %1: %2").arg(path, file.errorString()));
        return false;
    }
    return true;
}

void ConflictReportDialog::exportCsv()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export report as CSV"), QStringLiteral("report.csv"),
                                                      tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        writeFile(path, toCsv().toUtf8());
}

void ConflictReportDialog::exportJson()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export report as JSON"), QStringLiteral("report.json"),
                                                      tr("JSON files (*.json)"));
    if (!path.isEmpty())
        writeFile(path, toJson());
}

} // namespace Concord
