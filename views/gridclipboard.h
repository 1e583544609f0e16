#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QVariant>

class QAction;

namespace Concord {

class ChangeListView;

/// Copy and paste between the change list and spreadsheets, as tab-separated text.
///
/// Copy (Ctrl+C) writes the selected rows' visible cells, each as its editor would start
/// from (NULL as an empty cell), quoting cells with tabs, line breaks or quotes as
/// spreadsheets do; Ctrl+Shift+C adds a line of column names. Paste (Ctrl+V) puts a block
/// at the current cell as pending edits, one undo step: every cell is checked first as the
/// cell's editor checks it (type, range, NULL, foreign key); one refused cell and nothing
/// is pasted, and a dialog lists the refused cells. A block longer than the grid offers
/// to add the extra rows as new rows.
class GridClipboard : public QObject
{
    Q_OBJECT

public:
    /// A cell a paste refused.
    struct Refusal
    {
        int row = -1;     ///< the grid row (0-based)
        QString column;
        QString value;    ///< the pasted text
        QString reason;   ///< one sentence
    };

    explicit GridClipboard(ChangeListView *view);

    QAction *copyAction() const { return m_copy; }
    QAction *copyWithHeadersAction() const { return m_copyHeaders; }
    QAction *pasteAction() const { return m_paste; }

    /// The selected rows (or the current cell, with nothing selected) as tab-separated text.
    QString selectionText(bool withHeaders) const;
    /// Puts selectionText() on the clipboard.
    void copy(bool withHeaders);
    /// Pastes @p text at the current cell; false if nothing was pasted (refused, declined, empty).
    bool paste(const QString &text);
    /// The cells the last paste refused.
    const QList<Refusal> &lastRefusals() const { return m_refusals; }

    /// Rows of cells from tab-separated text: tabs, CR/LF line ends, "quoted" cells with
    /// tabs, line breaks and "" inside. A last empty line is no row.
    static QList<QStringList> parse(const QString &text);
    /// The reverse of parse(): one line per row, a line break after each.
    static QString format(const QList<QStringList> &rows);

Q_SIGNALS:
    /// A paste put @p cells cells into the grid as pending edits.
    void pasted(int cells);
    /// Something the person should read in the status bar (a declined paste, an empty clipboard).
    void message(const QString &text);

private:
    struct Cell
    {
        int row;
        int column;
        QVariant value;
    };
    QList<int> visibleColumns() const;
    bool checkCells(const QList<QStringList> &block, int firstRow, const QList<int> &columns, QList<Cell> &cells);
    void showRefusals();

    QPointer<ChangeListView> m_view;
    QAction *m_copy = nullptr;
    QAction *m_copyHeaders = nullptr;
    QAction *m_paste = nullptr;
    QList<Refusal> m_refusals;
};

} // namespace Concord
