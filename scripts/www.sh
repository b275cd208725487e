#!/usr/bin/env bash
# The www/ playground: a static page that runs the same WASM core and the same reader-view
# rendering (extension/view/reader.js, article.css) as the extension.
#
#   scripts/www.sh build          assemble www/pkg/ (git-ignored): the WASM from extension/pkg (built
#                                 with scripts/extension.sh wasm when missing), the view's
#                                 reader.js and article.css, shared/snapshot.js, the sample pages
#                                 and their list
#   scripts/www.sh serve [PORT]   build, then serve www/ on http://127.0.0.1:PORT/ (default 8080)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

www_build() {
  if [[ ! -f "$ROOT/extension/pkg/folio_bg.wasm" ]]; then
    "$ROOT/scripts/extension.sh" wasm
  fi
  local pkg="$ROOT/www/pkg"
  rm -rf "$pkg"
  mkdir -p "$pkg/view" "$pkg/samples"
  cp "$ROOT/extension/pkg/folio.js" "$ROOT/extension/pkg/folio_bg.wasm" "$pkg/"
  cp "$ROOT/extension/view/reader.js" "$ROOT/extension/view/article.css" "$pkg/view/"
  mkdir -p "$pkg/shared"
  cp "$ROOT/extension/shared/snapshot.js" "$pkg/shared/"
  cp -R "$ROOT/samples/." "$pkg/samples/"
  # The picker's list: file name and <title> of every sample page.
  node -e '
    const fs = require("fs");
    const dir = process.argv[1];
    const list = fs.readdirSync(dir).filter((f) => f.endsWith(".html")).sort().map((file) => {
      const m = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(fs.readFileSync(`${dir}/${file}`, "utf8"));
      return { file, title: m ? m[1].trim() : file };
    });
    fs.writeFileSync(`${dir}/../samples.json`, JSON.stringify(list, null, 1) + "\n");
  ' "$pkg/samples"
  echo "www/pkg: $(ls "$pkg/samples" | grep -c '\.html$') sample pages, folio_bg.wasm $(stat -c %s "$pkg/folio_bg.wasm") bytes"
}

case "${1:-}" in
  build) www_build ;;
  serve)
    www_build
    exec node "$ROOT/scripts/static-server.mjs" "$ROOT/www" "${2:-8080}"
    ;;
  *) sed -n '2,9p' "$0"; exit 2 ;;
esac
