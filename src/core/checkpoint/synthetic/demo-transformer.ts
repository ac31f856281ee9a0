/**
 * The tensors of the demo checkpoint (`infolens demo checkpoint`): a small
 * Llama-shaped decoder (embedding, per-layer attention with grouped K/V, MLP and
 * RMS norms, final norm) whose matrices have varied, known spectral character
 * (see weight-matrices.ts), so spectral tools show power-law tails, random-like
 * layers and a correlation trap. Deterministic for a seed; 377k parameters.
 */
import {createGaussianSampler} from '../../random/gaussian-sampler.js'
import {createXoshiro128} from '../../random/xoshiro128.js'
import * as m from './weight-matrices.js'

export interface DemoTensor {
  readonly name: string
  readonly shape: readonly number[]
  readonly data: Float32Array
}

export const DEMO_SHAPE = {layers: 3, hidden: 128, kvHidden: 64, intermediate: 256, vocab: 256} as const

/** Planted power-law exponents of q_proj and up_proj per layer. */
const QUERY_ALPHA = [2.5, 3.0, 2.2]
const UP_ALPHA = [2.0, 2.8, 3.5]

export function buildDemoTransformer(seed: number): DemoTensor[] {
  const rng = createXoshiro128(seed)
  const s: m.Sampler = {rng, normal: createGaussianSampler(rng)}
  const {layers, hidden: h, kvHidden: kv, intermediate: f, vocab} = DEMO_SHAPE
  const out: DemoTensor[] = []
  const add = (name: string, shape: number[], data: Float32Array) => out.push({name, shape, data})
  add('model.embed_tokens.weight', [vocab, h], m.gaussian(s, vocab, h))
  for (let i = 0; i < layers; i++) {
    const p = `model.layers.${i}`
    add(`${p}.input_layernorm.weight`, [h], m.normWeight(s, h))
    add(`${p}.self_attn.q_proj.weight`, [h, h], m.powerLawSpectrum(s, h, h, QUERY_ALPHA[i % QUERY_ALPHA.length]))
    add(`${p}.self_attn.k_proj.weight`, [kv, h], m.gaussianWithSpikes(s, kv, h))
    add(`${p}.self_attn.v_proj.weight`, [kv, h], m.gaussian(s, kv, h))
    add(`${p}.self_attn.o_proj.weight`, [h, h], m.studentT(s, h, h, 3))
    add(`${p}.post_attention_layernorm.weight`, [h], m.normWeight(s, h))
    add(`${p}.mlp.up_proj.weight`, [f, h], m.powerLawSpectrum(s, f, h, UP_ALPHA[i % UP_ALPHA.length]))
    const last = i === layers - 1
    add(`${p}.mlp.down_proj.weight`, [h, f], last ? m.correlationTrap(s, h, f) : m.studentT(s, h, f, 2.5))
  }
  add('model.norm.weight', [h], m.normWeight(s, h))
  return out
}
