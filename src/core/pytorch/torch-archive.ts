/**
 * One `torch.save` zip archive (torch ≥ 1.6): `<root>/data.pkl` (the pickled object),
 * `<root>/data/<key>` (one stored entry of raw little-endian bytes per storage),
 * `<root>/version` and, from torch 2.1, `<root>/byteorder`. Opening reads the zip
 * directory and the pickle only: the pickle goes through the restricted unpickler,
 * its tensors are flattened to dotted names and each is checked against its storage
 * entry (stored, long enough for every element its shape, stride and offset reach).
 * TorchScript archives (`constants.pkl`, `code/`) are refused: they hold programs, and
 * their tensors are reachable only by running them.
 */
import {InputError} from '../errors.js'
import {dtypeSize, type Dtype} from '../safetensors/dtypes.js'
import {singleRootFolder, ZipArchive, type ZipEntry, ZipFormatError} from '../zip/index.js'
import {PickleRefusal} from './pickle-refusal.js'
import {flattenStateDict} from './state-dict.js'
import {checkedElementCount, isRowMajor, storageSpan, type StorageSpan} from './strided-view.js'
import type {TorchTensor} from './torch-objects.js'
import {torchPolicy} from './torch-policy.js'
import {unpickle} from './unpickler.js'

/** A checkpoint's pickle beyond this is refused (a 70B-parameter model's data.pkl is a few MB). */
export const MAX_PICKLE_BYTES = 256 * 2 ** 20

/** Where one tensor's elements are, and how to read them. */
export interface TensorPlacement {
  readonly name: string
  readonly dtype: Dtype
  readonly shape: readonly number[]
  readonly stride: readonly number[]
  readonly count: number
  readonly itemSize: number
  /** The zip entry of its storage. */
  readonly storage: ZipEntry
  /** The storage elements its view reaches. */
  readonly span: StorageSpan
  /** Row-major contiguous: the spanned bytes are the tensor as they are. */
  readonly rowMajor: boolean
}

export interface TorchArchive {
  readonly zip: ZipArchive
  readonly root: string
  readonly tensors: TensorPlacement[]
  readonly otherLeaves: ReadonlyMap<string, number>
  /** Bytes of the storages (the rest of the file is the pickle and the zip structure). */
  readonly storageBytes: number
  /** Absolute position of each storage entry's data (from its local header, read at open). */
  readonly storageStarts: ReadonlyMap<string, number>
}

export async function openTorchArchive(file: string): Promise<TorchArchive> {
  const zip = await ZipArchive.open(file)
  try {
    if (![...zip.entries.keys()].some((n) => n.endsWith('/data.pkl')))
      throw new InputError(
        'a zip archive without <root>/data.pkl is not a PyTorch checkpoint (expected a torch.save file)',
        {
          file,
        },
      )
    const root = rootFolder(zip)
    refuseTorchScript(zip, root)
    await checkByteOrder(zip, root)
    const pickleName = `${root}/data.pkl`
    const pickleEntry = zip.entries.get(pickleName)
    if (!pickleEntry)
      throw new InputError(`zip archive without ${pickleName} (expected a torch.save checkpoint)`, {file})
    const bytes = await zip.readWhole(pickleEntry, MAX_PICKLE_BYTES)
    const flat = refusalsAsInput(file, pickleName, () => flattenStateDict(unpickle(bytes, torchPolicy())))
    const tensors = [...flat.tensors].map(([name, t]) => place(zip, root, name, t))
    const storageStarts = new Map<string, number>()
    let storageBytes = 0
    for (const {storage} of tensors) {
      if (storageStarts.has(storage.name)) continue
      storageStarts.set(storage.name, await zip.dataStart(storage))
      storageBytes += storage.compressedSize
    }
    return {zip, root, tensors, otherLeaves: flat.otherLeaves, storageBytes, storageStarts}
  } catch (error) {
    await zip.close()
    throw error
  }
}

function rootFolder(zip: ZipArchive): string {
  try {
    return singleRootFolder([...zip.entries.keys()])
  } catch (error) {
    if (error instanceof ZipFormatError) throw new InputError(error.expected, {file: zip.file, field: error.record})
    throw error
  }
}

function refuseTorchScript(zip: ZipArchive, root: string): void {
  const names = [...zip.entries.keys()]
  if (names.includes(`${root}/constants.pkl`) || names.some((n) => n.startsWith(`${root}/code/`)))
    throw new InputError(
      "a TorchScript archive is not supported (expected a torch.save checkpoint; save the scripted module's state_dict() with torch.save)",
      {file: zip.file},
    )
}

async function checkByteOrder(zip: ZipArchive, root: string): Promise<void> {
  const entry = zip.entries.get(`${root}/byteorder`)
  if (!entry) return // torch < 2.1 wrote no byteorder record and only little-endian data
  const order = new TextDecoder().decode(await zip.readWhole(entry, 16)).trim()
  if (order !== 'little')
    throw new InputError(`byte order ${JSON.stringify(order)} is not supported (expected "little")`, {
      file: zip.file,
      field: entry.name,
    })
}

/** Runs the unpickler, turning its refusals into one-line input errors naming the file and the pickle. */
function refusalsAsInput<T>(file: string, field: string, run: () => T): T {
  try {
    return run()
  } catch (error) {
    if (error instanceof PickleRefusal) throw new InputError(error.message, {file, field})
    throw error
  }
}

/** Checks one tensor against its storage entry and records where its elements are. */
function place(zip: ZipArchive, root: string, name: string, tensor: TorchTensor): TensorPlacement {
  const fail = (expected: string) => new InputError(expected, {file: zip.file, field: `tensor ${name}`})
  const {storage, shape, stride, storageOffset} = tensor
  const itemSize = dtypeSize(storage.dtype)
  const entry = zip.entries.get(`${root}/data/${storage.key}`)
  if (!entry) throw fail(`storage ${storage.key} has no entry ${root}/data/${storage.key} in the archive`)
  if (entry.method !== 0)
    throw fail(`storage entry ${entry.name} is compressed (expected stored, as torch.save writes)`)
  if (entry.uncompressedSize < storage.numel * itemSize)
    throw fail(
      `storage ${storage.key} holds ${entry.uncompressedSize} bytes, its ${storage.numel} ${storage.dtype} elements need ${storage.numel * itemSize}`,
    )
  const count = checkedElementCount(shape)
  const span = storageSpan(shape, stride, storageOffset)
  if (count === undefined || span === undefined)
    throw fail(`shape ${JSON.stringify(shape)} with stride ${JSON.stringify(stride)} overflows 2^53 elements`)
  if (count > 0 && span.end > storage.numel)
    throw fail(
      `shape ${JSON.stringify(shape)}, stride ${JSON.stringify(stride)} and offset ${storageOffset} reach element ${span.end - 1}, the storage ${storage.key} holds ${storage.numel} (storage shorter than the tensor needs)`,
    )
  return {
    name,
    dtype: storage.dtype,
    shape,
    stride,
    count,
    itemSize,
    storage: entry,
    span,
    rowMajor: isRowMajor(shape, stride),
  }
}
