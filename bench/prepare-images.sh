#!/usr/bin/env bash
# Builds the images the benchmarks scan, under $BENCH_DIR (default /tmp/portcullis-bench):
#   debian-oci.tar  the Debian bookworm minbase test image (one ~95 MB gzip layer) as a tar of its OCI layout
#   big-oci.tar     that image's layer and four more copies of it, each with one extra marker file, so
#                   their diffIDs differ: five times the bytes and files, one image (tag "big")
#   m2-oci.tar      the Debian layer plus a layer holding this machine's ~/.m2/repository (1,000+ jars),
#                   as a CI build image carries it (tag "m2")
# Reuses what exists. Needs umoci, jq, tar and the Debian image from build-debian-image.sh.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${BENCH_DIR:-/tmp/portcullis-bench}
debian=$root/shared-engine/target/test-images/debian-bookworm
mkdir -p "$out"
bash "$root/shared-engine/src/test/scripts/build-debian-image.sh" "$debian" >&2

if [ ! -f "$out/debian-oci.tar" ]; then
  tar --create --file "$out/debian-oci.tar.partial" --directory "$debian/oci" .
  mv "$out/debian-oci.tar.partial" "$out/debian-oci.tar"
fi

new_image() { # LAYOUT TAG
  rm -rf "$1"
  umoci init --layout "$1"
  umoci new --image "$1:$2"
  umoci config --image "$1:$2" --os linux --architecture amd64 --author portcullis-bench
}

if [ ! -f "$out/big-oci.tar" ]; then
  new_image "$out/big" big
  umoci raw add-layer --image "$out/big:big" "$debian/layer.tar"
  for i in 1 2 3 4; do
    cp "$debian/layer.tar" "$out/copy.tar"
    mkdir -p "$out/marker"
    echo "copy $i" >"$out/marker/bench-copy-$i"
    tar --append --file "$out/copy.tar" --directory "$out/marker" "./bench-copy-$i"
    umoci raw add-layer --image "$out/big:big" "$out/copy.tar"
    rm -rf "$out/copy.tar" "$out/marker"
  done
  tar --create --file "$out/big-oci.tar.partial" --directory "$out/big" .
  mv "$out/big-oci.tar.partial" "$out/big-oci.tar"
  rm -rf "$out/big"
fi

if [ ! -f "$out/m2-oci.tar" ]; then
  new_image "$out/m2" m2
  umoci raw add-layer --image "$out/m2:m2" "$debian/layer.tar"
  # Exit status 1 is GNU tar's "a file changed while read": other builds may write to ~/.m2 meanwhile.
  tar --create --file "$out/m2-layer.tar" --directory / --numeric-owner root/.m2/repository || [ $? -eq 1 ]
  umoci raw add-layer --image "$out/m2:m2" "$out/m2-layer.tar"
  rm -f "$out/m2-layer.tar"
  tar --create --file "$out/m2-oci.tar.partial" --directory "$out/m2" .
  mv "$out/m2-oci.tar.partial" "$out/m2-oci.tar"
  rm -rf "$out/m2"
fi
ls -l "$out"/*.tar
