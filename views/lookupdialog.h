#pragma once

#include "columninfo.h"
#include "referencelabels.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace Concord {

/// Picks a row of a large referenced table, like Django's raw-id lookup: a search field
/// (label contains the text, any case), the matching rows a page at a time ordered by
/// label, Previous/Next; Enter or a double-click takes the highlighted row.
class LookupDialog : public QDialog
{
    Q_OBJECT

public:
    /// Rows shown per page.
    static constexpr int pageSize = 50;

    /// Rows of the table @p column refers to; @p labels must outlive the dialog.
    LookupDialog(ReferenceLabels &labels, const ColumnInfo &column, QWidget *parent = nullptr);

    /// Shows the first page of rows whose label contains @p text.
    void search(const QString &text);
    void nextPage();
    void previousPage();
    /// The page shown, from 0.
    int page() const { return m_page; }
    /// The key of the highlighted row, or invalid.
    QVariant selectedKey() const;

    QLineEdit *searchField() const { return m_search; }
    QTableWidget *results() const { return m_results; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showPage();

    ReferenceLabels &m_labels;
    ColumnInfo m_column;
    QString m_text;
    int m_page = 0;
    bool m_more = false;
    QLineEdit *m_search = nullptr;
    QTableWidget *m_results = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_previous = nullptr;
    QPushButton *m_next = nullptr;
};

} // namespace Concord
