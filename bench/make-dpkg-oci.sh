#!/usr/bin/env bash
# Packs a root filesystem (such as make-dpkg-rootfs.sh writes) as a one-layer OCI image layout, so the layer cache
# path of the streaming-output benchmark in docs/benchmarks.md can be timed:
#   bash bench/make-dpkg-oci.sh /tmp/dpkg-1m /tmp/dpkg-1m-oci    then scan oci:/tmp/dpkg-1m-oci
# The layer is an uncompressed tar, so its digest is its diffID.
set -euo pipefail
rootfs=${1:?usage: make-dpkg-oci.sh ROOTFS LAYOUT}
layout=${2:?usage: make-dpkg-oci.sh ROOTFS LAYOUT}
mkdir -p "$layout/blobs/sha256"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$rootfs" -cf "$layout/layer.tar" .
layer=$(sha256sum "$layout/layer.tar" | cut -d' ' -f1)
layer_size=$(stat -c %s "$layout/layer.tar")
mv "$layout/layer.tar" "$layout/blobs/sha256/$layer"
blob() { # writes stdin as a blob, prints "digest size"
  local tmp="$layout/blob.tmp"; cat > "$tmp"
  local digest; digest=$(sha256sum "$tmp" | cut -d' ' -f1)
  mv "$tmp" "$layout/blobs/sha256/$digest"; echo "$digest $(stat -c %s "$layout/blobs/sha256/$digest")"
}
read -r config config_size < <(printf '{"architecture":"amd64","os":"linux","config":{},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' "$layer" | blob)
read -r manifest manifest_size < <(printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:%s","size":%s}]}' \
  "$config" "$config_size" "$layer" "$layer_size" | blob)
printf '{"imageLayoutVersion":"1.0.0"}' > "$layout/oci-layout"
printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"latest"}}]}' \
  "$manifest" "$manifest_size" > "$layout/index.json"
echo "$layout: one layer sha256:$layer, $layer_size bytes"
