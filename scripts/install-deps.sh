#!/usr/bin/env bash
# Installs the Debian 12 packages torikumi builds and tests with. Runs apt-get as root, or
# through sudo for a normal user. Safe to run again.
set -euo pipefail

packages=(
  g++ cmake make pkg-config        # the toolchain
  libhowardhinnant-date-dev tzdata  # civil dates, time zones (engine)
  nlohmann-json3-dev                # plan and API JSON (engine)
  libicu-dev                        # NFKC of schedules typed or pasted from PDFs (engine/text)
  libmecab-dev mecab-ipadic-utf8    # ids romanised from titles (engine/text/romanisation)
  libzip-dev libpugixml-dev         # sheets saved from Excel as .xlsx, read in memory (engine/sheet/xlsx_sheet)
  libical-dev                       # iCalendar: the libical benchmark (bench), the calendars module
  libgmime-3.0-dev                  # MIME: iMIP messages out, inbound replies in (mail)
  libsqlite3-dev                    # the store: plans, state, completions (store)
  libcpp-httplib-dev zlib1g-dev     # the server and its gzip (http)
  libkainjow-mustache-dev           # the pages' templates: {{x}} escapes (http/pages/templates)
  doctest-dev                       # unit tests
  clang libclang-rt-14-dev          # the fuzz build: clang++ with libFuzzer, ASan and UBSan (tests/fuzz)
  python3                           # the end-to-end test scripts
  python3-openpyxl                  # the test workbooks, written by another program than ours (tests/data/sheets/make_xlsx.py)
  python3-icalendar python3-recurring-ical-events  # the independent reader of the feeds (tests/calendars)
  chromium fonts-noto-cjk           # the dashboard in a headless browser, with Japanese fonts (tests/http)
  chromium-driver python3-selenium  # driving it: sign in, click, screenshot (tests/http)
)

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo" >&2; exit 1; }
  as_root=(sudo)
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
# axe-core, the accessibility rules the browser test runs in every page (WCAG 2 A/AA): npm's
# package, installed globally where tests/http/browser_test.py looks for it.
axe_version=4.10.3
install_axe() {
  local installed
  installed=$(node -p "require('/usr/local/lib/node_modules/axe-core/package.json').version" 2>/dev/null || true)
  [ "$installed" = "$axe_version" ] && return 0
  # Debian's npm, unless the machine has one already (Node.js from elsewhere brings its own, and
  # conflicts with Debian's).
  if ! command -v npm >/dev/null; then
    "${as_root[@]}" apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=600 npm
  fi
  echo "install-deps: installing axe-core $axe_version from npm"
  "${as_root[@]}" npm install --global --prefix /usr/local --no-audit --no-fund --loglevel=error \
    "axe-core@$axe_version"
}

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  install_axe
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# Another apt (unattended-upgrades on a fresh machine, a second terminal) may hold the package
# manager's locks: wait for them, up to ten minutes, rather than fail at once. apt-get install
# waits for dpkg's lock itself (DPkg::Lock::Timeout); apt-get update does not wait for the lists
# lock, so it is tried again while the lock is what stops it.
lock_wait=600
waited=0
until output=$("${as_root[@]}" apt-get update -q 2>&1); do
  if ! grep -q "Could not get lock" <<<"$output" || [ "$waited" -ge "$lock_wait" ]; then
    echo "$output" >&2
    exit 1
  fi
  [ "$waited" -eq 0 ] &&
    echo "install-deps: waiting for the package manager's lock ($(grep -o 'held by process.*' <<<"$output" | head -1))"
  sleep 5
  waited=$((waited + 5))
done
echo "$output"
"${as_root[@]}" apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout="$lock_wait" \
  "${missing[@]}"
install_axe
