;; WebAssembly SIMD (f64x2) versions of the hot loops of the TypeScript linear-algebra fallback:
;; the dot-product rank-k update (rank-update.ts), the 4-row symmetric mat-vec sweep
;; (tridiagonalize.ts) and the 8-row Aᵀu / 4-row Av sweeps (bidiagonalize.ts).
;; Every address is a byte offset into the imported memory; every `count`/`len` is even, so
;; the loops take two doubles (one v128) per step and need no scalar tail (the callers peel odd
;; elements or pad). There is no fused multiply-add in WebAssembly SIMD: products and sums are
;; rounded separately, as in the TypeScript loops. Assembled by scripts/build-wasm.mjs.
(module
  (import "env" "memory" (memory 1))

  ;; c[addr] += sign · (lane 0 + lane 1 of acc)
  (func $add_sum (param $addr i32) (param $acc v128) (param $sign f64)
    local.get $addr
    local.get $addr
    f64.load
    local.get $acc
    f64x2.extract_lane 0
    local.get $acc
    f64x2.extract_lane 1
    f64.add
    local.get $sign
    f64.mul
    f64.add
    f64.store)

  ;; One strip of the rank-k update: for q < count,
  ;;   c[q] += sign · x0·y_q  and (rows = 2) c[ldc + q] += sign · x1·y_q,
  ;; where y_q is the row at y + q·ldy and each dot product runs over len bytes (len/8 doubles).
  ;; With skip ≠ 0 the entry c[ldc + 0] (below the diagonal of a symmetric update) is not written.
  ;; Blocks of 2 x 4 dot products: 8 accumulators, 6 loads per 8 vector multiply-adds.
  (func $dot_strip (export "dot_strip")
    (param $c i32) (param $ldc i32) (param $x0 i32) (param $x1 i32) (param $rows i32)
    (param $y i32) (param $ldy i32) (param $count i32) (param $len i32) (param $sign f64) (param $skip i32)
    (local $t i32) (local $y1 i32) (local $y2 i32) (local $y3 i32) (local $c1 i32)
    (local $xa v128) (local $xb v128) (local $yv v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128)
    block $done4
      loop $blocks
        local.get $count
        i32.const 4
        i32.lt_s
        br_if $done4
        local.get $y
        local.get $ldy
        i32.add
        local.tee $y1
        local.get $ldy
        i32.add
        local.tee $y2
        local.get $ldy
        i32.add
        local.set $y3
        f64.const 0
        f64x2.splat
        local.tee $a0
        local.tee $a1
        local.tee $a2
        local.tee $a3
        local.tee $b0
        local.tee $b1
        local.tee $b2
        local.set $b3
        i32.const 0
        local.set $t
        loop $dot
          local.get $x0
          local.get $t
          i32.add
          v128.load
          local.set $xa
          local.get $x1
          local.get $t
          i32.add
          v128.load
          local.set $xb
          ;; column 0
          local.get $y
          local.get $t
          i32.add
          v128.load
          local.tee $yv
          local.get $xa
          f64x2.mul
          local.get $a0
          f64x2.add
          local.set $a0
          local.get $yv
          local.get $xb
          f64x2.mul
          local.get $b0
          f64x2.add
          local.set $b0
          ;; column 1
          local.get $y1
          local.get $t
          i32.add
          v128.load
          local.tee $yv
          local.get $xa
          f64x2.mul
          local.get $a1
          f64x2.add
          local.set $a1
          local.get $yv
          local.get $xb
          f64x2.mul
          local.get $b1
          f64x2.add
          local.set $b1
          ;; column 2
          local.get $y2
          local.get $t
          i32.add
          v128.load
          local.tee $yv
          local.get $xa
          f64x2.mul
          local.get $a2
          f64x2.add
          local.set $a2
          local.get $yv
          local.get $xb
          f64x2.mul
          local.get $b2
          f64x2.add
          local.set $b2
          ;; column 3
          local.get $y3
          local.get $t
          i32.add
          v128.load
          local.tee $yv
          local.get $xa
          f64x2.mul
          local.get $a3
          f64x2.add
          local.set $a3
          local.get $yv
          local.get $xb
          f64x2.mul
          local.get $b3
          f64x2.add
          local.set $b3
          local.get $t
          i32.const 16
          i32.add
          local.tee $t
          local.get $len
          i32.lt_u
          br_if $dot
        end
        local.get $c
        local.get $a0
        local.get $sign
        call $add_sum
        local.get $c
        i32.const 8
        i32.add
        local.get $a1
        local.get $sign
        call $add_sum
        local.get $c
        i32.const 16
        i32.add
        local.get $a2
        local.get $sign
        call $add_sum
        local.get $c
        i32.const 24
        i32.add
        local.get $a3
        local.get $sign
        call $add_sum
        local.get $rows
        i32.const 2
        i32.eq
        if
          local.get $c
          local.get $ldc
          i32.add
          local.set $c1
          local.get $skip
          i32.eqz
          if
            local.get $c1
            local.get $b0
            local.get $sign
            call $add_sum
          end
          local.get $c1
          i32.const 8
          i32.add
          local.get $b1
          local.get $sign
          call $add_sum
          local.get $c1
          i32.const 16
          i32.add
          local.get $b2
          local.get $sign
          call $add_sum
          local.get $c1
          i32.const 24
          i32.add
          local.get $b3
          local.get $sign
          call $add_sum
        end
        i32.const 0
        local.set $skip
        local.get $c
        i32.const 32
        i32.add
        local.set $c
        local.get $y3
        local.get $ldy
        i32.add
        local.set $y
        local.get $count
        i32.const 4
        i32.sub
        local.set $count
        br $blocks
      end
    end
    ;; the last count < 4 columns, one at a time
    block $done1
      loop $singles
        local.get $count
        i32.eqz
        br_if $done1
        f64.const 0
        f64x2.splat
        local.tee $a0
        local.set $b0
        i32.const 0
        local.set $t
        loop $dot1
          local.get $y
          local.get $t
          i32.add
          v128.load
          local.tee $yv
          local.get $x0
          local.get $t
          i32.add
          v128.load
          f64x2.mul
          local.get $a0
          f64x2.add
          local.set $a0
          local.get $yv
          local.get $x1
          local.get $t
          i32.add
          v128.load
          f64x2.mul
          local.get $b0
          f64x2.add
          local.set $b0
          local.get $t
          i32.const 16
          i32.add
          local.tee $t
          local.get $len
          i32.lt_u
          br_if $dot1
        end
        local.get $c
        local.get $a0
        local.get $sign
        call $add_sum
        local.get $rows
        i32.const 2
        i32.eq
        if
          local.get $skip
          i32.eqz
          if
            local.get $c
            local.get $ldc
            i32.add
            local.get $b0
            local.get $sign
            call $add_sum
          end
        end
        i32.const 0
        local.set $skip
        local.get $c
        i32.const 8
        i32.add
        local.set $c
        local.get $y
        local.get $ldy
        i32.add
        local.set $y
        local.get $count
        i32.const 1
        i32.sub
        local.set $count
        br $singles
      end
    end)

  ;; One 4-row sweep of the symmetric mat-vec p += A x (upper triangle stored): for the rows at
  ;; w, w + ldw, w + 2·ldw, w + 3·ldw (already offset to the first column) and count columns,
  ;;   p[j] += Σ_r a[r, j]·xs[r]   and   out[r] += Σ_j a[r, j]·x[j],
  ;; with xs = the 4 entries of x belonging to the rows and out = their 4 entries of p.
  (func $symv4 (export "symv4")
    (param $w i32) (param $ldw i32) (param $x i32) (param $p i32) (param $count i32) (param $xs i32) (param $out i32)
    (local $t i32) (local $len i32) (local $r1 i32) (local $r2 i32) (local $r3 i32)
    (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128) (local $xv v128) (local $pv v128) (local $b v128)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    local.get $w
    local.get $ldw
    i32.add
    local.tee $r1
    local.get $ldw
    i32.add
    local.tee $r2
    local.get $ldw
    i32.add
    local.set $r3
    local.get $xs
    f64.load offset=0
    f64x2.splat
    local.set $x0
    local.get $xs
    f64.load offset=8
    f64x2.splat
    local.set $x1
    local.get $xs
    f64.load offset=16
    f64x2.splat
    local.set $x2
    local.get $xs
    f64.load offset=24
    f64x2.splat
    local.set $x3
    f64.const 0
    f64x2.splat
    local.tee $s0
    local.tee $s1
    local.tee $s2
    local.set $s3
    local.get $count
    i32.const 3
    i32.shl
    local.set $len
    i32.const 0
    local.set $t
    block $empty
      local.get $len
      i32.eqz
      br_if $empty
      loop $sweep
        local.get $x
        local.get $t
        i32.add
        v128.load
        local.set $xv
        local.get $p
        local.get $t
        i32.add
        v128.load
        local.set $pv
        ;; row 0
        local.get $w
        local.get $t
        i32.add
        v128.load
        local.tee $b
        local.get $xv
        f64x2.mul
        local.get $s0
        f64x2.add
        local.set $s0
        local.get $b
        local.get $x0
        f64x2.mul
        local.get $pv
        f64x2.add
        local.set $pv
        ;; row 1
        local.get $r1
        local.get $t
        i32.add
        v128.load
        local.tee $b
        local.get $xv
        f64x2.mul
        local.get $s1
        f64x2.add
        local.set $s1
        local.get $b
        local.get $x1
        f64x2.mul
        local.get $pv
        f64x2.add
        local.set $pv
        ;; row 2
        local.get $r2
        local.get $t
        i32.add
        v128.load
        local.tee $b
        local.get $xv
        f64x2.mul
        local.get $s2
        f64x2.add
        local.set $s2
        local.get $b
        local.get $x2
        f64x2.mul
        local.get $pv
        f64x2.add
        local.set $pv
        ;; row 3
        local.get $r3
        local.get $t
        i32.add
        v128.load
        local.tee $b
        local.get $xv
        f64x2.mul
        local.get $s3
        f64x2.add
        local.set $s3
        local.get $b
        local.get $x3
        f64x2.mul
        local.get $pv
        f64x2.add
        local.set $pv
        local.get $p
        local.get $t
        i32.add
        local.get $pv
        v128.store
        local.get $t
        i32.const 16
        i32.add
        local.tee $t
        local.get $len
        i32.lt_u
        br_if $sweep
      end
    end
    local.get $out
    i32.const 0
    i32.add
    local.get $s0
    f64.const 1
    call $add_sum
    local.get $out
    i32.const 8
    i32.add
    local.get $s1
    f64.const 1
    call $add_sum
    local.get $out
    i32.const 16
    i32.add
    local.get $s2
    f64.const 1
    call $add_sum
    local.get $out
    i32.const 24
    i32.add
    local.get $s3
    f64.const 1
    call $add_sum)

  ;; y[j] += Σ_{r<8} u[r]·a[r, j] for count columns (Aᵀu, eight rows per sweep of y); w is the
  ;; address of a[0, first column], rows ldw bytes apart, u the address of the 8 multipliers.
  (func $axpy8 (export "axpy8")
    (param $w i32) (param $ldw i32) (param $u i32) (param $y i32) (param $count i32)
    (local $t i32) (local $len i32) (local $acc v128)
    (local $r1 i32) (local $r2 i32) (local $r3 i32) (local $r4 i32) (local $r5 i32) (local $r6 i32) (local $r7 i32)
    (local $u0 v128) (local $u1 v128) (local $u2 v128) (local $u3 v128) (local $u4 v128) (local $u5 v128) (local $u6 v128) (local $u7 v128)
    local.get $w
    local.get $ldw
    i32.add
    local.set $r1
    local.get $r1
    local.get $ldw
    i32.add
    local.set $r2
    local.get $r2
    local.get $ldw
    i32.add
    local.set $r3
    local.get $r3
    local.get $ldw
    i32.add
    local.set $r4
    local.get $r4
    local.get $ldw
    i32.add
    local.set $r5
    local.get $r5
    local.get $ldw
    i32.add
    local.set $r6
    local.get $r6
    local.get $ldw
    i32.add
    local.set $r7
    local.get $u
    f64.load offset=0
    f64x2.splat
    local.set $u0
    local.get $u
    f64.load offset=8
    f64x2.splat
    local.set $u1
    local.get $u
    f64.load offset=16
    f64x2.splat
    local.set $u2
    local.get $u
    f64.load offset=24
    f64x2.splat
    local.set $u3
    local.get $u
    f64.load offset=32
    f64x2.splat
    local.set $u4
    local.get $u
    f64.load offset=40
    f64x2.splat
    local.set $u5
    local.get $u
    f64.load offset=48
    f64x2.splat
    local.set $u6
    local.get $u
    f64.load offset=56
    f64x2.splat
    local.set $u7
    local.get $count
    i32.const 3
    i32.shl
    local.set $len
    i32.const 0
    local.set $t
    block $empty
      local.get $len
      i32.eqz
      br_if $empty
      loop $sweep
        local.get $y
        local.get $t
        i32.add
        v128.load
        local.set $acc
        local.get $w
        local.get $t
        i32.add
        v128.load
        local.get $u0
        f64x2.mul
        local.get $acc
        f64x2.add
        local.set $acc
        local.get $r1
        local.get $t
        i32.add
        v128.load
        local.get $u1
        f64x2.mul
        local.get $acc
        f64x2.add
        local.set $acc
        local.get $r2
        local.get $t
        i32.add
        v128.load
        local.get $u2
        f64x2.mul
        local.get $acc
        f64x2.add
        local.set $acc
        local.get $r3
        local.get $t
        i32.add
        v128.load
        local.get $u3
        f64x2.mul
        local.get $acc
        f64x2.add
        local.set $acc
        local.get $r4
        local.get $t
        i32.add
        v128.load
        local.get $u4
        f64x2.mul
        local.get $acc
        f64x2.add
        local.set $acc
        local.get $r5
        local.get $t
        i32.add
        v128.load
        local.get $u5
        f64x2.mul
        local.get $acc
        f64x2.add
        local.set $acc
        local.get $r6
        local.get $t
        i32.add
        v128.load
        local.get $u6
        f64x2.mul
        local.get $acc
        f64x2.add
        local.set $acc
        local.get $r7
        local.get $t
        i32.add
        v128.load
        local.get $u7
        f64x2.mul
        local.get $acc
        f64x2.add
        local.set $acc
        local.get $y
        local.get $t
        i32.add
        local.get $acc
        v128.store
        local.get $t
        i32.const 16
        i32.add
        local.tee $t
        local.get $len
        i32.lt_u
        br_if $sweep
      end
    end)

  ;; out[r] += tau · Σ_j a[r, j]·v[j] for the 4 rows at w, w + ldw, … over count columns (Av).
  (func $dot4 (export "dot4")
    (param $w i32) (param $ldw i32) (param $v i32) (param $count i32) (param $out i32) (param $tau f64)
    (local $t i32) (local $len i32) (local $r1 i32) (local $r2 i32) (local $r3 i32) (local $vv v128)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    local.get $w
    local.get $ldw
    i32.add
    local.tee $r1
    local.get $ldw
    i32.add
    local.tee $r2
    local.get $ldw
    i32.add
    local.set $r3
    f64.const 0
    f64x2.splat
    local.tee $s0
    local.tee $s1
    local.tee $s2
    local.set $s3
    local.get $count
    i32.const 3
    i32.shl
    local.set $len
    i32.const 0
    local.set $t
    block $empty
      local.get $len
      i32.eqz
      br_if $empty
      loop $sweep
        local.get $v
        local.get $t
        i32.add
        v128.load
        local.set $vv
        local.get $w
        local.get $t
        i32.add
        v128.load
        local.get $vv
        f64x2.mul
        local.get $s0
        f64x2.add
        local.set $s0
        local.get $r1
        local.get $t
        i32.add
        v128.load
        local.get $vv
        f64x2.mul
        local.get $s1
        f64x2.add
        local.set $s1
        local.get $r2
        local.get $t
        i32.add
        v128.load
        local.get $vv
        f64x2.mul
        local.get $s2
        f64x2.add
        local.set $s2
        local.get $r3
        local.get $t
        i32.add
        v128.load
        local.get $vv
        f64x2.mul
        local.get $s3
        f64x2.add
        local.set $s3
        local.get $t
        i32.const 16
        i32.add
        local.tee $t
        local.get $len
        i32.lt_u
        br_if $sweep
      end
    end
    local.get $out
    i32.const 0
    i32.add
    local.get $s0
    local.get $tau
    call $add_sum
    local.get $out
    i32.const 8
    i32.add
    local.get $s1
    local.get $tau
    call $add_sum
    local.get $out
    i32.const 16
    i32.add
    local.get $s2
    local.get $tau
    call $add_sum
    local.get $out
    i32.const 24
    i32.add
    local.get $s3
    local.get $tau
    call $add_sum)
)
