#!/usr/bin/env bash
# Installs Debian packages for the test targets, one installer at a time: nx runs targets in parallel, and two
# `apt-get`s at once fail on dpkg's lock ("Could not get lock /var/lib/dpkg/lock-frontend"). Ours wait for each
# other on a lock file of their own, and for any other apt-get on dpkg's own lock.
# usage: tools/apt-install.sh <package>...
set -euo pipefail
exec 9>/var/lock/iot-timeseries-apt.lock
if ! flock -w 900 9; then
  echo "Waited 15 minutes for another installer of the test dependencies: giving up." >&2
  exit 1
fi
apt() { timeout "$1" apt-get -o DPkg::Lock::Timeout=600 "${@:2}"; }
apt 900 update -qq
DEBIAN_FRONTEND=noninteractive apt 900 install -y -qq "$@" >/dev/null
