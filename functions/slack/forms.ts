import { z } from 'zod';

/** One input element's state as Slack sends it in `view.state.values[block_id][action_id]`. */
const elementState = z
  .object({
    type: z.string(),
    value: z.string().nullish(),
    selected_option: z.object({ value: z.string() }).nullish(),
    selected_options: z.array(z.object({ value: z.string() })).nullish(),
    selected_date: z.string().nullish(),
    selected_date_time: z.number().nullish(),
    selected_users: z.array(z.string()).nullish(),
  })
  .loose();

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

  /** A datetimepicker's choice as an ISO instant. */
  instant(blockId: string): string | null {
    const seconds = this.element(blockId)?.selected_date_time;
    return typeof seconds === 'number' ? new Date(seconds * 1000).toISOString() : null;
  }

  users(blockId: string): string[] {
    return this.element(blockId)?.selected_users ?? [];
  }

  checked(blockId: string): boolean {
    return (this.element(blockId)?.selected_options ?? []).length > 0;
  }
}

/** Parses a modal's private_metadata (JSON we wrote) with a schema; null if it is not what we wrote. */
export function parseMetadata<T>(schema: z.ZodType<T>, raw: string | undefined): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(raw ?? ''));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
