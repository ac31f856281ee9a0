/**
 * WebAssembly SIMD (f64x2) versions of the hot loops of the TypeScript solver
 * (wasm/dot-kernels.wat, assembled by scripts/build-wasm.mjs). V8 compiles typed-array loops to
 * scalar code with a bounds check per load; the same loops in WebAssembly SIMD take two doubles
 * per instruction and no bounds checks, ≈3x the multiply-add rate (docs/engine.md).
 *
 * The kernels read and write only their own linear memory, so a reduction allocates its working
 * arrays there (`allocateFloat64`): they are ordinary Float64Array views, read by the TypeScript
 * code as before, and a kernel entry point checks that every array it is handed lives in one such
 * memory (`simdKernelsFor`), else the caller runs its TypeScript loop. Without WebAssembly SIMD,
 * with INFOLENS_WASM=off, or when a memory that large cannot be had (over 4 GiB), everything is a
 * plain Float64Array and the TypeScript loops run: same numbers up to rounding order.
 * This file and lapack-solver.ts are the only kernels that look at the environment.
 */
import {dotKernelsBase64} from './wasm/dot-kernels-binary.js'

/** The exports of dot-kernels.wat; addresses are byte offsets in the memory, counts even. */
export interface SimdKernels {
  dot_strip(
    c: number,
    ldc: number,
    x0: number,
    x1: number,
    rows: number,
    y: number,
    ldy: number,
    count: number,
    len: number,
    sign: number,
    skip: number,
  ): void
  symv4(w: number, ldw: number, x: number, p: number, count: number, xs: number, out: number): void
  axpy8(w: number, ldw: number, u: number, y: number, count: number): void
  dot4(w: number, ldw: number, v: number, count: number, out: number, tau: number): void
}

export type SimdStatus = 'wasm-simd' | 'disabled' | 'unsupported'

/** The part of the WebAssembly JS API used here (the project's `lib` has no DOM typings). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean
  Module: new (bytes: Uint8Array) => object
  Memory: new (descriptor: {initial: number}) => {readonly buffer: ArrayBuffer}
  Instance: new (module: object, imports: object) => {readonly exports: unknown}
}
const wasm = (globalThis as unknown as {WebAssembly?: WasmApi}).WebAssembly

const PAGE = 65536
const MAX_PAGES = 65536

/** Compiled on first use: a process that only calls LAPACK never pays for it (a few ms per thread). */
let compiled: {status: SimdStatus; module?: object} | undefined
const kernels = () => (compiled ??= compileKernels())
const kernelsByBuffer = new WeakMap<ArrayBufferLike, SimdKernels>()

function compileKernels(): {status: SimdStatus; module?: object} {
  if ((process.env.INFOLENS_WASM ?? '').toLowerCase() === 'off') return {status: 'disabled'}
  const bytes = Uint8Array.from(atob(dotKernelsBase64), (ch) => ch.charCodeAt(0))
  if (!wasm || !wasm.validate(bytes)) return {status: 'unsupported'}
  return {status: 'wasm-simd', module: new wasm.Module(bytes)}
}

/** Whether the SIMD kernels are in use in this thread, and if not, why. */
export function simdStatus(): SimdStatus {
  return kernels().status
}

/**
 * Zeroed float64 arrays of the given lengths, each 16-byte aligned, all in one fresh WebAssembly
 * memory with the kernels bound to it; plain Float64Arrays when the kernels are unavailable.
 */
export function allocateFloat64(...lengths: number[]): Float64Array[] {
  const module = kernels().module
  if (wasm && module) {
    const starts: number[] = []
    let bytes = 0
    for (const length of lengths) {
      starts.push(bytes)
      bytes += Math.ceil(length / 2) * 16
    }
    const pages = Math.max(1, Math.ceil(bytes / PAGE))
    if (pages <= MAX_PAGES) {
      try {
        const memory = new wasm.Memory({initial: pages})
        const instance = new wasm.Instance(module, {env: {memory}})
        kernelsByBuffer.set(memory.buffer, instance.exports as unknown as SimdKernels)
        return lengths.map((length, i) => new Float64Array(memory.buffer, starts[i], length))
      } catch (error) {
        if (!(error instanceof RangeError)) throw error // out of address space: plain arrays below
      }
    }
  }
  return lengths.map((length) => new Float64Array(length))
}

/** The kernels bound to the memory holding all of `arrays`, or undefined (then run the TypeScript loop). */
export function simdKernelsFor(...arrays: Float64Array[]): SimdKernels | undefined {
  const buffer = arrays[0].buffer
  for (const a of arrays) if (a.buffer !== buffer) return undefined
  return kernelsByBuffer.get(buffer)
}
