/**
 * Flattening what a checkpoint's pickle holds into named tensors. A state dict maps
 * names to tensors; training checkpoints nest it (`{'state_dict': {...}}`,
 * `{'model': {...}, 'epoch': 3}`), and some hold lists of tensors. Names are the dotted
 * path of keys (list positions as numbers), as PyTorch names parameters. Everything
 * that is not a tensor or a container (epochs, learning rates, strings, dtypes) is
 * counted by type, never reported by value. The walk is bounded in depth and in nodes
 * visited, so a pickle whose memo makes cycles or exponential sharing cannot hang it.
 */
import {PickleRefusal} from './pickle-refusal.js'
import {PickleDict, PickleSet, PickleTuple, pythonTypeName} from './pickle-values.js'
import {TorchDtype, TorchStorage, TorchStorageType, TorchTensor} from './torch-objects.js'

export const MAX_NESTING = 64
export const MAX_NODES = 1 << 22
/** The name given to a checkpoint that is one bare tensor (`torch.save(t)`). */
export const ROOT_TENSOR_NAME = 'tensor'

export interface FlatStateDict {
  /** Tensors by dotted name, in the pickle's order. */
  readonly tensors: ReadonlyMap<string, TorchTensor>
  /** Non-tensor leaves by Python type (`number: 2, str: 1`). */
  readonly otherLeaves: ReadonlyMap<string, number>
}

export function flattenStateDict(root: unknown): FlatStateDict {
  const tensors = new Map<string, TorchTensor>()
  const otherLeaves = new Map<string, number>()
  let nodes = 0
  const visit = (value: unknown, path: string[]): void => {
    if (++nodes > MAX_NODES) throw new PickleRefusal(`more than ${MAX_NODES} values nested in the checkpoint`)
    if (path.length > MAX_NESTING) throw new PickleRefusal(`containers nested deeper than ${MAX_NESTING} levels`)
    if (value instanceof TorchTensor) return addTensor(tensors, path, value)
    const children = childrenOf(value)
    if (children) for (const [key, child] of children) visit(child, [...path, key])
    else otherLeaves.set(leafType(value), (otherLeaves.get(leafType(value)) ?? 0) + 1)
  }
  visit(root, [])
  return {tensors, otherLeaves}
}

function addTensor(tensors: Map<string, TorchTensor>, path: string[], tensor: TorchTensor): void {
  const name = path.length === 0 ? ROOT_TENSOR_NAME : path.join('.')
  if (tensors.has(name)) throw new PickleRefusal(`tensor name ${name} occurs twice after flattening nested keys`)
  tensors.set(name, tensor)
}

/** The Python type of a leaf, torch's own for the torch records. */
function leafType(value: unknown): string {
  if (value instanceof TorchDtype) return 'torch.dtype'
  if (value instanceof TorchStorage) return 'torch.storage'
  if (value instanceof TorchStorageType) return 'type'
  return pythonTypeName(value)
}

/** A container's (key, child) pairs, or undefined for a leaf. */
function childrenOf(value: unknown): Iterable<[string, unknown]> | undefined {
  if (value instanceof PickleDict) return [...value.entries].map(([k, v]) => [keyName(k), v])
  if (Array.isArray(value)) return value.map((v, i) => [String(i), v])
  if (value instanceof PickleTuple) return value.items.map((v, i) => [String(i), v])
  if (value instanceof PickleSet) return value.items.map((v, i) => [String(i), v])
  return undefined
}

function keyName(key: unknown): string {
  if (typeof key === 'string') return key
  if (typeof key === 'number' || typeof key === 'bigint') return String(key)
  if (typeof key === 'boolean') return key ? 'True' : 'False'
  if (key === null) return 'None'
  throw new PickleRefusal(`a dict key of type ${pythonTypeName(key)} (expected str, int, bool or None keys)`)
}
