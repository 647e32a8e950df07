#!/usr/bin/env bash
# The end-to-end tests drive Debian's Chromium (never a browser downloaded by Playwright).
# On a machine without it, install it when we can, or say exactly what is missing.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the end-to-end tests..." >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
  exit 0
fi
echo "error: the end-to-end tests need Debian's chromium at /usr/bin/chromium: run 'sudo apt-get install -y chromium'" >&2
exit 1
