/**
 * Reading and writing safetensors checkpoints (single files, shard directories and
 * `model.safetensors.index.json`), with streaming positioned reads. See docs/checkpoint.md.
 */
export {type Checkpoint, elementCount, openCheckpoint, type ShardInfo, type TensorEntry} from './reader.js'
export {type TensorToWrite, writeSafetensors} from './writer.js'
export {writeShardedSafetensors, type ShardedWriteResult} from './sharded-writer.js'
export {DTYPE_SIZES, type Dtype, dtypeSize, FLOAT_DTYPES} from './dtypes.js'
export {compareNatural} from '../checkpoint/natural-order.js'
export {type CheckpointLayout, INDEX_FILE} from './shards.js'
