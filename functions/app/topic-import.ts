import { ConflictError, ValidationError } from '../domain/errors.js';
import {
  CATEGORIES_MAX,
  CATEGORY_MAX,
  fallbackCategory,
  type Hackathon,
  matchCategory,
} from '../domain/hackathon.js';
import {
  DESCRIPTION_MAX,
  isWebUrl,
  LINKS_MAX,
  TITLE_MAX,
  type Topic,
  type TopicDraft,
  titleKey,
} from '../domain/topic.js';
import { type ImportedTopic, parseTopicList } from '../markdown/topic-list.js';
import { requireActive, requireHackathon, requireOrganizer } from './hackathons.js';
import type { HackathonStore, ImportDraftStore, TopicStore } from './ports/stores.js';

/** An import preview lives this long between "Preview" and "Import". */
const IMPORT_DRAFT_TTL_SECONDS = 60 * 60;
const MAX_IMPORT_TOPICS = 100;

export interface ImportDeps {
  hackathons: HackathonStore;
  topics: TopicStore;
  drafts: ImportDraftStore;
}

/** One line of the preview: what will be created, under which category, or why it is skipped. */
export interface ImportPreviewItem {
  draft: TopicDraft;
  /** The category the list gave, when the hackathon does not have it yet (it will be added). */
  newCategory: string | null;
  /** Set when the topic is skipped because a topic with the same title exists (or appears earlier in the list). */
  duplicateOf: string | null;
}

export interface ImportPreview {
  hackathon: Hackathon;
  draftId: string;
  items: ImportPreviewItem[];
}

/** Parses a pasted topic list and keeps it for confirmation; nothing is created yet. */
export async function previewImport(
  deps: ImportDeps,
  request: { hackathonId: string; userId: string; markdown: string },
): Promise<ImportPreview> {
  const hackathon = await requireHackathon(deps.hackathons, request.hackathonId);
  requireOrganizer(hackathon, request.userId, 'import');
  requireActive(hackathon);
  const found = await parseTopicList(request.markdown);
  if (found.length === 0) {
    throw new ValidationError({ markdown: { code: 'no-topics-found' } });
  }
  if (found.length > MAX_IMPORT_TOPICS) {
    throw new ValidationError({
      markdown: { code: 'import-too-big', found: found.length, max: MAX_IMPORT_TOPICS },
    });
  }
  const draftId = await deps.drafts.save(hackathon.id, found, IMPORT_DRAFT_TTL_SECONDS);
  const existing = await deps.topics.list(hackathon.id);
  return { hackathon, draftId, items: planImport(hackathon, existing, found) };
}

/** Creates the previewed topics (skipping those already present) and adds new categories; all topics or none. */
export async function confirmImport(
  deps: ImportDeps,
  request: { hackathonId: string; userId: string; draftId: string; now: Date },
): Promise<{ hackathon: Hackathon; created: Topic[]; skipped: ImportPreviewItem[] }> {
  let hackathon = await requireHackathon(deps.hackathons, request.hackathonId);
  requireOrganizer(hackathon, request.userId, 'import');
  requireActive(hackathon);
  const found = await deps.drafts.get(hackathon.id, request.draftId);
  if (!found) throw new ConflictError({ code: 'import-preview-expired' });
  const plan = planImport(hackathon, await deps.topics.list(hackathon.id), found);
  const toCreate = plan.filter((item) => item.duplicateOf === null);
  const newCategories = [
    ...new Set(
      toCreate.map((item) => item.draft.category).filter((c) => !matchCategory(hackathon.categories, c)),
    ),
  ];
  if (newCategories.length > 0) {
    const { id, teamId, channelId, status, createdAt, createdBy, updatedAt, ...settings } = hackathon;
    hackathon = await deps.hackathons.updateSettings(
      id,
      { ...settings, categories: [...settings.categories, ...newCategories] },
      updatedAt,
      request.now.toISOString(),
    );
  }
  const created = await deps.topics.createMany(
    hackathon.id,
    toCreate.map((item) => item.draft),
    request.userId,
    request.now.toISOString(),
  );
  return { hackathon, created, skipped: plan.filter((item) => item.duplicateOf !== null) };
}

/** Maps parsed topics onto the hackathon: categories, field limits, and duplicates by title. */
function planImport(
  hackathon: Hackathon,
  existing: readonly Topic[],
  found: readonly ImportedTopic[],
): ImportPreviewItem[] {
  const seen = new Map(existing.map((topic) => [titleKey(topic.title), `#${topic.number} ${topic.title}`]));
  let categories = [...hackathon.categories];
  return found.map((topic) => {
    const title = shorten(topic.title, TITLE_MAX);
    // Compared as stored: an over-long title is kept shortened, and must still match on the next import.
    const key = titleKey(title);
    const duplicateOf = seen.get(key) ?? null;
    if (!duplicateOf) seen.set(key, title);
    let category = topic.category ? matchCategory(categories, topic.category) : fallbackCategory(categories);
    let newCategory: string | null = null;
    if (!category && topic.category) {
      const name = topic.category.slice(0, CATEGORY_MAX);
      if (categories.length < CATEGORIES_MAX) {
        newCategory = name;
        categories = [...categories, name];
        category = name;
      } else {
        category = fallbackCategory(categories);
      }
    }
    return {
      draft: {
        title,
        category: category ?? fallbackCategory(categories),
        kind: topic.kind,
        teamSize: null,
        fastTrack: topic.fastTrack,
        description: shorten(topic.description, DESCRIPTION_MAX),
        links: topic.links.filter(isWebUrl).slice(0, LINKS_MAX),
        emoji: topic.emoji,
      },
      newCategory,
      duplicateOf,
    };
  });
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
