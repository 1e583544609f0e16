// Linked into every suite as an object file, so it runs without being referenced: the
// suites compare Concord's English texts, which count with %n and so need the English
// plural forms the applications install at start-up. English whatever the machine's
// locale, so that a suite reads the same on every machine.
#include "translations.h"

#include <QCoreApplication>

namespace {

void installEnglish()
{
    Concord::Translations::install(QLocale(QLocale::English));
}

} // namespace

Q_COREAPP_STARTUP_FUNCTION(installEnglish)
