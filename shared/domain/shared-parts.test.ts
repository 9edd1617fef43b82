import { describe, expect, it } from 'vitest';

import { createRecord } from './registry';
import { upgradeRecord } from './migrations';
import { mergeParts, partId, partOf, REDACTED_TITLE, type SharedPart } from './shared-parts';
import type { Activity } from './activity';
import type { Deal } from './deal';
import { encodeHlc } from './hlc';

const stamp = (n: number) => ({
  clock: encodeHlc({ wallTime: Date.UTC(2026, 0, 15, 9) + n, counter: 0, node: 'a1a1a1a1a1a1a1a1' }),
  at: Date.UTC(2026, 0, 15, 9) + n,
});
const P1 = '0000000000000000000000000000000a';
const P2 = '0000000000000000000000000000000b';
const ORG = '0000000000000000000000000000000c';

const meeting = (n = 0): Activity =>
  createRecord(
    'activities',
    '00000000000000000000000000000001' as Activity['id'],
    {
      kind: 'meeting',
      at: '2026-03-02T10:00:00.000Z',
      subject: 'Secret plans',
      text: 'Talked about the divorce',
      participantIds: [P1, P2] as Activity['participantIds'],
      organizationId: ORG as Activity['organizationId'],
    },
    stamp(n),
  );

describe('parts of a shared record', () => {
  it('keep no content and only their own link; merged, they name the survivors', () => {
    const a = meeting();
    const p1 = partOf('activities', a, { person: P1 }, ['s1'], false);
    const p2 = partOf('activities', a, { person: P2 }, ['s2'], false);
    expect(JSON.stringify([p1, p2])).not.toMatch(/Secret|divorce/);
    expect(p1.fields.participantIds).toEqual([P1]);
    // A company (not a data subject) is named in every part.
    expect(p2.fields.organizationId).toBe(ORG);
    expect(mergeParts([p2])).toMatchObject({
      participantIds: [P2],
      text: '',
      kind: 'meeting',
      organizationId: ORG,
    });
    expect(mergeParts([p1, p2])?.participantIds).toEqual([P1, P2]);
    expect(mergeParts([])).toBeUndefined();
  });

  it('name a sole-trader organization only in its own part', () => {
    const a = meeting();
    const person = partOf('activities', a, { person: P2 }, ['s2'], true);
    const business = partOf('activities', a, { organization: ORG }, [ORG, 's1'], true);
    expect(person.fields.organizationId).toBeUndefined();
    expect(business.fields).toMatchObject({ organizationId: ORG, participantIds: [] });
    expect(partId('activities', a.id, { organization: ORG })).toBe(`activities.${a.id}.${ORG}`);
  });

  it('of an older version are ignored once a newer one is written', () => {
    const older = partOf('activities', meeting(0), { person: P1 }, ['s1'], false);
    const newer = partOf(
      'activities',
      { ...meeting(5), participantIds: [P2] } as Activity,
      { person: P2 },
      ['s2'],
      false,
    );
    expect(mergeParts([older, newer])?.participantIds).toEqual([P2]);
  });

  it('of a deal: the base part keeps the figures, a placeholder title, nothing else written', () => {
    const deal: Deal = createRecord(
      'deals',
      '00000000000000000000000000000002' as Deal['id'],
      {
        title: 'Wedding of Mario',
        notes: 'He wants it quiet',
        pipelineId: '00000000000000000000000000000003' as Deal['pipelineId'],
        stageId: '00000000000000000000000000000004' as Deal['stageId'],
        value: { amountMinor: 5000, currency: 'EUR' },
        status: 'lost',
        lostReason: 'Mario moved away',
        personIds: [P1] as Deal['personIds'],
        tags: [],
        customFields: { x: 'Mario' },
      },
      stamp(0),
    );
    const base: SharedPart = partOf('deals', deal, null, [], false);
    expect(JSON.stringify(base)).not.toMatch(/Mario|quiet/);
    expect(mergeParts([base])).toMatchObject({
      title: REDACTED_TITLE,
      lostReason: REDACTED_TITLE,
      personIds: [],
      customFields: {},
      value: { amountMinor: 5000, currency: 'EUR' },
      status: 'lost',
    });
  });
});

describe('organization schema 2 (naturalPerson)', () => {
  it('gives every older organization naturalPerson = false', () => {
    const v1 = { id: ORG, schemaVersion: 1, name: 'Vecchia S.r.l.', clock: stamp(0).clock };
    expect(upgradeRecord('organizations', v1, { validate: false })).toMatchObject({
      schemaVersion: 3,
      naturalPerson: false,
    });
    const kept = { ...v1, schemaVersion: 2, naturalPerson: true };
    expect(upgradeRecord('organizations', kept, { validate: false })).toMatchObject({ naturalPerson: true });
  });
});
