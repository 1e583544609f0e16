#include "demodatabase.h"

#include "connectionurl.h"
#include "dialecttraits.h"
#include "session.h"
#include "sqldialect.h"
#include "sqlstatement.h"
#include "transactionguard.h"
#include "versionregistry.h"

#include <QCoreApplication>
#include <QDate>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUuid>

namespace Concord {

namespace {

const char *const firstNames[] = {
    "Ada", "Alan", "Amara", "Anna", "Arjun", "Beatriz", "Bruno", "Camille", "Carlos", "Chen",
    "Clara", "Daniel", "Dmitri", "Elena", "Emeka", "Emma", "Farah", "Felix", "Grace", "Hana",
    "Hugo", "Ingrid", "Isaac", "Jamal", "Jana", "Javier", "Jonas", "Julia", "Kenji", "Laila",
    "Lars", "Leila", "Lucas", "Maya", "Mateo", "Mei", "Nadia", "Noah", "Olga", "Omar",
    "Paula", "Pedro", "Priya", "Rafael", "Rosa", "Sami", "Sofia", "Tariq", "Tomas", "Yuki",
};
const char *const lastNames[] = {
    "Andersen", "Bauer", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad", "Ibrahim",
    "Jansen", "Kowalski", "Larsen", "Martin", "Nakamura", "Novak", "Okafor", "Petrov", "Quinn",
    "Rossi", "Santos", "Schmidt", "Silva", "Tanaka", "Ueda", "Varga", "Weber", "Wong", "Xu",
    "Yilmaz", "Zhang", "Moreau", "Lindqvist", "Horvat", "Keller", "Oliveira", "Murphy",
};
const char *const cities[][2] = {
    {"Lisbon", "Portugal"}, {"Porto", "Portugal"}, {"Madrid", "Spain"}, {"Valencia", "Spain"},
    {"Lyon", "France"}, {"Paris", "France"}, {"Berlin", "Germany"}, {"Hamburg", "Germany"},
    {"Vienna", "Austria"}, {"Zurich", "Switzerland"}, {"Milan", "Italy"}, {"Turin", "Italy"},
    {"Oslo", "Norway"}, {"Stockholm", "Sweden"}, {"Copenhagen", "Denmark"}, {"Warsaw", "Poland"},
    {"Prague", "Czechia"}, {"Dublin", "Ireland"}, {"Leeds", "United Kingdom"}, {"Osaka", "Japan"},
    {"Toronto", "Canada"}, {"Austin", "United States"}, {"Lagos", "Nigeria"}, {"Pune", "India"},
};
const char *const productWords[][2] = {
    {"Oak", "Desk"}, {"Walnut", "Shelf"}, {"Steel", "Lamp"}, {"Linen", "Cushion"}, {"Wool", "Throw"},
    {"Glass", "Vase"}, {"Stoneware", "Mug"}, {"Copper", "Kettle"}, {"Bamboo", "Tray"}, {"Leather", "Chair"},
    {"Cotton", "Towel"}, {"Cast-iron", "Pan"}, {"Rattan", "Basket"}, {"Marble", "Coaster"},
    {"Ceramic", "Bowl"}, {"Pine", "Stool"}, {"Brass", "Hook"}, {"Felt", "Rug"}, {"Birch", "Frame"},
    {"Porcelain", "Plate"},
};
const char *const productSizes[] = {"Small", "Medium", "Large", "Classic", "Compact", "Grand", "Mini", "Pro", "Slim", "Twin"};
const char *const supplierWords[] = {
    "Nordic", "Atlas", "Harbour", "Meridian", "Juniper", "Cobalt", "Sierra", "Willow", "Granite", "Orchid",
    "Summit", "Lumen", "Beacon", "Cedar", "Falcon", "Horizon", "Aurora", "Pioneer", "Delta", "Vertex",
};
const char *const supplierKinds[] = {"Trading", "Supply", "Works", "Goods", "Imports", "Crafts", "Makers", "Partners"};
const char *const orderStatuses[] = {"new", "paid", "packed", "shipped", "delivered", "returned"};

template<typename T, size_t N>
constexpr int countOf(const T (&)[N]) { return int(N); }

QString pick(QRandomGenerator &random, const char *const *list, int size)
{
    return QString::fromUtf8(list[random.bounded(size)]);
}

QString slug(QString text)
{
    text = text.toLower();
    text.replace(QLatin1Char(' '), QLatin1Char('.'));
    return text;
}

// Runs one statement; the error names what was being made.
Result<void> run(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql))
        return DbError::fromQuery(query, DemoDatabase::tr("Could not create the demo database"));
    return {};
}

Result<void> createSchema(QSqlDatabase &db)
{
    const QStringList statements = {
        QStringLiteral("CREATE TABLE suppliers (id INTEGER PRIMARY KEY AUTOINCREMENT, name VARCHAR(100) NOT NULL, "
                       "country VARCHAR(60), email VARCHAR(120), rating INTEGER, version INTEGER NOT NULL DEFAULT 1)"),
        QStringLiteral("CREATE TABLE customers (id INTEGER PRIMARY KEY AUTOINCREMENT, name VARCHAR(100) NOT NULL, "
                       "email VARCHAR(120), city VARCHAR(60), country VARCHAR(60), phone VARCHAR(30), "
                       "credit_limit INTEGER, active BOOLEAN NOT NULL DEFAULT 1, version INTEGER NOT NULL DEFAULT 1)"),
        QStringLiteral("CREATE TABLE products (id INTEGER PRIMARY KEY AUTOINCREMENT, sku VARCHAR(20) NOT NULL UNIQUE, "
                       "name VARCHAR(100) NOT NULL, supplier_id INTEGER REFERENCES suppliers(id), "
                       "price REAL NOT NULL, stock INTEGER NOT NULL DEFAULT 0, version INTEGER NOT NULL DEFAULT 1)"),
        QStringLiteral("CREATE TABLE orders (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                       "customer_id INTEGER NOT NULL REFERENCES customers(id), "
                       "product_id INTEGER NOT NULL REFERENCES products(id), quantity INTEGER NOT NULL, "
                       "status VARCHAR(20) NOT NULL, ordered_on DATE NOT NULL, version INTEGER NOT NULL DEFAULT 1)"),
        QStringLiteral("CREATE INDEX orders_customer ON orders(customer_id)"),
        QStringLiteral("CREATE INDEX orders_product ON orders(product_id)"),
    };
    for (const QString &sql : statements) {
        if (auto made = run(db, sql); !made)
            return made;
    }
    return {};
}

// Every row comes from one seeded generator, in a fixed order: the same demo everywhere.
Result<void> fillTables(QSqlDatabase &db)
{
    QRandomGenerator random(20260101);

    SqlStatement supplier(db);
    supplier.prepare(QStringLiteral("INSERT INTO suppliers (name, country, email, rating) VALUES (?, ?, ?, ?)"));
    for (int i = 0; i < DemoDatabase::supplierCount; ++i) {
        const QString name = QStringLiteral("%1 %2").arg(QString::fromUtf8(supplierWords[i % countOf(supplierWords)]),
                                                        pick(random, supplierKinds, countOf(supplierKinds)));
        supplier.addBindValue(name);
        supplier.addBindValue(QString::fromUtf8(cities[random.bounded(countOf(cities))][1]));
        supplier.addBindValue(QStringLiteral("sales@%1.example").arg(slug(name).replace(QLatin1Char('.'), QLatin1Char('-'))));
        supplier.addBindValue(1 + random.bounded(5));
        if (!supplier.exec())
            return supplier.error(DemoDatabase::tr("Could not fill the suppliers"));
    }

    SqlStatement customer(db);
    customer.prepare(QStringLiteral("INSERT INTO customers (name, email, city, country, phone, credit_limit, active) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?)"));
    for (int i = 0; i < DemoDatabase::customerCount; ++i) {
        const QString first = pick(random, firstNames, countOf(firstNames));
        const QString last = pick(random, lastNames, countOf(lastNames));
        const int city = random.bounded(countOf(cities));
        customer.addBindValue(first + QLatin1Char(' ') + last);
        customer.addBindValue(QStringLiteral("%1.%2%3@example.com").arg(first.toLower(), last.toLower()).arg(i + 1));
        customer.addBindValue(QString::fromUtf8(cities[city][0]));
        customer.addBindValue(QString::fromUtf8(cities[city][1]));
        customer.addBindValue(QStringLiteral("+%1 %2 %3")
                                      .arg(10 + random.bounded(89))
                                      .arg(100 + random.bounded(900))
                                      .arg(100000 + random.bounded(900000)));
        customer.addBindValue(500 * (1 + random.bounded(40)));
        customer.addBindValue(random.bounded(10) != 0);
        if (!customer.exec())
            return customer.error(DemoDatabase::tr("Could not fill the customers"));
    }

    SqlStatement product(db);
    product.prepare(QStringLiteral("INSERT INTO products (sku, name, supplier_id, price, stock) VALUES (?, ?, ?, ?, ?)"));
    for (int i = 0; i < DemoDatabase::productCount; ++i) {
        const auto &words = productWords[i % countOf(productWords)];
        const QString size = QString::fromUtf8(productSizes[(i / countOf(productWords)) % countOf(productSizes)]);
        product.addBindValue(QStringLiteral("SKU-%1").arg(1000 + i));
        product.addBindValue(QStringLiteral("%1 %2 %3").arg(QString::fromUtf8(words[0]), QString::fromUtf8(words[1]), size));
        product.addBindValue(1 + random.bounded(DemoDatabase::supplierCount));
        product.addBindValue(double(499 + random.bounded(30000)) / 100.0);
        product.addBindValue(random.bounded(500));
        if (!product.exec())
            return product.error(DemoDatabase::tr("Could not fill the products"));
    }

    SqlStatement order(db);
    order.prepare(QStringLiteral("INSERT INTO orders (customer_id, product_id, quantity, status, ordered_on) "
                                 "VALUES (?, ?, ?, ?, ?)"));
    const QDate first(2025, 1, 1);
    for (int i = 0; i < DemoDatabase::orderCount; ++i) {
        order.addBindValue(1 + random.bounded(DemoDatabase::customerCount));
        order.addBindValue(1 + random.bounded(DemoDatabase::productCount));
        order.addBindValue(1 + random.bounded(9));
        order.addBindValue(pick(random, orderStatuses, countOf(orderStatuses)));
        // Dates rise with the order number, as real order books do.
        order.addBindValue(first.addDays(i * 330 / DemoDatabase::orderCount + random.bounded(3)).toString(Qt::ISODate));
        if (!order.exec())
            return order.error(DemoDatabase::tr("Could not fill the orders"));
    }
    return {};
}

Result<void> versionTables(VersionRegistry &registry)
{
    VersionPolicy customers;
    customers.kind = VersionKind::Auto;
    // Stock moves all day; a stock count alone should not make a price edit conflict.
    VersionPolicy products;
    products.kind = VersionKind::Conditional;
    products.ignoreFields = {QStringLiteral("stock")};
    VersionPolicy orders;
    orders.kind = VersionKind::Timestamp;
    // Suppliers are edited by other tools too (sqlite3): a trigger catches those edits.
    VersionPolicy suppliers;
    suppliers.kind = VersionKind::Trigger;
    const QList<QPair<QString, VersionPolicy>> tables = {
        {QStringLiteral("customers"), customers},
        {QStringLiteral("products"), products},
        {QStringLiteral("orders"), orders},
        {QStringLiteral("suppliers"), suppliers},
    };
    for (const auto &[table, policy] : tables) {
        if (auto enabled = registry.enable(table, policy); !enabled)
            return enabled;
    }
    return {};
}

Result<void> build(QSqlDatabase &db)
{
    const auto session = Session::of(db);
    // The demo is a file the editor opens without a server.
    if (!session->isValid() || !DialectTraits::of(session->dialect().kind()).isFile())
        return DbError::badInput(DemoDatabase::tr("The demo database needs the SQLite driver."));
    {
        // The data goes in one transaction: one fsync instead of thousands, well under a second.
        TransactionGuard transaction(db, session->dialect());
        if (!transaction.isActive())
            return transaction.error();
        if (auto made = createSchema(db); !made)
            return made;
        if (auto filled = fillTables(db); !filled)
            return filled;
        if (auto committed = transaction.commit(); !committed)
            return committed;
    }
    return versionTables(session->registry());
}

} // namespace

Result<void> DemoDatabase::ensure(const QString &path)
{
    if (QFileInfo::exists(path))
        return {};
    if (auto made = create(path); !made) {
        DbError error = made.error();
        error.message = DemoDatabase::tr("There is no demo database at %1 and it could not be created: %2")
                                .arg(QDir::toNativeSeparators(path), made.error().message);
        return error;
    }
    return {};
}

Result<void> DemoDatabase::create(const QString &path)
{
    if (QFileInfo::exists(path))
        return DbError::badInput(QStringLiteral("%1 already exists.").arg(QDir::toNativeSeparators(path)));
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return DbError::badInput(DemoDatabase::tr("Could not create the folder of %1.").arg(QDir::toNativeSeparators(path)));

    const QString partial = path + QStringLiteral(".part");
    QFile::remove(partial);
    const auto url = ConnectionUrl::parse(partial);
    if (!url)
        return url.error();
    const QString connection = QStringLiteral("concord-demo-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    Result<void> outcome;
    {
        auto db = url->open(connection, QString(), ConnectionUrl::IfMissing::Create);
        if (!db)
            return db.error();
        outcome = build(db.value());
        db.value().close();
    }
    QSqlDatabase::removeDatabase(connection);
    if (!outcome) {
        QFile::remove(partial);
        return outcome;
    }
    if (!QFile::rename(partial, path)) {
        QFile::remove(partial);
        return DbError::badInput(DemoDatabase::tr("Could not move the demo database to %1.").arg(QDir::toNativeSeparators(path)));
    }
    return {};
}

QString DemoDatabase::defaultPath()
{
    // The same file for the desktop app and concord-cli, whatever the running program
    // calls itself: the location is computed under the application name "concord".
    const QString name = QCoreApplication::applicationName();
    const QString organization = QCoreApplication::organizationName();
    QCoreApplication::setApplicationName(QStringLiteral("concord"));
    QCoreApplication::setOrganizationName(QString());
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QCoreApplication::setApplicationName(name);
    QCoreApplication::setOrganizationName(organization);
    return folder + QStringLiteral("/demo.sqlite");
}

} // namespace Concord
