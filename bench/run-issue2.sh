#!/usr/bin/env bash
# Issue 2 benchmarks (docs/benchmarks.md): whole-process runs of the shaded jar on the Debian
# bookworm OCI tar and on the 5x image. Needs hyperfine, GNU time (/usr/bin/time), jq and the images
# from prepare-images.sh. Results go to $BENCH_DIR/results/ (hyperfine JSON, time -v output).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${BENCH_DIR:-/tmp/portcullis-bench}
runs=${RUNS:-5}
jar=$root/shared-engine/target/portcullis.jar
results=$out/results
mkdir -p "$results"
[ -f "$jar" ] || (cd "$root" && mvn -B -q -ntp -pl shared-engine -am -DskipTests package)
java=${JAVA:-java}
debian=$out/debian-oci.tar
big=$out/big-oci.tar

# The floor: decompressing the one gzip layer, which any scanner must do.
layer_digest=$(tar --extract --to-stdout --file "$debian" ./index.json | jq -r '.manifests[] | select(.annotations["org.opencontainers.image.ref.name"]=="bookworm") | .digest')
layer=$(tar --extract --to-stdout --file "$debian" "./blobs/sha256/${layer_digest#sha256:}" | jq -r '.layers[0].digest')
tar --extract --file "$debian" --directory "$out" "./blobs/sha256/${layer#sha256:}"
layer_file=$out/blobs/sha256/${layer#sha256:}

echo "== load before: $(cut -d' ' -f1-3 /proc/loadavg)"
hyperfine --runs "$runs" --warmup 1 --export-json "$results/floor-gzip.json" "gzip -dc $layer_file > /dev/null"
hyperfine --runs "$runs" --warmup 1 --export-json "$results/jvm-start.json" "$java -jar $jar --version"
echo "== load: $(cut -d' ' -f1-3 /proc/loadavg)"
hyperfine --runs "$runs" --export-json "$results/cold.json" --prepare "rm -rf $out/cache" \
  "$java -jar $jar sbom oci-archive:$debian:bookworm --cache-dir $out/cache -o $out/cold.json"
echo "== load: $(cut -d' ' -f1-3 /proc/loadavg)"
hyperfine --runs "$runs" --warmup 1 --export-json "$results/warm.json" \
  "$java -jar $jar sbom oci-archive:$debian:bookworm --cache-dir $out/cache -o $out/warm.json"
echo "== load: $(cut -d' ' -f1-3 /proc/loadavg)"

# Peak RSS of one cold and one warm run, default heap settings.
rm -rf "$out/cache"
/usr/bin/time -v -o "$results/rss-cold.txt" $java -jar "$jar" sbom "oci-archive:$debian:bookworm" --cache-dir "$out/cache" -o "$out/cold.json"
/usr/bin/time -v -o "$results/rss-warm.txt" $java -jar "$jar" sbom "oci-archive:$debian:bookworm" --cache-dir "$out/cache" -o "$out/warm.json"
grep -H "Maximum resident\|Elapsed" "$results"/rss-*.txt

# Heap independent of image size: the same small -Xmx on the 1x and the 5x image, with GC logs.
for image in "$debian:bookworm" "$big:big"; do
  name=$(basename "${image%%:*}" .tar)
  rm -rf "$out/cache"
  /usr/bin/time -v -o "$results/xmx-$name.txt" $java -Xmx${XMX:-64m} -Xlog:gc:file="$results/gc-$name.log" -jar "$jar" \
    sbom "oci-archive:$image" --no-cache -o "$out/$name-xmx.json"
  echo "$name: exit 0 with -Xmx${XMX:-64m}; $(grep 'Maximum resident' "$results/xmx-$name.txt"); components $(jq '.components | length' "$out/$name-xmx.json")"
  # Largest heap in use after any GC, from the unified GC log ("...M->NNM(...)").
  echo "$name: max heap after GC $(grep -o '[0-9]*M->[0-9]*M' "$results/gc-$name.log" | sed 's/.*->//; s/M//' | sort -n | tail -1)M"
done
hyperfine --runs 3 --export-json "$results/big-cold.json" "$java -jar $jar sbom oci-archive:$big:big --no-cache -o $out/big.json"
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$out/blobs"
