#pragma once

#include "submitresult.h"

#include <QByteArray>
#include <QDialog>
#include <QString>

class QCheckBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace Concord {

class VersionedTableModel;

/// What a batch save or an action did, row by row: saved, changed by someone else,
/// deleted by someone else, refused by the database (with its message), rolled back.
/// Exportable as CSV and JSON; offers to retry the changed rows against their current versions.
class ConflictReportDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ConflictReportDialog(const SubmitResult &result, QWidget *parent = nullptr);

    /// The result the report shows.
    const SubmitResult &result() const { return m_result; }

    /// Every row (whatever the filter) as CSV: a header line, then one line per row;
    /// fields with commas, quotes or line breaks are quoted (RFC 4180).
    QString toCsv() const;
    /// {"summary", "committed", "error", "rows": [{"table","pk","op","status","outcome","version","message",…}]}
    QByteArray toJson() const;

    /// The person-readable outcome of one row: "saved", "changed by someone else", …
    static QString outcomeText(const RowOutcome &row);
    /// What happened, in a sentence or two: SubmitResult::summary(), except for a batch or
    /// an action refused whole: "Nothing was saved.", why, then which rows changed.
    static QString summaryText(const SubmitResult &result);

    /// Re-makes, in @p model, each row of the report that someone else changed, against
    /// their current version: their row with my changed fields on top. Returns how many
    /// rows were re-made; the caller submits the model again.
    int retryChangedRows(VersionedTableModel *model) const;
    /// The same for any @p result, without a dialog.
    static int retryChangedRows(const SubmitResult &result, VersionedTableModel *model);

    /// Shows only the rows that were not saved.
    void setOnlyProblems(bool only);

Q_SIGNALS:
    /// The person asked to retry the rows changed by someone else against their current
    /// versions; the dialog closes (accepted). Typically answered with retryChangedRows() + submit.
    void retryRequested();

private:
    /// @p result is the batch or action the row belongs to: a row that was not written
    /// is explained by what happened to the others.
    static QString detailsText(const RowOutcome &row, const SubmitResult &result);
    static QString csvField(const QString &text);
    void exportCsv();
    void exportJson();
    bool writeFile(const QString &path, const QByteArray &data);

    SubmitResult m_result;
    QLabel *m_summary = nullptr;
    QTableWidget *m_table = nullptr;
    QCheckBox *m_onlyProblems = nullptr;
    QPushButton *m_retry = nullptr;
};

} // namespace Concord
