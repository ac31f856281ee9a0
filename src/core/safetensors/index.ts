/**
 * Reading and writing safetensors checkpoints (single files, shard directories and
 * `model.safetensors.index.json`), with streaming positioned reads. See docs/checkpoint.md.
 */
export {openSafetensors, type SafetensorsCheckpoint, type SafetensorsEntry} from './reader.js'
export {safetensorsFormat} from './format.js'
export {type TensorToWrite, writeSafetensors} from './writer.js'
export {writeShardedSafetensors, type ShardedWriteResult} from './sharded-writer.js'
export {DTYPE_SIZES, type Dtype, dtypeSize, FLOAT_DTYPES} from './dtypes.js'
export {INDEX_FILE} from './shards.js'
