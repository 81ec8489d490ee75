/**
 * What the pointer does on the network: hovering an actor, clicking one (its panel opens),
 * clicking the background (the panel closes). Also keeps sigma's size in step with its
 * container, which changes when the panel opens or closes (sigma follows only the window).
 */
import type Sigma from 'sigma';
import type { ActorAttributes, TieAttributes } from '../data/network-data.ts';
import type { Store } from '../data/state.ts';

export function bindGraphEvents(renderer: Sigma<ActorAttributes, TieAttributes>, store: Store): () => void {
  renderer.on('enterNode', ({ node }) => store.set({ hovered: node }));
  renderer.on('leaveNode', () => store.set({ hovered: null }));
  renderer.on('clickNode', ({ node }) => {
    if (store.get().selected !== node) store.set({ selected: node, suggestion: null, path: null });
  });
  renderer.on('clickStage', () => {
    const s = store.get();
    if (s.selected || s.community !== null) store.set({ selected: null, suggestion: null, path: null, community: null });
  });

  const container = renderer.getContainer();
  let frame = 0;
  let size = `${container.clientWidth}x${container.clientHeight}`;
  const resizes = new ResizeObserver(() => {
    const now = `${container.clientWidth}x${container.clientHeight}`;
    if (now === size || !container.clientWidth) return;
    size = now;
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => renderer.refresh());
  });
  resizes.observe(container);

  return () => {
    resizes.disconnect();
    cancelAnimationFrame(frame);
    for (const event of ['enterNode', 'leaveNode', 'clickNode', 'clickStage'] as const) renderer.removeAllListeners(event);
  };
}
