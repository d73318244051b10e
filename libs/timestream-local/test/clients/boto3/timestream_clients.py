"""What every boto3 script of the client tests shares: the two Timestream clients and how answers are printed.

argv[1] is the server's endpoint, given to boto3 as endpoint_url= (no endpoint discovery); without it, or as '-',
the clients are made as the recipe makes them, boto3.client('timestream-write'), and the environment says where to
go (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_TIMESTREAM_WRITE / _QUERY, or AWS_DATA_PATH): botocore then discovers.
"""
import json
import sys

import boto3


def endpoint_argument():
    return sys.argv[1] if len(sys.argv) > 1 and sys.argv[1] != '-' else None


def clients():
    endpoint = endpoint_argument()
    settings = {'endpoint_url': endpoint} if endpoint else {}
    return boto3.client('timestream-write', **settings), boto3.client('timestream-query', **settings)


def emit(answer):
    """Prints the script's one line of JSON (datetimes as ISO text)."""
    print(json.dumps(answer, default=str))
