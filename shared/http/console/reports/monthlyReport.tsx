/** @jsxImportSource hono/jsx */
import type { ReportRow } from '../../../domain/aggregatePublication';
import type { AggregateStore } from '../../../ports';
import { DEFAULT_MIN_REPORT_N } from '../../../schemas/config';
import { toReportRow } from '../../../services/aggregateReports';
import { latestCompleteDay } from '../../../services/unitStatus';
import { FIRST_REPORT_YEAR, LAST_REPORT_YEAR } from '../../reports/query';
import { ConsolePage, type ConsolePageProps } from '../layout';
import { nameIn, rateText, statementText, suppressionText, textsFor } from './components';
import { lastMonths } from './figures';
import type { UnitInScope } from './scope';

/** Lines to write on under each question of the discussion guide. */
const WRITING_LINES = 3;

/** A month the report exists for: well formed, in the report years, and not after this month. */
export function reportableMonth(month: string, now: Date, scope: UnitInScope): boolean {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) return false;
  const year = Number(month.slice(0, 4));
  if (year < FIRST_REPORT_YEAR || year > LAST_REPORT_YEAR) return false;
  return month <= latestCompleteDay(now, scope.organization.timeZone).slice(0, 7);
}

export interface MonthlyData {
  scope: UnitInScope;
  month: string;
  previous: string;
  row: ReportRow | undefined;
  previousRow: ReportRow | undefined;
  minReportN: number;
}

export async function loadMonthly(
  deps: { aggregates: AggregateStore },
  scope: UnitInScope,
  month: string,
): Promise<MonthlyData> {
  const [previous] = lastMonths(month, 2) as [string, string];
  const cells = await deps.aggregates.monthlyCells(
    scope.unit.organizationId,
    scope.unit.unitId,
    previous,
    month,
  );
  const own = cells.filter((cell) => cell.unitId === scope.unit.unitId).map(toReportRow);
  return {
    scope,
    month,
    previous,
    row: own.find((row) => row.date === month),
    previousRow: own.find((row) => row.date === previous),
    minReportN: scope.organization.minReportN ?? DEFAULT_MIN_REPORT_N,
  };
}

function WritingLines() {
  return (
    <div class="write-lines" aria-hidden="true">
      {Array.from({ length: WRITING_LINES }, () => (
        <div class="write-line" />
      ))}
    </div>
  );
}

export function MonthlyReportPage(props: {
  frame: Omit<ConsolePageProps, 'children' | 'title'>;
  data: MonthlyData;
}) {
  const { frame, data } = props;
  const x = textsFor(frame.lang, data.minReportN);
  const { t, f } = x;
  const { unit, organization } = data.scope;
  const unitName = nameIn(unit.name, frame.lang);
  const title = t.monthlyTitle(unitName, f.month(data.month));
  const row = data.row;
  const npsOf = (r: ReportRow | undefined) =>
    !r
      ? '–'
      : r.suppressed
        ? suppressionText(x, r.suppressionReason)
        : r.nps === null
          ? '–'
          : f.integer(r.nps);
  const means = Object.entries(row?.questions ?? {})
    .filter(([, q]) => q.mean !== null)
    .map(([id, q]) => ({ id, mean: q.mean as number, n: q.n }))
    .sort((a, b) => b.mean - a.mean || (a.id < b.id ? -1 : 1));
  const strongest = means.slice(0, 2);
  const weakest = means.length > 2 ? means.slice(-2).reverse() : [];
  const MeanList = (list: { items: typeof means; heading: string; id: string }) =>
    list.items.length === 0 ? null : (
      <div>
        <h3 id={list.id}>{list.heading}</h3>
        <ul aria-labelledby={list.id}>
          {list.items.map((m) => (
            <li>
              {statementText(organization, m.id, frame.lang)}: {f.decimal(m.mean)} (n {f.integer(m.n)})
            </li>
          ))}
        </ul>
      </div>
    );
  return (
    <ConsolePage {...frame} title={title}>
      <article class="monthly-report">
        <h1>{title}</h1>
        <p class="lead">{organization.name[frame.lang]}</p>
        <p class="print-hint note">{t.printHint}</p>
        <section aria-labelledby="month-figures">
          <h2 id="month-figures">{t.monthFigures}</h2>
          {!row ? (
            <p>{t.noFigures}</p>
          ) : (
            <table class="month-table">
              <thead>
                <tr>
                  <td />
                  <th scope="col" class="num">
                    {f.month(data.month)}
                  </th>
                  <th scope="col" class="num">
                    {t.previousMonth(f.month(data.previous))}
                  </th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row">{t.sent}</th>
                  <td class="num">{f.integer(row.funnel.sent)}</td>
                  <td class="num">{data.previousRow ? f.integer(data.previousRow.funnel.sent) : '–'}</td>
                </tr>
                <tr>
                  <th scope="row">{t.responses}</th>
                  <td class="num">{f.integer(row.responses)}</td>
                  <td class="num">{data.previousRow ? f.integer(data.previousRow.responses) : '–'}</td>
                </tr>
                <tr>
                  <th scope="row">{t.rate}</th>
                  <td class="num">{rateText(x, row.responseRate)}</td>
                  <td class="num">{rateText(x, data.previousRow?.responseRate ?? null)}</td>
                </tr>
                <tr>
                  <th scope="row">{t.nps}</th>
                  <td class="num">{npsOf(row)}</td>
                  <td class="num">{npsOf(data.previousRow)}</td>
                </tr>
                {row.npsCounts && (
                  <tr>
                    <th scope="row">
                      {t.promoters} / {t.passives} / {t.detractors}
                    </th>
                    <td class="num">
                      {f.integer(row.npsCounts.promoters)} / {f.integer(row.npsCounts.passives)} /{' '}
                      {f.integer(row.npsCounts.detractors)}
                    </td>
                    <td class="num">
                      {data.previousRow?.npsCounts
                        ? `${f.integer(data.previousRow.npsCounts.promoters)} / ${f.integer(data.previousRow.npsCounts.passives)} / ${f.integer(data.previousRow.npsCounts.detractors)}`
                        : '–'}
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          )}
          <div class="means">
            <MeanList items={strongest} heading={t.strongest} id="strongest" />
            <MeanList items={weakest} heading={t.weakest} id="weakest" />
          </div>
        </section>
        <section aria-labelledby="guide-heading" class="guide">
          <h2 id="guide-heading">{t.guideHeading}</h2>
          <p>{t.guideLead}</p>
          <h3>{t.wentWell}</h3>
          <WritingLines />
          <h3>{t.toImprove}</h3>
          <WritingLines />
          <h3>{t.oneAction}</h3>
          <WritingLines />
        </section>
      </article>
    </ConsolePage>
  );
}
