/**
 * A link to another actor inside a panel (a partner, a suggestion, an intermediary): it opens that
 * actor's panel, which is a history entry, so Back returns to the actor before.
 */
import { typeColor } from '../graph/colors.ts';
import { el } from '../dom.ts';
import type { NetworkData } from '../data/network-data.ts';
import type { Store } from '../data/state.ts';

export interface ActorLinks {
  /** A button with the actor's type colour (when known) and name. */
  link(id: string, label: string, type?: string): HTMLElement;
}

export function actorLinks(data: NetworkData, store: Store, onCentre: (id: string) => void): ActorLinks {
  return {
    link(id, label, type) {
      const b = el('button', { className: 'actor-link' }, type ? el('span', { className: 'dot', style: `background:${typeColor(data, type)}` }) : '', label);
      b.addEventListener('click', () => {
        store.set({ selected: id, suggestion: null, path: null });
        onCentre(id);
      });
      return b;
    },
  };
}
