import { GRAFANA_ACCOUNT_ACTIONS } from '../src/constructs/managed-grafana';
import { rollupList } from '@iot-timeseries/schema';
import { all, only, readingsTable, ref, statements, synthStack, where, type SynthesizedStack } from './support';

describe('the optional Amazon Managed Grafana workspace', () => {
  let dev: SynthesizedStack;
  beforeAll(() => {
    dev = synthStack('iot-timeseries-dev', { INFRA_GRAFANA_WORKSPACE: 'true' });
  });

  it('is off by default: no workspace, no Grafana role, no Grafana outputs', () => {
    const off = synthStack('iot-timeseries-dev');
    expect(off.resource.aws_grafana_workspace).toBeUndefined();
    expect(all(off, 'aws_iam_role').map((r) => r.name)).not.toContain('iot-timeseries-dev-grafana-role');
    expect(Object.keys(off.output)).not.toContain('grafana_workspace_endpoint');
  });

  it('creates a workspace with its own customer-managed role, plugin management and Grafana alerting on', () => {
    const workspace = only(dev, 'aws_grafana_workspace');
    expect(workspace).toMatchObject({
      name: 'iot-timeseries-dev-grafana',
      account_access_type: 'CURRENT_ACCOUNT',
      authentication_providers: ['AWS_SSO'],
      permission_type: 'CUSTOMER_MANAGED',
      grafana_version: '10.4',
      role_arn: `\${aws_iam_role.${Object.entries(dev.resource.aws_iam_role).find(([, r]) => r.name === 'iot-timeseries-dev-grafana-role')?.[0]}.arn}`,
    });
    expect(JSON.parse(String(workspace.configuration))).toEqual({ plugins: { pluginAdminEnabled: true }, unifiedAlerting: { enabled: true } });
    expect(Object.keys(dev.output)).toEqual(expect.arrayContaining(['grafana_workspace_endpoint', 'grafana_role_arn']));
  });

  it('lets only the Grafana service of this account assume the role, from its workspaces', () => {
    const [trust] = statements(where(dev, 'aws_iam_role', 'name', 'iot-timeseries-dev-grafana-role').assume_role_policy);
    expect(trust).toEqual({
      Effect: 'Allow',
      Principal: { Service: 'grafana.amazonaws.com' },
      Action: ['sts:AssumeRole'],
      Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' }, ArnLike: { 'aws:SourceArn': 'arn:aws:grafana:eu-west-1:123456789012:/workspaces/*' } },
    });
  });

  it('grants the role reads of the pipeline tables only (the readings and the rollups), statement by statement', () => {
    const roleId = Object.entries(dev.resource.aws_iam_role).find(([, r]) => r.name === 'iot-timeseries-dev-grafana-role')?.[0];
    const policy = all(dev, 'aws_iam_role_policy').filter((p) => p.role === `\${aws_iam_role.${roleId}.id}`);
    expect(policy).toHaveLength(1);
    const byAction = Object.fromEntries(statements(policy[0].policy).map((s) => [s.Action.join(','), s.Resource]));
    expect(byAction).toEqual({
      'timestream:ListMeasures,timestream:Select': [readingsTable(dev, 'arn'), ...rollupList().map((r) => readingsTable(dev, 'arn', r.table.tableName))],
      'timestream:ListTables': ref(dev, 'aws_timestreamwrite_database', 'arn'),
      'timestream:CancelQuery,timestream:ListDatabases,timestream:SelectValues': '*',
      'timestream:DescribeEndpoints': '*',
    });
    for (const s of statements(policy[0].policy)) {
      expect(s.Effect).toBe('Allow');
      for (const action of s.Action) expect(action).toMatch(/^timestream:(Select|ListMeasures|ListTables|DescribeEndpoints|CancelQuery|ListDatabases|SelectValues)$/);
    }
  });

  it('keeps every other wildcard out: a "*" resource only for actions that have no resource type', () => {
    const allows = all(dev, 'aws_iam_role_policy').flatMap((p) => statements(p.policy)).filter((s) => s.Effect === 'Allow');
    for (const s of allows) {
      if ([s.Resource].flat().includes('*')) expect([['timestream:DescribeEndpoints'], GRAFANA_ACCOUNT_ACTIONS]).toContainEqual(s.Action);
      for (const action of s.Action) expect(action).not.toContain('*');
    }
  });

  it('takes SAML and a newer Grafana version, and refuses what the plugin cannot run on, naming the variable', () => {
    const saml = synthStack('iot-timeseries-prod', { INFRA_GRAFANA_WORKSPACE: 'true', INFRA_GRAFANA_AUTH: 'SAML,AWS_SSO', INFRA_GRAFANA_VERSION: '12.4' });
    expect(only(saml, 'aws_grafana_workspace')).toMatchObject({ name: 'iot-timeseries-prod-grafana', authentication_providers: ['SAML', 'AWS_SSO'], grafana_version: '12.4' });
    expect(() => synthStack('iot-timeseries-dev', { INFRA_GRAFANA_WORKSPACE: 'yes' })).toThrow(/INFRA_GRAFANA_WORKSPACE must be "true" or "false"/);
    expect(() => synthStack('iot-timeseries-dev', { INFRA_GRAFANA_WORKSPACE: 'true', INFRA_GRAFANA_VERSION: '9.4' })).toThrow(/INFRA_GRAFANA_VERSION must be 10.4 or newer/);
    expect(() => synthStack('iot-timeseries-dev', { INFRA_GRAFANA_WORKSPACE: 'true', INFRA_GRAFANA_AUTH: 'LDAP' })).toThrow(/INFRA_GRAFANA_AUTH must be AWS_SSO, SAML or both/);
  });
});
