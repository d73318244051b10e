import type { DescribeEndpointsRequest, DescribeEndpointsResponse } from '@aws-sdk/client-timestream-write';
import type { OperationContext } from './context';

/** The request's own host (see protocol/discovery-address.ts for why its port and scheme depend on the SDK). */
export async function describeEndpoints(_input: DescribeEndpointsRequest, ctx: OperationContext): Promise<DescribeEndpointsResponse> {
  return { Endpoints: [{ Address: ctx.requestHost, CachePeriodInMinutes: 1440 }] };
}
