/**
 * Shortening and splitting mrkdwn without breaking what Slack reads as one thing: a link or mention in angle
 * brackets (`<https://…|label>`, `<@U…>`, `<#C…|name>`, `<!here>`), an emoji code (`:tada:`), an HTML entity
 * from escaping (`&amp;`), or one character drawn from several code units (a surrogate pair, an emoji with a
 * skin tone or joiner, a flag). A cut inside one of these shows the reader broken markup or a lone surrogate.
 */

/** Slack entities, emoji codes and the entities escaping writes: each is kept whole. */
const TOKEN = /<[^<>\n]*>|:[a-z0-9_+'-]+:|&(?:amp|lt|gt);/gi;
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
/** How far past a cut tokens are looked for (a token is a link of at most ~600 characters, or shorter). */
const LOOKAHEAD = 1000;

/** The offsets at which `text` may be cut: between tokens and between the characters outside them. */
function cutPoints(text: string): number[] {
  const points: number[] = [0];
  const addCharacters = (from: number, to: number) => {
    for (const { index, segment } of graphemes.segment(text.slice(from, to)))
      points.push(from + index + segment.length);
  };
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    addCharacters(last, match.index);
    last = match.index + match[0].length;
    points.push(last);
  }
  addCharacters(last, text.length);
  return points;
}

/** The last cut point at or before `max` (0 when even the first token is longer). */
function lastCutBefore(points: readonly number[], max: number): number {
  let best = 0;
  for (const point of points) {
    if (point > max) break;
    best = point;
  }
  return best;
}

/**
 * Shortens text to at most `max` characters, ending with an ellipsis when shortened; never inside a link,
 * mention, emoji code or character. Use it only where the full text is shown elsewhere (a card's excerpt of a
 * description, a board line of a check-in): what a person wrote is never cut where it is the only place.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return '…'.slice(0, max);
  const cut = lastCutBefore(cutPoints(text.slice(0, max + LOOKAHEAD)), max - 1);
  return `${text.slice(0, cut).trimEnd()}…`;
}

/**
 * Splits text into pieces of at most `max` characters that together hold all of it: at a line break where one is
 * in the second half of a piece, else at a space, else between tokens or characters; never inside a link,
 * mention, emoji code or character (a single token longer than `max` is the only thing ever cut, at a
 * character). The break itself (one newline or space) is dropped.
 */
export function splitText(text: string, max: number): string[] {
  if (text.length <= max) return text ? [text] : [];
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const points = cutPoints(rest.slice(0, max + LOOKAHEAD));
    const allowed = points.filter((point) => point > 0 && point <= max);
    const at = (pattern: RegExp) =>
      allowed.filter((point) => point >= max / 2 && pattern.test(rest.charAt(point))).pop();
    let cut = at(/\n/) ?? at(/\s/) ?? allowed.pop() ?? 0;
    if (cut === 0) {
      // One token longer than a whole piece (a URL longer than `max`): cut it at a character.
      cut =
        lastCutBefore(
          Array.from(graphemes.segment(rest), (s) => s.index + s.segment.length),
          max,
        ) || max;
    }
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^[ \t]*\n|^[ \t]+/, '');
  }
  if (rest) pieces.push(rest);
  return pieces.filter((piece) => piece.length > 0);
}
