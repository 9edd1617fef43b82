// The renderer's layer rules (eslint.config.js) on imports written as a developer would: each
// forbidden import is reported, and the allowed ones beside it are not.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
// Only the configs that carry import rules: the type-aware rules need a real program.
const { default: config } = (await import(pathToFileURL(path.join(root, 'eslint.config.js')).href)) as {
  default: Linter.Config[];
};
const importRules = config.filter((c) => c.rules && 'no-restricted-imports' in c.rules);

function violations(file: string, imports: string[]): string[] {
  const linter = new Linter({ configType: 'flat', cwd: root });
  const code = imports.map((spec, i) => `import * as m${i} from '${spec}';\nexport { m${i} };`).join('\n');
  const messages = linter.verify(
    code,
    [{ files: ['**/*.{ts,tsx}'], languageOptions: { parser: tseslint.parser } }, ...importRules],
    { filename: path.join(root, file) },
  );
  expect(messages.filter((m) => m.fatal)).toEqual([]);
  return messages
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => imports[(m.line - 1) / 2] ?? '?');
}

describe('renderer layers', () => {
  it('vault/ imports neither React nor anything above it', () => {
    expect(
      violations('renderer/vault/x.ts', [
        'react',
        '../ui/dialog',
        '../session/workspace',
        '../search',
        './bytes',
      ]),
    ).toEqual(['react', '../ui/dialog', '../session/workspace', '../search']);
  });

  it('search/ sits at the bottom', () => {
    expect(violations('renderer/search/x.ts', ['../vault', '../features/contacts', './normalize'])).toEqual([
      '../vault',
      '../features/contacts',
    ]);
  });

  it('commands/, backup/ and host/ reach the vault only through its index, and nothing above', () => {
    for (const folder of ['commands', 'backup', 'host']) {
      expect(
        violations(`renderer/${folder}/x.ts`, [
          '../vault',
          '../vault/repository',
          '../session/session',
          '../ui/dialog',
        ]),
      ).toEqual(['../vault/repository', '../session/session', '../ui/dialog']);
    }
  });

  it('sync/ reaches the vault and the commands through their index, and nothing above', () => {
    expect(
      violations('renderer/sync/x.ts', [
        '../vault',
        '../commands',
        '../vault/crypto',
        '../session/workspace',
        '../ui/dialog',
        './envelope',
      ]),
    ).toEqual(['../vault/crypto', '../session/workspace', '../ui/dialog']);
    // Others reach sync/ through its index only.
    expect(violations('renderer/session/x.ts', ['../sync', '../sync/bridge'])).toEqual(['../sync/bridge']);
  });

  it('session/ sits below ui/ and the features', () => {
    expect(
      violations('renderer/session/x.ts', [
        '../vault',
        '../commands',
        '../ui/i18n',
        '../features/contacts',
        '../app/shell',
      ]),
    ).toEqual(['../ui/i18n', '../features/contacts', '../app/shell']);
  });

  it('ui/ (at any depth) never reaches the features or the app', () => {
    expect(
      violations('renderer/ui/x.tsx', [
        '../session/workspace',
        '../features/deals',
        '../app/shell',
        '../vault/model',
      ]),
    ).toEqual(['../features/deals', '../app/shell', '../vault/model']);
    expect(
      violations('renderer/ui/timeline/x.tsx', ['../dialog', '../../features/deals', '../../app/shell']),
    ).toEqual(['../../features/deals', '../../app/shell']);
  });

  it('a feature reaches another feature only through its index, and never the app', () => {
    expect(
      violations('renderer/features/settings/x.tsx', [
        '../access',
        '../access/passphrase-field',
        './settings-page',
        '../../ui/dialog',
        '../../session/workspace',
        '../../app/shortcuts',
        '../../search/normalize',
        '../../vault',
      ]),
    ).toEqual(['../access/passphrase-field', '../../app/shortcuts', '../../search/normalize']);
  });

  it('the app mounts features through their index only', () => {
    expect(
      violations('renderer/app/x.tsx', [
        '../features/contacts',
        '../features/contacts/routes',
        '../ui/dialog',
        './shell',
      ]),
    ).toEqual(['../features/contacts/routes']);
  });

  it('tests may reach internals', () => {
    expect(
      violations('renderer/features/contacts/x.test.ts', ['../deals/deal-rows', '../../vault/model']),
    ).toEqual([]);
  });
});
