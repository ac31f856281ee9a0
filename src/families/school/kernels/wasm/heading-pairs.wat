;; The velocity-correlation histogram of school-metrics.ts (spec school.md §2.6 #6): for all pairs
;; i < j, c = (v̂_i·v̂_j + 1)/2 counted in 20 bins on [0, 1] with NumPy's bin rule, exactly.
;;
;; Fast path, four pairs per vector: f = the float32 dot product of the row's heading scaled by 10
;; (fl(10·fl(x_i))) and the neighbour's float32 heading. Its error against 10·(v̂_i·v̂_j) = 20·c − 10
;; is below 4e-6 (each input rounded twice at most to 2⁻²⁴ relative, three products and two sums of
;; terms bounded by 10: 10·(4·2⁻²⁴) + 2·(10·2⁻²⁴) ≈ 3.6e-6). When every lane's f lies more than
;; 1e-4 from an integer, the bin is floor(f) + 10 = floor(20·c), which is the float64 bin, since
;; NumPy's rule only departs from floor(20·c) within a few ulps of an edge. Otherwise (pairs near a bin edge, or c near 0 or 1, where NumPy also drops
;; values just outside [0, 1]) the four pairs go through the exact float64 rule of the TypeScript code.
;; The four bins of a block are counted as two keys b0 + 20·b1 and b2 + 20·b3 in tables of 400
;; counters (one increment per two pairs instead of one per pair; a table per key lane and row, so
;; that a parallel school, where every pair shares a bin, does not chain all increments on one
;; counter); the caller adds each key's count to both of its bins.
;;
;; Layout (byte addresses): x, y, z float32 arrays of n headings (SoA), the float64 headings n×3
;; (AoS), the 21 float64 bin edges, then the counts: 32 int32 of the exact rule (bins 0 … 19 used)
;; and the eight key tables of 400 int32; then the scratch and the pending-block list (below).
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

  ;; The exact rule for the pairs (i, j) … (i, j + 3).
  (func $exact4 (param $u i32) (param $i i32) (param $j i32) (param $edges i32) (param $counts i32)
    (call $exact (local.get $u) (local.get $i) (local.get $j) (local.get $edges) (local.get $counts))
    (call $exact (local.get $u) (local.get $i) (i32.add (local.get $j) (i32.const 1)) (local.get $edges) (local.get $counts))
    (call $exact (local.get $u) (local.get $i) (i32.add (local.get $j) (i32.const 2)) (local.get $edges) (local.get $counts))
    (call $exact (local.get $u) (local.get $i) (i32.add (local.get $j) (i32.const 3)) (local.get $edges) (local.get $counts)))

  ;; Adds the histogram of the pairs i < j of n headings with row i in row0 … row1−1 (row0 a
  ;; multiple of 4, row1 a multiple of 4 or n) to counts (which the caller zeroes). Rows go in fours
  ;; (i … i + 3), sharing each block's loads of four neighbours j >= i + 4; the six pairs among the
  ;; four rows take the exact rule. `sc` is 112 bytes of 16-aligned scratch for the loop constants and
  ;; `pend` room for n int32: the pair loop reads its constants from memory (V8 rebuilds a v128.const
  ;; or splat in the loop on every pass) and only notes the blocks that need the exact rule, which run
  ;; after the rows: a call inside the loop made V8 keep the rows' vectors on the stack.
  (func (export "heading_pairs")
    (param $x i32) (param $y i32) (param $z i32) (param $u i32) (param $n i32) (param $edges i32) (param $counts i32)
    (param $sc i32) (param $pend i32) (param $row0 i32) (param $row1 i32)
    (local $i i32) (local $j i32) (local $end4 i32) (local $k i32) (local $np i32) (local $q i32) (local $r i32) (local $s i32)
    (local $x0 v128) (local $y0 v128) (local $z0 v128) (local $x1 v128) (local $y1 v128) (local $z1 v128) (local $x2 v128) (local $y2 v128) (local $z2 v128) (local $x3 v128) (local $y3 v128) (local $z3 v128)
    (local $f0 v128) (local $fl0 v128) (local $f1 v128) (local $fl1 v128) (local $f2 v128) (local $fl2 v128) (local $f3 v128) (local $fl3 v128)
    (local $xj v128) (local $yj v128) (local $zj v128) (local $ok v128) (local $addr v128)
    (v128.store offset=0 (local.get $sc) (f32x4.splat (f32.const 10)))
    (v128.store offset=16 (local.get $sc) (f32x4.splat (f32.const 1e-4)))
    (v128.store offset=32 (local.get $sc) (f32x4.splat (f32.const 0.9999)))
    (v128.store offset=48 (local.get $sc) (v128.const f32x4 1 20 1 20))
    (v128.store offset=64 (local.get $sc) (f32x4.splat (f32.const 8388818)))
    ;; eight key tables (400 int32 each) follow the exact rule's 32 counters: row i + r counts its
    ;; lanes 0 and 2 in tables 2r and 2r + 1; sc + 80 and sc + 96 hold the addresses (rows 0–1, 2–3)
    (v128.store offset=80 (local.get $sc) (i32x4.sub (i32x4.add (i32x4.splat (local.get $counts))
      (v128.const i32x4 128 1728 3328 4928)) (i32x4.splat (i32.const 0x2C000000))))
    (v128.store offset=96 (local.get $sc) (i32x4.sub (i32x4.add (i32x4.splat (local.get $counts))
      (v128.const i32x4 6528 8128 9728 11328)) (i32x4.splat (i32.const 0x2C000000))))
    (local.set $i (local.get $row0))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_s (local.get $i) (i32.sub (local.get $n) (i32.const 1))))
        (br_if $rows_done (i32.ge_s (local.get $i) (local.get $row1)))
        (local.set $x0 (f32x4.mul (v128.load offset=0 (local.get $sc))
          (v128.load32_splat (i32.add (local.get $x) (i32.shl (i32.add (local.get $i) (i32.const 0)) (i32.const 2))))))
        (local.set $y0 (f32x4.mul (v128.load offset=0 (local.get $sc))
          (v128.load32_splat (i32.add (local.get $y) (i32.shl (i32.add (local.get $i) (i32.const 0)) (i32.const 2))))))
        (local.set $z0 (f32x4.mul (v128.load offset=0 (local.get $sc))
          (v128.load32_splat (i32.add (local.get $z) (i32.shl (i32.add (local.get $i) (i32.const 0)) (i32.const 2))))))
        (local.set $x1 (f32x4.mul (v128.load offset=0 (local.get $sc))
          (v128.load32_splat (i32.add (local.get $x) (i32.shl (i32.add (local.get $i) (i32.const 1)) (i32.const 2))))))
        (local.set $y1 (f32x4.mul (v128.load offset=0 (local.get $sc))
          (v128.load32_splat (i32.add (local.get $y) (i32.shl (i32.add (local.get $i) (i32.const 1)) (i32.const 2))))))
        (local.set $z1 (f32x4.mul (v128.load offset=0 (local.get $sc))
          (v128.load32_splat (i32.add (local.get $z) (i32.shl (i32.add (local.get $i) (i32.const 1)) (i32.const 2))))))
        (local.set $x2 (f32x4.mul (v128.load offset=0 (local.get $sc))
          (v128.load32_splat (i32.add (local.get $x) (i32.shl (i32.add (local.get $i) (i32.const 2)) (i32.const 2))))))
        (local.set $y2 (f32x4.mul (v128.load offset=0 (local.get $sc))
          (v128.load32_splat (i32.add (local.get $y) (i32.shl (i32.add (local.get $i) (i32.const 2)) (i32.const 2))))))
        (local.set $z2 (f32x4.mul (v128.load offset=0 (local.get $sc))
          (v128.load32_splat (i32.add (local.get $z) (i32.shl (i32.add (local.get $i) (i32.const 2)) (i32.const 2))))))
        (local.set $x3 (f32x4.mul (v128.load offset=0 (local.get $sc))
          (v128.load32_splat (i32.add (local.get $x) (i32.shl (i32.add (local.get $i) (i32.const 3)) (i32.const 2))))))
        (local.set $y3 (f32x4.mul (v128.load offset=0 (local.get $sc))
          (v128.load32_splat (i32.add (local.get $y) (i32.shl (i32.add (local.get $i) (i32.const 3)) (i32.const 2))))))
        (local.set $z3 (f32x4.mul (v128.load offset=0 (local.get $sc))
          (v128.load32_splat (i32.add (local.get $z) (i32.shl (i32.add (local.get $i) (i32.const 3)) (i32.const 2))))))
        ;; the pairs among the four rows (those that exist), exactly
        (local.set $r (local.get $i))
        (block $inner_done
          (loop $inner
            (br_if $inner_done (i32.ge_s (local.get $r) (i32.add (local.get $i) (i32.const 3))))
            (local.set $s (i32.add (local.get $r) (i32.const 1)))
            (block $s_done
              (loop $s_loop
                (br_if $s_done (i32.ge_s (local.get $s) (i32.add (local.get $i) (i32.const 4))))
                (br_if $s_done (i32.ge_s (local.get $s) (local.get $n)))
                (call $exact (local.get $u) (local.get $r) (local.get $s) (local.get $edges) (local.get $counts))
                (local.set $s (i32.add (local.get $s) (i32.const 1)))
                (br $s_loop)))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $inner)))
        (local.set $j (i32.add (local.get $i) (i32.const 4)))
        (local.set $np (local.get $pend))
        ;; j < end4 in blocks of four, the rest one by one (exact rule); no j when fewer than 4 rows remain
        (local.set $end4 (select
          (i32.sub (local.get $n) (i32.and (i32.sub (local.get $n) (local.get $j)) (i32.const 3)))
          (local.get $n) (i32.lt_s (local.get $j) (local.get $n))))
        (block $quads_done
          (loop $quads
            (br_if $quads_done (i32.ge_s (local.get $j) (local.get $end4)))
            (local.set $k (i32.shl (local.get $j) (i32.const 2)))
            (local.set $xj (v128.load (i32.add (local.get $x) (local.get $k))))
            (local.set $yj (v128.load (i32.add (local.get $y) (local.get $k))))
            (local.set $zj (v128.load (i32.add (local.get $z) (local.get $k))))
            (local.set $f0 (f32x4.add
              (f32x4.add (f32x4.mul (local.get $x0) (local.get $xj)) (f32x4.mul (local.get $y0) (local.get $yj)))
              (f32x4.mul (local.get $z0) (local.get $zj))))
            (local.set $fl0 (f32x4.floor (local.get $f0)))
            (local.set $f0 (f32x4.sub (local.get $f0) (local.get $fl0)))
            (local.set $f1 (f32x4.add
              (f32x4.add (f32x4.mul (local.get $x1) (local.get $xj)) (f32x4.mul (local.get $y1) (local.get $yj)))
              (f32x4.mul (local.get $z1) (local.get $zj))))
            (local.set $fl1 (f32x4.floor (local.get $f1)))
            (local.set $f1 (f32x4.sub (local.get $f1) (local.get $fl1)))
            (local.set $f2 (f32x4.add
              (f32x4.add (f32x4.mul (local.get $x2) (local.get $xj)) (f32x4.mul (local.get $y2) (local.get $yj)))
              (f32x4.mul (local.get $z2) (local.get $zj))))
            (local.set $fl2 (f32x4.floor (local.get $f2)))
            (local.set $f2 (f32x4.sub (local.get $f2) (local.get $fl2)))
            (local.set $f3 (f32x4.add
              (f32x4.add (f32x4.mul (local.get $x3) (local.get $xj)) (f32x4.mul (local.get $y3) (local.get $yj)))
              (f32x4.mul (local.get $z3) (local.get $zj))))
            (local.set $fl3 (f32x4.floor (local.get $f3)))
            (local.set $f3 (f32x4.sub (local.get $f3) (local.get $fl3)))
            ;; certain when f lies more than 1e-4 from an integer: 1e-4 < f − floor(f) < 1 − 1e-4 (the
            ;; difference is exact, except for f in (−1, 0) where it rounds by < 3e-8); then floor(f) + 10
            ;; is the bin, in 0 … 19 (|f| <= 10 + 4e-6, and f near ±10 fails the test). All four rows'
            ;; sixteen pairs, or none.
            (local.set $ok (v128.and
              (v128.and (f32x4.gt (local.get $f0) (v128.load offset=16 (local.get $sc))) (f32x4.lt (local.get $f0) (v128.load offset=32 (local.get $sc))))
              (v128.and (f32x4.gt (local.get $f1) (v128.load offset=16 (local.get $sc))) (f32x4.lt (local.get $f1) (v128.load offset=32 (local.get $sc))))))
            (local.set $ok (v128.and (local.get $ok) (v128.and
              (v128.and (f32x4.gt (local.get $f2) (v128.load offset=16 (local.get $sc))) (f32x4.lt (local.get $f2) (v128.load offset=32 (local.get $sc))))
              (v128.and (f32x4.gt (local.get $f3) (v128.load offset=16 (local.get $sc))) (f32x4.lt (local.get $f3) (v128.load offset=32 (local.get $sc)))))))
            (if (i32.eq (i32.const 15) (i32x4.bitmask (local.get $ok)))
              (then
                ;; one counter per two pairs, keys b0 + 20·b1 and b2 + 20·b3 with b = floor(f) + 10: lanes 0
                ;; and 2 of fl·(1, 20, 1, 20) plus its lane-swapped copy hold floor(f0) + 20·floor(f1), …;
                ;; two rows' keys gathered into one vector are read as integers by the 2²³ trick: the
                ;; bits of k + 2²³ + 210 are 0x4B000000 + the key (exact: integers < 2²⁴)
                (local.set $fl0 (f32x4.mul (local.get $fl0) (v128.load offset=48 (local.get $sc))))
                (local.set $fl0 (f32x4.add (local.get $fl0)
                  (i8x16.shuffle 4 5 6 7 0 1 2 3 12 13 14 15 8 9 10 11 (local.get $fl0) (local.get $fl0))))
                (local.set $fl1 (f32x4.mul (local.get $fl1) (v128.load offset=48 (local.get $sc))))
                (local.set $fl1 (f32x4.add (local.get $fl1)
                  (i8x16.shuffle 4 5 6 7 0 1 2 3 12 13 14 15 8 9 10 11 (local.get $fl1) (local.get $fl1))))
                (local.set $fl2 (f32x4.mul (local.get $fl2) (v128.load offset=48 (local.get $sc))))
                (local.set $fl2 (f32x4.add (local.get $fl2)
                  (i8x16.shuffle 4 5 6 7 0 1 2 3 12 13 14 15 8 9 10 11 (local.get $fl2) (local.get $fl2))))
                (local.set $fl3 (f32x4.mul (local.get $fl3) (v128.load offset=48 (local.get $sc))))
                (local.set $fl3 (f32x4.add (local.get $fl3)
                  (i8x16.shuffle 4 5 6 7 0 1 2 3 12 13 14 15 8 9 10 11 (local.get $fl3) (local.get $fl3))))
                (local.set $addr (i32x4.add (v128.load offset=80 (local.get $sc))
                  (i32x4.shl (f32x4.add (v128.load offset=64 (local.get $sc))
                    (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $fl0) (local.get $fl1)))
                    (i32.const 2))))
                (local.set $k (i32x4.extract_lane 0 (local.get $addr)))
                (i32.store (local.get $k) (i32.add (i32.load (local.get $k)) (i32.const 1)))
                (local.set $k (i32x4.extract_lane 1 (local.get $addr)))
                (i32.store (local.get $k) (i32.add (i32.load (local.get $k)) (i32.const 1)))
                (local.set $k (i32x4.extract_lane 2 (local.get $addr)))
                (i32.store (local.get $k) (i32.add (i32.load (local.get $k)) (i32.const 1)))
                (local.set $k (i32x4.extract_lane 3 (local.get $addr)))
                (i32.store (local.get $k) (i32.add (i32.load (local.get $k)) (i32.const 1)))
                (local.set $addr (i32x4.add (v128.load offset=96 (local.get $sc))
                  (i32x4.shl (f32x4.add (v128.load offset=64 (local.get $sc))
                    (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $fl2) (local.get $fl3)))
                    (i32.const 2))))
                (local.set $k (i32x4.extract_lane 0 (local.get $addr)))
                (i32.store (local.get $k) (i32.add (i32.load (local.get $k)) (i32.const 1)))
                (local.set $k (i32x4.extract_lane 1 (local.get $addr)))
                (i32.store (local.get $k) (i32.add (i32.load (local.get $k)) (i32.const 1)))
                (local.set $k (i32x4.extract_lane 2 (local.get $addr)))
                (i32.store (local.get $k) (i32.add (i32.load (local.get $k)) (i32.const 1)))
                (local.set $k (i32x4.extract_lane 3 (local.get $addr)))
                (i32.store (local.get $k) (i32.add (i32.load (local.get $k)) (i32.const 1))))
              (else
                ;; some pair of the block is near a bin edge: the exact rule takes all sixteen after the rows
                (i32.store (local.get $np) (local.get $j))
                (local.set $np (i32.add (local.get $np) (i32.const 4)))))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $quads)))
        (local.set $q (local.get $pend))
        (block $pending_done
          (loop $pending
            (br_if $pending_done (i32.ge_u (local.get $q) (local.get $np)))
            (local.set $k (i32.load (local.get $q)))
            (call $exact4 (local.get $u) (i32.add (local.get $i) (i32.const 0)) (local.get $k) (local.get $edges) (local.get $counts))
            (call $exact4 (local.get $u) (i32.add (local.get $i) (i32.const 1)) (local.get $k) (local.get $edges) (local.get $counts))
            (call $exact4 (local.get $u) (i32.add (local.get $i) (i32.const 2)) (local.get $k) (local.get $edges) (local.get $counts))
            (call $exact4 (local.get $u) (i32.add (local.get $i) (i32.const 3)) (local.get $k) (local.get $edges) (local.get $counts))
            (local.set $q (i32.add (local.get $q) (i32.const 4)))
            (br $pending)))
        (block $tail_done
          (loop $tail
            (br_if $tail_done (i32.ge_s (local.get $j) (local.get $n)))
            (call $exact (local.get $u) (i32.add (local.get $i) (i32.const 0)) (local.get $j) (local.get $edges) (local.get $counts))
            (call $exact (local.get $u) (i32.add (local.get $i) (i32.const 1)) (local.get $j) (local.get $edges) (local.get $counts))
            (call $exact (local.get $u) (i32.add (local.get $i) (i32.const 2)) (local.get $j) (local.get $edges) (local.get $counts))
            (call $exact (local.get $u) (i32.add (local.get $i) (i32.const 3)) (local.get $j) (local.get $edges) (local.get $counts))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $tail)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $rows))))
)
