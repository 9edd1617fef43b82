import { useMemo, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { currencyMinorDigits } from '../../../shared/domain';
import { SectionPage } from '../../ui/section-page';
import { formatMoney } from '../../ui/deal-money';
import { useWorkspace } from '../../session/workspace';
import { useTable } from '../../ui/model-hooks';
import { RequestsAttention } from '../rights';
import { activitiesByWeek, closedByMonth, mainCurrency, pipelineByStage, tasksDue } from './dashboard-data';

/**
 * One chart with its text alternative: the drawing is hidden from assistive technology and the
 * same figures follow in a visually hidden table (axe and screen readers read that).
 */
function ChartCard(props: {
  id: string;
  title: string;
  empty: string | null;
  chart: ReactElement;
  table: { head: string[]; rows: string[][] };
  note?: string;
}) {
  const { t } = useTranslation();
  return (
    <figure className="card dash-card" aria-labelledby={`${props.id}-title`}>
      <figcaption>
        <h2 id={`${props.id}-title`}>{props.title}</h2>
        {props.note && <p className="muted dash-note">{props.note}</p>}
      </figcaption>
      {props.empty ? (
        <p className="empty-state">{props.empty}</p>
      ) : (
        <>
          <div className="dash-chart" aria-hidden="true" data-testid={`${props.id}-chart`}>
            <ResponsiveContainer width="100%" height={240}>
              {props.chart}
            </ResponsiveContainer>
          </div>
          <table className="dash-sr-only">
            <caption>
              {props.title}. {t('dashboard.chartSummary')}
            </caption>
            <thead>
              <tr>
                {props.table.head.map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {props.table.rows.map((row) => (
                <tr key={row[0]}>
                  {row.map((cell, i) =>
                    i === 0 ? (
                      <th key={i} scope="row">
                        {cell}
                      </th>
                    ) : (
                      <td key={i}>{cell}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </figure>
  );
}

/** The dashboard: pipeline by stage, won/lost per month, activities per week, tasks due. */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { model } = useWorkspace();
  const deals = useTable(model, 'deals');
  const pipelines = useTable(model, 'pipelines');
  const activities = useTable(model, 'activities');
  const tasks = useTable(model, 'tasks');
  const now = useMemo(() => new Date(), []);

  const pipeline = useMemo(() => {
    const live = pipelines.filter((p) => p.deletedAt === null);
    return live.find((p) => p.isDefault) ?? live[0];
  }, [pipelines]);
  const currency = useMemo(() => mainCurrency(deals), [deals]);
  const otherCurrencies = deals.some((d) => d.deletedAt === null && d.value.currency !== currency);
  const byStage = useMemo(
    () => (pipeline ? pipelineByStage(deals, pipeline, currency) : []),
    [deals, pipeline, currency],
  );
  const byMonth = useMemo(() => closedByMonth(deals, currency, now), [deals, currency, now]);
  const byWeek = useMemo(() => activitiesByWeek(activities, now), [activities, now]);
  const due = useMemo(() => tasksDue(tasks, now), [tasks, now]);

  const scale = 10 ** currencyMinorDigits(currency);
  const money = (minor: number) => formatMoney(minor, currency, lang);
  const compact = (major: number) =>
    new Intl.NumberFormat(lang, { notation: 'compact', style: 'currency', currency }).format(major);
  const monthName = (month: string) =>
    new Intl.DateTimeFormat(lang, { month: 'short', year: '2-digit' }).format(
      new Date(`${month}-15T12:00:00`),
    );
  const dayName = (date: string) =>
    new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short' }).format(new Date(`${date}T12:00:00`));
  const note = otherCurrencies ? t('dashboard.currencyNote', { currency }) : undefined;
  const axisTick = { fill: 'var(--muted)', fontSize: 12 };
  const tooltipStyle = {
    background: 'var(--panel)',
    border: '1px solid var(--border)',
    color: 'var(--text)',
  };

  const stageData = byStage.map((r) => ({
    name: r.stage,
    value: r.value / scale,
    weighted: r.weighted / scale,
  }));
  const monthData = byMonth.map((r) => ({
    name: monthName(r.month),
    won: r.won / scale,
    lost: r.lost / scale,
  }));
  const weekData = byWeek.map((r) => ({ name: dayName(r.week), count: r.count }));

  return (
    <SectionPage section="dashboard">
      <div className="dash-grid">
        <section className="card dash-card dash-tasks" aria-labelledby="dash-tasks-title">
          <h2 id="dash-tasks-title">{t('dashboard.tasksTitle')}</h2>
          <dl className="dash-counts">
            {(['overdue', 'today', 'upcoming'] as const).map((k) => (
              <div
                key={k}
                className={`dash-count${k === 'overdue' && due[k] > 0 ? ' dash-count-overdue' : ''}`}
                data-testid={`tasks-${k}`}
              >
                <dt>{t(`dashboard.${k}`)}</dt>
                <dd>{new Intl.NumberFormat(lang).format(due[k])}</dd>
              </div>
            ))}
          </dl>
        </section>
        <RequestsAttention variant="dashboard" />
        <ChartCard
          id="dash-pipeline"
          title={t('dashboard.pipelineTitle')}
          note={note}
          empty={byStage.some((r) => r.count > 0) ? null : t('dashboard.pipelineEmpty')}
          table={{
            head: [t('dashboard.stage'), t('dashboard.value'), t('dashboard.weighted')],
            rows: byStage.map((r) => [r.stage, money(r.value), money(r.weighted)]),
          }}
          chart={
            <BarChart data={stageData} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
              <XAxis dataKey="name" tick={axisTick} />
              <YAxis tick={axisTick} tickFormatter={compact} width={70} />
              <Tooltip formatter={(v) => money(Number(v) * scale)} contentStyle={tooltipStyle} />
              <Legend />
              <Bar
                dataKey="value"
                name={t('dashboard.value')}
                fill="var(--accent)"
                isAnimationActive={false}
              />
              <Bar
                dataKey="weighted"
                name={t('dashboard.weighted')}
                fill="var(--dash-second)"
                isAnimationActive={false}
              />
            </BarChart>
          }
        />
        <ChartCard
          id="dash-results"
          title={t('dashboard.resultsTitle')}
          note={note}
          empty={byMonth.some((r) => r.won > 0 || r.lost > 0) ? null : t('dashboard.resultsEmpty')}
          table={{
            head: [t('dashboard.month'), t('dashboard.won'), t('dashboard.lost')],
            rows: byMonth.map((r) => [monthName(r.month), money(r.won), money(r.lost)]),
          }}
          chart={
            <BarChart data={monthData} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
              <XAxis dataKey="name" tick={axisTick} />
              <YAxis tick={axisTick} tickFormatter={compact} width={70} />
              <Tooltip formatter={(v) => money(Number(v) * scale)} contentStyle={tooltipStyle} />
              <Legend />
              <Bar dataKey="won" name={t('dashboard.won')} fill="var(--dash-won)" isAnimationActive={false} />
              <Bar
                dataKey="lost"
                name={t('dashboard.lost')}
                fill="var(--dash-lost)"
                isAnimationActive={false}
              />
            </BarChart>
          }
        />
        <ChartCard
          id="dash-activities"
          title={t('dashboard.activitiesTitle')}
          empty={byWeek.some((r) => r.count > 0) ? null : t('dashboard.activitiesEmpty')}
          table={{
            head: [t('dashboard.week'), t('dashboard.activities')],
            rows: byWeek.map((r) => [dayName(r.week), String(r.count)]),
          }}
          chart={
            <LineChart data={weekData} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
              <XAxis dataKey="name" tick={axisTick} />
              <YAxis tick={axisTick} allowDecimals={false} width={40} />
              <Tooltip contentStyle={tooltipStyle} />
              <Line
                dataKey="count"
                name={t('dashboard.activities')}
                stroke="var(--accent)"
                strokeWidth={2}
                isAnimationActive={false}
              />
            </LineChart>
          }
        />
      </div>
    </SectionPage>
  );
}
