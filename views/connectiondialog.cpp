#include "connectiondialog.h"

#include "connectionurl.h"
#include "dialecttraits.h"

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
    // One entry per kind of database Concord supports, the file first.
    for (const DialectTraits &traits : DialectTraits::all())
        m_kind->addItem(traits.displayName(), int(traits.kind));

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

    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        const DialectTraits &kind = chosen();
        m_pages->setCurrentIndex(kind.isFile() ? SqlitePage : ServerPage);
        // Another server's default port follows the choice; a port typed by hand stays.
        for (const DialectTraits &other : DialectTraits::all()) {
            if (!kind.isFile() && other.kind != kind.kind && m_port->value() == other.defaultPort)
                m_port->setValue(kind.defaultPort);
        }
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

const DialectTraits &ConnectionDialog::chosen() const
{
    return DialectTraits::of(SqlDialect::Kind(m_kind->currentData().toInt()));
}

QString ConnectionDialog::url() const
{
    if (chosen().isFile())
        return m_path->text().trimmed();
    const QString scheme = chosen().scheme();
    const QString user = m_user->text().trimmed();
    return QStringLiteral("%1://%2%3:%4/%5")
            .arg(scheme, user.isEmpty() ? QString() : user + QLatin1Char('@'), m_host->text().trimmed())
            .arg(m_port->value())
            .arg(m_database->text().trimmed());
}

QString ConnectionDialog::password() const
{
    return chosen().isFile() ? QString() : m_password->text();
}

void ConnectionDialog::setUrl(const QString &text)
{
    const auto url = ConnectionUrl::parse(text);
    if (!url)
        return;
    m_kind->setCurrentIndex(m_kind->findData(int(url->kind())));
    if (url->traits().isFile()) {
        m_path->setText(url->path());
        return;
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
    const bool ok = chosen().isFile()
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
