import {test} from 'node:test'
import assert from 'node:assert/strict'
import {buildPlan, summarizeSpectra, type ScannedTensor} from '../../../../src/families/kappa/kernels/build-plan.js'
import {classifyTensor, DEFAULT_MOE_SUFFIXES} from '../../../../src/families/kappa/kernels/candidate-rules.js'

const cand = {scope: 'linear' as const, maxDim: 16384, moeSuffixes: DEFAULT_MOE_SUFFIXES}

function tensor(name: string, shape: number[], spectra: number[][]): ScannedTensor {
  const classification = classifyTensor(name, 'F32', shape, cand)
  return {
    name,
    dtype: 'F32',
    shape,
    classification,
    ...(classification.candidate ? {summary: summarizeSpectra(classification, spectra, 1e-8)} : {}),
  }
}

const tensors = [
  tensor('model.layers.0.self_attn.q_proj.weight', [4, 4], [[8, 4, 2, 1]]), // kappa 8
  tensor('model.layers.0.self_attn.k_proj.weight', [2, 4], [[2, 1]]), // kappa 2
  tensor('model.layers.0.input_layernorm.weight', [4], []),
  tensor(
    'model.layers.0.mlp.experts.down_proj',
    [2, 3, 4],
    [
      [3, 2, 1],
      [5, 2, 1],
    ],
  ), // mean kappa 4
  tensor('model.layers.0.mlp.gate.weight', [2, 4], [[1.5, 1]]), // router, kappa 1.5
]
const options = {
  ...cand,
  budget: {mode: 'count' as const, count: 1},
  perType: false,
  eps: 1e-8,
  include: null,
  exclude: null,
  tiedHeadMissing: true,
}

test('the plan lists module names, MoE parameters, counts, LoRA size and non-finite-safe numbers', () => {
  const plan = buildPlan(tensors, options)
  assert.deepEqual(plan.selection.target_modules, ['model.layers.0.mlp.gate'])
  assert.deepEqual(plan.selection.target_parameters, ['model.layers.0.mlp.experts.down_proj'])
  assert.deepEqual(plan.selection.parameters, [
    'model.layers.0.mlp.gate.weight',
    'model.layers.0.mlp.experts.down_proj',
  ])
  assert.equal(plan.selection.trainable_params, 8 + 24)
  assert.equal(plan.selection.total_params, 16 + 8 + 4 + 24 + 8)
  assert.equal(plan.selection.lora_params_per_rank, 2 + 4 + 2 * (3 + 4))
  const ln = plan.tensors.find((t) => t.name.endsWith('input_layernorm.weight'))
  assert.equal(ln?.skip_reason, 'ndim<2')
  assert.equal(ln?.kappa, null)
  const q = plan.tensors.find((t) => t.name.endsWith('q_proj.weight'))
  assert.equal(q?.kappa_mp, 'inf')
  assert.equal(q?.rank_position, 4)
  assert.ok(plan.warnings.some((w) => w.includes('router')))
  assert.ok(plan.warnings.some((w) => w.includes('tie_word_embeddings')))
  assert.ok(plan.warnings.some((w) => w.includes('kappa_mp')))
})

test('--per-type applies the budget within each layer type', () => {
  const plan = buildPlan(tensors, {...options, perType: true})
  assert.deepEqual([...plan.selection.target_modules].sort(), [
    'model.layers.0.mlp.gate',
    'model.layers.0.self_attn.k_proj',
    'model.layers.0.self_attn.q_proj',
  ])
  assert.ok(!plan.warnings.some((w) => w.includes('kappa_mp')))
})
