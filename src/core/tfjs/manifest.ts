/**
 * A TF.js weights manifest, read and checked: a `model.json` (layers or graph
 * model) holds it under `weightsManifest`; a bare manifest file (what
 * `tf.io.loadWeights` and face-api's `*-weights_manifest.json` use) is the array
 * itself. Each group names its shard `paths` (concatenated in order) and its
 * `weights` (laid out one after another in that byte stream). Every defect is an
 * input error naming the file and the weight or field, before any shard is read.
 */
import {readFileSync} from 'node:fs'
import {InputError} from '../errors.js'
import {QUANTIZATION_DTYPES, type QuantizationDtype, TFJS_DTYPES, type TfjsDtype} from './weight-dtypes.js'

export interface Quantization {
  readonly dtype: QuantizationDtype
  /** uint8/uint16: value = q·scale + min. */
  readonly scale?: number
  readonly min?: number
}

export interface WeightSpec {
  readonly name: string
  readonly shape: number[]
  readonly dtype: TfjsDtype
  readonly quantization?: Quantization
}

export interface WeightGroup {
  readonly paths: readonly string[]
  readonly weights: readonly WeightSpec[]
}

export interface TfjsManifest {
  readonly file: string
  readonly groups: readonly WeightGroup[]
  readonly metadata: Record<string, string>
}

type Json = Record<string, unknown>

export function readManifest(file: string): TfjsManifest {
  const json = parseJson(file)
  const manifest = Array.isArray(json) ? json : (json as Json | null)?.weightsManifest
  if (!Array.isArray(manifest)) {
    throw new InputError(
      'expected a TF.js model.json with a "weightsManifest" array, or a weights manifest (an array of {paths, weights})',
      {file, field: 'weightsManifest'},
    )
  }
  const fail = (field: string, message: string) => new InputError(message, {file, field})
  const groups = manifest.map((g, i) => readGroup(g, `weightsManifest[${i}]`, fail))
  const names = new Set<string>()
  for (const w of groups.flatMap((g) => g.weights)) {
    if (names.has(w.name)) throw fail(`weight ${w.name}`, 'appears twice in the manifest (expected unique names)')
    names.add(w.name)
  }
  return {file, groups, metadata: Array.isArray(json) ? {} : readMetadata(json as Json)}
}

function parseJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new InputError(code ? `cannot read (${code})` : `not valid JSON (${(error as Error).message})`, {file})
  }
}

type Fail = (field: string, message: string) => InputError

function readGroup(g: unknown, where: string, fail: Fail): WeightGroup {
  if (!isObject(g)) throw fail(where, 'expected an object {paths, weights}')
  const {paths, weights} = g
  if (!Array.isArray(paths) || paths.length === 0 || !paths.every((p) => typeof p === 'string' && p !== ''))
    throw fail(`${where}.paths`, 'expected a non-empty array of shard file names')
  if (!Array.isArray(weights)) throw fail(`${where}.weights`, 'expected an array of weight entries')
  return {paths, weights: weights.map((w, i) => readWeight(w, `${where}.weights[${i}]`, fail))}
}

function readWeight(w: unknown, where: string, fail: Fail): WeightSpec {
  if (!isObject(w)) throw fail(where, 'expected an object {name, shape, dtype}')
  if (typeof w.name !== 'string' || w.name === '') throw fail(`${where}.name`, 'expected a non-empty string')
  const field = (key: string) => `weight ${w.name}: ${key}`
  const shape = w.shape
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0))
    throw fail(field('shape'), 'expected an array of non-negative integers')
  if (!TFJS_DTYPES.includes(w.dtype as TfjsDtype))
    throw fail(field('dtype'), `expected one of ${TFJS_DTYPES.join(', ')}, got ${JSON.stringify(w.dtype)}`)
  const dtype = w.dtype as TfjsDtype
  const quantization = w.quantization === undefined ? undefined : readQuantization(w.quantization, dtype, field, fail)
  return {name: w.name, shape: shape as number[], dtype, quantization}
}

/** The rules of tfjs-core's decodeWeight (src/io/io_utils.ts), checked up front. */
function readQuantization(q: unknown, dtype: TfjsDtype, field: (k: string) => string, fail: Fail): Quantization {
  if (!isObject(q)) throw fail(field('quantization'), 'expected an object {dtype, scale, min}')
  if (!QUANTIZATION_DTYPES.includes(q.dtype as QuantizationDtype))
    throw fail(field('quantization.dtype'), `expected uint8, uint16 or float16, got ${JSON.stringify(q.dtype)}`)
  const qd = q.dtype as QuantizationDtype
  if (qd === 'float16') {
    if (dtype !== 'float32') throw fail(field('quantization.dtype'), `float16 quantization needs float32, not ${dtype}`)
    return {dtype: qd}
  }
  if (dtype !== 'float32' && dtype !== 'int32')
    throw fail(field('quantization.dtype'), `${qd} quantization needs float32 or int32, not ${dtype}`)
  for (const key of ['scale', 'min'] as const) {
    if (typeof q[key] !== 'number' || !Number.isFinite(q[key]))
      throw fail(field(`quantization.${key}`), `expected a finite number (${qd} quantization needs scale and min)`)
  }
  return {dtype: qd, scale: q.scale as number, min: q.min as number}
}

function readMetadata(json: Json): Record<string, string> {
  const metadata: Record<string, string> = {}
  for (const key of ['format', 'generatedBy', 'convertedBy'])
    if (typeof json[key] === 'string') metadata[`tfjs.${key}`] = json[key]
  return metadata
}

function isObject(x: unknown): x is Json {
  return x !== null && typeof x === 'object' && !Array.isArray(x)
}
