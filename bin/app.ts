#!/usr/bin/env node
import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { parseDeployConfig, readContext } from '../lib/config.js';
import { HtgStack } from '../lib/htg-stack.js';

const app = new App();
const config = parseDeployConfig(readContext((key) => app.node.tryGetContext(key)));

new HtgStack(app, 'Htg', {
  config,
  stackName: config.stackName,
  description: 'htg: a Slack bot that runs a community hackathon from first idea to published wrap-up',
});

Tags.of(app).add('app', 'htg');
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
