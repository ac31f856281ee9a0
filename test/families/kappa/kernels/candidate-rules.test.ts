import {test} from 'node:test'
import assert from 'node:assert/strict'
import {
  classifyTensor,
  DEFAULT_MOE_SUFFIXES,
  type CandidateOptions,
} from '../../../../src/families/kappa/kernels/candidate-rules.js'
import {layerType, moduleName} from '../../../../src/families/kappa/kernels/module-names.js'

const opts: CandidateOptions = {scope: 'linear', maxDim: 16384, moeSuffixes: DEFAULT_MOE_SUFFIXES}

test('1-D, integer, empty and embedding tensors are skipped with their reasons', () => {
  const reason = (name: string, dtype: string, shape: number[], o = opts) => {
    const c = classifyTensor(name, dtype, shape, o)
    return c.candidate ? c.kind : c.reason
  }
  assert.equal(reason('model.norm.weight', 'F32', [4096]), 'ndim<2')
  assert.equal(reason('model.position_ids', 'I64', [1, 8]), 'non-float-dtype')
  assert.equal(reason('x.weight', 'F32', [0, 8]), 'empty')
  assert.equal(reason('model.embed_tokens.weight', 'BF16', [32000, 4096]), 'embedding')
  assert.equal(reason('model.embed_tokens.weight', 'BF16', [320, 64], {...opts, scope: 'all-2d'}), 'linear-weight')
  assert.equal(reason('lm_head.weight', 'BF16', [128256, 4096]), 'max-dim')
  assert.equal(reason('lm_head.weight', 'BF16', [128256, 4096], {...opts, maxDim: 200000}), 'linear-weight')
  assert.equal(reason('a.router.weight', 'F32', [8, 64], {...opts, exclude: /router/}), 'excluded')
  assert.equal(reason('a.q_proj.weight', 'F32', [8, 64], {...opts, include: /k_proj/}), 'not-included')
})

test('N-D weights are viewed as (shape[0], prod(rest)); fused 3-D experts become E matrices', () => {
  assert.deepEqual(classifyTensor('conv.weight', 'F32', [8, 3, 2, 2], opts), {
    candidate: true,
    kind: 'linear-weight',
    rows: 8,
    cols: 12,
    matrices: 1,
  })
  assert.deepEqual(classifyTensor('m.layers.0.mlp.experts.gate_up_proj', 'BF16', [64, 2048, 1408], opts), {
    candidate: true,
    kind: 'moe-parameter',
    rows: 2048,
    cols: 1408,
    matrices: 64,
  })
  // a 3-D tensor without an expert suffix is an N-D weight; max-dim checks expert dims only for experts
  assert.equal((classifyTensor('x.weight', 'F32', [2, 8, 8], opts) as {kind: string}).kind, 'linear-weight')
  assert.equal((classifyTensor('e.down_proj', 'F32', [20000, 8, 8], opts) as {kind: string}).kind, 'moe-parameter')
  assert.equal((classifyTensor('e.down_proj', 'F32', [4, 20000, 8], opts) as {reason: string}).reason, 'max-dim')
})

test('module names drop .weight; layer types are the path after the layer index without expert indices', () => {
  assert.equal(moduleName('model.layers.3.mlp.down_proj.weight'), 'model.layers.3.mlp.down_proj')
  assert.equal(moduleName('model.layers.3.mlp.experts.gate_up_proj'), 'model.layers.3.mlp.experts.gate_up_proj')
  assert.equal(layerType('model.layers.3.self_attn.q_proj'), 'self_attn.q_proj')
  assert.equal(layerType('model.layers.1.block_sparse_moe.experts.7.w1'), 'block_sparse_moe.experts.w1')
  assert.equal(layerType('lm_head'), 'lm_head')
  assert.equal(layerType('model.layers.12'), 'model.layers.12')
})
