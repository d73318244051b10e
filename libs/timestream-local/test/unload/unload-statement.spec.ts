import { QueryValidationError } from '../../src/query/errors';
import { MAX_FILE_SIZE } from '../../src/unload/unload-options';
import { isUnload, parseUnload } from '../../src/unload/unload-statement';

const refusal = (sql: string) => {
  try {
    parseUnload(sql);
  } catch (error) {
    expect(error).toBeInstanceOf(QueryValidationError);
    return (error as Error).message;
  }
  throw new Error('not refused');
};

describe('parseUnload', () => {
  it('tells UNLOAD from other statements', () => {
    expect(isUnload("  unload (SELECT 1) TO 's3://b-1/x/'")).toBe(true);
    expect(isUnload('SELECT unload FROM t')).toBe(false);
  });

  it('takes the SELECT, bucket and folder apart, with the defaults of every option', () => {
    expect(parseUnload(`UNLOAD (SELECT a, ')' AS b FROM "db"."t(1)" WHERE c = 'it''s') TO 's3://my-bucket/some/folder'`)).toEqual({
      select: `SELECT a, ')' AS b FROM "db"."t(1)" WHERE c = 'it''s'`,
      bucket: 'my-bucket',
      prefix: 'some/folder/',
      options: { format: 'CSV', compression: 'GZIP', partitionedBy: [], encryption: 'SSE_S3', fieldDelimiter: ',', escapedBy: '\\', includeHeader: false, maxFileSize: MAX_FILE_SIZE },
    });
    expect(parseUnload("UNLOAD (SELECT 1) TO 's3://my-bucket'").prefix).toBe('');
  });

  it('reads every option of the service', () => {
    const { options } = parseUnload(
      "UNLOAD (SELECT a, b, c FROM t) TO 's3://bkt/p/' WITH (partitioned_by = ARRAY['b', \"c\"], format = 'csv', compression = 'NONE', encryption = 'SSE_KMS', " +
        "kms_key = 'arn:aws:kms:us-east-1:1:key/k', field_delimiter = ';', escaped_by = '|', include_header = 'TRUE', max_file_size = '1.5GB');",
    );
    expect(options).toEqual({
      format: 'CSV', compression: 'NONE', partitionedBy: ['b', 'c'], encryption: 'SSE_KMS', kmsKey: 'arn:aws:kms:us-east-1:1:key/k',
      fieldDelimiter: ';', escapedBy: '|', includeHeader: true, maxFileSize: 1.5 * 1024 ** 3,
    });
  });

  it.each([
    ["UNLOAD (SELECT 1 TO 's3://bkt/p/'", 'UNLOAD: the SELECT statement must be enclosed in parentheses'],
    ["UNLOAD (SHOW TABLES) TO 's3://bkt/p/'", 'UNLOAD: the statement in parentheses must be a SELECT query.'],
    ['UNLOAD (SELECT 1) INTO x', "UNLOAD: expected TO 's3://bucket-name/folder/'"],
    ["UNLOAD (SELECT 1) TO 'https://bkt/p/'", "UNLOAD: the TO location must be an S3 URI like 's3://bucket-name/folder/', got 'https://bkt/p/'."],
    ["UNLOAD (SELECT 1) TO 's3://Bad_Bucket/p/'", "UNLOAD: 'Bad_Bucket' is not a valid S3 bucket name"],
    ["UNLOAD (SELECT 1) TO 's3://bkt/../p/'", "may not contain '.' or '..' segments"],
    ["UNLOAD (SELECT 1) TO 's3://bkt/p/' WITH (colour = 'red')", 'UNLOAD: unknown option colour'],
    ["UNLOAD (SELECT 1) TO 's3://bkt/p/' WITH (format = 'CSV', format = 'CSV')", 'UNLOAD: the option format is given more than once.'],
    ["UNLOAD (SELECT 1) TO 's3://bkt/p/' WITH (compression = 'ZSTD')", "UNLOAD: compression must be one of GZIP, NONE, got 'ZSTD'."],
    ["UNLOAD (SELECT 1) TO 's3://bkt/p/' WITH (format = 'PARQUET', include_header = 'true')", "UNLOAD: include_header can only be used with format = 'CSV'."],
    ["UNLOAD (SELECT 1) TO 's3://bkt/p/' WITH (field_delimiter = '||')", "UNLOAD: field_delimiter must be a single character, got '||'."],
    ["UNLOAD (SELECT 1) TO 's3://bkt/p/' WITH (include_header = 'yes')", "UNLOAD: include_header must be 'true' or 'false', got 'yes'."],
    ["UNLOAD (SELECT 1) TO 's3://bkt/p/' WITH (max_file_size = '10MB')", "UNLOAD: max_file_size must be from 16MB to 78GB, got '10MB'."],
    ["UNLOAD (SELECT 1) TO 's3://bkt/p/' WITH (max_file_size = 'big')", 'UNLOAD: max_file_size must be a number followed by KB, MB or GB'],
    ["UNLOAD (SELECT 1) TO 's3://bkt/p/' WITH (kms_key = 'k')", "UNLOAD: kms_key can only be used with encryption = 'SSE_KMS'."],
    ["UNLOAD (SELECT 1) TO 's3://bkt/p/' WITH (partitioned_by = 'a')", "UNLOAD: partitioned_by must be ARRAY['column', ...], got 'a'."],
    ["UNLOAD (SELECT 1) TO 's3://bkt/p/' WITH (format = 'CSV') AND MORE", 'UNLOAD: unexpected text after the WITH ( ... ) options'],
  ])('refuses %s', (sql, message) => {
    expect(refusal(sql)).toContain(message);
  });
});
