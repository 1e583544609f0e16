#include "filterpanel.h"

#include "referencelabels.h"
#include "session.h"
#include "sqldialect.h"
#include "valueformat.h"
#include "versionedtablemodel.h"

#include <QDateEdit>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSqlRecord>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Concord {

namespace {

constexpr int choiceRole = Qt::UserRole;      // index into the offered choices; -1 for none
constexpr int rangeRole = Qt::UserRole + 1;   // the column a "Custom range…" item asks for

bool offersValues(const ColumnInfo &info)
{
    switch (info.kind) {
    case ColumnInfo::Kind::Integer:
    case ColumnInfo::Kind::Boolean:
    case ColumnInfo::Kind::Text:
        return true;
    default:
        return !info.allowedValues.isEmpty();
    }
}

bool isDay(const ColumnInfo &info)
{
    return info.kind == ColumnInfo::Kind::Date || info.kind == ColumnInfo::Kind::DateTime;
}

} // namespace

FilterPanel::FilterPanel(QWidget *parent)
    : QWidget(parent)
    , m_tree(new QTreeWidget(this))
    , m_note(new QLabel(this))
{
    m_tree->setHeaderHidden(true);
    m_tree->setColumnCount(1);
    m_tree->setRootIsDecorated(true);
    m_tree->setObjectName(QStringLiteral("filterTree"));
    m_note->setWordWrap(true);
    m_note->setText(tr("Check values to show only the rows that hold them. Choices in different columns must all hold."));
    m_note->setStyleSheet(QStringLiteral("color: palette(mid);"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_note);
    layout->addWidget(m_tree, 1);
    connect(m_tree, &QTreeWidget::itemChanged, this, &FilterPanel::itemChanged);
    connect(m_tree, &QTreeWidget::itemActivated, this, &FilterPanel::itemActivated);
}

void FilterPanel::setModel(VersionedTableModel *model)
{
    m_model = model;
    m_filter.clear();
    m_offered.clear();
    m_tree->clear();
}

void FilterPanel::reloadLater(bool keepChoices)
{
    if (!keepChoices) {
        const QSignalBlocker quiet(m_tree);
        m_tree->clear();
        m_offered.clear();
        m_filter.clear();
    }
    m_reloadPending = true;
    if (isVisible())
        QTimer::singleShot(0, this, [this] {
            if (m_reloadPending && isVisible())
                reload(true);
        });
}

void FilterPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_reloadPending)
        reload(true);
}

void FilterPanel::reload(bool keepChoices)
{
    m_reloadPending = false;
    const QSignalBlocker quiet(m_tree);
    m_tree->clear();
    m_offered.clear();
    if (!keepChoices)
        m_filter.clear();
    if (!m_model || !m_model->session() || !m_model->session()->isValid() || m_model->tableName().isEmpty())
        return;
    m_note->setText(m_model->tableRowCount() > m_valueListRows
                            ? tr("This table has more than %L1 rows: column values are not listed (each list would "
                                 "read the whole table). Use the filter field (Ctrl+Shift+F).").arg(m_valueListRows)
                            : tr("Check values to show only the rows that hold them. Choices in different columns must all hold."));
    for (int c = 0; c < m_model->columnCount(); ++c) {
        if (c != m_model->primaryKeyColumn() && c != m_model->versionColumn())
            addSection(c);
    }
    // Ranges of days someone chose are offered again where their column still is.
    const QList<FilterChoice> kept = m_filter.choices();
    for (const FilterChoice &choice : kept) {
        if (m_offered.contains(choice))
            continue;
        if (QTreeWidgetItem *section = sectionOf(choice.column))
            offer(section, choice);
        else
            m_filter.remove(choice);
    }
    m_tree->expandAll();
    syncChecks();
}

void FilterPanel::addSection(int column)
{
    const ColumnInfo info = m_model->columnInfo(column);
    const QString name = m_model->record().fieldName(column);
    if (info.kind == ColumnInfo::Kind::Binary)
        return;
    auto *section = new QTreeWidgetItem(QStringList(name));
    section->setData(0, choiceRole, -1);
    section->setFlags(Qt::ItemIsEnabled);
    QFont bold = section->font(0);
    bold.setBold(true);
    section->setFont(0, bold);
    m_tree->addTopLevelItem(section);

    qint64 nulls = -1;
    const bool bigTable = m_model->tableRowCount() > m_valueListRows;
    if (offersValues(info) && !bigTable) {
        const auto facets = ListFilter::distinctValues(m_model->database(), m_model->session()->dialect(),
                                                       m_model->tableName(), name, m_limit);
        if (facets && !facets->tooMany) {
            nulls = 0;
            const QHash<QString, QString> labels = referenceLabels(info, facets->values);
            for (const ListFilter::Facet &facet : facets->values) {
                if (facet.value.isNull())
                    nulls = facet.count;
                else
                    offer(section, {name, FilterChoice::Kind::Equals, facet.value, {}, {},
                                    valueLabel(facet.value, column, labels.value(facet.value.toString()))},
                          facet.count);
            }
        }
    }
    if (isDay(info))
        offerDays(section, name);
    if (info.nullable && nulls != 0) {
        offer(section, {name, FilterChoice::Kind::IsNull, {}, {}, {}, tr("Is NULL")}, nulls);
        offer(section, {name, FilterChoice::Kind::NotNull, {}, {}, {}, tr("Is not NULL")});
    }
    if (section->childCount() == 0)
        delete section;
}

void FilterPanel::offerDays(QTreeWidgetItem *section, const QString &column)
{
    const QDate today = QDate::currentDate();
    offer(section, {column, FilterChoice::Kind::DayRange, {}, today, today, tr("Today")});
    offer(section, {column, FilterChoice::Kind::DayRange, {}, today.addDays(-6), today, tr("Past 7 days")});
    offer(section, {column, FilterChoice::Kind::DayRange, {}, QDate(today.year(), today.month(), 1),
                    QDate(today.year(), today.month(), today.daysInMonth()), tr("This month")});
    auto *range = new QTreeWidgetItem(section, QStringList(tr("Custom range…")));
    range->setData(0, choiceRole, -1);
    range->setData(0, rangeRole, column);
    range->setToolTip(0, tr("Choose the first and the last day (double-click or Enter)"));
}

void FilterPanel::offer(QTreeWidgetItem *section, const FilterChoice &choice, qint64 count)
{
    const QString text = count < 0 ? choice.label : tr("%1 (%2)").arg(choice.label, QLocale().toString(count));
    auto *item = new QTreeWidgetItem(QStringList(text));
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
    item->setCheckState(0, Qt::Unchecked);
    item->setData(0, choiceRole, int(m_offered.size()));
    m_offered.append(choice);
    // Custom ranges go above the "Custom range…" item that made them.
    const int last = section->childCount() - 1;
    if (last >= 0 && section->child(last)->data(0, rangeRole).isValid())
        section->insertChild(last, item);
    else
        section->addChild(item);
}

QHash<QString, QString> FilterPanel::referenceLabels(const ColumnInfo &info, const QList<ListFilter::Facet> &facets) const
{
    if (info.referencedTable.isEmpty())
        return {};
    QList<QVariant> keys;
    for (const ListFilter::Facet &facet : facets) {
        if (!facet.value.isNull())
            keys.append(facet.value);
    }
    // One read for the section; a table without a label column leaves the keys shown.
    const auto labels = m_model->referenceLabels().labels(info.referencedTable, info.referencedColumn, keys);
    return labels ? *labels : QHash<QString, QString>();
}

QString FilterPanel::valueLabel(const QVariant &value, int column, const QString &reference) const
{
    const ColumnInfo info = m_model->columnInfo(column);
    if (info.kind == ColumnInfo::Kind::Boolean) {
        if (const auto flag = ValueFormat::toBool(value))
            return *flag ? tr("Yes") : tr("No");
    }
    // A foreign key is named as the grid names it: by its row's label (the key without one).
    return reference.isEmpty() ? ValueFormat::text(value, info) : reference;
}

QString FilterPanel::whereClause() const
{
    if (!m_model || !m_model->session() || !m_model->session()->isValid() || m_filter.isEmpty())
        return QString();
    return m_filter.whereClause(m_model->session()->dialect(), m_model->database());
}

QStringList FilterPanel::columns() const
{
    QStringList names;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
        names.append(m_tree->topLevelItem(i)->text(0));
    return names;
}

QTreeWidgetItem *FilterPanel::sectionOf(const QString &column) const
{
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        if (m_tree->topLevelItem(i)->text(0) == column)
            return m_tree->topLevelItem(i);
    }
    return nullptr;
}

QStringList FilterPanel::offeredTexts(const QString &column) const
{
    QStringList texts;
    if (QTreeWidgetItem *section = sectionOf(column)) {
        for (int i = 0; i < section->childCount(); ++i)
            texts.append(section->child(i)->text(0));
    }
    return texts;
}

bool FilterPanel::setChecked(const QString &column, const QString &label, bool checked)
{
    QTreeWidgetItem *section = sectionOf(column);
    for (int i = 0; section && i < section->childCount(); ++i) {
        const int offered = section->child(i)->data(0, choiceRole).toInt();
        if (offered >= 0 && m_offered.at(offered).label == label) {
            section->child(i)->setCheckState(0, checked ? Qt::Checked : Qt::Unchecked);
            return true;
        }
    }
    return false;
}

bool FilterPanel::addDayRange(const QString &column, QDate first, QDate last)
{
    QTreeWidgetItem *section = sectionOf(column);
    if (!section || !first.isValid() || !last.isValid() || first > last)
        return false;
    const QString label = tr("%1 – %2").arg(first.toString(Qt::ISODate), last.toString(Qt::ISODate));
    const FilterChoice choice{column, FilterChoice::Kind::DayRange, {}, first, last, label};
    if (!m_offered.contains(choice)) {
        const QSignalBlocker quiet(m_tree);
        offer(section, choice);
    }
    if (!m_filter.add(choice))
        return false;
    syncChecks();
    emit filterChanged();
    return true;
}

void FilterPanel::removeChoice(int index)
{
    if (index < 0 || index >= m_filter.choices().size())
        return;
    m_filter.remove(m_filter.choices().at(index));
    syncChecks();
    emit filterChanged();
}

void FilterPanel::clearChoices()
{
    if (m_filter.isEmpty())
        return;
    m_filter.clear();
    syncChecks();
    emit filterChanged();
}

void FilterPanel::itemChanged(QTreeWidgetItem *item)
{
    const int offered = item->data(0, choiceRole).toInt();
    if (offered < 0 || offered >= m_offered.size())
        return;
    const FilterChoice &choice = m_offered.at(offered);
    const bool changed = item->checkState(0) == Qt::Checked ? m_filter.add(choice) : m_filter.remove(choice);
    if (changed)
        emit filterChanged();
}

void FilterPanel::itemActivated(QTreeWidgetItem *item)
{
    // Only "Custom range…" does something on activation: a value is ticked by its box or
    // Space (some styles activate on a single click, which would tick it twice).
    const QVariant column = item->data(0, rangeRole);
    if (column.isValid())
        askForRange(column.toString());
}

void FilterPanel::askForRange(const QString &column)
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Days of %1").arg(column));
    auto *first = new QDateEdit(QDate::currentDate().addDays(-30), &dialog);
    auto *last = new QDateEdit(QDate::currentDate(), &dialog);
    for (QDateEdit *edit : {first, last}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    }
    auto *problem = new QLabel(&dialog);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    auto *form = new QFormLayout(&dialog);
    form->addRow(tr("From:"), first);
    form->addRow(tr("To:"), last);
    form->addRow(problem);
    form->addRow(buttons);
    const auto check = [=] {
        const bool ok = first->date() <= last->date();
        problem->setText(ok ? QString() : tr("The first day comes after the last one."));
        buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
    };
    connect(first, &QDateEdit::dateChanged, &dialog, check);
    connect(last, &QDateEdit::dateChanged, &dialog, check);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() == QDialog::Accepted)
        addDayRange(column, first->date(), last->date());
}

void FilterPanel::syncChecks()
{
    const QSignalBlocker quiet(m_tree);
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *section = m_tree->topLevelItem(i);
        for (int j = 0; j < section->childCount(); ++j) {
            QTreeWidgetItem *item = section->child(j);
            const int offered = item->data(0, choiceRole).toInt();
            if (offered >= 0)
                item->setCheckState(0, m_filter.contains(m_offered.at(offered)) ? Qt::Checked : Qt::Unchecked);
        }
    }
}

} // namespace Concord
