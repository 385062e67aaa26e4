/** @jsxImportSource hono/jsx */
import type { Area, Unit } from '../../../schemas/config';
import type { UnitStatus } from '../../../services/unitStatus';
import type { ConsoleContext } from '../context';
import { adminLink, messagesOf } from './components';
import { formatDate } from './messages';

export const unitPath = (unitId: string) => `/units/${encodeURIComponent(unitId)}`;

/** An organization's units with their status: enabled, last SMS sent, responses, measuring continuously. */
export function UnitsTable(props: {
  c: ConsoleContext;
  units: readonly Unit[];
  areas: readonly Area[];
  statuses: readonly UnitStatus[];
  labelledBy: string;
}) {
  const { c } = props;
  const t = messagesOf(c);
  const lang = c.var.lang;
  const areaName = (areaId: string | undefined) => {
    if (areaId === undefined) return t.noArea;
    const area = props.areas.find((a) => a.areaId === areaId);
    return area ? (area.name[lang] ?? area.name.fi) : areaId;
  };
  const statusOf = (unitId: string) => props.statuses.find((s) => s.unitId === unitId);
  return (
    // Focusable so that a keyboard can scroll the table sideways on a narrow screen.
    <section class="table-wrap" aria-labelledby={props.labelledBy} tabindex={0}>
      <table class="units">
        <thead>
          <tr>
            <th scope="col">{t.name}</th>
            <th scope="col">{t.area}</th>
            <th scope="col">{t.enabled}</th>
            <th scope="col">{t.lastSent}</th>
            <th scope="col" class="num">
              {t.responses30}
            </th>
            <th scope="col">{t.measuring}</th>
            <th scope="col">{t.history}</th>
          </tr>
        </thead>
        <tbody>
          {props.units.map((unit) => {
            const status = statusOf(unit.unitId);
            const name = unit.name[lang] ?? unit.name.fi;
            return (
              <tr>
                <th scope="row">
                  <a href={adminLink(c, `${unitPath(unit.unitId)}/rules`)}>{name}</a>
                  <br />
                  <span class="meta">{unit.unitId}</span>
                </th>
                <td>{areaName(unit.areaId)}</td>
                <td>{unit.enabled ? t.yes : t.no}</td>
                <td>{status?.lastSentDate ? formatDate(lang, status.lastSentDate) : t.notSent}</td>
                <td class="num">{status?.responses ?? 0}</td>
                <td>{status?.measuringContinuously ? t.yes : t.no}</td>
                <td>
                  <a href={adminLink(c, `${unitPath(unit.unitId)}/history`)}>
                    {t.history}
                    <span class="visually-hidden">: {name}</span>
                  </a>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
