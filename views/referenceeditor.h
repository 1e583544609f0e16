#pragma once

#include "columninfo.h"
#include "referencelabels.h"

#include <QComboBox>

namespace Concord {

/// The editor of a foreign-key column: a drop-down of the referenced rows shown by their
/// labels ("Ada Costa (7)"), filtered as you type (text contained anywhere, any case),
/// that stores the key. Keyboard only: type, arrows, Enter; Escape cancels. A table of
/// more than listLimit rows is searched in the database as you type, and Ctrl+L asks for
/// the lookup dialog (lookupRequested()).
class ReferenceEditor : public QComboBox
{
    Q_OBJECT

public:
    /// How many rows are listed whole; a larger table is searched instead.
    static constexpr int listLimit = 200;

    /// @p labels (a model's) must outlive the editor.
    ReferenceEditor(ReferenceLabels &labels, const ColumnInfo &column, QWidget *parent = nullptr);

    /// Shows the row @p key refers to (none for NULL).
    void setKey(const QVariant &key);
    /// The key chosen, or the text typed when it names no listed row (a key typed by
    /// hand, which the column's check then looks up).
    QVariant key() const;
    /// Whether the referenced table has more rows than the list holds.
    bool isLarge() const { return m_large; }
    /// How an entry is listed: "label (key)", or the key alone without a label.
    static QString entryText(const ReferenceLabels::Entry &entry);

Q_SIGNALS:
    /// The person asked for the lookup dialog (Ctrl+L).
    void lookupRequested();
    /// A row was taken from the list (Enter or a click on it): in a grid cell, the edit
    /// is done, as in Access's combo boxes, rather than waiting for a second Enter.
    void rowPicked();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    /// Lists the rows whose label contains @p text (a page of them); true when more match.
    bool fill(const QString &text);

    ReferenceLabels &m_labels;
    ColumnInfo m_column;
    bool m_large = false;
};

} // namespace Concord
