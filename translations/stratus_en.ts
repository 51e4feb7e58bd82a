<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AuditKind</name>
    <message>
        <source>ping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>proof of storage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>throughput</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Autostart</name>
    <message>
        <source>cannot create %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decentralized cloud storage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot change %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot remove %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Duration</name>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>cannot create %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot move the copy into place at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: only local files can be dropped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: not found</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StandingWarnings</name>
    <message>
        <source>No paper node lists this node yet: it has not been audited.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: the paper nodes cannot reach it. Check that it runs and that its ports are open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit score %1: %2 proofs of storage failed. Check the disk and the node&apos;s data directory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online score %1: it missed pings. Check its network connection and that it stays running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency score: 95% of answers take up to %1 ms. The connection or the machine is slow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paper node %1 cannot reach it, though the others can. Check the route between them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paper node %1 gives it an audit score of %2 (%3 failed proofs): close to the 0.900 below which it gets no new shards.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paper node %1 gives it an online score of %2: it missed that paper node&apos;s pings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not eligible for new shards: its score is below the network&apos;s threshold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still being vetted: it receives shards once enough audits have passed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncActivity</name>
    <message>
        <source>up to date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scanning</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>uploading %n file(s)</source>
        <translation>
            <numerusform>uploading %n file</numerusform>
            <numerusform>uploading %n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>downloading %n file(s)</source>
        <translation>
            <numerusform>downloading %n file</numerusform>
            <numerusform>downloading %n files</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message>
        <source>Error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Error: %n file(s) cannot sync (%1)</source>
        <translation>
            <numerusform>Error: %n file cannot sync (%1)</numerusform>
            <numerusform>Error: %n files cannot sync (%1)</numerusform>
        </translation>
    </message>
    <message>
        <source>Synced</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stratus::ui::AccountChoicePage</name>
    <message>
        <source>Your account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stratus encrypts your files on this computer before they leave it. Your account is a secret that only you hold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Create a new account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore an account from its recovery secret</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stratus::ui::ConfirmSecretPage</name>
    <message>
        <source>Check your recovery secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type these groups of your recovery secret from what you wrote down.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group %1:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stratus::ui::ContributePage</name>
    <message>
        <source>Give back (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stratus is run by its users: you can offer disk space to others&apos; encrypted shards and earn credits, and audit the network as a paper node. Both can be switched later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Contribute storage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage to contribute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free on this disk: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run a &amp;paper node (audits the storage nodes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offer %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stratus::ui::CreditsBox</name>
    <message>
        <source>Credits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage costs a month:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Traffic (last 30 days):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lasts:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this network does not charge for storage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not known yet (no paper node answered)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing stored yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>more than a hundred years at this rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) at this rate</source>
        <translation>
            <numerusform>%n day at this rate</numerusform>
            <numerusform>%n days at this rate</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 downloaded: %2 (%3 per GiB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No paper node answered: the balance is unknown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your credits are used up: contracts will not be renewed and new uploads are refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Credits run low: %1 left, about %n day(s) at %2 a month.</source>
        <translation>
            <numerusform>Credits run low: %1 left, about %n day at %2 a month.</numerusform>
            <numerusform>Credits run low: %1 left, about %n days at %2 a month.</numerusform>
        </translation>
    </message>
    <message>
        <source>Credits not available: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stratus::ui::DropZone</name>
    <message>
        <source>Drop zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop files or folders here to copy them into the synced folder and store them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop files or folders here: they are copied into the synced folder and stored on the network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress of the file being stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add files to the synced folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop files or folders here: they are copied into %1 and stored on the network.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stratus::ui::EarningsChart</name>
    <message>
        <source>Earnings per epoch by component</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Earnings per epoch (credits)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Egress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Penalties</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stratus::ui::EarningsPanel</name>
    <message>
        <source>Storage node whose earnings are shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Egress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Multiplier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Penalties</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Statement history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Verify statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exports the selected epoch&apos;s signed statement and checks every signature, receipt and the recomputation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This epoch (estimate):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This month (estimate):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No earnings for this node.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node did not answer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (epoch %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Statement %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verifying epoch %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch %1: the statement holds (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch %1: does not verify: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export earnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not export: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stratus::ui::FilesPage</name>
    <message>
        <source>This is a local network: all of its nodes run on this one machine. It is for trying Stratus out and is no backup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files on the network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fetch into the synced folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove from the network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not copied: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied %1 (%2) into the folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Copied %n file(s) (%1) into the folder</source>
        <translation>
            <numerusform>Copied %n file (%1) into the folder</numerusform>
            <numerusform>Copied %n files (%1) into the folder</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stored %n file(s)</source>
        <translation>
            <numerusform>Stored %n file</numerusform>
            <numerusform>Stored %n files</numerusform>
        </translation>
    </message>
    <message>
        <source>Stored %1 as %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not store %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the synced folder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Copying %n item(s) into %1</source>
        <translation>
            <numerusform>Copying %n item into %1</numerusform>
            <numerusform>Copying %n items into %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not list the files: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>syncing (%n waiting)</source>
        <translation>
            <numerusform>syncing (%n waiting)</numerusform>
            <numerusform>syncing (%n waiting)</numerusform>
        </translation>
    </message>
    <message>
        <source>Up %1/s · down %2/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removing %1 from the network…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stratus::ui::FirstRunWizard</name>
    <message>
        <source>Welcome to Stratus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stratus</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stratus::ui::HistoryPanels</name>
    <message>
        <source>Open conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The conflict copy holds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflict copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep &amp;mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This device&apos;s version stays; the other goes to the trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep &amp;theirs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The other device&apos;s version stays; this device&apos;s goes to the trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep &amp;both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The conflict copy gets an ordinary name beside the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brings the file back into its synced folder, on every device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a file in &quot;Files on the network&quot; to see its versions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versions of the selected file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore this &amp;version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Puts this version back as the file (the current one is kept as a version)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the folders&apos; history: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this device&apos;s version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the version of device %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versions of %1 (newest first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No versions of %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (deleted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflict on /%1/%2 resolved: /%1/%3 stays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not resolve the conflict on /%1/%2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored version %1 of %2 to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not restore %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stratus::ui::MainWindow</name>
    <message>
        <source>Stratus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (Ctrl+%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paper node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · syncing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stratus::ui::NetworkChoicePage</name>
    <message>
        <source>The network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where your encrypted files are stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A &amp;local network on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app starts a small network of storage nodes itself. All of them live on this one machine: it is for trying Stratus out and is no backup. Files stored there are lost with this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The network of a network &amp;file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stratus::ui::PaperPage</name>
    <message>
        <source>&amp;Run a paper node on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A paper node audits the network&apos;s storage nodes and publishes what it saw in a public, verifiable log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Root of the log&apos;s signed tree head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature of the log&apos;s tree head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent audits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency p95 (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scores per node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another paper node&apos;s id or name (empty: all of the network&apos;s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paper node to verify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Verify log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audits:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tree head root:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify another validator&apos;s log:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running as node %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 audits in %2 rounds, %n node(s) audited, epoch %3</source>
        <translation>
            <numerusform>%1 audits in %2 rounds, %n node audited, epoch %3</numerusform>
            <numerusform>%1 audits in %2 rounds, %n nodes audited, epoch %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
    <message>
        <source> (not named by the network file: its attestations do not count)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ed25519 signature by key %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, by this paper node&apos;s key; the signature checks out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; the signature does NOT check out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>passed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verifying…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: consistent, %2 entries, root %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stratus::ui::RemoteActions</name>
    <message>
        <source>cannot create %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fetched to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deleted from %1; the deletion syncs and the file stays in the trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot delete %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>removed from the network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>removed; %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stratus::ui::RemoteTreeModel</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Health</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On this device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changed here, syncing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not here (yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only on the network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 shards reachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (repair pending)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stratus::ui::RestoreSecretPage</name>
    <message>
        <source>Restore your account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type your recovery secret: 13 groups of 5 characters, separated by dashes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovery secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secret is valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A recovery secret has %1 groups of %2 characters (%3 in all), but %4 were typed: check for a missing or extra character.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group %1 (&quot;%2&quot;) contains &apos;%3&apos;, which never appears in a recovery secret.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group %1 (&quot;%2&quot;) has a typo: its check character does not match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The recovery secret could not be decoded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The recovery secret&apos;s checksum does not match: groups may be out of order.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stratus::ui::Session</name>
    <message>
        <source>Starting the local network…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to the network…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local network did not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The network file %1 does not exist: choose one in Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to the local network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to the network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no free port for the node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node %1 runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Syncing %n folder(s)</source>
        <translation>
            <numerusform>Syncing %n folder</numerusform>
            <numerusform>Syncing %n folders</numerusform>
        </translation>
    </message>
    <message>
        <source>Sync did not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stratus::ui::SettingsPage</name>
    <message>
        <source> KiB/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A &amp;local network on this computer (for trying out; no backup)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The network of a &amp;network file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> GiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage allocation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start Stratus when I log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload limit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download limit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage to contribute:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start at login: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new network is used from the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language changes once the files being stored are done, or at the next start.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stratus::ui::ShowSecretPage</name>
    <message>
        <source>Your recovery secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write it down on paper and keep it safe. It is the only way to get your files back if this computer is lost. Nobody, not even the Stratus network, can recover it for you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovery secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I have &amp;written down my recovery secret</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stratus::ui::StoragePage</name>
    <message>
        <source>&amp;Contribute storage to the network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> GiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage to contribute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cop&amp;y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the node id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paper nodes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency p95 (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Eligible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Standings of the storage nodes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paper node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scores of the selected node, per paper node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uptime:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capacity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the paper nodes see the network&apos;s storage nodes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Earnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>contributing %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not contributing</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 stored + %2 trash = %3 used; %4 free; %5 allocated (%n shard(s))</source>
        <translation>
            <numerusform>%1 stored + %2 trash = %3 used; %4 free; %5 allocated (%n shard)</numerusform>
            <numerusform>%1 stored + %2 trash = %3 used; %4 free; %5 allocated (%n shards)</numerusform>
        </translation>
    </message>
    <message>
        <source>Trash: shards whose contracts expired or were deleted by their owners; they are removed at the next garbage collection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The paper nodes did not answer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a node to see what each paper node says of it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, as each paper node sees it:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer&apos;s node is not listed by the network&apos;s paper nodes yet: it receives shards and earns once they audit it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (this computer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No warnings.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stratus::ui::SyncFolderPage</name>
    <message>
        <source>The folder to sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What you put in this folder is encrypted and stored on the network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder to sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stratus::ui::SyncFoldersBox</name>
    <message>
        <source>Synced folders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;dd…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stops syncing the folder; its files stay on this computer and on the network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause or resume syncing the selected folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a folder to sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>up to date</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n file</numerusform>
            <numerusform>%n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n conflict</numerusform>
            <numerusform>%n conflicts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n problem</numerusform>
            <numerusform>%n problems</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Resume all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stratus::ui::TrayIcon</name>
    <message>
        <source>&amp;Show Stratus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was not stored: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stratus: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume syncing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause syncing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>stratus::ui::UsageChart</name>
    <message>
        <source>Utilization over time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Utilization (% of the storage allocated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The network (per epoch)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
