#include "connectionurl.h"
#include "pooling.h"

#include <QTest>

using namespace Concord;

// ConnectionUrl's options: what a URL may say beyond where the database is.
class tst_ConnectionUrl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldReadThePoolingOption_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("pooling");
        QTest::addColumn<QString>("shown");
        QTest::newRow("direct") << QStringLiteral("postgresql://ann@db.example:5432/shop") << int(Pooling::Mode::None)
                                << QStringLiteral("postgresql://ann@db.example:5432/shop");
        QTest::newRow("transaction") << QStringLiteral("postgresql://ann@pool.example:6432/shop?pooling=transaction")
                                     << int(Pooling::Mode::Transaction)
                                     << QStringLiteral("postgresql://ann@pool.example:6432/shop?pooling=transaction");
        QTest::newRow("session") << QStringLiteral("postgresql://ann@pool.example:6432/shop?pooling=Session")
                                 << int(Pooling::Mode::Session)
                                 << QStringLiteral("postgresql://ann@pool.example:6432/shop?pooling=session");
        QTest::newRow("none") << QStringLiteral("mysql://ann@db.example:3306/shop?pooling=none") << int(Pooling::Mode::None)
                              << QStringLiteral("mysql://ann@db.example:3306/shop");
    }

    void shouldReadThePoolingOption()
    {
        QFETCH(QString, text);
        QFETCH(int, pooling);
        QFETCH(QString, shown);
        const auto url = ConnectionUrl::parse(text);
        QVERIFY2(url, qPrintable(url.error().message));
        QCOMPARE(int(url->pooling()), pooling);
        QCOMPARE(url->displayText(), shown);
        QCOMPARE(url->database(), QStringLiteral("shop"));
    }

    void shouldRefuseOptionsItDoesNotKnow_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("misspelt mode") << QStringLiteral("postgresql://ann@h:6432/shop?pooling=transation")
                                       << QStringLiteral("pooling=transation is not a pooling mode");
        QTest::newRow("unknown option") << QStringLiteral("postgresql://ann@h:6432/shop?pool=transaction")
                                        << QStringLiteral("Unknown connection option \"pool\"");
        QTest::newRow("not PostgreSQL") << QStringLiteral("mysql://ann@h:3306/shop?pooling=transaction")
                                        << QStringLiteral("is for PostgreSQL");
    }

    void shouldRefuseOptionsItDoesNotKnow()
    {
        QFETCH(QString, text);
        QFETCH(QString, message);
        const auto url = ConnectionUrl::parse(text);
        QVERIFY(!url);
        QCOMPARE(url.error().code, DbError::Code::BadInput);
        QVERIFY2(url.error().message.contains(message), qPrintable(url.error().message));
    }
};

QTEST_MAIN(tst_ConnectionUrl)
#include "tst_connectionurl.moc"
