#pragma once

#include "columninfo.h"
#include "result.h"

#include <QCoreApplication>
#include <QVariant>

class QWidget;

namespace Concord {

class VersionedTableModel;

/// The editors of a column, chosen from its catalog entry, shared by the grid's delegate
/// and the record form: integers within their range, decimals validated for precision and
/// scale (never a spin box that rounds), varchar(n) limited to n, pickers for dates and
/// times where the picker holds the value exactly, lists as drop-downs, booleans as check
/// boxes. An editor opened and closed without a change reports no change, whatever its type.
class ValueEditor
{
    Q_DECLARE_TR_FUNCTIONS(ValueEditor)

public:
    /// A new editor for @p column suited to @p value, or nullptr for a column whose values
    /// are never edited as text (bytes).
    static QWidget *create(const ColumnInfo &column, const QVariant &value, QWidget *parent);
    /// The same for @p column of @p model, where a foreign key gets a drop-down of the
    /// referenced rows by label (ReferenceEditor) that stores the key.
    static QWidget *create(const VersionedTableModel &model, int column, const QVariant &value, QWidget *parent);
    /// Whether @p editor (made by create()) is the editor create() would make for @p value
    /// now: a picker cannot take a value with microseconds that arrived since.
    static bool suits(const QWidget *editor, const ColumnInfo &column, const QVariant &value);
    /// Shows @p value in @p editor and remembers it as the value the editor was opened on.
    static void setValue(QWidget *editor, const ColumnInfo &column, const QVariant &value);
    /// Whether the person changed @p editor since setValue(): an editor left alone, or
    /// brought back to the text it opened with, has no change to write.
    static bool isChanged(const QWidget *editor);
    /// What @p editor would write, before the column's check: text, or a bool for a check box.
    static QVariant value(const QWidget *editor);

    /// @p typed checked for @p column of @p model as a save would check it, and a foreign
    /// key looked up: the value to store, or BadInput with the one sentence to show.
    static Result<QVariant> check(const VersionedTableModel &model, int column, const QVariant &typed);

private:
    enum class Kind { None, CheckBox, SpinBox, Picker, List, Line };
    static Kind kindFor(const ColumnInfo &column, const QVariant &value);
};

} // namespace Concord
