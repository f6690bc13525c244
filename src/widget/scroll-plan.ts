/**
 * Where the transcript scrolls when a reply arrives: its first line always in view; below it,
 * as far as `end` when that fits (for an answer, its first message; after the scam warning, the
 * first quick reply or else the call-center card); above it, the person's question when the
 * whole of that fits too. The room kept around the reply is given up before `end` is: when
 * `start` to `end` fits only with less, the reply starts nearer the top. When even that does
 * not fit, the reply's start goes to the top and as much of the rest as fits shows below: its
 * start never scrolls out of view. Positions are in px from the top of the scroller's content.
 */
export interface ScrollTarget {
  /** The visible height of the scroller. */
  readonly viewHeight: number;
  /** The top of the reply (the warning's heading). */
  readonly start: number;
  /** The bottom of what should be in view with it. */
  readonly end: number;
  /** The top of the person's question above the reply, if any. */
  readonly question: number | null;
  /** Room left above and below (px). */
  readonly margin: number;
}

export function planScroll({ viewHeight, start, end, question, margin }: ScrollTarget): number {
  if (question !== null && end + margin - (question - margin) <= viewHeight) return Math.max(0, question - margin);
  const withRoom = start - margin;
  if (end + margin <= withRoom + viewHeight || end - start > viewHeight) return Math.max(0, withRoom);
  // it fits with less room around it: what room there is, half above and half below
  return Math.max(0, start - (viewHeight - (end - start)) / 2);
}
