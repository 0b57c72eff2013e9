#!/usr/bin/env bash
# Issue 11 benchmark (docs/benchmarks.md): what the secret scan costs on a large image. Builds once, under
# $BENCH_DIR/secrets (default /tmp/portcullis-bench/secrets), an OCI layout (tag "big") whose one layer holds
# text-heavy trees of this machine (Go and Python sources, documentation, man pages, Perl and Vim runtime files)
# and three planted credentials, and a vulnerability DB from samples/osv. Then times whole-process cold scans
# (--no-cache) with --scan-type vulnerability, secret and all, RUNS times each (default 3) under GNU time,
# and prints wall time, CPU time and peak RSS per run and the secret findings of the last run by rule.
# Needs umoci, openssl, jq, GNU tar and time, and the shaded jar (mvn -pl shared-engine package -DskipTests);
# JARS="before.jar after.jar" compares builds.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${BENCH_DIR:-/tmp/portcullis-bench}/secrets
runs=${RUNS:-3}
jar=${JAR:-$root/shared-engine/target/portcullis.jar}
jars=${JARS:-$jar}
java=${JAVA:-java}
trees=(usr/share/go-1.19 usr/share/doc usr/share/man usr/share/perl usr/share/vim usr/lib/python3.11)
results=$out/results
mkdir -p "$results"

if [ ! -d "$out/image" ]; then
  planted=$out/planted
  rm -rf "$planted" "$out/image.partial"
  mkdir -p "$planted/app/config" "$planted/root/.ssh"
  # Test-only credentials in the documented formats (none is live); the scan must report each of them.
  printf 'AWS_ACCESS_KEY_ID = "AKIAZ7QBENCHMARK7Q3X"\naws_secret_access_key = "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"\n' \
    >"$planted/app/config/settings.py"
  printf 'export GITHUB_TOKEN=ghp_%s\n' "$(printf 'B3nchm4rkT0k3n%.0s' 1 2 3 | cut -c1-36)" >"$planted/app/deploy.sh"
  openssl genpkey -algorithm ed25519 -out "$planted/root/.ssh/id_ed25519" 2>/dev/null
  tar --create --file "$out/layer.tar" --numeric-owner --ignore-failed-read --directory / "${trees[@]}" 2>/dev/null || true
  tar --append --file "$out/layer.tar" --numeric-owner --directory "$planted" app root
  umoci init --layout "$out/image.partial"
  umoci new --image "$out/image.partial:big"
  umoci config --image "$out/image.partial:big" --os linux --architecture amd64 --author portcullis-bench
  umoci raw add-layer --image "$out/image.partial:big" "$out/layer.tar"
  mv "$out/image.partial" "$out/image"
fi
if [ ! -f "$out/osv.db" ]; then
  $java -jar "${jars%% *}" db import --db "$out/osv.db" "$root/samples/osv/GHSA-sample.zip" "$root/samples/osv/Alpine.zip" >/dev/null
fi

cd "$out" # no .portcullisignore.yaml or .trivyignore here: nothing is suppressed
echo "layer: $(tar --list --file "$out/layer.tar" | grep -vc '/$') entries, $(( $(stat -c %s "$out/layer.tar") / 1048576 )) MiB uncompressed"
# JARS="before.jar after.jar" compares builds; their runs alternate, so both see the same machine load.
for type in vulnerability secret all; do
  for i in $(seq "$runs"); do
    for jar in $jars; do
      name=$(basename "$jar" .jar)
      load=$(cut -d' ' -f1 /proc/loadavg)
      status=0
      /usr/bin/time -f '%e %U %S %M' -o "$results/$name-$type-$i.time" $java -jar "$jar" scan "oci:$out/image:big" --scan-type "$type" \
        --db "$out/osv.db" --no-cache --format "json=$out/$name-$type.json" >/dev/null 2>"$results/$name-$type-$i.err" || status=$?
      [ "$status" -le 1 ] || { cat "$results/$name-$type-$i.err" >&2; exit "$status"; }
      read -r wall user sys rss <"$results/$name-$type-$i.time"
      echo "$name $type run $i: wall ${wall} s, user ${user} s, sys ${sys} s, peak RSS $(( rss / 1024 )) MiB, load before ${load}"
    done
  done
done
for jar in $jars; do
  name=$(basename "$jar" .jar)
  echo "$name secret findings by rule: $(jq -c '[.checks[] | select(.kind == "SECRET") | .id] | group_by(.) | map({(.[0]): length}) | add' "$out/$name-all.json")"
  echo "$name planted ones: $(jq -c '[.checks[] | select(.kind == "SECRET" and (.location | test("^(app|root)/"))) | .id + " " + .location]' "$out/$name-all.json")"
done
