/**
 * Bench: quantile-10 binning + IV + SE (`credit bin`) and PSI (`credit psi`) on a generated CSV
 * (default 1,000,000 rows × 30 features: 20 numeric, 10 categorical), through the built CLI, with peak RSS
 * of the child process (/usr/bin/time -v when available), against a straightforward numpy implementation
 * of the same computation (numpy-credit.py) on the same file. Prints the ratio.
 * Run: node --import tsx bench/credit/binning.ts [rows]
 */
import {spawnSync} from 'node:child_process'
import {createWriteStream, existsSync, mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

const rows = Number(process.argv[2] ?? 1_000_000)
const dir = mkdtempSync(join(tmpdir(), 'infolens-credit-bench-'))
const csv = join(dir, 'data.csv')
const root = new URL('../../', import.meta.url).pathname

async function generate(): Promise<void> {
  let s = 12345
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32)
  const out = createWriteStream(csv)
  const head = [...Array.from({length: 20}, (_, j) => `x${j}`), ...Array.from({length: 10}, (_, j) => `c${j}`), 'y']
  out.write(head.join(',') + '\n')
  for (let i = 0; i < rows; i++) {
    const cells: string[] = []
    let logit = -1
    for (let j = 0; j < 20; j++) {
      const x = Math.round((rand() * 2 - 1) * 1000) / 100
      logit += (j % 3 === 0 ? 0.1 : 0) * x
      cells.push(String(x))
    }
    for (let j = 0; j < 10; j++) cells.push(String.fromCharCode(97 + Math.floor(rand() * 6)))
    cells.push(rand() < 1 / (1 + Math.exp(-logit)) ? '1' : '0')
    if (!out.write(cells.join(',') + '\n')) await new Promise<void>((r) => out.once('drain', () => r()))
  }
  await new Promise<void>((r) => out.end(() => r()))
}

function timed(cmd: string, args: string[]): {seconds: number; rssMiB: number | null; status: number} {
  const useTime = existsSync('/usr/bin/time')
  const t0 = performance.now()
  const r = useTime ? spawnSync('/usr/bin/time', ['-v', cmd, ...args], {encoding: 'utf8', maxBuffer: 1 << 28}) : spawnSync(cmd, args, {encoding: 'utf8', maxBuffer: 1 << 28})
  const seconds = (performance.now() - t0) / 1000
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '')
  if (r.status !== 0) process.stderr.write(r.stderr)
  return {seconds, rssMiB: m ? Number(m[1]) / 1024 : null, status: r.status ?? -1}
}

await generate()
const bins = join(dir, 'bins.json')
const run = join(root, 'bin/run.js')
const bin = timed(process.execPath, [run, 'credit', 'bin', csv, '--target', 'y', '--out', bins, '--quiet'])
const psi = timed(process.execPath, [run, 'credit', 'psi', csv, csv, '--bins', bins, '--quiet'])
console.log(`infolens credit bin  (${rows} rows x 30 features): ${bin.seconds.toFixed(2)} s, peak RSS ${bin.rssMiB?.toFixed(0) ?? '?'} MiB`)
console.log(`infolens credit psi  (same file twice):           ${psi.seconds.toFixed(2)} s, peak RSS ${psi.rssMiB?.toFixed(0) ?? '?'} MiB`)
const hasNumpy = spawnSync('python3', ['-c', 'import numpy'], {encoding: 'utf8'}).status === 0
if (hasNumpy) {
  const np = timed('python3', [join(root, 'bench/credit/numpy-credit.py'), csv])
  console.log(`numpy (same bin + IV + SE + PSI):                 ${np.seconds.toFixed(2)} s, peak RSS ${np.rssMiB?.toFixed(0) ?? '?'} MiB`)
  console.log(`ratio numpy / infolens (bin + psi wall time): ${(np.seconds / (bin.seconds + psi.seconds)).toFixed(2)}`)
} else console.log('numpy not available: no ratio')
