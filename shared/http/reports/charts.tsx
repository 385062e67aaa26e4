/** @jsxImportSource hono/jsx */
import {
  CORE_STATEMENT_IDS,
  DISTRIBUTION_KEYS,
  type Distribution,
  emptyDistribution,
  statementStats,
} from '../../domain/aggregate';
import type { ReportRow } from '../../domain/aggregatePublication';
import { nationalStatementText } from '../../domain/questionSets';
import type { Language } from '../../schemas/config';
import { type Formats, formatsFor, TEXT, type Texts } from './texts';

// --- Charts: plain SVG, styled with attributes (no inline style, no script), each with its table.

const CHART = { width: 640, height: 240, left: 48, right: 40, top: 16, bottom: 44 };
const PALETTE = ['#1f5fa8', '#b3541e', '#2e7d32', '#6a1b9a', '#00838f', '#5d4037', '#ad1457', '#455a64'];
const DASHES = ['', '6 3', '2 3', '8 3 2 3', '1 3', '10 4', '4 2 1 2', '12 2'];

interface Series {
  name: string;
  values: (number | null)[];
}

function xPosition(index: number, count: number): number {
  const inner = CHART.width - CHART.left - CHART.right;
  return count <= 1 ? CHART.left + inner / 2 : CHART.left + (inner * index) / (count - 1);
}

function yPosition(value: number, min: number, max: number): number {
  const inner = CHART.height - CHART.top - CHART.bottom;
  return CHART.top + inner * (1 - (value - min) / (max - min));
}

function Axes(props: {
  labels: string[];
  min: number;
  max: number;
  ticks: number[];
  format: (v: number) => string;
}) {
  const every = Math.max(1, Math.ceil(props.labels.length / 10));
  return (
    <g>
      {props.ticks.map((tick) => (
        <g>
          <line
            x1={CHART.left}
            x2={CHART.width - CHART.right}
            y1={yPosition(tick, props.min, props.max)}
            y2={yPosition(tick, props.min, props.max)}
            stroke={tick === 0 && props.min < 0 ? '#555' : '#ddd'}
            stroke-width="1"
          />
          <text
            x={CHART.left - 6}
            y={yPosition(tick, props.min, props.max) + 4}
            text-anchor="end"
            font-size="11"
            fill="#333"
          >
            {props.format(tick)}
          </text>
        </g>
      ))}
      {props.labels.map((label, i) =>
        i % every === 0 || i === props.labels.length - 1 ? (
          <text
            x={xPosition(i, props.labels.length)}
            y={CHART.height - CHART.bottom + 16}
            text-anchor="middle"
            font-size="11"
            fill="#333"
          >
            {label}
          </text>
        ) : null,
      )}
    </g>
  );
}

/** Lines with a gap where a value is missing; withheld (suppressed) periods are marked along the axis. */
export function LineChart(props: {
  id: string;
  title: string;
  labels: string[];
  series: Series[];
  min: number;
  max: number;
  ticks: number[];
  format: (v: number) => string;
  suppressed: boolean[];
  suppressedText: string;
}) {
  const count = props.labels.length;
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${CHART.width} ${CHART.height}`}
      role="img"
      aria-labelledby={`${props.id}-title`}
    >
      <title id={`${props.id}-title`}>{props.title}</title>
      <Axes labels={props.labels} min={props.min} max={props.max} ticks={props.ticks} format={props.format} />
      {props.series.map((series, s) => {
        const segments: string[] = [];
        let current = '';
        series.values.forEach((value, i) => {
          if (value === null) {
            if (current) segments.push(current);
            current = '';
            return;
          }
          const point = `${xPosition(i, count).toFixed(1)},${yPosition(value, props.min, props.max).toFixed(1)}`;
          current = current ? `${current} L${point}` : `M${point}`;
        });
        if (current) segments.push(current);
        const color = PALETTE[s % PALETTE.length] as string;
        return (
          <g>
            {segments.map((d) => (
              <path
                d={d}
                fill="none"
                stroke={color}
                stroke-width="2"
                stroke-dasharray={DASHES[s % DASHES.length] || undefined}
              />
            ))}
            {series.values.map((value, i) =>
              value === null ? null : (
                <circle
                  cx={xPosition(i, count)}
                  cy={yPosition(value, props.min, props.max)}
                  r="3"
                  fill={color}
                >
                  <title>{`${series.name} ${props.labels[i]}: ${props.format(value)}`}</title>
                </circle>
              ),
            )}
          </g>
        );
      })}
      {props.suppressed.map((hidden, i) =>
        hidden ? (
          <rect
            x={xPosition(i, count) - 4}
            y={CHART.height - CHART.bottom - 8}
            width="8"
            height="8"
            fill="#fff"
            stroke="#666"
            stroke-width="1.5"
          >
            <title>{`${props.labels[i]}: ${props.suppressedText}`}</title>
          </rect>
        ) : null,
      )}
    </svg>
  );
}

export function BarChart(props: {
  id: string;
  title: string;
  labels: string[];
  values: (number | null)[];
  max: number;
  ticks: number[];
  format: (v: number) => string;
}) {
  const count = props.labels.length;
  const inner = CHART.width - CHART.left - CHART.right;
  const width = Math.max(2, Math.min(28, (inner / Math.max(1, count)) * 0.7));
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${CHART.width} ${CHART.height}`}
      role="img"
      aria-labelledby={`${props.id}-title`}
    >
      <title id={`${props.id}-title`}>{props.title}</title>
      <Axes labels={props.labels} min={0} max={props.max} ticks={props.ticks} format={props.format} />
      {props.values.map((value, i) => {
        if (value === null) return null;
        const top = yPosition(Math.min(value, props.max), 0, props.max);
        return (
          <rect
            x={xPosition(i, count) - width / 2}
            y={top}
            width={width}
            height={yPosition(0, 0, props.max) - top}
            fill={PALETTE[0]}
          >
            <title>{`${props.labels[i]}: ${props.format(value)}`}</title>
          </rect>
        );
      })}
    </svg>
  );
}

function MeanBars(props: {
  id: string;
  title: string;
  rows: { label: string; mean: number | null; n: number }[];
  format: Formats;
}) {
  const { format } = props;
  const rowHeight = 28;
  const left = 260;
  const right = 60;
  const height = CHART.top + rowHeight * props.rows.length + 28;
  const x = (v: number) => left + ((CHART.width - left - right) * (v - 1)) / 4;
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${CHART.width} ${height}`}
      role="img"
      aria-labelledby={`${props.id}-title`}
    >
      <title id={`${props.id}-title`}>{props.title}</title>
      {[1, 2, 3, 4, 5].map((tick) => (
        <g>
          <line
            x1={x(tick)}
            x2={x(tick)}
            y1={CHART.top - 4}
            y2={height - 24}
            stroke="#ddd"
            stroke-width="1"
          />
          <text x={x(tick)} y={height - 8} text-anchor="middle" font-size="11" fill="#333">
            {format.integer(tick)}
          </text>
        </g>
      ))}
      {props.rows.map((row, i) => {
        const y = CHART.top + i * rowHeight;
        return (
          <g>
            <text x={left - 8} y={y + 16} text-anchor="end" font-size="12" fill="#1a1a1a">
              {row.label.length > 40 ? `${row.label.slice(0, 39)}…` : row.label}
            </text>
            {row.mean !== null && (
              <rect x={x(1)} y={y + 4} width={x(row.mean) - x(1)} height={rowHeight - 10} fill={PALETTE[0]}>
                <title>{`${row.label}: ${format.decimal(row.mean)} (n ${format.integer(row.n)})`}</title>
              </rect>
            )}
            <text x={row.mean === null ? x(1) + 4 : x(row.mean) + 4} y={y + 16} font-size="12" fill="#1a1a1a">
              {row.mean === null ? '–' : format.decimal(row.mean)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function Legend(props: { names: string[] }) {
  return (
    <ul class="legend">
      {props.names.map((name, s) => (
        <li>
          <svg class="swatch" viewBox="0 0 24 8" aria-hidden="true">
            <line
              x1="0"
              x2="24"
              y1="4"
              y2="4"
              stroke={PALETTE[s % PALETTE.length]}
              stroke-width="3"
              stroke-dasharray={DASHES[s % DASHES.length] || undefined}
            />
          </svg>{' '}
          {name}
        </li>
      ))}
    </ul>
  );
}

/** An organization's own statements, where its configuration has them (id → text per language). */
type CustomLabels = ReadonlyMap<string, Partial<Record<Language, string>>>;

export function customLabels(organization: unknown): CustomLabels {
  const list = (organization as { customStatements?: unknown } | undefined)?.customStatements;
  const labels = new Map<string, Partial<Record<Language, string>>>();
  if (Array.isArray(list)) {
    for (const item of list as { id?: unknown; text?: unknown }[]) {
      if (typeof item?.id === 'string' && item.text && typeof item.text === 'object')
        labels.set(item.id, item.text as Partial<Record<Language, string>>);
    }
  }
  return labels;
}

function statementLabel(id: string, lang: Language, custom: CustomLabels = new Map()): string {
  return nationalStatementText(id)?.[lang] ?? custom.get(id)?.[lang] ?? custom.get(id)?.fi ?? id;
}

export interface PeriodRow {
  period: string;
  label: string;
  row: ReportRow | undefined;
}

function suppressionText(row: ReportRow, t: Texts, minReportN: number, format: Formats): string {
  return row.suppressionReason === 'complementary'
    ? t.suppressedComplement
    : t.suppressedSmall.replace('{n}', format.integer(minReportN));
}

function FigureTable(props: {
  caption: string;
  periodHeading: string;
  rows: PeriodRow[];
  t: Texts;
  lang: Language;
  minReportN: number;
  value: 'nps' | 'rate';
}) {
  const { t } = props;
  const format = formatsFor(props.lang);
  return (
    <details>
      <summary>{t.table}</summary>
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.periodHeading}</th>
            <th scope="col">{props.value === 'nps' ? t.nps : t.rate}</th>
            <th scope="col">{t.received}</th>
            <th scope="col">{t.sent}</th>
            <th scope="col">{t.responses}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map(({ label, row }) => (
            <tr>
              <th scope="row">{label}</th>
              {!row ? (
                <td class="suppressed">{t.noData}</td>
              ) : props.value === 'nps' && row.suppressed ? (
                <td class="suppressed">{suppressionText(row, t, props.minReportN, format)}</td>
              ) : (
                <td>
                  {props.value === 'nps'
                    ? row.nps === null
                      ? '–'
                      : format.integer(row.nps)
                    : row.responseRate === null
                      ? '–'
                      : format.percent(row.responseRate, 1)}
                </td>
              )}
              <td>{format.integer(row?.funnel.received ?? 0)}</td>
              <td>{format.integer(row?.funnel.sent ?? 0)}</td>
              <td>{format.integer(row?.responses ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function MeansTable(props: {
  caption: string;
  periodHeading: string;
  ids: string[];
  rows: PeriodRow[];
  t: Texts;
  lang: Language;
  minReportN: number;
  custom: CustomLabels;
}) {
  const { t } = props;
  const format = formatsFor(props.lang);
  return (
    <details>
      <summary>{t.table}</summary>
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.periodHeading}</th>
            {props.ids.map((id) => (
              <th scope="col">{statementLabel(id, props.lang, props.custom)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map(({ label, row }) => (
            <tr>
              <th scope="row">{label}</th>
              {!row ? (
                <td class="suppressed" colspan={props.ids.length}>
                  {t.noData}
                </td>
              ) : row.suppressed ? (
                <td class="suppressed" colspan={props.ids.length}>
                  {suppressionText(row, t, props.minReportN, format)}
                </td>
              ) : (
                props.ids.map((id) => {
                  const q = row.questions?.[id];
                  return (
                    <td>{q?.mean == null ? '–' : `${format.decimal(q.mean)} (n ${format.integer(q.n)})`}</td>
                  );
                })
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

const NPS_TICKS = [-100, -50, 0, 50, 100];
const RATE_TICKS = [0, 0.25, 0.5, 0.75, 1];

export function PeriodSection(props: {
  id: string;
  heading: string;
  kind: 'day' | 'month';
  rows: PeriodRow[];
  lang: Language;
  minReportN: number;
  custom: CustomLabels;
}) {
  const t = TEXT[props.lang];
  const { rows, lang } = props;
  const format = formatsFor(lang);
  const labels = rows.map((r) => r.label);
  const present = rows.flatMap((r) => (r.row ? [r.row] : []));
  const customIds = [...new Set(present.flatMap((r) => Object.keys(r.questions ?? {})))].filter(
    (id) => !CORE_STATEMENT_IDS.includes(id),
  );
  const ids = [...CORE_STATEMENT_IDS, ...customIds.sort()];
  const periodHeading = props.kind === 'day' ? t.date : t.month;
  const npsTitle = props.kind === 'day' ? t.npsDaily : t.npsMonthly;
  const rateTitle = props.kind === 'day' ? t.rateDaily : t.rateMonthly;
  const meansTitle = props.kind === 'day' ? t.means30 : t.meansMonthly;
  const suppressedFlags = rows.map((r) => r.row?.suppressed === true);

  // Over 30 days the statement means add up the published days only: a sum that included withheld
  // days could be used to work them out.
  const published = present.filter((r) => !r.suppressed);
  const windowMeans = ids.map((id) => {
    const total: Distribution = emptyDistribution();
    for (const r of published) {
      const d = r.questions?.[id]?.distribution;
      if (d) for (const key of DISTRIBUTION_KEYS) total[key] += d[key];
    }
    const stats = statementStats(total);
    return { id, label: statementLabel(id, lang, props.custom), mean: stats.mean, n: stats.n };
  });

  return (
    <section aria-labelledby={`${props.id}-heading`}>
      <h2 id={`${props.id}-heading`}>{props.heading}</h2>
      {present.length === 0 && <p>{t.noneShown}</p>}
      <figure>
        <figcaption id={`${props.id}-nps-caption`}>{npsTitle}</figcaption>
        <LineChart
          id={`${props.id}-nps`}
          title={npsTitle}
          labels={labels}
          series={[{ name: t.nps, values: rows.map((r) => (r.row && !r.row.suppressed ? r.row.nps : null)) }]}
          min={-100}
          max={100}
          ticks={NPS_TICKS}
          format={format.integer}
          suppressed={suppressedFlags}
          suppressedText={t.suppressed}
        />
        {suppressedFlags.some(Boolean) && <p class="note">{t.suppressedMarker}</p>}
        <FigureTable
          caption={npsTitle}
          periodHeading={periodHeading}
          rows={rows}
          t={t}
          lang={lang}
          minReportN={props.minReportN}
          value="nps"
        />
      </figure>
      <figure>
        <figcaption>{rateTitle}</figcaption>
        <BarChart
          id={`${props.id}-rate`}
          title={rateTitle}
          labels={labels}
          values={rows.map((r) => r.row?.responseRate ?? null)}
          max={1}
          ticks={RATE_TICKS}
          format={(v) => format.percent(v)}
        />
        <FigureTable
          caption={rateTitle}
          periodHeading={periodHeading}
          rows={rows}
          t={t}
          lang={lang}
          minReportN={props.minReportN}
          value="rate"
        />
      </figure>
      <figure>
        <figcaption>{meansTitle}</figcaption>
        {props.kind === 'day' ? (
          <>
            <MeanBars id={`${props.id}-means`} title={meansTitle} rows={windowMeans} format={format} />
            <details>
              <summary>{t.table}</summary>
              <table>
                <caption>{meansTitle}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.statement}</th>
                    <th scope="col">{t.mean}</th>
                    <th scope="col">{t.n}</th>
                  </tr>
                </thead>
                <tbody>
                  {windowMeans.map((m) => (
                    <tr>
                      <th scope="row">{m.label}</th>
                      <td>{m.mean === null ? '–' : format.decimal(m.mean)}</td>
                      <td>{format.integer(m.n)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </>
        ) : (
          <>
            <LineChart
              id={`${props.id}-means`}
              title={meansTitle}
              labels={labels}
              series={ids.map((id) => ({
                name: statementLabel(id, lang, props.custom),
                values: rows.map((r) =>
                  r.row && !r.row.suppressed ? (r.row.questions?.[id]?.mean ?? null) : null,
                ),
              }))}
              min={1}
              max={5}
              ticks={[1, 2, 3, 4, 5]}
              format={format.decimal}
              suppressed={suppressedFlags}
              suppressedText={t.suppressed}
            />
            {suppressedFlags.some(Boolean) && <p class="note">{t.suppressedMarker}</p>}
            <Legend names={ids.map((id) => statementLabel(id, lang, props.custom))} />
            <MeansTable
              caption={meansTitle}
              periodHeading={periodHeading}
              ids={ids}
              rows={rows}
              t={t}
              lang={lang}
              minReportN={props.minReportN}
              custom={props.custom}
            />
          </>
        )}
      </figure>
    </section>
  );
}
