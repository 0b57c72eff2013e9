#!/usr/bin/env bash
# Writes a root filesystem whose dpkg status database lists N packages (default 1,000,000), for the
# streaming-output benchmark in docs/benchmarks.md:  bash bench/make-dpkg-rootfs.sh /tmp/dpkg-1m [N]
# Stanzas look like Debian's, trimmed (no Depends, one-line descriptions) so that 1M of them stay under the
# 256 MB the dpkg analyzer reads: one source package for every 10 binaries, a handful of maintainers.
set -euo pipefail
root=${1:?usage: make-dpkg-rootfs.sh DIR [COUNT]}
count=${2:-1000000}
mkdir -p "$root/etc" "$root/var/lib/dpkg"
cat > "$root/etc/os-release" <<'RELEASE'
PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
RELEASE
awk -v n="$count" 'BEGIN {
  split("amd64 all", arch, " ");
  split("Debian Base System <debian-boot@lists.debian.org>|Debian Perl Group <pkg-perl-maintainers@lists.alioth.debian.org>|Debian Python Team <team+python@tracker.debian.org>|Debian GCC Maintainers <debian-gcc@lists.debian.org>", maint, "|");
  for (i = 0; i < n; i++) {
    src = sprintf("bench-source-%06d", int(i / 10));
    printf "Package: bench-package-%07d\n", i;
    printf "Status: install ok installed\n";
    printf "Installed-Size: %d\n", 100 + i % 5000;
    printf "Maintainer: %s\n", maint[1 + i % 4];
    printf "Architecture: %s\n", arch[1 + i % 2];
    printf "Source: %s (%d.%d-%d)\n", src, 1 + i % 7, i % 13, 1 + i % 3;
    printf "Version: %d.%d-%d+b1\n", 1 + i % 7, i % 13, 1 + i % 3;
    printf "Description: benchmark package %d\n\n", i;
  }
}' > "$root/var/lib/dpkg/status"
echo "$root: $(grep -c '^Package: ' "$root/var/lib/dpkg/status") packages, $(du -h "$root/var/lib/dpkg/status" | cut -f1)"
