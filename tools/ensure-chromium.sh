#!/usr/bin/env bash
# The dashboard tests drive Debian's Chromium through playwright-core (which downloads no browser).
# Installs it when missing and this user may (root with apt-get); otherwise says what to run.
set -euo pipefail
browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$browser" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian chromium for the dashboard tests…"
  bash "$(dirname "$0")/apt-install.sh" chromium
  exit 0
fi
echo "The dashboard tests need Chromium at $browser: run 'sudo apt-get install chromium' or set CHROMIUM_PATH." >&2
exit 1
