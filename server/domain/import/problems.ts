/**
 * Problems found in an import, each located by file, line and column, collected up to a cap
 * so that a file with thousands of bad rows still gives a readable report. Each problem is
 * bounded too (its message, value and column name are cut), so that a rejection's answer stays
 * small whatever the file holds: at most DEFAULT_PROBLEM_CAP problems of about 1 KB each.
 */
export interface ImportProblem {
  file: string;
  /** 1-based line in the file (the header is line 1); 0 when the problem concerns the whole file. */
  line: number;
  /** Column name, when one column is at fault. */
  column?: string;
  value?: string;
  message: string;
}

export const DEFAULT_PROBLEM_CAP = 200;
/** Characters kept of a problem's message, of the value it quotes and of a column name. */
export const PROBLEM_TEXT_LIMITS = { message: 500, value: 200, column: 100 } as const;

/** Cuts `text` to `max` characters, saying how much was left out. */
export function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${(text.length - max).toLocaleString('en')} more characters)`;
}

/** The first `max` names of a list, joined, with how many more there are: "a, b, c and 997 more". */
export function someOf(names: readonly string[], max = 20): string {
  const shown = names.slice(0, max).map((n) => cut(n, PROBLEM_TEXT_LIMITS.column)).join(', ');
  return names.length > max ? `${shown} and ${(names.length - max).toLocaleString('en')} more` : shown;
}

export class ProblemList {
  readonly items: ImportProblem[] = [];
  total = 0;
  /**
   * Files some of whose records could not be read at all (malformed CSV, a wrong number of
   * cells, a bad header): what another file says about their rows cannot be checked.
   */
  readonly unreadFiles = new Set<string>();

  constructor(readonly cap = DEFAULT_PROBLEM_CAP) {}

  add(problem: ImportProblem): void {
    this.total++;
    if (this.items.length >= this.cap) return;
    const { message, value, column } = PROBLEM_TEXT_LIMITS;
    this.items.push({
      ...problem,
      message: cut(problem.message, message),
      ...(problem.value === undefined ? {} : { value: cut(problem.value, value) }),
      ...(problem.column === undefined ? {} : { column: cut(problem.column, column) }),
    });
  }

  get empty(): boolean {
    return this.total === 0;
  }

  /** One readable line per problem: "ties.csv line 4, column kind: unknown kind 'FRIENDS'". */
  static format(p: ImportProblem): string {
    const where = [p.file, p.line > 0 ? `line ${p.line}` : '', p.column ? `column ${p.column}` : '']
      .filter(Boolean)
      .join(', ');
    return `${where}: ${p.message}`;
  }
}
