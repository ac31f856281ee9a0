#!/usr/bin/env node
// `npm run demo`: a tour of infolens on generated and bundled data, offline.
// Each step is a real analysis; reports land in demo-out/ (JSON, NetCDF, SVG).
import {spawnSync} from 'node:child_process'
import {mkdirSync} from 'node:fs'

const out = 'demo-out'
const steps = [
  [
    'Generate a synthetic transformer checkpoint (F32, BF16, sharded)',
    ['demo', 'checkpoint', `${out}/checkpoint`, '--quiet'],
  ],
  ['Inspect it', ['checkpoint', 'inspect', `${out}/checkpoint/sharded`, '--filter', 'layers\\.0\\.']],
  [
    'Spectral (HTSR) layer quality, with plots and a saved report',
    [
      'spectral',
      'analyze',
      `${out}/checkpoint/model.safetensors`,
      '--plots',
      `${out}/spectral-plots`,
      '--netcdf',
      `${out}/esd.nc`,
      '--out',
      `${out}/spectral.json`,
    ],
  ],
  [
    'KappaTune plan: which tensors to fine-tune',
    ['kappa', 'plan', `${out}/checkpoint/model.safetensors`, '--fraction', '0.2', '--out', `${out}/kappa.json`],
  ],
  [
    'Credit: WoE/IV with standard errors on the German credit data',
    [
      'credit',
      'bin',
      'test/fixtures/credit/germancredit.csv',
      '--target',
      'creditability',
      '--bad',
      'bad',
      '--exclude',
      'personal_status_and_sex',
      '--out',
      `${out}/credit-bin.json`,
    ],
  ],
  [
    'Fish school: 200 steps of the torus configuration, trajectory as NetCDF',
    [
      'school',
      'simulate',
      '--config',
      'torus',
      '--steps',
      '200',
      '--seed',
      '1',
      '--nc',
      `${out}/school.nc`,
      '--plot',
      `${out}/school.svg`,
      '--out',
      `${out}/school.json`,
    ],
  ],
  ['LLM uncertainty: a synthetic dataset, then Inv-Entropy scores', ['demo', 'uq', `${out}/uq`, '--quiet']],
  ['', ['uq', 'score', `${out}/uq/items.jsonl`, '--out', `${out}/uq-scores.json`, '--quiet']],
  [
    'Render a saved report as Markdown (for CI summaries)',
    ['report', 'render', `${out}/spectral.json`, '--format', 'text'],
  ],
  [
    'All reports on one self-contained HTML page (open it in a browser; works offline)',
    [
      'report',
      'render',
      ...['spectral', 'kappa', 'credit-bin', 'school', 'uq-scores'].map((name) => `${out}/${name}.json`),
      '--format',
      'html',
      '--out',
      `${out}/report.html`,
    ],
  ],
]

const bold = process.stdout.isTTY && process.env.NO_COLOR === undefined ? (t) => `\x1b[1m${t}\x1b[0m` : (t) => t
mkdirSync(out, {recursive: true})
for (const [title, args] of steps) {
  if (title) process.stdout.write(`\n${bold(`== ${title}`)}\n$ infolens ${args.join(' ')}\n`)
  const r = spawnSync(process.execPath, ['bin/run.js', ...args], {stdio: 'inherit'})
  if (r.status !== 0) {
    process.stderr.write(`demo step failed (exit ${r.status}): infolens ${args.join(' ')}\n`)
    process.exit(r.status ?? 1)
  }
}
process.stdout.write(`\nDone. Reports, plots and NetCDF files are in ${out}/\n`)
