/**
 * Why `spectral analyze` may read GGUF block-quantized tensors as float32 (half the memory of float64): the
 * dequantized values are float32 values, so readFloat64 is exactly readFloat32 widened, for every quantized
 * tensor of the real-weights fixture. `isBlockQuantizedDtype` names those types and no float type.
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {isBlockQuantizedDtype, openCheckpoint} from '../../../src/core/checkpoint/index.js'

const fixture = new URL('../../fixtures/gguf/real-quants.gguf', import.meta.url).pathname

test('GGUF quantized tensors: float64 values are the float32 values widened', async () => {
  const ck = await openCheckpoint(fixture)
  try {
    const quantized = ck.tensors.filter((t) => isBlockQuantizedDtype(t.dtype))
    assert.equal(quantized.length, 5)
    for (const t of quantized) {
      const [f32, f64] = [await ck.readFloat32(t), await ck.readFloat64(t)]
      assert.equal(f64.length, f32.length)
      assert.ok(
        f64.every((x, i) => x === f32[i]),
        t.name,
      )
    }
  } finally {
    await ck.close()
  }
  for (const dtype of ['F32', 'F16', 'BF16', 'U8_AFFINE', 'I64'])
    assert.equal(isBlockQuantizedDtype(dtype), false, dtype)
  for (const dtype of ['Q4_0', 'Q8_0', 'Q4_K', 'Q6_K', 'IQ2_XS'])
    assert.equal(isBlockQuantizedDtype(dtype), true, dtype)
})
