/**
 * PyTorch as a checkpoint format. A file is claimed by its magic bytes: `PK\x03\x04`
 * (a zip archive, as torch.save writes since 1.6) or a pickle's PROTO opcode 0x80
 * (the legacy pre-1.6 format, refused with a one-line "not supported"); an index by
 * its name `*.bin.index.json`; a directory by `pytorch_model*.bin` names, unless it
 * also holds safetensors, which are then preferred (the same weights, read without
 * any pickle).
 */
import {startsWith} from '../checkpoint/checkpoint-probe.js'
import type {CheckpointFormatReader} from '../checkpoint/open-checkpoint.js'
import {InputError} from '../errors.js'
import {openPytorch} from './reader.js'
import {isPytorchDirectory, resolvePytorchLayout} from './shards.js'

const ZIP_MAGIC = 'PK\x03\x04'
const PICKLE_PROTO = 0x80
/** torch < 1.6 starts with a pickled magic number 0x1950a86a20f9469cfc6c (LONG1, 10 bytes). */
const LEGACY_MAGIC = [0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19]

export const pytorchFormat: CheckpointFormatReader = {
  format: 'pytorch',
  expects:
    'a PyTorch .bin/.pt zip checkpoint, a directory of pytorch_model*.bin shards or a pytorch_model.bin.index.json',
  claims(probe) {
    if (probe.isDirectory)
      return (
        isPytorchDirectory(probe.names) &&
        !probe.names.some((n) => n.endsWith('.safetensors') || n.endsWith('.safetensors.index.json'))
      )
    if (probe.path.endsWith('.bin.index.json')) return true
    // a safetensors header length can start with these bytes (640 = 80 02 00 …); its JSON '{' at byte 8 cannot
    if (probe.head[8] === 0x7b) return false
    return startsWith(probe.head, ZIP_MAGIC) || isPickle(probe.head)
  },
  async open(probe) {
    if (!probe.isDirectory && isPickle(probe.head)) throw notZip(probe.path, probe.head)
    return openPytorch(resolvePytorchLayout(probe.path, probe.isDirectory, probe.names))
  },
}

/** PROTO 2–5, the first opcode of every pickle torch (or anyone since Python 2.3) writes. */
function isPickle(head: Uint8Array): boolean {
  return head[0] === PICKLE_PROTO && head[1] >= 2 && head[1] <= 5
}

function notZip(file: string, head: Uint8Array): InputError {
  const legacy = LEGACY_MAGIC.every((b, i) => head[i + 2] === b)
  if (legacy)
    return new InputError(
      'the legacy (torch < 1.6) serialization format is not supported (expected a zip checkpoint: load it with torch and save it again with torch.save, or convert it to safetensors)',
      {file},
    )
  return new InputError('a bare pickle is not a PyTorch checkpoint (expected a torch.save zip archive)', {file})
}
