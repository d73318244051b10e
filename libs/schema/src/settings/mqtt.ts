/** The MQTT topic devices publish to and the topic rule that routes it (IoT Core or the local broker). */
export interface TopicRuleSettings {
  /** Rule name: letters, digits and underscores only (IoT Core's rule). */
  readonly name: string;
  /** The topic the rule's SQL selects from. */
  readonly topic: string;
  /**
   * The rule's SQL (version 2016-03-23). `clientid()` lets the ingest path check that a device
   * publishes only its own readings; `timestamp()` is the broker's receive time in ms.
   */
  readonly sql: string;
  readonly sqlVersion: '2016-03-23';
  /** Kinesis partition key, an IoT substitution template (escape `${` as `$${` in Terraform/CDKTF code). */
  readonly kinesisPartitionKey: string;
  /** Which action the rule uses by default: Kinesis feeding the Lambda, or the direct Timestream action. */
  readonly defaultAction: 'kinesis' | 'timestream';
}

export const MQTT_TOPIC = 'topic/sensors';

export const topicRule: TopicRuleSettings = {
  name: 'iot_timeseries_sensor_ingest',
  topic: MQTT_TOPIC,
  sql: `SELECT *, clientid() AS client_id, timestamp() AS received_at FROM '${MQTT_TOPIC}'`,
  sqlVersion: '2016-03-23',
  kinesisPartitionKey: '${device_id}',
  defaultAction: 'kinesis',
};

/** Fields the topic rule adds to each message; they are metadata, not measures. */
export const RULE_METADATA_FIELDS = ['client_id', 'received_at'] as const;
