/**
 * The list part of an ARIA combobox (WAI-ARIA Authoring Practices, "Combobox with listbox popup"),
 * shared by the search box and the actor picker: options shown or hidden with `aria-expanded`, a
 * note when nothing matched, the active option marked and scrolled into view. Choosing by mouse
 * keeps the focus in the input.
 */

export interface Listbox {
  /** Shows `options` (the list hides when there are none; `none` is the note then, when given). */
  show(options: HTMLLIElement[], none?: string): void;
  /** Marks option `active` (−1: none) for the input and assistive technology. */
  highlight(active: number): void;
  close(): void;
}

/** `optionId(i)`: the id given to option i. `onChoose(i)`: a mouse press on option i. */
export function listbox(input: HTMLInputElement, list: HTMLElement, note: HTMLElement, optionId: (i: number) => string, onChoose: (i: number) => void): Listbox {
  return {
    show(options, none) {
      options.forEach((li, i) => {
        li.id = optionId(i);
        li.setAttribute('role', 'option');
        li.addEventListener('mousedown', (e) => {
          e.preventDefault(); // Keep the focus in the input.
          onChoose(i);
        });
      });
      list.replaceChildren(...options);
      const open = options.length > 0;
      list.hidden = !open;
      input.setAttribute('aria-expanded', String(open));
      note.textContent = !open && none ? none : '';
    },
    highlight(active) {
      list.querySelectorAll('li').forEach((li, i) => li.setAttribute('aria-selected', String(i === active)));
      if (active >= 0 && !list.hidden) input.setAttribute('aria-activedescendant', optionId(active));
      else input.removeAttribute('aria-activedescendant');
      list.querySelector(`#${CSS.escape(optionId(active))}`)?.scrollIntoView({ block: 'nearest' });
    },
    close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
    },
  };
}
