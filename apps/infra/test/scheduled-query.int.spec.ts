import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DescribeScheduledQueryCommand, ExecuteScheduledQueryCommand, ListTagsForResourceCommand } from '@aws-sdk/client-timestream-query';
import { WriteRecordsCommand } from '@aws-sdk/client-timestream-write';
import { LOCAL_PLACEHOLDER_CREDENTIALS } from '@iot-timeseries/schema';
import { startTestTimestream, type TestTimestream } from '@iot-timeseries/timestream-local/testing';
import { terraformTooling, type TerraformResult } from '../scripts/terraform';

jest.setTimeout(240_000);

/** terraform as a child process that runs while this process's test server answers it (spawnSync would block both). */
function terraform(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<TerraformResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('terraform', args, { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status: status ?? 1, stdout, stderr }));
  });
}

async function mustTerraform(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  const result = await terraform(args, cwd, env);
  if (result.status !== 0) throw new Error(`terraform ${args.join(' ')} failed:\n${result.stderr || result.stdout}`);
  return result.stdout;
}

/** aws_timestreamquery_scheduled_query of AWS provider 5.100.0, written out as HCL, against the local server. */
function configuration(endpoint: string): string {
  return `
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "5.100.0" }
  }
}

provider "aws" {
  region                      = "us-east-1"
  access_key                  = "${LOCAL_PLACEHOLDER_CREDENTIALS.accessKeyId}"
  secret_key                  = "${LOCAL_PLACEHOLDER_CREDENTIALS.secretAccessKey}"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  endpoints {
    timestreamwrite = "${endpoint}"
    timestreamquery = "${endpoint}"
  }
}

resource "aws_timestreamquery_scheduled_query" "rollup" {
  name               = "readings-rollup-5m"
  execution_role_arn = "arn:aws:iam::000000000000:role/scheduled-query"
  query_string       = <<-SQL
    SELECT device_id, bin(time, 5m) AS bin_time, avg(temperature) AS avg_temperature, count(*) AS readings
    FROM iot.readings
    WHERE time >= @scheduled_runtime - 15m AND time < @scheduled_runtime
    GROUP BY device_id, bin(time, 5m)
  SQL

  schedule_configuration {
    schedule_expression = "rate(1 day)"
  }
  notification_configuration {
    sns_configuration {
      topic_arn = "arn:aws:sns:us-east-1:000000000000:rollups"
    }
  }
  error_report_configuration {
    s3_configuration {
      bucket_name       = "rollup-errors"
      object_key_prefix = "scheduled"
    }
  }
  target_configuration {
    timestream_configuration {
      database_name = "rollups"
      table_name    = "readings_5m"
      time_column   = "bin_time"
      dimension_mapping {
        name                 = "device_id"
        dimension_value_type = "VARCHAR"
      }
      multi_measure_mappings {
        target_multi_measure_name = "rollup"
        multi_measure_attribute_mapping {
          source_column      = "avg_temperature"
          measure_value_type = "DOUBLE"
        }
        multi_measure_attribute_mapping {
          source_column      = "readings"
          measure_value_type = "BIGINT"
        }
      }
    }
  }
  tags = { team = "iot" }

  # provider 5.100.0 plans the removal of these computed-only blocks once a run has filled them (also on AWS)
  lifecycle {
    ignore_changes = [last_run_summary, recently_failed_runs]
  }
}

output "arn" {
  value = aws_timestreamquery_scheduled_query.rollup.arn
}
`;
}

describe('aws_timestreamquery_scheduled_query applied with real Terraform to the local Timestream server', () => {
  let ts: TestTimestream;
  beforeAll(async () => {
    ts = await startTestTimestream({ tables: [{ DatabaseName: 'iot', TableName: 'readings' }, { DatabaseName: 'rollups', TableName: 'readings_5m' }] });
    // as on AWS, the source table needs its columns before a scheduled query over them can be created
    await ts.writeClient().send(new WriteRecordsCommand({
      DatabaseName: 'iot',
      TableName: 'readings',
      Records: [{ Dimensions: [{ Name: 'device_id', Value: 'd1' }], MeasureName: 'metrics', MeasureValueType: 'MULTI', MeasureValues: [{ Name: 'temperature', Value: '21.5', Type: 'DOUBLE' }], Time: String(Date.now() - 60_000) }],
    }));
  });
  afterAll(() => ts?.close());

  it('creates it, reads it back, runs it (a second plan has no changes), and destroys it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'infra-sq-'));
    const tooling = terraformTooling();
    if (!tooling.version || !tooling.mirror) {
      expect(tooling.version === undefined || tooling.mirror === undefined).toBe(true); // nothing to apply with on this machine
      return;
    }
    writeFileSync(path.join(dir, 'main.tf'), configuration(ts.endpoint));
    const env = { ...tooling.env, AWS_EC2_METADATA_DISABLED: 'true' };
    await mustTerraform(['init', '-input=false', '-no-color'], dir, env);
    await mustTerraform(['apply', '-auto-approve', '-input=false', '-no-color'], dir, env);
    const arn = (await terraform(['output', '-raw', 'arn'], dir, env)).stdout;
    expect(arn).toMatch(/^arn:aws:timestream:us-east-1:000000000000:scheduled-query\/readings-rollup-5m-[0-9a-f]{12}$/);

    const { ScheduledQuery } = await ts.queryClient().send(new DescribeScheduledQueryCommand({ ScheduledQueryArn: arn }));
    expect(ScheduledQuery).toMatchObject({
      Name: 'readings-rollup-5m',
      State: 'ENABLED',
      ScheduleConfiguration: { ScheduleExpression: 'rate(1 day)' },
      ErrorReportConfiguration: { S3Configuration: { BucketName: 'rollup-errors', ObjectKeyPrefix: 'scheduled', EncryptionOption: 'SSE_S3' } },
      TargetConfiguration: { TimestreamConfiguration: { DatabaseName: 'rollups', TableName: 'readings_5m', TimeColumn: 'bin_time' } },
    });
    expect((await ts.queryClient().send(new ListTagsForResourceCommand({ ResourceARN: arn }))).Tags).toEqual([{ Key: 'team', Value: 'iot' }]);

    await ts.queryClient().send(new ExecuteScheduledQueryCommand({ ScheduledQueryArn: arn, InvocationTime: new Date() }));
    const { ScheduledQuery: ran } = await ts.queryClient().send(new DescribeScheduledQueryCommand({ ScheduledQueryArn: arn }));
    expect(ran?.LastRunSummary?.RunStatus).toBe('MANUAL_TRIGGER_SUCCESS');

    const plan = await terraform(['plan', '-detailed-exitcode', '-input=false', '-no-color'], dir, env);
    expect(plan.stderr).toBe('');
    expect(plan.stdout).toMatch(/No changes\./);
    expect(plan.status).toBe(0);

    await mustTerraform(['destroy', '-auto-approve', '-input=false', '-no-color'], dir, env);
    const gone = await ts.queryClient().send(new DescribeScheduledQueryCommand({ ScheduledQueryArn: arn })).catch((error: Error) => error);
    expect((gone as Error).name).toBe('ResourceNotFoundException');
  });
});
