import { describe, expect, it } from 'vitest';
import { activitySchema, type Activity } from './activity';
import { checkCustomValue, customFieldSchema, type CustomField } from './custom-field';
import { dealSchema, setDealStatus, weightedValue, type Deal } from './deal';
import { encodeHlc } from './hlc';
import { organizationSchema } from './organization';
import { displayName, personSchema, personNameKey } from './person';
import { createDefaultPipeline, pipelineSchema, type Pipeline } from './pipeline';
import { createRecord } from './registry';
import { isOverdue, setTaskDone, taskSchema, type Task } from './task';
import { exampleOrganization, examplePerson, exampleStamp } from '../../test/fixtures/records';
import { validate, validationCodes, type ValidationIssue } from './validation';

const codes = (schema: Parameters<typeof validate>[0], input: unknown): ValidationIssue[] => {
  const r = validate(schema, input);
  return r.ok ? [] : [...r.issues];
};
let counter = 0;
const randomBytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => (counter++ * 31 + i) & 255);
const laterStamp = {
  clock: encodeHlc({ wallTime: exampleStamp.at + 1000, counter: 0, node: 'a1a1a1a1a1a1a1a1' }),
  at: exampleStamp.at + 1000,
};

describe('person schema', () => {
  it('accepts a complete valid person', () => {
    expect(codes(personSchema, examplePerson())).toEqual([]);
  });

  it('reports stable codes for bad fields', () => {
    const bad = examplePerson({
      emails: [{ kind: 'work', address: 'not-an-email' }],
      phones: [{ kind: 'mobile', number: '+39 347 1234567' }],
      birthday: '2023-02-30',
      taxCode: 'RSSMRA85T10A562T',
      vatNumber: 'IT06363391002',
    });
    expect(codes(personSchema, bad)).toEqual(
      expect.arrayContaining([
        { path: ['emails', 0, 'address'], code: 'invalid-email' },
        { path: ['phones', 0, 'number'], code: 'invalid-phone' },
        { path: ['birthday'], code: 'invalid-date' },
        { path: ['taxCode'], code: 'invalid-tax-code' },
        { path: ['vatNumber'], code: 'invalid-vat' },
      ]),
    );
  });

  it('requires a name, and an organization for contact persons', () => {
    expect(codes(personSchema, examplePerson({ givenName: ' ', familyName: '' }))).toEqual([
      { path: ['familyName'], code: 'name-required' },
    ]);
    expect(codes(personSchema, examplePerson({ organizations: [] }))).toEqual([
      { path: ['organizations'], code: 'organization-required' },
    ]);
    expect(codes(personSchema, examplePerson({ kind: 'private', organizations: [] }))).toEqual([]);
  });

  it('reports missing fields as required and repeated emails as duplicates', () => {
    const { subjectId: _omit, ...noSubject } = examplePerson();
    expect(codes(personSchema, noSubject)).toEqual([{ path: ['subjectId'], code: 'required' }]);
    const twice = examplePerson({
      emails: [
        { kind: 'work', address: 'a@b.it' },
        { kind: 'home', address: 'A@B.IT' },
      ],
    });
    expect(codes(personSchema, twice)).toEqual([{ path: ['emails', 1], code: 'duplicate-value' }]);
  });

  it('refuses an unknown source method and an old schema version', () => {
    expect(
      codes(personSchema, examplePerson({ source: { method: 'scraped', date: '2026-01-01' } as never }))
        .length,
    ).toBe(1);
    expect(codes(personSchema, { ...examplePerson(), schemaVersion: 0 }).length).toBe(1);
  });

  it('shows and keys names', () => {
    expect(displayName(examplePerson())).toBe('Niccolò Rossi');
    expect(personNameKey(examplePerson())).toBe(personNameKey({ givenName: 'ROSSI', familyName: 'niccolo' }));
  });
});

describe('organization schema', () => {
  it('accepts a valid Italian company', () => {
    expect(codes(organizationSchema, exampleOrganization())).toEqual([]);
  });

  it('checks VAT, tax code, SDI code, PEC and website', () => {
    const bad = exampleOrganization({
      vatNumber: 'IT06363391002',
      taxCode: '0636339100',
      sdiCode: 'abc',
      pec: 'pec@',
      website: 'www.example',
      name: '  ',
    });
    const found = codes(organizationSchema, bad).map((i) => `${i.path.join('.')}:${i.code}`);
    expect(found.sort()).toEqual(
      [
        'name:required',
        'pec:invalid-email',
        'sdiCode:invalid-sdi-code',
        'taxCode:invalid-tax-code',
        'vatNumber:invalid-vat',
        'website:invalid-url',
      ].sort(),
    );
  });

  it('accepts other EU VAT numbers and a person tax code for sole proprietorships', () => {
    expect(
      codes(
        organizationSchema,
        exampleOrganization({ vatNumber: 'DE123456789', taxCode: 'RSSMRA85T10A562S' }),
      ),
    ).toEqual([]);
  });
});

describe('pipelines and deals', () => {
  const pipeline: Pipeline = createDefaultPipeline(
    'ffffffffffffffffffffffffffffff01' as Pipeline['id'],
    'Vendite',
    { lead: 'Contatto', qualified: 'Qualificato', proposal: 'Offerta', negotiation: 'Trattativa' },
    randomBytes,
    exampleStamp,
  );
  const deal = createRecord(
    'deals',
    'ffffffffffffffffffffffffffffff02' as Deal['id'],
    {
      title: 'Fornitura 2026',
      pipelineId: pipeline.id,
      stageId: pipeline.stages[2]!.id,
      value: { amountMinor: 1_000_050, currency: 'EUR' },
      status: 'open',
      personIds: [],
      tags: [],
      customFields: {},
    },
    exampleStamp,
  );

  it('creates a valid default pipeline and deal', () => {
    expect(codes(pipelineSchema, pipeline)).toEqual([]);
    expect(pipeline.stages.map((s) => s.probability)).toEqual([10, 30, 60, 80]);
    expect(codes(dealSchema, deal)).toEqual([]);
  });

  it('weights the value by stage probability, whole minor units', () => {
    expect(weightedValue(deal, pipeline)).toBe(600_030);
    expect(weightedValue(setDealStatus(deal, 'won', laterStamp), pipeline)).toBe(1_000_050);
    expect(weightedValue(setDealStatus(deal, 'lost', laterStamp, 'Price'), pipeline)).toBe(0);
  });

  it('requires a lost reason, integer amounts and ISO currencies', () => {
    expect(codes(dealSchema, { ...deal, status: 'lost' })).toEqual([
      { path: ['lostReason'], code: 'lost-reason-required' },
    ]);
    expect(codes(dealSchema, { ...deal, value: { amountMinor: 10.5, currency: 'EUR' } })).toEqual([
      { path: ['value', 'amountMinor'], code: 'invalid-amount' },
    ]);
    expect(codes(dealSchema, { ...deal, value: { amountMinor: 10, currency: 'EUX' } })).toEqual([
      { path: ['value', 'currency'], code: 'invalid-currency' },
    ]);
    expect(codes(dealSchema, { ...deal, value: { amountMinor: 10, currency: 'PLN' } })).toEqual([]);
  });

  it('records when a deal closes and clears it on reopening', () => {
    const lost = setDealStatus(deal, 'lost', laterStamp, 'Price');
    expect(lost.closedAt).toBeDefined();
    expect(codes(dealSchema, lost)).toEqual([]);
    const reopened = setDealStatus(lost, 'open', laterStamp);
    expect(reopened.closedAt).toBeUndefined();
    expect(reopened.lostReason).toBeUndefined();
  });

  it('rejects stage probabilities outside 0–100', () => {
    const bad = { ...pipeline, stages: [{ ...pipeline.stages[0]!, probability: 120 }] };
    expect(codes(pipelineSchema, bad)).toEqual([
      { path: ['stages', 0, 'probability'], code: 'invalid-probability' },
    ]);
  });
});

describe('activities and tasks', () => {
  const activity = createRecord(
    'activities',
    'ffffffffffffffffffffffffffffff03' as Activity['id'],
    {
      kind: 'call',
      at: '2026-01-15T09:00:00.000Z',
      durationMinutes: 10,
      text: 'Richiamare.',
      participantIds: [],
    },
    exampleStamp,
  );
  const task = createRecord(
    'tasks',
    'ffffffffffffffffffffffffffffff04' as Task['id'],
    { title: 'Inviare preventivo', dueDate: '2026-01-20', priority: 'high', done: false },
    exampleStamp,
  );

  it('validates activities', () => {
    expect(codes(activitySchema, activity)).toEqual([]);
    expect(codes(activitySchema, { ...activity, kind: 'fax' })).toEqual([
      { path: ['kind'], code: 'invalid-choice' },
    ]);
    expect(codes(activitySchema, { ...activity, at: '2026-01-15 09:00' })).toEqual([
      { path: ['at'], code: 'invalid-datetime' },
    ]);
  });

  it('validates tasks and their done state', () => {
    expect(codes(taskSchema, task)).toEqual([]);
    expect(codes(taskSchema, { ...task, done: true })).toEqual([
      { path: ['doneAt'], code: 'done-at-required' },
    ]);
    const { dueDate: _d, ...noDate } = task;
    expect(codes(taskSchema, { ...noDate, dueTime: '09:30' })).toEqual([
      { path: ['dueDate'], code: 'required' },
    ]);
    expect(codes(taskSchema, { ...task, dueTime: '24:00' })).toEqual([
      { path: ['dueTime'], code: 'invalid-time' },
    ]);
    const done = setTaskDone(task, true, laterStamp);
    expect(codes(taskSchema, done)).toEqual([]);
    expect(setTaskDone(done, false, laterStamp).doneAt).toBeUndefined();
  });

  it('knows overdue tasks', () => {
    expect(isOverdue(task, '2026-01-21')).toBe(true);
    expect(isOverdue(task, '2026-01-20')).toBe(false);
    expect(isOverdue(setTaskDone(task, true, laterStamp), '2026-02-01')).toBe(false);
  });
});

describe('custom fields', () => {
  const field = createRecord(
    'custom-fields',
    'ffffffffffffffffffffffffffffff05' as CustomField['id'],
    {
      entity: 'person',
      label: 'Canale preferito',
      type: 'multi-choice',
      choices: [
        { key: 'phone', label: 'Telefono' },
        { key: 'email', label: 'Email' },
      ],
      personalData: true,
      position: 0,
    },
    exampleStamp,
  );

  it('validates definitions', () => {
    expect(codes(customFieldSchema, field)).toEqual([]);
    expect(codes(customFieldSchema, { ...field, choices: [] })).toEqual([
      { path: ['choices'], code: 'required' },
    ]);
  });

  it('checks values against their definition', () => {
    expect(checkCustomValue(field, ['phone'])).toBeNull();
    expect(checkCustomValue(field, ['fax'])).toBe('invalid-choice');
    expect(checkCustomValue(field, ['phone', 'phone'])).toBe('invalid-choice');
    expect(checkCustomValue(field, null)).toBeNull();
    expect(checkCustomValue({ ...field, type: 'date' }, '2023-02-30')).toBe('invalid-date');
    expect(checkCustomValue({ ...field, type: 'number' }, '3')).toBe('invalid-type');
    expect(checkCustomValue({ ...field, type: 'yes-no' }, false)).toBeNull();
  });
});

describe('validation codes', () => {
  it('are unique kebab-case identifiers', () => {
    expect(new Set(validationCodes).size).toBe(validationCodes.length);
    for (const c of validationCodes) expect(c).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });
});
