import type { LambdaFunctionURLEvent } from 'aws-lambda';
import type { FunctionUrlResponse, IngressHandler } from '../../slack/ingress-handler.js';
import { lambdaContext } from './lambda-context.js';
import { signedFunctionUrlEvent, slashCommandBody } from './signed-request.js';
import { slackPayloadJson, slackPayloadText } from './slack-payloads.js';
import { slackReactionName } from './slack-rules/emoji.js';
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

/** A partner organisation in a Slack Connect channel: its workspace, and its Enterprise Grid org if it has one. */
export interface PartnerOrganisation {
  teamId: string;
  enterpriseId?: string;
}

/** What a SlackSim and the partner views it hands out share: ids, and which channels are shared with whom. */
interface SimState {
  ids: number;
  /** Slack Connect channels: the partner, and whose workspace the channel was created in. */
  shared: Map<string, { partner: PartnerOrganisation; createdBy: 'home' | 'partner' }>;
}

/**
 * The attendee list's answer as Slack sends a rich text input's value: one line per person, their mention and
 * then `text` (company, `github:<login>`).
 */
export function attendeeLines(
  rows: ReadonlyArray<{ userId: string; text: string }>,
): Record<string, unknown> {
  return {
    type: 'rich_text',
    elements: [
      {
        type: 'rich_text_section',
        elements: rows.flatMap((row) => [
          { type: 'user', user_id: row.userId },
          { type: 'text', text: ` ${row.text}\n` },
        ]),
      },
    ],
  };
}

export class SlackSim {
  private get triggers(): number {
    return this.state.ids;
  }
  private set triggers(value: number) {
    this.state.ids = value;
  }

  /**
   * `teamId` is the workspace htg is installed in. `actor` (set by `shareChannel`) makes this sim act as a partner
   * organisation's member: the payloads then name the partner's team where Slack does.
   */
  constructor(
    private readonly handler: IngressHandler,
    private readonly slack: SlackStandIn,
    readonly teamId = 'T0SIMTEAM',
    private readonly actor?: PartnerOrganisation,
    private readonly state: SimState = { ids: 0, shared: new Map() },
  ) {}

  /**
   * Makes `channel` a Slack Connect channel shared with `partner`, created in `createdBy`'s workspace (the home
   * one, htg's installation, or the partner's), and returns a sim acting as the partner's members there. Payloads
   * as Slack sends them in shared channels:
   * - a slash command names the acting person's own workspace in `team_id` (and `enterprise_id` on Grid), not the
   *   installation's (bolt-js #1614; #1875 for Enterprise Grid);
   * - a modal submission names it in `team.id`, `user.team_id` and `view.team_id`, while
   *   `view.app_installed_team_id` names the installation (bolt-js #1614, fixed in bolt-js #1615; the field as in
   *   test/fixtures ViewSubmissionPayloadTest__json_L409.json);
   * - a button click names the person's workspace in `user.team_id`, and the workspace the message was posted from
   *   (the installation) in `team.id` (bolt-js #1614: "This is not the case with message and action events";
   *   java-slack-sdk #1041 shows such a payload);
   * - an event in the channel, whoever acts, carries `is_ext_shared_channel: true`, the workspace the channel was
   *   created in as the envelope's `team_id`, and the installation in `authorizations[0].team_id` (bolt-js #687,
   *   java-slack-sdk #629: "the fields [team_id, enterprise_id] is supposed to be the ones for source workspace
   *   (the originator of the shared channel)"; Bolt's App.js buildSource reads authorizations[0] first).
   */
  shareChannel(
    channel: string,
    partner: PartnerOrganisation,
    { createdBy = 'partner' }: { createdBy?: 'home' | 'partner' } = {},
  ): SlackSim {
    this.state.shared.set(channel, { partner, createdBy });
    return new SlackSim(this.handler, this.slack, this.teamId, partner, this.state);
  }

  /** The team the acting person belongs to: the installation's, or a partner organisation's. */
  private get actingTeamId(): string {
    return this.actor?.teamId ?? this.teamId;
  }

  /** The envelope fields of an event in `channel` when it is a Slack Connect channel (see `shareChannel`). */
  private sharedChannelEnvelope(channel: string): Json {
    const shared = this.state.shared.get(channel);
    if (!shared) return {};
    const origin = shared.createdBy === 'partner' ? shared.partner : { teamId: this.teamId };
    return {
      team_id: origin.teamId,
      enterprise_id: 'enterpriseId' in origin ? origin.enterpriseId : undefined,
      is_ext_shared_channel: true,
      authorizations: [
        {
          enterprise_id: null,
          team_id: this.teamId,
          user_id: this.slack.world.botUserId,
          is_bot: true,
          is_enterprise_install: false,
        },
      ],
    };
  }

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
    const envelope = slackPayloadJson('event');
    const body = JSON.stringify({
      ...envelope,
      team_id: this.teamId,
      event_id: reaction.eventId ?? `Ev${++this.triggers}`,
      event_time: Math.floor(Number(reaction.eventTs)),
      ...this.sharedChannelEnvelope(reaction.channel),
      event: {
        type: reaction.added ? 'reaction_added' : 'reaction_removed',
        user,
        // Slack names the reaction canonically (`thumbsup` arrives as `+1`), whatever the person picked.
        reaction: slackReactionName(reaction.reaction),
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
    const body = slashCommandBody(slackPayloadText('command'), {
      command: '/htg',
      text,
      user_id: user,
      channel_id: channel,
      team_id: this.actingTeamId,
      ...(this.actor?.enterpriseId ? { enterprise_id: this.actor.enterpriseId } : {}),
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
    const template = slackPayloadJson('viewSubmission');
    const payload = {
      ...template,
      team: { id: this.actingTeamId, domain: 'sim' },
      user: { id: user, username: user, name: user, team_id: this.actingTeamId },
      view: {
        ...(template.view as Json),
        ...view,
        ...(this.actor ? { team_id: this.actor.teamId, app_installed_team_id: this.teamId } : {}),
        state: { values: stateOf(view, answers) },
      },
    };
    const response = await this.send(new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
    return { status: response.statusCode, reply: response.body ? (JSON.parse(response.body) as Json) : null };
  }

  /**
   * Someone runs `/invite @htg` in a channel: the stand-in counts the bot as a member from now on, and Slack
   * sends the app a `member_joined_channel` event with the bot as the user (shape: docs.slack.dev/reference/
   * events/member_joined_channel). Pass a previous answer's `eventId`, `eventTs` and a `retryNum` to imitate
   * Slack redelivering that event.
   */
  async inviteBot(
    channel: string,
    {
      inviter = 'U0INVITER',
      eventId = `Ev${++this.triggers}`,
      eventTs = `${Date.now() / 1000}`,
      retryNum,
    }: { inviter?: string; eventId?: string; eventTs?: string; retryNum?: number } = {},
  ): Promise<{ status: number | undefined; eventId: string; eventTs: string }> {
    this.slack.world.join(channel);
    const envelope = slackPayloadJson('event');
    const body = JSON.stringify({
      ...envelope,
      team_id: this.teamId,
      event_id: eventId,
      event_time: Math.floor(Number(eventTs)),
      event: {
        type: 'member_joined_channel',
        user: this.slack.world.botUserId,
        channel,
        channel_type: channel.startsWith('G') ? 'G' : 'C',
        team: this.teamId,
        inviter,
        event_ts: eventTs,
      },
    });
    const headers: Record<string, string> =
      retryNum !== undefined
        ? { 'x-slack-retry-num': String(retryNum), 'x-slack-retry-reason': 'http_timeout' }
        : {};
    const response = await this.handler(
      signedFunctionUrlEvent({ body, contentType: 'application/json', headers }),
      lambdaContext(),
    );
    return { status: response.statusCode, eventId, eventTs };
  }

  /** Opens the app's Home tab, as the Events API delivers it (app_home_opened). */
  async openHome(user: string): Promise<number | undefined> {
    const envelope = slackPayloadJson('event');
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
    const template = slackPayloadJson('blockAction');
    const payload = {
      ...template,
      team: { id: this.teamId, domain: 'sim' },
      user: { id: user, username: user, name: user, team_id: this.actingTeamId },
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
      case 'url_text_input':
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
      case 'users_select':
        state.selected_user = given ? answer : (element.initial_user ?? null);
        break;
      default:
        throw new Error(`stateOf: unsupported element ${type}`);
    }
    values[block.block_id] = { [actionId]: state };
  }
  return values;
}
