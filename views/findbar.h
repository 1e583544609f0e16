#pragma once

#include <QWidget>

class QAbstractButton;
class QAction;
class QCheckBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace Concord {

/// Ctrl+F: finds text in the grid's cells without hiding any row, like a browser's find
/// bar. Next (Enter, F3) and Previous (Shift+Enter, Shift+F3) move the current cell to the
/// next cell whose text contains what was typed, wrapping at the end ("Search wrapped");
/// rows the grid has not loaded yet are fetched as the search reaches them. Matching cells
/// are highlighted. Escape closes the bar. Pending edits are searched as shown and kept.
class FindBar : public QWidget
{
    Q_OBJECT

public:
    explicit FindBar(QTableView *view, QWidget *parent = nullptr);

    /// Shows the bar with its text selected and the focus in it.
    void open();
    /// Moves to the next (or previous) matching cell; false when there is none.
    bool findNext();
    bool findPrevious();

    void setText(const QString &text);
    QString text() const;
    void setCaseSensitive(bool sensitive);
    /// A search that takes longer than this shows its progress, with Cancel (default 500 ms).
    void setProgressDelay(int ms) { m_progressDelayMs = ms; }
    /// "Search wrapped", "No matches", "Search cancelled", or empty.
    QString statusText() const;

    QLineEdit *lineEdit() const { return m_edit; }
    /// F3 and Shift+F3, for the window's menu.
    QAction *findNextAction() const { return m_nextAction; }
    QAction *findPreviousAction() const { return m_previousAction; }

Q_SIGNALS:
    /// What matching cells are highlighted for (empty text: none).
    void highlightChanged(const QString &text, Qt::CaseSensitivity sensitivity);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    bool find(bool forward);
    bool matches(int row, int column) const;
    Qt::CaseSensitivity sensitivity() const;
    void setStatus(const QString &text);
    void announceHighlight();

    QTableView *m_view = nullptr;
    QLineEdit *m_edit = nullptr;
    QCheckBox *m_matchCase = nullptr;
    QLabel *m_status = nullptr;
    QAction *m_nextAction = nullptr;
    QAction *m_previousAction = nullptr;
    int m_progressDelayMs = 500;
};

} // namespace Concord
