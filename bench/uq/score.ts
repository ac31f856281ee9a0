/**
 * Bench: Inv-Entropy scoring (uq score --no-baselines) against a straightforward NumPy
 * implementation (bench/uq/numpy_score.py) on the same generated JSONL file and machine, for the
 * two shapes of issue #15:
 *   wide      1,000 items × 2 inputs × 25 responses (50 per item) × 128-d, all 625 tuples enumerated
 *   standard  1,000 items × 10 inputs × 5 responses × 128-d, 20 sampled draws
 *   standard-npy  the same with every embedding a row of a .npy side-car (NumPy memory-maps it)
 * Three ratios per shape (NumPy seconds / infolens seconds):
 *   scoring   data already in memory on both sides (infolens: scoreRun over the read items)
 *   in-proc   read + parse + validate + score inside one process (infolens: scoreUqFile on as many
 *             threads as cores, as `--threads N` asks, and on one thread; NumPy: json.loads + scoring),
 *             start-up excluded on both sides. scoreUqFile is the built one (dist/), as the CLI runs it:
 *             a worker started from the TypeScript sources compiles them through tsx first (≈ 0.25 s
 *             against ≈ 0.065 s for dist/), a cost no user pays
 *   process   wall time of the whole command: `node bin/run.js uq score` (built dist/, so run
 *             `npm run build` first; --threads <cores> and the default one thread) vs `python3 numpy_score.py`,
 *             start-up and imports included
 * Start-up alone is printed first (min of --reps): `node bin/run.js --version`, `uq score` of a one-line
 * file, `python3 -c 'import numpy'` and numpy_score.py on the same file: the floor of the process ratio.
 * Every timing is the minimum over --reps runs, the runs of the two sides interleaved (the machine
 * may be shared). For the wide shape both sides enumerate every tuple, so their checksums agree.
 * Run: npm run bench -- uq [--reps 3] [--shape wide|standard|standard-npy|all] [--items 1000] [--dim 128]
 */
import {execFileSync} from 'node:child_process'
import {createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {availableParallelism, loadavg, tmpdir} from 'node:os'
import {join} from 'node:path'
import {parseArgs} from 'node:util'
import {performance} from 'node:perf_hooks'
import {defaultSyntheticOptions, synthesizeItem} from '../../src/families/uq/kernels/synthetic-items.js'
import {createRunScratch, scoreRun, type RunScoringOptions} from '../../src/families/uq/kernels/score-run.js'
import {defaultBaselineOptions} from '../../src/families/uq/kernels/baselines.js'
import {readUqItems, type UqItem} from '../../src/families/uq/io/items-jsonl.js'

const {values: args} = parseArgs({
  options: {
    reps: {type: 'string', default: '3'},
    shape: {type: 'string', default: 'all'},
    items: {type: 'string', default: '1000'},
    dim: {type: 'string', default: '128'},
  },
})
const reps = Number(args.reps)
const cores = availableParallelism()
const items = Number(args.items)
const dim = Number(args.dim)

interface Shape {
  readonly name: string
  readonly inputs: number
  readonly responses: number
  readonly draws: number
  /** Embeddings as rows of a .npy side-car referenced from the JSONL (NumPy memory-maps it). */
  readonly sidecar?: boolean
}
const shapes: Shape[] = [
  {name: 'wide', inputs: 2, responses: 25, draws: 625},
  {name: 'standard', inputs: 10, responses: 5, draws: 20},
  {name: 'standard-npy', inputs: 10, responses: 5, draws: 20, sidecar: true},
].filter((s) => args.shape === 'all' || s.name === args.shape)

// the built pipeline (see the header): its workers start from compiled JavaScript, like the CLI's
const {scoreUqFile} = (await import(
  new URL('../../dist/families/uq/pipeline/score.js', import.meta.url).href
)) as typeof import('../../src/families/uq/pipeline/score.js')

const dir = mkdtempSync(join(tmpdir(), 'infolens-bench-uq-'))
const fmt = (x: number): string => `${x.toFixed(3)} s`
const ratio = (a: number, b: number): string => `${(a / b).toFixed(1)}x`
const cli = new URL('../../bin/run.js', import.meta.url).pathname
const numpyScript = new URL('numpy_score.py', import.meta.url).pathname

/** A NumPy 1.0 .npy file of float64 rows (header padded to 64 bytes as numpy.save does). */
function writeNpy(file: string, rows: number[][]): void {
  let header = `{'descr': '<f8', 'fortran_order': False, 'shape': (${rows.length}, ${dim}), }`
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n'
  const lead = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, 0, 0])
  lead.writeUInt16LE(header.length, 8)
  const data = Buffer.from(Float64Array.from(rows.flat()).buffer)
  writeFileSync(file, Buffer.concat([lead, Buffer.from(header, 'latin1'), data]))
}

type Holder = {embedding?: unknown}
/** Moves every embedding of `item` into `rows`, leaving a {npy, row} reference. */
function moveToSidecar(item: Record<string, unknown>, rows: number[][], npy: string): void {
  const move = (h: Holder): void => {
    rows.push(h.embedding as number[])
    h.embedding = {npy, row: rows.length - 1}
  }
  for (const run of item.runs as {inputs: (Holder & {responses: Holder[]})[]}[])
    for (const x of run.inputs) {
      move(x)
      x.responses.forEach(move)
    }
}

async function writeDataset(file: string, s: Shape): Promise<void> {
  const o = {
    ...defaultSyntheticOptions,
    items,
    inputs: s.inputs,
    responses: s.responses,
    dim,
    temperatures: [0.7],
    seed: 1,
  }
  const out = createWriteStream(file)
  const rows: number[][] = []
  for (let k = 0; k < items; k++) {
    const item = synthesizeItem(k, o)
    if (s.sidecar) moveToSidecar(item, rows, `${s.name}.npy`)
    if (!out.write(JSON.stringify(item) + '\n')) await new Promise<void>((r) => out.once('drain', () => r()))
  }
  await new Promise<void>((r) => out.end(() => r()))
  if (s.sidecar) writeNpy(join(dir, `${s.name}.npy`), rows)
}

const scoring = (draws: number): RunScoringOptions => ({
  similarity: 'abs-cos',
  embedder: 'input',
  symmetrize: false,
  draws,
  uniqueDraws: true,
  seed: 0,
  baselines: false,
  baselineResponses: 'original',
  baselineOptions: defaultBaselineOptions,
})

async function readAll(file: string): Promise<{line: number; item: UqItem}[]> {
  const out: {line: number; item: UqItem}[] = []
  for await (const {line, item} of readUqItems(file, {skipBad: false})) out.push({line, item})
  return out
}

/** Seconds of scoreRun over items in memory, and the sum of every measure (the checksum). */
function timeKernels(loaded: {line: number; item: UqItem}[], o: RunScoringOptions): [number, number] {
  let checksum = 0
  const t = performance.now()
  const scratch = createRunScratch()
  for (const {line, item} of loaded)
    item.runs.forEach((run, r) => {
      const s = scoreRun(run, o, line * 1024 + r, scratch).invEntropy
      checksum += s.invEntropy + s.niEntropy + s.wdPxPy + s.maxPyGivenX + s.maxPy
    })
  return [(performance.now() - t) / 1000, checksum]
}

async function timeInProcess(file: string, o: RunScoringOptions, threads: number): Promise<number> {
  const t = performance.now()
  await scoreUqFile(file, {scoring: o, skipBad: false, threads})
  return (performance.now() - t) / 1000
}

/** Seconds of one run of a command (output discarded). */
function timeCommand(command: string, argv: string[]): number {
  const t = performance.now()
  execFileSync(command, argv, {stdio: ['ignore', 'ignore', 'inherit']})
  return (performance.now() - t) / 1000
}

function timeCli(file: string, s: Shape, threads: number): number {
  const argv = [cli, 'uq', 'score', file, '--no-baselines', '--quiet', '--draws', String(s.draws)]
  if (threads > 1) argv.push('--threads', String(threads))
  return timeCommand(process.execPath, argv)
}

/** Start-up costs of both sides (min of `reps`): the floor under the process ratio. */
async function printStartUp(): Promise<void> {
  const one = join(dir, 'one-line.jsonl')
  const o = {...defaultSyntheticOptions, items: 1, inputs: 10, responses: 5, dim, temperatures: [0.7], seed: 1}
  writeFileSync(one, JSON.stringify(synthesizeItem(0, o)) + '\n')
  const best = {version: Infinity, oneItem: Infinity, numpyImport: Infinity, numpyOne: Infinity}
  for (let rep = 0; rep < reps; rep++) {
    best.version = Math.min(best.version, timeCommand(process.execPath, [cli, '--version']))
    const argv = [cli, 'uq', 'score', one, '--no-baselines', '--quiet']
    best.oneItem = Math.min(best.oneItem, timeCommand(process.execPath, argv))
    best.numpyImport = Math.min(best.numpyImport, timeCommand('python3', ['-c', 'import numpy']))
    best.numpyOne = Math.min(best.numpyOne, timeCommand('python3', [numpyScript, one, '20']))
  }
  console.log(
    `start-up (min of ${reps}): infolens --version ${fmt(best.version)}, uq score of 1 item ${fmt(best.oneItem)}; ` +
      `python3 -c 'import numpy' ${fmt(best.numpyImport)}, numpy_score.py of 1 item ${fmt(best.numpyOne)}`,
  )
}

interface NumpyRun {
  parseSeconds: number
  scoreSeconds: number
  checksum: number
  wallSeconds: number
}
function runNumpy(file: string, s: Shape): NumpyRun {
  const t = performance.now()
  const out = execFileSync('python3', [numpyScript, file, String(s.draws)], {encoding: 'utf8'})
  return {...JSON.parse(out), wallSeconds: (performance.now() - t) / 1000}
}

console.log(`${cores} cores; load average ${loadavg()[0].toFixed(1)} at the start`)
await printStartUp()
for (const s of shapes) {
  const file = join(dir, `${s.name}.jsonl`)
  await writeDataset(file, s)
  const mib = statSync(file).size / 2 ** 20
  const npyMib = s.sidecar
    ? ` + ${(statSync(join(dir, `${s.name}.npy`)).size / 2 ** 20).toFixed(1)} MiB .npy side-car`
    : ''
  console.log(
    `${s.name}: ${items} items x ${s.inputs} inputs x ${s.responses} responses x ${dim}-d, ` +
      `${mib.toFixed(1)} MiB JSONL${npyMib}, --draws ${s.draws} (min of ${reps} interleaved runs)`,
  )
  const o = scoring(s.draws)
  const loaded = await readAll(file)
  const best = {
    kernels: Infinity,
    inProcess: Infinity,
    inProcessOne: Infinity,
    cli: Infinity,
    cliOne: Infinity,
    npScore: Infinity,
    npParse: Infinity,
    npWall: Infinity,
  }
  let checksum = 0
  let npChecksum = 0
  for (let rep = 0; rep < reps; rep++) {
    const [k, c] = timeKernels(loaded, o)
    best.kernels = Math.min(best.kernels, k)
    checksum = c
    best.inProcess = Math.min(best.inProcess, await timeInProcess(file, o, cores))
    best.inProcessOne = Math.min(best.inProcessOne, await timeInProcess(file, o, 1))
    best.cli = Math.min(best.cli, timeCli(file, s, cores))
    best.cliOne = Math.min(best.cliOne, timeCli(file, s, 1))
    const np = runNumpy(file, s)
    best.npScore = Math.min(best.npScore, np.scoreSeconds)
    best.npParse = Math.min(best.npParse, np.parseSeconds)
    best.npWall = Math.min(best.npWall, np.wallSeconds)
    npChecksum = np.checksum
  }
  const npInProcess = best.npParse + best.npScore
  console.log(
    `  scoring  infolens ${fmt(best.kernels)}  numpy ${fmt(best.npScore)}  ratio ${ratio(best.npScore, best.kernels)}`,
  )
  console.log(
    `  in-proc  infolens ${fmt(best.inProcess)} (${cores} threads)  ${fmt(best.inProcessOne)} (1 thread)  ` +
      `numpy ${fmt(npInProcess)}  ratio ${ratio(npInProcess, best.inProcess)} / ${ratio(npInProcess, best.inProcessOne)}`,
  )
  console.log(
    `  process  infolens ${fmt(best.cli)} (--threads ${cores})  ${fmt(best.cliOne)} (default: 1 thread)  ` +
      `numpy ${fmt(best.npWall)}  ratio ${ratio(best.npWall, best.cli)} / ${ratio(best.npWall, best.cliOne)}`,
  )
  const agree = s.draws >= s.responses ** s.inputs ? 'all tuples on both sides: must agree' : 'different draws'
  console.log(`  checksum infolens ${checksum.toFixed(9)}  numpy ${npChecksum.toFixed(9)}  (${agree})`)
}
rmSync(dir, {recursive: true, force: true})
