#include "testdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

// Drives the real concord-cli binary as a separate process, as scripts and operators do:
// every check goes through its JSON output, its exit code and the database itself.
class tst_Cli : public QObject
{
    Q_OBJECT

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
        QJsonDocument json;
        QJsonObject object() const { return json.object(); }
        QJsonArray array() const { return json.array(); }
    };

    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<QTemporaryDir> m_home;

    void openDatabase(const QString &dialect)
    {
        m_db = std::make_unique<TestDatabase>(dialect);
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        m_home = std::make_unique<QTemporaryDir>();
        QVERIFY(m_home->isValid());
        const QString error = m_db->exec({
            QStringLiteral("CREATE TABLE items (id INTEGER PRIMARY KEY, name %1 NOT NULL UNIQUE, qty INTEGER, version BIGINT)")
                    .arg(m_db->text()),
            QStringLiteral("INSERT INTO items (id, name, qty, version) VALUES (1, 'apple', 10, 1), (2, 'pear', 20, 1), "
                           "(3, 'plum', 30, 1)"),
            QStringLiteral("CREATE TABLE plain (id INTEGER PRIMARY KEY, note %1)").arg(m_db->text()),
            QStringLiteral("INSERT INTO plain (id, note) VALUES (1, 'one'), (2, 'two')"),
        });
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    QProcessEnvironment environment(const QString &password) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("CONCORD_PASSWORD"), password);
        env.insert(QStringLiteral("CONCORD_USER"), QStringLiteral("tester"));
        // Keeps the default (demo) database path inside the test's own folder.
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_home->path());
        env.insert(QStringLiteral("HOME"), m_home->path());
        return env;
    }

    Run cliWith(const QStringList &arguments, const QString &password, const QByteArray &input = {},
                bool withDb = true) const
    {
        Run run;
        QProcess process;
        process.setProcessEnvironment(environment(password));
        const QStringList all = withDb ? QStringList{QStringLiteral("--db"), m_db->url()} + arguments : arguments;
        process.start(QStringLiteral(CONCORD_CLI_PATH), all);
        if (!process.waitForStarted(30000))
            return run;
        if (!input.isEmpty())
            process.write(input);
        process.closeWriteChannel();
        if (!process.waitForFinished(120000)) {
            process.kill();
            process.waitForFinished(5000);
            return run;
        }
        run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        run.out = process.readAllStandardOutput();
        run.err = process.readAllStandardError();
        run.json = QJsonDocument::fromJson(run.out);
        return run;
    }

    Run cli(const QStringList &arguments, const QByteArray &input = {}) const
    {
        return cliWith(arguments, m_db->password(), input);
    }

    static QString describe(const Run &run)
    {
        return QStringLiteral("exit %1, out: %2, err: %3")
                .arg(run.exitCode)
                .arg(QString::fromUtf8(run.out.trimmed()), QString::fromUtf8(run.err.trimmed()));
    }

    /// Every row of @p table flattened to text, in key order, plus the change log size:
    /// equal snapshots mean nothing was written.
    QString snapshot(const QString &table = QStringLiteral("items"), const QString &order = QStringLiteral("id"))
    {
        QString text;
        {
            QSqlDatabase db = m_db->connect(QStringLiteral("snapshot"));
            QSqlQuery query(db);
            if (!query.exec(QStringLiteral("SELECT * FROM %1 ORDER BY %2").arg(table, order)))
                return QStringLiteral("<no %1>").arg(table);
            while (query.next()) {
                QStringList values;
                for (int i = 0; i < query.record().count(); ++i)
                    values.append(query.record().fieldName(i).toLower() + QLatin1Char('=')
                                  + (query.isNull(i) ? QStringLiteral("NULL") : query.value(i).toString()));
                text += values.join(QLatin1Char('|')) + QLatin1Char(';');
            }
            // An empty change log and none at all both mean nothing was logged.
            int logged = 0;
            if (db.tables().contains(QStringLiteral("concord_log"), Qt::CaseInsensitive)
                && query.exec(QStringLiteral("SELECT COUNT(*) FROM concord_log")) && query.next())
                logged = query.value(0).toInt();
            text += QStringLiteral(" log=%1").arg(logged);
        }
        return text;
    }

    QVariant value(const QString &sql)
    {
        QVariant result = QStringLiteral("<error>");
        {
            QSqlDatabase db = m_db->connect(QStringLiteral("value"));
            QSqlQuery query(db);
            if (query.exec(sql) && query.next())
                result = query.value(0);
        }
        return result;
    }

    void raw(const QString &sql)
    {
        const QString error = m_db->exec(sql);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    static QByteArray edits(const QList<QJsonObject> &objects)
    {
        QJsonArray array;
        for (const QJsonObject &object : objects)
            array.append(object);
        return QJsonDocument(array).toJson(QJsonDocument::Compact);
    }

    static QJsonObject updateEdit(int pk, int version, const QJsonObject &set)
    {
        return QJsonObject{{QStringLiteral("table"), QStringLiteral("items")}, {QStringLiteral("pk"), pk},
                           {QStringLiteral("version"), version}, {QStringLiteral("set"), set}};
    }

    QString writeFile(const QByteArray &content)
    {
        static int counter = 0;
        const QString path = m_home->filePath(QStringLiteral("edits-%1.json").arg(++counter));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return QString();
        file.write(content);
        return path;
    }

    /// "trigger:table" of every trigger `triggers list` shows (other Concord triggers, such
    /// as PostgreSQL's change notification, may be listed beside the version trigger).
    QStringList triggerNames(const QString &table = QString()) const
    {
        QStringList arguments{QStringLiteral("triggers"), QStringLiteral("list")};
        if (!table.isEmpty())
            arguments.append(table);
        const Run run = cli(arguments);
        QStringList names;
        if (run.exitCode != 0 || !run.json.isArray())
            return {QStringLiteral("<failed: %1>").arg(describe(run))};
        for (const QJsonValue &entry : run.array())
            names.append(entry.toObject().value(QStringLiteral("trigger")).toString() + QLatin1Char(':')
                         + entry.toObject().value(QStringLiteral("table")).toString().toLower());
        return names;
    }

    static QStringList pksOf(const QJsonArray &entries)
    {
        QStringList pks;
        for (const QJsonValue &entry : entries)
            pks.append(entry.toObject().value(QStringLiteral("pk")).toVariant().toString());
        pks.sort();
        return pks;
    }

private Q_SLOTS:
    // Every test runs once per dialect.
    void initTestCase_data() { TestDatabase::addDialectRows(); }
    void cleanup()
    {
        m_db.reset();
        m_home.reset();
    }

    void shouldListTablesWithTheirVersioning()
    {
        QFETCH_GLOBAL(QString, dialect);
        openDatabase(dialect);
        const Run run = cli({QStringLiteral("tables")});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QVERIFY(run.json.isArray());
        QCOMPARE(run.out.count('\n'), 1);
        QMap<QString, QJsonObject> byName;
        for (const QJsonValue &entry : run.array())
            byName.insert(entry.toObject().value(QStringLiteral("table")).toString().toLower(), entry.toObject());
        QCOMPARE(byName.keys(), (QStringList{QStringLiteral("items"), QStringLiteral("plain")}));
        const QJsonObject items = byName.value(QStringLiteral("items"));
        QCOMPARE(items.value(QStringLiteral("pk")).toString(), QStringLiteral("id"));
        QCOMPARE(items.value(QStringLiteral("version_column")).toString(), QStringLiteral("version"));
        QCOMPARE(items.value(QStringLiteral("kind")).toString(), QStringLiteral("auto"));
        QCOMPARE(items.value(QStringLiteral("trigger")), QJsonValue(false));
        const QJsonObject plain = byName.value(QStringLiteral("plain"));
        QVERIFY(plain.value(QStringLiteral("version_column")).isNull());
        QVERIFY(plain.value(QStringLiteral("kind")).isNull());
    }

    void shouldGetRowAsJsonObject()
    {
        QFETCH_GLOBAL(QString, dialect);
        openDatabase(dialect);
        const Run run = cli({QStringLiteral("get"), QStringLiteral("items"), QStringLiteral("2")});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        const QJsonObject row = run.object();
        QCOMPARE(row.value(QStringLiteral("id")), QJsonValue(2));
        QCOMPARE(row.value(QStringLiteral("name")), QJsonValue(QStringLiteral("pear")));
        QCOMPARE(row.value(QStringLiteral("qty")), QJsonValue(20));
        QCOMPARE(row.value(QStringLiteral("version")), QJsonValue(1));
        QCOMPARE(row.size(), 4);

        const Run missing = cli({QStringLiteral("get"), QStringLiteral("items"), QStringLiteral("99")});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY(missing.out.isEmpty());
        QVERIFY2(missing.err.contains("99"), qPrintable(describe(missing)));
    }

    void shouldIncludeLabelsOfForeignKeysWithGetLabels()
    {
        QFETCH_GLOBAL(QString, dialect);
        openDatabase(dialect);
        const QString error = m_db->exec({
            QStringLiteral("CREATE TABLE buyers (id INTEGER PRIMARY KEY, code %1 NOT NULL, name %1 NOT NULL, email %1)")
                    .arg(m_db->text()),
            QStringLiteral("INSERT INTO buyers (id, code, name, email) VALUES (7, 'B7', 'Acme Ltd', 'sales@acme.test')"),
            QStringLiteral("CREATE TABLE sales (id INTEGER PRIMARY KEY, buyer_id INTEGER, item_id INTEGER, qty INTEGER, "
                           "FOREIGN KEY (buyer_id) REFERENCES buyers(id), FOREIGN KEY (item_id) REFERENCES items(id))"),
            QStringLiteral("INSERT INTO sales (id, buyer_id, item_id, qty) VALUES (1, 7, 2, 5), (2, NULL, 3, 1)"),
        });
        QVERIFY2(error.isEmpty(), qPrintable(error));

        const Run run = cli({QStringLiteral("get"), QStringLiteral("sales"), QStringLiteral("1"), QStringLiteral("--labels")});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QCOMPARE(run.object().value(QStringLiteral("buyer_id")), QJsonValue(7));
        QCOMPARE(run.object().value(QStringLiteral("labels")).toObject(),
                 (QJsonObject{{QStringLiteral("buyer_id"), QStringLiteral("Acme Ltd")},
                              {QStringLiteral("item_id"), QStringLiteral("pear")}}));
        // Without the flag the row is what it always was; a NULL key has no label.
        const Run plain = cli({QStringLiteral("get"), QStringLiteral("sales"), QStringLiteral("1")});
        QVERIFY(!plain.object().contains(QStringLiteral("labels")));
        const Run none = cli({QStringLiteral("get"), QStringLiteral("sales"), QStringLiteral("2"), QStringLiteral("--labels")});
        QCOMPARE(none.object().value(QStringLiteral("labels")).toObject(),
                 (QJsonObject{{QStringLiteral("item_id"), QStringLiteral("plum")}}));

        // The label column chosen with "label" is what every later client reads.
        const Run chosen = cli({QStringLiteral("label"), QStringLiteral("buyers"), QStringLiteral("email")});
        QVERIFY2(chosen.exitCode == 0, qPrintable(describe(chosen)));
        QCOMPARE(chosen.object().value(QStringLiteral("label_column")), QJsonValue(QStringLiteral("email")));
        QCOMPARE(chosen.object().value(QStringLiteral("chosen")), QJsonValue(true));
        const Run relabelled = cli({QStringLiteral("get"), QStringLiteral("sales"), QStringLiteral("1"), QStringLiteral("--labels")});
        QCOMPARE(relabelled.object().value(QStringLiteral("labels")).toObject().value(QStringLiteral("buyer_id")),
                 QJsonValue(QStringLiteral("sales@acme.test")));
        const Run unknown = cli({QStringLiteral("label"), QStringLiteral("buyers"), QStringLiteral("nope")});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains("nope"), qPrintable(describe(unknown)));
        const Run automatic = cli({QStringLiteral("label"), QStringLiteral("buyers"), QStringLiteral("--auto")});
        QVERIFY2(automatic.exitCode == 0, qPrintable(describe(automatic)));
        QCOMPARE(automatic.object().value(QStringLiteral("label_column")), QJsonValue(QStringLiteral("name")));
        QCOMPARE(automatic.object().value(QStringLiteral("chosen")), QJsonValue(false));
    }

    void shouldSaveUpdateAndBumpVersion()
    {
        QFETCH_GLOBAL(QString, dialect);
        openDatabase(dialect);
        const Run run = cli({QStringLiteral("update"), QStringLiteral("items"), QStringLiteral("1"), QStringLiteral("--version"),
                             QStringLiteral("1"), QStringLiteral("--set"), QStringLiteral("qty=11"), QStringLiteral("--set"),
                             QStringLiteral("name=green apple")});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QCOMPARE(run.object(), (QJsonObject{{QStringLiteral("status"), QStringLiteral("saved")}, {QStringLiteral("version"), 2}}));
        QCOMPARE(value(QStringLiteral("SELECT qty FROM items WHERE id = 1")).toInt(), 11);
        QCOMPARE(value(QStringLiteral("SELECT name FROM items WHERE id = 1")).toString(), QStringLiteral("green apple"));
        QCOMPARE(value(QStringLiteral("SELECT version FROM items WHERE id = 1")).toInt(), 2);

        const Run again = cli({QStringLiteral("get"), QStringLiteral("items"), QStringLiteral("1")});
        QCOMPARE(again.object().value(QStringLiteral("version")), QJsonValue(2));
        QCOMPARE(again.object().value(QStringLiteral("qty")), QJsonValue(11));
    }

    void shouldReportModifiedConflictWithTheirs()
    {
        QFETCH_GLOBAL(QString, dialect);
        openDatabase(dialect);
        // Someone else saves row 1 after we read it at version 1.
        QSqlDatabase other = m_db->connect(QStringLiteral("other"));
        QVERIFY(QSqlQuery(other).exec(QStringLiteral("UPDATE items SET qty = 99, version = 2 WHERE id = 1")));
        other = QSqlDatabase();

        const QString before = snapshot();
        const Run run = cli({QStringLiteral("update"), QStringLiteral("items"), QStringLiteral("1"), QStringLiteral("--version"),
                             QStringLiteral("1"), QStringLiteral("--set"), QStringLiteral("qty=5")});
        QCOMPARE(run.exitCode, 3);
        const QJsonObject result = run.object();
        QCOMPARE(result.value(QStringLiteral("status")).toString(), QStringLiteral("conflict"));
        QCOMPARE(result.value(QStringLiteral("reason")).toString(), QStringLiteral("modified"));
        const QJsonObject theirs = result.value(QStringLiteral("theirs")).toObject();
        QCOMPARE(theirs.value(QStringLiteral("qty")), QJsonValue(99));
        QCOMPARE(theirs.value(QStringLiteral("version")), QJsonValue(2));
        QCOMPARE(theirs.value(QStringLiteral("name")), QJsonValue(QStringLiteral("apple")));
        QCOMPARE(run.err.count('\n'), 1);
        QCOMPARE(snapshot(), before);
    }

    // A conflict carried only "theirs": a script could not see, beside it, the value it had
    // tried to set for a field both sides changed. Every conflict now carries "mine" too.
    void shouldReportMineBesideTheirsInEveryConflict()
    {
        QFETCH_GLOBAL(QString, dialect);
        openDatabase(dialect);
        // Someone else changes every row after the script read them at version 1.
        raw(QStringLiteral("UPDATE items SET qty = qty + 1, version = 2"));
        const QString before = snapshot();

        const Run update = cli({QStringLiteral("update"), QStringLiteral("items"), QStringLiteral("1"),
                                QStringLiteral("--version"), QStringLiteral("1"), QStringLiteral("--set"),
                                QStringLiteral("qty=5"), QStringLiteral("--set"), QStringLiteral("name=apricot")});
        QCOMPARE(update.exitCode, 3);
        QCOMPARE(update.object().value(QStringLiteral("theirs")).toObject().value(QStringLiteral("qty")), QJsonValue(11));
        QCOMPARE(update.object().value(QStringLiteral("mine")).toObject(),
                 (QJsonObject{{QStringLiteral("qty"), 5}, {QStringLiteral("name"), QStringLiteral("apricot")}}));

        const Run apply = cli({QStringLiteral("apply"), writeFile(edits({
            updateEdit(2, 1, QJsonObject{{QStringLiteral("qty"), 7}}),
            QJsonObject{{QStringLiteral("table"), QStringLiteral("items")}, {QStringLiteral("op"), QStringLiteral("delete")},
                        {QStringLiteral("pk"), 3}, {QStringLiteral("version"), 1}},
        }))});
        QCOMPARE(apply.exitCode, 3);
        QHash<int, QJsonObject> conflicts;
        for (const QJsonValue &entry : apply.object().value(QStringLiteral("conflicts")).toArray())
            conflicts.insert(entry.toObject().value(QStringLiteral("pk")).toInt(), entry.toObject());
        QCOMPARE(conflicts.size(), 2);
        QCOMPARE(conflicts.value(2).value(QStringLiteral("mine")).toObject(), (QJsonObject{{QStringLiteral("qty"), 7}}));
        QCOMPARE(conflicts.value(2).value(QStringLiteral("theirs")).toObject().value(QStringLiteral("qty")), QJsonValue(21));
        // A delete sets nothing: null, as "theirs" is for a row that is gone.
        QVERIFY(conflicts.value(3).contains(QStringLiteral("mine")));
        QVERIFY(conflicts.value(3).value(QStringLiteral("mine")).isNull());

        const Run set = cli({QStringLiteral("action"), QStringLiteral("items"), QStringLiteral("set"), QStringLiteral("--rows"),
                             QStringLiteral("2:1"), QStringLiteral("--set"), QStringLiteral("qty=0")});
        QCOMPARE(set.exitCode, 3);
        const QJsonObject setConflict = set.object().value(QStringLiteral("conflicts")).toArray().first().toObject();
        QCOMPARE(setConflict.value(QStringLiteral("mine")).toObject(), (QJsonObject{{QStringLiteral("qty"), 0}}));
        QCOMPARE(setConflict.value(QStringLiteral("theirs")).toObject().value(QStringLiteral("qty")), QJsonValue(21));
        const Run remove = cli({QStringLiteral("action"), QStringLiteral("items"), QStringLiteral("delete"),
                                QStringLiteral("--rows"), QStringLiteral("2:1")});
        QCOMPARE(remove.exitCode, 3);
        const QJsonObject deleteConflict = remove.object().value(QStringLiteral("conflicts")).toArray().first().toObject();
        QVERIFY(deleteConflict.contains(QStringLiteral("mine")));
        QVERIFY(deleteConflict.value(QStringLiteral("mine")).isNull());
        QCOMPARE(snapshot(), before);
    }

    void shouldReportDeletedConflictForGoneRow()
    {
        QFETCH_GLOBAL(QString, dialect);
        openDatabase(dialect);
        const Run first = cli({QStringLiteral("delete"), QStringLiteral("items"), QStringLiteral("2"), QStringLiteral("--version"),
                               QStringLiteral("1")});
        QVERIFY2(first.exitCode == 0, qPrintable(describe(first)));
        QCOMPARE(first.object().value(QStringLiteral("status")).toString(), QStringLiteral("saved"));
        QCOMPARE(value(QStringLiteral("SELECT COUNT(*) FROM items WHERE id = 2")).toInt(), 0);

        const Run gone = cli({QStringLiteral("delete"), QStringLiteral("items"), QStringLiteral("2"), QStringLiteral("--version"),
                              QStringLiteral("1")});
        QCOMPARE(gone.exitCode, 3);
        QCOMPARE(gone.object().value(QStringLiteral("status")).toString(), QStringLiteral("conflict"));
        QCOMPARE(gone.object().value(QStringLiteral("reason")).toString(), QStringLiteral("deleted"));
        QVERIFY(gone.object().value(QStringLiteral("theirs")).isNull());

        const Run updateGone = cli({QStringLiteral("update"), QStringLiteral("items"), QStringLiteral("2"),
                                    QStringLiteral("--version"), QStringLiteral("1"), QStringLiteral("--set"), QStringLiteral("qty=1")});
        QCOMPARE(updateGone.exitCode, 3);
        QCOMPARE(updateGone.object().value(QStringLiteral("reason")).toString(), QStringLiteral("deleted"));
    }

    void shouldNotDeleteRowChangedSinceRead()
    {
        QFETCH_GLOBAL(QString, dialect);
        openDatabase(dialect);
        raw(QStringLiteral("UPDATE items SET name = 'mine', version = 2 WHERE id = 3"));
        const Run run = cli({QStringLiteral("delete"), QStringLiteral("items"), QStringLiteral("3"), QStringLiteral("--version"),
                             QStringLiteral("1")});
        QCOMPARE(run.exitCode, 3);
        QCOMPARE(run.object().value(QStringLiteral("reason")).toString(), QStringLiteral("modified"));
        QCOMPARE(run.object().value(QStringLiteral("theirs")).toObject().value(QStringLiteral("name")).toString(),
                 QStringLiteral("mine"));
        QCOMPARE(value(QStringLiteral("SELECT COUNT(*) FROM items WHERE id = 3")).toInt(), 1);
    }

    void shouldApplyMixedBatchUnderSilent()
    {
        QFETCH_GLOBAL(QString, dialect);
        openDatabase(dialect);
        raw(QStringLiteral("UPDATE items SET qty = 21, version = 2 WHERE id = 2"));
        const QByteArray batch = edits({
            updateEdit(1, 1, {{QStringLiteral("qty"), 12}}),
            updateEdit(2, 1, {{QStringLiteral("qty"), 22}}),                           // conflict: now at 2
            updateEdit(3, 1, {{QStringLiteral("name"), QStringLiteral("apple")}}),     // error: name is unique
            QJsonObject{{QStringLiteral("table"), QStringLiteral("items")}, {QStringLiteral("op"), QStringLiteral("insert")},
                        {QStringLiteral("values"), QJsonObject{{QStringLiteral("id"), 4}, {QStringLiteral("name"), QStringLiteral("fig")},
                                                               {QStringLiteral("qty"), QStringLiteral("40")}}}},
        });
        const Run run = cli({QStringLiteral("apply"), writeFile(batch)});
        QCOMPARE(run.exitCode, 3);
        const QJsonObject result = run.object();
        QCOMPARE(result.keys(), (QStringList{QStringLiteral("busy"), QStringLiteral("conflicts"), QStringLiteral("errors"),
                                             QStringLiteral("saved")}));
        QVERIFY(result.value(QStringLiteral("busy")).toArray().isEmpty());
        QCOMPARE(pksOf(result.value(QStringLiteral("saved")).toArray()), (QStringList{QStringLiteral("1"), QStringLiteral("4")}));
        QCOMPARE(pksOf(result.value(QStringLiteral("conflicts")).toArray()), QStringList{QStringLiteral("2")});
        QCOMPARE(pksOf(result.value(QStringLiteral("errors")).toArray()), QStringList{QStringLiteral("3")});
        const QJsonObject conflict = result.value(QStringLiteral("conflicts")).toArray().first().toObject();
        QCOMPARE(conflict.value(QStringLiteral("table")).toString().toLower(), QStringLiteral("items"));
        QCOMPARE(conflict.value(QStringLiteral("reason")).toString(), QStringLiteral("modified"));
        QCOMPARE(conflict.value(QStringLiteral("theirs")).toObject().value(QStringLiteral("qty")), QJsonValue(21));
        const QJsonObject error = result.value(QStringLiteral("errors")).toArray().first().toObject();
        QVERIFY(!error.value(QStringLiteral("message")).toString().isEmpty());
        for (const QJsonValue &saved : result.value(QStringLiteral("saved")).toArray()) {
            const QJsonObject entry = saved.toObject();
            QCOMPARE(entry.value(QStringLiteral("version")).toInt(), entry.value(QStringLiteral("pk")).toInt() == 1 ? 2 : 1);
        }

        // The committed rows are there; the conflicting and failing ones are untouched.
        QCOMPARE(value(QStringLiteral("SELECT qty FROM items WHERE id = 1")).toInt(), 12);
        QCOMPARE(value(QStringLiteral("SELECT qty FROM items WHERE id = 2")).toInt(), 21);
        QCOMPARE(value(QStringLiteral("SELECT name FROM items WHERE id = 3")).toString(), QStringLiteral("plum"));
        QCOMPARE(value(QStringLiteral("SELECT qty FROM items WHERE id = 4")).toInt(), 40);
    }

    void shouldRollBackEverythingUnderAbortAll()
    {
        QFETCH_GLOBAL(QString, dialect);
        openDatabase(dialect);
        raw(QStringLiteral("UPDATE items SET qty = 21, version = 2 WHERE id = 2"));
        const QString before = snapshot();
        const QByteArray batch = edits({
            updateEdit(1, 1, {{QStringLiteral("qty"), 12}}),
            updateEdit(3, 1, {{QStringLiteral("qty"), 32}}),
            updateEdit(2, 1, {{QStringLiteral("qty"), 22}}),
        });
        const Run run = cli({QStringLiteral("apply"), QStringLiteral("-"), QStringLiteral("--policy"), QStringLiteral("abort-all")},
                            batch);
        QCOMPARE(run.exitCode, 3);
        QCOMPARE(run.object().value(QStringLiteral("saved")).toArray().size(), 0);
        QCOMPARE(pksOf(run.object().value(QStringLiteral("conflicts")).toArray()), QStringList{QStringLiteral("2")});
        QCOMPARE(snapshot(), before);

        // The same batch under the default policy saves the two others.
        const Run silent = cli({QStringLiteral("apply"), QStringLiteral("-")}, batch);
        QCOMPARE(silent.exitCode, 3);
        QCOMPARE(pksOf(silent.object().value(QStringLiteral("saved")).toArray()),
                 (QStringList{QStringLiteral("1"), QStringLiteral("3")}));
    }

    void shouldApplyCleanBatchWithExitZero()
    {
        QFETCH_GLOBAL(QString, dialect);
        openDatabase(dialect);
        const QByteArray batch = edits({
            updateEdit(1, 1, {{QStringLiteral("qty"), QStringLiteral("13")}}), // text "13" for an integer column
            QJsonObject{{QStringLiteral("table"), QStringLiteral("items")}, {QStringLiteral("op"), QStringLiteral("delete")},
                        {QStringLiteral("pk"), 2}, {QStringLiteral("version"), 1}},
            QJsonObject{{QStringLiteral("table"), QStringLiteral("plain")}, {QStringLiteral("pk"), 1},
                        {QStringLiteral("base"), QJsonObject{{QStringLiteral("note"), QStringLiteral("one")}}},
                        {QStringLiteral("set"), QJsonObject{{QStringLiteral("note"), QStringLiteral("uno")}}}},
        });
        const Run run = cli({QStringLiteral("apply"), QStringLiteral("-")}, batch);
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QCOMPARE(run.object().value(QStringLiteral("saved")).toArray().size(), 3);
        QCOMPARE(run.object().value(QStringLiteral("conflicts")).toArray().size(), 0);
        QCOMPARE(run.object().value(QStringLiteral("errors")).toArray().size(), 0);
        QCOMPARE(value(QStringLiteral("SELECT qty FROM items WHERE id = 1")).toInt(), 13);
        QCOMPARE(value(QStringLiteral("SELECT COUNT(*) FROM items")).toInt(), 2);
        QCOMPARE(value(QStringLiteral("SELECT note FROM plain WHERE id = 1")).toString(), QStringLiteral("uno"));
    }

    void shouldRejectWholeBatchWhenTenthEditIsBad_data()
    {
        QTest::addColumn<QByteArray>("tenth");
        const QList<QPair<const char *, QByteArray>> cases{
            {"unknown column", "{\"table\":\"items\",\"pk\":3,\"version\":1,\"set\":{\"colour\":\"red\"}}"},
            {"wrong type", "{\"table\":\"items\",\"pk\":3,\"version\":1,\"set\":{\"qty\":\"abc\"}}"},
            {"malformed JSON", "{\"table\":\"items\",\"pk\":3,\"version\":1,\"set\":{\"qty\":5}"},
            {"unknown table", "{\"table\":\"itemz\",\"pk\":3,\"version\":1,\"set\":{\"qty\":5}}"},
            {"missing version", "{\"table\":\"items\",\"pk\":3,\"set\":{\"qty\":5}}"},
            {"tampered version", "{\"table\":\"items\",\"pk\":3,\"version\":\"1 OR 1=1\",\"set\":{\"qty\":5}}"},
            {"quoted column", "{\"table\":\"items\",\"pk\":3,\"version\":1,\"set\":{\"\\\"qty\\\"\":5}}"},
        };
        for (const auto &c : cases)
            QTest::newRow(c.first) << c.second;
    }
    void shouldRejectWholeBatchWhenTenthEditIsBad()
    {
        QFETCH_GLOBAL(QString, dialect);
        QFETCH(QByteArray, tenth);
        openDatabase(dialect);
        const QString before = snapshot();
        QByteArray batch = "[";
        for (int i = 0; i < 9; ++i)
            batch += QStringLiteral("{\"table\":\"items\",\"pk\":%1,\"version\":1,\"set\":{\"qty\":%2}},").arg(i % 2 + 1).arg(100 + i).toUtf8();
        batch += tenth + "]";
        const Run run = cli({QStringLiteral("apply"), writeFile(batch)});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.out.isEmpty());
        QCOMPARE(run.err.count('\n'), 1);
        QVERIFY2(run.err.startsWith("concord-cli: "), run.err.constData());
        QCOMPARE(snapshot(), before);
        // Not even the change log was created.
        QCOMPARE(value(QStringLiteral("SELECT COUNT(*) FROM concord_log")).toString(), QStringLiteral("<error>"));
    }

    void shouldRejectHostileIdentifiers_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("expected");
        const QList<std::tuple<const char *, QStringList, QByteArray>> cases{
            {"get table", {QStringLiteral("get"), QStringLiteral("items; DROP TABLE items"), QStringLiteral("1")}, "no table named"},
            {"update table", {QStringLiteral("update"), QStringLiteral("items\"; DROP TABLE items; --"), QStringLiteral("1"),
                              QStringLiteral("--version"), QStringLiteral("1"), QStringLiteral("--set"), QStringLiteral("qty=1")},
             "no table named"},
            {"quoted column", {QStringLiteral("update"), QStringLiteral("items"), QStringLiteral("1"), QStringLiteral("--version"),
                               QStringLiteral("1"), QStringLiteral("--set"), QStringLiteral("\"qty\"=5")}, "no column named"},
            {"column with SQL", {QStringLiteral("update"), QStringLiteral("items"), QStringLiteral("1"), QStringLiteral("--version"),
                                 QStringLiteral("1"), QStringLiteral("--set"), QStringLiteral("qty = 0, version=1 --=5")},
             "no column named"},
            {"enable table", {QStringLiteral("enable"), QStringLiteral("plain; DROP TABLE items")}, "no table named"},
            {"enable column", {QStringLiteral("enable"), QStringLiteral("plain"), QStringLiteral("--column"),
                               QStringLiteral("v INTEGER; DROP TABLE items")}, "not a usable column name"},
            {"action column", {QStringLiteral("action"), QStringLiteral("items"), QStringLiteral("set"), QStringLiteral("--rows"),
                               QStringLiteral("1:1"), QStringLiteral("--set"), QStringLiteral("\"name\"=x")}, "no column named"},
            {"log table", {QStringLiteral("log"), QStringLiteral("items' OR '1'='1")}, "no table named"},
            {"key with SQL", {QStringLiteral("get"), QStringLiteral("items"), QStringLiteral("1 OR 1=1")}, "whole numbers"},
        };
        for (const auto &c : cases)
            QTest::newRow(std::get<0>(c)) << std::get<1>(c) << std::get<2>(c);
    }
    void shouldRejectHostileIdentifiers()
    {
        QFETCH_GLOBAL(QString, dialect);
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, expected);
        openDatabase(dialect);
        const QString before = snapshot() + snapshot(QStringLiteral("plain"));
        const Run run = cli(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.out.isEmpty());
        QVERIFY2(run.err.contains(expected), qPrintable(describe(run)));
        QCOMPARE(run.err.count('\n'), 1);
        QCOMPARE(snapshot() + snapshot(QStringLiteral("plain")), before);
    }

    void shouldBumpPastDatabaseVersionWithNoCheck()
    {
        QFETCH_GLOBAL(QString, dialect);
        openDatabase(dialect);
        // Someone saved twice more; we still hold version 1 and force our save.
        raw(QStringLiteral("UPDATE items SET qty = 15, version = 5 WHERE id = 1"));
        const Run forced = cli({QStringLiteral("update"), QStringLiteral("items"), QStringLiteral("1"), QStringLiteral("--version"),
                                QStringLiteral("1"), QStringLiteral("--no-check"), QStringLiteral("--set"), QStringLiteral("qty=7")});
        QVERIFY2(forced.exitCode == 0, qPrintable(describe(forced)));
        QCOMPARE(forced.object().value(QStringLiteral("version")), QJsonValue(6));
        QCOMPARE(value(QStringLiteral("SELECT version FROM items WHERE id = 1")).toInt(), 6);
        QCOMPARE(value(QStringLiteral("SELECT qty FROM items WHERE id = 1")).toInt(), 7);

        // Whoever still holds version 5 now conflicts.
        const Run holder = cli({QStringLiteral("update"), QStringLiteral("items"), QStringLiteral("1"), QStringLiteral("--version"),
                                QStringLiteral("5"), QStringLiteral("--set"), QStringLiteral("qty=8")});
        QCOMPARE(holder.exitCode, 3);
        QCOMPARE(holder.object().value(QStringLiteral("theirs")).toObject().value(QStringLiteral("version")), QJsonValue(6));
        QCOMPARE(value(QStringLiteral("SELECT qty FROM items WHERE id = 1")).toInt(), 7);
    }

    void shouldKeepVersionWithNoIncrement()
    {
        QFETCH_GLOBAL(QString, dialect);
        openDatabase(dialect);
        const Run kept = cli({QStringLiteral("update"), QStringLiteral("items"), QStringLiteral("1"), QStringLiteral("--version"),
                              QStringLiteral("1"), QStringLiteral("--no-increment"), QStringLiteral("--set"), QStringLiteral("qty=3")});
        QVERIFY2(kept.exitCode == 0, qPrintable(describe(kept)));
        QCOMPARE(kept.object().value(QStringLiteral("version")), QJsonValue(1));
        QCOMPARE(value(QStringLiteral("SELECT version FROM items WHERE id = 1")).toInt(), 1);
        QCOMPARE(value(QStringLiteral("SELECT qty FROM items WHERE id = 1")).toInt(), 3);

        // Still checked: a wrong version conflicts and writes nothing.
        const Run stale = cli({QStringLiteral("update"), QStringLiteral("items"), QStringLiteral("1"), QStringLiteral("--version"),
                               QStringLiteral("0"), QStringLiteral("--no-increment"), QStringLiteral("--set"), QStringLiteral("qty=4")});
        QCOMPARE(stale.exitCode, 3);
        QCOMPARE(value(QStringLiteral("SELECT qty FROM items WHERE id = 1")).toInt(), 3);
    }

    void shouldRefuseUncheckedUpdateOfUnversionedTable()
    {
        QFETCH_GLOBAL(QString, dialect);
        openDatabase(dialect);
        const QString before = snapshot(QStringLiteral("plain"));
        const Run refused = cli({QStringLiteral("update"), QStringLiteral("plain"), QStringLiteral("1"), QStringLiteral("--set"),
                                 QStringLiteral("note=x")});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains("enable") && refused.err.contains("--no-check"), qPrintable(describe(refused)));
        QCOMPARE(snapshot(QStringLiteral("plain")), before);

        const Run forced = cli({QStringLiteral("update"), QStringLiteral("plain"), QStringLiteral("1"), QStringLiteral("--set"),
                                QStringLiteral("note=x"), QStringLiteral("--no-check")});
        QVERIFY2(forced.exitCode == 0, qPrintable(describe(forced)));
        QCOMPARE(value(QStringLiteral("SELECT note FROM plain WHERE id = 1")).toString(), QStringLiteral("x"));
    }

    void shouldEnableOnceAndChangeNothingTheSecondTime()
    {
        QFETCH_GLOBAL(QString, dialect);
        openDatabase(dialect);
        const Run first = cli({QStringLiteral("enable"), QStringLiteral("plain"), QStringLiteral("--column"), QStringLiteral("rev")});
        QVERIFY2(first.exitCode == 0, qPrintable(describe(first)));
        QCOMPARE(first.object().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        QCOMPARE(first.object().value(QStringLiteral("version_column")).toString(), QStringLiteral("rev"));
        QCOMPARE(first.object().value(QStringLiteral("kind")).toString(), QStringLiteral("auto"));
        // The column was added and existing rows start at version 1.
        QCOMPARE(value(QStringLiteral("SELECT COUNT(*) FROM plain WHERE rev = 1")).toInt(), 2);

        const QString data = snapshot(QStringLiteral("plain"));
        const QString registry = snapshot(QStringLiteral("concord_tables"), QStringLiteral("table_name"));
        const Run tablesBefore = cli({QStringLiteral("tables")});
        const Run second = cli({QStringLiteral("enable"), QStringLiteral("plain"), QStringLiteral("--column"), QStringLiteral("rev")});
        QVERIFY2(second.exitCode == 0, qPrintable(describe(second)));
        QCOMPARE(second.out, first.out);
        QCOMPARE(snapshot(QStringLiteral("plain")), data);
        QCOMPARE(snapshot(QStringLiteral("concord_tables"), QStringLiteral("table_name")), registry);
        QCOMPARE(cli({QStringLiteral("tables")}).out, tablesBefore.out);

        // Versioned now: an update is checked and bumps the new column.
        const Run saved = cli({QStringLiteral("update"), QStringLiteral("plain"), QStringLiteral("2"), QStringLiteral("--version"),
                               QStringLiteral("1"), QStringLiteral("--set"), QStringLiteral("note=deux")});
        QVERIFY2(saved.exitCode == 0, qPrintable(describe(saved)));
        QCOMPARE(saved.object().value(QStringLiteral("version")), QJsonValue(2));
    }

    void shouldRejectContradictoryEnableOptions()
    {
        QFETCH_GLOBAL(QString, dialect);
        openDatabase(dialect);
        const QString before = snapshot(QStringLiteral("plain"));
        const Run run = cli({QStringLiteral("enable"), QStringLiteral("plain"), QStringLiteral("--kind"), QStringLiteral("conditional"),
                             QStringLiteral("--check-fields"), QStringLiteral("note"), QStringLiteral("--ignore-fields"),
                             QStringLiteral("id")});
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(snapshot(QStringLiteral("plain")), before);
        QCOMPARE(value(QStringLiteral("SELECT COUNT(*) FROM concord_tables")).toString(), QStringLiteral("<error>"));

        const Run conditional = cli({QStringLiteral("enable"), QStringLiteral("items"), QStringLiteral("--check-fields"),
                                     QStringLiteral("qty")});
        QVERIFY2(conditional.exitCode == 0, qPrintable(describe(conditional)));
        QCOMPARE(conditional.object().value(QStringLiteral("kind")).toString(), QStringLiteral("conditional"));
        // A change to an unchecked field is saved without a bump; a checked one bumps.
        const Run name = cli({QStringLiteral("update"), QStringLiteral("items"), QStringLiteral("1"), QStringLiteral("--version"),
                              QStringLiteral("1"), QStringLiteral("--set"), QStringLiteral("name=quince")});
        QCOMPARE(name.object().value(QStringLiteral("version")), QJsonValue(1));
        const Run qty = cli({QStringLiteral("update"), QStringLiteral("items"), QStringLiteral("1"), QStringLiteral("--version"),
                             QStringLiteral("1"), QStringLiteral("--set"), QStringLiteral("qty=1")});
        QCOMPARE(qty.object().value(QStringLiteral("version")), QJsonValue(2));
    }

    void shouldKeepColumnAndDropTriggerOnDisable()
    {
        QFETCH_GLOBAL(QString, dialect);
        openDatabase(dialect);
        const Run enabled = cli({QStringLiteral("enable"), QStringLiteral("plain"), QStringLiteral("--column"), QStringLiteral("rev"),
                                 QStringLiteral("--kind"), QStringLiteral("trigger")});
        QVERIFY2(enabled.exitCode == 0, qPrintable(describe(enabled)));
        QCOMPARE(enabled.object().value(QStringLiteral("trigger")), QJsonValue(true));
        QVERIFY(triggerNames().contains(QStringLiteral("concord_plain_rev:plain")));

        const Run disabled = cli({QStringLiteral("disable"), QStringLiteral("plain")});
        QVERIFY2(disabled.exitCode == 0, qPrintable(describe(disabled)));
        QCOMPARE(disabled.object().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        QVERIFY(!triggerNames().contains(QStringLiteral("concord_plain_rev:plain")));
        QCOMPARE(value(QStringLiteral("SELECT COUNT(*) FROM plain WHERE rev = 1")).toInt(), 2);
        raw(QStringLiteral("UPDATE plain SET note = 'raw' WHERE id = 1"));
        QCOMPARE(value(QStringLiteral("SELECT rev FROM plain WHERE id = 1")).toInt(), 1);
        for (const QJsonValue &entry : cli({QStringLiteral("tables")}).array()) {
            if (entry.toObject().value(QStringLiteral("table")).toString().toLower() == QLatin1String("plain"))
                QVERIFY(entry.toObject().value(QStringLiteral("version_column")).isNull());
        }
    }

    void shouldBumpOnceThroughTriggerOnRawUpdate()
    {
        QFETCH_GLOBAL(QString, dialect);
        openDatabase(dialect);
        QVERIFY(cli({QStringLiteral("enable"), QStringLiteral("items"), QStringLiteral("--kind"), QStringLiteral("trigger")}).exitCode == 0);
        QVERIFY(triggerNames().contains(QStringLiteral("concord_items_version:items")));
        QCOMPARE(cli({QStringLiteral("triggers"), QStringLiteral("drop"), QStringLiteral("items")}).exitCode, 0);
        QVERIFY(!triggerNames().contains(QStringLiteral("concord_items_version:items")));
        raw(QStringLiteral("UPDATE items SET qty = 11 WHERE id = 1"));
        QCOMPARE(value(QStringLiteral("SELECT version FROM items WHERE id = 1")).toInt(), 1);

        const Run created = cli({QStringLiteral("triggers"), QStringLiteral("create"), QStringLiteral("items")});
        QVERIFY2(created.exitCode == 0, qPrintable(describe(created)));
        QCOMPARE(created.object().value(QStringLiteral("trigger")).toString(), QStringLiteral("concord_items_version"));
        QVERIFY(triggerNames(QStringLiteral("items")).contains(QStringLiteral("concord_items_version:items")));
        QVERIFY(triggerNames(QStringLiteral("plain")).isEmpty());

        // Another tool's plain UPDATE, on a raw second connection: exactly one bump.
        raw(QStringLiteral("UPDATE items SET qty = 12 WHERE id = 1"));
        QCOMPARE(value(QStringLiteral("SELECT version FROM items WHERE id = 1")).toInt(), 2);
        raw(QStringLiteral("UPDATE items SET qty = qty + 1 WHERE id IN (1, 2)"));
        QCOMPARE(value(QStringLiteral("SELECT version FROM items WHERE id = 1")).toInt(), 3);
        QCOMPARE(value(QStringLiteral("SELECT version FROM items WHERE id = 2")).toInt(), 2);

        // Concord's own save reads the trigger's version back and adds none of its own.
        const Run saved = cli({QStringLiteral("update"), QStringLiteral("items"), QStringLiteral("1"), QStringLiteral("--version"),
                               QStringLiteral("3"), QStringLiteral("--set"), QStringLiteral("qty=20")});
        QVERIFY2(saved.exitCode == 0, qPrintable(describe(saved)));
        QCOMPARE(saved.object().value(QStringLiteral("version")), QJsonValue(4));
        QCOMPARE(value(QStringLiteral("SELECT version FROM items WHERE id = 1")).toInt(), 4);
    }

    void shouldRunActionOnlyWhenSelectionUnchanged_data()
    {
        QTest::addColumn<QString>("verb");
        for (const QString verb : {QStringLiteral("delete"), QStringLiteral("set")})
            QTest::newRow(qPrintable(verb)) << verb;
    }
    void shouldRunActionOnlyWhenSelectionUnchanged()
    {
        QFETCH_GLOBAL(QString, dialect);
        QFETCH(QString, verb);
        openDatabase(dialect);
        QStringList arguments{QStringLiteral("action"), QStringLiteral("items"), verb, QStringLiteral("--rows"),
                              QStringLiteral("1:1,2:1,3:1")};
        if (verb == QLatin1String("set"))
            arguments << QStringLiteral("--set") << QStringLiteral("qty=0");
        // Row 2 changes after the selection was shown.
        raw(QStringLiteral("UPDATE items SET qty = 25, version = 2 WHERE id = 2"));
        const QString before = snapshot();

        const Run refused = cli(arguments);
        QCOMPARE(refused.exitCode, 3);
        QCOMPARE(refused.object().value(QStringLiteral("saved")).toArray().size(), 0);
        QCOMPARE(pksOf(refused.object().value(QStringLiteral("conflicts")).toArray()), QStringList{QStringLiteral("2")});
        QCOMPARE(refused.object().value(QStringLiteral("conflicts")).toArray().first().toObject()
                         .value(QStringLiteral("theirs")).toObject().value(QStringLiteral("qty")), QJsonValue(25));
        QCOMPARE(snapshot(), before);

        const Run skipped = cli(arguments + QStringList{QStringLiteral("--skip-changed")});
        QCOMPARE(skipped.exitCode, 3);
        QCOMPARE(pksOf(skipped.object().value(QStringLiteral("saved")).toArray()),
                 (QStringList{QStringLiteral("1"), QStringLiteral("3")}));
        QCOMPARE(pksOf(skipped.object().value(QStringLiteral("conflicts")).toArray()), QStringList{QStringLiteral("2")});
        if (verb == QLatin1String("delete")) {
            QCOMPARE(value(QStringLiteral("SELECT COUNT(*) FROM items")).toInt(), 1);
        } else {
            QCOMPARE(value(QStringLiteral("SELECT SUM(qty) FROM items")).toInt(), 25);
            QCOMPARE(value(QStringLiteral("SELECT version FROM items WHERE id = 1")).toInt(), 2);
        }
        QCOMPARE(value(QStringLiteral("SELECT qty FROM items WHERE id = 2")).toInt(), 25);

        // Everything unchanged: exit 0.
        const Run clean = cli({QStringLiteral("action"), QStringLiteral("items"), QStringLiteral("delete"), QStringLiteral("--rows"),
                               QStringLiteral("2:2")});
        QVERIFY2(clean.exitCode == 0, qPrintable(describe(clean)));
        QCOMPARE(pksOf(clean.object().value(QStringLiteral("saved")).toArray()), QStringList{QStringLiteral("2")});
    }

    void shouldLogSavedChangesButNotConflicts()
    {
        QFETCH_GLOBAL(QString, dialect);
        openDatabase(dialect);
        QCOMPARE(cli({QStringLiteral("update"), QStringLiteral("items"), QStringLiteral("1"), QStringLiteral("--version"),
                      QStringLiteral("1"), QStringLiteral("--set"), QStringLiteral("qty=11")}).exitCode, 0);
        raw(QStringLiteral("UPDATE items SET version = 2 WHERE id = 2"));
        QCOMPARE(cli({QStringLiteral("update"), QStringLiteral("items"), QStringLiteral("2"), QStringLiteral("--version"),
                      QStringLiteral("1"), QStringLiteral("--set"), QStringLiteral("qty=21")}).exitCode, 3);
        QCOMPARE(cli({QStringLiteral("--user"), QStringLiteral("ops"), QStringLiteral("delete"), QStringLiteral("items"),
                      QStringLiteral("3"), QStringLiteral("--version"), QStringLiteral("1")}).exitCode, 0);

        const Run log = cli({QStringLiteral("log"), QStringLiteral("items")});
        QVERIFY2(log.exitCode == 0, qPrintable(describe(log)));
        const QJsonArray entries = log.array();
        QCOMPARE(entries.size(), 2);
        const QJsonObject newest = entries.at(0).toObject();
        QCOMPARE(newest.value(QStringLiteral("action")).toString(), QStringLiteral("delete"));
        QCOMPARE(newest.value(QStringLiteral("pk")).toString(), QStringLiteral("3"));
        QCOMPARE(newest.value(QStringLiteral("user")).toString(), QStringLiteral("ops"));
        const QJsonObject update = entries.at(1).toObject();
        QCOMPARE(update.value(QStringLiteral("action")).toString(), QStringLiteral("update"));
        QCOMPARE(update.value(QStringLiteral("pk")).toString(), QStringLiteral("1"));
        QCOMPARE(update.value(QStringLiteral("user")).toString(), QStringLiteral("tester"));
        QCOMPARE(update.value(QStringLiteral("version")), QJsonValue(2));
        QCOMPARE(update.value(QStringLiteral("changes")).toObject().value(QStringLiteral("qty")).toObject(),
                 (QJsonObject{{QStringLiteral("old"), 10}, {QStringLiteral("new"), 11}}));
        QVERIFY(!update.value(QStringLiteral("at")).toString().isEmpty());
        for (const QJsonValue &entry : entries)
            QVERIFY(entry.toObject().value(QStringLiteral("pk")).toString() != QLatin1String("2"));

        QCOMPARE(cli({QStringLiteral("log"), QStringLiteral("--limit"), QStringLiteral("1")}).array().size(), 1);
        QCOMPARE(cli({QStringLiteral("log"), QStringLiteral("plain")}).array().size(), 0);
    }

    void shouldSwitchTheChangeLogPerTable()
    {
        QFETCH_GLOBAL(QString, dialect);
        openDatabase(dialect);
        const auto logSize = [this] { return cli({QStringLiteral("log"), QStringLiteral("items")}).array().size(); };
        const auto logOf = [](const Run &run) { return run.object().value(QStringLiteral("log")); };
        const auto updateQty = [this](int pk, int version, int qty) {
            return cli({QStringLiteral("update"), QStringLiteral("items"), QString::number(pk), QStringLiteral("--version"),
                        QString::number(version), QStringLiteral("--set"), QStringLiteral("qty=%1").arg(qty)});
        };

        const Run off = cli({QStringLiteral("log"), QStringLiteral("off"), QStringLiteral("items")});
        QVERIFY2(off.exitCode == 0, qPrintable(describe(off)));
        QCOMPARE(logOf(off), QJsonValue(false));
        QStringList listed;
        for (const QJsonValue &table : cli({QStringLiteral("tables")}).array()) {
            const QJsonObject object = table.toObject();
            listed.append(object.value(QStringLiteral("table")).toString() + QLatin1Char('=')
                          + (object.value(QStringLiteral("log")).toBool() ? QStringLiteral("on") : QStringLiteral("off")));
        }
        listed.sort();
        QCOMPARE(listed.join(QLatin1Char(' ')), QStringLiteral("items=off plain=on"));
        QCOMPARE(updateQty(1, 1, 11).exitCode, 0);
        QCOMPARE(logSize(), 0);

        // enable keeps the switch unless told: --log and --no-log set it.
        const Run kind = cli({QStringLiteral("enable"), QStringLiteral("items"), QStringLiteral("--kind"), QStringLiteral("timestamp")});
        QVERIFY2(kind.exitCode == 0, qPrintable(describe(kind)));
        QCOMPARE(logOf(kind), QJsonValue(false));
        const Run on = cli({QStringLiteral("enable"), QStringLiteral("items"), QStringLiteral("--log")});
        QCOMPARE(logOf(on), QJsonValue(true));
        QCOMPARE(updateQty(2, 1, 21).exitCode, 0);
        QCOMPARE(logSize(), 1);
        QCOMPARE(logOf(cli({QStringLiteral("enable"), QStringLiteral("items"), QStringLiteral("--no-log")})), QJsonValue(false));
        QCOMPARE(logOf(cli({QStringLiteral("log"), QStringLiteral("on"), QStringLiteral("items")})), QJsonValue(true));

        // An unversioned table has no entry for the switch; contradictory options write nothing.
        const QString registry = snapshot(QStringLiteral("concord_tables"), QStringLiteral("table_name"));
        const Run unversioned = cli({QStringLiteral("log"), QStringLiteral("off"), QStringLiteral("plain")});
        QCOMPARE(unversioned.exitCode, 2);
        QVERIFY(unversioned.err.contains("not versioned"));
        QCOMPARE(cli({QStringLiteral("enable"), QStringLiteral("items"), QStringLiteral("--log"), QStringLiteral("--no-log")}).exitCode, 2);
        QCOMPARE(cli({QStringLiteral("log"), QStringLiteral("off"), QStringLiteral("nosuchtable")}).exitCode, 2);
        QCOMPARE(snapshot(QStringLiteral("concord_tables"), QStringLiteral("table_name")), registry);
    }

    void shouldNeverPrintThePassword()
    {
        QFETCH_GLOBAL(QString, dialect);
        openDatabase(dialect);
        if (m_db->dialect() == TestDatabase::Dialect::SQLite)
            QSKIP("SQLite has no password");
        const QString secret = QStringLiteral("Wr0ng-s3cret-%1").arg(QCoreApplication::applicationPid());
        const Run wrong = cliWith({QStringLiteral("tables")}, secret);
        QCOMPARE(wrong.exitCode, 1);
        QCOMPARE(wrong.err.count('\n'), 1);
        QVERIFY(!wrong.err.contains(secret.toUtf8()));
        QVERIFY(!wrong.out.contains(secret.toUtf8()));

        // A password typed into the URL is refused without being echoed.
        QString url = m_db->url();
        url.replace(QStringLiteral("://concord@"), QStringLiteral("://concord:%1@").arg(secret));
        QVERIFY(url.contains(secret));
        const Run inUrl = cliWith({QStringLiteral("--db"), url, QStringLiteral("tables")}, m_db->password(), {}, false);
        QCOMPARE(inUrl.exitCode, 2);
        QVERIFY2(inUrl.err.contains("CONCORD_PASSWORD"), qPrintable(describe(inUrl)));
        QVERIFY(!inUrl.err.contains(secret.toUtf8()));
        QVERIFY(!inUrl.out.contains(secret.toUtf8()));

        // The right password works and is not printed either.
        const Run right = cli({QStringLiteral("get"), QStringLiteral("items"), QStringLiteral("1")});
        QCOMPARE(right.exitCode, 0);
    }

    void shouldExitTwoOnUsageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        const auto update = [](const QStringList &extra) {
            return QStringList{QStringLiteral("update"), QStringLiteral("items"), QStringLiteral("1")} + extra;
        };
        const QList<QPair<const char *, QStringList>> cases{
            {"no command", {}},
            {"unknown command", {QStringLiteral("frobnicate")}},
            {"unknown option", {QStringLiteral("tables"), QStringLiteral("--frobnicate")}},
            {"option of another command", {QStringLiteral("tables"), QStringLiteral("--version"), QStringLiteral("1")}},
            {"missing version", update({QStringLiteral("--set"), QStringLiteral("qty=1")})},
            {"fractional version", update({QStringLiteral("--version"), QStringLiteral("1.5"), QStringLiteral("--set"), QStringLiteral("qty=1")})},
            {"version twice", update({QStringLiteral("--version"), QStringLiteral("1"), QStringLiteral("--version"), QStringLiteral("2"),
                                      QStringLiteral("--set"), QStringLiteral("qty=1")})},
            {"version without value", update({QStringLiteral("--set"), QStringLiteral("qty=1"), QStringLiteral("--version")})},
            {"no set", update({QStringLiteral("--version"), QStringLiteral("1")})},
            {"set without equals", update({QStringLiteral("--version"), QStringLiteral("1"), QStringLiteral("--set"), QStringLiteral("qty")})},
            {"wrong type", update({QStringLiteral("--version"), QStringLiteral("1"), QStringLiteral("--set"), QStringLiteral("qty=abc")})},
            {"version column", update({QStringLiteral("--version"), QStringLiteral("1"), QStringLiteral("--set"), QStringLiteral("version=9")})},
            {"delete without version", {QStringLiteral("delete"), QStringLiteral("items"), QStringLiteral("1")}},
            {"get without key", {QStringLiteral("get"), QStringLiteral("items")}},
            {"check and ignore fields", {QStringLiteral("enable"), QStringLiteral("items"), QStringLiteral("--check-fields"),
                                         QStringLiteral("qty"), QStringLiteral("--ignore-fields"), QStringLiteral("name")}},
            {"unknown kind", {QStringLiteral("enable"), QStringLiteral("items"), QStringLiteral("--kind"), QStringLiteral("sometimes")}},
            {"unknown policy", {QStringLiteral("apply"), QStringLiteral("-"), QStringLiteral("--policy"), QStringLiteral("sometimes")}},
            {"missing file", {QStringLiteral("apply"), QStringLiteral("/nonexistent/edits.json")}},
            {"not an array", {QStringLiteral("apply"), QStringLiteral("-")}},
            {"unknown action", {QStringLiteral("action"), QStringLiteral("items"), QStringLiteral("explode"), QStringLiteral("--rows"),
                                QStringLiteral("1:1")}},
            {"action rows without version", {QStringLiteral("action"), QStringLiteral("items"), QStringLiteral("delete"),
                                             QStringLiteral("--rows"), QStringLiteral("1")}},
            {"action set without value", {QStringLiteral("action"), QStringLiteral("items"), QStringLiteral("set"),
                                          QStringLiteral("--rows"), QStringLiteral("1:1")}},
            {"zero limit", {QStringLiteral("log"), QStringLiteral("--limit"), QStringLiteral("0")}},
            {"triggers verb", {QStringLiteral("triggers"), QStringLiteral("explode")}},
        };
        for (const auto &c : cases)
            QTest::newRow(c.first) << c.second;
    }
    void shouldExitTwoOnUsageErrors()
    {
        QFETCH_GLOBAL(QString, dialect);
        QFETCH(QStringList, arguments);
        openDatabase(dialect);
        const QString before = snapshot();
        const Run run = cli(arguments, "{\"table\":\"items\"}");
        QVERIFY2(run.exitCode == 2, qPrintable(describe(run)));
        QVERIFY(run.out.isEmpty());
        QCOMPARE(run.err.count('\n'), 1);
        QVERIFY(run.err.startsWith("concord-cli: "));
        QCOMPARE(snapshot(), before);
    }

    void shouldRejectInsertMissingRequiredColumn()
    {
        QFETCH_GLOBAL(QString, dialect);
        openDatabase(dialect);
        // The catalog says which columns have no default, on MariaDB too.
        const QString before = snapshot();
        const QByteArray batch = edits({
            updateEdit(1, 1, {{QStringLiteral("qty"), 12}}),
            QJsonObject{{QStringLiteral("table"), QStringLiteral("items")}, {QStringLiteral("op"), QStringLiteral("insert")},
                        {QStringLiteral("values"), QJsonObject{{QStringLiteral("id"), 40}, {QStringLiteral("qty"), 5}}}},
        });
        const Run run = cli({QStringLiteral("apply"), QStringLiteral("-")}, batch);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("\"name\""), qPrintable(describe(run)));
        QCOMPARE(snapshot(), before);
    }

    void shouldPrintUsageOnHelp()
    {
        QFETCH_GLOBAL(QString, dialect);
        openDatabase(dialect);
        const Run run = cli({QStringLiteral("--help")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains("concord-cli [--db URL]"));
    }

    void shouldCreateDemoButNeverATypo()
    {
        QFETCH_GLOBAL(QString, dialect);
        openDatabase(dialect);
        if (m_db->dialect() != TestDatabase::Dialect::SQLite)
            QSKIP("the default and missing databases are SQLite files");
        const Run missing = cliWith({QStringLiteral("--db"), m_home->filePath(QStringLiteral("typo.sqlite")), QStringLiteral("tables")},
                                    QString(), {}, false);
        QCOMPARE(missing.exitCode, 2);
        QVERIFY(!QFile::exists(m_home->filePath(QStringLiteral("typo.sqlite"))));

        // Without --db, the first run makes the demo database and lists its tables.
        const Run demo = cliWith({QStringLiteral("tables")}, QString(), {}, false);
        QVERIFY2(demo.exitCode == 0, qPrintable(describe(demo)));
        QVERIFY(demo.array().size() >= 4);
        for (const QJsonValue &entry : demo.array())
            QVERIFY(!entry.toObject().value(QStringLiteral("version_column")).toString().isEmpty());
    }
};

QTEST_MAIN(tst_Cli)
#include "tst_cli.moc"
