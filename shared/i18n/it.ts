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
    settingsCustomFields: 'Modifica i campi personalizzati',
    settingsPipeline: 'Modifica le fasi della pipeline',
    settingsTags: 'Gestisci le etichette',
    newTag: 'Nuova etichetta',
    renameTag: 'Rinomina un’etichetta',
    trashTag: 'Elimina un’etichetta',
    newCustomField: 'Nuovo campo personalizzato',
    renameCustomField: 'Rinomina un campo personalizzato',
    trashCustomField: 'Elimina un campo personalizzato',
    newStage: 'Nuova fase della pipeline',
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
    title: 'Sicurezza',
    autoLock: 'Blocca automaticamente dopo',
    autoLockMinutes_one: '{{count}} minuto di inattività',
    autoLockMinutes_other: '{{count}} minuti di inattività',
    changeTitle: 'Cambia passphrase',
    changeBody:
      'Viene riscritto solo lo slot della chiave; i tuoi dati non vengono toccati. La chiave di recupero resta valida.',
    change: 'Cambia passphrase',
    changing: 'Modifica in corso…',
    changed: 'Passphrase cambiata. D’ora in poi usa quella nuova.',
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
  crm: crmMessages.it,
  merge: mergeMessages.it,
  lists: listsMessages.it,
  settingsCrm: settingsCrmMessages.it,
  trash: trashMessages.it,
  notifications: {
    remindersOne: 'È in scadenza {{count}} promemoria. Apri Scrigno per vederlo.',
    remindersOther: 'Sono in scadenza {{count}} promemoria. Apri Scrigno per vederli.',
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
  },
  common: {
    close: 'Chiudi',
    cancel: 'Annulla',
    save: 'Salva',
  },
};
