#pragma once

#include "conflict.h"

#include <QCoreApplication>
#include <QHash>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <QVariantMap>

namespace Concord {

/// The three-way merge of one conflicting row: base (as loaded), mine (my edit) and
/// theirs (the row as it is now). Fields changed by one side only merge without asking;
/// a field both sides changed to different values needs a choice. No widgets, no database.
class RowMerge
{
    Q_DECLARE_TR_FUNCTIONS(RowMerge)

public:
    /// Who changed a field, relative to the base.
    enum class FieldState {
        Unchanged,     ///< neither side changed it
        MineOnly,      ///< only I changed it: mine wins
        TheirsOnly,    ///< only they changed it: theirs wins
        BothSame,      ///< both changed it to the same value
        BothDifferent, ///< both changed it to different values: needs a choice
    };

    /// What a person chose for a field.
    enum class Choice {
        Automatic, ///< no choice: the merge rule decides (a BothDifferent field stays unresolved)
        Mine,
        Theirs,
        Custom,    ///< a value typed by the person
    };

    RowMerge() = default;
    /// @p columns orders the fields (the table's order); empty: every column the conflict
    /// names, sorted. @p keyColumns (the primary key, the version) are shown but never merged
    /// nor part of mergedValues().
    explicit RowMerge(const Conflict &conflict, const QStringList &columns = {},
                      const QStringList &keyColumns = {});

    /// The conflict this merge was built from.
    const Conflict &conflict() const { return m_conflict; }
    /// Whether their row is gone (a Deleted conflict): there is nothing of theirs to merge.
    bool isDeleted() const { return m_conflict.kind == Conflict::Kind::Deleted; }

    /// Every field, key columns included, in display order.
    QStringList fields() const { return m_fields; }
    /// Whether @p field is the primary key or the version, which are never merged.
    bool isKeyColumn(const QString &field) const { return m_keyColumns.contains(field); }

    /// Who changed @p field, relative to the base.
    FieldState state(const QString &field) const;
    /// The value of @p field when the row was loaded.
    QVariant baseValue(const QString &field) const;
    /// My value: my edit, or the base value where I did not edit.
    QVariant mineValue(const QString &field) const;
    /// Their value: the current row's (null when the row was deleted).
    QVariant theirValue(const QString &field) const;

    /// The fields changed by one side only (and both-same), with the value that wins.
    QVariantMap autoMerged() const;

    /// Sets the value of @p field: mine, theirs, or @p value (Custom); Automatic clears the
    /// choice. Any non-key field may be chosen, not only the ones that need it.
    /// Returns false for an unknown or key field.
    bool setChoice(const QString &field, Choice choice, const QVariant &value = QVariant());
    /// The choice made for @p field (Automatic when none).
    Choice choice(const QString &field) const;

    /// Whether @p field has a value in the merge (a choice or a merge rule).
    bool isResolved(const QString &field) const;
    /// The merged value of @p field; invalid while unresolved.
    QVariant result(const QString &field) const;

    /// Fields that still need a choice, in display order.
    QStringList unresolvedFields() const;
    /// Whether every field has a value, so the merge can be saved.
    bool isComplete() const { return unresolvedFields().isEmpty(); }

    /// The row to save as the merge: every non-key field's merged value (unresolved
    /// fields are left out, so they keep their current value).
    QVariantMap mergedValues() const;
    /// "Keep mine": their row with every field I changed overlaid (a deleted row: the
    /// base with my changes), key columns excluded.
    QVariantMap keepMineValues() const;

    /// "mine only", "both, different values", …: for tooltips and logs.
    static QString stateName(FieldState state);

private:
    bool changedByMe(const QString &field) const;
    bool changedByThem(const QString &field) const;

    Conflict m_conflict;
    QStringList m_fields;
    QStringList m_keyColumns;
    QHash<QString, Choice> m_choices;
    QHash<QString, QVariant> m_custom;
};

} // namespace Concord
