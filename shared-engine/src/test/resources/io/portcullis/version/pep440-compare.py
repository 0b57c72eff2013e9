# Usage: pep440-compare.py current|21.3
# Reads "a<TAB>b" lines; prints -1, 0 or 1 as Python's packaging orders a and b, or "invalid"
# when packaging rejects either version. "current" is the installed packaging (python3-packaging);
# "21.3" is the packaging 21.3 that Debian's python3-pip vendors, the last with LegacyVersion.
import sys
import warnings

warnings.simplefilter("ignore")
if sys.argv[1] == "21.3":
    import pip._vendor.packaging as packaging
    from pip._vendor.packaging.version import InvalidVersion, parse
else:
    import packaging
    from packaging.version import InvalidVersion
    from packaging.version import Version as parse
if sys.argv[1] == "21.3" and packaging.__version__ != "21.3":
    sys.exit("expected pip to vendor packaging 21.3, found " + packaging.__version__)
print("packaging " + packaging.__version__, file=sys.stderr)

for line in sys.stdin:
    a, b = line.rstrip("\n").split("\t")
    try:
        x, y = parse(a), parse(b)
    except InvalidVersion:
        print("invalid")
        continue
    print((x > y) - (x < y))
