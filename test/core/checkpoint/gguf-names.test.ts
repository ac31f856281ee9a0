/** The GGUF ↔ Hugging Face name map and llama.cpp's q/k row permutation, against a NumPy reference. */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {ggufName, huggingFaceName, isGgufStyleName} from '../../../src/core/checkpoint/gguf-names.js'
import {permuteRotaryRows, rotaryHeads, unpermuteRotaryRows} from '../../../src/core/checkpoint/rotary-permutation.js'
import {nonEmpty} from '../../helpers/fixture.js'

const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/checkpoint/rotary-permutation.json', import.meta.url), 'utf8'),
)
const cases = nonEmpty(fixture.cases as any[], 'rotary-permutation cases')

test('name map: the llama layout both ways, suffix kept', () => {
  const pairs: [string, string][] = [
    ['token_embd.weight', 'model.embed_tokens.weight'],
    ['output_norm.weight', 'model.norm.weight'],
    ['output.weight', 'lm_head.weight'],
    ['blk.0.attn_q.weight', 'model.layers.0.self_attn.q_proj.weight'],
    ['blk.12.attn_k.bias', 'model.layers.12.self_attn.k_proj.bias'],
    ['blk.3.attn_v.weight', 'model.layers.3.self_attn.v_proj.weight'],
    ['blk.3.attn_output.weight', 'model.layers.3.self_attn.o_proj.weight'],
    ['blk.7.ffn_gate.weight', 'model.layers.7.mlp.gate_proj.weight'],
    ['blk.7.ffn_up.weight', 'model.layers.7.mlp.up_proj.weight'],
    ['blk.7.ffn_down.weight', 'model.layers.7.mlp.down_proj.weight'],
    ['blk.7.attn_norm.weight', 'model.layers.7.input_layernorm.weight'],
    ['blk.7.ffn_norm.weight', 'model.layers.7.post_attention_layernorm.weight'],
    ['blk.2.attn_q_norm.weight', 'model.layers.2.self_attn.q_norm.weight'],
  ]
  for (const [gguf, hf] of pairs) {
    assert.equal(huggingFaceName(gguf), hf, gguf)
    assert.equal(ggufName(hf), gguf, hf)
    assert.ok(isGgufStyleName(gguf))
    assert.ok(!isGgufStyleName(hf))
  }
})

test('name map: unknown names map to nothing (no guessing)', () => {
  for (const name of ['blk.1.ffn_gate_exps.weight', 'rope_freqs.weight', 'blk.x.attn_q.weight', 'attn_q.weight'])
    assert.equal(huggingFaceName(name), undefined, name)
  for (const name of ['model.layers.1.mlp.experts.0.w1.weight', 'transformer.h.0.attn.c_attn.weight', 'lm_head.bias2'])
    assert.equal(ggufName(name), undefined, name)
})

for (const c of cases)
  test(`rotary permutation matches the converter's numpy permute: ${c.name}`, () => {
    const kind = c.name.startsWith('k') ? 'k' : 'q'
    const suffix = c.name.includes('bias') ? 'bias' : 'weight'
    const metadata = {
      'general.architecture': 'llama',
      'llama.attention.head_count': String(c.n_head),
      'llama.attention.head_count_kv': String(c.n_head_kv),
    }
    const heads = rotaryHeads(`blk.0.attn_${kind}.${suffix}`, metadata)
    assert.equal(heads, c.heads)
    const hf = Float64Array.from(c.hf as number[])
    const before = Float64Array.from(hf)
    const gguf = permuteRotaryRows(hf, c.rows, heads!)
    assert.deepEqual([...gguf], c.gguf) // a permutation: exact
    assert.deepEqual(hf, before, 'input unchanged')
    assert.deepEqual([...unpermuteRotaryRows(Float64Array.from(c.gguf as number[]), c.rows, heads!)], c.hf)
    const f32 = unpermuteRotaryRows(Float32Array.from(c.gguf as number[]), c.rows, heads!)
    assert.ok(f32 instanceof Float32Array)
    assert.deepEqual([...f32], [...Float32Array.from(c.hf as number[])])
  })

test('rotaryHeads: only llama-arch q/k projections, head counts checked', () => {
  const llama = {'general.architecture': 'llama', 'llama.attention.head_count': '32'}
  assert.equal(rotaryHeads('blk.0.attn_k.weight', llama), 32, 'no head_count_kv: the converter uses head_count')
  assert.equal(rotaryHeads('blk.0.attn_v.weight', llama), undefined)
  assert.equal(rotaryHeads('blk.0.attn_q.weight', {...llama, 'general.architecture': 'qwen2'}), undefined)
  assert.throws(() => rotaryHeads('blk.0.attn_q.weight', {'general.architecture': 'llama'}), /head_count/)
  assert.throws(() => rotaryHeads('blk.0.attn_q.weight', {...llama, 'llama.attention.head_count': '2.5'}), /2\.5/)
  assert.throws(() => permuteRotaryRows(new Float64Array(6), 6, 2), /even size/)
})
