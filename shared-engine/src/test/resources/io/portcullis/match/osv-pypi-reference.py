#!/usr/bin/env python3
"""Reference matcher for PyPI: reads OSV records from a zip (argv[1]) and "name<TAB>version" lines from stdin;
prints "name<TAB>record id" for every record whose affected versions include the version.
Versions are ordered by Python's own `packaging` library; ranges are evaluated as the OSV spec describes."""
import json
import re
import sys
import zipfile

from packaging.version import InvalidVersion, Version


def normalize(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def in_range(events, version):
    def key(event):
        kind, value = next(iter(event.items()))
        return (0, None) if (kind == "introduced" and value == "0") else (1, Version(value))
    affected = False
    for event in sorted(events, key=lambda e: (key(e)[0], key(e)[1] or Version("0"))):
        kind, value = next(iter(event.items()))
        if kind == "introduced" and (value == "0" or version >= Version(value)):
            affected = True
        elif kind == "fixed" and version >= Version(value):
            affected = False
        elif kind == "last_affected" and version > Version(value):
            affected = False
        elif kind == "limit" and version >= Version(value):
            return False
    return affected


def main():
    wanted = {}
    for line in sys.stdin:
        name, version = line.rstrip("\n").split("\t")
        wanted.setdefault(normalize(name), []).append((name, version))
    with zipfile.ZipFile(sys.argv[1]) as archive:
        for entry in archive.namelist():
            record = json.loads(archive.read(entry))
            if record.get("withdrawn"):
                continue
            for affected in record.get("affected", []):
                package = affected.get("package", {})
                if package.get("ecosystem") != "PyPI":
                    continue
                for name, text in wanted.get(normalize(package.get("name", "")), []):
                    try:
                        version = Version(text)
                    except InvalidVersion:
                        continue
                    hit = text in affected.get("versions", [])
                    for vrange in affected.get("ranges", []):
                        if vrange.get("type") == "ECOSYSTEM" and not hit:
                            try:
                                hit = in_range(vrange["events"], version)
                            except InvalidVersion:
                                pass
                    if hit:
                        print(name + "\t" + record["id"])


main()
