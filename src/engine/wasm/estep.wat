;; The fused E-step of model1d.ts and model2d.ts in WebAssembly SIMD (f64x2). `npm run build:wasm`
;; (scripts/build-wasm.mjs, with wabt) assembles it into estep-wasm.ts; estep-kernel.ts loads it.
;; Hand-written and unrolled (1D and 2D, expNeg inlined in both), so longer than the 400 lines the project
;; keeps TypeScript files under: V8 does not inline wasm calls, and a call per point would cost more than
;; the point.
;;
;; Two blocks of 256 points at a time: lane 0 runs block A's point j, lane 1 block B's point j. Each lane's
;; sums are then exactly one block's sums in point order, so the block results are bit-identical to the
;; scalar TypeScript loops (which sum each block in point order, from +0, and the product from 1):
;; - every per-point value is the same sequence of IEEE-754 operations as there (+ − × ÷, floor, abs,
;;   compares; no FMA, no relaxed SIMD, no reassociation), so each lane computes the bits V8 computes;
;; - expNeg is detmath.ts's algorithm, with its table FRAC and constants written into this memory by the
;;   loader, from detmath itself. POW2[k]·FRAC[j] is formed by subtracting k from FRAC[j]'s exponent
;;   field: the product is exact (FRAC ∈ (½, 1], k ≤ 1021 for |d| ≤ 708, so it stays normal);
;; - t·x + (1 − t)·y (t ∈ {0, 1}) is a bitselect for r and s: both are finite, in [0, 1], so the arithmetic
;;   form gives exactly one of them. It stays arithmetic for max(a, b), where a or b may be −∞ and
;;   0·∞ = NaN must come out as in the scalar path.
;; The model then adds log(prod) and the compensated block sums in TypeScript, with the scalar path's code.
;;
;; Memory: [0, 2048) FRAC[256]; [2048, 2088) INV_C, C_HI, C_LO, 1/6, 1/24; the caller's block results and
;; data above 4096. Block results, 1D: top, prod, H, R1, R2, S1, Q1, S2, Q2 (9 doubles); 2D: top, prod, H,
;; R1, R2, b1x, b1y, A1xx, A1xy, A1yy, b2x, b2y, A2xx, A2xy, A2yy (15 doubles).
(module
  (memory (export "memory") 1)

  ;; One group: block A at $pa runs in lane 0 ($len points), block B at $pb in lane 1 ($lenb ≤ $len points);
  ;; their results go to $oa and $ob. A lone block passes $pb = $pa, $ob = $oa: lane 1 repeats lane 0.
  (func $group1d
    (param $pa i32) (param $pb i32) (param $len i32) (param $lenb i32) (param $oa i32) (param $ob i32)
    (param $m1 f64) (param $m2 f64) (param $c1 f64) (param $c2 f64) (param $h1 f64) (param $h2 f64)
    (local $o i32) (local $end i32) (local $endb i32)
    (local $ONE v128) (local $HALF v128) (local $ZERO v128) (local $LIM v128) (local $MAGIC v128) (local $LOW8 v128)
    (local $d v128) (local $tm v128) (local $t v128) (local $ad v128) (local $nd v128) (local $nb v128) (local $r v128)
    (local $ix v128) (local $e v128) (local $ope v128) (local $big v128) (local $small v128) (local $vtop v128)
    (local $M1 v128) (local $M2 v128) (local $C1 v128) (local $C2 v128) (local $H1 v128) (local $H2 v128)
    (local $X v128) (local $d1 v128) (local $d2 v128) (local $a v128) (local $b v128) (local $u1 v128) (local $u2 v128)
    (local $top v128) (local $prod v128) (local $H v128) (local $R1 v128) (local $R2 v128)
    (local $S1 v128) (local $Q1 v128) (local $S2 v128) (local $Q2 v128)
    (local.set $ONE (f64x2.splat (f64.const 1)))
    (local.set $HALF (f64x2.splat (f64.const 0.5)))
    (local.set $ZERO (f64x2.splat (f64.const 0)))
    (local.set $LIM (f64x2.splat (f64.const 708)))
    (local.set $MAGIC (f64x2.splat (f64.const 0x1p52)))
    (local.set $LOW8 (i64x2.splat (i64.const 255)))
    (local.set $prod (local.get $ONE)) ;; the other sums start at +0, as locals do
    (local.set $M1 (f64x2.splat (local.get $m1)))
    (local.set $M2 (f64x2.splat (local.get $m2)))
    (local.set $C1 (f64x2.splat (local.get $c1)))
    (local.set $C2 (f64x2.splat (local.get $c2)))
    (local.set $H1 (f64x2.splat (local.get $h1)))
    (local.set $H2 (f64x2.splat (local.get $h2)))
    (local.set $end (i32.shl (local.get $len) (i32.const 3)))
    (local.set $endb (i32.shl (local.get $lenb) (i32.const 3)))
    (loop $points
      ;; Block B (the tail, beside the last full block) ends first: its sums are kept here, and lane 1 runs
      ;; on over the zero padding; what it adds from then on is never read.
      (if (i32.eq (local.get $o) (local.get $endb))
        (then
          (f64.store offset=0 (local.get $ob) (f64x2.extract_lane 1 (local.get $top)))
          (f64.store offset=8 (local.get $ob) (f64x2.extract_lane 1 (local.get $prod)))
          (f64.store offset=16 (local.get $ob) (f64x2.extract_lane 1 (local.get $H)))
          (f64.store offset=24 (local.get $ob) (f64x2.extract_lane 1 (local.get $R1)))
          (f64.store offset=32 (local.get $ob) (f64x2.extract_lane 1 (local.get $R2)))
          (f64.store offset=40 (local.get $ob) (f64x2.extract_lane 1 (local.get $S1)))
          (f64.store offset=48 (local.get $ob) (f64x2.extract_lane 1 (local.get $Q1)))
          (f64.store offset=56 (local.get $ob) (f64x2.extract_lane 1 (local.get $S2)))
          (f64.store offset=64 (local.get $ob) (f64x2.extract_lane 1 (local.get $Q2)))))
        (local.set $X (v128.load64_lane 1 (i32.add (local.get $pb) (local.get $o))
          (v128.load64_zero (i32.add (local.get $pa) (local.get $o)))))
        (local.set $d1 (f64x2.sub (local.get $X) (local.get $M1)))
        (local.set $d2 (f64x2.sub (local.get $X) (local.get $M2)))
        ;; a = c1 − d1·d1·h1, b = c2 − d2·d2·h2, d = a − b
        (local.set $a (f64x2.sub (local.get $C1) (f64x2.mul (f64x2.mul (local.get $d1) (local.get $d1)) (local.get $H1))))
        (local.set $b (f64x2.sub (local.get $C2) (f64x2.mul (f64x2.mul (local.get $d2) (local.get $d2)) (local.get $H2))))
        (local.set $d (f64x2.sub (local.get $a) (local.get $b)))
        (local.set $tm (f64x2.ge (local.get $d) (local.get $ZERO)))
        (local.set $t (v128.and (local.get $tm) (local.get $ONE)))
        ;; max(a, b) as t·a + (1 − t)·b
        (local.set $vtop (f64x2.add (f64x2.mul (local.get $t) (local.get $a))
          (f64x2.mul (f64x2.sub (local.get $ONE) (local.get $t)) (local.get $b))))
        ;; e = expNeg(|d|): n = ⌊|d|·INV_C + ½⌋, r = n·C_HI − |d| + n·C_LO, e = POW2[n >> 8]·FRAC[n & 255]·p(r)
        (local.set $ad (f64x2.abs (local.get $d)))
        (local.set $nd (f64x2.floor (f64x2.add (f64x2.mul (local.get $ad) (v128.load64_splat (i32.const 2048))) (local.get $HALF))))
        (local.set $nb (f64x2.add (local.get $nd) (local.get $MAGIC))) ;; its low bits are n (n < 2^52)
        (local.set $r (f64x2.add (f64x2.sub (f64x2.mul (local.get $nd) (v128.load64_splat (i32.const 2056))) (local.get $ad))
          (f64x2.mul (local.get $nd) (v128.load64_splat (i32.const 2064)))))
        (local.set $ix (i64x2.shl (v128.and (local.get $nb) (local.get $LOW8)) (i32.const 3))) ;; in [0, 2040], even for NaN
        (local.set $e (v128.load64_zero (i32.wrap_i64 (i64x2.extract_lane 0 (local.get $ix)))))
        (local.set $e (v128.load64_lane 1 (i32.wrap_i64 (i64x2.extract_lane 1 (local.get $ix))) (local.get $e)))
        ;; POW2[k]·FRAC[j] is FRAC[j] with k taken off its exponent field; (n & ~255) << 44 is k << 52
        (local.set $e (i64x2.sub (local.get $e) (i64x2.shl (v128.andnot (local.get $nb) (local.get $LOW8)) (i32.const 44))))
        (local.set $e (f64x2.mul (local.get $e)
          (f64x2.add (local.get $ONE) (f64x2.mul (local.get $r)
            (f64x2.add (local.get $ONE) (f64x2.mul (local.get $r)
              (f64x2.add (local.get $HALF) (f64x2.mul (local.get $r)
                (f64x2.add (v128.load64_splat (i32.const 2072))
                  (f64x2.mul (local.get $r) (v128.load64_splat (i32.const 2080))))))))))))
        (local.set $e (v128.and (local.get $e) (f64x2.le (local.get $ad) (local.get $LIM)))) ;; 0 past 708, and for NaN
        ;; r = t ? 1/(1+e) : e/(1+e), and s the other one
        (local.set $ope (f64x2.add (local.get $ONE) (local.get $e)))
        (local.set $big (f64x2.div (local.get $ONE) (local.get $ope)))
        (local.set $small (f64x2.mul (local.get $e) (local.get $big)))
        (local.set $u1 (v128.bitselect (local.get $big) (local.get $small) (local.get $tm))) ;; r
        (local.set $u2 (v128.bitselect (local.get $small) (local.get $big) (local.get $tm))) ;; s
        (local.set $top (f64x2.add (local.get $top) (local.get $vtop)))
        (local.set $prod (f64x2.mul (local.get $prod) (local.get $ope)))
        (local.set $H (f64x2.add (local.get $H) (f64x2.mul (local.get $ad) (local.get $small))))
        (local.set $R1 (f64x2.add (local.get $R1) (local.get $u1)))
        (local.set $R2 (f64x2.add (local.get $R2) (local.get $u2)))
        (local.set $u1 (f64x2.mul (local.get $u1) (local.get $d1))) ;; r·d1
        (local.set $u2 (f64x2.mul (local.get $u2) (local.get $d2))) ;; s·d2
        (local.set $S1 (f64x2.add (local.get $S1) (local.get $u1)))
        (local.set $Q1 (f64x2.add (local.get $Q1) (f64x2.mul (local.get $u1) (local.get $d1))))
        (local.set $S2 (f64x2.add (local.get $S2) (local.get $u2)))
        (local.set $Q2 (f64x2.add (local.get $Q2) (f64x2.mul (local.get $u2) (local.get $d2))))
        (local.set $o (i32.add (local.get $o) (i32.const 8)))
      (br_if $points (i32.lt_u (local.get $o) (local.get $end))))
    (if (i32.eq (local.get $endb) (local.get $end))
      (then
        (f64.store offset=0 (local.get $ob) (f64x2.extract_lane 1 (local.get $top)))
        (f64.store offset=8 (local.get $ob) (f64x2.extract_lane 1 (local.get $prod)))
        (f64.store offset=16 (local.get $ob) (f64x2.extract_lane 1 (local.get $H)))
        (f64.store offset=24 (local.get $ob) (f64x2.extract_lane 1 (local.get $R1)))
        (f64.store offset=32 (local.get $ob) (f64x2.extract_lane 1 (local.get $R2)))
        (f64.store offset=40 (local.get $ob) (f64x2.extract_lane 1 (local.get $S1)))
        (f64.store offset=48 (local.get $ob) (f64x2.extract_lane 1 (local.get $Q1)))
        (f64.store offset=56 (local.get $ob) (f64x2.extract_lane 1 (local.get $S2)))
        (f64.store offset=64 (local.get $ob) (f64x2.extract_lane 1 (local.get $Q2)))))
    (f64.store offset=0 (local.get $oa) (f64x2.extract_lane 0 (local.get $top)))
    (f64.store offset=8 (local.get $oa) (f64x2.extract_lane 0 (local.get $prod)))
    (f64.store offset=16 (local.get $oa) (f64x2.extract_lane 0 (local.get $H)))
    (f64.store offset=24 (local.get $oa) (f64x2.extract_lane 0 (local.get $R1)))
    (f64.store offset=32 (local.get $oa) (f64x2.extract_lane 0 (local.get $R2)))
    (f64.store offset=40 (local.get $oa) (f64x2.extract_lane 0 (local.get $S1)))
    (f64.store offset=48 (local.get $oa) (f64x2.extract_lane 0 (local.get $Q1)))
    (f64.store offset=56 (local.get $oa) (f64x2.extract_lane 0 (local.get $S2)))
    (f64.store offset=64 (local.get $oa) (f64x2.extract_lane 0 (local.get $Q2))))

  ;; 1D: n points at byte $x (then 256 zero points of padding), ceil(n/256)·9 doubles of results at $out.
  ;; Full blocks go two by two; a last full block takes the tail block beside it, or goes alone.
  (func (export "estep1d")
    (param $x i32) (param $n i32) (param $out i32)
    (param $m1 f64) (param $m2 f64) (param $c1 f64) (param $c2 f64) (param $h1 f64) (param $h2 f64)
    (local $full i32) (local $tail i32) (local $b i32) (local $pa i32) (local $oa i32)
    (local.set $full (i32.shr_u (local.get $n) (i32.const 8)))
    (local.set $tail (i32.and (local.get $n) (i32.const 255)))
    (local.set $pa (local.get $x))
    (local.set $oa (local.get $out))
    (block $pairsDone
      (loop $pairs
        (br_if $pairsDone (i32.gt_u (i32.add (local.get $b) (i32.const 2)) (local.get $full)))
        (call $group1d (local.get $pa) (i32.add (local.get $pa) (i32.const 2048)) (i32.const 256) (i32.const 256) (local.get $oa) (i32.add (local.get $oa) (i32.const 72))
          (local.get $m1) (local.get $m2) (local.get $c1) (local.get $c2) (local.get $h1) (local.get $h2))
        (local.set $pa (i32.add (local.get $pa) (i32.const 4096)))
        (local.set $oa (i32.add (local.get $oa) (i32.const 144)))
        (local.set $b (i32.add (local.get $b) (i32.const 2)))
        (br $pairs)))
    (if (i32.lt_u (local.get $b) (local.get $full))
      (then
        (if (local.get $tail)
          (then
            (call $group1d (local.get $pa) (i32.add (local.get $pa) (i32.const 2048)) (i32.const 256) (local.get $tail) (local.get $oa) (i32.add (local.get $oa) (i32.const 72))
              (local.get $m1) (local.get $m2) (local.get $c1) (local.get $c2) (local.get $h1) (local.get $h2)))
          (else
            (call $group1d (local.get $pa) (local.get $pa) (i32.const 256) (i32.const 256) (local.get $oa) (local.get $oa)
              (local.get $m1) (local.get $m2) (local.get $c1) (local.get $c2) (local.get $h1) (local.get $h2)))))
      (else
        (if (local.get $tail)
          (then
            (call $group1d (local.get $pa) (local.get $pa) (local.get $tail) (local.get $tail) (local.get $oa) (local.get $oa)
              (local.get $m1) (local.get $m2) (local.get $c1) (local.get $c2) (local.get $h1) (local.get $h2)))))))

  ;; The same in 2D: points are (x, y) pairs, 16 bytes each; θ's per-component constants as in model2d.ts.
  (func $group2d
    (param $pa i32) (param $pb i32) (param $len i32) (param $lenb i32) (param $oa i32) (param $ob i32)
    (param $m1x f64) (param $m1y f64) (param $k1 f64) (param $p1a f64) (param $p1b2 f64) (param $p1c f64)
    (param $m2x f64) (param $m2y f64) (param $k2 f64) (param $p2a f64) (param $p2b2 f64) (param $p2c f64)
    (local $o i32) (local $end i32) (local $endb i32)
    (local $ONE v128) (local $HALF v128) (local $ZERO v128) (local $LIM v128) (local $MAGIC v128) (local $LOW8 v128)
    (local $d v128) (local $tm v128) (local $t v128) (local $ad v128) (local $nd v128) (local $nb v128) (local $r v128)
    (local $ix v128) (local $e v128) (local $ope v128) (local $big v128) (local $small v128) (local $vtop v128)
    (local $PA v128) (local $PB v128) (local $X v128) (local $Y v128)
    (local $ex1 v128) (local $ey1 v128) (local $ex2 v128) (local $ey2 v128) (local $a1 v128) (local $a2 v128)
    (local $r1 v128) (local $r2 v128) (local $u1x v128) (local $u1y v128) (local $u2x v128) (local $u2y v128)
    (local $top v128) (local $prod v128) (local $H v128) (local $R1 v128) (local $R2 v128)
    (local $b1x v128) (local $b1y v128) (local $a1xx v128) (local $a1xy v128) (local $a1yy v128)
    (local $b2x v128) (local $b2y v128) (local $a2xx v128) (local $a2xy v128) (local $a2yy v128)
    (local.set $ONE (f64x2.splat (f64.const 1)))
    (local.set $HALF (f64x2.splat (f64.const 0.5)))
    (local.set $ZERO (f64x2.splat (f64.const 0)))
    (local.set $LIM (f64x2.splat (f64.const 708)))
    (local.set $MAGIC (f64x2.splat (f64.const 0x1p52)))
    (local.set $LOW8 (i64x2.splat (i64.const 255)))
    (local.set $prod (local.get $ONE)) ;; the other sums start at +0, as locals do
    (local.set $end (i32.shl (local.get $len) (i32.const 4)))
    (local.set $endb (i32.shl (local.get $lenb) (i32.const 4)))
    (loop $points
      ;; Block B (the tail, beside the last full block) ends first: its sums are kept here, and lane 1 runs
      ;; on over the zero padding; what it adds from then on is never read.
      (if (i32.eq (local.get $o) (local.get $endb))
        (then
          (f64.store offset=0 (local.get $ob) (f64x2.extract_lane 1 (local.get $top)))
          (f64.store offset=8 (local.get $ob) (f64x2.extract_lane 1 (local.get $prod)))
          (f64.store offset=16 (local.get $ob) (f64x2.extract_lane 1 (local.get $H)))
          (f64.store offset=24 (local.get $ob) (f64x2.extract_lane 1 (local.get $R1)))
          (f64.store offset=32 (local.get $ob) (f64x2.extract_lane 1 (local.get $R2)))
          (f64.store offset=40 (local.get $ob) (f64x2.extract_lane 1 (local.get $b1x)))
          (f64.store offset=48 (local.get $ob) (f64x2.extract_lane 1 (local.get $b1y)))
          (f64.store offset=56 (local.get $ob) (f64x2.extract_lane 1 (local.get $a1xx)))
          (f64.store offset=64 (local.get $ob) (f64x2.extract_lane 1 (local.get $a1xy)))
          (f64.store offset=72 (local.get $ob) (f64x2.extract_lane 1 (local.get $a1yy)))
          (f64.store offset=80 (local.get $ob) (f64x2.extract_lane 1 (local.get $b2x)))
          (f64.store offset=88 (local.get $ob) (f64x2.extract_lane 1 (local.get $b2y)))
          (f64.store offset=96 (local.get $ob) (f64x2.extract_lane 1 (local.get $a2xx)))
          (f64.store offset=104 (local.get $ob) (f64x2.extract_lane 1 (local.get $a2xy)))
          (f64.store offset=112 (local.get $ob) (f64x2.extract_lane 1 (local.get $a2yy)))))
        (local.set $PA (v128.load (i32.add (local.get $pa) (local.get $o))))
        (local.set $PB (v128.load (i32.add (local.get $pb) (local.get $o))))
        (local.set $X (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $PA) (local.get $PB)))
        (local.set $Y (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $PA) (local.get $PB)))
        (local.set $ex1 (f64x2.sub (local.get $X) (f64x2.splat (local.get $m1x))))
        (local.set $ey1 (f64x2.sub (local.get $Y) (f64x2.splat (local.get $m1y))))
        (local.set $ex2 (f64x2.sub (local.get $X) (f64x2.splat (local.get $m2x))))
        (local.set $ey2 (f64x2.sub (local.get $Y) (f64x2.splat (local.get $m2y))))
        ;; a_k = k_k − ½((p_a·ex·ex + 2p_b·ex·ey) + p_c·ey·ey), d = a1 − a2
        (local.set $a1 (f64x2.sub (f64x2.splat (local.get $k1)) (f64x2.mul (local.get $HALF)
          (f64x2.add (f64x2.add
              (f64x2.mul (f64x2.mul (f64x2.splat (local.get $p1a)) (local.get $ex1)) (local.get $ex1))
              (f64x2.mul (f64x2.mul (f64x2.splat (local.get $p1b2)) (local.get $ex1)) (local.get $ey1)))
            (f64x2.mul (f64x2.mul (f64x2.splat (local.get $p1c)) (local.get $ey1)) (local.get $ey1))))))
        (local.set $a2 (f64x2.sub (f64x2.splat (local.get $k2)) (f64x2.mul (local.get $HALF)
          (f64x2.add (f64x2.add
              (f64x2.mul (f64x2.mul (f64x2.splat (local.get $p2a)) (local.get $ex2)) (local.get $ex2))
              (f64x2.mul (f64x2.mul (f64x2.splat (local.get $p2b2)) (local.get $ex2)) (local.get $ey2)))
            (f64x2.mul (f64x2.mul (f64x2.splat (local.get $p2c)) (local.get $ey2)) (local.get $ey2))))))
        (local.set $d (f64x2.sub (local.get $a1) (local.get $a2)))
        (local.set $tm (f64x2.ge (local.get $d) (local.get $ZERO)))
        (local.set $t (v128.and (local.get $tm) (local.get $ONE)))
        (local.set $vtop (f64x2.add (f64x2.mul (local.get $t) (local.get $a1))
          (f64x2.mul (f64x2.sub (local.get $ONE) (local.get $t)) (local.get $a2))))
        ;; e = expNeg(|d|): n = ⌊|d|·INV_C + ½⌋, r = n·C_HI − |d| + n·C_LO, e = POW2[n >> 8]·FRAC[n & 255]·p(r)
        (local.set $ad (f64x2.abs (local.get $d)))
        (local.set $nd (f64x2.floor (f64x2.add (f64x2.mul (local.get $ad) (v128.load64_splat (i32.const 2048))) (local.get $HALF))))
        (local.set $nb (f64x2.add (local.get $nd) (local.get $MAGIC))) ;; its low bits are n (n < 2^52)
        (local.set $r (f64x2.add (f64x2.sub (f64x2.mul (local.get $nd) (v128.load64_splat (i32.const 2056))) (local.get $ad))
          (f64x2.mul (local.get $nd) (v128.load64_splat (i32.const 2064)))))
        (local.set $ix (i64x2.shl (v128.and (local.get $nb) (local.get $LOW8)) (i32.const 3))) ;; in [0, 2040], even for NaN
        (local.set $e (v128.load64_zero (i32.wrap_i64 (i64x2.extract_lane 0 (local.get $ix)))))
        (local.set $e (v128.load64_lane 1 (i32.wrap_i64 (i64x2.extract_lane 1 (local.get $ix))) (local.get $e)))
        ;; POW2[k]·FRAC[j] is FRAC[j] with k taken off its exponent field; (n & ~255) << 44 is k << 52
        (local.set $e (i64x2.sub (local.get $e) (i64x2.shl (v128.andnot (local.get $nb) (local.get $LOW8)) (i32.const 44))))
        (local.set $e (f64x2.mul (local.get $e)
          (f64x2.add (local.get $ONE) (f64x2.mul (local.get $r)
            (f64x2.add (local.get $ONE) (f64x2.mul (local.get $r)
              (f64x2.add (local.get $HALF) (f64x2.mul (local.get $r)
                (f64x2.add (v128.load64_splat (i32.const 2072))
                  (f64x2.mul (local.get $r) (v128.load64_splat (i32.const 2080))))))))))))
        (local.set $e (v128.and (local.get $e) (f64x2.le (local.get $ad) (local.get $LIM)))) ;; 0 past 708, and for NaN
        (local.set $ope (f64x2.add (local.get $ONE) (local.get $e)))
        (local.set $big (f64x2.div (local.get $ONE) (local.get $ope)))
        (local.set $small (f64x2.mul (local.get $e) (local.get $big)))
        (local.set $r1 (v128.bitselect (local.get $big) (local.get $small) (local.get $tm)))
        (local.set $r2 (v128.bitselect (local.get $small) (local.get $big) (local.get $tm)))
        (local.set $top (f64x2.add (local.get $top) (local.get $vtop)))
        (local.set $prod (f64x2.mul (local.get $prod) (local.get $ope)))
        (local.set $H (f64x2.add (local.get $H) (f64x2.mul (local.get $ad) (local.get $small))))
        (local.set $R1 (f64x2.add (local.get $R1) (local.get $r1)))
        (local.set $R2 (f64x2.add (local.get $R2) (local.get $r2)))
        (local.set $u1x (f64x2.mul (local.get $r1) (local.get $ex1)))
        (local.set $u1y (f64x2.mul (local.get $r1) (local.get $ey1)))
        (local.set $u2x (f64x2.mul (local.get $r2) (local.get $ex2)))
        (local.set $u2y (f64x2.mul (local.get $r2) (local.get $ey2)))
        (local.set $b1x (f64x2.add (local.get $b1x) (local.get $u1x)))
        (local.set $b1y (f64x2.add (local.get $b1y) (local.get $u1y)))
        (local.set $a1xx (f64x2.add (local.get $a1xx) (f64x2.mul (local.get $u1x) (local.get $ex1))))
        (local.set $a1xy (f64x2.add (local.get $a1xy) (f64x2.mul (local.get $u1x) (local.get $ey1))))
        (local.set $a1yy (f64x2.add (local.get $a1yy) (f64x2.mul (local.get $u1y) (local.get $ey1))))
        (local.set $b2x (f64x2.add (local.get $b2x) (local.get $u2x)))
        (local.set $b2y (f64x2.add (local.get $b2y) (local.get $u2y)))
        (local.set $a2xx (f64x2.add (local.get $a2xx) (f64x2.mul (local.get $u2x) (local.get $ex2))))
        (local.set $a2xy (f64x2.add (local.get $a2xy) (f64x2.mul (local.get $u2x) (local.get $ey2))))
        (local.set $a2yy (f64x2.add (local.get $a2yy) (f64x2.mul (local.get $u2y) (local.get $ey2))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br_if $points (i32.lt_u (local.get $o) (local.get $end))))
    (if (i32.eq (local.get $endb) (local.get $end))
      (then
        (f64.store offset=0 (local.get $ob) (f64x2.extract_lane 1 (local.get $top)))
        (f64.store offset=8 (local.get $ob) (f64x2.extract_lane 1 (local.get $prod)))
        (f64.store offset=16 (local.get $ob) (f64x2.extract_lane 1 (local.get $H)))
        (f64.store offset=24 (local.get $ob) (f64x2.extract_lane 1 (local.get $R1)))
        (f64.store offset=32 (local.get $ob) (f64x2.extract_lane 1 (local.get $R2)))
        (f64.store offset=40 (local.get $ob) (f64x2.extract_lane 1 (local.get $b1x)))
        (f64.store offset=48 (local.get $ob) (f64x2.extract_lane 1 (local.get $b1y)))
        (f64.store offset=56 (local.get $ob) (f64x2.extract_lane 1 (local.get $a1xx)))
        (f64.store offset=64 (local.get $ob) (f64x2.extract_lane 1 (local.get $a1xy)))
        (f64.store offset=72 (local.get $ob) (f64x2.extract_lane 1 (local.get $a1yy)))
        (f64.store offset=80 (local.get $ob) (f64x2.extract_lane 1 (local.get $b2x)))
        (f64.store offset=88 (local.get $ob) (f64x2.extract_lane 1 (local.get $b2y)))
        (f64.store offset=96 (local.get $ob) (f64x2.extract_lane 1 (local.get $a2xx)))
        (f64.store offset=104 (local.get $ob) (f64x2.extract_lane 1 (local.get $a2xy)))
        (f64.store offset=112 (local.get $ob) (f64x2.extract_lane 1 (local.get $a2yy)))))
    (f64.store offset=0 (local.get $oa) (f64x2.extract_lane 0 (local.get $top)))
    (f64.store offset=8 (local.get $oa) (f64x2.extract_lane 0 (local.get $prod)))
    (f64.store offset=16 (local.get $oa) (f64x2.extract_lane 0 (local.get $H)))
    (f64.store offset=24 (local.get $oa) (f64x2.extract_lane 0 (local.get $R1)))
    (f64.store offset=32 (local.get $oa) (f64x2.extract_lane 0 (local.get $R2)))
    (f64.store offset=40 (local.get $oa) (f64x2.extract_lane 0 (local.get $b1x)))
    (f64.store offset=48 (local.get $oa) (f64x2.extract_lane 0 (local.get $b1y)))
    (f64.store offset=56 (local.get $oa) (f64x2.extract_lane 0 (local.get $a1xx)))
    (f64.store offset=64 (local.get $oa) (f64x2.extract_lane 0 (local.get $a1xy)))
    (f64.store offset=72 (local.get $oa) (f64x2.extract_lane 0 (local.get $a1yy)))
    (f64.store offset=80 (local.get $oa) (f64x2.extract_lane 0 (local.get $b2x)))
    (f64.store offset=88 (local.get $oa) (f64x2.extract_lane 0 (local.get $b2y)))
    (f64.store offset=96 (local.get $oa) (f64x2.extract_lane 0 (local.get $a2xx)))
    (f64.store offset=104 (local.get $oa) (f64x2.extract_lane 0 (local.get $a2xy)))
    (f64.store offset=112 (local.get $oa) (f64x2.extract_lane 0 (local.get $a2yy))))

  ;; 2D: n points at byte $x (then 256 zero points of padding), ceil(n/256)·15 doubles of results at $out.
  ;; Full blocks go two by two; a last full block takes the tail block beside it, or goes alone.
  (func (export "estep2d")
    (param $x i32) (param $n i32) (param $out i32)
    (param $m1x f64) (param $m1y f64) (param $k1 f64) (param $p1a f64) (param $p1b2 f64) (param $p1c f64) (param $m2x f64) (param $m2y f64) (param $k2 f64) (param $p2a f64) (param $p2b2 f64) (param $p2c f64)
    (local $full i32) (local $tail i32) (local $b i32) (local $pa i32) (local $oa i32)
    (local.set $full (i32.shr_u (local.get $n) (i32.const 8)))
    (local.set $tail (i32.and (local.get $n) (i32.const 255)))
    (local.set $pa (local.get $x))
    (local.set $oa (local.get $out))
    (block $pairsDone
      (loop $pairs
        (br_if $pairsDone (i32.gt_u (i32.add (local.get $b) (i32.const 2)) (local.get $full)))
        (call $group2d (local.get $pa) (i32.add (local.get $pa) (i32.const 4096)) (i32.const 256) (i32.const 256) (local.get $oa) (i32.add (local.get $oa) (i32.const 120))
          (local.get $m1x) (local.get $m1y) (local.get $k1) (local.get $p1a) (local.get $p1b2) (local.get $p1c) (local.get $m2x) (local.get $m2y) (local.get $k2) (local.get $p2a) (local.get $p2b2) (local.get $p2c))
        (local.set $pa (i32.add (local.get $pa) (i32.const 8192)))
        (local.set $oa (i32.add (local.get $oa) (i32.const 240)))
        (local.set $b (i32.add (local.get $b) (i32.const 2)))
        (br $pairs)))
    (if (i32.lt_u (local.get $b) (local.get $full))
      (then
        (if (local.get $tail)
          (then
            (call $group2d (local.get $pa) (i32.add (local.get $pa) (i32.const 4096)) (i32.const 256) (local.get $tail) (local.get $oa) (i32.add (local.get $oa) (i32.const 120))
              (local.get $m1x) (local.get $m1y) (local.get $k1) (local.get $p1a) (local.get $p1b2) (local.get $p1c) (local.get $m2x) (local.get $m2y) (local.get $k2) (local.get $p2a) (local.get $p2b2) (local.get $p2c)))
          (else
            (call $group2d (local.get $pa) (local.get $pa) (i32.const 256) (i32.const 256) (local.get $oa) (local.get $oa)
              (local.get $m1x) (local.get $m1y) (local.get $k1) (local.get $p1a) (local.get $p1b2) (local.get $p1c) (local.get $m2x) (local.get $m2y) (local.get $k2) (local.get $p2a) (local.get $p2b2) (local.get $p2c)))))
      (else
        (if (local.get $tail)
          (then
            (call $group2d (local.get $pa) (local.get $pa) (local.get $tail) (local.get $tail) (local.get $oa) (local.get $oa)
              (local.get $m1x) (local.get $m1y) (local.get $k1) (local.get $p1a) (local.get $p1b2) (local.get $p1c) (local.get $m2x) (local.get $m2y) (local.get $k2) (local.get $p2a) (local.get $p2b2) (local.get $p2c)))))))
)
