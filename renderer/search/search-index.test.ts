import { describe, expect, it } from 'vitest';
import { SearchIndex } from './search-index';
import type { SearchDoc, SearchResult } from './types';

const person = (id: string, title: string, fields: string[] = [], text?: string): SearchDoc =>
  text === undefined ? { id, type: 'person', title, fields } : { id, type: 'person', title, fields, text };

const ids = (r: SearchResult): string[] => r.groups.flatMap((g) => g.hits.map((h) => h.id)).sort();
const find = (index: SearchIndex, q: string): string[] => ids(index.search(q, { perGroup: 100 }));

const people = SearchIndex.build([
  person('p1', 'Niccolò Rossi', ['n.rossi@example.it', '+39 333 123 4567', 'Milano']),
  person('p2', 'Jürgen Müller', ['Berlin']),
  person('p3', 'Łukasz Nowak', ['Kraków']),
  person('p4', 'Anna Strauß', ['Wien']),
  person('p5', 'Marco Rossini', ['Roma']),
  person('p6', 'Maria Rosso', ['Torino']),
]);

describe('SearchIndex matching', () => {
  it('ignores case and accents on both sides', () => {
    expect(find(people, 'niccolo')).toEqual(['p1']);
    expect(find(people, 'NICCOLÒ')).toEqual(['p1']);
    expect(find(people, 'muller')).toEqual(['p2']);
    expect(find(people, 'müller')).toEqual(['p2']);
    expect(find(people, 'lukasz')).toEqual(['p3']);
    expect(find(people, 'strauss')).toEqual(['p4']);
    expect(find(people, 'krakow')).toEqual(['p3']);
  });

  it('matches prefixes as the user types', () => {
    expect(find(people, 'n')).toEqual(['p1', 'p3']);
    expect(find(people, 'nic')).toEqual(['p1']);
    expect(find(people, 'rossi')).toEqual(['p1', 'p5', 'p6']); // Rosso is one typo away
    expect(find(people, 'ros')).toEqual(['p1', 'p5', 'p6']);
    expect(find(people, 'rossini')).toEqual(['p5']);
  });

  it('tolerates one typo in tokens of four or more characters', () => {
    expect(find(people, 'nicolo')).toEqual(['p1']); // deletion
    expect(find(people, 'niccollo')).toEqual(['p1']); // insertion
    expect(find(people, 'niccolà')).toEqual(['p1']); // substitution
    expect(find(people, 'nicoclo')).toEqual(['p1']); // transposition
    expect(find(people, 'nicol')).toEqual(['p1']); // typo inside a longer word
    expect(find(people, 'mulelr')).toEqual(['p2']);
  });

  it('never matches two typos', () => {
    expect(find(people, 'nicola')).toEqual([]);
    expect(find(people, 'nocolà')).toEqual([]);
    expect(find(people, 'mlelr')).toEqual([]);
  });

  it('does not apply typos to short tokens, numbers or the last typed character of a prefix', () => {
    expect(find(people, 'nix')).toEqual([]);
    expect(find(people, '3334')).toEqual([]);
    // "rossa" is one edit from "rossi" and "rosso" as words, but not from "rossini".
    expect(find(people, 'rossa')).toEqual(['p1', 'p6']);
  });

  it('ANDs query tokens, each matching any field', () => {
    expect(find(people, 'rossi milano')).toEqual(['p1']);
    expect(find(people, 'ross roma')).toEqual(['p5']);
    expect(find(people, 'rossi berlin')).toEqual([]);
    expect(find(people, 'm. rossini')).toEqual(['p5']);
    expect(find(people, 'ma ros')).toEqual(['p5', 'p6']);
  });

  it('finds emails and phone numbers by prefix', () => {
    expect(find(people, 'n.rossi@exa')).toEqual(['p1']);
    expect(find(people, 'nrossiexample')).toEqual(['p1']);
    expect(find(people, '3331234')).toEqual(['p1']);
    expect(find(people, '+39 333')).toEqual(['p1']);
  });

  it('reads a query of digits and phone punctuation as one number too', () => {
    // Phone fields as the app passes them: international digits, national number, with a 0.
    const index = SearchIndex.build([
      person('mobile', 'Mario Bianchi', ['393471234567', '3471234567', '03471234567']),
      person('landline', 'Studio Verdi', ['390212345678', '0212345678']),
      person('other', 'Anna Neri', ['393471234568', '3471234568', '03471234568']),
      person('words', 'Ufficio 347', ['Scala 123', 'Interno 4567']),
    ]);
    // Three numbers or one phone: either is a hit.
    expect(find(index, '347 123 4567')).toEqual(['mobile', 'words']);
    expect(find(index, '347-123-456')).toEqual(['mobile', 'other', 'words']);
    expect(find(index, '(347) 123.4568')).toEqual(['other']);
    expect(find(index, '3471234567')).toEqual(['mobile']);
    expect(find(index, '0347 123 4567')).toEqual(['mobile']);
    expect(find(index, '02 1234 5678')).toEqual(['landline']);
    expect(find(index, '0212345678')).toEqual(['landline']);
    // With + or 00 only the whole number counts: a country code is no word of its own.
    expect(find(index, '+39 347 123 4567')).toEqual(['mobile']);
    expect(find(index, '0039 347 123 4567')).toEqual(['mobile']);
    expect(find(index, '+39 02 1234 5678')).toEqual(['landline']);
    expect(find(index, '+39 347')).toEqual(['mobile', 'other']);
    expect(find(index, '+44 347')).toEqual([]);
    // A different number, and digits from the middle of one, match nothing.
    expect(find(index, '347 765 4321')).toEqual([]);
    expect(find(index, '1234567')).toEqual([]);
    // Short digit queries match numbers starting with them, like any prefix, and no others.
    expect(find(index, '34')).toEqual(['mobile', 'other', 'words']);
    expect(find(index, '02')).toEqual(['landline']);
    expect(find(index, '12')).toEqual(['words']);
    expect(find(index, '45 9')).toEqual([]);
  });

  it('ranks a record matching the words of a number query by their sum, the others by the number', () => {
    const index = SearchIndex.build([
      person('phone', 'Mario Bianchi', ['3471234567']),
      person('words', 'Ufficio 347', ['Scala 123', 'Interno 4567']),
    ]);
    const hits = index.allHits('347 123 4567', 'person');
    expect(hits.map((h) => h.id)).toEqual(['words', 'phone']);
    // "347" in the title (exact, x4), "123" and "4567" in fields (exact, x2); the number, exact in a field.
    expect(hits.map((h) => h.score)).toEqual([300 * 4 + 300 * 2 + 300 * 2, 300 * 2]);
  });

  it('starts a further word of a number query from what the words before matched, not the number', () => {
    // "34 1" finds p only as the number 341…; "34 1 2" (3412…) must not find it. The others
    // make filtering the hits of "34 1" by "2" cheaper than starting over.
    const docs = [person('p', 'Mario Bianchi', ['3415', '27'])];
    for (let i = 0; i < 5; i++) docs.push(person(`q${i}`, 'Anna Neri', ['3499', '1999']));
    const typing = SearchIndex.build(docs, { snapshotMinPostings: 0 });
    expect(find(typing, '34 1')).toEqual(['p', 'q0', 'q1', 'q2', 'q3', 'q4']);
    expect(find(typing, '34 1 2')).toEqual([]);
    expect(find(SearchIndex.build(docs), '34 1 2')).toEqual([]);
  });

  it('returns nothing for an empty or punctuation-only query', () => {
    expect(people.search('').groups).toEqual([]);
    expect(people.search(' .,- ').groups).toEqual([]);
  });
});

describe('SearchIndex ranking', () => {
  it('ranks exact above prefix above typo', () => {
    const index = SearchIndex.build([
      person('typo', 'Rosai'),
      person('prefix', 'Rossini'),
      person('exact', 'Rossi'),
    ]);
    expect(index.allHits('rossi', 'person').map((h) => h.id)).toEqual(['exact', 'prefix', 'typo']);
  });

  it('ranks name above secondary fields above note text', () => {
    const index = SearchIndex.build([
      person('note', 'Anna Bianchi', [], 'Chiamare Verdi domani'),
      person('field', 'Carla Neri', ['Verdi Srl']),
      person('name', 'Luca Verdi'),
    ]);
    expect(index.allHits('verdi', 'person').map((h) => h.id)).toEqual(['name', 'field', 'note']);
  });

  it('ranks a closer prefix and a shorter name first', () => {
    const index = SearchIndex.build([
      person('long', 'Rossellini'),
      person('short', 'Rossi Anna'),
      person('shorter', 'Rossi'),
    ]);
    expect(index.allHits('ross', 'person').map((h) => h.id)).toEqual(['shorter', 'short', 'long']);
  });

  it('scores a record by all query tokens', () => {
    const index = SearchIndex.build([
      person('both-in-name', 'Mario Rossi'),
      person('one-in-note', 'Mario Bianchi', [], 'ha parlato con Rossi'),
    ]);
    expect(index.allHits('mario rossi', 'person').map((h) => h.id)).toEqual(['both-in-name', 'one-in-note']);
  });
});

describe('SearchIndex grouping and recall', () => {
  const docs: SearchDoc[] = [];
  for (let i = 0; i < 120; i++) docs.push(person(`p${i}`, `Giulia Ferrari ${i}`));
  for (let i = 0; i < 80; i++)
    docs.push({ id: `a${i}`, type: 'activity', title: 'Call', text: `Parlato con Giulia ${i}` });
  docs.push({ id: 'o1', type: 'organization', title: 'Ferrari Giulia Snc' });
  const index = SearchIndex.build(docs);

  it('counts every hit per group and returns only the top k', () => {
    const r = index.search('giulia', { perGroup: 3 });
    expect(r.groups.map((g) => [g.type, g.total, g.hits.length])).toEqual([
      ['person', 120, 3],
      ['organization', 1, 1],
      ['activity', 80, 3],
    ]);
  });

  it('orders groups by their best hit', () => {
    const r = index.search('parlato');
    expect(r.groups.map((g) => g.type)).toEqual(['activity']);
    const s = index.search('giulia ferrari');
    expect(s.groups.map((g) => g.type)).toEqual(['person', 'organization']);
  });

  it('gives every hit of a group through allHits, best first', () => {
    const all = index.allHits('giulia', 'activity');
    expect(all).toHaveLength(80);
    expect(new Set(all.map((h) => h.id)).size).toBe(80);
    const top = index.search('giulia', { perGroup: 3 }).groups.find((g) => g.type === 'activity');
    expect(all.slice(0, 3)).toEqual(top?.hits);
  });
});

describe('SearchIndex updates', () => {
  it('adds, updates and removes records without a rebuild', () => {
    const index = SearchIndex.build([person('p1', 'Anna Rossi'), person('p2', 'Bruno Verdi')]);
    index.add(person('p3', 'Carla Rossi'));
    expect(find(index, 'rossi')).toEqual(['p1', 'p3']);
    index.update(person('p1', 'Anna Bianchi'));
    expect(find(index, 'rossi')).toEqual(['p3']);
    expect(find(index, 'bianchi')).toEqual(['p1']);
    index.remove('p3');
    index.remove('missing');
    expect(find(index, 'rossi')).toEqual([]);
    expect(index.size).toBe(2);
  });

  it('treats add of an existing id as an update', () => {
    const index = SearchIndex.build([person('p1', 'Anna Rossi')]);
    index.add(person('p1', 'Anna Verdi'));
    expect(index.size).toBe(1);
    expect(find(index, 'anna')).toEqual(['p1']);
    expect(find(index, 'rossi')).toEqual([]);
  });

  it('stays correct across overlay merges and compaction', () => {
    const names = ['Anna', 'Bruno', 'Carla', 'Dario', 'Elena', 'Fabio', 'Gina'];
    const index = SearchIndex.build([]);
    for (let i = 0; i < 5000; i++) {
      index.add(person(`p${i}`, `${names[i % 7]} Cognome${i}`));
      if (i % 3 === 0) index.remove(`p${i}`);
      if (i % 50 === 0) index.search('bruno');
    }
    const expected = [];
    for (let i = 0; i < 5000; i++) if (i % 3 !== 0 && i % 7 === 1) expected.push(`p${i}`);
    expect(
      index
        .allHits('bruno', 'person')
        .map((h) => h.id)
        .sort(),
    ).toEqual(expected.sort());
    expect(index.size).toBe(5000 - 1667);
    index.compact();
    expect(index.allHits('bruno', 'person')).toHaveLength(expected.length);
  });

  it('resolves repeated ids of a build at the first change, keeping the later doc', () => {
    const index = SearchIndex.build([
      person('p1', 'Anna Rossi'),
      person('p2', 'Bruno Verdi'),
      person('p1', 'Anna Bianchi'),
    ]);
    index.remove('missing');
    expect(index.size).toBe(2);
    expect(find(index, 'anna')).toEqual(['p1']);
    expect(find(index, 'rossi')).toEqual([]);
  });

  it('rejects an unknown document type with an error code', () => {
    const index = SearchIndex.build([]);
    expect(() => index.add({ id: 'x', type: 'invoice' as 'person', title: 'X' })).toThrow(
      'search.unknown_doc_type',
    );
  });
});

describe('SearchIndex.buildProgressive', () => {
  const notes = [
    person('p1', 'Niccolò Rossi', ['Milano'], 'Preventivo per la ristrutturazione'),
    person('p2', 'Jürgen Müller', ['Berlin'], 'Wants a quote for the warehouse'),
    person('p3', 'Anna Strauß', ['Wien']),
  ];

  it('answers names at once, fields and note text once ready', async () => {
    const index = SearchIndex.buildProgressive(notes);
    expect(index.isComplete).toBe(false);
    expect(find(index, 'rossi')).toEqual(['p1']);
    expect(find(index, 'berlin')).toEqual([]);
    expect(find(index, 'preventivo')).toEqual([]);
    await index.ready;
    expect(index.isComplete).toBe(true);
    expect(find(index, 'berlin')).toEqual(['p2']);
    expect(find(index, 'preventivo')).toEqual(['p1']);
    expect(find(index, 'warehouse muller')).toEqual(['p2']);
    expect(index.search('quote')).toEqual(SearchIndex.build(notes).search('quote'));
  });

  it('answers short fields at once when asked to', async () => {
    const index = SearchIndex.buildProgressive(notes, { fieldsAtOnce: true });
    expect(find(index, 'berlin')).toEqual(['p2']);
    expect(find(index, 'preventivo')).toEqual([]);
    await index.ready;
    expect(find(index, 'preventivo')).toEqual(['p1']);
  });

  it('indexes records added during the background work by their text at once', () => {
    const index = SearchIndex.buildProgressive(notes);
    index.add(person('p4', 'Marco Bianchi', [], 'Fattura scaduta'));
    expect(find(index, 'fattura')).toEqual(['p4']);
  });

  it('is complete at once without fields or note text, and after a one-pass build', async () => {
    const names = SearchIndex.buildProgressive([person('p1', 'Niccolò Rossi')]);
    expect(names.isComplete).toBe(true);
    await names.ready;
    expect(SearchIndex.build(notes).isComplete).toBe(true);
  });

  it('completes at once when compacted during the background work', async () => {
    let yields = 0;
    const index = SearchIndex.buildProgressive(notes, {
      yieldToHost: () => {
        yields++;
        return new Promise(() => {}); // the host never turns
      },
    });
    index.compact();
    expect(index.isComplete).toBe(true);
    await index.ready;
    expect(yields).toBe(1);
    expect(find(index, 'preventivo')).toEqual(['p1']);
  });

  it('stops and empties on close', async () => {
    const index = SearchIndex.buildProgressive(notes);
    index.close();
    await index.ready;
    expect(index.size).toBe(0);
    expect(find(index, 'rossi')).toEqual([]);
    index.add(person('p5', 'Giulia Verdi'));
    expect(find(index, 'giulia')).toEqual(['p5']);
  });

  it('spreads the text over many slices when each slice is short', async () => {
    const many = Array.from({ length: 3000 }, (_, i) =>
      person(`m${i}`, `Name${i}`, [], `note${i} about things`),
    );
    let slices = 0;
    const index = SearchIndex.buildProgressive(many, {
      sliceMs: 0,
      yieldToHost: () => {
        slices++;
        return Promise.resolve();
      },
    });
    await index.ready;
    // One slice per 256 documents at least, plus the layout stages.
    expect(slices).toBeGreaterThan(3000 / 256);
    expect(index.search('note2999').groups[0]?.hits[0]?.id).toBe('m2999');
    expect(index.search('things').groups[0]?.total).toBe(3000);
  });
});
