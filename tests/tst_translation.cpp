#include "conflictreportdialog.h"
#include "connectiondialog.h"
#include "demodatabase.h"
#include "mainwindow.h"
#include "mergedialog.h"
#include "recordform.h"
#include "translations.h"
#include "versionedtablemodel.h"

#include <QAbstractButton>
#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QRegularExpression>
#include <QSettings>
#include <QSqlDatabase>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTextDocumentFragment>
#include <QTest>
#include <QXmlStreamReader>

using namespace Concord;

// Concord in German: every text a person sees in the main window and the main dialogs is
// the German one. A text that is an English source with a German translation, or an
// English sentence the catalogue does not know, is a string that missed tr() or a
// translation that is missing.
class tst_Translation : public QObject
{
    Q_OBJECT

private:
    // A catalogue text as a pattern: placeholders (%1, %n, %Ln) stand for any text.
    struct Text
    {
        QString source;
        QStringList german; // empty: not translated
    };
    QList<Text> m_texts;
    QTemporaryDir m_dir;
    QSqlDatabase m_db;

    static QString plain(QString text)
    {
        // Mnemonics: "&Save" is shown "Save", and an action's tool tip drops the "&".
        return text.remove(QLatin1Char('&')).trimmed();
    }

    static QRegularExpression pattern(const QString &text)
    {
        static const QRegularExpression placeholder(QStringLiteral("%L?(\\d|n)"));
        QStringList literals = plain(text).split(placeholder);
        for (QString &literal : literals)
            literal = QRegularExpression::escape(literal);
        return QRegularExpression(QLatin1Char('^') + literals.join(QStringLiteral("(.+)")) + QLatin1Char('$'),
                                  QRegularExpression::DotMatchesEverythingOption);
    }

    // Texts that are only placeholders and punctuation ("%1 %2", "%1 (%2)") say nothing
    // about the language: they match everything and are left out.
    static bool hasWords(const QString &text)
    {
        static const QRegularExpression word(QStringLiteral("[^\\W\\d_]{3,}"));
        QString literal = text;
        literal.remove(QRegularExpression(QStringLiteral("%L?(\\d|n)")));
        return word.match(literal).hasMatch();
    }

    bool isGerman(const QString &shown) const
    {
        for (const Text &text : m_texts) {
            for (const QString &german : text.german) {
                if (plain(german) == shown || (hasWords(german) && pattern(german).match(shown).hasMatch()))
                    return true;
            }
        }
        return false;
    }

    // The English source @p shown is, when its German differs (or is missing).
    QString englishSource(const QString &shown) const
    {
        for (const Text &text : m_texts) {
            if (!hasWords(text.source) && plain(text.source) != shown)
                continue;
            if (plain(text.source) == shown || pattern(text.source).match(shown).hasMatch()) {
                if (!text.german.contains(text.source))
                    return text.source;
            }
        }
        return QString();
    }

    // Words no German text and no demo value holds, but nearly every English sentence does.
    static bool looksEnglish(const QString &shown)
    {
        static const QRegularExpression words(
                QStringLiteral("\\b(the|is|was|were|are|not|to|of|and|by|with|your|you|this|that|rows?|save|saved|"
                               "edits?|nothing|someone|else|changed|deleted|open|select|check|pending|when|what|"
                               "which|from)\\b"),
                QRegularExpression::CaseInsensitiveOption);
        return words.match(shown).hasMatch();
    }

    // Every text a person can see on @p root: its widgets' texts and tool tips, its
    // actions and menus (also those not open now), table headers.
    static QStringList visibleTexts(QWidget *root)
    {
        QStringList texts{root->windowTitle()};
        QList<QWidget *> widgets = root->findChildren<QWidget *>();
        widgets.prepend(root);
        for (QWidget *widget : std::as_const(widgets)) {
            texts << widget->toolTip() << widget->statusTip() << widget->whatsThis();
            if (auto *label = qobject_cast<QLabel *>(widget))
                texts << QTextDocumentFragment::fromHtml(label->text()).toPlainText();
            if (auto *button = qobject_cast<QAbstractButton *>(widget))
                texts << button->text();
            if (auto *group = qobject_cast<QGroupBox *>(widget))
                texts << group->title();
            if (auto *line = qobject_cast<QLineEdit *>(widget))
                texts << line->placeholderText();
            if (auto *menu = qobject_cast<QMenu *>(widget))
                texts << menu->title();
            if (auto *combo = qobject_cast<QComboBox *>(widget); combo && !combo->isEditable()) {
                for (int i = 0; i < combo->count(); ++i)
                    texts << combo->itemText(i);
            }
            if (auto *table = qobject_cast<QTableWidget *>(widget)) {
                for (int c = 0; c < table->columnCount(); ++c) {
                    if (QTableWidgetItem *header = table->horizontalHeaderItem(c))
                        texts << header->text();
                }
            }
            for (QAction *action : widget->actions()) {
                texts << action->text() << action->toolTip() << action->statusTip();
                if (QMenu *menu = action->menu()) {
                    texts << menu->title();
                    for (QAction *item : menu->actions())
                        texts << item->text() << item->toolTip();
                }
            }
        }
        for (QAction *action : root->findChildren<QAction *>())
            texts << action->text() << action->toolTip() << action->statusTip();
        return texts;
    }

    // The texts of @p root that are not German: "untranslated: …" or "not in the catalogue: …".
    QStringList notGerman(QWidget *root) const
    {
        QStringList problems;
        const QStringList texts = visibleTexts(root);
        for (const QString &text : texts) {
            for (const QString &line : text.split(QLatin1Char('\n'))) {
                const QString shown = plain(line);
                if (shown.isEmpty() || !shown.contains(QRegularExpression(QStringLiteral("[A-Za-z]"))))
                    continue;
                if (isGerman(shown))
                    continue;
                if (const QString source = englishSource(shown); !source.isEmpty())
                    problems.append(QStringLiteral("untranslated: \"%1\" (%2)").arg(shown, root->metaObject()->className()));
                else if (looksEnglish(shown))
                    problems.append(QStringLiteral("not in the catalogue: \"%1\" (%2)").arg(shown, root->metaObject()->className()));
            }
        }
        problems.removeDuplicates();
        return problems;
    }

    bool readCatalogue(const QString &path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return false;
        QXmlStreamReader xml(&file);
        Text current;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement())
                continue;
            if (xml.name() == QLatin1String("message")) {
                current = Text();
            } else if (xml.name() == QLatin1String("source")) {
                current.source = xml.readElementText();
            } else if (xml.name() == QLatin1String("translation")) {
                const bool unfinished = xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished");
                // Either its own text or numerus forms, read as they come.
                while (!xml.atEnd()) {
                    xml.readNext();
                    if (xml.isCharacters() && !xml.isWhitespace())
                        current.german.append(xml.text().toString());
                    else if (xml.isStartElement() && xml.name() == QLatin1String("numerusform"))
                        current.german.append(xml.readElementText());
                    else if (xml.isEndElement() && xml.name() == QLatin1String("translation"))
                        break;
                }
                current.german.removeAll(QString());
                if (unfinished)
                    current.german.clear();
                m_texts.append(current);
            }
        }
        return !xml.hasError() && !m_texts.isEmpty();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(readCatalogue(QStringLiteral(CONCORD_DE_TS)));
        QVERIFY(Translations::install(QLocale(QLocale::German, QLocale::Germany)));
        QVERIFY(m_dir.isValid());
        // The main window remembers its workspace: in a folder of the test's, never the person's.
        QStandardPaths::setTestModeEnabled(true);
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
        const QString path = m_dir.filePath(QStringLiteral("demo.sqlite"));
        const auto made = DemoDatabase::create(path);
        QVERIFY2(made, made ? "" : qPrintable(made.error().message));
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("translation"));
        m_db.setDatabaseName(path);
        QVERIFY(m_db.open());
    }

    void cleanupTestCase()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("translation"));
    }

    void shouldTranslateTheCatalogueItself()
    {
        // Missing German is a failure here already; the walks below catch what never got to tr().
        QStringList missing;
        for (const Text &text : std::as_const(m_texts)) {
            if (text.german.isEmpty())
                missing.append(text.source);
        }
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QLatin1Char('\n'))));
        QCOMPARE(QCoreApplication::translate("OutcomeText", "deleted by someone else"),
                 QStringLiteral("von jemand anderem gelöscht"));
        QCOMPARE(QCoreApplication::translate("OutcomeText", "%Ln row(s) were saved", nullptr, 3),
                 QStringLiteral("3 Zeilen wurden gespeichert"));
    }

    void shouldShowTheMainWindowInGerman()
    {
        MainWindow window;
        window.setDatabase(m_db, QStringLiteral("demo"));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(!window.currentTable().isEmpty());
        const QStringList problems = notGerman(&window);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        // The walk saw the menus, so the test can fail on them.
        QVERIFY(visibleTexts(&window).contains(QStringLiteral("&Datei")));
    }

    void shouldShowTheRecordFormInGerman()
    {
        MainWindow window;
        window.setDatabase(m_db, QStringLiteral("demo"));
        RecordForm form(window.model(), 0, &window);
        form.show();
        QVERIFY(QTest::qWaitForWindowExposed(&form));
        const QStringList problems = notGerman(&form);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    void shouldShowTheConnectionDialogInGerman()
    {
        ConnectionDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const QStringList problems = notGerman(&dialog);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    void shouldShowTheSaveReportInGerman()
    {
        SubmitResult result;
        result.committed = true;
        RowOutcome saved;
        saved.table = QStringLiteral("customers");
        saved.pk = 1;
        saved.status = RowOutcome::Status::Saved;
        saved.version = 2;
        RowOutcome gone = saved;
        gone.pk = 2;
        gone.status = RowOutcome::Status::Conflict;
        gone.conflict = Conflict{QStringLiteral("customers"), 2, Conflict::Kind::Deleted, QStringLiteral("version"), 1};
        RowOutcome busy = saved;
        busy.pk = 3;
        busy.setBusy(RowOutcome::BusyReason::RowHeld, 5000);
        result.rows = {saved, gone, busy};

        ConflictReportDialog dialog(result);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const QStringList problems = notGerman(&dialog);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        const QString summary = dialog.findChild<QLabel *>(QStringLiteral("reportSummary"))->text();
        QVERIFY2(summary.startsWith(QStringLiteral("1 Zeile wurde gespeichert")), qPrintable(summary));
    }

    void shouldShowTheMergeDialogInGerman()
    {
        Conflict conflict;
        conflict.table = QStringLiteral("customers");
        conflict.pk = 4;
        conflict.versionColumn = QStringLiteral("version");
        conflict.expectedVersion = 1;
        conflict.currentVersion = 2;
        conflict.base = {{QStringLiteral("city"), QStringLiteral("Porto")}, {QStringLiteral("phone"), QStringLiteral("1")}};
        conflict.mine = {{QStringLiteral("city"), QStringLiteral("Lisboa")}};
        conflict.theirs = {{QStringLiteral("city"), QStringLiteral("Braga")}, {QStringLiteral("phone"), QStringLiteral("2")},
                           {QStringLiteral("version"), 2}};
        MergeDialog dialog(conflict);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const QStringList problems = notGerman(&dialog);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }
};

QTEST_MAIN(tst_Translation)
#include "tst_translation.moc"
