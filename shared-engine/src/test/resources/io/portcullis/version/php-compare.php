<?php
// Reads "a<TAB>b" lines; prints -1, 0 or 1 as PHP's version_compare orders a and b after one
// leading "v" or "V" is dropped (as Composer drops it and OSV's Packagist ordering does).
fwrite(STDERR, 'php ' . PHP_VERSION . "\n");
while (($line = fgets(STDIN)) !== false) {
    [$a, $b] = explode("\t", rtrim($line, "\n"), 2);
    echo version_compare(preg_replace('/^[vV]/', '', $a), preg_replace('/^[vV]/', '', $b)), "\n";
}
