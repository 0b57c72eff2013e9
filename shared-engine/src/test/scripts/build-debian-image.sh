#!/usr/bin/env bash
# Builds a real Debian bookworm image without a Docker engine, for tests and benchmarks.
#
#   build-debian-image.sh OUT_DIR
#
# Produces, and reuses on later runs (each step is skipped when its result is complete):
#   OUT_DIR/rootfs/        debootstrap --variant=minbase bookworm (the reference filesystem)
#   OUT_DIR/layer.tar      that rootfs as one uncompressed tar (entries "./...")
#   OUT_DIR/oci/           OCI image layout holding
#                            bookworm   linux/amd64 image, one gzip layer made from layer.tar
#                            arm64      linux/arm64 image, one tiny layer (file "arm64-marker")
#                            multiarch  an image index of the two, platforms in the descriptors
# Needs root (debootstrap), debootstrap, umoci, jq, sha256sum and network access to the mirror.
set -euo pipefail

out=${1:?usage: build-debian-image.sh OUT_DIR}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
mkdir -p "$out"
out=$(cd "$out" && pwd)

for tool in debootstrap umoci jq sha256sum tar; do
  command -v "$tool" >/dev/null || { echo "build-debian-image.sh: $tool is not installed (see .ci/install-deps)" >&2; exit 2; }
done

# 1. Root filesystem. Built in a scratch dir and renamed, so an interrupted run is never mistaken for a result.
if [ ! -f "$out/rootfs/var/lib/dpkg/status" ]; then
  rm -rf "$out/rootfs.partial" "$out/rootfs"
  debootstrap --variant=minbase bookworm "$out/rootfs.partial" "$mirror" >"$out/debootstrap.log" 2>&1 \
    || { echo "debootstrap failed, see $out/debootstrap.log" >&2; tail -20 "$out/debootstrap.log" >&2; exit 1; }
  mv "$out/rootfs.partial" "$out/rootfs"
fi

# 2. The layer tar. Device nodes are left out: they carry no packages and need root to re-create.
if [ ! -f "$out/layer.tar" ]; then
  tar --create --file "$out/layer.tar.partial" --directory "$out/rootfs" \
      --sort=name --numeric-owner --exclude=./dev/* --exclude=./proc/* --exclude=./sys/* .
  mv "$out/layer.tar.partial" "$out/layer.tar"
fi

# 3. The OCI layout.
if [ ! -f "$out/oci/.complete" ]; then
  rm -rf "$out/oci" "$out/scratch"
  umoci init --layout "$out/oci"

  umoci new --image "$out/oci:bookworm"
  umoci config --image "$out/oci:bookworm" --os linux --architecture amd64 \
      --config.cmd /bin/bash --author portcullis-tests
  umoci raw add-layer --image "$out/oci:bookworm" --history.created_by "debootstrap --variant=minbase bookworm" "$out/layer.tar"

  mkdir -p "$out/scratch/marker"
  echo "arm64 test image" >"$out/scratch/marker/arm64-marker"
  tar --create --file "$out/scratch/marker.tar" --directory "$out/scratch/marker" --numeric-owner .
  umoci new --image "$out/oci:arm64"
  umoci config --image "$out/oci:arm64" --os linux --architecture arm64 --author portcullis-tests
  umoci raw add-layer --image "$out/oci:arm64" "$out/scratch/marker.tar"

  # An index of the two manifests, stored as a blob and tagged "multiarch" in index.json.
  descriptor() { jq -c --arg ref "$1" '.manifests[] | select(.annotations["org.opencontainers.image.ref.name"] == $ref) | del(.annotations)' "$out/oci/index.json"; }
  amd64=$(descriptor bookworm | jq -c '. + {platform: {os: "linux", architecture: "amd64"}}')
  arm64=$(descriptor arm64 | jq -c '. + {platform: {os: "linux", architecture: "arm64"}}')
  jq -cn --argjson a "$amd64" --argjson b "$arm64" \
      '{schemaVersion: 2, mediaType: "application/vnd.oci.image.index.v1+json", manifests: [$a, $b]}' \
      | tr -d '\n' >"$out/scratch/index.json"
  digest=$(sha256sum "$out/scratch/index.json" | cut -d' ' -f1)
  size=$(stat -c %s "$out/scratch/index.json")
  cp "$out/scratch/index.json" "$out/oci/blobs/sha256/$digest"
  jq --arg d "sha256:$digest" --argjson s "$size" \
      '.manifests += [{mediaType: "application/vnd.oci.image.index.v1+json", digest: $d, size: $s,
                       annotations: {"org.opencontainers.image.ref.name": "multiarch"}}]' \
      "$out/oci/index.json" >"$out/scratch/layout-index.json"
  mv "$out/scratch/layout-index.json" "$out/oci/index.json"
  rm -rf "$out/scratch"
  umoci gc --layout "$out/oci"
  touch "$out/oci/.complete"
fi
echo "$out"
