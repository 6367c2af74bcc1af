/**
 * scikit-learn's GaussianMixture, one EM iteration (its E-step and M-step) at the θ that bench/fused.ts times,
 * set directly so that no fitting or initialisation is timed. Argv: data.f64, dim, θ (types.ts layout).
 * Prints "<median ms> <min ms> <median CPU ms> <min CPU ms> <logLik at θ>" over 7 iterations after a warm-up. Uses the estimator's private
 * _e_step/_m_step (stable across releases for years); run only when python3 can import sklearn.
 */
export const SKLEARN_ITERATION_PY = String.raw`
import sys, time
import numpy as np
from sklearn.mixture import GaussianMixture
from sklearn.mixture._gaussian_mixture import _compute_precision_cholesky

path, dim, th = sys.argv[1], int(sys.argv[2]), [float(v) for v in sys.argv[3:]]
X = np.fromfile(path, dtype='<f8').reshape(-1, dim)
w = np.array([th[0], 1 - th[0]])
if dim == 1:
    means = np.array([[th[1]], [th[2]]])
    covs = np.array([[[th[3]]], [[th[4]]]])
else:
    means = np.array([[th[1], th[2]], [th[3], th[4]]])
    covs = np.array([[[th[5], th[6]], [th[6], th[7]]], [[th[8], th[9]], [th[9], th[10]]]])
gm = GaussianMixture(2, covariance_type='full', reg_covar=0.0)

def reset():
    gm.weights_, gm.means_, gm.covariances_ = w.copy(), means.copy(), covs.copy()
    gm.precisions_cholesky_ = _compute_precision_cholesky(covs, 'full')

wall, cpu, L = [], [], 0.0
for r in range(8):
    reset()
    t0, c0 = time.perf_counter(), time.process_time()
    log_prob_norm, log_resp = gm._e_step(X)
    gm._m_step(X, log_resp)
    wall.append((time.perf_counter() - t0) * 1e3)
    cpu.append((time.process_time() - c0) * 1e3)
    L = log_prob_norm * X.shape[0]
wall, cpu = sorted(wall[1:]), sorted(cpu[1:])
print(wall[3], wall[0], cpu[3], cpu[0], repr(float(L)))
`;
