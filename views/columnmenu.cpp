#include "columnmenu.h"

#include <algorithm>

#include <QHeaderView>
#include <QMenu>

namespace Concord {

ColumnMenu::ColumnMenu(QHeaderView *header)
    : QObject(header)
    , m_header(header)
{
    m_header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_header, &QHeaderView::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu *menu = menuFor(m_header->logicalIndexAt(pos));
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_header->viewport()->mapToGlobal(pos));
    });
}

QMenu *ColumnMenu::popUpFor(int section)
{
    QMenu *menu = menuFor(section);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    const int x = section >= 0 && !m_header->isSectionHidden(section) ? m_header->sectionViewportPosition(section) : 0;
    menu->popup(m_header->viewport()->mapToGlobal(QPoint(std::max(0, x), m_header->height())));
    return menu;
}

int ColumnMenu::visibleCount() const
{
    return m_header->count() - m_header->hiddenSectionCount();
}

void ColumnMenu::setHidden(int section, bool hidden)
{
    // A grid with no column left could not be right-clicked to bring one back.
    if (hidden && visibleCount() <= 1)
        return;
    m_header->setSectionHidden(section, hidden);
    if (!hidden && m_header->sectionSize(section) < m_header->minimumSectionSize())
        m_header->resizeSection(section, m_header->defaultSectionSize());
    emit columnsChanged();
}

QMenu *ColumnMenu::menuFor(int section) const
{
    auto *menu = new QMenu(m_header);
    menu->setObjectName(QStringLiteral("columnMenu"));
    QAbstractItemModel *model = m_header->model();
    if (!model)
        return menu;
    auto *self = const_cast<ColumnMenu *>(this);
    if (section >= 0) {
        const QString name = model->headerData(section, Qt::Horizontal).toString();
        QAction *hide = menu->addAction(tr("&Hide column \"%1\"").arg(name), self, [self, section] {
            self->setHidden(section, true);
        });
        hide->setEnabled(visibleCount() > 1);
        menu->addSeparator();
    }
    // Listed in the order shown, each ticked while visible.
    for (int visual = 0; visual < m_header->count(); ++visual) {
        const int logical = m_header->logicalIndex(visual);
        QAction *column = menu->addAction(model->headerData(logical, Qt::Horizontal).toString());
        column->setCheckable(true);
        column->setChecked(!m_header->isSectionHidden(logical));
        column->setEnabled(m_header->isSectionHidden(logical) || visibleCount() > 1);
        connect(column, &QAction::toggled, self, [self, logical](bool shown) { self->setHidden(logical, !shown); });
    }
    menu->addSeparator();
    QAction *all = menu->addAction(tr("&Show all columns"), self, [self] {
        for (int s = 0; s < self->m_header->count(); ++s) {
            if (self->m_header->isSectionHidden(s))
                self->setHidden(s, false);
        }
    });
    all->setEnabled(m_header->hiddenSectionCount() > 0);
    return menu;
}

} // namespace Concord
