import { fileURLToPath } from 'node:url';
import { Duration } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { LAMBDA_BUNDLING, LAMBDA_NODE_OPTIONS } from '../bundling.js';

export interface HtgFunctionProps {
  /** Folder under functions/ holding the entry's index.ts. */
  entry: string;
  description: string;
  logRetentionDays: number;
  logLevel: string;
  environment?: Record<string, string>;
  reservedConcurrentExecutions?: number;
  memorySize?: number;
  timeout?: Duration;
  /** Packages installed beside the bundle rather than bundled (lib/bundling.ts, INGRESS_NODE_MODULES). */
  nodeModules?: readonly string[];
}

/** Node.js runtime every function runs on (Node.js 22 or newer, per the project's fixed choices). */
const FUNCTION_RUNTIME = Runtime.NODEJS_24_X;

/**
 * One htg Lambda with the project's defaults: Node.js 24 on arm64, an esbuild ESM bundle (minified, with
 * source maps), its own log group with a retention period, and a role that may write only to that log group.
 * Callers add grants on `function`.
 */
export class HtgFunction extends Construct {
  readonly function: NodejsFunction;
  /** The execution role; grants go through `function`, acknowledgements of nag findings here. */
  readonly role: Role;

  constructor(scope: Construct, id: string, props: HtgFunctionProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'Logs', { retention: props.logRetentionDays as RetentionDays });
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${id}: its own log group plus explicit grants`,
    });
    role.addToPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );

    this.role = role;
    this.function = new NodejsFunction(this, 'Function', {
      entry: fileURLToPath(new URL(`../../functions/${props.entry}/index.ts`, import.meta.url)),
      handler: 'handler',
      description: props.description,
      runtime: FUNCTION_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(10),
      role,
      logGroup,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      environment: {
        ...(LAMBDA_NODE_OPTIONS ? { NODE_OPTIONS: LAMBDA_NODE_OPTIONS } : {}),
        LOG_LEVEL: props.logLevel,
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: LAMBDA_BUNDLING.target,
        platform: LAMBDA_BUNDLING.platform,
        mainFields: [...LAMBDA_BUNDLING.mainFields],
        minify: LAMBDA_BUNDLING.minify,
        sourceMap: LAMBDA_BUNDLING.sourceMap,
        sourcesContent: LAMBDA_BUNDLING.sourcesContent,
        externalModules: [...LAMBDA_BUNDLING.externalModules],
        // CDK runs `npm ci` for these with the project's lock file, in the bundle's folder: the versions tested.
        ...(props.nodeModules ? { nodeModules: [...props.nodeModules] } : {}),
        banner: LAMBDA_BUNDLING.banner,
        // NodejsFunction runs esbuild's CLI from the project root: one --alias:<package>=<stub> per package.
        esbuildArgs: {
          '--alias': Object.entries(LAMBDA_BUNDLING.alias).map(([name, stub]) => `${name}=${stub}`),
        },
      },
    });
  }
}
