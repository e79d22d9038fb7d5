package knowledge

import (
	"fmt"
	"sort"
	"strings"
)

// Pos is where an entry stands in its YAML file. It also remembers where each
// of the entry's fields stands, so that a problem points at the very line.
type Pos struct {
	File      string
	Line, Col int
	fields    map[string]lineCol
}

type lineCol struct{ line, col int }

// At returns the position of a field path inside the entry, such as "phone",
// "phone[1]" or "title.de". A path that is missing falls back to its nearest
// parent, and finally to the entry itself.
func (p Pos) At(path string) Pos {
	for path != "" {
		if lc, ok := p.fields[path]; ok {
			return Pos{File: p.File, Line: lc.line, Col: lc.col}
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			break
		}
		path = path[:i]
	}
	return Pos{File: p.File, Line: p.Line, Col: p.Col}
}

func (p Pos) has(path string) bool {
	_, ok := p.fields[path]
	return ok
}

func (p Pos) String() string { return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col) }

// Severity tells errors, which stop a knowledge base from loading, from
// warnings, which staff should fix but which do not stop the bot.
type Severity int

const (
	Error Severity = iota
	Warning
)

// Problem is one finding in one file, printed like a compiler message.
type Problem struct {
	Pos      Pos
	Severity Severity
	Msg      string
}

func (p Problem) String() string {
	if p.Severity == Warning {
		return fmt.Sprintf("%s: warning: %s", p.Pos, p.Msg)
	}
	return fmt.Sprintf("%s: %s", p.Pos, p.Msg)
}

// Problems is the error Load returns when a knowledge base is invalid. It lists
// every problem found, errors first, each in file and line order.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Errors returns only the problems that stop loading.
func (ps Problems) Errors() Problems { return ps.filter(Error) }

// Warnings returns only the problems that do not stop loading.
func (ps Problems) Warnings() Problems { return ps.filter(Warning) }

func (ps Problems) filter(s Severity) Problems {
	var out Problems
	for _, p := range ps {
		if p.Severity == s {
			out = append(out, p)
		}
	}
	return out
}

func (ps Problems) sort() {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.Severity != b.Severity {
			return a.Severity < b.Severity
		}
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		return a.Pos.Col < b.Pos.Col
	})
}
