/**
 * Sets an element's text if it differs, in place (its one text node's data): assigning textContent
 * removes the node and inserts a new one, which costs more style and layout work on every redraw.
 */
export function setText(el: Element, text: string): void {
  const first = el.firstChild;
  if (first && first === el.lastChild && first.nodeType === Node.TEXT_NODE) {
    if ((first as Text).data !== text) (first as Text).data = text;
  } else if (el.textContent !== text) el.textContent = text;
}
