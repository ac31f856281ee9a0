/**
 * The torch objects a checkpoint pickle may produce, as inert records: a storage (the
 * persistent id `('storage', FloatStorage, '0', 'cpu', numel)` names an entry
 * `data/0` of the archive), a tensor (a strided view of a storage, from
 * `_rebuild_tensor_v2`), a storage type and a dtype (values of allow-listed globals).
 * The dtype names are the safetensors ones the rest of infolens speaks.
 */
import type {Dtype} from '../safetensors/dtypes.js'

/** `torch.FloatStorage` etc.: the element type of the storages it tags. */
export class TorchStorageType {
  constructor(
    readonly qualifiedName: string,
    readonly dtype: Dtype,
  ) {}
}

/** `torch.float32` etc., as torch ≥ 2 pickles dtypes (GLOBAL `torch float32`). */
export class TorchDtype {
  constructor(
    readonly qualifiedName: string,
    readonly dtype: Dtype,
  ) {}
}

export class TorchStorage {
  constructor(
    /** The archive entry `data/<key>` holding the bytes. */
    readonly key: string,
    readonly dtype: Dtype,
    /** Elements of `dtype` (bytes for an untyped storage). */
    readonly numel: number,
    readonly location: string,
  ) {}
}

export class TorchTensor {
  constructor(
    readonly storage: TorchStorage,
    /** In elements of the storage's dtype. */
    readonly storageOffset: number,
    readonly shape: readonly number[],
    /** In elements; torch never writes negative strides. */
    readonly stride: readonly number[],
  ) {}
}

/** `torch.FloatStorage` … and the dtype each one holds (torch/storage.py `_LegacyStorage` subclasses). */
export const STORAGE_TYPES: Readonly<Record<string, Dtype>> = {
  DoubleStorage: 'F64',
  FloatStorage: 'F32',
  HalfStorage: 'F16',
  BFloat16Storage: 'BF16',
  LongStorage: 'I64',
  IntStorage: 'I32',
  ShortStorage: 'I16',
  CharStorage: 'I8',
  ByteStorage: 'U8',
  BoolStorage: 'BOOL',
}

/** `torch.<name>` dtype globals and their safetensors names (aliases included: `torch.float` is float32). */
export const DTYPES: Readonly<Record<string, Dtype>> = {
  float64: 'F64',
  double: 'F64',
  float32: 'F32',
  float: 'F32',
  float16: 'F16',
  half: 'F16',
  bfloat16: 'BF16',
  int64: 'I64',
  long: 'I64',
  int32: 'I32',
  int: 'I32',
  int16: 'I16',
  short: 'I16',
  int8: 'I8',
  uint8: 'U8',
  bool: 'BOOL',
}
