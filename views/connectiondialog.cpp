#include "connectiondialog.h"

#include "connectionurl.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace Concord {

namespace {

enum Page { SqlitePage, ServerPage };
enum Kind { SqliteKind, PostgresKind, MariaDbKind };
const char recentKey[] = "connections/recent";
constexpr int maxRecent = 10;

} // namespace

ConnectionDialog::ConnectionDialog(QWidget *parent)
    : QDialog(parent)
    , m_kind(new QComboBox(this))
    , m_pages(new QStackedWidget(this))
    , m_path(new QLineEdit(this))
    , m_host(new QLineEdit(QStringLiteral("localhost"), this))
    , m_port(new QSpinBox(this))
    , m_user(new QLineEdit(this))
    , m_database(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_recent(new QListWidget(this))
{
    setWindowTitle(tr("Open a database"));
    m_kind->addItem(tr("SQLite file"));
    m_kind->addItem(tr("PostgreSQL server"));
    m_kind->addItem(tr("MariaDB / MySQL server"));

    auto *filePage = new QWidget(m_pages);
    auto *browse = new QPushButton(tr("Browse…"), filePage);
    m_path->setPlaceholderText(tr("path to an existing .sqlite file"));
    auto *fileRow = new QHBoxLayout(filePage);
    fileRow->setContentsMargins(0, 0, 0, 0);
    fileRow->addWidget(m_path, 1);
    fileRow->addWidget(browse);

    auto *serverPage = new QWidget(m_pages);
    m_port->setRange(1, 65535);
    m_port->setValue(5432);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("not stored"));
    auto *serverForm = new QFormLayout(serverPage);
    serverForm->setContentsMargins(0, 0, 0, 0);
    serverForm->addRow(tr("Host:"), m_host);
    serverForm->addRow(tr("Port:"), m_port);
    serverForm->addRow(tr("User:"), m_user);
    serverForm->addRow(tr("Database:"), m_database);
    serverForm->addRow(tr("Password:"), m_password);

    m_pages->addWidget(filePage);
    m_pages->addWidget(serverPage);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Connect"));

    m_recent->addItems(recentConnections());
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    form->addRow(tr("Database:"), m_kind);
    layout->addLayout(form);
    layout->addWidget(m_pages);
    layout->addWidget(new QLabel(tr("Recent connections:"), this));
    layout->addWidget(m_recent, 1);
    layout->addWidget(buttons);
    resize(480, 360);

    connect(m_kind, &QComboBox::currentIndexChanged, this, [this](int kind) {
        m_pages->setCurrentIndex(kind == SqliteKind ? SqlitePage : ServerPage);
        if (kind == PostgresKind && m_port->value() == 3306)
            m_port->setValue(5432);
        else if (kind == MariaDbKind && m_port->value() == 5432)
            m_port->setValue(3306);
        updateOk();
    });
    connect(browse, &QPushButton::clicked, this, &ConnectionDialog::browse);
    connect(m_recent, &QListWidget::currentTextChanged, this, &ConnectionDialog::setUrl);
    connect(m_recent, &QListWidget::itemDoubleClicked, this, [this] {
        if (m_ok->isEnabled())
            accept();
    });
    for (QLineEdit *edit : {m_path, m_host, m_user, m_database})
        connect(edit, &QLineEdit::textChanged, this, &ConnectionDialog::updateOk);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateOk();
}

QString ConnectionDialog::url() const
{
    if (m_kind->currentIndex() == SqliteKind)
        return m_path->text().trimmed();
    const QString scheme = m_kind->currentIndex() == PostgresKind ? QStringLiteral("postgresql") : QStringLiteral("mysql");
    const QString user = m_user->text().trimmed();
    return QStringLiteral("%1://%2%3:%4/%5")
            .arg(scheme, user.isEmpty() ? QString() : user + QLatin1Char('@'), m_host->text().trimmed())
            .arg(m_port->value())
            .arg(m_database->text().trimmed());
}

QString ConnectionDialog::password() const
{
    return m_kind->currentIndex() == SqliteKind ? QString() : m_password->text();
}

void ConnectionDialog::setUrl(const QString &text)
{
    const auto url = ConnectionUrl::parse(text);
    if (!url)
        return;
    switch (url->kind()) {
    case ConnectionUrl::Kind::SQLite:
        m_kind->setCurrentIndex(SqliteKind);
        m_path->setText(url->path());
        return;
    case ConnectionUrl::Kind::PostgreSQL:
        m_kind->setCurrentIndex(PostgresKind);
        break;
    case ConnectionUrl::Kind::MariaDB:
        m_kind->setCurrentIndex(MariaDbKind);
        break;
    }
    m_host->setText(url->host());
    if (url->port() > 0)
        m_port->setValue(url->port());
    m_user->setText(url->user());
    m_database->setText(url->database());
    m_password->clear();
}

void ConnectionDialog::browse()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("SQLite database"), m_path->text(),
                                                      tr("SQLite databases (*.sqlite *.sqlite3 *.db);;All files (*)"),
                                                      nullptr, QFileDialog::DontConfirmOverwrite);
    if (!path.isEmpty())
        m_path->setText(path);
}

void ConnectionDialog::updateOk()
{
    const bool ok = m_kind->currentIndex() == SqliteKind
            ? !m_path->text().trimmed().isEmpty()
            : !m_host->text().trimmed().isEmpty() && !m_database->text().trimmed().isEmpty();
    m_ok->setEnabled(ok);
}

QStringList ConnectionDialog::recentConnections()
{
    return QSettings().value(QLatin1String(recentKey)).toStringList();
}

void ConnectionDialog::remember(const QString &text)
{
    // Only what displayText() shows is kept: a URL never carries the password.
    const auto url = ConnectionUrl::parse(text);
    if (!url)
        return;
    const QString shown = url->displayText();
    QStringList recent = recentConnections();
    recent.removeAll(shown);
    recent.prepend(shown);
    while (recent.size() > maxRecent)
        recent.removeLast();
    QSettings().setValue(QLatin1String(recentKey), recent);
}

} // namespace Concord
