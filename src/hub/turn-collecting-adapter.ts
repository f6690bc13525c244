import { type Activity, BotAdapter, type ConversationReference, type ResourceResponse, TurnContext } from 'botbuilder-core';

/**
 * A Bot Framework adapter of ours that moves no bytes: it runs a turn in-process and hands
 * back what the bot sent. botkit's own web adapter is not used (it trusts client-chosen user
 * ids, lets clients fire any event, leaks a timer, and renders bot text as HTML); transport
 * is the channels' business.
 */
const SENT = Symbol('sent activities');

export class TurnCollectingAdapter extends BotAdapter {
  /**
   * Runs one turn; returns what the bot sent and the turn's context. `prepare` puts what the
   * turn's logic needs into its context (turnState) before the middleware runs.
   */
  async runTurn(
    activity: Partial<Activity>,
    logic: (context: TurnContext) => Promise<void>,
    prepare: (context: TurnContext) => void = () => undefined,
  ): Promise<{ sent: Array<Partial<Activity>>; context: TurnContext }> {
    const context = new TurnContext(this, activity);
    const sent: Array<Partial<Activity>> = [];
    context.turnState.set(SENT, sent);
    prepare(context);
    await this.runMiddleware(context, logic);
    return { sent, context };
  }

  async sendActivities(context: TurnContext, activities: Array<Partial<Activity>>): Promise<ResourceResponse[]> {
    const sent = context.turnState.get(SENT) as Array<Partial<Activity>>;
    sent.push(...activities);
    return activities.map((_, index) => ({ id: `${context.activity.id ?? 'turn'}-${sent.length - activities.length + index}` }));
  }

  async updateActivity(): Promise<void> {
    throw new Error('TurnCollectingAdapter cannot update a sent message');
  }

  async deleteActivity(): Promise<void> {
    throw new Error('TurnCollectingAdapter cannot delete a sent message');
  }

  async continueConversation(_reference: Partial<ConversationReference>): Promise<void> {
    throw new Error('TurnCollectingAdapter has no proactive messages: each reply belongs to a turn');
  }
}
