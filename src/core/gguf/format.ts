/**
 * GGUF as a checkpoint format: a file that starts with the magic `GGUF` or is named
 * `*.gguf` (so a damaged .gguf gets GGUF's precise complaint, not safetensors'), or a
 * directory holding `.gguf` files and no safetensors (a directory with both is left to
 * the safetensors reader, the format such a directory is usually meant for).
 */
import {startsWith} from '../checkpoint/checkpoint-probe.js'
import type {CheckpointFormatReader} from '../checkpoint/open-checkpoint.js'
import {openGguf} from './reader.js'

export const ggufFormat: CheckpointFormatReader = {
  format: 'gguf',
  expects: 'a .gguf file, a part of a split set (NAME-00001-of-0000M.gguf) or a directory holding one',
  claims(probe) {
    if (probe.isDirectory)
      return probe.names.some((n) => n.endsWith('.gguf')) && !probe.names.some((n) => n.includes('.safetensors'))
    return startsWith(probe.head, 'GGUF') || probe.path.endsWith('.gguf')
  },
  open: (probe) => openGguf(probe.path, probe.isDirectory, probe.names),
}
