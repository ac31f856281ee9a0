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
;; Layout (byte addresses into the imported memory): positions and unit headings N×3 doubles
;; (x, y, z per fish), sums N×9 doubles (repulsion, orientation, attraction; x, y, z each), counts
;; N×3 int32 (fish in each zone). Rows lo … hi−1 are written; all N fish are their neighbours.
;; `sc` is 400 bytes of scratch, 16-aligned: the two rows' positions and headings and the splatted
;; constants live there and the pair loop reads them from memory, because V8 otherwise rebuilds such
;; loop-invariant vectors (splat + replace_lane) inside the loop on every iteration. The repulsion and
;; orientation sums and counts live there too (offsets 272 … 399) while the pair loop runs: they change
;; only for pairs closer than r_o, and kept in locals they made V8 spill and shuffle up to twenty vector
;; registers on every pair; in memory, the hot path (attraction) keeps its four accumulators in registers.
;; Assembled by scripts/build-wasm.mjs.
(module
  (import "env" "memory" (memory 1))

  ;; Stores lane 0 of the nine sums and three counts into fish i's entries.
  (func $store_lane0 (param $sums i32) (param $counts i32) (param $i i32)
    (param $rx v128) (param $ry v128) (param $rz v128) (param $ox v128) (param $oy v128) (param $oz v128)
    (param $ax v128) (param $ay v128) (param $az v128) (param $cr v128) (param $co v128) (param $ca v128)
    (local $s i32) (local $c i32)
    (local.set $s (i32.add (local.get $sums) (i32.mul (local.get $i) (i32.const 72))))
    (local.set $c (i32.add (local.get $counts) (i32.mul (local.get $i) (i32.const 12))))
    (f64.store offset=0 (local.get $s) (f64x2.extract_lane 0 (local.get $rx)))
    (f64.store offset=8 (local.get $s) (f64x2.extract_lane 0 (local.get $ry)))
    (f64.store offset=16 (local.get $s) (f64x2.extract_lane 0 (local.get $rz)))
    (f64.store offset=24 (local.get $s) (f64x2.extract_lane 0 (local.get $ox)))
    (f64.store offset=32 (local.get $s) (f64x2.extract_lane 0 (local.get $oy)))
    (f64.store offset=40 (local.get $s) (f64x2.extract_lane 0 (local.get $oz)))
    (f64.store offset=48 (local.get $s) (f64x2.extract_lane 0 (local.get $ax)))
    (f64.store offset=56 (local.get $s) (f64x2.extract_lane 0 (local.get $ay)))
    (f64.store offset=64 (local.get $s) (f64x2.extract_lane 0 (local.get $az)))
    (i32.store offset=0 (local.get $c) (i32.wrap_i64 (i64x2.extract_lane 0 (local.get $cr))))
    (i32.store offset=4 (local.get $c) (i32.wrap_i64 (i64x2.extract_lane 0 (local.get $co))))
    (i32.store offset=8 (local.get $c) (i32.wrap_i64 (i64x2.extract_lane 0 (local.get $ca)))))

  ;; Zone sums and counts of fish lo … hi−1 against all n fish (j ≠ i), ascending j.
  (func (export "pair_sums")
    (param $pos i32) (param $unit i32) (param $sums i32) (param $counts i32)
    (param $n i32) (param $lo i32) (param $hi i32)
    (param $boxL f64) (param $threshold f64) (param $rRep f64) (param $rOri f64) (param $rAtt f64)
    (param $raSafe f64) (param $cosThr f64) (param $blind i32) (param $sc i32)
    (local $i i32) (local $i1 i32) (local $pj i32) (local $uj i32) (local $end i32)
    (local $rx v128) (local $ry v128) (local $rz v128) (local $ox v128) (local $oy v128) (local $oz v128)
    (local $ax v128) (local $ay v128) (local $az v128) (local $cr v128) (local $co v128) (local $ca v128)
    (local $dx v128) (local $dy v128) (local $dz v128) (local $d2 v128) (local $dist v128) (local $div v128)
    (local $seen v128) (local $isR v128) (local $isO v128) (local $m v128)
    (local $pi i32) (local $pi1 i32)
    (v128.store offset=112 (local.get $sc) (f64x2.splat (local.get $boxL)))
    (v128.store offset=128 (local.get $sc) (f64x2.splat (local.get $threshold)))
    (v128.store offset=144 (local.get $sc) (f64x2.neg (f64x2.splat (local.get $threshold))))
    (v128.store offset=160 (local.get $sc) (f64x2.splat (local.get $rRep)))
    (v128.store offset=176 (local.get $sc) (f64x2.splat (local.get $rOri)))
    (v128.store offset=192 (local.get $sc) (f64x2.splat (local.get $rAtt)))
    (v128.store offset=208 (local.get $sc) (f64x2.splat (local.get $raSafe)))
    (v128.store offset=224 (local.get $sc)
      (f64x2.splat (select (local.get $cosThr) (f64.const -inf) (local.get $blind))))
    (v128.store offset=240 (local.get $sc) (f64x2.splat (f64.const 1e-10)))
    (v128.store offset=256 (local.get $sc) (f64x2.splat (f64.const 1)))
    (local.set $end (i32.add (local.get $pos) (i32.mul (local.get $n) (i32.const 24))))
    (local.set $i (local.get $lo))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_s (local.get $i) (local.get $hi)))
        ;; lane 1 is the next row, or row i again on an odd tail (then only lane 0 is stored)
        (local.set $i1 (select (i32.add (local.get $i) (i32.const 1)) (local.get $i)
          (i32.lt_s (i32.add (local.get $i) (i32.const 1)) (local.get $hi))))
        (local.set $pi (i32.mul (local.get $i) (i32.const 24)))
        (local.set $pi1 (i32.mul (local.get $i1) (i32.const 24)))
        (v128.store offset=0 (local.get $sc) (f64x2.replace_lane 1 (f64x2.splat (f64.load offset=0 (i32.add (local.get $pos) (local.get $pi))))
          (f64.load offset=0 (i32.add (local.get $pos) (local.get $pi1)))))
        (v128.store offset=16 (local.get $sc) (f64x2.replace_lane 1 (f64x2.splat (f64.load offset=8 (i32.add (local.get $pos) (local.get $pi))))
          (f64.load offset=8 (i32.add (local.get $pos) (local.get $pi1)))))
        (v128.store offset=32 (local.get $sc) (f64x2.replace_lane 1 (f64x2.splat (f64.load offset=16 (i32.add (local.get $pos) (local.get $pi))))
          (f64.load offset=16 (i32.add (local.get $pos) (local.get $pi1)))))
        (v128.store offset=48 (local.get $sc) (f64x2.replace_lane 1 (f64x2.splat (f64.load offset=0 (i32.add (local.get $unit) (local.get $pi))))
          (f64.load offset=0 (i32.add (local.get $unit) (local.get $pi1)))))
        (v128.store offset=64 (local.get $sc) (f64x2.replace_lane 1 (f64x2.splat (f64.load offset=8 (i32.add (local.get $unit) (local.get $pi))))
          (f64.load offset=8 (i32.add (local.get $unit) (local.get $pi1)))))
        (v128.store offset=80 (local.get $sc) (f64x2.replace_lane 1 (f64x2.splat (f64.load offset=16 (i32.add (local.get $unit) (local.get $pi))))
          (f64.load offset=16 (i32.add (local.get $unit) (local.get $pi1)))))
        (v128.store offset=272 (local.get $sc) (v128.const i64x2 0 0))
        (v128.store offset=288 (local.get $sc) (v128.const i64x2 0 0))
        (v128.store offset=304 (local.get $sc) (v128.const i64x2 0 0))
        (v128.store offset=320 (local.get $sc) (v128.const i64x2 0 0))
        (v128.store offset=336 (local.get $sc) (v128.const i64x2 0 0))
        (v128.store offset=352 (local.get $sc) (v128.const i64x2 0 0))
        (local.set $ax (v128.const i64x2 0 0))
        (local.set $ay (v128.const i64x2 0 0))
        (local.set $az (v128.const i64x2 0 0))
        (v128.store offset=368 (local.get $sc) (v128.const i64x2 0 0))
        (v128.store offset=384 (local.get $sc) (v128.const i64x2 0 0))
        (local.set $ca (v128.const i64x2 0 0))
        (local.set $pj (local.get $pos))
        (local.set $uj (local.get $unit))
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
                (local.set $seen (f64x2.lt (local.get $dist) (v128.load offset=192 (local.get $sc))))
                ;; rear blind cone: visible iff c·û > cos threshold (−∞ without a cone: always, as dot is finite)
                (local.set $seen (v128.and (local.get $seen)
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
                    (local.set $seen (v128.andnot (local.get $seen) (local.get $isO)))))
                ;; attraction: a += û (seen now holds the lanes with j in the attraction zone only)
                (local.set $ax (f64x2.add (local.get $ax) (v128.and (local.get $dx) (local.get $seen))))
                (local.set $ay (f64x2.add (local.get $ay) (v128.and (local.get $dy) (local.get $seen))))
                (local.set $az (f64x2.add (local.get $az) (v128.and (local.get $dz) (local.get $seen))))
                (local.set $ca (i64x2.sub (local.get $ca) (local.get $seen)))))
            (local.set $pj (i32.add (local.get $pj) (i32.const 24)))
            (local.set $uj (i32.add (local.get $uj) (i32.const 24)))
            (br $pairs)))
        ;; the rarely updated accumulators back from the scratch memory
        (local.set $rx (v128.load offset=272 (local.get $sc)))
        (local.set $ry (v128.load offset=288 (local.get $sc)))
        (local.set $rz (v128.load offset=304 (local.get $sc)))
        (local.set $ox (v128.load offset=320 (local.get $sc)))
        (local.set $oy (v128.load offset=336 (local.get $sc)))
        (local.set $oz (v128.load offset=352 (local.get $sc)))
        (local.set $cr (v128.load offset=368 (local.get $sc)))
        (local.set $co (v128.load offset=384 (local.get $sc)))
        ;; The loop also visited j = i (no index test in the loop): d = 0, so du = 0 is added (no change)
        ;; and the repulsion count went up by one whenever the blind test passed for du = 0, i.e. with
        ;; no blind cone or when 0 > cos threshold (r_r > 0 is required by the caller). Undo that.
        (if (i32.or (i32.eqz (local.get $blind)) (f64.gt (f64.const 0) (local.get $cosThr)))
          (then (local.set $cr (i64x2.sub (local.get $cr) (i64x2.splat (i64.const 1))))))
        (call $store_lane0 (local.get $sums) (local.get $counts) (local.get $i)
          (local.get $rx) (local.get $ry) (local.get $rz) (local.get $ox) (local.get $oy) (local.get $oz)
          (local.get $ax) (local.get $ay) (local.get $az) (local.get $cr) (local.get $co) (local.get $ca))
        (if (i32.ne (local.get $i1) (local.get $i))
          (then
            ;; lane 1 moved to lane 0 by swapping the halves
            (call $store_lane0 (local.get $sums) (local.get $counts) (local.get $i1)
              (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $rx) (local.get $rx))
              (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $ry) (local.get $ry))
              (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $rz) (local.get $rz))
              (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $ox) (local.get $ox))
              (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $oy) (local.get $oy))
              (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $oz) (local.get $oz))
              (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $ax) (local.get $ax))
              (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $ay) (local.get $ay))
              (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $az) (local.get $az))
              (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $cr) (local.get $cr))
              (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $co) (local.get $co))
              (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $ca) (local.get $ca)))))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $rows))))
)
