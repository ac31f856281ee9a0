/**
 * Bench: Inv-Entropy scoring of a generated dataset (default 1,000 items × 10 inputs × 5 responses ×
 * 768-d embeddings; UQ_BENCH_ITEMS / UQ_BENCH_DIM / UQ_BENCH_RESPONSES override) against a
 * straightforward NumPy implementation (bench/uq/numpy_score.py) on the same file and machine.
 * Two ratios: scoring only (data in memory, both sides) and end to end (JSON parsing included;
 * infolens via the CLI `uq score --no-baselines --quiet`).
 * Run: node --import tsx bench/uq/score.ts
 */
import {execFileSync} from 'node:child_process'
import {createWriteStream, mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {performance} from 'node:perf_hooks'
import {defaultSyntheticOptions, synthesizeItem} from '../../src/families/uq/kernels/synthetic-items.js'
import {scoreRun, type RunScoringOptions} from '../../src/families/uq/kernels/score-run.js'
import {defaultBaselineOptions} from '../../src/families/uq/kernels/baselines.js'

const items = Number(process.env.UQ_BENCH_ITEMS ?? 1000)
const dim = Number(process.env.UQ_BENCH_DIM ?? 768)
const responses = Number(process.env.UQ_BENCH_RESPONSES ?? 5)
const dir = mkdtempSync(join(tmpdir(), 'infolens-bench-uq-'))
const file = join(dir, 'items.jsonl')

async function writeDataset(): Promise<void> {
  const o = {...defaultSyntheticOptions, items, inputs: 10, responses, dim, temperatures: [0.7], seed: 1}
  const out = createWriteStream(file)
  for (let k = 0; k < items; k++)
    if (!out.write(JSON.stringify(synthesizeItem(k, o)) + '\n'))
      await new Promise<void>((r) => out.once('drain', () => r()))
  await new Promise<void>((r) => out.end(() => r()))
}

const options: RunScoringOptions = {
  similarity: 'abs-cos',
  embedder: 'input',
  symmetrize: false,
  draws: 20,
  uniqueDraws: true,
  seed: 0,
  baselines: false,
  baselineResponses: 'original',
  baselineOptions: defaultBaselineOptions,
}

await writeDataset()
const bytes = readFileSync(file).length
console.log(
  `dataset: ${items} items x 10 inputs x ${responses} responses x ${dim}-d, ${(bytes / 2 ** 20).toFixed(1)} MiB JSONL`,
)

const tParse = performance.now()
const parsed = readFileSync(file, 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l))
const tScore = performance.now()
let checksum = 0
parsed.forEach((it, k) =>
  it.runs.forEach((run: any, r: number) => {
    const s = scoreRun(run, options, (k + 1) * 1024 + r).invEntropy
    checksum += s.invEntropy + s.niEntropy + s.wdPxPy + s.maxPyGivenX + s.maxPy
  }),
)
const tEnd = performance.now()
const tsScore = (tEnd - tScore) / 1000
const tsParse = (tScore - tParse) / 1000

const tCli = performance.now()
execFileSync(process.execPath, [
  new URL('../../bin/run.js', import.meta.url).pathname,
  'uq',
  'score',
  file,
  '--no-baselines',
  '--quiet',
  '--out',
  join(dir, 'r.json'),
])
const cliSeconds = (performance.now() - tCli) / 1000

const py = JSON.parse(
  execFileSync('python3', [new URL('numpy_score.py', import.meta.url).pathname, file], {encoding: 'utf8'}),
)
console.log(
  `infolens kernels: score ${tsScore.toFixed(3)} s (JSON.parse ${tsParse.toFixed(3)} s), checksum ${checksum.toFixed(6)}`,
)
console.log(
  `numpy:            score ${py.scoreSeconds.toFixed(3)} s (json.loads ${py.parseSeconds.toFixed(3)} s), checksum ${py.checksum.toFixed(6)} (other draws)`,
)
console.log(`ratio scoring only (numpy / infolens): ${(py.scoreSeconds / tsScore).toFixed(1)}x`)
console.log(
  `end to end: infolens CLI ${cliSeconds.toFixed(2)} s vs numpy ${(py.parseSeconds + py.scoreSeconds).toFixed(2)} s: ratio ${((py.parseSeconds + py.scoreSeconds) / cliSeconds).toFixed(1)}x`,
)
rmSync(dir, {recursive: true, force: true})
