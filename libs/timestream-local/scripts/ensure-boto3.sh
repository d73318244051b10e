#!/usr/bin/env bash
# The botocore test drives the server with boto3 (the AWS SDK for Python, which the AWS CLI is built on).
# Uses a python3 on the PATH that has it, else Debian's; installs Debian's python3-boto3 when missing and
# this user may (root with apt-get); otherwise says what to run.
set -euo pipefail
for python in python3 /usr/bin/python3; do
  if command -v "$python" >/dev/null 2>&1 && "$python" -c 'import boto3' >/dev/null 2>&1; then
    exit 0
  fi
done
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian python3-boto3 for the botocore test…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-boto3 >/dev/null
  exit 0
fi
echo "The botocore test needs boto3: run 'sudo apt-get install python3-boto3' (or 'pip install boto3')." >&2
exit 1
