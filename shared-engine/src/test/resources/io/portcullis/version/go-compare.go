// Reads "a<TAB>b" lines; prints -1, 0 or 1 as golang.org/x/mod/semver orders a and b (a "v" is
// added when missing, as OSV writes Go versions without it), or "invalid" when either is not valid.
package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	"golang.org/x/mod/semver"
)

func withV(v string) string {
	if strings.HasPrefix(v, "v") {
		return v
	}
	return "v" + v
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		pair := strings.SplitN(in.Text(), "\t", 2)
		a, b := withV(pair[0]), withV(pair[1])
		if !semver.IsValid(a) || !semver.IsValid(b) {
			fmt.Println("invalid")
			continue
		}
		fmt.Println(semver.Compare(a, b))
	}
}
