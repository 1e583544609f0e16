#pragma once

#include <QString>
#include <QStringList>
#include <QVariant>

#include <optional>

namespace Concord {

/// How a table's version column gets its next value (docs/design.md, "Versioned tables").
enum class VersionKind {
    Auto,        ///< old + 1
    Timestamp,   ///< max(old + 1, microseconds since 2000-01-01 UTC)
    Trigger,     ///< written by a database trigger on every UPDATE; read back
    Conditional, ///< old + 1 only when a checked field changed
};

/// The versioning rules of one table: which column, which kind, which fields count.
struct VersionPolicy
{
    QString column;              ///< empty: the table is not versioned
    VersionKind kind = VersionKind::Auto;
    QStringList checkFields;     ///< conditional: only these count
    QStringList ignoreFields;    ///< conditional: all but these count
    bool registered = false;     ///< from concord_tables rather than auto-detected
    /// Whether saves of the table write concord_log entries (docs/design.md, "Change log").
    /// On unless the registry says off; a model or a save can still leave it out.
    bool logChanges = true;

    bool isVersioned() const { return !column.isEmpty(); }

    /// Whether changing @p field bumps the version under this policy.
    bool fieldCounts(const QString &field) const;

    /// The version a saved row gets, given the version it had. Not for Trigger.
    QVariant nextVersion(const QVariant &old, bool fieldsCounted) const;

    /// The first version of an inserted row.
    QVariant initialVersion() const;

    static QString kindName(VersionKind kind);
    static std::optional<VersionKind> kindFromName(const QString &name);
    /// Check or ignore fields as written in the registry and on the command line:
    /// "a, b,c" (empty parts dropped).
    static QStringList fieldsFromText(const QString &text);
};

/// Microseconds since 2000-01-01T00:00:00Z, never going backwards within a process.
qint64 currentTimestampVersion();

} // namespace Concord
