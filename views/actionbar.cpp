#include "actionbar.h"

#include "checkedrows.h"
#include "conflictreportdialog.h"
#include "tableschema.h"
#include "versionedtablemodel.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSqlField>
#include <QSqlRecord>
#include <QSet>

namespace Concord {

namespace {

enum BuiltIn { DeleteAction, SetFieldAction, FirstCustomAction };

// "1 row", "3 rows" (Concord ships no translations, so %n plurals would show "row(s)").
QString rowsText(int count)
{
    return count == 1 ? ActionBar::tr("1 row") : ActionBar::tr("%1 rows").arg(count);
}

} // namespace

ActionBar::ActionBar(QWidget *parent)
    : QWidget(parent)
    , m_actions(new QComboBox(this))
    , m_go(new QPushButton(tr("Go"), this))
    , m_count(new QLabel(this))
    , m_selectAll(new QPushButton(this))
{
    m_actions->addItem(tr("Delete selected rows"));
    m_actions->addItem(tr("Set a column to a value…"));
    m_actions->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_go->setToolTip(tr("Run the action on the checked rows, as you see them: rows changed since are not touched"));
    m_selectAll->setFlat(true);
    m_selectAll->setCursor(Qt::PointingHandCursor);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->addWidget(new QLabel(tr("Action:"), this));
    layout->addWidget(m_actions);
    layout->addWidget(m_go);
    layout->addSpacing(12);
    layout->addWidget(m_count);
    layout->addWidget(m_selectAll);
    layout->addStretch(1);

    connect(m_go, &QPushButton::clicked, this, &ActionBar::runCurrent);
    connect(m_selectAll, &QPushButton::clicked, this, [this] {
        if (m_allMatching)
            clearSelection();
        else
            selectAllMatching();
    });
    updateLabels();
}

void ActionBar::setModel(VersionedTableModel *model, QItemSelectionModel *selection)
{
    m_model = model;
    m_selection = selection;
    clearAllMatching();
    if (m_selection) {
        connect(m_selection, &QItemSelectionModel::selectionChanged, this, [this] {
            // Selected rows are what an action runs on only while nothing is checked; then
            // a new selection replaces the "all matching" snapshot. Moving around the grid
            // to edit must not drop checks or the snapshot.
            if (checkedCount() == 0) {
                m_allMatching = false;
                m_matching.clear();
            }
            updateLabels();
        });
    }
    if (m_model) {
        connect(m_model, &QAbstractItemModel::modelReset, this, &ActionBar::updateLabels);
    }
}

void ActionBar::setCheckedRows(CheckedRows *rows)
{
    if (m_checked)
        disconnect(m_checked, nullptr, this, nullptr);
    m_checked = rows;
    if (m_checked) {
        connect(m_checked, &CheckedRows::changed, this, [this] {
            // Checking or unchecking a row is a new selection, as in the Django admin:
            // it replaces the "all matching" snapshot (unless that is what checks them).
            if (!m_checkingAllMatching) {
                m_allMatching = false;
                m_matching.clear();
            }
            updateLabels();
        });
    }
    updateLabels();
}

int ActionBar::checkedCount() const
{
    return m_checked ? m_checked->count() : 0;
}

void ActionBar::registerAction(const AdminAction &action)
{
    m_custom.append(action);
    m_actions->addItem(action.label().isEmpty() ? action.name() : action.label());
}

QStringList ActionBar::actionNames() const
{
    QStringList names;
    for (int i = 0; i < m_actions->count(); ++i)
        names.append(m_actions->itemText(i));
    return names;
}

QList<RowRef> ActionBar::selection() const
{
    if (m_allMatching)
        return m_matching;
    if (checkedCount() > 0)
        return m_checked->refs();
    QList<RowRef> refs;
    if (!m_model || !m_selection)
        return refs;
    QList<int> rows;
    for (const QModelIndex &index : m_selection->selectedRows())
        rows.append(index.row());
    std::sort(rows.begin(), rows.end());
    for (int row : std::as_const(rows)) {
        const RowRef ref = m_model->rowRef(row);
        if (ref.pk.isValid())
            refs.append(ref);
    }
    return refs;
}

bool ActionBar::selectAllMatching()
{
    if (!m_model)
        return false;
    const auto rows = m_model->matchingRows();
    if (!rows) {
        QMessageBox::warning(this, tr("Select all"), rows.error().message);
        return false;
    }
    // The versions are taken now: an action later still skips rows changed in between.
    m_matching = *rows;
    m_allMatching = true;
    if (m_checked) {
        // Every row in the list shows as checked; the action still runs on the snapshot.
        m_checkingAllMatching = true;
        m_checked->setAllChecked(true);
        m_checkingAllMatching = false;
    }
    updateLabels();
    return true;
}

void ActionBar::clearSelection()
{
    clearAllMatching();
    if (m_checked)
        m_checked->clear();
}

void ActionBar::clearAllMatching()
{
    m_allMatching = false;
    m_matching.clear();
    updateLabels();
}

QString ActionBar::countText() const
{
    if (m_allMatching)
        return tr("All %1 matching rows selected.").arg(QLocale().toString(m_matching.size()));
    if (const int checked = checkedCount(); checked > 0)
        return rowsText(checked) + tr(" checked.");
    if (const int selected = m_selection ? int(m_selection->selectedRows().size()) : 0; selected > 0)
        return rowsText(selected) + tr(" selected.");
    return tr("No rows checked.");
}

void ActionBar::updateLabels()
{
    const QLocale locale;
    m_count->setText(countText());
    if (m_allMatching) {
        m_selectAll->setText(tr("Clear selection"));
        m_selectAll->setVisible(true);
        return;
    }
    const int checked = checkedCount();
    const int selected = checked > 0 ? checked : (m_selection ? int(m_selection->selectedRows().size()) : 0);
    int matching = -1;
    if (m_model && selected > 0) {
        if (const auto count = m_model->matchingCount())
            matching = *count;
    }
    m_selectAll->setVisible(matching > selected);
    if (matching > selected)
        m_selectAll->setText(tr("Select all %1 matching").arg(locale.toString(matching)));
}

void ActionBar::runCurrent()
{
    if (!m_model)
        return;
    const QList<RowRef> rows = selection();
    if (rows.isEmpty()) {
        QMessageBox::information(this, tr("Actions"), tr("Check the rows to act on first."));
        return;
    }
    const int chosen = m_actions->currentIndex();
    AdminAction action;
    if (chosen == DeleteAction) {
        if (!confirmDelete(rows))
            return;
        action = AdminAction::deleteRows();
    } else if (chosen == SetFieldAction) {
        const auto asked = askSetField();
        if (!asked)
            return;
        action = *asked;
    } else {
        action = m_custom.value(chosen - FirstCustomAction);
        const auto answer = QMessageBox::question(this, action.label(),
                                                  tr("Run \"%1\" on %2?").arg(action.label(), rowsText(int(rows.size()))));
        if (answer != QMessageBox::Yes)
            return;
    }
    run(action, rows);
}

SubmitResult ActionBar::run(const AdminAction &action, const QList<RowRef> &rows)
{
    SubmitResult result;
    if (!m_model)
        return result;
    ActionRunner runner(m_model->database());
    runner.setLockTimeout(m_model->lockTimeout());
    result = runner.run(m_model->tableName(), rows, action);
    // The runner knows only the versions shown; the grid still holds the values as loaded
    // (the refresh after actionFinished replaces them), so the report can say which fields
    // the other person changed.
    for (RowOutcome &outcome : result.rows) {
        if (outcome.status != RowOutcome::Status::Conflict || !outcome.conflict
            || outcome.conflict->kind != Conflict::Kind::Modified || !outcome.conflict->base.isEmpty())
            continue;
        const int row = m_model->rowForKey(outcome.pk);
        if (row < 0)
            continue;
        const QSqlRecord fields = m_model->record();
        for (int column = 0; column < fields.count(); ++column)
            outcome.conflict->base.insert(fields.fieldName(column),
                                          m_model->index(row, column).data(VersionedTableModel::LoadedValueRole));
    }
    clearAllMatching();
    // An action that ran leaves its rows at new versions (or gone): checks on them would
    // only conflict. One refused keeps them, so the person can refresh and run it again.
    if (result.committed && m_checked)
        m_checked->clear();
    emit actionFinished(result);
    if (m_showReports && !result.allSaved())
        showReport(result, action, rows);
    return result;
}

bool ActionBar::confirmDelete(const QList<RowRef> &rows)
{
    // Name the rows, as the Django admin's confirmation page does.
    // Rows the watcher already marked stale will make the whole delete refuse: say so now.
    QStringList names;
    int stale = 0;
    for (const RowRef &ref : rows) {
        const int row = m_model->rowForKey(ref.pk);
        const bool changed = row >= 0 && m_model->isStale(row);
        stale += changed ? 1 : 0;
        if (names.size() < 20) {
            names.append(changed ? tr("%1 %2 (version %3, changed by someone else since)")
                                           .arg(m_model->tableName(), ref.pk.toString(), ref.version.toString())
                                 : tr("%1 %2 (version %3)").arg(m_model->tableName(), ref.pk.toString(), ref.version.toString()));
        } else if (names.size() == 20) {
            names.append(tr("… and %1 more").arg(rows.size() - 20));
        }
    }
    QString text = tr("Delete %1? If any of them was changed by someone else since you saw it, nothing is deleted.")
                           .arg(rowsText(int(rows.size())));
    if (stale > 0) {
        text += QLatin1Char(' ')
                + (stale == 1 ? tr("One of them already was: refresh (F5) first, or the delete will be refused.")
                              : tr("%1 of them already were: refresh (F5) first, or the delete will be refused.").arg(stale));
    }
    QMessageBox box(stale > 0 ? QMessageBox::Critical : QMessageBox::Warning, tr("Delete rows"), text,
                    QMessageBox::Yes | QMessageBox::Cancel, this);
    box.setDetailedText(names.join(QLatin1Char('\n')));
    box.setInformativeText(names.mid(0, 5).join(QLatin1Char('\n')) + (names.size() > 5 ? QStringLiteral("\n…") : QString()));
    box.setDefaultButton(QMessageBox::Cancel);
    return box.exec() == QMessageBox::Yes;
}

std::optional<AdminAction> ActionBar::askSetField()
{
    const auto schema = TableSchema::load(m_model->database(), m_model->tableName());
    if (!schema) {
        QMessageBox::warning(this, tr("Set a column"), schema.error().message);
        return std::nullopt;
    }
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Set a column on %1").arg(rowsText(int(selection().size()))));
    auto *column = new QComboBox(&dialog);
    const QString versionColumn = m_model->versionPolicy().column;
    for (const QString &name : schema->columns()) {
        if (name.compare(schema->primaryKey(), Qt::CaseInsensitive) != 0
            && name.compare(versionColumn, Qt::CaseInsensitive) != 0)
            column->addItem(name);
    }
    auto *value = new QLineEdit(&dialog);
    value->setPlaceholderText(tr("empty: NULL"));
    auto *error = new QLabel(&dialog);
    error->setStyleSheet(QStringLiteral("color: #b00020"));
    error->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    auto *form = new QFormLayout(&dialog);
    form->addRow(tr("Column:"), column);
    form->addRow(tr("Value:"), value);
    form->addRow(error);
    form->addRow(buttons);
    QVariant coerced;
    connect(buttons, &QDialogButtonBox::accepted, &dialog, [&] {
        // The value is checked against the column's type before anything runs.
        const QVariant typed = value->text().isEmpty() ? QVariant() : QVariant(value->text());
        const auto result = schema->coerce(column->currentText(), typed);
        if (!result) {
            error->setText(result.error().message);
            return;
        }
        coerced = *result;
        dialog.accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return AdminAction::setField(column->currentText(), coerced);
}

void ActionBar::showReport(const SubmitResult &result, const AdminAction &action, const QList<RowRef> &rows)
{
    auto *dialog = new ConflictReportDialog(result, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Report: %1").arg(action.label()));
    connect(dialog, &ConflictReportDialog::retryRequested, this, [this, dialog, result, action, rows] {
        // Retry on the same rows at the versions found now: the changed rows' current
        // versions from the report, the others as selected; deleted rows are left out.
        QHash<QString, QVariant> current;
        QSet<QString> gone;
        for (const RowOutcome &outcome : result.rows) {
            if (outcome.status != RowOutcome::Status::Conflict || !outcome.conflict)
                continue;
            if (outcome.conflict->kind == Conflict::Kind::Deleted)
                gone.insert(outcome.pk.toString());
            else
                current.insert(outcome.pk.toString(), outcome.conflict->currentVersion);
        }
        QList<RowRef> retry;
        for (const RowRef &ref : rows) {
            const QString key = ref.pk.toString();
            if (!gone.contains(key))
                retry.append(RowRef{ref.pk, current.value(key, ref.version)});
        }
        dialog->close();
        if (!retry.isEmpty())
            run(action, retry);
    });
    // Not modal: the grid stays usable while the report is read.
    dialog->show();
}

} // namespace Concord
