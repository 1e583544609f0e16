#pragma once

#include <QLocale>
#include <QString>

namespace Concord {

/// Concord's translations, built from translations/*.ts and embedded in the library.
///
/// Concord's English texts count with %n ("%n row(s) were saved"): the English plural
/// forms come from a catalogue of their own, so an application using Concord calls
/// install() once after creating its QCoreApplication, as concord and concord-cli do.
class Translations
{
public:
    /// Installs, into the running application, Concord's English plural forms, then the
    /// catalogue for @p locale's language (Concord's own and, where Qt ships one, qtbase's).
    /// Returns whether Concord has a catalogue for that language (English always counts).
    static bool install(const QLocale &locale = QLocale::system());

    /// Where Concord's catalogue for @p language ("de") is embedded: ":/i18n/concord_de.qm".
    static QString catalogue(const QString &language);
};

} // namespace Concord
