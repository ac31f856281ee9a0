/**
 * Instantiates one of the school family's embedded WebAssembly SIMD modules (kernels/wasm/*.wat,
 * assembled to base64 by scripts/build-wasm.mjs) on a fresh memory of the size asked for. The
 * module is compiled once per thread. Returns undefined where the kernels cannot run (no
 * WebAssembly SIMD, INFOLENS_WASM=off as reported by core/linalg's `simdStatus`, or no address
 * space that large); the caller then runs its TypeScript loop, with identical results.
 */
import {simdStatus} from '../../../core/linalg/simd-kernels.js'

/** The part of the WebAssembly JS API used here (the project's `lib` has no DOM typings). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean
  Module: new (bytes: Uint8Array) => object
  Memory: new (descriptor: {initial: number}) => {readonly buffer: ArrayBuffer}
  Instance: new (module: object, imports: object) => {readonly exports: unknown}
}
const wasm = (globalThis as unknown as {WebAssembly?: WasmApi}).WebAssembly

const PAGE = 65536
const compiled = new Map<string, object | null>()

function compile(base64: string): object | null {
  let module = compiled.get(base64)
  if (module === undefined) {
    const bytes = Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0))
    module = wasm && simdStatus() === 'wasm-simd' && wasm.validate(bytes) ? new wasm.Module(bytes) : null
    compiled.set(base64, module)
  }
  return module
}

/** The module's exports bound to a new memory of at least `bytes` bytes, and that memory's buffer. */
export function instantiateEmbedded<E>(base64: string, bytes: number): {exports: E; buffer: ArrayBuffer} | undefined {
  const module = compile(base64)
  if (!wasm || module === null) return undefined
  let memory: {readonly buffer: ArrayBuffer}
  try {
    memory = new wasm.Memory({initial: Math.max(1, Math.ceil(bytes / PAGE))})
  } catch (error) {
    if (error instanceof RangeError) return undefined
    throw error
  }
  const instance = new wasm.Instance(module, {env: {memory}})
  return {exports: instance.exports as E, buffer: memory.buffer}
}
