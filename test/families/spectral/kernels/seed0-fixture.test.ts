/**
 * The spec's seed-0 fixture (spectral.md §6.1) against WeightWatcher 0.7.5.5's published numbers (§6.2).
 * Eigenvalues come from test/fixtures/spectral/seed0-evals.bin (float64 SVD by reference.py, so the 47 MB
 * checkpoint need not be committed). The published table has 6 significant digits: tolerance 1e-5 relative
 * (5e-5 on the MP columns, whose σ goes through a Nelder–Mead polish), integers exact.
 */
import {readFileSync} from 'node:fs'
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {combineEsd, matrixGeometry} from '../../../../src/families/spectral/kernels/esd.js'
import {layerMetrics} from '../../../../src/families/spectral/kernels/layer-metrics.js'
import {summarize} from '../../../../src/families/spectral/kernels/summary.js'

const dir = new URL('../../../fixtures/spectral/', import.meta.url).pathname
const meta = JSON.parse(readFileSync(dir + 'seed0-evals.json', 'utf8')) as {
  layers: {name: string; N: number; M: number; count: number}[]
}
const all = new Float64Array(readFileSync(dir + 'seed0-evals.bin').buffer.slice(0))

// [name, alpha, alpha_weighted, D, xmin, xmax, num_pl_spikes, sigma, stable_rank, log_norm, log_spectral_norm, warning]
const ww: [string, number, number, number, number, number, number, number, number, number, number, string][] = [
  [
    'layers.0.mlp.down_proj',
    3.69316,
    3.73788,
    0.00885093,
    1.23442,
    10.2827,
    239,
    0.174206,
    91.777,
    2.97484,
    1.01211,
    '',
  ],
  [
    'layers.0.mlp.up_proj',
    2.08196,
    4.37038,
    0.00721396,
    0.331286,
    125.652,
    449,
    0.0510607,
    7.51058,
    2.97484,
    2.09917,
    '',
  ],
  [
    'layers.0.self_attn.k_proj',
    4.06354,
    4.15248,
    0.0793274,
    0.62581,
    10.5169,
    116,
    0.284442,
    22.4334,
    2.37278,
    1.02189,
    '',
  ],
  [
    'layers.0.self_attn.o_proj',
    5.19726,
    2.17981,
    0.0395826,
    0.887562,
    2.62673,
    54,
    0.571175,
    89.8189,
    2.37278,
    0.419415,
    '',
  ],
  [
    'layers.0.self_attn.q_proj',
    2.65611,
    2.54548,
    0.00835759,
    0.293122,
    9.08554,
    210,
    0.114282,
    25.9676,
    2.37278,
    0.958351,
    '',
  ],
  [
    'layers.0.self_attn.v_proj',
    17.8325,
    1.51695,
    0.121748,
    1.04355,
    1.21637,
    22,
    3.5887,
    193.976,
    2.37282,
    0.0850668,
    'under-trained',
  ],
  [
    'layers.1.mlp.down_proj',
    4.34929,
    11.7753,
    0.114333,
    0.676337,
    509.811,
    259,
    0.208115,
    1.85111,
    2.97484,
    2.70741,
    '',
  ],
  ['layers.1.mlp.up_proj', 3.87434, 5.86774, 0.0587811, 1.43948, 32.6976, 218, 0.194675, 28.8621, 2.97484, 1.51452, ''],
]
// [log_alpha_norm, lambda_max, detX_num, detX_val, detX_val_unrescaled, num_spikes, sigma_mp, mp_softrank, bulk_max, entropy, matrix_rank]
const extra: number[][] = [
  [4.17251, 10.2827, 620, 0.785406, 0.639165, 56, 0.850369, 0.194433, 1.9993, 0.98028, 768],
  [4.5687, 125.652, 296, 0.486239, 0.395702, 116, 0.617632, 0.00839371, 1.05468, 0.769306, 768],
  [4.16828, 10.5169, 539, 0.0632894, 0.20602, 7, 1.00196, 0.1173, 1.23363, 0.903418, 768],
  [2.54638, 2.62673, 549, 0.0582863, 0.189734, 12, 1.00843, 0.475728, 1.24961, 0.917135, 768],
  [2.83595, 9.08554, 500, 0.148192, 0.482396, 31, 0.848126, 0.0972861, 0.883897, 0.920716, 768],
  [2.30806, 1.21637, 562, 0.0546731, 0.177959, 0, 1.0071, 1.02469, 1.2464, 0.924593, 768],
  [11.7753, 509.811, 65, 1.02402, 0.833349, 1, 0.678958, 0.0025, 1.27453, 0.554916, 768],
  [5.93786, 32.6976, 599, 0.566555, 0.461064, 33, 0.926612, 0.0726013, 2.37388, 0.953334, 768],
]

function close(actual: number, expected: number, rel: number, what: string): number {
  const err = Math.abs(actual - expected) / Math.abs(expected)
  assert.ok(err <= rel, `${what}: ${actual} vs ${expected} (rel ${err.toExponential(2)} > ${rel})`)
  return err
}

const rows = (() => {
  let off = 0
  return meta.layers.map((l) => {
    const evals = all.subarray(off, off + l.count)
    off += l.count
    const geometry = matrixGeometry([l.N, l.M])!
    return {name: l.name, m: layerMetrics(combineEsd([evals], geometry), geometry, {fixFingers: 'none', mpFit: true})}
  })
})()

test('seed-0 fixture: default-path columns match WeightWatcher 0.7.5.5 (6 significant digits)', () => {
  assert.deepEqual(
    rows.map((r) => r.name),
    ww.map((w) => w[0]),
  )
  let worst = 0
  for (const [i, w] of ww.entries()) {
    const m = rows[i].m
    const fields = [
      'alpha',
      'alpha_weighted',
      'D',
      'xmin',
      'xmax',
      'num_pl_spikes',
      'sigma',
      'stable_rank',
      'log_norm',
      'log_spectral_norm',
    ] as const
    fields.forEach((f, k) => {
      worst = Math.max(worst, close(m[f] as number, w[k + 1] as number, 1e-5, `${w[0]} ${f}`))
    })
    assert.equal(m.warning, w[11])
    assert.equal(m.status, 'ok')
  }
  assert.ok(worst < 1e-5)
})

test('seed-0 fixture: detX, MP fit, entropy and rank columns match WeightWatcher', () => {
  for (const [i, e] of extra.entries()) {
    const m = rows[i].m
    const name = rows[i].name
    close(m.log_alpha_norm!, e[0], 1e-5, `${name} log_alpha_norm`)
    close(m.lambda_max, e[1], 1e-5, `${name} lambda_max`)
    assert.equal(m.detX_num, e[2], `${name} detX_num`)
    close(m.detX_val, e[3], 1e-5, `${name} detX_val`)
    close(m.detX_val_rescaled, e[4], 1e-5, `${name} detX_val_rescaled`)
    assert.equal(m.num_spikes, e[5], `${name} num_spikes`)
    close(m.sigma_mp!, e[6], 5e-5, `${name} sigma_mp`)
    close(m.mp_softrank!, e[7], 5e-5, `${name} mp_softrank`)
    close(m.bulk_max!, e[8], 5e-5, `${name} bulk_max`)
    close(m.entropy, e[9], 1e-5, `${name} entropy`)
    assert.equal(m.matrix_rank, e[10])
  }
})

test('seed-0 fixture: SETOL gap signs as in the spec (q_proj +0.145, up_proj crossed -0.155)', () => {
  const q = rows.find((r) => r.name === 'layers.0.self_attn.q_proj')!.m
  const up = rows.find((r) => r.name === 'layers.0.mlp.up_proj')!.m
  close(q.setol_gap!, 0.293122 - 0.148192, 1e-4, 'q_proj gap')
  close(up.setol_gap!, 0.331286 - 0.486239, 1e-4, 'up_proj gap')
})

test('seed-0 fixture: WeightWatcher summary means (all 8 layers ok)', () => {
  const s = summarize(
    rows.map((r) => r.m),
    0,
  )
  const expected = {
    log_norm: 2.673817,
    alpha: 5.468517,
    alpha_weighted: 4.518255,
    log_alpha_norm: 4.789134,
    log_spectral_norm: 1.22724,
    stable_rank: 57.774588,
    mp_softrank: 0.249116,
  }
  for (const [k, v] of Object.entries(expected)) close(s.means[k as keyof typeof s.means]!, v, 5e-6, `summary ${k}`)
  assert.equal(s.counts.ok, 8)
  assert.equal(s.counts.under_trained, 1)
})
