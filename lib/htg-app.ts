import { type App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { parseDeployConfig, readContext } from './config.js';
import { HtgStack } from './htg-stack.js';

/**
 * Adds htg's stack to a CDK app with its deploy config (from context), tags and the cdk-nag AwsSolutions
 * checks. bin/app.ts calls it; the CDK tests call it too, so they check exactly what gets deployed.
 */
export function addHtgStack(app: App): HtgStack {
  const config = parseDeployConfig(readContext((key) => app.node.tryGetContext(key)));
  const stack = new HtgStack(app, 'Htg', {
    config,
    stackName: config.stackName,
    description: 'htg: a Slack bot that runs a community hackathon from first idea to published wrap-up',
  });
  Tags.of(app).add('app', 'htg');
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return stack;
}
