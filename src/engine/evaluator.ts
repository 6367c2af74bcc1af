/** Counts E-steps (likelihood/gradient evaluations: the paper's cost unit) for one method's run. */
import type { EStep, LatentModel, Theta } from './types';

export class Evaluator {
  count = 0;
  constructor(readonly model: LatentModel) {}

  /** One E-step at θ, or null (still counted) when θ is outside the domain or L is not finite. */
  at(theta: Theta): EStep | null {
    this.count++;
    if (this.model.domainError(theta) !== null) return null;
    const e = this.model.estep(theta);
    return Number.isFinite(e.logLik) && Number.isFinite(e.entropy) ? e : null;
  }

  /** One E-step at free coordinates φ. */
  atFree(phi: Float64Array): EStep | null {
    for (let i = 0; i < phi.length; i++) {
      if (!Number.isFinite(phi[i])) {
        this.count++;
        return null;
      }
    }
    return this.at(this.model.fromFree(phi));
  }
}
