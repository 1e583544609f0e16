#include "clicommand.h"

#include "actionrunner.h"
#include "adminaction.h"
#include "batchsubmitter.h"
#include "changelog.h"
#include "connectionurl.h"
#include "demodatabase.h"
#include "editparser.h"
#include "jsonvalue.h"
#include "outcometext.h"
#include "referencelabels.h"
#include "session.h"
#include "sqldialect.h"
#include "versionedwriter.h"
#include "versionregistry.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTextStream>
#include <QUuid>

using namespace Concord;

namespace {

const QString statusKey = QStringLiteral("status");

QJsonObject ok(std::initializer_list<QPair<QString, QJsonValue>> fields)
{
    QJsonObject object{{statusKey, QStringLiteral("ok")}};
    for (const auto &field : fields)
        object.insert(field.first, field.second);
    return object;
}

QJsonValue theirsOf(const Conflict &conflict)
{
    // A deleted row has no "theirs": null says so more plainly than an empty object.
    if (conflict.kind == Conflict::Kind::Deleted)
        return QJsonValue::Null;
    return JsonValue::fromMap(conflict.theirs);
}

QJsonValue mineOf(const RowOutcome &row)
{
    // The values this command tried to set, beside "theirs", so a script sees both values
    // of a field both sides changed. A delete sets nothing: null, like a deleted row's theirs.
    if (!row.conflict || row.op == RowEdit::Op::Delete)
        return QJsonValue::Null;
    return JsonValue::fromMap(row.conflict->mine);
}

QString conflictSentence(const RowOutcome &row)
{
    // The editor's words for the row, then what a script most needs: that nothing changed.
    QString text = OutcomeText::sentence(row);
    const QVariant current = row.conflict ? row.conflict->currentVersion : QVariant();
    if (row.conflict && row.conflict->kind == Conflict::Kind::Modified && !current.isNull())
        text += QLatin1Char(' ') + CliCommand::tr("(it is now at version %1)").arg(current.toString());
    return CliCommand::tr("%1; nothing was written.").arg(text);
}

bool isPlainIdentifier(const QString &name)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]{0,62}$"));
    return plain.match(name).hasMatch();
}

} // namespace

CliCommand::CliCommand(CommandLine line)
    : m_line(std::move(line))
    , m_password(qEnvironmentVariable("CONCORD_PASSWORD"))
    , m_connectionName(QStringLiteral("concord-cli-") + QUuid::createUuid().toString(QUuid::Id128))
{
}

CliCommand::~CliCommand()
{
    // Every handle on the connection must be gone before it is removed.
    m_submitter.reset();
    m_session.reset();
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

QString CliCommand::defaultDatabasePath()
{
    return DemoDatabase::defaultPath();
}

int CliCommand::run(QTextStream &out, QTextStream &err)
{
    Outcome outcome = open();
    if (outcome.code == Done)
        outcome = dispatch();
    if (!outcome.json.isUndefined()) {
        const QJsonDocument document = outcome.json.isArray() ? QJsonDocument(outcome.json.toArray())
                                                              : QJsonDocument(outcome.json.toObject());
        out << QString::fromUtf8(document.toJson(QJsonDocument::Compact)) << '\n';
        out.flush();
    }
    if (!outcome.message.isEmpty()) {
        // Drivers may quote connection details back; the password never leaves this process.
        err << "concord-cli: " << ConnectionUrl::masked(outcome.message, m_password) << '\n';
        err.flush();
    }
    return outcome.code;
}

CliCommand::Outcome CliCommand::failure(const DbError &error)
{
    Outcome outcome;
    outcome.code = error.code == DbError::Code::BadInput ? BadInput : DatabaseFailure;
    outcome.message = error.message;
    return outcome;
}

CliCommand::Outcome CliCommand::open()
{
    if (m_line.command().isEmpty())
        return failure(DbError::badInput(CliCommand::tr("No command was given; see concord-cli --help.")));
    const auto lockTimeout = m_line.lockTimeout();
    if (!lockTimeout)
        return failure(lockTimeout.error());
    m_lockTimeout = *lockTimeout;

    QString text = m_line.database();
    const bool demo = text.isEmpty();
    if (demo) {
        text = defaultDatabasePath();
        // First run without --db: make the demo, as the desktop app does, so there is
        // something to try the commands on.
        if (auto made = DemoDatabase::ensure(text); !made) {
            Outcome outcome = failure(made.error());
            outcome.code = DatabaseFailure;
            return outcome;
        }
    }
    const auto url = ConnectionUrl::parse(text);
    if (!url)
        return failure(url.error());
    auto opened = url->open(m_connectionName, m_password);
    if (!opened) {
        // A missing file is bad input; a server that refuses is a database failure.
        Outcome outcome = failure(opened.error());
        if (opened.error().code != DbError::Code::BadInput)
            outcome.code = DatabaseFailure;
        return outcome;
    }
    m_db = *opened;
    m_session = Session::of(m_db);
    m_submitter = std::make_unique<BatchSubmitter>(m_session);
    if (!m_submitter->isValid())
        return failure(DbError::fromSqlError(QSqlError(), CliCommand::tr("This database driver is not supported")));
    m_submitter->setLockTimeout(m_lockTimeout);
    return {};
}

CliCommand::Outcome CliCommand::dispatch()
{
    const QString command = m_line.command();
    if (command == QLatin1String("tables"))
        return tables();
    if (command == QLatin1String("enable"))
        return enable();
    if (command == QLatin1String("disable"))
        return disable();
    if (command == QLatin1String("triggers"))
        return triggers();
    if (command == QLatin1String("get"))
        return get();
    if (command == QLatin1String("update"))
        return update();
    if (command == QLatin1String("delete"))
        return remove();
    if (command == QLatin1String("apply"))
        return apply();
    if (command == QLatin1String("action"))
        return action();
    if (command == QLatin1String("log"))
        return log();
    if (command == QLatin1String("label"))
        return label();
    return failure(DbError::badInput(CliCommand::tr("Unknown command \"%1\"; see concord-cli --help.").arg(command)));
}

CliCommand::Outcome CliCommand::tables()
{
    if (auto checked = m_line.expect({}, 0, 0, QStringLiteral("tables")); !checked)
        return failure(checked.error());
    const auto infos = m_submitter->registry().tables();
    if (!infos)
        return failure(infos.error());
    QJsonArray array;
    for (const VersionRegistry::TableInfo &info : *infos) {
        const bool versioned = info.policy.isVersioned();
        array.append(QJsonObject{
                {QStringLiteral("table"), info.table},
                {QStringLiteral("pk"), info.primaryKey.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(info.primaryKey)},
                {QStringLiteral("version_column"), versioned ? QJsonValue(info.policy.column) : QJsonValue(QJsonValue::Null)},
                {QStringLiteral("kind"), versioned ? QJsonValue(VersionPolicy::kindName(info.policy.kind))
                                                   : QJsonValue(QJsonValue::Null)},
                {QStringLiteral("trigger"), info.hasTrigger},
                {QStringLiteral("log"), info.policy.logChanges},
        });
    }
    Outcome outcome;
    outcome.json = array;
    return outcome;
}

CliCommand::Outcome CliCommand::enable()
{
    const QString usage = QStringLiteral("enable TABLE [--column C] [--kind auto|timestamp|trigger|conditional] "
                                         "[--check-fields A,B | --ignore-fields A,B] [--no-log | --log]");
    if (auto checked = m_line.expect({QStringLiteral("column"), QStringLiteral("kind"), QStringLiteral("check-fields"),
                                      QStringLiteral("ignore-fields"), QStringLiteral("no-log"), QStringLiteral("log")},
                                     1, 1, usage);
        !checked)
        return failure(checked.error());
    if (m_line.has(QStringLiteral("check-fields")) && m_line.has(QStringLiteral("ignore-fields")))
        return failure(DbError::badInput(CliCommand::tr("Give --check-fields or --ignore-fields, not both.")));
    if (m_line.has(QStringLiteral("no-log")) && m_line.has(QStringLiteral("log")))
        return failure(DbError::badInput(CliCommand::tr("Give --log or --no-log, not both.")));

    const auto schema = m_session->schema(m_line.positional(0));
    if (!schema)
        return failure(schema.error());
    VersionPolicy policy;
    policy.checkFields = VersionPolicy::fieldsFromText(m_line.value(QStringLiteral("check-fields")));
    policy.ignoreFields = VersionPolicy::fieldsFromText(m_line.value(QStringLiteral("ignore-fields")));
    if (m_line.has(QStringLiteral("kind"))) {
        const auto kind = VersionPolicy::kindFromName(m_line.value(QStringLiteral("kind")));
        if (!kind)
            return failure(DbError::badInput(CliCommand::tr("Unknown version kind \"%1\"; use auto, timestamp, trigger "
                                                            "or conditional.").arg(m_line.value(QStringLiteral("kind")))));
        policy.kind = *kind;
    } else if (!policy.checkFields.isEmpty() || !policy.ignoreFields.isEmpty()) {
        // Check or ignore fields only mean something to the conditional kind.
        policy.kind = VersionKind::Conditional;
    }
    if (m_line.has(QStringLiteral("column"))) {
        const QString column = m_line.value(QStringLiteral("column"));
        // A new column's name goes into ALTER TABLE: only plain names, even though quoted.
        if (!schema->hasColumn(column) && !isPlainIdentifier(column))
            return failure(DbError::badInput(QStringLiteral("\"%1\" is not a usable column name; use letters, digits "
                                                            "and underscores.").arg(column)));
        policy.column = column;
    }
    // The log switch stays as it was unless the command says otherwise.
    if (m_line.has(QStringLiteral("no-log")) || m_line.has(QStringLiteral("log"))) {
        policy.logChanges = m_line.has(QStringLiteral("log"));
    } else {
        const auto current = m_submitter->writer(schema->name());
        if (!current)
            return failure(current.error());
        policy.logChanges = (*current)->policy().logChanges;
    }
    if (auto enabled = m_submitter->registry().enable(schema->name(), policy); !enabled)
        return failure(enabled.error());

    const auto writer = m_submitter->writer(schema->name());
    if (!writer)
        return failure(writer.error());
    const auto installed = m_submitter->registry().triggers();
    if (!installed)
        return failure(installed.error());
    const VersionPolicy &now = (*writer)->policy();
    const QString trigger = SqlDialect::triggerName(schema->name(), now.column);
    bool hasTrigger = false;
    for (const auto &pair : *installed)
        hasTrigger = hasTrigger || pair.first.compare(trigger, Qt::CaseInsensitive) == 0;
    Outcome outcome;
    outcome.json = ok({{QStringLiteral("table"), schema->name()},
                       {QStringLiteral("version_column"), now.column},
                       {QStringLiteral("kind"), VersionPolicy::kindName(now.kind)},
                       {QStringLiteral("trigger"), hasTrigger},
                       {QStringLiteral("log"), now.logChanges}});
    return outcome;
}

CliCommand::Outcome CliCommand::switchLog(bool on)
{
    if (auto checked = m_line.expect({}, 2, 2, QStringLiteral("log on|off TABLE")); !checked)
        return failure(checked.error());
    const auto schema = m_session->schema(m_line.positional(1));
    if (!schema)
        return failure(schema.error());
    if (auto switched = m_submitter->registry().setChangeLog(schema->name(), on); !switched)
        return failure(switched.error());
    Outcome outcome;
    outcome.json = ok({{QStringLiteral("table"), schema->name()}, {QStringLiteral("log"), on}});
    return outcome;
}

CliCommand::Outcome CliCommand::disable()
{
    if (auto checked = m_line.expect({}, 1, 1, QStringLiteral("disable TABLE")); !checked)
        return failure(checked.error());
    const auto schema = m_session->schema(m_line.positional(0));
    if (!schema)
        return failure(schema.error());
    if (auto disabled = m_submitter->registry().disable(schema->name()); !disabled)
        return failure(disabled.error());
    Outcome outcome;
    outcome.json = ok({{QStringLiteral("table"), schema->name()}});
    return outcome;
}

CliCommand::Outcome CliCommand::triggers()
{
    const QString usage = QStringLiteral("triggers list|create|drop [TABLE]");
    if (auto checked = m_line.expect({}, 1, 2, usage); !checked)
        return failure(checked.error());
    const QString verb = m_line.positional(0);
    const bool list = verb == QLatin1String("list");
    if (!list && verb != QLatin1String("create") && verb != QLatin1String("drop"))
        return failure(DbError::badInput(CliCommand::tr("Usage: concord-cli %1").arg(usage)));
    if (!list && m_line.positionals().size() != 2)
        return failure(DbError::badInput(QStringLiteral("triggers %1 needs a TABLE.").arg(verb)));

    QString table;
    if (m_line.positionals().size() == 2) {
        const auto schema = m_session->schema(m_line.positional(1));
        if (!schema)
            return failure(schema.error());
        table = schema->name();
    }
    VersionRegistry &registry = m_submitter->registry();
    Outcome outcome;
    if (list) {
        const auto installed = registry.triggers();
        if (!installed)
            return failure(installed.error());
        QJsonArray array;
        for (const auto &pair : *installed) {
            if (table.isEmpty() || pair.second.compare(table, Qt::CaseInsensitive) == 0)
                array.append(QJsonObject{{QStringLiteral("trigger"), pair.first}, {QStringLiteral("table"), pair.second}});
        }
        outcome.json = array;
        return outcome;
    }
    const auto done = verb == QLatin1String("create") ? registry.createTrigger(table) : registry.dropTrigger(table);
    if (!done)
        return failure(done.error());
    const auto writer = m_submitter->writer(table);
    if (!writer)
        return failure(writer.error());
    outcome.json = ok({{QStringLiteral("table"), table},
                       {QStringLiteral("trigger"), SqlDialect::triggerName(table, (*writer)->policy().column)}});
    return outcome;
}

CliCommand::Outcome CliCommand::get()
{
    if (auto checked = m_line.expect({QStringLiteral("labels")}, 2, 2, QStringLiteral("get TABLE PK [--labels]")); !checked)
        return failure(checked.error());
    EditParser parser(*m_submitter);
    const auto writer = parser.table(m_line.positional(0));
    if (!writer)
        return failure(writer.error());
    const auto pk = EditParser::key(**writer, m_line.positional(1));
    if (!pk)
        return failure(pk.error());
    const auto row = (*writer)->readRow(*pk);
    if (!row)
        return failure(row.error());
    if (!row->has_value())
        return failure(DbError::badInput(CliCommand::tr("Table \"%1\" has no row with key %2.")
                                                 .arg((*writer)->schema().name(), pk->toString())));
    Outcome outcome;
    QJsonObject json = JsonValue::fromMap(row->value());
    if (m_line.has(QStringLiteral("labels"))) {
        const auto labels = labelsOf((*writer)->schema(), row->value());
        if (!labels)
            return failure(labels.error());
        json.insert(QStringLiteral("labels"), *labels);
    }
    outcome.json = json;
    return outcome;
}

Result<QJsonObject> CliCommand::labelsOf(const TableSchema &schema, const QVariantMap &row)
{
    // The label of each foreign key that refers to a row: {"customer_id": "Ada Costa"}.
    ReferenceLabels labels(m_db, m_session->dialect());
    QJsonObject found;
    for (const ColumnInfo &column : schema.columnInfos()) {
        const QVariant key = row.value(column.name);
        if (column.referencedTable.isEmpty() || column.referencedColumn.isEmpty() || key.isNull())
            continue;
        const auto read = labels.labels(column.referencedTable, column.referencedColumn, {key});
        if (!read)
            return read.error();
        const QString label = read->value(key.toString());
        if (!label.isEmpty())
            found.insert(column.name, label);
    }
    return found;
}

CliCommand::Outcome CliCommand::label()
{
    const QString usage = QStringLiteral("label TABLE [COLUMN | --auto]");
    if (auto checked = m_line.expect({QStringLiteral("auto")}, 1, 2, usage); !checked)
        return failure(checked.error());
    if (m_line.has(QStringLiteral("auto")) && m_line.positionals().size() == 2)
        return failure(DbError::badInput(CliCommand::tr("Give a label column or --auto, not both; usage: concord-cli %1").arg(usage)));
    ReferenceLabels labels(m_db, m_session->dialect());
    const auto schema = TableSchema::load(m_db, m_session->dialect(), m_line.positional(0));
    if (!schema)
        return failure(schema.error());
    if (m_line.positionals().size() == 2 || m_line.has(QStringLiteral("auto"))) {
        if (auto set = labels.setLabelColumn(schema->name(), m_line.positional(1)); !set)
            return failure(set.error());
    }
    const auto column = labels.labelColumn(schema->name());
    const auto chosen = labels.isChosen(schema->name());
    if (!column)
        return failure(column.error());
    if (!chosen)
        return failure(chosen.error());
    Outcome outcome;
    outcome.json = QJsonObject{{QStringLiteral("table"), schema->name()},
                               {QStringLiteral("label_column"), column->isEmpty() ? QJsonValue() : QJsonValue(*column)},
                               {QStringLiteral("chosen"), *chosen}};
    return outcome;
}

CliCommand::Outcome CliCommand::fromRowOutcome(const SubmitResult &result)
{
    if (result.error.code == DbError::Code::BadInput || result.rows.isEmpty())
        return failure(result.error);
    const RowOutcome &row = result.rows.constFirst();
    Outcome outcome;
    switch (row.status) {
    case RowOutcome::Status::Saved:
        if (!result.committed)
            break;
        outcome.json = QJsonObject{{statusKey, QStringLiteral("saved")},
                                   {QStringLiteral("version"), JsonValue::fromVariant(row.version)}};
        return outcome;
    case RowOutcome::Status::Conflict:
        outcome.code = Conflicted;
        outcome.json = QJsonObject{{statusKey, QStringLiteral("conflict")},
                                   {QStringLiteral("reason"), row.conflict ? row.conflict->kindName() : QStringLiteral("modified")},
                                   {QStringLiteral("theirs"), row.conflict ? theirsOf(*row.conflict) : QJsonValue(QJsonValue::Null)},
                                   {QStringLiteral("mine"), mineOf(row)}};
        outcome.message = conflictSentence(row);
        return outcome;
    case RowOutcome::Status::Error:
        return failure(row.error);
    case RowOutcome::Status::Busy:
        outcome.code = Conflicted;
        outcome.json = QJsonObject{{statusKey, QStringLiteral("busy")},
                                   {QStringLiteral("message"), row.error.message}};
        outcome.message = row.error.message;
        return outcome;
    case RowOutcome::Status::RolledBack:
    case RowOutcome::Status::NotAttempted:
        break;
    }
    DbError error = result.error;
    error.code = DbError::Code::Database;
    if (error.message.isEmpty())
        error.message = CliCommand::tr("The change was not committed.");
    return failure(error);
}

CliCommand::Outcome CliCommand::fromBatch(const SubmitResult &result)
{
    if (result.error.code == DbError::Code::BadInput)
        return failure(result.error);
    QJsonArray saved;
    QJsonArray conflicts;
    QJsonArray errors;
    QJsonArray busy;
    for (const RowOutcome &row : result.rows) {
        switch (row.status) {
        case RowOutcome::Status::Saved:
            saved.append(QJsonObject{{QStringLiteral("table"), row.table},
                                     {QStringLiteral("pk"), JsonValue::fromVariant(row.pk)},
                                     {QStringLiteral("version"), JsonValue::fromVariant(row.version)}});
            break;
        case RowOutcome::Status::Conflict:
            conflicts.append(QJsonObject{{QStringLiteral("table"), row.table},
                                         {QStringLiteral("pk"), JsonValue::fromVariant(row.pk)},
                                         {QStringLiteral("reason"), row.conflict ? row.conflict->kindName() : QStringLiteral("modified")},
                                         {QStringLiteral("theirs"), row.conflict ? theirsOf(*row.conflict) : QJsonValue(QJsonValue::Null)},
                                         {QStringLiteral("mine"), mineOf(row)}});
            break;
        case RowOutcome::Status::Error:
            errors.append(QJsonObject{{QStringLiteral("table"), row.table},
                                      {QStringLiteral("pk"), JsonValue::fromVariant(row.pk)},
                                      {QStringLiteral("message"), row.error.message}});
            break;
        case RowOutcome::Status::Busy:
            busy.append(QJsonObject{{QStringLiteral("table"), row.table},
                                    {QStringLiteral("pk"), JsonValue::fromVariant(row.pk)},
                                    {QStringLiteral("message"), row.error.message}});
            break;
        case RowOutcome::Status::RolledBack:
        case RowOutcome::Status::NotAttempted:
            break;
        }
    }
    Outcome outcome;
    outcome.json = QJsonObject{{QStringLiteral("saved"), saved},
                               {QStringLiteral("conflicts"), conflicts},
                               {QStringLiteral("errors"), errors},
                               {QStringLiteral("busy"), busy}};
    // Busy rows are retriable like conflicts: a script retries on exit 3.
    if (!conflicts.isEmpty() || !busy.isEmpty())
        outcome.code = Conflicted;
    else if (!errors.isEmpty() || result.error.isError() || !result.committed)
        outcome.code = DatabaseFailure;
    if (outcome.code != Done)
        outcome.message = OutcomeText::summary(result);
    return outcome;
}

CliCommand::Outcome CliCommand::submitOne(const VersionedWriter &writer, const RowEdit &edit)
{
    // Checked here first so that the sentence is the writer's own, not a batch's "Edit 1: …".
    const auto normal = writer.normalize(edit);
    if (!normal)
        return failure(normal.error());
    SubmitOptions options;
    options.user = m_line.user();
    return fromRowOutcome(m_submitter->submit({*normal}, options));
}

CliCommand::Outcome CliCommand::update()
{
    const QString usage = QStringLiteral("update TABLE PK --version V --set COL=VALUE [--set ...] [--no-check] "
                                         "[--no-increment]");
    if (auto checked = m_line.expect({QStringLiteral("version"), QStringLiteral("set"), QStringLiteral("no-check"),
                                      QStringLiteral("no-increment")}, 2, 2, usage);
        !checked)
        return failure(checked.error());
    EditParser parser(*m_submitter);
    const auto writer = parser.table(m_line.positional(0));
    if (!writer)
        return failure(writer.error());
    const TableSchema &schema = (*writer)->schema();
    const VersionPolicy &policy = (*writer)->policy();

    RowEdit edit;
    edit.table = schema.name();
    edit.noCheck = m_line.has(QStringLiteral("no-check"));
    edit.noIncrement = m_line.has(QStringLiteral("no-increment"));
    const auto pk = EditParser::key(**writer, m_line.positional(1));
    if (!pk)
        return failure(pk.error());
    edit.pk = *pk;
    if (!m_line.has(QStringLiteral("set")))
        return failure(DbError::badInput(CliCommand::tr("Nothing to update: give --set COL=VALUE.")));
    const auto changes = EditParser::assignments(**writer, m_line.values(QStringLiteral("set")));
    if (!changes)
        return failure(changes.error());
    edit.changes = *changes;

    if (!policy.isVersioned() && !edit.noCheck)
        return failure(DbError::badInput(CliCommand::tr("Table \"%1\" is not versioned, so this update cannot be "
                                                        "checked; run \"concord-cli enable %1\" first, or pass "
                                                        "--no-check to save it unchecked.").arg(schema.name())));
    if (m_line.has(QStringLiteral("version"))) {
        const auto version = EditParser::version(m_line.value(QStringLiteral("version")));
        if (!version)
            return failure(version.error());
        edit.version = *version;
    } else if (!edit.noCheck) {
        return failure(DbError::badInput(CliCommand::tr("An update needs --version V, the version the row had when "
                                                        "you read it (see concord-cli get).")));
    }
    return submitOne(**writer, edit);
}

CliCommand::Outcome CliCommand::remove()
{
    if (auto checked = m_line.expect({QStringLiteral("version")}, 2, 2, QStringLiteral("delete TABLE PK --version V"));
        !checked)
        return failure(checked.error());
    EditParser parser(*m_submitter);
    const auto writer = parser.table(m_line.positional(0));
    if (!writer)
        return failure(writer.error());
    RowEdit edit;
    edit.op = RowEdit::Op::Delete;
    edit.table = (*writer)->schema().name();
    const auto pk = EditParser::key(**writer, m_line.positional(1));
    if (!pk)
        return failure(pk.error());
    edit.pk = *pk;
    if (m_line.has(QStringLiteral("version"))) {
        const auto version = EditParser::version(m_line.value(QStringLiteral("version")));
        if (!version)
            return failure(version.error());
        edit.version = *version;
    } else if ((*writer)->policy().isVersioned()) {
        return failure(DbError::badInput(CliCommand::tr("A delete needs --version V, the version the row had when "
                                                        "you read it (see concord-cli get).")));
    }
    return submitOne(**writer, edit);
}

CliCommand::Outcome CliCommand::apply()
{
    if (auto checked = m_line.expect({QStringLiteral("policy")}, 1, 1,
                                     QStringLiteral("apply FILE|- [--policy silent|abort-all]"));
        !checked)
        return failure(checked.error());
    SubmitOptions options;
    options.user = m_line.user();
    if (m_line.has(QStringLiteral("policy"))) {
        const auto policy = SubmitResult::policyFromName(m_line.value(QStringLiteral("policy")));
        if (!policy)
            return failure(DbError::badInput(CliCommand::tr("Unknown policy \"%1\"; use silent or abort-all.")
                                                     .arg(m_line.value(QStringLiteral("policy")))));
        options.policy = *policy;
    }
    const QString source = m_line.positional(0);
    QFile file;
    const bool opened = source == QLatin1String("-") ? file.open(stdin, QIODevice::ReadOnly)
                                                     : (file.setFileName(source), file.open(QIODevice::ReadOnly));
    if (!opened)
        return failure(DbError::badInput(CliCommand::tr("Could not read the edits from \"%1\": %2.")
                                                 .arg(source, file.errorString())));
    const QByteArray json = file.readAll();
    EditParser parser(*m_submitter);
    const auto edits = parser.batch(json);
    if (!edits)
        return failure(edits.error());
    return fromBatch(m_submitter->submit(*edits, options));
}

CliCommand::Outcome CliCommand::action()
{
    const QString usage = QStringLiteral("action TABLE delete|set --rows PK:V[,PK:V...] [--set COL=VALUE] "
                                         "[--skip-changed]");
    if (auto checked = m_line.expect({QStringLiteral("rows"), QStringLiteral("set"), QStringLiteral("skip-changed")},
                                     2, 2, usage);
        !checked)
        return failure(checked.error());
    EditParser parser(*m_submitter);
    const auto writer = parser.table(m_line.positional(0));
    if (!writer)
        return failure(writer.error());
    const TableSchema &schema = (*writer)->schema();
    if (schema.primaryKey().isEmpty())
        return failure(DbError::badInput(CliCommand::tr("Table \"%1\" has no single-column primary key.").arg(schema.name())));

    const QString verb = m_line.positional(1);
    AdminAction adminAction;
    if (verb == QLatin1String("delete")) {
        if (m_line.has(QStringLiteral("set")))
            return failure(DbError::badInput(CliCommand::tr("The delete action takes no --set.")));
        adminAction = AdminAction::deleteRows();
    } else if (verb == QLatin1String("set")) {
        const QStringList sets = m_line.values(QStringLiteral("set"));
        if (sets.size() != 1)
            return failure(DbError::badInput(CliCommand::tr("The set action needs exactly one --set COL=VALUE.")));
        const auto changes = EditParser::assignments(**writer, sets);
        if (!changes)
            return failure(changes.error());
        const auto column = AdminAction::settableColumn(schema, (*writer)->policy(), changes->firstKey());
        if (!column)
            return failure(column.error());
        adminAction = AdminAction::setField(*column, changes->first());
    } else {
        return failure(DbError::badInput(CliCommand::tr("Unknown action \"%1\"; use delete or set.").arg(verb)));
    }
    if (!m_line.has(QStringLiteral("rows")))
        return failure(DbError::badInput(CliCommand::tr("Name the rows with --rows PK:VERSION[,PK:VERSION...].")));
    const auto refs = EditParser::rowRefs(**writer, m_line.value(QStringLiteral("rows")));
    if (!refs)
        return failure(refs.error());

    ActionOptions options;
    options.skipChanged = m_line.has(QStringLiteral("skip-changed"));
    options.user = m_line.user();
    ActionRunner runner(m_session);
    runner.setLockTimeout(m_lockTimeout);
    const SubmitResult result = runner.run(schema.name(), *refs, adminAction, options);
    Outcome outcome = fromBatch(result);
    // "Did not run" is told by the runner itself, in one sentence.
    if (outcome.code == Conflicted && result.error.isError())
        outcome.message = result.error.message;
    return outcome;
}

CliCommand::Outcome CliCommand::log()
{
    // "log on|off TABLE" switches a table's log; "log [TABLE]" reads it (a table called
    // "on" is still read with "log on").
    const QString verb = m_line.positional(0);
    if (m_line.positionals().size() == 2 && (verb == QLatin1String("on") || verb == QLatin1String("off")))
        return switchLog(verb == QLatin1String("on"));
    if (auto checked = m_line.expect({QStringLiteral("limit")}, 0, 1, QStringLiteral("log [TABLE] [--limit N] | log on|off TABLE"));
        !checked)
        return failure(checked.error());
    int limit = 100;
    if (m_line.has(QStringLiteral("limit"))) {
        bool valid = false;
        limit = m_line.value(QStringLiteral("limit")).toInt(&valid);
        if (!valid || limit < 1)
            return failure(DbError::badInput(QStringLiteral("--limit takes a whole number of at least 1, not \"%1\".")
                                                     .arg(m_line.value(QStringLiteral("limit")))));
    }
    QString table;
    if (!m_line.positionals().isEmpty()) {
        const auto schema = m_session->schema(m_line.positional(0));
        if (!schema)
            return failure(schema.error());
        table = schema->name();
    }
    const auto entries = ChangeLog::read(m_db, m_session->dialect(), table, QVariant(), limit);
    if (!entries)
        return failure(entries.error());
    QJsonArray array;
    for (const ChangeLog::Entry &entry : *entries) {
        array.append(QJsonObject{
                {QStringLiteral("id"), entry.id},
                {QStringLiteral("at"), entry.at.toUTC().toString(Qt::ISODateWithMs)},
                {QStringLiteral("user"), entry.user},
                {QStringLiteral("table"), entry.table},
                {QStringLiteral("pk"), entry.pk},
                {QStringLiteral("action"), entry.action},
                {QStringLiteral("version"), JsonValue::fromVariant(entry.version)},
                {QStringLiteral("changes"), entry.changes},
        });
    }
    Outcome outcome;
    outcome.json = array;
    return outcome;
}
