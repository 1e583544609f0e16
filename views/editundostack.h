#pragma once

#include <QPointer>
#include <QUndoStack>

class QAction;

namespace Concord {

class VersionedTableModel;

/// The undo history of a VersionedTableModel's pending edits: every step the model reports
/// (cell edits, pastes, new rows, deletion marks, reverts, conflicts settled into the
/// buffer) is one entry, named after what it did ("Edit customers.name"). Undo and redo
/// only move pending edits: nothing is ever written to the database. A save is the
/// boundary: once rows were saved the history starts again (historyCleared()).
class EditUndoStack : public QUndoStack
{
    Q_OBJECT

public:
    explicit EditUndoStack(QObject *parent = nullptr);

    /// Follows @p model's steps (not owned); the history starts empty.
    void setModel(VersionedTableModel *model);
    VersionedTableModel *model() const { return m_model; }

    /// "Undo Edit customers.name" (Ctrl+Z) and "Redo …" (Ctrl+Shift+Z, Ctrl+Y), for a menu.
    QAction *undoAction() const { return m_undo; }
    QAction *redoAction() const { return m_redo; }

Q_SIGNALS:
    /// The history was emptied because rows were saved: their steps cannot be undone.
    void historyCleared();

private:
    QString nameOf(int change, int column, int rows) const;

    QPointer<VersionedTableModel> m_model;
    QAction *m_undo = nullptr;
    QAction *m_redo = nullptr;
};

} // namespace Concord
