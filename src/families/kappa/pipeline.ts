/**
 * `kappa plan` end to end, minus the terminal: open the checkpoint, stream its
 * tensors through the spectra store and the float64 worker pool, and build the
 * canonical plan (schema infolens.kappa/1).
 */
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {InputError} from '../../core/errors.js'
import {buildPlan, type KappaPlan} from './kernels/build-plan.js'
import {createLinalgPool} from '../../core/linalg/pool.js'
import {linalgStatus} from '../../core/linalg/index.js'
import type {Progress} from '../../core/terminal/progress.js'
import type {Stopwatch} from '../../core/report/timings.js'
import {openCheckpoint, type Checkpoint} from '../../core/checkpoint/index.js'
import {scanCheckpoint, type ScanResult} from './io/checkpoint-spectra.js'
import type {CandidateOptions} from './kernels/candidate-rules.js'
import type {PlanRequest} from './flags.js'
import type {SpectraStore} from './io/spectra-store.js'
import type {KappaComparison} from './compare.js'

export interface KappaPlanResult extends KappaPlan {
  readonly model: string
  /** With --compare B: κ of each candidate in A and in B, and Δκ. */
  readonly compare?: KappaComparison
  readonly compute: {
    /** Matrices whose singular values were computed in this run (0 when every spectrum came from the cache). */
    readonly solves: number
    readonly cache_hits: number
    /** Of cache_hits, tensors whose spectra were `spectral`'s float64 Gram eigenvalues, accurate enough for κ. */
    readonly cache_hits_gram: number
    /** Gram-eigenvalue entries too ill-conditioned for κ to 1e-8, solved again by SVD (and replaced). */
    readonly gram_rejected: number
    /** Solved matrices by route: σ from the Gram alone, the Gram with an LU-refined small end (square), an SVD. */
    readonly routes: {readonly gram: number; readonly gram_lu: number; readonly svd: number}
    readonly cache: string | null
    readonly solver: string
  }
}

export interface PlanEnvironment {
  readonly store: SpectraStore
  readonly cacheDir: string | null
  readonly threads: number
  readonly stopwatch: Stopwatch
  progress(total: number): Progress
}

/** What the plan is built from: every tensor scanned (only `shard`'s candidates solved, with a shard). */
export interface PlanScan {
  readonly scan: ScanResult
  readonly tiedHeadMissing: boolean
  readonly compute: KappaPlanResult['compute']
  readonly files: readonly string[]
  /** Ordinals among the candidates (0 = first candidate) of those this run solved. */
  readonly items: readonly number[]
  readonly candidates: number
}

export async function planCheckpoint(
  path: string,
  request: PlanRequest,
  env: PlanEnvironment,
): Promise<{result: KappaPlanResult; files: readonly string[]}> {
  const {scan, tiedHeadMissing, compute, files} = await scanForPlan(path, request, env)
  const plan = buildPlan(scan.tensors, {...request.options, tiedHeadMissing})
  return {result: {model: path, ...plan, compute}, files}
}

/** Opens, classifies and solves (the candidates chosen by `only`, default all); no plan yet. */
export async function scanForPlan(
  path: string,
  request: PlanRequest,
  env: PlanEnvironment,
  choose: (checkpoint: Checkpoint, candidates: CandidateOptions) => ReadonlySet<number> | undefined = () => undefined,
): Promise<PlanScan> {
  const checkpoint = await env.stopwatch.time('open', () => openCheckpoint(path))
  const pool = createLinalgPool({threads: env.threads})
  const candidates: CandidateOptions = {...request.options, include: request.include, exclude: request.exclude}
  const only = choose(checkpoint, candidates)
  const bar = env.progress(checkpoint.tensors.length)
  try {
    const scan = await env.stopwatch.time('spectra', () =>
      scanCheckpoint(checkpoint, {
        only,
        candidates,
        eps: request.options.eps,
        store: env.store,
        concurrency: Math.max(1, pool.threads),
        solver: {
          svdvals: (w, rows, cols, name) => pool.svdvals(w, rows, cols, {name, transfer: ownsBuffer(w)}),
          gramFirst: (w, rows, cols, name) => pool.svdvalsGramFirst(w, rows, cols, {name, transfer: ownsBuffer(w)}),
        },
        onTensor: (name) => bar.tick(1, name),
      }),
    )
    bar.stop()
    if (!scan.tensors.some((t) => t.classification.candidate))
      throw noCandidates(
        path,
        scan.tensors.map((t) => t.classification),
      )
    const compute = {
      solves: scan.solves,
      cache_hits: scan.cacheHits,
      cache_hits_gram: scan.cacheHitsGram,
      gram_rejected: scan.gramRejected,
      routes: {gram: scan.routes['eigvalsh-gram'], gram_lu: scan.routes['gram-lu'], svd: scan.routes.svd},
      cache: env.cacheDir,
      solver: linalgStatus().active,
    }
    const all = scan.tensors.flatMap((t, i) => (t.classification.candidate ? [i] : []))
    return {
      scan,
      tiedHeadMissing: tiedHeadMissing(checkpoint),
      compute,
      files: [...(checkpoint.layout.indexFile ? [checkpoint.layout.indexFile] : []), ...checkpoint.files],
      items: all.flatMap((tensor, k) => (only === undefined || only.has(tensor) ? [k] : [])),
      candidates: all.length,
    }
  } finally {
    bar.stop()
    await pool.close()
    await checkpoint.close()
  }
}

/** Only a typed array that spans its whole buffer may be moved to a worker. */
function ownsBuffer(w: Float64Array): boolean {
  return w.byteOffset === 0 && w.byteLength === w.buffer.byteLength
}

function noCandidates(path: string, classes: readonly {candidate: boolean; reason?: string}[]): InputError {
  const reasons = new Map<string, number>()
  for (const c of classes) if (c.reason) reasons.set(c.reason, (reasons.get(c.reason) ?? 0) + 1)
  const why = [...reasons.entries()].map(([r, n]) => `${n} ${r}`).join(', ')
  return new InputError(
    `expected at least one candidate weight matrix, found none (${classes.length} tensors skipped: ${why || 'empty checkpoint'})`,
    {
      file: path,
      field: 'tensors',
    },
  )
}

/** config.json next to the weights says the head is tied to the embeddings, and no lm_head is stored. */
function tiedHeadMissing(checkpoint: Checkpoint): boolean {
  const config = join(checkpoint.layout.root, 'config.json')
  if (!existsSync(config)) return false
  try {
    const parsed = JSON.parse(readFileSync(config, 'utf8')) as {tie_word_embeddings?: unknown}
    return parsed.tie_word_embeddings === true && !checkpoint.tensors.some((t) => t.name === 'lm_head.weight')
  } catch {
    return false
  }
}
