#include "actionbar.h"

#include "checkedrows.h"
#include "conflictreportdialog.h"
#include "jsonvalue.h"
#include "session.h"
#include "tableschema.h"
#include "versionedtablemodel.h"
#include "versionedwriter.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSqlField>
#include <QSqlRecord>
#include <QSet>
#include <QVBoxLayout>

namespace Concord {

namespace {

enum BuiltIn { DeleteAction, SetFieldAction, FirstCustomAction };

// "1 row", "3 rows" (Concord ships no translations, so %n plurals would show "row(s)").
QString rowsText(int count)
{
    return ActionBar::tr("%n row(s)", nullptr, count);
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
    ActionRunner runner(m_model->session());
    runner.setLockTimeout(m_model->lockTimeout());
    result = runner.run(m_model->tableName(), rows, action);
    // The runner knows only the versions shown; the grid still holds the values as loaded
    // (the refresh after actionFinished replaces them), so the report can say which fields
    // the other person changed, and a retry what changed since.
    QHash<QString, QVariantMap> shown;
    if (!result.allSaved())
        shown = shownValues(rows);
    for (RowOutcome &outcome : result.rows) {
        if (outcome.status == RowOutcome::Status::Conflict && outcome.conflict
            && outcome.conflict->kind == Conflict::Kind::Modified && outcome.conflict->base.isEmpty())
            outcome.conflict->base = shown.value(VersionedWriter::keyText(outcome.pk));
    }
    clearAllMatching();
    // An action that ran leaves its rows at new versions (or gone): checks on them would
    // only conflict. One refused keeps them, so the person can refresh and run it again.
    if (result.committed && m_checked)
        m_checked->clear();
    emit actionFinished(result);
    if (m_showReports && !result.allSaved())
        showReport(result, action, rows, shown);
    return result;
}

QHash<QString, QVariantMap> ActionBar::shownValues(const QList<RowRef> &rows) const
{
    QHash<QString, QVariantMap> shown;
    const QSqlRecord fields = m_model->record();
    for (const RowRef &ref : rows) {
        const int row = m_model->rowForKey(ref.pk);
        // A grid reloaded since the rows were checked shows a later version: its values
        // would name changes that were not made since the person chose the rows.
        if (row < 0 || !JsonValue::sameValue(m_model->rowRef(row).version, ref.version))
            continue;
        QVariantMap values;
        for (int column = 0; column < fields.count(); ++column)
            values.insert(fields.fieldName(column), m_model->index(row, column).data(VersionedTableModel::LoadedValueRole));
        shown.insert(VersionedWriter::keyText(ref.pk), values);
    }
    return shown;
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
                + tr("%n of them already were: refresh (F5) first, or the delete will be refused.", nullptr, stale);
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
    const auto schema = m_model->session()->schema(m_model->tableName());
    if (!schema) {
        QMessageBox::warning(this, tr("Set a column"), schema.error().message);
        return std::nullopt;
    }
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Set a column on %1").arg(rowsText(int(selection().size()))));
    auto *column = new QComboBox(&dialog);
    column->addItems(AdminAction::settableColumns(*schema, m_model->versionPolicy()));
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

std::optional<QList<RowRef>> ActionBar::confirmRetry(const AdminAction &action, const QList<RowRef> &rows,
                                                     const QHash<QString, QVariantMap> &shown)
{
    // Read again now: the report is as old as the refusal, and more may have changed since.
    ActionRunner runner(m_model->session());
    const auto current = runner.currentRows(m_model->tableName(), rows);
    if (!current) {
        QMessageBox::warning(this, tr("Retry"), current.error().message);
        return std::nullopt;
    }
    const QString table = m_model->tableName();
    const QString versionColumn = m_model->versionPolicy().column;
    const bool deleting = action.name() == QLatin1String("delete");
    const QVariantMap mine = action.values();
    const auto valueText = [](const QVariant &value) {
        if (value.isNull())
            return QStringLiteral("NULL");
        const QString text = value.toString();
        return text.size() > 40 ? text.left(39) + QStringLiteral("…") : text;
    };

    // Every row that is still there, at the version found now; a changed row also says
    // what changed and whether it starts ticked.
    struct Candidate
    {
        RowRef ref;
        bool changed = false;
        bool ticked = true;
        QString text;
        QString toolTip;
    };
    QList<Candidate> candidates;
    QStringList gone;
    int changedCount = 0;
    for (const RowRef &ref : rows) {
        const QString key = VersionedWriter::keyText(ref.pk);
        const QString name = QStringLiteral("%1 %2").arg(table, ref.pk.toString());
        const auto now = current->constFind(key);
        if (now == current->constEnd()) {
            gone.append(name);
            continue;
        }
        Candidate candidate;
        candidate.ref = RowRef{ref.pk, versionColumn.isEmpty() ? ref.version : now->value(versionColumn)};
        const auto was = shown.constFind(key);
        QStringList fields;
        QStringList mineOverTheirs;
        if (was != shown.constEnd()) {
            for (auto it = now->cbegin(); it != now->cend(); ++it) {
                if (it.key() == versionColumn || JsonValue::sameValue(was->value(it.key()), it.value()))
                    continue;
                fields.append(tr("%1: %2 → %3").arg(it.key(), valueText(was->value(it.key())), valueText(it.value())));
                if (mine.contains(it.key()) && !JsonValue::sameValue(mine.value(it.key()), it.value()))
                    mineOverTheirs.append(tr("%1 to %2").arg(it.key(), valueText(mine.value(it.key()))));
            }
        }
        candidate.changed = versionColumn.isEmpty() ? !fields.isEmpty()
                                                    : !JsonValue::sameValue(now->value(versionColumn), ref.version);
        if (candidate.changed) {
            ++changedCount;
            const bool known = was != shown.constEnd();
            // One line for the row, one per changed field: a single line ran off the dialog.
            QStringList lines{deleting ? tr("Delete %1 too, although someone else changed it:").arg(name)
                                       : tr("%1, changed by someone else:").arg(name)};
            if (fields.isEmpty())
                fields.append(tr("(the grid had not loaded it, so what changed is not known)"));
            for (const QString &field : std::as_const(fields))
                lines.append(QStringLiteral("    ") + field);
            if (!mineOverTheirs.isEmpty())
                lines.append(QStringLiteral("    ")
                             + tr("You are setting %1: tick it to write yours over theirs.")
                                       .arg(mineOverTheirs.join(QStringLiteral(", "))));
            candidate.text = lines.join(QLatin1Char('\n'));
            // A changed row is acted on only where nothing of theirs would be lost unasked:
            // a delete throws their change away, and setting a field they changed (or may
            // have: nothing known) writes mine over theirs. Those start unticked.
            candidate.ticked = !deleting && mineOverTheirs.isEmpty() && (known || mine.isEmpty());
            candidate.toolTip = versionColumn.isEmpty()
                    ? QString()
                    : tr("You saw version %1; it is now version %2.")
                              .arg(ref.version.toString(), now->value(versionColumn).toString());
        }
        candidates.append(candidate);
    }

    QDialog dialog(this);
    dialog.setObjectName(QStringLiteral("retryConfirmation"));
    dialog.setWindowTitle(tr("Retry: %1").arg(action.label()));
    auto *layout = new QVBoxLayout(&dialog);
    auto *headline = new QLabel(&dialog);
    headline->setObjectName(QStringLiteral("retryHeadline"));
    headline->setWordWrap(true);
    QString text;
    if (changedCount == 0) {
        text = tr("None of the rows changed since you saw them.");
    } else {
        text = tr("Someone else changed %n of the %1 since you saw them:", nullptr, changedCount)
                       .arg(rowsText(int(rows.size())));
        text += QLatin1Char(' ')
                + (deleting ? tr("a changed row is deleted only if you tick it.")
                            : tr("the action runs on a changed row only if it is ticked."));
    }
    headline->setText(text);
    layout->addWidget(headline);

    auto *list = new QListWidget(&dialog);
    list->setObjectName(QStringLiteral("changedRows"));
    for (int i = 0; i < candidates.size(); ++i) {
        const Candidate &candidate = candidates.at(i);
        if (!candidate.changed)
            continue;
        auto *item = new QListWidgetItem(candidate.text, list);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        item->setCheckState(candidate.ticked ? Qt::Checked : Qt::Unchecked);
        item->setToolTip(candidate.toolTip);
        item->setData(Qt::UserRole, i);
    }
    list->setVisible(changedCount > 0);
    // Current for the keyboard (Space ticks it), not selected: a highlighted row looked chosen.
    if (list->count() > 0)
        list->setCurrentRow(0, QItemSelectionModel::NoUpdate);
    // As tall as its items, up to a point; then it scrolls.
    int height = 2 * list->frameWidth() + 4;
    for (int i = 0; i < list->count(); ++i)
        height += list->sizeHintForRow(i);
    list->setFixedHeight(std::min(height, 320));
    layout->addWidget(list);

    if (!gone.isEmpty()) {
        auto *goneLabel = new QLabel(&dialog);
        goneLabel->setObjectName(QStringLiteral("goneRows"));
        goneLabel->setWordWrap(true);
        QStringList names = gone.mid(0, 10);
        if (gone.size() > 10)
            names.append(tr("%1 more").arg(gone.size() - 10));
        goneLabel->setText(tr("Deleted by someone else meanwhile, so left out: %1.").arg(names.join(QStringLiteral(", "))));
        layout->addWidget(goneLabel);
    }

    auto *summary = new QLabel(&dialog);
    summary->setObjectName(QStringLiteral("retrySummary"));
    summary->setWordWrap(true);
    layout->addWidget(summary);

    auto *buttons = new QDialogButtonBox(&dialog);
    QPushButton *runButton = buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    runButton->setObjectName(QStringLiteral("runButton"));
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    // Enter must not run an action on rows someone else just changed: Cancel is the default.
    runButton->setAutoDefault(false);
    cancel->setDefault(true);
    connect(runButton, &QPushButton::clicked, &dialog, &QDialog::accept);
    connect(cancel, &QPushButton::clicked, &dialog, &QDialog::reject);
    layout->addWidget(buttons);

    const auto chosen = [&]() {
        QSet<int> ticked;
        for (int i = 0; i < list->count(); ++i) {
            if (list->item(i)->checkState() == Qt::Checked)
                ticked.insert(list->item(i)->data(Qt::UserRole).toInt());
        }
        QList<RowRef> refs;
        for (int i = 0; i < candidates.size(); ++i) {
            if (!candidates.at(i).changed || ticked.contains(i))
                refs.append(candidates.at(i).ref);
        }
        return refs;
    };
    const auto update = [&] {
        const QList<RowRef> refs = chosen();
        const int count = int(refs.size());
        // A few rows are named, so the person sees which ones go; many are counted.
        QString which = rowsText(count);
        if (count > 0 && count <= 5) {
            QStringList names;
            for (const RowRef &ref : refs)
                names.append(QStringLiteral("%1 %2").arg(table, ref.pk.toString()));
            which += QStringLiteral(" (%1)").arg(names.join(QStringLiteral(", ")));
        }
        runButton->setEnabled(count > 0);
        runButton->setText(count == 0 ? (deleting ? tr("&Delete") : tr("&Run"))
                                      : (deleting ? tr("&Delete %1").arg(rowsText(count))
                                                  : tr("&Run on %1").arg(rowsText(count))));
        summary->setText(count == 0
                                 ? tr("Nothing left to run on.")
                                 : tr("%1 at the versions found now. If one of them changes again meanwhile, "
                                      "nothing runs and you are asked again.")
                                           .arg(deleting ? tr("Deletes %1").arg(which)
                                                         : tr("Runs \"%1\" on %2").arg(action.label(), which)));
    };
    connect(list, &QListWidget::itemChanged, &dialog, update);
    update();
    const int listWidth = list->count() > 0 ? list->sizeHintForColumn(0) + 2 * list->frameWidth() + 32 : 0;
    dialog.resize(std::clamp(std::max(dialog.sizeHint().width(), listWidth), 640, 960), dialog.sizeHint().height());
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return chosen();
}

void ActionBar::showReport(const SubmitResult &result, const AdminAction &action, const QList<RowRef> &rows,
                           const QHash<QString, QVariantMap> &shown)
{
    auto *dialog = new ConflictReportDialog(result, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Report: %1").arg(action.label()));
    // Retrying an action asks first: it never acts unasked on rows someone else changed.
    QPushButton *retry = dialog->retryButton();
    retry->setText(tr("&Retry…"));
    retry->setToolTip(tr("Check the rows again, see what changed since you saw them, and choose whether "
                         "\"%1\" runs at their current versions.").arg(action.label()));
    retry->setEnabled(result.conflictCount() > 0 || result.busyCount() > 0);
    connect(dialog, &ConflictReportDialog::retryRequested, this, [this, dialog, action, rows, shown] {
        dialog->close();
        const auto confirmed = confirmRetry(action, rows, shown);
        if (confirmed && !confirmed->isEmpty())
            run(action, *confirmed);
    });
    // Not modal: the grid stays usable while the report is read.
    dialog->show();
}

} // namespace Concord
