/**
 * Every key of the single table is built here; nothing else knows how `pk`/`sk`/`gsi1pk`/`gsi1sk` look.
 *
 * | entity            | pk                        | sk                          | gsi1pk         | gsi1sk                          |
 * | ----------------- | ------------------------- | --------------------------- | -------------- | ------------------------------- |
 * | hackathon         | HACKATHON#<id>            | HACKATHON                   | TEAM#<teamId>  | HACKATHON#<createdAt>#<id>      |
 * | active pointer    | CHANNEL#<chan>            | ACTIVE_HACKATHON            |                |                                 |
 * | topic             | HACKATHON#<id>            | TOPIC#<00042>               |                |                                 |
 * | topic revision    | HACKATHON#<id>            | REVISION#<00042>#<at>       |                |                                 |
 * | card pointer      | CARD#<channel>#<ts>       | CARD                        |                |                                 |
 * | import draft      | HACKATHON#<id>            | IMPORT#<draftId>            |                |                                 |
 * | vote              | HACKATHON#<id>            | VOTE#<00042>#<kind>#<user>  | VOTER#<id>#<user> | <kind>#<00042>               |
 * | voter tally       | HACKATHON#<id>            | VOTER#<user>                |                |                                 |
 * | notice (once)     | HACKATHON#<id>            | NOTICE#<user>#<notice>      |                |                                 |
 * | job               | HACKATHON#<id>            | JOB#<requestedAt>#<kind>[#<round>] |                |                                 |
 * | team member       | HACKATHON#<id>            | MEMBER#<00042>#<user>       |                |                                 |
 * | status change     | HACKATHON#<id>            | STATUS#<00042>#<at>         |                |                                 |
 * | person's teams    | HACKATHON#<id>            | TEAMS#<user>                |                |                                 |
 * | carried-over mark | HACKATHON#<id>            | CARRIED#<fromId>#<00042>    |                |                                 |
 * | scheduled run     | HACKATHON#<id>            | RUN#<slot>#<scheduledTime>  |                |                                 |
 * | scheduled posts   | HACKATHON#<id>            | POSTED#<slot>#<scheduledTime> |              |                                 |
 * | summary snapshot  | HACKATHON#<id>            | SUMMARY                     |                |                                 |
 * | linked repository | REPO#<owner/name>         | HACKATHON#<id>              |                |                                 |
 * | topic's issue     | HACKATHON#<id>            | ISSUE#<owner/name>#<00042>  |                |                                 |
 * | webhook delivery  | DELIVERY#<id>             | DELIVERY                    |                |                                 |
 * | person's login    | PERSON#<user>             | GITHUB                      |                |                                 |
 * | login's person    | GITHUB#<login>            | LOGIN                       |                |                                 |
 */
import type { Job } from '../../app/ports/jobs.js';

export interface Key {
  pk: string;
  sk: string;
}

const pad = (number: number) => String(number).padStart(5, '0');
const hackathonPk = (hackathonId: string) => `HACKATHON#${hackathonId}`;

export const keys = {
  personLogin: (userId: string): Key => ({ pk: `PERSON#${userId}`, sk: 'GITHUB' }),
  /** GitHub logins are case-insensitive: the claim on one uses it lower-cased. */
  loginClaim: (login: string): Key => ({ pk: `GITHUB#${login.toLowerCase()}`, sk: 'LOGIN' }),
  hackathon: (hackathonId: string): Key => ({ pk: hackathonPk(hackathonId), sk: 'HACKATHON' }),
  hackathonByTeam: (teamId: string, createdAt: string, hackathonId: string) => ({
    gsi1pk: `TEAM#${teamId}`,
    gsi1sk: `HACKATHON#${createdAt}#${hackathonId}`,
  }),
  teamHackathonsPartition: (teamId: string) => `TEAM#${teamId}`,
  /**
   * A channel's hackathon, by the channel alone: in a Slack Connect channel everyone sees the same channel id,
   * while the team a request names is the acting person's own workspace (bolt-js #1614), so a pointer keyed by
   * team would give the partner organisation a channel without a hackathon (and a second one).
   */
  activeHackathon: (channelId: string): Key => ({
    pk: `CHANNEL#${channelId}`,
    sk: 'ACTIVE_HACKATHON',
  }),
  topic: (hackathonId: string, number: number): Key => ({
    pk: hackathonPk(hackathonId),
    sk: `TOPIC#${pad(number)}`,
  }),
  topicPrefix: (hackathonId: string) => ({ pk: hackathonPk(hackathonId), skPrefix: 'TOPIC#' }),
  topicRevision: (hackathonId: string, number: number, at: string): Key => ({
    pk: hackathonPk(hackathonId),
    sk: `REVISION#${pad(number)}#${at}`,
  }),
  card: (channelId: string, ts: string): Key => ({ pk: `CARD#${channelId}#${ts}`, sk: 'CARD' }),
  importDraft: (hackathonId: string, draftId: string): Key => ({
    pk: hackathonPk(hackathonId),
    sk: `IMPORT#${draftId}`,
  }),
  vote: (hackathonId: string, number: number, kind: string, userId: string): Key => ({
    pk: hackathonPk(hackathonId),
    sk: `VOTE#${pad(number)}#${kind}#${userId}`,
  }),
  voteByVoter: (hackathonId: string, userId: string, kind: string, number: number) => ({
    gsi1pk: `VOTER#${hackathonId}#${userId}`,
    gsi1sk: `${kind}#${pad(number)}`,
  }),
  voterPartition: (hackathonId: string, userId: string) => `VOTER#${hackathonId}#${userId}`,
  voterTally: (hackathonId: string, userId: string): Key => ({
    pk: hackathonPk(hackathonId),
    sk: `VOTER#${userId}`,
  }),
  statusChange: (hackathonId: string, number: number, at: string): Key => ({
    pk: hackathonPk(hackathonId),
    sk: `STATUS#${pad(number)}#${at}`,
  }),
  member: (hackathonId: string, number: number, userId: string): Key => ({
    pk: hackathonPk(hackathonId),
    sk: `MEMBER#${pad(number)}#${userId}`,
  }),
  personTeams: (hackathonId: string, userId: string): Key => ({
    pk: hackathonPk(hackathonId),
    sk: `TEAMS#${userId}`,
  }),
  scheduledRun: (hackathonId: string, execution: string): Key => ({
    pk: hackathonPk(hackathonId),
    sk: `RUN#${execution}`,
  }),
  scheduledPosts: (hackathonId: string, execution: string): Key => ({
    pk: hackathonPk(hackathonId),
    sk: `POSTED#${execution}`,
  }),
  summarySnapshot: (hackathonId: string): Key => ({ pk: hackathonPk(hackathonId), sk: 'SUMMARY' }),
  carried: (hackathonId: string, fromHackathonId: string, fromNumber: number): Key => ({
    pk: hackathonPk(hackathonId),
    sk: `CARRIED#${fromHackathonId}#${pad(fromNumber)}`,
  }),
  job: (hackathonId: string, requestedAt: string, kind: string, round?: number): Key => ({
    pk: hackathonPk(hackathonId),
    sk: `JOB#${requestedAt}#${kind}${round ? `#${round}` : ''}`,
  }),
  /** A job's key: continuations by round, and kinds recorded many times at once by what tells them apart. */
  jobOf: (job: Job): Key =>
    keys.job(
      job.hackathonId,
      job.requestedAt,
      job.kind === 'refresh-cards'
        ? `${job.kind}#${job.id}`
        : job.kind === 'scheduled-post'
          ? `${job.kind}#${job.execution}`
          : job.kind === 'github-issue' || job.kind === 'github-pull-request'
            ? `${job.kind}#${job.delivery}`
            : job.kind,
      job.round,
    ),
  votesOfTopicPrefix: (hackathonId: string, number: number) => ({
    pk: hackathonPk(hackathonId),
    skPrefix: `VOTE#${pad(number)}#`,
  }),
  /** Repository names are case-insensitive on GitHub: keys use them lower-cased. */
  linkedRepository: (repo: string, hackathonId: string): Key => ({
    pk: `REPO#${repo.toLowerCase()}`,
    sk: hackathonPk(hackathonId),
  }),
  linkedRepositoryPartition: (repo: string) => `REPO#${repo.toLowerCase()}`,
  topicIssue: (hackathonId: string, repo: string, issueNumber: number): Key => ({
    pk: hackathonPk(hackathonId),
    sk: `ISSUE#${repo.toLowerCase()}#${pad(issueNumber)}`,
  }),
  topicIssuesPrefix: (hackathonId: string) => ({ pk: hackathonPk(hackathonId), skPrefix: 'ISSUE#' }),
  webhookDelivery: (deliveryId: string): Key => ({ pk: `DELIVERY#${deliveryId}`, sk: 'DELIVERY' }),
  notice: (hackathonId: string, userId: string, notice: string): Key => ({
    pk: hackathonPk(hackathonId),
    sk: `NOTICE#${userId}#${notice}`,
  }),
};

/**
 * The key a restored channel pointer goes under: exports written before pointers were keyed by channel alone
 * name it `CHANNEL#<teamId>#<channel>`; they come back under the current key. Other keys are kept as they are.
 */
export function currentKey(key: Key): Key {
  const legacyPointer = /^CHANNEL#[^#]+#([^#]+)$/.exec(key.pk);
  return legacyPointer?.[1] && key.sk === 'ACTIVE_HACKATHON'
    ? keys.activeHackathon(legacyPointer[1])
    : { pk: key.pk, sk: key.sk };
}

/** Strips the table's own attributes from an item, leaving the entity's fields. */
export function withoutKeys<T>(item: Record<string, unknown>): T {
  const {
    pk: _pk,
    sk: _sk,
    gsi1pk: _g1,
    gsi1sk: _g2,
    entity: _e,
    expiresAt: _x,
    topicCounter: _c,
    ...rest
  } = item;
  return rest as T;
}
