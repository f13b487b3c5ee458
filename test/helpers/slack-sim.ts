import type { LambdaFunctionURLEvent } from 'aws-lambda';
import type { FunctionUrlResponse, IngressHandler } from '../../functions/slack/ingress-handler.js';
import { fixtureJson, fixtureText, SLACK_FIXTURES } from './fixtures.js';
import { lambdaContext } from './lambda.js';
import { signedFunctionUrlEvent, slashCommandBody } from './signed-request.js';
import type { SlackStandIn } from './slack-stand-in.js';

type Json = Record<string, unknown>;

/** The message a reaction is on: channel, ts, and who posted it (the bot for topic cards). */
export interface ReactionTarget {
  channel: string;
  ts: string;
  itemUser: string;
}
type Block = { type: string; block_id?: string; element?: Json };

/** What a person can do in Slack, turned into the signed requests Slack would send to the ingress. */
/** A reaction on a message, as `react` delivers it. */
export type Reaction = ReactionTarget & {
  reaction: string;
  added: boolean;
  eventTs: string;
  eventId?: string;
  retryNum?: number;
};

export class SlackSim {
  private triggers = 0;

  constructor(
    private readonly handler: IngressHandler,
    private readonly slack: SlackStandIn,
    readonly teamId = 'T0SIMTEAM',
  ) {}

  private async send(
    body: string,
    contentType = 'application/x-www-form-urlencoded',
  ): Promise<FunctionUrlResponse> {
    return this.handler(signedFunctionUrlEvent({ body, contentType }), lambdaContext());
  }

  /**
   * A reaction added or removed on a message, as the Events API delivers it. Pass the same `eventId` and a
   * `retryNum` to imitate Slack redelivering an event.
   */
  async react(user: string, reaction: Reaction): Promise<number | undefined> {
    return (await this.handler(this.reactionRequest(user, reaction), lambdaContext())).statusCode;
  }

  /** The signed Function URL request `react` sends (the bench hands it to a fresh process). */
  reactionRequest(user: string, reaction: Reaction): LambdaFunctionURLEvent {
    const envelope = fixtureJson(`${SLACK_FIXTURES}SlackApiFunctionTest__L23.json`);
    const body = JSON.stringify({
      ...envelope,
      team_id: this.teamId,
      event_id: reaction.eventId ?? `Ev${++this.triggers}`,
      event_time: Math.floor(Number(reaction.eventTs)),
      event: {
        type: reaction.added ? 'reaction_added' : 'reaction_removed',
        user,
        reaction: reaction.reaction,
        item: { type: 'message', channel: reaction.channel, ts: reaction.ts },
        item_user: reaction.itemUser,
        event_ts: reaction.eventTs,
      },
    });
    const headers: Record<string, string> =
      reaction.retryNum !== undefined
        ? { 'x-slack-retry-num': String(reaction.retryNum), 'x-slack-retry-reason': 'http_timeout' }
        : {};
    return signedFunctionUrlEvent({ body, contentType: 'application/json', headers });
  }

  /** Types `/htg <text>` in a channel; resolves with the HTTP response and the parsed reply (if any). */
  async command(
    user: string,
    channel: string,
    text: string,
  ): Promise<{ status: number | undefined; reply: Json | null; triggerId: string }> {
    const triggerId = `trigger-${++this.triggers}`;
    const body = slashCommandBody(fixtureText(`${SLACK_FIXTURES}SlashCommandPayloadTest__body1_L18.txt`), {
      command: '/htg',
      text,
      user_id: user,
      channel_id: channel,
      team_id: this.teamId,
      trigger_id: triggerId,
    });
    const response = await this.send(body);
    return {
      status: response.statusCode,
      reply: response.body ? (JSON.parse(response.body) as Json) : null,
      triggerId,
    };
  }

  /** The modal the app opened most recently (via views.open). */
  lastOpenedView(): Json {
    const call = this.slack.callsTo('views.open').at(-1);
    if (!call) throw new Error('the app opened no modal');
    const view = call.args.view;
    return (typeof view === 'string' ? JSON.parse(view) : view) as Json;
  }

  /**
   * Submits a modal the app opened, as Slack would: every input keeps its prefilled value unless `answers`
   * gives another (strings for text, option values, dates; numbers for date-times; arrays for users).
   */
  async submit(
    user: string,
    view: Json,
    answers: Record<string, unknown> = {},
  ): Promise<{ status: number | undefined; reply: Json | null }> {
    const template = fixtureJson(`${SLACK_FIXTURES}ViewSubmissionPayloadTest__json_L24.json`);
    const payload = {
      ...template,
      team: { id: this.teamId, domain: 'sim' },
      user: { id: user, username: user, name: user, team_id: this.teamId },
      view: { ...(template.view as Json), ...view, state: { values: stateOf(view, answers) } },
    };
    const response = await this.send(new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
    return { status: response.statusCode, reply: response.body ? (JSON.parse(response.body) as Json) : null };
  }

  /** Opens the app's Home tab, as the Events API delivers it (app_home_opened). */
  async openHome(user: string): Promise<number | undefined> {
    const envelope = fixtureJson(`${SLACK_FIXTURES}SlackApiFunctionTest__L23.json`);
    const body = JSON.stringify({
      ...envelope,
      team_id: this.teamId,
      event_id: `Ev${++this.triggers}`,
      event_time: Math.floor(Date.now() / 1000),
      event: {
        type: 'app_home_opened',
        user,
        channel: `D${user.slice(1)}`,
        tab: 'home',
        event_ts: `${Date.now() / 1000}`,
      },
    });
    return (await this.send(body, 'application/json')).statusCode;
  }

  /** Clicks a button on a message the app posted. */
  async click(
    user: string,
    channel: string,
    messageTs: string,
    actionId: string,
    value: string,
  ): Promise<number | undefined> {
    const template = fixtureJson(`${SLACK_FIXTURES}BlockActionPayloadTest__jsonWithState_L171.json`);
    const payload = {
      ...template,
      team: { id: this.teamId, domain: 'sim' },
      user: { id: user, username: user, name: user, team_id: this.teamId },
      channel: { id: channel, name: 'hackathon' },
      container: { type: 'message', message_ts: messageTs, channel_id: channel, is_ephemeral: false },
      trigger_id: `trigger-${++this.triggers}`,
      state: { values: {} },
      actions: [
        {
          action_id: actionId,
          block_id: 'topic_actions',
          value,
          type: 'button',
          action_ts: '1714000000.000001',
          text: { type: 'plain_text', text: actionId },
        },
      ],
    };
    const response = await this.send(new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
    return response.statusCode;
  }
}

function stateOf(view: Json, answers: Record<string, unknown>): Record<string, Record<string, Json>> {
  const values: Record<string, Record<string, Json>> = {};
  for (const block of (view.blocks as Block[]) ?? []) {
    if (block.type !== 'input' || !block.block_id || !block.element) continue;
    const element = block.element;
    const answer = block.block_id in answers ? answers[block.block_id] : undefined;
    const given = block.block_id in answers;
    const type = String(element.type);
    const actionId = String(element.action_id);
    const state: Json = { type };
    switch (type) {
      case 'plain_text_input':
      case 'number_input':
        state.value = given ? answer : (element.initial_value ?? null);
        break;
      case 'static_select':
      case 'radio_buttons':
        state.selected_option = given
          ? answer === null
            ? null
            : { value: answer, text: { type: 'plain_text', text: String(answer) } }
          : (element.initial_option ?? null);
        break;
      case 'checkboxes':
      case 'multi_static_select':
        state.selected_options = given
          ? (answer as string[]).map((value) => ({ value, text: { type: 'plain_text', text: value } }))
          : (element.initial_options ?? []);
        break;
      case 'datepicker':
        state.selected_date = given ? answer : (element.initial_date ?? null);
        break;
      case 'datetimepicker':
        state.selected_date_time = given ? answer : (element.initial_date_time ?? null);
        break;
      case 'rich_text_input':
        state.rich_text_value = given
          ? answer
          : (element.initial_value ?? { type: 'rich_text', elements: [] });
        break;
      case 'multi_users_select':
        state.selected_users = given ? answer : (element.initial_users ?? []);
        break;
      default:
        throw new Error(`stateOf: unsupported element ${type}`);
    }
    values[block.block_id] = { [actionId]: state };
  }
  return values;
}
