/**
 * The declarations of every user command: id, label key, shortcut, menu placement and where it
 * lands. The renderer's registry attaches the behaviour; the Electron menu, the command palette
 * and the keyboard shortcuts all read this one list, and the host contract accepts only its ids.
 */

/** Where a command appears in the application menu. */
export type MenuSection = 'file' | 'view' | 'go' | 'help';

/** What every catalog entry must be; `CommandDeclaration` is the same with a typed id. */
interface CommandSpec {
  /** Stable id, `area.verb` (`nav.contacts`, `vault.lock`). */
  readonly id: string;
  /** i18n key of the label. */
  readonly labelKey: string;
  /** Shortcut in Electron accelerator form; `Mod` is Cmd on macOS and Ctrl elsewhere. */
  readonly shortcut?: string;
  readonly menu?: MenuSection;
  /** Extra words the palette matches on (both languages are matched through labels). */
  readonly keywords?: readonly string[];
  /**
   * Where the command takes the user when the page shown does not handle it itself
   * (`renderer/app/README.md`). Without a route (and without behaviour of the shell's own) the
   * command is disabled on pages that do not handle it.
   */
  readonly route?: string;
  /**
   * With `route`: going there is only the first half; the page at the route handles the command
   * and runs it once on arrival (the file picker of an import, an export).
   */
  readonly intent?: boolean;
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

const navigation = sections.map((section, index) => ({
  id: `nav.${section}` as const,
  labelKey: `commands.nav.${section}`,
  shortcut: section === 'settings' ? 'Mod+,' : `Mod+${index + 1}`,
  menu: 'go' as const,
  route: `/${section}`,
}));

const declarations = [
  { id: 'app.palette', labelKey: 'commands.palette', shortcut: 'Mod+K', menu: 'view' },
  { id: 'app.toggle-theme', labelKey: 'commands.toggleTheme', shortcut: 'Mod+Shift+L', menu: 'view' },
  { id: 'app.language-it', labelKey: 'commands.languageIt', menu: 'view', keywords: ['italiano'] },
  { id: 'app.language-en', labelKey: 'commands.languageEn', menu: 'view', keywords: ['english'] },
  ...navigation,
  {
    id: 'contacts.create',
    labelKey: 'commands.newPerson',
    shortcut: 'Mod+Shift+N',
    menu: 'file',
    keywords: ['contact', 'contatto'],
    route: '/contacts/new',
  },
  {
    id: 'organizations.create',
    labelKey: 'commands.newOrganization',
    menu: 'file',
    keywords: ['company', 'azienda'],
    route: '/organizations/new',
  },
  {
    id: 'deals.create',
    labelKey: 'commands.newDeal',
    menu: 'file',
    keywords: ['opportunity', 'opportunità'],
    route: '/deals/new',
  },
  // No route: away from a record the shell asks which person or organization it is about.
  { id: 'activities.log', labelKey: 'commands.logActivity', menu: 'file', keywords: ['call', 'telefonata'] },
  {
    id: 'tasks.create',
    labelKey: 'commands.newTask',
    menu: 'file',
    keywords: ['todo', 'compito'],
    route: '/tasks/new',
  },
  // Only the page they switch can act on them: elsewhere they are listed, disabled.
  {
    id: 'deals.switch-view',
    labelKey: 'commands.dealsSwitchView',
    menu: 'view',
    keywords: ['board', 'list', 'elenco'],
  },
  {
    id: 'tasks.switch-view',
    labelKey: 'commands.tasksSwitchView',
    menu: 'view',
    keywords: ['groups', 'list', 'elenco'],
  },
  {
    id: 'import.csv',
    labelKey: 'commands.importCsv',
    menu: 'file',
    keywords: ['csv', 'excel', 'google', 'outlook'],
    route: '/transfer',
    intent: true,
  },
  {
    id: 'import.vcard',
    labelKey: 'commands.importVcard',
    menu: 'file',
    keywords: ['vcf', 'vcard'],
    route: '/transfer',
    intent: true,
  },
  {
    id: 'import.archive',
    labelKey: 'commands.importArchive',
    menu: 'file',
    keywords: ['zip', 'archivio'],
    route: '/transfer',
    intent: true,
  },
  {
    id: 'export.csv',
    labelKey: 'commands.exportCsv',
    menu: 'file',
    keywords: ['csv', 'excel'],
    route: '/transfer',
    intent: true,
  },
  {
    id: 'export.vcard',
    labelKey: 'commands.exportVcard',
    menu: 'file',
    keywords: ['vcf', 'vcard'],
    route: '/transfer',
    intent: true,
  },
  {
    id: 'export.ical',
    labelKey: 'commands.exportIcal',
    menu: 'file',
    keywords: ['ics', 'calendar', 'calendario'],
    route: '/transfer',
    intent: true,
  },
  {
    id: 'export.archive',
    labelKey: 'commands.exportArchive',
    menu: 'file',
    keywords: ['zip', 'backup', 'archivio'],
    route: '/transfer',
    intent: true,
  },
  {
    id: 'nav.transfer',
    labelKey: 'commands.nav.transfer',
    menu: 'go',
    route: '/transfer',
    keywords: ['import', 'export', 'importa', 'esporta', 'csv', 'vcard'],
  },
  {
    id: 'nav.trash',
    labelKey: 'commands.nav.trash',
    menu: 'go',
    route: '/trash',
    keywords: ['cestino', 'restore'],
  },
  // The pages of the Privacy section.
  {
    id: 'privacy.controller',
    labelKey: 'commands.privacyController',
    route: '/privacy/controller',
    keywords: ['titolare', 'controller', 'gdpr'],
  },
  {
    id: 'privacy.purposes',
    labelKey: 'commands.privacyPurposes',
    route: '/privacy/purposes',
    keywords: ['finalità', 'purposes', 'base giuridica', 'legal basis', 'gdpr'],
  },
  {
    id: 'privacy.register',
    labelKey: 'commands.privacyRegister',
    route: '/privacy/register',
    keywords: ['registro', 'trattamenti', 'art. 30', 'gdpr'],
  },
  {
    id: 'privacy.breaches',
    labelKey: 'commands.privacyBreaches',
    route: '/privacy/breaches',
    keywords: ['violazioni', 'data breach', 'garante', 'gdpr'],
  },
  {
    id: 'privacy.requests',
    labelKey: 'commands.privacyRequests',
    route: '/privacy/requests',
    keywords: ['richieste', 'diritti', 'interessato', 'requests', 'rights', 'art. 12', 'gdpr'],
  },
  // A person's access and portability package: the person's page opens it; elsewhere disabled.
  {
    id: 'privacy.access-package',
    labelKey: 'accessPackage.page.action',
    keywords: ['accesso', 'portabilità', 'portability', 'art. 15', 'art. 20', 'gdpr', 'zip'],
  },
  // The settings commands land on their tab; `focus` puts the cursor where the change is made
  // (the new item's name, or the first item's control for that change).
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
  {
    id: 'tags.rename',
    labelKey: 'commands.renameTag',
    route: '/settings?tab=tags&focus=rename',
    keywords: ['etichetta'],
  },
  {
    id: 'tags.trash',
    labelKey: 'commands.trashTag',
    route: '/settings?tab=tags&focus=trash',
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
    route: '/settings?tab=customFields&focus=rename',
    keywords: ['campo'],
  },
  {
    id: 'custom-fields.reorder',
    labelKey: 'commands.reorderCustomFields',
    route: '/settings?tab=customFields&focus=reorder',
    keywords: ['campo', 'order', 'ordine', 'sposta'],
  },
  {
    id: 'custom-fields.trash',
    labelKey: 'commands.trashCustomField',
    route: '/settings?tab=customFields&focus=trash',
    keywords: ['delete', 'elimina', 'campo'],
  },
  {
    id: 'pipeline.add-stage',
    labelKey: 'commands.newStage',
    route: '/settings?tab=pipeline&focus=new',
    keywords: ['stage', 'fase', 'pipeline'],
  },
  {
    id: 'pipeline.rename-stage',
    labelKey: 'commands.renameStage',
    route: '/settings?tab=pipeline&focus=rename',
    keywords: ['stage', 'fase', 'pipeline'],
  },
  {
    id: 'pipeline.reorder-stages',
    labelKey: 'commands.reorderStages',
    route: '/settings?tab=pipeline&focus=reorder',
    keywords: ['stage', 'fase', 'pipeline', 'order', 'ordine', 'sposta'],
  },
  {
    id: 'pipeline.remove-stage',
    labelKey: 'commands.removeStage',
    route: '/settings?tab=pipeline&focus=trash',
    keywords: ['stage', 'fase', 'pipeline', 'delete', 'elimina'],
  },
  // The page shown, as an A4 PDF in the desktop app, through the print dialog in the browser.
  {
    id: 'app.print',
    labelKey: 'commands.print',
    shortcut: 'Mod+P',
    menu: 'file',
    keywords: ['pdf', 'stampa'],
  },
  { id: 'edit.undo', labelKey: 'commands.undo', menu: 'file' },
  { id: 'vault.lock', labelKey: 'commands.lock', shortcut: 'Mod+Shift+X', menu: 'file' },
  { id: 'help.gdpr-text', labelKey: 'commands.gdprText', menu: 'help' },
] as const satisfies readonly CommandSpec[];

/** The id of a declared command: `shared/commands/catalog.ts` is the only place ids come from. */
export type CommandId = (typeof declarations)[number]['id'];
/** The id of a command that has an item in the application menu. */
export type MenuCommandId = Extract<(typeof declarations)[number], { readonly menu: MenuSection }>['id'];

/** The static half of a command. */
export interface CommandDeclaration extends CommandSpec {
  readonly id: CommandId;
}

/** Every command the app declares, in menu and palette order. */
export const commandCatalog: readonly CommandDeclaration[] = declarations;

/** Every declared id, for validating ids that arrive from elsewhere (`z.enum`). */
export const commandIds = commandCatalog.map((c) => c.id) as readonly CommandId[] as readonly [
  CommandId,
  ...CommandId[],
];

/** The ids of the commands with a menu item, in catalog order. */
export const menuCommandIds = commandCatalog
  .filter((c): c is CommandDeclaration & { id: MenuCommandId } => c.menu !== undefined)
  .map((c) => c.id) as readonly MenuCommandId[] as readonly [MenuCommandId, ...MenuCommandId[]];

/** True for an id the catalog declares. */
export function isCommandId(value: unknown): value is CommandId {
  return typeof value === 'string' && (commandIds as readonly string[]).includes(value);
}

/** True for a declared command that has a menu item. */
export function isMenuCommandId(id: CommandId): id is MenuCommandId {
  return findCommand(id).menu !== undefined;
}

/** Looks up a declaration by id. */
export function findCommand(id: CommandId): CommandDeclaration {
  return commandCatalog.find((c) => c.id === id)!;
}
