#pragma once

#include <QString>
#include <QStringList>
#include <QVariant>

namespace Concord {

/// What Concord knows of one column beyond Qt's QSqlField, read from the database's own
/// catalog: the type as declared, how its values are shown and edited, and the
/// constraints an edit must meet before it is saved.
struct ColumnInfo
{
    /// How values of the column are shown, edited and checked.
    enum class Kind {
        Integer,  ///< whole numbers, read as qint64 (or quint64 for unsigned)
        Decimal,  ///< DECIMAL/NUMERIC: exact text on servers, never a double on the way
        Float,    ///< REAL/DOUBLE: a double, shown by its shortest exact text
        Boolean,
        Text,
        Date,     ///< read as text (YYYY-MM-DD) or QDate
        Time,     ///< read as text, with every fractional digit
        DateTime, ///< read as text, with every fractional digit (and the offset, with a zone)
        Binary,   ///< bytes; never shown or edited as text
        Other,    ///< anything else the driver reads as text (JSON, UUID, intervals…)
    };

    QString name;
    QString sqlType;            ///< the type as the database spells it, e.g. "numeric(12,2)"
    Kind kind = Kind::Other;
    bool nullable = true;
    bool hasDefault = false;    ///< the database fills it in when an insert leaves it out
    QString defaultSql;         ///< that default as SQL text
    bool generated = false;     ///< assigned by the database (serial, identity, auto-increment, rowid)
    bool withTimeZone = false;  ///< timestamptz, timetz
    bool isUnsigned = false;
    int integerBytes = 8;       ///< 1, 2, 3, 4 or 8 for integers
    int length = -1;            ///< characters, for char(n)/varchar(n)
    int precision = -1;         ///< total digits, for numeric(p,s)
    int scale = -1;             ///< digits after the point, for numeric(p,s)
    int keptDigits = -1;        ///< significant digits the database keeps of a decimal (SQLite: 15), -1: all
    QStringList allowedValues;  ///< an enum's labels, or the list of a CHECK (column IN (…))
    QString referencedTable;    ///< a single-column foreign key: the table it points to
    QString referencedColumn;   ///< … and the column there

    /// The kind a declared type suggests, by SQLite's own reading of type names (which
    /// the servers' names fit too): "BIGINT" is an integer, "DECIMAL(14,4)" a decimal.
    static Kind kindOfDeclared(const QString &declared);
    /// Reads "(p,s)" or "(n)" after a type name into precision/scale or length.
    void readModifiers(const QString &declared);
    /// @p value as read by a driver, in the one form Concord keeps for this kind whatever
    /// the database: decimals and dates, times and timestamps as their exact text, floats
    /// as doubles, booleans as bool. Every read goes through it, so that a value read, a
    /// value typed and a value in the change log compare and print alike.
    QVariant normalized(const QVariant &value) const;
    /// Whether normalized() can change a value of this kind at all.
    bool needsNormalizing() const;
    /// The Qt type of normalized() values of this kind.
    QMetaType metaType() const;

    /// The smallest and largest value an integer column holds.
    qint64 minimum() const;
    quint64 maximum() const;
    static QString kindName(Kind kind);
    /// The values of an SQL list as a catalog prints it: "'a', 'it''s', 3" or
    /// "ARRAY['a'::text, 'b'::text]" -> a, it's, 3. Empty when it is not a plain list.
    /// With @p backslashEscapes (MariaDB), "\'" in a string is a quote too.
    static QStringList parseValueList(QStringView list, bool backslashEscapes = false);
};

} // namespace Concord
