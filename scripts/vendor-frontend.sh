#!/usr/bin/env bash
# Refresh the vendored front-end files under src/standortkompass/static/vendor/ from the npm
# registry at the pinned versions below. Needs npm; `make run` does not (the files are committed).
set -euo pipefail
KERN_VERSION=2.7.2
HTMX_VERSION=2.0.11
root=$(cd "$(dirname "$0")/.." && pwd)
dest="$root/src/standortkompass/static/vendor"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "@kern-ux/native@$KERN_VERSION" "htmx.org@$HTMX_VERSION" >/dev/null
mkdir kern htmx
tar xzf "kern-ux-native-$KERN_VERSION.tgz" -C kern
tar xzf "htmx.org-$HTMX_VERSION.tgz" -C htmx
rm -rf "$dest/kern" "$dest/htmx"
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
cat > "$dest/VERSIONS.md" <<TXT
# Vendored front-end files

| package | version | licence | files |
|---|---|---|---|
| @kern-ux/native (KERN UX design system) | $KERN_VERSION | EUPL-1.2 (kern/LICENSE.md); Fira Sans: SIL Open Font License 1.1 | kern/ |
| htmx.org | $HTMX_VERSION | 0BSD (htmx/LICENSE) | htmx/ |

Refreshed with scripts/vendor-frontend.sh from the npm registry.
TXT
echo "vendored KERN $KERN_VERSION and htmx $HTMX_VERSION into $dest"
