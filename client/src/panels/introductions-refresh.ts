/**
 * A request became a collaboration: the server wrote the new tie, so the drawn network is asked
 * for again (network-reload.ts, the same graph sigma draws) and the actor panel refreshes its ties
 * and suggestions (`introductionsChanged`). Calls while a reload runs are folded into one more.
 */
import { reloadNetwork } from '../data/network-reload.ts';
import type { NetworkData } from '../data/network-data.ts';
import type { Store, ViewState } from '../data/state.ts';
import { describeError, showMessage } from '../i18n/messages.ts';
import { it } from './introduction-messages.ts';

export function networkRefresher(data: NetworkData, store: Store): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;

  async function run(): Promise<void> {
    let failure: unknown = null;
    do {
      again = false;
      try {
        await reloadNetwork(data, store);
        failure = null;
      } catch (err) {
        failure = err;
      }
      store.set((s: ViewState) => ({ introductionsChanged: s.introductionsChanged + 1 }));
    } while (again);
    if (failure) showMessage(describeError(failure));
    else showMessage(it('action.tieAdded'), { tone: 'info' });
  }

  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = run().finally(() => (running = null));
    return running;
  };
}
