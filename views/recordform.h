#pragma once

#include "submitresult.h"
#include "tableschema.h"

#include <QDialog>
#include <QList>
#include <QVariant>

class QCheckBox;
class QLabel;
class QPushButton;
class QWidget;

namespace Concord {

class VersionedTableModel;

/// One row of a VersionedTableModel in a form: an editor per column type, the primary key
/// and version read-only, a banner when the row is stale or in conflict. Save writes the
/// edits into the model and saves that row only; a conflict opens the merge dialog right
/// there. Delete (after a confirmation) is checked against the version too.
class RecordForm : public QDialog
{
    Q_OBJECT

public:
    /// @p row == -1 opens an empty form for a new row.
    RecordForm(VersionedTableModel *model, int row, QWidget *parent = nullptr);

    /// The row the form shows now (rows move after a save adds or removes one); -1 when
    /// a new row has not been saved or the row was deleted.
    int row() const;
    /// Whether the form holds a row not saved yet.
    bool isNewRow() const { return m_newRow; }
    /// The primary key of the row shown (null for an unsaved new row).
    QVariant key() const { return m_key; }

    /// The value the editor of @p column holds now (null when its NULL box is ticked);
    /// invalid when the text is not a valid value for the column.
    QVariant editorValue(int column) const;
    /// The editor widget of @p column (its objectName is "editor_<column name>").
    QWidget *editor(int column) const;

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
        QMetaType type;
        bool readOnly = false;
        QWidget *editor = nullptr;
        QCheckBox *null = nullptr;
    };

    void build();
    QWidget *makeEditor(Field &field);
    void load();
    void setEditorValue(const Field &field, const QVariant &value);
    void updateBanner();
    bool writeIntoModel(int row);
    bool submitRow(bool deleting);
    bool resolveConflict(int row, bool deleting);
    void showResult(const QString &text, bool problem);

    VersionedTableModel *m_model = nullptr;
    TableSchema m_schema;
    bool m_newRow = false;
    int m_insertRow = -1;  // the model row of an unsaved new row
    QVariant m_key;
    QList<Field> m_fields;
    QLabel *m_banner = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_delete = nullptr;
    QPushButton *m_revert = nullptr;
};

} // namespace Concord
