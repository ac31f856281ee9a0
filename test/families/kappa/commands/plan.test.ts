/**
 * `infolens kappa plan` on the committed fixture against independent numpy values
 * (test/fixtures/kappa/reference.py → reference.json: np.linalg.svd in float64 on
 * the stored tensor values, and numpy's ranking under each budget).
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {runCli, runCliJson, tempDir} from '../../../helpers/cli.js'
import {assertMatchesSchema} from '../../../helpers/schema.js'
import {spawnSync} from 'node:child_process'
import {nonEmptyEntries} from '../../../helpers/fixture.js'

/** Why the YAML check is skipped: Debian's python3 has no yaml module (undefined when it has). */
const noPyYaml =
  runPython(['-c', 'import yaml']) === 0 ? undefined : '/usr/bin/python3 lacks yaml (apt install python3-yaml)'

const fixtureDir = new URL('../../../fixtures/kappa/', import.meta.url).pathname
const model = join(fixtureDir, 'tiny-model.safetensors')
const reference = JSON.parse(readFileSync(join(fixtureDir, 'reference.json'), 'utf8'))

const decode = (x: unknown) => (typeof x === 'number' ? x : x === 'inf' ? Infinity : x === '-inf' ? -Infinity : NaN)

/**
 * Tolerances (relative): 1e-8 for kappa, kappa_peft, log10_kappa and sigma_min, which
 * carry the sigma_min error of an SVD (~eps*kappa; the fixture goes to kappa = 1e8, measured
 * 7.5e-11 with the TypeScript SVD); 1e-10 for every other field.
 */
const TOL: Record<string, number> = {
  kappa: 1e-8,
  kappa_peft: 1e-8,
  sigma_min: 1e-8,
  log10_kappa: 1e-8,
  expert_kappa_min: 1e-8,
  expert_kappa_median: 1e-8,
  expert_kappa_max: 1e-8,
}

test('every per-tensor field matches numpy, including kappa ~ 1e6 and 1e8 tensors and fused MoE experts', () => {
  const {json, result} = runCliJson(['kappa', 'plan', model, '--no-cache'])
  assert.equal(result.status, 0, result.stderr)
  assertMatchesSchema(json, 'kappa.schema.json')
  const byName = new Map(json.result.tensors.map((t: any) => [t.name, t]))
  assert.deepEqual([...byName.keys()].sort(), Object.keys(reference.tensors).sort())
  let compared = 0
  for (const [name, ref] of Object.entries<any>(reference.tensors)) {
    const t: any = byName.get(name)
    assert.deepEqual(t.shape, ref.shape, name)
    assert.equal(t.dtype, ref.dtype, name)
    assert.equal(t.numel, ref.numel, name)
    assert.equal(t.module, ref.module, name)
    assert.equal(t.type, ref.type, name)
    assert.equal(t.skip_reason, ref.skip_reason, name)
    if (!ref.metrics) {
      assert.equal(t.kappa, null, `${name} is skipped and has no metrics`)
      continue
    }
    assert.equal(t.kind, ref.kind, name)
    for (const [field, expected] of Object.entries<any>(ref.metrics)) {
      const a = decode(t[field])
      const b = decode(expected)
      const tol = TOL[field] ?? 1e-10
      if (!Number.isFinite(b)) assert.equal(a, b, `${name}.${field}`)
      else assert.ok(Math.abs(a - b) <= tol * Math.abs(b) + 1e-300, `${name}.${field}: ${a} vs numpy ${b} (tol ${tol})`)
      compared++
    }
  }
  assert.ok(compared >= 23 * 14, `compared ${compared} values`)
  const ill = byName.get('model.layers.1.mlp.down_proj.weight') as any
  assert.ok(ill.kappa > 9e7, 'the fixture holds a kappa ~ 1e8 tensor')
  assert.equal(json.result.selection.total_params, reference.total_params)
  assert.ok(json.result.compute.solves >= 23)
})

for (const [label, budget] of nonEmptyEntries<any>(reference.budgets, 'kappa reference budgets')) {
  test(`budget ${label} (${budget.args.join(' ') || 'default --fraction 0.2'}) selects exactly numpy's lowest-kappa tensors`, () => {
    const {json, result} = runCliJson(['kappa', 'plan', model, '--no-cache', ...budget.args])
    assert.equal(result.status, 0, result.stderr)
    assertMatchesSchema(json, 'kappa.schema.json')
    const s = json.result.selection
    assert.deepEqual(s.target_modules, budget.target_modules)
    assert.deepEqual(s.target_parameters, budget.target_parameters)
    assert.equal(s.trainable_params, budget.trainable_params)
    assert.equal(s.selected, budget.target_modules.length + budget.target_parameters.length)
    const flagged = json.result.tensors.filter((t: any) => t.selected).length
    assert.equal(flagged, s.selected)
  })
}

test('skipped tensors carry reasons; --max-dim and --exclude add theirs; routers and shape bias are warned about', () => {
  const {json} = runCliJson([
    'kappa',
    'plan',
    model,
    '--no-cache',
    '--max-dim',
    '32',
    '--exclude',
    'mlp\\.gate\\.weight$',
  ])
  const reason = (n: string) => json.result.tensors.find((t: any) => t.name === n).skip_reason
  assert.equal(reason('lm_head.weight'), 'max-dim')
  assert.equal(reason('model.layers.2.mlp.gate.weight'), 'excluded')
  assert.equal(reason('model.layers.0.input_layernorm.weight'), 'ndim<2')
  assert.equal(reason('model.embed_tokens.weight'), 'embedding')
  assert.equal(reason('model.position_ids'), 'non-float-dtype')
  assert.ok(json.result.skipped.every((s: any) => s.skip_reason && s.detail))
  assert.ok(!json.warnings.some((w: string) => w.includes('router')))
  const plain = runCliJson(['kappa', 'plan', model, '--no-cache']).json
  assert.ok(plain.warnings.some((w: string) => w.includes('router')))
  assert.ok(plain.warnings.some((w: string) => w.includes('kappa_mp')))
})

test('--emit writes every format; each parses and agrees with the plan', async (t) => {
  const dir = tempDir()
  const r = runCli(['kappa', 'plan', model, '--no-cache', '--count', '3', '--emit', dir, '--quiet'])
  assert.equal(r.status, 0, r.stderr)
  const plan = JSON.parse(readFileSync(join(dir, 'kappa-plan.json'), 'utf8'))
  assertMatchesSchema(plan, 'kappa.schema.json')
  const sel = plan.result.selection
  const peft = JSON.parse(readFileSync(join(dir, 'peft-lora-config.json'), 'utf8'))
  assert.deepEqual(Object.keys(peft).sort(), [
    'lora_alpha',
    'lora_dropout',
    'peft_type',
    'r',
    'target_modules',
    'target_parameters',
    'task_type',
  ])
  assert.equal(peft.peft_type, 'LORA')
  assert.deepEqual(peft.target_modules, sel.target_modules)
  assert.deepEqual(peft.target_parameters, sel.target_parameters)
  assert.ok(peft.target_modules.every((m: string) => !m.endsWith('.weight')))
  assert.deepEqual(readFileSync(join(dir, 'unfreeze.txt'), 'utf8').trim().split('\n'), sel.parameters)
  const scores = JSON.parse(readFileSync(join(dir, 'snr_results_tiny-model.json'), 'utf8'))
  assert.equal(Object.keys(scores).length, sel.candidates)
  const best = plan.result.tensors.find((t: any) => t.rank_position === 1)
  assert.ok(Math.abs(scores[best.module].snr + Math.log10(best.kappa)) < 1e-12)
  await t.test('the YAML files, read by PyYAML', (st) => {
    if (noPyYaml) return st.skip(noPyYaml)
    const yaml = (file: string) => parseYaml(join(dir, file))
    const full = yaml('axolotl-full.yaml')
    assert.deepEqual(
      full.unfrozen_parameters,
      sel.parameters.map((p: string) => `^${p}$`),
    )
    const lora = yaml('axolotl-lora.yaml')
    assert.equal(lora.adapter, 'lora')
    assert.equal(lora.lora_target_linear, false)
    assert.deepEqual(lora.lora_target_modules, sel.target_modules)
    assert.deepEqual(lora.lora_target_parameters, sel.target_parameters)
    const spectrum = yaml('snr_results_tiny-model_unfrozenparameters_kappatune.yaml')
    assert.deepEqual([...spectrum.unfrozen_parameters].sort(), [...sel.target_modules, ...sel.target_parameters].sort())
  })
})

test('--format prints exactly the emitted text for each tool', () => {
  const peft = runCli(['kappa', 'plan', model, '--no-cache', '--format', 'peft'])
  assert.equal(peft.status, 0, peft.stderr)
  const cfg = JSON.parse(peft.stdout)
  assert.equal(cfg.r, 16)
  const unfreeze = runCli(['kappa', 'plan', model, '--no-cache', '--format', 'unfreeze'])
  assert.deepEqual(unfreeze.stdout.trim().split('\n'), [
    ...cfg.target_modules.map((m: string) => `${m}.weight`),
    ...cfg.target_parameters,
  ])
  const ax = runCli(['kappa', 'plan', model, '--no-cache', '--format', 'axolotl', '--adapter', 'full'])
  assert.match(ax.stdout, /^unfrozen_parameters:\n- \^model\.layers\.2\.self_attn\.o_proj\.weight\$$/m)
})

/** Parses YAML with Debian's python3 yaml module. */
function parseYaml(file: string): any {
  const r = spawnPython(['-c', 'import json,sys,yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))', file])
  return JSON.parse(r)
}

function runPython(args: string[]): number {
  return spawnSync('/usr/bin/python3', args, {encoding: 'utf8'}).status ?? -1
}
function spawnPython(args: string[]): string {
  const r = spawnSync('/usr/bin/python3', args, {encoding: 'utf8'})
  assert.equal(r.status, 0, r.stderr)
  return r.stdout
}

const badInputs: [string, string[], RegExp][] = [
  ['two budgets', ['--count', '3', '--fraction', '0.5'], /: budget: choose one budget, got --count and --fraction$/],
  ['a bad regex', ['--exclude', '('], /: --exclude: not a valid regular expression: "\("$/],
  [
    'no candidates',
    ['--include', 'no_such_tensor'],
    /: tensors: expected at least one candidate weight matrix, found none \(34 tensors skipped: .*\)$/,
  ],
]
for (const [label, args, message] of badInputs) {
  test(`bad input: ${label} exits 2 with one line and writes nothing`, () => {
    const dir = tempDir()
    const out = join(dir, 'plan.json')
    const r = runCli(['kappa', 'plan', model, '--no-cache', '--out', out, '--emit', join(dir, 'emit'), ...args])
    assert.equal(r.status, 2, r.stderr)
    assert.equal(r.stdout, '')
    const lines = r.stderr.trimEnd().split('\n')
    assert.equal(lines.length, 1, r.stderr)
    assert.ok(lines[0].startsWith(`infolens: error: ${model}: `), lines[0])
    assert.match(lines[0], message)
    assert.equal(existsSync(out), false)
    assert.equal(existsSync(join(dir, 'emit')), false)
  })
}

test('bad input: a fraction above 1 is a flag error (exit 2, one line naming --fraction), nothing written', () => {
  const dir = tempDir()
  const out = join(dir, 'plan.json')
  const r = runCli(['kappa', 'plan', model, '--no-cache', '--out', out, '--fraction', '1.5'])
  assert.equal(r.status, 2, r.stderr)
  assert.equal(r.stdout, '')
  assert.equal(r.stderr, 'infolens: error: --fraction: expected a number in (0, 1], got "1.5"\n')
  assert.equal(existsSync(out), false)
})

test('bad input: a missing checkpoint exits 2 with one line', () => {
  const r = runCli(['kappa', 'plan', join(tempDir(), 'missing.safetensors'), '--no-cache'])
  assert.equal(r.status, 2)
  assert.match(r.stderr, /^infolens: error: .*missing\.safetensors: no such file or directory.*\n$/)
})

test('a shard directory with config.json tie_word_embeddings and no stored lm_head warns that the head is not ranked', async () => {
  const {writeSafetensors} = await import('../../../../src/core/safetensors/index.js')
  const {writeFileSync} = await import('node:fs')
  const dir = tempDir()
  const w = Float32Array.from({length: 64}, (_, i) => Math.sin(i * 1.7) + (i % 9 === 0 ? 2 : 0))
  writeSafetensors(join(dir, 'model-00001-of-00001.safetensors'), [
    {name: 'model.embed_tokens.weight', dtype: 'F32', shape: [16, 4], data: w},
    {name: 'model.layers.0.mlp.down_proj.weight', dtype: 'F32', shape: [8, 8], data: w},
  ])
  writeFileSync(join(dir, 'config.json'), JSON.stringify({tie_word_embeddings: true}))
  const {json, result} = runCliJson(['kappa', 'plan', dir, '--no-cache'])
  assert.equal(result.status, 0, result.stderr)
  assertMatchesSchema(json, 'kappa.schema.json')
  assert.ok(json.warnings.some((x: string) => x.includes('tie_word_embeddings')))
  assert.deepEqual(json.result.selection.target_modules, ['model.layers.0.mlp.down_proj'])
})
