#!/usr/bin/env bash
# Sets up what the integration tests and `npm start` need to run the extension in a real VS Code here:
#   1. Debian packages (Chromium for the browser side, ripgrep, the headers code-server's native modules build
#      against, a compiler and fonts), installed only when missing, with one `apt-get update`;
#   2. the ripgrep tarball that @vscode/ripgrep's postinstall would otherwise download from GitHub, made from
#      /usr/bin/rg and put where that postinstall looks first;
#   3. code-server@4.100.3 (VS Code 1.100.3, the newest that runs on Node 20) in .cache/code-server/
#      (git-ignored), outside the project's package.json because its postinstall needs the settings below.
# Idempotent: every step is skipped when its result is already there. Non-interactive (CI=true, no stdin).
# Usage: bash scripts/setup-code-server.sh [--force]   (--force reinstalls code-server)
# Facts behind it: ../shared/reference/real-vscode-on-this-machine.md (or docs in test/integration/README.md).
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
# @vscode/ripgrep as pinned by VS Code 1.100.3, and the ripgrep release its postinstall fetches.
RG_PKG_VERSION=1.15.11
RG_RELEASE=v13.0.0-10
APT_PACKAGES=(
  chromium            # headless browser for the web workbench (driven by playwright-core)
  ripgrep             # /usr/bin/rg, repackaged below for @vscode/ripgrep
  libkrb5-dev         # the `kerberos` native module of code-server
  libsecret-1-dev libxkbfile-dev pkg-config  # other native modules' headers (harmless if unused)
  build-essential python3                    # node-gyp
  fonts-liberation fonts-dejavu-core         # readable screenshots
  ca-certificates
)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CS_DIR="$ROOT/.cache/code-server"
CS_BIN="$CS_DIR/node_modules/.bin/code-server"
FORCE=0
[[ "${1:-}" == "--force" ]] && FORCE=1

export DEBIAN_FRONTEND=noninteractive
exec </dev/null

now_ms() { date +%s%3N; }
T_ALL=$(now_ms)
step_start() { T_STEP=$(now_ms); echo "setup: $1"; }
step_end() { echo "setup:   done in $(( $(now_ms) - T_STEP )) ms${1:+ ($1)}"; }

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
  else echo "setup: need root (or sudo) to run: $*" >&2; return 1
  fi
}

# 1. Debian packages -------------------------------------------------------------------------------------
step_start "Debian packages"
missing=()
for p in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then missing+=("$p"); fi
done
if ((${#missing[@]})); then
  echo "setup:   installing: ${missing[*]}"
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
  step_end "installed ${#missing[@]}"
else
  step_end "all ${#APT_PACKAGES[@]} present"
fi

code_server_ok() {
  [[ -x "$CS_BIN" ]] || return 1
  local v
  v="$("$CS_BIN" --version 2>/dev/null | head -n 1)" || return 1
  echo "setup:   code-server --version: $v"
  [[ "$v" == "$CODE_SERVER_VERSION "* ]]
}

step_start "code-server $CODE_SERVER_VERSION in .cache/code-server"
if [[ $FORCE -eq 0 ]] && code_server_ok; then
  step_end "already installed"
else
  if [[ $FORCE -eq 1 ]]; then step_end "reinstall (--force)"; else step_end "not installed yet"; fi

  # 2. ripgrep tarball ---------------------------------------------------------------------------------
  # @vscode/ripgrep looks in $TMPDIR/vscode-ripgrep-cache-<its version>/ before downloading; point TMPDIR at a
  # folder of ours for the install and leave the tarball there.
  step_start "ripgrep tarball from /usr/bin/rg"
  case "$(uname -m)" in
    x86_64) RG_TARGET=x86_64-unknown-linux-musl ;;
    aarch64) RG_TARGET=aarch64-unknown-linux-musl ;;
    *) echo "setup: no ripgrep tarball recipe for $(uname -m)" >&2; exit 1 ;;
  esac
  INSTALL_TMP="$ROOT/.cache/code-server-tmp"
  RG_CACHE="$INSTALL_TMP/vscode-ripgrep-cache-$RG_PKG_VERSION"
  RG_TARBALL="$RG_CACHE/ripgrep-$RG_RELEASE-$RG_TARGET.tar.gz"
  mkdir -p "$RG_CACHE"
  if [[ -s "$RG_TARBALL" ]] && tar -tzf "$RG_TARBALL" | grep -qx 'rg'; then
    step_end "present"
  else
    stage="$(mktemp -d)"
    cp /usr/bin/rg "$stage/rg"
    tar -czf "$RG_TARBALL.part" -C "$stage" rg
    mv "$RG_TARBALL.part" "$RG_TARBALL"
    rm -rf "$stage"
    step_end "$RG_TARBALL"
  fi

  # 3. code-server from the npm registry -----------------------------------------------------------------
  step_start "npm install code-server@$CODE_SERVER_VERSION (builds native modules; about a minute)"
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR"
  printf '{\n  "name": "mji-code-server",\n  "private": true\n}\n' >"$CS_DIR/package.json"
  # unsafe_perm: its postinstall refuses to run as root otherwise; yes: a nested `npx node-gyp` would wait for a "y".
  TMPDIR="$INSTALL_TMP" npm_config_unsafe_perm=true npm_config_yes=true CI=true \
    npm install --prefix "$CS_DIR" --save-exact --no-audit --no-fund --loglevel=error \
    "code-server@$CODE_SERVER_VERSION"
  step_end
  step_start "verify"
  if ! code_server_ok; then
    echo "setup: code-server --version does not print $CODE_SERVER_VERSION" >&2
    exit 1
  fi
  step_end
fi

echo "setup: ready in $(( $(now_ms) - T_ALL )) ms: $CS_BIN, chromium $(command -v chromium || echo MISSING)"
