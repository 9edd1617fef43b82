import { describe, expect, it } from 'vitest';
import { testIndirectNotice } from '../../test/fixtures/privacy';
import { exampleStamp } from '../../test/fixtures/records';
import { indirectNoticeSchema, informDeadline, informingQueue } from './indirect-notice';

const id = (n: number) => n.toString(16).padStart(32, '0');

describe('Art. 14 notices', () => {
  it('are due one month after the data were obtained, on a working day', () => {
    expect(informDeadline('2026-01-15')).toBe('2026-02-16'); // the 15th is a Sunday
    expect(informDeadline('2026-01-31')).toBe('2026-03-02'); // no 31 Feb; the 28th is a Saturday
    expect(informDeadline('2026-03-10')).toBe('2026-04-10');
    expect(informDeadline('2026-03-10', (d) => d === '2026-04-10')).toBe('2026-04-13');
  });

  it('queue the live people not yet informed, most urgent first, overdue after the deadline', () => {
    const a = testIndirectNotice(id(1), id(11), exampleStamp, '2026-03-10');
    const b = testIndirectNotice(id(2), id(12), exampleStamp, '2026-02-01');
    const informed = {
      ...testIndirectNotice(id(3), id(13), exampleStamp),
      informedOn: '2026-01-20',
      informedHow: 'email' as const,
    };
    const trashedPerson = testIndirectNotice(id(4), id(14), exampleStamp);
    const live = new Set([id(11), id(12), id(13)]);
    const queue = informingQueue([a, b, informed, trashedPerson], live, '2026-03-03');
    expect(queue.map((q) => [q.notice.id, q.deadline, q.overdue])).toEqual([
      [id(2), '2026-03-02', true],
      [id(1), '2026-04-10', false],
    ]);
    expect(informingQueue([a], live, '2026-04-10')[0]!.overdue).toBe(false);
    expect(informingQueue([a], live, '2026-04-11')[0]!.overdue).toBe(true);
  });

  it('refuse an informed date without its method, or before the data were obtained', () => {
    const base = testIndirectNotice(id(1), id(11), exampleStamp, '2026-03-10');
    expect(indirectNoticeSchema.safeParse(base).success).toBe(true);
    const codes = (v: unknown) => indirectNoticeSchema.safeParse(v).error?.issues.map((i) => i.message);
    expect(codes({ ...base, informedOn: '2026-03-11' })).toEqual(['required']);
    expect(codes({ ...base, informedOn: '2026-03-09', informedHow: 'letter' })).toEqual([
      'informed-before-obtained',
    ]);
    expect(codes({ ...base, source: ' ' })).toEqual(['required']);
    expect(
      indirectNoticeSchema.safeParse({ ...base, informedOn: '2026-03-12', informedHow: 'phone' }).success,
    ).toBe(true);
  });
});
