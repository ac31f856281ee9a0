/**
 * Checkpoints in every format infolens reads, behind one interface. See docs/checkpoint.md.
 */
export {
  type Checkpoint,
  type CheckpointFormat,
  type CheckpointLayout,
  elementCount,
  type ShardInfo,
  type TensorEntry,
} from './checkpoint.js'
export {checkDecodable} from './decodable.js'
export {isBlockQuantizedDtype, isFloatDtype, isQuantizedDtype} from './float-dtypes.js'
export {CHECKPOINT_FORMATS, openCheckpoint} from './open-checkpoint.js'
export {compareNatural} from './natural-order.js'
