#!/usr/bin/env bash
# Builds samples/portcullis-demo.docker-save.tar.gz without Docker: the real alpine:3.11 image
# (samples/alpine-3.11.docker-save.tar.gz) plus one application layer with real artifacts that have
# published advisories:
#   /app/lib/log4j-core-2.14.1.jar, /app/lib/log4j-api-2.14.1.jar  (Maven Central; Log4Shell)
#   /app/node_modules/...  (npm ci --ignore-scripts of samples/demo-app/package-lock.json:
#                           lodash 4.17.20, minimist 1.2.5, qs 6.10.1 and qs's dependencies)
# Needs curl, npm, skopeo, umoci, tar, gzip, sha256sum. Timestamps are fixed, so two runs on the
# same inputs give the same image config and layer digests.
set -euo pipefail

samples="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$samples/portcullis-demo.docker-save.tar.gz}"
created="2021-12-10T00:00:00Z"   # the day Log4Shell was published
epoch=1639094400                 # the same instant, for tar
maven="${MAVEN_CENTRAL:-https://repo1.maven.org/maven2}"

for tool in curl npm skopeo umoci tar gzip sha256sum; do
  command -v "$tool" >/dev/null || { echo "build-demo-image.sh: $tool is required" >&2; exit 3; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The application layer's content.
mkdir -p "$work/layer/app/lib"
fetch_jar() {  # artifactId, sha256 of the jar as published on Maven Central
  local jar="$work/layer/app/lib/$1-2.14.1.jar"
  curl -sSf -o "$jar" "$maven/org/apache/logging/log4j/$1/2.14.1/$1-2.14.1.jar"
  echo "$2  $jar" | sha256sum -c --quiet - || { echo "build-demo-image.sh: $1-2.14.1.jar checksum mismatch" >&2; exit 3; }
}
fetch_jar log4j-core ade7402a70667a727635d5c4c29495f4ff96f061f12539763f6f123973b465b0
fetch_jar log4j-api 8caf58db006c609949a0068110395a33067a2bad707c3da35e959c0473f9a916
cp "$samples/demo-app/package.json" "$samples/demo-app/package-lock.json" "$work/layer/app/"
(cd "$work/layer/app" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
chmod -R u=rwX,go=rX "$work/layer/app"
tar --sort=name --mtime="@$epoch" --owner=0 --group=0 --numeric-owner --format=gnu \
    -C "$work/layer" -cf "$work/app.tar" app

# Base image as an OCI layout, the layer appended, fixed timestamps, written back as a docker-archive.
gzip -dc "$samples/alpine-3.11.docker-save.tar.gz" > "$work/alpine.tar"
skopeo --insecure-policy copy -q "docker-archive:$work/alpine.tar" "oci:$work/oci:demo"
umoci raw add-layer --image "$work/oci:demo" --history.created "$created" \
    --history.created_by "COPY app /app (log4j 2.14.1 jars, npm ci of samples/demo-app)" "$work/app.tar"
umoci config --image "$work/oci:demo" --created "$created" --no-history \
    --config.workingdir /app --config.cmd sh
skopeo --insecure-policy copy -q "oci:$work/oci:demo" "docker-archive:$work/demo.tar:portcullis-demo:latest"
gzip -n -9 -c "$work/demo.tar" > "$out.tmp"
mv "$out.tmp" "$out"
echo "wrote $out ($(du -h "$out" | cut -f1))" >&2
