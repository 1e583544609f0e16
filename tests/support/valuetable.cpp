#include "valuetable.h"

#include "sqlprobe.h"

#include <QLocale>
#include <QSqlError>
#include <QSqlQuery>

QString ValueTable::create(TestDatabase &db)
{
    using Dialect = TestDatabase::Dialect;
    const Dialect d = db.dialect();
    const auto pick = [d](const char *sqlite, const char *postgres, const char *mariadb) {
        return QString::fromLatin1(d == Dialect::SQLite ? sqlite : d == Dialect::PostgreSQL ? postgres : mariadb);
    };
    QStringList columns{
        QStringLiteral("id ") + db.autoKey(),
        QStringLiteral("big BIGINT"),
        QStringLiteral("near BIGINT"),
        QStringLiteral("amount ") + pick("DECIMAL(38,10)", "NUMERIC(38,10)", "DECIMAL(38,10)"),
        QStringLiteral("ratio ") + pick("REAL", "DOUBLE PRECISION", "DOUBLE"),
        QStringLiteral("born DATE"),
        QStringLiteral("seen ") + pick("TIMESTAMP", "TIMESTAMP(6)", "DATETIME(6)"),
        QStringLiteral("clock ") + pick("TIME", "TIME(6)", "TIME(6)"),
        QStringLiteral("flag BOOLEAN"),
        QStringLiteral("active BOOLEAN NOT NULL DEFAULT TRUE"),
        QStringLiteral("bytes ") + pick("BLOB", "BYTEA", "LONGBLOB"),
        QStringLiteral("note TEXT"),
        QStringLiteral("label VARCHAR(20)"),
        QStringLiteral("status VARCHAR(10) NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'paid'))"),
        QStringLiteral("ref_id INTEGER"),
        QStringLiteral("version BIGINT"),
        QStringLiteral("FOREIGN KEY (ref_id) REFERENCES refs (id)"),
    };
    if (d == Dialect::PostgreSQL)
        columns.insert(7, QStringLiteral("seentz TIMESTAMPTZ"));
    const QString amount = d == Dialect::SQLite ? QStringLiteral("12345678.1234")
                                                : QStringLiteral("123456789012345678.0123456788");
    QStringList statements{
        QStringLiteral("CREATE TABLE refs (id INTEGER PRIMARY KEY, name %1)").arg(db.text()),
        QStringLiteral("INSERT INTO refs (id, name) VALUES (1, 'one'), (2, 'two')"),
        QStringLiteral("CREATE TABLE vals (%1)").arg(columns.join(QStringLiteral(", "))),
        QStringLiteral("INSERT INTO vals (id, big, near, amount, ratio, born, seen, clock, flag, label, status, ref_id, "
                       "version) VALUES (1, 9223372036854775807, 9007199254740993, %1, 0.30000000000000004, "
                       "'2024-02-29', '2026-11-29 07:04:56.123456', '12:34:56.123456', TRUE, '', 'paid', 1, 1)")
                .arg(amount),
        QStringLiteral("INSERT INTO vals (id, big, status, version) VALUES (2, -9223372036854775807, 'new', 1)"),
    };
    if (d == Dialect::PostgreSQL) {
        statements.append(QStringLiteral("UPDATE vals SET seentz = '2026-11-29 12:34:56.123456+05:30' WHERE id = 1"));
        // The rows above chose their keys: new rows take the next ones.
        statements.append(QStringLiteral("SELECT setval('vals_id_seq', 2)"));
    }
    const QString error = db.exec(statements);
    if (!error.isEmpty())
        return error;
    // Bytes with NUL in them, and text no literal spells as easily: bound.
    QSqlQuery query(db.connect(QStringLiteral("setup")));
    query.prepare(QStringLiteral("UPDATE vals SET bytes = ?, note = ? WHERE id = 1"));
    query.addBindValue(bytes());
    query.addBindValue(noteText());
    return query.exec() ? QString() : query.lastError().text();
}

QString ValueTable::noteText()
{
    return QStringLiteral("naïve 😀\nשלום עולם");
}

QByteArray ValueTable::bytes()
{
    return QByteArray("\0\x01\0\xff\0", 5);
}

QString ValueTable::amountShown(TestDatabase::Dialect dialect)
{
    return dialect == TestDatabase::Dialect::SQLite ? QStringLiteral("12345678.1234000000")
                                                    : QStringLiteral("123456789012345678.0123456788");
}

QString ValueTable::stored(QSqlDatabase reader, TestDatabase::Dialect dialect, const QString &column, int id)
{
    // The servers write every digit when asked for text; SQLite's own text of a REAL has
    // 15 digits, so its values are read as they are.
    const bool raw = dialect == TestDatabase::Dialect::SQLite || column == QLatin1String("bytes")
            || column == QLatin1String("ratio");
    const QString type = dialect == TestDatabase::Dialect::MariaDB ? QStringLiteral("CHAR") : QStringLiteral("TEXT");
    QSqlQuery query(reader);
    if (!query.exec(QStringLiteral("SELECT %1 FROM vals WHERE id = %2")
                            .arg(raw ? column : QStringLiteral("CAST(%1 AS %2)").arg(column, type))
                            .arg(id))
        || !query.next())
        return QStringLiteral("<%1>").arg(query.lastError().text());
    const QVariant value = query.value(0);
    if (value.isNull())
        return QStringLiteral("NULL");
    if (value.typeId() == QMetaType::QByteArray)
        return QString::fromLatin1(value.toByteArray().toHex());
    if (column == QLatin1String("ratio") || value.typeId() == QMetaType::Double)
        return QString::number(value.toString().toDouble(), 'g', QLocale::FloatingPointShortest);
    return value.toString();
}

QString ValueTable::snapshot(QSqlDatabase reader, TestDatabase::Dialect dialect, const QStringList &columns)
{
    QStringList values;
    for (int id : {1, 2}) {
        for (const QString &column : columns)
            values.append(QStringLiteral("%1 of %2: %3").arg(column).arg(id).arg(stored(reader, dialect, column, id)));
    }
    values.append(QStringLiteral("log entries: %1").arg(SqlProbe::logCount(reader)));
    return values.join(QLatin1Char('\n'));
}
