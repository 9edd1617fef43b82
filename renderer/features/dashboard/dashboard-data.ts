import {
  isOverdue,
  weightedValue,
  type Activity,
  type Deal,
  type Pipeline,
  type Task,
} from '../../../shared/domain';

/** Local calendar date `YYYY-MM-DD` of a moment (the user's time zone). */
export function localDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The currency most live deals use (charts never add different currencies); EUR when there are none. */
export function mainCurrency(deals: readonly Deal[]): string {
  const counts = new Map<string, number>();
  for (const d of deals) {
    if (d.deletedAt === null) counts.set(d.value.currency, (counts.get(d.value.currency) ?? 0) + 1);
  }
  let best = 'EUR';
  let bestCount = 0;
  for (const [currency, n] of counts) {
    if (n > bestCount || (n === bestCount && currency < best)) [best, bestCount] = [currency, n];
  }
  return best;
}

/** Open value and weighted value per stage, in `currency` minor units. */
export function pipelineByStage(
  deals: readonly Deal[],
  pipeline: Pipeline,
  currency: string,
): Array<{ stageId: string; stage: string; value: number; weighted: number; count: number }> {
  const rows = pipeline.stages.map((s) => ({
    stageId: s.id,
    stage: s.name,
    value: 0,
    weighted: 0,
    count: 0,
  }));
  for (const d of deals) {
    if (d.deletedAt !== null || d.status !== 'open' || d.pipelineId !== pipeline.id) continue;
    if (d.value.currency !== currency) continue;
    const row = rows.find((r) => r.stageId === d.stageId);
    if (!row) continue;
    row.value += d.value.amountMinor;
    row.weighted += weightedValue(d, pipeline);
    row.count++;
  }
  return rows;
}

/**
 * Won and lost value (minor units of `currency`) per calendar month, for the 12 months up to and
 * including the month of `now`, oldest first; months are `YYYY-MM` in local time.
 */
export function closedByMonth(
  deals: readonly Deal[],
  currency: string,
  now: Date,
): Array<{ month: string; won: number; lost: number }> {
  const rows: Array<{ month: string; won: number; lost: number }> = [];
  for (let i = 11; i >= 0; i--) {
    const d = new Date(now.getFullYear(), now.getMonth() - i, 1);
    rows.push({ month: localDate(d).slice(0, 7), won: 0, lost: 0 });
  }
  const index = new Map(rows.map((r, i) => [r.month, i]));
  for (const d of deals) {
    if (d.deletedAt !== null || d.status === 'open' || !d.closedAt || d.value.currency !== currency) continue;
    const row = rows[index.get(localDate(new Date(d.closedAt)).slice(0, 7)) ?? -1];
    if (row) row[d.status] += d.value.amountMinor;
  }
  return rows;
}

/** Monday of the week holding `date`, local time. */
function weekStart(date: Date): Date {
  const d = new Date(date.getFullYear(), date.getMonth(), date.getDate());
  d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  return d;
}

/** Live activities per week (Monday to Sunday) for the 12 weeks up to this one, oldest first. */
export function activitiesByWeek(
  activities: readonly Activity[],
  now: Date,
): Array<{ week: string; count: number }> {
  const current = weekStart(now);
  const rows: Array<{ week: string; count: number }> = [];
  for (let i = 11; i >= 0; i--) {
    const d = new Date(current);
    d.setDate(d.getDate() - 7 * i);
    rows.push({ week: localDate(d), count: 0 });
  }
  const index = new Map(rows.map((r, i) => [r.week, i]));
  for (const a of activities) {
    if (a.deletedAt !== null) continue;
    const row = rows[index.get(localDate(weekStart(new Date(a.at)))) ?? -1];
    if (row) row.count++;
  }
  return rows;
}

/** Days ahead that count as "upcoming" on the dashboard. */
export const upcomingDays = 7;

/** Open live tasks by due date: overdue, due today, due within the next `upcomingDays` days. */
export function tasksDue(
  tasks: readonly Task[],
  now: Date,
): { overdue: number; today: number; upcoming: number } {
  const today = localDate(now);
  const horizon = localDate(new Date(now.getFullYear(), now.getMonth(), now.getDate() + upcomingDays));
  const out = { overdue: 0, today: 0, upcoming: 0 };
  for (const task of tasks) {
    if (task.done || task.deletedAt !== null || task.dueDate === undefined) continue;
    if (isOverdue(task, today)) out.overdue++;
    else if (task.dueDate === today) out.today++;
    else if (task.dueDate <= horizon) out.upcoming++;
  }
  return out;
}
