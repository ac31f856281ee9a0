/**
 * Bench: `credit bin` (quantile-10, IV, SEs) with --engine duckdb against the in-process streaming
 * path on the same generated Parquet file (default 2,000,000 rows × 30 features: 20 numeric with
 * 2,001 distinct values each, so the in-process profile stays exact, and 10 categorical), through
 * the built CLI, one child process per run, wall time and peak RSS (/usr/bin/time -v). Also checks
 * that both give the same statistics (worst relative gap). Prints one line per engine and the ratio.
 * Run: node --import tsx bench/credit/engines.ts [rows] [--features N] [--dir DIR]
 */
import {spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync} from 'node:fs'
import {availableParallelism, tmpdir} from 'node:os'
import {join} from 'node:path'
import {DuckDBInstance} from '@duckdb/node-api'

const argv = process.argv.slice(2)
const option = (name: string) => {
  const i = argv.indexOf(name)
  return i >= 0 ? argv.splice(i, 2)[1] : undefined
}
const parent = option('--dir') ?? tmpdir()
const numericCount = Number(option('--features') ?? 30)
const rows = Number(argv.find((a) => !a.startsWith('--')) ?? 2_000_000)
mkdirSync(parent, {recursive: true})
const dir = mkdtempSync(join(parent, 'infolens-credit-engines-'))
const file = join(dir, 'data.parquet')
const root = new URL('../../', import.meta.url).pathname

/** A seeded table written by DuckDB itself (hash-based columns, so the file is the same every run). */
async function generate(): Promise<void> {
  const numeric = Math.round((numericCount * 2) / 3)
  const cols: string[] = []
  for (let j = 0; j < numeric; j++) cols.push(`round(((hash(i * ${j + 7}) % 2001)::DOUBLE - 1000) / 100, 2) AS x${j}`)
  for (let j = 0; j < numericCount - numeric; j++)
    cols.push(`'c' || (hash(i + ${j * 31}) % ${5 + j})::VARCHAR AS c${j}`)
  const logit = `(-1 + 0.1 * ((hash(i * 7) % 2001)::DOUBLE - 1000) / 100)`
  const y = `CASE WHEN (hash(i * 1000003) % 1000000)::DOUBLE / 1e6 < 1 / (1 + exp(-${logit})) THEN 1 ELSE 0 END AS y`
  const db = await DuckDBInstance.create(':memory:')
  const c = await db.connect()
  await c.run(
    `COPY (SELECT ${[...cols, y].join(', ')} FROM range(${rows}) AS t(i)) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 100000)`,
  )
  c.closeSync()
  db.closeSync()
}

function timed(args: string[]): {seconds: number; peakMb: number; result: any} {
  const out = join(dir, `out-${Date.now()}.json`)
  const node = [join(root, 'bin/run.js'), ...args, '--out', out, '--quiet', '--no-checksum']
  const useTime = existsSync('/usr/bin/time')
  const start = process.hrtime.bigint()
  const r = useTime
    ? spawnSync('/usr/bin/time', ['-v', process.execPath, ...node], {encoding: 'utf8'})
    : spawnSync(process.execPath, node, {encoding: 'utf8'})
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`)
  const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '')?.[1] ?? Number.NaN)
  return {seconds, peakMb: kb / 1024, result: JSON.parse(readFileSync(out, 'utf8')).result}
}

function worstGap(a: any, b: any): number {
  let worst = 0
  a.features.forEach((f: any, i: number) => {
    for (const k of ['iv', 'iv_bias_corrected', 'iv_se_delta', 'iv_se_ncchi2', 'chi2_p']) {
      const x = f[k]
      const y = b.features[i][k]
      worst = Math.max(worst, Math.abs(x - y) / Math.max(1, Math.abs(x)))
    }
  })
  return worst
}

try {
  await generate()
  const mb = statSync(file).size / 2 ** 20
  const base = ['credit', 'bin', file, '--target', 'y']
  const ip = timed(base)
  const dd = timed([...base, '--engine', 'duckdb'])
  const label = `credit bin rows=${rows} features=${numericCount} parquet=${mb.toFixed(0)}MiB cores=${availableParallelism()}`
  console.log(`${label}  in-process ${ip.seconds.toFixed(2)} s (peak ${ip.peakMb.toFixed(0)} MiB)`)
  console.log(`${label}  duckdb     ${dd.seconds.toFixed(2)} s (peak ${dd.peakMb.toFixed(0)} MiB)`)
  console.log(
    `ratio in-process/duckdb ${(ip.seconds / dd.seconds).toFixed(2)}  worst relative gap ${worstGap(ip.result, dd.result)}`,
  )
} finally {
  rmSync(dir, {recursive: true, force: true})
}
