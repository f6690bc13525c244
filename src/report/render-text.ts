import { LOW_CONFIDENCE, type Report } from './build-report';

/** The report as plain text for a terminal, and as CSV for a spreadsheet. */

const percent = (part: number, whole: number) => (whole === 0 ? '-' : `${Math.round((100 * part) / whole)}%`);

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/gu;

/**
 * Text people typed, made safe for a terminal: control characters (escape sequences, carriage
 * returns, line breaks) are shown as \u{…} instead of acting on the staff member's screen.
 */
export function printable(text: string): string {
  return text.replace(CONTROL_CHARACTERS, (ch) => `\\u{${ch.charCodeAt(0).toString(16)}}`);
}

export function renderReportText(report: Report): string {
  const out: string[] = [`Conversation report ${report.from} – ${report.to} (${report.total} turns)`, ''];
  out.push('Volume per label and channel:');
  for (const row of report.byLabelAndChannel)
    out.push(`  ${row.label.padEnd(10)} ${row.channel.padEnd(6)} ${String(row.count).padStart(6)}`);
  out.push('', 'Most frequent unanswered questions (grouped by similarity):');
  if (report.unanswered.length === 0) out.push('  none');
  for (const group of report.unanswered)
    out.push(
      `  ${String(group.count).padStart(4)}  ${printable(group.example)}${group.variants.length > 1 ? `  (+${group.variants.length - 1} similar)` : ''}`,
    );
  out.push('', `Low-confidence answers (confidence < ${LOW_CONFIDENCE}):`);
  if (report.lowConfidence.length === 0) out.push('  none');
  for (const row of report.lowConfidence) out.push(`  ${row.label.padEnd(4)} ${row.confidence.toFixed(2)}  ${printable(row.text)}`);
  out.push('', 'Feedback per FAQ entry (解決しましたか？):');
  for (const row of report.feedback) {
    out.push(
      `  ${row.label.padEnd(4)} answers ${String(row.answers).padStart(5)}  yes ${String(row.yes).padStart(4)}  no ${String(row.no).padStart(4)}  solved ${percent(row.yes, row.yes + row.no)}`,
    );
  }
  return out.join('\n');
}

function csvCell(value: string | number): string {
  const text = String(value);
  // Quote, and defuse spreadsheet formulas in text people typed.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) || safe !== text ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const csvRow = (cells: Array<string | number>) => cells.map(csvCell).join(',');

export function renderReportCsv(report: Report): string {
  const rows: string[] = [csvRow(['section', 'label', 'channel_or_day', 'count', 'yes', 'no', 'confidence', 'text'])];
  for (const row of report.byLabelAndChannel) rows.push(csvRow(['volume', row.label, row.channel, row.count, '', '', '', '']));
  for (const row of report.daily) rows.push(csvRow(['daily', row.label, row.day, row.count, '', '', '', '']));
  for (const group of report.unanswered) rows.push(csvRow(['unanswered', 'fallback', '', group.count, '', '', '', group.example]));
  for (const row of report.lowConfidence)
    rows.push(csvRow(['low_confidence', row.label, new Date(row.at).toISOString().slice(0, 10), 1, '', '', row.confidence, row.text]));
  for (const row of report.feedback) rows.push(csvRow(['feedback', row.label, '', row.answers, row.yes, row.no, '', '']));
  return `${rows.join('\n')}\n`;
}
