#!/usr/bin/env bash
# The playground test drives Debian's chromium through playwright-core (which downloads no
# browser of its own). Installs it when missing and we may (root with apt-get); else says how.
set -euo pipefail
# The profile PDF test checks fonts and tags with poppler's pdffonts, pdfinfo and pdftotext.
if ! command -v pdffonts >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's poppler-utils for the PDF test…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null
  else
    echo "The PDF test needs poppler's pdffonts, pdfinfo and pdftotext: install them (sudo apt-get install poppler-utils)." >&2
    exit 1
  fi
fi
browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$browser" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser test…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "The browser test needs Chromium at $browser: install it (sudo apt-get install chromium) or set CHROMIUM_PATH." >&2
  exit 1
fi
