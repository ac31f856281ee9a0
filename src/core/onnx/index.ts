/**
 * Reading ONNX models as checkpoints (initializers and Constant tensors, raw,
 * typed or external data). See docs/checkpoint.md.
 */
export {onnxFormat, looksLikeModelProto} from './format.js'
export {openOnnx} from './reader.js'
