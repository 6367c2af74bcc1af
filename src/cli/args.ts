/**
 * The CLI's argument rules, shared by the race and the sweep: known flags only, typed options that
 * name their type, exactly one query, and never an empty one (a quoting mistake in a script must
 * give an error, not the whole default experiment — running the defaults takes an explicit `v=1`).
 */
import { extractQuery } from '../experiment/codec';

export interface OptionSpec {
  /** A whole number in [min, max]: `--name=N`. */
  readonly int?: { readonly min: number; readonly max: number };
}

export interface ParsedArgs {
  readonly query: string;
  readonly flags: ReadonlySet<string>;
  readonly options: ReadonlyMap<string, number>;
}

export class UsageError extends Error {}

/** Parses argv, or throws a UsageError whose message is one line naming the problem. */
export function parseArgs(
  argv: readonly string[],
  flagNames: readonly string[],
  optionSpecs: Readonly<Record<string, OptionSpec>> = {},
): ParsedArgs | 'help' {
  const flags = new Set<string>();
  const options = new Map<string, number>();
  const positional: string[] = [];
  for (const a of argv) {
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const [name, value] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const spec = optionSpecs[name];
    if (spec?.int) {
      const { min, max } = spec.int;
      const n = value !== undefined && /^\d+$/.test(value.trim()) ? Number(value) : NaN;
      if (!(Number.isInteger(n) && n >= min && n <= max))
        throw new UsageError(`${name} must be a whole number from ${min} to ${max}, got ${value === undefined ? 'nothing' : `'${value}'`}`);
      options.set(name, n);
    } else if (value === undefined && (flagNames.includes(a) || a === '--help')) flags.add(a);
    else throw new UsageError(`unknown option ${a}`);
  }
  if (flags.has('--help')) return 'help';
  if (positional.length !== 1) throw new UsageError(`expected exactly one query string or share URL, got ${positional.length}`);
  const query = positional[0];
  if (!/[^&\s]/.test(extractQuery(query).replace(/^[?#]+/, '')))
    throw new UsageError(
      query.trim() === ''
        ? 'the query is empty (to run the default experiment, pass v=1)'
        : `the query '${query.trim().slice(0, 40)}' has no settings (to run the default experiment, pass v=1)`,
    );
  return { query, flags, options };
}
