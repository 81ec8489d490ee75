/**
 * Who an actor is, for its panel: the place, size and founding year, the facility, the cluster
 * projects, the fields it is strong in and those it looks for; and its ties, strongest first.
 */
import type { ActorDetail } from '../data/api.ts';
import { t, formatValue, type MessageKey } from '../i18n/i18n.ts';
import { refName, type NetworkData } from '../data/network-data.ts';
import { el, chips, nameOf } from '../dom.ts';
import type { Lang } from '../data/state.ts';
import type { ActorLinks } from './actor-link.ts';

/** Ties listed at most (the server sends the strongest first). */
const TIES_LISTED = 60;

export function detailsSection(data: NetworkData, d: ActorDetail, lang: Lang): HTMLElement {
  const a = d.actor;
  const attr = data.graph.hasNode(a.id) ? data.graph.getNodeAttributes(a.id) : null;
  const pref = attr && attr.prefecture >= 0 ? data.reference.prefectures[attr.prefecture] : null;
  const region = attr && attr.region >= 0 ? data.reference.regions[attr.region] : null;
  const rows: [MessageKey, string][] = [];
  if (pref) rows.push(['panel.prefecture', `${refName(pref, lang)}${region ? ` (${refName(region, lang)})` : ''}`]);
  else if (a.prefecture) rows.push(['panel.prefecture', a.prefecture]);
  if (a.country && a.country !== 'JP') rows.push(['panel.country', new Intl.DisplayNames([lang], { type: 'region' }).of(a.country) ?? a.country]);
  if (a.employees !== undefined) rows.push(['panel.employees', formatValue(a.employees)]);
  if (a.founded !== undefined) rows.push(['panel.founded', String(a.founded)]);
  if (a.facility) rows.push(['panel.facility', a.facility]);
  const dl = el('dl', { className: 'facts' }, ...rows.flatMap(([k, v]) => [el('dt', {}, t(k)), el('dd', {}, v)]));
  return el('section', { className: 'panel-section' },
    dl,
    el('h3', {}, t('panel.clusters')), chips(d.clusters, lang, t('panel.none')),
    el('h3', {}, t('panel.fields')), chips(d.fields, lang, t('panel.none')),
    el('h3', {}, t('panel.seeks')), chips(d.seeks, lang, t('panel.none')),
  );
}

export function tiesSection(d: ActorDetail, lang: Lang, links: ActorLinks): HTMLElement {
  const section = el('section', { className: 'panel-section' }, el('h3', {}, t('panel.ties', { n: d.tieCount })));
  if (!d.ties.length) {
    section.append(el('p', { className: 'muted' }, t('panel.noTies')));
    return section;
  }
  if (d.tieCount > d.ties.length) section.append(el('p', { className: 'muted' }, t('panel.tiesShown', { shown: d.ties.length, n: d.tieCount })));
  const list = el('ul', { className: 'ties' });
  for (const tie of d.ties.slice(0, TIES_LISTED)) {
    const kind = `${t(`direction.${tie.direction}` as MessageKey)} ${t(`kind.${tie.kind}` as MessageKey)}`;
    const since = tie.since ? ` · ${t('panel.since', { year: String(tie.since) })}` : '';
    list.append(el('li', {}, links.link(tie.id, nameOf(tie, lang), tie.type), el('span', { className: 'tie-kind' }, kind + since)));
  }
  section.append(list);
  return section;
}
