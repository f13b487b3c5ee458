import { z } from 'zod';

/** Retention periods CloudWatch Logs accepts, in days. */
const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** Deploy-time settings, read from CDK context (`cdk.json` or `-c key=value`), with defaults. */
const deployConfigSchema = z.object({
  /** CloudFormation stack name; deploy several (e.g. htg-staging) side by side by changing it. */
  stackName: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9-]{0,127}$/, 'letters, digits and hyphens, starting with a letter')
    .default('htg'),
  /**
   * Concurrent executions reserved for the ingress Lambda: a cap that protects the table and the account
   * from a flood, and a floor that other functions cannot take away. Needs account headroom (10 unreserved).
   */
  reservedConcurrency: z.coerce.number().int().min(1).max(1000).default(20),
  /** Days CloudWatch keeps each function's logs. */
  logRetentionDays: z.coerce
    .number()
    .int()
    .refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), {
      message: `one of ${LOG_RETENTION_DAYS.join(', ')}`,
    })
    .default(30),
  /** Log level of the functions. */
  logLevel: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /**
   * Whether the stack holds a GitHub App secret for hackathons linked to a repository (`-c github=false` leaves
   * it out). On by default: an unfilled secret costs little (one Secrets Manager secret), and until a hackathon is
   * linked to a repository nothing calls GitHub.
   */
  github: z
    .union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')])
    .default(true),
});

export type DeployConfig = z.infer<typeof deployConfigSchema>;

/** Parses CDK context into the deploy config; an invalid value fails synthesis naming the key. */
export function parseDeployConfig(context: Record<string, unknown>): DeployConfig {
  const parsed = deployConfigSchema.safeParse(context);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid CDK context: ${problems.join('; ')}`);
  }
  return parsed.data;
}

/** Reads the keys of the deploy config from a CDK app's context. */
export function readContext(tryGetContext: (key: string) => unknown): Record<string, unknown> {
  const keys = Object.keys(deployConfigSchema.shape);
  return Object.fromEntries(
    keys.map((key) => [key, tryGetContext(key)]).filter(([, value]) => value !== undefined),
  );
}
