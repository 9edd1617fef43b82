/**
 * The declarations of every user command: id, label key, shortcut and menu placement. The
 * renderer's registry attaches the behaviour; the Electron menu, the command palette and the
 * keyboard shortcuts all read this one list.
 */

/** Where a command appears in the application menu. */
export type MenuSection = 'file' | 'view' | 'go' | 'help';

/** The static half of a command. */
export interface CommandDeclaration {
  /** Stable id, `area.verb` (`nav.contacts`, `vault.lock`). */
  readonly id: string;
  /** i18n key of the label. */
  readonly labelKey: string;
  /** Shortcut in Electron accelerator form; `Mod` is Cmd on macOS and Ctrl elsewhere. */
  readonly shortcut?: string;
  readonly menu?: MenuSection;
  /** Extra words the palette matches on (both languages are matched through labels). */
  readonly keywords?: readonly string[];
  /** For a command that only opens a place in the app: the shell registers it everywhere. */
  readonly route?: string;
}

/** The app's sections, in sidebar order; each has a `nav.<section>` command. */
export const sections = [
  'dashboard',
  'contacts',
  'organizations',
  'deals',
  'tasks',
  'privacy',
  'backups',
  'settings',
] as const;
export type Section = (typeof sections)[number];

/** Every command the app declares. */
export const commandCatalog: readonly CommandDeclaration[] = [
  { id: 'app.palette', labelKey: 'commands.palette', shortcut: 'Mod+K', menu: 'view' },
  { id: 'app.toggle-theme', labelKey: 'commands.toggleTheme', shortcut: 'Mod+Shift+L', menu: 'view' },
  { id: 'app.language-it', labelKey: 'commands.languageIt', menu: 'view', keywords: ['italiano'] },
  { id: 'app.language-en', labelKey: 'commands.languageEn', menu: 'view', keywords: ['english'] },
  ...sections.map((section, index): CommandDeclaration => ({
    id: `nav.${section}`,
    labelKey: `commands.nav.${section}`,
    shortcut: section === 'settings' ? 'Mod+,' : `Mod+${index + 1}`,
    menu: 'go',
  })),
  {
    id: 'contacts.create',
    labelKey: 'commands.newPerson',
    shortcut: 'Mod+Shift+N',
    menu: 'file',
    keywords: ['contact', 'contatto'],
  },
  {
    id: 'organizations.create',
    labelKey: 'commands.newOrganization',
    menu: 'file',
    keywords: ['company', 'azienda'],
  },
  {
    id: 'deals.create',
    labelKey: 'commands.newDeal',
    menu: 'file',
    keywords: ['opportunity', 'opportunità'],
  },
  { id: 'activities.log', labelKey: 'commands.logActivity', menu: 'file', keywords: ['call', 'telefonata'] },
  { id: 'tasks.create', labelKey: 'commands.newTask', menu: 'file', keywords: ['todo', 'compito'] },
  { id: 'deals.switch-view', labelKey: 'commands.dealsSwitchView', keywords: ['board', 'list', 'elenco'] },
  { id: 'tasks.switch-view', labelKey: 'commands.tasksSwitchView', keywords: ['groups', 'list', 'elenco'] },
  {
    id: 'import.csv',
    labelKey: 'commands.importCsv',
    menu: 'file',
    keywords: ['csv', 'excel', 'google', 'outlook'],
  },
  { id: 'import.vcard', labelKey: 'commands.importVcard', menu: 'file', keywords: ['vcf', 'vcard'] },
  { id: 'import.archive', labelKey: 'commands.importArchive', menu: 'file', keywords: ['zip', 'archivio'] },
  { id: 'export.csv', labelKey: 'commands.exportCsv', menu: 'file', keywords: ['csv', 'excel'] },
  { id: 'export.vcard', labelKey: 'commands.exportVcard', menu: 'file', keywords: ['vcf', 'vcard'] },
  {
    id: 'export.ical',
    labelKey: 'commands.exportIcal',
    menu: 'file',
    keywords: ['ics', 'calendar', 'calendario'],
  },
  {
    id: 'export.archive',
    labelKey: 'commands.exportArchive',
    menu: 'file',
    keywords: ['zip', 'backup', 'archivio'],
  },
  {
    id: 'nav.trash',
    labelKey: 'commands.nav.trash',
    menu: 'go',
    route: '/trash',
    keywords: ['cestino', 'restore'],
  },
  {
    id: 'settings.custom-fields',
    labelKey: 'commands.settingsCustomFields',
    route: '/settings?tab=customFields',
    keywords: ['campi', 'fields'],
  },
  {
    id: 'settings.pipeline',
    labelKey: 'commands.settingsPipeline',
    route: '/settings?tab=pipeline',
    keywords: ['pipeline', 'stage', 'fase', 'fasi'],
  },
  {
    id: 'settings.tags',
    labelKey: 'commands.settingsTags',
    route: '/settings?tab=tags',
    keywords: ['tag', 'etichette'],
  },
  {
    id: 'tags.create',
    labelKey: 'commands.newTag',
    route: '/settings?tab=tags&focus=new',
    keywords: ['etichetta'],
  },
  { id: 'tags.rename', labelKey: 'commands.renameTag', route: '/settings?tab=tags', keywords: ['etichetta'] },
  {
    id: 'tags.trash',
    labelKey: 'commands.trashTag',
    route: '/settings?tab=tags',
    keywords: ['delete', 'elimina'],
  },
  {
    id: 'custom-fields.create',
    labelKey: 'commands.newCustomField',
    route: '/settings?tab=customFields&focus=new',
    keywords: ['campo'],
  },
  {
    id: 'custom-fields.rename',
    labelKey: 'commands.renameCustomField',
    route: '/settings?tab=customFields',
    keywords: ['campo'],
  },
  {
    id: 'custom-fields.trash',
    labelKey: 'commands.trashCustomField',
    route: '/settings?tab=customFields',
    keywords: ['delete', 'elimina', 'campo'],
  },
  {
    id: 'pipeline.add-stage',
    labelKey: 'commands.newStage',
    route: '/settings?tab=pipeline&focus=new',
    keywords: ['stage', 'fase', 'pipeline'],
  },
  { id: 'edit.undo', labelKey: 'commands.undo', menu: 'file' },
  { id: 'vault.lock', labelKey: 'commands.lock', shortcut: 'Mod+Shift+X', menu: 'file' },
  { id: 'help.gdpr-text', labelKey: 'commands.gdprText', menu: 'help' },
];

/** Looks up a declaration by id. */
export function findCommand(id: string): CommandDeclaration | undefined {
  return commandCatalog.find((c) => c.id === id);
}
