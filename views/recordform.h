#pragma once

#include "columninfo.h"
#include "result.h"
#include "submitresult.h"

#include <QDialog>
#include <QList>
#include <QVariant>

class QCheckBox;
class QDialogButtonBox;
class QHBoxLayout;
class QLabel;
class QPushButton;
class QToolButton;
class QWidget;

namespace Concord {

class RelatedRowsPanel;
class VersionedTableModel;

/// One row of a VersionedTableModel in a form: the grid's editor for each column (ValueEditor),
/// the primary key, the version and bytes read-only, NULL and a new row's "default" shown as
/// such, a banner when the row is stale or in conflict. Save writes only the fields the
/// person changed into the model and saves that row only; a conflict opens the merge dialog
/// right there. Delete (after a confirmation) is checked against the version too.
class RecordForm : public QDialog
{
    Q_OBJECT

public:
    /// @p row == -1 opens an empty form for a new row.
    RecordForm(VersionedTableModel *model, int row, QWidget *parent = nullptr);
    ~RecordForm() override;

    /// The row the form shows now (rows move after a save adds or removes one); -1 when
    /// a new row has not been saved or the row was deleted.
    int row() const;
    /// Whether the form holds a row not saved yet.
    bool isNewRow() const { return m_newRow; }
    /// The primary key of the row shown (null for an unsaved new row).
    QVariant key() const { return m_key; }

    /// The value the editor of @p column would store, checked as a save checks it: null for
    /// NULL or the database's default, or BadInput with the sentence saying why not.
    Result<QVariant> editorValue(int column) const;
    /// The editor widget of @p column (its objectName is "editor_<column name>").
    QWidget *editor(int column) const;
    /// The rows of other tables that refer to this one, and the label choice; nullptr for a new row.
    RelatedRowsPanel *relatedRows() const { return m_related; }

    /// Writes the edits into the model and saves this row. Returns true when it was saved
    /// (after a merge, if there was a conflict); false if it was not (cancelled, conflict
    /// not resolved, refused by the database: the banner says why).
    bool save();
    /// Asks for confirmation, then deletes the row, checked against its version.
    bool deleteRow();
    /// Drops this row's unsaved edits and shows the row as loaded.
    void revert();

Q_SIGNALS:
    /// The row was saved (or deleted: @p deleted) in the database.
    void saved(const QVariant &key, bool deleted);

private:
    struct Field
    {
        int column = -1;
        QString name;
        ColumnInfo info;
        bool readOnly = false;
        bool loadedNull = false;
        QHBoxLayout *line = nullptr;
        QWidget *editor = nullptr;
        QToolButton *placeholder = nullptr; ///< "NULL" or "default" in place of the editor
        QCheckBox *null = nullptr;
        QCheckBox *useDefault = nullptr;    ///< a new row's column left to the database
    };

    void build();
    /// One field's line: placeholder, default and NULL boxes, the reference buttons (no editor yet).
    Field makeField(int column, QWidget *page);
    QDialogButtonBox *buildButtons();
    void addReferenceButtons(Field &field, QWidget *page);
    void load();
    bool isReadOnly(const Field &field) const;
    void setEditor(Field &field, const QVariant &value);
    void updateField(Field &field);
    void checkEdited(QWidget *editor);
    void updateBanner();
    /// Adds the new row if needed and writes the fields into the model.
    bool writeRow();
    bool writeIntoModel(int row);
    bool submitRow(bool deleting);
    bool resolveConflict(int row, bool deleting);
    void showResult(const QString &text, bool problem);

    VersionedTableModel *m_model = nullptr;
    bool m_newRow = false;
    int m_insertRow = -1;  // the model row of an unsaved new row
    QVariant m_key;
    QList<Field> m_fields;
    QLabel *m_banner = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_delete = nullptr;
    QPushButton *m_revert = nullptr;
    RelatedRowsPanel *m_related = nullptr;
};

} // namespace Concord
