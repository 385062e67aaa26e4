/** @jsxImportSource hono/jsx */
import { canSeeUnit, type Person } from '../../../identity/roles';
import type { ConfigStore } from '../../../ports';
import type { Organization, Unit } from '../../../schemas/config';
import { ConsolePage, type ConsolePageProps } from '../layout';
import { consoleHref, nameIn, organizationPath, unitPath } from './components';
import { reportMessages } from './messages';
import { organizationsOf, seesWholeOrganization } from './scope';

export interface ReportsHomeEntry {
  organization: Organization;
  /** The units to list: only for people who see part of the organization (else the dashboard lists them). */
  units: Unit[];
}

/** What the person may open: every organization they have a grant in and, when scoped to units, those. */
export async function reportsHome(config: ConfigStore, person: Person): Promise<ReportsHomeEntry[]> {
  const organizations = await organizationsOf(config, person);
  return Promise.all(
    organizations.map(async (organization) => ({
      organization,
      units: seesWholeOrganization(person, organization.organizationId)
        ? []
        : (await config.listUnits(organization.organizationId)).filter((unit) => canSeeUnit(person, unit)),
    })),
  );
}

export function ReportsHomePage(props: {
  frame: Omit<ConsolePageProps, 'children' | 'title'>;
  entries: ReportsHomeEntry[];
}) {
  const { frame } = props;
  const t = reportMessages(frame.lang);
  const collator = new Intl.Collator(frame.lang);
  const entries = [...props.entries].sort((a, b) =>
    collator.compare(a.organization.name[frame.lang], b.organization.name[frame.lang]),
  );
  return (
    <ConsolePage {...frame} title={t.reportsTitle}>
      <h1>{t.reportsTitle}</h1>
      {entries.length === 0 ? (
        <p>{t.nothingToOpen}</p>
      ) : (
        <>
          <p class="lead">{t.reportsLead}</p>
          <h2>{t.organizationsHeading}</h2>
          <ul class="report-list">
            {entries.map(({ organization, units }) => (
              <li>
                <a href={consoleHref(frame.base, organizationPath(organization.organizationId), frame.lang)}>
                  {t.openDashboard(organization.name[frame.lang])}
                </a>
                {units.length > 0 && (
                  <ul aria-label={`${organization.name[frame.lang]}: ${t.yourUnits}`}>
                    {units
                      .map((unit) => ({ unit, name: nameIn(unit.name, frame.lang) }))
                      .sort((a, b) => collator.compare(a.name, b.name))
                      .map(({ unit, name }) => (
                        <li>
                          <a href={consoleHref(frame.base, unitPath(unit.unitId), frame.lang)}>{name}</a>
                        </li>
                      ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </ConsolePage>
  );
}
