/**
 * The legend explains both encodings: what each colour means under the current colouring (with
 * the number of shown actors of each), and that a node's size grows with its number of partners.
 */
import { COMMUNITY_COLORS, NO_VALUE_COLOR, TABLEAU_10, TABLEAU_20, typeColor } from '../graph/colors.ts';
import { communityLabel } from '../data/community-data.ts';
import { t, type MessageKey } from '../i18n/i18n.ts';
import { nodeSize, refName, type NetworkData } from '../data/network-data.ts';
import type { Store, ViewState } from '../data/state.ts';

interface Entry {
  color: string;
  label: string;
  count: number;
}

const MAX_ENTRIES = 12;

/** The legend; it folds to its title on a small screen (`ViewState.legendCollapsed`). */
export function createLegend(root: HTMLElement, data: NetworkData, store: Store): () => void {
  function entries(s: ViewState): Entry[] {
    const counts = new Map<string, number>();
    const bump = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
    const info = s.communities.status === 'ready' ? s.communities.info : null;
    data.graph.forEachNode((id, a) => {
      if (a.hidden) return;
      if (s.colorBy === 'type') bump(a.actorType);
      else if (s.colorBy === 'region') bump(String(a.region));
      else if (s.colorBy === 'cluster') bump(String(a.clusters[0] ?? -1));
      else {
        const rank = info?.rank.get(id);
        bump(rank !== undefined && rank < COMMUNITY_COLORS.length ? String(rank) : 'other');
      }
    });
    const r = data.reference;
    const lang = s.lang;
    let list: Entry[];
    switch (s.colorBy) {
      case 'type':
        list = r.types.map((ty) => ({ color: typeColor(data, ty.id), label: refName(ty, lang), count: counts.get(ty.id) ?? 0 }));
        break;
      case 'region':
        list = r.regions.map((reg, i) => ({ color: TABLEAU_10[i % TABLEAU_10.length], label: refName(reg, lang), count: counts.get(String(i)) ?? 0 }));
        list.push({ color: NO_VALUE_COLOR, label: t('legend.abroad'), count: counts.get('-1') ?? 0 });
        break;
      case 'cluster':
        list = r.clusters.map((c, i) => ({ color: TABLEAU_20[i % TABLEAU_20.length], label: refName(c, lang), count: counts.get(String(i)) ?? 0 }));
        list.sort((a, b) => b.count - a.count);
        list.push({ color: NO_VALUE_COLOR, label: t('legend.noCluster'), count: counts.get('-1') ?? 0 });
        break;
      case 'community':
        if (!info) return [];
        list = info.response.communities.slice(0, COMMUNITY_COLORS.length).map((c, i) => ({ color: COMMUNITY_COLORS[i], label: communityLabel(info, c.id, lang), count: counts.get(String(i)) ?? 0 }));
        list.push({ color: NO_VALUE_COLOR, label: t('legend.otherCommunities'), count: counts.get('other') ?? 0 });
        break;
    }
    return list.filter((e) => e.count > 0);
  }

  function render(): void {
    const s = store.get();
    if (s.view === 'communities' || s.view === 'dashboard') {
      root.hidden = true;
      return;
    }
    root.hidden = false;
    const list = entries(s);
    const mode = t(`color.${s.colorBy}` as MessageKey);
    const shown = list.length > MAX_ENTRIES + 1 ? [...list.slice(0, MAX_ENTRIES), collapse(list.slice(MAX_ENTRIES))] : list;
    root.innerHTML = `<button class="legend-title legend-toggle" type="button"></button><div class="legend-body"><ul class="legend-list"></ul><div class="legend-title size-title"></div><div class="legend-sizes"></div></div>`;
    const toggle = root.querySelector<HTMLButtonElement>('.legend-toggle')!;
    toggle.textContent = t('legend.color', { mode });
    toggle.setAttribute('aria-expanded', String(!s.legendCollapsed));
    root.classList.toggle('collapsed', s.legendCollapsed);
    toggle.addEventListener('click', () => store.set({ legendCollapsed: !store.get().legendCollapsed }));
    const ul = root.querySelector('.legend-list')!;
    if (s.colorBy === 'community' && s.communities.status !== 'ready') {
      const li = document.createElement('li');
      li.textContent = t('legend.loadingCommunities');
      ul.append(li);
    }
    for (const e of shown) {
      const li = document.createElement('li');
      li.innerHTML = `<span class="dot"></span><span class="legend-label"></span><span class="legend-count"></span>`;
      li.querySelector<HTMLElement>('.dot')!.style.background = e.color;
      li.querySelector('.legend-label')!.textContent = e.label;
      li.querySelector('.legend-count')!.textContent = e.count.toLocaleString();
      ul.append(li);
    }
    root.querySelector('.size-title')!.textContent = t('legend.size');
    const sizes = root.querySelector('.legend-sizes')!;
    for (const n of [1, 10, 50]) {
      const item = document.createElement('span');
      item.className = 'legend-size';
      const d = document.createElement('span');
      d.className = 'dot';
      const px = nodeSize(n) * 2 * (s.view === 'map' ? 0.6 : 1);
      Object.assign(d.style, { width: `${px}px`, height: `${px}px` });
      item.append(d, String(n));
      sizes.append(item);
    }
  }

  render();
  return store.subscribe((s, prev) => {
    const communities = s.communities !== prev.communities && s.colorBy === 'community';
    if (s.colorBy !== prev.colorBy || s.filters !== prev.filters || s.lang !== prev.lang || s.view !== prev.view || s.legendCollapsed !== prev.legendCollapsed || communities) render();
  });

  function collapse(rest: Entry[]): Entry {
    return { color: NO_VALUE_COLOR, label: t('legend.other'), count: rest.reduce((sum, e) => sum + e.count, 0) };
  }
}
