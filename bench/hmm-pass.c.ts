/**
 * The C counterpart of src/engine/hmm/forward-backward.ts for bench/hmm.ts: the same scaled pass
 * and the same algebra (emissions scaled in log space, normalised forward and backward vectors, γ, ξ,
 * the centred sums; one log per step for the entropy, and the normalisers and max γ folded in as
 * logs of running products), written as plain loops with libm's exp and log and plain double
 * accumulators (no compensation, no fission), so the ratio measures the runtime, not the algorithm. It
 * reads T doubles from argv[1], times `reps` passes per repetition, and prints
 * "<median ms> <min ms> <logLik>" (the logLik to check that both programs computed the same thing).
 */
export const HMM_PASS_C = String.raw`
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double *B1, *B2, *F1, *F2;

static double pass(const double *y, long T, double a11, double a22, double m1, double m2, double v1, double v2,
                   double *stats, double *entropy) {
  const double a12 = 1 - a11, a21 = 1 - a22;
  const double c1 = -0.5 * (log(2 * M_PI) + log(v1)), c2 = -0.5 * (log(2 * M_PI) + log(v2));
  const double h1 = 0.5 / v1, h2 = 0.5 / v2;
  double L = 0;
  for (long t = 0; t < T; t++) {
    double d1 = y[t] - m1, d2 = y[t] - m2;
    double a = c1 - d1 * d1 * h1, b = c2 - d2 * d2 * h2;
    if (a >= b) { L += a; B1[t] = 1; B2[t] = exp(b - a); }
    else { L += b; B1[t] = exp(a - b); B2[t] = 1; }
  }
  double pr1 = 0.5, pr2 = 0.5, prod = 1, gprod = 1;
  for (long t = 0; t < T; t++) {
    double u1 = pr1 * B1[t], u2 = pr2 * B2[t], n = u1 + u2, inv = 1 / n;
    double f1 = u1 * inv, f2 = u2 * inv;
    F1[t] = f1; F2[t] = f2;
    pr1 = f1 * a11 + f2 * a21;
    pr2 = f1 * a12 + f2 * a22;
    if (n < 1e-100) L += log(n);
    else { prod *= n; if (prod < 1e-200) { L += log(prod); prod = 1; } }
  }
  L += log(prod);
  double n11 = 0, n12 = 0, n21 = 0, n22 = 0, G1 = 0, G2 = 0, S1 = 0, S2 = 0, Q1 = 0, Q2 = 0, H = 0;
  double be1 = 0.5, be2 = 0.5;
  for (long t = T - 1; t >= 0; t--) {
    double g1, g2;
    if (t == T - 1) { g1 = F1[t]; g2 = F2[t]; }
    else {
      double w1 = B1[t + 1] * be1, w2 = B2[t + 1] * be2;
      double x11 = a11 * w1, x12 = a12 * w2, x21 = a21 * w1, x22 = a22 * w2;
      double r1 = x11 + x12, r2 = x21 + x22;
      double inv = 1 / (F1[t] * r1 + F2[t] * r2), k1 = F1[t] * inv, k2 = F2[t] * inv;
      n11 += k1 * x11; n12 += k1 * x12; n21 += k2 * x21; n22 += k2 * x22;
      g1 = k1 * r1; g2 = k2 * r2;
      double ib = 1 / (r1 + r2);
      be1 = r1 * ib; be2 = r2 * ib;
    }
    double d1 = y[t] - m1, d2 = y[t] - m2;
    G1 += g1; G2 += g2; S1 += g1 * d1; S2 += g2 * d2; Q1 += g1 * d1 * d1; Q2 += g2 * d2 * d2;
    double lo = g1 < g2 ? g1 : g2, hi = g1 < g2 ? g2 : g1;
    if (lo > 1e-300) H += lo * log(hi / lo);
    gprod *= hi;
    if ((t & 255) == 0) { H -= log(gprod); gprod = 1; }
  }
  H -= log(gprod);
  double s[10] = {n11, n12, n21, n22, G1, G2, S1, S2, Q1, Q2};
  for (int i = 0; i < 10; i++) stats[i] = s[i];
  *entropy = H / (T * M_LN2);
  return L;
}

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec * 1e-6;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  if (argc < 9) return 2;
  FILE *f = fopen(argv[1], "rb");
  if (!f) return 3;
  fseek(f, 0, SEEK_END);
  long T = ftell(f) / 8;
  fseek(f, 0, SEEK_SET);
  double *y = malloc(T * 8);
  if (fread(y, 8, T, f) != (size_t)T) return 4;
  fclose(f);
  double th[6];
  for (int i = 0; i < 6; i++) th[i] = atof(argv[2 + i]);
  int reps = atoi(argv[8]);
  B1 = malloc(T * 8); B2 = malloc(T * 8); F1 = malloc(T * 8); F2 = malloc(T * 8);
  double stats[10], H, L = 0, sink = 0, times[7];
  for (int w = 0; w < 3; w++) sink += pass(y, T, th[0], th[1], th[2], th[3], th[4], th[5], stats, &H);
  for (int r = 0; r < 7; r++) {
    double t0 = now_ms();
    for (int k = 0; k < reps; k++) { L = pass(y, T, th[0], th[1], th[2], th[3], th[4], th[5], stats, &H); sink += stats[4] + H; }
    times[r] = (now_ms() - t0) / reps;
  }
  qsort(times, 7, sizeof(double), cmp);
  printf("%.6f %.6f %.17g %g\n", times[3], times[0], L, sink);
  return 0;
}
`;
