import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testController, testPurpose } from '../../test/fixtures/privacy';
import { exampleStamp } from '../../test/fixtures/records';
import { purposePresetKeys, type Purpose } from '../domain/privacy';
import { catalogs } from '../i18n';
import { parseCsv } from './csv';
import { buildProcessingRegister, processingRegisterCsv, registerPoints } from './processing-register';

const golden = (name: string) => path.join(import.meta.dirname, '../../test/fixtures/formats', name);
const id = (n: number) => n.toString(16).padStart(32, '0');

// Three presets and one purpose with a transfer outside the EU, in a fixed vault.
function catalogue(): Purpose[] {
  const [contract, accounting, marketing] = purposePresetKeys.map((k, n) =>
    testPurpose(id(n + 1), exampleStamp, k),
  );
  const cloud: Purpose = {
    ...testPurpose(id(9), exampleStamp, 'customer-contract'),
    name: 'Cloud invoicing',
    recipients: ['Invoicing provider'],
    transfers: 'United States (invoicing provider)',
    transferSafeguards: 'EU–US Data Privacy Framework adequacy decision',
    securityMeasures: '',
  };
  return [marketing!, contract!, cloud, accounting!];
}

// Set SCRIGNO_UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate change.
function expectGolden(name: string, text: string): void {
  if (process.env.SCRIGNO_UPDATE_GOLDEN === '1') writeFileSync(golden(name), text);
  expect(text).toBe(readFileSync(golden(name), 'utf8'));
}

describe('the register of processing activities', () => {
  it('matches the golden files, in English (comma) and Italian (semicolon)', () => {
    const controller = testController(id(20), exampleStamp);
    const en = buildProcessingRegister(controller, catalogue(), catalogs.en.privacy);
    expectGolden('processing-register.en.csv', processingRegisterCsv(en, catalogs.en.privacy));
    const it = buildProcessingRegister(controller, catalogue(), catalogs.it.privacy);
    expectGolden('processing-register.it.csv', processingRegisterCsv(it, catalogs.it.privacy, ';'));
  });

  it('has one row per live purpose, every point filled or marked with its reason', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...purposePresetKeys), { maxLength: 8 }),
        fc.boolean(),
        (keys, withController) => {
          const purposes = keys.map((k, n) => testPurpose(id(n + 1), exampleStamp, k));
          const trashed = { ...testPurpose(id(99), exampleStamp), deletedAt: '2026-01-16T00:00:00.000Z' };
          const controller = withController ? testController(id(20), exampleStamp) : null;
          for (const language of ['en', 'it'] as const) {
            const texts = catalogs[language].privacy;
            const rows = buildProcessingRegister(controller, [...purposes, trashed], texts);
            expect(rows).toHaveLength(purposes.length);
            for (const row of rows)
              for (const p of registerPoints) {
                const cell = row.cells[p];
                expect(cell.text.trim()).not.toBe('');
                if (cell.status === 'not-applicable')
                  expect(cell.text.startsWith(`${texts.register.notApplicable}: `)).toBe(true);
                if (cell.status === 'missing')
                  expect(cell.text.startsWith(`${texts.register.missing}: `)).toBe(true);
              }
            expect(rows.every((r) => r.cells.a.status === (withController ? 'filled' : 'missing'))).toBe(
              true,
            );
            for (const delimiter of [',', ';'] as const) {
              const parsed = parseCsv(
                processingRegisterCsv(rows, texts, delimiter).replace(/^\ufeff/, ''),
                delimiter,
              );
              expect(parsed).toHaveLength(purposes.length + 1);
              expect(parsed.every((r) => r.length === 8)).toBe(true);
            }
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it('quotes the legal basis and balancing note, and marks absent recipients and transfers not applicable', () => {
    const rows = buildProcessingRegister(null, catalogue(), catalogs.en.privacy);
    const byName = new Map(rows.map((r) => [r.purposeId, r]));
    const marketing = byName.get(id(3))!;
    expect(marketing.cells.b.text).toContain('Consent (Art. 6(1)(a))');
    expect(marketing.cells.e).toEqual({
      status: 'not-applicable',
      text: 'Not applicable: no personal data are transferred to a third country or an international organisation',
    });
    expect(marketing.cells.f.text).toBe('24 months from the consent');
    const cloud = byName.get(id(9))!;
    expect(cloud.cells.e.text).toContain('Safeguards: EU–US Data Privacy Framework');
    expect(cloud.cells.d.status).toBe('filled');
    const li = buildProcessingRegister(
      null,
      [testPurpose(id(5), exampleStamp, 'legitimate-follow-up')],
      catalogs.it.privacy,
    )[0]!;
    expect(li.cells.b.text).toContain('Legittimo interesse (art. 6, par. 1, lett. f)');
    expect(li.cells.b.text).toContain('Bilanciamento: ');
    expect(li.cells.a).toEqual({
      status: 'missing',
      text: 'Non compilato: inserisci i dati del titolare in Privacy → Titolare',
    });
  });
});
