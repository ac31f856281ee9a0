/**
 * A minimal WebAssembly text-format assembler for the one hand-written kernel module of the
 * linear-algebra fallback (src/core/linalg/wasm/dot-kernels.wat), so that no toolchain
 * (wabt's wat2wasm, clang) is needed to rebuild it. It accepts only the subset that file uses:
 * one imported memory, functions with named params/locals and an inline export, and flat
 * (unfolded) instructions with `$name` labels and locals. Encoding follows the WebAssembly
 * core spec 2.0, §5 (binary format) and the fixed-width SIMD proposal's opcode table.
 */

const VALTYPE = {i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c, v128: 0x7b}

/** Plain opcodes (no immediates), one byte each. */
const SIMPLE = {
  drop: 0x1a,
  select: 0x1b,
  return: 0x0f,
  else: 0x05,
  end: 0x0b,
  'i32.eqz': 0x45,
  'i32.eq': 0x46,
  'i32.ne': 0x47,
  'i32.lt_s': 0x48,
  'i32.lt_u': 0x49,
  'i32.gt_s': 0x4a,
  'i32.gt_u': 0x4b,
  'i32.le_s': 0x4c,
  'i32.le_u': 0x4d,
  'i32.ge_s': 0x4e,
  'i32.ge_u': 0x4f,
  'i32.add': 0x6a,
  'i32.sub': 0x6b,
  'i32.mul': 0x6c,
  'i32.and': 0x71,
  'i32.or': 0x72,
  'i32.shl': 0x74,
  'f64.add': 0xa0,
  'f64.sub': 0xa1,
  'f64.mul': 0xa2,
}
/** Memory access opcodes: [opcode, natural alignment log2, SIMD-prefixed]. */
const MEMORY = {
  'f64.load': [0x2b, 3, false],
  'f64.store': [0x39, 3, false],
  'v128.load': [0x00, 4, true],
  'v128.store': [0x0b, 4, true],
}
/** SIMD opcodes after the 0xfd prefix; lane ops take one lane-index byte. */
const SIMD = {'f64x2.splat': 0x14, 'f64x2.add': 0xf0, 'f64x2.sub': 0xf1, 'f64x2.mul': 0xf2}
const SIMD_LANE = {'f64x2.extract_lane': 0x21, 'f64x2.replace_lane': 0x22}

function uleb(n) {
  const out = []
  do {
    let b = n & 0x7f
    n >>>= 7
    if (n !== 0) b |= 0x80
    out.push(b)
  } while (n !== 0)
  return out
}

function sleb(n) {
  const out = []
  for (;;) {
    const b = n & 0x7f
    n >>= 7
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) return [...out, b]
    out.push(b | 0x80)
  }
}

const utf8 = (s) => [...new TextEncoder().encode(s)]
const named = (s) => [...uleb(utf8(s).length), ...utf8(s)]
const vector = (items) => [...uleb(items.length), ...items.flat()]
const section = (id, body) => [id, ...uleb(body.length), ...body]

/** S-expression tree of the text: lists are arrays, atoms strings; `;;` and `(; ;)` comments dropped. */
function parse(text) {
  const tokens =
    text
      .replace(/\(;[\s\S]*?;\)/g, ' ')
      .replace(/;;.*$/gm, ' ')
      .match(/\(|\)|"[^"]*"|[^\s()]+/g) ?? []
  const stack = [[]]
  for (const t of tokens) {
    if (t === '(') stack.push([])
    else if (t === ')') {
      const list = stack.pop()
      stack.at(-1).push(list)
    } else stack.at(-1).push(t)
  }
  if (stack.length !== 1) throw new Error('unbalanced parentheses')
  return stack[0]
}

function fail(message) {
  throw new Error(`wat: ${message}`)
}

/** Encodes one function's body; `locals` maps $names to indices, `funcs` function names to indices. */
function encodeBody(items, locals, funcs) {
  const code = []
  const labels = []
  const local = (name) => (name in locals ? locals[name] : fail(`unknown local ${name}`))
  const depth = (name) => {
    const i = labels.lastIndexOf(name)
    return i < 0 ? fail(`unknown label ${name}`) : labels.length - 1 - i
  }
  for (let k = 0; k < items.length; k++) {
    const op = items[k]
    if (Array.isArray(op)) fail(`folded instructions are not supported: (${op.join(' ')})`)
    const next = () => items[++k]
    if (op === 'block' || op === 'loop' || op === 'if') {
      const label = typeof items[k + 1] === 'string' && items[k + 1].startsWith('$') ? next() : ''
      labels.push(label)
      code.push({block: 0x02, loop: 0x03, if: 0x04}[op], 0x40)
    } else if (op === 'end') {
      labels.pop()
      code.push(0x0b)
    } else if (op in SIMPLE) code.push(SIMPLE[op])
    else if (op === 'br' || op === 'br_if') code.push(op === 'br' ? 0x0c : 0x0d, ...uleb(depth(next())))
    else if (op === 'local.get' || op === 'local.set' || op === 'local.tee') {
      code.push({'local.get': 0x20, 'local.set': 0x21, 'local.tee': 0x22}[op], ...uleb(local(next())))
    } else if (op === 'call') code.push(0x10, ...uleb(funcs[next()] ?? fail('unknown function')))
    else if (op === 'i32.const') code.push(0x41, ...sleb(Number(next())))
    else if (op === 'f64.const') {
      const bytes = new Uint8Array(8)
      new DataView(bytes.buffer).setFloat64(0, Number(next()), true)
      code.push(0x44, ...bytes)
    } else if (op in MEMORY) {
      const [opcode, naturalAlign, simd] = MEMORY[op]
      let offset = 0
      while (/^(offset|align)=/.test(items[k + 1] ?? '')) {
        const [key, value] = next().split('=')
        if (key === 'offset') offset = Number(value)
      }
      code.push(...(simd ? [0xfd, ...uleb(opcode)] : [opcode]), ...uleb(naturalAlign), ...uleb(offset))
    } else if (op in SIMD) code.push(0xfd, ...uleb(SIMD[op]))
    else if (op in SIMD_LANE) code.push(0xfd, ...uleb(SIMD_LANE[op]), Number(next()))
    else fail(`unsupported instruction ${op}`)
  }
  return code
}

/** Assembles the module text into its binary encoding. */
export function assembleWat(text) {
  const [module] = parse(text)
  if (!Array.isArray(module) || module[0] !== 'module') fail('expected (module ...)')
  const types = []
  const typeIndex = (params, results) => {
    const key = `${params}|${results}`
    let i = types.findIndex((t) => t.key === key)
    if (i < 0)
      i = types.push({key, bytes: [0x60, ...vector(params.map((p) => [p])), ...vector(results.map((r) => [r]))]}) - 1
    return i
  }
  const imports = []
  const funcs = []
  for (const field of module.slice(1)) {
    if (field[0] === 'import') {
      const [, mod, name, desc] = field
      if (desc[0] !== 'memory') fail('only a memory import is supported')
      const min = Number(desc.at(-1))
      imports.push([...named(mod.slice(1, -1)), ...named(name.slice(1, -1)), 0x02, 0x00, ...uleb(min)])
    } else if (field[0] === 'func') funcs.push(field)
    else fail(`unsupported module field ${field[0]}`)
  }
  const funcIndex = Object.fromEntries(funcs.map((f, i) => [f[1], i]))
  const declared = []
  const exports = []
  const bodies = []
  for (const [i, f] of funcs.entries()) {
    const locals = {}
    const params = []
    const results = []
    const extra = []
    let k = 2
    for (; k < f.length && Array.isArray(f[k]); k++) {
      const [kind, ...rest] = f[k]
      if (kind === 'export') exports.push([...named(rest[0].slice(1, -1)), 0x00, ...uleb(i)])
      else if (kind === 'param' || kind === 'local') {
        const type = VALTYPE[rest[1]] ?? fail(`bad type in (${f[k].join(' ')})`)
        const index = params.length + extra.length
        locals[rest[0]] = index
        ;(kind === 'param' ? params : extra).push(type)
      } else if (kind === 'result') results.push(...rest.map((r) => VALTYPE[r]))
      else fail(`unsupported func field ${kind}`)
    }
    declared.push(uleb(typeIndex(params, results)))
    const localGroups = vector(extra.map((t) => [1, t]))
    const body = [...localGroups, ...encodeBody(f.slice(k), locals, funcIndex), 0x0b]
    bodies.push([...uleb(body.length), ...body])
  }
  return new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, vector(types.map((t) => t.bytes))),
    ...section(2, vector(imports)),
    ...section(3, vector(declared)),
    ...section(7, vector(exports)),
    ...section(10, vector(bodies)),
  ])
}
