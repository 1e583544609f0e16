#include "pooling.h"

#include <QSqlDriver>
#include <QVariant>

namespace Concord {

namespace {
// A dynamic property: the driver is the one object all copies of a connection share.
constexpr char modeProperty[] = "concordPooling";
} // namespace

Pooling::Mode Pooling::of(const QSqlDatabase &db)
{
    return of(db.driver());
}

Pooling::Mode Pooling::of(const QSqlDriver *driver)
{
    if (!driver)
        return Mode::None;
    const QVariant mode = driver->property(modeProperty);
    return mode.isValid() ? static_cast<Mode>(mode.toInt()) : Mode::None;
}

void Pooling::set(const QSqlDatabase &db, Mode mode)
{
    if (QSqlDriver *driver = db.driver())
        driver->setProperty(modeProperty, static_cast<int>(mode));
}

QString Pooling::name(Mode mode)
{
    switch (mode) {
    case Mode::None:
        return QStringLiteral("none");
    case Mode::Session:
        return QStringLiteral("session");
    case Mode::Transaction:
        return QStringLiteral("transaction");
    }
    return QString();
}

std::optional<Pooling::Mode> Pooling::fromName(const QString &name)
{
    for (const Mode mode : {Mode::None, Mode::Session, Mode::Transaction}) {
        if (name.compare(Pooling::name(mode), Qt::CaseInsensitive) == 0)
            return mode;
    }
    return std::nullopt;
}

} // namespace Concord
