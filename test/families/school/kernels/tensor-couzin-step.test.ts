import {test} from 'node:test'
import assert from 'node:assert/strict'
import {selectEngine, tensorflow} from '../../../../src/core/engine/tensor-engine.js'
import {canonicalConfigs, canonicalConfigNames} from '../../../../src/families/school/kernels/school-parameters.js'
import {simulateSchool} from '../../../../src/families/school/kernels/simulate-school.js'
import {simulateSchoolBatch} from '../../../../src/families/school/kernels/tensor-couzin-step.js'

/**
 * Tolerance: positions are float32 on the tensor path, so each step rounds them by up to
 * ulp(L)/2 (1.9e-6 for L = 35) and headings by ~6e-8; over 20 steps that accumulates to
 * ~4e-5 without any amplification. 1e-4 (≈ 25 float32 ulps of L) leaves a 2.5× margin, and is
 * far below any change of zone membership (which would move a fish by ~v0·dt·θmax ≈ 0.03).
 * Chaotic growth makes the paths separate over long runs; that is expected (docs/school.md).
 */
const TOL = 1e-4
const STEPS = 20

for (const backend of ['cpu', 'wasm'] as const) {
  test(`float32 tensor step on the tfjs ${backend} backend tracks the float64 CPU path within ${TOL} for ${STEPS} steps (2 members batched)`, async () => {
    await selectEngine({backend, threads: 1})
    const tf = await tensorflow()
    assert.equal(tf.getBackend(), backend)
    for (const name of canonicalConfigNames) {
      const p = {...canonicalConfigs[name], n_fish: 30, n_steps: STEPS}
      const reference = [0, 1].map((m) => {
        const frames: {pos: Float64Array; vel: Float64Array}[] = []
        for (const f of simulateSchool({...p, seed: p.seed + m}))
          frames.push({pos: f.state.positions.slice(), vel: f.state.velocities.slice()})
        return frames
      })
      let worst = 0
      let frames = 0
      for (const batch of simulateSchoolBatch(tf, p, 2)) {
        frames++
        batch.forEach((f, m) => {
          const ref = reference[m][f.frame]
          for (let k = 0; k < ref.pos.length; k++) {
            const d = Math.abs(f.state.positions[k] - ref.pos[k])
            worst = Math.max(worst, Math.min(d, p.box_size - d), Math.abs(f.state.velocities[k] - ref.vel[k]))
          }
        })
      }
      assert.equal(frames, STEPS + 1)
      assert.ok(worst <= TOL, `${name}: max |Δ| = ${worst}`)
      assert.ok(worst > 0, `${name}: float32 results should differ from float64 somewhere`)
      process.stdout.write(`# ${backend} ${name}: max |Δpos|, |Δvel| over ${STEPS} steps = ${worst.toExponential(2)}\n`)
    }
  })
}
