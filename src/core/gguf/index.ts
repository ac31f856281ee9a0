/**
 * Reading GGUF checkpoints (llama.cpp's format: single files and gguf-split sets) with
 * on-the-fly dequantization to float32. See docs/checkpoint.md, section GGUF.
 */
export {ggufFormat} from './format.js'
export {openGguf} from './reader.js'
export {readGgufHeader, type GgufHeader, type GgufTensorInfo} from './header.js'
export {ggmlTypeById, ggmlTypeByName, SUPPORTED_GGML_TYPES, type GgmlType} from './ggml-types.js'
export {dequantizerOf, type Dequantizer} from './dequant/dequantize.js'
