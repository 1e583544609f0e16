<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en">
<context>
    <name>ActionRunner</name>
    <message numerus="yes">
        <source>%n of the %1 selected rows changed since they were shown</source>
        <translation>
            <numerusform>%n of the %1 selected rows changed since they were shown</numerusform>
            <numerusform>%n of the %1 selected rows changed since they were shown</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of the %1 selected rows are being saved by someone else right now</source>
        <translation>
            <numerusform>%n of the %1 selected rows is being saved by someone else right now</numerusform>
            <numerusform>%n of the %1 selected rows are being saved by someone else right now</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Concord::ActionBar</name>
    <message numerus="yes">
        <source>%n of them already were: refresh (F5) first, or the delete will be refused.</source>
        <translation>
            <numerusform>One of them already was: refresh (F5) first, or the delete will be refused.</numerusform>
            <numerusform>%n of them already were: refresh (F5) first, or the delete will be refused.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Someone else changed %n of the %1 since you saw them:</source>
        <translation>
            <numerusform>Someone else changed %n of the %1 since you saw them:</numerusform>
            <numerusform>Someone else changed %n of the %1 since you saw them:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %Ln matching rows selected.</source>
        <translation>
            <numerusform>The %Ln matching row selected.</numerusform>
            <numerusform>All %Ln matching rows selected.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them were changed since shown and will be skipped.</source>
        <translation>
            <numerusform>One of them was changed since shown and will be skipped.</numerusform>
            <numerusform>%n of them were changed since shown and will be skipped.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them were changed since shown: refresh (F5) first, skip them, or the action will be refused.</source>
        <translation>
            <numerusform>One of them was changed since shown: refresh (F5) first, skip it, or the action will be refused.</numerusform>
            <numerusform>%n of them were changed since shown: refresh (F5) first, skip them, or the action will be refused.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more</source>
        <translation>
            <numerusform>%n more</numerusform>
            <numerusform>%n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rows were done: %1.</source>
        <translation>
            <numerusform>%n row was done: %1.</numerusform>
            <numerusform>%n rows were done: %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rows skipped, changed or deleted by someone else since shown: %1.</source>
        <translation>
            <numerusform>%n row skipped, changed or deleted by someone else since shown: %1.</numerusform>
            <numerusform>%n rows skipped, changed or deleted by someone else since shown: %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rows were done.</source>
        <translation>
            <numerusform>%n row was done.</numerusform>
            <numerusform>%n rows were done.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %Ln selected.</source>
        <translation>
            <numerusform>%Ln selected.</numerusform>
            <numerusform>All %Ln selected.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %Ln</source>
        <translation>
            <numerusform>%Ln row</numerusform>
            <numerusform>All %Ln</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln checked</source>
        <translation>
            <numerusform>%Ln checked</numerusform>
            <numerusform>%Ln checked</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln selected</source>
        <translation>
            <numerusform>%Ln selected</numerusform>
            <numerusform>%Ln selected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s)</source>
        <translation>
            <numerusform>%Ln row</numerusform>
            <numerusform>%Ln rows</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Concord::ChangeWatcher</name>
    <message numerus="yes">
        <source>Changes by others: polled every %n s (transaction pooling)</source>
        <translation>
            <numerusform>Changes by others: polled every second (transaction pooling)</numerusform>
            <numerusform>Changes by others: polled every %n s (transaction pooling)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Changes by others: polled every %n s</source>
        <translation>
            <numerusform>Changes by others: polled every second</numerusform>
            <numerusform>Changes by others: polled every %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Changes by others: polled every %n s (table busy; notifications retried)</source>
        <translation>
            <numerusform>Changes by others: polled every second (table busy; notifications retried)</numerusform>
            <numerusform>Changes by others: polled every %n s (table busy; notifications retried)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Concord::EditUndoStack</name>
    <message numerus="yes">
        <source>Edit %n cell(s)</source>
        <translation>
            <numerusform>Edit %n cell</numerusform>
            <numerusform>Edit %n cells</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add %n row(s)</source>
        <translation>
            <numerusform>Add %n row</numerusform>
            <numerusform>Add %n rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Mark %n row(s) for deletion</source>
        <translation>
            <numerusform>Mark %n row for deletion</numerusform>
            <numerusform>Mark %n rows for deletion</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Revert %n row(s)</source>
        <translation>
            <numerusform>Revert %n row</numerusform>
            <numerusform>Revert %n rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Edit %n row(s)</source>
        <translation>
            <numerusform>Edit %n row</numerusform>
            <numerusform>Edit %n rows</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Concord::GridClipboard</name>
    <message numerus="yes">
        <source>The pasted block is %n column(s) wide, more than the grid has from the current cell on; nothing was pasted.</source>
        <translation>
            <numerusform>The pasted block is %n column wide, more than the grid has from the current cell on; nothing was pasted.</numerusform>
            <numerusform>The pasted block is %n columns wide, more than the grid has from the current cell on; nothing was pasted.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The pasted block reaches %n row(s) past the last row. Add them as new rows?</source>
        <translation>
            <numerusform>The pasted block reaches %n row past the last row. Add it as a new row?</numerusform>
            <numerusform>The pasted block reaches %n rows past the last row. Add them as new rows?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Paste %n cell(s)</source>
        <translation>
            <numerusform>Paste %n cell</numerusform>
            <numerusform>Paste %n cells</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Concord::MainWindow</name>
    <message numerus="yes">
        <source>%n row(s) of %1 have unsaved edits. Save them first?</source>
        <translation>
            <numerusform>%n row of %1 has unsaved edits. Save it first?</numerusform>
            <numerusform>%n rows of %1 have unsaved edits. Save them first?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) you edited were changed by someone else since you loaded them; saving them will conflict — refresh or resolve.</source>
        <translation>
            <numerusform>%n row you edited was changed by someone else since you loaded it; saving it will conflict — refresh or resolve.</numerusform>
            <numerusform>%n rows you edited were changed by someone else since you loaded them; saving them will conflict — refresh or resolve.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saving %n row(s)…</source>
        <translation>
            <numerusform>Saving %n row…</numerusform>
            <numerusform>Saving %n rows…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) were merged with the other person&apos;s changes and saved</source>
        <translation>
            <numerusform>%n row was merged with the other person&apos;s changes and saved</numerusform>
            <numerusform>%n rows were merged with the other person&apos;s changes and saved</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s)</source>
        <translation>
            <numerusform>%Ln row</numerusform>
            <numerusform>%Ln rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln matching row(s)</source>
        <translation>
            <numerusform>%Ln matching row</numerusform>
            <numerusform>%Ln matching rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pending edit(s)</source>
        <translation>
            <numerusform>%n pending edit</numerusform>
            <numerusform>%n pending edits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 was changed by someone else after you marked it for deletion, so it was not deleted: right-click it to decide</source>
        <translation>
            <numerusform>%1 was changed by someone else after you marked it for deletion, so it was not deleted: right-click it to decide</numerusform>
            <numerusform>%1 were changed by someone else after you marked them for deletion, so they were not deleted: right-click each to decide</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 was deleted by someone else and was not retried: right-click it to re-create it or drop your edit</source>
        <translation>
            <numerusform>%1 was deleted by someone else and was not retried: right-click it to re-create it or drop your edit</numerusform>
            <numerusform>%1 were deleted by someone else and were not retried: right-click each to re-create it or drop your edit</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 needs your choice for %2</source>
        <translation>
            <numerusform>%1 needs your choice for %2</numerusform>
            <numerusform>%1 need your choice</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 still needs your choice for %2: right-click it when ready</source>
        <translation>
            <numerusform>%1 still needs your choice for %2: right-click it when ready</numerusform>
            <numerusform>%1 still need your choice: right-click each when ready</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 needs your choice for %2: right-click it</source>
        <translation>
            <numerusform>%1 needs your choice for %2: right-click it</numerusform>
            <numerusform>%1 need your choice: right-click each</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Drop all %n pending edit(s)? Edit ▸ Undo (Ctrl+Z) brings them back.</source>
        <translation>
            <numerusform>Drop the %n pending edit? Edit ▸ Undo (Ctrl+Z) brings it back.</numerusform>
            <numerusform>Drop all %n pending edits? Edit ▸ Undo (Ctrl+Z) brings them back.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %Ln matching row(s), counting…</source>
        <translation>
            <numerusform>about %Ln matching row, counting…</numerusform>
            <numerusform>about %Ln matching rows, counting…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %Ln row(s), counting…</source>
        <translation>
            <numerusform>about %Ln row, counting…</numerusform>
            <numerusform>about %Ln rows, counting…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Concord::MergeDialog</name>
    <message numerus="yes">
        <source>You changed %n field(s) of the deleted row.</source>
        <translation>
            <numerusform>You changed %n field of the deleted row.</numerusform>
            <numerusform>You changed %n fields of the deleted row.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Choose a value for %n fields to save the merge: %1.</source>
        <translation>
            <numerusform>Choose a value for %n fields to save the merge: %1.</numerusform>
            <numerusform>Choose a value for %n fields to save the merge: %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n field(s)</source>
        <translation>
            <numerusform>%n field</numerusform>
            <numerusform>%n fields</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Concord::RelatedRowsPanel</name>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n row</numerusform>
            <numerusform>%n rows</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Concord::ValueFormat</name>
    <message numerus="yes">
        <source>&lt;%n byte(s), %1&gt;</source>
        <translation>
            <numerusform>&lt;%n byte, %1&gt;</numerusform>
            <numerusform>&lt;%n bytes, %1&gt;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OutcomeText</name>
    <message numerus="yes">
        <source>%n more</source>
        <translation>
            <numerusform>%n more</numerusform>
            <numerusform>%n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) were saved</source>
        <translation>
            <numerusform>%Ln row was saved</numerusform>
            <numerusform>%Ln rows were saved</numerusform>
        </translation>
    </message>
</context>
</TS>
