#include "valueeditor.h"

#include "referenceeditor.h"
#include "valueformat.h"
#include "versionedtablemodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDateTimeEdit>
#include <QLineEdit>
#include <QRegularExpression>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QTimeEdit>

#include <limits>
#include <optional>

namespace Concord {

namespace {

// What an editor remembers of the value it was opened on, as dynamic properties, so the
// delegate's editors (plain Qt widgets the view owns) need no wrapper.
constexpr char openedProperty[] = "concordOpened";
constexpr char openedNullProperty[] = "concordOpenedNull";
constexpr char touchedProperty[] = "concordTouched";
constexpr char fillingProperty[] = "concordFilling";
constexpr char formatProperty[] = "concordFormat";
constexpr char pickedProperty[] = "concordPicked";
constexpr char kindProperty[] = "concordEditorKind";

/// A value a date/time picker shows exactly, and the format that writes it back.
struct Pickable
{
    QDateTime when;
    QString format;        ///< how the editor's value is written (the value's own spelling)
    QString displayFormat; ///< how the picker shows it
};

QString timeFormat(const QString &seconds, const QString &fraction)
{
    if (seconds.isEmpty())
        return QStringLiteral("HH:mm");
    return fraction.isEmpty() ? QStringLiteral("HH:mm:ss") : QStringLiteral("HH:mm:ss.zzz");
}

// QDateTimeEdit holds milliseconds and no offset: a value with more fractional digits or
// with a zone is edited as text, so that nothing the person did not change is rounded.
// A NULL gets a picker (there is nothing to round) starting today.
std::optional<Pickable> pickable(const ColumnInfo &column, const QVariant &value)
{
    const bool null = !value.isValid() || value.isNull();
    const QString text = value.toString().trimmed();
    Pickable picked;
    switch (column.kind) {
    case ColumnInfo::Kind::Date: {
        static const QRegularExpression date(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
        picked.format = picked.displayFormat = QStringLiteral("yyyy-MM-dd");
        QDate day = QDate::currentDate();
        if (!null && value.typeId() == QMetaType::QDate)
            day = value.toDate();
        else if (!null)
            day = date.match(text).hasMatch() ? QDate::fromString(text, Qt::ISODate) : QDate();
        // QDateEdit's calendar starts at year 100.
        if (!day.isValid() || day.year() < 100 || day.year() > 9999)
            return std::nullopt;
        picked.when = QDateTime(day, QTime(0, 0), Qt::UTC);
        return picked;
    }
    case ColumnInfo::Kind::Time: {
        static const QRegularExpression time(QStringLiteral("^\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?$"));
        if (null) {
            picked.format = picked.displayFormat = QStringLiteral("HH:mm:ss");
            picked.when = QDateTime(QDate(2000, 1, 1), QTime(0, 0), Qt::UTC);
            return picked;
        }
        const QRegularExpressionMatch match = time.match(text);
        const QTime parsed = QTime::fromString(text, Qt::ISODateWithMs);
        if (!match.hasMatch() || !parsed.isValid())
            return std::nullopt;
        picked.format = picked.displayFormat = timeFormat(match.captured(1), match.captured(2));
        picked.when = QDateTime(QDate(2000, 1, 1), parsed, Qt::UTC);
        return picked;
    }
    case ColumnInfo::Kind::DateTime: {
        if (column.withTimeZone)
            return std::nullopt;
        static const QRegularExpression stamp(QStringLiteral(
                "^(\\d{4}-\\d{2}-\\d{2})([ T])(\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?)$"));
        if (null) {
            picked.format = picked.displayFormat = QStringLiteral("yyyy-MM-dd HH:mm:ss");
            const QDateTime now = QDateTime::currentDateTime();
            picked.when = QDateTime(now.date(), QTime(now.time().hour(), now.time().minute()), Qt::UTC);
            return picked;
        }
        const QRegularExpressionMatch match = stamp.match(text);
        if (!match.hasMatch())
            return std::nullopt;
        const QDate day = QDate::fromString(match.captured(1), Qt::ISODate);
        const QTime time = QTime::fromString(match.captured(3), Qt::ISODateWithMs);
        if (!day.isValid() || !time.isValid() || day.year() < 100 || day.year() > 9999)
            return std::nullopt;
        const QString clock = timeFormat(match.captured(4), match.captured(5));
        // Written back with the separator it was read with.
        picked.format = QStringLiteral("yyyy-MM-dd") + (match.captured(2) == QLatin1String("T") ? QStringLiteral("'T'")
                                                                                                 : QStringLiteral(" "))
                + clock;
        picked.displayFormat = QStringLiteral("yyyy-MM-dd ") + clock;
        picked.when = QDateTime(day, time, Qt::UTC);
        return picked;
    }
    default:
        return std::nullopt;
    }
}

QValidator *validatorFor(const ColumnInfo &column, QObject *parent)
{
    QString pattern;
    switch (column.kind) {
    case ColumnInfo::Kind::Integer:
        // The digits of the 64-bit range; the exact bounds are the column's check, on commit.
        pattern = column.isUnsigned ? QStringLiteral("\\+?\\d{0,20}") : QStringLiteral("[+-]?\\d{0,19}");
        break;
    case ColumnInfo::Kind::Decimal:
        if (column.precision > 0 && column.scale >= 0) {
            const int whole = std::max(column.precision - column.scale, 1);
            pattern = column.scale == 0 ? QStringLiteral("[+-]?\\d{0,%1}").arg(whole)
                                        : QStringLiteral("[+-]?\\d{0,%1}(\\.\\d{0,%2})?").arg(whole).arg(column.scale);
        } else {
            pattern = QStringLiteral("[+-]?\\d*(\\.\\d*)?");
        }
        break;
    case ColumnInfo::Kind::Float:
        // Empty is acceptable too: Enter must close an editor opened on NULL.
        pattern = QStringLiteral("([+-]?(\\d+(\\.\\d*)?|\\.\\d*)([eE][+-]?\\d*)?)?");
        break;
    default:
        return nullptr;
    }
    return new QRegularExpressionValidator(QRegularExpression(pattern), parent);
}

// Any change the person makes (never one setValue() makes) marks the editor touched.
void watch(QWidget *editor)
{
    const auto touch = [editor] {
        if (!editor->property(fillingProperty).toBool())
            editor->setProperty(touchedProperty, true);
    };
    if (auto *box = qobject_cast<QCheckBox *>(editor))
        QObject::connect(box, &QCheckBox::toggled, editor, touch);
    else if (auto *reference = qobject_cast<ReferenceEditor *>(editor)) {
        QObject::connect(reference, &QComboBox::currentIndexChanged, editor, touch);
        QObject::connect(reference->lineEdit(), &QLineEdit::textEdited, editor, touch);
    } else if (auto *combo = qobject_cast<QComboBox *>(editor))
        QObject::connect(combo, &QComboBox::currentIndexChanged, editor, touch);
    else if (auto *spin = qobject_cast<QSpinBox *>(editor))
        QObject::connect(spin, &QSpinBox::valueChanged, editor, touch);
    else if (auto *when = qobject_cast<QDateTimeEdit *>(editor))
        // A picker re-announces its value when it gains or loses focus: only another value counts.
        QObject::connect(when, &QDateTimeEdit::dateTimeChanged, editor, [editor, touch](const QDateTime &picked) {
            if (picked != editor->property(pickedProperty).toDateTime())
                touch();
        });
    else if (auto *line = qobject_cast<QLineEdit *>(editor))
        QObject::connect(line, &QLineEdit::textEdited, editor, touch);
}

} // namespace

ValueEditor::Kind ValueEditor::kindFor(const ColumnInfo &column, const QVariant &value)
{
    const bool null = !value.isValid() || value.isNull();
    switch (column.kind) {
    case ColumnInfo::Kind::Binary:
        return Kind::None;
    case ColumnInfo::Kind::Boolean:
        if (null || ValueFormat::toBool(value))
            return Kind::CheckBox;
        break;
    case ColumnInfo::Kind::Integer:
        // QSpinBox holds an int; wider columns are typed as text. A NULL is typed too, so
        // that the spin box's 0 is never taken for a value.
        if (!null && column.minimum() >= std::numeric_limits<int>::min()
            && column.maximum() <= quint64(std::numeric_limits<int>::max()))
            return Kind::SpinBox;
        break;
    case ColumnInfo::Kind::Date:
    case ColumnInfo::Kind::Time:
    case ColumnInfo::Kind::DateTime:
        if (pickable(column, value))
            return Kind::Picker;
        break;
    default:
        break;
    }
    if (!column.allowedValues.isEmpty() && (column.kind == ColumnInfo::Kind::Text || column.kind == ColumnInfo::Kind::Other))
        return Kind::List;
    return Kind::Line;
}

QWidget *ValueEditor::create(const ColumnInfo &column, const QVariant &value, QWidget *parent)
{
    QWidget *editor = nullptr;
    switch (kindFor(column, value)) {
    case Kind::None:
        return nullptr;
    case Kind::CheckBox: {
        auto *box = new QCheckBox(parent);
        // Over a grid cell, the cell's text must not show through.
        box->setAutoFillBackground(true);
        editor = box;
        break;
    }
    case Kind::SpinBox: {
        auto *spin = new QSpinBox(parent);
        spin->setRange(int(column.minimum()), int(column.maximum()));
        spin->setFrame(false);
        editor = spin;
        break;
    }
    case Kind::Picker: {
        QDateTimeEdit *when = column.kind == ColumnInfo::Kind::Date ? new QDateEdit(parent)
                : column.kind == ColumnInfo::Kind::Time ? new QTimeEdit(parent)
                                                        : new QDateTimeEdit(parent);
        // UTC: a local time inside a daylight-saving gap would be moved by an hour.
        when->setTimeSpec(Qt::UTC);
        when->setCalendarPopup(column.kind != ColumnInfo::Kind::Time);
        when->setMinimumDate(QDate(100, 1, 1));
        when->setFrame(false);
        editor = when;
        break;
    }
    case Kind::List: {
        auto *combo = new QComboBox(parent);
        combo->addItems(column.allowedValues);
        editor = combo;
        break;
    }
    case Kind::Line: {
        auto *line = new QLineEdit(parent);
        line->setFrame(false);
        if (QValidator *validator = validatorFor(column, line))
            line->setValidator(validator);
        editor = line;
        break;
    }
    }
    editor->setProperty(kindProperty, int(kindFor(column, value)));
    watch(editor);
    return editor;
}

QWidget *ValueEditor::create(const VersionedTableModel &model, int column, const QVariant &value, QWidget *parent)
{
    const ColumnInfo info = model.columnInfo(column);
    if (info.referencedTable.isEmpty() || info.referencedColumn.isEmpty())
        return create(info, value, parent);
    auto *editor = new ReferenceEditor(model.referenceLabels(), info, parent);
    watch(editor);
    return editor;
}

bool ValueEditor::suits(const QWidget *editor, const ColumnInfo &column, const QVariant &value)
{
    // A drop-down of referenced rows takes any key.
    if (qobject_cast<const ReferenceEditor *>(editor))
        return !column.referencedTable.isEmpty();
    return editor && editor->property(kindProperty).isValid()
            && Kind(editor->property(kindProperty).toInt()) == kindFor(column, value);
}

void ValueEditor::setValue(QWidget *editor, const ColumnInfo &column, const QVariant &value)
{
    const bool null = !value.isValid() || value.isNull();
    editor->setProperty(fillingProperty, true);
    if (auto *box = qobject_cast<QCheckBox *>(editor)) {
        box->setChecked(ValueFormat::toBool(value).value_or(false));
    } else if (auto *reference = qobject_cast<ReferenceEditor *>(editor)) {
        reference->setKey(null ? QVariant() : value);
    } else if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        const QString text = ValueFormat::editText(value, column);
        int index = null ? -1 : combo->findText(text);
        // A value the list no longer has stays what it is until the person picks another.
        if (!null && index < 0) {
            combo->addItem(text);
            index = combo->count() - 1;
        }
        combo->setCurrentIndex(index);
    } else if (auto *spin = qobject_cast<QSpinBox *>(editor)) {
        spin->setValue(value.toInt());
    } else if (auto *when = qobject_cast<QDateTimeEdit *>(editor)) {
        if (const std::optional<Pickable> picked = pickable(column, value)) {
            when->setDisplayFormat(picked->displayFormat);
            when->setDateTime(picked->when);
            editor->setProperty(formatProperty, picked->format);
            editor->setProperty(pickedProperty, when->dateTime());
        }
    } else if (auto *line = qobject_cast<QLineEdit *>(editor)) {
        const QString text = ValueFormat::editText(value, column);
        // varchar(n) counts characters, QLineEdit UTF-16 units: a value of n characters
        // outside the BMP must still fit whole.
        if (column.kind == ColumnInfo::Kind::Text && column.length > 0)
            line->setMaxLength(int(std::max<qsizetype>(column.length, text.size())));
        line->setText(text);
        line->setModified(false);
        line->setCursorPosition(int(text.size()));
    }
    editor->setProperty(fillingProperty, false);
    editor->setProperty(touchedProperty, false);
    editor->setProperty(openedNullProperty, null);
    editor->setProperty(openedProperty, ValueEditor::value(editor).toString());
}

bool ValueEditor::isChanged(const QWidget *editor)
{
    if (!editor || !editor->property(touchedProperty).toBool())
        return false;
    // From NULL, any change is one (an empty text or a false box is a value, not NULL).
    if (editor->property(openedNullProperty).toBool())
        return true;
    return value(editor).toString() != editor->property(openedProperty).toString();
}

QVariant ValueEditor::value(const QWidget *editor)
{
    if (const auto *box = qobject_cast<const QCheckBox *>(editor))
        return box->isChecked();
    if (const auto *reference = qobject_cast<const ReferenceEditor *>(editor))
        return reference->key();
    if (const auto *combo = qobject_cast<const QComboBox *>(editor))
        return combo->currentIndex() < 0 ? QVariant() : QVariant(combo->currentText());
    if (const auto *spin = qobject_cast<const QSpinBox *>(editor))
        return QString::number(spin->value());
    if (const auto *when = qobject_cast<const QDateTimeEdit *>(editor))
        return when->dateTime().toString(editor->property(formatProperty).toString());
    if (const auto *line = qobject_cast<const QLineEdit *>(editor))
        return line->text();
    return QVariant();
}

Result<QVariant> ValueEditor::check(const VersionedTableModel &model, int column, const QVariant &typed)
{
    Result<QVariant> checked = model.checkValue(column, typed);
    if (!checked) {
        // A foreign key typed as a label that names no row is no row, not a badly typed number.
        const ColumnInfo info = model.columnInfo(column);
        if (!info.referencedTable.isEmpty() && !typed.toString().isEmpty())
            return DbError::badInput(tr("No row of \"%1\" is labelled or keyed \"%2\".").arg(info.referencedTable, typed.toString()));
        return checked;
    }
    // A failed lookup is no verdict: the save will say what the database thinks.
    const Result<bool> exists = model.referenceExists(column, *checked);
    if (exists && !*exists) {
        const ColumnInfo info = model.columnInfo(column);
        return DbError::badInput(tr("There is no row in \"%1\" with %2 = %3, which \"%4\" must refer to.")
                                         .arg(info.referencedTable, info.referencedColumn,
                                              ValueFormat::text(*checked, info), info.name));
    }
    return checked;
}

} // namespace Concord
