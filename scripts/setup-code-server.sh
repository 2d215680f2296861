#!/usr/bin/env bash
# Sets up what `npm start` and the tests need to run the extension in a real VS Code here:
#   1. for building code-server, nothing is installed into the system: the kerberos headers and ripgrep come
#      as Debian packages downloaded (`apt-get download`) and unpacked under .cache/debs/ (a -dev package would
#      pin its library's exact version and so make apt upgrade libraries you have); only a missing compiler,
#      make or python3 is installed with apt;
#   2. the ripgrep tarball that @vscode/ripgrep's postinstall would otherwise download from GitHub, made from
#      that rg (or /usr/bin/rg) and put where that postinstall looks first;
#   3. code-server@4.100.3 (VS Code 1.100.3, the newest that runs on Node 20) in .cache/code-server/
#      (git-ignored), outside the project's package.json because its postinstall needs the settings below.
# Everything code-server writes (its config.yaml, data, caches) stays under .cache/code-server-home/: it never
# touches ~/.config/code-server or ~/.local/share/code-server.
# Idempotent: every step is skipped when its result is already there. Non-interactive (CI=true, no stdin).
#
# Usage: bash scripts/setup-code-server.sh [--browser] [--force]
#   --browser  also Chromium and fonts (apt-get, only what is missing, --no-upgrade; installed packages apt
#              must upgrade anyway are named first): the webview and integration tests drive a headless browser.
#              `npm start` does not need it (you open the URL in your own browser).
#   --force    reinstall code-server.
# On failure: one line `setup failed: <step>: <why>` on stderr, exit 1.
set -uo pipefail

CODE_SERVER_VERSION=4.100.3
# @vscode/ripgrep as pinned by VS Code 1.100.3, and the ripgrep release its postinstall fetches.
RG_PKG_VERSION=1.15.11
RG_RELEASE=v13.0.0-10
# What building code-server's native modules (node-pty, spdlog, native-watchdog, kerberos, deviceid) needs.
# kerberos is built with KERBEROS_USE_RTLD (its default): it dlopen()s libgssapi_krb5 at run time, so only the
# headers are needed at build time; they are unpacked from the archive's packages, not installed.
HEADER_DEBS=(libkrb5-dev krb5-multidev comerr-dev)
RG_DEB=ripgrep
# Installed with apt only when their command is missing (a Debian machine of this kind has them).
declare -A TOOL_PACKAGE=([g++]=g++ [make]=make [python3]=python3)
# What the tests' headless browser needs.
BROWSER_PACKAGES=(
  chromium
  fonts-liberation fonts-dejavu-core  # readable screenshots
  fonts-wqy-microhei                  # Chinese text (the zh-cn inspector and screenshots)
)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CS_DIR="$ROOT/.cache/code-server"
CS_BIN="$CS_DIR/node_modules/.bin/code-server"
CS_HOME="$ROOT/.cache/code-server-home"
FORCE=0
BROWSER=0
for arg in "$@"; do
  case "$arg" in
    --force) FORCE=1 ;;
    --browser) BROWSER=1 ;;
    *) echo "setup failed: arguments: unknown option $arg (use --browser, --force)" >&2; exit 1 ;;
  esac
done

export DEBIAN_FRONTEND=noninteractive
exec </dev/null
# code-server writes its default config.yaml into $XDG_CONFIG_HOME/code-server on its first run, even for
# --version: keep that (and its data and caches) inside the project.
export XDG_CONFIG_HOME="$CS_HOME/config" XDG_DATA_HOME="$CS_HOME/data" XDG_CACHE_HOME="$CS_HOME/cache" XDG_STATE_HOME="$CS_HOME/state"

now_ms() { date +%s%3N; }
T_ALL=$(now_ms)
STEP="start"
step_start() { STEP="$1"; T_STEP=$(now_ms); echo "setup: $1"; }
step_end() { echo "setup:   done in $(( $(now_ms) - T_STEP )) ms${1:+ ($1)}"; }
fail() { echo "setup failed: $STEP: $1" >&2; exit 1; }

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
  else echo "setup: need root (or sudo) to run: $*" >&2; return 1
  fi
}

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

# Installs the packages of "$@" that are missing; never upgrades one that is installed.
apt_install_missing() {
  local missing=() p
  for p in "$@"; do installed "$p" || missing+=("$p"); done
  if ((${#missing[@]} == 0)); then step_end "all $# present"; return 0; fi
  echo "setup:   missing: ${missing[*]}"
  local log="$CS_HOME/apt.log"
  as_root apt-get update -qq >"$log" 2>&1 || fail "apt-get update failed (see $log)"
  # A -dev package depends on its library at exactly its own version: when the machine's library is older
  # than the archive's, apt has to upgrade it. Say which, before doing it.
  local upgrades
  upgrades="$(as_root apt-get install -s --no-upgrade --no-install-recommends "${missing[@]}" 2>/dev/null \
    | sed -n 's/^Inst \([^ ]*\) \[\([^]]*\)\] (\([^ ]*\).*/\1 \2 -> \3/p')"
  if [[ -n "$upgrades" ]]; then
    echo "setup:   apt must also upgrade these installed packages (dependencies of the missing ones at exact versions):"
    while IFS= read -r line; do echo "setup:     $line"; done <<<"$upgrades"
  fi
  as_root apt-get install -y -qq --no-upgrade --no-install-recommends "${missing[@]}" >>"$log" 2>&1 \
    || fail "apt-get install ${missing[*]} failed (see $log)"
  step_end "installed ${#missing[@]}"
}

# The installed code-server's version, from its own package.json and from `--version` (which may first print
# an `info Wrote default config file` line: look for the version line, not the first line).
code_server_ok() {
  [[ -x "$CS_BIN" ]] || return 1
  local out
  out="$("$CS_BIN" --version 2>/dev/null)" || return 1
  if grep -q "^$CODE_SERVER_VERSION " <<<"$out"; then
    echo "setup:   code-server --version: $(grep "^$CODE_SERVER_VERSION " <<<"$out" | head -n 1)"
    return 0
  fi
  echo "setup:   code-server --version printed: $(tr '\n' ' ' <<<"$out" | cut -c1-200)"
  return 1
}

mkdir -p "$CS_HOME" || fail "cannot create $CS_HOME"

if ((BROWSER)); then
  step_start "Debian packages for the headless browser"
  apt_install_missing "${BROWSER_PACKAGES[@]}"
fi

step_start "code-server $CODE_SERVER_VERSION in .cache/code-server"
if [[ $FORCE -eq 0 ]] && code_server_ok; then
  step_end "already installed"
else
  if [[ $FORCE -eq 1 ]]; then step_end "reinstall (--force)"; else step_end "not installed yet"; fi

  step_start "compiler, make and python3"
  missing_tools=()
  for t in "${!TOOL_PACKAGE[@]}"; do command -v "$t" >/dev/null 2>&1 || missing_tools+=("${TOOL_PACKAGE[$t]}"); done
  if ((${#missing_tools[@]})); then apt_install_missing "${missing_tools[@]}"; else step_end "present"; fi

  step_start "kerberos headers and ripgrep, unpacked under .cache/debs (nothing installed)"
  DEBS="$ROOT/.cache/debs"
  UNPACKED="$DEBS/root"
  wanted=("${HEADER_DEBS[@]}")
  [[ -x /usr/bin/rg ]] || wanted+=("$RG_DEB")
  if [[ -f "$UNPACKED/usr/include/gssapi/gssapi.h" && ( -x /usr/bin/rg || -x "$UNPACKED/usr/bin/rg" ) ]]; then
    step_end "present"
  else
    mkdir -p "$DEBS" || fail "cannot create $DEBS"
    # As root, apt hands downloads to its _apt user, which cannot write into our folder: keep them as root.
    APT_DL_OPTS=()
    [[ $(id -u) -eq 0 ]] && APT_DL_OPTS=(-o APT::Sandbox::User=root)
    # `apt-get download` needs the package lists; a fresh machine may have none yet.
    if ! (cd "$DEBS" && apt-get download -qq "${APT_DL_OPTS[@]}" "${wanted[@]}" >"$CS_HOME/apt-download.log" 2>&1); then
      as_root apt-get update -qq >>"$CS_HOME/apt-download.log" 2>&1 || fail "apt-get update failed (see $CS_HOME/apt-download.log)"
      (cd "$DEBS" && apt-get download -qq "${APT_DL_OPTS[@]}" "${wanted[@]}" >>"$CS_HOME/apt-download.log" 2>&1) \
        || fail "apt-get download ${wanted[*]} failed (see $CS_HOME/apt-download.log)"
    fi
    for deb in "$DEBS"/*.deb; do dpkg-deb -x "$deb" "$UNPACKED" || fail "cannot unpack $deb"; done
    [[ -f "$UNPACKED/usr/include/gssapi/gssapi.h" ]] || fail "no gssapi.h in the unpacked ${HEADER_DEBS[*]}"
    step_end "${wanted[*]}"
  fi
  RG_BIN=/usr/bin/rg
  [[ -x "$RG_BIN" ]] || RG_BIN="$UNPACKED/usr/bin/rg"
  "$RG_BIN" --version >/dev/null 2>&1 || fail "$RG_BIN does not run"

  # 2. ripgrep tarball ---------------------------------------------------------------------------------
  # @vscode/ripgrep looks in $TMPDIR/vscode-ripgrep-cache-<its version>/ before downloading; point TMPDIR at a
  # folder of ours for the install and leave the tarball there.
  step_start "ripgrep tarball from $RG_BIN"
  case "$(uname -m)" in
    x86_64) RG_TARGET=x86_64-unknown-linux-musl ;;
    aarch64) RG_TARGET=aarch64-unknown-linux-musl ;;
    *) fail "no ripgrep tarball recipe for $(uname -m)" ;;
  esac
  INSTALL_TMP="$ROOT/.cache/code-server-tmp"
  RG_CACHE="$INSTALL_TMP/vscode-ripgrep-cache-$RG_PKG_VERSION"
  RG_TARBALL="$RG_CACHE/ripgrep-$RG_RELEASE-$RG_TARGET.tar.gz"
  mkdir -p "$RG_CACHE" || fail "cannot create $RG_CACHE"
  if [[ -s "$RG_TARBALL" ]] && tar -tzf "$RG_TARBALL" | grep -qx 'rg'; then
    step_end "present"
  else
    stage="$(mktemp -d)"
    cp "$RG_BIN" "$stage/rg" && tar -czf "$RG_TARBALL.part" -C "$stage" rg && mv "$RG_TARBALL.part" "$RG_TARBALL" \
      || fail "cannot write $RG_TARBALL"
    rm -rf "$stage"
    step_end "$RG_TARBALL"
  fi

  # 3. code-server from the npm registry -----------------------------------------------------------------
  step_start "npm install code-server@$CODE_SERVER_VERSION (builds native modules; about a minute)"
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR"
  printf '{\n  "name": "mji-code-server",\n  "private": true\n}\n' >"$CS_DIR/package.json"
  NPM_LOG="$CS_HOME/npm-install.log"
  # unsafe_perm: its postinstall refuses to run as root otherwise; yes: a nested `npx node-gyp` would wait for a "y".
  # CPATH: gcc and g++ look for headers there too (the unpacked kerberos headers).
  if ! CPATH="$UNPACKED/usr/include${CPATH:+:$CPATH}" TMPDIR="$INSTALL_TMP" npm_config_unsafe_perm=true npm_config_yes=true CI=true \
    npm install --prefix "$CS_DIR" --save-exact --no-audit --no-fund --loglevel=error \
    "code-server@$CODE_SERVER_VERSION" >"$NPM_LOG" 2>&1; then
    tail -n 20 "$NPM_LOG" >&2
    fail "npm install code-server@$CODE_SERVER_VERSION failed (last lines above; all in $NPM_LOG)"
  fi
  step_end
  step_start "verify"
  code_server_ok || fail "code-server --version does not print $CODE_SERVER_VERSION"
  step_end
fi

if ((BROWSER)); then
  [[ -x /usr/bin/chromium ]] || fail "/usr/bin/chromium missing after installing chromium"
fi
BROWSER_NOTE=""
((BROWSER)) && BROWSER_NOTE=", chromium $(command -v chromium)"
echo "setup: ready in $(( $(now_ms) - T_ALL )) ms: $CS_BIN$BROWSER_NOTE"
