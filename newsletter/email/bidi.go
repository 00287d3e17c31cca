package email

// Phone numbers written with spaces ("800 186 086") fall apart inside
// right-to-left text: the bidi algorithm lays the digit groups out from right
// to left, so an Arabic reader would see "086 186 800". The renderers isolate
// such runs as left-to-right: <bdi dir="ltr"> in HTML, U+2066…U+2069 in text.

const (
	lri = "\u2066" // LEFT-TO-RIGHT ISOLATE
	pdi = "\u2069" // POP DIRECTIONAL ISOLATE
)

// phoneRuns returns the byte ranges [start, end) of phone-number-like runs in
// s: an optional "+", then at least three groups of ASCII digits separated by
// single spaces, or two groups after a "+", with six digits or more in all.
// Years and counts next to each other ("2012 28") are not matched, because
// isolating them would change the order in which an RTL reader meets them.
func phoneRuns(s string) [][2]int {
	var runs [][2]int
	isDigit := func(i int) bool { return i < len(s) && s[i] >= '0' && s[i] <= '9' }
	for i := 0; i < len(s); {
		start := i
		plus := false
		if s[i] == '+' && isDigit(i+1) && (i == 0 || !isDigit(i-1)) {
			plus = true
			i++
		} else if !isDigit(i) || (i > 0 && isDigit(i-1)) {
			i++
			continue
		}
		groups, digits, end := 0, 0, i
		for isDigit(i) {
			for isDigit(i) {
				i++
				digits++
			}
			groups++
			end = i
			if i+1 < len(s) && s[i] == ' ' && isDigit(i+1) {
				i++
				continue
			}
			break
		}
		i = end
		if digits >= 6 && (groups >= 3 || (plus && groups >= 2)) {
			runs = append(runs, [2]int{start, end})
		}
		if i == start {
			i++
		}
	}
	return runs
}
