/** The syntax tree of the IoT SQL subset the local rule engine supports. */
export type Expression =
  | { type: 'literal'; value: string | number | boolean | null }
  | { type: 'field'; path: string[] }
  | { type: 'call'; name: string; args: Expression[] }
  | { type: 'unary'; operator: 'NOT' | '-'; operand: Expression }
  | { type: 'binary'; operator: BinaryOperator; left: Expression; right: Expression };

export type BinaryOperator = 'AND' | 'OR' | '=' | '<>' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%';

export type SelectItem = { type: 'all' } | { type: 'expression'; expression: Expression; alias?: string };

export interface SelectStatement {
  select: SelectItem[];
  /** The MQTT topic filter in FROM, e.g. `topic/sensors` or `sensors/+/data`. */
  topicFilter: string;
  where?: Expression;
}
