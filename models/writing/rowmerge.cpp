#include "rowmerge.h"

#include "jsonvalue.h"

namespace Concord {

RowMerge::RowMerge(const Conflict &conflict, const QStringList &columns, const QStringList &keyColumns)
    : m_conflict(conflict)
    , m_fields(columns)
    , m_keyColumns(keyColumns)
{
    if (m_fields.isEmpty()) {
        // Without the table's order, every column any side names, in the maps' (sorted) order.
        QStringList names = m_conflict.base.keys() + m_conflict.mine.keys() + m_conflict.theirs.keys();
        names.sort();
        names.removeDuplicates();
        m_fields = names;
    }
}

bool RowMerge::changedByMe(const QString &field) const
{
    const auto it = m_conflict.mine.constFind(field);
    if (it == m_conflict.mine.constEnd())
        return false;
    return !m_conflict.base.contains(field) || !JsonValue::sameValue(it.value(), m_conflict.base.value(field));
}

bool RowMerge::changedByThem(const QString &field) const
{
    // A field missing from the base cannot be told changed: it counts as theirs unchanged,
    // as Conflict::changedByThem() does.
    if (isDeleted() || !m_conflict.base.contains(field) || !m_conflict.theirs.contains(field))
        return false;
    return !JsonValue::sameValue(m_conflict.base.value(field), m_conflict.theirs.value(field));
}

RowMerge::FieldState RowMerge::state(const QString &field) const
{
    const bool mine = changedByMe(field);
    const bool theirs = changedByThem(field);
    if (mine && theirs) {
        return JsonValue::sameValue(m_conflict.mine.value(field), m_conflict.theirs.value(field))
                ? FieldState::BothSame : FieldState::BothDifferent;
    }
    if (mine)
        return FieldState::MineOnly;
    if (theirs)
        return FieldState::TheirsOnly;
    return FieldState::Unchanged;
}

QVariant RowMerge::baseValue(const QString &field) const
{
    return m_conflict.base.value(field);
}

QVariant RowMerge::mineValue(const QString &field) const
{
    const auto it = m_conflict.mine.constFind(field);
    return it != m_conflict.mine.constEnd() ? it.value() : m_conflict.base.value(field);
}

QVariant RowMerge::theirValue(const QString &field) const
{
    if (isDeleted())
        return QVariant();
    const auto it = m_conflict.theirs.constFind(field);
    // A column the current row does not name is one nobody could have changed.
    return it != m_conflict.theirs.constEnd() ? it.value() : m_conflict.base.value(field);
}

QVariantMap RowMerge::autoMerged() const
{
    QVariantMap values;
    for (const QString &field : m_fields) {
        if (isKeyColumn(field))
            continue;
        switch (state(field)) {
        case FieldState::MineOnly:
        case FieldState::BothSame:
            values.insert(field, mineValue(field));
            break;
        case FieldState::TheirsOnly:
            values.insert(field, theirValue(field));
            break;
        case FieldState::Unchanged:
        case FieldState::BothDifferent:
            break;
        }
    }
    return values;
}

bool RowMerge::setChoice(const QString &field, Choice choice, const QVariant &value)
{
    if (!m_fields.contains(field) || isKeyColumn(field))
        return false;
    if (choice == Choice::Automatic) {
        m_choices.remove(field);
        m_custom.remove(field);
        return true;
    }
    m_choices.insert(field, choice);
    if (choice == Choice::Custom)
        m_custom.insert(field, value);
    else
        m_custom.remove(field);
    return true;
}

RowMerge::Choice RowMerge::choice(const QString &field) const
{
    return m_choices.value(field, Choice::Automatic);
}

bool RowMerge::isResolved(const QString &field) const
{
    return isKeyColumn(field) || choice(field) != Choice::Automatic || state(field) != FieldState::BothDifferent;
}

QVariant RowMerge::result(const QString &field) const
{
    if (isKeyColumn(field))
        return isDeleted() ? baseValue(field) : theirValue(field);
    switch (choice(field)) {
    case Choice::Mine:
        return mineValue(field);
    case Choice::Theirs:
        return theirValue(field);
    case Choice::Custom:
        return m_custom.value(field);
    case Choice::Automatic:
        break;
    }
    switch (state(field)) {
    case FieldState::MineOnly:
    case FieldState::BothSame:
        return mineValue(field);
    case FieldState::TheirsOnly:
        return theirValue(field);
    case FieldState::Unchanged:
        // A deleted row has no "theirs": what I would re-create is what I loaded.
        return isDeleted() ? baseValue(field) : theirValue(field);
    case FieldState::BothDifferent:
        break;
    }
    return QVariant();
}

QStringList RowMerge::unresolvedFields() const
{
    QStringList fields;
    for (const QString &field : m_fields) {
        if (!isResolved(field))
            fields.append(field);
    }
    return fields;
}

QVariantMap RowMerge::mergedValues() const
{
    QVariantMap values;
    for (const QString &field : m_fields) {
        if (!isKeyColumn(field) && isResolved(field))
            values.insert(field, result(field));
    }
    return values;
}

QVariantMap RowMerge::keepMineValues() const
{
    QVariantMap values;
    for (const QString &field : m_fields) {
        if (isKeyColumn(field))
            continue;
        if (changedByMe(field))
            values.insert(field, mineValue(field));
        else
            values.insert(field, isDeleted() ? baseValue(field) : theirValue(field));
    }
    return values;
}

QString RowMerge::stateName(FieldState state)
{
    switch (state) {
    case FieldState::Unchanged: return tr("unchanged");
    case FieldState::MineOnly: return tr("mine only");
    case FieldState::TheirsOnly: return tr("theirs only");
    case FieldState::BothSame: return tr("both, same value");
    case FieldState::BothDifferent: return tr("both, different values");
    }
    return QString();
}

} // namespace Concord
