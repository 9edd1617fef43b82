import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testController, testPurpose } from '../../test/fixtures/privacy';
import { exampleStamp } from '../../test/fixtures/records';
import { purposePresetKeys, type Purpose } from '../domain/privacy';
import { catalogs } from '../i18n';
import { buildPrivacyNotice, noticeSections, privacyNoticeText } from './privacy-notice';

const golden = (name: string) => path.join(import.meta.dirname, '../../test/fixtures/formats', name);
const id = (n: number) => n.toString(16).padStart(32, '0');

// Every preset and one purpose with a transfer outside the EU, in a fixed vault.
function catalogue(): Purpose[] {
  const presets = purposePresetKeys.map((k, n) => testPurpose(id(n + 1), exampleStamp, k));
  const cloud: Purpose = {
    ...testPurpose(id(9), exampleStamp, 'customer-contract'),
    name: 'Cloud invoicing',
    recipients: ['Invoicing provider', 'Accountant'],
    transfers: 'United States (invoicing provider)',
    transferSafeguards: 'EU–US Data Privacy Framework adequacy decision',
  };
  const trashed = {
    ...testPurpose(id(99), exampleStamp),
    name: 'Trashed',
    deletedAt: '2026-01-16T00:00:00.000Z',
  };
  return [...presets.reverse(), cloud, trashed];
}

// Set SCRIGNO_UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate change.
function expectGolden(name: string, text: string): void {
  if (process.env.SCRIGNO_UPDATE_GOLDEN === '1') writeFileSync(golden(name), text);
  expect(text).toBe(readFileSync(golden(name), 'utf8'));
}

describe('the privacy notice', () => {
  it('matches the golden files: Art. 13 in English, Art. 14 in Italian', () => {
    const controller = testController(id(20), exampleStamp);
    const en = buildPrivacyNotice(controller, catalogue(), catalogs.en.privacy);
    expectGolden('privacy-notice.en.txt', privacyNoticeText(en));
    const it = buildPrivacyNotice(controller, catalogue(), catalogs.it.privacy, {
      indirect: true,
      source: 'elenco pubblico delle imprese',
    });
    expectGolden('privacy-notice.it.txt', privacyNoticeText(it));
    // The Italian event names carry their own preposition ("dall’ultima registrazione").
    expect(privacyNoticeText(it)).toContain('120 mesi dall’ultima registrazione – art. 2220 c.c.');
  });

  it('answers every point of Art. 13, and the two of Art. 14 only for indirect collection', () => {
    for (const language of ['en', 'it'] as const) {
      const texts = catalogs[language].privacy;
      const direct = buildPrivacyNotice(null, [], texts);
      expect(direct.blocks.map((b) => b.section)).toEqual(
        noticeSections.filter((s) => s !== 'categories' && s !== 'source'),
      );
      for (const b of direct.blocks) expect(b.paragraphs.join('').trim()).not.toBe('');
      expect(direct.blocks[0]!.paragraphs).toEqual([texts.notice.noController]);
      expect(direct.lead).toBe(texts.notice.lead13);
      const indirect = buildPrivacyNotice(null, [], texts, { indirect: true });
      expect(indirect.blocks.map((b) => b.section)).toEqual([...noticeSections]);
      expect(indirect.lead).toBe(texts.notice.lead14);
    }
  });

  it('names the Garante and the rights, and offers withdrawal only where a purpose rests on consent', () => {
    const controller = testController(id(20), exampleStamp);
    const texts = catalogs.it.privacy;
    const contractOnly = [testPurpose(id(1), exampleStamp, 'customer-contract')];
    const text = privacyNoticeText(buildPrivacyNotice(controller, contractOnly, texts));
    expect(text).toContain('Garante per la protezione dei dati personali');
    expect(text).toContain('portabilità dei dati');
    expect(text).toContain(texts.notice.noWithdrawal);
    expect(text).not.toContain(texts.notice.withdrawal);
    const withMarketing = [...contractOnly, testPurpose(id(2), exampleStamp, 'marketing')];
    expect(privacyNoticeText(buildPrivacyNotice(controller, withMarketing, texts))).toContain(
      texts.notice.withdrawal,
    );
  });

  it('gives the same text, and so the same fingerprint, for the same records in any order', () => {
    const controller = testController(id(20), exampleStamp);
    const a = privacyNoticeText(buildPrivacyNotice(controller, catalogue(), catalogs.en.privacy));
    const b = privacyNoticeText(buildPrivacyNotice(controller, catalogue().reverse(), catalogs.en.privacy));
    expect(a).toBe(b);
    expect(a).not.toContain('Trashed');
  });
});
