#pragma once

#include "rowedit.h"

#include <QString>
#include <QVariant>

/// The edits suites hand to BatchSubmitter and the models, spelled once. The table is
/// "items" (TestDatabase::createItems()) unless a test names another.
namespace RowEdits {

/// An update of row @p pk, loaded at @p version, setting @p column to @p value.
Concord::RowEdit update(qint64 pk, const QVariant &version, const QString &column, const QVariant &value,
                        const QString &table = QStringLiteral("items"));

/// An update of row @p pk, loaded at @p version, setting each column of @p changes.
Concord::RowEdit update(qint64 pk, const QVariant &version, const QVariantMap &changes,
                        const QString &table = QStringLiteral("items"));

/// A delete of row @p pk, loaded at @p version.
Concord::RowEdit remove(qint64 pk, const QVariant &version, const QString &table = QStringLiteral("items"));

/// An insert of @p values; the key is the database's to assign unless @p values has it.
Concord::RowEdit insert(const QVariantMap &values, const QString &table = QStringLiteral("items"));

} // namespace RowEdits
