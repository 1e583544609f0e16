#pragma once

#include <QDialog>
#include <QStringList>

class QComboBox;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QStackedWidget;

namespace Concord {

struct DialectTraits;

/// Asks where to connect: an SQLite file, or a PostgreSQL or MariaDB server. Recent
/// connections are remembered in QSettings as URLs, never with their passwords.
class ConnectionDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ConnectionDialog(QWidget *parent = nullptr);

    /// The chosen connection as a URL ConnectionUrl::parse() takes (no password in it).
    QString url() const;
    /// The password typed (servers only); never stored.
    QString password() const;
    /// Fills the form from @p url.
    void setUrl(const QString &url);

    /// Recent connection URLs, newest first.
    static QStringList recentConnections();
    /// Puts @p url first in the recent list (any password in it is never kept: URLs carry none).
    static void remember(const QString &url);

private:
    void browse();
    void updateOk();
    /// The kind of database picked in the dialog.
    const DialectTraits &chosen() const;

    QComboBox *m_kind = nullptr;
    QStackedWidget *m_pages = nullptr;
    QLineEdit *m_path = nullptr;
    QLineEdit *m_host = nullptr;
    QSpinBox *m_port = nullptr;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_database = nullptr;
    QLineEdit *m_password = nullptr;
    QListWidget *m_recent = nullptr;
    QPushButton *m_ok = nullptr;
};

} // namespace Concord
