import type { Catalog } from './en';
import { peopleMessages } from './messages/people';
import { organizationsMessages } from './messages/organizations';
import { dealsMessages } from './messages/deals';
import { activitiesMessages } from './messages/activities';
import { tasksMessages } from './messages/tasks';
import { dashboardMessages } from './messages/dashboard';
import { backupsMessages } from './messages/backups';
import { transferMessages } from './messages/transfer';
import { privacyMessages } from './messages/privacy';
import { crmMessages } from './messages/crm';
import { mergeMessages } from './messages/merge';
import { listsMessages } from './messages/lists';
import { settingsCrmMessages } from './messages/settings-crm';
import { trashMessages } from './messages/trash';
import { restrictionMessages } from './messages/restriction';
import { requestsMessages } from './messages/requests';
import { naturalPersonMessages } from './messages/natural-person';
import { rightsEraseMessages } from './messages/rights-erase';
import { accessMessages } from './messages/access';
import { relayMessages } from './messages/relay';
import { syncMessages } from './messages/sync';
import { contactCheckMessages } from './messages/contact-check';

/** Catalogo italiano. */
export const it: Catalog = {
  app: {
    name: 'Scrigno',
    tagline: 'I tuoi clienti, sul tuo computer',
    skipToContent: 'Vai al contenuto',
    mainNavigation: 'Navigazione principale',
  },
  nav: {
    dashboard: 'Panoramica',
    contacts: 'Contatti',
    organizations: 'Organizzazioni',
    deals: 'Trattative',
    tasks: 'Compiti',
    privacy: 'Privacy',
    backups: 'Backup',
    settings: 'Impostazioni',
  },
  sections: {
    dashboard: {
      title: 'Panoramica',
      empty:
        'Ancora niente da mostrare. Qui compariranno i grafici di pipeline, risultati e carico di lavoro.',
    },
    contacts: {
      title: 'Contatti',
      empty: 'Ancora nessun contatto. Qui compariranno le persone con cui lavori.',
    },
    organizations: {
      title: 'Organizzazioni',
      empty: 'Ancora nessuna organizzazione. Qui compariranno aziende ed enti.',
    },
    deals: { title: 'Trattative', empty: 'Ancora nessuna trattativa. Qui comparirà la tua pipeline.' },
    tasks: { title: 'Compiti', empty: 'Niente da fare. Qui compariranno compiti e promemoria.' },
    privacy: {
      title: 'Privacy',
      empty: 'Qui compariranno le richieste degli interessati, i consensi e il registro dei trattamenti.',
    },
    backups: { title: 'Backup', empty: 'Nessuna cartella di backup scelta.' },
    settings: { title: 'Impostazioni' },
  },
  commands: {
    print: 'Stampa o salva in PDF…',
    settingsCustomFields: 'Modifica i campi personalizzati',
    settingsPipeline: 'Modifica le fasi della pipeline',
    settingsTags: 'Gestisci le etichette',
    privacyController: 'Dati del titolare (privacy)',
    privacyPurposes: 'Finalità e basi giuridiche',
    privacyRegister: 'Registro delle attività di trattamento',
    privacyBreaches: 'Registro delle violazioni',
    privacyRequests: 'Richieste degli interessati',
    newTag: 'Nuova etichetta',
    renameTag: 'Rinomina un’etichetta',
    trashTag: 'Elimina un’etichetta',
    newCustomField: 'Nuovo campo personalizzato',
    renameCustomField: 'Rinomina un campo personalizzato',
    trashCustomField: 'Elimina un campo personalizzato',
    newStage: 'Nuova fase della pipeline',
    renameStage: 'Rinomina una fase della pipeline',
    reorderStages: 'Riordina le fasi della pipeline',
    removeStage: 'Rimuovi una fase della pipeline',
    reorderCustomFields: 'Riordina i campi personalizzati',
    unavailable: 'Non disponibile qui',
    pickTitle: 'Registra un’attività su…',
    pickPlaceholder: 'Scrivi il nome di una persona o di un’organizzazione',
    pickHint: 'Scegli la persona o l’organizzazione a cui si riferisce l’attività.',
    importCsv: 'Importa contatti da CSV',
    importVcard: 'Importa contatti da vCard',
    importArchive: 'Importa un archivio Scrigno',
    exportCsv: 'Esporta un elenco in CSV',
    exportVcard: 'Esporta le persone in vCard',
    exportIcal: 'Esporta il calendario (iCalendar)',
    exportArchive: 'Esporta l’archivio portabile',
    palette: 'Riquadro comandi',
    paletteTitle: 'Esegui un comando',
    palettePlaceholder: 'Scrivi un comando…',
    paletteEmpty: 'Nessun comando corrisponde.',
    toggleTheme: 'Passa a tema chiaro/scuro',
    languageIt: 'Lingua: italiano',
    languageEn: 'Lingua: inglese',
    newPerson: 'Nuova persona',
    newOrganization: 'Nuova organizzazione',
    newDeal: 'Nuova trattativa',
    logActivity: 'Registra un’attività',
    newTask: 'Nuovo compito',
    dealsSwitchView: 'Trattative: passa tra bacheca ed elenco',
    tasksSwitchView: 'Compiti: passa tra gruppi ed elenco',
    undo: 'Annulla l’ultima modifica',
    lock: 'Blocca Scrigno',
    gdprText: 'Apri il testo del GDPR',
    nav: {
      dashboard: 'Vai a Panoramica',
      contacts: 'Vai a Contatti',
      organizations: 'Vai a Organizzazioni',
      deals: 'Vai a Trattative',
      tasks: 'Vai a Compiti',
      privacy: 'Vai a Privacy',
      backups: 'Vai a Backup',
      settings: 'Apri Impostazioni',
      trash: 'Vai al Cestino',
      transfer: 'Vai a Importa ed esporta',
    },
  },
  menu: {
    file: 'File',
    edit: 'Modifica',
    view: 'Vista',
    go: 'Vai',
    help: 'Aiuto',
    quit: 'Esci da Scrigno',
    undo: 'Annulla',
    redo: 'Ripeti',
    cut: 'Taglia',
    copy: 'Copia',
    paste: 'Incolla',
    selectAll: 'Seleziona tutto',
    exportDiagnostics: 'Esporta rapporto diagnostico…',
  },
  settings: {
    appearance: 'Aspetto',
    language: 'Lingua',
    languageHint: 'Scrigno segue la lingua del sistema finché non ne scegli una qui.',
    languageSystem: 'Sistema ({{language}})',
    theme: 'Tema',
    themeSystem: 'Sistema',
    themeLight: 'Chiaro',
    themeDark: 'Scuro',
    about: 'Informazioni',
    version: 'Versione {{version}} · {{transport}}',
    transportElectron: 'app desktop',
    transportWeb: 'modalità web',
    shortcuts: 'Scorciatoie da tastiera',
  },
  languages: { it: 'Italiano', en: 'English' },
  errors: {
    boundaryTitle: 'Qualcosa è andato storto in questa schermata',
    boundaryBody: 'I tuoi dati sono al sicuro: non è stato modificato nulla. Puoi tornare dove eri.',
    boundaryRetry: 'Riprova',
    host: {
      'invalid-input': 'La richiesta non era valida ed è stata rifiutata.',
      'invalid-output': 'Il sistema ha risposto in modo inatteso.',
      'unknown-channel': 'Questa funzione non è disponibile qui.',
      'forbidden-sender': 'La richiesta non proveniva da Scrigno ed è stata rifiutata.',
      'bad-token':
        'Questa pagina non è autorizzata a comunicare con Scrigno. Apri l’indirizzo mostrato da «npm run web».',
      'bad-origin': 'La richiesta proveniva da un altro sito ed è stata rifiutata.',
      'path-rejected': 'Quel nome di file non è consentito.',
      'name-not-portable':
        'Quel nome di file non si può usare: Windows riserva nomi come CON, PRN, AUX, NUL, COM1 e LPT1, e i caratteri < > : " | ? *.',
      'file-linked':
        'Quel file è un collegamento, o è collegato anche da fuori della cartella scelta, quindi Scrigno non lo apre.',
      'folder-not-granted': 'Scrigno non ha il permesso per quella cartella. Sceglila di nuovo.',
      'folder-missing': 'La cartella non è raggiungibile. L’unità è collegata?',
      'not-found': 'Il file non esiste.',
      'no-space': 'Il disco è pieno. Non è stato scritto nulla.',
      'io-error': 'Il disco ha segnalato un errore. Non è stato modificato nulla.',
      'link-not-allowed': 'Scrigno apre solo collegamenti a siti ufficiali conosciuti.',
      'backup-corrupt': 'Il backup è danneggiato e non si può usare. I backup precedenti non sono toccati.',
      'backup-truncated': 'Il backup è incompleto: è stato interrotto durante la scrittura o la copia.',
      'backup-foreign': 'Questo file non è un backup Scrigno di questo archivio.',
      'backup-newer-version':
        'Questo backup è stato creato da una versione più recente di Scrigno. Aggiorna Scrigno per aprirlo.',
      'too-large': 'La richiesta supera i 256 MiB ed è stata rifiutata. Non è stato scritto nulla.',
      internal: 'Errore inatteso nella parte di sistema di Scrigno.',
      offline: 'I servizi di sistema di Scrigno non sono raggiungibili.',
    },
  },
  access: {
    welcomeTitle: 'Benvenuto in Scrigno',
    welcomeBody:
      'I tuoi dati restano solo su questo computer, cifrati con una passphrase che conosci solo tu. Sceglila con cura: senza di essa, o senza la chiave di recupero che riceverai tra poco, nessuno può aprire i tuoi dati — nemmeno noi.',
    passphrase: 'Passphrase',
    passphraseConfirm: 'Ripeti la passphrase',
    passphraseHint:
      'Usa alcune parole scollegate tra loro o una frase lunga. Serve almeno una robustezza «buona».',
    strength: 'Robustezza: {{label}}',
    strengthLabels: { s0: 'molto debole', s1: 'debole', s2: 'discreta', s3: 'buona', s4: 'eccellente' },
    mismatch: 'Le due passphrase sono diverse.',
    tooWeak: 'Questa passphrase è troppo facile da indovinare. Allungala o rendila meno prevedibile.',
    create: 'Crea il mio archivio cifrato',
    creating: 'Creazione dell’archivio… il calcolo della chiave richiede volutamente qualche istante.',
    recoveryTitle: 'La tua chiave di recupero',
    recoveryBody:
      'Se dimentichi la passphrase, questa chiave è l’unico modo per tornare ai tuoi dati. Viene mostrata solo adesso. Stampala o trascrivila e conservala in un luogo sicuro, lontano da questo computer.',
    recoveryPrint: 'Stampa o salva in PDF',
    recoveryPrintTitle: 'Scrigno — chiave di recupero',
    recoveryPrintNote:
      'Conserva questa pagina in un luogo sicuro. Chi ha questa chiave e il tuo computer può leggere i tuoi dati di Scrigno.',
    recoveryVault: 'Archivio {{id}} · creato il {{date}}',
    recoveryConfirm: 'Ho conservato la chiave di recupero in un luogo sicuro',
    recoveryContinue: 'Apri Scrigno',
    unlockTitle: 'Scrigno è bloccato',
    unlockBody: 'Inserisci la passphrase per aprire i tuoi dati.',
    unlock: 'Sblocca',
    unlocking: 'Sblocco in corso…',
    useRecovery: 'Ho dimenticato la passphrase: usa la chiave di recupero',
    usePassphrase: 'Usa la passphrase',
    recoveryKey: 'Chiave di recupero',
    recoveryKeyHint: 'Lettere e cifre come stampate; spazi e trattini non contano.',
    newPassphrase: 'Nuova passphrase',
    resetWithRecovery: 'Sblocca e imposta la nuova passphrase',
    lockedIdle_one: 'Scrigno si è bloccato dopo {{count}} minuto di inattività.',
    lockedIdle_other: 'Scrigno si è bloccato dopo {{count}} minuti di inattività.',
    lockedSystem:
      'Scrigno si è bloccato perché il computer è andato in sospensione o lo schermo è stato bloccato.',
    lockedManual: 'Scrigno è bloccato.',
    lock: 'Blocca',
    tamperedRecords_one:
      '{{count}} dato non è leggibile perché danneggiato o alterato. È stato saltato; tutto il resto è disponibile.',
    tamperedRecords_other:
      '{{count}} dati non sono leggibili perché danneggiati o alterati. Sono stati saltati; tutto il resto è disponibile.',
    restoreInstead: 'Arrivi da un altro computer? Ripristina da un backup',
    showPassphrase: 'Mostra la passphrase',
  },
  security: {
    notificationTitles: 'Mostra il titolo del compito nelle notifiche di sistema',
    notificationTitlesHint:
      'Solo mentre Scrigno è sbloccato, e mai a schermo bloccato. I centri notifiche conservano la cronologia fuori dal vault.',
    title: 'Sicurezza',
    autoLock: 'Blocca automaticamente dopo',
    autoLockMinutes_one: '{{count}} minuto di inattività',
    autoLockMinutes_other: '{{count}} minuti di inattività',
    passwordManager: 'Consenti ai gestori di password di salvare e compilare la passphrase',
    passwordManagerHint:
      'Disattivato di norma: una passphrase salvata apre i tuoi dati a chiunque usi questo account del computer. Solo su questo dispositivo.',
    changeTitle: 'Cambia passphrase',
    changeBody:
      'Viene riscritto solo lo slot della chiave; i tuoi dati non vengono toccati. La chiave di recupero resta valida. I backup fatti prima del cambio si aprono ancora con la vecchia passphrase, finché non vengono eliminati.',
    change: 'Cambia passphrase',
    changing: 'Modifica in corso…',
    changed: 'Passphrase cambiata. D’ora in poi usa quella nuova.',
    currentPassphrase: 'Passphrase attuale',
    currentMissing: 'Inserisci prima la passphrase attuale.',
    recoveryTitle: 'Nuova chiave di recupero',
    recoveryBody:
      'Sostituisce la chiave di recupero: da ora quella vecchia non apre più Scrigno. La passphrase e i tuoi dati restano come sono. I backup fatti prima conservano le chiavi del loro momento: si aprono ancora con la vecchia chiave di recupero, o con la passphrase di allora, finché non vengono eliminati.',
    recoveryCreate: 'Crea una nuova chiave di recupero',
    recoveryCreating: 'Creazione in corso…',
    recoveryShown:
      'La tua nuova chiave di recupero, mostrata solo ora. Stampala o scrivila, conservala in un luogo sicuro lontano da questo computer, poi distruggi quella vecchia.',
    recoveryDone: 'Ho conservato la nuova chiave',
    recoveryReplaced: 'Chiave di recupero sostituita. Quella vecchia non apre più Scrigno.',
    rotateTitle: 'Ruota la chiave principale',
    rotateBody:
      'Cifra di nuovo ogni dato con una nuova chiave principale, con nuove chiavi per ogni persona, e crea una nuova chiave di recupero. La passphrase resta la stessa. Usala se una chiave, una vecchia passphrase o una copia dell’archivio potrebbero essere state esposte. Può richiedere un po’ di tempo; le modifiche fatte nel frattempo attendono la fine.',
    rotateBackups:
      'I backup fatti prima della rotazione non vengono cifrati di nuovo: si aprono ancora con la passphrase e la chiave di recupero del loro momento, finché non li elimini (la pulizia automatica non li tocca). I backup fatti da ora iniziano una nuova serie, che si apre solo con la passphrase attuale e con la nuova chiave di recupero. Una cancellazione raggiunge anche i backup vecchi.',
    rotate: 'Ruota la chiave principale',
    rotating: 'Rotazione in corso…',
    rotateSealing: 'Nuova cifratura: {{done}} di {{total}} record',
    rotatePhase: {
      reading: 'Preparazione…',
      sealing: 'Nuova cifratura…',
      writing: 'Salvataggio…',
      done: 'Fatto.',
    },
    rotated:
      'Chiave principale ruotata. Conserva la nuova chiave di recupero: quella vecchia non apre più Scrigno.',
  },
  vaultErrors: {
    'wrong-passphrase': 'Passphrase errata. Controlla il blocco maiuscole e la tastiera, poi riprova.',
    'wrong-recovery-key':
      'Questa chiave di recupero non apre questo archivio. Controlla ogni gruppo di caratteri.',
    'header-damaged':
      'Il file delle chiavi dell’archivio è danneggiato (ad esempio da un errore del disco). I tuoi dati non sono stati modificati. Ripristina da un backup o contatta l’assistenza.',
    'header-tampered':
      'Il file delle chiavi dell’archivio è stato alterato da qualcosa di diverso da Scrigno. Per proteggerti non è stato aperto. I tuoi dati non sono stati modificati; ripristina da un backup.',
    'record-tampered': 'Un dato è danneggiato o alterato ed è stato saltato.',
    'quota-exceeded':
      'Il disco è pieno: la modifica non è stata salvata e nient’altro è stato toccato. Libera spazio e riprova.',
    'newer-version':
      'Questo archivio è stato creato da una versione più recente di Scrigno. Aggiorna Scrigno per aprirlo; non è stato modificato nulla.',
    'no-vault': 'Su questo computer non c’è ancora un archivio.',
    'bound-elsewhere':
      'Questa pagina non è stata servita dal server web di Scrigno che custodisce la chiave di questo archivio, quindi qui la passphrase non può aprirlo. Chiudi questa scheda, avvia Scrigno con «npm run web» e apri l’indirizzo che stampa. Se la cartella dati della modalità web è andata persa o è stata spostata, apri quell’indirizzo e scegli lì «Ho dimenticato la passphrase» per usare la chiave di recupero; non digitarla mai in una pagina aperta in altro modo.',
    'vault-exists': 'Su questo computer esiste già un archivio.',
    locked: 'Scrigno è bloccato. Sbloccalo e riprova.',
    'weak-passphrase': 'Questa passphrase è troppo facile da indovinare.',
    unknown: 'Qualcosa è andato storto nell’apertura dell’archivio. Non è stato modificato nulla.',
  },
  people: peopleMessages.it,
  organizations: organizationsMessages.it,
  deals: dealsMessages.it,
  activities: activitiesMessages.it,
  tasks: tasksMessages.it,
  dashboard: dashboardMessages.it,
  backups: backupsMessages.it,
  transfer: transferMessages.it,
  privacy: privacyMessages.it,
  erasure: rightsEraseMessages.it,
  crm: crmMessages.it,
  merge: mergeMessages.it,
  lists: listsMessages.it,
  settingsCrm: settingsCrmMessages.it,
  trash: trashMessages.it,
  restriction: restrictionMessages.it,
  requests: requestsMessages.it,
  naturalPerson: naturalPersonMessages.it,
  accessPackage: accessMessages.it,
  relay: relayMessages.it,
  sync: syncMessages.it,
  contactCheck: contactCheckMessages.it,
  desktop: {
    trayOpen: 'Apri Scrigno',
    trayLock: 'Blocca ora',
    trayQuickAdd: 'Aggiunta rapida',
    trayNewPerson: 'Persona…',
    trayNewTask: 'Compito…',
    trayLogActivity: 'Attività…',
    trayKeepRunning: "Resta attivo nell'area di notifica quando la finestra è chiusa",
    diagnosticsSaveTitle: 'Salva il rapporto diagnostico',
    diagnosticsSaved:
      'Il rapporto diagnostico è salvato. Contiene log, versioni e impostazioni, nessun dato.',
    diagnosticsFailed: 'Non è stato possibile salvare il rapporto diagnostico.',
    pdfSaveTitle: 'Salva come PDF',
  },
  notifications: {
    remindersOne: 'È in scadenza {{count}} promemoria. Apri Scrigno per vederlo.',
    remindersOther: 'Sono in scadenza {{count}} promemoria. Apri Scrigno per vederli.',
    taskDue: 'In scadenza: {{title}}',
    backupFolderMissing: 'La cartella dei backup non si trova. Apri Scrigno per sceglierla di nuovo.',
    backupOverdue: 'I backup sono in ritardo. Apri Scrigno per controllarli.',
    backupVerificationFailed:
      'Un backup non ha superato la verifica. Apri Scrigno per vedere cosa è successo.',
  },
  search: {
    placeholder: 'Cerca persone, organizzazioni, trattative, note… o scrivi un comando',
    empty: 'Nessun risultato.',
    group: '{{type}} ({{count}})',
    commands: 'Comandi',
    types: {
      person: 'Persone',
      organization: 'Organizzazioni',
      deal: 'Trattative',
      activity: 'Attività e note',
      task: 'Compiti',
    },
    button: 'Cerca',
    indexing: 'Indicizzazione di email, telefoni e note in corso: per ora si trovano solo i nomi.',
  },
  toasts: {
    languageChanged: 'Lingua impostata: italiano',
    themeChanged: 'Tema cambiato',
    pdfSaved: 'PDF salvato',
  },
  common: {
    close: 'Chiudi',
    cancel: 'Annulla',
    save: 'Salva',
  },
};
