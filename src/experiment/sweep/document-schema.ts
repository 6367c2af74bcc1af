/**
 * The sweep document's contract as a strict zod schema: what `npm run lab -- sweep` prints and the
 * app's "Download sweep JSON" saves (document.ts). Written from the specification rather than derived
 * from the interface, so the tests catch drift; cross-field rules (query ⇄ experiment and spec, one
 * cell per separation and method, one value per replicate, censoring ⇄ outcome, the statistics'
 * counts) in superRefine.
 */
import { z } from 'zod';
import { METHOD_IDS } from '../../engine/methods/registry';
import { STOP_CODES } from '../document-schema';
import { DocumentStateSchema } from '../document-state';
import { SWEEP_SCHEMA } from './document';
import { planSweep } from './plan';
import { SweepSpecSchema } from './spec';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const count = z.number().int().nonnegative();
const OUTCOMES = [
  'reached',
  'capped',
  'error',
  ...STOP_CODES.filter((c) => !['converged-gap', 'converged-grad', 'iteration-cap'].includes(c)),
] as const;

const CellSchema = z.strictObject({
  sep: finite,
  method: z.enum(METHOD_IDS),
  evaluations: z.array(count.refine((x) => x >= 2, 'a run takes at least one step after the start').nullable()),
  lambdaMax: z.array(finite.refine((x) => x >= 0 && x <= 1 + 1e-9, 'λ_max must be in [0, 1]').nullable()),
  startGap: z.array(finite.nullable()),
  degenerate: z.array(z.string().nullable()),
  spent: z.array(count),
  outcomes: z.array(z.enum(OUTCOMES)),
  reasons: z.array(z.string().min(1).nullable()),
  stats: z.strictObject({
    n: count,
    reached: count,
    censored: count,
    q1: finite.nullable(),
    median: finite.nullable(),
    q3: finite.nullable(),
    min: count.nullable(),
    max: count.nullable(),
  }),
  predicted: z.strictObject({ evaluations: z.array(count.nullable()), median: finite.nullable() }).optional(),
});

export const SweepDocumentSchema = z
  .strictObject({
    schema: z.literal(SWEEP_SCHEMA),
    app: z.string().regex(/^\d+\.\d+\.\d+/, 'a semantic version'),
    query: z.string().min(1),
    experiment: DocumentStateSchema,
    spec: SweepSpecSchema,
    seeds: z.strictObject({ data: z.array(count), init: count.nullable() }),
    separations: z.array(finite),
    cells: z.array(CellSchema),
  })
  .superRefine((doc, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const plan = planSweep(doc.experiment, doc.spec);
    if (plan.query !== doc.query) issue(['query'], 'query is not the canonical query of experiment and spec');
    if (plan.seeds.join() !== doc.seeds.data.join()) issue(['seeds', 'data'], 'data seeds are not seed + r');
    if (plan.seps.join() !== doc.separations.join()) issue(['separations'], 'separations do not follow the spec');
    const expected = plan.seps.flatMap((sep) => doc.spec.methods.map((m) => `${sep}|${m}`));
    if (expected.join() !== doc.cells.map((c) => `${c.sep}|${c.method}`).join())
      issue(['cells'], 'one cell per separation and method, separation-major, methods in the spec order');
    const reps = doc.spec.reps;
    doc.cells.forEach((c, i) => {
      for (const k of ['evaluations', 'lambdaMax', 'startGap', 'degenerate', 'spent', 'outcomes', 'reasons'] as const)
        if (c[k].length !== reps) issue(['cells', i, k], `${c[k].length} values for ${reps} replicates`);
      c.outcomes.forEach((o, r) => {
        const ev = c.evaluations[r];
        if ((o === 'reached') !== (ev !== null)) issue(['cells', i, 'evaluations', r], `outcome ${o} with evaluations ${ev}`);
        if (ev !== null && (ev > doc.spec.cap || ev !== c.spent[r]))
          issue(['cells', i, 'evaluations', r], 'reached beyond the cap or ≠ spent');
        if ((o === 'reached' || o === 'capped') !== (c.reasons[r] === null))
          issue(['cells', i, 'reasons', r], `a reason only for other stops (${o})`);
      });
      const reached = c.evaluations.filter((e) => e !== null).length;
      if (c.stats.n !== reps || c.stats.reached !== reached || c.stats.censored !== reps - reached)
        issue(['cells', i, 'stats'], 'counts disagree with evaluations');
      if ((c.method === 'em') !== (c.predicted !== undefined))
        issue(['cells', i, 'predicted'], 'EM cells, and only they, carry a prediction');
    });
  });

export type SweepDocumentParsed = z.infer<typeof SweepDocumentSchema>;
