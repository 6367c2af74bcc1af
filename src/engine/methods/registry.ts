/**
 * The one table of methods. A method is one row here plus its own file: its id (the URL's and the run
 * document's name), label, factory, the kinds of step its iterations take, whether its rows come after
 * the others' (slow per iteration), the model families it runs on, and whether the default race has it.
 * MethodId, METHOD_IDS, the labels, the deferred set and STEP_KINDS all derive from this table; the UI
 * adds a colour and symbol per id (src/ui/palette.ts), which the compiler asks for.
 */
import type { ModelFamily } from '../types';
import { createAdaRelax } from './adarelax';
import { createAdam } from './adam';
import { createECG } from './ecg';
import { createECME } from './ecme';
import { createEM } from './em';
import { createGradient } from './gradient';
import { createHybrid } from './hybrid';
import { createJJCG } from './jjcg';
import { createNewton } from './newton';
import type { OptimizerFactory } from './optimizer';
import { createQN1 } from './qn1';
import { createRelax } from './relax';
import { createSquarem } from './squarem';

interface MethodRow {
  readonly id: string;
  readonly label: string;
  /** One short line: what the update is (tooltips, docs). */
  readonly summary: string;
  readonly create: OptimizerFactory;
  /** Every StepOutcome.kind its iterations may report, the usual one first. */
  readonly stepKinds: readonly string[];
  /** Computed after the other lanes up to the cursor (a tfjs pass per iteration). */
  readonly deferred: boolean;
  readonly families: readonly ModelFamily[];
  /** In the race of a link that does not list its methods. */
  readonly inDefault: boolean;
}

export const METHODS = [
  {
    id: 'em',
    label: 'EM',
    summary: 'the standard M-step',
    create: createEM,
    stepKinds: ['em'],
    deferred: false,
    families: ['mixture', 'hmm'],
    inDefault: true,
  },
  {
    id: 'grad',
    label: 'Gradient ascent',
    summary: 'steepest ascent in free coordinates, backtracking or a fixed step',
    create: createGradient,
    stepKinds: ['grad'],
    deferred: false,
    families: ['mixture', 'hmm'],
    inDefault: true,
  },
  {
    id: 'ecg',
    label: 'ECG',
    summary: 'Polak–Ribière+ conjugate gradient on L, strong-Wolfe line search',
    create: createECG,
    stepKinds: ['cg'],
    deferred: false,
    families: ['mixture', 'hmm'],
    inDefault: true,
  },
  {
    id: 'hybrid',
    label: 'Hybrid EM–ECG',
    summary: 'EM while the posterior entropy stays below τ, then ECG',
    create: createHybrid,
    stepKinds: ['em', 'cg'],
    deferred: false,
    families: ['mixture', 'hmm'],
    inDefault: true,
  },
  {
    id: 'squarem',
    label: 'SQUAREM',
    summary: 'squared extrapolation of the EM map (Varadhan & Roland 2008)',
    create: createSquarem,
    stepKinds: ['squarem', 'em'],
    deferred: false,
    families: ['mixture', 'hmm'],
    inDefault: true,
  },
  // Between EM and gradient: accelerators built on the EM step, their rates read off the DM spectrum.
  {
    id: 'relax',
    label: 'Over-relaxed EM',
    summary: 'θ + η(M(θ) − θ) in free coordinates with a fixed η, EM where L would drop',
    create: createRelax,
    stepKinds: ['relax', 'em'],
    deferred: false,
    families: ['mixture', 'hmm'],
    inDefault: false,
  },
  {
    id: 'adarelax',
    label: 'Adaptive over-relaxed EM',
    summary: 'η doubles after each ascent, back to 1 with an EM step when L would drop (Salakhutdinov & Roweis 2003)',
    create: createAdaRelax,
    stepKinds: ['relax', 'em'],
    deferred: false,
    families: ['mixture', 'hmm'],
    inDefault: false,
  },
  {
    id: 'jjcg',
    label: 'EM-preconditioned CG',
    summary: 'conjugate gradients on L with the EM step as the preconditioned gradient (Jamshidian & Jennrich 1993)',
    create: createJJCG,
    stepKinds: ['jjcg'],
    deferred: false,
    families: ['mixture', 'hmm'],
    inDefault: false,
  },
  {
    id: 'qn1',
    label: 'QN1',
    summary: 'Broyden quasi-Newton on the EM step, EM where L would drop (Jamshidian & Jennrich 1997)',
    create: createQN1,
    stepKinds: ['qn1', 'em'],
    deferred: false,
    families: ['mixture', 'hmm'],
    inDefault: false,
  },
  {
    id: 'ecme',
    label: 'ECME',
    summary: 'M-step for the means and variances, the weight maximised on L itself (Liu & Rubin 1994)',
    create: createECME,
    stepKinds: ['ecme'],
    deferred: false,
    families: ['mixture'],
    inDefault: false,
  },
  {
    id: 'newton',
    label: 'Newton',
    summary: 'Newton with the exact observed information, EM as the fallback',
    create: createNewton,
    stepKinds: ['newton', 'em'],
    deferred: false,
    families: ['mixture', 'hmm'],
    inDefault: true,
  },
  {
    id: 'adam',
    label: 'Adam',
    summary: 'tfjs Adam (or momentum) on −L/N, float32 autodiff',
    create: createAdam,
    stepKinds: ['adam', 'momentum'],
    deferred: true,
    families: ['mixture'],
    inDefault: true,
  },
] as const satisfies readonly MethodRow[];

export type MethodSpec = (typeof METHODS)[number];
export type MethodId = MethodSpec['id'];
/** What kind of update an iteration took ('start' is row 0; the hybrid and Newton mix kinds). */
export type StepKind = 'start' | MethodSpec['stepKinds'][number];

/** Every method, in the canonical order (the URL's, the legend's, the run document's). */
export const METHOD_IDS: readonly MethodId[] = METHODS.map((m) => m.id);
/** The methods of a link that does not list them. */
export const DEFAULT_METHOD_IDS: readonly MethodId[] = METHODS.filter((m) => m.inDefault).map((m) => m.id);

const BY_ID = new Map<string, MethodSpec>(METHODS.map((m) => [m.id, m]));
export const methodSpec = (id: MethodId): MethodSpec => BY_ID.get(id)!;
export const isMethodId = (s: string): s is MethodId => BY_ID.has(s);
export const methodLabel = (id: MethodId): string => methodSpec(id).label;
export const isDeferred = (id: MethodId): boolean => methodSpec(id).deferred;

/** Step kinds as numbers (a trace row is a Float64Array): 'start', then each method's kinds in table order. */
export const STEP_KINDS: readonly StepKind[] = ['start', ...new Set(METHODS.flatMap((m) => m.stepKinds))];

/** How many methods there are, in words for prose ("Seven methods race…"). */
export function countInWords(n: number): string {
  const words = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
  return words[n] ?? String(n);
}
