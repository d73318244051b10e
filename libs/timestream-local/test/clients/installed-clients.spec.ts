import { cliVersionOf } from './installed-clients';

describe('cliVersionOf', () => {
  it('reads the version of AWS CLI v1 and v2 and whether it reads AWS_ENDPOINT_URL (1.29, 2.13 and newer)', () => {
    expect(cliVersionOf('aws-cli/1.45.11 Python/3.11.7 Linux/6.18.44 botocore/1.43.11')).toEqual({ version: '1.45.11', major: 1, readsEndpointUrlEnv: true });
    expect(cliVersionOf('aws-cli/2.9.19 Python/3.11.2 Linux/6.18.44 source/x86_64.debian.12 prompt/off')).toEqual({ version: '2.9.19', major: 2, readsEndpointUrlEnv: false });
    expect(cliVersionOf('aws-cli/1.28.9 Python/3.11')?.readsEndpointUrlEnv).toBe(false);
    expect(cliVersionOf('aws-cli/1.29.0 Python/3.11')?.readsEndpointUrlEnv).toBe(true);
    expect(cliVersionOf('aws-cli/2.13.0 Python/3.11')?.readsEndpointUrlEnv).toBe(true);
  });

  it('is undefined for output that is not an AWS CLI version line', () => {
    expect(cliVersionOf('bash: aws: command not found')).toBeUndefined();
  });
});
