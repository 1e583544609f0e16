#pragma once

#include "submitresult.h"
#include "versionedtablemodel.h"

#include <QColor>
#include <QGuiApplication>
#include <QPalette>

namespace Concord {

/// The colours of row states, one set for the grid, the record form and the save report:
/// a row deleted by someone else is the same violet wherever it is shown. Each state has a
/// hue; backgrounds blend it into the palette's Base colour, so they read on light and dark
/// themes alike.
class RowStatePalette
{
public:
    using RowState = VersionedTableModel::RowState;

    /// The hue that marks @p state (stale: a newer version in the database); invalid for a
    /// clean row that is not stale.
    static QColor hue(RowState state, bool stale = false);
    /// The hue of a row's save outcome; invalid for a saved row.
    static QColor hue(const RowOutcome &row);

    /// The background for a row in @p state on @p palette; invalid for a clean row.
    static QColor background(RowState state, bool stale = false,
                             const QPalette &palette = QGuiApplication::palette());
    /// The background for a row's save outcome on @p palette; invalid for a saved row.
    static QColor background(const RowOutcome &row, const QPalette &palette = QGuiApplication::palette());
    /// Text that says something went wrong, readable on @p palette's window.
    static QColor problemText(const QPalette &palette = QGuiApplication::palette());

    /// @p base moved towards @p tint by @p amount (0: base, 1: tint).
    static QColor tinted(const QColor &base, const QColor &tint, qreal amount);
};

} // namespace Concord
