import type { PostedParts, PostedPartsStore } from './ports/posted-parts.js';

/** The parts of one post, read once and kept current as parts are recorded. */
export async function postedParts(
  store: PostedPartsStore,
  hackathonId: string,
  post: string,
): Promise<PostedParts> {
  const posted = await store.postedParts(hackathonId, post);
  return {
    ts: (part) => posted[part],
    record: async (part, ts) => {
      await store.recordPart(hackathonId, post, part, ts);
      posted[part] = ts;
    },
  };
}

/** The same parts under a prefix (the highlights' pages beside the replies of one wrap-up). */
export const withPrefix = (parts: PostedParts, prefix: string): PostedParts => ({
  ts: (part) => parts.ts(`${prefix}${part}`),
  record: (part, ts) => parts.record(`${prefix}${part}`, ts),
});
