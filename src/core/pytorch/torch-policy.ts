/**
 * The allow-list: what a torch checkpoint's pickle may name and call. It mirrors the
 * part of torch's own `weights_only` unpickler (torch/_weights_only_unpickler.py) that
 * plain state dicts need, and nothing else:
 * - callables (REDUCE): `torch._utils._rebuild_tensor_v2`, `_rebuild_parameter`,
 *   `_rebuild_parameter_with_state`, `collections.OrderedDict`, `torch.Size`, and the
 *   three CPython uses for sets and bytes under protocol 2 (`builtins.set`,
 *   `builtins.frozenset`, `_codecs.encode(str, 'latin1')`);
 * - values: the typed storage classes (`torch.FloatStorage` … `torch.BoolStorage`),
 *   `torch.UntypedStorage` (bytes), the dtypes (`torch.float32` …);
 * - BUILD only on a dict (an OrderedDict's `_metadata` attribute, which is ignored);
 * - NEWOBJ only of `collections.OrderedDict`.
 * Anything else (`os.system`, `builtins.eval`, a model class, `torch._tensor._rebuild_from_type_v2`)
 * is refused with its name. Nothing is executed: the "calls" build inert records.
 */
import {PickleRefusal} from './pickle-refusal.js'
import {PickleDict, PickleGlobal, PickleSet, PickleTuple, pythonTypeName} from './pickle-values.js'
import {DTYPES, STORAGE_TYPES, TorchDtype, TorchStorage, TorchStorageType, TorchTensor} from './torch-objects.js'
import type {UnpicklePolicy} from './unpickler.js'

const ORDERED_DICT = 'collections.OrderedDict'
const UNTYPED_STORAGE = new Set([
  'torch.UntypedStorage',
  'torch.storage.UntypedStorage',
  'torch.storage._UntypedStorage',
])

/** The callables REDUCE may invoke, each building an inert record from checked arguments. */
const CALLABLES: Readonly<Record<string, (args: readonly unknown[]) => unknown>> = {
  'torch._utils._rebuild_tensor_v2': rebuildTensor,
  'torch._utils._rebuild_parameter': rebuildParameter,
  'torch._utils._rebuild_parameter_with_state': rebuildParameter,
  [ORDERED_DICT]: orderedDict,
  'torch.Size': (args) => new PickleTuple(intList(args[0], 'torch.Size')),
  // protocol 2 has no set or bytes opcodes: CPython pickles them as these calls
  'builtins.set': makeSet,
  'builtins.frozenset': makeSet,
  '_codecs.encode': latin1Bytes,
}

/** Python 2 module names that CPython's protocol-2 pickles use (pickle's fix_imports mapping). */
const PYTHON2_MODULES: Readonly<Record<string, string>> = {__builtin__: 'builtins', copy_reg: 'copyreg'}

export const ALLOWED_GLOBALS: readonly string[] = [
  ...Object.keys(CALLABLES),
  ...Object.keys(STORAGE_TYPES).map((s) => `torch.${s}`),
  ...UNTYPED_STORAGE,
  ...Object.keys(DTYPES).map((d) => `torch.${d}`),
]

const EXPECTED =
  'expected only tensor rebuild functions, storage types, dtypes, torch.Size, collections.OrderedDict, set and bytes'

/** A fresh policy per pickle: storages are shared by key within one archive. */
export function torchPolicy(): UnpicklePolicy {
  const storages = new Map<string, TorchStorage>()
  return {
    findGlobal,
    reduce: (callable, args) => call(callable, args),
    newObject(cls, args) {
      if (cls instanceof PickleGlobal && cls.qualifiedName === ORDERED_DICT) return orderedDict(args.items)
      throw new PickleRefusal(`NEWOBJ of ${pythonTypeName(cls)} is not allowed (${EXPECTED})`)
    },
    build(target, state) {
      if (target instanceof PickleDict && (state instanceof PickleDict || state === null)) return
      throw new PickleRefusal(`BUILD (__setstate__) on ${pythonTypeName(target)} is not allowed (${EXPECTED})`)
    },
    persistentLoad: (pid) => loadStorage(pid, storages),
  }
}

function findGlobal(pickledModule: string, name: string): unknown {
  const module = Object.hasOwn(PYTHON2_MODULES, pickledModule) ? PYTHON2_MODULES[pickledModule] : pickledModule
  const qualified = `${module}.${name}`
  if (module === 'torch' && Object.hasOwn(STORAGE_TYPES, name))
    return new TorchStorageType(qualified, STORAGE_TYPES[name])
  if (UNTYPED_STORAGE.has(qualified)) return new TorchStorageType(qualified, 'U8')
  if (module === 'torch' && Object.hasOwn(DTYPES, name)) return new TorchDtype(qualified, DTYPES[name])
  if (Object.hasOwn(CALLABLES, qualified)) return new PickleGlobal(module, name)
  throw new PickleRefusal(`global ${qualified} is not allowed (${EXPECTED})`)
}

function call(callable: unknown, args: PickleTuple): unknown {
  if (!(callable instanceof PickleGlobal))
    throw new PickleRefusal(`calling ${pythonTypeName(callable)} (REDUCE) is not allowed (${EXPECTED})`)
  return CALLABLES[callable.qualifiedName](args.items)
}

/** `_rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])`. */
function rebuildTensor(args: readonly unknown[]): TorchTensor {
  const [storage, offset, size, stride] = args
  if (args.length < 6 || args.length > 7)
    throw new PickleRefusal(`_rebuild_tensor_v2 with ${args.length} arguments (6 or 7 expected)`)
  if (!(storage instanceof TorchStorage))
    throw new PickleRefusal('_rebuild_tensor_v2: the first argument is not a storage')
  const shape = intList(size, '_rebuild_tensor_v2 size')
  const strides = intList(stride, '_rebuild_tensor_v2 stride')
  if (shape.length !== strides.length)
    throw new PickleRefusal(`_rebuild_tensor_v2: size has ${shape.length} dimensions, stride ${strides.length}`)
  return new TorchTensor(storage, nonNegativeInt(offset, '_rebuild_tensor_v2 storage_offset'), shape, strides)
}

/** `_rebuild_parameter(data, requires_grad, backward_hooks[, state])`: the Parameter is its tensor. */
function rebuildParameter(args: readonly unknown[]): TorchTensor {
  if (!(args[0] instanceof TorchTensor))
    throw new PickleRefusal('_rebuild_parameter: the first argument is not a tensor')
  return args[0]
}

/** `OrderedDict()` or `OrderedDict([(k, v), …])`. */
function orderedDict(args: readonly unknown[]): PickleDict {
  const dict = new PickleDict()
  if (args.length === 0) return dict
  const pairs = args[0]
  if (args.length !== 1 || !Array.isArray(pairs))
    throw new PickleRefusal('OrderedDict with arguments other than a list of pairs')
  for (const pair of pairs) {
    if (!(pair instanceof PickleTuple) || pair.items.length !== 2)
      throw new PickleRefusal('OrderedDict item is not a pair')
    dict.set(pair.items[0], pair.items[1])
  }
  return dict
}

/** `set(list)` / `frozenset(list)`, or the empty set. */
function makeSet(args: readonly unknown[]): PickleSet {
  const set = new PickleSet()
  if (args.length === 0) return set
  if (args.length !== 1 || !Array.isArray(args[0])) throw new PickleRefusal('set() with arguments other than a list')
  set.items.push(...(args[0] as unknown[]))
  return set
}

/** `_codecs.encode(text, 'latin1')`: protocol 2's bytes; each character is one byte. */
function latin1Bytes(args: readonly unknown[]): Uint8Array {
  const [text, encoding] = args
  if (typeof text !== 'string' || (encoding !== 'latin1' && encoding !== 'latin-1'))
    throw new PickleRefusal("_codecs.encode with arguments other than (str, 'latin1')")
  const bytes = Uint8Array.from(text, (ch) => ch.codePointAt(0)!)
  if ([...text].some((ch) => ch.codePointAt(0)! > 0xff))
    throw new PickleRefusal('_codecs.encode: a character above U+00FF')
  return bytes
}

/** `('storage', storage_type, key, location, numel)`; one storage per key, consistent across references. */
function loadStorage(pid: unknown, storages: Map<string, TorchStorage>): TorchStorage {
  const items = pid instanceof PickleTuple ? pid.items : []
  const [tag, type, key, location, numel] = items
  if (items.length !== 5 || tag !== 'storage' || typeof key !== 'string' || typeof location !== 'string')
    throw new PickleRefusal("persistent id is not ('storage', type, key, location, numel)")
  if (!(type instanceof TorchStorageType))
    throw new PickleRefusal(`persistent id: ${pythonTypeName(type)} is not a storage type`)
  const storage = new TorchStorage(key, type.dtype, nonNegativeInt(numel, `storage ${key} numel`), location)
  const seen = storages.get(key)
  if (!seen) {
    storages.set(key, storage)
    return storage
  }
  if (seen.dtype !== storage.dtype || seen.numel !== storage.numel)
    throw new PickleRefusal(
      `storage ${key} is referenced as ${seen.dtype}×${seen.numel} and as ${storage.dtype}×${storage.numel}`,
    )
  return seen
}

function intList(value: unknown, what: string): number[] {
  const items = value instanceof PickleTuple ? value.items : undefined
  if (!items) throw new PickleRefusal(`${what} is not a tuple`)
  return items.map((v, i) => nonNegativeInt(v, `${what}[${i}]`))
}

function nonNegativeInt(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    throw new PickleRefusal(
      `${what} is ${typeof value === 'bigint' ? String(value) : (JSON.stringify(value) ?? pythonTypeName(value))} (expected a non-negative integer below 2^53)`,
    )
  return value
}
