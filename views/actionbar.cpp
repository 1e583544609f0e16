#include "actionbar.h"

#include "checkedrows.h"
#include "conflictreportdialog.h"
#include "fittinglabel.h"
#include "jsonvalue.h"
#include "outcometext.h"
#include "rowsnapshot.h"
#include "session.h"
#include "tableschema.h"
#include "versionedtablemodel.h"
#include "versionedwriter.h"

#include <QCheckBox>
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
#include <QProgressDialog>
#include <QPushButton>
#include <QSqlField>
#include <QSqlRecord>
#include <QSet>
#include <QScopeGuard>
#include <QVBoxLayout>

#include <algorithm>

namespace Concord {

namespace {

enum BuiltIn { DeleteAction, SetFieldAction, FirstCustomAction };

// "1 row", "1,000,000 rows": the count grouped as the locale writes numbers.
QString rowsText(int count)
{
    return ActionBar::tr("%Ln row(s)", nullptr, count);
}

// Long work on many rows shows how far it got, and can be cancelled; the dialog appears
// only when the work takes more than a moment. Cancel is read after each chunk.
std::unique_ptr<QProgressDialog> progressDialog(QWidget *parent, const QString &label, qint64 total, int delayMs)
{
    auto dialog = std::make_unique<QProgressDialog>(label, ActionBar::tr("Cancel"), 0,
                                                    int(std::min<qint64>(std::max<qint64>(total, 0), INT_MAX)), parent);
    dialog->setObjectName(QStringLiteral("actionProgress"));
    // Application modal: nothing else may start work on the connection meanwhile.
    dialog->setWindowModality(Qt::ApplicationModal);
    dialog->setMinimumDuration(delayMs);
    dialog->setAutoReset(false);
    dialog->setAutoClose(false);
    return dialog;
}

// The step a callback reports, on @p dialog: false once the person cancelled.
bool advance(QProgressDialog &dialog, qint64 done)
{
    const int value = int(std::min<qint64>(done, INT_MAX));
    if (value > dialog.maximum())
        dialog.setMaximum(value); // the estimate was short
    dialog.setValue(value);
    return !dialog.wasCanceled();
}

} // namespace

ActionBar::ActionBar(QWidget *parent)
    : QWidget(parent)
    , m_actions(new QComboBox(this))
    , m_go(new QPushButton(tr("Go"), this))
    , m_count(new FittingLabel(this))
    , m_selectAll(new QPushButton(this))
    , m_skipChanged(new QCheckBox(tr("S&kip changed rows"), this))
    , m_chunkSize(RowSnapshot::defaultChunkSize)
{
    m_actions->addItem(tr("Delete selected rows"));
    m_actions->addItem(tr("Set a column to a value…"));
    m_actions->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_go->setToolTip(tr("Run the action on the checked rows, as you see them: rows changed since are not touched"));
    m_skipChanged->setObjectName(QStringLiteral("skipChangedCheck"));
    m_skipChanged->setToolTip(tr("Off: if someone else changed one of the rows since you saw it, the action does not run "
                                 "at all. On: those rows are skipped (and listed in the report), the others are done."));
    m_selectAll->setFlat(true);
    m_selectAll->setCursor(Qt::PointingHandCursor);
    // The count changes with every click: it must not widen the window's middle and push
    // the docks aside. Where room is short it says less ("All 10,000,000 selected."), with
    // the whole text as tooltip.
    m_count->setObjectName(QStringLiteral("countLabel"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->addWidget(new QLabel(tr("Action:"), this));
    layout->addWidget(m_actions);
    layout->addWidget(m_go);
    layout->addWidget(m_skipChanged);
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
                m_matching.reset();
            }
            updateLabels();
        });
    }
    if (m_model) {
        connect(m_model, &QAbstractItemModel::modelReset, this, &ActionBar::updateLabels);
        connect(m_model, &VersionedTableModel::rowCountSettled, this, &ActionBar::updateLabels);
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
                m_matching.reset();
            }
            updateLabels();
        });
    }
    updateLabels();
}

bool ActionBar::skipChanged() const
{
    return m_skipChanged->isChecked();
}

void ActionBar::setSkipChanged(bool skip)
{
    m_skipChanged->setChecked(skip);
}

QCheckBox *ActionBar::skipBoxFor(QWidget *dialog)
{
    // The bar is short of room and says it briefly; a confirmation says it whole.
    auto *box = new QCheckBox(tr("S&kip rows changed since shown"), dialog);
    box->setObjectName(QStringLiteral("skipChangedCheck"));
    box->setToolTip(m_skipChanged->toolTip());
    box->setChecked(skipChanged());
    // One choice, not two: what the person ticks here is what the bar shows afterwards.
    connect(box, &QCheckBox::toggled, this, &ActionBar::setSkipChanged);
    return box;
}

int ActionBar::staleCount(const QList<RowRef> &rows) const
{
    // "Every row": a row the grid shows stale goes at the version shown, so it is refused.
    if (m_everyStale)
        return *m_everyStale;
    // All matching rows: the snapshot holds the versions of the click, so the rows marked
    // since then are those found changed (not only among the first rows named).
    if (m_allMatching) {
        const QSet<QString> marked = m_model->staleKeys();
        return int(std::count_if(marked.cbegin(), marked.cend(),
                                 [this](const QString &key) { return !m_staleWhenSelected.contains(key); }));
    }
    int stale = 0;
    for (const RowRef &ref : rows) {
        stale += m_model->isKeyStale(ref.pk) ? 1 : 0;
    }
    return stale;
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
        return m_matching ? m_matching->toList() : QList<RowRef>();
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

qint64 ActionBar::selectionCount() const
{
    if (m_allMatching)
        return m_matching ? m_matching->count() : 0;
    if (const int checked = checkedCount(); checked > 0)
        return checked;
    return selection().size();
}

QList<RowRef> ActionBar::shownSelection() const
{
    if (!m_allMatching || !m_matching)
        return selection();
    m_matching->rewind();
    const QList<RowRef> first = m_matching->nextChunk();
    m_matching->rewind();
    return first;
}

std::shared_ptr<RowSnapshot> ActionBar::readSnapshot(const QString &label, const RowSnapshot::Keep &keep)
{
    // Millions of keys take a while to read: the window says how far it got, and Cancel
    // stops it. The count on the button is what it expects to read.
    auto progress = progressDialog(this, label, m_model->tableRowCount(), m_progressDelayMs);
    const auto snapshot = m_model->matchingSnapshot(
            m_chunkSize, [&progress](qint64 read) { return advance(*progress, read); }, keep);
    progress.reset();
    if (!snapshot) {
        if (snapshot.error().code != DbError::Code::Cancelled)
            QMessageBox::warning(this, tr("Select all"), snapshot.error().message);
        return nullptr;
    }
    return *snapshot;
}

bool ActionBar::selectAllMatching()
{
    if (!m_model)
        return false;
    // The versions are taken now: an action later still skips rows changed in between.
    m_matching = readSnapshot(tr("Reading the keys and versions of the matching rows…"));
    if (!m_matching)
        return false;
    m_allMatching = true;
    m_staleWhenSelected = m_model->staleKeys();
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
    m_matching.reset();
    updateLabels();
}

QString ActionBar::countText() const
{
    return countTexts().constFirst();
}

QStringList ActionBar::countTexts() const
{
    if (m_allMatching) {
        const int rows = m_matching ? int(m_matching->count()) : 0;
        return {tr("All %Ln matching rows selected.", nullptr, rows), tr("All %Ln selected.", nullptr, rows),
                tr("All %Ln", nullptr, rows)};
    }
    if (const int checked = checkedCount(); checked > 0)
        return {rowsText(checked) + tr(" checked."), tr("%Ln checked", nullptr, checked)};
    if (const int selected = m_selection ? int(m_selection->selectedRows().size()) : 0; selected > 0)
        return {rowsText(selected) + tr(" selected."), tr("%Ln selected", nullptr, selected)};
    return {tr("No rows checked.")};
}

void ActionBar::updateLabels()
{
    const QLocale locale;
    m_count->setTexts(countTexts());
    if (m_allMatching) {
        m_selectAll->setText(tr("Clear selection"));
        m_selectAll->setVisible(true);
        return;
    }
    const int checked = checkedCount();
    const int selected = checked > 0 ? checked : (m_selection ? int(m_selection->selectedRows().size()) : 0);
    int matching = -1;
    if (m_model && selected > 0) {
        // The model's count, read with its rows: a COUNT(*) on every selection change would
        // hold the window for a second on ten million rows.
        if (const int counted = m_model->tableRowCount(); counted >= 0)
            matching = counted;
        else if (const auto count = m_model->matchingCount())
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
    if (!m_allMatching && m_checked && m_checked->isAllChecked()) {
        // "Every row in the list" is read as Select all matching reads, a chunk a statement
        // into a snapshot, never a row at a time through the grid's pages: the list may hold
        // millions. Rows unchecked are left out; rows the grid holds keep their shown version.
        int stale = 0;
        const auto every = readSnapshot(tr("Reading the keys and versions of the checked rows…"), [this, &stale](RowRef &row) {
            if (!m_checked->keep(row))
                return false;
            stale += m_model->isKeyStale(row.pk) && m_model->rowForKey(row.pk) >= 0 ? 1 : 0;
            return true;
        });
        if (!every)
            return;
        m_matching = every;
        m_allMatching = true;
        m_everyStale = stale;
        // For this run only: afterwards the checks are what they were (or cleared by it).
        const auto restore = qScopeGuard([this] {
            m_everyStale.reset();
            clearAllMatching();
        });
        runChosen();
        return;
    }
    runChosen();
}

void ActionBar::runChosen()
{
    const qint64 total = selectionCount();
    if (total == 0) {
        QMessageBox::information(this, tr("Actions"), tr("Check the rows to act on first."));
        return;
    }
    const QList<RowRef> rows = shownSelection();
    const int chosen = m_actions->currentIndex();
    AdminAction action;
    if (chosen == DeleteAction) {
        if (!confirmDelete(rows, total))
            return;
        action = AdminAction::deleteRows();
    } else if (chosen == SetFieldAction) {
        const auto asked = askSetField();
        if (!asked)
            return;
        action = *asked;
    } else {
        action = m_custom.value(chosen - FirstCustomAction);
        if (!confirmCustom(action, rows, total))
            return;
    }
    if (m_allMatching)
        runOnMatching(action);
    else
        run(action, rows);
}

SubmitResult ActionBar::run(const AdminAction &action, const QList<RowRef> &rows)
{
    return execute(action, rows, skipChanged());
}

SubmitResult ActionBar::execute(const AdminAction &action, const QList<RowRef> &rows, bool skip)
{
    SubmitResult result;
    if (!m_model)
        return result;
    ActionRunner runner(m_model->session());
    runner.setLockTimeout(m_model->lockTimeout());
    ActionOptions options;
    options.changeLog = m_model->isChangeLogEnabled();
    options.skipChanged = skip;
    result = runner.run(m_model->tableName(), rows, action, options);
    return finish(result, action, rows);
}

SubmitResult ActionBar::runOnMatching(const AdminAction &action)
{
    if (!m_model || !m_allMatching || !m_matching)
        return {};
    return runOnSnapshot(action, m_matching, skipChanged());
}

SubmitResult ActionBar::runOnSnapshot(const AdminAction &action, const std::shared_ptr<RowSnapshot> &snapshot, bool skip)
{
    if (!m_model || !snapshot)
        return {};
    ActionRunner runner(m_model->session());
    runner.setLockTimeout(m_model->lockTimeout());
    ActionOptions options;
    options.changeLog = m_model->isChangeLogEnabled();
    options.skipChanged = skip;
    // Millions of saved rows are counted, not listed: the report lists the rows not done.
    // A selection that fits in one chunk is listed whole, as a checked one is.
    options.listSavedRows = snapshot->count() <= snapshot->chunkSize();
    auto progress = progressDialog(this, tr("Running \"%1\" on %2…").arg(action.label(), rowsText(int(snapshot->count()))),
                                   snapshot->count(), m_progressDelayMs);
    options.progress = [&progress](qint64 done, qint64) { return advance(*progress, done); };
    const SubmitResult result = runner.run(m_model->tableName(), *snapshot, action, options);
    progress.reset();
    QList<RowRef> rows;
    for (const RowOutcome &outcome : result.rows)
        rows.append(RowRef{outcome.pk, outcome.version});
    // A retry works on the rows listed when the others were done (or are listed too); after
    // a refusal, on the whole snapshot again.
    const bool listedEnough = result.committed || result.unlistedCount == 0;
    return finish(result, action, rows, listedEnough ? nullptr : snapshot);
}

SubmitResult ActionBar::finish(SubmitResult result, const AdminAction &action, const QList<RowRef> &rows,
                               const std::shared_ptr<RowSnapshot> &whole)
{
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
    // Cancelled, nothing was done: the selection stays, to run again.
    const bool cancelled = result.error.code == DbError::Code::Cancelled;
    if (!cancelled)
        clearAllMatching();
    // An action that ran leaves its rows at new versions (or gone): checks on them would
    // only conflict. One refused keeps them, so the person can refresh and run it again.
    if (result.committed && m_checked)
        m_checked->clear();
    emit actionFinished(result);
    if (m_showReports && !result.allSaved() && !cancelled)
        showReport(result, action, rows, shown, whole);
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

bool ActionBar::confirmDelete(const QList<RowRef> &rows, qint64 total)
{
    // Name the rows, as the Django admin's confirmation page does.
    QStringList names;
    for (const RowRef &ref : rows) {
        const int row = m_model->rowForKey(ref.pk);
        const bool changed = row >= 0 && m_model->isStale(row);
        if (names.size() < 20) {
            names.append(changed ? tr("%1 %2 (version %3, changed by someone else since)")
                                           .arg(m_model->tableName(), ref.pk.toString(), ref.version.toString())
                                 : tr("%1 %2 (version %3)").arg(m_model->tableName(), ref.pk.toString(), ref.version.toString()));
        } else if (names.size() == 20) {
            names.append(tr("… and %1 more").arg(total - 20));
        }
    }
    // Rows the watcher already marked stale would make the whole delete refuse: say so now.
    const int stale = staleCount(rows);
    QMessageBox box(QMessageBox::Warning, tr("Delete rows"), QString(), QMessageBox::Yes | QMessageBox::Cancel, this);
    const auto explain = [this, &box, total, stale](bool skip) {
        QString text = skip ? tr("Delete %1? Rows changed by someone else since you saw them are skipped; the others are deleted.")
                                      .arg(rowsText(int(total)))
                            : tr("Delete %1? If any of them was changed by someone else since you saw it, nothing is deleted.")
                                      .arg(rowsText(int(total)));
        if (stale > 0) {
            text += QLatin1Char(' ')
                    + (skip ? tr("%n of them were changed since shown and will be skipped.", nullptr, stale)
                            : tr("%n of them already were: refresh (F5) first, or the delete will be refused.", nullptr, stale));
        }
        box.setText(text);
        box.setIcon(stale > 0 && !skip ? QMessageBox::Critical : QMessageBox::Warning);
    };
    QCheckBox *skip = skipBoxFor(&box);
    box.setCheckBox(skip);
    connect(skip, &QCheckBox::toggled, &box, explain);
    explain(skip->isChecked());
    box.setDetailedText(names.join(QLatin1Char('\n')));
    box.setInformativeText(names.mid(0, 5).join(QLatin1Char('\n')) + (names.size() > 5 ? QStringLiteral("\n…") : QString()));
    box.setDefaultButton(QMessageBox::Cancel);
    return box.exec() == QMessageBox::Yes;
}

bool ActionBar::confirmCustom(const AdminAction &action, const QList<RowRef> &rows, qint64 total)
{
    QMessageBox box(QMessageBox::Question, action.label(),
                    tr("Run \"%1\" on %2?").arg(action.label(), rowsText(int(total))),
                    QMessageBox::Yes | QMessageBox::No, this);
    if (const int stale = staleCount(rows); stale > 0)
        box.setInformativeText(tr("%n of them were changed since shown: refresh (F5) first, skip them, or the action will be refused.",
                                  nullptr, stale));
    box.setCheckBox(skipBoxFor(&box));
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
    dialog.setWindowTitle(tr("Set a column on %1").arg(rowsText(int(selectionCount()))));
    auto *column = new QComboBox(&dialog);
    column->addItems(AdminAction::settableColumns(*schema, m_model->versionPolicy()));
    auto *value = new QLineEdit(&dialog);
    value->setPlaceholderText(tr("empty: NULL"));
    // Rows already marked stale would make the action refuse: said before, as for Delete.
    auto *stale = new QLabel(&dialog);
    stale->setObjectName(QStringLiteral("staleWarning"));
    stale->setWordWrap(true);
    const int staleRows = staleCount(shownSelection());
    stale->setVisible(staleRows > 0);
    QCheckBox *skip = skipBoxFor(&dialog);
    // The warning follows the skip choice, as the delete confirmation's does.
    const auto explain = [stale, staleRows](bool skipping) {
        stale->setText(skipping ? tr("%n of them were changed since shown and will be skipped.", nullptr, staleRows)
                                : tr("%n of them were changed since shown: refresh (F5) first, skip them, or the action "
                                     "will be refused.", nullptr, staleRows));
    };
    connect(skip, &QCheckBox::toggled, stale, explain);
    explain(skip->isChecked());
    auto *error = new QLabel(&dialog);
    error->setStyleSheet(QStringLiteral("color: #b00020"));
    error->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    auto *form = new QFormLayout(&dialog);
    form->addRow(tr("Column:"), column);
    form->addRow(tr("Value:"), value);
    form->addRow(stale);
    form->addRow(skip);
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

namespace {

/// A row a retried action may run on: still there, at the version found now; a changed
/// one also says what changed and whether it starts ticked.
struct RetryCandidate
{
    RowRef ref;
    bool changed = false;
    bool ticked = true;
    QString text;
    QString toolTip;
};

/// The question before a refused action runs again: which rows someone else changed
/// meanwhile, what they changed, and which of those the action should still touch.
class RetryConfirmation
{
public:
    RetryConfirmation(QWidget *parent, const AdminAction &action, QString table, QString versionColumn)
        : m_dialog(parent)
        , m_action(action)
        , m_table(std::move(table))
        , m_versionColumn(std::move(versionColumn))
        , m_deleting(action.name() == QLatin1String("delete"))
    {
    }

    /// Compares each selected row as shown with the row as it is now.
    void collect(const QList<RowRef> &rows, const QHash<QString, QVariantMap> &current,
                 const QHash<QString, QVariantMap> &shown);
    /// Asks about @p selected rows, of which @p others were not collected (they run as they
    /// are); the rows collected to run on, or nothing when cancelled.
    std::optional<QList<RowRef>> exec(qint64 selected, qint64 others = 0);

private:
    RetryCandidate candidate(const RowRef &ref, const QVariantMap &now, const QVariantMap *was) const;
    QString name(const QVariant &pk) const { return QStringLiteral("%1 %2").arg(m_table, pk.toString()); }
    static QString valueText(const QVariant &value);
    void build(qint64 selected);
    QListWidget *buildList();
    QList<RowRef> chosen() const;
    void update();

    QDialog m_dialog;
    const AdminAction &m_action;
    const QString m_table;
    const QString m_versionColumn;
    const bool m_deleting;
    QList<RetryCandidate> m_candidates;
    QStringList m_gone;
    int m_changed = 0;
    qint64 m_others = 0;
    QListWidget *m_list = nullptr;
    QLabel *m_summary = nullptr;
    QPushButton *m_run = nullptr;
};

QString RetryConfirmation::valueText(const QVariant &value)
{
    if (value.isNull())
        return QStringLiteral("NULL");
    const QString text = value.toString();
    return text.size() > 40 ? text.left(39) + QStringLiteral("…") : text;
}

void RetryConfirmation::collect(const QList<RowRef> &rows, const QHash<QString, QVariantMap> &current,
                                const QHash<QString, QVariantMap> &shown)
{
    for (const RowRef &ref : rows) {
        const QString key = VersionedWriter::keyText(ref.pk);
        const auto now = current.constFind(key);
        if (now == current.constEnd()) {
            m_gone.append(name(ref.pk));
            continue;
        }
        const auto was = shown.constFind(key);
        m_candidates.append(candidate(ref, *now, was == shown.constEnd() ? nullptr : &was.value()));
        m_changed += m_candidates.constLast().changed ? 1 : 0;
    }
}

RetryCandidate RetryConfirmation::candidate(const RowRef &ref, const QVariantMap &now, const QVariantMap *was) const
{
    const QVariantMap mine = m_action.values();
    RetryCandidate candidate;
    candidate.ref = RowRef{ref.pk, m_versionColumn.isEmpty() ? ref.version : now.value(m_versionColumn)};
    QStringList fields;
    QStringList mineOverTheirs;
    if (was) {
        for (auto it = now.cbegin(); it != now.cend(); ++it) {
            if (it.key() == m_versionColumn || JsonValue::sameValue(was->value(it.key()), it.value()))
                continue;
            fields.append(ActionBar::tr("%1: %2 → %3").arg(it.key(), valueText(was->value(it.key())), valueText(it.value())));
            if (mine.contains(it.key()) && !JsonValue::sameValue(mine.value(it.key()), it.value()))
                mineOverTheirs.append(ActionBar::tr("%1 to %2").arg(it.key(), valueText(mine.value(it.key()))));
        }
    }
    candidate.changed = m_versionColumn.isEmpty() ? !fields.isEmpty()
                                                  : !JsonValue::sameValue(now.value(m_versionColumn), ref.version);
    if (!candidate.changed)
        return candidate;
    // One line for the row, one per changed field: a single line ran off the dialog.
    QStringList lines{m_deleting ? ActionBar::tr("Delete %1 too, although someone else changed it:").arg(name(ref.pk))
                                 : ActionBar::tr("%1, changed by someone else:").arg(name(ref.pk))};
    if (fields.isEmpty())
        fields.append(ActionBar::tr("(the grid had not loaded it, so what changed is not known)"));
    for (const QString &field : std::as_const(fields))
        lines.append(QStringLiteral("    ") + field);
    if (!mineOverTheirs.isEmpty())
        lines.append(QStringLiteral("    ") + ActionBar::tr("You are setting %1: tick it to write yours over theirs.")
                                                      .arg(mineOverTheirs.join(QStringLiteral(", "))));
    candidate.text = lines.join(QLatin1Char('\n'));
    // A changed row is acted on only where nothing of theirs would be lost unasked: a
    // delete throws their change away, and setting a field they changed (or may have:
    // nothing known) writes mine over theirs. Those start unticked.
    candidate.ticked = !m_deleting && mineOverTheirs.isEmpty() && (was || mine.isEmpty());
    if (!m_versionColumn.isEmpty())
        candidate.toolTip = ActionBar::tr("You saw version %1; it is now version %2.")
                                    .arg(ref.version.toString(), now.value(m_versionColumn).toString());
    return candidate;
}

std::optional<QList<RowRef>> RetryConfirmation::exec(qint64 selected, qint64 others)
{
    m_others = std::max<qint64>(0, others);
    build(selected);
    update();
    const int listWidth = m_list->count() > 0 ? m_list->sizeHintForColumn(0) + 2 * m_list->frameWidth() + 32 : 0;
    m_dialog.resize(std::clamp(std::max(m_dialog.sizeHint().width(), listWidth), 640, 960), m_dialog.sizeHint().height());
    if (m_dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return chosen();
}

void RetryConfirmation::build(qint64 selected)
{
    m_dialog.setObjectName(QStringLiteral("retryConfirmation"));
    m_dialog.setWindowTitle(ActionBar::tr("Retry: %1").arg(m_action.label()));
    auto *layout = new QVBoxLayout(&m_dialog);
    auto *headline = new QLabel(&m_dialog);
    headline->setObjectName(QStringLiteral("retryHeadline"));
    headline->setWordWrap(true);
    if (m_changed == 0) {
        headline->setText(ActionBar::tr("None of the rows changed since you saw them."));
    } else {
        headline->setText(ActionBar::tr("Someone else changed %n of the %1 since you saw them:", nullptr, m_changed)
                                  .arg(rowsText(int(std::min<qint64>(selected, INT_MAX))))
                          + QLatin1Char(' ')
                          + (m_deleting ? ActionBar::tr("a changed row is deleted only if you tick it.")
                                        : ActionBar::tr("the action runs on a changed row only if it is ticked.")));
    }
    layout->addWidget(headline);
    layout->addWidget(buildList());

    if (!m_gone.isEmpty()) {
        auto *gone = new QLabel(&m_dialog);
        gone->setObjectName(QStringLiteral("goneRows"));
        gone->setWordWrap(true);
        QStringList names = m_gone.mid(0, 10);
        if (m_gone.size() > 10)
            names.append(ActionBar::tr("%1 more").arg(m_gone.size() - 10));
        gone->setText(ActionBar::tr("Deleted by someone else meanwhile, so left out: %1.").arg(names.join(QStringLiteral(", "))));
        layout->addWidget(gone);
    }

    m_summary = new QLabel(&m_dialog);
    m_summary->setObjectName(QStringLiteral("retrySummary"));
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);

    auto *buttons = new QDialogButtonBox(&m_dialog);
    m_run = buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_run->setObjectName(QStringLiteral("runButton"));
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    // Enter must not run an action on rows someone else just changed: Cancel is the default.
    m_run->setAutoDefault(false);
    cancel->setDefault(true);
    QObject::connect(m_run, &QPushButton::clicked, &m_dialog, &QDialog::accept);
    QObject::connect(cancel, &QPushButton::clicked, &m_dialog, &QDialog::reject);
    layout->addWidget(buttons);
    QObject::connect(m_list, &QListWidget::itemChanged, &m_dialog, [this] { update(); });
}

QListWidget *RetryConfirmation::buildList()
{
    m_list = new QListWidget(&m_dialog);
    m_list->setObjectName(QStringLiteral("changedRows"));
    for (int i = 0; i < m_candidates.size(); ++i) {
        const RetryCandidate &candidate = m_candidates.at(i);
        if (!candidate.changed)
            continue;
        auto *item = new QListWidgetItem(candidate.text, m_list);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        item->setCheckState(candidate.ticked ? Qt::Checked : Qt::Unchecked);
        item->setToolTip(candidate.toolTip);
        item->setData(Qt::UserRole, i);
    }
    m_list->setVisible(m_changed > 0);
    // Current for the keyboard (Space ticks it), not selected: a highlighted row looked chosen.
    if (m_list->count() > 0)
        m_list->setCurrentRow(0, QItemSelectionModel::NoUpdate);
    // As tall as its items, up to a point; then it scrolls.
    int height = 2 * m_list->frameWidth() + 4;
    for (int i = 0; i < m_list->count(); ++i)
        height += m_list->sizeHintForRow(i);
    m_list->setFixedHeight(std::min(height, 320));
    return m_list;
}

QList<RowRef> RetryConfirmation::chosen() const
{
    QSet<int> ticked;
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->checkState() == Qt::Checked)
            ticked.insert(m_list->item(i)->data(Qt::UserRole).toInt());
    }
    QList<RowRef> refs;
    for (int i = 0; i < m_candidates.size(); ++i) {
        if (!m_candidates.at(i).changed || ticked.contains(i))
            refs.append(m_candidates.at(i).ref);
    }
    return refs;
}

void RetryConfirmation::update()
{
    const QList<RowRef> refs = chosen();
    const int count = int(std::min<qint64>(refs.size() + m_others, INT_MAX));
    // A few rows are named, so the person sees which ones go; many are counted.
    QString which = rowsText(count);
    if (count > 0 && count <= 5 && m_others == 0) {
        QStringList names;
        for (const RowRef &ref : refs)
            names.append(name(ref.pk));
        which += QStringLiteral(" (%1)").arg(names.join(QStringLiteral(", ")));
    }
    m_run->setEnabled(count > 0);
    m_run->setText(count == 0 ? (m_deleting ? ActionBar::tr("&Delete") : ActionBar::tr("&Run"))
                              : (m_deleting ? ActionBar::tr("&Delete %1").arg(rowsText(count))
                                            : ActionBar::tr("&Run on %1").arg(rowsText(count))));
    m_summary->setText(count == 0 ? ActionBar::tr("Nothing left to run on.")
                                  : ActionBar::tr("%1 at the versions found now. If one of them changes again meanwhile, "
                                                  "nothing runs and you are asked again.")
                                            .arg(m_deleting ? ActionBar::tr("Deletes %1").arg(which)
                                                            : ActionBar::tr("Runs \"%1\" on %2").arg(m_action.label(), which)));
}

} // namespace

QString ActionBar::skippedSummary(const SubmitResult &result)
{
    QStringList done;
    QStringList skipped;
    for (const RowOutcome &row : result.rows) {
        if (row.status == RowOutcome::Status::Saved)
            done.append(OutcomeText::rowName(row.table, row.pk));
        else if (row.status == RowOutcome::Status::Conflict)
            skipped.append(OutcomeText::rowName(row.table, row.pk));
    }
    // Rows done on a large selection are counted, not listed (SubmitResult::unlistedCount).
    const int doneCount = result.savedCount();
    const auto listed = [](QStringList names, int total) {
        if (total > 10 || names.size() > 10) {
            names = names.mid(0, 10);
            names.append(tr("%n more", nullptr, total - int(names.size())));
        }
        return names.join(QStringLiteral(", "));
    };
    QStringList parts;
    if (doneCount > 0 && done.isEmpty())
        parts.append(tr("%n rows were done.", nullptr, doneCount));
    else if (doneCount > 0)
        parts.append(tr("%n rows were done: %1.", nullptr, doneCount).arg(listed(done, doneCount)));
    else
        parts.append(tr("No row was done."));
    parts.append(tr("%n rows skipped, changed or deleted by someone else since shown: %1.", nullptr, int(skipped.size()))
                         .arg(listed(skipped, int(skipped.size()))));
    return parts.join(QLatin1Char(' '));
}

std::optional<QList<RowRef>> ActionBar::confirmRetry(const AdminAction &action, const QList<RowRef> &rows,
                                                     const QHash<QString, QVariantMap> &shown, qint64 others)
{
    // Read again now: the report is as old as the refusal, and more may have changed since.
    ActionRunner runner(m_model->session());
    const auto current = runner.currentRows(m_model->tableName(), rows);
    if (!current) {
        QMessageBox::warning(this, tr("Retry"), current.error().message);
        return std::nullopt;
    }
    RetryConfirmation confirmation(this, action, m_model->tableName(), m_model->versionPolicy().column);
    confirmation.collect(rows, *current, shown);
    return confirmation.exec(rows.size() + others, others);
}

void ActionBar::retryWhole(const AdminAction &action, const std::shared_ptr<RowSnapshot> &whole, const QList<RowRef> &rows,
                           const QHash<QString, QVariantMap> &shown)
{
    const auto confirmed = confirmRetry(action, rows, shown, whole->count() - rows.size());
    if (!confirmed)
        return;
    // The rows the report named go at the versions confirmed, or not at all; the others
    // as they were selected: one changed since is refused again, and named again.
    QHash<QString, QVariant> chosen;
    for (const RowRef &ref : *confirmed)
        chosen.insert(VersionedWriter::keyText(ref.pk), ref.version);
    QSet<QString> named;
    for (const RowRef &ref : rows)
        named.insert(VersionedWriter::keyText(ref.pk));
    const auto again = RowSnapshot::rewrite(*whole, [&chosen, &named](RowRef &row) {
        const QString key = VersionedWriter::keyText(row.pk);
        if (!named.contains(key))
            return true;
        const auto version = chosen.constFind(key);
        if (version == chosen.constEnd())
            return false;
        row.version = *version;
        return true;
    });
    if (!again) {
        QMessageBox::warning(this, tr("Retry"), again.error().message);
        return;
    }
    if ((*again)->count() > 0)
        runOnSnapshot(action, *again, false);
}

void ActionBar::showReport(const SubmitResult &result, const AdminAction &action, const QList<RowRef> &rows,
                           const QHash<QString, QVariantMap> &shown, const std::shared_ptr<RowSnapshot> &whole)
{
    auto *dialog = new ConflictReportDialog(result, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // Committed with conflicts: the changed rows were skipped, the others done. Name both.
    if (result.committed && result.conflictCount() > 0)
        dialog->setSummaryText(skippedSummary(result));
    dialog->setWindowTitle(tr("Report: %1").arg(action.label()));
    // Retrying an action asks first: it never acts unasked on rows someone else changed.
    QPushButton *retry = dialog->retryButton();
    retry->setText(tr("&Retry…"));
    retry->setToolTip(tr("Check the rows again, see what changed since you saw them, and choose whether "
                         "\"%1\" runs at their current versions.").arg(action.label()));
    retry->setEnabled(result.conflictCount() > 0 || result.busyCount() > 0);
    connect(dialog, &ConflictReportDialog::retryRequested, this, [this, dialog, action = action, rows = rows, shown = shown, whole = whole]() mutable {
        // Copied out first: closing deletes the dialog, and with it this functor and its
        // captures, once the confirmation's event loop runs.
        const AdminAction runAction = std::move(action);
        const QList<RowRef> runRows = std::move(rows);
        const QHash<QString, QVariantMap> runShown = std::move(shown);
        const std::shared_ptr<RowSnapshot> runWhole = std::move(whole);
        dialog->close();
        if (runWhole) {
            retryWhole(runAction, runWhole, runRows, runShown);
            return;
        }
        const auto confirmed = confirmRetry(runAction, runRows, runShown);
        if (confirmed && !confirmed->isEmpty())
            // The rows were just chosen one by one: one changed again is asked about again,
            // as the confirmation says, not skipped.
            execute(runAction, *confirmed, false);
    });
    // Not modal: the grid stays usable while the report is read.
    dialog->show();
}

} // namespace Concord
