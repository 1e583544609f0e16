#include "editundostack.h"

#include "versionedtablemodel.h"

#include <QAction>

namespace Concord {

namespace {

using Change = VersionedTableModel::PendingChange;

// One step: its first redo has already happened in the model when it is pushed.
class PendingStepCommand : public QUndoCommand
{
public:
    PendingStepCommand(VersionedTableModel *model, const VersionedTableModel::PendingStep &step, const QString &text)
        : QUndoCommand(text)
        , m_model(model)
        , m_before(step.before)
        , m_after(step.after)
    {
    }

    void undo() override
    {
        if (m_model)
            m_model->restorePendingState(m_before);
    }

    void redo() override
    {
        if (m_pushed && m_model)
            m_model->restorePendingState(m_after);
        m_pushed = true;
    }

private:
    QPointer<VersionedTableModel> m_model;
    VersionedTableModel::PendingState m_before;
    VersionedTableModel::PendingState m_after;
    bool m_pushed = false;
};

} // namespace

EditUndoStack::EditUndoStack(QObject *parent)
    : QUndoStack(parent)
{
    // With a prefix of its own, QUndoStack writes "<prefix> <step>": both words translated here.
    m_undo = createUndoAction(this, tr("Undo"));
    m_undo->setShortcut(QKeySequence::Undo);
    m_redo = createRedoAction(this, tr("Redo"));
    // Ctrl+Shift+Z as in most editors, Ctrl+Y as in spreadsheets: both on every platform.
    m_redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
}

void EditUndoStack::setModel(VersionedTableModel *model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    clear();
    m_model = model;
    if (!m_model)
        return;
    connect(m_model, &VersionedTableModel::pendingStepTaken, this, [this](const VersionedTableModel::PendingStep &step) {
        const QString text = step.name.isEmpty() ? nameOf(int(step.change), step.column, step.rows) : step.name;
        push(new PendingStepCommand(m_model, step, text));
    });
    connect(m_model, &VersionedTableModel::pendingStepsInvalidated, this, [this](bool bySave) {
        if (count() == 0)
            return;
        clear();
        if (bySave)
            emit historyCleared();
    });
}

QString EditUndoStack::nameOf(int change, int column, int rows) const
{
    switch (Change(change)) {
    case Change::Edit:
        if (column >= 0 && rows == 1)
            return tr("Edit %1.%2").arg(m_model->tableName(), m_model->headerData(column, Qt::Horizontal).toString());
        return tr("Edit %n cell(s)", nullptr, rows);
    case Change::Insert:
        return tr("Add %n row(s)", nullptr, rows);
    case Change::Delete:
        return tr("Mark %n row(s) for deletion", nullptr, rows);
    case Change::Revert:
        return tr("Revert %n row(s)", nullptr, rows);
    case Change::RevertAll:
        return tr("Revert all");
    case Change::Settle:
        return tr("Settle a conflict");
    case Change::Group:
        break;
    }
    return tr("Edit %n row(s)", nullptr, rows);
}

} // namespace Concord
