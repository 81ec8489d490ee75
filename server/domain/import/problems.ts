/**
 * Problems found in an import, each located by file, line and column, collected up to a cap
 * so that a file with thousands of bad rows still gives a readable report.
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
    if (this.items.length < this.cap) this.items.push(problem);
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
