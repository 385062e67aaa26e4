/** @jsxImportSource hono/jsx */

import { DISTRIBUTION_KEYS } from '../../../domain/aggregate';
import { BarChart, customLabels, LineChart, type PeriodRow, PeriodSection } from '../../reports/charts';
import { SliceSection } from '../../reports/slices';
import { formatsFor } from '../../reports/texts';
import { openLinkMessages } from '../admin/openLinkMessages';
import { ConsolePage, type ConsolePageProps } from '../layout';
import {
  consoleHref,
  fullDate,
  monthlyPath,
  NpsValue,
  nameIn,
  rateText,
  statementText,
  suppressionText,
  type Texts,
  textsFor,
  unitPath,
} from './components';
import { statementMeans, type WindowFigures } from './figures';
import type { UnitData } from './unitData';

function Headline(props: { x: Texts; data: UnitData }) {
  const { x, data } = props;
  const { t, f } = x;
  const h = data.headline;
  return (
    <section aria-labelledby="headline-heading">
      <h2 id="headline-heading">{t.headlineHeading(f.dateRange(data.from30, data.asOf))}</h2>
      <dl class="headline">
        <div>
          <dt>{t.responses}</dt>
          <dd>{f.integer(h.responses)}</dd>
        </div>
        <div>
          <dt>{t.rate}</dt>
          <dd>{rateText(x, h.responseRate)}</dd>
        </div>
        <div>
          <dt>{t.nps}</dt>
          <dd>
            <NpsValue x={x} figures={h} />
            {h.npsCounts && (
              <span class="counts">
                {t.npsCounts(
                  f.integer(h.npsCounts.promoters),
                  f.integer(h.npsCounts.passives),
                  f.integer(h.npsCounts.detractors),
                )}
              </span>
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}

function WeekTable(props: { x: Texts; data: UnitData }) {
  const { x, data } = props;
  const { t, f } = x;
  return (
    <details>
      <summary>{t.table}</summary>
      <div class="table-wrap">
        <table>
          <caption>{t.weeksHeading}</caption>
          <thead>
            <tr>
              <th scope="col">{t.week}</th>
              <th scope="col" class="num">
                {t.sent}
              </th>
              <th scope="col" class="num">
                {t.responses}
              </th>
              <th scope="col" class="num">
                {t.rate}
              </th>
              <th scope="col" class="num">
                {t.nps}
              </th>
            </tr>
          </thead>
          <tbody>
            {data.weeks.map((week, i) => {
              const w = data.weekFigures[i] as WindowFigures;
              return (
                <tr>
                  <th scope="row">
                    {t.weekLabel(week.week)} ({f.dateRange(week.from, week.to)})
                  </th>
                  <td class="num">{f.integer(w.sent)}</td>
                  <td class="num">{f.integer(w.responses)}</td>
                  <td class="num">{rateText(x, w.responseRate)}</td>
                  <td class="num">
                    <NpsValue x={x} figures={w} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function Weeks(props: { x: Texts; data: UnitData }) {
  const { x, data } = props;
  const { t, f } = x;
  const labels = data.weeks.map((w) => t.weekLabel(w.week));
  const suppressed = data.weekFigures.map((w) => w.suppressed);
  return (
    <section aria-labelledby="weeks-heading">
      <h2 id="weeks-heading">{t.weeksHeading}</h2>
      <figure>
        <figcaption>{t.npsWeekly}</figcaption>
        <section class="chart-scroll" tabindex={0} aria-label={t.npsWeekly}>
          <LineChart
            id="weeks-nps"
            title={t.npsWeekly}
            labels={labels}
            series={[{ name: t.nps, values: data.weekFigures.map((w) => (w.suppressed ? null : w.nps)) }]}
            min={-100}
            max={100}
            ticks={[-100, -50, 0, 50, 100]}
            format={f.integer}
            suppressed={suppressed}
            suppressedText={t.suppressed}
          />
        </section>
        {suppressed.some(Boolean) && <p class="note">□ = {t.suppressed}</p>}
      </figure>
      <figure>
        <figcaption>{t.rateWeekly}</figcaption>
        <section class="chart-scroll" tabindex={0} aria-label={t.rateWeekly}>
          <BarChart
            id="weeks-rate"
            title={t.rateWeekly}
            labels={labels}
            values={data.weekFigures.map((w) => w.responseRate)}
            max={1}
            ticks={[0, 0.25, 0.5, 0.75, 1]}
            format={(v) => f.percent(v)}
          />
        </section>
      </figure>
      <WeekTable x={x} data={data} />
    </section>
  );
}

const VALUE_COLORS: Record<string, string> = {
  '1': '#a33a1f',
  '2': '#d9824a',
  '3': '#9e9e9e',
  '4': '#5b8fc7',
  '5': '#1f5fa8',
  na: '#e0e0e0',
};

function DistributionChart(props: { x: Texts; rows: { label: string; counts: number[] }[] }) {
  const width = 360;
  const rowHeight = 44;
  const height = props.rows.length * rowHeight + 8;
  return (
    <svg
      class="chart distribution"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby="dist-title"
    >
      <title id="dist-title">{props.x.t.distributionsCaption}</title>
      {props.rows.map((row, i) => {
        const y = i * rowHeight;
        const total = row.counts.reduce((a, b) => a + b, 0);
        let left = 0;
        return (
          <g>
            <text x="0" y={y + 14} font-size="12" fill="#1a1a1a">
              {row.label.length > 52 ? `${row.label.slice(0, 51)}…` : row.label}
            </text>
            {total > 0 &&
              row.counts.map((count, k) => {
                const w = (width * count) / total;
                const key = DISTRIBUTION_KEYS[k] as string;
                const rect = (
                  <rect x={left} y={y + 20} width={w} height="16" fill={VALUE_COLORS[key]}>
                    <title>{`${key === 'na' ? props.x.t.notApplicable : key}: ${props.x.f.integer(count)}`}</title>
                  </rect>
                );
                left += w;
                return rect;
              })}
          </g>
        );
      })}
    </svg>
  );
}

function Distributions(props: { x: Texts; data: UnitData }) {
  const { x, data } = props;
  const { t, f } = x;
  const organization = data.scope.organization;
  const means = statementMeans(data.headline, data.statementIds);
  const rows = means.map((m) => ({
    label: statementText(organization, m.id, x.lang),
    counts: DISTRIBUTION_KEYS.map((key) => m.distribution[key]),
    mean: m.mean,
    n: m.n,
  }));
  return (
    <section aria-labelledby="dist-heading">
      <h2 id="dist-heading">{t.distributionsHeading}</h2>
      {data.headline.suppressed && (
        <p class="suppressed">{suppressionText(x, data.headline.suppressionReason)}</p>
      )}
      <figure>
        <figcaption>{t.distributionsCaption}</figcaption>
        <ul class="legend">
          {DISTRIBUTION_KEYS.map((key) => (
            <li>
              <svg class="swatch" viewBox="0 0 16 16" aria-hidden="true">
                <rect width="16" height="16" fill={VALUE_COLORS[key]} />
              </svg>{' '}
              {key === 'na' ? t.notApplicable : key}
            </li>
          ))}
        </ul>
        <DistributionChart x={x} rows={rows} />
        <details>
          <summary>{t.table}</summary>
          <div class="table-wrap">
            <table>
              <caption>{t.distributionsCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.statement}</th>
                  {DISTRIBUTION_KEYS.map((key) => (
                    <th scope="col" class="num">
                      {key === 'na' ? t.notApplicable : key}
                    </th>
                  ))}
                  <th scope="col" class="num">
                    {t.answers}
                  </th>
                  <th scope="col" class="num">
                    {t.mean}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr>
                    <th scope="row">{row.label}</th>
                    {row.counts.map((count) => (
                      <td class="num">{f.integer(count)}</td>
                    ))}
                    <td class="num">{f.integer(row.n)}</td>
                    <td class="num">{row.mean === null ? '–' : f.decimal(row.mean)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </figure>
    </section>
  );
}

function Comments(props: { x: Texts; data: UnitData; base: string }) {
  const { x, data } = props;
  const { t, f } = x;
  const comments = data.comments;
  if (!comments) return null;
  const path = unitPath(data.scope.unit.unitId);
  return (
    <section aria-labelledby="comments-heading">
      <h2 id="comments-heading">{t.commentsHeading}</h2>
      <p class="note">{t.commentsExplain(f.integer(data.minReportN))}</p>
      <form method="get" action={`${props.base}${path}#comments-heading`} class="search-form">
        <input type="hidden" name="lang" value={x.lang} />
        <div class="field">
          <label for="q">{t.searchLabel}</label>
          <input id="q" name="q" type="search" value={comments.query} maxlength={100} />
        </div>
        <button type="submit" class="btn">
          {t.search}
        </button>
        {comments.query !== '' && (
          <a href={`${consoleHref(props.base, path, x.lang)}#comments-heading`}>{t.clearSearch}</a>
        )}
      </form>
      {comments.items.length === 0 ? (
        <p>{t.noComments}</p>
      ) : (
        <>
          <p class="note" aria-live="polite">
            {comments.more
              ? t.commentsMore(f.integer(comments.items.length))
              : t.commentsShown(f.integer(comments.items.length))}
          </p>
          <ol class="comments">
            {comments.items.map((item) => (
              <li>
                <p class="comment-meta">
                  {t.commentMeta(fullDate(x.lang, item.date), item.nps === null ? '–' : f.integer(item.nps))}
                </p>
                <blockquote lang={item.language}>{item.comment}</blockquote>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

export function UnitPage(props: {
  frame: Omit<ConsolePageProps, 'children' | 'title'>;
  data: UnitData;
  /** The unit's paper answer form, for people who key them in. */
  paperAnswersHref?: string;
}) {
  const { frame, data } = props;
  const x = textsFor(frame.lang, data.minReportN);
  const { t, f } = x;
  const { unit, organization, area } = data.scope;
  const name = nameIn(unit.name, frame.lang);
  const path = unitPath(unit.unitId);
  const monthRows: PeriodRow[] = data.months.map((month) => ({
    period: month,
    label: f.month(month),
    row: data.monthRows.find((row) => row.date === month),
  }));
  return (
    <ConsolePage {...frame} title={name}>
      <h1>{name}</h1>
      <p class="lead">
        {t.unitLead(organization.name[frame.lang], area ? nameIn(area.name, frame.lang) : undefined)}{' '}
        {t.dashboardLead(fullDate(frame.lang, data.asOf))}
      </p>
      <p>
        <a class="download" href={consoleHref(frame.base, `${path}/figures.csv`, frame.lang)} download>
          {t.downloadCsv}
        </a>{' '}
        <span class="note">{t.csvHint}</span>
      </p>
      {props.paperAnswersHref && (
        <p>
          <a href={props.paperAnswersHref}>{openLinkMessages(frame.lang).paperTitle}</a>
        </p>
      )}
      <Headline x={x} data={data} />
      <Weeks x={x} data={data} />
      <div class="months">
        <PeriodSection
          id="months"
          heading={t.last12}
          kind="month"
          rows={monthRows}
          lang={frame.lang}
          minReportN={data.minReportN}
          custom={customLabels(organization)}
        />
      </div>
      <SliceSection rows={data.sliceRows} lang={frame.lang} format={formatsFor(frame.lang)} />
      <Distributions x={x} data={data} />
      <Comments x={x} data={data} base={frame.base} />
      <section aria-labelledby="monthly-heading">
        <h2 id="monthly-heading">{t.monthlyHeading}</h2>
        <p>{t.monthlyLead}</p>
        <ul class="month-links">
          {[...data.months].reverse().map((month) => (
            <li>
              <a href={consoleHref(frame.base, monthlyPath(unit.unitId, month), frame.lang)}>
                {t.monthReportLink(f.month(month))}
              </a>
            </li>
          ))}
        </ul>
      </section>
    </ConsolePage>
  );
}
