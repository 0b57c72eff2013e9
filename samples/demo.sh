#!/usr/bin/env bash
# The Portcullis demo in one command: builds the CLI if needed, imports the bundled OSV data
# (samples/osv) into ./build-demo/portcullis.db, scans the bundled demo image against the seed's
# security gates (samples/policy.yaml), prints the table and writes every other report format into
# ./demo-reports/. Exits with the scan's exit code (1: the gate failed, as it should here).
set -uo pipefail

samples="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$samples")"
portcullis="$root/portcullis"
db_dir="$PWD/build-demo"
reports="$PWD/demo-reports"

mkdir -p "$db_dir" "$reports" || exit 3
"$portcullis" db import --db "$db_dir/portcullis.db" "$samples"/osv/*.zip >&2 || exit $?

"$portcullis" scan "docker-archive:$samples/portcullis-demo.docker-save.tar.gz" \
  --db "$db_dir/portcullis.db" \
  --policy "$samples/policy.yaml" \
  --ignorefile /dev/null \
  --no-cache \
  --format table \
  --format "json=$reports/report.json" \
  --format "sarif=$reports/report.sarif" \
  --format "html=$reports/report.html" \
  --format "junit=$reports/junit.xml" \
  --format "markdown=$reports/report.md" \
  --format "cyclonedx=$reports/vdr.cdx.json" \
  --format "prometheus=$reports/metrics.prom" \
  --audit-log "$reports/audit.log"
status=$?
echo "portcullis demo: reports in $reports; scan exit code $status" >&2
exit "$status"
