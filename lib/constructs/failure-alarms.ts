import { CfnOutput, Duration, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/**
 * An alarm on every dead-letter queue: work that failed for good (a stream batch the refresher gave up on, a
 * scheduled job Scheduler could not deliver) raises it within five minutes and notifies an SNS topic operators
 * subscribe to (its ARN is a stack output).
 */
export class FailureAlarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, queues: Record<string, IQueue>) {
    super(scope, id);
    this.topic = new Topic(this, 'Alerts', {
      enforceSSL: true,
      displayName: 'htg: work that failed for good',
    });
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'The topic carries only CloudWatch alarm state changes (queue names and counts), no hackathon data.',
    });
    for (const [name, queue] of Object.entries(queues)) {
      const alarm = new Alarm(this, `${name}NotEmpty`, {
        alarmDescription: `htg: ${name} has messages, work that failed for good; look at the queue's messages and the function's logs.`,
        metric: queue.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(5),
          statistic: 'Maximum',
        }),
        threshold: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(new SnsAction(this.topic));
      this.alarms.push(alarm);
    }
    new CfnOutput(scope, 'AlertsTopicArn', {
      value: this.topic.topicArn,
      description: 'Subscribe to hear when work failed for good (dead-letter queues not empty)',
    });
  }
}
