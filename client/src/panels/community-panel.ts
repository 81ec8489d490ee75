/**
 * The panel of an opened community (from the overview): its size, its composition by actor type,
 * the fields that characterise it, its regions and its brokers, who can be selected from here.
 */
import { typeColor } from '../graph/colors.ts';
import { communityColor, communityLabel, loadCommunities, type CommunityInfo } from '../data/community-data.ts';
import { el, nameOf } from '../dom.ts';
import { formatValue, t } from '../i18n/i18n.ts';
import { describeError } from '../i18n/messages.ts';
import { actorName, refName, type NetworkData } from '../data/network-data.ts';
import type { Store } from '../data/state.ts';

export function createCommunityPanel(root: HTMLElement, data: NetworkData, store: Store, options: { onSelect(id: string): void; onOverview(): void }): () => void {
  let info: CommunityInfo | null = null;
  let error: unknown = null;

  async function render(): Promise<void> {
    const s = store.get();
    if (s.community === null || s.selected) {
      root.replaceChildren();
      return;
    }
    if (!info && !error) {
      root.replaceChildren(el('p', { className: 'muted' }, t('panel.loading')));
      try {
        info = await loadCommunities();
      } catch (err) {
        error = err;
      }
      return render();
    }
    if (!info) {
      root.replaceChildren(el('p', { className: 'error-text' }, describeError(error, t('communities.feature'))));
      error = null;
      return;
    }
    const c = info.byId.get(s.community);
    if (!c) {
      root.replaceChildren(el('p', { className: 'error-text' }, t('community.name', { id: s.community })));
      return;
    }
    const lang = s.lang;
    const close = el('button', { className: 'icon-button panel-close', title: t('panel.close'), 'aria-label': t('panel.close') }, '×');
    close.addEventListener('click', () => store.set({ community: null }));
    const back = el('button', { className: 'button small' }, t('view.communities'));
    back.addEventListener('click', options.onOverview);

    const composition = el('ul', { className: 'composition' });
    for (const ty of data.reference.types) {
      const n = c.composition[ty.id] ?? 0;
      if (!n) continue;
      composition.append(
        el('li', {},
          el('span', { className: 'dot', style: `background:${typeColor(data, ty.id)}` }),
          el('span', { className: 'composition-name' }, refName(ty, lang)),
          el('span', { className: 'composition-bar' }, el('span', { style: `width:${Math.round((n / c.size) * 100)}%;background:${typeColor(data, ty.id)}` })),
          el('span', { className: 'composition-count' }, formatValue(n)),
        ),
      );
    }
    const brokers = el('ul', { className: 'ties' });
    for (const b of c.brokers.slice(0, 8)) {
      const attr = data.graph.hasNode(b.id) ? data.graph.getNodeAttributes(b.id) : null;
      const button = el('button', { className: 'actor-link' }, el('span', { className: 'dot', style: `background:${typeColor(data, b.type)}` }), attr ? actorName(attr, lang) : b.name);
      button.addEventListener('click', () => options.onSelect(b.id));
      brokers.append(el('li', {}, button));
    }
    const ranked = (items: { name: string; name_ja: string; share: number }[]) =>
      el('ul', { className: 'chips' }, ...items.slice(0, 5).map((i) => el('li', { className: 'chip' }, `${nameOf(i, lang)} ${Math.round(i.share * 100)}%`)));

    root.replaceChildren(
      el('header', { className: 'panel-head' },
        el('div', { className: 'panel-type' }, el('span', { className: 'dot', style: `background:${communityColor(info, c.id)}` }), t('view.communities')),
        el('h2', { id: 'community-title' }, communityLabel(info, c.id, lang)),
        el('div', { className: 'panel-other-name' }, t('communities.members', { n: formatValue(c.size) })),
        close,
      ),
      el('div', { className: 'panel-actions' }, back),
      el('section', { className: 'panel-section' },
        el('h3', {}, t('communities.composition')), composition,
        el('h3', {}, t('communities.topFields')), ranked(c.characteristicFields.length ? c.characteristicFields : c.fields),
        el('h3', {}, t('communities.regions')), ranked(c.regions),
        el('h3', {}, t('communities.brokers')), brokers,
      ),
    );
  }

  void render();
  return store.subscribe((s, prev) => {
    if (s.community !== prev.community || s.selected !== prev.selected || s.lang !== prev.lang) void render();
  });
}
