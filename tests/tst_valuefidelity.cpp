#include "conflict.h"
#include "jsonvalue.h"
#include "rowmerge.h"
#include "versionedtablemodel.h"

#include "sqlprobe.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

using namespace Concord;

// What a person did not change is never rewritten, and what they typed is stored as typed:
// every kind of value, on every dialect, through the grid's model, a merge taking their
// values, and concord-cli. "Stored exactly" is judged by the database itself: row 1 is
// written by Concord, row 2 by the database's own SQL literal for the intended value, and
// both are read back as text by SQL (CAST … AS text, HEX, quote()), never through Qt's types.
class tst_ValueFidelity : public QObject
{
    Q_OBJECT

private:
    /// One kind of value: its column's type per dialect, the value the rows start with
    /// (an SQL literal), and a new value as a person or a script gives it, with the SQL
    /// literal that means the same.
    struct Kind
    {
        const char *column;
        const char *sqliteType;
        const char *postgresType; ///< empty: the dialect has no such type
        const char *mariadbType;
        QString initial;          ///< SQL literal (per dialect, see literal())
        QString typed;            ///< the new value as typed (the CLI's and the editors' text)
        QString intended;         ///< SQL literal of that same value
    };

    static QList<Kind> kinds()
    {
        const QString text = QStringLiteral("'naïve 🍎\nשלום עולם \u202Bעברית\u202C'");
        return {
            {"big", "BIGINT", "BIGINT", "BIGINT", QStringLiteral("9223372036854775807"),
             QStringLiteral("-9223372036854775808"), QStringLiteral("-9223372036854775808")},
            {"b53", "BIGINT", "BIGINT", "BIGINT", QStringLiteral("9007199254740993"),
             QStringLiteral("9007199254740995"), QStringLiteral("9007199254740995")},
            // SQLite keeps a decimal as a REAL (15 digits); the servers keep every digit.
            {"num", "NUMERIC(14,4)", "NUMERIC(38,10)", "DECIMAL(38,10)", QStringLiteral("{dec}"),
             QStringLiteral("{decTyped}"), QStringLiteral("{decTyped}")},
            {"flt", "REAL", "DOUBLE PRECISION", "DOUBLE", QStringLiteral("1234567.891"),
             QStringLiteral("0.30000000000000004"), QStringLiteral("0.30000000000000004")},
            {"dt", "DATE", "DATE", "DATE", QStringLiteral("'2026-11-29'"), QStringLiteral("2024-02-29"),
             QStringLiteral("'2024-02-29'")},
            {"ts", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE", "DATETIME(6)", QStringLiteral("{ts}"),
             QStringLiteral("{tsTyped}"), QStringLiteral("'{tsTyped}'")},
            {"tm", "TIME", "TIME", "TIME(6)", QStringLiteral("'12:34:56.123456'"), QStringLiteral("23:59:59.999999"),
             QStringLiteral("'23:59:59.999999'")},
            {"ok", "BOOLEAN", "BOOLEAN", "BOOLEAN", QStringLiteral("{true}"), QStringLiteral("false"),
             QStringLiteral("{false}")},
            {"bin", "BLOB", "BYTEA", "BLOB", QStringLiteral("{blob 00ff0000}"), QStringLiteral("AAEA"),
             QStringLiteral("{blob 000100}")},
            {"txt", "TEXT", "TEXT", "TEXT", QStringLiteral("'plain'"), text.mid(1, text.size() - 2), text},
            {"js", "TEXT", "JSON", "JSON", QStringLiteral("'{\"a\": [1, 2]}'"),
             QStringLiteral("{\"b\": null, \"c\": \"é\"}"), QStringLiteral("'{\"b\": null, \"c\": \"é\"}'")},
            {"uid", "", "UUID", "", QStringLiteral("'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'"),
             QStringLiteral("6f1b3b8e-0000-4000-8000-000000000001"), QStringLiteral("'6f1b3b8e-0000-4000-8000-000000000001'")},
            // NULL and '' are two values: each becomes the other.
            {"nul", "TEXT", "TEXT", "TEXT", QStringLiteral("NULL"), QString(), QStringLiteral("''")},
            {"emp", "TEXT", "TEXT", "TEXT", QStringLiteral("''"), QStringLiteral("{NULL}"), QStringLiteral("NULL")},
        };
    }

    std::unique_ptr<TestDatabase> m_db;
    QSqlDatabase m_check;

    TestDatabase::Dialect dialect() const { return m_db->dialect(); }

    const char *typeOf(const Kind &kind) const
    {
        switch (dialect()) {
        case TestDatabase::Dialect::SQLite: return kind.sqliteType;
        case TestDatabase::Dialect::PostgreSQL: return kind.postgresType;
        case TestDatabase::Dialect::MariaDB: return kind.mariadbType;
        }
        return "";
    }

    /// The dialect's spelling of the placeholders in a kind's literals.
    QString literal(QString text) const
    {
        const bool sqlite = dialect() == TestDatabase::Dialect::SQLite;
        const bool postgres = dialect() == TestDatabase::Dialect::PostgreSQL;
        text.replace(QLatin1String("{decTyped}"), sqlite ? QStringLiteral("99999999.0001")
                                                         : QStringLiteral("123456789012345678.0123456788"));
        text.replace(QLatin1String("{dec}"), sqlite ? QStringLiteral("12345678.1234")
                                                    : QStringLiteral("123456789012345678.0123456789"));
        text.replace(QLatin1String("{tsTyped}"), postgres ? QStringLiteral("2027-01-01 00:00:00.000001+00")
                                                          : QStringLiteral("2027-01-01 00:00:00.000001"));
        text.replace(QLatin1String("{ts}"), postgres ? QStringLiteral("'2026-11-29 12:34:56.123456+05:30'")
                                                     : QStringLiteral("'2026-11-29 12:34:56.123456'"));
        text.replace(QLatin1String("{true}"), sqlite ? QStringLiteral("1") : QStringLiteral("TRUE"));
        text.replace(QLatin1String("{false}"), sqlite ? QStringLiteral("0") : QStringLiteral("FALSE"));
        static const QRegularExpression blob(QStringLiteral("\\{blob ([0-9a-f]+)\\}"));
        const QRegularExpressionMatch match = blob.match(text);
        if (match.hasMatch()) {
            text.replace(match.capturedStart(), match.capturedLength(),
                         postgres ? QStringLiteral("decode('%1', 'hex')").arg(match.captured(1))
                                  : QStringLiteral("X'%1'").arg(match.captured(1)));
        }
        return text;
    }

    /// The value as typed, with the placeholders filled in; "{NULL}" is NULL.
    QVariant typedValue(const Kind &kind) const
    {
        if (kind.typed == QLatin1String("{NULL}"))
            return QVariant();
        QString text = literal(kind.typed);
        if (text.startsWith(QLatin1Char('\'')))
            text = text.mid(1, text.size() - 2);
        return kind.typed.isNull() ? QVariant(QString(QLatin1String(""))) : QVariant(text);
    }

    QList<Kind> kindsHere() const
    {
        QList<Kind> here;
        for (const Kind &kind : kinds()) {
            if (*typeOf(kind))
                here.append(kind);
        }
        return here;
    }

    /// Table v: rows 1 and 2 hold the same initial values; a note column is the neighbour.
    QString createTable()
    {
        QStringList columns{QStringLiteral("id INTEGER PRIMARY KEY"), QStringLiteral("note VARCHAR(40)")};
        QStringList names{QStringLiteral("id"), QStringLiteral("note")};
        QStringList values{QStringLiteral("%1"), QStringLiteral("'n'")};
        for (const Kind &kind : kindsHere()) {
            columns.append(QStringLiteral("%1 %2").arg(QLatin1String(kind.column), QLatin1String(typeOf(kind))));
            names.append(QLatin1String(kind.column));
            values.append(literal(kind.initial));
        }
        columns.append(QStringLiteral("version BIGINT"));
        names.append(QStringLiteral("version"));
        values.append(QStringLiteral("1"));
        const QString insert = QStringLiteral("INSERT INTO v (%1) VALUES (%2)").arg(names.join(QLatin1Char(',')), values.join(QLatin1Char(',')));
        return m_db->exec({QStringLiteral("CREATE TABLE v (%1)").arg(columns.join(QStringLiteral(", "))),
                           insert.arg(1), insert.arg(2)});
    }

    bool open()
    {
        QFETCH_GLOBAL(QString, dialect);
        m_db = std::make_unique<TestDatabase>(dialect);
        if (!m_db->isValid())
            return false;
        const QString error = createTable();
        if (!error.isEmpty()) {
            qWarning("%s", qPrintable(error));
            return false;
        }
        m_check = m_db->connect(QStringLiteral("check"));
        return m_check.isOpen();
    }

    /// @p column of row @p id as the database prints it, NULL as "NULL" (never Qt's conversion).
    QString stored(const QString &column, int id)
    {
        QString expression;
        switch (dialect()) {
        case TestDatabase::Dialect::SQLite:
            expression = QStringLiteral("quote(%1) || ':' || typeof(%1)").arg(column);
            break;
        case TestDatabase::Dialect::PostgreSQL:
            expression = column == QLatin1String("bin") ? QStringLiteral("encode(%1, 'hex')").arg(column)
                                                        : QStringLiteral("CAST(%1 AS text)").arg(column);
            break;
        case TestDatabase::Dialect::MariaDB:
            expression = column == QLatin1String("bin") ? QStringLiteral("HEX(%1)").arg(column)
                                                        : QStringLiteral("CAST(%1 AS CHAR)").arg(column);
            break;
        }
        QSqlQuery query(m_check);
        if (!query.exec(QStringLiteral("SELECT %1 FROM v WHERE id = %2").arg(expression).arg(id)) || !query.next())
            return QStringLiteral("<error>");
        return query.isNull(0) ? QStringLiteral("NULL") : query.value(0).toString();
    }

    /// Every column of row @p id as stored, "column=text" joined by ";".
    QString storedRow(int id, const QString &except = QString())
    {
        QStringList cells;
        for (const Kind &kind : kindsHere()) {
            if (except != QLatin1String(kind.column))
                cells.append(QStringLiteral("%1=%2").arg(QLatin1String(kind.column), stored(QLatin1String(kind.column), id)));
        }
        return cells.join(QLatin1Char(';'));
    }

    std::unique_ptr<VersionedTableModel> model()
    {
        auto model = std::make_unique<VersionedTableModel>(nullptr, m_db->connect(QStringLiteral("grid")));
        model->setTable(QStringLiteral("v"));
        model->setSort(0, Qt::AscendingOrder);
        model->select();
        new QAbstractItemModelTester(model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest, model.get());
        return model;
    }

    QJsonObject lastLogChanges()
    {
        QSqlQuery query(m_check);
        if (!query.exec(QStringLiteral("SELECT changes FROM concord_log ORDER BY id DESC")) || !query.next())
            return {};
        return QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object();
    }

    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };

    Run cli(const QStringList &arguments, const QByteArray &input = QByteArray())
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("CONCORD_PASSWORD"), m_db->password());
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(CONCORD_CLI_PATH), QStringList{QStringLiteral("--db"), m_db->url()} + arguments);
        process.write(input);
        process.closeWriteChannel();
        process.waitForFinished(60000);
        return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
    }

    static void addKindRows()
    {
        QTest::addColumn<QString>("column");
        for (const Kind &kind : kinds())
            QTest::newRow(kind.column) << QString::fromLatin1(kind.column);
    }

    const Kind *kindNamed(const QString &column) const
    {
        static const QList<Kind> all = kinds();
        for (const Kind &kind : all) {
            if (column == QLatin1String(kind.column))
                return *typeOf(kind) ? &kind : nullptr;
        }
        return nullptr;
    }

private Q_SLOTS:
    // Every test runs once per dialect.
    void initTestCase_data() { TestDatabase::addDialectRows(); }
    void cleanup()
    {
        m_check = QSqlDatabase();
        m_db.reset();
    }

    // Setting every cell to the value it shows is no edit: nothing saved, nothing logged.
    void shouldNotEditWhatWasSetToItsOwnValue()
    {
        QVERIFY(open());
        const QString before = storedRow(1);
        auto grid = model();
        for (int column = 0; column < grid->columnCount(); ++column) {
            const QModelIndex index = grid->index(0, column);
            if (grid->flags(index) & Qt::ItemIsEditable)
                grid->setData(index, index.data(Qt::EditRole));
        }
        QCOMPARE(grid->pendingCount(), 0);
        QVERIFY(grid->submitAll());
        QCOMPARE(storedRow(1), before);
        QCOMPARE(SqlProbe::logCount(m_check), 0);
    }

    // Each kind typed into the grid's model is stored as the database's own literal would
    // store it; every other column of the row stays as it was; the log has the exact old and
    // new values, as the database returns them.
    void shouldStoreEachKindExactlyAndLeaveTheRestAlone_data() { addKindRows(); }
    void shouldStoreEachKindExactlyAndLeaveTheRestAlone()
    {
        QFETCH(QString, column);
        QVERIFY(open());
        const Kind *kind = kindNamed(column);
        if (!kind)
            QSKIP("this database has no such type");
        const QString othersBefore = storedRow(1, column);
        auto grid = model();
        const int c = grid->fieldIndex(column);
        const QVariant old = grid->index(0, c).data(Qt::EditRole);
        const QVariant typed = typedValue(*kind);
        const auto checked = grid->checkValue(c, typed);
        QVERIFY2(checked, qPrintable(checked.error().message));
        QVERIFY(grid->setData(grid->index(0, c), *checked));
        QVERIFY2(grid->submitAll(), qPrintable(grid->lastError().text()));
        QCOMPARE(m_db->exec(QStringLiteral("UPDATE v SET %1 = %2 WHERE id = 2").arg(column, literal(kind->intended))), QString());

        QCOMPARE(stored(column, 1), stored(column, 2));
        QCOMPARE(storedRow(1, column), othersBefore);

        const QJsonObject changes = lastLogChanges();
        QCOMPARE(changes.keys(), QStringList{column});
        auto fresh = model();
        QCOMPARE(changes.value(column).toObject().value(QStringLiteral("old")), JsonValue::fromVariant(old));
        QCOMPARE(changes.value(column).toObject().value(QStringLiteral("new")),
                 JsonValue::fromVariant(fresh->index(0, c).data(Qt::EditRole)));
    }

    // The neighbour is saved: none of the exact values beside it moves.
    void shouldKeepEveryValueWhenANeighbourIsSaved()
    {
        QVERIFY(open());
        const QString before = storedRow(1);
        auto grid = model();
        QVERIFY(grid->setData(grid->index(0, grid->fieldIndex(QStringLiteral("note"))), QStringLiteral("neighbour")));
        QVERIFY2(grid->submitAll(), qPrintable(grid->lastError().text()));
        QCOMPARE(storedRow(1), before);
        QCOMPARE(lastLogChanges().keys(), QStringList{QStringLiteral("note")});
    }

    // Someone else writes exact values; taking theirs in a merge and saving the merge with
    // a field of mine keeps every one of them.
    void shouldKeepTheirExactValuesThroughAMerge()
    {
        QVERIFY(open());
        auto grid = model();
        QVERIFY(grid->setData(grid->index(0, grid->fieldIndex(QStringLiteral("note"))), QStringLiteral("mine")));
        QStringList sets{QStringLiteral("version = 2")};
        for (const Kind &kind : kindsHere())
            sets.append(QStringLiteral("%1 = %2").arg(QLatin1String(kind.column), literal(kind.intended)));
        QCOMPARE(m_db->exec(QStringLiteral("UPDATE v SET %1 WHERE id IN (1, 2)").arg(sets.join(QStringLiteral(", ")))), QString());
        const QString theirs = storedRow(2);

        QVERIFY(!grid->submitAll());
        const Conflict conflict = grid->index(0, 0).data(VersionedTableModel::ConflictRole).value<Conflict>();
        QCOMPARE(conflict.kind, Conflict::Kind::Modified);
        const RowMerge merge(conflict, QStringList(), {QStringLiteral("id"), QStringLiteral("version")});
        QVERIFY(merge.isComplete());
        QVERIFY(grid->resolveConflict(0, merge.mergedValues()));
        QVERIFY2(grid->submitAll(), qPrintable(grid->lastError().text()));
        QCOMPARE(storedRow(1), theirs);
        QCOMPARE(stored(QStringLiteral("note"), 1), dialect() == TestDatabase::Dialect::SQLite
                         ? QStringLiteral("'mine':text") : QStringLiteral("mine"));
    }

    // concord-cli: get prints each value exactly; update and apply store what was typed.
    void shouldGetUpdateAndApplyExactly_data() { addKindRows(); }
    void shouldGetUpdateAndApplyExactly()
    {
        QFETCH(QString, column);
        QVERIFY(open());
        const Kind *kind = kindNamed(column);
        if (!kind)
            QSKIP("this database has no such type");

        // get: the value as a fresh grid reads it, as JSON (decimals and times as exact text).
        auto grid = model();
        const QJsonObject got = QJsonDocument::fromJson(cli({QStringLiteral("get"), QStringLiteral("v"), QStringLiteral("1")}).out).object();
        QCOMPARE(got.value(column), JsonValue::fromVariant(grid->index(0, grid->fieldIndex(column)).data(Qt::EditRole)));

        // update --set, as typed on a command line ("{NULL}" has no command-line spelling).
        const QVariant typed = typedValue(*kind);
        QCOMPARE(m_db->exec(QStringLiteral("UPDATE v SET %1 = %2 WHERE id = 2").arg(column, literal(kind->intended))), QString());
        if (!typed.isNull()) {
            const Run update = cli({QStringLiteral("update"), QStringLiteral("v"), QStringLiteral("1"), QStringLiteral("--version"),
                                    QStringLiteral("1"), QStringLiteral("--set"), QStringLiteral("%1=%2").arg(column, typed.toString())});
            QVERIFY2(update.exitCode == 0, update.err.constData());
            QCOMPARE(stored(column, 1), stored(column, 2));
        }

        // apply: the value as a JSON string (null for NULL), against the current version.
        QCOMPARE(m_db->exec(QStringLiteral("UPDATE v SET %1 = %2, version = 5 WHERE id = 1").arg(column, literal(kind->initial))), QString());
        const QJsonArray edits{QJsonObject{{QStringLiteral("table"), QStringLiteral("v")}, {QStringLiteral("pk"), 1},
                                           {QStringLiteral("version"), 5},
                                           {QStringLiteral("set"), QJsonObject{{column, typed.isNull() ? QJsonValue(QJsonValue::Null)
                                                                                                       : QJsonValue(typed.toString())}}}}};
        const Run apply = cli({QStringLiteral("apply"), QStringLiteral("-")}, QJsonDocument(edits).toJson());
        QVERIFY2(apply.exitCode == 0, apply.err.constData());
        QCOMPARE(stored(column, 1), stored(column, 2));
    }

    // SQLite keeps 15 digits of a decimal: a longer one is refused, not rounded by SQLite.
    void shouldRefuseADecimalSqliteWouldRound()
    {
        QFETCH_GLOBAL(QString, dialect);
        if (dialect != QLatin1String("sqlite"))
            QSKIP("Only SQLite would round the decimal");
        m_db = std::make_unique<TestDatabase>(TestDatabase::Dialect::SQLite);
        QVERIFY(m_db->isValid());
        QCOMPARE(m_db->exec({QStringLiteral("CREATE TABLE w (id INTEGER PRIMARY KEY, num NUMERIC(38,10), version INTEGER)"),
                             QStringLiteral("INSERT INTO w VALUES (1, 12.5, 1)")}), QString());
        auto grid = std::make_unique<VersionedTableModel>(nullptr, m_db->connect(QStringLiteral("grid")));
        grid->setTable(QStringLiteral("w"));
        QVERIFY(grid->select());
        const auto refused = grid->checkValue(grid->fieldIndex(QStringLiteral("num")), QStringLiteral("123456789012345678.0123456788"));
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(QStringLiteral("keeps 15 significant digits")), qPrintable(refused.error().message));
        QVERIFY(grid->checkValue(grid->fieldIndex(QStringLiteral("num")), QStringLiteral("123456789.012345")));
        const Run update = cli({QStringLiteral("update"), QStringLiteral("w"), QStringLiteral("1"), QStringLiteral("--version"),
                                QStringLiteral("1"), QStringLiteral("--set"), QStringLiteral("num=123456789012345678.0123456788")});
        QCOMPARE(update.exitCode, 2);
        QCOMPARE(SqlProbe::value(m_db->connect(), QStringLiteral("SELECT quote(num) FROM w")).toString(), QStringLiteral("12.5"));
    }

    // A JSON number with more digits than a double keeps is refused, not rounded.
    void shouldRefuseAJsonNumberADoubleWouldRound()
    {
        QVERIFY(open());
        const QString before = storedRow(1);
        const Run apply = cli({QStringLiteral("apply"), QStringLiteral("-")},
                              "[{\"table\":\"v\",\"pk\":1,\"version\":1,\"set\":{\"num\":123456789012345678.0123456788}}]");
        QCOMPARE(apply.exitCode, 2);
        QVERIFY2(apply.err.contains("as a string"), apply.err.constData());
        QCOMPARE(storedRow(1), before);
        QCOMPARE(SqlProbe::logCount(m_check), 0);
    }
};

QTEST_MAIN(tst_ValueFidelity)
#include "tst_valuefidelity.moc"
