#include "valueformat.h"

#include <QDate>
#include <QFont>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPalette>
#include <QTest>

#include <limits>

using namespace Concord;

// The one formatter every view writes values with: what it prints is what the database holds.
class tst_ValueFormat : public QObject
{
    Q_OBJECT

private:
    static ColumnInfo column(ColumnInfo::Kind kind, int precision = -1, int scale = -1)
    {
        ColumnInfo info;
        info.name = QStringLiteral("c");
        info.kind = kind;
        info.precision = precision;
        info.scale = scale;
        return info;
    }

    static QByteArray png()
    {
        return QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
    }

private Q_SLOTS:
    void shouldWriteEachKindExactly_data()
    {
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("scale");
        QTest::addColumn<QString>("expected");
        const int integer = int(ColumnInfo::Kind::Integer);
        const int decimal = int(ColumnInfo::Kind::Decimal);
        const int floating = int(ColumnInfo::Kind::Float);
        const int text = int(ColumnInfo::Kind::Text);

        QTest::newRow("bigint max") << QVariant(std::numeric_limits<qint64>::max()) << integer << -1
                                    << QStringLiteral("9223372036854775807");
        QTest::newRow("bigint min+1") << QVariant(-std::numeric_limits<qint64>::max()) << integer << -1
                                      << QStringLiteral("-9223372036854775807");
        QTest::newRow("2^53+1") << QVariant(Q_INT64_C(9007199254740993)) << integer << -1 << QStringLiteral("9007199254740993");
        QTest::newRow("unsigned max") << QVariant(std::numeric_limits<quint64>::max()) << integer << -1
                                      << QStringLiteral("18446744073709551615");
        // Servers hand decimals over as text: never re-read as a number.
        QTest::newRow("server numeric(12,2)") << QVariant(QStringLiteral("499989.50")) << decimal << 2 << QStringLiteral("499989.50");
        QTest::newRow("server numeric(38,10)") << QVariant(QStringLiteral("123456789012345678.0123456788")) << decimal << 10
                                               << QStringLiteral("123456789012345678.0123456788");
        // SQLite keeps DECIMAL(p,s) as REAL or INTEGER: shown with the declared scale…
        QTest::newRow("sqlite decimal(14,4) real") << QVariant(1234567.891) << decimal << 4 << QStringLiteral("1234567.8910");
        QTest::newRow("sqlite decimal(14,4) wide") << QVariant(12345678.1234) << decimal << 4 << QStringLiteral("12345678.1234");
        QTest::newRow("sqlite decimal(8,2) integer") << QVariant(qint64(12)) << decimal << 2 << QStringLiteral("12.00");
        QTest::newRow("sqlite decimal(8,2) big") << QVariant(1e15) << decimal << 2 << QStringLiteral("1000000000000000.00");
        // SQLite's decimals read as their text get the same scale.
        QTest::newRow("sqlite decimal(8,2) text") << QVariant(QStringLiteral("12.5")) << decimal << 2 << QStringLiteral("12.50");
        QTest::newRow("sqlite decimal(8,2) whole text") << QVariant(QStringLiteral("-12")) << decimal << 2 << QStringLiteral("-12.00");
        QTest::newRow("decimal text not a number") << QVariant(QStringLiteral("NaN")) << decimal << 2 << QStringLiteral("NaN");
        // … and never with fewer places than the value has.
        QTest::newRow("sqlite decimal(8,2) more places") << QVariant(1.005) << decimal << 2 << QStringLiteral("1.005");
        QTest::newRow("17 significant digits") << QVariant(0.1 + 0.2) << floating << -1 << QStringLiteral("0.30000000000000004");
        QTest::newRow("real 1234567.891") << QVariant(1234567.891) << floating << -1 << QStringLiteral("1234567.891");
        QTest::newRow("real 1e300") << QVariant(1e300) << floating << -1 << QStringLiteral("1e+300");
        QTest::newRow("real whole") << QVariant(3.0) << floating << -1 << QStringLiteral("3");
        QTest::newRow("server double text") << QVariant(QStringLiteral("2.5")) << floating << -1 << QStringLiteral("2.5");
        QTest::newRow("date text") << QVariant(QStringLiteral("2024-02-29")) << int(ColumnInfo::Kind::Date) << -1
                                   << QStringLiteral("2024-02-29");
        QTest::newRow("QDate") << QVariant(QDate(2024, 2, 29)) << int(ColumnInfo::Kind::Date) << -1 << QStringLiteral("2024-02-29");
        QTest::newRow("timestamptz") << QVariant(QStringLiteral("2026-11-29 07:04:56.123456+00"))
                                     << int(ColumnInfo::Kind::DateTime) << -1 << QStringLiteral("2026-11-29 07:04:56.123456+00");
        QTest::newRow("time micro") << QVariant(QStringLiteral("12:34:56.123456")) << int(ColumnInfo::Kind::Time) << -1
                                    << QStringLiteral("12:34:56.123456");
        QTest::newRow("bool") << QVariant(true) << int(ColumnInfo::Kind::Boolean) << -1 << QStringLiteral("true");
        QTest::newRow("bool 0") << QVariant(qint64(0)) << int(ColumnInfo::Kind::Boolean) << -1 << QStringLiteral("false");
        QTest::newRow("bool t") << QVariant(QStringLiteral("t")) << int(ColumnInfo::Kind::Boolean) << -1 << QStringLiteral("true");
        QTest::newRow("blob with NUL") << QVariant(QByteArray("\0\1\2\0", 4)) << int(ColumnInfo::Kind::Binary) << -1
                                       << QStringLiteral("<4 bytes, binary>");
        QTest::newRow("png") << QVariant(png()) << int(ColumnInfo::Kind::Binary) << -1 << QStringLiteral("<16 bytes, PNG>");
        QTest::newRow("one byte") << QVariant(QByteArray(1, '\0')) << int(ColumnInfo::Kind::Binary) << -1
                                  << QStringLiteral("<1 byte, binary>");
        QTest::newRow("bytes in a text column") << QVariant(QByteArray("%PDF-1.7")) << text << -1 << QStringLiteral("<8 bytes, PDF>");
        const QString mixed = QStringLiteral("naïve 😀\nשלום עולם");
        QTest::newRow("emoji, newline, rtl") << QVariant(mixed) << text << -1 << mixed;
        QTest::newRow("empty text") << QVariant(QString(QLatin1String(""))) << text << -1 << QString();
        QTest::newRow("NULL text") << QVariant(QMetaType(QMetaType::QString)) << text << -1 << QStringLiteral("NULL");
        QTest::newRow("NULL decimal") << QVariant() << decimal << 2 << QStringLiteral("NULL");
        QTest::newRow("double, no catalog") << QVariant(1234567.891) << int(ColumnInfo::Kind::Other) << -1
                                            << QStringLiteral("1234567.891");
    }
    void shouldWriteEachKindExactly()
    {
        QFETCH(QVariant, value);
        QFETCH(int, kind);
        QFETCH(int, scale);
        QFETCH(QString, expected);
        QCOMPARE(ValueFormat::text(value, column(ColumnInfo::Kind(kind), scale > 0 ? 38 : -1, scale)), expected);
        // An editor starts from the same text, and from nothing for NULL.
        QCOMPARE(ValueFormat::editText(value, column(ColumnInfo::Kind(kind), scale > 0 ? 38 : -1, scale)),
                 value.isNull() ? QString() : expected);
    }

    void shouldWriteLogValuesExactly()
    {
        // The change log is JSON: integers past 2^53 stay exact, bytes are base64.
        const QJsonObject logged = QJsonDocument::fromJson(
                QByteArrayLiteral(R"({"big": 9007199254740993, "price": 1234567.891, "blob": "iVBORw0KGgoAAAANSUhEUg==", "gone": null, "amount": "12.50"})"))
                .object();
        QCOMPARE(ValueFormat::text(logged.value(QStringLiteral("big"))), QStringLiteral("9007199254740993"));
        QCOMPARE(ValueFormat::text(logged.value(QStringLiteral("price")), column(ColumnInfo::Kind::Decimal, 14, 4)),
                 QStringLiteral("1234567.8910"));
        QCOMPARE(ValueFormat::text(logged.value(QStringLiteral("blob")), column(ColumnInfo::Kind::Binary)),
                 QStringLiteral("<16 bytes, PNG>"));
        QCOMPARE(ValueFormat::text(logged.value(QStringLiteral("gone"))), QStringLiteral("NULL"));
        QCOMPARE(ValueFormat::text(logged.value(QStringLiteral("amount")), column(ColumnInfo::Kind::Decimal, 8, 2)),
                 QStringLiteral("12.50"));
    }

    void shouldTellBinaryTypesByTheirFirstBytes_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("type");
        QTest::newRow("png") << png() << QStringLiteral("PNG");
        QTest::newRow("jpeg") << QByteArray("\xff\xd8\xff\xe0\0\x10JFIF", 10) << QStringLiteral("JPEG");
        QTest::newRow("gif") << QByteArray("GIF89a\x01\0") << QStringLiteral("GIF");
        QTest::newRow("pdf") << QByteArray("%PDF-1.4\n") << QStringLiteral("PDF");
        QTest::newRow("zip") << QByteArray("PK\x03\x04\x14\0", 6) << QStringLiteral("ZIP");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("binary");
        QTest::newRow("text") << QByteArray("hello") << QStringLiteral("binary");
    }
    void shouldTellBinaryTypesByTheirFirstBytes()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, type);
        QCOMPARE(ValueFormat::binaryType(bytes), type);
    }

    void shouldReadBooleansHoweverTheDatabaseSpellsThem()
    {
        QCOMPARE(ValueFormat::toBool(true), std::optional<bool>(true));
        QCOMPARE(ValueFormat::toBool(qint64(1)), std::optional<bool>(true));
        QCOMPARE(ValueFormat::toBool(0), std::optional<bool>(false));
        QCOMPARE(ValueFormat::toBool(QStringLiteral("f")), std::optional<bool>(false));
        QCOMPARE(ValueFormat::toBool(QStringLiteral("TRUE")), std::optional<bool>(true));
        QVERIFY(!ValueFormat::toBool(QVariant()));
        QVERIFY(!ValueFormat::toBool(2));
        QVERIFY(!ValueFormat::toBool(QStringLiteral("maybe")));
    }

    void shouldStyleNullApartFromValues()
    {
        QVERIFY(ValueFormat::placeholderFont(QFont()).italic());
        QPalette palette;
        QCOMPARE(ValueFormat::placeholderColor(palette), palette.color(QPalette::PlaceholderText));
        QVERIFY(ValueFormat::nullText() != ValueFormat::defaultText());
    }
};

QTEST_MAIN(tst_ValueFormat)
#include "tst_valueformat.moc"
