#pragma once

#include "result.h"

#include <QCoreApplication>
#include <QHash>
#include <QString>
#include <QStringList>

/// The words of one concord-cli invocation, split into global options (--db, --user),
/// the command, its positional arguments and its options. Only syntax is checked here;
/// what the words mean is checked against the database by CliCommand and EditParser.
class CommandLine
{
    Q_DECLARE_TR_FUNCTIONS(CommandLine)

public:
    /// Parses @p arguments (without the program name). Unknown options, options missing
    /// their value and non-repeatable options given twice are BadInput errors.
    static Concord::Result<CommandLine> parse(const QStringList &arguments);

    /// The --db URL as given, or empty for the default (demo) database.
    QString database() const { return value(QStringLiteral("db")); }
    /// The --user name the change log records, or empty for the default.
    QString user() const { return value(QStringLiteral("user")); }
    /// --lock-timeout in milliseconds: how long a save waits for rows other writers hold;
    /// the default when not given, BadInput when it is not a whole number of at least 0.
    Concord::Result<int> lockTimeout() const;
    /// Whether --help (or -h) was given.
    bool wantsHelp() const { return m_help; }

    /// The command word (tables, enable, update, …), empty when none was given.
    QString command() const { return m_command; }
    /// The words after the command that are not options.
    QStringList positionals() const { return m_positionals; }
    /// The positional word at @p index, or empty if there are fewer.
    QString positional(int index) const { return m_positionals.value(index); }

    /// Whether @p option (without its dashes) was given, with or without a value.
    bool has(const QString &option) const { return m_options.contains(option); }
    /// The value of @p option, or empty if it was not given.
    QString value(const QString &option) const;
    /// Every value of a repeatable option (--set), in the order given.
    QStringList values(const QString &option) const { return m_options.value(option); }

    /// Checks that the command got between @p minPositionals and @p maxPositionals
    /// positional words and no option outside @p allowed; @p usage is the command's synopsis.
    Concord::Result<void> expect(const QStringList &allowed, int minPositionals, int maxPositionals,
                                 const QString &usage) const;

    /// The usage text printed by --help.
    static QString usage();

private:
    QString m_command;
    QStringList m_positionals;
    QHash<QString, QStringList> m_options;
    bool m_help = false;
};
