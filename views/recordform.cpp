#include "recordform.h"

#include "mergedialog.h"
#include "lookupdialog.h"
#include "outcometext.h"
#include "referenceeditor.h"
#include "relatedrowspanel.h"
#include "rowstatepalette.h"
#include "valueeditor.h"
#include "valueformat.h"
#include "versionedtablemodel.h"
#include "versionpolicy.h"

#include <QAbstractSpinBox>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSqlRecord>
#include <QToolButton>
#include <QVBoxLayout>

namespace Concord {

RecordForm::RecordForm(VersionedTableModel *model, int row, QWidget *parent)
    : QDialog(parent)
    , m_model(model)
    , m_newRow(row < 0)
{
    if (!m_newRow)
        m_key = model->keyAt(row);
    build();
    load();

    // The banner follows the row while the form is open: a watcher may mark it stale.
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &from, const QModelIndex &to) {
        const int shown = this->row();
        if (shown >= from.row() && shown <= to.row())
            updateBanner();
    });
    connect(m_model, &VersionedTableModel::rowsStale, this, &RecordForm::updateBanner);
}

RecordForm::~RecordForm()
{
    // ~QDialog hides the window, which takes the focus out of a field and would
    // report an edit to a form that is already half destroyed.
    for (const Field &field : std::as_const(m_fields)) {
        if (field.editor)
            field.editor->disconnect(this);
    }
}

int RecordForm::row() const
{
    if (m_newRow)
        return m_insertRow >= 0 && m_insertRow < m_model->rowCount() ? m_insertRow : -1;
    // The grid may have dropped the row's page since (scrolled far away): read it again.
    return m_model->findRow(m_key).value_or(-1);
}

QWidget *RecordForm::editor(int column) const
{
    for (const Field &field : m_fields) {
        if (field.column == column)
            return field.editor;
    }
    return nullptr;
}

RecordForm::Field RecordForm::makeField(int c, QWidget *page)
{
    const int versionColumn = m_model->versionColumn();
    Field field;
    field.column = c;
    field.name = m_model->record().fieldName(c);
    field.info = m_model->columnInfo(c);
    field.readOnly = isReadOnly(field);
    field.line = new QHBoxLayout;
    // NULL and "default" stand where the editor would be; a click on them starts typing.
    field.placeholder = new QToolButton(page);
    field.placeholder->setObjectName(QStringLiteral("placeholder_") + field.name);
    field.placeholder->setAutoRaise(true);
    field.placeholder->setFont(ValueFormat::placeholderFont(field.placeholder->font()));
    QPalette grey = field.placeholder->palette();
    grey.setColor(QPalette::ButtonText, ValueFormat::placeholderColor(grey));
    field.placeholder->setPalette(grey);
    field.placeholder->setToolTip(tr("Click to enter a value."));
    field.line->addWidget(field.placeholder, 1, Qt::AlignLeft);
    if (m_newRow && c != versionColumn && (field.info.hasDefault || field.info.generated)) {
        field.useDefault = new QCheckBox(tr("default"), page);
        field.useDefault->setObjectName(QStringLiteral("default_") + field.name);
        field.useDefault->setToolTip(field.info.defaultSql.isEmpty()
                                             ? tr("Leave %1 to the database.").arg(field.name)
                                             : tr("Leave %1 to the database: %2.").arg(field.name, field.info.defaultSql));
        field.line->addWidget(field.useDefault);
    }
    if (!field.readOnly && field.info.nullable) {
        field.null = new QCheckBox(tr("NULL"), page);
        field.null->setObjectName(QStringLiteral("null_") + field.name);
        field.null->setToolTip(tr("No value: store NULL in %1.").arg(field.name));
        field.line->addWidget(field.null);
    }
    if (!field.info.referencedTable.isEmpty() && !field.info.referencedColumn.isEmpty())
        addReferenceButtons(field, page);
    return field;
}

QDialogButtonBox *RecordForm::buildButtons()
{
    auto *buttons = new QDialogButtonBox(this);
    m_save = buttons->addButton(tr("&Save"), QDialogButtonBox::AcceptRole);
    m_save->setObjectName(QStringLiteral("saveButton"));
    m_save->setShortcut(QKeySequence::Save);
    m_save->setToolTip(tr("Save this row (%1); other rows' edits stay pending.")
                               .arg(QKeySequence(QKeySequence::Save).toString(QKeySequence::NativeText)));
    connect(m_save, &QPushButton::clicked, this, &RecordForm::save);
    m_delete = buttons->addButton(tr("&Delete…"), QDialogButtonBox::DestructiveRole);
    m_delete->setObjectName(QStringLiteral("deleteButton"));
    connect(m_delete, &QPushButton::clicked, this, &RecordForm::deleteRow);
    m_revert = buttons->addButton(tr("Re&vert"), QDialogButtonBox::ResetRole);
    m_revert->setObjectName(QStringLiteral("revertButton"));
    connect(m_revert, &QPushButton::clicked, this, &RecordForm::revert);
    QPushButton *close = buttons->addButton(QDialogButtonBox::Close);
    close->setObjectName(QStringLiteral("closeButton"));
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    // Enter in a line edit must not close the form or save by surprise: Save is Ctrl+S.
    for (QAbstractButton *button : buttons->buttons()) {
        if (auto *push = qobject_cast<QPushButton *>(button))
            push->setAutoDefault(false);
    }
    return buttons;
}

void RecordForm::build()
{
    setObjectName(QStringLiteral("recordForm"));
    auto *layout = new QVBoxLayout(this);

    m_banner = new QLabel(this);
    m_banner->setObjectName(QStringLiteral("banner"));
    m_banner->setWordWrap(true);
    m_banner->setAutoFillBackground(true);
    m_banner->setContentsMargins(8, 6, 8, 6);
    m_banner->hide();
    layout->addWidget(m_banner);

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    // The form opens as tall as its fields (up to the cap in resize() below).
    scroll->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    auto *page = new QWidget(scroll);
    auto *form = new QFormLayout(page);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);

    const QSqlRecord record = m_model->record();
    const int pkColumn = m_model->primaryKeyColumn();
    for (int c = 0; c < record.count(); ++c) {
        Field field = makeField(c, page);
        const QString label = c == pkColumn ? tr("%1 (key)").arg(field.name) : field.name;
        form->addRow(label + QLatin1Char(':'), field.line);
        m_fields.append(field);
    }
    for (int i = 0; i < m_fields.size(); ++i) {
        const Field &field = m_fields.at(i);
        if (field.useDefault)
            connect(field.useDefault, &QCheckBox::toggled, this, [this, i] { updateField(m_fields[i]); });
        if (field.null)
            connect(field.null, &QCheckBox::toggled, this, [this, i] { updateField(m_fields[i]); });
        connect(field.placeholder, &QToolButton::clicked, this, [this, i] {
            Field &clicked = m_fields[i];
            if (clicked.useDefault && clicked.useDefault->isChecked())
                clicked.useDefault->setChecked(false);
            else if (clicked.null)
                clicked.null->setChecked(false);
            if (clicked.editor->isVisible())
                clicked.editor->setFocus(Qt::MouseFocusReason);
        });
    }
    scroll->setWidget(page);
    layout->addWidget(scroll, 1);
    if (!m_newRow) {
        m_related = new RelatedRowsPanel(m_model, m_model->rowForKey(m_key), this);
        layout->addWidget(m_related);
    }

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    layout->addWidget(buildButtons());
    resize(520, std::min(720, sizeHint().height()));
}

void RecordForm::addReferenceButtons(Field &field, QWidget *page)
{
    const ColumnInfo info = field.info;
    const QString name = field.name;
    auto *lookup = new QToolButton(page);
    lookup->setObjectName(QStringLiteral("lookup_") + name);
    lookup->setText(tr("Look up…"));
    lookup->setToolTip(tr("Search the rows of %1 for the one %2 refers to.").arg(info.referencedTable, name));
    field.line->addWidget(lookup);
    auto *open = new QToolButton(page);
    open->setObjectName(QStringLiteral("open_") + name);
    open->setText(tr("Open"));
    open->setToolTip(tr("Open the row of %1 that %2 refers to.").arg(info.referencedTable, name));
    field.line->addWidget(open);
    connect(lookup, &QToolButton::clicked, this, [this, info, name] {
        auto *dialog = new LookupDialog(m_model->referenceLabels(), info, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QDialog::accepted, this, [this, dialog, name] {
            for (Field &field : m_fields) {
                auto *reference = qobject_cast<ReferenceEditor *>(field.editor);
                if (field.name != name || !reference || !dialog->selectedKey().isValid())
                    continue;
                if (field.null)
                    field.null->setChecked(false);
                reference->setKey(dialog->selectedKey());
            }
        });
        dialog->open();
    });
    connect(open, &QToolButton::clicked, this, [this, info, name] {
        for (const Field &field : std::as_const(m_fields)) {
            if (field.name != name)
                continue;
            const bool isNull = (field.null && field.null->isChecked()) || !field.editor->isVisible();
            const QVariant key = isNull ? QVariant() : ValueEditor::value(field.editor);
            if (!RelatedRowsPanel::openRecord(m_model->database(), info.referencedTable, info.referencedColumn, key, this))
                showResult(tr("There is no row in %1 to open.").arg(info.referencedTable), true);
        }
    });
}

void RecordForm::setEditor(Field &field, const QVariant &value)
{
    if (!field.readOnly && ValueEditor::suits(field.editor, field.info, value)) {
        ValueEditor::setValue(field.editor, field.info, value);
        return;
    }
    QWidget *editor = nullptr;
    if (!field.readOnly)
        editor = ValueEditor::create(*m_model, field.column, value, nullptr);
    if (editor) {
        ValueEditor::setValue(editor, field.info, value);
    } else if (auto *shown = qobject_cast<QLineEdit *>(field.editor); field.readOnly && shown && shown->isReadOnly()) {
        shown->setText(ValueFormat::editText(value, field.info));
        return;
    } else {
        auto *line = new QLineEdit;
        line->setReadOnly(true);
        line->setText(ValueFormat::editText(value, field.info));
        line->setToolTip(field.info.kind == ColumnInfo::Kind::Binary ? tr("Bytes are not edited here.")
                                                                     : tr("Set by the database; not editable here."));
        editor = line;
    }
    editor->setObjectName(QStringLiteral("editor_") + field.name);
    // The grid's editors go frameless over a cell; in a form they are fields.
    if (auto *line = qobject_cast<QLineEdit *>(editor))
        line->setFrame(true);
    else if (auto *spin = qobject_cast<QAbstractSpinBox *>(editor))
        spin->setFrame(true);
    if (field.editor) {
        // A new value may need another editor (a picker cannot hold microseconds).
        delete field.line->replaceWidget(field.editor, editor);
        delete field.editor;
    } else {
        field.line->insertWidget(0, editor, 1);
    }
    field.editor = editor;
    if (auto *line = qobject_cast<QLineEdit *>(editor))
        connect(line, &QLineEdit::editingFinished, this, [this, line] { checkEdited(line); });
}

bool RecordForm::isReadOnly(const Field &field) const
{
    // The key of a saved row and the version are Concord's to set, never the person's;
    // bytes are shown as their size and type and never rewritten.
    return field.column == m_model->versionColumn() || (field.column == m_model->primaryKeyColumn() && !m_newRow)
            || field.info.kind == ColumnInfo::Kind::Binary;
}

void RecordForm::updateField(Field &field)
{
    QString word;
    if (field.useDefault && field.useDefault->isChecked())
        word = ValueFormat::defaultText();
    else if (field.null && field.null->isChecked())
        word = ValueFormat::nullText();
    else if (field.readOnly && field.loadedNull)
        word = m_newRow && field.column == m_model->versionColumn() ? tr("set when saved") : ValueFormat::nullText();
    field.placeholder->setText(word);
    field.placeholder->setVisible(!word.isEmpty());
    field.editor->setVisible(word.isEmpty());
    field.editor->setEnabled(word.isEmpty());
    field.placeholder->setEnabled(!field.readOnly);
    if (field.null) {
        field.null->setVisible(!field.readOnly);
        field.null->setEnabled(!field.useDefault || !field.useDefault->isChecked());
    }
}

void RecordForm::checkEdited(QWidget *editor)
{
    for (const Field &field : std::as_const(m_fields)) {
        if (field.editor != editor || !ValueEditor::isChanged(editor))
            continue;
        // Said when the person leaves the field, not only at Save.
        const Result<QVariant> checked = ValueEditor::check(*m_model, field.column, ValueEditor::value(editor));
        if (!checked)
            showResult(checked.error().message, true);
        else if (m_status->text().contains(QLatin1Char('"') + field.name + QLatin1Char('"')))
            showResult(QString(), false);
    }
}

Result<QVariant> RecordForm::editorValue(int column) const
{
    for (const Field &field : m_fields) {
        if (field.column != column)
            continue;
        if ((field.useDefault && field.useDefault->isChecked()) || (field.null && field.null->isChecked()))
            return QVariant();
        if (field.readOnly)
            return row() >= 0 ? m_model->index(row(), column).data(Qt::EditRole) : QVariant();
        return m_model->checkValue(column, ValueEditor::value(field.editor));
    }
    return DbError::badInput(tr("No such column."));
}

void RecordForm::load()
{
    const int shown = row();
    for (Field &field : m_fields) {
        const QModelIndex index = m_model->index(shown, field.column);
        const QVariant value = shown >= 0 ? index.data(Qt::EditRole) : QVariant();
        // A new row's key becomes read-only once the row is saved.
        field.readOnly = isReadOnly(field);
        setEditor(field, value);
        field.loadedNull = value.isNull();
        if (field.useDefault) {
            field.useDefault->setChecked(shown < 0 || index.data(VersionedTableModel::DefaultRole).toBool());
            // Once saved, the row holds what the database filled in: nothing is left to it.
            field.useDefault->setVisible(m_newRow);
        }
        // A new row shows what it will store: NULL where nothing is typed, unless the
        // database fills the column in.
        if (field.null)
            field.null->setChecked(value.isNull() && !(field.useDefault && field.useDefault->isChecked()));
        updateField(field);
    }
    if (m_newRow) {
        setWindowTitle(tr("New row — %1").arg(m_model->tableName()));
    } else {
        setWindowTitle(tr("%1 %2").arg(m_model->tableName(), m_key.toString()));
    }
    m_delete->setEnabled(shown >= 0 || m_newRow);
    updateBanner();
}

void RecordForm::updateBanner()
{
    const int shown = row();
    QString text;
    QColor tint;
    if (shown >= 0) {
        const QModelIndex index = m_model->index(shown, 0);
        switch (m_model->rowState(shown)) {
        case VersionedTableModel::RowState::Conflict: {
            const Conflict conflict = index.data(VersionedTableModel::ConflictRole).value<Conflict>();
            text = OutcomeText::changed(conflict.currentVersion, conflict.expectedVersion) + QLatin1Char(' ')
                    + tr("Your edit is kept: save again to merge it with theirs.");
            tint = RowStatePalette::hue(VersionedTableModel::RowState::Conflict);
            break;
        }
        case VersionedTableModel::RowState::Gone:
            text = OutcomeText::deleted() + QLatin1Char(' ')
                    + tr("Save to re-create it with your values, or close to leave it deleted.");
            tint = RowStatePalette::hue(VersionedTableModel::RowState::Gone);
            break;
        case VersionedTableModel::RowState::Error:
            text = tr("The database refused this row: %1").arg(index.data(VersionedTableModel::ErrorRole).toString());
            tint = RowStatePalette::hue(VersionedTableModel::RowState::Error);
            break;
        case VersionedTableModel::RowState::Busy:
            text = OutcomeText::busyHeadline() + QLatin1Char(' ') + tr("Your edit is kept: save again.");
            tint = RowStatePalette::hue(VersionedTableModel::RowState::Busy);
            break;
        default:
            if (index.data(VersionedTableModel::StaleRole).toBool()) {
                text = OutcomeText::stale() + QLatin1Char(' ') + tr("Saving will show what they changed.");
                tint = RowStatePalette::hue(VersionedTableModel::RowState::Clean, true);
            }
            break;
        }
    }
    const bool appears = !text.isEmpty() && m_banner->isHidden();
    m_banner->setVisible(!text.isEmpty());
    m_banner->setText(text);
    if (appears) {
        // The banner must not squeeze the fields into a scroll: the form grows to fit it.
        layout()->activate();
        if (height() < sizeHint().height())
            resize(width(), std::min(760, sizeHint().height()));
    }
    if (tint.isValid()) {
        QPalette banner = palette();
        banner.setColor(QPalette::Window, RowStatePalette::tinted(palette().color(QPalette::Base), tint, 0.35));
        m_banner->setPalette(banner);
    }
}

void RecordForm::showResult(const QString &text, bool problem)
{
    m_status->setText(text);
    QPalette status = palette();
    if (problem)
        status.setColor(QPalette::WindowText, RowStatePalette::problemText(palette()));
    m_status->setPalette(status);
}

bool RecordForm::writeIntoModel(int shown)
{
    for (const Field &field : std::as_const(m_fields)) {
        if (field.readOnly || (field.useDefault && field.useDefault->isChecked()))
            continue;
        const bool isNull = field.null && field.null->isChecked();
        // A saved row writes only what the person changed. A new row stores what its form
        // shows; NULL is left out where the database stores it anyway (no default).
        const bool hasDefault = field.useDefault != nullptr;
        const bool changed = m_newRow ? !isNull || hasDefault
                                      : isNull != field.loadedNull || (!isNull && ValueEditor::isChanged(field.editor));
        if (!changed)
            continue;
        const Result<QVariant> checked = ValueEditor::check(*m_model, field.column,
                                                            isNull ? QVariant() : ValueEditor::value(field.editor));
        if (!checked) {
            showResult(checked.error().message, true);
            field.editor->setFocus();
            return false;
        }
        if (!m_model->setData(m_model->index(shown, field.column), *checked)) {
            showResult(tr("%1 cannot be edited.").arg(field.name), true);
            return false;
        }
    }
    return true;
}

bool RecordForm::save()
{
    // The form's new row and fields are one undo step in the grid (kept if the save conflicts).
    m_model->beginPendingStep(m_newRow ? tr("Add a row to %1").arg(m_model->tableName())
                                       : tr("Edit %1 %2").arg(m_model->tableName(), m_key.toString()));
    const bool written = writeRow();
    m_model->endPendingStep();
    if (!written)
        return false;
    if (!m_model->isRowDirty(row())) {
        showResult(tr("Nothing to save: no field was changed."), false);
        return false;
    }
    return submitRow(false);
}

bool RecordForm::writeRow()
{
    if (m_newRow && row() < 0) {
        const int last = m_model->rowCount();
        if (!m_model->insertRows(last, 1))
            return false;
        m_insertRow = m_model->rowCount() - 1;
    }
    const int shown = row();
    if (shown < 0) {
        showResult(tr("This row is no longer in the table."), true);
        return false;
    }
    return writeIntoModel(shown);
}

bool RecordForm::submitRow(bool deleting)
{
    for (;;) {
        const int shown = row();
        const SubmitResult result = m_model->submitRows({shown});
        if (result.allSaved() && !result.rows.isEmpty()) {
            const RowOutcome &outcome = result.rows.constFirst();
            if (m_newRow) {
                m_newRow = false;
                m_insertRow = -1;
                m_key = outcome.pk;
            }
            emit saved(m_key, deleting);
            if (deleting) {
                showResult(tr("Deleted."), false);
                accept();
                return true;
            }
            load();
            showResult(outcome.version.isValid() ? tr("Saved as version %1.").arg(outcome.version.toString())
                                                 : tr("Saved."),
                       false);
            return true;
        }
        const VersionedTableModel::RowState state = m_model->rowState(shown);
        if (state != VersionedTableModel::RowState::Conflict && state != VersionedTableModel::RowState::Gone) {
            updateBanner();
            showResult(OutcomeText::summary(result), true);
            return false;
        }
        if (!resolveConflict(shown, deleting))
            return false;
        // Resolved against their version: submit again, which conflicts again if someone
        // saved the row once more in the meantime.
    }
}

bool RecordForm::resolveConflict(int shown, bool deleting)
{
    const Conflict conflict = m_model->index(shown, 0).data(VersionedTableModel::ConflictRole).value<Conflict>();
    if (deleting) {
        if (conflict.kind == Conflict::Kind::Deleted) {
            // Someone else deleted it first: what the person wanted has happened.
            m_model->takeTheirs(shown);
            emit saved(m_key, true);
            showResult(tr("Someone else had already deleted this row."), false);
            accept();
            return false;
        }
        QMessageBox box(QMessageBox::Warning, tr("Row changed by someone else"),
                        tr("%1 %2 was changed by someone else since you loaded it (now version %3; you loaded %4). "
                           "They changed: %5.\n\nDelete it anyway?")
                                .arg(conflict.table, conflict.pk.toString(), conflict.currentVersion.toString(),
                                     conflict.expectedVersion.toString(),
                                     conflict.changedByThem().join(QStringLiteral(", "))),
                        QMessageBox::NoButton, this);
        box.setObjectName(QStringLiteral("deleteConflictBox"));
        QPushButton *anyway = box.addButton(tr("&Delete anyway"), QMessageBox::DestructiveRole);
        anyway->setObjectName(QStringLiteral("deleteAnywayButton"));
        QPushButton *keep = box.addButton(tr("&Keep their row"), QMessageBox::RejectRole);
        keep->setObjectName(QStringLiteral("keepTheirsButton"));
        box.setDefaultButton(keep);
        box.exec();
        if (box.clickedButton() == anyway)
            return m_model->resolveConflict(shown, conflict.theirs);
        m_model->takeTheirs(shown);
        load();
        showResult(tr("Not deleted; showing their version."), false);
        return false;
    }

    MergeDialog dialog(m_model, shown, this);
    dialog.exec();
    const MergeDialog::Resolution resolution = dialog.resolution();
    if (resolution == MergeDialog::Resolution::None) {
        updateBanner();
        showResult(tr("Not saved: the row was changed by someone else. Your edit is kept."), true);
        return false;
    }
    const Result<int> settled = dialog.applyTo(m_model, shown);
    if (!settled) {
        showResult(tr("The merge could not be applied."), true);
        return false;
    }
    switch (resolution) {
    case MergeDialog::Resolution::Merge:
    case MergeDialog::Resolution::KeepMine:
        return true;
    case MergeDialog::Resolution::Recreate:
        // The row comes back as a new insert, shown after the loaded rows.
        m_newRow = true;
        m_key = QVariant();
        m_insertRow = *settled;
        return true;
    case MergeDialog::Resolution::TakeTheirs:
        load();
        showResult(tr("Your edit was dropped; showing their version."), false);
        return false;
    case MergeDialog::Resolution::Discard:
        showResult(tr("Your edit was dropped; the row stays deleted."), false);
        reject();
        return false;
    case MergeDialog::Resolution::None:
        break;
    }
    return false;
}

bool RecordForm::deleteRow()
{
    const int shown = row();
    if (m_newRow) {
        if (shown >= 0)
            m_model->revertRows({shown});
        m_insertRow = -1;
        reject();
        return true;
    }
    if (shown < 0)
        return false;
    QMessageBox confirm(QMessageBox::Question, tr("Delete row"),
                        tr("Delete %1 %2? This cannot be undone.").arg(m_model->tableName(), m_key.toString()),
                        QMessageBox::Yes | QMessageBox::No, this);
    confirm.setObjectName(QStringLiteral("confirmDeleteBox"));
    confirm.setDefaultButton(QMessageBox::No);
    if (confirm.exec() != QMessageBox::Yes)
        return false;
    // Only this row's delete goes out: its other pending edits are moot once it is gone.
    if (!m_model->removeRows(shown, 1))
        return false;
    return submitRow(true);
}

void RecordForm::revert()
{
    const int shown = row();
    if (shown >= 0) {
        m_model->revertRows({shown});
        if (m_newRow)
            m_insertRow = -1;
    }
    load();
    showResult(tr("Reverted to the row as loaded."), false);
}

} // namespace Concord
