<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
    <context>
        <name>ActionRunner</name>
        <message>
            <source>The action "%1" did not run: another writer kept the database busy for longer than the lock timeout. Try again in a moment.</source>
            <translation>Die Aktion „%1“ wurde nicht ausgeführt: Ein anderer Schreibvorgang hat die Datenbank länger als die Sperrwartezeit belegt. Versuchen Sie es gleich noch einmal.</translation>
        </message>
        <message>
            <source>Table "%1" has no single-column primary key.</source>
            <translation>Die Tabelle „%1“ hat keinen einspaltigen Primärschlüssel.</translation>
        </message>
        <message>
            <source>No action was given.</source>
            <translation>Es wurde keine Aktion angegeben.</translation>
        </message>
        <message>
            <source>A selected row of "%1" has no key.</source>
            <translation>Eine ausgewählte Zeile von „%1“ hat keinen Schlüssel.</translation>
        </message>
        <message>
            <source>The action "%1" did not run: it kept deadlocking with another writer's save. Try again in a moment.</source>
            <translation>Die Aktion „%1“ wurde nicht ausgeführt: Sie geriet immer wieder in einen Deadlock mit dem Speichervorgang eines anderen. Versuchen Sie es gleich noch einmal.</translation>
        </message>
        <message numerus="yes">
            <source>%n of the %1 selected rows changed since they were shown</source>
            <translation>
                <numerusform>%n der %1 ausgewählten Zeilen hat sich geändert, seit sie angezeigt wurde</numerusform>
                <numerusform>%n der %1 ausgewählten Zeilen haben sich geändert, seit sie angezeigt wurden</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n of the %1 selected rows are being saved by someone else right now</source>
            <translation>
                <numerusform>%n der %1 ausgewählten Zeilen wird gerade von jemand anderem gespeichert</numerusform>
                <numerusform>%n der %1 ausgewählten Zeilen werden gerade von jemand anderem gespeichert</numerusform>
            </translation>
        </message>
        <message>
            <source>The action "%1" did not run: %2.</source>
            <translation>Die Aktion „%1“ wurde nicht ausgeführt: %2.</translation>
        </message>
        <message>
            <source>Could not bump the version</source>
            <translation>Die Version konnte nicht erhöht werden</translation>
        </message>
        <message>
            <source>The action "%1" was cancelled; nothing was changed.</source>
            <translation>Die Aktion „%1“ wurde abgebrochen; nichts wurde geändert.</translation>
        </message>
    </context>
    <context>
        <name>AdminAction</name>
        <message>
            <source>Could not delete %1 %2: %3</source>
            <translation>%1 %2 konnte nicht gelöscht werden: %3</translation>
        </message>
        <message>
            <source>Delete selected rows</source>
            <translation>Ausgewählte Zeilen löschen</translation>
        </message>
        <message>
            <source>Could not delete the selected rows</source>
            <translation>Die ausgewählten Zeilen konnten nicht gelöscht werden</translation>
        </message>
        <message>
            <source>Set %1</source>
            <translation>%1 setzen</translation>
        </message>
        <message>
            <source>Table "%1" has no column named "%2".</source>
            <translation>Die Tabelle „%1“ hat keine Spalte namens „%2“.</translation>
        </message>
        <message>
            <source>Could not set %1 on the selected rows</source>
            <translation>%1 konnte für die ausgewählten Zeilen nicht gesetzt werden</translation>
        </message>
        <message>
            <source>Column "%1" of "%2" is Concord's to set (the key or the version); an action cannot set it.</source>
            <translation>Die Spalte „%1“ von „%2“ setzt Concord selbst (Schlüssel oder Version); eine Aktion kann sie nicht setzen.</translation>
        </message>
        <message>
            <source>Column "%1" of "%2" is assigned by the database; an action cannot set it.</source>
            <translation>Die Spalte „%1“ von „%2“ vergibt die Datenbank; eine Aktion kann sie nicht setzen.</translation>
        </message>
    </context>
    <context>
        <name>BatchSubmitter</name>
        <message>
            <source>The connection to the database was lost while committing; your edits are kept, and if the save did reach the database, saving again reports them as conflicts.</source>
            <translation>Die Verbindung zur Datenbank ist beim Festschreiben abgebrochen. Ihre Änderungen bleiben erhalten; falls das Speichern die Datenbank doch erreicht hat, meldet ein erneutes Speichern sie als Konflikte.</translation>
        </message>
        <message>
            <source>The connection to the database was lost; nothing was saved. Your edits are kept: save again to retry.</source>
            <translation>Die Verbindung zur Datenbank ist abgebrochen; nichts wurde gespeichert. Ihre Änderungen bleiben erhalten: Speichern Sie erneut.</translation>
        </message>
        <message>
            <source>Nothing was saved: this save kept deadlocking with another writer's. Your edits are kept; save again in a moment.</source>
            <translation>Nichts wurde gespeichert: Dieser Speichervorgang geriet immer wieder in einen Deadlock mit dem eines anderen. Ihre Änderungen bleiben erhalten; speichern Sie gleich noch einmal.</translation>
        </message>
        <message>
            <source>Nothing was saved: another writer kept the database busy for longer than the lock timeout. Your edits are kept; save again in a moment.</source>
            <translation>Nichts wurde gespeichert: Ein anderer Schreibvorgang hat die Datenbank länger als die Sperrwartezeit belegt. Ihre Änderungen bleiben erhalten; speichern Sie gleich noch einmal.</translation>
        </message>
        <message>
            <source>Edit %1: %2</source>
            <translation>Änderung %1: %2</translation>
        </message>
        <message>
            <source>The batch was rolled back (abort-all): %1.</source>
            <translation>Der Stapel wurde zurückgerollt (abort-all): %1.</translation>
        </message>
        <message>
            <source>The save was cancelled; nothing was written.</source>
            <translation>Das Speichern wurde abgebrochen; nichts wurde geschrieben.</translation>
        </message>
    </context>
    <context>
        <name>ChangeLog</name>
        <message>
            <source>Could not create the change log</source>
            <translation>Das Änderungsprotokoll konnte nicht angelegt werden</translation>
        </message>
        <message>
            <source>Could not write the change log</source>
            <translation>Das Änderungsprotokoll konnte nicht geschrieben werden</translation>
        </message>
        <message>
            <source>Could not read the change log</source>
            <translation>Das Änderungsprotokoll konnte nicht gelesen werden</translation>
        </message>
    </context>
    <context>
        <name>CliCommand</name>
        <message>
            <source>(it is now at version %1)</source>
            <translation>(jetzt Version %1)</translation>
        </message>
        <message>
            <source>%1; nothing was written.</source>
            <translation>%1; nichts wurde geschrieben.</translation>
        </message>
        <message>
            <source>No command was given; see concord-cli --help.</source>
            <translation>Es wurde kein Befehl angegeben; siehe concord-cli --help.</translation>
        </message>
        <message>
            <source>This database driver is not supported</source>
            <translation>Dieser Datenbanktreiber wird nicht unterstützt</translation>
        </message>
        <message>
            <source>Unknown command "%1"; see concord-cli --help.</source>
            <translation>Unbekannter Befehl „%1“; siehe concord-cli --help.</translation>
        </message>
        <message>
            <source>Give --check-fields or --ignore-fields, not both.</source>
            <translation>Geben Sie --check-fields oder --ignore-fields an, nicht beides.</translation>
        </message>
        <message>
            <source>Unknown version kind "%1"; use auto, timestamp, trigger or conditional.</source>
            <translation>Unbekannte Versionsart „%1“; verwenden Sie auto, timestamp, trigger oder conditional.</translation>
        </message>
        <message>
            <source>Usage: concord-cli %1</source>
            <translation>Aufruf: concord-cli %1</translation>
        </message>
        <message>
            <source>Table "%1" has no row with key %2.</source>
            <translation>Die Tabelle „%1“ hat keine Zeile mit dem Schlüssel %2.</translation>
        </message>
        <message>
            <source>The change was not committed.</source>
            <translation>Die Änderung wurde nicht festgeschrieben.</translation>
        </message>
        <message>
            <source>Nothing to update: give --set COL=VALUE.</source>
            <translation>Nichts zu aktualisieren: Geben Sie --set SPALTE=WERT an.</translation>
        </message>
        <message>
            <source>Table "%1" is not versioned, so this update cannot be checked; run "concord-cli enable %1" first, or pass --no-check to save it unchecked.</source>
            <translation>Die Tabelle „%1“ ist nicht versioniert, daher kann diese Aktualisierung nicht geprüft werden; führen Sie zuerst „concord-cli enable %1“ aus oder geben Sie --no-check an, um ungeprüft zu speichern.</translation>
        </message>
        <message>
            <source>An update needs --version V, the version the row had when you read it (see concord-cli get).</source>
            <translation>Eine Aktualisierung braucht --version V, die Version, die die Zeile beim Lesen hatte (siehe concord-cli get).</translation>
        </message>
        <message>
            <source>A delete needs --version V, the version the row had when you read it (see concord-cli get).</source>
            <translation>Ein Löschen braucht --version V, die Version, die die Zeile beim Lesen hatte (siehe concord-cli get).</translation>
        </message>
        <message>
            <source>Unknown policy "%1"; use silent or abort-all.</source>
            <translation>Unbekannte Richtlinie „%1“; verwenden Sie silent oder abort-all.</translation>
        </message>
        <message>
            <source>Could not read the edits from "%1": %2.</source>
            <translation>Die Änderungen aus „%1“ konnten nicht gelesen werden: %2.</translation>
        </message>
        <message>
            <source>Table "%1" has no single-column primary key.</source>
            <translation>Die Tabelle „%1“ hat keinen einspaltigen Primärschlüssel.</translation>
        </message>
        <message>
            <source>The delete action takes no --set.</source>
            <translation>Die Aktion delete nimmt kein --set an.</translation>
        </message>
        <message>
            <source>The set action needs exactly one --set COL=VALUE.</source>
            <translation>Die Aktion set braucht genau ein --set SPALTE=WERT.</translation>
        </message>
        <message>
            <source>Unknown action "%1"; use delete or set.</source>
            <translation>Unbekannte Aktion „%1“; verwenden Sie delete oder set.</translation>
        </message>
        <message>
            <source>Name the rows with --rows PK:VERSION[,PK:VERSION...].</source>
            <translation>Nennen Sie die Zeilen mit --rows PK:VERSION[,PK:VERSION...].</translation>
        </message>
        <message>
            <source>Give --log or --no-log, not both.</source>
            <translation>Bitte --log oder --no-log angeben, nicht beides.</translation>
        </message>
        <message>
            <source>Give a label column or --auto, not both; usage: concord-cli %1</source>
            <translation>Geben Sie eine Beschriftungsspalte oder --auto an, nicht beides; Aufruf: concord-cli %1</translation>
        </message>
    </context>
    <context>
        <name>CommandLine</name>
        <message>
            <source>Option --%1 takes no value.</source>
            <translation>Die Option --%1 nimmt keinen Wert an.</translation>
        </message>
        <message>
            <source>Unknown option "--%1"; see concord-cli --help.</source>
            <translation>Unbekannte Option „--%1“; siehe concord-cli --help.</translation>
        </message>
        <message>
            <source>Option --%1 needs a value.</source>
            <translation>Die Option --%1 braucht einen Wert.</translation>
        </message>
        <message>
            <source>Option --%1 was given more than once.</source>
            <translation>Die Option --%1 wurde mehrfach angegeben.</translation>
        </message>
        <message>
            <source>The %1 command takes no --%2 option; usage: concord-cli %3</source>
            <translation>Der Befehl %1 nimmt keine Option --%2 an; Aufruf: concord-cli %3</translation>
        </message>
        <message>
            <source>Usage: concord-cli %1</source>
            <translation>Aufruf: concord-cli %1</translation>
        </message>
        <message>
            <source>Usage: concord-cli [--db URL] [--user NAME] [--lock-timeout MS] COMMAND [ARGS]

URL   an SQLite file path or sqlite:PATH (default: the demo database),
      postgresql://USER@HOST:PORT/DB, mysql://USER@HOST:PORT/DB;
      the password is read from CONCORD_PASSWORD and never printed
NAME  who the change log names (default: CONCORD_USER or the system user)
MS    how long a save waits, in all, for rows another writer holds before it
      reports them busy (default: 5000)

Commands:
  tables
  enable TABLE [--column C] [--kind auto|timestamp|trigger|conditional]
               [--check-fields A,B | --ignore-fields A,B] [--no-log | --log]
  disable TABLE
  triggers list|create|drop [TABLE]
  get TABLE PK [--labels]
  update TABLE PK --version V --set COL=VALUE [--set ...] [--no-check] [--no-increment]
  delete TABLE PK --version V
  apply FILE|- [--policy silent|abort-all]
  action TABLE delete|set --rows PK:V[,PK:V...] [--set COL=VALUE] [--skip-changed]
  log [TABLE] [--limit N]
  log on|off TABLE
  label TABLE [COLUMN | --auto]

Results are JSON on stdout. Exit codes: 0 done, 1 database error,
2 bad input (nothing written), 3 at least one conflict or busy row.
</source>
            <translation>Aufruf: concord-cli [--db URL] [--user NAME] [--lock-timeout MS] BEFEHL [ARGUMENTE]

URL   ein SQLite-Dateipfad oder sqlite:PFAD (Standard: die Demo-Datenbank),
      postgresql://USER@HOST:PORT/DB, mysql://USER@HOST:PORT/DB;
      das Passwort wird aus CONCORD_PASSWORD gelesen und nie ausgegeben
NAME  wen das Änderungsprotokoll nennt (Standard: CONCORD_USER oder der Systembenutzer)
MS    wie lange ein Speichervorgang insgesamt auf Zeilen wartet, die ein anderer
      Schreibvorgang hält, bevor er sie als belegt meldet (Standard: 5000)

Befehle:
  tables
  enable TABLE [--column C] [--kind auto|timestamp|trigger|conditional]
               [--check-fields A,B | --ignore-fields A,B] [--no-log | --log]
  disable TABLE
  triggers list|create|drop [TABLE]
  get TABLE PK [--labels]
  update TABLE PK --version V --set COL=VALUE [--set ...] [--no-check] [--no-increment]
  delete TABLE PK --version V
  apply FILE|- [--policy silent|abort-all]
  action TABLE delete|set --rows PK:V[,PK:V...] [--set COL=VALUE] [--skip-changed]
  log [TABLE] [--limit N]
  log on|off TABLE
  label TABLE [COLUMN | --auto]

Ergebnisse stehen als JSON auf stdout. Exit-Codes: 0 erledigt, 1 Datenbankfehler,
2 ungültige Eingabe (nichts geschrieben), 3 mindestens ein Konflikt oder eine belegte Zeile.
</translation>
        </message>
    </context>
    <context>
        <name>Concord::ActionBar</name>
        <message>
            <source>Go</source>
            <translation>Los</translation>
        </message>
        <message>
            <source>Delete selected rows</source>
            <translation>Ausgewählte Zeilen löschen</translation>
        </message>
        <message>
            <source>Set a column to a value…</source>
            <translation>Spalte auf einen Wert setzen…</translation>
        </message>
        <message>
            <source>Run the action on the checked rows, as you see them: rows changed since are not touched</source>
            <translation>Die Aktion auf die angehakten Zeilen in dem Stand anwenden, in dem Sie sie sehen: Inzwischen geänderte Zeilen bleiben unberührt</translation>
        </message>
        <message>
            <source>Action:</source>
            <translation>Aktion:</translation>
        </message>
        <message>
            <source>Select all</source>
            <translation>Alle auswählen</translation>
        </message>
        <message>
            <source> checked.</source>
            <translation> angehakt.</translation>
        </message>
        <message>
            <source> selected.</source>
            <translation> ausgewählt.</translation>
        </message>
        <message>
            <source>No rows checked.</source>
            <translation>Keine Zeilen angehakt.</translation>
        </message>
        <message>
            <source>Clear selection</source>
            <translation>Auswahl aufheben</translation>
        </message>
        <message>
            <source>Select all %1 matching</source>
            <translation>Alle %1 passenden auswählen</translation>
        </message>
        <message>
            <source>Actions</source>
            <translation>Aktionen</translation>
        </message>
        <message>
            <source>Check the rows to act on first.</source>
            <translation>Haken Sie zuerst die Zeilen an, auf die die Aktion wirken soll.</translation>
        </message>
        <message>
            <source>Run "%1" on %2?</source>
            <translation>„%1“ auf %2 anwenden?</translation>
        </message>
        <message>
            <source>%1 %2 (version %3, changed by someone else since)</source>
            <translation>%1 %2 (Version %3, inzwischen von jemand anderem geändert)</translation>
        </message>
        <message>
            <source>%1 %2 (version %3)</source>
            <translation>%1 %2 (Version %3)</translation>
        </message>
        <message>
            <source>… and %1 more</source>
            <translation>… und %1 weitere</translation>
        </message>
        <message>
            <source>Delete %1? If any of them was changed by someone else since you saw it, nothing is deleted.</source>
            <translation>%1 löschen? Wurde eine davon inzwischen von jemand anderem geändert, wird nichts gelöscht.</translation>
        </message>
        <message numerus="yes">
            <source>%n of them already were: refresh (F5) first, or the delete will be refused.</source>
            <translation>
                <numerusform>Eine davon wurde bereits geändert: Aktualisieren Sie zuerst (F5), sonst wird das Löschen abgelehnt.</numerusform>
                <numerusform>%n davon wurden bereits geändert: Aktualisieren Sie zuerst (F5), sonst wird das Löschen abgelehnt.</numerusform>
            </translation>
        </message>
        <message>
            <source>Delete rows</source>
            <translation>Zeilen löschen</translation>
        </message>
        <message>
            <source>Set a column</source>
            <translation>Spalte setzen</translation>
        </message>
        <message>
            <source>Set a column on %1</source>
            <translation>Spalte setzen für %1</translation>
        </message>
        <message>
            <source>empty: NULL</source>
            <translation>leer: NULL</translation>
        </message>
        <message>
            <source>Column:</source>
            <translation>Spalte:</translation>
        </message>
        <message>
            <source>Value:</source>
            <translation>Wert:</translation>
        </message>
        <message>
            <source>Retry</source>
            <translation>Wiederholen</translation>
        </message>
        <message>
            <source>%1: %2 → %3</source>
            <translation>%1: %2 → %3</translation>
        </message>
        <message>
            <source>%1 to %2</source>
            <translation>%1 auf %2</translation>
        </message>
        <message>
            <source>Delete %1 too, although someone else changed it:</source>
            <translation>%1 trotzdem löschen, obwohl jemand anderes sie geändert hat:</translation>
        </message>
        <message>
            <source>%1, changed by someone else:</source>
            <translation>%1, von jemand anderem geändert:</translation>
        </message>
        <message>
            <source>(the grid had not loaded it, so what changed is not known)</source>
            <translation>(die Tabelle hatte sie nicht geladen, daher ist unbekannt, was sich geändert hat)</translation>
        </message>
        <message>
            <source>You are setting %1: tick it to write yours over theirs.</source>
            <translation>Sie setzen %1: Haken Sie es an, um Ihren Wert über den der anderen zu schreiben.</translation>
        </message>
        <message>
            <source>You saw version %1; it is now version %2.</source>
            <translation>Sie sahen Version %1; jetzt ist es Version %2.</translation>
        </message>
        <message>
            <source>Retry: %1</source>
            <translation>Wiederholen: %1</translation>
        </message>
        <message>
            <source>None of the rows changed since you saw them.</source>
            <translation>Keine der Zeilen hat sich geändert, seit Sie sie gesehen haben.</translation>
        </message>
        <message numerus="yes">
            <source>Someone else changed %n of the %1 since you saw them:</source>
            <translation>
                <numerusform>Jemand anderes hat %n von %1 geändert, seit Sie sie gesehen haben:</numerusform>
                <numerusform>Jemand anderes hat %n von %1 geändert, seit Sie sie gesehen haben:</numerusform>
            </translation>
        </message>
        <message>
            <source>a changed row is deleted only if you tick it.</source>
            <translation>Eine geänderte Zeile wird nur gelöscht, wenn Sie sie anhaken.</translation>
        </message>
        <message>
            <source>the action runs on a changed row only if it is ticked.</source>
            <translation>Auf eine geänderte Zeile wirkt die Aktion nur, wenn sie angehakt ist.</translation>
        </message>
        <message>
            <source>%1 more</source>
            <translation>%1 weitere</translation>
        </message>
        <message>
            <source>Deleted by someone else meanwhile, so left out: %1.</source>
            <translation>Inzwischen von jemand anderem gelöscht und daher ausgelassen: %1.</translation>
        </message>
        <message>
            <source>&amp;Delete</source>
            <translation>&amp;Löschen</translation>
        </message>
        <message>
            <source>&amp;Run</source>
            <translation>&amp;Ausführen</translation>
        </message>
        <message>
            <source>&amp;Delete %1</source>
            <translation>%1 &amp;löschen</translation>
        </message>
        <message>
            <source>&amp;Run on %1</source>
            <translation>Auf %1 &amp;ausführen</translation>
        </message>
        <message>
            <source>Nothing left to run on.</source>
            <translation>Keine Zeilen mehr übrig, auf die die Aktion wirken könnte.</translation>
        </message>
        <message>
            <source>%1 at the versions found now. If one of them changes again meanwhile, nothing runs and you are asked again.</source>
            <translation>%1 in den jetzt gefundenen Versionen. Ändert sich eine davon inzwischen erneut, wird nichts ausgeführt und Sie werden erneut gefragt.</translation>
        </message>
        <message>
            <source>Deletes %1</source>
            <translation>Löscht %1</translation>
        </message>
        <message>
            <source>Runs "%1" on %2</source>
            <translation>Wendet „%1“ auf %2 an</translation>
        </message>
        <message>
            <source>Report: %1</source>
            <translation>Bericht: %1</translation>
        </message>
        <message>
            <source>&amp;Retry…</source>
            <translation>&amp;Wiederholen…</translation>
        </message>
        <message>
            <source>Check the rows again, see what changed since you saw them, and choose whether "%1" runs at their current versions.</source>
            <translation>Die Zeilen erneut prüfen, sehen, was sich seitdem geändert hat, und entscheiden, ob „%1“ auf ihre aktuellen Versionen angewendet wird.</translation>
        </message>
        <message>
            <source>S&amp;kip rows changed since shown</source>
            <translation>Seit der Anzeige geänderte Zeilen übers&amp;pringen</translation>
        </message>
        <message>
            <source>Off: if someone else changed one of the rows since you saw it, the action does not run at all. On: those rows are skipped (and listed in the report), the others are done.</source>
            <translation>Aus: Hat jemand anderes eine der Zeilen geändert, seit Sie sie gesehen haben, läuft die Aktion gar nicht. An: Diese Zeilen werden übersprungen (und im Bericht genannt), die anderen werden bearbeitet.</translation>
        </message>
        <message numerus="yes">
            <source>All %Ln matching rows selected.</source>
            <translation>
                <numerusform>Die %Ln passende Zeile ausgewählt.</numerusform>
                <numerusform>Alle %Ln passenden Zeilen ausgewählt.</numerusform>
            </translation>
        </message>
        <message>
            <source>Delete %1? Rows changed by someone else since you saw them are skipped; the others are deleted.</source>
            <translation>%1 löschen? Zeilen, die jemand anderes geändert hat, seit Sie sie gesehen haben, werden übersprungen; die anderen werden gelöscht.</translation>
        </message>
        <message numerus="yes">
            <source>%n of them were changed since shown and will be skipped.</source>
            <translation>
                <numerusform>Eine davon wurde seit der Anzeige geändert und wird übersprungen.</numerusform>
                <numerusform>%n davon wurden seit der Anzeige geändert und werden übersprungen.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n of them were changed since shown: refresh (F5) first, skip them, or the action will be refused.</source>
            <translation>
                <numerusform>Eine davon wurde seit der Anzeige geändert: erst aktualisieren (F5), sie überspringen, oder die Aktion wird abgelehnt.</numerusform>
                <numerusform>%n davon wurden seit der Anzeige geändert: erst aktualisieren (F5), sie überspringen, oder die Aktion wird abgelehnt.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n more</source>
            <translation>
                <numerusform>%n weitere</numerusform>
                <numerusform>%n weitere</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n rows were done: %1.</source>
            <translation>
                <numerusform>%n Zeile wurde bearbeitet: %1.</numerusform>
                <numerusform>%n Zeilen wurden bearbeitet: %1.</numerusform>
            </translation>
        </message>
        <message>
            <source>No row was done.</source>
            <translation>Keine Zeile wurde bearbeitet.</translation>
        </message>
        <message numerus="yes">
            <source>%n rows skipped, changed or deleted by someone else since shown: %1.</source>
            <translation>
                <numerusform>%n Zeile übersprungen, seit der Anzeige von jemand anderem geändert oder gelöscht: %1.</numerusform>
                <numerusform>%n Zeilen übersprungen, seit der Anzeige von jemand anderem geändert oder gelöscht: %1.</numerusform>
            </translation>
        </message>
        <message>
            <source>S&amp;kip changed rows</source>
            <translation>Geänderte Zeilen übers&amp;pringen</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Abbrechen</translation>
        </message>
        <message>
            <source>Reading the keys and versions of the matching rows…</source>
            <translation>Schlüssel und Versionen der passenden Zeilen werden gelesen …</translation>
        </message>
        <message>
            <source>Running "%1" on %2…</source>
            <translation>„%1“ läuft auf %2 …</translation>
        </message>
        <message numerus="yes">
            <source>%n rows were done.</source>
            <translation>
                <numerusform>%n Zeile wurde bearbeitet.</numerusform>
                <numerusform>%n Zeilen wurden bearbeitet.</numerusform>
            </translation>
        </message>
        <message>
            <source>Reading the keys and versions of the checked rows…</source>
            <translation>Schlüssel und Versionen der markierten Zeilen werden gelesen …</translation>
        </message>
        <message numerus="yes">
            <source>All %Ln selected.</source>
            <translation>
                <numerusform>%Ln ausgewählt.</numerusform>
                <numerusform>Alle %Ln ausgewählt.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>All %Ln</source>
            <translation>
                <numerusform>%Ln Zeile</numerusform>
                <numerusform>Alle %Ln</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln checked</source>
            <translation>
                <numerusform>%Ln markiert</numerusform>
                <numerusform>%Ln markiert</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln selected</source>
            <translation>
                <numerusform>%Ln ausgewählt</numerusform>
                <numerusform>%Ln ausgewählt</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln row(s)</source>
            <translation>
                <numerusform>%Ln Zeile</numerusform>
                <numerusform>%Ln Zeilen</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Concord::ChangeListView</name>
        <message>
            <source>Set to &amp;NULL</source>
            <translation>Auf &amp;NULL setzen</translation>
        </message>
        <message>
            <source>Check every row in the list, or uncheck all</source>
            <translation>Alle Zeilen der Liste anhaken oder alle Haken entfernen</translation>
        </message>
        <message>
            <source>Check all rows</source>
            <translation>Alle Zeilen anhaken</translation>
        </message>
        <message>
            <source>Store NULL (no value) in the current cell</source>
            <translation>NULL (keinen Wert) in der aktuellen Zelle speichern</translation>
        </message>
        <message>
            <source>%1 cannot be edited here.</source>
            <translation>%1 kann hier nicht bearbeitet werden.</translation>
        </message>
        <message>
            <source>Resolve conflict…</source>
            <translation>Konflikt lösen…</translation>
        </message>
        <message>
            <source>Open record…</source>
            <translation>Datensatz öffnen…</translation>
        </message>
        <message>
            <source>History of this row</source>
            <translation>Verlauf dieser Zeile</translation>
        </message>
        <message>
            <source>Uncheck selected rows</source>
            <translation>Haken der ausgewählten Zeilen entfernen</translation>
        </message>
        <message>
            <source>Check selected rows</source>
            <translation>Ausgewählte Zeilen anhaken</translation>
        </message>
        <message>
            <source>Revert selected rows</source>
            <translation>Ausgewählte Zeilen zurücksetzen</translation>
        </message>
    </context>
    <context>
        <name>Concord::ChangeWatcher</name>
        <message>
            <source>No table is open, so nothing is watched.</source>
            <translation>Es ist keine Tabelle geöffnet, daher wird nichts beobachtet.</translation>
        </message>
        <message>
            <source>Table "%1" is not versioned, so changes to its rows are not watched.</source>
            <translation>Die Tabelle „%1“ ist nicht versioniert, daher werden Änderungen an ihren Zeilen nicht beobachtet.</translation>
        </message>
        <message>
            <source>Could not open a connection to watch for changes</source>
            <translation>Es konnte keine Verbindung zum Beobachten von Änderungen geöffnet werden</translation>
        </message>
        <message>
            <source>This database driver is not supported.</source>
            <translation>Dieser Datenbanktreiber wird nicht unterstützt.</translation>
        </message>
        <message>
            <source>Could not listen for changes</source>
            <translation>Auf Änderungen konnte nicht gehorcht werden</translation>
        </message>
        <message>
            <source>The connection that watches for changes was lost</source>
            <translation>Die Verbindung, die Änderungen beobachtet, ist abgebrochen</translation>
        </message>
        <message>
            <source>Could not ask whether the database changed</source>
            <translation>Es konnte nicht abgefragt werden, ob sich die Datenbank geändert hat</translation>
        </message>
        <message>
            <source>Could not read the versions of the rows on screen</source>
            <translation>Die Versionen der angezeigten Zeilen konnten nicht gelesen werden</translation>
        </message>
        <message>
            <source>Changes by others: not watched</source>
            <translation>Änderungen anderer: nicht beobachtet</translation>
        </message>
        <message>
            <source>Changes by others: notified</source>
            <translation>Änderungen anderer: gemeldet</translation>
        </message>
        <message numerus="yes">
            <source>Changes by others: polled every %n s (transaction pooling)</source>
            <translation>
                <numerusform>Änderungen anderer: jede Sekunde abgefragt (Transaction-Pooling)</numerusform>
                <numerusform>Änderungen anderer: alle %n s abgefragt (Transaction-Pooling)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Changes by others: polled every %n s</source>
            <translation>
                <numerusform>Änderungen anderer: jede Sekunde abgefragt</numerusform>
                <numerusform>Änderungen anderer: alle %n s abgefragt</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Changes by others: polled every %n s (table busy; notifications retried)</source>
            <translation>
                <numerusform>Änderungen anderer: jede Sekunde abgefragt (Tabelle belegt; Benachrichtigung wird erneut versucht)</numerusform>
                <numerusform>Änderungen anderer: alle %n s abgefragt (Tabelle belegt; Benachrichtigung wird erneut versucht)</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Concord::ColumnMenu</name>
        <message>
            <source>&amp;Hide column "%1"</source>
            <translation>Spalte „%1“ &amp;ausblenden</translation>
        </message>
        <message>
            <source>&amp;Show all columns</source>
            <translation>Alle Spalten &amp;einblenden</translation>
        </message>
    </context>
    <context>
        <name>Concord::ConflictReportDialog</name>
        <message>
            <source>Save report</source>
            <translation>Speicherbericht</translation>
        </message>
        <message>
            <source>Show only &amp;problems</source>
            <translation>Nur &amp;Probleme anzeigen</translation>
        </message>
        <message>
            <source>Table</source>
            <translation>Tabelle</translation>
        </message>
        <message>
            <source>Key</source>
            <translation>Schlüssel</translation>
        </message>
        <message>
            <source>Operation</source>
            <translation>Vorgang</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>Ergebnis</translation>
        </message>
        <message>
            <source>Version</source>
            <translation>Version</translation>
        </message>
        <message>
            <source>Details</source>
            <translation>Details</translation>
        </message>
        <message>
            <source>&amp;Retry: merge with their changes</source>
            <translation>&amp;Wiederholen: mit den fremden Änderungen zusammenführen</translation>
        </message>
        <message>
            <source>Merge your edit of each row someone else changed with their version and save it. Fields only one of you changed merge by themselves; a field you both changed is never overwritten: you choose its value.</source>
            <translation>Ihre Änderung jeder Zeile, die jemand anderes geändert hat, mit dessen Version zusammenführen und speichern. Felder, die nur eine Seite geändert hat, werden automatisch übernommen; ein Feld, das Sie beide geändert haben, wird nie überschrieben: Sie wählen seinen Wert.</translation>
        </message>
        <message>
            <source>Export &amp;CSV…</source>
            <translation>&amp;CSV exportieren…</translation>
        </message>
        <message>
            <source>Export &amp;JSON…</source>
            <translation>&amp;JSON exportieren…</translation>
        </message>
        <message>
            <source>you loaded version %1; the row no longer exists</source>
            <translation>Sie haben Version %1 geladen; die Zeile existiert nicht mehr</translation>
        </message>
        <message>
            <source>you loaded version %1, now %2</source>
            <translation>Sie haben Version %1 geladen, jetzt %2</translation>
        </message>
        <message>
            <source>%1 (you too)</source>
            <translation>%1 (auch Sie)</translation>
        </message>
        <message>
            <source>you loaded version %1, now %2; they changed: %3</source>
            <translation>Sie haben Version %1 geladen, jetzt %2; geändert wurde: %3</translation>
        </message>
        <message>
            <source>was accepted, then undone because the batch did not commit</source>
            <translation>wurde angenommen und dann rückgängig gemacht, weil der Stapel nicht festgeschrieben wurde</translation>
        </message>
        <message>
            <source>not written: the save was cancelled</source>
            <translation>nicht geschrieben: Das Speichern wurde abgebrochen</translation>
        </message>
        <message>
            <source>not written: another row was changed by someone else</source>
            <translation>nicht geschrieben: Eine andere Zeile wurde von jemand anderem geändert</translation>
        </message>
        <message>
            <source>not written: another row was refused</source>
            <translation>nicht geschrieben: Eine andere Zeile wurde abgelehnt</translation>
        </message>
        <message>
            <source>not written: another row was being saved by someone else</source>
            <translation>nicht geschrieben: Eine andere Zeile wurde gerade von jemand anderem gespeichert</translation>
        </message>
        <message>
            <source>not written: %1</source>
            <translation>nicht geschrieben: %1</translation>
        </message>
        <message>
            <source>not written</source>
            <translation>nicht geschrieben</translation>
        </message>
        <message>
            <source>Export failed</source>
            <translation>Export fehlgeschlagen</translation>
        </message>
        <message>
            <source>Could not write %1: %2</source>
            <translation>%1 konnte nicht geschrieben werden: %2</translation>
        </message>
        <message>
            <source>Export report as CSV</source>
            <translation>Bericht als CSV exportieren</translation>
        </message>
        <message>
            <source>CSV files (*.csv)</source>
            <translation>CSV-Dateien (*.csv)</translation>
        </message>
        <message>
            <source>Export report as JSON</source>
            <translation>Bericht als JSON exportieren</translation>
        </message>
        <message>
            <source>JSON files (*.json)</source>
            <translation>JSON-Dateien (*.json)</translation>
        </message>
    </context>
    <context>
        <name>Concord::ConnectionDialog</name>
        <message>
            <source>Open a database</source>
            <translation>Datenbank öffnen</translation>
        </message>
        <message>
            <source>Browse…</source>
            <translation>Durchsuchen…</translation>
        </message>
        <message>
            <source>path to an existing .sqlite file</source>
            <translation>Pfad zu einer vorhandenen .sqlite-Datei</translation>
        </message>
        <message>
            <source>not stored</source>
            <translation>wird nicht gespeichert</translation>
        </message>
        <message>
            <source>Host:</source>
            <translation>Host:</translation>
        </message>
        <message>
            <source>Port:</source>
            <translation>Port:</translation>
        </message>
        <message>
            <source>User:</source>
            <translation>Benutzer:</translation>
        </message>
        <message>
            <source>Database:</source>
            <translation>Datenbank:</translation>
        </message>
        <message>
            <source>Password:</source>
            <translation>Passwort:</translation>
        </message>
        <message>
            <source>Connect</source>
            <translation>Verbinden</translation>
        </message>
        <message>
            <source>Recent connections:</source>
            <translation>Letzte Verbindungen:</translation>
        </message>
        <message>
            <source>SQLite database</source>
            <translation>SQLite-Datenbank</translation>
        </message>
        <message>
            <source>SQLite databases (*.sqlite *.sqlite3 *.db);;All files (*)</source>
            <translation>SQLite-Datenbanken (*.sqlite *.sqlite3 *.db);;Alle Dateien (*)</translation>
        </message>
    </context>
    <context>
        <name>Concord::DialectTraits</name>
        <message>
            <source>MariaDB / MySQL server</source>
            <translation>MariaDB-/MySQL-Server</translation>
        </message>
        <message>
            <source>PostgreSQL server</source>
            <translation>PostgreSQL-Server</translation>
        </message>
        <message>
            <source>SQLite file</source>
            <translation>SQLite-Datei</translation>
        </message>
    </context>
    <context>
        <name>Concord::EditUndoStack</name>
        <message>
            <source>Undo</source>
            <translation>Rückgängig</translation>
        </message>
        <message>
            <source>Redo</source>
            <translation>Wiederholen</translation>
        </message>
        <message>
            <source>Edit %1.%2</source>
            <translation>%1.%2 bearbeiten</translation>
        </message>
        <message numerus="yes">
            <source>Edit %n cell(s)</source>
            <translation>
                <numerusform>%n Zelle bearbeiten</numerusform>
                <numerusform>%n Zellen bearbeiten</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Add %n row(s)</source>
            <translation>
                <numerusform>%n Zeile hinzufügen</numerusform>
                <numerusform>%n Zeilen hinzufügen</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Mark %n row(s) for deletion</source>
            <translation>
                <numerusform>%n Zeile zum Löschen markieren</numerusform>
                <numerusform>%n Zeilen zum Löschen markieren</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Revert %n row(s)</source>
            <translation>
                <numerusform>%n Zeile zurücksetzen</numerusform>
                <numerusform>%n Zeilen zurücksetzen</numerusform>
            </translation>
        </message>
        <message>
            <source>Revert all</source>
            <translation>Alles zurücksetzen</translation>
        </message>
        <message>
            <source>Settle a conflict</source>
            <translation>Konflikt auflösen</translation>
        </message>
        <message numerus="yes">
            <source>Edit %n row(s)</source>
            <translation>
                <numerusform>%n Zeile bearbeiten</numerusform>
                <numerusform>%n Zeilen bearbeiten</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Concord::FilterChips</name>
        <message>
            <source>Clear all</source>
            <translation>Alle entfernen</translation>
        </message>
        <message>
            <source>Remove every list filter</source>
            <translation>Alle Listenfilter entfernen</translation>
        </message>
        <message>
            <source>Filtered by:</source>
            <translation>Gefiltert nach:</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <translation>%1: %2</translation>
        </message>
        <message>
            <source>Remove this filter</source>
            <translation>Diesen Filter entfernen</translation>
        </message>
    </context>
    <context>
        <name>Concord::FilterPanel</name>
        <message>
            <source>Check values to show only the rows that hold them. Choices in different columns must all hold.</source>
            <translation>Werte ankreuzen, um nur die Zeilen zu zeigen, die sie enthalten. Auswahlen in verschiedenen Spalten müssen alle zutreffen.</translation>
        </message>
        <message>
            <source>Is NULL</source>
            <translation>Ist NULL</translation>
        </message>
        <message>
            <source>Is not NULL</source>
            <translation>Ist nicht NULL</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>Heute</translation>
        </message>
        <message>
            <source>Past 7 days</source>
            <translation>Letzte 7 Tage</translation>
        </message>
        <message>
            <source>This month</source>
            <translation>Dieser Monat</translation>
        </message>
        <message>
            <source>Custom range…</source>
            <translation>Eigener Zeitraum…</translation>
        </message>
        <message>
            <source>Choose the first and the last day (double-click or Enter)</source>
            <translation>Ersten und letzten Tag wählen (Doppelklick oder Eingabetaste)</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation>%1 (%2)</translation>
        </message>
        <message>
            <source>Yes</source>
            <translation>Ja</translation>
        </message>
        <message>
            <source>No</source>
            <translation>Nein</translation>
        </message>
        <message>
            <source>%1 – %2</source>
            <translation>%1 – %2</translation>
        </message>
        <message>
            <source>Days of %1</source>
            <translation>Tage von %1</translation>
        </message>
        <message>
            <source>From:</source>
            <translation>Von:</translation>
        </message>
        <message>
            <source>To:</source>
            <translation>Bis:</translation>
        </message>
        <message>
            <source>The first day comes after the last one.</source>
            <translation>Der erste Tag liegt nach dem letzten.</translation>
        </message>
        <message>
            <source>This table has more than %L1 rows: column values are not listed (each list would read the whole table). Use the filter field (Ctrl+Shift+F).</source>
            <translation>Diese Tabelle hat mehr als %L1 Zeilen: Spaltenwerte werden nicht aufgelistet (jede Liste würde die ganze Tabelle lesen). Verwenden Sie das Filterfeld (Strg+Umschalt+F).</translation>
        </message>
    </context>
    <context>
        <name>Concord::FindBar</name>
        <message>
            <source>Match case</source>
            <translation>Groß-/Kleinschreibung beachten</translation>
        </message>
        <message>
            <source>Find &amp;next</source>
            <translation>&amp;Weitersuchen</translation>
        </message>
        <message>
            <source>Find pre&amp;vious</source>
            <translation>&amp;Rückwärts suchen</translation>
        </message>
        <message>
            <source>Find in the grid</source>
            <translation>In der Tabelle suchen</translation>
        </message>
        <message>
            <source>The next cell that contains the text (Enter, F3)</source>
            <translation>Die nächste Zelle, die den Text enthält (Eingabetaste, F3)</translation>
        </message>
        <message>
            <source>The previous cell that contains the text (Shift+Enter, Shift+F3)</source>
            <translation>Die vorige Zelle, die den Text enthält (Umschalt+Eingabetaste, Umschalt+F3)</translation>
        </message>
        <message>
            <source>Previous</source>
            <translation>Zurück</translation>
        </message>
        <message>
            <source>Next</source>
            <translation>Weiter</translation>
        </message>
        <message>
            <source>Close the find bar (Escape)</source>
            <translation>Suchleiste schließen (Esc)</translation>
        </message>
        <message>
            <source>Find:</source>
            <translation>Suchen:</translation>
        </message>
        <message>
            <source>No matches</source>
            <translation>Keine Treffer</translation>
        </message>
        <message>
            <source>Search wrapped to the top</source>
            <translation>Suche am Anfang fortgesetzt</translation>
        </message>
        <message>
            <source>Search wrapped to the bottom</source>
            <translation>Suche am Ende fortgesetzt</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Abbrechen</translation>
        </message>
        <message>
            <source>Searching for “%1”…</source>
            <translation>Suche nach „%1“ …</translation>
        </message>
        <message>
            <source>Search cancelled</source>
            <translation>Suche abgebrochen</translation>
        </message>
    </context>
    <context>
        <name>Concord::GridClipboard</name>
        <message>
            <source>&amp;Copy</source>
            <translation>&amp;Kopieren</translation>
        </message>
        <message>
            <source>Copy with &amp;headers</source>
            <translation>Mit &amp;Spaltennamen kopieren</translation>
        </message>
        <message>
            <source>&amp;Paste</source>
            <translation>&amp;Einfügen</translation>
        </message>
        <message>
            <source>Copy the selected rows as tab-separated text (Ctrl+C)</source>
            <translation>Die ausgewählten Zeilen als tabulatorgetrennten Text kopieren (Strg+C)</translation>
        </message>
        <message>
            <source>Copy the selected rows with a line of column names (Ctrl+Shift+C)</source>
            <translation>Die ausgewählten Zeilen mit einer Zeile Spaltennamen kopieren (Strg+Umschalt+C)</translation>
        </message>
        <message>
            <source>Paste a block from a spreadsheet at the current cell as pending edits (Ctrl+V)</source>
            <translation>Einen Block aus einer Tabellenkalkulation an der aktuellen Zelle als ausstehende Änderungen einfügen (Strg+V)</translation>
        </message>
        <message>
            <source>The clipboard holds no text to paste.</source>
            <translation>Die Zwischenablage enthält keinen Text zum Einfügen.</translation>
        </message>
        <message>
            <source>Paste</source>
            <translation>Einfügen</translation>
        </message>
        <message numerus="yes">
            <source>The pasted block is %n column(s) wide, more than the grid has from the current cell on; nothing was pasted.</source>
            <translation>
                <numerusform>Der eingefügte Block ist %n Spalte breit, mehr als die Tabelle ab der aktuellen Zelle hat; nichts wurde eingefügt.</numerusform>
                <numerusform>Der eingefügte Block ist %n Spalten breit, mehr als die Tabelle ab der aktuellen Zelle hat; nichts wurde eingefügt.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>The pasted block reaches %n row(s) past the last row. Add them as new rows?</source>
            <translation>
                <numerusform>Der eingefügte Block reicht %n Zeile über die letzte Zeile hinaus. Als neue Zeile hinzufügen?</numerusform>
                <numerusform>Der eingefügte Block reicht %n Zeilen über die letzte Zeile hinaus. Als neue Zeilen hinzufügen?</numerusform>
            </translation>
        </message>
        <message>
            <source>Nothing was pasted.</source>
            <translation>Nichts wurde eingefügt.</translation>
        </message>
        <message>
            <source>The cells already hold the pasted values.</source>
            <translation>Die Zellen enthalten die eingefügten Werte bereits.</translation>
        </message>
        <message numerus="yes">
            <source>Paste %n cell(s)</source>
            <translation>
                <numerusform>%n Zelle einfügen</numerusform>
                <numerusform>%n Zellen einfügen</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 is the version column: saves set it.</source>
            <translation>%1 ist die Versionsspalte: Speichern setzt sie.</translation>
        </message>
        <message>
            <source>%1 is the key of a saved row and cannot be changed.</source>
            <translation>%1 ist der Schlüssel einer gespeicherten Zeile und kann nicht geändert werden.</translation>
        </message>
        <message>
            <source>%1 cannot be edited in this row.</source>
            <translation>%1 kann in dieser Zeile nicht bearbeitet werden.</translation>
        </message>
        <message>
            <source>%1 holds bytes, which cannot be pasted as text.</source>
            <translation>%1 enthält Bytes, die nicht als Text eingefügt werden können.</translation>
        </message>
        <message>
            <source>Paste refused</source>
            <translation>Einfügen abgelehnt</translation>
        </message>
        <message>
            <source>Nothing was pasted: these cells cannot take the pasted value.</source>
            <translation>Nichts wurde eingefügt: diese Zellen können den eingefügten Wert nicht aufnehmen.</translation>
        </message>
        <message>
            <source>Row</source>
            <translation>Zeile</translation>
        </message>
        <message>
            <source>Column</source>
            <translation>Spalte</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>Wert</translation>
        </message>
        <message>
            <source>Why</source>
            <translation>Grund</translation>
        </message>
    </context>
    <context>
        <name>Concord::HistoryView</name>
        <message>
            <source>deleted; last values: %1</source>
            <translation>gelöscht; letzte Werte: %1</translation>
        </message>
        <message>
            <source>&amp;Refresh</source>
            <translation>&amp;Aktualisieren</translation>
        </message>
        <message>
            <source>When</source>
            <translation>Wann</translation>
        </message>
        <message>
            <source>Who</source>
            <translation>Wer</translation>
        </message>
        <message>
            <source>Table</source>
            <translation>Tabelle</translation>
        </message>
        <message>
            <source>Action</source>
            <translation>Aktion</translation>
        </message>
        <message>
            <source>Key</source>
            <translation>Schlüssel</translation>
        </message>
        <message>
            <source>Version</source>
            <translation>Version</translation>
        </message>
        <message>
            <source>Changes</source>
            <translation>Änderungen</translation>
        </message>
        <message>
            <source>No changes recorded yet.</source>
            <translation>Noch keine Änderungen aufgezeichnet.</translation>
        </message>
        <message>
            <source>All changes</source>
            <translation>Alle Änderungen</translation>
        </message>
        <message>
            <source>Changes to %1</source>
            <translation>Änderungen an %1</translation>
        </message>
        <message>
            <source>Changes to %1 %2</source>
            <translation>Änderungen an %1 %2</translation>
        </message>
        <message>
            <source>This database is not supported.</source>
            <translation>Diese Datenbank wird nicht unterstützt.</translation>
        </message>
        <message>
            <source>Saves of %1 are not recorded: its change log is switched off in the table index.</source>
            <translation>Speichervorgänge in %1 werden nicht aufgezeichnet: Das Änderungsprotokoll ist im Tabellenverzeichnis ausgeschaltet.</translation>
        </message>
    </context>
    <context>
        <name>Concord::LookupDialog</name>
        <message>
            <source>&amp;Previous</source>
            <translation>&amp;Zurück</translation>
        </message>
        <message>
            <source>&amp;Next</source>
            <translation>&amp;Weiter</translation>
        </message>
        <message>
            <source>Look up %1</source>
            <translation>%1 nachschlagen</translation>
        </message>
        <message>
            <source>Search %1</source>
            <translation>%1 durchsuchen</translation>
        </message>
        <message>
            <source>Label</source>
            <translation>Beschriftung</translation>
        </message>
        <message>
            <source>No matching rows.</source>
            <translation>Keine passenden Zeilen.</translation>
        </message>
        <message>
            <source>Rows %1–%2</source>
            <translation>Zeilen %1–%2</translation>
        </message>
    </context>
    <context>
        <name>Concord::MainWindow</name>
        <message>
            <source>Concord[*]</source>
            <translation>Concord[*]</translation>
        </message>
        <message>
            <source>Versioning of %1 is now: %2.</source>
            <translation>Versionierung von %1 ist jetzt: %2.</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Datei</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>&amp;Bearbeiten</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;Ansicht</translation>
        </message>
        <message>
            <source>&amp;Open database…</source>
            <translation>Datenbank ö&amp;ffnen…</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>&amp;Speichern</translation>
        </message>
        <message>
            <source>Save every pending edit in one transaction (Ctrl+S)</source>
            <translation>Alle ausstehenden Änderungen in einer Transaktion speichern (Strg+S)</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Beenden</translation>
        </message>
        <message>
            <source>Revert &amp;all</source>
            <translation>&amp;Alle zurücksetzen</translation>
        </message>
        <message>
            <source>Drop every pending edit</source>
            <translation>Alle ausstehenden Änderungen verwerfen</translation>
        </message>
        <message>
            <source>Revert &amp;selected rows</source>
            <translation>Ausgewählte &amp;Zeilen zurücksetzen</translation>
        </message>
        <message>
            <source>Drop the pending edits of the selected rows</source>
            <translation>Die ausstehenden Änderungen der ausgewählten Zeilen verwerfen</translation>
        </message>
        <message>
            <source>Add &amp;row…</source>
            <translation>Zeile &amp;hinzufügen…</translation>
        </message>
        <message>
            <source>&amp;Find…</source>
            <translation>&amp;Suchen…</translation>
        </message>
        <message>
            <source>&amp;Lock timeout…</source>
            <translation>Sperr&amp;wartezeit…</translation>
        </message>
        <message>
            <source>Lock timeout</source>
            <translation>Sperrwartezeit</translation>
        </message>
        <message>
            <source>When someone else is saving the same rows, wait at most this many seconds
in all before reporting those rows busy (they stay pending to save again):</source>
            <translation>Wenn jemand anderes dieselben Zeilen speichert, insgesamt höchstens so viele Sekunden warten,
bevor diese Zeilen als belegt gemeldet werden (sie bleiben zum erneuten Speichern ausstehend):</translation>
        </message>
        <message>
            <source>How long a save waits for rows someone else is saving</source>
            <translation>Wie lange ein Speichervorgang auf Zeilen wartet, die jemand anderes gerade speichert</translation>
        </message>
        <message>
            <source>&amp;Refresh</source>
            <translation>&amp;Aktualisieren</translation>
        </message>
        <message>
            <source>Reload from the database; pending edits and the scroll position stay (F5)</source>
            <translation>Neu aus der Datenbank laden; ausstehende Änderungen und die Scrollposition bleiben erhalten (F5)</translation>
        </message>
        <message>
            <source>Main</source>
            <translation>Haupt</translation>
        </message>
        <message>
            <source>silent: save the others</source>
            <translation>silent: die übrigen speichern</translation>
        </message>
        <message>
            <source>abort-all: all or nothing</source>
            <translation>abort-all: alles oder nichts</translation>
        </message>
        <message>
            <source>What a save does when a row was changed by someone else</source>
            <translation>Was ein Speichervorgang tut, wenn jemand anderes eine Zeile geändert hat</translation>
        </message>
        <message>
            <source> On conflict: </source>
            <translation> Bei Konflikt: </translation>
        </message>
        <message>
            <source>  Filter: </source>
            <translation>  Filter: </translation>
        </message>
        <message>
            <source>contains…</source>
            <translation>enthält…</translation>
        </message>
        <message>
            <source>Tables</source>
            <translation>Tabellen</translation>
        </message>
        <message>
            <source>History</source>
            <translation>Verlauf</translation>
        </message>
        <message>
            <source>Connected to %1</source>
            <translation>Verbunden mit %1</translation>
        </message>
        <message>
            <source>%1[*] — Concord</source>
            <translation>%1[*] — Concord</translation>
        </message>
        <message>
            <source>Unsaved edits</source>
            <translation>Ungespeicherte Änderungen</translation>
        </message>
        <message numerus="yes">
            <source>%n row(s) of %1 have unsaved edits. Save them first?</source>
            <translation>
                <numerusform>%n Zeile von %1 hat ungespeicherte Änderungen. Zuerst speichern?</numerusform>
                <numerusform>%n Zeilen von %1 haben ungespeicherte Änderungen. Zuerst speichern?</numerusform>
            </translation>
        </message>
        <message>
            <source>(any column)</source>
            <translation>(beliebige Spalte)</translation>
        </message>
        <message>
            <source>Nothing to save.</source>
            <translation>Nichts zu speichern.</translation>
        </message>
        <message numerus="yes">
            <source>%n row(s) you edited were changed by someone else since you loaded them; saving them will conflict — refresh or resolve.</source>
            <translation>
                <numerusform>%n von Ihnen bearbeitete Zeile wurde seit dem Laden von jemand anderem geändert; das Speichern wird einen Konflikt ergeben — aktualisieren oder auflösen.</numerusform>
                <numerusform>%n von Ihnen bearbeitete Zeilen wurden seit dem Laden von jemand anderem geändert; das Speichern wird Konflikte ergeben — aktualisieren oder auflösen.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Saving %n row(s)…</source>
            <translation>
                <numerusform>%n Zeile wird gespeichert…</numerusform>
                <numerusform>%n Zeilen werden gespeichert…</numerusform>
            </translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Abbrechen</translation>
        </message>
        <message>
            <source>Saving</source>
            <translation>Speichern</translation>
        </message>
        <message>
            <source>The save was cancelled; nothing was written. Your edits are still pending.</source>
            <translation>Das Speichern wurde abgebrochen; nichts wurde geschrieben. Ihre Änderungen stehen weiter aus.</translation>
        </message>
        <message>
            <source>Rows in orange were changed by someone else: right-click one to resolve it.</source>
            <translation>Orange Zeilen wurden von jemand anderem geändert: Klicken Sie mit der rechten Maustaste darauf, um den Konflikt zu lösen.</translation>
        </message>
        <message>
            <source>Rows marked ◷ were being saved by someone else at the same moment: press Ctrl+S again to save them.</source>
            <translation>Mit ◷ markierte Zeilen wurden im selben Moment von jemand anderem gespeichert: Drücken Sie erneut Strg+S, um sie zu speichern.</translation>
        </message>
        <message>
            <source> and </source>
            <translation> und </translation>
        </message>
        <message>
            <source>No row changed by someone else is left to retry.</source>
            <translation>Es ist keine von jemand anderem geänderte Zeile mehr zum Wiederholen übrig.</translation>
        </message>
        <message>
            <source>%1 was deleted by someone else meanwhile: right-click it to re-create it or drop your edit</source>
            <translation>%1 wurde inzwischen von jemand anderem gelöscht: Rechtsklick, um sie neu anzulegen oder Ihre Änderung zu verwerfen</translation>
        </message>
        <message>
            <source>%1 was changed again meanwhile: right-click it to resolve it</source>
            <translation>%1 wurde inzwischen erneut geändert: Rechtsklick, um den Konflikt zu lösen</translation>
        </message>
        <message>
            <source>%1 is being saved by someone else right now: press Ctrl+S again</source>
            <translation>%1 wird gerade von jemand anderem gespeichert: Drücken Sie erneut Strg+S</translation>
        </message>
        <message>
            <source>%1 was refused: %2</source>
            <translation>%1 wurde abgelehnt: %2</translation>
        </message>
        <message>
            <source>%1 was not saved (%2)</source>
            <translation>%1 wurde nicht gespeichert (%2)</translation>
        </message>
        <message>
            <source>%1 was merged with the other person's changes and saved</source>
            <translation>%1 wurde mit den Änderungen der anderen Person zusammengeführt und gespeichert</translation>
        </message>
        <message numerus="yes">
            <source>%n row(s) were merged with the other person's changes and saved</source>
            <translation>
                <numerusform>%n Zeile wurde mit den Änderungen der anderen Person zusammengeführt und gespeichert</numerusform>
                <numerusform>%n Zeilen wurden mit den Änderungen der anderen Person zusammengeführt und gespeichert</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 already held your values</source>
            <translation>%1 enthielt bereits Ihre Werte</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation>%1 (%2)</translation>
        </message>
        <message numerus="yes">
            <source>%1 needs your choice for %2</source>
            <translation>
                <numerusform>%1 braucht Ihre Entscheidung für %2</numerusform>
                <numerusform>%1 brauchen Ihre Entscheidung</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1 still needs your choice for %2: right-click it when ready</source>
            <translation>
                <numerusform>%1 braucht noch Ihre Entscheidung für %2: Rechtsklick, sobald Sie so weit sind</numerusform>
                <numerusform>%1 brauchen noch Ihre Entscheidung: Rechtsklick auf jede, sobald Sie so weit sind</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1 needs your choice for %2: right-click it</source>
            <translation>
                <numerusform>%1 braucht Ihre Entscheidung für %2: Rechtsklick darauf</numerusform>
                <numerusform>%1 brauchen Ihre Entscheidung: Rechtsklick auf jede</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1 was changed by someone else after you marked it for deletion, so it was not deleted: right-click it to decide</source>
            <translation>
                <numerusform>%1 wurde von jemand anderem geändert, nachdem Sie sie zum Löschen markiert hatten, und daher nicht gelöscht: Rechtsklick, um zu entscheiden</numerusform>
                <numerusform>%1 wurden von jemand anderem geändert, nachdem Sie sie zum Löschen markiert hatten, und daher nicht gelöscht: Rechtsklick auf jede, um zu entscheiden</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1 was deleted by someone else and was not retried: right-click it to re-create it or drop your edit</source>
            <translation>
                <numerusform>%1 wurde von jemand anderem gelöscht und nicht erneut versucht: Rechtsklick, um sie neu anzulegen oder Ihre Änderung zu verwerfen</numerusform>
                <numerusform>%1 wurden von jemand anderem gelöscht und nicht erneut versucht: Rechtsklick auf jede, um sie neu anzulegen oder Ihre Änderung zu verwerfen</numerusform>
            </translation>
        </message>
        <message>
            <source>The conflict of %1 could not be resolved</source>
            <translation>Der Konflikt von %1 konnte nicht gelöst werden</translation>
        </message>
        <message>
            <source>Your edit of %1 was dropped; the grid shows their version</source>
            <translation>Ihre Änderung von %1 wurde verworfen; die Tabelle zeigt die fremde Version</translation>
        </message>
        <message>
            <source>%1 was created again</source>
            <translation>%1 wurde neu angelegt</translation>
        </message>
        <message>
            <source>%1 was saved with your merge</source>
            <translation>%1 wurde mit Ihrer Zusammenführung gespeichert</translation>
        </message>
        <message>
            <source>%1 as version %2</source>
            <translation>%1 als Version %2</translation>
        </message>
        <message>
            <source>%1 was changed again meanwhile and was not saved: right-click it to resolve it again</source>
            <translation>%1 wurde inzwischen erneut geändert und nicht gespeichert: Rechtsklick, um den Konflikt erneut zu lösen</translation>
        </message>
        <message>
            <source>%1 %2 was deleted.</source>
            <translation>%1 %2 wurde gelöscht.</translation>
        </message>
        <message>
            <source>%1 %2 was saved.</source>
            <translation>%1 %2 wurde gespeichert.</translation>
        </message>
        <message>
            <source>Every pending edit was dropped.</source>
            <translation>Alle ausstehenden Änderungen wurden verworfen.</translation>
        </message>
        <message>
            <source>rows: ?</source>
            <translation>Zeilen: ?</translation>
        </message>
        <message numerus="yes">
            <source>%Ln row(s)</source>
            <translation>
                <numerusform>%Ln Zeile</numerusform>
                <numerusform>%Ln Zeilen</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln matching row(s)</source>
            <translation>
                <numerusform>%Ln passende Zeile</numerusform>
                <numerusform>%Ln passende Zeilen</numerusform>
            </translation>
        </message>
        <message>
            <source>no pending edits</source>
            <translation>keine ausstehenden Änderungen</translation>
        </message>
        <message numerus="yes">
            <source>%n pending edit(s)</source>
            <translation>
                <numerusform>%n ausstehende Änderung</numerusform>
                <numerusform>%n ausstehende Änderungen</numerusform>
            </translation>
        </message>
        <message>
            <source>Open database</source>
            <translation>Datenbank öffnen</translation>
        </message>
        <message>
            <source>Saved edits cannot be undone: the undo history starts again here.</source>
            <translation>Gespeicherte Änderungen lassen sich nicht rückgängig machen: der Änderungsverlauf beginnt hier neu.</translation>
        </message>
        <message>
            <source>Find text in the grid without hiding rows (Ctrl+F)</source>
            <translation>Text in der Tabelle suchen, ohne Zeilen auszublenden (Strg+F)</translation>
        </message>
        <message>
            <source>F&amp;ilter rows…</source>
            <translation>Zeilen f&amp;iltern…</translation>
        </message>
        <message>
            <source>Filter rows (Ctrl+Shift+F)</source>
            <translation>Zeilen filtern (Strg+Umschalt+F)</translation>
        </message>
        <message>
            <source>Filters</source>
            <translation>Filter</translation>
        </message>
        <message>
            <source>Revert all</source>
            <translation>Alles zurücksetzen</translation>
        </message>
        <message numerus="yes">
            <source>Drop all %n pending edit(s)? Edit ▸ Undo (Ctrl+Z) brings them back.</source>
            <translation>
                <numerusform>Die %n ausstehende Änderung verwerfen? Bearbeiten ▸ Rückgängig (Strg+Z) holt sie zurück.</numerusform>
                <numerusform>Alle %n ausstehenden Änderungen verwerfen? Bearbeiten ▸ Rückgängig (Strg+Z) holt sie zurück.</numerusform>
            </translation>
        </message>
        <message>
            <source>&amp;Columns…</source>
            <translation>&amp;Spalten…</translation>
        </message>
        <message>
            <source>Hide or show columns (also a right-click on a column header)</source>
            <translation>Spalten aus- oder einblenden (auch per Rechtsklick auf einen Spaltenkopf)</translation>
        </message>
        <message>
            <source>&amp;Go to row…</source>
            <translation>&amp;Gehe zu Zeile…</translation>
        </message>
        <message>
            <source>Show a row by its number, reading only that part of the table (Ctrl+G)</source>
            <translation>Eine Zeile über ihre Nummer anzeigen; nur dieser Teil der Tabelle wird gelesen (Strg+G)</translation>
        </message>
        <message>
            <source>Go to row</source>
            <translation>Gehe zu Zeile</translation>
        </message>
        <message>
            <source>Row (1 to %L1):</source>
            <translation>Zeile (1 bis %L1):</translation>
        </message>
        <message numerus="yes">
            <source>about %Ln matching row(s), counting…</source>
            <translation>
                <numerusform>etwa %Ln passende Zeile, wird gezählt…</numerusform>
                <numerusform>etwa %Ln passende Zeilen, werden gezählt…</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>about %Ln row(s), counting…</source>
            <translation>
                <numerusform>etwa %Ln Zeile, wird gezählt…</numerusform>
                <numerusform>etwa %Ln Zeilen, werden gezählt…</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Concord::MergeDialog</name>
        <message>
            <source>Row deleted by someone else — %1 %2</source>
            <translation>Zeile von jemand anderem gelöscht — %1 %2</translation>
        </message>
        <message>
            <source>Merge changes — %1 %2</source>
            <translation>Änderungen zusammenführen — %1 %2</translation>
        </message>
        <message>
            <source>&lt;b&gt;%1 %2 was deleted by someone else&lt;/b&gt; after you loaded it (version %3). Re-create it with your values, or discard your edit.</source>
            <translation>&lt;b&gt;%1 %2 wurde von jemand anderem gelöscht&lt;/b&gt;, nachdem Sie sie geladen hatten (Version %3). Legen Sie sie mit Ihren Werten neu an oder verwerfen Sie Ihre Änderung.</translation>
        </message>
        <message>
            <source>&lt;b&gt;%1 %2 was changed by someone else&lt;/b&gt; (now version %3; you loaded version %4). Fields changed on one side only are merged for you; choose a value for each field you both changed.</source>
            <translation>&lt;b&gt;%1 %2 wurde von jemand anderem geändert&lt;/b&gt; (jetzt Version %3; Sie haben Version %4 geladen). Felder, die nur eine Seite geändert hat, werden für Sie zusammengeführt; wählen Sie einen Wert für jedes Feld, das Sie beide geändert haben.</translation>
        </message>
        <message>
            <source>Field</source>
            <translation>Feld</translation>
        </message>
        <message>
            <source>Base (as loaded)</source>
            <translation>Basis (wie geladen)</translation>
        </message>
        <message>
            <source>Mine</source>
            <translation>Meins</translation>
        </message>
        <message>
            <source>Theirs</source>
            <translation>Fremd</translation>
        </message>
        <message>
            <source>Choice</source>
            <translation>Auswahl</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>Ergebnis</translation>
        </message>
        <message>
            <source>%1 identifies the row; it is not merged.</source>
            <translation>%1 kennzeichnet die Zeile; es wird nicht zusammengeführt.</translation>
        </message>
        <message>
            <source>Choose…</source>
            <translation>Auswählen…</translation>
        </message>
        <message>
            <source>Edit…</source>
            <translation>Bearbeiten…</translation>
        </message>
        <message>
            <source>You and someone else both changed %1: pick the value to keep.</source>
            <translation>Sie und jemand anderes haben %1 geändert: Wählen Sie den Wert, der bleiben soll.</translation>
        </message>
        <message>
            <source>Double-click to type a value (NULL for no value).</source>
            <translation>Doppelklicken, um einen Wert einzugeben (NULL für keinen Wert).</translation>
        </message>
        <message>
            <source>changed by you</source>
            <translation>von Ihnen geändert</translation>
        </message>
        <message>
            <source>changed by them</source>
            <translation>vom anderen geändert</translation>
        </message>
        <message>
            <source>both, same value</source>
            <translation>beide, gleicher Wert</translation>
        </message>
        <message>
            <source>both, different: choose</source>
            <translation>beide, verschieden: auswählen</translation>
        </message>
        <message>
            <source>typed here</source>
            <translation>hier eingegeben</translation>
        </message>
        <message>
            <source>&amp;Re-create</source>
            <translation>&amp;Neu anlegen</translation>
        </message>
        <message>
            <source>Insert the row again with your values.</source>
            <translation>Die Zeile mit Ihren Werten erneut einfügen.</translation>
        </message>
        <message>
            <source>&amp;Discard my edit</source>
            <translation>Meine Änderung &amp;verwerfen</translation>
        </message>
        <message>
            <source>&amp;Save merge</source>
            <translation>Zusammenführung &amp;speichern</translation>
        </message>
        <message>
            <source>Save the Result column against their version; if someone changes the row again meanwhile, you are asked again.</source>
            <translation>Die Spalte „Ergebnis“ gegen die fremde Version speichern; ändert jemand die Zeile inzwischen erneut, werden Sie wieder gefragt.</translation>
        </message>
        <message>
            <source>Keep &amp;mine</source>
            <translation>&amp;Meins behalten</translation>
        </message>
        <message>
            <source>Overwrite their changes to the fields you changed.</source>
            <translation>Die fremden Änderungen an den Feldern überschreiben, die Sie geändert haben.</translation>
        </message>
        <message>
            <source>Take &amp;theirs</source>
            <translation>&amp;Fremdes übernehmen</translation>
        </message>
        <message>
            <source>Drop your edit and show their row.</source>
            <translation>Ihre Änderung verwerfen und die fremde Zeile anzeigen.</translation>
        </message>
        <message>
            <source>mine</source>
            <translation>meins</translation>
        </message>
        <message>
            <source>theirs</source>
            <translation>fremd</translation>
        </message>
        <message>
            <source>edited</source>
            <translation>bearbeitet</translation>
        </message>
        <message>
            <source>same</source>
            <translation>gleich</translation>
        </message>
        <message>
            <source>“%1” is not a valid value for %2.</source>
            <translation>„%1“ ist kein gültiger Wert für %2.</translation>
        </message>
        <message numerus="yes">
            <source>You changed %n field(s) of the deleted row.</source>
            <translation>
                <numerusform>Sie haben %n Feld der gelöschten Zeile geändert.</numerusform>
                <numerusform>Sie haben %n Felder der gelöschten Zeile geändert.</numerusform>
            </translation>
        </message>
        <message>
            <source>Choose a value for %1 to save the merge.</source>
            <translation>Wählen Sie einen Wert für %1, um die Zusammenführung zu speichern.</translation>
        </message>
        <message numerus="yes">
            <source>Choose a value for %n fields to save the merge: %1.</source>
            <translation>
                <numerusform>Wählen Sie einen Wert für %n Feld, um die Zusammenführung zu speichern: %1.</numerusform>
                <numerusform>Wählen Sie Werte für %n Felder, um die Zusammenführung zu speichern: %1.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n field(s)</source>
            <translation>
                <numerusform>%n Feld</numerusform>
                <numerusform>%n Felder</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 from you, %2 from them</source>
            <translation>%1 von Ihnen, %2 vom anderen</translation>
        </message>
        <message>
            <source>, %1 typed here</source>
            <translation>, %1 hier eingegeben</translation>
        </message>
        <message>
            <source>Ready to save: %1. Press Enter to save the merge.</source>
            <translation>Bereit zum Speichern: %1. Drücken Sie die Eingabetaste, um die Zusammenführung zu speichern.</translation>
        </message>
    </context>
    <context>
        <name>Concord::RecordForm</name>
        <message>
            <source>Click to enter a value.</source>
            <translation>Klicken, um einen Wert einzugeben.</translation>
        </message>
        <message>
            <source>default</source>
            <translation>Standard</translation>
        </message>
        <message>
            <source>Leave %1 to the database.</source>
            <translation>%1 der Datenbank überlassen.</translation>
        </message>
        <message>
            <source>Leave %1 to the database: %2.</source>
            <translation>%1 der Datenbank überlassen: %2.</translation>
        </message>
        <message>
            <source>NULL</source>
            <translation>NULL</translation>
        </message>
        <message>
            <source>No value: store NULL in %1.</source>
            <translation>Kein Wert: NULL in %1 speichern.</translation>
        </message>
        <message>
            <source>%1 (key)</source>
            <translation>%1 (Schlüssel)</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>&amp;Speichern</translation>
        </message>
        <message>
            <source>Save this row (%1); other rows' edits stay pending.</source>
            <translation>Diese Zeile speichern (%1); die Änderungen anderer Zeilen bleiben ausstehend.</translation>
        </message>
        <message>
            <source>&amp;Delete…</source>
            <translation>&amp;Löschen…</translation>
        </message>
        <message>
            <source>Re&amp;vert</source>
            <translation>&amp;Zurücksetzen</translation>
        </message>
        <message>
            <source>Bytes are not edited here.</source>
            <translation>Bytes werden hier nicht bearbeitet.</translation>
        </message>
        <message>
            <source>Set by the database; not editable here.</source>
            <translation>Von der Datenbank gesetzt; hier nicht bearbeitbar.</translation>
        </message>
        <message>
            <source>set when saved</source>
            <translation>wird beim Speichern gesetzt</translation>
        </message>
        <message>
            <source>No such column.</source>
            <translation>Diese Spalte gibt es nicht.</translation>
        </message>
        <message>
            <source>New row — %1</source>
            <translation>Neue Zeile — %1</translation>
        </message>
        <message>
            <source>%1 %2</source>
            <translation>%1 %2</translation>
        </message>
        <message>
            <source>Your edit is kept: save again to merge it with theirs.</source>
            <translation>Ihre Änderung bleibt erhalten: Speichern Sie erneut, um sie mit der fremden zusammenzuführen.</translation>
        </message>
        <message>
            <source>Save to re-create it with your values, or close to leave it deleted.</source>
            <translation>Speichern Sie, um sie mit Ihren Werten neu anzulegen, oder schließen Sie, damit sie gelöscht bleibt.</translation>
        </message>
        <message>
            <source>The database refused this row: %1</source>
            <translation>Die Datenbank hat diese Zeile abgelehnt: %1</translation>
        </message>
        <message>
            <source>Your edit is kept: save again.</source>
            <translation>Ihre Änderung bleibt erhalten: Speichern Sie erneut.</translation>
        </message>
        <message>
            <source>Saving will show what they changed.</source>
            <translation>Beim Speichern sehen Sie, was geändert wurde.</translation>
        </message>
        <message>
            <source>%1 cannot be edited.</source>
            <translation>%1 kann nicht bearbeitet werden.</translation>
        </message>
        <message>
            <source>This row is no longer in the table.</source>
            <translation>Diese Zeile ist nicht mehr in der Tabelle.</translation>
        </message>
        <message>
            <source>Nothing to save: no field was changed.</source>
            <translation>Nichts zu speichern: Kein Feld wurde geändert.</translation>
        </message>
        <message>
            <source>Deleted.</source>
            <translation>Gelöscht.</translation>
        </message>
        <message>
            <source>Saved as version %1.</source>
            <translation>Als Version %1 gespeichert.</translation>
        </message>
        <message>
            <source>Saved.</source>
            <translation>Gespeichert.</translation>
        </message>
        <message>
            <source>Someone else had already deleted this row.</source>
            <translation>Jemand anderes hatte diese Zeile bereits gelöscht.</translation>
        </message>
        <message>
            <source>Row changed by someone else</source>
            <translation>Zeile von jemand anderem geändert</translation>
        </message>
        <message>
            <source>%1 %2 was changed by someone else since you loaded it (now version %3; you loaded %4). They changed: %5.

Delete it anyway?</source>
            <translation>%1 %2 wurde von jemand anderem geändert, seit Sie sie geladen haben (jetzt Version %3; Sie haben %4 geladen). Geändert wurde: %5.

Trotzdem löschen?</translation>
        </message>
        <message>
            <source>&amp;Delete anyway</source>
            <translation>&amp;Trotzdem löschen</translation>
        </message>
        <message>
            <source>&amp;Keep their row</source>
            <translation>Fremde Zeile &amp;behalten</translation>
        </message>
        <message>
            <source>Not deleted; showing their version.</source>
            <translation>Nicht gelöscht; die fremde Version wird angezeigt.</translation>
        </message>
        <message>
            <source>Not saved: the row was changed by someone else. Your edit is kept.</source>
            <translation>Nicht gespeichert: Die Zeile wurde von jemand anderem geändert. Ihre Änderung bleibt erhalten.</translation>
        </message>
        <message>
            <source>The merge could not be applied.</source>
            <translation>Die Zusammenführung konnte nicht übernommen werden.</translation>
        </message>
        <message>
            <source>Your edit was dropped; showing their version.</source>
            <translation>Ihre Änderung wurde verworfen; die fremde Version wird angezeigt.</translation>
        </message>
        <message>
            <source>Your edit was dropped; the row stays deleted.</source>
            <translation>Ihre Änderung wurde verworfen; die Zeile bleibt gelöscht.</translation>
        </message>
        <message>
            <source>Delete row</source>
            <translation>Zeile löschen</translation>
        </message>
        <message>
            <source>Delete %1 %2? This cannot be undone.</source>
            <translation>%1 %2 löschen? Das lässt sich nicht rückgängig machen.</translation>
        </message>
        <message>
            <source>Reverted to the row as loaded.</source>
            <translation>Auf die geladene Zeile zurückgesetzt.</translation>
        </message>
        <message>
            <source>Look up…</source>
            <translation>Nachschlagen…</translation>
        </message>
        <message>
            <source>Search the rows of %1 for the one %2 refers to.</source>
            <translation>Die Zeilen von %1 nach der durchsuchen, auf die %2 verweist.</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Öffnen</translation>
        </message>
        <message>
            <source>Open the row of %1 that %2 refers to.</source>
            <translation>Die Zeile von %1 öffnen, auf die %2 verweist.</translation>
        </message>
        <message>
            <source>There is no row in %1 to open.</source>
            <translation>In %1 gibt es keine Zeile zum Öffnen.</translation>
        </message>
        <message>
            <source>Add a row to %1</source>
            <translation>Zeile zu %1 hinzufügen</translation>
        </message>
        <message>
            <source>Edit %1 %2</source>
            <translation>%1 %2 bearbeiten</translation>
        </message>
    </context>
    <context>
        <name>Concord::ReferenceEditor</name>
        <message>
            <source>%1 has more rows than this list: type to search them, or press Ctrl+L to look one up.</source>
            <translation>%1 hat mehr Zeilen als diese Liste: tippen Sie, um sie zu durchsuchen, oder drücken Sie Strg+L zum Nachschlagen.</translation>
        </message>
        <message>
            <source>Type to filter the rows of %1; Enter takes the highlighted one.</source>
            <translation>Tippen Sie, um die Zeilen von %1 zu filtern; Eingabe übernimmt die markierte.</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation>%1 (%2)</translation>
        </message>
    </context>
    <context>
        <name>Concord::RelatedRowsPanel</name>
        <message>
            <source>Relations</source>
            <translation>Beziehungen</translation>
        </message>
        <message numerus="yes">
            <source>%n row(s)</source>
            <translation>
                <numerusform>%n Zeile</numerusform>
                <numerusform>%n Zeilen</numerusform>
            </translation>
        </message>
        <message>
            <source>Show the rows of %1 whose %2 is %3.</source>
            <translation>Die Zeilen von %1 zeigen, deren %2 gleich %3 ist.</translation>
        </message>
        <message>
            <source>%1 by %2:</source>
            <translation>%1 über %2:</translation>
        </message>
        <message>
            <source>No other table refers to this row.</source>
            <translation>Keine andere Tabelle verweist auf diese Zeile.</translation>
        </message>
        <message>
            <source>Label column:</source>
            <translation>Beschriftungsspalte:</translation>
        </message>
        <message>
            <source>The column that names this table's rows wherever another table refers to them (for every user of the database).</source>
            <translation>Die Spalte, die die Zeilen dieser Tabelle benennt, wo immer eine andere Tabelle auf sie verweist (für alle Benutzer der Datenbank).</translation>
        </message>
        <message>
            <source>Automatic (the key)</source>
            <translation>Automatisch (der Schlüssel)</translation>
        </message>
        <message>
            <source>Automatic (%1)</source>
            <translation>Automatisch (%1)</translation>
        </message>
        <message>
            <source>Rows of %1 are labelled automatically.</source>
            <translation>Zeilen von %1 werden automatisch beschriftet.</translation>
        </message>
        <message>
            <source>Rows of %1 are labelled by %2.</source>
            <translation>Zeilen von %1 werden mit %2 beschriftet.</translation>
        </message>
        <message>
            <source>%1 whose %2 is %3</source>
            <translation>%1 mit %2 = %3</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>&amp;Speichern</translation>
        </message>
    </context>
    <context>
        <name>Concord::RowStateDelegate</name>
        <message>
            <source>%1 ≠ theirs: %2</source>
            <translation>%1 ≠ fremd: %2</translation>
        </message>
        <message>
            <source>%1 holds bytes; they are shown as their size and type and not edited as text.</source>
            <translation>%1 enthält Bytes; sie werden mit Größe und Typ angezeigt und nicht als Text bearbeitet.</translation>
        </message>
        <message>
            <source>For no value, use Set to NULL (%1).</source>
            <translation>Für keinen Wert verwenden Sie „Auf NULL setzen“ (%1).</translation>
        </message>
        <message>
            <source>Yours: %1</source>
            <translation>Ihr Wert: %1</translation>
        </message>
        <message>
            <source>Theirs: %1</source>
            <translation>Deren Wert: %1</translation>
        </message>
        <message>
            <source>%1 (%2 %3)</source>
            <translation>%1 (%2 %3)</translation>
        </message>
    </context>
    <context>
        <name>Concord::Session</name>
        <message>
            <source>This database driver is not supported.</source>
            <translation>Dieser Datenbanktreiber wird nicht unterstützt.</translation>
        </message>
        <message>
            <source>The connection to the database was lost and could not be opened again</source>
            <translation>Die Verbindung zur Datenbank ist abgebrochen und konnte nicht wieder geöffnet werden</translation>
        </message>
    </context>
    <context>
        <name>Concord::TableIndexView</name>
        <message>
            <source>Table</source>
            <translation>Tabelle</translation>
        </message>
        <message>
            <source>Versioning</source>
            <translation>Versionierung</translation>
        </message>
        <message>
            <source>Other tools' edits</source>
            <translation>Änderungen anderer Werkzeuge</translation>
        </message>
        <message>
            <source>Whether a save notices every edit made with other tools (psql, sqlite3, scripts) since the row was loaded</source>
            <translation>Ob ein Speichervorgang jede Änderung bemerkt, die seit dem Laden der Zeile mit anderen Werkzeugen (psql, sqlite3, Skripte) gemacht wurde</translation>
        </message>
        <message>
            <source>Enable versioning…</source>
            <translation>Versionierung einschalten…</translation>
        </message>
        <message>
            <source>Add or change the version column and kind of the selected table</source>
            <translation>Versionsspalte und -art der ausgewählten Tabelle hinzufügen oder ändern</translation>
        </message>
        <message>
            <source>Disable</source>
            <translation>Ausschalten</translation>
        </message>
        <message>
            <source>Stop versioning the selected table (the column stays)</source>
            <translation>Die ausgewählte Tabelle nicht mehr versionieren (die Spalte bleibt)</translation>
        </message>
        <message>
            <source>Add trigger</source>
            <translation>Trigger hinzufügen</translation>
        </message>
        <message>
            <source>Create or drop the database trigger that bumps the version on every UPDATE</source>
            <translation>Den Datenbank-Trigger anlegen oder entfernen, der die Version bei jedem UPDATE erhöht</translation>
        </message>
        <message>
            <source>&lt;b&gt;Tables&lt;/b&gt;</source>
            <translation>&lt;b&gt;Tabellen&lt;/b&gt;</translation>
        </message>
        <message>
            <source>all caught</source>
            <translation>alle erkannt</translation>
        </message>
        <message>
            <source>fields you change</source>
            <translation>Felder, die Sie ändern</translation>
        </message>
        <message>
            <source>A trigger bumps the version on every UPDATE: any edit made with another tool since a row was loaded is a conflict.</source>
            <translation>Ein Trigger erhöht die Version bei jedem UPDATE: Jede Änderung mit einem anderen Werkzeug seit dem Laden einer Zeile ist ein Konflikt.</translation>
        </message>
        <message>
            <source>An edit made with another tool is caught only on the fields a save writes; edits to other fields are not seen. Add the trigger to catch every edit.</source>
            <translation>Eine Änderung mit einem anderen Werkzeug wird nur an den Feldern erkannt, die ein Speichervorgang schreibt; Änderungen an anderen Feldern bleiben unbemerkt. Fügen Sie den Trigger hinzu, um jede Änderung zu erkennen.</translation>
        </message>
        <message>
            <source>Versioned by column "%1", kind %2%3.</source>
            <translation>Versioniert über die Spalte „%1“, Art %2%3.</translation>
        </message>
        <message>
            <source> (found, not registered)</source>
            <translation> (gefunden, nicht registriert)</translation>
        </message>
        <message>
            <source>Not versioned: saves compare the loaded values of the changed columns.</source>
            <translation>Nicht versioniert: Speichervorgänge vergleichen die geladenen Werte der geänderten Spalten.</translation>
        </message>
        <message>
            <source>Changes to %1 do not bump the version.</source>
            <translation>Änderungen an %1 erhöhen die Version nicht.</translation>
        </message>
        <message>
            <source>Only changes to %1 bump the version.</source>
            <translation>Nur Änderungen an %1 erhöhen die Version.</translation>
        </message>
        <message>
            <source>A database trigger bumps the version on every UPDATE, from any tool.</source>
            <translation>Ein Datenbank-Trigger erhöht die Version bei jedem UPDATE, aus jedem Werkzeug.</translation>
        </message>
        <message>
            <source>Drop trigger</source>
            <translation>Trigger entfernen</translation>
        </message>
        <message>
            <source>Edits to %1 made with other tools (psql, sqlite3, scripts) are caught only on the fields you change. &lt;b&gt;Add trigger&lt;/b&gt; catches every edit.</source>
            <translation>Änderungen an %1 mit anderen Werkzeugen (psql, sqlite3, Skripte) werden nur an den Feldern erkannt, die Sie ändern. &lt;b&gt;Trigger hinzufügen&lt;/b&gt; erkennt jede Änderung.</translation>
        </message>
        <message>
            <source>Edits to %1 made with other tools are caught only on the fields you change. Enable versioning with a trigger to catch every edit.</source>
            <translation>Änderungen an %1 mit anderen Werkzeugen werden nur an den Feldern erkannt, die Sie ändern. Schalten Sie die Versionierung mit einem Trigger ein, um jede Änderung zu erkennen.</translation>
        </message>
        <message>
            <source>No database is open.</source>
            <translation>Es ist keine Datenbank geöffnet.</translation>
        </message>
        <message>
            <source>Version %1</source>
            <translation>Version %1</translation>
        </message>
        <message>
            <source>only changes to these fields bump the version</source>
            <translation>nur Änderungen an diesen Feldern erhöhen die Version</translation>
        </message>
        <message>
            <source>changes to these fields do not bump the version</source>
            <translation>Änderungen an diesen Feldern erhöhen die Version nicht</translation>
        </message>
        <message>
            <source>comma-separated column names</source>
            <translation>Spaltennamen, durch Kommas getrennt</translation>
        </message>
        <message>
            <source>Kind:</source>
            <translation>Art:</translation>
        </message>
        <message>
            <source>Version column:</source>
            <translation>Versionsspalte:</translation>
        </message>
        <message>
            <source>Fields:</source>
            <translation>Felder:</translation>
        </message>
        <message>
            <source>Each save adds 1.</source>
            <translation>Jedes Speichern zählt 1 hoch.</translation>
        </message>
        <message>
            <source>Each save stores the time in microseconds (and never goes back).</source>
            <translation>Jedes Speichern speichert die Zeit in Mikrosekunden (und geht nie zurück).</translation>
        </message>
        <message>
            <source>A database trigger bumps it on every UPDATE, also from other tools.</source>
            <translation>Ein Datenbank-Trigger erhöht sie bei jedem UPDATE, auch aus anderen Werkzeugen.</translation>
        </message>
        <message>
            <source>Only changes to the fields that count bump the version.</source>
            <translation>Nur Änderungen an den maßgeblichen Feldern erhöhen die Version.</translation>
        </message>
        <message>
            <source>, no log</source>
            <translation>, ohne Protokoll</translation>
        </message>
        <message>
            <source>Change log</source>
            <translation>Änderungsprotokoll</translation>
        </message>
        <message>
            <source>Record every save of the selected table in the change log (History). Every client follows this switch.</source>
            <translation>Jeden Speichervorgang der gewählten Tabelle im Änderungsprotokoll (Verlauf) festhalten. Alle Clients folgen diesem Schalter.</translation>
        </message>
        <message>
            <source>Saves are not recorded in the change log.</source>
            <translation>Speichervorgänge werden nicht im Änderungsprotokoll festgehalten.</translation>
        </message>
        <message>
            <source>Keep a change log of every save</source>
            <translation>Jeden Speichervorgang im Änderungsprotokoll festhalten</translation>
        </message>
    </context>
    <context>
        <name>Concord::ValueFormat</name>
        <message>
            <source>default</source>
            <translation>Standard</translation>
        </message>
        <message numerus="yes">
            <source>&lt;%n byte(s), %1&gt;</source>
            <translation>
                <numerusform>&lt;%n Byte, %1&gt;</numerusform>
                <numerusform>&lt;%n Bytes, %1&gt;</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Concord::VersionedTableModel</name>
        <message>
            <source>No such column.</source>
            <translation>Diese Spalte gibt es nicht.</translation>
        </message>
        <message>
            <source>Could not look up %1 %2</source>
            <translation>%1 %2 konnte nicht nachgeschlagen werden</translation>
        </message>
        <message>
            <source>Your edit was not saved.</source>
            <translation>Ihre Änderung wurde nicht gespeichert.</translation>
        </message>
        <message>
            <source>%1 — loaded: %2, yours: %3, theirs: %4</source>
            <translation>%1 — geladen: %2, Ihrer: %3, fremd: %4</translation>
        </message>
        <message>
            <source>Not saved: %1</source>
            <translation>Nicht gespeichert: %1</translation>
        </message>
        <message>
            <source>Your edit is kept; save again in a moment.</source>
            <translation>Ihre Änderung bleibt erhalten; speichern Sie gleich noch einmal.</translation>
        </message>
        <message>
            <source>Marked for deletion; save to delete.</source>
            <translation>Zum Löschen markiert; speichern Sie, um zu löschen.</translation>
        </message>
        <message>
            <source>New row; not saved yet.</source>
            <translation>Neue Zeile; noch nicht gespeichert.</translation>
        </message>
        <message>
            <source>Edited; was %1</source>
            <translation>Bearbeitet; vorher %1</translation>
        </message>
        <message>
            <source>Saving your edit will conflict.</source>
            <translation>Das Speichern Ihrer Änderung wird einen Konflikt ergeben.</translation>
        </message>
        <message>
            <source>Refresh to see their version.</source>
            <translation>Aktualisieren Sie, um die fremde Version zu sehen.</translation>
        </message>
        <message>
            <source>No table is open.</source>
            <translation>Es ist keine Tabelle geöffnet.</translation>
        </message>
        <message>
            <source>This table has no primary key, so rows cannot be selected for actions.</source>
            <translation>Diese Tabelle hat keinen Primärschlüssel, daher können keine Zeilen für Aktionen ausgewählt werden.</translation>
        </message>
        <message>
            <source>Could not count the matching rows</source>
            <translation>Die passenden Zeilen konnten nicht gezählt werden</translation>
        </message>
        <message>
            <source>No way of settling the conflict was chosen.</source>
            <translation>Es wurde nicht gewählt, wie der Konflikt gelöst werden soll.</translation>
        </message>
        <message>
            <source>The conflict of this row could not be settled: it is no longer in conflict.</source>
            <translation>Der Konflikt dieser Zeile konnte nicht gelöst werden: Sie steht nicht mehr im Konflikt.</translation>
        </message>
    </context>
    <context>
        <name>ConnectionUrl</name>
        <message>
            <source>No database was given.</source>
            <translation>Es wurde keine Datenbank angegeben.</translation>
        </message>
        <message>
            <source>The SQLite URL names no file.</source>
            <translation>Die SQLite-URL nennt keine Datei.</translation>
        </message>
        <message>
            <source>Unknown database kind "%1": use an SQLite file, postgresql://USER@HOST:PORT/DB or mysql://USER@HOST:PORT/DB.</source>
            <translation>Unbekannte Datenbankart „%1“: Geben Sie eine SQLite-Datei, postgresql://USER@HOST:PORT/DB oder mysql://USER@HOST:PORT/DB an.</translation>
        </message>
        <message>
            <source>Do not put the password in the URL; set CONCORD_PASSWORD instead.</source>
            <translation>Schreiben Sie das Passwort nicht in die URL; setzen Sie stattdessen CONCORD_PASSWORD.</translation>
        </message>
        <message>
            <source>The database URL names no database (…/DB).</source>
            <translation>Die Datenbank-URL nennt keine Datenbank (…/DB).</translation>
        </message>
        <message>
            <source>There is no SQLite database at "%1".</source>
            <translation>Unter „%1“ gibt es keine SQLite-Datenbank.</translation>
        </message>
        <message>
            <source>The Qt %1 driver is not installed.</source>
            <translation>Der Qt-Treiber %1 ist nicht installiert.</translation>
        </message>
        <message>
            <source>Could not open %1</source>
            <translation>%1 konnte nicht geöffnet werden</translation>
        </message>
        <message>
            <source>Unknown connection option "%1": the only one is pooling=transaction|session|none.</source>
            <translation>Unbekannte Verbindungsoption „%1“: die einzige ist pooling=transaction|session|none.</translation>
        </message>
        <message>
            <source>pooling=%1 is not a pooling mode: use transaction, session or none.</source>
            <translation>pooling=%1 ist keine Pooling-Art: transaction, session oder none verwenden.</translation>
        </message>
        <message>
            <source>pooling=%1 is for PostgreSQL behind a pooler such as PgBouncer.</source>
            <translation>pooling=%1 gilt für PostgreSQL hinter einem Pooler wie PgBouncer.</translation>
        </message>
    </context>
    <context>
        <name>DemoDatabase</name>
        <message>
            <source>Could not create the demo database</source>
            <translation>Die Demo-Datenbank konnte nicht angelegt werden</translation>
        </message>
        <message>
            <source>Could not fill the suppliers</source>
            <translation>Die Lieferanten konnten nicht eingefügt werden</translation>
        </message>
        <message>
            <source>Could not fill the customers</source>
            <translation>Die Kunden konnten nicht eingefügt werden</translation>
        </message>
        <message>
            <source>Could not fill the products</source>
            <translation>Die Produkte konnten nicht eingefügt werden</translation>
        </message>
        <message>
            <source>Could not fill the orders</source>
            <translation>Die Bestellungen konnten nicht eingefügt werden</translation>
        </message>
        <message>
            <source>The demo database needs the SQLite driver.</source>
            <translation>Die Demo-Datenbank braucht den SQLite-Treiber.</translation>
        </message>
        <message>
            <source>There is no demo database at %1 and it could not be created: %2</source>
            <translation>Unter %1 gibt es keine Demo-Datenbank, und sie konnte nicht angelegt werden: %2</translation>
        </message>
        <message>
            <source>Could not create the folder of %1.</source>
            <translation>Der Ordner von %1 konnte nicht angelegt werden.</translation>
        </message>
        <message>
            <source>Could not move the demo database to %1.</source>
            <translation>Die Demo-Datenbank konnte nicht nach %1 verschoben werden.</translation>
        </message>
    </context>
    <context>
        <name>EditParser</name>
        <message>
            <source>Table "%1" has no single-column primary key, so its rows cannot be named.</source>
            <translation>Die Tabelle „%1“ hat keinen einspaltigen Primärschlüssel, daher lassen sich ihre Zeilen nicht benennen.</translation>
        </message>
        <message>
            <source>The version must be a whole number, not "%1".</source>
            <translation>Die Version muss eine ganze Zahl sein, nicht „%1“.</translation>
        </message>
        <message>
            <source>Column "%1" is set more than once.</source>
            <translation>Die Spalte „%1“ wird mehrfach gesetzt.</translation>
        </message>
        <message>
            <source>Row "%1" has no version: give --rows as PK:VERSION, with the version you read.</source>
            <translation>Die Zeile „%1“ hat keine Version: Geben Sie --rows als PK:VERSION an, mit der gelesenen Version.</translation>
        </message>
        <message>
            <source>Unknown key "%1".</source>
            <translation>Unbekannter Schlüssel „%1“.</translation>
        </message>
        <message>
            <source>An insert takes "values", not "%1".</source>
            <translation>Ein Einfügen nimmt „values“ an, nicht „%1“.</translation>
        </message>
        <message>
            <source>An insert into "%1" needs a value for "%2".</source>
            <translation>Ein Einfügen in „%1“ braucht einen Wert für „%2“.</translation>
        </message>
        <message>
            <source>An %1 of "%2" needs the "version" the row was read with.</source>
            <translation>Ein %1 von „%2“ braucht die „version“, mit der die Zeile gelesen wurde.</translation>
        </message>
        <message>
            <source>An update needs "set": the columns to change.</source>
            <translation>Eine Aktualisierung braucht „set“: die zu ändernden Spalten.</translation>
        </message>
        <message>
            <source>A delete takes no "set".</source>
            <translation>Ein Löschen nimmt kein „set“ an.</translation>
        </message>
        <message>
            <source>The edits are not valid JSON: %1 at offset %2.</source>
            <translation>Die Änderungen sind kein gültiges JSON: %1 an Position %2.</translation>
        </message>
        <message>
            <source>The edits must be a JSON array of objects.</source>
            <translation>Die Änderungen müssen ein JSON-Array aus Objekten sein.</translation>
        </message>
        <message>
            <source>The number %1 has more digits than JSON numbers keep exactly; write it as a string ("%1") so that it is saved as written. Nothing was written.</source>
            <translation>Die Zahl %1 hat mehr Stellen, als JSON-Zahlen exakt halten; schreiben Sie sie als Zeichenkette („%1“), damit sie wie geschrieben gespeichert wird. Nichts wurde geschrieben.</translation>
        </message>
        <message>
            <source>It is %1, not an object.</source>
            <translation>Es ist %1, kein Objekt.</translation>
        </message>
        <message>
            <source>Edit %1 is not valid: %2; nothing was written.</source>
            <translation>Änderung %1 ist ungültig: %2; nichts wurde geschrieben.</translation>
        </message>
        <message>
            <source>"table" must name a table.</source>
            <translation>„table“ muss eine Tabelle nennen.</translation>
        </message>
        <message>
            <source>"op" must be update, delete or insert, not "%1".</source>
            <translation>„op“ muss update, delete oder insert sein, nicht „%1“.</translation>
        </message>
        <message>
            <source>"%1" must be true or false.</source>
            <translation>„%1“ muss true oder false sein.</translation>
        </message>
        <message>
            <source>"values" is for inserts; an %1 takes "%2".</source>
            <translation>„values“ ist für Einfügungen; ein %1 nimmt „%2“.</translation>
        </message>
        <message>
            <source>"pk" must name the row's key.</source>
            <translation>„pk“ muss den Schlüssel der Zeile nennen.</translation>
        </message>
        <message>
            <source>"version" must be a whole number.</source>
            <translation>„version“ muss eine ganze Zahl sein.</translation>
        </message>
    </context>
    <context>
        <name>ListFilter</name>
        <message>
            <source>%1 has no column %2.</source>
            <translation>%1 hat keine Spalte %2.</translation>
        </message>
        <message>
            <source>Could not read the values of %1</source>
            <translation>Die Werte von %1 konnten nicht gelesen werden</translation>
        </message>
    </context>
    <context>
        <name>LockWait</name>
        <message>
            <source>Could not set the lock timeout</source>
            <translation>Die Sperrwartezeit konnte nicht gesetzt werden</translation>
        </message>
    </context>
    <context>
        <name>OutcomeText</name>
        <message>
            <source>%1 %2</source>
            <extracomment>How a row is named in messages: the table, then the primary key ("orders 4").</extracomment>
            <translation>%1 %2</translation>
        </message>
        <message>
            <source>saved</source>
            <translation>gespeichert</translation>
        </message>
        <message>
            <source>deleted by someone else</source>
            <translation>von jemand anderem gelöscht</translation>
        </message>
        <message>
            <source>changed by someone else</source>
            <translation>von jemand anderem geändert</translation>
        </message>
        <message>
            <source>error</source>
            <translation>Fehler</translation>
        </message>
        <message>
            <source>busy: being saved by someone else</source>
            <translation>belegt: wird gerade von jemand anderem gespeichert</translation>
        </message>
        <message>
            <source>rolled back</source>
            <translation>zurückgerollt</translation>
        </message>
        <message>
            <source>not attempted</source>
            <translation>nicht versucht</translation>
        </message>
        <message>
            <source>%1 was saved</source>
            <translation>%1 wurde gespeichert</translation>
        </message>
        <message>
            <source>%1 could not be saved: %2</source>
            <translation>%1 konnte nicht gespeichert werden: %2</translation>
        </message>
        <message>
            <source>%1 is being saved by someone else right now and was not saved (save again in a moment)</source>
            <translation>%1 wird gerade von jemand anderem gespeichert und wurde nicht gespeichert (speichern Sie gleich noch einmal)</translation>
        </message>
        <message>
            <source>%1 was deleted by someone else</source>
            <translation>%1 wurde von jemand anderem gelöscht</translation>
        </message>
        <message>
            <source>%1 was changed by someone else and was not deleted</source>
            <translation>%1 wurde von jemand anderem geändert und nicht gelöscht</translation>
        </message>
        <message>
            <source>%1 was changed by someone else and was not updated</source>
            <translation>%1 wurde von jemand anderem geändert und nicht aktualisiert</translation>
        </message>
        <message>
            <source>%1 was accepted, then undone because the batch did not commit</source>
            <translation>%1 wurde angenommen und dann rückgängig gemacht, weil der Stapel nicht festgeschrieben wurde</translation>
        </message>
        <message>
            <source>%1 was not attempted</source>
            <translation>%1 wurde nicht versucht</translation>
        </message>
        <message>
            <source>Nothing was saved.</source>
            <translation>Nichts wurde gespeichert.</translation>
        </message>
        <message numerus="yes">
            <source>%n more</source>
            <translation>
                <numerusform>%n weitere</numerusform>
                <numerusform>%n weitere</numerusform>
            </translation>
        </message>
        <message>
            <source>Changed by someone else since you saw them: %1.</source>
            <translation>Von jemand anderem geändert, seit Sie sie gesehen haben: %1.</translation>
        </message>
        <message>
            <source>Deleted by someone else: %1.</source>
            <translation>Von jemand anderem gelöscht: %1.</translation>
        </message>
        <message>
            <source>Nothing was saved</source>
            <translation>Nichts wurde gespeichert</translation>
        </message>
        <message>
            <source>No row was saved</source>
            <translation>Keine Zeile wurde gespeichert</translation>
        </message>
        <message numerus="yes">
            <source>%Ln row(s) were saved</source>
            <translation>
                <numerusform>%Ln Zeile wurde gespeichert</numerusform>
                <numerusform>%Ln Zeilen wurden gespeichert</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 is held by another writer's unfinished save; it was waited for up to %2 s (the lock timeout) and not saved. Save again in a moment.</source>
            <translation>%1 ist durch den unfertigen Speichervorgang eines anderen gesperrt; es wurde bis zu %2 s (die Sperrwartezeit) gewartet und nicht gespeichert. Speichern Sie gleich noch einmal.</translation>
        </message>
        <message>
            <source>%1 was not saved: another writer kept the database busy for longer than the lock timeout (%2 s). Save again in a moment.</source>
            <translation>%1 wurde nicht gespeichert: Ein anderer Schreibvorgang hat die Datenbank länger als die Sperrwartezeit (%2 s) belegt. Speichern Sie gleich noch einmal.</translation>
        </message>
        <message>
            <source>%1 kept deadlocking with another writer's save and was not saved. Save again in a moment.</source>
            <translation>%1 geriet immer wieder in einen Deadlock mit dem Speichervorgang eines anderen und wurde nicht gespeichert. Speichern Sie gleich noch einmal.</translation>
        </message>
        <message>
            <source>Changed by someone else (now version %1; you loaded %2).</source>
            <translation>Von jemand anderem geändert (jetzt Version %1; Sie haben %2 geladen).</translation>
        </message>
        <message>
            <source>Deleted by someone else.</source>
            <translation>Von jemand anderem gelöscht.</translation>
        </message>
        <message>
            <source>Not saved: someone else was saving this row at the same moment.</source>
            <translation>Nicht gespeichert: Jemand anderes hat diese Zeile im selben Moment gespeichert.</translation>
        </message>
        <message>
            <source>Someone else saved this row since it was loaded.</source>
            <translation>Jemand anderes hat diese Zeile gespeichert, seit sie geladen wurde.</translation>
        </message>
    </context>
    <context>
        <name>QObject</name>
        <message>
            <source>Password</source>
            <translation>Passwort</translation>
        </message>
        <message>
            <source>Password for %1:</source>
            <translation>Passwort für %1:</translation>
        </message>
        <message>
            <source>Edit shared database tables without overwriting anyone's changes.</source>
            <translation>Gemeinsam genutzte Datenbanktabellen bearbeiten, ohne die Änderungen anderer zu überschreiben.</translation>
        </message>
        <message>
            <source>Create the demo database at the given SQLite path if it does not exist.</source>
            <translation>Die Demo-Datenbank unter dem angegebenen SQLite-Pfad anlegen, falls sie nicht existiert.</translation>
        </message>
        <message>
            <source>Concord</source>
            <translation>Concord</translation>
        </message>
        <message>
            <source>An SQLite file, or postgresql://USER@HOST:PORT/DB or mysql://USER@HOST:PORT/DB (password from CONCORD_PASSWORD or asked). Default: the database open last time, else the demo database.</source>
            <translation>Eine SQLite-Datei oder postgresql://USER@HOST:PORT/DB oder mysql://USER@HOST:PORT/DB (Passwort aus CONCORD_PASSWORD oder per Abfrage). Standard: die zuletzt geöffnete Datenbank, sonst die Demo-Datenbank.</translation>
        </message>
    </context>
    <context>
        <name>ReferenceLabels</name>
        <message>
            <source>Could not read the label registry</source>
            <translation>Das Beschriftungsregister konnte nicht gelesen werden</translation>
        </message>
        <message>
            <source>Table "%1" has no column "%2".</source>
            <translation>Tabelle „%1“ hat keine Spalte „%2“.</translation>
        </message>
        <message>
            <source>Column "%1" holds bytes and cannot label rows.</source>
            <translation>Spalte „%1“ enthält Bytes und kann Zeilen nicht benennen.</translation>
        </message>
        <message>
            <source>Could not create the label registry</source>
            <translation>Das Beschriftungsregister konnte nicht angelegt werden</translation>
        </message>
        <message>
            <source>Could not write the label registry</source>
            <translation>Das Beschriftungsregister konnte nicht geschrieben werden</translation>
        </message>
        <message>
            <source>Could not read the labels of %1</source>
            <translation>Die Beschriftungen von %1 konnten nicht gelesen werden</translation>
        </message>
        <message>
            <source>Could not search %1</source>
            <translation>%1 konnte nicht durchsucht werden</translation>
        </message>
        <message>
            <source>Could not count the rows of %1</source>
            <translation>Die Zeilen von %1 konnten nicht gezählt werden</translation>
        </message>
    </context>
    <context>
        <name>RowMerge</name>
        <message>
            <source>unchanged</source>
            <translation>unverändert</translation>
        </message>
        <message>
            <source>mine only</source>
            <translation>nur meins</translation>
        </message>
        <message>
            <source>theirs only</source>
            <translation>nur fremd</translation>
        </message>
        <message>
            <source>both, same value</source>
            <translation>beide, gleicher Wert</translation>
        </message>
        <message>
            <source>both, different values</source>
            <translation>beide, verschiedene Werte</translation>
        </message>
    </context>
    <context>
        <name>RowPages</name>
        <message>
            <source>Could not read the rows</source>
            <translation>Die Zeilen konnten nicht gelesen werden</translation>
        </message>
        <message>
            <source>This table has no primary key, so a row cannot be found by it.</source>
            <translation>Diese Tabelle hat keinen Primärschlüssel, daher kann keine Zeile über ihn gefunden werden.</translation>
        </message>
        <message>
            <source>Could not find the row's place</source>
            <translation>Die Position der Zeile konnte nicht ermittelt werden</translation>
        </message>
    </context>
    <context>
        <name>RowSnapshot</name>
        <message>
            <source>A selected row has no key.</source>
            <translation>Eine ausgewählte Zeile hat keinen Schlüssel.</translation>
        </message>
        <message>
            <source>Could not list the matching rows</source>
            <translation>Die passenden Zeilen konnten nicht aufgelistet werden</translation>
        </message>
        <message>
            <source>Selecting all matching rows was cancelled.</source>
            <translation>Das Auswählen aller passenden Zeilen wurde abgebrochen.</translation>
        </message>
        <message>
            <source>Could not create a temporary file for the selected rows: %1</source>
            <translation>Für die ausgewählten Zeilen konnte keine temporäre Datei angelegt werden: %1</translation>
        </message>
        <message>
            <source>Could not write the selected rows to a temporary file: %1</source>
            <translation>Die ausgewählten Zeilen konnten nicht in eine temporäre Datei geschrieben werden: %1</translation>
        </message>
    </context>
    <context>
        <name>SqlDialect</name>
        <message>
            <source>Could not begin a transaction</source>
            <translation>Es konnte keine Transaktion begonnen werden</translation>
        </message>
        <message>
            <source>Could not read the columns of %1</source>
            <translation>Die Spalten von %1 konnten nicht gelesen werden</translation>
        </message>
        <message>
            <source>Could not read the foreign keys of %1</source>
            <translation>Die Fremdschlüssel von %1 konnten nicht gelesen werden</translation>
        </message>
        <message>
            <source>Could not set the lock timeout</source>
            <translation>Die Sperrwartezeit konnte nicht gesetzt werden</translation>
        </message>
        <message>
            <source>rows of another table still refer to them</source>
            <translation>Zeilen einer anderen Tabelle verweisen noch auf sie</translation>
        </message>
        <message>
            <source>Could not read the constraints of %1</source>
            <translation>Die Constraints von %1 konnten nicht gelesen werden</translation>
        </message>
        <message>
            <source>Could not look for the change-notify trigger</source>
            <translation>Der Änderungsbenachrichtigungs-Trigger konnte nicht gesucht werden</translation>
        </message>
    </context>
    <context>
        <name>SqliteStatement</name>
        <message>
            <source>The SQLite connection is not open.</source>
            <translation>Die SQLite-Verbindung ist nicht geöffnet.</translation>
        </message>
        <message>
            <source>Could not prepare a statement: </source>
            <translation>Eine Anweisung konnte nicht vorbereitet werden: </translation>
        </message>
    </context>
    <context>
        <name>TableSchema</name>
        <message>
            <source>This database driver is not supported.</source>
            <translation>Dieser Datenbanktreiber wird nicht unterstützt.</translation>
        </message>
        <message>
            <source>No table was named.</source>
            <translation>Es wurde keine Tabelle genannt.</translation>
        </message>
        <message>
            <source>There is no table named "%1".</source>
            <translation>Es gibt keine Tabelle namens „%1“.</translation>
        </message>
        <message>
            <source>Table "%1" has no column named "%2".</source>
            <translation>Die Tabelle „%1“ hat keine Spalte namens „%2“.</translation>
        </message>
        <message>
            <source>Column "%1" of "%2" cannot be NULL.</source>
            <translation>Die Spalte „%1“ von „%2“ darf nicht NULL sein.</translation>
        </message>
        <message>
            <source>Column "%1" of "%2" takes %3, not "%4".</source>
            <translation>Die Spalte „%1“ von „%2“ nimmt %3 an, nicht „%4“.</translation>
        </message>
        <message>
            <source>a value of its type</source>
            <translation>einen Wert ihres Typs</translation>
        </message>
        <message>
            <source>whole numbers from %1 to %2</source>
            <translation>ganze Zahlen von %1 bis %2</translation>
        </message>
        <message>
            <source>decimal numbers such as 1234.50</source>
            <translation>Dezimalzahlen wie 1234.50</translation>
        </message>
        <message>
            <source>whole numbers (no digits after the point)</source>
            <translation>ganze Zahlen (keine Nachkommastellen)</translation>
        </message>
        <message>
            <source>numbers with at most %1 digits after the point</source>
            <translation>Zahlen mit höchstens %1 Nachkommastellen</translation>
        </message>
        <message>
            <source>numbers with at most %1 digits before the point</source>
            <translation>Zahlen mit höchstens %1 Vorkommastellen</translation>
        </message>
        <message>
            <source>Column "%1" of "%2" keeps %3 significant digits (the database stores it as a floating-point number), so "%4" would be rounded.</source>
            <translation>Die Spalte „%1“ von „%2“ hält %3 signifikante Stellen (die Datenbank speichert sie als Gleitkommazahl), daher würde „%4“ gerundet.</translation>
        </message>
        <message>
            <source>true or false</source>
            <translation>true oder false</translation>
        </message>
        <message>
            <source>dates (YYYY-MM-DD)</source>
            <translation>Datumswerte (JJJJ-MM-TT)</translation>
        </message>
        <message>
            <source>times (HH:MM:SS)</source>
            <translation>Uhrzeiten (HH:MM:SS)</translation>
        </message>
        <message>
            <source>date-times (YYYY-MM-DD HH:MM:SS)</source>
            <translation>Zeitstempel (JJJJ-MM-TT HH:MM:SS)</translation>
        </message>
        <message>
            <source>bytes written in base64</source>
            <translation>Bytes in Base64</translation>
        </message>
        <message>
            <source>one of %1</source>
            <translation>einen von %1</translation>
        </message>
        <message>
            <source>Column "%1" of "%2" takes at most %3 characters; "%4…" has %5.</source>
            <translation>Die Spalte „%1“ von „%2“ nimmt höchstens %3 Zeichen auf; „%4…“ hat %5.</translation>
        </message>
    </context>
    <context>
        <name>TransactionGuard</name>
        <message>
            <source>No transaction is active.</source>
            <translation>Es ist keine Transaktion aktiv.</translation>
        </message>
        <message>
            <source>Could not commit</source>
            <translation>Festschreiben fehlgeschlagen</translation>
        </message>
        <message>
            <source>Could not set a savepoint</source>
            <translation>Es konnte kein Savepoint gesetzt werden</translation>
        </message>
        <message>
            <source>Could not release a savepoint</source>
            <translation>Ein Savepoint konnte nicht freigegeben werden</translation>
        </message>
        <message>
            <source>Could not roll back to a savepoint</source>
            <translation>Zurückrollen auf einen Savepoint fehlgeschlagen</translation>
        </message>
    </context>
    <context>
        <name>ValueEditor</name>
        <message>
            <source>There is no row in "%1" with %2 = %3, which "%4" must refer to.</source>
            <translation>In „%1“ gibt es keine Zeile mit %2 = %3, auf die „%4“ verweisen muss.</translation>
        </message>
        <message>
            <source>No row of "%1" is labelled or keyed "%2".</source>
            <translation>Keine Zeile von „%1“ hat die Beschriftung oder den Schlüssel „%2“.</translation>
        </message>
    </context>
    <context>
        <name>VersionRegistry</name>
        <message>
            <source>Could not create the version registry</source>
            <translation>Das Versionsverzeichnis konnte nicht angelegt werden</translation>
        </message>
        <message>
            <source>Could not read the version registry</source>
            <translation>Das Versionsverzeichnis konnte nicht gelesen werden</translation>
        </message>
        <message>
            <source>The registry entry of "%1" names a version column or kind that does not exist.</source>
            <translation>Der Verzeichniseintrag von „%1“ nennt eine Versionsspalte oder Art, die es nicht gibt.</translation>
        </message>
        <message>
            <source>Table "%1" has no single-column primary key, so its rows cannot be versioned.</source>
            <translation>Die Tabelle „%1“ hat keinen einspaltigen Primärschlüssel, daher können ihre Zeilen nicht versioniert werden.</translation>
        </message>
        <message>
            <source>Give check fields or ignore fields, not both.</source>
            <translation>Geben Sie zu prüfende oder zu ignorierende Felder an, nicht beides.</translation>
        </message>
        <message>
            <source>Check and ignore fields only apply to the conditional kind.</source>
            <translation>Zu prüfende und zu ignorierende Felder gelten nur für die bedingte Art.</translation>
        </message>
        <message>
            <source>Table "%1" has no column named "%2".</source>
            <translation>Die Tabelle „%1“ hat keine Spalte namens „%2“.</translation>
        </message>
        <message>
            <source>Column "%1" of "%2" is not an integer column, so it cannot hold versions.</source>
            <translation>Die Spalte „%1“ von „%2“ ist keine Ganzzahlspalte und kann daher keine Versionen aufnehmen.</translation>
        </message>
        <message>
            <source>Could not add the version column</source>
            <translation>Die Versionsspalte konnte nicht hinzugefügt werden</translation>
        </message>
        <message>
            <source>Could not drop the old version trigger</source>
            <translation>Der alte Versions-Trigger konnte nicht entfernt werden</translation>
        </message>
        <message>
            <source>Could not create the version trigger</source>
            <translation>Der Versions-Trigger konnte nicht angelegt werden</translation>
        </message>
        <message>
            <source>Could not give existing rows a version</source>
            <translation>Vorhandenen Zeilen konnte keine Version gegeben werden</translation>
        </message>
        <message>
            <source>Could not update the version registry</source>
            <translation>Das Versionsverzeichnis konnte nicht aktualisiert werden</translation>
        </message>
        <message>
            <source>Could not register the table</source>
            <translation>Die Tabelle konnte nicht registriert werden</translation>
        </message>
        <message>
            <source>Could not create the change-notify trigger</source>
            <translation>Der Änderungsbenachrichtigungs-Trigger konnte nicht angelegt werden</translation>
        </message>
        <message>
            <source>Table "%1" has no single-column primary key.</source>
            <translation>Die Tabelle „%1“ hat keinen einspaltigen Primärschlüssel.</translation>
        </message>
        <message>
            <source>Could not drop the version trigger</source>
            <translation>Der Versions-Trigger konnte nicht entfernt werden</translation>
        </message>
        <message>
            <source>Could not drop the change-notify trigger</source>
            <translation>Der Änderungsbenachrichtigungs-Trigger konnte nicht entfernt werden</translation>
        </message>
        <message>
            <source>Could not unregister the table</source>
            <translation>Die Registrierung der Tabelle konnte nicht aufgehoben werden</translation>
        </message>
        <message>
            <source>Could not list triggers</source>
            <translation>Die Trigger konnten nicht aufgelistet werden</translation>
        </message>
        <message>
            <source>Table "%1" is not versioned; enable it first.</source>
            <translation>Die Tabelle „%1“ ist nicht versioniert; schalten Sie die Versionierung zuerst ein.</translation>
        </message>
        <message>
            <source>Table "%1" is not versioned.</source>
            <translation>Die Tabelle „%1“ ist nicht versioniert.</translation>
        </message>
        <message>
            <source>Could not add the change-log switch to the version registry</source>
            <translation>Der Protokollschalter konnte nicht in das Versionsverzeichnis aufgenommen werden</translation>
        </message>
        <message>
            <source>Table "%1" is not versioned, so the registry has no entry to keep its change-log switch in; enable it first.</source>
            <translation>Tabelle "%1" ist nicht versioniert, daher hat das Verzeichnis keinen Eintrag für ihren Protokollschalter; bitte zuerst die Versionierung aktivieren.</translation>
        </message>
    </context>
    <context>
        <name>VersionedWriter</name>
        <message>
            <source>Table "%1" has no single-column primary key, so its rows cannot be saved safely.</source>
            <translation>Die Tabelle „%1“ hat keinen einspaltigen Primärschlüssel, daher können ihre Zeilen nicht sicher gespeichert werden.</translation>
        </message>
        <message>
            <source>Table "%1" has no column named "%2".</source>
            <translation>Die Tabelle „%1“ hat keine Spalte namens „%2“.</translation>
        </message>
        <message>
            <source>Column "%1" of "%2" holds the version; Concord sets it, it cannot be written directly.</source>
            <translation>Die Spalte „%1“ von „%2“ enthält die Version; Concord setzt sie, sie kann nicht direkt geschrieben werden.</translation>
        </message>
        <message>
            <source>The primary key of "%1" cannot be changed.</source>
            <translation>Der Primärschlüssel von „%1“ kann nicht geändert werden.</translation>
        </message>
        <message>
            <source>An edit of "%1" names no primary key.</source>
            <translation>Eine Änderung von „%1“ nennt keinen Primärschlüssel.</translation>
        </message>
        <message>
            <source>An update of "%1" %2 sets no column.</source>
            <translation>Eine Aktualisierung von „%1“ %2 setzt keine Spalte.</translation>
        </message>
        <message>
            <source>Table "%1" is not versioned, so a save needs the loaded value of "%2" to check against; enable versioning or save without checking.</source>
            <translation>Die Tabelle „%1“ ist nicht versioniert, daher braucht ein Speichervorgang den geladenen Wert von „%2“ zum Vergleich; schalten Sie die Versionierung ein oder speichern Sie ohne Prüfung.</translation>
        </message>
        <message>
            <source>Could not read the row back</source>
            <translation>Die Zeile konnte nicht zurückgelesen werden</translation>
        </message>
        <message>
            <source>Could not read rows back</source>
            <translation>Die Zeilen konnten nicht zurückgelesen werden</translation>
        </message>
        <message>
            <source>Could not lock the rows of %1</source>
            <translation>Die Zeilen von %1 konnten nicht gesperrt werden</translation>
        </message>
        <message>
            <source>Could not save</source>
            <translation>Speichern fehlgeschlagen</translation>
        </message>
        <message>
            <source>Could not save %1 %2: %3</source>
            <translation>%1 %2 konnte nicht gespeichert werden: %3</translation>
        </message>
        <message>
            <source>Could not save %1 %2</source>
            <translation>%1 %2 konnte nicht gespeichert werden</translation>
        </message>
        <message>
            <source>Could not insert</source>
            <translation>Einfügen fehlgeschlagen</translation>
        </message>
        <message>
            <source>Could not insert into %1</source>
            <translation>Einfügen in %1 fehlgeschlagen</translation>
        </message>
        <message>
            <source>Could not delete</source>
            <translation>Löschen fehlgeschlagen</translation>
        </message>
        <message>
            <source>Could not delete %1 %2</source>
            <translation>%1 %2 konnte nicht gelöscht werden</translation>
        </message>
        <message>
            <source>Could not save %1 in bulk: the statement matched %2 of the %3 rows it was sent.</source>
            <translation>%1 konnte nicht in einem Zug gespeichert werden: Die Anweisung traf %2 der %3 gesendeten Zeilen.</translation>
        </message>
    </context>
</TS>
