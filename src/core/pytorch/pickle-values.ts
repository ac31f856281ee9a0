/**
 * The values the restricted unpickler builds: plain JavaScript values for Python's
 * scalars (None → null, bool, int → number or bigint beyond 2⁵³, float, str, bytes →
 * Uint8Array, list → array) and small classes for the containers JavaScript lacks
 * (tuple, dict with non-string keys, set). Objects of allow-listed globals (a tensor,
 * a storage, a dtype) are whatever the unpickler's policy returns; nothing here can
 * run code.
 */
export class PickleTuple {
  constructor(readonly items: readonly unknown[]) {}
}

/** A Python dict or OrderedDict: insertion-ordered, keys compared by value for scalars. */
export class PickleDict {
  readonly entries = new Map<unknown, unknown>()

  set(key: unknown, value: unknown): void {
    this.entries.set(key, value)
  }
}

export class PickleSet {
  readonly items: unknown[] = []
}

/** A global the policy allowed (`torch._utils._rebuild_tensor_v2`), as a value that can be called by REDUCE. */
export class PickleGlobal {
  constructor(
    readonly module: string,
    readonly name: string,
  ) {}

  get qualifiedName(): string {
    return `${this.module}.${this.name}`
  }
}

/** Python's type name of a value, for counts and error messages. */
export function pythonTypeName(value: unknown): string {
  if (value === null) return 'None'
  if (typeof value === 'boolean') return 'bool'
  if (typeof value === 'bigint') return 'int'
  if (typeof value === 'number') return 'number' // int and float both decode to a JS number
  if (typeof value === 'string') return 'str'
  if (value instanceof Uint8Array) return 'bytes'
  if (Array.isArray(value)) return 'list'
  if (value instanceof PickleTuple) return 'tuple'
  if (value instanceof PickleDict) return 'dict'
  if (value instanceof PickleSet) return 'set'
  if (value instanceof PickleGlobal) return value.qualifiedName
  return (value as object).constructor?.name ?? 'object'
}
