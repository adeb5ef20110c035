# Sourced by the build and test scripts: puts a Node.js of at least version 20 on PATH.
# Debian 12's own nodejs is 18, too old for Playwright and Redocly; when that is all the
# machine has, Node 20 is installed from the npm registry (the `node` package ships the
# binary) into .deps/node, beside the sources.
hearth_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ -x "$hearth_root/.deps/node/node_modules/.bin/node" ]; then
  export PATH="$hearth_root/.deps/node/node_modules/.bin:$PATH"
fi
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "Node.js $(node --version 2>/dev/null) is older than 20: installing Node 20 from the npm registry"
  npm install --prefix "$hearth_root/.deps/node" --no-audit --no-fund node@20 >/dev/null
  export PATH="$hearth_root/.deps/node/node_modules/.bin:$PATH"
fi
