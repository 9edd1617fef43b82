import { describe, expect, it } from 'vitest';
import { exampleStamp } from '../../test/fixtures/records';
import { testController, testLink, testPurpose } from '../../test/fixtures/privacy';
import {
  peopleWithoutPurpose,
  privacyControllerSchema,
  purposePresetKeys,
  purposePresets,
  purposeSchema,
  purposesOfPerson,
  type Purpose,
} from './privacy';
import { validate } from './validation';

const id = (c: string) => c.repeat(32);
const codes = (purpose: unknown) => {
  const r = validate(purposeSchema, purpose);
  return r.ok ? [] : r.issues.map((i) => `${i.path.join('.')}:${i.code}`);
};

describe('purposes', () => {
  it('has the five presets with their legal bases and retention rules', () => {
    expect(purposePresets.map((p) => p.key)).toEqual([...purposePresetKeys]);
    const byKey = Object.fromEntries(purposePresets.map((p) => [p.key, p]));
    expect(byKey['customer-contract']!.legalBasis).toBe('contract');
    expect(byKey.accounting).toMatchObject({
      legalBasis: 'legal-obligation',
      retention: { months: 120, from: 'last-entry' },
    });
    expect(byKey.marketing).toMatchObject({ legalBasis: 'consent', retention: { months: 24 } });
    expect(byKey.profiling).toMatchObject({ legalBasis: 'consent', retention: { months: 12 } });
    expect(byKey['legitimate-follow-up']!.legalBasis).toBe('legitimate-interests');
    for (const key of purposePresetKeys)
      expect(codes(testPurpose(id('a'), exampleStamp, key)), key).toEqual([]);
  });

  it('refuses a purpose without legal basis, a retention of zero or less, and legitimate interest without balancing note', () => {
    const ok = testPurpose(id('a'), exampleStamp);
    const { legalBasis: _basis, ...baseless } = ok;
    expect(codes(baseless)).toEqual(['legalBasis:legal-basis-required']);
    expect(codes({ ...ok, legalBasis: 'because' })).toEqual(['legalBasis:legal-basis-required']);
    expect(codes({ ...ok, retention: { ...ok.retention, months: 0 } })).toEqual([
      'retention.months:retention-too-short',
    ]);
    expect(codes({ ...ok, retention: { ...ok.retention, months: -3 } })).toEqual([
      'retention.months:retention-too-short',
    ]);
    expect(codes({ ...ok, retention: { ...ok.retention, months: 1.5 } })).toEqual([
      'retention.months:retention-too-short',
    ]);
    const li: Purpose = { ...ok, legalBasis: 'legitimate-interests', balancingNote: '  ' };
    expect(codes(li)).toEqual(['balancingNote:balancing-note-required']);
    expect(codes({ ...ok, transfers: 'Cloud provider in the USA' })).toEqual([
      'transferSafeguards:safeguards-required',
    ]);
  });

  it('finds each person purposes and flags people without one', () => {
    const purpose = testPurpose(id('a'), exampleStamp);
    const gone = {
      ...testPurpose(id('b'), exampleStamp),
      deletedAt: exampleStamp.clock && new Date(0).toISOString(),
    };
    const purposes = new Map([purpose, gone].map((p) => [p.id, p]));
    const links = [
      testLink(id('c'), id('1'), purpose.id, exampleStamp),
      testLink(id('d'), id('2'), gone.id, exampleStamp),
    ];
    expect(purposesOfPerson(id('1'), links, purposes).map((p) => p.id)).toEqual([purpose.id]);
    expect(purposesOfPerson(id('2'), links, purposes)).toEqual([]);
    const people = [id('1'), id('2'), id('3')].map((pid) => ({ id: pid, deletedAt: null }));
    expect(peopleWithoutPurpose(people, links, purposes).map((p) => p.id)).toEqual([id('2'), id('3')]);
  });

  it('checks the controller details', () => {
    const c = testController(id('e'), exampleStamp);
    expect(validate(privacyControllerSchema, c).ok).toBe(true);
    const bad = validate(privacyControllerSchema, { ...c, name: ' ', vatNumber: 'IT123', pec: 'nope' });
    expect(bad.ok ? [] : bad.issues.map((i) => `${i.path.join('.')}:${i.code}`).sort()).toEqual([
      'name:required',
      'pec:invalid-email',
      'vatNumber:invalid-vat',
    ]);
  });
});
