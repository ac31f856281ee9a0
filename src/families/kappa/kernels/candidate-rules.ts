/**
 * Which tensors KappaTune ranks, and as what matrix (spec kappa.md §2.2–2.4,
 * following PEFT's KappaTuneSelector): 2-D and N-D weights are viewed as
 * (shape[0], prod(shape[1:])); fused 3-D MoE expert parameters (E, a, b) whose
 * name ends in one of the expert suffixes become E separate a×b matrices;
 * everything else is skipped with an explicit reason instead of silently.
 */

import {isFloatDtype} from '../../../core/checkpoint/float-dtypes.js'

export type TensorKind = 'linear-weight' | 'moe-parameter'

export type SkipReason =
  'ndim<2' | 'non-float-dtype' | 'unsupported-dtype' | 'empty' | 'embedding' | 'max-dim' | 'excluded' | 'not-included'

export interface CandidateOptions {
  /** `linear`: PEFT semantics (embeddings are never candidates); `all-2d`: every float tensor with ndim ≥ 2. */
  readonly scope: 'linear' | 'all-2d'
  /** Tensors with a dimension above this are skipped (PEFT: 16384; drops vocab embeddings and lm_head). */
  readonly maxDim: number
  /** Name endings of fused 3-D expert parameters (PEFT: .gate_up_proj, .down_proj, .gate_proj, .up_proj). */
  readonly moeSuffixes: readonly string[]
  readonly include?: RegExp
  readonly exclude?: RegExp
  /** Candidates stored in a type the reader cannot decode are skipped (`unsupported-dtype`) instead of failing. */
  readonly skipUnsupported?: boolean
}

export const DEFAULT_MOE_SUFFIXES: readonly string[] = ['.gate_up_proj', '.down_proj', '.gate_proj', '.up_proj']

/** Token/position embedding tables: `nn.Embedding`, never an `nn.Linear` in PEFT's scan (GGUF: `token_embd`). */
const EMBEDDING_NAME =
  /(^|\.)(token_embd|embed_tokens|embed_in|embed_positions|wte|wpe|word_embeddings|position_embeddings|token_type_embeddings|tok_embeddings|embeddings)(\.|$)/

export interface Candidate {
  readonly candidate: true
  readonly kind: TensorKind
  /** Rows and columns of each matrix whose spectrum is taken. */
  readonly rows: number
  readonly cols: number
  /** Number of matrices: E for fused experts, 1 otherwise. */
  readonly matrices: number
}

export interface Skipped {
  readonly candidate: false
  readonly reason: SkipReason
  readonly detail: string
}

/** Classifies one tensor from its header entry (name, dtype, shape). */
export function classifyTensor(
  name: string,
  dtype: string,
  shape: readonly number[],
  options: CandidateOptions,
): Candidate | Skipped {
  if (shape.length < 2) return skip('ndim<2', `${shape.length}-D tensor (bias or norm): no matrix to condition`)
  if (!isFloatDtype(dtype)) return skip('non-float-dtype', `dtype ${dtype} is not a floating-point weight`)
  if (shape.some((d) => d === 0)) return skip('empty', 'a dimension is 0')
  if (options.include && !options.include.test(name))
    return skip('not-included', `does not match --include ${options.include.source}`)
  if (options.exclude?.test(name)) return skip('excluded', `matches --exclude ${options.exclude.source}`)
  if (shape.length === 3 && options.moeSuffixes.some((s) => name.endsWith(s))) {
    const [experts, a, b] = shape
    if (a > options.maxDim || b > options.maxDim)
      return skip('max-dim', `expert matrix ${a}x${b} exceeds --max-dim ${options.maxDim}`)
    return {candidate: true, kind: 'moe-parameter', rows: a, cols: b, matrices: experts}
  }
  if (options.scope === 'linear' && EMBEDDING_NAME.test(name))
    return skip('embedding', 'embedding table (not a Linear module; use --scope all-2d)')
  if (shape.some((d) => d > options.maxDim))
    return skip('max-dim', `shape ${shape.join('x')} exceeds --max-dim ${options.maxDim}`)
  const cols = shape.slice(1).reduce((p, d) => p * d, 1)
  return {candidate: true, kind: 'linear-weight', rows: shape[0], cols, matrices: 1}
}

function skip(reason: SkipReason, detail: string): Skipped {
  return {candidate: false, reason, detail}
}
