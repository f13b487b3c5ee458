#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { addHtgStack } from '../lib/htg-app.js';

addHtgStack(new App());
