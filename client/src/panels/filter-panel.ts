/**
 * The filter sidebar: one group of checkboxes per facet (type, region, prefecture, cluster
 * project, field) with the number of actors of each value, and a year slider. It only changes
 * `filters` in the view state; the graph view hides what they exclude (filters.ts).
 */
import { typeColor } from '../graph/colors.ts';
import { formatValue, t, type MessageKey } from '../i18n/i18n.ts';
import { toggled } from '../data/filters.ts';
import { refName, type NetworkData } from '../data/network-data.ts';
import { EMPTY_FILTERS, hasFilters, type Filters, type Lang, type Store } from '../data/state.ts';
import { text } from '../dashboard/dashboard-messages.ts';

type Facet = Exclude<keyof Filters, 'year'>;

interface FacetDef {
  facet: Facet;
  title: MessageKey;
  open: boolean;
  values: { id: string; name: string; name_ja: string; count: number; color?: string; group?: string }[];
}

export function createFilterPanel(root: HTMLElement, data: NetworkData, store: Store): () => void {
  const facets = facetDefinitions(data);

  function render(): void {
    const s = store.get();
    const lang = s.lang;
    root.replaceChildren();
    const head = document.createElement('div');
    head.className = 'sidebar-head';
    head.innerHTML = `<h2 id="filters-title"></h2><button class="link-button" type="button"></button>`;
    head.querySelector('h2')!.textContent = t('filters.title');
    const clear = head.querySelector('button')!;
    clear.textContent = t('filters.clear');
    clear.disabled = !hasFilters(s.filters);
    clear.addEventListener('click', () => store.set({ filters: { ...EMPTY_FILTERS } }));
    root.append(head);
    // What the filters keep, in one line (the dashboard and a saved PNG say the same).
    if (hasFilters(s.filters)) {
      const summary = document.createElement('p');
      summary.className = 'filter-summary muted';
      summary.textContent = describeFilters(s.filters, data, lang);
      root.append(summary);
    }

    for (const def of facets) {
      const chosen = s.filters[def.facet] as string[];
      const details = document.createElement('details');
      details.className = 'facet';
      details.open = def.open || chosen.length > 0;
      details.dataset.facet = def.facet;
      const summary = document.createElement('summary');
      summary.textContent = t(def.title);
      if (chosen.length) {
        const badge = document.createElement('span');
        badge.className = 'badge';
        badge.textContent = t('filters.chosen', { n: chosen.length });
        summary.append(' ', badge);
      }
      details.append(summary);
      const list = document.createElement('div');
      list.className = 'facet-list';
      let group = '';
      for (const v of def.values) {
        if (v.group && v.group !== group) {
          group = v.group;
          const h = document.createElement('div');
          h.className = 'facet-group';
          const region = data.reference.regions.find((r) => r.id === group);
          h.textContent = region ? refName(region, lang) : group;
          list.append(h);
        }
        const label = document.createElement('label');
        label.className = 'facet-option';
        const box = document.createElement('input');
        box.type = 'checkbox';
        box.value = v.id;
        box.checked = chosen.includes(v.id);
        box.addEventListener('change', () => store.set((st) => ({ filters: toggled(st.filters, def.facet, v.id, box.checked) })));
        const name = document.createElement('span');
        name.className = 'facet-name';
        name.textContent = refName(v, lang);
        const count = document.createElement('span');
        count.className = 'facet-count';
        count.textContent = formatValue(v.count);
        if (v.color) {
          const dot = document.createElement('span');
          dot.className = 'dot';
          dot.style.background = v.color;
          label.append(box, dot, name, count);
        } else label.append(box, name, count);
        list.append(label);
      }
      details.append(list);
      root.append(details);
    }
    root.append(yearControl(s.filters.year));
  }

  function yearControl(year: number | null): HTMLElement {
    const wrap = document.createElement('div');
    wrap.className = 'facet year-facet';
    if (!data.years) return wrap;
    const [first, last] = data.years;
    const label = document.createElement('label');
    label.htmlFor = 'year-filter';
    const value = document.createElement('output');
    value.htmlFor = 'year-filter';
    const show = (y: number | null) => (value.textContent = y === null ? t('filters.yearAll') : String(y));
    label.append(t('filters.year'), ' ', value);
    show(year);
    const range = document.createElement('input');
    range.type = 'range';
    range.id = 'year-filter';
    range.min = String(first);
    range.max = String(last);
    range.value = String(year ?? last);
    range.addEventListener('input', () => show(Number(range.value) >= last ? null : Number(range.value)));
    range.addEventListener('change', () => {
      const y = Number(range.value);
      store.set((s) => ({ filters: { ...s.filters, year: y >= last ? null : y } }));
    });
    wrap.append(label, range);
    return wrap;
  }

  render();
  return store.subscribe((s, prev) => {
    if (s.filters !== prev.filters || s.lang !== prev.lang) {
      const focused = document.activeElement as HTMLInputElement | null;
      const key = focused && root.contains(focused) ? `${focused.closest('details')?.dataset.facet}|${focused.value}` : null;
      render();
      // Keep the keyboard where it was after the re-render.
      if (key) {
        const [facet, value] = key.split('|');
        root.querySelector<HTMLInputElement>(`details[data-facet="${facet}"] input[value="${CSS.escape(value)}"]`)?.focus();
      }
    }
  });
}

/**
 * The filters in words, facet by facet ("Kanto, Kinki · Enterprise · ties up to 2005"); the
 * choices of one facet add up, the facets narrow each other.
 */
export function describeFilters(filters: Filters, data: Pick<NetworkData, 'reference'>, lang: Lang): string {
  const r = data.reference;
  const names = (ids: readonly string[], list: readonly { id: string; name: string; name_ja: string }[]) =>
    ids.map((id) => refName(list.find((item) => item.id === id) ?? { name: id, name_ja: id }, lang)).join(lang === 'ja' ? '・' : ', ');
  const parts = [
    names(filters.types, r.types),
    names(filters.regions, r.regions),
    names(filters.prefectures, r.prefectures),
    names(filters.clusters, r.clusters),
    names(filters.fields, r.fields),
    filters.year === null ? '' : text(lang, 'filters.summary.year', { year: String(filters.year) }),
  ];
  return parts.filter(Boolean).join(' · ');
}

function facetDefinitions(data: NetworkData): FacetDef[] {
  const r = data.reference;
  const counts = { types: new Map<string, number>(), regions: new Map<number, number>(), prefectures: new Map<number, number>(), clusters: new Map<number, number>(), fields: new Map<number, number>() };
  const bump = <K>(m: Map<K, number>, k: K) => m.set(k, (m.get(k) ?? 0) + 1);
  data.graph.forEachNode((_id, a) => {
    bump(counts.types, a.actorType);
    if (a.region >= 0) bump(counts.regions, a.region);
    if (a.prefecture >= 0) bump(counts.prefectures, a.prefecture);
    a.clusters.forEach((c) => bump(counts.clusters, c));
    a.fields.forEach((f) => bump(counts.fields, f));
  });
  const byIndex = <T extends { id: string; name: string; name_ja: string }>(list: readonly T[], m: Map<number, number>, extra?: (item: T) => { group?: string }) =>
    list.map((item, i) => ({ id: item.id, name: item.name, name_ja: item.name_ja, count: m.get(i) ?? 0, ...extra?.(item) })).filter((v) => v.count > 0);
  return [
    { facet: 'types', title: 'filters.type', open: true, values: r.types.map((ty) => ({ id: ty.id, name: ty.name, name_ja: ty.name_ja, count: counts.types.get(ty.id) ?? 0, color: typeColor(data, ty.id) })).filter((v) => v.count > 0) },
    { facet: 'regions', title: 'filters.region', open: true, values: byIndex(r.regions, counts.regions) },
    { facet: 'prefectures', title: 'filters.prefecture', open: false, values: byIndex(r.prefectures, counts.prefectures, (p) => ({ group: r.regions[p.region]?.id })).sort((a, b) => regionOrder(r, a.group) - regionOrder(r, b.group)) },
    { facet: 'clusters', title: 'filters.cluster', open: false, values: byIndex(r.clusters, counts.clusters) },
    { facet: 'fields', title: 'filters.field', open: false, values: byIndex(r.fields, counts.fields) },
  ];
}

function regionOrder(r: NetworkData['reference'], id: string | undefined): number {
  return r.regions.findIndex((x) => x.id === id);
}
