/**
 * `kappa plan A --compare B`: the condition number of every candidate of A beside that of the same tensor
 * in B (a quantized or converted copy), and Δκ = κ(B) − κ(A). B is scanned with the same spectra code
 * (io/checkpoint-spectra.ts: float64 singular values, the shared cache) but with every 2-D float tensor as a
 * candidate, since B may name its tensors the GGUF way; tensors are paired by name or through the GGUF ↔
 * Hugging Face map (core/checkpoint/gguf-names.ts). κ is invariant under llama.cpp's q/k row permutation (a
 * row permutation keeps the singular values), so no un-permutation is needed here.
 */
import {InputError} from '../../core/errors.js'
import {ggufName, huggingFaceName, isGgufStyleName} from '../../core/checkpoint/gguf-names.js'
import type {PlanRequest} from './flags.js'
import {decodeNumber} from './kernels/json-number.js'
import type {TensorRecord} from './kernels/build-plan.js'
import {scanForPlan, type PlanEnvironment} from './pipeline.js'

export interface KappaComparedTensor {
  readonly name: string
  readonly b_name: string
  readonly kappa_a: number | null
  readonly kappa_b: number | null
  readonly delta_kappa: number | null
}

export interface KappaComparison {
  readonly path: string
  readonly tensors: KappaComparedTensor[]
  /** Candidates of A with no κ in B, and why. */
  readonly unmatched: {name: string; reason: string}[]
}

const finite = (x: number) => (Number.isFinite(x) ? x : null)

/** Scans B and pairs its κ with A's candidates (`tensors` of A's plan). */
export async function compareKappa(
  tensorsA: readonly TensorRecord[],
  pathB: string,
  request: PlanRequest,
  env: PlanEnvironment,
): Promise<{comparison: KappaComparison; files: readonly string[]}> {
  const everyMatrix = {
    ...request,
    include: undefined,
    exclude: undefined,
    options: {...request.options, scope: 'all-2d' as const},
  }
  const {scan, files} = await scanForPlan(pathB, everyMatrix, env)
  const byName = new Map(scan.tensors.map((t) => [t.name, t]))
  const tensors: KappaComparedTensor[] = []
  const unmatched: {name: string; reason: string}[] = []
  for (const a of tensorsA.filter((t) => t.rank_position !== null)) {
    const mapped = isGgufStyleName(a.name) ? huggingFaceName(a.name) : ggufName(a.name)
    const b = byName.get(a.name) ?? (mapped === undefined ? undefined : byName.get(mapped))
    if (!b) {
      unmatched.push({name: a.name, reason: `not in B${mapped ? ` (nor as ${mapped})` : ''}`})
      continue
    }
    if (b.shape.join() !== a.shape.join())
      throw new InputError(`shape [${b.shape.join(', ')}] differs from A's [${a.shape.join(', ')}]`, {
        file: pathB,
        field: `tensor ${b.name}`,
      })
    const kb = b.summary?.metrics.kappa
    if (kb === undefined) {
      unmatched.push({
        name: a.name,
        reason: `no κ in B (${b.classification.candidate ? 'not solved' : 'not a 2-D float matrix'})`,
      })
      continue
    }
    const ka = finite(decodeNumber(a.kappa))
    const kB = finite(kb)
    tensors.push({
      name: a.name,
      b_name: b.name,
      kappa_a: ka,
      kappa_b: kB,
      delta_kappa: ka !== null && kB !== null ? kB - ka : null,
    })
  }
  if (tensors.length === 0)
    throw new InputError('no candidate tensor of A matched a tensor of B by name or through the GGUF name map', {
      file: pathB,
    })
  return {comparison: {path: pathB, tensors, unmatched}, files}
}
