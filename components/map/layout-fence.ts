// A layout fence around the text being typed into. Measured with bench:typing on a 1,000-card
// map: every keystroke in a card's <textarea> laid out the whole board from the document root,
// because Blink only stops a layout at a "relayout boundary" and never makes one of a flex or
// grid item (the card is a flex item of its cell, the cell a grid item of the board). A block box
// inside the card's flex item, with `contain: strict` and an explicit height, is one: while it
// holds the focused textarea, a keystroke lays out that box alone. Its height follows the
// textarea's (which sizes to its content) through a ResizeObserver, whose callback runs after
// layout and before paint, so a new line grows the card in the same frame.
//
// Only the focused card is fenced, and in a watcher's page a card whose text a colleague is
// changing (CardText, for a second after their last change): unfenced, the box is an ordinary
// block, so the others need neither an observer nor a height kept in step.

/**
 * Fences `box` (a block that is not a flex or grid item, holding `content`) at `content`'s
 * border-box height, with `fencedClass` (which must apply `contain: strict`). Returns the undo.
 */
export function fenceLayout(box: HTMLElement, content: HTMLElement, fencedClass: string): () => void {
  if (typeof ResizeObserver === 'undefined') return () => {};
  const hold = (height: number) => {
    const px = `${height}px`;
    if (box.style.height !== px) box.style.height = px;
  };
  hold(content.offsetHeight);
  box.classList.add(fencedClass);
  const observer = new ResizeObserver((entries) => {
    const entry = entries[entries.length - 1];
    hold(entry.borderBoxSize?.[0]?.blockSize ?? content.offsetHeight);
  });
  observer.observe(content, { box: 'border-box' });
  return () => {
    observer.disconnect();
    box.classList.remove(fencedClass);
    box.style.height = '';
  };
}
