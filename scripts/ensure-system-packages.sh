#!/usr/bin/env bash
# What the tests need from Debian: Chromium for the end-to-end tests (never a browser downloaded by
# Playwright) and etcd for the differential test of the etcd model. Install them when we can, or say exactly
# what is missing.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/etcd ] || missing+=(etcd-server)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing ${missing[*]} from Debian for the tests..." >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
  exit 0
fi
echo "error: the tests need Debian's ${missing[*]}: run 'sudo apt-get install -y ${missing[*]}'" >&2
exit 1
