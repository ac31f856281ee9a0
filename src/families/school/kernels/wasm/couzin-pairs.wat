;; Longer than 250 lines on purpose: one module is one embedded binary, and its functions share the
;; scratch layout described below.
;;
;; The all-pairs zone sums of the Couzin step (couzin-step.ts, spec school.md §2.2) in WebAssembly
;; SIMD, bit-identical to the TypeScript loop. The two lanes of every vector are two fish i0, i1
;; (consecutive rows), never two neighbours: each lane then receives its neighbours' terms one at a
;; time in ascending neighbour index j, the order of the TypeScript loop and of NumPy's masked sums,
;; so every sum is rounded exactly as there. A term that does not apply to a lane (out of range,
;; blind cone, other zone) is added as +0, which leaves a sum unchanged: sums start
;; at +0 and a sum of doubles rounded to nearest is −0 only when both addends are −0, so no sum is
;; ever −0 and x + 0 = x, x − 0 = x hold exactly. There is no fused multiply-add in WebAssembly and
;; f64x2 sqrt and div are correctly rounded, like Math.sqrt and `/`.
;;
;; Each unordered pair inside the caller's rows lo … hi−1 is evaluated once and feeds both fish, as
;; the TypeScript half-list loop does: for a neighbour j > i1 in the range, fish j's sums in memory
;; receive the pair's terms from i0's side, then from i1's side (−û, the exact negation of what row j
;; would compute, and i's heading), so j still receives its terms in ascending neighbour index: rows
;; below it arrive through memory in row order before its own row starts. A row pair therefore runs
;; (pair_sums): first, for a worker's range with lo > 0, every row one-sided against j < lo (a pass
;; of its own, before any row of the range feeds another); then per row pair, starting from the sums
;; in memory: one-sided against j = i0, i1 (each lane meets the other, and itself at distance 0,
;; which adds +0), both-sided against i1 < j < hi, one-sided against j >= hi.
;;
;; Layout (byte addresses into the imported memory): positions and unit headings N×3 doubles
;; (x, y, z per fish), sums N×9 doubles (repulsion, orientation, attraction; x, y, z each), counts
;; N×3 int32 (fish in each zone); the caller zeroes rows lo … hi−1 of sums and counts.
;; `sc` is 464 bytes of scratch, 16-aligned: the two rows' positions and headings (0 … 95) and the
;; splatted constants (112 … 271) live there and the pair loops read them from memory, because V8
;; otherwise rebuilds such loop-invariant vectors (splat + replace_lane) inside a loop on every
;; iteration. The rows' sums and counts live there too (272 … 463, as (i0, i1) lanes) between the
;; loops; the repulsion and orientation ones also while a loop runs: they change only for pairs
;; closer than r_o, and kept in locals they made V8 spill and shuffle up to twenty vector registers
;; on every pair; in memory, the hot path (attraction) keeps its accumulators in registers.
;; Assembled by scripts/build-wasm.mjs.
(module
  (import "env" "memory" (memory 1))

  ;; Scratch lanes (i0, i1) of the nine sums and three counts from the rows' entries in memory.
  (func $load_rows (param $sums i32) (param $counts i32) (param $i0 i32) (param $i1 i32) (param $sc i32)
    (local $s0 i32) (local $s1 i32) (local $c0 i32) (local $c1 i32)
    (local.set $s0 (i32.add (local.get $sums) (i32.mul (local.get $i0) (i32.const 72))))
    (local.set $s1 (i32.add (local.get $sums) (i32.mul (local.get $i1) (i32.const 72))))
    (local.set $c0 (i32.add (local.get $counts) (i32.mul (local.get $i0) (i32.const 12))))
    (local.set $c1 (i32.add (local.get $counts) (i32.mul (local.get $i1) (i32.const 12))))
    (v128.store offset=272 (local.get $sc)
      (f64x2.replace_lane 1 (f64x2.splat (f64.load offset=0 (local.get $s0))) (f64.load offset=0 (local.get $s1))))
    (v128.store offset=288 (local.get $sc)
      (f64x2.replace_lane 1 (f64x2.splat (f64.load offset=8 (local.get $s0))) (f64.load offset=8 (local.get $s1))))
    (v128.store offset=304 (local.get $sc)
      (f64x2.replace_lane 1 (f64x2.splat (f64.load offset=16 (local.get $s0))) (f64.load offset=16 (local.get $s1))))
    (v128.store offset=320 (local.get $sc)
      (f64x2.replace_lane 1 (f64x2.splat (f64.load offset=24 (local.get $s0))) (f64.load offset=24 (local.get $s1))))
    (v128.store offset=336 (local.get $sc)
      (f64x2.replace_lane 1 (f64x2.splat (f64.load offset=32 (local.get $s0))) (f64.load offset=32 (local.get $s1))))
    (v128.store offset=352 (local.get $sc)
      (f64x2.replace_lane 1 (f64x2.splat (f64.load offset=40 (local.get $s0))) (f64.load offset=40 (local.get $s1))))
    (v128.store offset=400 (local.get $sc)
      (f64x2.replace_lane 1 (f64x2.splat (f64.load offset=48 (local.get $s0))) (f64.load offset=48 (local.get $s1))))
    (v128.store offset=416 (local.get $sc)
      (f64x2.replace_lane 1 (f64x2.splat (f64.load offset=56 (local.get $s0))) (f64.load offset=56 (local.get $s1))))
    (v128.store offset=432 (local.get $sc)
      (f64x2.replace_lane 1 (f64x2.splat (f64.load offset=64 (local.get $s0))) (f64.load offset=64 (local.get $s1))))
    (v128.store offset=368 (local.get $sc) (i64x2.replace_lane 1
      (i64x2.splat (i64.extend_i32_s (i32.load offset=0 (local.get $c0)))) (i64.extend_i32_s (i32.load offset=0 (local.get $c1)))))
    (v128.store offset=384 (local.get $sc) (i64x2.replace_lane 1
      (i64x2.splat (i64.extend_i32_s (i32.load offset=4 (local.get $c0)))) (i64.extend_i32_s (i32.load offset=4 (local.get $c1)))))
    (v128.store offset=448 (local.get $sc) (i64x2.replace_lane 1
      (i64x2.splat (i64.extend_i32_s (i32.load offset=8 (local.get $c0)))) (i64.extend_i32_s (i32.load offset=8 (local.get $c1))))))

  ;; Lane `lane` of the scratch sums and counts into fish i's entries.
  (func $store_row (param $sums i32) (param $counts i32) (param $i i32) (param $lane i32) (param $sc i32)
    (local $s i32) (local $c i32)
    (local.set $s (i32.add (local.get $sums) (i32.mul (local.get $i) (i32.const 72))))
    (local.set $c (i32.add (local.get $counts) (i32.mul (local.get $i) (i32.const 12))))
    (f64.store offset=0 (local.get $s) (f64x2.extract_lane 0 (call $lane (v128.load offset=272 (local.get $sc)) (local.get $lane))))
    (f64.store offset=8 (local.get $s) (f64x2.extract_lane 0 (call $lane (v128.load offset=288 (local.get $sc)) (local.get $lane))))
    (f64.store offset=16 (local.get $s) (f64x2.extract_lane 0 (call $lane (v128.load offset=304 (local.get $sc)) (local.get $lane))))
    (f64.store offset=24 (local.get $s) (f64x2.extract_lane 0 (call $lane (v128.load offset=320 (local.get $sc)) (local.get $lane))))
    (f64.store offset=32 (local.get $s) (f64x2.extract_lane 0 (call $lane (v128.load offset=336 (local.get $sc)) (local.get $lane))))
    (f64.store offset=40 (local.get $s) (f64x2.extract_lane 0 (call $lane (v128.load offset=352 (local.get $sc)) (local.get $lane))))
    (f64.store offset=48 (local.get $s) (f64x2.extract_lane 0 (call $lane (v128.load offset=400 (local.get $sc)) (local.get $lane))))
    (f64.store offset=56 (local.get $s) (f64x2.extract_lane 0 (call $lane (v128.load offset=416 (local.get $sc)) (local.get $lane))))
    (f64.store offset=64 (local.get $s) (f64x2.extract_lane 0 (call $lane (v128.load offset=432 (local.get $sc)) (local.get $lane))))
    (i32.store offset=0 (local.get $c) (i32.wrap_i64 (i64x2.extract_lane 0 (call $lane (v128.load offset=368 (local.get $sc)) (local.get $lane)))))
    (i32.store offset=4 (local.get $c) (i32.wrap_i64 (i64x2.extract_lane 0 (call $lane (v128.load offset=384 (local.get $sc)) (local.get $lane)))))
    (i32.store offset=8 (local.get $c) (i32.wrap_i64 (i64x2.extract_lane 0 (call $lane (v128.load offset=448 (local.get $sc)) (local.get $lane))))))

  ;; v with lane `lane` moved to lane 0.
  (func $lane (param $v v128) (param $lane i32) (result v128)
    (select (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)) (local.get $v) (local.get $lane)))

  ;; The scratch rows' sums and counts plus the terms of neighbours j = from … to−1 (byte addresses
  ;; pj of its position, uj of its heading), one-sided: fish j's sums are not touched.
  (func $one_sided (param $pj i32) (param $uj i32) (param $end i32) (param $sc i32)
    (local $ax v128) (local $ay v128) (local $az v128) (local $ca v128)
    (local $dx v128) (local $dy v128) (local $dz v128) (local $d2 v128) (local $dist v128) (local $div v128)
    (local $inA v128) (local $seen v128) (local $isR v128) (local $isO v128) (local $m v128)
    (local.set $ax (v128.load offset=400 (local.get $sc)))
    (local.set $ay (v128.load offset=416 (local.get $sc)))
    (local.set $az (v128.load offset=432 (local.get $sc)))
    (local.set $ca (v128.load offset=448 (local.get $sc)))
    (block $pairs_done
      (loop $pairs
        (br_if $pairs_done (i32.ge_u (local.get $pj) (local.get $end)))
            ;; minimum image without a division (minimum-image.ts): d > T ? d − L : d < −T ? d + L : d, as
            ;; (d + (d < −T ? L : 0)) − (d > T ? L : 0): the ±0 terms change nothing (d is never −0)
            (local.set $dx (f64x2.sub (v128.load64_splat offset=0 (local.get $pj)) (v128.load offset=0 (local.get $sc))))
            (local.set $dx (f64x2.sub
              (f64x2.add (local.get $dx)
                (v128.and (v128.load offset=112 (local.get $sc)) (f64x2.lt (local.get $dx) (v128.load offset=144 (local.get $sc)))))
              (v128.and (v128.load offset=112 (local.get $sc)) (f64x2.gt (local.get $dx) (v128.load offset=128 (local.get $sc))))))
            (local.set $dy (f64x2.sub (v128.load64_splat offset=8 (local.get $pj)) (v128.load offset=16 (local.get $sc))))
            (local.set $dy (f64x2.sub
              (f64x2.add (local.get $dy)
                (v128.and (v128.load offset=112 (local.get $sc)) (f64x2.lt (local.get $dy) (v128.load offset=144 (local.get $sc)))))
              (v128.and (v128.load offset=112 (local.get $sc)) (f64x2.gt (local.get $dy) (v128.load offset=128 (local.get $sc))))))
            (local.set $dz (f64x2.sub (v128.load64_splat offset=16 (local.get $pj)) (v128.load offset=32 (local.get $sc))))
            (local.set $dz (f64x2.sub
              (f64x2.add (local.get $dz)
                (v128.and (v128.load offset=112 (local.get $sc)) (f64x2.lt (local.get $dz) (v128.load offset=144 (local.get $sc)))))
              (v128.and (v128.load offset=112 (local.get $sc)) (f64x2.gt (local.get $dz) (v128.load offset=128 (local.get $sc))))))
            (local.set $d2 (f64x2.add
              (f64x2.add (f64x2.mul (local.get $dx) (local.get $dx)) (f64x2.mul (local.get $dy) (local.get $dy)))
              (f64x2.mul (local.get $dz) (local.get $dz))))
            ;; most pairs of a sparse box end here: both lanes beyond r_a (with the 1e-12 margin)
            (if (v128.any_true (f64x2.le (local.get $d2) (v128.load offset=208 (local.get $sc))))
              (then
                (local.set $dist (f64x2.sqrt (local.get $d2)))
                ;; NumPy path: a coincident neighbour (dist < 1e-10) is kept with du = d
                (local.set $div (v128.bitselect (v128.load offset=256 (local.get $sc)) (local.get $dist)
                  (f64x2.lt (local.get $dist) (v128.load offset=240 (local.get $sc)))))
                (local.set $dx (f64x2.div (local.get $dx) (local.get $div)))
                (local.set $dy (f64x2.div (local.get $dy) (local.get $div)))
                (local.set $dz (f64x2.div (local.get $dz) (local.get $div)))
                (local.set $inA (f64x2.lt (local.get $dist) (v128.load offset=192 (local.get $sc))))
                ;; rear blind cone: visible iff c·û > cos threshold (−∞ without a cone: always, as dot is finite)
                (local.set $seen (v128.and (local.get $inA)
                  (f64x2.gt
                    (f64x2.add
                      (f64x2.add (f64x2.mul (v128.load offset=48 (local.get $sc)) (local.get $dx)) (f64x2.mul (v128.load offset=64 (local.get $sc)) (local.get $dy)))
                      (f64x2.mul (v128.load offset=80 (local.get $sc)) (local.get $dz)))
                    (v128.load offset=224 (local.get $sc)))))
                (local.set $isO (f64x2.lt (local.get $dist) (v128.load offset=176 (local.get $sc))))
                (if (v128.any_true (v128.and (local.get $seen) (local.get $isO)))
                  (then
                    ;; some lane has j in its repulsion or orientation zone: all three zones, masked
                    (local.set $isR (f64x2.lt (local.get $dist) (v128.load offset=160 (local.get $sc))))
                    ;; repulsion: r −= û
                    (local.set $m (v128.and (local.get $seen) (local.get $isR)))
                    (v128.store offset=272 (local.get $sc) (f64x2.sub (v128.load offset=272 (local.get $sc)) (v128.and (local.get $dx) (local.get $m))))
                    (v128.store offset=288 (local.get $sc) (f64x2.sub (v128.load offset=288 (local.get $sc)) (v128.and (local.get $dy) (local.get $m))))
                    (v128.store offset=304 (local.get $sc) (f64x2.sub (v128.load offset=304 (local.get $sc)) (v128.and (local.get $dz) (local.get $m))))
                    (v128.store offset=368 (local.get $sc) (i64x2.sub (v128.load offset=368 (local.get $sc)) (local.get $m)))
                    ;; orientation: o += heading of j
                    (local.set $m (v128.andnot (v128.and (local.get $seen) (local.get $isO)) (local.get $isR)))
                    (v128.store offset=320 (local.get $sc) (f64x2.add (v128.load offset=320 (local.get $sc)) (v128.and (v128.load64_splat offset=0 (local.get $uj)) (local.get $m))))
                    (v128.store offset=336 (local.get $sc) (f64x2.add (v128.load offset=336 (local.get $sc)) (v128.and (v128.load64_splat offset=8 (local.get $uj)) (local.get $m))))
                    (v128.store offset=352 (local.get $sc) (f64x2.add (v128.load offset=352 (local.get $sc)) (v128.and (v128.load64_splat offset=16 (local.get $uj)) (local.get $m))))
                    (v128.store offset=384 (local.get $sc) (i64x2.sub (v128.load offset=384 (local.get $sc)) (local.get $m)))
                    (local.set $seen (v128.andnot (local.get $seen) (local.get $isO)))
))
                ;; attraction: a += û (seen now holds the lanes with j in the attraction zone only)
                (local.set $ax (f64x2.add (local.get $ax) (v128.and (local.get $dx) (local.get $seen))))
                (local.set $ay (f64x2.add (local.get $ay) (v128.and (local.get $dy) (local.get $seen))))
                (local.set $az (f64x2.add (local.get $az) (v128.and (local.get $dz) (local.get $seen))))
                (local.set $ca (i64x2.sub (local.get $ca) (local.get $seen)))
))
        (local.set $pj (i32.add (local.get $pj) (i32.const 24)))
        (local.set $uj (i32.add (local.get $uj) (i32.const 24)))
        (br $pairs)))
    (v128.store offset=400 (local.get $sc) (local.get $ax))
    (v128.store offset=416 (local.get $sc) (local.get $ay))
    (v128.store offset=432 (local.get $sc) (local.get $az))
    (v128.store offset=448 (local.get $sc) (local.get $ca)))

  ;; The scratch rows' sums and counts plus the terms of neighbours j = from … to−1, both-sided: fish
  ;; j's sums and counts in memory receive the pair's terms too, i0's before i1's (j > i1 for all j).
  (func $both_sided (param $from i32) (param $to i32) (param $pos i32) (param $unit i32) (param $sums i32)
    (param $counts i32) (param $sc i32)
    (local $pj i32) (local $uj i32) (local $sj i32) (local $cj i32) (local $end i32)
    (local $ax v128) (local $ay v128) (local $az v128) (local $ca v128)
    (local $dx v128) (local $dy v128) (local $dz v128) (local $d2 v128) (local $dist v128) (local $div v128)
    (local $inA v128) (local $seen v128) (local $isR v128) (local $isO v128) (local $m v128)
    (local $seenJ v128) (local $tx v128) (local $ty v128) (local $tz v128)
    (local.set $ax (v128.load offset=400 (local.get $sc)))
    (local.set $ay (v128.load offset=416 (local.get $sc)))
    (local.set $az (v128.load offset=432 (local.get $sc)))
    (local.set $ca (v128.load offset=448 (local.get $sc)))
    (local.set $pj (i32.add (local.get $pos) (i32.mul (local.get $from) (i32.const 24))))
    (local.set $uj (i32.add (local.get $unit) (i32.mul (local.get $from) (i32.const 24))))
    (local.set $sj (i32.add (local.get $sums) (i32.mul (local.get $from) (i32.const 72))))
    (local.set $cj (i32.add (local.get $counts) (i32.mul (local.get $from) (i32.const 12))))
    (local.set $end (i32.add (local.get $pos) (i32.mul (local.get $to) (i32.const 24))))
    (block $pairs_done
      (loop $pairs
        (br_if $pairs_done (i32.ge_u (local.get $pj) (local.get $end)))
            ;; minimum image without a division (minimum-image.ts): d > T ? d − L : d < −T ? d + L : d, as
            ;; (d + (d < −T ? L : 0)) − (d > T ? L : 0): the ±0 terms change nothing (d is never −0)
            (local.set $dx (f64x2.sub (v128.load64_splat offset=0 (local.get $pj)) (v128.load offset=0 (local.get $sc))))
            (local.set $dx (f64x2.sub
              (f64x2.add (local.get $dx)
                (v128.and (v128.load offset=112 (local.get $sc)) (f64x2.lt (local.get $dx) (v128.load offset=144 (local.get $sc)))))
              (v128.and (v128.load offset=112 (local.get $sc)) (f64x2.gt (local.get $dx) (v128.load offset=128 (local.get $sc))))))
            (local.set $dy (f64x2.sub (v128.load64_splat offset=8 (local.get $pj)) (v128.load offset=16 (local.get $sc))))
            (local.set $dy (f64x2.sub
              (f64x2.add (local.get $dy)
                (v128.and (v128.load offset=112 (local.get $sc)) (f64x2.lt (local.get $dy) (v128.load offset=144 (local.get $sc)))))
              (v128.and (v128.load offset=112 (local.get $sc)) (f64x2.gt (local.get $dy) (v128.load offset=128 (local.get $sc))))))
            (local.set $dz (f64x2.sub (v128.load64_splat offset=16 (local.get $pj)) (v128.load offset=32 (local.get $sc))))
            (local.set $dz (f64x2.sub
              (f64x2.add (local.get $dz)
                (v128.and (v128.load offset=112 (local.get $sc)) (f64x2.lt (local.get $dz) (v128.load offset=144 (local.get $sc)))))
              (v128.and (v128.load offset=112 (local.get $sc)) (f64x2.gt (local.get $dz) (v128.load offset=128 (local.get $sc))))))
            (local.set $d2 (f64x2.add
              (f64x2.add (f64x2.mul (local.get $dx) (local.get $dx)) (f64x2.mul (local.get $dy) (local.get $dy)))
              (f64x2.mul (local.get $dz) (local.get $dz))))
            (if (v128.any_true (f64x2.le (local.get $d2) (v128.load offset=208 (local.get $sc))))
              (then
                (local.set $dist (f64x2.sqrt (local.get $d2)))
                ;; NumPy path: a coincident neighbour (dist < 1e-10) is kept with du = d
                (local.set $div (v128.bitselect (v128.load offset=256 (local.get $sc)) (local.get $dist)
                  (f64x2.lt (local.get $dist) (v128.load offset=240 (local.get $sc)))))
                (local.set $dx (f64x2.div (local.get $dx) (local.get $div)))
                (local.set $dy (f64x2.div (local.get $dy) (local.get $div)))
                (local.set $dz (f64x2.div (local.get $dz) (local.get $div)))
                (local.set $inA (f64x2.lt (local.get $dist) (v128.load offset=192 (local.get $sc))))
                ;; rear blind cone: visible iff c·û > cos threshold (−∞ without a cone: always, as dot is finite)
                (local.set $seen (v128.and (local.get $inA)
                  (f64x2.gt
                    (f64x2.add
                      (f64x2.add (f64x2.mul (v128.load offset=48 (local.get $sc)) (local.get $dx)) (f64x2.mul (v128.load offset=64 (local.get $sc)) (local.get $dy)))
                      (f64x2.mul (v128.load offset=80 (local.get $sc)) (local.get $dz)))
                    (v128.load offset=224 (local.get $sc)))))
                (local.set $isO (f64x2.lt (local.get $dist) (v128.load offset=176 (local.get $sc))))
                ;; j sees i along −û: visible iff −(c_j·û) > cos threshold
                (local.set $seenJ (v128.and (local.get $inA)
                  (f64x2.gt
                    (f64x2.neg (f64x2.add
                      (f64x2.add (f64x2.mul (v128.load64_splat offset=0 (local.get $uj)) (local.get $dx))
                        (f64x2.mul (v128.load64_splat offset=8 (local.get $uj)) (local.get $dy)))
                      (f64x2.mul (v128.load64_splat offset=16 (local.get $uj)) (local.get $dz))))
                    (v128.load offset=224 (local.get $sc)))))
                (if (v128.any_true (v128.and (v128.or (local.get $seen) (local.get $seenJ)) (local.get $isO)))
                  (then
                    ;; some lane or j has the other in its repulsion or orientation zone: all zones, masked
                    (local.set $isR (f64x2.lt (local.get $dist) (v128.load offset=160 (local.get $sc))))
                    ;; repulsion: r −= û
                    (local.set $m (v128.and (local.get $seen) (local.get $isR)))
                    (v128.store offset=272 (local.get $sc) (f64x2.sub (v128.load offset=272 (local.get $sc)) (v128.and (local.get $dx) (local.get $m))))
                    (v128.store offset=288 (local.get $sc) (f64x2.sub (v128.load offset=288 (local.get $sc)) (v128.and (local.get $dy) (local.get $m))))
                    (v128.store offset=304 (local.get $sc) (f64x2.sub (v128.load offset=304 (local.get $sc)) (v128.and (local.get $dz) (local.get $m))))
                    (v128.store offset=368 (local.get $sc) (i64x2.sub (v128.load offset=368 (local.get $sc)) (local.get $m)))
                    ;; orientation: o += heading of j
                    (local.set $m (v128.andnot (v128.and (local.get $seen) (local.get $isO)) (local.get $isR)))
                    (v128.store offset=320 (local.get $sc) (f64x2.add (v128.load offset=320 (local.get $sc)) (v128.and (v128.load64_splat offset=0 (local.get $uj)) (local.get $m))))
                    (v128.store offset=336 (local.get $sc) (f64x2.add (v128.load offset=336 (local.get $sc)) (v128.and (v128.load64_splat offset=8 (local.get $uj)) (local.get $m))))
                    (v128.store offset=352 (local.get $sc) (f64x2.add (v128.load offset=352 (local.get $sc)) (v128.and (v128.load64_splat offset=16 (local.get $uj)) (local.get $m))))
                    (v128.store offset=384 (local.get $sc) (i64x2.sub (v128.load offset=384 (local.get $sc)) (local.get $m)))
                    (local.set $seen (v128.andnot (local.get $seen) (local.get $isO)))
                    ;; j's side, lane i0 then lane i1: repulsion r_j += û (j sees i along −û)
                    (local.set $m (v128.and (local.get $seenJ) (local.get $isR)))
                    (local.set $tx (v128.and (local.get $dx) (local.get $m)))
                    (local.set $ty (v128.and (local.get $dy) (local.get $m)))
                    (local.set $tz (v128.and (local.get $dz) (local.get $m)))
                    (v128.store offset=0 (local.get $sj) (f64x2.add
                      (f64x2.add (v128.load offset=0 (local.get $sj))
                        (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $tx) (local.get $ty)))
                      (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $tx) (local.get $ty))))
                    (f64.store offset=16 (local.get $sj) (f64.add
                      (f64.add (f64.load offset=16 (local.get $sj)) (f64x2.extract_lane 0 (local.get $tz)))
                      (f64x2.extract_lane 1 (local.get $tz))))
                    (i32.store offset=0 (local.get $cj) (i32.sub (i32.load offset=0 (local.get $cj))
                      (i32.wrap_i64 (i64x2.extract_lane 0 (i64x2.add (local.get $m)
                        (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $m) (local.get $m)))))))
                    ;; orientation: o_j += heading of i
                    (local.set $m (v128.andnot (v128.and (local.get $seenJ) (local.get $isO)) (local.get $isR)))
                    (local.set $tx (v128.and (v128.load offset=48 (local.get $sc)) (local.get $m)))
                    (local.set $ty (v128.and (v128.load offset=64 (local.get $sc)) (local.get $m)))
                    (local.set $tz (v128.and (v128.load offset=80 (local.get $sc)) (local.get $m)))
                    (v128.store offset=24 (local.get $sj) (f64x2.add
                      (f64x2.add (v128.load offset=24 (local.get $sj))
                        (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $tx) (local.get $ty)))
                      (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $tx) (local.get $ty))))
                    (f64.store offset=40 (local.get $sj) (f64.add
                      (f64.add (f64.load offset=40 (local.get $sj)) (f64x2.extract_lane 0 (local.get $tz)))
                      (f64x2.extract_lane 1 (local.get $tz))))
                    (i32.store offset=4 (local.get $cj) (i32.sub (i32.load offset=4 (local.get $cj))
                      (i32.wrap_i64 (i64x2.extract_lane 0 (i64x2.add (local.get $m)
                        (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $m) (local.get $m)))))))
                    (local.set $seenJ (v128.andnot (local.get $seenJ) (local.get $isO)))
))
                ;; attraction: a += û (seen now holds the lanes with j in the attraction zone only)
                (local.set $ax (f64x2.add (local.get $ax) (v128.and (local.get $dx) (local.get $seen))))
                (local.set $ay (f64x2.add (local.get $ay) (v128.and (local.get $dy) (local.get $seen))))
                (local.set $az (f64x2.add (local.get $az) (v128.and (local.get $dz) (local.get $seen))))
                (local.set $ca (i64x2.sub (local.get $ca) (local.get $seen)))
                ;; j's side, lane i0 then lane i1: attraction a_j −= û
                (local.set $tx (v128.and (local.get $dx) (local.get $seenJ)))
                (local.set $ty (v128.and (local.get $dy) (local.get $seenJ)))
                (local.set $tz (v128.and (local.get $dz) (local.get $seenJ)))
                (v128.store offset=48 (local.get $sj) (f64x2.sub
                  (f64x2.sub (v128.load offset=48 (local.get $sj))
                    (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $tx) (local.get $ty)))
                  (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $tx) (local.get $ty))))
                (f64.store offset=64 (local.get $sj) (f64.sub
                  (f64.sub (f64.load offset=64 (local.get $sj)) (f64x2.extract_lane 0 (local.get $tz)))
                  (f64x2.extract_lane 1 (local.get $tz))))
                (i32.store offset=8 (local.get $cj) (i32.sub (i32.load offset=8 (local.get $cj))
                  (i32.wrap_i64 (i64x2.extract_lane 0 (i64x2.add (local.get $seenJ)
                    (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $seenJ) (local.get $seenJ)))))))
))
        (local.set $pj (i32.add (local.get $pj) (i32.const 24)))
        (local.set $uj (i32.add (local.get $uj) (i32.const 24)))
        (local.set $sj (i32.add (local.get $sj) (i32.const 72)))
        (local.set $cj (i32.add (local.get $cj) (i32.const 12)))
        (br $pairs)))
    (v128.store offset=400 (local.get $sc) (local.get $ax))
    (v128.store offset=416 (local.get $sc) (local.get $ay))
    (v128.store offset=432 (local.get $sc) (local.get $az))
    (v128.store offset=448 (local.get $sc) (local.get $ca)))

  ;; The two rows' positions and headings as (i0, i1) lanes into the scratch.
  (func $set_rows (param $pos i32) (param $unit i32) (param $i0 i32) (param $i1 i32) (param $sc i32)
    (local $p0 i32) (local $p1 i32)
    (local.set $p0 (i32.mul (local.get $i0) (i32.const 24)))
    (local.set $p1 (i32.mul (local.get $i1) (i32.const 24)))
    (v128.store offset=0 (local.get $sc) (f64x2.replace_lane 1
      (f64x2.splat (f64.load offset=0 (i32.add (local.get $pos) (local.get $p0))))
      (f64.load offset=0 (i32.add (local.get $pos) (local.get $p1)))))
    (v128.store offset=16 (local.get $sc) (f64x2.replace_lane 1
      (f64x2.splat (f64.load offset=8 (i32.add (local.get $pos) (local.get $p0))))
      (f64.load offset=8 (i32.add (local.get $pos) (local.get $p1)))))
    (v128.store offset=32 (local.get $sc) (f64x2.replace_lane 1
      (f64x2.splat (f64.load offset=16 (i32.add (local.get $pos) (local.get $p0))))
      (f64.load offset=16 (i32.add (local.get $pos) (local.get $p1)))))
    (v128.store offset=48 (local.get $sc) (f64x2.replace_lane 1
      (f64x2.splat (f64.load offset=0 (i32.add (local.get $unit) (local.get $p0))))
      (f64.load offset=0 (i32.add (local.get $unit) (local.get $p1)))))
    (v128.store offset=64 (local.get $sc) (f64x2.replace_lane 1
      (f64x2.splat (f64.load offset=8 (i32.add (local.get $unit) (local.get $p0))))
      (f64.load offset=8 (i32.add (local.get $unit) (local.get $p1)))))
    (v128.store offset=80 (local.get $sc) (f64x2.replace_lane 1
      (f64x2.splat (f64.load offset=16 (i32.add (local.get $unit) (local.get $p0))))
      (f64.load offset=16 (i32.add (local.get $unit) (local.get $p1))))))

  ;; Zone sums and counts of fish lo … hi−1 against all n fish (j ≠ i), each fish's terms in ascending j.
  (func (export "pair_sums")
    (param $pos i32) (param $unit i32) (param $sums i32) (param $counts i32)
    (param $n i32) (param $lo i32) (param $hi i32)
    (param $boxL f64) (param $threshold f64) (param $rRep f64) (param $rOri f64) (param $rAtt f64)
    (param $raSafe f64) (param $cosThr f64) (param $blind i32) (param $sc i32)
    (local $i i32) (local $i1 i32) (local $thr f64)
    (local.set $thr (select (local.get $cosThr) (f64.const -inf) (local.get $blind)))
    (v128.store offset=112 (local.get $sc) (f64x2.splat (local.get $boxL)))
    (v128.store offset=128 (local.get $sc) (f64x2.splat (local.get $threshold)))
    (v128.store offset=144 (local.get $sc) (f64x2.neg (f64x2.splat (local.get $threshold))))
    (v128.store offset=160 (local.get $sc) (f64x2.splat (local.get $rRep)))
    (v128.store offset=176 (local.get $sc) (f64x2.splat (local.get $rOri)))
    (v128.store offset=192 (local.get $sc) (f64x2.splat (local.get $rAtt)))
    (v128.store offset=208 (local.get $sc) (f64x2.splat (local.get $raSafe)))
    (v128.store offset=224 (local.get $sc) (f64x2.splat (local.get $thr)))
    (v128.store offset=240 (local.get $sc) (f64x2.splat (f64.const 1e-10)))
    (v128.store offset=256 (local.get $sc) (f64x2.splat (f64.const 1)))
    ;; a worker's range: first every row against the fish below the range, one-sided
    (if (i32.gt_s (local.get $lo) (i32.const 0))
      (then
        (local.set $i (local.get $lo))
        (block $done
          (loop $rows
            (br_if $done (i32.ge_s (local.get $i) (local.get $hi)))
            ;; lane 1 is the next row, or row i again on an odd tail (then only lane 0 is stored)
            (local.set $i1 (select (i32.add (local.get $i) (i32.const 1)) (local.get $i)
              (i32.lt_s (i32.add (local.get $i) (i32.const 1)) (local.get $hi))))
            (call $set_rows (local.get $pos) (local.get $unit) (local.get $i) (local.get $i1) (local.get $sc))
            (call $load_rows (local.get $sums) (local.get $counts) (local.get $i) (local.get $i1) (local.get $sc))
            (call $one_sided (local.get $pos) (local.get $unit)
              (i32.add (local.get $pos) (i32.mul (local.get $lo) (i32.const 24))) (local.get $sc))
            (call $store_rows (local.get $sums) (local.get $counts) (local.get $i) (local.get $i1) (local.get $sc))
            (local.set $i (i32.add (local.get $i) (i32.const 2)))
            (br $rows)))))
    (local.set $i (local.get $lo))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_s (local.get $i) (local.get $hi)))
        (local.set $i1 (select (i32.add (local.get $i) (i32.const 1)) (local.get $i)
          (i32.lt_s (i32.add (local.get $i) (i32.const 1)) (local.get $hi))))
        (call $set_rows (local.get $pos) (local.get $unit) (local.get $i) (local.get $i1) (local.get $sc))
        (call $load_rows (local.get $sums) (local.get $counts) (local.get $i) (local.get $i1) (local.get $sc))
        ;; j = i0, i1: each lane meets the other row and itself (d = 0: du = 0 adds +0)
        (call $one_sided
          (i32.add (local.get $pos) (i32.mul (local.get $i) (i32.const 24)))
          (i32.add (local.get $unit) (i32.mul (local.get $i) (i32.const 24)))
          (i32.add (local.get $pos) (i32.mul (i32.add (local.get $i1) (i32.const 1)) (i32.const 24))) (local.get $sc))
        (call $both_sided (i32.add (local.get $i1) (i32.const 1)) (local.get $hi)
          (local.get $pos) (local.get $unit) (local.get $sums) (local.get $counts) (local.get $sc))
        (call $one_sided
          (i32.add (local.get $pos) (i32.mul (local.get $hi) (i32.const 24)))
          (i32.add (local.get $unit) (i32.mul (local.get $hi) (i32.const 24)))
          (i32.add (local.get $pos) (i32.mul (local.get $n) (i32.const 24))) (local.get $sc))
        ;; The self pair counted as repulsion whenever the blind test passed for du = 0, i.e. when
        ;; 0 > the cos threshold (always without a cone; r_r > 0 is required by the caller). Undo that.
        (if (f64.gt (f64.const 0) (local.get $thr))
          (then (v128.store offset=368 (local.get $sc)
            (i64x2.sub (v128.load offset=368 (local.get $sc)) (i64x2.splat (i64.const 1))))))
        (call $store_rows (local.get $sums) (local.get $counts) (local.get $i) (local.get $i1) (local.get $sc))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $rows))))

  ;; Both lanes into their rows' entries (lane 1 only when it is another row).
  (func $store_rows (param $sums i32) (param $counts i32) (param $i0 i32) (param $i1 i32) (param $sc i32)
    (call $store_row (local.get $sums) (local.get $counts) (local.get $i0) (i32.const 0) (local.get $sc))
    (if (i32.ne (local.get $i1) (local.get $i0))
      (then (call $store_row (local.get $sums) (local.get $counts) (local.get $i1) (i32.const 1) (local.get $sc)))))
)
