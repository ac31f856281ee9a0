/**
 * TF.js as a checkpoint format. Claimed: a directory holding `model.json` (and no
 * safetensors files, which win when both are present); a `.json` file named
 * `model.json` or `*weights_manifest.json`, or any other JSON whose text has a
 * `"weightsManifest"` key. A `*.safetensors.index.json` is left to safetensors.
 */
import {readFileSync} from 'node:fs'
import {basename, join} from 'node:path'
import type {CheckpointFormatReader} from '../checkpoint/open-checkpoint.js'
import {firstNonSpace, type CheckpointProbe} from '../checkpoint/checkpoint-probe.js'
import {openTfjs} from './reader.js'

export const MODEL_JSON = 'model.json'

/** JSON files larger than this are not searched for a manifest key when claiming. */
const MAX_SCAN_BYTES = 64 * 2 ** 20

export const tfjsFormat: CheckpointFormatReader = {
  format: 'tfjs',
  expects: 'a TF.js model.json (or weights manifest) with its .bin shards, or its directory',
  claims: (probe) => (probe.isDirectory ? claimsDirectory(probe) : claimsFile(probe)),
  open: (probe) =>
    probe.isDirectory ? openTfjs(join(probe.path, MODEL_JSON), 'directory') : openTfjs(probe.path, 'index'),
}

function claimsDirectory(probe: CheckpointProbe): boolean {
  return probe.names.includes(MODEL_JSON) && !probe.names.some((n) => n.includes('.safetensors'))
}

function claimsFile(probe: CheckpointProbe): boolean {
  const name = basename(probe.path)
  if (!name.endsWith('.json') || name.endsWith('.safetensors.index.json')) return false
  if (name === MODEL_JSON || name.endsWith('weights_manifest.json')) return true
  const first = firstNonSpace(probe.head)
  if ((first !== 0x7b && first !== 0x5b) || probe.size > MAX_SCAN_BYTES) return false
  try {
    return readFileSync(probe.path, 'utf8').includes('"weightsManifest"')
  } catch {
    return false
  }
}
