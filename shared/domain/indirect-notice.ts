/**
 * Art. 14 GDPR for people whose data were not obtained from them (imports, referrals, public
 * registers): where the data came from, when they were obtained, and when and how the person was
 * informed. The controller must inform them within a reasonable period and at the latest within
 * one month of obtaining the data (Art. 14(3)(a)); the month is counted as EU law counts periods
 * (`eu-periods.ts`).
 */
import { z } from 'zod';
import { calendarDateSchema } from './dates';
import { addMonthsEu, workingDayFrom, type HolidayCalendar } from './eu-periods';
import { shortText } from './fields';
import { indirectNoticeIdSchema, personIdSchema } from './ids';
import { privacySchemaVersion } from './privacy';
import { recordBaseShape } from './record';

/** How a person was informed. */
export const informedMethods = ['email', 'letter', 'in-person', 'phone'] as const;
/** One of `informedMethods`. */
export type InformedMethod = (typeof informedMethods)[number];

/**
 * One person's Art. 14 record. `source` names the kind of source, never a file name (a file name
 * may itself hold personal data): imports write `import: csv` or `import: vcard`.
 */
export const indirectNoticeSchema = z
  .object({
    ...recordBaseShape,
    id: indirectNoticeIdSchema,
    schemaVersion: z.literal(privacySchemaVersion),
    personId: personIdSchema,
    source: shortText().trim().min(1, { error: 'required' }),
    /** When the controller obtained the data (`YYYY-MM-DD`). */
    obtainedOn: calendarDateSchema,
    /** When the person was informed, or null while the notice is owed. */
    informedOn: calendarDateSchema.nullable(),
    informedHow: z.enum(informedMethods, { error: 'invalid-choice' }).nullable(),
  })
  .superRefine((n, ctx) => {
    if ((n.informedOn === null) !== (n.informedHow === null))
      ctx.addIssue({
        code: 'custom',
        message: 'required',
        path: [n.informedOn ? 'informedHow' : 'informedOn'],
      });
    if (n.informedOn !== null && n.informedOn < n.obtainedOn)
      ctx.addIssue({ code: 'custom', message: 'informed-before-obtained', path: ['informedOn'] });
  });
/** The parsed type of `indirectNoticeSchema`. */
export type IndirectNotice = Readonly<z.infer<typeof indirectNoticeSchema>>;

/** The source an import records: the format only, never the file's name. */
export const importSource = (format: string): string => `import: ${format}`;

const noHolidays: HolidayCalendar = () => false;

/**
 * The last day to inform the person: one month from obtaining the data (Art. 14(3)(a)), on the
 * same date of the next month or that month's last day (Reg. 1182/71 Art. 3(2)(c)), moved off
 * weekends and the holidays given (Art. 3(4)).
 */
export function informDeadline(obtainedOn: string, isHoliday: HolidayCalendar = noHolidays): string {
  return workingDayFrom(addMonthsEu(obtainedOn, 1), isHoliday);
}

/** A notice still owed: `overdue` once its deadline has passed. */
export interface InformingDue {
  readonly notice: IndirectNotice;
  readonly deadline: string;
  readonly overdue: boolean;
}

/**
 * The queue of notices owed to live people, most urgent first: every live record not yet marked
 * informed whose person is live. `today` is a calendar date.
 */
export function informingQueue(
  notices: Iterable<IndirectNotice>,
  livePeople: ReadonlySet<string>,
  today: string,
  isHoliday: HolidayCalendar = noHolidays,
): InformingDue[] {
  const out: InformingDue[] = [];
  for (const notice of notices) {
    if (notice.deletedAt !== null || notice.informedOn !== null || !livePeople.has(notice.personId)) continue;
    const deadline = informDeadline(notice.obtainedOn, isHoliday);
    out.push({ notice, deadline, overdue: deadline < today });
  }
  return out.sort((a, b) =>
    a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : a.notice.id < b.notice.id ? -1 : 1,
  );
}
