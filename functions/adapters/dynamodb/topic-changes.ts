import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { Job } from '../../app/ports/jobs.js';
import type { Hackathon } from '../../domain/hackathon.js';
import { hasTeamMeetings } from '../../domain/meetings.js';
import { resultsHidden } from '../../domain/vote.js';
import { withoutKeys } from './keys.js';
import { tableSchema } from './table-schema.js';

/** A topic whose card needs posting or updating, and the stream position that asked for it. */
export interface TopicChange {
  hackathonId: string;
  number: number;
  sequenceNumber: string;
}

/** Fields a card does not show; a change to only these leaves the card as it is. */
const NOT_ON_CARD = new Set(['card', 'cardSent', 'updatedAt', 'issueSynced', 'issueTeam', 'issueOpening']);

/**
 * The topics a batch of stream records asks to (re)render, one entry per topic (the first record's position,
 * so a retry starts early enough). Records of other entities, deletions and changes to fields the card does
 * not show (such as attaching the card itself) are skipped.
 */
export function topicChanges(records: readonly DynamoDBRecord[]): TopicChange[] {
  return topicsWhere(
    records,
    (eventName, after, before) => eventName === 'INSERT' || !before || changedOnCard(before, after),
  );
}

/** Which of a topic's stream records count: the record's event, the topic after it and (if known) before it. */
type TopicFilter = (
  eventName: 'INSERT' | 'MODIFY',
  after: Record<string, unknown>,
  before: Record<string, unknown> | undefined,
) => boolean;

/**
 * One entry per topic with a written (inserted or modified) record that `wanted` accepts, at the first such
 * record's position, so a retry starts early enough. Records of other entities and deletions are skipped.
 */
function topicsWhere(records: readonly DynamoDBRecord[], wanted: TopicFilter): TopicChange[] {
  const changes = new Map<string, TopicChange>();
  for (const record of records) {
    if (record.eventName !== 'INSERT' && record.eventName !== 'MODIFY') continue;
    const after = image(record.dynamodb?.NewImage);
    if (after?.[tableSchema.entityAttribute] !== 'topic') continue;
    const key = `${after.hackathonId}#${after.number}`;
    if (changes.has(key) || !wanted(record.eventName, after, image(record.dynamodb?.OldImage))) continue;
    changes.set(key, {
      hackathonId: String(after.hackathonId),
      number: Number(after.number),
      sequenceNumber: record.dynamodb?.SequenceNumber ?? '',
    });
  }
  return [...changes.values()];
}

/** Hackathon fields its schedules follow; a change to any of them re-syncs the schedules. */
const SCHEDULE_FIELDS = [
  'status',
  'startDate',
  'endDate',
  'timeZone',
  'votingClosesAt',
  'summaryTimes',
  'checkInAt',
  'wrapUpReminderAt',
  'wrapUpAt',
  'github',
  'website',
  // The review meeting's three moments are schedules too (moving the meeting moves them).
  'reviewMeetingAt',
  // Each meeting's agenda is posted, and unpinned, on a schedule.
  'meetings',
  'agendaLeadMinutes',
] as const;

/** Hackathons whose schedules need syncing (new ones, and changes to their schedule settings). */
export function scheduleChanges(
  records: readonly DynamoDBRecord[],
): Array<{ hackathonId: string; sequenceNumber: string }> {
  const changes = new Map<string, string>();
  for (const record of records) {
    if (record.eventName !== 'INSERT' && record.eventName !== 'MODIFY') continue;
    const after = image(record.dynamodb?.NewImage);
    if (after?.[tableSchema.entityAttribute] !== 'hackathon') continue;
    const before = image(record.dynamodb?.OldImage);
    const changed = record.eventName === 'INSERT' || !before || changedAny(SCHEDULE_FIELDS, before, after);
    const id = String(after.id);
    if (changed && !changes.has(id)) changes.set(id, record.dynamodb?.SequenceNumber ?? '');
  }
  return [...changes].map(([hackathonId, sequenceNumber]) => ({ hackathonId, sequenceNumber }));
}

/** Hackathon fields every card shows: a change to one of them brings every card up to date. */
const ON_EVERY_CARD = ['voteEmoji', 'workEmoji'] as const;

/**
 * Hackathons whose every card (and board) needs rendering again: their emoji changed, their counts were hidden
 * or revealed (the ranking message posted after the close reveals them, all cards then follow), or a team
 * meeting was switched on or off (teams' cards gain or lose their Presenter button).
 */
export function allCardsChanges(
  records: readonly DynamoDBRecord[],
): Array<{ hackathonId: string; sequenceNumber: string }> {
  const hidden = (item: Record<string, unknown>) => resultsHidden(item as unknown as Hackathon);
  const meetings = (item: Record<string, unknown>) => hasTeamMeetings(item as unknown as Hackathon);
  return hackathonsModified(
    records,
    (before, after) =>
      changedAny(ON_EVERY_CARD, before, after) ||
      hidden(before) !== hidden(after) ||
      meetings(before) !== meetings(after),
  );
}

/** Hackathons whose board alone needs rendering again: an agenda was posted or moved on (the board lists it). */
export function boardChanges(
  records: readonly DynamoDBRecord[],
): Array<{ hackathonId: string; sequenceNumber: string }> {
  return hackathonsModified(records, (before, after) => changedAny(['agendas'], before, after));
}

/** Each hackathon with a modified record that `changed` accepts, once, at the first such record's position. */
function hackathonsModified(
  records: readonly DynamoDBRecord[],
  changed: (before: Record<string, unknown>, after: Record<string, unknown>) => boolean,
): Array<{ hackathonId: string; sequenceNumber: string }> {
  const changes = new Map<string, string>();
  for (const record of records) {
    if (record.eventName !== 'MODIFY') continue;
    const after = image(record.dynamodb?.NewImage);
    if (after?.[tableSchema.entityAttribute] !== 'hackathon') continue;
    const before = image(record.dynamodb?.OldImage);
    if (!before || !changed(before, after)) continue;
    const id = String(after.id);
    if (!changes.has(id)) changes.set(id, record.dynamodb?.SequenceNumber ?? '');
  }
  return [...changes].map(([hackathonId, sequenceNumber]) => ({ hackathonId, sequenceNumber }));
}

/** A hackathon whose GitHub link was made or changed: its repository is brought in (and the old one let go). */
export interface LinkChange {
  hackathonId: string;
  /** The repository it was linked to before, if another. */
  previousRepo: string | null;
  sequenceNumber: string;
}

/** Hackathons whose GitHub repository or event label is new in a batch of stream records. */
export function gitHubLinkChanges(records: readonly DynamoDBRecord[]): LinkChange[] {
  const changes = new Map<string, LinkChange>();
  for (const record of records) {
    if (record.eventName !== 'INSERT' && record.eventName !== 'MODIFY') continue;
    const after = image(record.dynamodb?.NewImage);
    if (after?.[tableSchema.entityAttribute] !== 'hackathon') continue;
    const before = image(record.dynamodb?.OldImage);
    const link = (item: Record<string, unknown> | undefined) =>
      item?.github as { repo?: string; eventLabel?: string } | null | undefined;
    const [was, is] = [link(before), link(after)];
    if (was?.repo === is?.repo && was?.eventLabel === is?.eventLabel) continue;
    const id = String(after.id);
    if (!changes.has(id))
      changes.set(id, {
        hackathonId: id,
        previousRepo: was?.repo && was.repo !== is?.repo ? was.repo : null,
        sequenceNumber: record.dynamodb?.SequenceNumber ?? '',
      });
  }
  return [...changes.values()];
}

/** Topic fields its GitHub issue carries: a change to one of them may need carrying over to the issue. */
const ON_ISSUE = ['title', 'description', 'category', 'kind', 'teamSize', 'fastTrack', 'status'] as const;

/**
 * Topics whose issue may need writing: new ones without an issue (proposed in Slack), and changes to what their
 * issue carries. Votes, cards and teams change none of it, so a vote burst asks nothing of GitHub.
 */
export function issueWork(records: readonly DynamoDBRecord[]): TopicChange[] {
  return topicsWhere(records, (eventName, after, before) =>
    eventName === 'INSERT' ? !after.issue : !before || changedAny(ON_ISSUE, before, after),
  );
}

/**
 * Topic fields the results comment on its issue follows at once (members are assigned). Votes are left out: a
 * vote burst during voting asks nothing, and a late vote after publication is written by the next sync.
 */
const ON_ISSUE_TEAM = ['members', 'status', 'title'] as const;

/**
 * Topics with an issue whose team, status or title changed: once teams are published, their issue's assignees
 * and results comment follow (pushTeamsToIssues decides; before publication it writes nothing).
 */
export function teamWork(records: readonly DynamoDBRecord[]): TopicChange[] {
  return topicsWhere(
    records,
    (eventName, after, before) =>
      eventName === 'MODIFY' && Boolean(after.issue) && (!before || changedAny(ON_ISSUE_TEAM, before, after)),
  );
}

/**
 * Topics whose outcome was saved (or changed): after the wrap-up, a late outcome updates the wrap-up thread and
 * the website's pull request (the refresher checks that the hackathon has ended).
 */
export function outcomeChanges(records: readonly DynamoDBRecord[]): TopicChange[] {
  return topicsWhere(
    records,
    (eventName, after, before) =>
      eventName === 'MODIFY' && Boolean(after.outcome) && (!before || !same(before.outcome, after.outcome)),
  );
}

function changedAny(
  fields: readonly string[],
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): boolean {
  return fields.some((field) => !same(before[field], after[field]));
}

/** Hackathons created in a batch of stream records (each is announced in its channel), with their positions. */
export function newHackathons(
  records: readonly DynamoDBRecord[],
): Array<{ hackathonId: string; sequenceNumber: string }> {
  return records.flatMap((record) => {
    if (record.eventName !== 'INSERT') return [];
    const item = image(record.dynamodb?.NewImage);
    if (item?.[tableSchema.entityAttribute] !== 'hackathon') return [];
    return [{ hackathonId: String(item.id), sequenceNumber: record.dynamodb?.SequenceNumber ?? '' }];
  });
}

/** Jobs recorded in a batch of stream records (new job items only), with their stream positions. */
export function newJobs(records: readonly DynamoDBRecord[]): Array<{ job: Job; sequenceNumber: string }> {
  return records.flatMap((record) => {
    if (record.eventName !== 'INSERT') return [];
    const item = image(record.dynamodb?.NewImage);
    if (item?.[tableSchema.entityAttribute] !== 'job') return [];
    return [{ job: withoutKeys<Job>(item), sequenceNumber: record.dynamodb?.SequenceNumber ?? '' }];
  });
}

/**
 * Whether two attribute values are equal. String and number sets unmarshall to `Set`s, which JSON.stringify
 * writes as `{}` whatever they hold: they are compared by their members.
 */
function same(a: unknown, b: unknown): boolean {
  const plain = (_key: string, value: unknown) => (value instanceof Set ? [...value].sort() : value);
  return JSON.stringify(a, plain) === JSON.stringify(b, plain);
}

function image(raw: unknown): Record<string, unknown> | undefined {
  return raw ? unmarshall(withTypedEmpties(raw) as Record<string, AttributeValue>) : undefined;
}

/**
 * DynamoDB Local's stream, read through the SDK, turns an empty map or list (`{"M":{}}`) into a bare `{}`,
 * which unmarshall cannot read. Such a value becomes an empty map again; anything typed is left alone.
 */
function withTypedEmpties(image: unknown): Record<string, unknown> {
  const fix = (value: unknown): unknown => {
    if (!value || typeof value !== 'object') return value;
    const attribute = value as Record<string, unknown>;
    if (Object.keys(attribute).length === 0) return { M: {} };
    if (attribute.M && typeof attribute.M === 'object')
      return { M: Object.fromEntries(Object.entries(attribute.M).map(([k, v]) => [k, fix(v)])) };
    if (Array.isArray(attribute.L)) return { L: attribute.L.map(fix) };
    return attribute;
  };
  return Object.fromEntries(Object.entries(image as Record<string, unknown>).map(([k, v]) => [k, fix(v)]));
}

function changedOnCard(before: Record<string, unknown>, after: Record<string, unknown>): boolean {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const name of names) {
    if (NOT_ON_CARD.has(name)) continue;
    if (!same(before[name], after[name])) return true;
  }
  return false;
}
