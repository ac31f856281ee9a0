/**
 * PyTorch checkpoints (torch.save zip archives) read through a restricted unpickler. See docs/checkpoint.md.
 */
export {pytorchFormat} from './format.js'
export {ALLOWED_GLOBALS} from './torch-policy.js'
