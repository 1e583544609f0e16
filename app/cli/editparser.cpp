#include "editparser.h"

#include "batchsubmitter.h"
#include "versionedwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>

#include <optional>
#include <QSqlField>

using namespace Concord;

namespace {

const QString keyTable = QStringLiteral("table");
const QString keyOp = QStringLiteral("op");
const QString keyPk = QStringLiteral("pk");
const QString keyVersion = QStringLiteral("version");
const QString keySet = QStringLiteral("set");
const QString keyValues = QStringLiteral("values");
const QString keyBase = QStringLiteral("base");
const QString keyNoCheck = QStringLiteral("no_check");
const QString keyNoIncrement = QStringLiteral("no_increment");

QString jsonTypeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return QStringLiteral("a boolean");
    case QJsonValue::Double: return QStringLiteral("a number");
    case QJsonValue::String: return QStringLiteral("a string");
    case QJsonValue::Array: return QStringLiteral("an array");
    case QJsonValue::Object: return QStringLiteral("an object");
    case QJsonValue::Undefined: break;
    }
    return QStringLiteral("nothing");
}

// A version is a whole number: JSON integers, or their decimal text (for 64-bit stamps
// written by tools that keep numbers as text). Anything else is a tampered version.
std::optional<qint64> wholeNumber(const QVariant &value)
{
    bool ok = false;
    qint64 number = 0;
    switch (value.typeId()) {
    case QMetaType::LongLong:
    case QMetaType::Int:
        return value.toLongLong();
    case QMetaType::QString:
        number = value.toString().trimmed().toLongLong(&ok);
        break;
    default:
        break;
    }
    if (!ok)
        return std::nullopt;
    return number;
}

// The first number in @p json with more significant digits than a double keeps (15), or
// nothing. Qt's JSON reader turns such numbers into doubles before anyone sees them
// (123456789012345678.0123456788 becomes 123456789012345680): they must come as strings.
// Whole numbers that fit 64 bits are exact and pass.
std::optional<QByteArray> roundedNumber(const QByteArray &json)
{
    bool inString = false;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json.at(i);
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
            continue;
        }
        if (c != '-' && (c < '0' || c > '9'))
            continue;
        const qsizetype start = i;
        int significant = 0;
        bool leading = true;
        bool whole = true;
        for (; i < json.size(); ++i) {
            const char d = json.at(i);
            if (d >= '0' && d <= '9') {
                leading = leading && d == '0';
                significant += leading ? 0 : 1;
            } else if (d == '.' || d == 'e' || d == 'E') {
                whole = false;
            } else if (d != '-' && d != '+') {
                break;
            }
        }
        const QByteArray token = json.mid(start, i - start);
        --i;
        bool fits = false;
        token.toLongLong(&fits);
        if (significant > 15 && !(whole && fits))
            return token;
    }
    return std::nullopt;
}

} // namespace

EditParser::EditParser(BatchSubmitter &submitter)
    : m_submitter(submitter)
{
}

Result<VersionedWriter *> EditParser::table(const QString &name)
{
    return m_submitter.writer(name);
}

Result<QVariant> EditParser::key(const VersionedWriter &writer, const QString &text)
{
    const TableSchema &schema = writer.schema();
    if (schema.primaryKey().isEmpty())
        return DbError::badInput(EditParser::tr("Table \"%1\" has no single-column primary key, so its rows "
                                                "cannot be named.").arg(schema.name()));
    return schema.coerce(schema.primaryKey(), text);
}

Result<QVariant> EditParser::version(const QString &text)
{
    const auto number = wholeNumber(text);
    if (!number)
        return DbError::badInput(EditParser::tr("The version must be a whole number, not \"%1\".").arg(text));
    return QVariant(*number);
}

Result<QVariantMap> EditParser::assignments(const VersionedWriter &writer, const QStringList &sets)
{
    QVariantMap changes;
    const TableSchema &schema = writer.schema();
    for (const QString &set : sets) {
        const qsizetype eq = set.indexOf(QLatin1Char('='));
        if (eq <= 0)
            return DbError::badInput(QStringLiteral("--set needs COLUMN=VALUE, not \"%1\".").arg(set));
        const QString name = set.left(eq);
        const auto value = schema.coerce(name, set.mid(eq + 1));
        if (!value)
            return value.error();
        const QString column = schema.column(name);
        if (changes.contains(column))
            return DbError::badInput(EditParser::tr("Column \"%1\" is set more than once.").arg(column));
        changes.insert(column, *value);
    }
    return changes;
}

Result<QList<RowRef>> EditParser::rowRefs(const VersionedWriter &writer, const QString &text)
{
    QList<RowRef> refs;
    const QStringList items = text.split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (items.isEmpty())
        return DbError::badInput(QStringLiteral("--rows needs at least one PK:VERSION pair."));
    const bool versioned = writer.policy().isVersioned();
    for (const QString &item : items) {
        // The version comes after the last colon: keys may contain colons, versions never do.
        const qsizetype colon = item.lastIndexOf(QLatin1Char(':'));
        if (colon < 0 && versioned)
            return DbError::badInput(EditParser::tr("Row \"%1\" has no version: give --rows as PK:VERSION, with "
                                                    "the version you read.").arg(item.trimmed()));
        RowRef ref;
        const auto pk = key(writer, colon < 0 ? item.trimmed() : item.left(colon).trimmed());
        if (!pk)
            return pk.error();
        ref.pk = *pk;
        if (colon >= 0) {
            const auto v = version(item.mid(colon + 1).trimmed());
            if (!v)
                return v.error();
            ref.version = *v;
        }
        refs.append(ref);
    }
    return refs;
}

Result<QVariantMap> EditParser::values(const VersionedWriter &writer, const QJsonValue &json, const QString &key)
{
    if (!json.isObject())
        return DbError::badInput(QStringLiteral("\"%1\" must be an object of column values, not %2.")
                                         .arg(key, jsonTypeName(json)));
    QVariantMap values;
    const QJsonObject object = json.toObject();
    const TableSchema &schema = writer.schema();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const auto value = schema.coerce(it.key(), it.value().toVariant());
        if (!value)
            return value.error();
        values.insert(schema.column(it.key()), *value);
    }
    return values;
}

Result<RowEdit> EditParser::edit(const QJsonObject &object)
{
    static const QSet<QString> known{keyTable, keyOp, keyPk, keyVersion, keySet, keyValues, keyBase,
                                     keyNoCheck, keyNoIncrement};
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        // A misspelt key ("sets", "verison") must not silently drop part of an edit.
        if (!known.contains(it.key()))
            return DbError::badInput(EditParser::tr("Unknown key \"%1\".").arg(it.key()));
    }
    const QJsonValue tableName = object.value(keyTable);
    if (!tableName.isString())
        return DbError::badInput(EditParser::tr("\"table\" must name a table."));
    const auto found = table(tableName.toString());
    if (!found)
        return found.error();
    const VersionedWriter &writer = **found;

    RowEdit edit;
    edit.table = writer.schema().name();
    const QString op = object.value(keyOp).toString(QStringLiteral("update"));
    if (op == QLatin1String("update"))
        edit.op = RowEdit::Op::Update;
    else if (op == QLatin1String("delete"))
        edit.op = RowEdit::Op::Delete;
    else if (op == QLatin1String("insert"))
        edit.op = RowEdit::Op::Insert;
    else
        return DbError::badInput(EditParser::tr("\"op\" must be update, delete or insert, not \"%1\".").arg(op));
    for (const QString &flag : {keyNoCheck, keyNoIncrement}) {
        if (object.contains(flag) && !object.value(flag).isBool())
            return DbError::badInput(EditParser::tr("\"%1\" must be true or false.").arg(flag));
    }
    edit.noCheck = object.value(keyNoCheck).toBool();
    edit.noIncrement = object.value(keyNoIncrement).toBool();
    const auto filled = edit.op == RowEdit::Op::Insert ? insertEdit(writer, object, edit)
                                                       : rowEdit(writer, object, op, edit);
    if (!filled)
        return filled.error();
    return writer.normalize(edit);
}

Result<void> EditParser::insertEdit(const VersionedWriter &writer, const QJsonObject &object, RowEdit &edit)
{
    for (const QString &unwanted : {keyPk, keyVersion, keySet, keyBase}) {
        if (object.contains(unwanted))
            return DbError::badInput(EditParser::tr("An insert takes \"values\", not \"%1\".").arg(unwanted));
    }
    const auto inserted = values(writer, object.value(keyValues), keyValues);
    if (!inserted)
        return inserted.error();
    edit.changes = *inserted;
    // Columns the database cannot fill itself must be given, or the row would fail after
    // others of the batch were already written.
    const TableSchema &schema = writer.schema();
    for (const ColumnInfo &column : schema.columnInfos()) {
        if (column.nullable || column.hasDefault || column.generated || column.name == writer.policy().column
            || edit.changes.contains(column.name))
            continue;
        return DbError::badInput(EditParser::tr("An insert into \"%1\" needs a value for \"%2\".")
                                         .arg(schema.name(), column.name));
    }
    return {};
}

Result<void> EditParser::rowEdit(const VersionedWriter &writer, const QJsonObject &object, const QString &op,
                                 RowEdit &edit)
{
    // An update or a delete names an existing row, and the version it was read with.
    const TableSchema &schema = writer.schema();
    if (object.contains(keyValues))
        return DbError::badInput(EditParser::tr("\"values\" is for inserts; an %1 takes \"%2\".")
                                         .arg(op, edit.op == RowEdit::Op::Update ? keySet : keyVersion));
    const QJsonValue pk = object.value(keyPk);
    if (pk.isUndefined() || pk.isNull() || pk.isObject() || pk.isArray() || pk.isBool())
        return DbError::badInput(EditParser::tr("\"pk\" must name the row's key."));
    if (schema.primaryKey().isEmpty())
        return DbError::badInput(EditParser::tr("Table \"%1\" has no single-column primary key, so its rows "
                                                "cannot be named.").arg(schema.name()));
    const auto pkValue = schema.coerce(schema.primaryKey(), pk.toVariant());
    if (!pkValue)
        return pkValue.error();
    edit.pk = *pkValue;

    if (object.contains(keyVersion)) {
        const auto v = wholeNumber(object.value(keyVersion).toVariant());
        if (!v)
            return DbError::badInput(EditParser::tr("\"version\" must be a whole number."));
        edit.version = *v;
    } else if (writer.policy().isVersioned() && !edit.noCheck) {
        return DbError::badInput(EditParser::tr("An %1 of \"%2\" needs the \"version\" the row was read with.")
                                         .arg(op, schema.name()));
    }
    if (object.contains(keyBase)) {
        const auto base = values(writer, object.value(keyBase), keyBase);
        if (!base)
            return base.error();
        edit.base = *base;
    }
    if (edit.op != RowEdit::Op::Update) {
        if (object.contains(keySet))
            return DbError::badInput(EditParser::tr("A delete takes no \"set\"."));
        return {};
    }
    if (!object.contains(keySet))
        return DbError::badInput(EditParser::tr("An update needs \"set\": the columns to change."));
    const auto changes = values(writer, object.value(keySet), keySet);
    if (!changes)
        return changes.error();
    edit.changes = *changes;
    return {};
}

Result<QList<RowEdit>> EditParser::batch(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return DbError::badInput(EditParser::tr("The edits are not valid JSON: %1 at offset %2.")
                                         .arg(parseError.errorString())
                                         .arg(parseError.offset));
    if (!document.isArray())
        return DbError::badInput(EditParser::tr("The edits must be a JSON array of objects."));
    if (const auto rounded = roundedNumber(json)) {
        return DbError::badInput(EditParser::tr("The number %1 has more digits than JSON numbers keep exactly; "
                                                "write it as a string (\"%1\") so that it is saved as written. "
                                                "Nothing was written.").arg(QString::fromLatin1(*rounded)));
    }
    const QJsonArray array = document.array();
    QList<RowEdit> edits;
    edits.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonValue entry = array.at(i);
        Result<RowEdit> parsed = entry.isObject()
                ? edit(entry.toObject())
                : Result<RowEdit>(DbError::badInput(EditParser::tr("It is %1, not an object.").arg(jsonTypeName(entry))));
        if (!parsed) {
            DbError error = parsed.error();
            QString message = error.message;
            if (message.endsWith(QLatin1Char('.')))
                message.chop(1);
            error.message = EditParser::tr("Edit %1 is not valid: %2; nothing was written.").arg(i + 1).arg(message);
            return error;
        }
        parsed.value().tag = int(i);
        edits.append(*parsed);
    }
    return edits;
}
