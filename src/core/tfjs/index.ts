/**
 * Reading TF.js models (model.json or a weights manifest, sharded .bin files,
 * uint8/uint16/float16 quantization) as checkpoints. See docs/checkpoint.md.
 */
export {tfjsFormat} from './format.js'
export {openTfjs} from './reader.js'
export {dequantizeAffine, dequantizeAffineInt32} from './dequantize.js'
