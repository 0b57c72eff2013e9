# Reads "a<TAB>b" lines; prints -1, 0 or 1 as packaging.version orders a and b, or "invalid"
# when packaging rejects either version.
import sys
from packaging.version import InvalidVersion, Version

for line in sys.stdin:
    a, b = line.rstrip("\n").split("\t")
    try:
        x, y = Version(a), Version(b)
    except InvalidVersion:
        print("invalid")
        continue
    print((x > y) - (x < y))
