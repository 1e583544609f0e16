#pragma once

#include "rowmerge.h"
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
/// Exportable as CSV and JSON; offers to retry the changed rows by merging them with the
/// other person's changes.
class ConflictReportDialog : public QDialog
{
    Q_OBJECT

public:
    /// What retryChangedRows() did with the rows of a report someone else changed.
    struct Retry
    {
        /// Merged without a question (every field changed on one side only, or both to the
        /// same value) and re-made against their version: the caller saves these rows.
        QList<QVariant> merged;
        /// A field both sides changed to different values: left in conflict, edit kept, for
        /// a person to choose (the merge dialog). unresolvedFields() names the fields.
        QList<RowMerge> needChoice;
        /// Marked for deletion, then changed by someone else: left in conflict, not deleted.
        QList<QVariant> changedDeletes;
        /// Deleted by someone else: never retried; re-creating one is a person's choice.
        QList<QVariant> deleted;

        bool isEmpty() const
        {
            return merged.isEmpty() && needChoice.isEmpty() && changedDeletes.isEmpty() && deleted.isEmpty();
        }
    };

    explicit ConflictReportDialog(const SubmitResult &result, QWidget *parent = nullptr);

    /// The result the report shows.
    const SubmitResult &result() const { return m_result; }

    /// Every row (whatever the filter) as CSV: a header line, then one line per row;
    /// fields with commas, quotes or line breaks are quoted (RFC 4180).
    QString toCsv() const;
    /// {"summary", "committed", "error", "rows": [{"table","pk","op","status","outcome","version","message",…}]}
    QByteArray toJson() const;


    /// Merges, in @p model, each row of the report that someone else changed (base, mine,
    /// theirs) and re-makes against their current version only the rows whose merge needs
    /// no choice. Mine never replaces theirs here: a field both changed to different values
    /// leaves its row in conflict. The caller saves Retry::merged.
    Retry retryChangedRows(VersionedTableModel *model) const;
    /// The same for any @p result, without a dialog.
    static Retry retryChangedRows(const SubmitResult &result, VersionedTableModel *model);

    /// The Retry button, for a caller whose retry means something else (an action's asks first).
    QPushButton *retryButton() const { return m_retry; }

    /// Replaces the summary line above the rows (an action that skipped rows names them).
    void setSummaryText(const QString &text);
    QString summaryText() const;

    /// Shows only the rows that were not saved.
    void setOnlyProblems(bool only);

Q_SIGNALS:
    /// The person asked to retry the rows changed by someone else; the dialog closes
    /// (accepted). Typically answered with retryChangedRows() and saving Retry::merged.
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
