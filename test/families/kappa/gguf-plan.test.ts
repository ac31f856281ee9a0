/**
 * `kappa plan` on GGUF: the per-type budgets group GGUF names by what follows the block index
 * (`blk.3.attn_q.weight` → `attn_q`), `token_embd` counts as an embedding (not a Linear), and an
 * undecodable candidate fails before any solve unless --skip-unsupported records it as skipped.
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {layerType, moduleName} from '../../../src/families/kappa/kernels/module-names.js'
import {runCli, runCliJson} from '../../helpers/cli.js'

const gguf = new URL('../../fixtures/gguf/', import.meta.url).pathname

test('layerType(moduleName(...)) of GGUF names', () => {
  const cases: [string, string][] = [
    ['blk.3.attn_q.weight', 'attn_q'],
    ['blk.10.ffn_down.weight', 'ffn_down'],
    ['blk.0.ffn_gate_exps.weight', 'ffn_gate_exps'],
    ['token_embd.weight', 'token_embd'],
    ['output.weight', 'output'],
  ]
  for (const [name, type] of cases) assert.equal(layerType(moduleName(name)), type, name)
})

test('--per-type on a GGUF split set: one budget per GGUF layer type; token_embd is an embedding', () => {
  const {json, result} = runCliJson([
    'kappa',
    'plan',
    `${gguf}tiny-llama-00002-of-00003.gguf`,
    '--per-type',
    '--fraction',
    '0.34',
    '--no-cache',
  ])
  assert.equal(result.status, 0, result.stderr)
  const plan = json.result
  assert.deepEqual(
    plan.selection.per_type,
    ['attn_k', 'attn_output', 'attn_q', 'attn_v', 'ffn_down', 'ffn_up']
      .map((type) => ({type, candidates: 3, selected: 1}))
      .concat([{type: 'output', candidates: 1, selected: 1}]),
  )
  const embd = plan.tensors.find((t: {name: string}) => t.name === 'token_embd.weight')
  assert.equal(embd.skip_reason, 'embedding')
  for (const t of plan.tensors.filter((x: {skip_reason: string | null}) => x.skip_reason === null))
    assert.equal(t.type, t.name.replace(/^blk\.\d+\./, '').replace(/\.weight$/, ''))
})

test('an undecodable candidate: exit 2 before any solve; --skip-unsupported skips it as unsupported-dtype', () => {
  const failed = runCli(['kappa', 'plan', `${gguf}unsupported.gguf`, '--no-cache'])
  assert.equal(failed.status, 2)
  assert.match(
    failed.stderr.trim(),
    /^infolens: error: \S*unsupported\.gguf: tensor blk\.0\.ffn_down\.weight: GGUF type IQ2_XS/,
  )
  const {json, result} = runCliJson(['kappa', 'plan', `${gguf}unsupported.gguf`, '--no-cache', '--skip-unsupported'])
  assert.equal(result.status, 0, result.stderr)
  assert.deepEqual(
    json.result.skipped.map((s: {name: string; skip_reason: string}) => [s.name, s.skip_reason]),
    [
      ['blk.0.ffn_down.weight', 'unsupported-dtype'],
      ['blk.0.ffn_up.weight', 'unsupported-dtype'],
    ],
  )
  assert.deepEqual(json.result.selection.parameters, ['plain.weight'])
})
