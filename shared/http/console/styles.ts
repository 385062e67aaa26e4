import { createHash } from 'node:crypto';
import { ADMIN_CSS } from './admin/styles';
import { REPORTS_CSS } from './reports/styles';

/**
 * The console's additions to the public pages' stylesheet: a wider page for tables, the console's
 * navigation, and the admin and report screens' own rules (kept beside their pages).
 */
const BASE_CSS = `
.console .wrap{max-width:72rem}
.console-nav{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem 1.5rem;margin:1rem 0 1.5rem;padding:.5rem 0;border-bottom:1px solid #c4c4c4}
.console-nav .sign-out{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem;margin:0}
.console-nav .signed-in{color:var(--muted);font-size:1rem}
.btn-secondary{background:#fff;color:var(--brand);border:2px solid var(--brand)}
.table-wrap{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;font-size:1rem}
th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #c4c4c4;vertical-align:top}
th{background:#f4f6f8}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
`;

export const CONSOLE_CSS = `${BASE_CSS}${ADMIN_CSS}${REPORTS_CSS}`.trim().replace(/\n/g, '');

const hash = createHash('sha256').update(CONSOLE_CSS).digest('hex').slice(0, 12);

/** Content-addressed, so it can be cached for a year: a new stylesheet gets a new name. */
export const CONSOLE_CSS_PATH = `/assets/console.${hash}.css`;
