import { describe, expect, it } from 'vitest';
import { datasetSizes, generateDataset, createRng } from '../../test/fixtures/generate';
import {
  activitySchema,
  dealSchema,
  foldText,
  isValidPartitaIva,
  organizationSchema,
  personSchema,
  pipelineSchema,
  tagSchema,
  taskSchema,
  validate,
} from './index';
import type { z } from 'zod';

function expectAllValid(schema: z.ZodType, records: readonly unknown[]) {
  const failures = records
    .map((r) => validate(schema, r))
    .flatMap((r, i) => (r.ok ? [] : [{ index: i, issues: r.issues }]));
  expect(failures.slice(0, 3)).toEqual([]);
}

describe('generateDataset', () => {
  const data = generateDataset({ contacts: datasetSizes['1k'], seed: 42 });

  it('produces records that all parse with the domain schemas', () => {
    expectAllValid(organizationSchema, data.organizations);
    expectAllValid(personSchema, data.people);
    expectAllValid(dealSchema, data.deals);
    expectAllValid(activitySchema, data.activities);
    expectAllValid(taskSchema, data.tasks);
    expectAllValid(pipelineSchema, data.pipelines);
    expectAllValid(tagSchema, data.tags);
  });

  it('has the documented proportions', () => {
    expect(data.people).toHaveLength(1000);
    expect(data.organizations).toHaveLength(125);
    expect(data.activities).toHaveLength(3000);
    expect(data.deals).toHaveLength(300);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const again = generateDataset({ contacts: 1000, seed: 42 });
    expect(again).toEqual(data);
    const other = generateDataset({ contacts: 1000, seed: 43 });
    expect(other.people[0]!.id).not.toBe(data.people[0]!.id);
  });

  it('references only records that exist', () => {
    const people = new Set(data.people.map((p) => p.id as string));
    const orgs = new Set(data.organizations.map((o) => o.id as string));
    const deals = new Set(data.deals.map((d) => d.id as string));
    const stages = new Set(data.pipelines[0]!.stages.map((s) => s.id as string));
    for (const p of data.people)
      for (const l of p.organizations) expect(orgs.has(l.organizationId)).toBe(true);
    for (const d of data.deals) {
      expect(stages.has(d.stageId)).toBe(true);
      for (const id of d.personIds) expect(people.has(id)).toBe(true);
    }
    for (const a of data.activities) {
      for (const id of a.participantIds) expect(people.has(id)).toBe(true);
      if (a.dealId) expect(deals.has(a.dealId)).toBe(true);
    }
    for (const t of data.tasks) expect(t.link && people.has(t.link.id)).toBe(true);
  });

  it('includes accented European names and Italian companies with valid Partita IVA', () => {
    const names = data.people.map((p) => p.givenName + ' ' + p.familyName);
    expect(names.some((n) => n !== foldText(n) && /[^ -~]/.test(n))).toBe(true);
    const italian = data.organizations.filter((o) => o.vatNumber?.startsWith('IT'));
    expect(italian.length).toBeGreaterThan(0);
    for (const o of italian) expect(isValidPartitaIva(o.vatNumber!.slice(2))).toBe(true);
    const countries = new Set(data.people.flatMap((p) => p.phones.map((ph) => ph.number.slice(0, 3))));
    expect(countries.size).toBeGreaterThanOrEqual(5);
  });
});

describe('createRng', () => {
  it('repeats its sequence for a seed', () => {
    const a = createRng(7);
    const b = createRng(7);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
  });
});
