/**
 * Bench: quantile-10 binning + IV + SE (`credit bin`) and PSI (`credit psi`) on a generated CSV
 * (default 1,000,000 rows × 30 features: 20 numeric, 10 categorical), through the built CLI, with peak RSS
 * of the child process (/usr/bin/time -v when available), against a straightforward numpy implementation
 * of the same computation (numpy-credit.py) and a pandas one (pandas-credit.py: pd.read_csv + groupby, the way a
 * pandas user writes it) on the same file. Each command runs --repeat times (default 3), interleaved, and the
 * minimum wall time is kept (the machine is shared). Prints the ratios and peak RSS.
 * Run: npm run bench -- credit/binning.ts [rows] [--dir DIR] [--repeat N] [--no-numpy]
 * (--dir: where the generated files go, default a temporary folder; they are deleted at the end.)
 */
import {spawnSync} from 'node:child_process'
import {createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

const argv = process.argv.slice(2)
const option = (name: string) => {
  const i = argv.indexOf(name)
  return i >= 0 ? argv.splice(i, 2)[1] : undefined
}
const parent = option('--dir') ?? tmpdir()
const skipNumpy = argv.includes('--no-numpy')
const repeat = Number(option('--repeat') ?? 3)
const rows = Number(argv.find((a) => !a.startsWith('--')) ?? 1_000_000)
mkdirSync(parent, {recursive: true})
const dir = mkdtempSync(join(parent, 'infolens-credit-bench-'))
const csv = join(dir, 'data.csv')
const root = new URL('../../', import.meta.url).pathname

async function generate(): Promise<void> {
  let s = 12345
  const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32
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

interface Timing {
  seconds: number
  /** user + system CPU seconds of the child (all threads), when /usr/bin/time is available. */
  cpu: number | null
  rssMiB: number | null
  status: number
}

function timed(cmd: string, args: string[]): Timing {
  const useTime = existsSync('/usr/bin/time')
  const t0 = performance.now()
  const r = useTime
    ? spawnSync('/usr/bin/time', ['-v', cmd, ...args], {encoding: 'utf8', maxBuffer: 1 << 28})
    : spawnSync(cmd, args, {encoding: 'utf8', maxBuffer: 1 << 28})
  const seconds = (performance.now() - t0) / 1000
  const field = (name: string) => {
    const m = new RegExp(`${name}: ([\\d.]+)`).exec(r.stderr ?? '')
    return m ? Number(m[1]) : null
  }
  if (r.status !== 0) process.stderr.write(r.stderr)
  const rss = field('Maximum resident set size \\(kbytes\\)')
  const user = field('User time \\(seconds\\)')
  const system = field('System time \\(seconds\\)')
  return {
    seconds,
    cpu: user === null || system === null ? null : user + system,
    rssMiB: rss === null ? null : rss / 1024,
    status: r.status ?? -1,
  }
}

/** The Python with pandas (Debian's python3-pandas may not be on the first python3 of PATH). */
function pythonWith(module: string): string | undefined {
  for (const py of ['python3', '/usr/bin/python3'])
    if (spawnSync(py, ['-c', `import ${module}`], {encoding: 'utf8'}).status === 0) return py
  return undefined
}

await generate()
const bins = join(dir, 'bins.json')
const run = join(root, 'bin/run.js')
const numpyPython = skipNumpy ? undefined : pythonWith('numpy')
const pandasPython = skipNumpy ? undefined : pythonWith('pandas')
const commands: [string, string, string[]][] = [
  ['infolens credit bin', process.execPath, [run, 'credit', 'bin', csv, '--target', 'y', '--out', bins, '--quiet']],
  [
    'infolens credit psi (same file twice)',
    process.execPath,
    [run, 'credit', 'psi', csv, csv, '--bins', bins, '--quiet'],
  ],
  ...(pandasPython
    ? [
        ['pandas (read_csv + bin + IV + SE)', pandasPython, [join(root, 'bench/credit/pandas-credit.py'), csv]] as [
          string,
          string,
          string[],
        ],
      ]
    : []),
  ...(numpyPython
    ? [
        ['numpy (bin + IV + SE + PSI)', numpyPython, [join(root, 'bench/credit/numpy-credit.py'), csv]] as [
          string,
          string,
          string[],
        ],
      ]
    : []),
]
const best = new Map<string, Timing>()
for (let r = 0; r < repeat; r++) {
  for (const [name, cmd, args] of commands) {
    const t = timed(cmd, args)
    const prev = best.get(name)
    if (!prev || t.seconds < prev.seconds) best.set(name, t)
  }
}
const show = (t: Timing) =>
  `${t.seconds.toFixed(2)} s (CPU ${t.cpu?.toFixed(2) ?? '?'} s), peak RSS ${t.rssMiB?.toFixed(0) ?? '?'} MiB`
console.log(`${rows} rows x 30 features, min of ${repeat} interleaved runs:`)
for (const [name, t] of best) console.log(`${name.padEnd(40)} ${show(t)}`)
const bin = best.get('infolens credit bin')!
for (const [name, t] of best) {
  if (!name.startsWith('pandas') && !name.startsWith('numpy')) continue
  const rss = bin.rssMiB && t.rssMiB ? `, peak RSS ratio ${(t.rssMiB / bin.rssMiB).toFixed(1)}` : ''
  console.log(`ratio ${name.split(' ')[0]} / infolens bin: wall ${(t.seconds / bin.seconds).toFixed(2)}${rss}`)
}
if (!pandasPython && !numpyPython) console.log('numpy/pandas not run: no ratio')
rmSync(dir, {recursive: true, force: true})
