/**
 * The "keep at higher precision" plan of a quantization-damage report: the most damaged layers (the top N
 * by the ranking key, or every layer at or above a threshold), written for llama.cpp's `llama-quantize` as
 * one `--tensor-type NAME=TYPE` per line (GGUF tensor names; the full name, so the pattern matches that
 * tensor only) or as a JSON list. Layers with no GGUF name are listed in the JSON and as comment lines.
 */

export interface RankedLayer {
  readonly name: string
  readonly gguf: string | null
  readonly rel_frobenius: number
}

export interface KeepEntry {
  readonly name: string
  readonly gguf: string | null
  readonly type: string
  readonly rel_frobenius: number
}

export interface KeepRule {
  /** Keep the N most damaged layers. */
  readonly count?: number
  /** Keep every layer with rel_frobenius ≥ this. */
  readonly threshold?: number
  /** The llama.cpp type to keep them at (e.g. q8_0, f16). */
  readonly type: string
}

/** The layers to keep, most damaged first; `ranked` must already be ordered by damage. */
export function keepPlan(ranked: readonly RankedLayer[], rule: KeepRule): KeepEntry[] {
  const chosen = ranked.filter(
    (l, i) =>
      (rule.count !== undefined && i < rule.count) ||
      (rule.threshold !== undefined && l.rel_frobenius >= rule.threshold),
  )
  return chosen.map((l) => ({name: l.name, gguf: l.gguf, type: rule.type, rel_frobenius: l.rel_frobenius}))
}

/** `--tensor-type` lines for llama-quantize, one per kept layer (comments for layers without a GGUF name). */
export function llamaCppOverrides(plan: readonly KeepEntry[]): string {
  const lines = plan.map((e) =>
    e.gguf === null ? `# ${e.name}: no GGUF name known, not written` : `--tensor-type ${e.gguf}=${e.type}`,
  )
  return lines.join('\n') + (lines.length > 0 ? '\n' : '')
}
