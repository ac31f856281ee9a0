/**
 * `spectral analyze` end to end on the generated heavy-tailed checkpoint test/fixtures/spectral/small against
 * the independent NumPy/SciPy implementation (test/fixtures/spectral/reference.py → reference.json): every
 * field of every layer to 1e-6 relative (integers exact), for the default run, --mp-fit, --randomize --seed 11
 * and --fix-fingers clip_xmax.
 */
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {NetCDFReader} from 'netcdfjs'
import {runCli, runCliJson, tempDir} from '../../../helpers/cli.js'
import {assertMatchesSchema} from '../../../helpers/schema.js'
import {openNetcdf} from '../../../../src/core/netcdf/index.js'
import {charRows} from '../../../../src/core/netcdf/dump-result.js'
import {nonEmpty} from '../../../helpers/fixture.js'

const fixtures = new URL('../../../fixtures/spectral/', import.meta.url).pathname
const model = join(fixtures, 'small', 'model.safetensors')
const reference = JSON.parse(readFileSync(join(fixtures, 'reference.json'), 'utf8'))

function compareRows(actual: any[], expected: any[], mode: string): number {
  let worst = 0
  assert.deepEqual(actual.map((r) => r.name).sort(), expected.map((r) => r.name).sort(), mode)
  for (const e of nonEmpty(expected, `reference.layers (${mode})`)) {
    const a = actual.find((r) => r.name === e.name)
    for (const [k, v] of Object.entries(e)) {
      if (typeof v === 'string') {
        assert.equal(a[k], v, `${mode} ${e.name} ${k}`)
      } else if (Number.isInteger(v) && Number.isInteger(a[k]) && !['alpha', 'D'].includes(k)) {
        assert.equal(a[k], v, `${mode} ${e.name} ${k}`)
      } else {
        const err = Math.abs(a[k] - (v as number)) / Math.max(Math.abs(v as number), 1e-300)
        assert.ok(err <= 1e-6, `${mode} ${e.name} ${k}: ${a[k]} vs ${v} (rel ${err})`)
        worst = Math.max(worst, err)
      }
    }
  }
  return worst
}

const runs: [string, string[]][] = [
  ['default', []],
  ['mp_fit', ['--mp-fit']],
  ['randomize', ['--mp-fit', '--randomize', '--seed', '11']],
  ['clip_xmax', ['--fix-fingers', 'clip_xmax']],
]

for (const [mode, flags] of runs) {
  test(`analyze ${mode}: every field matches reference.py to 1e-6 relative`, () => {
    const {json, result} = runCliJson(['spectral', 'analyze', model, ...flags])
    assert.equal(result.status, 0, result.stderr)
    assertMatchesSchema(json, 'spectral.schema.json')
    const worst = compareRows(json.result.layers, reference.layers[mode], mode)
    assert.ok(worst <= 1e-6)
    if (mode === 'randomize') assert.equal(json.seed, 11)
  })
}

test('analyze: skipped tensors listed with reasons, summary over ok layers', () => {
  const {json} = runCliJson(['spectral', 'analyze', model])
  const reasons = Object.fromEntries(json.result.skipped.map((s: any) => [s.name, s.reason]))
  assert.match(reasons['head.tiny.weight'], /M·rf = 6 < --min-evals 10/)
  assert.match(reasons['moe.experts.weight'], /3-D tensor/)
  assert.match(reasons['blocks.0.attn.q.bias'], /does not end in "weight"/)
  assert.match(reasons['blocks.0.norm.weight'], /1-D tensor/)
  const alphas = reference.layers.default.map((r: any) => r.alpha)
  const mean = alphas.reduce((a: number, b: number) => a + b, 0) / alphas.length
  assert.ok(Math.abs(json.result.summary.means.alpha - mean) / mean < 1e-9)
  assert.equal(json.result.summary.counts.ok, 6)
})

test('analyze: --layers/--exclude and size filters', () => {
  const {json} = runCliJson([
    'spectral',
    'analyze',
    model,
    '--layers',
    'blocks\\.0',
    '--exclude',
    'down',
    '--max-evals',
    '200',
  ])
  assert.deepEqual(json.result.layers.map((l: any) => l.name).sort(), [
    'blocks.0.attn.q.weight',
    'blocks.0.mlp.up.weight',
  ])
  const conv = json.result.skipped.find((s: any) => s.name === 'conv.stem.weight')
  assert.match(conv.reason, /--layers/)
  const {json: j2} = runCliJson(['spectral', 'analyze', model, '--max-evals', '100'])
  assert.match(j2.result.skipped.find((s: any) => s.name === 'conv.stem.weight').reason, /M·rf = 144 > --max-evals 100/)
})

test('analyze --netcdf: eigenvalues readable by netcdfjs, CF attributes; refit reproduces analyze', () => {
  const dir = tempDir()
  const nc = join(dir, 'esd.nc')
  const {json} = runCliJson(['spectral', 'analyze', model, '--netcdf', nc, '--mp-fit'])
  const reader = new NetCDFReader(readFileSync(nc))
  assert.equal(reader.getAttribute('Conventions'), 'CF-1.8')
  const counts = reader.getDataVariable('layer_count') as number[]
  const ours = openNetcdf(nc)
  const names = charRows(ours.read('layer_name') as Uint8Array, ours.variable('layer_name').shape)
  assert.deepEqual(
    names,
    json.result.layers.map((l: any) => l.name),
  )
  assert.deepEqual(
    counts,
    json.result.layers.map((l: any) => l.num_evals),
  )
  const evals = reader.getDataVariable('eigenvalue') as number[]
  const offsets = reader.getDataVariable('layer_offset') as number[]
  json.result.layers.forEach((l: any, i: number) => {
    assert.equal(evals[offsets[i] + counts[i] - 1], l.lambda_max)
  })
  const {json: refit, result} = runCliJson(['spectral', 'refit', nc, '--mp-fit'])
  assert.equal(result.status, 0, result.stderr)
  assertMatchesSchema(refit, 'spectral.schema.json')
  for (const l of json.result.layers) {
    const r = refit.result.layers.find((x: any) => x.name === l.name)
    for (const f of [
      'alpha',
      'D',
      'xmin',
      'xmax',
      'num_pl_spikes',
      'log_norm',
      'stable_rank',
      'detX_num',
      'detX_val',
      'entropy',
      'mp_softrank',
      'num_spikes',
    ]) {
      assert.equal(r[f], l[f], `${l.name} ${f}`)
    }
  }
})

test('analyze --plots: one SVG per layer plus the alpha chart', () => {
  const dir = join(tempDir(), 'plots')
  const {json} = runCliJson(['spectral', 'analyze', model, '--plots', dir, '--layers', 'blocks\\.1'])
  const files = readdirSync(dir).sort()
  assert.equal(files.length, json.result.layers.length + 1)
  assert.ok(files.includes('alpha-by-layer.svg'))
  for (const f of files) assert.match(readFileSync(join(dir, f), 'utf8'), /^<svg[\s\S]*<\/svg>\s*$/)
  assert.ok(!files.some((f) => f.includes('.tmp-')))
})

test('analyze --fail-on: exit 3 with the offending layers listed; report still printed', () => {
  const out = join(tempDir(), 'r.json')
  const {json, result} = runCliJson(['spectral', 'analyze', model, '--fail-on', 'alpha<2.7 && !(N>200)', '--out', out])
  assert.equal(result.status, 3)
  const expected = reference.layers.default
    .filter((r: any) => r.alpha < 2.7 && !(r.N > 200))
    .map((r: any) => r.name)
    .sort()
  assert.deepEqual([...json.result.gate.failed].sort(), expected)
  assert.ok(expected.length > 0)
  assert.match(result.stderr, /^infolens: error: --fail-on .* matched \d+ layer\(s\): .*\n$/)
  assert.ok(existsSync(out))
  const pass = runCli(['spectral', 'analyze', model, '--fail-on', 'alpha>100 || D>=1', '--quiet'])
  assert.equal(pass.status, 0, pass.stderr)
})

test('spectral diff: matched by name, deltas B − A, moved most', () => {
  const dir = tempDir()
  const a = join(dir, 'a.json')
  runCli(['spectral', 'analyze', model, '--out', a, '--quiet'])
  const b = join(dir, 'b.json')
  runCli(['spectral', 'analyze', model, '--out', b, '--quiet', '--fix-fingers', 'clip_xmax'])
  const {json, result} = runCliJson(['spectral', 'diff', a, b])
  assert.equal(result.status, 0, result.stderr)
  assertMatchesSchema(json, 'spectral.schema.json')
  const d = json.result.diff
  assert.equal(d.matched, 6)
  const gauss = reference.layers.clip_xmax.find((r: any) => r.name === 'blocks.1.gauss.weight')
  const base = reference.layers.default.find((r: any) => r.name === 'blocks.1.gauss.weight')
  assert.equal(d.movedMost[0].name, 'blocks.1.gauss.weight')
  assert.ok(Math.abs(d.movedMost[0].delta_alpha - (gauss.alpha - base.alpha)) < 1e-9)
})

const bad: [string, string[], RegExp][] = [
  ['bad --layers regex', ['--layers', '(unclosed'], /: --layers: expected a valid regular expression/],
  ['bad --fail-on expression', ['--fail-on', 'alpha >> 6'], /: --fail-on: expected an expression like/],
  ['unknown --fail-on field', ['--fail-on', 'beta > 6'], /: --fail-on: .*unknown field 'beta'/],
  ['no layer passes the filters', ['--layers', 'nothing-matches'], /: expected at least one 2-D/],
]
for (const [what, flags, message] of bad) {
  test(`bad input: ${what} → exit 2, one line, no output file`, () => {
    const out = join(tempDir(), 'r.json')
    const r = runCli(['spectral', 'analyze', model, ...flags, '--out', out])
    assert.equal(r.status, 2, r.stderr)
    assert.equal(r.stderr.trim().split('\n').length, 1)
    assert.match(r.stderr, /^infolens: error: /)
    assert.match(r.stderr, message)
    assert.ok(!existsSync(out))
  })
}

test('bad input: missing file → exit 2, one line naming the file', () => {
  const out = join(tempDir(), 'r.json')
  const r = runCli(['spectral', 'analyze', '/nonexistent/model.safetensors', '--out', out])
  assert.equal(r.status, 2)
  assert.match(r.stderr, /^infolens: error: \/nonexistent\/model\.safetensors: .*\n$/)
  assert.ok(!existsSync(out))
})
