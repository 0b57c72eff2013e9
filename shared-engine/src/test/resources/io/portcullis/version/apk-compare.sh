#!/usr/bin/env bash
# Usage: apk-compare.sh IMAGE_DOCKER_SAVE_TAR_GZ WORK_DIR
# Runs the real apk-tools shipped inside an Alpine image (started through the image's own musl
# loader, so nothing is installed) on "a<TAB>b" lines from stdin; prints -1, 0 or 1 per line as
# `apk version -t a b` answers <, = or >.
set -euo pipefail
image=$1
work=$2
mkdir -p "$work/image" "$work/root"
tar xzf "$image" -C "$work/image"
for layer in "$work"/image/*/layer.tar; do
  tar xf "$layer" -C "$work/root" lib sbin/apk 2>/dev/null || true
done
root=$(cd "$work/root" && pwd)
apk() {
  "$root/lib/ld-musl-x86_64.so.1" --library-path "$root/lib:$root/usr/lib" "$root/sbin/apk" "$@"
}
apk --version >&2
while IFS=$'\t' read -r a b; do
  case $(apk version -t "$a" "$b") in
    '<') echo -1 ;;
    '=') echo 0 ;;
    '>') echo 1 ;;
    *) echo "unexpected answer from apk version -t $a $b" >&2; exit 1 ;;
  esac
done
