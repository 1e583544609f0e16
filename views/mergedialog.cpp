#include "mergedialog.h"

#include "rowstatepalette.h"
#include "valueformat.h"
#include "versionedtablemodel.h"
#include "versionpolicy.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSqlRecord>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Concord {

namespace {

enum ChoiceIndex { ChooseIndex, MineIndex, TheirsIndex, EditIndex };

// Field tints are mixed into the palette's base colour the way row states are, so text in
// the palette's text colour stays readable on them in light and dark themes alike.
constexpr auto tinted = &RowStatePalette::tinted;

QStringList columnsOf(const VersionedTableModel *model)
{
    QStringList columns;
    const QSqlRecord record = model->record();
    for (int c = 0; c < record.count(); ++c)
        columns.append(record.fieldName(c));
    return columns;
}

QHash<QString, ColumnInfo> columnInfosOf(const VersionedTableModel *model)
{
    QHash<QString, ColumnInfo> infos;
    const QSqlRecord record = model->record();
    for (int c = 0; c < record.count(); ++c)
        infos.insert(record.fieldName(c), model->columnInfo(c));
    return infos;
}

QStringList keyColumnsOf(const VersionedTableModel *model)
{
    QStringList keys;
    if (!model->primaryKeyName().isEmpty())
        keys.append(model->primaryKeyName());
    if (model->versionPolicy().isVersioned())
        keys.append(model->versionPolicy().column);
    return keys;
}

} // namespace

MergeDialog::MergeDialog(const Conflict &conflict, QWidget *parent)
    : MergeDialog(conflict, QStringList(), QStringList(), parent)
{
}

MergeDialog::MergeDialog(const Conflict &conflict, const QStringList &columns, const QStringList &keyColumns,
                         QWidget *parent)
    : QDialog(parent)
    , m_merge(conflict, columns, keyColumns)
{
    build();
}

MergeDialog::MergeDialog(const VersionedTableModel *model, int row, QWidget *parent)
    : QDialog(parent)
    , m_merge(model->index(row, 0).data(VersionedTableModel::ConflictRole).value<Conflict>(),
              columnsOf(model), keyColumnsOf(model))
    , m_model(model)
    , m_columns(columnInfosOf(model))
{
    build();
}

MergeDialog::~MergeDialog()
{
    // Hiding the dialog commits an open cell editor; by then the merge is gone.
    m_table->disconnect(this);
}

QColor MergeDialog::stateColor(RowMerge::FieldState state) const
{
    const QColor base = palette().color(QPalette::Base);
    switch (state) {
    case RowMerge::FieldState::MineOnly: return tinted(base, QColor(40, 170, 60), 0.28);
    case RowMerge::FieldState::TheirsOnly: return tinted(base, QColor(40, 110, 230), 0.25);
    case RowMerge::FieldState::BothSame: return tinted(base, QColor(150, 90, 200), 0.22);
    case RowMerge::FieldState::BothDifferent: return tinted(base, QColor(230, 70, 30), 0.32);
    case RowMerge::FieldState::Unchanged: break;
    }
    return QColor();
}

QColor MergeDialog::typedColor() const
{
    return tinted(palette().color(QPalette::Base), QColor(220, 170, 0), 0.30);
}

QString MergeDialog::displayText(const QString &field, const QVariant &value) const
{
    return ValueFormat::text(value, m_columns.value(field));
}

QTableWidgetItem *MergeDialog::valueItem(const QString &field, const QVariant &value) const
{
    auto *item = new QTableWidgetItem(displayText(field, value));
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    item->setToolTip(displayText(field, value));
    if (value.isNull()) {
        item->setFont(ValueFormat::placeholderFont(item->font()));
        item->setForeground(ValueFormat::placeholderColor(palette()));
    } else if (m_columns.value(field).kind == ColumnInfo::Kind::Boolean) {
        // A check box, as in the grid (shown, not clickable: the item is not user-checkable).
        if (const std::optional<bool> flag = ValueFormat::toBool(value)) {
            item->setData(Qt::CheckStateRole, *flag ? Qt::Checked : Qt::Unchecked);
            item->setText(QString());
        }
    }
    return item;
}

void MergeDialog::build()
{
    const Conflict &conflict = m_merge.conflict();
    setObjectName(QStringLiteral("mergeDialog"));
    setWindowTitle(m_merge.isDeleted() ? tr("Row deleted by someone else — %1 %2").arg(conflict.table, conflict.pk.toString())
                                       : tr("Merge changes — %1 %2").arg(conflict.table, conflict.pk.toString()));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildHeadline());
    layout->addWidget(buildTable(), 1);
    layout->addLayout(buildLegend());
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("mergeStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    layout->addWidget(buildButtons());
    updateState();
    resize(760, std::min(640, sizeHint().height()));
}

QLabel *MergeDialog::buildHeadline()
{
    const Conflict &conflict = m_merge.conflict();
    const bool deleted = m_merge.isDeleted();
    m_headline = new QLabel(this);
    m_headline->setObjectName(QStringLiteral("mergeHeadline"));
    m_headline->setWordWrap(true);
    if (deleted) {
        m_headline->setText(tr("<b>%1 %2 was deleted by someone else</b> after you loaded it (version %3). "
                               "Re-create it with your values, or discard your edit.")
                                    .arg(conflict.table.toHtmlEscaped(), conflict.pk.toString().toHtmlEscaped(),
                                         conflict.expectedVersion.toString().toHtmlEscaped()));
    } else {
        m_headline->setText(tr("<b>%1 %2 was changed by someone else</b> (now version %3; you loaded version %4). "
                               "Fields changed on one side only are merged for you; "
                               "choose a value for each field you both changed.")
                                    .arg(conflict.table.toHtmlEscaped(), conflict.pk.toString().toHtmlEscaped(),
                                         conflict.currentVersion.toString().toHtmlEscaped(),
                                         conflict.expectedVersion.toString().toHtmlEscaped()));
    }
    return m_headline;
}

QTableWidget *MergeDialog::buildTable()
{
    const bool deleted = m_merge.isDeleted();
    m_table = new QTableWidget(int(m_merge.fields().size()), 6, this);
    m_table->setObjectName(QStringLiteral("mergeTable"));
    m_table->setHorizontalHeaderLabels({tr("Field"), tr("Base (as loaded)"), tr("Mine"), tr("Theirs"),
                                        tr("Choice"), tr("Result")});
    m_table->verticalHeader()->hide();
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                             | QAbstractItemView::AnyKeyPressed);
    m_table->setWordWrap(false);
    if (deleted) {
        m_table->setColumnHidden(TheirsColumn, true);
        m_table->setColumnHidden(ChoiceColumn, true);
        m_table->setColumnHidden(ResultColumn, true);
    }

    m_filling = true;
    const QStringList fields = m_merge.fields();
    for (int row = 0; row < fields.size(); ++row)
        addFieldRow(row, fields.at(row));
    m_filling = false;
    connect(m_table, &QTableWidget::itemChanged, this, &MergeDialog::onItemChanged);

    // The value columns share the width evenly, so base, mine, theirs and result line up
    // for comparison; the field name and the choice take what they need.
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(FieldColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ChoiceColumn, QHeaderView::ResizeToContents);
    for (int c : {int(BaseColumn), int(MineColumn), int(TheirsColumn), int(ResultColumn)})
        header->setSectionResizeMode(c, QHeaderView::Stretch);
    // Tall enough for every line (up to the dialog's cap below), then it scrolls.
    m_table->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    return m_table;
}

void MergeDialog::addFieldRow(int row, const QString &field)
{
    m_rowOf.insert(field, row);
    const RowMerge::FieldState state = m_merge.state(field);
    const bool key = m_merge.isKeyColumn(field);

    auto *name = new QTableWidgetItem(field);
    name->setFlags(Qt::ItemIsEnabled);
    name->setToolTip(key ? tr("%1 identifies the row; it is not merged.").arg(field)
                         : RowMerge::stateName(state));
    if (key)
        name->setForeground(palette().color(QPalette::PlaceholderText));
    if (state == RowMerge::FieldState::BothDifferent) {
        QFont font = name->font();
        font.setBold(true);
        name->setFont(font);
    }
    m_table->setItem(row, FieldColumn, name);
    m_table->setItem(row, BaseColumn, valueItem(field, m_merge.baseValue(field)));

    QTableWidgetItem *mine = valueItem(field, m_merge.mineValue(field));
    QTableWidgetItem *theirs = valueItem(field, m_merge.theirValue(field));
    if (!key) {
        const QColor color = stateColor(state);
        if (state != RowMerge::FieldState::TheirsOnly && state != RowMerge::FieldState::Unchanged)
            mine->setBackground(color);
        if (state != RowMerge::FieldState::MineOnly && state != RowMerge::FieldState::Unchanged)
            theirs->setBackground(color);
    }
    m_table->setItem(row, MineColumn, mine);
    m_table->setItem(row, TheirsColumn, theirs);

    auto *choice = new QTableWidgetItem;
    choice->setFlags(Qt::ItemIsEnabled);
    m_table->setItem(row, ChoiceColumn, choice);
    if (state == RowMerge::FieldState::BothDifferent && !key) {
        auto *box = new QComboBox(m_table);
        box->setObjectName(QStringLiteral("choice_") + field);
        box->addItems({tr("Choose…"), tr("Mine"), tr("Theirs"), tr("Edit…")});
        box->setToolTip(tr("You and someone else both changed %1: pick the value to keep.").arg(field));
        connect(box, &QComboBox::activated, this, [this, field](int index) { onChoiceChanged(field, index); });
        m_table->setCellWidget(row, ChoiceColumn, box);
        m_choiceBoxes.insert(field, box);
    }

    auto *result = new QTableWidgetItem;
    result->setFlags(key ? Qt::ItemIsEnabled : Qt::ItemIsEnabled | Qt::ItemIsEditable | Qt::ItemIsSelectable);
    if (!key)
        result->setToolTip(tr("Double-click to type a value (NULL for no value)."));
    m_table->setItem(row, ResultColumn, result);
    fillResult(row);
}

QHBoxLayout *MergeDialog::buildLegend()
{
    // A legend, so the colours mean something without reading the manual.
    const bool deleted = m_merge.isDeleted();
    auto *legend = new QHBoxLayout;
    const QList<std::pair<RowMerge::FieldState, QString>> entries{
        {RowMerge::FieldState::MineOnly, tr("changed by you")},
        {RowMerge::FieldState::TheirsOnly, tr("changed by them")},
        {RowMerge::FieldState::BothSame, tr("both, same value")},
        {RowMerge::FieldState::BothDifferent, tr("both, different: choose")},
    };
    const auto addSwatch = [this, legend](const QString &text, const QColor &color) {
        auto *swatch = new QLabel(text, this);
        swatch->setAutoFillBackground(true);
        QPalette swatchPalette = swatch->palette();
        swatchPalette.setColor(QPalette::Window, color);
        swatch->setPalette(swatchPalette);
        swatch->setContentsMargins(6, 2, 6, 2);
        legend->addWidget(swatch);
    };
    for (const auto &entry : entries) {
        if (deleted && entry.first != RowMerge::FieldState::MineOnly)
            continue;
        addSwatch(entry.second, stateColor(entry.first));
    }
    if (!deleted)
        addSwatch(tr("typed here"), typedColor());
    legend->addStretch(1);
    return legend;
}

QDialogButtonBox *MergeDialog::buildButtons()
{
    const bool deleted = m_merge.isDeleted();
    auto *buttons = new QDialogButtonBox(this);
    if (deleted) {
        m_recreate = buttons->addButton(tr("&Re-create"), QDialogButtonBox::AcceptRole);
        m_recreate->setObjectName(QStringLiteral("recreateButton"));
        m_recreate->setToolTip(tr("Insert the row again with your values."));
        connect(m_recreate, &QPushButton::clicked, this, [this] { finish(Resolution::Recreate); });
        m_discard = buttons->addButton(tr("&Discard my edit"), QDialogButtonBox::DestructiveRole);
        m_discard->setObjectName(QStringLiteral("discardButton"));
        connect(m_discard, &QPushButton::clicked, this, [this] { finish(Resolution::Discard); });
    } else {
        m_saveMerge = buttons->addButton(tr("&Save merge"), QDialogButtonBox::AcceptRole);
        m_saveMerge->setObjectName(QStringLiteral("saveMergeButton"));
        m_saveMerge->setToolTip(tr("Save the Result column against their version; "
                                   "if someone changes the row again meanwhile, you are asked again."));
        connect(m_saveMerge, &QPushButton::clicked, this, [this] { finish(Resolution::Merge); });
        m_keepMine = buttons->addButton(tr("Keep &mine"), QDialogButtonBox::ActionRole);
        m_keepMine->setObjectName(QStringLiteral("keepMineButton"));
        m_keepMine->setToolTip(tr("Overwrite their changes to the fields you changed."));
        connect(m_keepMine, &QPushButton::clicked, this, [this] { finish(Resolution::KeepMine); });
        m_takeTheirs = buttons->addButton(tr("Take &theirs"), QDialogButtonBox::DestructiveRole);
        m_takeTheirs->setObjectName(QStringLiteral("takeTheirsButton"));
        m_takeTheirs->setToolTip(tr("Drop your edit and show their row."));
        connect(m_takeTheirs, &QPushButton::clicked, this, [this] { finish(Resolution::TakeTheirs); });
    }
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelButton"));
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    // Only Save merge answers Enter, and only when it is enabled: no other button may
    // become the default by taking focus.
    for (QAbstractButton *button : buttons->buttons()) {
        if (auto *push = qobject_cast<QPushButton *>(button)) {
            push->setAutoDefault(false);
            push->setDefault(false);
        }
    }
    if (m_saveMerge)
        m_saveMerge->setDefault(true);
    return buttons;
}

void MergeDialog::fillResult(int row)
{
    const QString field = m_merge.fields().at(row);
    QTableWidgetItem *item = m_table->item(row, ResultColumn);
    QTableWidgetItem *choice = m_table->item(row, ChoiceColumn);
    const bool wasFilling = m_filling;
    m_filling = true;
    const bool key = m_merge.isKeyColumn(field);
    const RowMerge::Choice chosen = m_merge.choice(field);
    if (!m_merge.isResolved(field)) {
        item->setText(QString());
        item->setBackground(stateColor(RowMerge::FieldState::BothDifferent));
    } else {
        const QVariant value = m_merge.result(field);
        item->setText(displayText(field, value));
        QFont font = item->font();
        font.setItalic(value.isNull());
        item->setFont(font);
        item->setForeground(value.isNull() ? QBrush(ValueFormat::placeholderColor(palette())) : QBrush());
        RowMerge::FieldState from = m_merge.state(field);
        if (chosen == RowMerge::Choice::Mine)
            from = RowMerge::FieldState::MineOnly;
        else if (chosen == RowMerge::Choice::Theirs)
            from = RowMerge::FieldState::TheirsOnly;
        else if (from == RowMerge::FieldState::BothDifferent)
            from = RowMerge::FieldState::BothSame;
        if (key || (chosen != RowMerge::Choice::Custom && from == RowMerge::FieldState::Unchanged))
            item->setBackground(QBrush());
        else
            item->setBackground(chosen == RowMerge::Choice::Custom ? typedColor() : stateColor(from));
    }
    if (key) {
        item->setForeground(palette().color(QPalette::PlaceholderText));
    } else if (!m_choiceBoxes.contains(field)) {
        // Where no choice is needed, say where the value came from.
        QString source;
        switch (chosen) {
        case RowMerge::Choice::Mine: source = tr("mine"); break;
        case RowMerge::Choice::Theirs: source = tr("theirs"); break;
        case RowMerge::Choice::Custom: source = tr("edited"); break;
        case RowMerge::Choice::Automatic:
            switch (m_merge.state(field)) {
            case RowMerge::FieldState::MineOnly: source = tr("mine"); break;
            case RowMerge::FieldState::TheirsOnly: source = tr("theirs"); break;
            case RowMerge::FieldState::BothSame: source = tr("same"); break;
            default: break;
            }
        }
        choice->setText(source);
        choice->setForeground(palette().color(QPalette::PlaceholderText));
    }
    m_filling = wasFilling;
}

void MergeDialog::onChoiceChanged(const QString &field, int index)
{
    const int row = m_rowOf.value(field);
    switch (index) {
    case MineIndex:
        m_merge.setChoice(field, RowMerge::Choice::Mine);
        break;
    case TheirsIndex:
        m_merge.setChoice(field, RowMerge::Choice::Theirs);
        break;
    case EditIndex:
        // Start from my value, then let the person type over it.
        m_merge.setChoice(field, RowMerge::Choice::Custom, m_merge.mineValue(field));
        fillResult(row);
        m_table->setCurrentCell(row, ResultColumn);
        m_table->editItem(m_table->item(row, ResultColumn));
        break;
    default:
        m_merge.setChoice(field, RowMerge::Choice::Automatic);
        break;
    }
    fillResult(row);
    updateState();
}

Result<QVariant> MergeDialog::parseValue(const QString &field, const QString &text) const
{
    if (text == ValueFormat::nullText())
        return QVariant();
    // With the table at hand, the column's own check: exact decimals and timestamps, its
    // range, length and list.
    if (m_model)
        return m_model->checkValue(m_model->fieldIndex(field), text);
    // The typed text takes the type of the values around it, so an integer column gets an integer.
    QMetaType type;
    for (const QVariant &sample : {m_merge.theirValue(field), m_merge.mineValue(field), m_merge.baseValue(field)}) {
        if (!sample.isNull() && sample.isValid()) {
            type = sample.metaType();
            break;
        }
    }
    if (!type.isValid() || type.id() == QMetaType::QString)
        return QVariant(text);
    QVariant value(text.trimmed());
    if (!value.convert(type) || (type.id() == QMetaType::QDate && !value.toDate().isValid())
        || (type.id() == QMetaType::QDateTime && !value.toDateTime().isValid()))
        return DbError::badInput(tr("“%1” is not a valid value for %2.").arg(text, field));
    return value;
}

void MergeDialog::onItemChanged(QTableWidgetItem *item)
{
    if (m_filling || item->column() != ResultColumn)
        return;
    const int row = item->row();
    const QString field = m_merge.fields().at(row);
    const Result<QVariant> value = parseValue(field, item->text());
    if (!value) {
        // The field goes back to needing a choice (or to its automatic value) and the bad
        // text stays visible, marked, so the person sees what to fix.
        m_merge.setChoice(field, RowMerge::Choice::Automatic);
        updateState();
        m_filling = true;
        item->setBackground(stateColor(RowMerge::FieldState::BothDifferent));
        m_filling = false;
        m_status->setText(value.error().message);
        m_saveMerge->setEnabled(false);
        return;
    }
    m_merge.setChoice(field, RowMerge::Choice::Custom, *value);
    if (QComboBox *box = m_choiceBoxes.value(field))
        box->setCurrentIndex(EditIndex);
    fillResult(row);
    updateState();
}

void MergeDialog::updateState()
{
    if (m_merge.isDeleted()) {
        const int changed = int(m_merge.conflict().changedByMe().size());
        m_status->setText(tr("You changed %n field(s) of the deleted row.", nullptr, changed));
        return;
    }
    const QStringList unresolved = m_merge.unresolvedFields();
    m_saveMerge->setEnabled(unresolved.isEmpty());
    if (!unresolved.isEmpty()) {
        m_status->setText(unresolved.size() == 1
                                  ? tr("Choose a value for %1 to save the merge.").arg(unresolved.first())
                                  : tr("Choose a value for %n fields to save the merge: %1.", nullptr, int(unresolved.size()))
                                            .arg(unresolved.join(QStringLiteral(", "))));
        return;
    }
    int mine = 0;
    int theirs = 0;
    int typed = 0;
    for (const QString &field : m_merge.fields()) {
        if (m_merge.isKeyColumn(field))
            continue;
        const RowMerge::Choice chosen = m_merge.choice(field);
        const RowMerge::FieldState state = m_merge.state(field);
        if (chosen == RowMerge::Choice::Mine || (chosen == RowMerge::Choice::Automatic && state == RowMerge::FieldState::MineOnly))
            ++mine;
        else if (chosen == RowMerge::Choice::Theirs || (chosen == RowMerge::Choice::Automatic && state == RowMerge::FieldState::TheirsOnly))
            ++theirs;
        else if (chosen == RowMerge::Choice::Custom)
            ++typed;
    }
    const auto fields = [](int n) { return tr("%n field(s)", nullptr, n); };
    QString sources = tr("%1 from you, %2 from them").arg(fields(mine), fields(theirs));
    if (typed > 0)
        sources += tr(", %1 typed here").arg(fields(typed));
    m_status->setText(tr("Ready to save: %1. Press Enter to save the merge.").arg(sources));
}

void MergeDialog::finish(Resolution resolution)
{
    if (resolution == Resolution::Merge && !m_merge.isComplete())
        return;
    m_resolution = resolution;
    accept();
}

QVariantMap MergeDialog::values() const
{
    switch (m_resolution) {
    case Resolution::Merge:
    case Resolution::Recreate:
        return m_merge.mergedValues();
    case Resolution::KeepMine:
        return m_merge.keepMineValues();
    case Resolution::TakeTheirs:
    case Resolution::Discard:
    case Resolution::None:
        break;
    }
    return QVariantMap();
}

Result<int> MergeDialog::applyTo(VersionedTableModel *model, int row) const
{
    return model->settleConflict(row, m_resolution, values());
}

} // namespace Concord
