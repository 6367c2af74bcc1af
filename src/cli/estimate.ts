/**
 * Long CLI work tells its size: before a race or sweep expected to take more than a couple of seconds,
 * one stderr line with the work (cells, N, methods) and an estimate from a short timed probe (a few
 * E-steps on this experiment's data); then progress about once a second, on a terminal or with
 * --progress only, so piped JSON stays clean and CI logs stay short.
 */
import { generateData } from '../engine/data';
import { varianceFloor } from '../engine/init';
import { createModel } from '../engine/race';
import type { DataSpec, RaceSpec } from '../engine/spec';

/** Announce work expected to take longer than this. */
export const ANNOUNCE_S = 2;

/** CPU milliseconds per E-step on these data, from a short probe (the first call warms up the code). */
export function probeEStepMs(spec: DataSpec & Pick<RaceSpec, 'floor'>): number {
  const data = generateData(spec);
  const model = createModel(spec.dim, data, varianceFloor(spec, data));
  const sd = Math.sqrt(model.varianceFloor / spec.floor) || 1;
  const theta =
    spec.dim === 1
      ? Float64Array.of(0.5, -sd, sd, sd * sd, sd * sd)
      : Float64Array.of(0.5, -sd, 0, sd, 0, sd * sd, 0, sd * sd, sd * sd, 0, sd * sd);
  // Warm up the compiled code (a cold first pass is many times slower), then time ≥ 20 ms of passes in
  // CPU time, not wall time: other programs sharing the cores would inflate the work's size.
  for (let points = 0; points < 3e5; points += spec.n) model.estep(theta);
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  let reps = 0;
  const t0 = cpuMs();
  while (reps < 2 || cpuMs() - t0 < 20) {
    model.estep(theta);
    reps++;
  }
  return (cpuMs() - t0) / reps;
}

/** "12 s", "3.4 min", "1.2 h". */
export function duration(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 5400) return `${(seconds / 60).toFixed(1)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

export const grouped = (x: number): string => String(Math.round(x)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Writes a progress line at most once a second (a no-op unless enabled). */
export function progressReporter(enabled: boolean, write: (s: string) => void = (s) => process.stderr.write(s)) {
  let last = 0;
  const tty = process.stderr.isTTY;
  return {
    report(line: string, force = false): void {
      if (!enabled) return;
      const now = performance.now();
      if (!force && now - last < 1000) return;
      last = now;
      write(tty ? `\r\x1b[K${line}` : `${line}\n`);
    },
    done(): void {
      if (enabled && tty) write('\r\x1b[K');
    },
  };
}
