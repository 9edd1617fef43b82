import { readFileSync } from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { examplePerson } from '../../test/fixtures/records';
import { toICalendar } from './ical';
import {
  cardToDraft,
  escapeText,
  foldLine,
  mapVcardFile,
  peopleToVcards,
  personToVcard,
  readVcards,
} from './vcard';
import type { Activity } from '../domain/activity';
import type { Task } from '../domain/task';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(path.join(import.meta.dirname, '../../test/fixtures/formats', name)));
const opts = { locale: 'it-IT', defaultCountry: 'IT' };

describe('vCard reading', () => {
  it('reads 2.1 with QUOTED-PRINTABLE, soft line breaks, CHARSET and bare types', () => {
    const { results } = mapVcardFile(fixture('phone-export-v21.vcf'), opts);
    const n = results[0]!.draft!;
    expect(n).toMatchObject({ givenName: 'Niccolò', familyName: 'Ferraris' });
    expect(n.phones).toEqual([
      { kind: 'mobile', number: '+393471234567' },
      { kind: 'work', number: '+390212345678' },
    ]);
    expect(n.emails).toEqual([{ kind: 'work', address: 'niccolo.ferraris@example.it' }]);
    expect(n.notes).toBe(
      'Prima riga\r\nSeconda riga molto lunga che continua sulla riga successiva senza interruzioni',
    );
    expect(n.addresses).toEqual([
      {
        kind: 'home',
        street: 'Via Forlì 3',
        city: 'Cesena',
        province: 'FC',
        postalCode: '47521',
        country: 'IT',
      },
    ]);
    expect(results[1]!.draft).toMatchObject({ givenName: 'Giulia', familyName: 'Bianchi' });
  });

  it('reads 3.0 with escapes and structured ORG, and names a card with no FN or N by its email', () => {
    const { results } = mapVcardFile(fixture('contacts-v30.vcf'), opts);
    expect(results[0]!.draft).toMatchObject({
      givenName: 'Anna Maria',
      familyName: 'Verdi',
      organizationName: 'Studio Verdi, Associati',
      jobTitle: 'Socia',
      birthday: '1985-02-28',
      notes: 'Riga uno\nRiga due; fine',
    });
    expect(results[1]!.draft).toMatchObject({
      givenName: '',
      familyName: 'senzanome@example.it',
      emails: [{ kind: 'other', address: 'senzanome@example.it' }],
    });
    expect(results[1]!.problems).toEqual([]);
  });

  it('reads 4.0 with tel: URIs and quoted parameters, falls back to FN, and flags a truncated card', () => {
    const { results } = mapVcardFile(fixture('contacts-v40.vcf'), opts);
    expect(results[0]!.draft).toMatchObject({
      givenName: 'Łukasz',
      familyName: 'Nowak',
      birthday: '1990-07-04',
    });
    expect(results[0]!.draft!.phones).toEqual([{ kind: 'mobile', number: '+48601234567' }]);
    expect(results[0]!.draft!.addresses[0]!.country).toBe('PL');
    expect(results[1]!.draft).toMatchObject({ givenName: 'Solo Nome', familyName: 'Visualizzato' });
    expect(results[2]!.draft).toBeNull();
    expect(results[2]!.problems[0]!.code).toBe('invalid-vcard');
  });

  it('refuses a file with no card', () => {
    expect(() => mapVcardFile(new TextEncoder().encode('hello\nworld\n'), opts)).toThrow(
      expect.objectContaining({ code: 'no-cards' }),
    );
  });
});

describe('vCard writing', () => {
  const person = examplePerson({
    notes: 'Riga 1\nRiga 2; con, segni',
    birthday: '1980-05-17',
    jobTitle: 'CFO',
  });

  it.each(['3.0', '4.0'] as const)(
    'writes %s that ical.js parses and that reads back to the same person',
    (version) => {
      const text = personToVcard(person, version, 'Officine Adriatiche S.r.l.');
      expect(text.split('\r\n').every((l) => new TextEncoder().encode(l).length <= 75)).toBe(true);
      const parsed = new ICAL.Component(ICAL.parse(text) as unknown[]);
      expect(parsed.getFirstPropertyValue('fn')).toBe('Niccolò Rossi');
      expect(String(parsed.getFirstPropertyValue('uid'))).toBe(
        'urn:uuid:00000000-0000-0000-0000-00000000000b',
      );
      const back = cardToDraft(readVcards(text)[0]!, 1, opts).draft!;
      expect(back).toMatchObject({
        givenName: person.givenName,
        familyName: person.familyName,
        emails: person.emails,
        phones: person.phones,
        birthday: '1980-05-17',
        jobTitle: 'CFO',
        notes: person.notes,
        organizationName: 'Officine Adriatiche S.r.l.',
      });
    },
  );

  it('writes many cards in one file', () => {
    const text = peopleToVcards(
      [person, { ...person, id: '0000000000000000000000000000000c' as typeof person.id }],
      '4.0',
    );
    expect(readVcards(text)).toHaveLength(2);
  });
});

describe('iCalendar', () => {
  const base = {
    schemaVersion: 1,
    clock: {},
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-02T00:00:00.000Z',
    deletedAt: null,
  };
  const meeting = {
    ...base,
    id: 'a'.repeat(32),
    kind: 'meeting',
    at: '2026-03-01T09:30:00.000Z',
    durationMinutes: 45,
    subject: 'Offerta, revisione',
    text: 'Portare; i listini',
    participantIds: [],
  } as unknown as Activity;
  const note = { ...meeting, id: 'b'.repeat(32), kind: 'note' } as unknown as Activity;
  const task = {
    ...base,
    id: 'c'.repeat(32),
    title: 'Richiamare',
    dueDate: '2026-03-05',
    priority: 'high',
    done: false,
  } as unknown as Task;

  it('writes meetings as VEVENT and tasks as VTODO (and all-day VEVENT) with stable UIDs', () => {
    const text = toICalendar([meeting, note], [task], { now: Date.UTC(2026, 2, 1), tasksAsEvents: true });
    const cal = new ICAL.Component(ICAL.parse(text) as unknown[]);
    const events = cal.getAllSubcomponents('vevent');
    expect(events).toHaveLength(2);
    const ev = new ICAL.Event(events[0]);
    expect(ev.uid).toBe(`${'a'.repeat(32)}@scrigno.local`);
    expect(ev.summary).toBe('Offerta, revisione');
    expect(ev.duration.toSeconds()).toBe(45 * 60);
    expect(ev.startDate.toString()).toBe('2026-03-01T09:30:00Z');
    expect(text).toContain('\r\nDTSTART:20260301T093000Z\r\n');
    const todo = cal.getFirstSubcomponent('vtodo')!;
    expect(todo.getFirstPropertyValue('uid')).toBe(`${'c'.repeat(32)}@scrigno.local`);
    expect(String(todo.getFirstPropertyValue('due'))).toBe('2026-03-05');
    expect(new ICAL.Event(events[1]).startDate.isDate).toBe(true);
    // The same records give the same UIDs on the next export.
    expect(toICalendar([meeting], [task], { now: 1 })).toContain(`UID:${'a'.repeat(32)}@scrigno.local`);
  });
});

describe('content lines', () => {
  const octets = (text: string) => new TextEncoder().encode(text).length;

  it('folds at 75 octets, never inside a character, and leaves lines that fit alone', () => {
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
    const short = `NOTE:${'è'.repeat(30)}`;
    expect(foldLine(short)).toBe(short);
    const long = `NOTE:${'è'.repeat(40)}😀${'è'.repeat(40)}`;
    const parts = foldLine(long).split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(octets(part)).toBeLessThanOrEqual(75);
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(long);
  });

  it('escapes backslashes, line breaks, commas and semicolons, and leaves plain text as it is', () => {
    expect(escapeText('Via Roma 1\nMilano, MI; IT \\ ok')).toBe('Via Roma 1\\nMilano\\, MI\\; IT \\\\ ok');
    expect(escapeText('Niccolò Rossi')).toBe('Niccolò Rossi');
  });
});
