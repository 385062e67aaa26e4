import { createHash } from 'node:crypto';

/** The stylesheet of the API reference at `/api/docs`; its path carries its hash, so it is cached for good. */
export const API_REFERENCE_CSS = `
body{margin:0;color:#1b1b1b;background:#fff;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:1rem;line-height:1.5;overflow-wrap:anywhere}
main{max-width:60rem;margin:0 auto;padding:0 1rem 3rem}
h1{font-size:1.75rem;margin:1.5rem 0 .5rem}
h2{font-size:1.3rem;margin:2.5rem 0 .5rem;padding-top:1rem;border-top:2px solid #0b4f8a}
h3{font-size:1.05rem;margin:1.25rem 0 .4rem}
a{color:#0b4f8a}
:focus-visible{outline:3px solid #1b1b1b;outline-offset:2px}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.95em;background:#eef2f6;padding:0 .2em}
.method{display:inline-block;min-width:4.5rem;font-weight:700}
table{border-collapse:collapse;width:100%;margin:0 0 1rem;font-size:.95rem}
th,td{border:1px solid #8a8a8a;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#eef2f6}
.table{overflow-x:auto}
ul.toc{padding-left:1.25rem}
.vh{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
`;
export const API_REFERENCE_CSS_PATH = `/docs.${createHash('sha256').update(API_REFERENCE_CSS).digest('hex').slice(0, 10)}.css`;

/**
 * What the API reference needs without a token, relative to `/api`: the document, the page and its
 * stylesheet. The cloud's gateway lets exactly these through (infra/web.ts).
 */
export const API_REFERENCE_PUBLIC_PATHS = ['openapi.json', 'docs', API_REFERENCE_CSS_PATH.slice(1)] as const;
