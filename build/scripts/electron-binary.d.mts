// Types of electron-binary.mjs, for the tests that import it.
export type FailureKind = 'offline' | 'blocked' | 'corrupt' | 'other';
export interface DownloadProgress {
  transferred: number;
  total: number | null;
  percent: number;
}
export interface ArtifactRequest {
  version: string;
  artifactName: 'electron';
  platform: string;
  arch: string;
  cacheRoot: string | undefined;
  checksums: Record<string, string>;
  downloadOptions: { quiet: boolean; getProgressCallback(progress: DownloadProgress): Promise<void> };
}
export function electronPackageDir(): string;
export function platformPath(platform?: string): string;
export function installedBinary(dir: string): string | null;
export function classifyFailure(error: unknown): FailureKind;
export function terminalLanguage(env?: Record<string, string | undefined>): 'it' | 'en';
export function failureParagraph(error: unknown, language?: 'it' | 'en'): string;
export function progressPrinter(
  write: (text: string) => void,
  language: 'it' | 'en',
  tty: boolean,
): (progress: DownloadProgress) => void;
export function ensureElectronBinary(options?: {
  dir?: string;
  env?: Record<string, string | undefined>;
  write?: (text: string) => void;
  tty?: boolean;
  language?: 'it' | 'en';
  download?: (request: ArtifactRequest) => Promise<string>;
  install?: (dir: string) => void;
}): Promise<string>;
