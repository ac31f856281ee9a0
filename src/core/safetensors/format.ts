/**
 * safetensors as a checkpoint format: a file starts with its header length (u64,
 * little-endian) followed by the JSON header's `{`; a directory holds
 * `model.safetensors.index.json` or `*.safetensors` shards; an index is a
 * `*.safetensors.index.json` (any other JSON is left to the readers that want it).
 */
import {startsWith} from '../checkpoint/checkpoint-probe.js'
import type {CheckpointFormatReader} from '../checkpoint/open-checkpoint.js'
import {openSafetensors} from './reader.js'
import {INDEX_FILE} from './shards.js'

export const safetensorsFormat: CheckpointFormatReader = {
  format: 'safetensors',
  expects: 'a .safetensors file, a directory of shards or a model.safetensors.index.json',
  claims(probe) {
    if (probe.isDirectory)
      return probe.names.includes(INDEX_FILE) || probe.names.some((n) => n.endsWith('.safetensors'))
    if (probe.path.endsWith('.safetensors.index.json')) return true
    return probe.head.length >= 9 && probe.head[8] === 0x7b && !startsWith(probe.head, 'GGUF')
  },
  open: (probe) => openSafetensors(probe.path),
}
