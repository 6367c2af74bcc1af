/**
 * The C counterpart of the fused E-step (model1d.ts / model2d.ts) for bench/fused.ts: the same algebra per
 * point (log densities, d = a − b, max(a, b), e = exp(−|d|), log1p(e), the responsibilities through
 * 1/(1 + e), the entropy term and the centred sums), written as one plain loop with libm's exp and log1p and
 * plain double accumulators (no blocks, no compensation, no fission, no determinism): the loop a C
 * programmer would write, so that the ratio measures the runtime. Under -O3 -march=native -ffast-math gcc
 * vectorises it (reassociated sums, glibc's vector exp and log1p); without -ffast-math it stays scalar.
 *
 * Usage: pass <dim> <data.f64> <reps> θ… (5 numbers in 1D, 11 in 2D, as in types.ts). Three warm-up passes,
 * then 7 repetitions of `reps` passes; prints "<median ms> <min ms> <median CPU ms> <min CPU ms> <logLik>" per
 * pass (wall clock, and the process's CPU time, which leaves out the time the OS gave to other processes).
 */
export const MIXTURE_PASS_C = String.raw`
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double pass1(const double *x, long n, const double *th, double *out) {
  const double pi = th[0], m1 = th[1], m2 = th[2], v1 = th[3], v2 = th[4];
  const double c1 = log(pi) - 0.5 * (log(2 * M_PI) + log(v1)), c2 = log1p(-pi) - 0.5 * (log(2 * M_PI) + log(v2));
  const double h1 = 0.5 / v1, h2 = 0.5 / v2;
  double L = 0, H = 0, R1 = 0, R2 = 0, S1 = 0, Q1 = 0, S2 = 0, Q2 = 0;
  for (long i = 0; i < n; i++) {
    const double d1 = x[i] - m1, d2 = x[i] - m2;
    const double a = c1 - d1 * d1 * h1, b = c2 - d2 * d2 * h2, d = a - b, ad = fabs(d);
    const double e = exp(-ad), l = log1p(e), inv = 1 / (1 + e), q = e * inv;
    const double r = d >= 0 ? inv : q, s = d >= 0 ? q : inv;
    L += (d >= 0 ? a : b) + l;
    H += l + ad * q;
    R1 += r; R2 += s;
    S1 += r * d1; Q1 += r * d1 * d1; S2 += s * d2; Q2 += s * d2 * d2;
  }
  out[0] = L; out[1] = H; out[2] = R1; out[3] = R2; out[4] = S1; out[5] = Q1; out[6] = S2; out[7] = Q2;
  return L;
}

static double pass2(const double *xy, long n, const double *th, double *out) {
  double m[2][2], p[2][3], c[2];
  for (int k = 0; k < 2; k++) {
    const double w = k == 0 ? th[0] : 1 - th[0];
    const double sa = th[5 + 3 * k], sb = th[6 + 3 * k], sc = th[7 + 3 * k], det = sa * sc - sb * sb;
    m[k][0] = th[1 + 2 * k]; m[k][1] = th[2 + 2 * k];
    p[k][0] = sc / det; p[k][1] = -2 * sb / det; p[k][2] = sa / det;
    c[k] = log(w) - log(2 * M_PI) - 0.5 * log(det);
  }
  double L = 0, H = 0, R1 = 0, R2 = 0, b1x = 0, b1y = 0, a1xx = 0, a1xy = 0, a1yy = 0;
  double b2x = 0, b2y = 0, a2xx = 0, a2xy = 0, a2yy = 0;
  for (long i = 0; i < n; i++) {
    const double x = xy[2 * i], y = xy[2 * i + 1];
    const double ex1 = x - m[0][0], ey1 = y - m[0][1], ex2 = x - m[1][0], ey2 = y - m[1][1];
    const double a1 = c[0] - 0.5 * (p[0][0] * ex1 * ex1 + p[0][1] * ex1 * ey1 + p[0][2] * ey1 * ey1);
    const double a2 = c[1] - 0.5 * (p[1][0] * ex2 * ex2 + p[1][1] * ex2 * ey2 + p[1][2] * ey2 * ey2);
    const double d = a1 - a2, ad = fabs(d);
    const double e = exp(-ad), l = log1p(e), big = 1 / (1 + e), small = e * big;
    const double r1 = d >= 0 ? big : small, r2 = d >= 0 ? small : big;
    L += (d >= 0 ? a1 : a2) + l;
    H += l + ad * small;
    R1 += r1; R2 += r2;
    b1x += r1 * ex1; b1y += r1 * ey1; a1xx += r1 * ex1 * ex1; a1xy += r1 * ex1 * ey1; a1yy += r1 * ey1 * ey1;
    b2x += r2 * ex2; b2y += r2 * ey2; a2xx += r2 * ex2 * ex2; a2xy += r2 * ex2 * ey2; a2yy += r2 * ey2 * ey2;
  }
  const double s[14] = {L, H, R1, R2, b1x, b1y, a1xx, a1xy, a1yy, b2x, b2y, a2xx, a2xy, a2yy};
  for (int i = 0; i < 14; i++) out[i] = s[i];
  return L;
}

static double clock_ms(clockid_t id) {
  struct timespec ts;
  clock_gettime(id, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec * 1e-6;
}

static int cmp(const void *a, const void *b) {
  const double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  if (argc < 4) return 2;
  const int dim = atoi(argv[1]), np = dim == 1 ? 5 : 11;
  if ((dim != 1 && dim != 2) || argc < 4 + np) return 2;
  FILE *f = fopen(argv[2], "rb");
  if (!f) return 3;
  fseek(f, 0, SEEK_END);
  const long count = ftell(f) / 8, n = count / dim;
  fseek(f, 0, SEEK_SET);
  double *x = malloc(count * 8);
  if (fread(x, 8, count, f) != (size_t)count) return 4;
  fclose(f);
  const int reps = atoi(argv[3]);
  double th[11], out[14], L = 0, sink = 0, wall[7], cpu[7];
  for (int i = 0; i < np; i++) th[i] = atof(argv[4 + i]);
  for (int w = 0; w < 3; w++) sink += dim == 1 ? pass1(x, n, th, out) : pass2(x, n, th, out);
  for (int r = 0; r < 7; r++) {
    const double t0 = clock_ms(CLOCK_MONOTONIC), c0 = clock_ms(CLOCK_PROCESS_CPUTIME_ID);
    for (int k = 0; k < reps; k++) { L = dim == 1 ? pass1(x, n, th, out) : pass2(x, n, th, out); sink += out[2]; }
    wall[r] = (clock_ms(CLOCK_MONOTONIC) - t0) / reps;
    cpu[r] = (clock_ms(CLOCK_PROCESS_CPUTIME_ID) - c0) / reps;
  }
  qsort(wall, 7, sizeof(double), cmp);
  qsort(cpu, 7, sizeof(double), cmp);
  printf("%.6f %.6f %.6f %.6f %.17g %g\n", wall[3], wall[0], cpu[3], cpu[0], L, sink);
  return 0;
}
`;
