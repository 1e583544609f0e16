#pragma once

#include "commandline.h"
#include "dberror.h"
#include "result.h"
#include "submitresult.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QJsonValue>
#include <QSqlDatabase>
#include <QString>

#include <memory>

class QTextStream;

namespace Concord {
class BatchSubmitter;
class Session;
class TableSchema;
class VersionedWriter;
struct RowEdit;
}

/// Runs one concord-cli command against a database: opens the connection named by
/// --db (password from CONCORD_PASSWORD), checks the input, does the work through the
/// models API, prints the result as one line of JSON and returns the exit code.
class CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(CliCommand)

public:
    /// Exit codes (docs/design.md, "concord-cli").
    enum ExitCode {
        Done = 0,          ///< everything was done
        DatabaseFailure = 1, ///< the database refused or could not be reached
        BadInput = 2,      ///< usage, unknown table or column, malformed JSON, wrong type: nothing written
        Conflicted = 3,    ///< at least one row was changed or deleted by someone else, or busy
    };

    explicit CliCommand(CommandLine line);
    ~CliCommand();
    CliCommand(const CliCommand &) = delete;
    CliCommand &operator=(const CliCommand &) = delete;

    /// Runs the command: JSON to @p out, one sentence per problem to @p err. Returns an ExitCode.
    int run(QTextStream &out, QTextStream &err);

    /// Where the demo database lives when no --db is given.
    static QString defaultDatabasePath();

private:
    /// What a command produced: its exit code, its JSON (undefined: none) and a sentence for stderr.
    struct Outcome
    {
        int code = Done;
        QJsonValue json = QJsonValue(QJsonValue::Undefined);
        QString message;
    };

    static Outcome failure(const Concord::DbError &error);
    static Outcome fromBatch(const Concord::SubmitResult &result);
    static Outcome fromRowOutcome(const Concord::SubmitResult &result);

    Outcome submitOne(const Concord::VersionedWriter &writer, const Concord::RowEdit &edit);
    Outcome open();
    Outcome dispatch();
    Outcome tables();
    Outcome enable();
    Outcome disable();
    Outcome triggers();
    Outcome get();
    Outcome update();
    Outcome remove();
    Outcome apply();
    Outcome action();
    Outcome log();
    Outcome label();
    Concord::Result<QJsonObject> labelsOf(const Concord::TableSchema &schema, const QVariantMap &row);
    Outcome switchLog(bool on);

    CommandLine m_line;
    QString m_password;
    QString m_connectionName;
    QSqlDatabase m_db;
    std::shared_ptr<Concord::Session> m_session;
    std::unique_ptr<Concord::BatchSubmitter> m_submitter;
    int m_lockTimeout = 0;
};
