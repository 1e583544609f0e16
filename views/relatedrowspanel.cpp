#include "relatedrowspanel.h"

#include "changelistview.h"
#include "recordform.h"
#include "session.h"
#include "versionedtablemodel.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSqlRecord>
#include <QVBoxLayout>

namespace Concord {

RelatedRowsPanel::RelatedRowsPanel(VersionedTableModel *model, int row, QWidget *parent)
    : QGroupBox(tr("Relations"), parent)
    , m_model(model)
    , m_labelBox(new QComboBox(this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("relatedRows"));
    auto *layout = new QFormLayout(this);
    ReferenceLabels &labels = model->referenceLabels();
    const auto referrers = row >= 0 ? labels.referrers(model->tableName())
                                    : Result<QList<ReferenceLabels::Referrer>>(QList<ReferenceLabels::Referrer>());
    if (referrers) {
        for (const ReferenceLabels::Referrer &referrer : *referrers) {
            const QVariant value = model->index(row, model->fieldIndex(referrer.referencedColumn)).data(Qt::EditRole);
            const auto count = labels.countReferring(referrer, value);
            if (!count)
                continue;
            auto *button = new QPushButton(tr("%n row(s)", nullptr, *count), this);
            button->setObjectName(QStringLiteral("related_%1_%2").arg(referrer.table, referrer.column));
            button->setAutoDefault(false);
            button->setProperty("rowCount", *count);
            button->setEnabled(*count > 0);
            button->setToolTip(tr("Show the rows of %1 whose %2 is %3.").arg(referrer.table, referrer.column, value.toString()));
            connect(button, &QPushButton::clicked, this, [this, referrer, value] {
                openRows(m_model->database(), referrer.table, referrer.column, value, window());
            });
            layout->addRow(tr("%1 by %2:").arg(referrer.table, referrer.column), button);
            m_buttons.append(button);
        }
    }
    if (m_buttons.isEmpty() && row >= 0)
        layout->addRow(new QLabel(tr("No other table refers to this row."), this));
    buildLabelChoice();
    layout->addRow(tr("Label column:"), m_labelBox);
    m_status->setObjectName(QStringLiteral("labelStatus"));
    m_status->setWordWrap(true);
    m_status->hide();
    layout->addRow(m_status);
}

void RelatedRowsPanel::buildLabelChoice()
{
    m_labelBox->setObjectName(QStringLiteral("labelColumnBox"));
    m_labelBox->setToolTip(tr("The column that names this table's rows wherever another table refers to them "
                              "(for every user of the database)."));
    ReferenceLabels &labels = m_model->referenceLabels();
    const QString table = m_model->tableName();
    const auto schema = TableSchema::load(m_model->database(), m_model->session()->dialect(), table);
    const QString automatic = schema ? ReferenceLabels::defaultLabelColumn(*schema) : QString();
    m_labelBox->addItem(automatic.isEmpty() ? tr("Automatic (the key)") : tr("Automatic (%1)").arg(automatic), QString());
    const QSqlRecord record = m_model->record();
    for (int c = 0; c < record.count(); ++c) {
        if (m_model->columnInfo(c).kind != ColumnInfo::Kind::Binary)
            m_labelBox->addItem(record.fieldName(c), record.fieldName(c));
    }
    const auto chosen = labels.isChosen(table);
    const auto column = labels.labelColumn(table);
    if (chosen && *chosen && column)
        m_labelBox->setCurrentIndex(std::max(0, m_labelBox->findData(*column)));
    connect(m_labelBox, &QComboBox::activated, this, &RelatedRowsPanel::chooseLabel);
}

void RelatedRowsPanel::chooseLabel(int index)
{
    const QString column = m_labelBox->itemData(index).toString();
    const auto set = m_model->referenceLabels().setLabelColumn(m_model->tableName(), column);
    m_status->setVisible(true);
    m_status->setText(set ? (column.isEmpty() ? tr("Rows of %1 are labelled automatically.").arg(m_model->tableName())
                                              : tr("Rows of %1 are labelled by %2.").arg(m_model->tableName(), column))
                          : set.error().message);
}

QDialog *RelatedRowsPanel::openRows(const QSqlDatabase &db, const QString &table, const QString &column,
                                    const QVariant &value, QWidget *parent)
{
    auto *dialog = new QDialog(parent);
    dialog->setObjectName(QStringLiteral("relatedRowsDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("%1 whose %2 is %3").arg(table, column, value.toString()));
    auto *model = new VersionedTableModel(dialog, db);
    model->setTable(table);
    model->setFilter(model->referenceLabels().equalsFilter(column, value));
    model->select();
    auto *grid = new ChangeListView(dialog);
    grid->setObjectName(QStringLiteral("relatedGrid"));
    grid->setVersionedModel(model);
    auto *status = new QLabel(dialog);
    QObject::connect(grid, &ChangeListView::recordRequested, dialog, [model, dialog](int row) {
        auto *form = new RecordForm(model, row, dialog);
        form->setAttribute(Qt::WA_DeleteOnClose);
        form->open();
    });
    QObject::connect(grid, &ChangeListView::editRefused, status, &QLabel::setText);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    auto *save = buttons->addButton(tr("&Save"), QDialogButtonBox::AcceptRole);
    save->setObjectName(QStringLiteral("saveButton"));
    QObject::connect(save, &QPushButton::clicked, dialog, [model, status] {
        model->submitAll();
        status->setText(model->lastSubmitResult().summary());
    });
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(grid, 1);
    layout->addWidget(status);
    layout->addWidget(buttons);
    dialog->resize(720, 360);
    dialog->open();
    return dialog;
}

RecordForm *RelatedRowsPanel::openRecord(const QSqlDatabase &db, const QString &table, const QString &column,
                                         const QVariant &value, QWidget *parent)
{
    auto *model = new VersionedTableModel(nullptr, db);
    model->setTable(table);
    model->setFilter(model->referenceLabels().equalsFilter(column, value));
    if (value.isNull() || !model->select() || model->rowCount() == 0) {
        delete model;
        return nullptr;
    }
    auto *form = new RecordForm(model, 0, parent);
    model->setParent(form);
    form->setAttribute(Qt::WA_DeleteOnClose);
    form->open();
    return form;
}

} // namespace Concord
