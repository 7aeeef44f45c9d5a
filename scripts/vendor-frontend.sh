#!/usr/bin/env bash
# Refresh the vendored front-end files under src/standortkompass/static/vendor/ from the npm
# registry at the pinned versions below. Needs npm; `make run` does not (the files are committed).
set -euo pipefail
KERN_VERSION=2.7.2
HTMX_VERSION=2.0.11
# Charts: vega 5 line (vega-interpreter 1.x still ships a UMD build, needed because the CSP forbids eval).
VEGA_VERSION=5.33.1
VEGA_LITE_VERSION=5.23.0
VEGA_EMBED_VERSION=6.29.0
VEGA_INTERPRETER_VERSION=1.2.1
root=$(cd "$(dirname "$0")/.." && pwd)
dest="$root/src/standortkompass/static/vendor"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "@kern-ux/native@$KERN_VERSION" "htmx.org@$HTMX_VERSION" >/dev/null
npm pack --silent "vega@$VEGA_VERSION" "vega-lite@$VEGA_LITE_VERSION" "vega-embed@$VEGA_EMBED_VERSION" \
  "vega-interpreter@$VEGA_INTERPRETER_VERSION" >/dev/null
mkdir kern htmx
tar xzf "kern-ux-native-$KERN_VERSION.tgz" -C kern
tar xzf "htmx.org-$HTMX_VERSION.tgz" -C htmx
for package in vega vega-lite vega-embed vega-interpreter; do mkdir "$package"; done
tar xzf "vega-$VEGA_VERSION.tgz" -C vega
tar xzf "vega-lite-$VEGA_LITE_VERSION.tgz" -C vega-lite
tar xzf "vega-embed-$VEGA_EMBED_VERSION.tgz" -C vega-embed
tar xzf "vega-interpreter-$VEGA_INTERPRETER_VERSION.tgz" -C vega-interpreter
rm -rf "$dest/kern" "$dest/htmx" "$dest/vega"
mkdir -p "$dest/kern/fonts/fira-sans" "$dest/htmx"
cp kern/package/dist/kern.min.css kern/package/dist/kern-utilities.min.css kern/package/LICENSE.md "$dest/kern/"
cp kern/package/dist/fonts/fira-sans.css "$dest/kern/fonts/"
# Only the faces that fira-sans.css references.
for face in $(grep -o 'FiraSans-[A-Za-z]*\.woff2' kern/package/dist/fonts/fira-sans.css | sort -u); do
  cp "kern/package/dist/fonts/fira-sans/$face" "$dest/kern/fonts/fira-sans/"
done
cp kern/package/dist/js/kern-kopfzeile.js "$dest/kern/" 2>/dev/null || true
cp htmx/package/dist/htmx.min.js "$dest/htmx/"
cp htmx/package/LICENSE "$dest/htmx/LICENSE"
mkdir -p "$dest/vega"
for package in vega vega-lite vega-embed vega-interpreter; do
  cp "$package/package/build/$package.min.js" "$dest/vega/"
  [ -f "$package/package/LICENSE" ] && cp "$package/package/LICENSE" "$dest/vega/LICENSE-$package"
done
# The source-map comment points at files we do not ship.
sed -i '/^\/\/# sourceMappingURL=/d' "$dest"/vega/*.min.js
cat > "$dest/VERSIONS.md" <<TXT
# Vendored front-end files

| package | version | licence | files |
|---|---|---|---|
| @kern-ux/native (KERN UX design system) | $KERN_VERSION | EUPL-1.2 (kern/LICENSE.md); Fira Sans: SIL Open Font License 1.1 | kern/ |
| htmx.org | $HTMX_VERSION | 0BSD (htmx/LICENSE) | htmx/ |
| vega | $VEGA_VERSION | BSD-3-Clause (see note) | vega/vega.min.js |
| vega-lite | $VEGA_LITE_VERSION | BSD-3-Clause (vega/LICENSE-vega-lite) | vega/vega-lite.min.js |
| vega-embed | $VEGA_EMBED_VERSION | BSD-3-Clause (vega/LICENSE-vega-embed) | vega/vega-embed.min.js |
| vega-interpreter | $VEGA_INTERPRETER_VERSION | BSD-3-Clause (see note) | vega/vega-interpreter.min.js |

The npm packages vega and vega-interpreter ship no licence file. Both come from the
monorepo github.com/vega/vega under the BSD-3-Clause licence of the University of Washington
Interactive Data Lab, the same licence and holder as vega-lite and vega-embed, whose texts are
in vega/LICENSE-vega-lite and vega/LICENSE-vega-embed.

Refreshed with scripts/vendor-frontend.sh from the npm registry.
TXT
echo "vendored KERN $KERN_VERSION, htmx $HTMX_VERSION and vega $VEGA_VERSION (vega-lite $VEGA_LITE_VERSION, vega-embed $VEGA_EMBED_VERSION) into $dest"
