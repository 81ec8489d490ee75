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

/** Keeps the URL and the history in step with the store; returns the cleanup. */
export function syncHistory(store: Store, options: HistoryOptions): () => void {
  const delayMs = options.delayMs ?? 250;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let step = false;
  let restoring = false;

  const currentUrl = () => `${location.pathname}${location.search}${location.hash}`;
  const write = (state: ViewState) => {
    clearTimeout(timer);
    timer = undefined;
    const url = `${location.pathname}${stateToQuery(state)}${location.hash}`;
    if (step) history.pushState(null, '', url);
    else if (url !== currentUrl()) history.replaceState(null, '', url);
    step = false;
  };

  const unsubscribe = store.subscribe((state, previous) => {
    if (restoring) return;
    if (isHistoryStep(previous, state)) {
      // The entry being left keeps its last view (a filter changed just before, say); a step still
      // waiting to be written is pushed now, so two quick steps (a tab, then an item) stay two entries.
      if (timer !== undefined) write(previous);
      step = true;
    }
    clearTimeout(timer);
    timer = setTimeout(() => write(store.get()), delayMs);
  });

  const onPopState = () => {
    clearTimeout(timer);
    timer = undefined;
    step = false;
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
