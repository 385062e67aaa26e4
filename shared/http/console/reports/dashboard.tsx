/** @jsxImportSource hono/jsx */
import { ConsolePage, type ConsolePageProps } from '../layout';
import {
  consoleHref,
  fullDate,
  NpsValue,
  organizationPath,
  rateText,
  type Texts,
  textsFor,
  unitPath,
} from './components';
import type { DashboardData, UnitFigureRow } from './dashboardData';
import { type FigureRow, type SortDirection, type SortKey, sortRows } from './figures';

export type SinceError = 'invalid' | 'future' | 'tooOld';

export interface DashboardView {
  data: DashboardData;
  sort: SortKey;
  dir: SortDirection;
  /** What the person typed as the comparison date (kept in the field when it is wrong). */
  sinceInput: string;
  sinceError?: SinceError;
  oldestSince: string;
}

const defaultDirection = (key: SortKey): SortDirection => (key === 'name' ? 'asc' : 'desc');

function SortHeader(props: {
  x: Texts;
  view: DashboardView;
  frame: Omit<ConsolePageProps, 'children' | 'title'>;
  sortKey: SortKey;
  label: string;
  class?: string;
}) {
  const { view, x, sortKey } = props;
  const current = view.sort === sortKey;
  const next: SortDirection = current ? (view.dir === 'asc' ? 'desc' : 'asc') : defaultDirection(sortKey);
  const href = consoleHref(
    props.frame.base,
    organizationPath(view.data.scope.organization.organizationId),
    x.lang,
    { sort: sortKey, dir: next, since: view.sinceError ? undefined : view.data.kpi.since },
  );
  return (
    <th
      scope="col"
      class={props.class}
      aria-sort={current ? (view.dir === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <a href={`${href}#figures`}>
        {props.label}
        <span class="vh">
          {', '}
          {x.t.sortBy(props.label)}
          {current ? ` (${view.dir === 'asc' ? x.t.sortedAsc : x.t.sortedDesc})` : ''}
        </span>
        {current && <span aria-hidden="true">{view.dir === 'asc' ? ' ▲' : ' ▼'}</span>}
      </a>
    </th>
  );
}

function FigureCells(props: { x: Texts; row: FigureRow }) {
  const { x, row } = props;
  return (
    <>
      <td class="num">{x.f.integer(row.last30.responses)}</td>
      <td class="num">{rateText(x, row.last30.responseRate)}</td>
      <td class="num">
        <NpsValue x={x} figures={row.last30} />
      </td>
      <td class="num">{x.f.integer(row.last12.responses)}</td>
      <td class="num">{rateText(x, row.last12.responseRate)}</td>
      <td class="num">
        <NpsValue x={x} figures={row.last12} />
      </td>
    </>
  );
}

function FigureTable(props: {
  x: Texts;
  view: DashboardView;
  frame: Omit<ConsolePageProps, 'children' | 'title'>;
  id: string;
  caption: string;
  rows: FigureRow[];
  units?: UnitFigureRow[];
  organizationRow?: FigureRow;
}) {
  const { x } = props;
  const t = x.t;
  const units = props.units !== undefined;
  const header = (key: SortKey, label: string) => (
    <SortHeader x={x} view={props.view} frame={props.frame} sortKey={key} label={label} class="num" />
  );
  return (
    <section class="table-wrap" aria-labelledby={`${props.id}-caption`} tabindex={0}>
      <table id={props.id}>
        <caption id={`${props.id}-caption`}>{props.caption}</caption>
        <thead>
          <tr>
            <td colspan={units ? 2 : 1} />
            <th scope="colgroup" colspan={3}>
              {t.last30}
            </th>
            <th scope="colgroup" colspan={3}>
              {t.last12}
            </th>
            {units && <td />}
          </tr>
          <tr>
            <SortHeader x={x} view={props.view} frame={props.frame} sortKey="name" label={t.name} />
            {units && <th scope="col">{t.area}</th>}
            {header('responses30', t.responses)}
            {header('rate30', t.rate)}
            {header('nps30', t.nps)}
            {header('responses12', t.responses)}
            {header('rate12', t.rate)}
            {header('nps12', t.nps)}
            {units && <th scope="col">{t.measuring}</th>}
          </tr>
        </thead>
        <tbody>
          {props.organizationRow && (
            <tr class="total">
              <th scope="row">{t.organizationRow}</th>
              <FigureCells x={x} row={props.organizationRow} />
            </tr>
          )}
          {units
            ? (props.units as UnitFigureRow[]).map((row) => (
                <tr>
                  <th scope="row">
                    <a href={consoleHref(props.frame.base, unitPath(row.id), x.lang)}>{row.name}</a>
                  </th>
                  <td>{row.areaName ?? row.areaId ?? '–'}</td>
                  <FigureCells x={x} row={row} />
                  <td>{row.measuring ? t.yes : t.no}</td>
                </tr>
              ))
            : props.rows.map((row) => (
                <tr>
                  <th scope="row">{row.name}</th>
                  <FigureCells x={x} row={row} />
                </tr>
              ))}
        </tbody>
      </table>
    </section>
  );
}

export function DashboardPage(props: {
  frame: Omit<ConsolePageProps, 'children' | 'title'>;
  view: DashboardView;
}) {
  const { frame, view } = props;
  const { data } = view;
  const x = textsFor(frame.lang, data.minReportN);
  const { t, f } = x;
  const organization = data.scope.organization;
  const path = organizationPath(organization.organizationId);
  const collator = new Intl.Collator(frame.lang);
  const change = data.kpi.now.length - data.kpi.before.length;
  const changeText = change > 0 ? `+${f.integer(change)}` : f.integer(change);
  const errorText =
    view.sinceError === 'invalid'
      ? t.sinceInvalid
      : view.sinceError === 'future'
        ? t.sinceFuture
        : view.sinceError === 'tooOld'
          ? t.sinceTooOld(fullDate(frame.lang, view.oldestSince))
          : undefined;
  const areaRows = sortRows(data.areas, view.sort, view.dir, collator);
  const unitRows = sortRows(data.units, view.sort, view.dir, collator);
  return (
    <ConsolePage {...frame} title={organization.name[frame.lang]} hasErrors={errorText !== undefined}>
      {errorText && (
        <section class="error-summary" id="error-summary" tabindex={-1} aria-labelledby="error-summary-title">
          <h2 id="error-summary-title">{t.errorSummary}</h2>
          <ul>
            <li>
              <a href="#since">{errorText}</a>
            </li>
          </ul>
        </section>
      )}
      <h1>{organization.name[frame.lang]}</h1>
      <p class="lead">{t.dashboardLead(fullDate(frame.lang, data.asOf))}</p>
      <section class="kpi" aria-labelledby="kpi-heading">
        <h2 id="kpi-heading">{t.kpiHeading}</h2>
        <p class="kpi-now">{t.kpiNow(f.integer(data.kpi.now.length), f.integer(data.kpi.units))}</p>
        <p class="kpi-change">
          {t.kpiChange(changeText, fullDate(frame.lang, data.kpi.since), f.integer(data.kpi.before.length))}
        </p>
        <p class="note">{t.kpiExplain}</p>
        <form method="get" action={`${frame.base}${path}#kpi-heading`} class="since-form">
          <input type="hidden" name="lang" value={frame.lang} />
          <input type="hidden" name="sort" value={view.sort} />
          <input type="hidden" name="dir" value={view.dir} />
          <div class="field">
            <label for="since">{t.sinceLabel}</label>
            <p class="hint" id="since-hint">
              {t.sinceHint}
            </p>
            {errorText && (
              <p class="field-error" id="since-error">
                {errorText}
              </p>
            )}
            <input
              id="since"
              name="since"
              type="text"
              inputmode="numeric"
              autocomplete="off"
              value={view.sinceInput}
              aria-invalid={errorText ? 'true' : undefined}
              aria-describedby={errorText ? 'since-hint since-error' : 'since-hint'}
            />
          </div>
          <button type="submit" class="btn">
            {t.show}
          </button>
        </form>
      </section>
      <section aria-labelledby="figures">
        <h2 id="figures">{t.figuresHeading}</h2>
        <p class="note">{t.figuresExplain(f.integer(data.minReportN))}</p>
        <p>
          <a
            class="download"
            href={consoleHref(frame.base, `${path}/figures.csv`, frame.lang, {
              sort: view.sort,
              dir: view.dir,
            })}
            download
          >
            {t.downloadCsv}
          </a>{' '}
          <span class="note">{t.csvHint}</span>
        </p>
        {(data.organizationRow || areaRows.length > 0) && (
          <FigureTable
            x={x}
            view={view}
            frame={frame}
            id="areas"
            caption={t.areasCaption}
            rows={areaRows}
            organizationRow={data.organizationRow}
          />
        )}
        {unitRows.length === 0 ? (
          <p>{t.noUnits}</p>
        ) : (
          <FigureTable
            x={x}
            view={view}
            frame={frame}
            id="units"
            caption={t.unitsCaption}
            rows={[]}
            units={unitRows}
          />
        )}
      </section>
    </ConsolePage>
  );
}
