import { GrafanaWorkspace } from '@cdktf/provider-aws/lib/grafana-workspace';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import { policyDocument, serviceTrustPolicy, type PolicyStatement } from '../policy-document';
import { DISCOVER_ENDPOINTS } from './pipeline-function';

export type GrafanaAuthentication = 'AWS_SSO' | 'SAML';

export interface ManagedGrafanaProps {
  workspaceName: string;
  region: string;
  accountId: string;
  /** The Timestream database and the tables the dashboards read (the readings and the rollups). */
  database: { arn: string };
  tables: Array<{ arn: string }>;
  authenticationProviders: GrafanaAuthentication[];
  /** Workspace Grafana version; the Timestream plugin needs 10.4 or newer. */
  grafanaVersion: string;
  tags?: Record<string, string>;
}

/**
 * Timestream actions that have no resource type, so they can only be granted on "*": the
 * plugin's health check (`SELECT 1` is SelectValues), its database picker (SHOW DATABASES is
 * ListDatabases) and its cancel button (CancelQuery). Each reads nothing of a table.
 */
export const GRAFANA_ACCOUNT_ACTIONS = ['timestream:CancelQuery', 'timestream:ListDatabases', 'timestream:SelectValues'];

/**
 * An Amazon Managed Grafana workspace (plugin management and Grafana alerting on) whose
 * customer-managed role may only read the pipeline's tables: Select and ListMeasures (SHOW
 * MEASURES) on the readings' table and the rollup tables, ListTables (SHOW TABLES) on its database, and the account-level
 * actions above. Only the Grafana service of this account may assume the role.
 */
export class ManagedGrafana extends Construct {
  readonly workspace: GrafanaWorkspace;
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: ManagedGrafanaProps) {
    super(scope, id);
    this.role = new IamRole(this, 'role', {
      name: `${props.workspaceName}-role`,
      assumeRolePolicy: serviceTrustPolicy('grafana.amazonaws.com', props.accountId, `arn:aws:grafana:${props.region}:${props.accountId}:/workspaces/*`),
      tags: props.tags,
    });
    const statements: PolicyStatement[] = [
      { Sid: 'QueryReadings', Effect: 'Allow', Action: ['timestream:ListMeasures', 'timestream:Select'], Resource: props.tables.map((t) => t.arn) },
      { Sid: 'ListTables', Effect: 'Allow', Action: ['timestream:ListTables'], Resource: props.database.arn },
      { Sid: 'AccountLevelQueries', Effect: 'Allow', Action: GRAFANA_ACCOUNT_ACTIONS, Resource: '*' },
      DISCOVER_ENDPOINTS,
    ];
    new IamRolePolicy(this, 'policy', { role: this.role.id, name: 'timestream-read', policy: policyDocument(statements) });
    this.workspace = new GrafanaWorkspace(this, 'workspace', {
      name: props.workspaceName,
      description: 'Dashboards and alerts on the IoT readings in Timestream (import libs/grafana/bundle/dashboards/iot-timeseries-fleet.json)',
      accountAccessType: 'CURRENT_ACCOUNT',
      authenticationProviders: props.authenticationProviders,
      permissionType: 'CUSTOMER_MANAGED',
      roleArn: this.role.arn,
      grafanaVersion: props.grafanaVersion,
      configuration: JSON.stringify({ plugins: { pluginAdminEnabled: true }, unifiedAlerting: { enabled: true } }),
      tags: props.tags,
    });
  }
}
