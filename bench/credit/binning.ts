/**
 * Bench: quantile-10 binning + IV + SE (`credit bin`) and PSI (`credit psi`) on a generated CSV
 * (default 1,000,000 rows × 30 features: 20 numeric, 10 categorical), through the built CLI, with peak RSS
 * of the child process (/usr/bin/time -v when available), against a straightforward numpy implementation
 * of the same computation (numpy-credit.py) and a pandas one (pandas-credit.py: pd.read_csv + groupby, the way a
 * pandas user writes it) on the same file; `credit psi` (the file against itself) against pandas-psi.py, which reads
 * both samples too. `credit bin` runs twice: with the default threads (the profiling pass
 * fanned out over byte ranges, one per core) and with --threads 1 (one pass in one thread). Each command runs
 * --repeat times (default 3), interleaved, and the minimum wall time is kept (the machine is shared; the load
 * average is printed before and after). Prints the ratios pandas/infolens (wall) and the peak RSS ratios.
 * Run: npm run bench -- credit/binning.ts [rows[,rows…]] [--dir DIR] [--repeat N] [--no-numpy] [--keep]
 * (e.g. 1000000,5000000 for the two sizes; --dir: where the generated files go, default a temporary
 * folder; they are deleted at the end unless --keep.)
 */
import {spawnSync} from 'node:child_process'
import {createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync} from 'node:fs'
import {loadavg, tmpdir} from 'node:os'
import {join} from 'node:path'

const argv = process.argv.slice(2)
const option = (name: string) => {
  const i = argv.indexOf(name)
  return i >= 0 ? argv.splice(i, 2)[1] : undefined
}
const parent = option('--dir') ?? tmpdir()
const skipNumpy = argv.includes('--no-numpy')
const keep = argv.includes('--keep')
const repeat = Number(option('--repeat') ?? 3)
const sizes = (argv.find((a) => !a.startsWith('--')) ?? '1000000').split(',').map(Number)
mkdirSync(parent, {recursive: true})
const dir = mkdtempSync(join(parent, 'infolens-credit-bench-'))
const root = new URL('../../', import.meta.url).pathname

async function generate(csv: string, rows: number): Promise<void> {
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

const run = join(root, 'bin/run.js')
const numpyPython = skipNumpy ? undefined : pythonWith('numpy')
const pandasPython = skipNumpy ? undefined : pythonWith('pandas')
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')

async function benchSize(rows: number): Promise<void> {
  const csv = join(dir, `data-${rows}.csv`)
  await generate(csv, rows)
  const bins = join(dir, `bins-${rows}.json`)
  const binArgs = [run, 'credit', 'bin', csv, '--target', 'y', '--out', bins, '--quiet']
  const commands: [string, string, string[]][] = [
    ['infolens credit bin', process.execPath, binArgs],
    ['infolens credit bin --threads 1', process.execPath, [...binArgs, '--threads', '1']],
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
    ...(pandasPython
      ? [
          [
            'pandas psi (read_csv x2 + bin + PSI)',
            pandasPython,
            [join(root, 'bench/credit/pandas-psi.py'), csv, csv],
          ] as [string, string, string[]],
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
  const loadBefore = load()
  for (let r = 0; r < repeat; r++) {
    for (const [name, cmd, args] of commands) {
      const t = timed(cmd, args)
      const prev = best.get(name)
      if (!prev || t.seconds < prev.seconds) best.set(name, t)
    }
  }
  const show = (t: Timing) =>
    `${t.seconds.toFixed(2)} s (CPU ${t.cpu?.toFixed(2) ?? '?'} s), peak RSS ${t.rssMiB?.toFixed(0) ?? '?'} MiB`
  console.log(
    `${rows} rows x 30 features, min of ${repeat} interleaved runs (load average ${loadBefore} -> ${load()}):`,
  )
  for (const [name, t] of best) console.log(`${name.padEnd(40)} ${show(t)}`)
  // each infolens command against the reference doing the same work (psi: two reads), and against numpy's script
  const pairs: [string, string][] = [
    ['infolens credit bin', 'pandas (read_csv + bin + IV + SE)'],
    ['infolens credit psi (same file twice)', 'pandas psi (read_csv x2 + bin + PSI)'],
    ['infolens credit bin', 'numpy (bin + IV + SE + PSI)'],
    ['infolens credit psi (same file twice)', 'numpy (bin + IV + SE + PSI)'],
  ]
  for (const [name, refName] of pairs) {
    const [t, ref] = [best.get(name), best.get(refName)]
    if (!t || !ref) continue
    const rss = t.rssMiB && ref.rssMiB ? `, peak RSS ratio ${(ref.rssMiB / t.rssMiB).toFixed(1)}` : ''
    console.log(
      `ratio ${refName.split(' (')[0]} / ${name.split(' (')[0]}: wall ${(ref.seconds / t.seconds).toFixed(2)}${rss}`,
    )
  }
  if (!pandasPython && !numpyPython) console.log('numpy/pandas not run: no ratio')
}

for (const rows of sizes) await benchSize(rows)
if (keep) console.log(`files kept in ${dir}`)
else rmSync(dir, {recursive: true, force: true})
