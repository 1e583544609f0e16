#include "rowstatepalette.h"

namespace Concord {

namespace {

// How far a background moves from Base towards its hue: enough to tell states apart on a
// white or a dark theme, little enough to keep the text readable on both.
constexpr qreal backgroundAmount = 0.35;

QColor notWrittenHue()
{
    return QColor(120, 120, 200); // slate: nothing was written for the row, through no fault of its own
}

} // namespace

QColor RowStatePalette::hue(RowState state, bool stale)
{
    switch (state) {
    case RowState::Edited: return QColor(255, 214, 0);   // yellow: yours, unsaved
    case RowState::Inserted: return QColor(60, 180, 50); // green: new
    case RowState::Deleted: return QColor(128, 128, 128); // grey: marked for deletion
    case RowState::Conflict: return QColor(255, 140, 0); // orange: changed by someone else
    case RowState::Gone: return QColor(140, 70, 200);    // violet: deleted by someone else
    case RowState::Error: return QColor(230, 30, 30);    // red: the database refused it
    case RowState::Busy: return QColor(0, 150, 150);     // teal: someone else was saving it
    case RowState::Clean: break;
    }
    return stale ? QColor(60, 130, 240) : QColor(); // blue: a newer version in the database
}

QColor RowStatePalette::hue(const RowOutcome &row)
{
    switch (row.status) {
    case RowOutcome::Status::Saved:
        return QColor();
    case RowOutcome::Status::Conflict:
        return hue(row.conflict && row.conflict->kind == Conflict::Kind::Deleted ? RowState::Gone : RowState::Conflict);
    case RowOutcome::Status::Error:
        return hue(RowState::Error);
    case RowOutcome::Status::Busy:
        return hue(RowState::Busy);
    case RowOutcome::Status::RolledBack:
    case RowOutcome::Status::NotAttempted:
        return notWrittenHue();
    }
    return QColor();
}

QColor RowStatePalette::background(RowState state, bool stale, const QPalette &palette)
{
    const QColor tint = hue(state, stale);
    return tint.isValid() ? tinted(palette.color(QPalette::Base), tint, backgroundAmount) : QColor();
}

QColor RowStatePalette::background(const RowOutcome &row, const QPalette &palette)
{
    const QColor tint = hue(row);
    return tint.isValid() ? tinted(palette.color(QPalette::Base), tint, backgroundAmount) : QColor();
}

QColor RowStatePalette::problemText(const QPalette &palette)
{
    return tinted(palette.color(QPalette::WindowText), hue(RowState::Error), 0.7);
}

QColor RowStatePalette::tinted(const QColor &base, const QColor &tint, qreal amount)
{
    return QColor::fromRgbF(float(base.redF() * (1 - amount) + tint.redF() * amount),
                            float(base.greenF() * (1 - amount) + tint.greenF() * amount),
                            float(base.blueF() * (1 - amount) + tint.blueF() * amount));
}

} // namespace Concord
