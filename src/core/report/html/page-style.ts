/** The page's inline stylesheet: readable tables, charts that scroll sideways, print-friendly. */
export const pageStyle = `
:root{--fg:#1d232a;--muted:#5b6673;--line:#d7dde3;--accent:#2f6fb0;--bad:#b03a2e;--bg:#fff;--alt:#f5f7f9}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header.page{padding:16px 24px;border-bottom:1px solid var(--line);background:var(--alt)}
header.page h1{margin:0;font-size:20px}
header.page p{margin:4px 0 0;color:var(--muted)}
nav.toc{padding:8px 24px;border-bottom:1px solid var(--line)}
nav.toc ol{margin:0;padding-left:20px}
main{padding:0 24px 48px;max-width:1400px}
section.report{border-bottom:2px solid var(--line);padding-bottom:16px}
section.report>h2{margin:24px 0 2px}
.subtitle,.note,figcaption{color:var(--muted);font-size:12px}
h3{margin:18px 0 6px}h4{margin:16px 0 6px}h5{margin:12px 0 4px;font-size:13px}
table{border-collapse:collapse;margin:4px 0 8px;font-variant-numeric:tabular-nums}
th,td{border:1px solid var(--line);padding:3px 8px;text-align:left;vertical-align:top}
td.num{text-align:right;white-space:nowrap}
thead th{background:var(--alt);position:sticky;top:0}
table.kv th{background:var(--alt);font-weight:600;white-space:nowrap}
table.kv td.num{text-align:left}
table.inputs td:last-child{font-family:ui-monospace,monospace;font-size:12px;word-break:break-all}
th button.sort{all:unset;cursor:pointer;font-weight:600}
th[aria-sort=ascending] button.sort::after{content:" \\25B2"}
th[aria-sort=descending] button.sort::after{content:" \\25BC"}
tr.hidden{display:none}
tr[data-row]{cursor:pointer}
tr[data-row]:hover,tr.selected{background:#e8f0fa}
tr[data-status=failed] td:last-child,tr[data-status=under-trained] td:last-child,tr[data-status=over-trained] td:last-child{color:var(--bad)}
tr.highlight,tr[data-status=selected]{background:#fff6d6}
.table-block{overflow-x:auto;max-height:70vh;overflow-y:auto}
label.filter{display:inline-block;margin:4px 0}
figure.chart{margin:8px 0;overflow-x:auto}
figure.chart svg{max-width:none}
pre{background:var(--alt);border:1px solid var(--line);padding:8px;overflow:auto;max-height:60vh;font-size:12px}
details{margin:6px 0}
.esd-panel{min-height:40px;border:1px dashed var(--line);padding:8px;margin:8px 0}
.charts{display:flex;flex-wrap:wrap;gap:12px}
@media print{.table-block{max-height:none}nav.toc{display:none}}
`
