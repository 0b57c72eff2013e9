#!/usr/bin/env bash
# Issue 3 benchmark (docs/benchmarks.md): the Debian base plus a layer with this machine's
# ~/.m2/repository (1,000+ jars), scanned cold (--no-cache) with every analyzer, without the Java
# analyzer, and with the OS analyzers only. Needs hyperfine, GNU time, jq and prepare-images.sh's m2-oci.tar.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${BENCH_DIR:-/tmp/portcullis-bench}
runs=${RUNS:-3}
jar=$root/shared-engine/target/portcullis.jar
results=$out/results
mkdir -p "$results"
java=${JAVA:-java}
image="oci-archive:$out/m2-oci.tar:m2"
apps=java-archive,npm-node-modules,npm-package-lock,python-metadata,go-binary,ruby-gemspec,php-composer-installed,dotnet-deps-json,rust-cargo-auditable

echo "jars under ~/.m2/repository now (the image holds the copy made by prepare-images.sh): $(find ~/.m2/repository -name '*.jar' | wc -l)"
echo "== load before: $(cut -d' ' -f1-3 /proc/loadavg)"
hyperfine --runs "$runs" --export-json "$results/issue3.json" \
  -n all "$java -jar $jar sbom $image --no-cache -o $out/m2-all.json" \
  -n no-java "$java -jar $jar sbom $image --no-cache --exclude-analyzer java-archive -o $out/m2-nojava.json" \
  -n os-only "$java -jar $jar sbom $image --no-cache --exclude-analyzer $apps -o $out/m2-os.json"
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -v -o "$results/m2-rss-all.txt" $java -jar "$jar" sbom "$image" --no-cache -o "$out/m2-all.json"
/usr/bin/time -v -o "$results/m2-rss-os.txt" $java -jar "$jar" sbom "$image" --no-cache --exclude-analyzer "$apps" -o "$out/m2-os.json"
grep -H "Maximum resident" "$results"/m2-rss-all.txt "$results"/m2-rss-os.txt
for f in all nojava os; do
  echo "$f: components $(jq '.components | length' "$out/m2-$f.json"), maven $(jq '[.components[] | select(.purl // "" | startswith("pkg:maven/"))] | length' "$out/m2-$f.json")"
done
