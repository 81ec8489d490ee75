/**
 * The import as a screen for coordinators and admins: actors.csv and/or ties.csv uploaded to
 * `POST /api/import` (replacing the whole network only after the user confirms it), the upload's
 * progress and then the server's work, and the report: on a rejection (422 `import_rejected`) the
 * problems in a table with file, line, column, value and message; on success what was added,
 * changed, left and removed, and the notes. A successful import loads the network again, so the
 * drawing, the search and the panels show the new one.
 */
import type { ImportResponse } from '../../../server/contract/api.ts';
import { ApiError, uploadImport } from '../data/api.ts';
import { el } from '../dom.ts';
import { describeError } from '../i18n/messages.ts';
import { confirmAction, type EditorContext } from './actor-editor.ts';
import { screenText } from './screen-messages.ts';

/** One problem of a rejected import, as the server lists it (domain/import/problems.ts). */
interface ImportProblem {
  file: string;
  line: number;
  column?: string;
  value?: string;
  message: string;
}

type Outcome =
  | { kind: 'idle' }
  | { kind: 'uploading'; share: number }
  | { kind: 'working' }
  | { kind: 'imported'; report: ImportResponse; reload: 'running' | 'done' | 'failed' }
  | { kind: 'rejected'; total: number; problems: ImportProblem[] }
  | { kind: 'failed'; error: unknown };

export interface ImportScreen {
  element: HTMLElement;
  /** Rebuilds the texts (a language change) and the report. */
  render(): void;
}

export function createImportScreen(ctx: EditorContext): ImportScreen {
  let outcome: Outcome = { kind: 'idle' };

  const title = el('h2', { id: 'import-title', tabindex: '-1' });
  const intro = el('p', { className: 'muted screen-intro' });
  const actors = el('input', { type: 'file', id: 'import-actors', name: 'actors', accept: '.csv,.gz,.csv.gz,text/csv' });
  const ties = el('input', { type: 'file', id: 'import-ties', name: 'ties', accept: '.csv,.gz,.csv.gz,text/csv' });
  const actorsLabel = el('label', { for: actors.id });
  const tiesLabel = el('label', { for: ties.id });
  const replace = el('input', { type: 'checkbox', id: 'import-replace' });
  const replaceLabel = el('label', { for: replace.id, className: 'import-replace' }, replace, el('span', {}));
  const submit = el('button', { className: 'button primary', type: 'submit', id: 'import-submit' });
  const status = el('div', { className: 'import-status', id: 'import-status', role: 'status', 'aria-live': 'polite' });
  const report = el('div', { className: 'import-report', id: 'import-report' });
  const form = el('form', { className: 'import-form', id: 'import-form', novalidate: '' },
    el('div', { className: 'edit-field' }, actorsLabel, actors),
    el('div', { className: 'edit-field' }, tiesLabel, ties),
    replaceLabel,
    el('div', { className: 'import-actions' }, submit),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void run();
  });
  const element = el('div', { className: 'screen-body', id: 'import-screen' }, title, intro, form, status, report);

  const busy = () => outcome.kind === 'uploading' || outcome.kind === 'working' || (outcome.kind === 'imported' && outcome.reload === 'running');

  async function run(): Promise<void> {
    if (busy()) return;
    const files = { actors: actors.files?.[0], ties: ties.files?.[0] };
    if (!files.actors && !files.ties) {
      outcome = { kind: 'failed', error: new Error(screenText('import.noFile')) };
      render();
      actors.focus();
      return;
    }
    if (replace.checked && !(await confirmAction(screenText('import.confirmReplace'), screenText('import.confirmReplaceButton')))) return;
    outcome = { kind: 'uploading', share: 0 };
    render();
    try {
      const result = await uploadImport(files, {
        replace: replace.checked,
        csrfToken: ctx.store.get().session?.csrfToken ?? null,
        onUpload(share) {
          // Sent: the server now checks and writes (seconds for a large network).
          outcome = share >= 1 ? { kind: 'working' } : { kind: 'uploading', share };
          render();
        },
      });
      outcome = { kind: 'imported', report: result, reload: 'running' };
      render();
      const reloaded = await ctx.onWritten(null);
      outcome = { kind: 'imported', report: result, reload: reloaded ? 'done' : 'failed' };
    } catch (err) {
      const details = err instanceof ApiError && err.code === 'import_rejected' ? (err.details as { total?: number; problems?: ImportProblem[] } | undefined) : undefined;
      outcome = details?.problems ? { kind: 'rejected', total: details.total ?? details.problems.length, problems: details.problems } : { kind: 'failed', error: err };
    }
    render();
    report.querySelector<HTMLElement>('.report-head')?.focus();
  }

  function render(): void {
    title.textContent = screenText('import.title');
    intro.textContent = screenText('import.intro');
    actorsLabel.textContent = screenText('import.actors');
    tiesLabel.textContent = screenText('import.ties');
    replaceLabel.querySelector('span')!.textContent = screenText('import.replace');
    submit.textContent = screenText(busy() ? 'import.busy' : 'import.submit');
    submit.disabled = busy();
    status.replaceChildren(...statusLine());
    report.replaceChildren(...reportParts());
  }

  function statusLine(): (HTMLElement | string)[] {
    if (outcome.kind === 'uploading') {
      const bar = el('progress', { id: 'import-progress', max: '1', value: String(outcome.share) });
      return [el('p', {}, screenText('import.uploading', { percent: Math.round(outcome.share * 100) })), bar];
    }
    if (outcome.kind === 'working') return [el('p', {}, screenText('import.working')), el('progress', { id: 'import-progress' })];
    if (outcome.kind === 'imported') {
      if (outcome.reload === 'running') return [el('p', {}, screenText('import.reloading')), el('progress', { id: 'import-progress' })];
      return [el('p', { className: outcome.reload === 'done' ? 'ok-text' : 'error-text' }, outcome.reload === 'done' ? screenText('import.reloaded') : screenText('import.reloadFailed'))];
    }
    return [];
  }

  function reportParts(): HTMLElement[] {
    if (outcome.kind === 'imported') return importedReport(outcome.report);
    if (outcome.kind === 'rejected') return rejectedReport(outcome.total, outcome.problems);
    if (outcome.kind === 'failed') return [el('p', { className: 'error-text report-head', tabindex: '-1' }, failure(outcome.error))];
    return [];
  }

  render();
  return { element, render };
}

function importedReport(r: ImportResponse): HTMLElement[] {
  const cols = ['added', 'changed', 'unchanged', 'removed'] as const;
  const row = (label: string, counts: ImportResponse['actors']) =>
    el('tr', {}, el('th', { scope: 'row' }, label), ...cols.map((c) => el('td', { 'data-count': c }, String(counts[c]))));
  const table = el('table', { className: 'data-table', id: 'import-counts' },
    el('caption', {}, screenText('import.countsCaption')),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, screenText('import.what')), ...cols.map((c) => el('th', { scope: 'col' }, screenText(`import.${c}`))))),
    el('tbody', {}, row(screenText('import.rowActors'), r.actors), row(screenText('import.rowTies'), r.ties)),
  );
  const encodings = Object.entries(r.encoding).map(([file, enc]) => `${file}: ${enc}`).join(', ');
  const parts: (HTMLElement | '')[] = [
    el('p', { className: 'ok-text report-head', tabindex: '-1', id: 'import-done' }, screenText('import.done', { seconds: (r.durationMs / 1000).toFixed(1) }), r.replaced ? ` ${screenText('import.replaced')}` : ''),
    table,
    encodings ? el('p', { className: 'muted' }, screenText('import.encoding', { encodings })) : '',
    r.notices.length ? el('h3', {}, screenText('import.notices')) : '',
    r.notices.length ? el('ul', { className: 'import-notices', id: 'import-notices' }, ...r.notices.map((n) => el('li', {}, n))) : '',
  ];
  return parts.filter((x): x is HTMLElement => x !== '');
}

function rejectedReport(total: number, problems: ImportProblem[]): HTMLElement[] {
  const rows = problems.map((p) =>
    el('tr', {},
      el('td', {}, p.file),
      el('td', { className: 'num' }, p.line > 0 ? String(p.line) : screenText('import.wholeFile')),
      el('td', {}, p.column ?? ''),
      el('td', { className: 'value' }, p.value ?? ''),
      el('td', {}, p.message),
    ));
  const head = ['import.file', 'import.line', 'import.column', 'import.value', 'import.message'] as const;
  return [
    el('p', { className: 'error-text report-head', tabindex: '-1', id: 'import-rejected' }, screenText('import.rejected')),
    el('p', {}, total > problems.length ? screenText('import.problemCount', { total, shown: problems.length }) : screenText('import.problemCountAll', { total })),
    el('div', { className: 'table-scroll' },
      el('table', { className: 'data-table', id: 'import-problems' },
        el('caption', {}, screenText('import.problemsCaption')),
        el('thead', {}, el('tr', {}, ...head.map((k) => el('th', { scope: 'col' }, screenText(k))))),
        el('tbody', {}, ...rows),
      )),
  ];
}

function failure(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 401 || err.status === 403) return screenText('import.forbidden', { message: err.message });
    if (err.status === 413 || err.code === 'payload_too_large') return screenText('import.tooLarge', { message: err.message });
    if (err.kind === 'bad-request') return screenText('import.failed', { message: err.message });
    return screenText('import.failed', { message: describeError(err, screenText('import.feature')) });
  }
  return (err as Error)?.message ?? String(err);
}
