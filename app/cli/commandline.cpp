#include "commandline.h"

#include "lockwait.h"

#include <QSet>

using Concord::DbError;
using Concord::Result;

namespace {

// Options that take a value; everything else starting with "--" is a flag or unknown.
const QSet<QString> &valueOptions()
{
    static const QSet<QString> options{
        QStringLiteral("db"), QStringLiteral("user"), QStringLiteral("column"), QStringLiteral("kind"),
        QStringLiteral("check-fields"), QStringLiteral("ignore-fields"), QStringLiteral("version"),
        QStringLiteral("set"), QStringLiteral("policy"), QStringLiteral("rows"), QStringLiteral("limit"),
        QStringLiteral("lock-timeout"),
    };
    return options;
}

const QSet<QString> &flagOptions()
{
    static const QSet<QString> options{
        QStringLiteral("no-check"), QStringLiteral("no-increment"), QStringLiteral("skip-changed"),
        QStringLiteral("no-log"), QStringLiteral("log"), QStringLiteral("labels"), QStringLiteral("auto"),
    };
    return options;
}

// --set is the only option a command takes several times; a second --version is a typo
// or a tampered script, and silently taking one of them could write the wrong row.
bool isRepeatable(const QString &option)
{
    return option == QLatin1String("set");
}

const QSet<QString> &globalOptions()
{
    static const QSet<QString> options{QStringLiteral("db"), QStringLiteral("user"), QStringLiteral("lock-timeout")};
    return options;
}

} // namespace

Result<CommandLine> CommandLine::parse(const QStringList &arguments)
{
    CommandLine line;
    bool optionsEnded = false;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &word = arguments.at(i);
        if (optionsEnded || !word.startsWith(QLatin1String("--"))) {
            // A single "-" is stdin for apply, and "-5" may be a key: both are positional.
            if (!optionsEnded && (word == QLatin1String("-h")))
                line.m_help = true;
            else if (line.m_command.isEmpty())
                line.m_command = word;
            else
                line.m_positionals.append(word);
            continue;
        }
        if (word == QLatin1String("--")) {
            optionsEnded = true;
            continue;
        }
        QString name = word.mid(2);
        QString value;
        bool inlineValue = false;
        if (const qsizetype eq = name.indexOf(QLatin1Char('=')); eq >= 0) {
            value = name.mid(eq + 1);
            name = name.left(eq);
            inlineValue = true;
        }
        if (name == QLatin1String("help")) {
            line.m_help = true;
            continue;
        }
        if (flagOptions().contains(name)) {
            if (inlineValue)
                return DbError::badInput(CommandLine::tr("Option --%1 takes no value.").arg(name));
            line.m_options[name].append(QString());
            continue;
        }
        if (!valueOptions().contains(name))
            return DbError::badInput(CommandLine::tr("Unknown option \"--%1\"; see concord-cli --help.").arg(name));
        if (!inlineValue) {
            if (i + 1 >= arguments.size())
                return DbError::badInput(CommandLine::tr("Option --%1 needs a value.").arg(name));
            value = arguments.at(++i);
        }
        if (line.m_options.contains(name) && !isRepeatable(name))
            return DbError::badInput(CommandLine::tr("Option --%1 was given more than once.").arg(name));
        line.m_options[name].append(value);
    }
    return line;
}

Result<int> CommandLine::lockTimeout() const
{
    if (!has(QStringLiteral("lock-timeout")))
        return Concord::LockWait::defaultTimeoutMs;
    bool valid = false;
    const int ms = value(QStringLiteral("lock-timeout")).toInt(&valid);
    if (!valid || ms < 0) {
        return DbError::badInput(QStringLiteral("--lock-timeout takes a whole number of milliseconds, "
                                                "0 or more, not \"%1\".").arg(value(QStringLiteral("lock-timeout"))));
    }
    return ms;
}

QString CommandLine::value(const QString &option) const
{
    const QStringList given = m_options.value(option);
    return given.isEmpty() ? QString() : given.constLast();
}

Result<void> CommandLine::expect(const QStringList &allowed, int minPositionals, int maxPositionals,
                                 const QString &usage) const
{
    for (auto it = m_options.cbegin(); it != m_options.cend(); ++it) {
        if (!globalOptions().contains(it.key()) && !allowed.contains(it.key()))
            return DbError::badInput(CommandLine::tr("The %1 command takes no --%2 option; usage: concord-cli %3")
                                             .arg(m_command, it.key(), usage));
    }
    if (m_positionals.size() < minPositionals || m_positionals.size() > maxPositionals)
        return DbError::badInput(CommandLine::tr("Usage: concord-cli %1").arg(usage));
    return {};
}

QString CommandLine::usage()
{
    return tr(
            "Usage: concord-cli [--db URL] [--user NAME] [--lock-timeout MS] COMMAND [ARGS]\n"
            "\n"
            "URL   an SQLite file path or sqlite:PATH (default: the demo database),\n"
            "      postgresql://USER@HOST:PORT/DB, mysql://USER@HOST:PORT/DB;\n"
            "      the password is read from CONCORD_PASSWORD and never printed\n"
            "NAME  who the change log names (default: CONCORD_USER or the system user)\n"
            "MS    how long a save waits, in all, for rows another writer holds before it\n"
            "      reports them busy (default: 5000)\n"
            "\n"
            "Commands:\n"
            "  tables\n"
            "  enable TABLE [--column C] [--kind auto|timestamp|trigger|conditional]\n"
            "               [--check-fields A,B | --ignore-fields A,B] [--no-log | --log]\n"
            "  disable TABLE\n"
            "  triggers list|create|drop [TABLE]\n"
            "  get TABLE PK [--labels]\n"
            "  update TABLE PK --version V --set COL=VALUE [--set ...] [--no-check] [--no-increment]\n"
            "  delete TABLE PK --version V\n"
            "  apply FILE|- [--policy silent|abort-all]\n"
            "  action TABLE delete|set --rows PK:V[,PK:V...] [--set COL=VALUE] [--skip-changed]\n"
            "  log [TABLE] [--limit N]\n"
            "  log on|off TABLE\n"
            "  label TABLE [COLUMN | --auto]\n"
            "\n"
            "Results are JSON on stdout. Exit codes: 0 done, 1 database error,\n"
            "2 bad input (nothing written), 3 at least one conflict or busy row.\n");
}
