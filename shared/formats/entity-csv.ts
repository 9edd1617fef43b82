/**
 * CSV tables of each entity, as the export and the archive write them. The people table uses
 * headers the importer's dictionary knows, with several values in one cell joined by ` ::: ` as
 * Google does, so a Scrigno CSV imports back into Scrigno.
 */
import type { Activity } from '../domain/activity';
import type { Deal } from '../domain/deal';
import { currencyMinorDigits } from '../domain/money';
import type { Organization } from '../domain/organization';
import type { Person } from '../domain/person';
import type { Task } from '../domain/task';

/** A table: a header row and data rows. */
export type CsvTable = string[][];

const multi = (values: readonly string[]): string => values.join(' ::: ');

/** People as a table; `organizationName` resolves their first organization. */
export function peopleTable(
  people: readonly Person[],
  organizationName: (id: string) => string = () => '',
): CsvTable {
  const rows: CsvTable = [
    [
      'First Name',
      'Last Name',
      'E-mail',
      'Phone',
      'Organization',
      'Job Title',
      'Street',
      'City',
      'Postal Code',
      'Province',
      'Country',
      'Birthday',
      'VAT Number',
      'Tax Code',
      'Notes',
      'Created',
      'Id',
    ],
  ];
  for (const p of people) {
    const a = p.addresses[0];
    const org = p.organizations[0];
    rows.push([
      p.givenName,
      p.familyName,
      multi(p.emails.map((e) => e.address)),
      multi(p.phones.map((x) => x.number)),
      org ? organizationName(org.organizationId) : '',
      p.jobTitle ?? '',
      a?.street ?? '',
      a?.city ?? '',
      a?.postalCode ?? '',
      a?.province ?? '',
      a?.country ?? '',
      p.birthday ?? '',
      p.vatNumber ?? '',
      p.taxCode ?? '',
      p.notes ?? '',
      p.createdAt,
      p.id,
    ]);
  }
  return rows;
}

/** Organizations as a table. */
export function organizationsTable(orgs: readonly Organization[]): CsvTable {
  const rows: CsvTable = [
    [
      'Name',
      'Legal Form',
      'VAT Number',
      'Tax Code',
      'SDI Code',
      'PEC',
      'E-mail',
      'Phone',
      'Website',
      'Street',
      'City',
      'Postal Code',
      'Province',
      'Country',
      'Industry',
      'Notes',
      'Id',
    ],
  ];
  for (const o of orgs) {
    const a = o.addresses[0];
    rows.push([
      o.name,
      o.legalForm ?? '',
      o.vatNumber ?? '',
      o.taxCode ?? '',
      o.sdiCode ?? '',
      o.pec ?? '',
      multi(o.emails.map((e) => e.address)),
      multi(o.phones.map((x) => x.number)),
      o.website ?? '',
      a?.street ?? '',
      a?.city ?? '',
      a?.postalCode ?? '',
      a?.province ?? '',
      a?.country ?? '',
      o.industry ?? '',
      o.notes ?? '',
      o.id,
    ]);
  }
  return rows;
}

// Building an Intl.NumberFormat per deal costs more than the rest of the row.
const minorDigits = new Map<string, number>();

/** Deals as a table; amounts in major units with a dot (`1234.50`), as the currency counts them. */
export function dealsTable(deals: readonly Deal[], stageName: (d: Deal) => string = () => ''): CsvTable {
  const rows: CsvTable = [
    [
      'Title',
      'Status',
      'Stage',
      'Amount',
      'Currency',
      'Expected Close',
      'Closed At',
      'Organization Id',
      'Person Ids',
      'Notes',
      'Id',
    ],
  ];
  for (const d of deals) {
    let digits = minorDigits.get(d.value.currency);
    if (digits === undefined)
      minorDigits.set(d.value.currency, (digits = currencyMinorDigits(d.value.currency)));
    rows.push([
      d.title,
      d.status,
      stageName(d),
      (d.value.amountMinor / 10 ** digits).toFixed(digits),
      d.value.currency,
      d.expectedCloseDate ?? '',
      d.closedAt ?? '',
      d.organizationId ?? '',
      d.personIds.join(' '),
      d.notes ?? '',
      d.id,
    ]);
  }
  return rows;
}

/** Activities as a table. */
export function activitiesTable(activities: readonly Activity[]): CsvTable {
  const rows: CsvTable = [
    [
      'Kind',
      'At',
      'Duration Minutes',
      'Subject',
      'Text',
      'Participant Ids',
      'Deal Id',
      'Organization Id',
      'Id',
    ],
  ];
  for (const a of activities) {
    rows.push([
      a.kind,
      a.at,
      a.durationMinutes === undefined ? '' : String(a.durationMinutes),
      a.subject ?? '',
      a.text,
      a.participantIds.join(' '),
      a.dealId ?? '',
      a.organizationId ?? '',
      a.id,
    ]);
  }
  return rows;
}

/** Tasks as a table. */
export function tasksTable(tasks: readonly Task[]): CsvTable {
  const rows: CsvTable = [
    [
      'Title',
      'Due Date',
      'Due Time',
      'Priority',
      'Done',
      'Done At',
      'Linked Table',
      'Linked Id',
      'Notes',
      'Id',
    ],
  ];
  for (const t of tasks) {
    rows.push([
      t.title,
      t.dueDate ?? '',
      t.dueTime ?? '',
      t.priority,
      t.done ? 'yes' : 'no',
      t.doneAt ?? '',
      t.link?.table ?? '',
      t.link?.id ?? '',
      t.notes ?? '',
      t.id,
    ]);
  }
  return rows;
}
