package portal

import (
	"fmt"
	"io"
)

func runServe(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "portal serve: not yet")
	return 1
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "portal check: not yet")
	return 1
}
