#pragma once

#include "listfilter.h"

#include <QWidget>

class QAbstractButton;
class QHBoxLayout;
class QScrollArea;

namespace Concord {

/// The active list filters as removable chips above the grid ("status: shipped ×"), with
/// "Clear all". Hidden while no filter is active.
class FilterChips : public QWidget
{
    Q_OBJECT

public:
    explicit FilterChips(QWidget *parent = nullptr);

    /// Shows one chip per choice, in order.
    void setChoices(const QList<FilterChoice> &choices);
    /// The chips' texts, in order: "status: shipped".
    QStringList texts() const;
    QList<QAbstractButton *> chips() const { return m_chips; }
    QAbstractButton *clearAllButton() const { return m_clearAll; }

Q_SIGNALS:
    /// The chip of the choice at @p index was clicked.
    void removeRequested(int index);
    void clearRequested();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void fitHeight();

    QHBoxLayout *m_layout = nullptr;
    QScrollArea *m_scroll = nullptr;
    QList<QAbstractButton *> m_chips;
    QStringList m_texts;
    QAbstractButton *m_clearAll = nullptr;
};

} // namespace Concord
