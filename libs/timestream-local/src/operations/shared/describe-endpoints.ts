import type { DescribeEndpointsRequest, DescribeEndpointsResponse } from '@aws-sdk/client-timestream-write';
import type { OperationContext } from './context';

/** The bare host of the request: the SDK swaps only the host name of its configured endpoint. */
export async function describeEndpoints(_input: DescribeEndpointsRequest, ctx: OperationContext): Promise<DescribeEndpointsResponse> {
  return { Endpoints: [{ Address: ctx.requestHost, CachePeriodInMinutes: 1440 }] };
}
