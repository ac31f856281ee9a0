// Child-process driver for the streaming-memory test: opens a checkpoint with the built reader,
// reads one tensor as float32 and prints {baselineKiB, peakKiB, first} as JSON, where baseline is
// the peak RSS after start-up and peak the peak RSS after the read (process.resourceUsage().maxRSS).
// Usage: node read-tensor-rss.mjs CHECKPOINT TENSOR
import {openCheckpoint} from '../../dist/core/checkpoint/index.js'

const [path, name] = process.argv.slice(2)
const baselineKiB = process.resourceUsage().maxRSS
const ck = await openCheckpoint(path)
const entry = ck.tensors.find((t) => t.name === name)
if (!entry) throw new Error(`no tensor ${name}`)
const values = await ck.readFloat32(entry)
const peakKiB = process.resourceUsage().maxRSS
await ck.close()
console.log(JSON.stringify({baselineKiB, peakKiB, first: [...values.subarray(0, 2)], length: values.length}))
