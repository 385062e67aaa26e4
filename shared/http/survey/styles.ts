import { createHash } from 'node:crypto';

/**
 * The one stylesheet of the public pages, served from our own origin (CSP `style-src 'self'`, no
 * inline styles). System fonts only. Sizes in rem so that text zoom and 200 % zoom reflow; one
 * column at 320 px. Touch targets at least 44 × 44 px. Focus is always visible (3 px outline).
 */
export const SURVEY_CSS = `
:root{--ink:#1b1b1b;--muted:#454545;--brand:#0b4f8a;--brand-dark:#083a66;--line:#6b6b6b;--soft:#e8f0f8;--err:#b3261e;--focus:#ffdd00}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%;color-scheme:light}
body{margin:0;background:#fff;color:var(--ink);font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:1.125rem;line-height:1.5;overflow-wrap:break-word;overflow-wrap:anywhere}
.wrap{max-width:42rem;margin:0 auto;padding:0 .75rem}
h1{font-size:1.75rem;line-height:1.25;margin:1.5rem 0 1rem}
h2{font-size:1.35rem;line-height:1.3;margin:2rem 0 .75rem}
p,ul{margin:0 0 1rem}
a{color:var(--brand);text-decoration:underline;text-underline-offset:.15em}
a:hover{color:var(--brand-dark);text-decoration-thickness:.15em}
:focus-visible{outline:3px solid var(--ink);outline-offset:2px}
a:focus-visible{background:var(--focus);color:var(--ink);text-decoration:none;box-shadow:0 3px 0 var(--ink);outline:3px solid transparent}
.vh{position:absolute!important;width:1px!important;height:1px!important;margin:-1px!important;padding:0!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;white-space:nowrap!important;border:0!important}
.site-header{border-bottom:1px solid #c4c4c4;background:#f4f6f8}
.site-header .wrap{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:0 1rem}
.org{margin:0;padding:.75rem 0;font-weight:700}
.links{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:0 1.25rem}
.links a{display:inline-block;padding:.6rem 0;min-height:2.75rem}
.lead{font-size:1.2rem}
.note{color:var(--muted);border-left:4px solid var(--brand);padding-left:.75rem}
.q{border:0;margin:0 0 2.25rem;padding:0;min-width:0;scroll-margin-top:1rem}
.q legend,.q-label{display:block;max-width:100%;padding:0;margin:0 0 .75rem;font-weight:700;font-size:1.2rem;line-height:1.35;white-space:normal}
.q-invalid{border-left:4px solid var(--err);padding-left:.75rem}
.field-error{color:var(--err);font-weight:700;margin:0 0 .75rem}
.hint{color:var(--muted);margin:0 0 .75rem}
.ends>span{min-width:0}
.ends{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.25rem 1rem;color:var(--muted);font-size:1rem;margin:0 0 .5rem}
.opts{display:grid;gap:.5rem}
.opt{display:flex;align-items:center;gap:.75rem;min-width:0;min-height:3rem;padding:.5rem .75rem;border:2px solid var(--line);border-radius:.5rem;background:#fff;cursor:pointer;line-height:1.3}
.opt:hover{border-color:var(--brand)}
.opt span{min-width:0}
.opt input{flex:none;width:1.5rem;height:1.5rem;margin:0;accent-color:var(--brand);cursor:pointer}
.opt input:focus-visible{outline:none}
.opt:focus-within{outline:3px solid var(--ink);outline-offset:2px;border-color:var(--brand)}
.opt:has(input:checked){background:var(--soft);border-color:var(--brand);font-weight:700}
.opt-na{margin-top:.25rem;border-style:dashed}
.opt-face span{display:flex;align-items:center;gap:.75rem}.face{flex:none;color:var(--ink)}
.nps{grid-template-columns:repeat(6,minmax(0,1fr));gap:.375rem}
.nps .opt{flex-direction:column;justify-content:center;gap:.25rem;min-height:3.75rem;padding:.4rem .125rem;text-align:center;font-weight:700}
textarea{display:block;width:100%;min-height:9rem;padding:.5rem .75rem;border:2px solid var(--line);border-radius:.25rem;font:inherit;color:inherit;background:#fff;resize:vertical}
textarea[aria-invalid=true]{border-color:var(--err)}
.field{margin:0 0 1.5rem}.field label{display:block;font-weight:700;margin:0 0 .5rem}.field input{display:block;width:100%;max-width:24rem;min-height:3rem;padding:.5rem .75rem;border:2px solid var(--line);border-radius:.25rem;font:inherit;color:inherit;background:#fff}.field input[aria-invalid=true]{border-color:var(--err)}
.btn{display:inline-block;width:100%;min-height:3rem;padding:.75rem 1.5rem;border:2px solid var(--brand);border-radius:.5rem;background:var(--brand);color:#fff;font:inherit;font-weight:700;cursor:pointer;text-align:center}
.btn:hover{background:var(--brand-dark)}
.btn:focus-visible{outline:3px solid var(--ink);outline-offset:3px;box-shadow:0 0 0 6px var(--focus)}
.error-summary{border:4px solid var(--err);padding:1rem;margin:1.5rem 0}
.error-summary:focus{outline:3px solid var(--ink);outline-offset:3px}
.error-summary h2{margin-top:0}
.error-summary ul{margin:0;padding-left:1.25rem}
.error-summary a{color:var(--err);font-weight:700}
.panel{border:3px solid var(--brand);border-radius:.5rem;padding:1rem 1.25rem;margin:1.5rem 0}
.panel h1{margin-top:0}
.contact{list-style:none;padding:0}
.site-footer{margin-top:3rem;border-top:1px solid #c4c4c4;background:#f4f6f8;padding:1rem 0 2rem;font-size:1rem}
.site-footer .links{flex-direction:column}
@media (min-width:40em){
.wrap{padding:0 1.5rem}
h1{font-size:2.25rem}
.nps{grid-template-columns:repeat(11,minmax(0,1fr))}
.btn{width:auto}
.site-footer .links{flex-direction:row}
}
`
  .trim()
  .replace(/\n/g, '');

const hash = createHash('sha256').update(SURVEY_CSS).digest('hex').slice(0, 12);

/** Content-addressed, so it can be cached for a year: a new stylesheet gets a new name. */
export const SURVEY_CSS_PATH = `/assets/survey.${hash}.css`;
