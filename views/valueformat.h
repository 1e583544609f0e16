#pragma once

#include "columninfo.h"

#include <QString>
#include <QVariant>

#include <optional>

class QAbstractItemModel;
class QFont;
class QJsonValue;
class QPalette;
class QColor;

namespace Concord {

/// How every view writes a database value as text: decimals with their declared scale,
/// floats by their shortest exact text, 64-bit integers and date/time text exactly as read,
/// blobs as their size and type. NULL is its own word, drawn apart from '' and from 0.
/// One place, so the grid, the record form, the merge dialog, the report and the history
/// never disagree on what a value is.
class ValueFormat
{
public:
    /// The text shown for @p value of @p column ("NULL" for NULL; style it with placeholderFont()).
    static QString text(const QVariant &value, const ColumnInfo &column = ColumnInfo());
    /// The same for a value out of the change log's JSON.
    static QString text(const QJsonValue &value, const ColumnInfo &column = ColumnInfo());
    /// The text an editor starts from: text() without the NULL word (an empty editor).
    static QString editText(const QVariant &value, const ColumnInfo &column = ColumnInfo());

    /// "<1024 bytes, PNG>": the size and the type its first bytes say, never the bytes.
    static QString binaryText(const QByteArray &bytes);
    /// PNG, JPEG, GIF, PDF or ZIP from the magic bytes at the start; "binary" otherwise.
    static QString binaryType(const QByteArray &bytes);
    /// A boolean however the database spells it (true, 1, "t", "true"); nothing for NULL
    /// or for a value that is no boolean.
    static std::optional<bool> toBool(const QVariant &value);

    /// The word shown for NULL.
    static QString nullText();
    /// The word shown in a new row's cell the database will fill in.
    static QString defaultText();
    /// @p font in the style of NULL and "default": italic.
    static QFont placeholderFont(QFont font);
    /// The colour of NULL and "default": the palette's placeholder grey.
    static QColor placeholderColor(const QPalette &palette);

    /// The catalog's account of @p column when @p model is a VersionedTableModel; otherwise
    /// a column of kind Other, formatted by each value's own type.
    static ColumnInfo columnOf(const QAbstractItemModel *model, int column);
};

} // namespace Concord
