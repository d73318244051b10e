import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ListDatabasesCommand, TimestreamWriteClient } from '@aws-sdk/client-timestream-write';
import { mockClient } from 'aws-sdk-client-mock';
import { PreflightError } from '../src/errors';
import { awsPreflight, checkTerraform, localPreflight } from '../scripts/preflight';

describe('deploy preflight', () => {
  const sts = mockClient(STSClient);
  const timestream = mockClient(TimestreamWriteClient);
  beforeEach(() => {
    sts.reset();
    timestream.reset();
  });
  const deps = (terraformVersion: string | undefined) => ({ terraformVersion, region: 'eu-west-1', sts: new STSClient({ region: 'eu-west-1' }), timestream: new TimestreamWriteClient({ region: 'eu-west-1' }) });

  it('passes and returns the account when terraform, credentials and Timestream access are there', async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: '210987654321' });
    timestream.on(ListDatabasesCommand).resolves({ Databases: [] });
    await expect(awsPreflight(deps('1.11.4'))).resolves.toEqual({ accountId: '210987654321' });
  });

  it('names every missing thing at once: terraform and credentials', async () => {
    sts.on(GetCallerIdentityCommand).rejects(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }));
    const error = await awsPreflight(deps(undefined)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PreflightError);
    expect((error as Error).message).toMatch(/terraform: not found on the PATH/);
    expect((error as Error).message).toMatch(/AWS credentials: CredentialsProviderError: Could not load credentials/);
    expect(timestream.calls()).toHaveLength(0);
  });

  it('says when the account cannot use Timestream for LiveAnalytics', async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: '210987654321' });
    timestream.on(ListDatabasesCommand).rejects(Object.assign(new Error('Only existing Timestream for LiveAnalytics customers can access the service.'), { name: 'AccessDeniedException' }));
    await expect(awsPreflight(deps('1.11.4'))).rejects.toThrow(/Timestream for LiveAnalytics in eu-west-1: AccessDeniedException: Only existing/);
  });

  it('refuses terraform older than 1.10 and accepts newer', () => {
    expect(checkTerraform('1.5.7')).toMatch(/1.5.7 is too old/);
    expect(checkTerraform('1.10.0')).toBeUndefined();
    expect(checkTerraform('2.0.1')).toBeUndefined();
  });

  it('the local stack needs the local server answering', async () => {
    timestream.on(ListDatabasesCommand).rejects(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { name: 'Error', code: 'ECONNREFUSED' }));
    await expect(localPreflight({ terraformVersion: '1.11.4', endpoint: 'http://127.0.0.1:8000', timestream: new TimestreamWriteClient({ region: 'us-east-1' }) })).rejects.toThrow(
      /local Timestream server at http:\/\/127.0.0.1:8000: ECONNREFUSED: connect ECONNREFUSED.*npm start/,
    );
  });
});
