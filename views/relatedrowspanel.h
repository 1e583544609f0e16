#pragma once

#include "referencelabels.h"

#include <QGroupBox>
#include <QList>
#include <QSqlDatabase>

class QComboBox;
class QDialog;
class QLabel;
class QPushButton;

namespace Concord {

class RecordForm;
class VersionedTableModel;

/// The record form's relations: for each table with a foreign key to this one, how many of
/// its rows refer to the row shown (a button that lists them, like Django's related
/// objects), and the label column this table's rows are shown by in other tables' foreign
/// keys (chosen for every client, or automatic).
class RelatedRowsPanel : public QGroupBox
{
    Q_OBJECT

public:
    /// The relations of @p row of @p model (not owned); a new row (-1) shows none.
    RelatedRowsPanel(VersionedTableModel *model, int row, QWidget *parent = nullptr);

    /// The buttons, one per referring table and column ("related_<table>_<column>").
    const QList<QPushButton *> &relatedButtons() const { return m_buttons; }
    /// The label column choice ("labelColumnBox"): automatic first, then the columns.
    QComboBox *labelColumnBox() const { return m_labelBox; }

    /// Opens, over @p parent, a grid of the rows of @p table whose @p column holds @p value
    /// (editable like the main grid; Enter or a double-click opens a row's form).
    static QDialog *openRows(const QSqlDatabase &db, const QString &table, const QString &column, const QVariant &value,
                             QWidget *parent);
    /// Opens the form of the row of @p table whose @p column holds @p value; nullptr (and
    /// nothing opened) when there is no such row.
    static RecordForm *openRecord(const QSqlDatabase &db, const QString &table, const QString &column,
                                  const QVariant &value, QWidget *parent);

private:
    void buildLabelChoice();
    void chooseLabel(int index);

    VersionedTableModel *m_model = nullptr;
    QList<QPushButton *> m_buttons;
    QComboBox *m_labelBox = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace Concord
