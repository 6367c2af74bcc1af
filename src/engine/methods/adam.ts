/**
 * The baseline people reach for today: Adam (or heavy-ball momentum) from tfjs, on −L/N in free
 * coordinates, with tfjs autodiff for the gradient. Its updates are float32; the point it reaches is
 * re-evaluated by the float64 engine for everything we record and plot. One E-step per iteration.
 * tfjs is imported lazily so it loads only when this method is in the race.
 */
import { stop } from '../stop';
import type { MethodContext, Optimizer, StepOutcome } from './optimizer';

const MOMENTUM = 0.9;

export async function createAdam(ctx: MethodContext): Promise<Optimizer> {
  const { tf, initTf, tfLogLik, tfData } = await import('../tf-loglik');
  await initTf();
  const { model, ev } = ctx;
  const { lr, opt } = ctx.options;
  const dim = model.dim;
  const data = tfData(dim, model.data);
  const phi = tf.variable(tf.tensor1d(Float32Array.from(model.toFree(ctx.start.theta))));
  const optimizer = opt === 'momentum' ? tf.train.momentum(lr, MOMENTUM) : tf.train.adam(lr);
  // −L/N as one op (−1/N rounded to float32; tf.neg(tf.div(…)) costs two ops and their gradients)
  const loss = () => tf.mul(tfLogLik(dim, data, phi), -1 / model.n) as import('@tensorflow/tfjs-core').Scalar;
  const kind = opt === 'momentum' ? 'momentum' : 'adam';
  let e = ctx.start;

  return {
    step(): StepOutcome {
      tf.tidy(() => {
        optimizer.minimize(loss, false, [phi]);
      });
      ev.count++; // the tfjs forward/backward pass
      const next = model.estep(model.fromFree(Float64Array.from(phi.dataSync())));
      if (!Number.isFinite(next.logLik) || model.domainError(next.theta) !== null) {
        return { e, kind, stop: stop('non-finite', `the ${kind} update left the domain (learning rate ${lr} too large?)`) };
      }
      e = next;
      return { e, kind };
    },
    dispose() {
      if (phi.isDisposed) return; // the race may dispose a lane twice (on stop and on supersede)
      phi.dispose();
      data.dispose();
      optimizer.dispose();
    },
  };
}
