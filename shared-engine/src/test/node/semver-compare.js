// Reads "a<TAB>b" lines; prints -1, 0 or 1 as npm's semver orders a and b, or "invalid"
// when semver (strict mode) rejects either version.
const semver = require('semver');
const input = require('fs').readFileSync(0, 'utf8');
for (const line of input.split('\n').filter((l) => l.length > 0)) {
  const [a, b] = line.split('\t');
  if (semver.valid(a) === null || semver.valid(b) === null) {
    console.log('invalid');
  } else {
    console.log(semver.compare(a, b));
  }
}
