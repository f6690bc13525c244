import { planScroll } from '../../src/widget/scroll-plan';

/**
 * Where the transcript scrolls for a reply, in a 400px-high view with 12px margins. Each row:
 * the reply's start and the bottom of what should be seen with it (after the scam warning: the
 * first choice), the question above it, and the scrollTop the view goes to.
 */
const VIEW = { viewHeight: 400, margin: 12 };

test.each([
  // why, start, end, question, scrollTop
  ['everything fits: the question shows above the reply', 1000, 1250, 900, 888],
  ['the question would push the first choice out: the warning goes to the top', 1000, 1300, 700, 988],
  ['no question (the greeting): the reply from its top', 1000, 1100, null, 988],
  // the warning and its first choice cannot both fit: the warning's heading wins, then whatever fits below
  ['too tall for both: the warning’s start stays at the top', 1000, 1600, 900, 988],
  // the room around it goes before the first choice does: 1000 to 1390 fits in 400, with 5px above and below
  ['fits only with less room: the warning starts nearer the top', 1000, 1390, 900, 995],
  ['near the top of the log: never above 0', 5, 100, 0, 0],
])('%s', (_why, start, end, question, expected) => {
  const scrollTop = planScroll({ ...VIEW, start, end, question });
  expect(scrollTop).toBe(expected);
  // the reply's start is always in view
  expect(start).toBeGreaterThanOrEqual(scrollTop);
  expect(start).toBeLessThan(scrollTop + VIEW.viewHeight);
});
