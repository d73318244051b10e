import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { TargetError } from '../errors';
import { LambdaTarget } from './lambda-target';

const device = { deviceId: 'sensor-001', location: 'factory-floor-1' };
const message = { device_id: 'sensor-001', location: 'factory-floor-1', timestamp: '2026-01-01T00:00:00.000Z', sensors: { temperature: 21 } };

describe('LambdaTarget', () => {
  const lambda = mockClient(LambdaClient);
  afterEach(() => lambda.reset());

  it('invokes the function with the message as payload', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 200 });
    await new LambdaTarget(new LambdaClient({ region: 'us-east-1' }), 'ingest').send(device, message);
    const input = lambda.commandCalls(InvokeCommand)[0].args[0].input;
    expect(input.FunctionName).toBe('ingest');
    expect(JSON.parse(new TextDecoder().decode(input.Payload as Uint8Array))).toEqual(message);
  });

  it('reports function errors with the payload', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 200, FunctionError: 'Unhandled', Payload: new TextEncoder().encode('{"errorMessage":"boom"}') as never });
    const send = new LambdaTarget(new LambdaClient({ region: 'us-east-1' }), 'ingest').send(device, message);
    await expect(send).rejects.toThrow(TargetError);
    await expect(send).rejects.toThrow(/ingest returned 200 \(Unhandled\) for sensor-001: \{"errorMessage":"boom"\}/);
  });

  it('wraps SDK failures', async () => {
    lambda.on(InvokeCommand).rejects(new Error('AccessDenied'));
    await expect(new LambdaTarget(new LambdaClient({ region: 'us-east-1' }), 'ingest').send(device, message)).rejects.toThrow(/invoking ingest for sensor-001 failed: AccessDenied/);
  });
});
