/**
 * Tensor names of the llama family (llama, mistral, qwen2/3, and the many models that share their layout) in
 * GGUF (`blk.3.attn_q.weight`) and in Hugging Face transformers (`model.layers.3.self_attn.q_proj.weight`),
 * both ways. A quantized GGUF and the safetensors it came from are compared tensor by tensor, so each GGUF
 * tensor needs its Hugging Face name and back. The pairs follow the names llama.cpp's converter writes
 * (gguf-py `tensor_mapping.py`, `MODEL_TENSOR` → `TENSOR_NAMES`); only the unambiguous llama-layout ones are
 * kept here, because other architectures reuse a GGUF name for a different Hugging Face tensor (Gemma 2's
 * `ffn_norm` is `pre_feedforward_layernorm`, llama's is `post_attention_layernorm`).
 * Names are mapped without their `.weight` / `.bias` suffix, which both sides keep as is.
 */

/** Model-level tensors: GGUF name ↔ Hugging Face name. */
const GLOBAL_NAMES: readonly (readonly [string, string])[] = [
  ['token_embd', 'model.embed_tokens'],
  ['output_norm', 'model.norm'],
  ['output', 'lm_head'],
]

/** Per-block tensors: GGUF `blk.N.<gguf>` ↔ Hugging Face `model.layers.N.<hf>`. */
const BLOCK_NAMES: readonly (readonly [string, string])[] = [
  ['attn_q', 'self_attn.q_proj'],
  ['attn_k', 'self_attn.k_proj'],
  ['attn_v', 'self_attn.v_proj'],
  ['attn_output', 'self_attn.o_proj'],
  ['attn_q_norm', 'self_attn.q_norm'],
  ['attn_k_norm', 'self_attn.k_norm'],
  ['attn_norm', 'input_layernorm'],
  ['ffn_norm', 'post_attention_layernorm'],
  ['ffn_gate', 'mlp.gate_proj'],
  ['ffn_up', 'mlp.up_proj'],
  ['ffn_down', 'mlp.down_proj'],
  ['ffn_gate_inp', 'block_sparse_moe.gate'],
]

const SUFFIX = /\.(weight|bias)$/

function splitSuffix(name: string): {stem: string; suffix: string} {
  const m = SUFFIX.exec(name)
  return m ? {stem: name.slice(0, m.index), suffix: m[0]} : {stem: name, suffix: ''}
}

/** The Hugging Face name of a GGUF tensor name, or undefined where the map has none. */
export function huggingFaceName(ggufName: string): string | undefined {
  const {stem, suffix} = splitSuffix(ggufName)
  const global = GLOBAL_NAMES.find(([g]) => g === stem)
  if (global) return global[1] + suffix
  const m = /^blk\.(\d+)\.(.+)$/.exec(stem)
  const pair = m && BLOCK_NAMES.find(([g]) => g === m[2])
  return m && pair ? `model.layers.${m[1]}.${pair[1]}${suffix}` : undefined
}

/** The GGUF name of a Hugging Face tensor name, or undefined where the map has none. */
export function ggufName(hfName: string): string | undefined {
  const {stem, suffix} = splitSuffix(hfName)
  const global = GLOBAL_NAMES.find(([, h]) => h === stem)
  if (global) return global[0] + suffix
  const m = /^model\.layers\.(\d+)\.(.+)$/.exec(stem)
  const pair = m && BLOCK_NAMES.find(([, h]) => h === m[2])
  return m && pair ? `blk.${m[1]}.${pair[0]}${suffix}` : undefined
}

/** True when the name is in GGUF's own style (`blk.N.…`, `token_embd`, `output_norm`, `output`). */
export function isGgufStyleName(name: string): boolean {
  return huggingFaceName(name) !== undefined
}
