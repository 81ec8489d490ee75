/**
 * The view in the URL and in the browser's history. Changes a user would go back from (another
 * view, an actor or a community opened: `isHistoryStep`) push an entry; the others (filters,
 * colouring, the camera while panning) replace the current one, debounced so that panning does
 * not flood the history. Back and Forward restore the state of their entry.
 */
import { isHistoryStep, stateAtUrl, stateToQuery, type Store, type ViewState } from './state.ts';

export interface HistoryOptions {
  /** Called after Back or Forward restored a state (the camera follows it there). */
  onRestore(state: ViewState): void;
  delayMs?: number;
}

/**
 * Keeps the URL and the history in step with the store; returns the cleanup. Nothing is written
 * while the user acts: a browser takes milliseconds per history write (8 ms in headless Chromium),
 * which would come out of the frame that answers the click. The entries wait in order and are
 * written together once the view has been still for `delayMs`.
 */
export function syncHistory(store: Store, options: HistoryOptions): () => void {
  const delayMs = options.delayMs ?? 250;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Entries not yet written, oldest first: a new entry (`push`) or the current one's newer view. */
  let waiting: { state: ViewState; push: boolean }[] = [];
  let restoring = false;

  const currentUrl = () => `${location.pathname}${location.search}${location.hash}`;
  const urlOf = (state: ViewState) => `${location.pathname}${stateToQuery(state)}${location.hash}`;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    const entries = waiting;
    waiting = [];
    for (const { state, push } of entries) {
      const url = urlOf(state);
      if (push) history.pushState(null, '', url);
      else if (url !== currentUrl()) history.replaceState(null, '', url);
    }
  };

  const unsubscribe = store.subscribe((state, previous) => {
    if (restoring) return;
    if (isHistoryStep(previous, state)) {
      // The entry being left keeps its last view (a filter changed just before, say), and two
      // quick steps (a tab, then an item) stay two entries.
      const last = waiting.at(-1);
      if (last) last.state = previous;
      waiting.push({ state, push: true });
    } else {
      const last = waiting.at(-1);
      if (last) last.state = state;
      else waiting.push({ state, push: false });
    }
    clearTimeout(timer);
    timer = setTimeout(flush, delayMs);
  });

  const onPopState = () => {
    clearTimeout(timer);
    timer = undefined;
    waiting = [];
    restoring = true;
    try {
      store.set(stateAtUrl(location.search, store.get()));
    } finally {
      restoring = false;
    }
    options.onRestore(store.get());
  };
  window.addEventListener('popstate', onPopState);

  return () => {
    unsubscribe();
    clearTimeout(timer);
    window.removeEventListener('popstate', onPopState);
  };
}
