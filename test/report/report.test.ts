import { buildReport } from '../../src/report/build-report';
import { renderReportCsv, renderReportText } from '../../src/report/render-text';
import type { StoredTurn } from '../../src/state/conversation-log';

const at = Date.UTC(2026, 10, 20);
const row = (text: string, label: string, route: string, feedback: StoredTurn['feedback'] = null): StoredTurn => ({
  at,
  day: '2026-11-20',
  channel: 'web',
  session: 'hash',
  text,
  label,
  intent: label,
  route,
  score: 3,
  confidence: 0.3,
  personal_data: '',
  feedback,
});

describe('the conversation report', () => {
  const report = buildReport(
    [
      row('情報は漏れたの？', 'q1', 'faq', 'yes'),
      row('どっちのこと？', 'clarify', 'clarify'),
      row('\u001b[2J\u001b]0;pwned\u0007保険証の再発行\r\n偽の行', 'fallback', 'out_of_scope'),
    ],
    new Date(at),
    new Date(at),
  );

  it('counts a clarifying question apart from the answers', () => {
    expect(report.feedback).toEqual([{ label: 'q1', answers: 1, yes: 1, no: 0 }]);
    expect(report.byLabelAndChannel.map((entry) => entry.label)).toEqual(['q1', 'clarify', 'fallback']);
  });

  it('shows control characters people typed as escapes, never acting on the terminal', () => {
    const text = renderReportText(report);
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    expect(text).toContain('\\u{1b}[2J');
    expect(text).toContain('\\u{d}\\u{a}偽の行');
  });

  it('defuses spreadsheet formulas in the CSV', () => {
    const csv = renderReportCsv(buildReport([row('=HYPERLINK("x")', 'fallback', 'out_of_scope')], new Date(at), new Date(at)));
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
