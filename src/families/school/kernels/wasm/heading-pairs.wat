;; The velocity-correlation histogram of school-metrics.ts (spec school.md §2.6 #6): for all pairs
;; i < j, c = (v̂_i·v̂_j + 1)/2 counted in 20 bins on [0, 1] with NumPy's bin rule, exactly.
;;
;; Fast path, four pairs per vector: the dot product of the float32-rounded headings. Its error
;; against the float64 value is below 5e-7 (inputs rounded to 2⁻²⁴ relative, three products and two
;; sums of terms bounded by 1), so f = 10·dot + 10 (float32, two more roundings of a value ≤ 20, each
;; ≤ 1.2e-6) is within 1e-5 of 20·c. When every lane's f lies more than 1e-4 from an integer, the bin
;; is floor(f), which is the float64 bin, since NumPy's rule only departs from floor(20·c) within a
;; few ulps of an edge. Otherwise (pairs near a bin edge, or c near 0 or 1, where NumPy also drops
;; values just outside [0, 1]) the four pairs go through the exact float64 rule of the TypeScript code.
;; Four histograms (one per lane) avoid a chain of increments on one counter when all pairs share a
;; bin, as in a parallel school; the caller adds them up.
;;
;; Layout (byte addresses): x, y, z float32 arrays of n headings (SoA), the float64 headings n×3
;; (AoS), the 21 float64 bin edges, and the 4 × 32 int32 counts (lane-major; bins 0 … 19 used).
;; Assembled by scripts/build-wasm.mjs.
(module
  (import "env" "memory" (memory 1))

  ;; The exact rule for pair (i, j) (school-metrics.ts velocityCorrelationEntropy): counts[b]++.
  (func $exact (param $u i32) (param $i i32) (param $j i32) (param $edges i32) (param $counts i32)
    (local $a i32) (local $b i32) (local $c f64) (local $bin i32)
    (local.set $a (i32.add (local.get $u) (i32.mul (local.get $i) (i32.const 24))))
    (local.set $b (i32.add (local.get $u) (i32.mul (local.get $j) (i32.const 24))))
    (local.set $c (f64.mul
      (f64.add
        (f64.add
          (f64.add
            (f64.mul (f64.load offset=0 (local.get $a)) (f64.load offset=0 (local.get $b)))
            (f64.mul (f64.load offset=8 (local.get $a)) (f64.load offset=8 (local.get $b))))
          (f64.mul (f64.load offset=16 (local.get $a)) (f64.load offset=16 (local.get $b))))
        (f64.const 1))
      (f64.const 0.5)))
    ;; NaN and values outside [0, 1] are not counted
    (if (i32.eqz (i32.and (f64.ge (local.get $c) (f64.const 0)) (f64.le (local.get $c) (f64.const 1))))
      (then (return)))
    (local.set $bin (i32.trunc_f64_s (f64.floor (f64.mul (local.get $c) (f64.const 20)))))
    (if (i32.ge_s (local.get $bin) (i32.const 20)) (then (local.set $bin (i32.const 19))))
    (if (f64.lt (local.get $c) (f64.load (i32.add (local.get $edges) (i32.shl (local.get $bin) (i32.const 3)))))
      (then (local.set $bin (i32.sub (local.get $bin) (i32.const 1))))
      (else
        (if (i32.and (i32.ne (local.get $bin) (i32.const 19))
              (f64.ge (local.get $c)
                (f64.load offset=8 (i32.add (local.get $edges) (i32.shl (local.get $bin) (i32.const 3))))))
          (then (local.set $bin (i32.add (local.get $bin) (i32.const 1)))))))
    (local.set $a (i32.add (local.get $counts) (i32.shl (local.get $bin) (i32.const 2))))
    (i32.store (local.get $a) (i32.add (i32.load (local.get $a)) (i32.const 1))))

  ;; Adds the histogram of all pairs i < j of n headings to counts (which the caller zeroes).
  (func (export "heading_pairs")
    (param $x i32) (param $y i32) (param $z i32) (param $u i32) (param $n i32) (param $edges i32) (param $counts i32)
    (local $i i32) (local $j i32) (local $end4 i32) (local $k i32)
    (local $xi v128) (local $yi v128) (local $zi v128) (local $f v128) (local $b v128) (local $addr v128)
    (local $lanes v128) (local $ten v128) (local $lo v128) (local $hi v128)
    (local.set $ten (f32x4.splat (f32.const 10)))
    ;; lane-major histograms: lane l counts at counts + 128·l + 4·bin
    (local.set $lanes (i32x4.add (i32x4.splat (local.get $counts)) (v128.const i32x4 0 128 256 384)))
    (local.set $i (i32.const 0))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_s (local.get $i) (i32.sub (local.get $n) (i32.const 1))))
        (local.set $xi (v128.load32_splat (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $yi (v128.load32_splat (i32.add (local.get $y) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $zi (v128.load32_splat (i32.add (local.get $z) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $j (i32.add (local.get $i) (i32.const 1)))
        ;; j < end4 in blocks of four, the rest one by one (exact rule)
        (local.set $end4 (i32.sub (local.get $n)
          (i32.and (i32.sub (local.get $n) (local.get $j)) (i32.const 3))))
        (block $quads_done
          (loop $quads
            (br_if $quads_done (i32.ge_s (local.get $j) (local.get $end4)))
            (local.set $k (i32.shl (local.get $j) (i32.const 2)))
            (local.set $f (f32x4.add
              (f32x4.mul
                (f32x4.add
                  (f32x4.add
                    (f32x4.mul (local.get $xi) (v128.load (i32.add (local.get $x) (local.get $k))))
                    (f32x4.mul (local.get $yi) (v128.load (i32.add (local.get $y) (local.get $k)))))
                  (f32x4.mul (local.get $zi) (v128.load (i32.add (local.get $z) (local.get $k)))))
                (local.get $ten))
              (local.get $ten)))
            ;; certain when floor(f − 1e-4) = floor(f + 1e-4): no integer within 1e-4 of f, and f − 1e-4 >= 0
            ;; (else the floor is −1 and differs); f + 1e-4 < 20 follows, since dot <= 1 + 5e-7
            (local.set $lo (i32x4.trunc_sat_f32x4_s
              (f32x4.floor (f32x4.sub (local.get $f) (v128.const f32x4 1e-4 1e-4 1e-4 1e-4)))))
            (local.set $hi (i32x4.trunc_sat_f32x4_s (f32x4.add (local.get $f) (v128.const f32x4 1e-4 1e-4 1e-4 1e-4))))
            (if (i32x4.all_true (i32x4.eq (local.get $lo) (local.get $hi)))
              (then
                (local.set $addr (i32x4.add (local.get $lanes) (i32x4.shl (local.get $lo) (i32.const 2))))
                (local.set $k (i32x4.extract_lane 0 (local.get $addr)))
                (i32.store (local.get $k) (i32.add (i32.load (local.get $k)) (i32.const 1)))
                (local.set $k (i32x4.extract_lane 1 (local.get $addr)))
                (i32.store (local.get $k) (i32.add (i32.load (local.get $k)) (i32.const 1)))
                (local.set $k (i32x4.extract_lane 2 (local.get $addr)))
                (i32.store (local.get $k) (i32.add (i32.load (local.get $k)) (i32.const 1)))
                (local.set $k (i32x4.extract_lane 3 (local.get $addr)))
                (i32.store (local.get $k) (i32.add (i32.load (local.get $k)) (i32.const 1))))
              (else
                (call $exact (local.get $u) (local.get $i) (local.get $j) (local.get $edges) (local.get $counts))
                (call $exact (local.get $u) (local.get $i) (i32.add (local.get $j) (i32.const 1)) (local.get $edges) (local.get $counts))
                (call $exact (local.get $u) (local.get $i) (i32.add (local.get $j) (i32.const 2)) (local.get $edges) (local.get $counts))
                (call $exact (local.get $u) (local.get $i) (i32.add (local.get $j) (i32.const 3)) (local.get $edges) (local.get $counts))))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $quads)))
        (block $tail_done
          (loop $tail
            (br_if $tail_done (i32.ge_s (local.get $j) (local.get $n)))
            (call $exact (local.get $u) (local.get $i) (local.get $j) (local.get $edges) (local.get $counts))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $tail)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))
)
