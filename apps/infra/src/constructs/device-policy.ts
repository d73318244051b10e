import { IotPolicy } from '@cdktf/provider-aws/lib/iot-policy';
import { Construct } from 'constructs';
import { iotTemplate } from '../iot-template';
import { policyDocument } from '../policy-document';

export interface DevicePolicyProps {
  policyName: string;
  region: string;
  accountId: string;
  topic: string;
}

/**
 * The IoT policy attached to device certificates: a device connects only with its own thing name
 * as client id, and publishes only to the sensors topic (the rule then checks that the message's
 * device_id is that client).
 */
export class DevicePolicy extends Construct {
  readonly policy: IotPolicy;

  constructor(scope: Construct, id: string, props: DevicePolicyProps) {
    super(scope, id);
    const arn = `arn:aws:iot:${props.region}:${props.accountId}`;
    this.policy = new IotPolicy(this, 'policy', {
      name: props.policyName,
      policy: policyDocument([
        {
          Sid: 'ConnectAsOwnThing',
          Effect: 'Allow',
          Action: ['iot:Connect'],
          Resource: iotTemplate(`${arn}:client/\${iot:Connection.Thing.ThingName}`),
          Condition: { Bool: { 'iot:Connection.Thing.IsAttached': 'true' } },
        },
        { Sid: 'PublishReadings', Effect: 'Allow', Action: ['iot:Publish'], Resource: `${arn}:topic/${props.topic}` },
      ]),
    });
  }
}
