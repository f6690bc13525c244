/** What kind of screen the widget is on (widget.css uses the same 600px breakpoint). */

/** A touch screen: focusing the input would open the on-screen keyboard over the conversation. */
export function coarsePointer(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches;
}

/** A phone: the panel covers the whole screen. */
export function fullScreen(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(max-width: 600px)').matches;
}
