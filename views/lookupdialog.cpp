#include "lookupdialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Concord {

LookupDialog::LookupDialog(ReferenceLabels &labels, const ColumnInfo &column, QWidget *parent)
    : QDialog(parent)
    , m_labels(labels)
    , m_column(column)
    , m_search(new QLineEdit(this))
    , m_results(new QTableWidget(this))
    , m_status(new QLabel(this))
    , m_previous(new QPushButton(tr("&Previous"), this))
    , m_next(new QPushButton(tr("&Next"), this))
{
    setObjectName(QStringLiteral("lookupDialog"));
    setWindowTitle(tr("Look up %1").arg(column.referencedTable));
    m_search->setObjectName(QStringLiteral("searchField"));
    m_search->setPlaceholderText(tr("Search %1").arg(column.referencedTable));
    m_search->setClearButtonEnabled(true);
    m_results->setObjectName(QStringLiteral("results"));
    m_results->setColumnCount(2);
    m_results->setHorizontalHeaderLabels({tr("Label"), column.referencedColumn});
    m_results->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_results->setSelectionMode(QAbstractItemView::SingleSelection);
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_results->verticalHeader()->hide();
    m_results->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_status->setObjectName(QStringLiteral("pageLabel"));
    m_previous->setObjectName(QStringLiteral("previousButton"));
    m_next->setObjectName(QStringLiteral("nextButton"));
    // The search field keeps the focus: arrows move the highlight, Enter takes it.
    m_search->installEventFilter(this);
    connect(m_search, &QLineEdit::textEdited, this, &LookupDialog::search);
    connect(m_previous, &QPushButton::clicked, this, &LookupDialog::previousPage);
    connect(m_next, &QPushButton::clicked, this, &LookupDialog::nextPage);
    connect(m_results, &QTableWidget::cellDoubleClicked, this, &QDialog::accept);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_search);
    layout->addWidget(m_results, 1);
    auto *paging = new QHBoxLayout;
    paging->addWidget(m_status, 1);
    paging->addWidget(m_previous);
    paging->addWidget(m_next);
    layout->addLayout(paging);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    for (QAbstractButton *button : buttons->buttons())
        static_cast<QPushButton *>(button)->setAutoDefault(false);
    m_previous->setAutoDefault(false);
    m_next->setAutoDefault(false);
    resize(460, 480);
    search(QString());
}

void LookupDialog::search(const QString &text)
{
    m_text = text;
    m_page = 0;
    showPage();
}

void LookupDialog::nextPage()
{
    if (!m_more)
        return;
    ++m_page;
    showPage();
}

void LookupDialog::previousPage()
{
    if (m_page == 0)
        return;
    --m_page;
    showPage();
}

void LookupDialog::showPage()
{
    const auto found = m_labels.search(m_column.referencedTable, m_column.referencedColumn, m_text, pageSize,
                                       m_page * pageSize);
    m_results->setRowCount(0);
    if (!found) {
        m_more = false;
        m_status->setText(found.error().message);
    } else {
        m_more = found->more;
        m_results->setRowCount(int(found->entries.size()));
        for (int row = 0; row < found->entries.size(); ++row) {
            const ReferenceLabels::Entry &entry = found->entries.at(row);
            auto *label = new QTableWidgetItem(entry.label);
            label->setData(Qt::UserRole, entry.key);
            m_results->setItem(row, 0, label);
            m_results->setItem(row, 1, new QTableWidgetItem(entry.key.toString()));
        }
        const int first = m_page * pageSize;
        m_status->setText(found->entries.isEmpty()
                                  ? tr("No matching rows.")
                                  : tr("Rows %1–%2").arg(first + 1).arg(first + found->entries.size()));
        if (!found->entries.isEmpty())
            m_results->selectRow(0);
    }
    m_previous->setEnabled(m_page > 0);
    m_next->setEnabled(m_more);
}

QVariant LookupDialog::selectedKey() const
{
    const QList<QTableWidgetItem *> selected = m_results->selectedItems();
    for (const QTableWidgetItem *item : selected) {
        if (item->column() == 0)
            return item->data(Qt::UserRole);
    }
    return QVariant();
}

bool LookupDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const int row = m_results->currentRow();
        switch (key->key()) {
        case Qt::Key_Down:
            m_results->selectRow(std::min(row + 1, m_results->rowCount() - 1));
            return true;
        case Qt::Key_Up:
            m_results->selectRow(std::max(row - 1, 0));
            return true;
        case Qt::Key_PageDown:
            nextPage();
            return true;
        case Qt::Key_PageUp:
            previousPage();
            return true;
        case Qt::Key_Return:
        case Qt::Key_Enter:
            if (selectedKey().isValid())
                accept();
            return true;
        default:
            break;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace Concord
