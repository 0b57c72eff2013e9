#!/usr/bin/env bash
# Reads "a<TAB>b" lines; prints -1, 0 or 1 as dpkg --compare-versions orders a and b, or "invalid"
# when dpkg rejects either version (exit status 2).
while IFS=$'\t' read -r a b; do
  dpkg --compare-versions "$a" lt "$b" 2>/dev/null
  case $? in
    0) echo -1 ;;
    1) if dpkg --compare-versions "$a" eq "$b" 2>/dev/null; then echo 0; else echo 1; fi ;;
    *) echo invalid ;;
  esac
done
