import * as z from 'zod/mini';

/** One input element's state as Slack sends it in `view.state.values[block_id][action_id]`. */
const elementState = z.looseObject({
  type: z.string(),
  value: z.nullish(z.string()),
  selected_option: z.nullish(z.object({ value: z.string() })),
  selected_options: z.nullish(z.array(z.object({ value: z.string() }))),
  selected_date: z.nullish(z.string()),
  selected_date_time: z.nullish(z.number()),
  selected_users: z.nullish(z.array(z.string())),
  selected_user: z.nullish(z.string()),
});

const isUserId = (id: string) => /^[UW][A-Z0-9]{2,}$/.test(id);

export const viewStateSchema = z.record(z.string(), z.record(z.string(), elementState));
export type ViewState = z.infer<typeof viewStateSchema>;

/** Reads submitted form values by block id, whatever the element type. */
export class FormValues {
  constructor(private readonly state: ViewState) {}

  private element(blockId: string) {
    const actions = this.state[blockId];
    return actions ? Object.values(actions)[0] : undefined;
  }

  /** Text, selected option, date or number as a string; null when empty. */
  text(blockId: string): string | null {
    const element = this.element(blockId);
    if (!element) return null;
    return element.value ?? element.selected_option?.value ?? element.selected_date ?? null;
  }

  /** A list spread over several inputs (`links`, `links_2`, …; see `lineListInputs`), as one text of lines. */
  lines(blockId: string): string | null {
    const parts = Object.keys(this.state)
      .map((id) => ({
        id,
        n:
          id === blockId
            ? 1
            : Number(id.startsWith(`${blockId}_`) ? id.slice(blockId.length + 1) : Number.NaN),
      }))
      .filter(({ n }) => Number.isInteger(n) && n >= 1)
      .sort((a, b) => a.n - b.n)
      .map(({ id }) => this.text(id))
      .filter((text): text is string => Boolean(text));
    return parts.length > 0 ? parts.join('\n') : null;
  }

  /** A datetimepicker's choice as an ISO instant. */
  instant(blockId: string): string | null {
    const seconds = this.element(blockId)?.selected_date_time;
    return typeof seconds === 'number' ? new Date(seconds * 1000).toISOString() : null;
  }

  /**
   * A multi_users_select's choices. Slack only ever sends user ids there; anything else (a forged or garbled
   * payload) is dropped, so it can never become a team member, an organizer or a direct message's channel.
   */
  users(blockId: string): string[] {
    return (this.element(blockId)?.selected_users ?? []).filter(isUserId);
  }

  /** A users_select's choice; null when none (or not a user id). */
  user(blockId: string): string | null {
    const id = this.element(blockId)?.selected_user ?? null;
    return id && isUserId(id) ? id : null;
  }

  /**
   * A rich text input's content as lines, each with the users @mentioned in it and its other text (emoji and
   * links as their text). Paragraphs and list items are separate lines, as are line breaks.
   */
  richTextLines(blockId: string): Array<{ users: string[]; text: string }> {
    type Inline = {
      type?: string;
      text?: string;
      user_id?: string;
      url?: string;
      name?: string;
      elements?: Inline[];
    };
    const value = (this.element(blockId) as { rich_text_value?: Inline } | undefined)?.rich_text_value;
    const lines: Array<{ users: string[]; text: string }> = [{ users: [], text: '' }];
    const current = () => lines[lines.length - 1] as { users: string[]; text: string };
    const breakLine = () => {
      if (current().users.length > 0 || current().text.trim() !== '') lines.push({ users: [], text: '' });
    };
    const walk = (node: Inline) => {
      if (node.type === 'user' && node.user_id) current().users.push(node.user_id);
      else if (node.type === 'text' && node.text) {
        node.text.split('\n').forEach((part, i) => {
          if (i > 0) breakLine();
          current().text += part;
        });
      } else if (node.type === 'link') current().text += node.text ?? node.url ?? '';
      else if (node.type === 'emoji' && node.name) current().text += `:${node.name}:`;
      for (const child of node.elements ?? []) {
        walk(child);
        if (
          child.type === 'rich_text_section' ||
          child.type === 'rich_text_preformatted' ||
          child.type === 'rich_text_quote'
        )
          breakLine();
      }
    };
    if (value) walk(value);
    return lines.filter((line) => line.users.length > 0 || line.text.trim() !== '');
  }

  /** The values of a multi-select's chosen options. */
  options(blockId: string): string[] {
    return (this.element(blockId)?.selected_options ?? []).map((option) => option.value);
  }

  checked(blockId: string): boolean {
    return (this.element(blockId)?.selected_options ?? []).length > 0;
  }
}

/** Parses a modal's private_metadata (JSON we wrote) with a schema; null if it is not what we wrote. */
export function parseMetadata<T>(schema: z.ZodMiniType<T>, raw: string | undefined): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(raw ?? ''));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
