#include "clicommand.h"
#include "commandline.h"
#include "translations.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // The application name decides where the demo database is looked for.
    QCoreApplication::setApplicationName(QStringLiteral("concord"));
    // Messages for people follow the system's language; the JSON on stdout never does.
    Concord::Translations::install(QLocale::system());

    QTextStream out(stdout);
    QTextStream err(stderr);
    QStringList arguments = QCoreApplication::arguments();
    arguments.removeFirst();

    const auto line = CommandLine::parse(arguments);
    if (!line) {
        err << "concord-cli: " << line.error().message << '\n';
        return CliCommand::BadInput;
    }
    if (line->wantsHelp()) {
        out << CommandLine::usage();
        return CliCommand::Done;
    }
    CliCommand command(*line);
    return command.run(out, err);
}
