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
import type { DeepStrings } from './define';

/** English catalog. The shape of this object is the shape every other catalog must have. */
export const en = {
  app: {
    name: 'Scrigno',
    tagline: 'Your clients, on your machine',
    skipToContent: 'Skip to content',
    mainNavigation: 'Main navigation',
  },
  nav: {
    dashboard: 'Overview',
    contacts: 'Contacts',
    organizations: 'Organizations',
    deals: 'Deals',
    tasks: 'Tasks',
    privacy: 'Privacy',
    backups: 'Backups',
    settings: 'Settings',
  },
  sections: {
    dashboard: {
      title: 'Overview',
      empty: 'Nothing to show yet. Charts of your pipeline, results and workload will appear here.',
    },
    contacts: { title: 'Contacts', empty: 'No contacts yet. The people you work with will appear here.' },
    organizations: {
      title: 'Organizations',
      empty: 'No organizations yet. Companies and other legal persons will appear here.',
    },
    deals: { title: 'Deals', empty: 'No deals yet. Your pipeline will appear here.' },
    tasks: { title: 'Tasks', empty: 'Nothing to do. Tasks and reminders will appear here.' },
    privacy: {
      title: 'Privacy',
      empty: 'Requests from data subjects, consents and the processing register will appear here.',
    },
    backups: { title: 'Backups', empty: 'No backup folder chosen yet.' },
    settings: { title: 'Settings' },
  },
  commands: {
    print: 'Print or save as PDF…',
    settingsCustomFields: 'Edit custom fields',
    settingsPipeline: 'Edit the pipeline stages',
    settingsTags: 'Manage tags',
    privacyController: 'Controller’s details (privacy)',
    privacyPurposes: 'Purposes and legal bases',
    privacyRegister: 'Register of processing activities',
    privacyBreaches: 'Breach register',
    privacyRequests: 'Data subjects’ requests',
    newTag: 'New tag',
    renameTag: 'Rename a tag',
    trashTag: 'Delete a tag',
    newCustomField: 'New custom field',
    renameCustomField: 'Rename a custom field',
    trashCustomField: 'Delete a custom field',
    newStage: 'New pipeline stage',
    renameStage: 'Rename a pipeline stage',
    reorderStages: 'Reorder the pipeline stages',
    removeStage: 'Remove a pipeline stage',
    reorderCustomFields: 'Reorder the custom fields',
    unavailable: 'Not available here',
    pickTitle: 'Log an activity about…',
    pickPlaceholder: 'Type the name of a person or an organization',
    pickHint: 'Choose the person or organization the activity is about.',
    importCsv: 'Import contacts from CSV',
    importVcard: 'Import contacts from vCard',
    importArchive: 'Import a Scrigno archive',
    exportCsv: 'Export a list as CSV',
    exportVcard: 'Export people as vCard',
    exportIcal: 'Export the calendar (iCalendar)',
    exportArchive: 'Export the portable archive',
    palette: 'Command palette',
    paletteTitle: 'Run a command',
    palettePlaceholder: 'Type a command…',
    paletteEmpty: 'No command matches.',
    toggleTheme: 'Switch light/dark theme',
    languageIt: 'Language: Italian',
    languageEn: 'Language: English',
    newPerson: 'New person',
    newOrganization: 'New organization',
    newDeal: 'New deal',
    logActivity: 'Log an activity',
    newTask: 'New task',
    dealsSwitchView: 'Deals: switch between board and list',
    tasksSwitchView: 'Tasks: switch between groups and list',
    undo: 'Undo last change',
    lock: 'Lock Scrigno',
    gdprText: 'Open the GDPR text',
    nav: {
      dashboard: 'Go to Overview',
      contacts: 'Go to Contacts',
      organizations: 'Go to Organizations',
      deals: 'Go to Deals',
      tasks: 'Go to Tasks',
      privacy: 'Go to Privacy',
      backups: 'Go to Backups',
      settings: 'Open Settings',
      trash: 'Go to Trash',
      transfer: 'Go to Import and export',
    },
  },
  menu: {
    file: 'File',
    edit: 'Edit',
    view: 'View',
    go: 'Go',
    help: 'Help',
    quit: 'Quit Scrigno',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select all',
    exportDiagnostics: 'Export diagnostic report…',
  },
  settings: {
    appearance: 'Appearance',
    language: 'Language',
    languageHint: 'Scrigno follows your system language until you choose one here.',
    languageSystem: 'System ({{language}})',
    theme: 'Theme',
    themeSystem: 'System',
    themeLight: 'Light',
    themeDark: 'Dark',
    about: 'About',
    version: 'Version {{version}} · {{transport}}',
    transportElectron: 'desktop app',
    transportWeb: 'web mode',
    shortcuts: 'Keyboard shortcuts',
  },
  languages: { it: 'Italiano', en: 'English' },
  errors: {
    boundaryTitle: 'Something went wrong on this screen',
    boundaryBody: 'Your data is safe: nothing was changed. You can go back to where you were.',
    boundaryRetry: 'Try again',
    host: {
      'invalid-input': 'The request was not valid and was refused.',
      'invalid-output': 'The system answered with something unexpected.',
      'unknown-channel': 'This capability is not available here.',
      'forbidden-sender': 'The request did not come from Scrigno and was refused.',
      'bad-token':
        'This page is not authorised to talk to Scrigno. Open the address printed by “npm run web”.',
      'bad-origin': 'The request came from another site and was refused.',
      'path-rejected': 'That file name is not allowed.',
      'name-not-portable':
        'That file name cannot be used: Windows reserves names such as CON, PRN, AUX, NUL, COM1 and LPT1, and the characters < > : " | ? *.',
      'file-linked':
        'That file is a link, or is also linked from outside the chosen folder, so Scrigno does not open it.',
      'folder-not-granted': 'Scrigno has no permission for that folder. Choose it again.',
      'folder-missing': 'The folder cannot be reached. Is the drive connected?',
      'not-found': 'The file does not exist.',
      'no-space': 'The disk is full. Nothing was written.',
      'io-error': 'The disk reported an error. Nothing was changed.',
      'link-not-allowed': 'Scrigno only opens links to known official sites.',
      'backup-corrupt': 'The backup is damaged and cannot be used. Earlier backups are not affected.',
      'backup-truncated': 'The backup is incomplete: it was cut short while being written or copied.',
      'backup-foreign': 'This file is not a Scrigno backup of this vault.',
      'backup-newer-version':
        'This backup was made by a newer version of Scrigno. Update Scrigno to open it.',
      'too-large': 'The request is larger than 256 MiB and was refused. Nothing was written.',
      internal: 'Unexpected error in the system part of Scrigno.',
      offline: 'Scrigno’s system services cannot be reached.',
    },
  },
  access: {
    welcomeTitle: 'Welcome to Scrigno',
    welcomeBody:
      'Your records are stored on this computer only, encrypted with a passphrase that only you know. Choose it carefully: without it, or without the recovery key you will get next, nobody can open your data — not even us.',
    passphrase: 'Passphrase',
    passphraseConfirm: 'Repeat the passphrase',
    passphraseHint: 'Use a few unrelated words or a long sentence. At least “good” strength is required.',
    strength: 'Strength: {{label}}',
    strengthLabels: { s0: 'very weak', s1: 'weak', s2: 'fair', s3: 'good', s4: 'excellent' },
    mismatch: 'The two passphrases are different.',
    tooWeak: 'This passphrase is too easy to guess. Make it longer or less predictable.',
    create: 'Create my encrypted vault',
    creating: 'Creating the vault… deriving the key takes a moment on purpose.',
    recoveryTitle: 'Your recovery key',
    recoveryBody:
      'If you forget your passphrase, this key is the only way back into your data. It is shown only now. Print it or write it down, and keep it somewhere safe, away from this computer.',
    recoveryPrint: 'Print or save as PDF',
    recoveryPrintTitle: 'Scrigno — recovery key',
    recoveryPrintNote:
      'Keep this page in a safe place. Anyone with this key and your computer can read your Scrigno data.',
    recoveryVault: 'Vault {{id}} · created {{date}}',
    recoveryConfirm: 'I have stored my recovery key in a safe place',
    recoveryContinue: 'Open Scrigno',
    unlockTitle: 'Scrigno is locked',
    unlockBody: 'Enter your passphrase to open your records.',
    unlock: 'Unlock',
    unlocking: 'Unlocking…',
    useRecovery: 'I forgot my passphrase: use the recovery key',
    usePassphrase: 'Use my passphrase',
    recoveryKey: 'Recovery key',
    recoveryKeyHint: 'Letters and digits as printed; spaces and dashes do not matter.',
    newPassphrase: 'New passphrase',
    resetWithRecovery: 'Unlock and set the new passphrase',
    lockedIdle_one: 'Scrigno locked itself after {{count}} minute without activity.',
    lockedIdle_other: 'Scrigno locked itself after {{count}} minutes without activity.',
    lockedSystem: 'Scrigno locked because the computer went to sleep or the screen was locked.',
    lockedManual: 'Scrigno is locked.',
    lock: 'Lock',
    tamperedRecords_one:
      '{{count}} record could not be read because it is damaged or was altered. It was skipped; everything else is available.',
    tamperedRecords_other:
      '{{count}} records could not be read because they are damaged or were altered. They were skipped; everything else is available.',
    restoreInstead: 'Moving from another computer? Restore from a backup',
    showPassphrase: 'Show passphrase',
  },
  security: {
    title: 'Security',
    autoLock: 'Lock automatically after',
    autoLockMinutes_one: '{{count}} minute without activity',
    autoLockMinutes_other: '{{count}} minutes without activity',
    passwordManager: 'Let password managers save and fill the passphrase',
    passwordManagerHint:
      'Off by default: a saved passphrase opens your data to anyone who can use this computer account. On this device only.',
    changeTitle: 'Change passphrase',
    changeBody:
      'Only the key slot is rewritten; your records are not touched. Your recovery key stays valid. Backups made before the change still open with the old passphrase, until they are deleted.',
    change: 'Change passphrase',
    changing: 'Changing…',
    changed: 'Passphrase changed. Use the new one from now on.',
    notificationTitles: 'Show the task title in system notifications',
    notificationTitlesHint:
      'Only while Scrigno is unlocked, and never on a locked screen. Notification centres keep their history outside the vault.',
    currentPassphrase: 'Current passphrase',
    currentMissing: 'Enter your current passphrase first.',
    recoveryTitle: 'New recovery key',
    recoveryBody:
      'Replaces your recovery key: from now on the old one no longer opens Scrigno. Your passphrase and your records stay as they are. Backups made before keep the keys of their day: they still open with the old recovery key, or with the passphrase of that day, until they are deleted.',
    recoveryCreate: 'Create a new recovery key',
    recoveryCreating: 'Creating…',
    recoveryShown:
      'Your new recovery key, shown only now. Print it or write it down, keep it somewhere safe away from this computer, then destroy the old one.',
    recoveryDone: 'I have stored the new key',
    recoveryReplaced: 'Recovery key replaced. The old one no longer opens Scrigno.',
    rotateTitle: 'Rotate the master key',
    rotateBody:
      'Encrypts every record again under a new master key, with new keys for each person, and makes a new recovery key. Your passphrase stays the same. Use it if a key, an old passphrase or a copy of the vault may have been exposed. It can take a while; changes made meanwhile wait until it ends.',
    rotateBackups:
      'Backups made before the rotation are not encrypted again: they still open with the passphrase and the recovery key of their day, until you delete them (automatic clean-up leaves them alone). Backups made from now on start a new series, which opens only with your current passphrase and the new recovery key. An erasure still reaches the old backups too.',
    rotate: 'Rotate the master key',
    rotating: 'Rotating…',
    rotateSealing: 'Encrypting again: {{done}} of {{total}} records',
    rotatePhase: {
      reading: 'Preparing…',
      sealing: 'Encrypting again…',
      writing: 'Saving…',
      done: 'Done.',
    },
    rotated: 'Master key rotated. Store the new recovery key: the old one no longer opens Scrigno.',
  },
  vaultErrors: {
    'wrong-passphrase': 'Wrong passphrase. Check Caps Lock and the keyboard layout, then try again.',
    'wrong-recovery-key': 'This recovery key does not open this vault. Check each group of characters.',
    'header-damaged':
      'The vault’s key file is damaged (for example by a disk error). Your data was not changed. Restore from a backup, or contact support.',
    'header-tampered':
      'The vault’s key file was altered by something other than Scrigno. It was not opened, to protect you. Your data was not changed; restore from a backup.',
    'record-tampered': 'A record is damaged or was altered, and was skipped.',
    'quota-exceeded':
      'The disk is full: the change was not saved, and nothing else was affected. Free some space and try again.',
    'newer-version':
      'This vault was created by a newer version of Scrigno. Update Scrigno to open it; nothing was changed.',
    'no-vault': 'There is no vault on this computer yet.',
    'bound-elsewhere':
      'This page was not served by the Scrigno web server that holds this vault’s key, so the passphrase cannot open it here. Close this tab, start Scrigno with “npm run web” and open the address it prints. If the web mode’s data folder was lost or moved, open that address and choose “I forgot my passphrase” there to use your recovery key; never type it into a page opened any other way.',
    'vault-exists': 'A vault already exists on this computer.',
    locked: 'Scrigno is locked. Unlock it and try again.',
    'weak-passphrase': 'This passphrase is too easy to guess.',
    unknown: 'Something went wrong while opening the vault. Nothing was changed.',
  },
  people: peopleMessages.en,
  organizations: organizationsMessages.en,
  deals: dealsMessages.en,
  activities: activitiesMessages.en,
  tasks: tasksMessages.en,
  dashboard: dashboardMessages.en,
  backups: backupsMessages.en,
  transfer: transferMessages.en,
  privacy: privacyMessages.en,
  erasure: rightsEraseMessages.en,
  crm: crmMessages.en,
  merge: mergeMessages.en,
  lists: listsMessages.en,
  settingsCrm: settingsCrmMessages.en,
  trash: trashMessages.en,
  restriction: restrictionMessages.en,
  requests: requestsMessages.en,
  naturalPerson: naturalPersonMessages.en,
  accessPackage: accessMessages.en,
  relay: relayMessages.en,
  sync: syncMessages.en,
  contactCheck: contactCheckMessages.en,
  desktop: {
    trayOpen: 'Open Scrigno',
    trayLock: 'Lock now',
    trayQuickAdd: 'Quick add',
    trayNewPerson: 'Person…',
    trayNewTask: 'Task…',
    trayLogActivity: 'Activity…',
    trayKeepRunning: 'Keep running in the tray when the window is closed',
    diagnosticsSaveTitle: 'Save the diagnostic report',
    diagnosticsSaved: 'The diagnostic report is saved. It holds logs, versions and settings, no records.',
    diagnosticsFailed: 'The diagnostic report could not be saved.',
    pdfSaveTitle: 'Save as PDF',
  },
  notifications: {
    remindersOne: '{{count}} reminder is due. Open Scrigno to see it.',
    remindersOther: '{{count}} reminders are due. Open Scrigno to see them.',
    taskDue: 'Due: {{title}}',
    backupFolderMissing: 'The backup folder cannot be found. Open Scrigno to choose it again.',
    backupOverdue: 'Backups are overdue. Open Scrigno to check them.',
    backupVerificationFailed: 'A backup failed its check. Open Scrigno to see what happened.',
  },
  search: {
    placeholder: 'Search people, organizations, deals, notes… or type a command',
    empty: 'Nothing found.',
    group: '{{type}} ({{count}})',
    commands: 'Commands',
    types: {
      person: 'People',
      organization: 'Organizations',
      deal: 'Deals',
      activity: 'Activities and notes',
      task: 'Tasks',
    },
    button: 'Search',
    indexing: 'Still indexing emails, phones and notes: for now only names are found.',
  },
  toasts: {
    languageChanged: 'Language set to English',
    themeChanged: 'Theme changed',
    pdfSaved: 'PDF saved',
  },
  common: {
    close: 'Close',
    cancel: 'Cancel',
    save: 'Save',
  },
};

/** A catalog with exactly the keys of the English one. */
export type Catalog = DeepStrings<typeof en>;
