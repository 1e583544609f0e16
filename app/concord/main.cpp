#include "connectiondialog.h"
#include "connectionurl.h"
#include "demodatabase.h"
#include "mainwindow.h"
#include "translations.h"
#include "workspacesettings.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>

namespace {

// A server password comes from CONCORD_PASSWORD or is asked for; it is never stored.
QString passwordFor(const Concord::ConnectionUrl &url, bool *cancelled)
{
    *cancelled = false;
    if (!url.needsPassword())
        return QString();
    if (qEnvironmentVariableIsSet("CONCORD_PASSWORD"))
        return qEnvironmentVariable("CONCORD_PASSWORD");
    bool ok = false;
    const QString password = QInputDialog::getText(nullptr, QObject::tr("Password"),
                                                   QObject::tr("Password for %1:").arg(url.displayText()),
                                                   QLineEdit::Password, QString(), &ok);
    *cancelled = !ok;
    return password;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    // Settings go to Concord/concord, not "Unknown Organization" (DemoDatabase::defaultPath()
    // still finds the demo under the application name alone).
    QApplication::setOrganizationName(QStringLiteral("Concord"));
    QApplication::setApplicationName(QStringLiteral("concord"));
    QApplication::setApplicationDisplayName(QStringLiteral("Concord"));
    QApplication::setApplicationVersion(QStringLiteral(CONCORD_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/concord-256.png")));
    // Wayland desktops match the window to its desktop entry (and icon) by this id.
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.concordsql.Concord"));
    // Before anything is worded: the command line's help too speaks the system's language.
    Concord::Translations::install(QLocale::system());

    QCommandLineParser parser;
    parser.setApplicationDescription(QObject::tr("Edit shared database tables without overwriting anyone's changes."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("database"),
                                 QObject::tr("An SQLite file, or postgresql://USER@HOST:PORT/DB or mysql://USER@HOST:PORT/DB "
                                             "(password from CONCORD_PASSWORD or asked). Default: the database open last time, else the demo database."),
                                 QStringLiteral("[database]"));
    const QCommandLineOption demo(QStringLiteral("create-demo"),
                                  QObject::tr("Create the demo database at the given SQLite path if it does not exist."));
    parser.addOption(demo);
    parser.process(app);

    QString target = parser.positionalArguments().value(0);
    // No database named: the one open last time (its URL only; a password is asked again).
    if (target.isEmpty() && !parser.isSet(demo))
        target = Concord::WorkspaceSettings::lastDatabase();
    const bool makeDemo = target.isEmpty() || parser.isSet(demo);
    if (target.isEmpty())
        target = Concord::DemoDatabase::defaultPath();
    if (makeDemo) {
        // First run: make the demo so there is something to try conflicts on at once.
        if (const auto made = Concord::DemoDatabase::ensure(target); !made) {
            QMessageBox::critical(nullptr, QObject::tr("Concord"), made.error().message);
            return 1;
        }
    }

    Concord::MainWindow window;
    const auto url = Concord::ConnectionUrl::parse(target);
    Concord::Result<void> opened = url ? Concord::Result<void>() : Concord::Result<void>(url.error());
    if (url) {
        bool cancelled = false;
        const QString password = passwordFor(*url, &cancelled);
        if (cancelled)
            return 1;
        opened = window.openUrl(target, password);
    }
    while (!opened) {
        // Let the person pick another database rather than showing an empty window.
        QMessageBox::warning(nullptr, QObject::tr("Concord"), opened.error().message);
        Concord::ConnectionDialog dialog;
        dialog.setUrl(target);
        if (dialog.exec() != QDialog::Accepted)
            return 1;
        target = dialog.url();
        opened = window.openUrl(target, dialog.password());
    }
    window.show();
    return app.exec();
}
