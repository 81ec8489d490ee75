/**
 * The panel of an opened community (from the overview): its size, its composition by actor type,
 * the fields that characterise it (in the server's order, with the share and the lift that order
 * comes from), its regions and its brokers, who can be selected from here.
 */
import { typeColor } from '../graph/colors.ts';
import { communityColor, loadCommunities } from '../data/community-data.ts';
import type { CommunityInfo } from '../data/community-info.ts';
import { el, nameOf } from '../dom.ts';
import { formatValue, t } from '../i18n/i18n.ts';
import { describeError } from '../i18n/messages.ts';
import { actorName, refName, type NetworkData } from '../data/network-data.ts';
import type { Lang, Store } from '../data/state.ts';
import { communityName } from '../dashboard/dashboard-charts.ts';
import { percent, text } from '../dashboard/dashboard-messages.ts';

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
        info = await loadCommunities(store);
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
    // A share that rounds to 0% says nothing: only the shares worth a percent are listed.
    const ranked = (items: { name: string; name_ja: string; share: number }[], className: string) =>
      el('ul', { className: `chips ${className}` }, ...items.filter((i) => i.share >= 0.005).slice(0, 5).map((i) => el('li', { className: 'chip' }, `${nameOf(i, lang)} ${percent(i.share)}`)));
    const fields = c.characteristicFields.length
      ? [el('h3', {}, t('communities.topFields')), characteristicFields(c.characteristicFields, lang)]
      : [el('h3', {}, text(lang, 'fields.commonTitle')), ranked(c.fields, 'community-common-fields')];

    root.replaceChildren(
      el('header', { className: 'panel-head' },
        el('div', { className: 'panel-type' }, el('span', { className: 'dot', style: `background:${communityColor(info, c.id)}` }), t('view.communities')),
        el('h2', { id: 'community-title' }, communityName(info, c.id, lang)),
        el('div', { className: 'panel-other-name' }, t('communities.members', { n: formatValue(c.size) })),
        close,
      ),
      el('div', { className: 'panel-actions' }, back),
      el('section', { className: 'panel-section' },
        el('h3', {}, t('communities.composition')), composition,
        ...fields,
        el('h3', {}, t('communities.regions')), ranked(c.regions, 'community-regions'),
        el('h3', {}, t('communities.brokers')), brokers,
      ),
    );
  }

  void render();
  return store.subscribe((s, prev) => {
    if (s.community !== prev.community || s.selected !== prev.selected || s.lang !== prev.lang) void render();
  });
}

/**
 * The characteristic fields in the server's order, the score share · ln(lift) (the field's term
 * in the divergence of the community's fields from the network's): each with the share of members
 * offering it and its lift, a bar as long as its score, and a line saying what the order is.
 */
function characteristicFields(fields: readonly { name: string; name_ja: string; share: number; lift: number }[], lang: Lang): HTMLElement {
  // Recomputed from the rounded share and lift, and sorted again so the bars always descend.
  const scored = fields.map((f) => ({ ...f, score: f.share * Math.log(f.lift) })).sort((a, b) => b.score - a.score);
  const top = Math.max(...scored.map((f) => f.score), 1e-9);
  return el('div', { className: 'community-fields' },
    el('ul', { className: 'composition' },
      ...scored.map((f) =>
        el('li', { 'data-score': String(f.score), style: 'grid-template-columns: 1fr 60px 84px', title: text(lang, 'fields.detail', { share: percent(f.share), lift: f.lift.toFixed(1) }) },
          el('span', { className: 'composition-name field-name' }, nameOf(f, lang)),
          el('span', { className: 'composition-bar' }, el('span', { style: `width:${Math.round((f.score / top) * 100)}%;background:#7f8b99` })),
          el('span', { className: 'composition-count' }, `${percent(f.share)} · ×${f.lift.toFixed(1)}`),
        ),
      ),
    ),
    el('p', { className: 'muted community-fields-note' }, text(lang, 'fields.note')),
  );
}
