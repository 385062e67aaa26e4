/** The admin screens' own style rules (see ../styles.ts). */
export const ADMIN_CSS = `
.visually-hidden,.sr-label{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.back{margin:0 0 1rem}
.meta{color:var(--muted);font-size:1rem}
.links-list{padding-left:1.25rem}
.links-list li,.cards li{margin:.4rem 0}
.cards{list-style:none;padding:0}
.table-wrap:focus-visible{outline:3px solid var(--ink);outline-offset:2px}
table.units th,table.units td{overflow-wrap:normal;word-break:normal;hyphens:manual}
table.units th[scope=row]{background:#fff;font-weight:400}
.table-wrap{margin:0 0 1.5rem}
#admin-form fieldset{border:1px solid #c4c4c4;border-radius:.5rem;padding:1rem;margin:0 0 1.5rem;min-width:0}
#admin-form fieldset fieldset{border:0;padding:0;margin:0 0 1rem}
#admin-form legend{font-size:1.1rem}
.group{margin:0 0 1.5rem}
.hint{color:var(--muted);margin:0 0 .5rem}
.field.short input{max-width:10rem}
.field textarea,.field select{display:block;width:100%;max-width:36rem;padding:.5rem .75rem;border:2px solid var(--line);border-radius:.25rem;font:inherit;color:inherit;background:#fff}
.field select{min-height:3rem}
.field textarea[aria-invalid=true],.field select[aria-invalid=true]{border-color:var(--err)}
.check{display:inline-flex;align-items:center;gap:.5rem;min-height:2.75rem;margin:0 1rem 0 0;cursor:pointer}
.check input{width:1.4rem;height:1.4rem;margin:0;accent-color:var(--brand)}
.check input:focus-visible{outline:3px solid var(--ink);outline-offset:2px}
.check-row{display:flex;flex-wrap:wrap}
.checks .check{display:flex}
.check-row .check{display:inline-flex}
.actions{display:flex;flex-wrap:wrap;gap:1rem;margin:1.5rem 0}
.preview,.saved,.stale{border:3px solid var(--brand);border-radius:.5rem;padding:1rem;margin:1.5rem 0}
.stale{border-color:var(--err)}
.stale:focus{outline:3px solid var(--ink);outline-offset:3px}
.preview dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0 0 1rem}
.preview dt{font-weight:700}.preview dd{margin:0}
.sms{margin:.5rem 0;padding:.75rem 1rem;background:#f4f6f8;border-left:4px solid var(--brand);overflow-wrap:anywhere;white-space:pre-wrap}
.sms-size{font-weight:700}
.warnings{border-left:4px solid #8a5a00;padding:.25rem 0 .25rem 1rem;margin:1rem 0}
.warnings h3{margin-top:0}
.history-entry{border-top:1px solid #c4c4c4;padding-top:.5rem}
.changes{padding-left:1.25rem}
.changes li{margin:.3rem 0;overflow-wrap:anywhere}
.changes del{color:#8b0000}
.changes ins{color:#005a00;text-decoration:none;font-weight:700}
.statements li{margin:.4rem 0}
.open-link{border-top:1px solid #c4c4c4;padding-top:.5rem;margin:0 0 1.5rem}
.open-link dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0 0 1rem}
.open-link dt{font-weight:700}.open-link dd{margin:0;min-width:0}
.open-link .url{overflow-wrap:anywhere}
@media (max-width:30rem){.open-link dl{grid-template-columns:1fr}.open-link dd{margin:0 0 .5rem}}
`;
