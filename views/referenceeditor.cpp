#include "referenceeditor.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QKeyEvent>
#include <QLineEdit>

namespace Concord {

namespace {

constexpr int labelRole = Qt::UserRole + 1;

} // namespace

ReferenceEditor::ReferenceEditor(ReferenceLabels &labels, const ColumnInfo &column, QWidget *parent)
    : QComboBox(parent)
    , m_labels(labels)
    , m_column(column)
{
    setEditable(true);
    setInsertPolicy(QComboBox::NoInsert);
    setMaxVisibleItems(12);
    // Typing narrows the list to the rows whose text contains what was typed, as a popup
    // the arrows walk through; Enter takes the highlighted row.
    completer()->setCompletionMode(QCompleter::PopupCompletion);
    completer()->setFilterMode(Qt::MatchContains);
    completer()->setCaseSensitivity(Qt::CaseInsensitive);
    // A grid cell is narrow: the lists are wide enough for a name and its key.
    const int listWidth = fontMetrics().averageCharWidth() * 40;
    completer()->popup()->setMinimumWidth(listWidth);
    view()->setMinimumWidth(listWidth);
    connect(completer(), qOverload<const QString &>(&QCompleter::activated), this, &ReferenceEditor::rowPicked);
    connect(this, &QComboBox::activated, this, &ReferenceEditor::rowPicked);
    // Whether the table has more rows than the list holds comes with the first page:
    // no COUNT(*), which a server pays for with a scan of a large table.
    m_large = fill(QString());
    if (m_large) {
        setToolTip(tr("%1 has more rows than this list: type to search them, or press Ctrl+L to look one up.")
                           .arg(column.referencedTable));
        // The list holds a page of rows: what is typed is searched in the database.
        connect(lineEdit(), &QLineEdit::textEdited, this, [this](const QString &text) {
            fill(text);
            completer()->setCompletionPrefix(text);
            completer()->complete();
        });
    } else {
        setToolTip(tr("Type to filter the rows of %1; Enter takes the highlighted one.").arg(column.referencedTable));
    }
}

QString ReferenceEditor::entryText(const ReferenceLabels::Entry &entry)
{
    return entry.label.isEmpty() ? entry.key.toString() : tr("%1 (%2)").arg(entry.label, entry.key.toString());
}

bool ReferenceEditor::fill(const QString &text)
{
    const auto page = m_labels.search(m_column.referencedTable, m_column.referencedColumn, text, listLimit);
    // Clearing the list clears the line too: what was typed is put back.
    const QString typed = lineEdit()->text();
    const int cursor = lineEdit()->cursorPosition();
    const QSignalBlocker quiet(this);
    clear();
    if (page) {
        for (const ReferenceLabels::Entry &entry : page->entries) {
            addItem(entryText(entry), entry.key);
            setItemData(count() - 1, entry.label, labelRole);
        }
    }
    setCurrentIndex(-1);
    lineEdit()->setText(typed);
    lineEdit()->setCursorPosition(cursor);
    return page && page->more;
}

void ReferenceEditor::setKey(const QVariant &key)
{
    if (key.isNull()) {
        setCurrentIndex(-1);
        lineEdit()->clear();
        return;
    }
    int index = findData(key);
    if (index < 0) {
        // Not among the rows listed (a large table, or a key with no row): listed first.
        const auto labels = m_labels.labels(m_column.referencedTable, m_column.referencedColumn, {key});
        const QString label = labels ? labels->value(key.toString()) : QString();
        insertItem(0, entryText({key, label}), key);
        setItemData(0, label, labelRole);
        index = 0;
    }
    setCurrentIndex(index);
    // Typing replaces the row shown, as in a text cell.
    lineEdit()->selectAll();
}

QVariant ReferenceEditor::key() const
{
    const QString text = currentText().trimmed();
    if (text.isEmpty())
        return QString();
    int index = findText(text, Qt::MatchFixedString);
    if (index < 0) {
        // A label typed whole names its row when no other row has the same label.
        const QModelIndexList same = model()->match(model()->index(0, 0), labelRole, text, 2, Qt::MatchFixedString);
        if (same.size() == 1)
            index = same.first().row();
    }
    return index >= 0 ? itemData(index) : QVariant(text);
}

void ReferenceEditor::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_L && event->modifiers() == Qt::ControlModifier) {
        emit lookupRequested();
        event->accept();
        return;
    }
    QComboBox::keyPressEvent(event);
}

} // namespace Concord
