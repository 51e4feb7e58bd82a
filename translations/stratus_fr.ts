<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>AuditKind</name>
    <message>
        <source>ping</source>
        <translation>ping</translation>
    </message>
    <message>
        <source>proof of storage</source>
        <translation>preuve de stockage</translation>
    </message>
    <message>
        <source>throughput</source>
        <translation>débit</translation>
    </message>
</context>
<context>
    <name>Autostart</name>
    <message>
        <source>cannot remove %1</source>
        <translation>impossible de supprimer %1</translation>
    </message>
    <message>
        <source>cannot create %1</source>
        <translation>impossible de créer %1</translation>
    </message>
    <message>
        <source>Decentralized cloud storage</source>
        <translation>Stockage cloud décentralisé</translation>
    </message>
    <message>
        <source>cannot change %1</source>
        <translation>impossible de modifier %1</translation>
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
        <translation>impossible de créer %1</translation>
    </message>
    <message>
        <source>%1: only local files can be dropped</source>
        <translation>%1 : seuls les fichiers locaux peuvent être déposés</translation>
    </message>
    <message>
        <source>%1: not found</source>
        <translation>%1 : introuvable</translation>
    </message>
    <message>
        <source>cannot move the copy into place at %1</source>
        <translation>impossible de mettre la copie en place à %1</translation>
    </message>
</context>
<context>
    <name>StandingWarnings</name>
    <message>
        <source>No paper node lists this node yet: it has not been audited.</source>
        <translation>Aucun nœud papier ne recense encore ce nœud : il n’a pas encore été audité.</translation>
    </message>
    <message>
        <source>Offline: the paper nodes cannot reach it. Check that it runs and that its ports are open.</source>
        <translation>Hors ligne : les nœuds papier ne le joignent pas. Vérifiez qu’il tourne et que ses ports sont ouverts.</translation>
    </message>
    <message>
        <source>Audit score %1: %2 proofs of storage failed. Check the disk and the node&apos;s data directory.</source>
        <translation>Score d’audit %1 : %2 preuves de stockage ont échoué. Vérifiez le disque et le dossier de données du nœud.</translation>
    </message>
    <message>
        <source>Online score %1: it missed pings. Check its network connection and that it stays running.</source>
        <translation>Score de disponibilité %1 : il a manqué des pings. Vérifiez sa connexion réseau et qu’il reste allumé.</translation>
    </message>
    <message>
        <source>Latency score: 95% of answers take up to %1 ms. The connection or the machine is slow.</source>
        <translation>Score de latence : 95 % des réponses prennent jusqu’à %1 ms. La connexion ou la machine est lente.</translation>
    </message>
    <message>
        <source>Not eligible for new shards: its score is below the network&apos;s threshold.</source>
        <translation>Ne reçoit plus de nouveaux fragments : son score est sous le seuil du réseau.</translation>
    </message>
    <message>
        <source>Still being vetted: it receives shards once enough audits have passed.</source>
        <translation>Encore en période d’essai : il recevra des fragments dès que suffisamment d’audits auront réussi.</translation>
    </message>
    <message>
        <source>Paper node %1 cannot reach it, though the others can. Check the route between them.</source>
        <translation>Le nœud papier %1 ne le joint pas, alors que les autres y parviennent. Vérifiez la liaison entre eux.</translation>
    </message>
    <message>
        <source>Paper node %1 gives it an audit score of %2 (%3 failed proofs): close to the 0.900 below which it gets no new shards.</source>
        <translation>Le nœud papier %1 lui donne un score d’audit de %2 (%3 preuves échouées) : proche du seuil de 0,900 sous lequel il ne reçoit plus de fragments.</translation>
    </message>
    <message>
        <source>Paper node %1 gives it an online score of %2: it missed that paper node&apos;s pings.</source>
        <translation>Le nœud papier %1 lui donne un score de disponibilité de %2 : il a manqué des pings de ce nœud papier.</translation>
    </message>
</context>
<context>
    <name>SyncActivity</name>
    <message>
        <source>up to date</source>
        <translation>à jour</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>en pause</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>démarrage</translation>
    </message>
    <message>
        <source>scanning</source>
        <translation>analyse</translation>
    </message>
    <message numerus="yes">
        <source>uploading %n file(s)</source>
        <translation>
            <numerusform>envoi de %n fichier</numerusform>
            <numerusform>envoi de %n fichiers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>downloading %n file(s)</source>
        <translation>
            <numerusform>réception de %n fichier</numerusform>
            <numerusform>réception de %n fichiers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message>
        <source>Error: %1</source>
        <translation>Erreur : %1</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pause</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <source>Syncing</source>
        <translation>Synchronisation</translation>
    </message>
    <message>
        <source>Syncing %1</source>
        <translation>Synchronisation de %1</translation>
    </message>
    <message numerus="yes">
        <source>Error: %n file(s) cannot sync (%1)</source>
        <translation>
            <numerusform>Erreur : %n fichier ne peut pas être synchronisé (%1)</numerusform>
            <numerusform>Erreur : %n fichiers ne peuvent pas être synchronisés (%1)</numerusform>
        </translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Synchronisé</translation>
    </message>
</context>
<context>
    <name>stratus::ui::AccountChoicePage</name>
    <message>
        <source>Your account</source>
        <translation>Votre compte</translation>
    </message>
    <message>
        <source>Stratus encrypts your files on this computer before they leave it. Your account is a secret that only you hold.</source>
        <translation>Stratus chiffre vos fichiers sur cet ordinateur avant qu’ils ne le quittent. Votre compte est un secret que vous seul détenez.</translation>
    </message>
    <message>
        <source>&amp;Create a new account</source>
        <translation>&amp;Créer un nouveau compte</translation>
    </message>
    <message>
        <source>&amp;Restore an account from its recovery secret</source>
        <translation>&amp;Restaurer un compte à partir de son secret de récupération</translation>
    </message>
</context>
<context>
    <name>stratus::ui::ConfirmSecretPage</name>
    <message>
        <source>Check your recovery secret</source>
        <translation>Vérifiez votre secret de récupération</translation>
    </message>
    <message>
        <source>Type these groups of your recovery secret from what you wrote down.</source>
        <translation>Saisissez ces groupes de votre secret de récupération à partir de ce que vous avez noté.</translation>
    </message>
    <message>
        <source>Group %1</source>
        <translation>Groupe %1</translation>
    </message>
    <message>
        <source>Group %1:</source>
        <translation>Groupe %1 :</translation>
    </message>
</context>
<context>
    <name>stratus::ui::ContributePage</name>
    <message>
        <source>Give back (optional)</source>
        <translation>Contribuer (facultatif)</translation>
    </message>
    <message>
        <source>Stratus is run by its users: you can offer disk space to others&apos; encrypted shards and earn credits, and audit the network as a paper node. Both can be switched later.</source>
        <translation>Stratus est exploité par ses utilisateurs : vous pouvez offrir de l’espace disque aux fragments chiffrés des autres et gagner des crédits, et auditer le réseau comme nœud papier. Les deux se modifient plus tard.</translation>
    </message>
    <message>
        <source>&amp;Contribute storage</source>
        <translation>&amp;Contribuer du stockage</translation>
    </message>
    <message>
        <source>Storage to contribute</source>
        <translation>Stockage à contribuer</translation>
    </message>
    <message>
        <source>Free on this disk: %1</source>
        <translation>Libre sur ce disque : %1</translation>
    </message>
    <message>
        <source>Run a &amp;paper node (audits the storage nodes)</source>
        <translation>Faire tourner un nœud &amp;papier (audite les nœuds de stockage)</translation>
    </message>
    <message>
        <source>Offer %1</source>
        <translation>Offrir %1</translation>
    </message>
</context>
<context>
    <name>stratus::ui::CreditsBox</name>
    <message>
        <source>Credits</source>
        <translation>Crédits</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Balance:</source>
        <translation>Solde :</translation>
    </message>
    <message>
        <source>Storage costs a month:</source>
        <translation>Le stockage coûte par mois :</translation>
    </message>
    <message>
        <source>Lasts:</source>
        <translation>Suffit pour :</translation>
    </message>
    <message>
        <source>this network does not charge for storage</source>
        <translation>ce réseau ne facture pas le stockage</translation>
    </message>
    <message>
        <source>not known yet (no paper node answered)</source>
        <translation>encore inconnu (aucun nœud papier n’a répondu)</translation>
    </message>
    <message>
        <source>nothing stored yet</source>
        <translation>rien de stocké pour l’instant</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) at this rate</source>
        <translation>
            <numerusform>%n jour à ce rythme</numerusform>
            <numerusform>%n jours à ce rythme</numerusform>
        </translation>
    </message>
    <message>
        <source>Credits not available: %1</source>
        <translation>Crédits indisponibles : %1</translation>
    </message>
    <message>
        <source>more than a hundred years at this rate</source>
        <translation>plus de cent ans à ce rythme</translation>
    </message>
    <message>
        <source>Traffic (last 30 days):</source>
        <translation>Trafic (30 derniers jours) :</translation>
    </message>
    <message>
        <source>%1 downloaded: %2 (%3 per GiB)</source>
        <translation>%1 téléchargés : %2 (%3 par Gio)</translation>
    </message>
    <message>
        <source>No paper node answered: the balance is unknown.</source>
        <translation>Aucun nœud papier n’a répondu : le solde est inconnu.</translation>
    </message>
    <message>
        <source>Your credits are used up: contracts will not be renewed and new uploads are refused.</source>
        <translation>Vos crédits sont épuisés : les contrats ne seront pas renouvelés et les nouveaux envois sont refusés.</translation>
    </message>
    <message numerus="yes">
        <source>Credits run low: %1 left, about %n day(s) at %2 a month.</source>
        <translation>
            <numerusform>Les crédits s’épuisent : il reste %1, environ %n jour à %2 par mois.</numerusform>
            <numerusform>Les crédits s’épuisent : il reste %1, environ %n jours à %2 par mois.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stratus::ui::DropZone</name>
    <message>
        <source>Drop zone</source>
        <translation>Zone de dépôt</translation>
    </message>
    <message>
        <source>Drop files or folders here to copy them into the synced folder and store them</source>
        <translation>Déposez ici des fichiers ou dossiers pour les copier dans le dossier synchronisé et les stocker</translation>
    </message>
    <message>
        <source>Drop files or folders here: they are copied into the synced folder and stored on the network.</source>
        <translation>Déposez ici des fichiers ou dossiers : ils sont copiés dans le dossier synchronisé et stockés sur le réseau.</translation>
    </message>
    <message>
        <source>Progress of the file being stored</source>
        <translation>Progression du fichier en cours de stockage</translation>
    </message>
    <message>
        <source>Add &amp;files…</source>
        <translation>Ajouter des &amp;fichiers…</translation>
    </message>
    <message>
        <source>Add files to the synced folder</source>
        <translation>Ajouter des fichiers au dossier synchronisé</translation>
    </message>
    <message>
        <source>Drop files or folders here: they are copied into %1 and stored on the network.</source>
        <translation>Déposez des fichiers ou dossiers ici : ils sont copiés dans %1 et stockés sur le réseau.</translation>
    </message>
</context>
<context>
    <name>stratus::ui::EarningsChart</name>
    <message>
        <source>Earnings per epoch by component</source>
        <translation>Gains par époque et par composante</translation>
    </message>
    <message>
        <source>Earnings per epoch (credits)</source>
        <translation>Gains par époque (crédits)</translation>
    </message>
    <message>
        <source>Base</source>
        <translation>Base</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>Stockage</translation>
    </message>
    <message>
        <source>Egress</source>
        <translation>Trafic sortant</translation>
    </message>
    <message>
        <source>Penalties</source>
        <translation>Pénalités</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>Époque</translation>
    </message>
</context>
<context>
    <name>stratus::ui::EarningsPanel</name>
    <message>
        <source>Storage node whose earnings are shown</source>
        <translation>Nœud de stockage dont les gains sont affichés</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>&amp;Recharger</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>Époque</translation>
    </message>
    <message>
        <source>Base</source>
        <translation>Base</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>Stockage</translation>
    </message>
    <message>
        <source>Egress</source>
        <translation>Trafic sortant</translation>
    </message>
    <message>
        <source>Multiplier</source>
        <translation>Multiplicateur</translation>
    </message>
    <message>
        <source>Penalties</source>
        <translation>Pénalités</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Audited</source>
        <translation>Audité</translation>
    </message>
    <message>
        <source>Statement history</source>
        <translation>Historique des relevés</translation>
    </message>
    <message>
        <source>&amp;Verify statement</source>
        <translation>&amp;Vérifier le relevé</translation>
    </message>
    <message>
        <source>Exports the selected epoch&apos;s signed statement and checks every signature, receipt and the recomputation</source>
        <translation>Exporte le relevé signé de l’époque choisie et vérifie chaque signature, chaque reçu et le recalcul</translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation>E&amp;xporter en CSV…</translation>
    </message>
    <message>
        <source>Node:</source>
        <translation>Nœud :</translation>
    </message>
    <message>
        <source>This epoch (estimate):</source>
        <translation>Cette époque (estimation) :</translation>
    </message>
    <message>
        <source>This month (estimate):</source>
        <translation>Ce mois-ci (estimation) :</translation>
    </message>
    <message>
        <source>No earnings for this node.</source>
        <translation>Aucun gain pour ce nœud.</translation>
    </message>
    <message>
        <source>The node did not answer: %1</source>
        <translation>Le nœud n’a pas répondu : %1</translation>
    </message>
    <message>
        <source>%1 (epoch %2)</source>
        <translation>%1 (époque %2)</translation>
    </message>
    <message>
        <source>Statement %1</source>
        <translation>Relevé %1</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>Verifying epoch %1…</source>
        <translation>Vérification de l’époque %1…</translation>
    </message>
    <message>
        <source>Epoch %1: the statement holds (%2)</source>
        <translation>Époque %1 : le relevé est valide (%2)</translation>
    </message>
    <message>
        <source>Epoch %1: does not verify: %2</source>
        <translation>Époque %1 : la vérification échoue : %2</translation>
    </message>
    <message>
        <source>Export earnings</source>
        <translation>Exporter les gains</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>Exporté vers %1</translation>
    </message>
    <message>
        <source>Could not export: %1</source>
        <translation>Échec de l’export : %1</translation>
    </message>
</context>
<context>
    <name>stratus::ui::FilesPage</name>
    <message>
        <source>This is a local network: all of its nodes run on this one machine. It is for trying Stratus out and is no backup.</source>
        <translation>Ceci est un réseau local : tous ses nœuds tournent sur cette seule machine. Il sert à essayer Stratus et n’est pas une sauvegarde.</translation>
    </message>
    <message>
        <source>Files on the network</source>
        <translation>Fichiers sur le réseau</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Activité</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>Not copied: %1 (%2)</source>
        <translation>Non copié : %1 (%2)</translation>
    </message>
    <message>
        <source>Copied %1 (%2) into the folder</source>
        <translation>%1 (%2) copié dans le dossier</translation>
    </message>
    <message>
        <source>Stored %1 as %2</source>
        <translation>%1 stocké sous %2</translation>
    </message>
    <message>
        <source>Could not store %1: %2</source>
        <translation>Impossible de stocker %1 : %2</translation>
    </message>
    <message>
        <source>Cannot create the synced folder %1</source>
        <translation>Impossible de créer le dossier synchronisé %1</translation>
    </message>
    <message numerus="yes">
        <source>Copying %n item(s) into %1</source>
        <translation>
            <numerusform>Copie de %n élément dans %1</numerusform>
            <numerusform>Copie de %n éléments dans %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not list the files: %1</source>
        <translation>Impossible de lister les fichiers : %1</translation>
    </message>
    <message numerus="yes">
        <source>syncing (%n waiting)</source>
        <translation>
            <numerusform>synchronisation (%n en attente)</numerusform>
            <numerusform>synchronisation (%n en attente)</numerusform>
        </translation>
    </message>
    <message>
        <source>Up %1/s · down %2/s</source>
        <translation>Envoi %1/s · réception %2/s</translation>
    </message>
    <message>
        <source>&amp;Fetch into the synced folder</source>
        <translation>&amp;Récupérer dans le dossier synchronisé</translation>
    </message>
    <message>
        <source>&amp;Remove from the network</source>
        <translation>&amp;Supprimer du réseau</translation>
    </message>
    <message>
        <source>Fetching %1…</source>
        <translation>Récupération de %1…</translation>
    </message>
    <message>
        <source>Removing %1 from the network…</source>
        <translation>Suppression de %1 du réseau…</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>&amp;Réessayer</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Conflits</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>Corbeille</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Versions</translation>
    </message>
    <message numerus="yes">
        <source>Copied %n file(s) (%1) into the folder</source>
        <translation>
            <numerusform>%n fichier (%1) copié dans le dossier</numerusform>
            <numerusform>%n fichiers (%1) copiés dans le dossier</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stored %n file(s)</source>
        <translation>
            <numerusform>%n fichier stocké</numerusform>
            <numerusform>%n fichiers stockés</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stratus::ui::FirstRunWizard</name>
    <message>
        <source>Welcome to Stratus</source>
        <translation>Bienvenue dans Stratus</translation>
    </message>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>Impossible de créer le dossier %1</translation>
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
        <translation>Conflits ouverts</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>The conflict copy holds</source>
        <translation>La copie de conflit contient</translation>
    </message>
    <message>
        <source>Conflict copy</source>
        <translation>Copie de conflit</translation>
    </message>
    <message>
        <source>Keep &amp;mine</source>
        <translation>Garder la &amp;mienne</translation>
    </message>
    <message>
        <source>This device&apos;s version stays; the other goes to the trash</source>
        <translation>La version de cet appareil reste ; l’autre va à la corbeille</translation>
    </message>
    <message>
        <source>Keep &amp;theirs</source>
        <translation>Garder la Garder la leu&amp;ramp;leur</translation>
    </message>
    <message>
        <source>The other device&apos;s version stays; this device&apos;s goes to the trash</source>
        <translation>La version de l’autre appareil reste ; celle de cet appareil va à la corbeille</translation>
    </message>
    <message>
        <source>Keep &amp;both</source>
        <translation>Garder les &amp;deux</translation>
    </message>
    <message>
        <source>The conflict copy gets an ordinary name beside the file</source>
        <translation>La copie de conflit reçoit un nom ordinaire à côté du fichier</translation>
    </message>
    <message>
        <source>Deleted files</source>
        <translation>Fichiers supprimés</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Supprimé</translation>
    </message>
    <message>
        <source>Re&amp;store</source>
        <translation>Re&amp;staurer</translation>
    </message>
    <message>
        <source>Brings the file back into its synced folder, on every device</source>
        <translation>Remet le fichier dans son dossier synchronisé, sur chaque appareil</translation>
    </message>
    <message>
        <source>Select a file in &quot;Files on the network&quot; to see its versions.</source>
        <translation>Choisissez un fichier dans « Fichiers sur le réseau » pour voir ses versions.</translation>
    </message>
    <message>
        <source>Versions of the selected file</source>
        <translation>Versions du fichier choisi</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Modifié</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>Enregistré</translation>
    </message>
    <message>
        <source>Restore this &amp;version</source>
        <translation>Restaurer cette &amp;version</translation>
    </message>
    <message>
        <source>Puts this version back as the file (the current one is kept as a version)</source>
        <translation>Remet cette version comme fichier (l’actuelle est gardée comme version)</translation>
    </message>
    <message>
        <source>Could not read the folders&apos; history: %1</source>
        <translation>Impossible de lire l’historique des dossiers : %1</translation>
    </message>
    <message>
        <source>this device&apos;s version</source>
        <translation>la version de cet appareil</translation>
    </message>
    <message>
        <source>the version of device %1</source>
        <translation>la version de l’appareil %1</translation>
    </message>
    <message>
        <source>Versions of %1 (newest first)</source>
        <translation>Versions de %1 (les plus récentes d’abord)</translation>
    </message>
    <message>
        <source>No versions of %1: %2</source>
        <translation>Aucune version de %1 : %2</translation>
    </message>
    <message>
        <source>%1 (deleted)</source>
        <translation>%1 (supprimée)</translation>
    </message>
    <message>
        <source>Conflict on /%1/%2 resolved: /%1/%3 stays</source>
        <translation>Conflit sur /%1/%2 résolu : /%1/%3 reste</translation>
    </message>
    <message>
        <source>Could not resolve the conflict on /%1/%2: %3</source>
        <translation>Impossible de résoudre le conflit sur /%1/%2 : %3</translation>
    </message>
    <message>
        <source>Restored version %1 of %2 to %3</source>
        <translation>Version %1 de %2 restaurée dans %3</translation>
    </message>
    <message>
        <source>Could not restore %1: %2</source>
        <translation>Impossible de restaurer %1 : %2</translation>
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
        <translation>Pages</translation>
    </message>
    <message>
        <source>%1 (Ctrl+%2)</source>
        <translation>%1 (Ctrl+%2)</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Fichiers</translation>
    </message>
    <message>
        <source>Storage node</source>
        <translation>Nœud de stockage</translation>
    </message>
    <message>
        <source>Paper node</source>
        <translation>Nœud papier</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source> · paused</source>
        <translation> · suspendu</translation>
    </message>
    <message>
        <source> · syncing</source>
        <translation> · synchronisation</translation>
    </message>
</context>
<context>
    <name>stratus::ui::NetworkChoicePage</name>
    <message>
        <source>The network</source>
        <translation>Le réseau</translation>
    </message>
    <message>
        <source>Where your encrypted files are stored.</source>
        <translation>Où vos fichiers chiffrés sont stockés.</translation>
    </message>
    <message>
        <source>A &amp;local network on this computer</source>
        <translation>Un réseau &amp;local sur cet ordinateur</translation>
    </message>
    <message>
        <source>The app starts a small network of storage nodes itself. All of them live on this one machine: it is for trying Stratus out and is no backup. Files stored there are lost with this computer.</source>
        <translation>L’application lance elle-même un petit réseau de nœuds de stockage. Tous vivent sur cette seule machine : il sert à essayer Stratus et n’est pas une sauvegarde. Les fichiers qui y sont stockés disparaissent avec cet ordinateur.</translation>
    </message>
    <message>
        <source>The network of a network &amp;file:</source>
        <translation>Le réseau d’un &amp;fichier réseau :</translation>
    </message>
    <message>
        <source>Network file</source>
        <translation>Fichier réseau</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <source>Network files (*.json)</source>
        <translation>Fichiers réseau (*.json)</translation>
    </message>
</context>
<context>
    <name>stratus::ui::PaperPage</name>
    <message>
        <source>&amp;Run a paper node on this computer</source>
        <translation>&amp;Faire tourner un nœud papier sur cet ordinateur</translation>
    </message>
    <message>
        <source>A paper node audits the network&apos;s storage nodes and publishes what it saw in a public, verifiable log</source>
        <translation>Un nœud papier audite les nœuds de stockage du réseau et publie ce qu’il a vu dans un journal public et vérifiable</translation>
    </message>
    <message>
        <source>Root of the log&apos;s signed tree head</source>
        <translation>Racine de la tête d’arbre signée du journal</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Nœud</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation>Latence (ms)</translation>
    </message>
    <message>
        <source>Recent audits</source>
        <translation>Audits récents</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Audit score</source>
        <translation>Score d’audit</translation>
    </message>
    <message>
        <source>Online score</source>
        <translation>Disponibilité</translation>
    </message>
    <message>
        <source>Latency p95 (ms)</source>
        <translation>Latence p95 (ms)</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Réussis</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échoués</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>En ligne</translation>
    </message>
    <message>
        <source>Scores per node</source>
        <translation>Scores par nœud</translation>
    </message>
    <message>
        <source>Another paper node&apos;s id or name (empty: all of the network&apos;s)</source>
        <translation>Identifiant ou nom d’un autre nœud papier (vide : tous ceux du réseau)</translation>
    </message>
    <message>
        <source>Paper node to verify</source>
        <translation>Nœud papier à vérifier</translation>
    </message>
    <message>
        <source>&amp;Verify log</source>
        <translation>&amp;Vérifier le journal</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>État :</translation>
    </message>
    <message>
        <source>Audits:</source>
        <translation>Audits :</translation>
    </message>
    <message>
        <source>Log size:</source>
        <translation>Taille du journal :</translation>
    </message>
    <message>
        <source>Tree head root:</source>
        <translation>Racine de la tête d’arbre :</translation>
    </message>
    <message>
        <source>Verify another validator&apos;s log:</source>
        <translation>Vérifier le journal d’un autre validateur :</translation>
    </message>
    <message>
        <source>changing…</source>
        <translation>changement en cours…</translation>
    </message>
    <message>
        <source>running as node %1</source>
        <translation>tourne comme nœud %1</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>arrêté</translation>
    </message>
    <message numerus="yes">
        <source>%1 audits in %2 rounds, %n node(s) audited, epoch %3</source>
        <translation>
            <numerusform>%1 audits en %2 tours, %n nœud audité, époque %3</numerusform>
            <numerusform>%1 audits en %2 tours, %n nœuds audités, époque %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n entrée</numerusform>
            <numerusform>%n entrées</numerusform>
        </translation>
    </message>
    <message>
        <source> (not named by the network file: its attestations do not count)</source>
        <translation> (absent du fichier réseau : ses attestations ne comptent pas)</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>réussi</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>échoué : %1</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>Verifying…</source>
        <translation>Vérification…</translation>
    </message>
    <message>
        <source>%1: consistent, %2 entries, root %3</source>
        <translation>%1 : cohérent, %2 entrées, racine %3</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>Signature of the log&apos;s tree head</source>
        <translation>Signature de la tête d’arbre du journal</translation>
    </message>
    <message>
        <source>Signed:</source>
        <translation>Signée :</translation>
    </message>
    <message>
        <source>Signature:</source>
        <translation>Signature :</translation>
    </message>
    <message>
        <source>Ed25519 signature by key %1</source>
        <translation>Signature Ed25519 par la clé %1</translation>
    </message>
    <message>
        <source>%1, by this paper node&apos;s key; the signature checks out</source>
        <translation>%1, par la clé de ce nœud papier ; la signature est valide</translation>
    </message>
    <message>
        <source>%1; the signature does NOT check out</source>
        <translation>%1 ; la signature n’est PAS valide</translation>
    </message>
</context>
<context>
    <name>stratus::ui::RemoteActions</name>
    <message>
        <source>cannot create %1</source>
        <translation>impossible de créer %1</translation>
    </message>
    <message>
        <source>fetched to %1</source>
        <translation>récupéré dans %1</translation>
    </message>
    <message>
        <source>removed from the network</source>
        <translation>supprimé du réseau</translation>
    </message>
    <message>
        <source>removed; %1</source>
        <translation>supprimé ; %1</translation>
    </message>
    <message>
        <source>deleted from %1; the deletion syncs and the file stays in the trash</source>
        <translation>supprimé de %1 ; la suppression se synchronise et le fichier reste dans la corbeille</translation>
    </message>
    <message>
        <source>cannot delete %1</source>
        <translation>impossible de supprimer %1</translation>
    </message>
</context>
<context>
    <name>stratus::ui::RemoteTreeModel</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Modifié</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Santé</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <source>%1 of %2 shards reachable</source>
        <translation>%1 fragments sur %2 joignables</translation>
    </message>
    <message>
        <source> (repair pending)</source>
        <translation> (réparation en attente)</translation>
    </message>
    <message>
        <source>On this device</source>
        <translation>Sur cet appareil</translation>
    </message>
    <message>
        <source>synced</source>
        <translation>synchronisé</translation>
    </message>
    <message>
        <source>changed here, syncing</source>
        <translation>modifié ici, synchronisation</translation>
    </message>
    <message>
        <source>not here (yet)</source>
        <translation>pas (encore) ici</translation>
    </message>
    <message>
        <source>only on the network</source>
        <translation>seulement sur le réseau</translation>
    </message>
</context>
<context>
    <name>stratus::ui::RestoreSecretPage</name>
    <message>
        <source>Restore your account</source>
        <translation>Restaurer votre compte</translation>
    </message>
    <message>
        <source>Type your recovery secret: 13 groups of 5 characters, separated by dashes.</source>
        <translation>Saisissez votre secret de récupération : 13 groupes de 5 caractères séparés par des tirets.</translation>
    </message>
    <message>
        <source>Recovery secret</source>
        <translation>Secret de récupération</translation>
    </message>
    <message>
        <source>The secret is valid.</source>
        <translation>Le secret est valide.</translation>
    </message>
    <message>
        <source>A recovery secret has %1 groups of %2 characters (%3 in all), but %4 were typed: check for a missing or extra character.</source>
        <translation>Une clé de récupération compte %1 groupes de %2 caractères (%3 en tout), mais %4 ont été saisis : vérifiez s’il manque un caractère ou s’il y en a un de trop.</translation>
    </message>
    <message>
        <source>Group %1 (&quot;%2&quot;) contains &apos;%3&apos;, which never appears in a recovery secret.</source>
        <translation>Le groupe %1 (« %2 ») contient « %3 », qui n’apparaît jamais dans une clé de récupération.</translation>
    </message>
    <message>
        <source>Group %1 (&quot;%2&quot;) has a typo: its check character does not match.</source>
        <translation>Le groupe %1 (« %2 ») contient une faute de frappe : son caractère de contrôle ne correspond pas.</translation>
    </message>
    <message>
        <source>The recovery secret could not be decoded.</source>
        <translation>La clé de récupération n’a pas pu être décodée.</translation>
    </message>
    <message>
        <source>The recovery secret&apos;s checksum does not match: groups may be out of order.</source>
        <translation>La somme de contrôle de la clé de récupération ne correspond pas : des groupes sont peut-être inversés.</translation>
    </message>
</context>
<context>
    <name>stratus::ui::Session</name>
    <message>
        <source>Starting the local network…</source>
        <translation>Démarrage du réseau local…</translation>
    </message>
    <message>
        <source>Connecting to the network…</source>
        <translation>Connexion au réseau…</translation>
    </message>
    <message>
        <source>The local network did not start: %1</source>
        <translation>Le réseau local n’a pas démarré : %1</translation>
    </message>
    <message>
        <source>Connected to the local network</source>
        <translation>Connecté au réseau local</translation>
    </message>
    <message>
        <source>Connected to the network</source>
        <translation>Connecté au réseau</translation>
    </message>
    <message>
        <source>no free port for the node</source>
        <translation>aucun port libre pour le nœud</translation>
    </message>
    <message>
        <source>The node: %1</source>
        <translation>Le nœud : %1</translation>
    </message>
    <message>
        <source>The node %1 runs</source>
        <translation>Le nœud %1 tourne</translation>
    </message>
    <message>
        <source>The node stopped</source>
        <translation>Le nœud s’est arrêté</translation>
    </message>
    <message>
        <source>The network file %1 does not exist: choose one in Settings</source>
        <translation>Le fichier réseau %1 n’existe pas : choisissez-en un dans les Paramètres</translation>
    </message>
    <message numerus="yes">
        <source>Syncing %n folder(s)</source>
        <translation>
            <numerusform>Synchronisation de %n dossier</numerusform>
            <numerusform>Synchronisation de %n dossiers</numerusform>
        </translation>
    </message>
    <message>
        <source>Sync did not start: %1</source>
        <translation>La synchronisation n’a pas démarré : %1</translation>
    </message>
</context>
<context>
    <name>stratus::ui::SettingsPage</name>
    <message>
        <source> KiB/s</source>
        <translation> Kio/s</translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation>illimité</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Réseau</translation>
    </message>
    <message>
        <source>A &amp;local network on this computer (for trying out; no backup)</source>
        <translation>Un réseau &amp;local sur cet ordinateur (pour essayer ; pas une sauvegarde)</translation>
    </message>
    <message>
        <source>The network of a &amp;network file:</source>
        <translation>Le réseau d’un fichier &amp;réseau :</translation>
    </message>
    <message>
        <source>Network file</source>
        <translation>Fichier réseau</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <source>Upload limit</source>
        <translation>Limite d’envoi</translation>
    </message>
    <message>
        <source>Download limit</source>
        <translation>Limite de réception</translation>
    </message>
    <message>
        <source> GiB</source>
        <translation> Gio</translation>
    </message>
    <message>
        <source>Storage allocation</source>
        <translation>Allocation de stockage</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>Start Stratus when I log in</source>
        <translation>Lancer Stratus à l’ouverture de session</translation>
    </message>
    <message>
        <source>Upload limit:</source>
        <translation>Limite d’envoi :</translation>
    </message>
    <message>
        <source>Download limit:</source>
        <translation>Limite de réception :</translation>
    </message>
    <message>
        <source>Storage to contribute:</source>
        <translation>Stockage à contribuer :</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Langue :</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>Network files (*.json)</source>
        <translation>Fichiers réseau (*.json)</translation>
    </message>
    <message>
        <source>Start at login: %1</source>
        <translation>Lancement à l’ouverture de session : %1</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Enregistré.</translation>
    </message>
    <message>
        <source>The new network is used from the next start.</source>
        <translation>Le nouveau réseau sera utilisé au prochain démarrage.</translation>
    </message>
    <message>
        <source>The language changes once the files being stored are done, or at the next start.</source>
        <translation>La langue changera une fois les fichiers en cours stockés, ou au prochain démarrage.</translation>
    </message>
</context>
<context>
    <name>stratus::ui::ShowSecretPage</name>
    <message>
        <source>Your recovery secret</source>
        <translation>Votre secret de récupération</translation>
    </message>
    <message>
        <source>Write it down on paper and keep it safe. It is the only way to get your files back if this computer is lost. Nobody, not even the Stratus network, can recover it for you.</source>
        <translation>Notez-le sur papier et gardez-le en lieu sûr. C’est le seul moyen de récupérer vos fichiers si cet ordinateur est perdu. Personne, pas même le réseau Stratus, ne peut le retrouver pour vous.</translation>
    </message>
    <message>
        <source>Recovery secret</source>
        <translation>Secret de récupération</translation>
    </message>
    <message>
        <source>I have &amp;written down my recovery secret</source>
        <translation>J’ai &amp;noté mon secret de récupération</translation>
    </message>
</context>
<context>
    <name>stratus::ui::StoragePage</name>
    <message>
        <source>&amp;Contribute storage to the network</source>
        <translation>&amp;Contribuer du stockage au réseau</translation>
    </message>
    <message>
        <source> GiB</source>
        <translation> Gio</translation>
    </message>
    <message>
        <source>Storage to contribute</source>
        <translation>Stockage à contribuer</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Appliquer</translation>
    </message>
    <message>
        <source>Node id</source>
        <translation>Identifiant du nœud</translation>
    </message>
    <message>
        <source>Cop&amp;y</source>
        <translation>Cop&amp;ier</translation>
    </message>
    <message>
        <source>Copy the node id</source>
        <translation>Copier l’identifiant du nœud</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Nœud</translation>
    </message>
    <message>
        <source>Paper nodes</source>
        <translation>Nœuds papier</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Audit score</source>
        <translation>Score d’audit</translation>
    </message>
    <message>
        <source>Online score</source>
        <translation>Disponibilité</translation>
    </message>
    <message>
        <source>Latency p95 (ms)</source>
        <translation>Latence p95 (ms)</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>En ligne</translation>
    </message>
    <message>
        <source>Eligible</source>
        <translation>Éligible</translation>
    </message>
    <message>
        <source>Standings of the storage nodes</source>
        <translation>Classement des nœuds de stockage</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>État :</translation>
    </message>
    <message>
        <source>Node id:</source>
        <translation>Identifiant du nœud :</translation>
    </message>
    <message>
        <source>Uptime:</source>
        <translation>Temps de fonctionnement :</translation>
    </message>
    <message>
        <source>Capacity:</source>
        <translation>Capacité :</translation>
    </message>
    <message>
        <source>How the paper nodes see the network&apos;s storage nodes:</source>
        <translation>Comment les nœuds papier voient les nœuds de stockage du réseau :</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Earnings</source>
        <translation>Gains</translation>
    </message>
    <message>
        <source>changing…</source>
        <translation>changement en cours…</translation>
    </message>
    <message>
        <source>contributing %1</source>
        <translation>contribue %1</translation>
    </message>
    <message>
        <source>not contributing</source>
        <translation>ne contribue pas</translation>
    </message>
    <message>
        <source>The paper nodes did not answer: %1</source>
        <translation>Les nœuds papier n’ont pas répondu : %1</translation>
    </message>
    <message>
        <source>This computer (%1)</source>
        <translation>Cet ordinateur (%1)</translation>
    </message>
    <message>
        <source>%1 (this computer)</source>
        <translation>%1 (cet ordinateur)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>No warnings.</source>
        <translation>Aucun avertissement.</translation>
    </message>
    <message>
        <source>This computer&apos;s node is not listed by the network&apos;s paper nodes yet: it receives shards and earns once they audit it.</source>
        <translation>Le nœud de cet ordinateur n’est pas encore recensé par les nœuds papier du réseau : il recevra des fragments et gagnera dès qu’ils l’auront audité.</translation>
    </message>
    <message>
        <source>Paper node</source>
        <translation>Nœud papier</translation>
    </message>
    <message>
        <source>Latency score</source>
        <translation>Score de latence</translation>
    </message>
    <message>
        <source>Scores of the selected node, per paper node</source>
        <translation>Scores du nœud choisi, par nœud papier</translation>
    </message>
    <message numerus="yes">
        <source>%1 stored + %2 trash = %3 used; %4 free; %5 allocated (%n shard(s))</source>
        <translation>
            <numerusform>%1 stockés + %2 corbeille = %3 utilisés ; %4 libres ; %5 alloués (%n fragment)</numerusform>
            <numerusform>%1 stockés + %2 corbeille = %3 utilisés ; %4 libres ; %5 alloués (%n fragments)</numerusform>
        </translation>
    </message>
    <message>
        <source>Trash: shards whose contracts expired or were deleted by their owners; they are removed at the next garbage collection.</source>
        <translation>Corbeille : fragments dont les contrats ont expiré ou ont été supprimés par leurs propriétaires ; ils sont effacés au prochain nettoyage.</translation>
    </message>
    <message>
        <source>Select a node to see what each paper node says of it.</source>
        <translation>Choisissez un nœud pour voir ce que chaque nœud papier en dit.</translation>
    </message>
    <message>
        <source>%1, as each paper node sees it:</source>
        <translation>%1, vu par chaque nœud papier :</translation>
    </message>
</context>
<context>
    <name>stratus::ui::SyncFolderPage</name>
    <message>
        <source>The folder to sync</source>
        <translation>Le dossier à synchroniser</translation>
    </message>
    <message>
        <source>What you put in this folder is encrypted and stored on the network.</source>
        <translation>Ce que vous mettez dans ce dossier est chiffré et stocké sur le réseau.</translation>
    </message>
    <message>
        <source>Folder to sync</source>
        <translation>Dossier à synchroniser</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
</context>
<context>
    <name>stratus::ui::SyncFoldersBox</name>
    <message>
        <source>Synced folders</source>
        <translation>Dossiers synchronisés</translation>
    </message>
    <message>
        <source>A&amp;dd…</source>
        <translation>A&amp;jouter…</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>Re&amp;tirer</translation>
    </message>
    <message>
        <source>Stops syncing the folder; its files stay on this computer and on the network</source>
        <translation>Arrête de synchroniser le dossier ; ses fichiers restent sur cet ordinateur et sur le réseau</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Ouvrir</translation>
    </message>
    <message>
        <source>Add a folder to sync</source>
        <translation>Ajouter un dossier à synchroniser</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>suspendu</translation>
    </message>
    <message>
        <source>up to date</source>
        <translation>à jour</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Reprendre</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Suspendre</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n fichier</numerusform>
            <numerusform>%n fichiers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n conflit</numerusform>
            <numerusform>%n conflits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n problème</numerusform>
            <numerusform>%n problèmes</numerusform>
        </translation>
    </message>
    <message>
        <source>Pause or resume syncing the selected folder</source>
        <translation>Mettre en pause ou reprendre la synchronisation du dossier choisi</translation>
    </message>
    <message>
        <source>&amp;Resume all</source>
        <translation>&amp;Tout reprendre</translation>
    </message>
</context>
<context>
    <name>stratus::ui::TrayIcon</name>
    <message>
        <source>&amp;Show Stratus</source>
        <translation>&amp;Afficher Stratus</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>Stratus: %1</source>
        <translation>Stratus : %1</translation>
    </message>
    <message>
        <source>&amp;Resume syncing</source>
        <translation>&amp;Reprendre la synchronisation</translation>
    </message>
    <message>
        <source>&amp;Pause syncing</source>
        <translation>&amp;Suspendre la synchronisation</translation>
    </message>
    <message>
        <source>%1 was not stored: %2</source>
        <translation>%1 n’a pas été stocké : %2</translation>
    </message>
</context>
<context>
    <name>stratus::ui::UsageChart</name>
    <message>
        <source>Utilization over time</source>
        <translation>Utilisation dans le temps</translation>
    </message>
    <message>
        <source>Utilization (% of the storage allocated)</source>
        <translation>Utilisation (% du stockage alloué)</translation>
    </message>
    <message>
        <source>This node</source>
        <translation>Ce nœud</translation>
    </message>
    <message>
        <source>The network (per epoch)</source>
        <translation>Le réseau (par époque)</translation>
    </message>
</context>
</TS>
