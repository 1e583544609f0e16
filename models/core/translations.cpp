#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace Concord {

namespace {

// The translators live as long as the application: QCoreApplication keeps only pointers.
QTranslator *loaded(const QString &file, const QString &directory = QString())
{
    auto *translator = new QTranslator(QCoreApplication::instance());
    if (translator->load(file, directory) && QCoreApplication::installTranslator(translator))
        return translator;
    delete translator;
    return nullptr;
}

} // namespace

QString Translations::catalogue(const QString &language)
{
    return QStringLiteral(":/i18n/concord_%1.qm").arg(language);
}

bool Translations::install(const QLocale &locale)
{
    if (!QCoreApplication::instance())
        return false;
    // Installed first, so searched last: a language's own catalogue wins over the English
    // plural forms wherever it has the text.
    const bool english = loaded(catalogue(QStringLiteral("en"))) != nullptr;
    const QString language = QLocale::languageToCode(locale.language());
    if (locale.language() == QLocale::English || locale.language() == QLocale::C)
        return english;
    // Qt's own dialogs and buttons (Cancel, Save, Discard…) in the same language, when the
    // system has Qt's catalogues; Concord does not ship them.
    loaded(QStringLiteral("qtbase_") + language, QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    return loaded(catalogue(language)) != nullptr;
}

} // namespace Concord
