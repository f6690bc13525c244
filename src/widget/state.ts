/** What the widget remembers of the conversation: in memory only, gone when the page goes. */
export interface WidgetState {
  /** The id the last reply handed out; the server hands out a new one when it expires. */
  session: string | null;
  /**
   * Every session this transcript spans: when one expires the server starts another, and
   * deleting "this conversation" must forget the earlier one's log entries too.
   */
  transcriptSessions: string[];
  /** A request is in flight. */
  busy: boolean;
  /** A conversation is under way: reopening the panel must not greet again. */
  started: boolean;
  isOpen: boolean;
}

export function createState(): WidgetState {
  return { session: null, transcriptSessions: [], busy: false, started: false, isOpen: false };
}
