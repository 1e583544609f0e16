#pragma once

#include "columninfo.h"
#include "conflict.h"
#include "result.h"
#include "rowmerge.h"
#include "versionedtablemodel.h"

#include <QDialog>
#include <QHash>
#include <QPointer>
#include <QVariantMap>

class QComboBox;
class QDialogButtonBox;
class QHBoxLayout;
class QLabel;
class QPushButton;
class QTableWidget;
class QTableWidgetItem;

namespace Concord {


/// Shows one conflicting row side by side (base as loaded, mine, theirs, result) and lets
/// the person merge it: fields changed by one side merge by themselves, a field changed by
/// both needs a choice. The dialog only decides; the caller applies resolution() and
/// values() to the model (or calls applyTo()).
class MergeDialog : public QDialog
{
    Q_OBJECT

public:
    /// How the person resolved the conflict (None: cancelled).
    using Resolution = VersionedTableModel::Resolution;

    /// Columns in the conflict's (alphabetical) order; every column is mergeable.
    explicit MergeDialog(const Conflict &conflict, QWidget *parent = nullptr);
    /// @p columns in table order; @p keyColumns (primary key, version) shown but never merged.
    MergeDialog(const Conflict &conflict, const QStringList &columns, const QStringList &keyColumns,
                QWidget *parent = nullptr);
    /// The conflict of @p row of @p model (ConflictRole), in the table's column order.
    MergeDialog(const VersionedTableModel *model, int row, QWidget *parent = nullptr);
    ~MergeDialog() override;

    /// What the person chose; None while open or after Cancel/Esc.
    Resolution resolution() const { return m_resolution; }
    /// The values to save for Merge, KeepMine and Recreate; empty otherwise.
    QVariantMap values() const;
    /// The merge as the person has made it so far.
    const RowMerge &merge() const { return m_merge; }

    /// Settles @p row of @p model as the person chose (VersionedTableModel::settleConflict()):
    /// returns the row that holds the edit to save, -1 when none is left. Nothing is saved.
    Result<int> applyTo(VersionedTableModel *model, int row) const;

private:
    enum Column { FieldColumn, BaseColumn, MineColumn, TheirsColumn, ChoiceColumn, ResultColumn };

    void build();
    QLabel *buildHeadline();
    QTableWidget *buildTable();
    void addFieldRow(int row, const QString &field);
    QHBoxLayout *buildLegend();
    QDialogButtonBox *buildButtons();
    void fillResult(int row);
    void onChoiceChanged(const QString &field, int index);
    void onItemChanged(QTableWidgetItem *item);
    void updateState();
    void finish(Resolution resolution);
    /// A value typed into the Result column: "NULL" is NULL; the rest is checked for the column.
    Result<QVariant> parseValue(const QString &field, const QString &text) const;
    QString displayText(const QString &field, const QVariant &value) const;
    QColor stateColor(RowMerge::FieldState state) const;
    /// The Result of a value typed here: neither side's, so none of their colours.
    QColor typedColor() const;
    QTableWidgetItem *valueItem(const QString &field, const QVariant &value) const;

    RowMerge m_merge;
    QPointer<const VersionedTableModel> m_model;  ///< the table, when opened on one of its rows
    QHash<QString, ColumnInfo> m_columns;         ///< how each field's values are shown
    Resolution m_resolution = Resolution::None;
    bool m_filling = false;
    QLabel *m_headline = nullptr;
    QLabel *m_status = nullptr;
    QTableWidget *m_table = nullptr;
    QPushButton *m_saveMerge = nullptr;
    QPushButton *m_keepMine = nullptr;
    QPushButton *m_takeTheirs = nullptr;
    QPushButton *m_recreate = nullptr;
    QPushButton *m_discard = nullptr;
    QHash<QString, QComboBox *> m_choiceBoxes;
    QHash<QString, int> m_rowOf;
};

} // namespace Concord
