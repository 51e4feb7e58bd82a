<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>AuditKind</name>
    <message>
        <source>ping</source>
        <translation>Ping</translation>
    </message>
    <message>
        <source>proof of storage</source>
        <translation>Speichernachweis</translation>
    </message>
    <message>
        <source>throughput</source>
        <translation>Durchsatz</translation>
    </message>
</context>
<context>
    <name>Autostart</name>
    <message>
        <source>cannot remove %1</source>
        <translation>kann %1 nicht entfernen</translation>
    </message>
    <message>
        <source>cannot create %1</source>
        <translation>kann %1 nicht anlegen</translation>
    </message>
    <message>
        <source>Decentralized cloud storage</source>
        <translation>Dezentraler Cloud-Speicher</translation>
    </message>
    <message>
        <source>cannot change %1</source>
        <translation>%1 kann nicht geändert werden</translation>
    </message>
</context>
<context>
    <name>Duration</name>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>cannot create %1</source>
        <translation>kann %1 nicht anlegen</translation>
    </message>
    <message>
        <source>%1: only local files can be dropped</source>
        <translation>%1: nur lokale Dateien können abgelegt werden</translation>
    </message>
    <message>
        <source>%1: not found</source>
        <translation>%1: nicht gefunden</translation>
    </message>
    <message>
        <source>cannot move the copy into place at %1</source>
        <translation>die Kopie kann nicht nach %1 verschoben werden</translation>
    </message>
</context>
<context>
    <name>StandingWarnings</name>
    <message>
        <source>No paper node lists this node yet: it has not been audited.</source>
        <translation>Noch kein Papierknoten führt diesen Knoten: Er wurde noch nicht geprüft.</translation>
    </message>
    <message>
        <source>Offline: the paper nodes cannot reach it. Check that it runs and that its ports are open.</source>
        <translation>Offline: Die Papierknoten erreichen ihn nicht. Prüfen Sie, ob er läuft und seine Ports offen sind.</translation>
    </message>
    <message>
        <source>Audit score %1: %2 proofs of storage failed. Check the disk and the node&apos;s data directory.</source>
        <translation>Prüfwert %1: %2 Speichernachweise sind fehlgeschlagen. Prüfen Sie die Festplatte und das Datenverzeichnis des Knotens.</translation>
    </message>
    <message>
        <source>Online score %1: it missed pings. Check its network connection and that it stays running.</source>
        <translation>Erreichbarkeitswert %1: Er hat Pings verpasst. Prüfen Sie seine Netzwerkverbindung und dass er durchgehend läuft.</translation>
    </message>
    <message>
        <source>Latency score: 95% of answers take up to %1 ms. The connection or the machine is slow.</source>
        <translation>Latenzwert: 95 % der Antworten brauchen bis zu %1 ms. Die Verbindung oder der Rechner ist langsam.</translation>
    </message>
    <message>
        <source>Not eligible for new shards: its score is below the network&apos;s threshold.</source>
        <translation>Erhält keine neuen Fragmente: Sein Wert liegt unter der Schwelle des Netzes.</translation>
    </message>
    <message>
        <source>Still being vetted: it receives shards once enough audits have passed.</source>
        <translation>Noch in der Erprobung: Er erhält Fragmente, sobald genug Prüfungen bestanden sind.</translation>
    </message>
    <message>
        <source>Paper node %1 cannot reach it, though the others can. Check the route between them.</source>
        <translation>Papierknoten %1 erreicht ihn nicht, die anderen schon. Prüfen Sie die Verbindung zwischen beiden.</translation>
    </message>
    <message>
        <source>Paper node %1 gives it an audit score of %2 (%3 failed proofs): close to the 0.900 below which it gets no new shards.</source>
        <translation>Papierknoten %1 gibt ihm eine Prüfbewertung von %2 (%3 fehlgeschlagene Nachweise): nahe an 0,900, unter der er keine neuen Shards mehr erhält.</translation>
    </message>
    <message>
        <source>Paper node %1 gives it an online score of %2: it missed that paper node&apos;s pings.</source>
        <translation>Papierknoten %1 gibt ihm eine Erreichbarkeitsbewertung von %2: er hat Pings dieses Papierknotens verpasst.</translation>
    </message>
</context>
<context>
    <name>SyncActivity</name>
    <message>
        <source>up to date</source>
        <translation>aktuell</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>startet</translation>
    </message>
    <message>
        <source>scanning</source>
        <translation>wird durchsucht</translation>
    </message>
    <message numerus="yes">
        <source>uploading %n file(s)</source>
        <translation>
            <numerusform>lädt %n Datei hoch</numerusform>
            <numerusform>lädt %n Dateien hoch</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>downloading %n file(s)</source>
        <translation>
            <numerusform>lädt %n Datei herunter</numerusform>
            <numerusform>lädt %n Dateien herunter</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <source>Syncing</source>
        <translation>Synchronisiere</translation>
    </message>
    <message>
        <source>Syncing %1</source>
        <translation>Synchronisiere %1</translation>
    </message>
    <message numerus="yes">
        <source>Error: %n file(s) cannot sync (%1)</source>
        <translation>
            <numerusform>Fehler: %n Datei kann nicht synchronisiert werden (%1)</numerusform>
            <numerusform>Fehler: %n Dateien können nicht synchronisiert werden (%1)</numerusform>
        </translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Synchronisiert</translation>
    </message>
</context>
<context>
    <name>stratus::ui::AccountChoicePage</name>
    <message>
        <source>Your account</source>
        <translation>Ihr Konto</translation>
    </message>
    <message>
        <source>Stratus encrypts your files on this computer before they leave it. Your account is a secret that only you hold.</source>
        <translation>Stratus verschlüsselt Ihre Dateien auf diesem Computer, bevor sie ihn verlassen. Ihr Konto ist ein Geheimnis, das nur Sie kennen.</translation>
    </message>
    <message>
        <source>&amp;Create a new account</source>
        <translation>Neues Konto &amp;erstellen</translation>
    </message>
    <message>
        <source>&amp;Restore an account from its recovery secret</source>
        <translation>Konto aus seinem Wiederherstellungsschlüssel &amp;wiederherstellen</translation>
    </message>
</context>
<context>
    <name>stratus::ui::ConfirmSecretPage</name>
    <message>
        <source>Check your recovery secret</source>
        <translation>Wiederherstellungsschlüssel prüfen</translation>
    </message>
    <message>
        <source>Type these groups of your recovery secret from what you wrote down.</source>
        <translation>Geben Sie diese Gruppen Ihres Wiederherstellungsschlüssels von Ihrer Notiz ein.</translation>
    </message>
    <message>
        <source>Group %1</source>
        <translation>Gruppe %1</translation>
    </message>
    <message>
        <source>Group %1:</source>
        <translation>Gruppe %1:</translation>
    </message>
</context>
<context>
    <name>stratus::ui::ContributePage</name>
    <message>
        <source>Give back (optional)</source>
        <translation>Etwas zurückgeben (freiwillig)</translation>
    </message>
    <message>
        <source>Stratus is run by its users: you can offer disk space to others&apos; encrypted shards and earn credits, and audit the network as a paper node. Both can be switched later.</source>
        <translation>Stratus wird von seinen Nutzern betrieben: Sie können Speicherplatz für die verschlüsselten Fragmente anderer anbieten und dafür Guthaben verdienen, und das Netz als Papierknoten prüfen. Beides lässt sich später ändern.</translation>
    </message>
    <message>
        <source>&amp;Contribute storage</source>
        <translation>Speicher &amp;beitragen</translation>
    </message>
    <message>
        <source>Storage to contribute</source>
        <translation>Beizutragender Speicher</translation>
    </message>
    <message>
        <source>Free on this disk: %1</source>
        <translation>Frei auf diesem Laufwerk: %1</translation>
    </message>
    <message>
        <source>Run a &amp;paper node (audits the storage nodes)</source>
        <translation>Einen &amp;Papierknoten betreiben (prüft die Speicherknoten)</translation>
    </message>
    <message>
        <source>Offer %1</source>
        <translation>%1 anbieten</translation>
    </message>
</context>
<context>
    <name>stratus::ui::CreditsBox</name>
    <message>
        <source>Credits</source>
        <translation>Guthaben</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Balance:</source>
        <translation>Kontostand:</translation>
    </message>
    <message>
        <source>Storage costs a month:</source>
        <translation>Speicher kostet im Monat:</translation>
    </message>
    <message>
        <source>Lasts:</source>
        <translation>Reicht für:</translation>
    </message>
    <message>
        <source>this network does not charge for storage</source>
        <translation>dieses Netz berechnet keinen Speicher</translation>
    </message>
    <message>
        <source>not known yet (no paper node answered)</source>
        <translation>noch unbekannt (kein Papierknoten hat geantwortet)</translation>
    </message>
    <message>
        <source>nothing stored yet</source>
        <translation>noch nichts gespeichert</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) at this rate</source>
        <translation>
            <numerusform>%n Tag bei diesem Verbrauch</numerusform>
            <numerusform>%n Tage bei diesem Verbrauch</numerusform>
        </translation>
    </message>
    <message>
        <source>Credits not available: %1</source>
        <translation>Guthaben nicht verfügbar: %1</translation>
    </message>
    <message>
        <source>more than a hundred years at this rate</source>
        <translation>mehr als hundert Jahre bei diesem Verbrauch</translation>
    </message>
    <message>
        <source>Traffic (last 30 days):</source>
        <translation>Datenverkehr (letzte 30 Tage):</translation>
    </message>
    <message>
        <source>%1 downloaded: %2 (%3 per GiB)</source>
        <translation>%1 heruntergeladen: %2 (%3 pro GiB)</translation>
    </message>
    <message>
        <source>No paper node answered: the balance is unknown.</source>
        <translation>Kein Papierknoten hat geantwortet: das Guthaben ist unbekannt.</translation>
    </message>
    <message>
        <source>Your credits are used up: contracts will not be renewed and new uploads are refused.</source>
        <translation>Ihr Guthaben ist aufgebraucht: Verträge werden nicht verlängert und neue Uploads abgelehnt.</translation>
    </message>
    <message numerus="yes">
        <source>Credits run low: %1 left, about %n day(s) at %2 a month.</source>
        <translation>
            <numerusform>Das Guthaben wird knapp: %1 übrig, etwa %n Tag bei %2 im Monat.</numerusform>
            <numerusform>Das Guthaben wird knapp: %1 übrig, etwa %n Tage bei %2 im Monat.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stratus::ui::DropZone</name>
    <message>
        <source>Drop zone</source>
        <translation>Ablagebereich</translation>
    </message>
    <message>
        <source>Drop files or folders here to copy them into the synced folder and store them</source>
        <translation>Dateien oder Ordner hier ablegen, um sie in den synchronisierten Ordner zu kopieren und zu speichern</translation>
    </message>
    <message>
        <source>Drop files or folders here: they are copied into the synced folder and stored on the network.</source>
        <translation>Dateien oder Ordner hier ablegen: Sie werden in den synchronisierten Ordner kopiert und im Netz gespeichert.</translation>
    </message>
    <message>
        <source>Progress of the file being stored</source>
        <translation>Fortschritt der Datei, die gerade gespeichert wird</translation>
    </message>
    <message>
        <source>Add &amp;files…</source>
        <translation>&amp;Dateien hinzufügen…</translation>
    </message>
    <message>
        <source>Add files to the synced folder</source>
        <translation>Dateien zum synchronisierten Ordner hinzufügen</translation>
    </message>
    <message>
        <source>Drop files or folders here: they are copied into %1 and stored on the network.</source>
        <translation>Dateien oder Ordner hier ablegen: sie werden nach %1 kopiert und im Netzwerk gespeichert.</translation>
    </message>
</context>
<context>
    <name>stratus::ui::EarningsChart</name>
    <message>
        <source>Earnings per epoch by component</source>
        <translation>Einnahmen pro Epoche nach Bestandteil</translation>
    </message>
    <message>
        <source>Earnings per epoch (credits)</source>
        <translation>Einnahmen pro Epoche (Guthaben)</translation>
    </message>
    <message>
        <source>Base</source>
        <translation>Grundbetrag</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>Egress</source>
        <translation>Ausgehender Verkehr</translation>
    </message>
    <message>
        <source>Penalties</source>
        <translation>Strafen</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>Epoche</translation>
    </message>
</context>
<context>
    <name>stratus::ui::EarningsPanel</name>
    <message>
        <source>Storage node whose earnings are shown</source>
        <translation>Speicherknoten, dessen Einnahmen gezeigt werden</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>Neu &amp;laden</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <source>Base</source>
        <translation>Grundbetrag</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>Egress</source>
        <translation>Ausgehender Verkehr</translation>
    </message>
    <message>
        <source>Multiplier</source>
        <translation>Faktor</translation>
    </message>
    <message>
        <source>Penalties</source>
        <translation>Strafen</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <source>Audited</source>
        <translation>Geprüft</translation>
    </message>
    <message>
        <source>Statement history</source>
        <translation>Abrechnungsverlauf</translation>
    </message>
    <message>
        <source>&amp;Verify statement</source>
        <translation>Abrechnung &amp;prüfen</translation>
    </message>
    <message>
        <source>Exports the selected epoch&apos;s signed statement and checks every signature, receipt and the recomputation</source>
        <translation>Exportiert die signierte Abrechnung der gewählten Epoche und prüft jede Signatur, jeden Beleg und die Nachrechnung</translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation>CSV e&amp;xportieren…</translation>
    </message>
    <message>
        <source>Node:</source>
        <translation>Knoten:</translation>
    </message>
    <message>
        <source>This epoch (estimate):</source>
        <translation>Diese Epoche (Schätzung):</translation>
    </message>
    <message>
        <source>This month (estimate):</source>
        <translation>Dieser Monat (Schätzung):</translation>
    </message>
    <message>
        <source>No earnings for this node.</source>
        <translation>Keine Einnahmen für diesen Knoten.</translation>
    </message>
    <message>
        <source>The node did not answer: %1</source>
        <translation>Der Knoten hat nicht geantwortet: %1</translation>
    </message>
    <message>
        <source>%1 (epoch %2)</source>
        <translation>%1 (Epoche %2)</translation>
    </message>
    <message>
        <source>Statement %1</source>
        <translation>Abrechnung %1</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Verifying epoch %1…</source>
        <translation>Prüfe Epoche %1…</translation>
    </message>
    <message>
        <source>Epoch %1: the statement holds (%2)</source>
        <translation>Epoche %1: Die Abrechnung stimmt (%2)</translation>
    </message>
    <message>
        <source>Epoch %1: does not verify: %2</source>
        <translation>Epoche %1: Prüfung fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Export earnings</source>
        <translation>Einnahmen exportieren</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>Exportiert nach %1</translation>
    </message>
    <message>
        <source>Could not export: %1</source>
        <translation>Export fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>stratus::ui::FilesPage</name>
    <message>
        <source>This is a local network: all of its nodes run on this one machine. It is for trying Stratus out and is no backup.</source>
        <translation>Dies ist ein lokales Netz: Alle seine Knoten laufen auf diesem einen Rechner. Es dient zum Ausprobieren von Stratus und ist keine Datensicherung.</translation>
    </message>
    <message>
        <source>Files on the network</source>
        <translation>Dateien im Netz</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Aktivität</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Not copied: %1 (%2)</source>
        <translation>Nicht kopiert: %1 (%2)</translation>
    </message>
    <message>
        <source>Copied %1 (%2) into the folder</source>
        <translation>%1 (%2) in den Ordner kopiert</translation>
    </message>
    <message>
        <source>Stored %1 as %2</source>
        <translation>%1 als %2 gespeichert</translation>
    </message>
    <message>
        <source>Could not store %1: %2</source>
        <translation>%1 konnte nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Cannot create the synced folder %1</source>
        <translation>Der synchronisierte Ordner %1 kann nicht angelegt werden</translation>
    </message>
    <message numerus="yes">
        <source>Copying %n item(s) into %1</source>
        <translation>
            <numerusform>Kopiere %n Element nach %1</numerusform>
            <numerusform>Kopiere %n Elemente nach %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not list the files: %1</source>
        <translation>Die Dateien konnten nicht aufgelistet werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>syncing (%n waiting)</source>
        <translation>
            <numerusform>synchronisiere (%n wartet)</numerusform>
            <numerusform>synchronisiere (%n warten)</numerusform>
        </translation>
    </message>
    <message>
        <source>Up %1/s · down %2/s</source>
        <translation>Hoch %1/s · runter %2/s</translation>
    </message>
    <message>
        <source>&amp;Fetch into the synced folder</source>
        <translation>In den synchronisierten Ordner &amp;holen</translation>
    </message>
    <message>
        <source>&amp;Remove from the network</source>
        <translation>Aus dem Netz &amp;entfernen</translation>
    </message>
    <message>
        <source>Fetching %1…</source>
        <translation>Hole %1…</translation>
    </message>
    <message>
        <source>Removing %1 from the network…</source>
        <translation>Entferne %1 aus dem Netz…</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>&amp;Erneut versuchen</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Konflikte</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>Papierkorb</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Versionen</translation>
    </message>
    <message numerus="yes">
        <source>Copied %n file(s) (%1) into the folder</source>
        <translation>
            <numerusform>%n Datei (%1) in den Ordner kopiert</numerusform>
            <numerusform>%n Dateien (%1) in den Ordner kopiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stored %n file(s)</source>
        <translation>
            <numerusform>%n Datei gespeichert</numerusform>
            <numerusform>%n Dateien gespeichert</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stratus::ui::FirstRunWizard</name>
    <message>
        <source>Welcome to Stratus</source>
        <translation>Willkommen bei Stratus</translation>
    </message>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>Der Ordner %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>Stratus</source>
        <translation>Stratus</translation>
    </message>
</context>
<context>
    <name>stratus::ui::HistoryPanels</name>
    <message>
        <source>Open conflicts</source>
        <translation>Offene Konflikte</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>The conflict copy holds</source>
        <translation>Die Konfliktkopie enthält</translation>
    </message>
    <message>
        <source>Conflict copy</source>
        <translation>Konfliktkopie</translation>
    </message>
    <message>
        <source>Keep &amp;mine</source>
        <translation>&amp;Meine behalten</translation>
    </message>
    <message>
        <source>This device&apos;s version stays; the other goes to the trash</source>
        <translation>Die Version dieses Geräts bleibt; die andere kommt in den Papierkorb</translation>
    </message>
    <message>
        <source>Keep &amp;theirs</source>
        <translation>&amp;Ihre behalten</translation>
    </message>
    <message>
        <source>The other device&apos;s version stays; this device&apos;s goes to the trash</source>
        <translation>Die Version des anderen Geräts bleibt; die dieses Geräts kommt in den Papierkorb</translation>
    </message>
    <message>
        <source>Keep &amp;both</source>
        <translation>&amp;Beide behalten</translation>
    </message>
    <message>
        <source>The conflict copy gets an ordinary name beside the file</source>
        <translation>Die Konfliktkopie erhält einen gewöhnlichen Namen neben der Datei</translation>
    </message>
    <message>
        <source>Deleted files</source>
        <translation>Gelöschte Dateien</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Gelöscht</translation>
    </message>
    <message>
        <source>Re&amp;store</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>Brings the file back into its synced folder, on every device</source>
        <translation>Holt die Datei in ihren synchronisierten Ordner zurück, auf jedem Gerät</translation>
    </message>
    <message>
        <source>Select a file in &quot;Files on the network&quot; to see its versions.</source>
        <translation>Wählen Sie eine Datei unter „Dateien im Netz“, um ihre Versionen zu sehen.</translation>
    </message>
    <message>
        <source>Versions of the selected file</source>
        <translation>Versionen der gewählten Datei</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>Erfasst</translation>
    </message>
    <message>
        <source>Restore this &amp;version</source>
        <translation>Diese &amp;Version wiederherstellen</translation>
    </message>
    <message>
        <source>Puts this version back as the file (the current one is kept as a version)</source>
        <translation>Setzt diese Version wieder als Datei ein (die aktuelle bleibt als Version erhalten)</translation>
    </message>
    <message>
        <source>Could not read the folders&apos; history: %1</source>
        <translation>Der Verlauf der Ordner konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>this device&apos;s version</source>
        <translation>die Version dieses Geräts</translation>
    </message>
    <message>
        <source>the version of device %1</source>
        <translation>die Version des Geräts %1</translation>
    </message>
    <message>
        <source>Versions of %1 (newest first)</source>
        <translation>Versionen von %1 (neueste zuerst)</translation>
    </message>
    <message>
        <source>No versions of %1: %2</source>
        <translation>Keine Versionen von %1: %2</translation>
    </message>
    <message>
        <source>%1 (deleted)</source>
        <translation>%1 (gelöscht)</translation>
    </message>
    <message>
        <source>Conflict on /%1/%2 resolved: /%1/%3 stays</source>
        <translation>Konflikt bei /%1/%2 gelöst: /%1/%3 bleibt</translation>
    </message>
    <message>
        <source>Could not resolve the conflict on /%1/%2: %3</source>
        <translation>Der Konflikt bei /%1/%2 konnte nicht gelöst werden: %3</translation>
    </message>
    <message>
        <source>Restored version %1 of %2 to %3</source>
        <translation>Version %1 von %2 nach %3 wiederhergestellt</translation>
    </message>
    <message>
        <source>Could not restore %1: %2</source>
        <translation>%1 konnte nicht wiederhergestellt werden: %2</translation>
    </message>
</context>
<context>
    <name>stratus::ui::MainWindow</name>
    <message>
        <source>Stratus</source>
        <translation>Stratus</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message>
        <source>%1 (Ctrl+%2)</source>
        <translation>%1 (Strg+%2)</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <source>Storage node</source>
        <translation>Speicherknoten</translation>
    </message>
    <message>
        <source>Paper node</source>
        <translation>Papierknoten</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source> · paused</source>
        <translation> · angehalten</translation>
    </message>
    <message>
        <source> · syncing</source>
        <translation> · synchronisiere</translation>
    </message>
</context>
<context>
    <name>stratus::ui::NetworkChoicePage</name>
    <message>
        <source>The network</source>
        <translation>Das Netz</translation>
    </message>
    <message>
        <source>Where your encrypted files are stored.</source>
        <translation>Wo Ihre verschlüsselten Dateien gespeichert werden.</translation>
    </message>
    <message>
        <source>A &amp;local network on this computer</source>
        <translation>Ein &amp;lokales Netz auf diesem Computer</translation>
    </message>
    <message>
        <source>The app starts a small network of storage nodes itself. All of them live on this one machine: it is for trying Stratus out and is no backup. Files stored there are lost with this computer.</source>
        <translation>Die App startet selbst ein kleines Netz aus Speicherknoten. Alle laufen auf diesem einen Rechner: Es dient zum Ausprobieren von Stratus und ist keine Datensicherung. Dort gespeicherte Dateien gehen mit diesem Computer verloren.</translation>
    </message>
    <message>
        <source>The network of a network &amp;file:</source>
        <translation>Das Netz einer Netz&amp;datei:</translation>
    </message>
    <message>
        <source>Network file</source>
        <translation>Netzdatei</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>Network files (*.json)</source>
        <translation>Netzdateien (*.json)</translation>
    </message>
</context>
<context>
    <name>stratus::ui::PaperPage</name>
    <message>
        <source>&amp;Run a paper node on this computer</source>
        <translation>Einen Papierknoten auf diesem Computer &amp;betreiben</translation>
    </message>
    <message>
        <source>A paper node audits the network&apos;s storage nodes and publishes what it saw in a public, verifiable log</source>
        <translation>Ein Papierknoten prüft die Speicherknoten des Netzes und veröffentlicht, was er sah, in einem öffentlichen, überprüfbaren Protokoll</translation>
    </message>
    <message>
        <source>Root of the log&apos;s signed tree head</source>
        <translation>Wurzel des signierten Baumkopfs des Protokolls</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation>Latenz (ms)</translation>
    </message>
    <message>
        <source>Recent audits</source>
        <translation>Letzte Prüfungen</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Audit score</source>
        <translation>Prüfwert</translation>
    </message>
    <message>
        <source>Online score</source>
        <translation>Erreichbarkeit</translation>
    </message>
    <message>
        <source>Latency p95 (ms)</source>
        <translation>Latenz p95 (ms)</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Bestanden</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Scores per node</source>
        <translation>Werte pro Knoten</translation>
    </message>
    <message>
        <source>Another paper node&apos;s id or name (empty: all of the network&apos;s)</source>
        <translation>ID oder Name eines anderen Papierknotens (leer: alle des Netzes)</translation>
    </message>
    <message>
        <source>Paper node to verify</source>
        <translation>Zu prüfender Papierknoten</translation>
    </message>
    <message>
        <source>&amp;Verify log</source>
        <translation>Protokoll &amp;prüfen</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Zustand:</translation>
    </message>
    <message>
        <source>Audits:</source>
        <translation>Prüfungen:</translation>
    </message>
    <message>
        <source>Log size:</source>
        <translation>Protokollgröße:</translation>
    </message>
    <message>
        <source>Tree head root:</source>
        <translation>Wurzel des Baumkopfs:</translation>
    </message>
    <message>
        <source>Verify another validator&apos;s log:</source>
        <translation>Protokoll eines anderen Prüfers prüfen:</translation>
    </message>
    <message>
        <source>changing…</source>
        <translation>wird geändert…</translation>
    </message>
    <message>
        <source>running as node %1</source>
        <translation>läuft als Knoten %1</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message numerus="yes">
        <source>%1 audits in %2 rounds, %n node(s) audited, epoch %3</source>
        <translation>
            <numerusform>%1 Prüfungen in %2 Runden, %n Knoten geprüft, Epoche %3</numerusform>
            <numerusform>%1 Prüfungen in %2 Runden, %n Knoten geprüft, Epoche %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n Eintrag</numerusform>
            <numerusform>%n Einträge</numerusform>
        </translation>
    </message>
    <message>
        <source> (not named by the network file: its attestations do not count)</source>
        <translation> (nicht in der Netzdatei genannt: seine Bestätigungen zählen nicht)</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>bestanden</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Verifying…</source>
        <translation>Prüfe…</translation>
    </message>
    <message>
        <source>%1: consistent, %2 entries, root %3</source>
        <translation>%1: stimmig, %2 Einträge, Wurzel %3</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Signature of the log&apos;s tree head</source>
        <translation>Signatur des Baumkopfs des Protokolls</translation>
    </message>
    <message>
        <source>Signed:</source>
        <translation>Signiert:</translation>
    </message>
    <message>
        <source>Signature:</source>
        <translation>Signatur:</translation>
    </message>
    <message>
        <source>Ed25519 signature by key %1</source>
        <translation>Ed25519-Signatur mit Schlüssel %1</translation>
    </message>
    <message>
        <source>%1, by this paper node&apos;s key; the signature checks out</source>
        <translation>%1, mit dem Schlüssel dieses Papierknotens; die Signatur ist gültig</translation>
    </message>
    <message>
        <source>%1; the signature does NOT check out</source>
        <translation>%1; die Signatur ist NICHT gültig</translation>
    </message>
</context>
<context>
    <name>stratus::ui::RemoteActions</name>
    <message>
        <source>cannot create %1</source>
        <translation>kann %1 nicht anlegen</translation>
    </message>
    <message>
        <source>fetched to %1</source>
        <translation>nach %1 geholt</translation>
    </message>
    <message>
        <source>removed from the network</source>
        <translation>aus dem Netz entfernt</translation>
    </message>
    <message>
        <source>removed; %1</source>
        <translation>entfernt; %1</translation>
    </message>
    <message>
        <source>deleted from %1; the deletion syncs and the file stays in the trash</source>
        <translation>aus %1 gelöscht; die Löschung wird synchronisiert und die Datei bleibt im Papierkorb</translation>
    </message>
    <message>
        <source>cannot delete %1</source>
        <translation>%1 kann nicht gelöscht werden</translation>
    </message>
</context>
<context>
    <name>stratus::ui::RemoteTreeModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>%1 of %2 shards reachable</source>
        <translation>%1 von %2 Fragmenten erreichbar</translation>
    </message>
    <message>
        <source> (repair pending)</source>
        <translation> (Reparatur ausstehend)</translation>
    </message>
    <message>
        <source>On this device</source>
        <translation>Auf diesem Gerät</translation>
    </message>
    <message>
        <source>synced</source>
        <translation>synchronisiert</translation>
    </message>
    <message>
        <source>changed here, syncing</source>
        <translation>hier geändert, wird synchronisiert</translation>
    </message>
    <message>
        <source>not here (yet)</source>
        <translation>(noch) nicht hier</translation>
    </message>
    <message>
        <source>only on the network</source>
        <translation>nur im Netzwerk</translation>
    </message>
</context>
<context>
    <name>stratus::ui::RestoreSecretPage</name>
    <message>
        <source>Restore your account</source>
        <translation>Konto wiederherstellen</translation>
    </message>
    <message>
        <source>Type your recovery secret: 13 groups of 5 characters, separated by dashes.</source>
        <translation>Geben Sie Ihren Wiederherstellungsschlüssel ein: 13 Gruppen zu 5 Zeichen, durch Bindestriche getrennt.</translation>
    </message>
    <message>
        <source>Recovery secret</source>
        <translation>Wiederherstellungsschlüssel</translation>
    </message>
    <message>
        <source>The secret is valid.</source>
        <translation>Der Schlüssel ist gültig.</translation>
    </message>
    <message>
        <source>A recovery secret has %1 groups of %2 characters (%3 in all), but %4 were typed: check for a missing or extra character.</source>
        <translation>Ein Wiederherstellungsschlüssel hat %1 Gruppen zu %2 Zeichen (%3 insgesamt), eingegeben wurden aber %4: Prüfen Sie, ob ein Zeichen fehlt oder zu viel ist.</translation>
    </message>
    <message>
        <source>Group %1 (&quot;%2&quot;) contains &apos;%3&apos;, which never appears in a recovery secret.</source>
        <translation>Gruppe %1 („%2“) enthält „%3“, das in keinem Wiederherstellungsschlüssel vorkommt.</translation>
    </message>
    <message>
        <source>Group %1 (&quot;%2&quot;) has a typo: its check character does not match.</source>
        <translation>Gruppe %1 („%2“) enthält einen Tippfehler: ihr Prüfzeichen stimmt nicht.</translation>
    </message>
    <message>
        <source>The recovery secret could not be decoded.</source>
        <translation>Der Wiederherstellungsschlüssel konnte nicht entschlüsselt werden.</translation>
    </message>
    <message>
        <source>The recovery secret&apos;s checksum does not match: groups may be out of order.</source>
        <translation>Die Prüfsumme des Wiederherstellungsschlüssels stimmt nicht: vielleicht sind Gruppen vertauscht.</translation>
    </message>
</context>
<context>
    <name>stratus::ui::Session</name>
    <message>
        <source>Starting the local network…</source>
        <translation>Starte das lokale Netz…</translation>
    </message>
    <message>
        <source>Connecting to the network…</source>
        <translation>Verbinde mit dem Netz…</translation>
    </message>
    <message>
        <source>The local network did not start: %1</source>
        <translation>Das lokale Netz ist nicht gestartet: %1</translation>
    </message>
    <message>
        <source>Connected to the local network</source>
        <translation>Mit dem lokalen Netz verbunden</translation>
    </message>
    <message>
        <source>Connected to the network</source>
        <translation>Mit dem Netz verbunden</translation>
    </message>
    <message>
        <source>no free port for the node</source>
        <translation>kein freier Port für den Knoten</translation>
    </message>
    <message>
        <source>The node: %1</source>
        <translation>Der Knoten: %1</translation>
    </message>
    <message>
        <source>The node %1 runs</source>
        <translation>Der Knoten %1 läuft</translation>
    </message>
    <message>
        <source>The node stopped</source>
        <translation>Der Knoten wurde gestoppt</translation>
    </message>
    <message>
        <source>The network file %1 does not exist: choose one in Settings</source>
        <translation>Die Netzdatei %1 existiert nicht: Wählen Sie eine in den Einstellungen</translation>
    </message>
    <message numerus="yes">
        <source>Syncing %n folder(s)</source>
        <translation>
            <numerusform>Synchronisiere %n Ordner</numerusform>
            <numerusform>Synchronisiere %n Ordner</numerusform>
        </translation>
    </message>
    <message>
        <source>Sync did not start: %1</source>
        <translation>Die Synchronisierung ist nicht gestartet: %1</translation>
    </message>
</context>
<context>
    <name>stratus::ui::SettingsPage</name>
    <message>
        <source> KiB/s</source>
        <translation> KiB/s</translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation>unbegrenzt</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netz</translation>
    </message>
    <message>
        <source>A &amp;local network on this computer (for trying out; no backup)</source>
        <translation>Ein &amp;lokales Netz auf diesem Computer (zum Ausprobieren; keine Datensicherung)</translation>
    </message>
    <message>
        <source>The network of a &amp;network file:</source>
        <translation>Das Netz einer &amp;Netzdatei:</translation>
    </message>
    <message>
        <source>Network file</source>
        <translation>Netzdatei</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>Upload limit</source>
        <translation>Upload-Grenze</translation>
    </message>
    <message>
        <source>Download limit</source>
        <translation>Download-Grenze</translation>
    </message>
    <message>
        <source> GiB</source>
        <translation> GiB</translation>
    </message>
    <message>
        <source>Storage allocation</source>
        <translation>Speicherzuteilung</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>Start Stratus when I log in</source>
        <translation>Stratus bei der Anmeldung starten</translation>
    </message>
    <message>
        <source>Upload limit:</source>
        <translation>Upload-Grenze:</translation>
    </message>
    <message>
        <source>Download limit:</source>
        <translation>Download-Grenze:</translation>
    </message>
    <message>
        <source>Storage to contribute:</source>
        <translation>Beizutragender Speicher:</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Network files (*.json)</source>
        <translation>Netzdateien (*.json)</translation>
    </message>
    <message>
        <source>Start at login: %1</source>
        <translation>Start bei Anmeldung: %1</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
    <message>
        <source>The new network is used from the next start.</source>
        <translation>Das neue Netz wird ab dem nächsten Start verwendet.</translation>
    </message>
    <message>
        <source>The language changes once the files being stored are done, or at the next start.</source>
        <translation>Die Sprache wechselt, sobald die Dateien fertig gespeichert sind, oder beim nächsten Start.</translation>
    </message>
</context>
<context>
    <name>stratus::ui::ShowSecretPage</name>
    <message>
        <source>Your recovery secret</source>
        <translation>Ihr Wiederherstellungsschlüssel</translation>
    </message>
    <message>
        <source>Write it down on paper and keep it safe. It is the only way to get your files back if this computer is lost. Nobody, not even the Stratus network, can recover it for you.</source>
        <translation>Schreiben Sie ihn auf Papier und bewahren Sie ihn sicher auf. Nur mit ihm bekommen Sie Ihre Dateien zurück, wenn dieser Computer verloren geht. Niemand, auch nicht das Stratus-Netz, kann ihn für Sie wiederherstellen.</translation>
    </message>
    <message>
        <source>Recovery secret</source>
        <translation>Wiederherstellungsschlüssel</translation>
    </message>
    <message>
        <source>I have &amp;written down my recovery secret</source>
        <translation>Ich habe meinen Wiederherstellungsschlüssel &amp;aufgeschrieben</translation>
    </message>
</context>
<context>
    <name>stratus::ui::StoragePage</name>
    <message>
        <source>&amp;Contribute storage to the network</source>
        <translation>Dem Netz Speicher &amp;beitragen</translation>
    </message>
    <message>
        <source> GiB</source>
        <translation> GiB</translation>
    </message>
    <message>
        <source>Storage to contribute</source>
        <translation>Beizutragender Speicher</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Übernehmen</translation>
    </message>
    <message>
        <source>Node id</source>
        <translation>Knoten-ID</translation>
    </message>
    <message>
        <source>Cop&amp;y</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Copy the node id</source>
        <translation>Knoten-ID kopieren</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>Paper nodes</source>
        <translation>Papierknoten</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Audit score</source>
        <translation>Prüfwert</translation>
    </message>
    <message>
        <source>Online score</source>
        <translation>Erreichbarkeit</translation>
    </message>
    <message>
        <source>Latency p95 (ms)</source>
        <translation>Latenz p95 (ms)</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Eligible</source>
        <translation>Zugelassen</translation>
    </message>
    <message>
        <source>Standings of the storage nodes</source>
        <translation>Stand der Speicherknoten</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Zustand:</translation>
    </message>
    <message>
        <source>Node id:</source>
        <translation>Knoten-ID:</translation>
    </message>
    <message>
        <source>Uptime:</source>
        <translation>Laufzeit:</translation>
    </message>
    <message>
        <source>Capacity:</source>
        <translation>Kapazität:</translation>
    </message>
    <message>
        <source>How the paper nodes see the network&apos;s storage nodes:</source>
        <translation>Wie die Papierknoten die Speicherknoten des Netzes sehen:</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Earnings</source>
        <translation>Einnahmen</translation>
    </message>
    <message>
        <source>changing…</source>
        <translation>wird geändert…</translation>
    </message>
    <message>
        <source>contributing %1</source>
        <translation>trägt %1 bei</translation>
    </message>
    <message>
        <source>not contributing</source>
        <translation>trägt nichts bei</translation>
    </message>
    <message>
        <source>The paper nodes did not answer: %1</source>
        <translation>Die Papierknoten haben nicht geantwortet: %1</translation>
    </message>
    <message>
        <source>This computer (%1)</source>
        <translation>Dieser Computer (%1)</translation>
    </message>
    <message>
        <source>%1 (this computer)</source>
        <translation>%1 (dieser Computer)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>No warnings.</source>
        <translation>Keine Warnungen.</translation>
    </message>
    <message>
        <source>This computer&apos;s node is not listed by the network&apos;s paper nodes yet: it receives shards and earns once they audit it.</source>
        <translation>Der Knoten dieses Computers wird von den Papierknoten des Netzes noch nicht geführt: Er erhält Fragmente und verdient, sobald sie ihn prüfen.</translation>
    </message>
    <message>
        <source>Paper node</source>
        <translation>Papierknoten</translation>
    </message>
    <message>
        <source>Latency score</source>
        <translation>Latenzbewertung</translation>
    </message>
    <message>
        <source>Scores of the selected node, per paper node</source>
        <translation>Bewertungen des gewählten Knotens, je Papierknoten</translation>
    </message>
    <message numerus="yes">
        <source>%1 stored + %2 trash = %3 used; %4 free; %5 allocated (%n shard(s))</source>
        <translation>
            <numerusform>%1 gespeichert + %2 Papierkorb = %3 belegt; %4 frei; %5 zugeteilt (%n Shard)</numerusform>
            <numerusform>%1 gespeichert + %2 Papierkorb = %3 belegt; %4 frei; %5 zugeteilt (%n Shards)</numerusform>
        </translation>
    </message>
    <message>
        <source>Trash: shards whose contracts expired or were deleted by their owners; they are removed at the next garbage collection.</source>
        <translation>Papierkorb: Shards, deren Verträge abgelaufen sind oder von ihren Besitzern gelöscht wurden; sie werden bei der nächsten Speicherbereinigung entfernt.</translation>
    </message>
    <message>
        <source>Select a node to see what each paper node says of it.</source>
        <translation>Wählen Sie einen Knoten, um zu sehen, wie jeder Papierknoten ihn bewertet.</translation>
    </message>
    <message>
        <source>%1, as each paper node sees it:</source>
        <translation>%1, wie jeder Papierknoten ihn sieht:</translation>
    </message>
</context>
<context>
    <name>stratus::ui::SyncFolderPage</name>
    <message>
        <source>The folder to sync</source>
        <translation>Der zu synchronisierende Ordner</translation>
    </message>
    <message>
        <source>What you put in this folder is encrypted and stored on the network.</source>
        <translation>Was Sie in diesen Ordner legen, wird verschlüsselt und im Netz gespeichert.</translation>
    </message>
    <message>
        <source>Folder to sync</source>
        <translation>Zu synchronisierender Ordner</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
</context>
<context>
    <name>stratus::ui::SyncFoldersBox</name>
    <message>
        <source>Synced folders</source>
        <translation>Synchronisierte Ordner</translation>
    </message>
    <message>
        <source>A&amp;dd…</source>
        <translation>&amp;Hinzufügen…</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Stops syncing the folder; its files stay on this computer and on the network</source>
        <translation>Beendet die Synchronisierung des Ordners; seine Dateien bleiben auf diesem Computer und im Netz</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Add a folder to sync</source>
        <translation>Zu synchronisierenden Ordner hinzufügen</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <source>up to date</source>
        <translation>aktuell</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>An&amp;halten</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n Datei</numerusform>
            <numerusform>%n Dateien</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n Konflikt</numerusform>
            <numerusform>%n Konflikte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n Problem</numerusform>
            <numerusform>%n Probleme</numerusform>
        </translation>
    </message>
    <message>
        <source>Pause or resume syncing the selected folder</source>
        <translation>Synchronisierung des gewählten Ordners anhalten oder fortsetzen</translation>
    </message>
    <message>
        <source>&amp;Resume all</source>
        <translation>Alle &amp;fortsetzen</translation>
    </message>
</context>
<context>
    <name>stratus::ui::TrayIcon</name>
    <message>
        <source>&amp;Show Stratus</source>
        <translation>Stratus &amp;zeigen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Stratus: %1</source>
        <translation>Stratus: %1</translation>
    </message>
    <message>
        <source>&amp;Resume syncing</source>
        <translation>Synchronisierung &amp;fortsetzen</translation>
    </message>
    <message>
        <source>&amp;Pause syncing</source>
        <translation>Synchronisierung &amp;anhalten</translation>
    </message>
    <message>
        <source>%1 was not stored: %2</source>
        <translation>%1 wurde nicht gespeichert: %2</translation>
    </message>
</context>
<context>
    <name>stratus::ui::UsageChart</name>
    <message>
        <source>Utilization over time</source>
        <translation>Auslastung im Zeitverlauf</translation>
    </message>
    <message>
        <source>Utilization (% of the storage allocated)</source>
        <translation>Auslastung (% des zugeteilten Speichers)</translation>
    </message>
    <message>
        <source>This node</source>
        <translation>Dieser Knoten</translation>
    </message>
    <message>
        <source>The network (per epoch)</source>
        <translation>Das Netzwerk (je Epoche)</translation>
    </message>
</context>
</TS>
