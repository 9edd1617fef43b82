import { describe, expect, it } from 'vitest';
import { commandCatalog, sections } from '../commands/catalog';
import { hostErrorCodes } from '../host/errors';
import { catalogs, languageFromLocale, translate } from './index';

function leaves(node: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();

describe('i18n catalogs', () => {
  const it_ = leaves(catalogs.it);
  const en = leaves(catalogs.en);

  it('have the same keys in Italian and English, none empty', () => {
    expect([...it_.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [key, text] of [...it_, ...en]) expect(text.trim(), key).not.toBe('');
  });

  it('use the same interpolation placeholders in both languages', () => {
    for (const [key, text] of en) expect(placeholders(it_.get(key)!), key).toEqual(placeholders(text));
  });

  it('label every declared command, section and host error in both languages', () => {
    const needed = [
      ...commandCatalog.map((c) => c.labelKey),
      ...sections.map((s) => `nav.${s}`),
      ...sections.map((s) => `sections.${s}.title`),
      ...hostErrorCodes.map((c) => `errors.host.${c}`),
    ];
    for (const key of needed) {
      expect(en.has(key), key).toBe(true);
      expect(it_.has(key), key).toBe(true);
    }
  });

  it('translate falls back to English, then to the key', () => {
    expect(translate('it', 'menu.edit')).toBe('Modifica');
    expect(translate('en', 'menu.edit')).toBe('Edit');
    expect(translate('it', 'no.such.key')).toBe('no.such.key');
  });

  it('pick Italian for any Italian locale and English otherwise', () => {
    expect(languageFromLocale('it-IT')).toBe('it');
    expect(languageFromLocale('it-CH')).toBe('it');
    expect(languageFromLocale('de-DE')).toBe('en');
    expect(languageFromLocale(undefined)).toBe('en');
  });
});
