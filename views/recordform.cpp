#include "recordform.h"

#include "jsonvalue.h"
#include "mergedialog.h"
#include "versionedtablemodel.h"
#include "versionpolicy.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QScrollArea>
#include <QSpinBox>
#include <QSqlField>
#include <QSqlRecord>
#include <QTimeEdit>
#include <QVBoxLayout>

#include <limits>

namespace Concord {

namespace {

enum class EditorKind { Int, BigInt, Real, Bool, Date, DateTime, Time, Blob, Text };

EditorKind kindOf(const QMetaType &type)
{
    switch (type.id()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::Short:
    case QMetaType::UShort:
    case QMetaType::Char:
    case QMetaType::SChar:
    case QMetaType::UChar:
        return EditorKind::Int;
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
        return EditorKind::BigInt;
    case QMetaType::Double:
    case QMetaType::Float:
        return EditorKind::Real;
    case QMetaType::Bool:
        return EditorKind::Bool;
    case QMetaType::QDate:
        return EditorKind::Date;
    case QMetaType::QDateTime:
        return EditorKind::DateTime;
    case QMetaType::QTime:
        return EditorKind::Time;
    case QMetaType::QByteArray:
        return EditorKind::Blob;
    default:
        return EditorKind::Text;
    }
}

QColor tinted(const QColor &base, const QColor &tint, qreal amount)
{
    return QColor::fromRgbF(float(base.redF() * (1 - amount) + tint.redF() * amount),
                            float(base.greenF() * (1 - amount) + tint.greenF() * amount),
                            float(base.blueF() * (1 - amount) + tint.blueF() * amount));
}

// Databases hand dates back as text (SQLite) or as dates; the editors need dates.
QDateTime toDateTime(const QVariant &value)
{
    if (value.typeId() == QMetaType::QDateTime)
        return value.toDateTime();
    QString text = value.toString().trimmed();
    text.replace(QLatin1Char(' '), QLatin1Char('T'));
    return QDateTime::fromString(text, Qt::ISODateWithMs);
}

} // namespace

RecordForm::RecordForm(VersionedTableModel *model, int row, QWidget *parent)
    : QDialog(parent)
    , m_model(model)
    , m_newRow(row < 0)
{
    if (!m_newRow)
        m_key = model->keyAt(row);
    if (const auto schema = TableSchema::load(model->database(), model->tableName()))
        m_schema = *schema;
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

int RecordForm::row() const
{
    if (m_newRow)
        return m_insertRow >= 0 && m_insertRow < m_model->rowCount() ? m_insertRow : -1;
    return m_model->rowForKey(m_key);
}

QWidget *RecordForm::editor(int column) const
{
    for (const Field &field : m_fields) {
        if (field.column == column)
            return field.editor;
    }
    return nullptr;
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
    const int versionColumn = m_model->versionColumn();
    for (int c = 0; c < record.count(); ++c) {
        Field field;
        field.column = c;
        field.name = record.fieldName(c);
        field.type = m_schema.hasColumn(field.name) ? m_schema.columnType(field.name) : record.field(c).metaType();
        // The key of a saved row and the version are Concord's to set, never the person's.
        field.readOnly = c == versionColumn || (c == pkColumn && !m_newRow);
        QWidget *editor = makeEditor(field);
        editor->setParent(page);
        field.editor = editor;

        const QSqlField sqlField = m_schema.hasColumn(field.name) ? m_schema.record().field(field.name) : record.field(c);
        const bool nullable = sqlField.requiredStatus() != QSqlField::Required || (m_newRow && c == pkColumn);
        auto *line = new QHBoxLayout;
        line->addWidget(editor, 1);
        if (!field.readOnly && nullable) {
            field.null = new QCheckBox(tr("NULL"), page);
            field.null->setObjectName(QStringLiteral("null_") + field.name);
            field.null->setToolTip(tr("No value: store NULL in %1.").arg(field.name));
            connect(field.null, &QCheckBox::toggled, editor, [editor](bool isNull) { editor->setEnabled(!isNull); });
            line->addWidget(field.null);
        }
        const QString label = c == pkColumn ? tr("%1 (key)").arg(field.name) : field.name;
        form->addRow(label + QLatin1Char(':'), line);
        m_fields.append(field);
    }
    scroll->setWidget(page);
    layout->addWidget(scroll, 1);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

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
    layout->addWidget(buttons);
    resize(520, std::min(720, sizeHint().height()));
}

QWidget *RecordForm::makeEditor(Field &field)
{
    QWidget *editor = nullptr;
    switch (kindOf(field.type)) {
    case EditorKind::Int: {
        auto *spin = new QSpinBox;
        const bool isChar = field.type.id() == QMetaType::Char || field.type.id() == QMetaType::SChar
                || field.type.id() == QMetaType::UChar;
        spin->setRange(isChar ? -128 : std::numeric_limits<int>::min(), isChar ? 255 : std::numeric_limits<int>::max());
        spin->setReadOnly(field.readOnly);
        editor = spin;
        break;
    }
    case EditorKind::BigInt: {
        // A spin box stops at 32 bits; 64-bit keys and versions need every digit.
        auto *line = new QLineEdit;
        line->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("-?\\d{0,19}")), line));
        line->setReadOnly(field.readOnly);
        editor = line;
        break;
    }
    case EditorKind::Real: {
        // A validated line edit keeps every digit the database holds, unlike a spin box's fixed decimals.
        auto *line = new QLineEdit;
        line->setValidator(new QRegularExpressionValidator(
                QRegularExpression(QStringLiteral("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?")), line));
        line->setReadOnly(field.readOnly);
        editor = line;
        break;
    }
    case EditorKind::Bool: {
        auto *box = new QCheckBox;
        box->setEnabled(!field.readOnly);
        editor = box;
        break;
    }
    case EditorKind::Date: {
        auto *date = new QDateEdit;
        date->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        date->setCalendarPopup(true);
        date->setReadOnly(field.readOnly);
        editor = date;
        break;
    }
    case EditorKind::DateTime: {
        auto *when = new QDateTimeEdit;
        when->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        when->setCalendarPopup(true);
        when->setReadOnly(field.readOnly);
        editor = when;
        break;
    }
    case EditorKind::Time: {
        auto *time = new QTimeEdit;
        time->setDisplayFormat(QStringLiteral("HH:mm:ss"));
        time->setReadOnly(field.readOnly);
        editor = time;
        break;
    }
    case EditorKind::Blob: {
        auto *line = new QLineEdit;
        line->setReadOnly(true);
        field.readOnly = true;
        editor = line;
        break;
    }
    case EditorKind::Text: {
        auto *line = new QLineEdit;
        line->setReadOnly(field.readOnly);
        editor = line;
        break;
    }
    }
    editor->setObjectName(QStringLiteral("editor_") + field.name);
    if (field.readOnly)
        editor->setToolTip(tr("Set by the database; not editable here."));
    return editor;
}

void RecordForm::setEditorValue(const Field &field, const QVariant &value)
{
    if (field.null)
        field.null->setChecked(value.isNull());
    if (auto *spin = qobject_cast<QSpinBox *>(field.editor)) {
        spin->setValue(value.toInt());
    } else if (auto *box = qobject_cast<QCheckBox *>(field.editor)) {
        box->setChecked(value.toBool());
    } else if (auto *when = qobject_cast<QDateTimeEdit *>(field.editor)) {
        // QDateEdit and QTimeEdit are QDateTimeEdits too.
        if (kindOf(field.type) == EditorKind::Date)
            when->setDate(value.isNull() ? QDate::currentDate() : QDate::fromString(value.toString().left(10), Qt::ISODate));
        else if (kindOf(field.type) == EditorKind::Time)
            when->setTime(value.isNull() ? QTime(0, 0) : QTime::fromString(value.toString(), Qt::ISODate));
        else
            when->setDateTime(value.isNull() ? QDateTime::currentDateTime() : toDateTime(value));
    } else if (auto *line = qobject_cast<QLineEdit *>(field.editor)) {
        if (kindOf(field.type) == EditorKind::Blob)
            line->setText(value.isNull() ? QString() : tr("%n byte(s)", nullptr, int(value.toByteArray().size())));
        else
            line->setText(value.isNull() ? QString() : value.toString());
    }
    if (field.null)
        field.editor->setEnabled(!value.isNull());
}

QVariant RecordForm::editorValue(int column) const
{
    const Field *field = nullptr;
    for (const Field &candidate : m_fields) {
        if (candidate.column == column)
            field = &candidate;
    }
    if (!field)
        return QVariant();
    if (field->null && field->null->isChecked())
        return QVariant(field->type.isValid() ? field->type : QMetaType(QMetaType::QString));
    const EditorKind kind = kindOf(field->type);
    if ((kind == EditorKind::BigInt || kind == EditorKind::Real)
        && qobject_cast<QLineEdit *>(field->editor)->text().trimmed().isEmpty()) {
        // An empty number is no number: NULL (which a NOT NULL column refuses when saved).
        return QVariant(field->type);
    }
    switch (kind) {
    case EditorKind::Int:
        return qobject_cast<QSpinBox *>(field->editor)->value();
    case EditorKind::BigInt: {
        bool ok = false;
        const qlonglong number = qobject_cast<QLineEdit *>(field->editor)->text().toLongLong(&ok);
        return ok ? QVariant(number) : QVariant();
    }
    case EditorKind::Real: {
        bool ok = false;
        const double number = qobject_cast<QLineEdit *>(field->editor)->text().toDouble(&ok);
        return ok ? QVariant(number) : QVariant();
    }
    case EditorKind::Bool:
        return qobject_cast<QCheckBox *>(field->editor)->isChecked();
    case EditorKind::Date:
        return qobject_cast<QDateTimeEdit *>(field->editor)->date();
    case EditorKind::DateTime:
        return qobject_cast<QDateTimeEdit *>(field->editor)->dateTime();
    case EditorKind::Time:
        return qobject_cast<QDateTimeEdit *>(field->editor)->time();
    case EditorKind::Blob:
        return m_model->index(row(), column).data(Qt::EditRole);
    case EditorKind::Text:
        return qobject_cast<QLineEdit *>(field->editor)->text();
    }
    return QVariant();
}

void RecordForm::load()
{
    const int shown = row();
    for (Field &field : m_fields) {
        const QVariant value = shown >= 0 ? m_model->index(shown, field.column).data(Qt::EditRole) : QVariant();
        setEditorValue(field, value);
        // A new row's editors start open to typing; the ones left untouched are left out of
        // the insert, so the database's defaults apply. Only the key starts as NULL (assigned).
        if (shown < 0 && field.null && field.column != m_model->primaryKeyColumn()) {
            field.null->setChecked(false);
            field.editor->setEnabled(true);
        }
    }
    // The form remembers what each editor showed, so only editors the person changed
    // are written back (a date shown from text must not count as an edit).
    for (Field &field : m_fields)
        field.editor->setProperty("concordLoaded", editorValue(field.column));
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
            text = tr("Changed by someone else (now version %1; you loaded %2). Your edit is kept: "
                      "save again to merge it with theirs.")
                           .arg(conflict.currentVersion.toString(), conflict.expectedVersion.toString());
            tint = QColor(240, 170, 0);
            break;
        }
        case VersionedTableModel::RowState::Gone:
            text = tr("Deleted by someone else. Save to re-create it with your values, or close to leave it deleted.");
            tint = QColor(140, 140, 140);
            break;
        case VersionedTableModel::RowState::Error:
            text = tr("The database refused this row: %1").arg(index.data(VersionedTableModel::ErrorRole).toString());
            tint = QColor(220, 40, 40);
            break;
        case VersionedTableModel::RowState::Busy:
            text = tr("Not saved: someone else was saving this row at the same moment. Your edit is kept: save again.");
            tint = QColor(0, 150, 150);
            break;
        default:
            if (index.data(VersionedTableModel::StaleRole).toBool()) {
                text = tr("Someone else saved this row since it was loaded. Saving will show what they changed.");
                tint = QColor(240, 170, 0);
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
        banner.setColor(QPalette::Window, tinted(palette().color(QPalette::Base), tint, 0.3));
        m_banner->setPalette(banner);
    }
}

void RecordForm::showResult(const QString &text, bool problem)
{
    m_status->setText(text);
    QPalette status = palette();
    if (problem)
        status.setColor(QPalette::WindowText, tinted(palette().color(QPalette::WindowText), QColor(200, 0, 0), 0.7));
    m_status->setPalette(status);
}

bool RecordForm::writeIntoModel(int shown)
{
    for (const Field &field : std::as_const(m_fields)) {
        const bool editable = !field.readOnly || (m_newRow && field.column == m_model->primaryKeyColumn());
        if (!editable)
            continue;
        const QVariant value = editorValue(field.column);
        if (!value.isValid()) {
            showResult(tr("“%1” is not a valid value for %2.")
                               .arg(qobject_cast<QLineEdit *>(field.editor)
                                            ? qobject_cast<QLineEdit *>(field.editor)->text() : QString(),
                                    field.name),
                       true);
            field.editor->setFocus();
            return false;
        }
        const QVariant loaded = field.editor->property("concordLoaded");
        if (JsonValue::sameValue(loaded, value))
            continue;
        // A new row leaves NULL columns out, so the database's defaults and keys apply.
        if (m_newRow && value.isNull())
            continue;
        if (!m_model->setData(m_model->index(shown, field.column), value)) {
            showResult(tr("%1 cannot be edited.").arg(field.name), true);
            return false;
        }
    }
    return true;
}

bool RecordForm::save()
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
    if (!writeIntoModel(shown))
        return false;
    if (!m_model->isRowDirty(shown)) {
        showResult(tr("Nothing to save: no field was changed."), false);
        return false;
    }
    return submitRow(false);
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
            showResult(result.summary(), true);
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
    if (!dialog.applyTo(m_model, shown)) {
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
        m_insertRow = m_model->rowCount() - 1;
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
