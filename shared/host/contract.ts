/**
 * The host contract: every OS capability the renderer may ask of its host (Electron main or the
 * web-mode server), declared once with zod schemas for both directions.
 *
 * Keep it narrow: files, dialogs, links, notifications and system signals. Never data access,
 * never keys — the host only ever sees ciphertext or nothing.
 */
import { z } from 'zod';
import { commandIds, menuCommandIds } from '../commands/catalog';
import { deepLinkSchema } from './deep-link';

/** A single file name inside a granted folder: no separators, no `..`, no control characters. */
export const fileNameSchema = z
  .string()
  .min(1)
  .max(200)
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  .refine((name) => !/[\\/\u0000-\u001f]/.test(name) && name !== '.' && name !== '..', {
    message: 'file name must be a single path segment',
  });

/**
 * Names Windows reserves for devices, whatever the case and with any extension (`con.txt`, `Nul`):
 * a file so named cannot be created there, and on a shared drive would open the device.
 */
const windowsDeviceName = /^(con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³])(\..*)?$/i;

/**
 * True if `name` can be a file name on every desktop system Scrigno runs on: no Windows device
 * name, none of `< > : " | ? *`, and no trailing dot or space (Windows drops them, so two names
 * would meet). Checked by the host on every name, with its own error code.
 */
export function isPortableFileName(name: string): boolean {
  return (
    !/[<>:"|?*]/.test(name) && !/[. ]$/.test(name) && !windowsDeviceName.test(name.replace(/ +(\.|$)/, '$1'))
  );
}

/** Opaque id of a folder the user granted through the folder dialog. */
export const folderIdSchema = z.string().regex(/^[a-f0-9]{32}$/);

/** A granted folder as the renderer sees it; `label` is the last path segment, for display. */
export const folderRefSchema = z.object({
  folderId: folderIdSchema,
  label: z.string(),
});
export type FolderRef = z.infer<typeof folderRefSchema>;

const bytesSchema = z.instanceof(Uint8Array);

/** One entry of a folder listing. */
export const fileEntrySchema = z.object({
  name: z.string(),
  size: z.number().int().nonnegative(),
  modifiedAt: z.number(),
});
export type FileEntry = z.infer<typeof fileEntrySchema>;

/** A SHA-256 digest in lower-case hex. */
export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/);

/** One backup file in a folder listing, with what its name says. */
export const backupEntrySchema = fileEntrySchema.extend({
  vaultIdPrefix: z.string(),
  generation: z.number().int().nonnegative(),
  /** ISO 8601 UTC time from the file name. */
  createdAt: z.string(),
});
export type BackupEntry = z.infer<typeof backupEntrySchema>;

/** Why a folder dialog is opened; the host words the dialog title from it. */
export const folderPurposeSchema = z.enum(['backups', 'export', 'restore']);

/** Links the host opens in the system browser: only these origins. */
export const externalLinkOrigins = [
  'https://gdpr-info.eu',
  'https://www.garanteprivacy.it',
  'https://eur-lex.europa.eu',
] as const;

/** Why the office relay is not running: the host's start failure, by code. */
export const relayErrorCodes = [
  'port-in-use',
  'port-not-allowed',
  'data-not-writable',
  'data-in-use',
  'data-corrupt',
  'unavailable',
] as const;

/**
 * The office relay this computer hosts for the LAN (Settings → Sync → "This computer is the
 * office relay"). `addresses` are what other devices pair with: `ws://<LAN address>:<port>`, one
 * per network interface (empty when there is none); `localUrl` is this computer's own way in
 * (`ws://127.0.0.1:<port>`). `unsupported` where the host cannot run one (web mode).
 */
export const relayStatusSchema = z.object({
  state: z.enum(['stopped', 'running', 'failed', 'unsupported']),
  port: z.number().int().min(1).max(65_535).nullable(),
  addresses: z.array(z.string()),
  localUrl: z.string().nullable(),
  error: z.enum(relayErrorCodes).nullable(),
});
export type RelayStatus = z.infer<typeof relayStatusSchema>;

/**
 * A contact link the host hands to the system's handler (a phone app, the mail program): `tel:`
 * with an E.164 number, or `mailto:` with one plain address — no query (`?body=`, `?attach=`),
 * no second recipient, nothing else a page could smuggle in.
 */
export function isContactLink(url: string): boolean {
  return /^tel:\+[1-9]\d{6,14}$/.test(url) || /^mailto:[^\s?&#,;:<>"'/\\@]+@[^\s?&#,;:<>"'/\\@]+$/.test(url);
}

/** All request/response channels, `namespace:verb`. */
export const hostChannels = {
  'app:info': {
    input: z.object({}).strict(),
    output: z.object({
      name: z.string(),
      version: z.string(),
      platform: z.string(),
      locale: z.string(),
      transport: z.enum(['electron', 'web']),
    }),
  },
  /**
   * The web mode's binding secret (64 hex digits), kept by the server in its data folder and
   * handed only to a page that presented the launch token; the vault mixes it into the key of its
   * passphrase slot, so a page served on the same port by anything else cannot open the vault.
   * Null where there is no such server (Electron).
   */
  'app:key-binding': {
    input: z.object({}).strict(),
    output: z.object({
      secret: z
        .string()
        .regex(/^[0-9a-f]{64}$/)
        .nullable(),
    }),
  },
  'dialog:choose-folder': {
    input: z.object({ purpose: folderPurposeSchema }).strict(),
    output: folderRefSchema.nullable(),
  },
  'folder:status': {
    input: z.object({ folderId: folderIdSchema }).strict(),
    output: z.object({ available: z.boolean(), label: z.string() }),
  },
  'file:write': {
    input: z
      .object({
        folderId: folderIdSchema,
        name: fileNameSchema,
        data: bytesSchema,
        /** `create` never overwrites an existing file; `replace` swaps it atomically. */
        mode: z.enum(['create', 'replace']),
      })
      .strict(),
    output: z.object({ size: z.number().int().nonnegative() }),
  },
  'file:read': {
    input: z.object({ folderId: folderIdSchema, name: fileNameSchema }).strict(),
    output: z.object({ data: bytesSchema }),
  },
  'file:list': {
    input: z.object({ folderId: folderIdSchema }).strict(),
    output: z.object({ files: z.array(fileEntrySchema) }),
  },
  'file:delete': {
    input: z.object({ folderId: folderIdSchema, name: fileNameSchema }).strict(),
    output: z.object({ deleted: z.boolean() }),
  },
  'shell:open-external': {
    input: z.object({ url: z.string().url() }).strict(),
    output: z.object({ opened: z.boolean() }),
  },
  /** Writes a new backup atomically (never overwriting) and verifies it from disk before naming it. */
  'backup:write': {
    input: z
      .object({
        folderId: folderIdSchema,
        name: fileNameSchema,
        data: bytesSchema,
        expectedSha256: sha256HexSchema,
      })
      .strict(),
    output: z.object({ size: z.number().int().nonnegative(), sha256: sha256HexSchema }),
  },
  /** Re-reads a backup and checks it without the key (framing, checksums, optional expected hash). */
  'backup:verify': {
    input: z
      .object({ folderId: folderIdSchema, name: fileNameSchema, expectedSha256: sha256HexSchema.optional() })
      .strict(),
    output: z.object({
      size: z.number().int().nonnegative(),
      sha256: sha256HexSchema,
      generation: z.number().int().nonnegative(),
      createdAt: z.string(),
    }),
  },
  /** Backups and ledgers in a folder; temp files and sync-conflict copies are reported, never touched. */
  'backup:list': {
    input: z.object({ folderId: folderIdSchema }).strict(),
    output: z.object({
      backups: z.array(backupEntrySchema),
      ledgers: z.array(fileEntrySchema),
      ignored: z.array(
        z.object({ name: z.string(), reason: z.enum(['temp', 'conflict-copy', 'unrecognised']) }),
      ),
    }),
  },
  'backup:read': {
    input: z.object({ folderId: folderIdSchema, name: fileNameSchema }).strict(),
    output: z.object({ data: bytesSchema }),
  },
  /**
   * Deletes exactly the named backups of this vault (the renderer's retention decision, made with
   * the key); nothing at all unless a backup that stays verifies.
   */
  'backup:prune': {
    input: z
      .object({
        folderId: folderIdSchema,
        vaultIdPrefix: z.string().regex(/^[a-z0-9_-]{8}$/),
        remove: z.array(fileNameSchema).max(10_000),
      })
      .strict(),
    output: z.object({
      deleted: z.array(z.string()),
      protected: z.string().nullable(),
      staleTempRemoved: z.number().int(),
    }),
  },
  /** Writes both copies of the key ledger (`name`, then `name.2`), each verified after writing. */
  'backup:ledger-write': {
    input: z
      .object({
        folderId: folderIdSchema,
        name: fileNameSchema,
        data: bytesSchema,
        expectedSha256: sha256HexSchema,
      })
      .strict(),
    output: z.object({ size: z.number().int().nonnegative(), sha256: sha256HexSchema }),
  },
  /** Both copies of the key ledger as stored (null where missing); the renderer picks the valid one. */
  'backup:ledger-read': {
    input: z.object({ folderId: folderIdSchema, name: fileNameSchema }).strict(),
    output: z.object({ copies: z.tuple([bytesSchema.nullable(), bytesSchema.nullable()]) }),
  },
  'menu:set-language': {
    input: z.object({ language: z.enum(['it', 'en']) }).strict(),
    output: z.object({}),
  },
  /**
   * Whether each menu command can act now (the page shown, the selection, the undo stack). Sent
   * by the renderer as it changes; every menu command is listed, and only those.
   */
  'menu:set-enabled': {
    input: z.object({ enabled: z.record(z.enum(menuCommandIds), z.boolean()) }).strict(),
    output: z.object({}),
  },
  /** The renderer finished its work before quitting; the shell may quit now. */
  'app:quit-ready': {
    input: z.object({}).strict(),
    output: z.object({}),
  },
  /**
   * A system notification for due reminders. By design it carries a count, never a task title
   * or a name: notification centres keep their history outside the vault.
   */
  'notification:reminders': {
    input: z
      .object({
        count: z.number().int().positive().max(10_000),
        language: z.enum(['it', 'en']),
        /**
         * The one due task's title, sent only while the vault is unlocked and the user allowed
         * titles in notifications; the host drops it while the screen is locked.
         */
        taskTitle: z.string().min(1).max(200).optional(),
      })
      .strict(),
    output: z.object({ shown: z.boolean() }),
  },
  /** A system notification for a backup problem: a fixed sentence, no folder name or path. */
  'notification:backup': {
    input: z
      .object({
        problem: z.enum(['folder-missing', 'overdue', 'verification-failed']),
        language: z.enum(['it', 'en']),
      })
      .strict(),
    output: z.object({ shown: z.boolean() }),
  },
  /**
   * Prints the page shown to an A4 PDF and saves it where the user chooses. `document` names
   * the default file name (no personal data in it). The web mode has no such channel's effect:
   * its page opens the browser's print dialog instead.
   */
  'print:pdf': {
    input: z
      .object({
        document: z.enum(['privacy-notice', 'art30-register', 'access-report', 'person-card', 'page']),
        language: z.enum(['it', 'en']),
      })
      .strict(),
    output: z.object({ saved: z.boolean() }),
  },
  /**
   * Starts the office relay (or, if it runs, adds the space) and lets `spaceId` in with `token`.
   * The renderer makes the token (32 random bytes, base64url) and keeps it in the vault; the host
   * keeps only an HMAC of it. A failed start answers `state: 'failed'` with the error code.
   */
  'relay:start': {
    input: z
      .object({
        spaceId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
        token: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
        /** Port to listen on; 4719 unless given. */
        port: z.number().int().min(1024).max(65_535).optional(),
      })
      .strict(),
    output: relayStatusSchema,
  },
  /** Stops the office relay: closes every connection and flushes its storage. */
  'relay:stop': {
    input: z.object({}).strict(),
    output: relayStatusSchema,
  },
  /** Whether the office relay runs, and the addresses to pair with. */
  'relay:status': {
    input: z.object({}).strict(),
    output: relayStatusSchema,
  },
  /** The deep link waiting to be opened (`scrigno://person/<id>`, …), taken once; null if none. */
  'deep-link:take': {
    input: z.object({}).strict(),
    output: z.object({ link: deepLinkSchema.nullable() }),
  },
} as const;

/** Events the host pushes to the renderer. */
export const hostEvents = {
  /** The OS is suspending or the screen locked: the vault must lock now. */
  'system:lock': z.object({ reason: z.enum(['suspend', 'screen-lock']) }),
  /** A menu item was chosen; the renderer runs the command with this id (a declared one). */
  'menu:command': z.object({ commandId: z.enum(commandIds) }),
  /** The app is about to quit: finish last work (a backup on quit), then answer `app:quit-ready`. */
  'app:before-quit': z.object({}),
  /** A deep link arrived; the unlocked app takes it with `deep-link:take` and opens the record. */
  'deep-link:available': z.object({}),
} as const;

export type HostChannel = keyof typeof hostChannels;
export type HostEvent = keyof typeof hostEvents;
export type HostInput<C extends HostChannel> = z.infer<(typeof hostChannels)[C]['input']>;
export type HostOutput<C extends HostChannel> = z.infer<(typeof hostChannels)[C]['output']>;
export type HostEventPayload<E extends HostEvent> = z.infer<(typeof hostEvents)[E]>;

/** Server side: one handler per channel; a missing handler is a compile error. */
export type HostHandlers = {
  [C in HostChannel]: (input: HostInput<C>) => Promise<HostOutput<C>>;
};

/** Client side: what `renderer/host` offers, whatever the transport. */
export interface HostClient {
  readonly transport: 'electron' | 'web';
  invoke<C extends HostChannel>(channel: C, input: HostInput<C>): Promise<HostOutput<C>>;
  on<E extends HostEvent>(event: E, listener: (payload: HostEventPayload<E>) => void): () => void;
}

/** The one object the Electron preload exposes as `window.scrigno`. */
export interface HostBridge {
  readonly transport: 'electron';
  invoke(channel: string, input: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/** Type guard for channel names arriving from an untrusted side. */
export function isHostChannel(name: unknown): name is HostChannel {
  return typeof name === 'string' && Object.hasOwn(hostChannels, name);
}
