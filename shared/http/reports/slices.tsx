/** @jsxImportSource hono/jsx */
import type { ReportRow } from '../../domain/aggregatePublication';
import type { Language } from '../../schemas/config';
import type { Channel, Respondent } from '../../schemas/records';
import { type Formats, TEXT } from './texts';

/** The words of the channel × respondent table, per language. */
const SLICE_TEXT: Record<
  Language,
  {
    heading: string;
    intro: string;
    none: string;
    columns: [string, string, string, string, string];
    channel: Record<Channel, string>;
    respondent: Record<Respondent, string>;
  }
> = {
  fi: {
    heading: 'Kanavittain ja vastaajaryhmittäin',
    intro:
      'Kuukausittain: mistä vastaukset tulivat ja kuka vastasi. Vastausprosentti on vain tekstiviestille.',
    none: 'Ei vastauksia näiltä kuukausilta.',
    columns: ['Kuukausi', 'Kanava', 'Vastaaja', 'Vastauksia', 'NPS'],
    channel: {
      sms: 'Tekstiviesti',
      qr: 'QR-juliste',
      web: 'Verkkolinkki',
      kiosk: 'Tabletti yksikössä',
      paper: 'Paperi',
    },
    respondent: { client: 'Asiakas', relative: 'Omainen tai läheinen', child: 'Lapsi (7–12 v.)' },
  },
  sv: {
    heading: 'Per kanal och svarsgrupp',
    intro: 'Per månad: varifrån svaren kom och vem som svarade. Svarsprocenten gäller bara sms.',
    none: 'Inga svar under de här månaderna.',
    columns: ['Månad', 'Kanal', 'Svarande', 'Svar', 'NPS'],
    channel: {
      sms: 'Sms',
      qr: 'QR-affisch',
      web: 'Webblänk',
      kiosk: 'Surfplatta på enheten',
      paper: 'Papper',
    },
    respondent: { client: 'Klient', relative: 'Anhörig eller närstående', child: 'Barn (7–12 år)' },
  },
  en: {
    heading: 'By channel and respondent group',
    intro: 'Per month: where the answers came from and who answered. The response rate is for SMS only.',
    none: 'No answers in these months.',
    columns: ['Month', 'Channel', 'Respondent', 'Responses', 'NPS'],
    channel: { sms: 'SMS', qr: 'QR poster', web: 'Web link', kiosk: 'Tablet at the unit', paper: 'Paper' },
    respondent: { client: 'Client', relative: 'Relative or close one', child: 'Child (7–12)' },
  },
};

/** A unit's monthly rows per channel × respondent: who answered where, with suppressed cells marked. */
export function SliceSection(props: { rows: readonly ReportRow[]; lang: Language; format: Formats }) {
  const t = SLICE_TEXT[props.lang];
  const rows = [...props.rows].filter((r) => r.channel && r.respondent).reverse();
  return (
    <section aria-labelledby="slices-heading">
      <h2 id="slices-heading">{t.heading}</h2>
      <p>{t.intro}</p>
      {rows.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <div>
          <table>
            <caption>{t.heading}</caption>
            <thead>
              <tr>
                {t.columns.map((column) => (
                  <th scope="col">{column}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr>
                  <th scope="row">{props.format.month(row.date)}</th>
                  <td>{t.channel[row.channel as Channel]}</td>
                  <td>{t.respondent[row.respondent as Respondent]}</td>
                  <td>{props.format.integer(row.responses)}</td>
                  <td>
                    {row.suppressed
                      ? TEXT[props.lang].suppressed
                      : row.nps === null
                        ? '–'
                        : props.format.integer(row.nps)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
