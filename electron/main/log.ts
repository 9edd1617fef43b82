import type * as NodeFs from 'node:fs';
import path from 'node:path';
import type { LogFile, LogMessage, NodeLogger } from 'electron-log';

/**
 * The main process's log, for support. The shell logs events and error codes, never records
 * (it never sees them decrypted); the redaction filter below is the second line of defence for
 * whatever a string might still carry: e-mail addresses, phone and id numbers, IBANs, codici
 * fiscali, URLs and file paths (which hold the user's name). It runs on every message before any
 * transport writes it, and again on logs when they are exported.
 */

/** Largest size of the live log file before it is rotated. */
export const LOG_MAX_BYTES = 1024 * 1024;
/** Rotated files kept beside the live one (`main.1.log` is the newest). */
export const LOG_KEEP = 3;
/** The live log file's name inside the logs folder. */
export const LOG_FILE = 'main.log';

const patterns: ReadonlyArray<readonly [RegExp, string]> = [
  // URLs before paths and e-mails: their path and query can carry anything.
  [/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]*/gi, '[url]'],
  [/[^\s@"'<>()[\]]+@[^\s@"'<>()[\]]+\.[a-z]{2,}/gi, '[email]'],
  // Windows and POSIX absolute paths, home-relative paths.
  [/\b[a-z]:[\\/][^\s"'<>]*/gi, '[path]'],
  [/(^|[\s"'=(:])~?\/[^\s"'<>]*/g, '$1[path]'],
  [/\b[a-z]{2}\d{2}(?:[a-z0-9]{11,30}|(?: [a-z0-9]{4}){2,7}(?: [a-z0-9]{1,4})?)\b/gi, '[iban]'],
  // Codice fiscale (16 characters) and similar national ids.
  [/\b[a-z]{6}\d{2}[a-z]\d{2}[a-z]\d{3}[a-z]\b/gi, '[id]'],
  // Phone numbers, Partita IVA and any other run of five or more digits (spaces, dots, dashes
  // and a leading + allowed between them).
  [/\+?\d(?:[\s.\-/()]*\d){4,}/g, '[number]'],
];

/** Removes from one string everything that could be personal data. */
export function redactText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of patterns) out = out.replace(pattern, replacement);
  return out;
}

/** Keys whose values are kept in logged objects (after redaction); any other value is dropped. */
const keptKeys = new Set(['code', 'name', 'reason', 'channel', 'event', 'level', 'version', 'platform']);

/**
 * Redacts one logged value: strings are filtered, numbers and booleans kept, errors reduced to
 * their name and code (their messages carry paths), objects to the allow-listed keys.
 */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return value;
  if (value instanceof Error) {
    const code = (value as NodeJS.ErrnoException).code;
    return `${value.name}${typeof code === 'string' ? ` ${redactText(code)}` : ''}`;
  }
  if (depth > 2) return '[redacted]';
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        keptKeys.has(key) ? redactValue(inner, depth + 1) : '[redacted]',
      ]),
    );
  }
  return '[redacted]';
}

/** The electron-log hook: every message's data redacted before any transport sees it. */
export function redactionHook(message: LogMessage): LogMessage {
  return { ...message, data: message.data.map((item) => redactValue(item)) };
}

/** The file name of the `n`th rotated log. */
export function rotatedName(n: number): string {
  return LOG_FILE.replace(/\.log$/, `.${n}.log`);
}

/**
 * Rotation: when the live file is full it becomes `main.1.log`, the older ones move up one, and
 * the oldest beyond `LOG_KEEP` is dropped. Synchronous, as electron-log calls it mid-write.
 */
export function rotate(fs: Pick<typeof NodeFs, 'existsSync' | 'renameSync' | 'rmSync'>, file: string): void {
  const dir = path.dirname(file);
  const at = (n: number): string => path.join(dir, rotatedName(n));
  fs.rmSync(at(LOG_KEEP), { force: true });
  for (let n = LOG_KEEP - 1; n >= 1; n--) if (fs.existsSync(at(n))) fs.renameSync(at(n), at(n + 1));
  fs.renameSync(file, at(1));
}

/** The log files in `dir`, oldest first (the live one last). */
export function logFiles(dir: string): string[] {
  return [...Array.from({ length: LOG_KEEP }, (_, i) => rotatedName(LOG_KEEP - i)), LOG_FILE].map((name) =>
    path.join(dir, name),
  );
}

/**
 * Sets up a logger (electron-log's main logger, or its Node logger in tests): file in `dir`,
 * rotated at `LOG_MAX_BYTES` (or `maxBytes`), every message redacted, nothing on the console unless asked.
 */
export function configureLogger(
  logger: NodeLogger,
  options: { dir: string; console: boolean; fs: Parameters<typeof rotate>[0]; maxBytes?: number },
): NodeLogger {
  logger.hooks.push(redactionHook);
  logger.transports.file.resolvePathFn = () => path.join(options.dir, LOG_FILE);
  logger.transports.file.maxSize = options.maxBytes ?? LOG_MAX_BYTES;
  logger.transports.file.archiveLogFn = (old: LogFile) => rotate(options.fs, old.path);
  logger.transports.file.level = 'info';
  logger.transports.console.level = options.console ? 'info' : false;
  return logger;
}
