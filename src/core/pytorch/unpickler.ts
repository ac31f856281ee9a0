/**
 * A restricted unpickler: the pickle virtual machine of protocols 2–5 (Python's
 * Lib/pickle.py `_Unpickler`, PEP 307, 3154, 574), with every opcode that could reach
 * Python code routed through a policy that decides by name. GLOBAL and STACK_GLOBAL
 * ask `findGlobal`, which refuses anything off its allow-list before it is ever
 * pushed; REDUCE, NEWOBJ and BUILD ask `reduce`/`newObject`/`build`; BINPERSID asks
 * `persistentLoad`. Nothing is executed or emulated beyond what the policy returns.
 * Text-protocol opcodes (0/1), extension registries, INST/OBJ and out-of-band buffers
 * are refused. The memo and the stack are bounded, and the machine is a loop, not a
 * recursion, so no input can exhaust the call stack.
 * One file: the opcode switch is the machine, and splitting it would scatter the stack
 * discipline across files.
 */
import {PickleCursor} from './pickle-cursor.js'
import {PickleRefusal} from './pickle-refusal.js'
import {PickleDict, PickleSet, PickleTuple} from './pickle-values.js'

export interface UnpicklePolicy {
  /** The value of `module.name`, or a PickleRefusal naming it. */
  findGlobal(module: string, name: string): unknown
  /** REDUCE: `callable(*args)`. */
  reduce(callable: unknown, args: PickleTuple): unknown
  /** NEWOBJ: `cls.__new__(cls, *args)`. */
  newObject(cls: unknown, args: PickleTuple): unknown
  /** BUILD: `target.__setstate__(state)`; returns nothing, the target stays on the stack. */
  build(target: unknown, state: unknown): void
  /** BINPERSID: the object a persistent id stands for. */
  persistentLoad(pid: unknown): unknown
}

export interface UnpickleLimits {
  /** Most memo entries (BINPUT, LONG_BINPUT, MEMOIZE). */
  readonly maxMemo: number
  /** Most values on the stack at once. */
  readonly maxStack: number
}

export const DEFAULT_LIMITS: UnpickleLimits = {maxMemo: 1 << 22, maxStack: 1 << 22}

const MARK = Symbol('MARK')
/** LONG1/LONG4 beyond this many bytes are not checkpoint data. */
const MAX_LONG_BYTES = 64

export function unpickle(bytes: Uint8Array, policy: UnpicklePolicy, limits: UnpickleLimits = DEFAULT_LIMITS): unknown {
  return new Machine(new PickleCursor(bytes), policy, limits).run()
}

class Machine {
  private stack: unknown[] = []
  private readonly marks: number[] = []
  private readonly memo = new Map<number, unknown>()

  constructor(
    private readonly cursor: PickleCursor,
    private readonly policy: UnpicklePolicy,
    private readonly limits: UnpickleLimits,
  ) {}

  run(): unknown {
    for (;;) {
      const at = this.cursor.position
      if (this.cursor.atEnd) throw new PickleRefusal('truncated: no STOP opcode')
      const opcode = this.cursor.u8()
      if (opcode === 0x2e) return this.finish() // STOP
      try {
        this.step(opcode)
      } catch (error) {
        if (error instanceof PickleRefusal && !error.message.includes(' at byte '))
          throw new PickleRefusal(`${error.message} (opcode 0x${opcode.toString(16)} at byte ${at})`)
        throw error
      }
      if (this.stack.length > this.limits.maxStack) throw new PickleRefusal(`stack deeper than ${this.limits.maxStack}`)
    }
  }

  private finish(): unknown {
    if (this.stack.length !== 1 || this.marks.length !== 0) throw new PickleRefusal('STOP with an unbalanced stack')
    return this.stack[0]
  }

  private step(op: number): void {
    const c = this.cursor
    switch (op) {
      case 0x80: // PROTO
        if (c.u8() > 5) throw new PickleRefusal('pickle protocol above 5')
        return
      case 0x95: // FRAME: a length hint only
        c.u64()
        return
      case 0x28: // MARK
        this.marks.push(this.stack.length)
        this.stack.push(MARK)
        return
      case 0x30: // POP
        this.pop()
        return
      case 0x31: // POP_MARK
        this.popMark()
        return
      case 0x32: // DUP
        return this.push(this.top())
      case 0x4e: // NONE
        return this.push(null)
      case 0x88: // NEWTRUE
        return this.push(true)
      case 0x89: // NEWFALSE
        return this.push(false)
      case 0x4a: // BININT
        return this.push(c.i32())
      case 0x4b: // BININT1
        return this.push(c.u8())
      case 0x4d: // BININT2
        return this.push(c.u16())
      case 0x8a: // LONG1
        return this.push(decodeLong(c.bytesOf(c.u8())))
      case 0x8b: // LONG4
        return this.push(decodeLong(c.bytesOf(boundedLength(c.u32(), MAX_LONG_BYTES))))
      case 0x47: // BINFLOAT
        return this.push(c.f64BigEndian())
      case 0x58: // BINUNICODE
        return this.push(c.utf8Of(c.u32()))
      case 0x8c: // SHORT_BINUNICODE
        return this.push(c.utf8Of(c.u8()))
      case 0x8d: // BINUNICODE8
        return this.push(c.utf8Of(c.u64()))
      case 0x54: // BINSTRING (protocol 1 str, bytes in Python 3 with encoding='bytes')
      case 0x42: // BINBYTES
        return this.push(c.bytesOf(c.u32()))
      case 0x55: // SHORT_BINSTRING
      case 0x43: // SHORT_BINBYTES
        return this.push(c.bytesOf(c.u8()))
      case 0x8e: // BINBYTES8
      case 0x96: // BYTEARRAY8
        return this.push(c.bytesOf(c.u64()))
      case 0x29: // EMPTY_TUPLE
        return this.push(new PickleTuple([]))
      case 0x85: // TUPLE1
      case 0x86: // TUPLE2
      case 0x87: // TUPLE3
        return this.push(new PickleTuple(this.popN(op - 0x84)))
      case 0x74: // TUPLE
        return this.push(new PickleTuple(this.popMark()))
      case 0x5d: // EMPTY_LIST
        return this.push([])
      case 0x6c: // LIST
        return this.push(this.popMark())
      case 0x61: // APPEND
        return this.appendTo(this.popN(1))
      case 0x65: // APPENDS
        return this.appendTo(this.popMark())
      case 0x7d: // EMPTY_DICT
        return this.push(new PickleDict())
      case 0x64: // DICT
        return this.push(this.fillDict(new PickleDict(), this.popMark()))
      case 0x73: // SETITEM
        return void this.fillDict(this.dictOnTop(2), this.popN(2))
      case 0x75: {
        // SETITEMS
        const items = this.popMark()
        return void this.fillDict(this.dictOnTop(0), items)
      }
      case 0x8f: // EMPTY_SET
        return this.push(new PickleSet())
      case 0x90: {
        // ADDITEMS
        const items = this.popMark()
        const set = this.top()
        if (!(set instanceof PickleSet)) throw new PickleRefusal('ADDITEMS on something that is not a set')
        set.items.push(...items)
        return
      }
      case 0x91: {
        // FROZENSET
        const set = new PickleSet()
        set.items.push(...this.popMark())
        return this.push(set)
      }
      case 0x71: // BINPUT
        return this.put(c.u8())
      case 0x72: // LONG_BINPUT
        return this.put(c.u32())
      case 0x94: // MEMOIZE
        return this.put(this.memo.size)
      case 0x68: // BINGET
        return this.push(this.get(c.u8()))
      case 0x6a: // LONG_BINGET
        return this.push(this.get(c.u32()))
      case 0x63: {
        // GLOBAL
        const module = c.line()
        const name = c.line()
        return this.push(this.policy.findGlobal(module, name))
      }
      case 0x93: {
        // STACK_GLOBAL
        const [module, name] = this.popN(2)
        if (typeof module !== 'string' || typeof name !== 'string')
          throw new PickleRefusal('STACK_GLOBAL with a module or name that is not a string')
        return this.push(this.policy.findGlobal(module, name))
      }
      case 0x52: {
        // REDUCE
        const [callable, args] = this.popN(2)
        return this.push(this.policy.reduce(callable, asTuple(args, 'REDUCE')))
      }
      case 0x81: {
        // NEWOBJ
        const [cls, args] = this.popN(2)
        return this.push(this.policy.newObject(cls, asTuple(args, 'NEWOBJ')))
      }
      case 0x62: {
        // BUILD
        const [state] = this.popN(1)
        this.policy.build(this.top(), state)
        return
      }
      case 0x51: // BINPERSID
        return this.push(this.policy.persistentLoad(this.popN(1)[0]))
      default:
        throw new PickleRefusal(refusedOpcode(op))
    }
  }

  private push(value: unknown): void {
    this.stack.push(value)
  }

  private top(): unknown {
    const value = this.stack.at(-1)
    if (this.stack.length === 0 || value === MARK) throw new PickleRefusal('stack underflow')
    return value
  }

  private pop(): unknown {
    if (this.stack.length === 0) throw new PickleRefusal('stack underflow')
    const value = this.stack.pop()
    if (value === MARK) this.marks.pop()
    return value
  }

  /** The top `n` values (oldest first), none of them a MARK. */
  private popN(n: number): unknown[] {
    const floor = this.marks.length > 0 ? this.marks[this.marks.length - 1] + 1 : 0
    if (this.stack.length - n < floor) throw new PickleRefusal('stack underflow')
    return this.stack.splice(this.stack.length - n, n)
  }

  /** Everything above the last MARK, removing the MARK. */
  private popMark(): unknown[] {
    const mark = this.marks.pop()
    if (mark === undefined) throw new PickleRefusal('no MARK on the stack')
    const items = this.stack.splice(mark)
    items.shift()
    return items
  }

  private appendTo(items: unknown[]): void {
    const list = this.top()
    if (!Array.isArray(list)) throw new PickleRefusal('APPEND to something that is not a list')
    for (const item of items) list.push(item)
  }

  /** The dict `below` values under the top (SETITEM pops its pair after this check). */
  private dictOnTop(below: number): PickleDict {
    const dict = this.stack[this.stack.length - 1 - below]
    if (!(dict instanceof PickleDict)) throw new PickleRefusal('SETITEM(S) on something that is not a dict')
    return dict
  }

  private fillDict(dict: PickleDict, items: unknown[]): PickleDict {
    if (items.length % 2 !== 0) throw new PickleRefusal('a dict with an odd number of keys and values')
    for (let i = 0; i < items.length; i += 2) dict.set(items[i], items[i + 1])
    return dict
  }

  private put(index: number): void {
    if (!this.memo.has(index) && this.memo.size >= this.limits.maxMemo)
      throw new PickleRefusal(`memo larger than ${this.limits.maxMemo} entries`)
    this.memo.set(index, this.top())
  }

  private get(index: number): unknown {
    if (!this.memo.has(index)) throw new PickleRefusal(`memo entry ${index} read before it was written`)
    return this.memo.get(index)
  }
}

function asTuple(value: unknown, opcode: string): PickleTuple {
  if (!(value instanceof PickleTuple)) throw new PickleRefusal(`${opcode} arguments are not a tuple`)
  return value
}

function boundedLength(length: number, max: number): number {
  if (length > max) throw new PickleRefusal(`integer of ${length} bytes (at most ${max} expected)`)
  return length
}

/** Two's-complement little-endian integer; a number when exact, else a bigint. */
function decodeLong(bytes: Uint8Array): number | bigint {
  if (bytes.length === 0) return 0
  let value = 0n
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i])
  if (bytes[bytes.length - 1] & 0x80) value -= 1n << BigInt(8 * bytes.length)
  const safe = value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
  return safe ? Number(value) : value
}

const NAMED_REFUSALS: Record<number, string> = {
  0x69: 'INST (builds an arbitrary class)',
  0x6f: 'OBJ (builds an arbitrary class)',
  0x92: 'NEWOBJ_EX (builds an arbitrary class)',
  0x82: 'EXT1 (extension registry)',
  0x83: 'EXT2 (extension registry)',
  0x84: 'EXT4 (extension registry)',
  0x97: 'NEXT_BUFFER (out-of-band buffer)',
  0x98: 'READONLY_BUFFER (out-of-band buffer)',
  0x50: 'PERSID (text protocol)',
}

function refusedOpcode(op: number): string {
  const named = NAMED_REFUSALS[op]
  if (named) return `opcode ${named} is not allowed`
  return `opcode 0x${op.toString(16)} is not supported (expected pickle protocol 2-5 as torch.save writes)`
}
