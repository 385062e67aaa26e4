/**
 * The report screens' own style rules (see ../styles.ts). Charts keep a readable size on a phone:
 * below their natural width they scroll sideways inside their figure, never the page. The monthly
 * report prints on one A4 page without the console's frame.
 */
export const REPORTS_CSS = `
.console figure{margin:1.5rem 0;max-width:100%}
.console figcaption{font-weight:600;margin-bottom:.25rem}
.console .chart-scroll,.console .months figure{overflow-x:auto}
.console svg.chart{width:100%;height:auto;max-width:44rem;display:block;min-width:34rem}
.console svg.chart.distribution{min-width:0;max-width:32rem}
.console .legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
.console .swatch{display:inline-block;width:1.5rem;height:1rem;vertical-align:middle}
.console .suppressed{color:#4a4a4a;font-style:italic}
.console .partial{color:#4a4a4a;font-size:.9rem}
.console .kpi{background:#f4f6f8;border-left:4px solid var(--brand);padding:.5rem 1rem;margin:1rem 0}
.console .kpi-now{font-size:1.4rem;font-weight:700;margin:.25rem 0}
.console .since-form,.console .search-form{display:flex;flex-wrap:wrap;align-items:flex-end;gap:.5rem 1rem}
.console .since-form .field,.console .search-form .field{margin:0}
.console tr.total th,.console tr.total td{font-weight:700}
.console caption{text-align:left;font-weight:600;padding:.25rem 0}
.console .headline{display:flex;flex-wrap:wrap;gap:1rem;margin:0}
.console .headline div{border:1px solid #c4c4c4;padding:.5rem 1rem;min-width:10rem}
.console .headline dt{color:var(--muted)}
.console .headline dd{margin:0;font-size:1.5rem;font-weight:700}
.console .headline .counts{display:block;font-size:1rem;font-weight:400}
.console .comments{list-style:none;padding:0}
.console .comments li{border-top:1px solid #c4c4c4;padding:.5rem 0}
.console .comment-meta{color:var(--muted);margin:0;font-size:1rem}
.console blockquote{margin:.25rem 0 0;white-space:pre-wrap;overflow-wrap:anywhere}
.console .write-line{border-bottom:1px solid #555;height:2rem}
.console .monthly-report .means{display:flex;flex-wrap:wrap;gap:0 2rem}
.console .month-table{width:auto}
@page{size:A4;margin:14mm}
@media print{
.console .site-header,.console .site-footer,.console .console-nav,.console .print-hint{display:none}
.console .wrap{max-width:none;padding:0;margin:0}
.console .monthly-report{font-size:11pt;line-height:1.35}
.console .monthly-report h1{font-size:16pt;margin:0 0 .25rem}
.console .monthly-report h2{font-size:13pt;margin:.6rem 0 .25rem}
.console .monthly-report h3{font-size:11pt;margin:.5rem 0 0}
.console .monthly-report p,.console .monthly-report ul{margin:.2rem 0}
.console .write-line{height:1.6rem}
.console a{color:inherit;text-decoration:none}
}
`;
