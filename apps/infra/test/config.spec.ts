import { iotTemplate } from '../src/iot-template';
import { loadConfig } from '../src/config';
import { lambdaArtifact } from '../src/artifact';
import { InfraConfigError, MissingArtifactError } from '../src/errors';
import { parseArgs } from '../scripts/stack-command';

describe('infra settings', () => {
  it('escapes every IoT substitution template for Terraform, and nothing else', () => {
    expect(iotTemplate('${device_id}')).toBe('$${device_id}');
    expect(iotTemplate('arn:aws:iot:r:1:client/${iot:Connection.Thing.ThingName}/${topic(2)}')).toBe('arn:aws:iot:r:1:client/$${iot:Connection.Thing.ThingName}/$${topic(2)}');
    expect(iotTemplate('plain $ text {}')).toBe('plain $ text {}');
  });

  it('defaults to the dev and prod environments and the dr stand-by from the shared settings', () => {
    const config = loadConfig({});
    expect(config.environments.map((e) => e.environment)).toEqual(['dev', 'prod', 'dr']);
    expect(config.localEndpoint).toBe('http://127.0.0.1:8000');
    expect(config.stateBucket).toBeUndefined();
  });

  it.each([
    [{ AWS_ACCOUNT_ID: '12345' }, /AWS_ACCOUNT_ID must be 12 digits/],
    [{ INFRA_INGEST_PATH: 'firehose' }, /INFRA_INGEST_PATH must be "kinesis" or "timestream"/],
    [{ INFRA_NOTIFICATION_EMAIL: 'ops' }, /INFRA_NOTIFICATION_EMAIL is not an e-mail address/],
    [{ LOCAL_TIMESTREAM_ENDPOINT: 'http://0.0.0.0:8000' }, /LOCAL_TIMESTREAM_ENDPOINT must be http:\/\/127.0.0.1:<port>/],
    [{ INFRA_STATE_BUCKET: 'Not_A_Bucket' }, /INFRA_STATE_BUCKET is not an S3 bucket name/],
    [{ INFRA_DR_REGION: 'Frankfurt' }, /INFRA_DR_REGION must be an AWS region such as eu-central-1, got "Frankfurt"/],
    [{ AWS_REGION: 'eu-west-1', INFRA_DR_REGION: 'eu-west-1' }, /INFRA_DR_REGION must differ from the primary region \(AWS_REGION eu-west-1\)/],
    [{ AWS_REGION: 'ireland' }, /AWS_REGION must be an AWS region such as eu-west-1, got "ireland"/],
  ])('refuses %j naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(InfraConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('names the build command when the Lambda artifact is missing', () => {
    expect(() => lambdaArtifact('/nonexistent/ingest-lambda.zip')).toThrow(MissingArtifactError);
    expect(() => lambdaArtifact('/nonexistent/ingest-lambda.zip')).toThrow(/npx nx run ingest-lambda:build/);
  });

  it('parses the deploy, diff and destroy command lines', () => {
    expect(parseArgs(['deploy'])).toEqual({ command: 'deploy', stack: 'dev', autoApprove: false });
    expect(parseArgs(['diff', '--stack', 'prod'])).toEqual({ command: 'diff', stack: 'prod', autoApprove: false });
    expect(parseArgs(['destroy', '--stack=local', '--auto-approve'])).toEqual({ command: 'destroy', stack: 'local', autoApprove: true });
    expect(parseArgs(['deploy', '--auto-approve=false'])).toMatchObject({ autoApprove: false });
    expect(() => parseArgs(['apply'])).toThrow(/command must be one of deploy, diff, destroy/);
    expect(parseArgs(['deploy', '--stack', 'dr'])).toEqual({ command: 'deploy', stack: 'dr', autoApprove: false });
    expect(() => parseArgs(['deploy', '--stack', 'staging'])).toThrow(/--stack must be one of dev, prod, dr, local/);
    expect(() => parseArgs(['deploy', '--force'])).toThrow(/unknown option --force/);
  });
});
