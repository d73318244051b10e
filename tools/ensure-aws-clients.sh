#!/usr/bin/env bash
# The client tests of libs/timestream-local drive the server with boto3 (the AWS SDK for Python) and the AWS CLI.
# Uses those on the PATH (or Debian's in /usr/bin) when they work; installs Debian's python3-boto3 and awscli when
# missing and this user may (root with apt-get); otherwise, or when the installation fails, says what to run and
# exits 1, which fails the test target before any test runs. awswrangler is not packaged by Debian and is not installed.
set -euo pipefail

has_boto3() {
  for python in python3 /usr/bin/python3; do
    if command -v "$python" >/dev/null 2>&1 && "$python" -c 'import boto3' >/dev/null 2>&1; then return 0; fi
  done
  return 1
}
has_cli() {
  for cli in aws /usr/bin/aws; do
    if command -v "$cli" >/dev/null 2>&1 && "$cli" --version >/dev/null 2>&1; then return 0; fi
  done
  return 1
}
missing() {
  local packages=()
  has_boto3 || packages+=(python3-boto3)
  has_cli || packages+=(awscli)
  echo "${packages[@]}"
}

needed="$(missing)"
if [ -z "$needed" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian $needed for the AWS client tests…"
  # shellcheck disable=SC2086 # one word per package
  if ! bash "$(dirname "$0")/apt-install.sh" $needed; then
    echo "Installing Debian $needed failed (see apt-get's message above): the AWS client tests cannot run." >&2
    exit 1
  fi
  still="$(missing)"
  if [ -n "$still" ]; then
    echo "After installing Debian $needed, still missing: $still." >&2
    exit 1
  fi
  exit 0
fi
echo "The AWS client tests need $needed: run 'sudo apt-get install $needed'." >&2
exit 1
