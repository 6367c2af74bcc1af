/** A failed or crashed sampler worker, said plainly, with a way to start it again (role=alert). */
import { retrySampler } from '../../state/sampler-sync';
import { useSampleRun } from '../../state/sampler-store';

export function SamplerError() {
  const error = useSampleRun((s) => s.error);
  if (!error) return null;
  return (
    <div className="notice notice-error" role="alert">
      <p>The samplers stopped: {error}</p>
      <button type="button" onClick={retrySampler}>
        Start the samplers again
      </button>
    </div>
  );
}
