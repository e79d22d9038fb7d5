package knowledge

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Base is a complete, validated knowledge base. It is read-only after Load and
// safe for concurrent use.
type Base struct {
	Categories []Category
	Topics     []Topic
	Offices    []Office
	Districts  []District
	Synonyms   []Synonym
	// WordParts are the parts into which long German compounds are split for
	// search ("Pflegeheimkosten" → pflege, heim, kosten).
	WordParts []string
	// Elsewhere are words for services of other offices (Personalausweis,
	// Kindergeld, Kfz-Steuer): a question about them is never answered with
	// one of our topics just because the topic mentions the word.
	Elsewhere []string
	// ElsewherePairs are services of other offices that two words name
	// wherever they stand ("Wie melde ich mein Auto ab?").
	ElsewherePairs []ElsewherePair
	// Helplines are the crisis lines (national emergency and crisis
	// numbers); Crises say which of them to show for which emergency.
	Helplines []CrisisLine
	Crises    []Crisis
	// CrisisCues are the word classes and idioms the crises' signals share.
	CrisisCues []CrisisCue
	// Distress are the signals of distress below a crisis (DetectDistress).
	Distress []Distress
	// Translations are the translation files (i18n/<lang>.yaml) by language.
	Translations map[string]*TranslationFile
	// Warnings are problems that staff should fix but that do not stop the bot.
	Warnings Problems

	digest    string
	topics    map[string]*Topic
	offices   map[string]*Office
	districts map[string]*District
	postcodes map[string][]string
	lines     map[string]*CrisisLine
	crises    map[string]*Crisis
	idioms    phraseSet    // the compiled idioms of CrisisCues
	fuzzy     typoIndex    // the long words of the crisis signals
	cueWords  cueIndex     // the words of the crisis cues, all languages together
	model     *crisisModel // the crisis model, nil when it does not fit the crises
}

// Digest identifies the files the base was loaded from: two bases have the
// same digest when they were loaded from the same file names and contents.
func (b *Base) Digest() string { return b.digest }

// Topic returns the topic with the id, or nil.
func (b *Base) Topic(id string) *Topic { return b.topics[id] }

// The values of a topic's need_span.
const (
	SpanLasting   = "lasting"
	SpanTemporary = "temporary"
	// SpanWorking is the same need for those who can work (Bürgergeld):
	// "ich bin 34 und kann arbeiten" leaves the other two for it.
	SpanWorking = "working"
)

// SpanTopic returns the topic whose need_span is span, or nil (validate
// allows one topic per value).
func (b *Base) SpanTopic(span string) *Topic {
	for i := range b.Topics {
		if b.Topics[i].NeedSpan == span {
			return &b.Topics[i]
		}
	}
	return nil
}

// Office returns the office with the id, or nil.
func (b *Base) Office(id string) *Office { return b.offices[id] }

// District returns the Stadtbezirk with the id, or nil.
func (b *Base) District(id string) *District { return b.districts[id] }

// DistrictsOfPostcode returns the ids of the Stadtbezirke a postcode lies in:
// none for an unknown postcode, several for an ambiguous one.
func (b *Base) DistrictsOfPostcode(code string) []string { return b.postcodes[code] }

// OfficesOf returns the offices of a topic, in the order the topic lists them.
func (b *Base) OfficesOf(t *Topic) []*Office {
	out := make([]*Office, 0, len(t.Offices))
	for _, id := range t.Offices {
		if o := b.offices[id]; o != nil {
			out = append(out, o)
		}
	}
	return out
}

// Options tune Load. The zero value is ready to use.
type Options struct {
	// Now is today; entries reviewed after it are errors. Zero means time.Now.
	Now time.Time
	// MaxAge is how old a review may be before it is flagged. Zero means six months.
	MaxAge time.Duration
}

// DefaultMaxAge is how long a reviewed entry stays fresh.
const DefaultMaxAge = 183 * 24 * time.Hour

// maxFileSize keeps a mistaken copy of a huge file from eating memory.
const maxFileSize = 4 << 20

// file is what one YAML file may hold; any file may hold any of the lists.
type file struct {
	Categories []Category `yaml:"categories"`
	Topics     []Topic    `yaml:"topics"`
	Offices    []Office   `yaml:"offices"`
	Districts  []District `yaml:"districts"`
	Synonyms   []Synonym  `yaml:"synonyms"`
	WordParts  []string   `yaml:"word_parts"`
	Elsewhere  []string   `yaml:"elsewhere"`

	ElsewherePairs []ElsewherePair `yaml:"elsewhere_pairs"`

	CrisisLines []CrisisLine `yaml:"crisis_lines"`
	Crises      []Crisis     `yaml:"crises"`
	CrisisCues  []CrisisCue  `yaml:"crisis_cues"`
	Distress    []Distress   `yaml:"distress"`
}

// IsKnowledgeFile reports whether a file name in a knowledge folder is read:
// *.yaml and *.yml, but not hidden files or editors' backup copies.
func IsKnowledgeFile(name string) bool {
	base := path.Base(name)
	if strings.HasPrefix(base, ".") || strings.HasPrefix(base, "#") || strings.HasSuffix(base, "~") {
		return false
	}
	ext := path.Ext(base)
	return ext == ".yaml" || ext == ".yml"
}

// Load reads every knowledge file in the root of fsys, checks the whole, and
// returns the knowledge base. When anything is wrong it returns a nil Base and
// a Problems error that lists every problem at once; nothing is half-loaded.
//
// Load suits folders in memory or compiled into the binary. A folder on disk
// is loaded through a Source, which also refuses links out of the folder,
// pipes and devices, and bounds the time the disk may take.
func Load(fsys fs.FS, opts Options) (*Base, error) {
	files, problems, err := readFS(fsys)
	if err != nil {
		return nil, err
	}
	return build(files, problems, opts)
}

// rawFile is one knowledge file as read, before it is parsed.
type rawFile struct {
	name string
	data []byte
}

// readFS reads the knowledge files of fsys. Entries that are not regular
// files are problems, not read.
func readFS(fsys fs.FS) ([]rawFile, Problems, error) {
	var files []rawFile
	var problems Problems
	for _, dir := range folders {
		entries, err := fs.ReadDir(fsys, dir)
		if dir != "." && errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, nil, fmt.Errorf("read knowledge folder: %w", err)
		}
		for _, e := range entries {
			if e.IsDir() || !IsKnowledgeFile(e.Name()) {
				continue
			}
			name := path.Join(dir, e.Name())
			if !e.Type().IsRegular() {
				problems = append(problems, refused(name, "is not a regular file; only plain files are read"))
				continue
			}
			data, err := readLimited(fsys, name)
			if err != nil {
				return nil, nil, err
			}
			files = append(files, rawFile{name, data})
		}
	}
	return files, problems, nil
}

// folders are where knowledge files are read: the folder itself and its
// translations (i18n/<lang>.yaml).
var folders = []string{".", TranslationDir}

// refused is the problem of a file that is not read at all. It names the file
// and never quotes what is in it.
func refused(name, why string) Problem {
	return Problem{Pos: Pos{File: name, Line: 1, Col: 1}, Msg: why}
}

// build parses and checks the files read, together with the problems found
// while reading them.
func build(files []rawFile, problems Problems, opts Options) (*Base, error) {
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	if opts.MaxAge == 0 {
		opts.MaxAge = DefaultMaxAge
	}
	if len(files) == 0 && len(problems) == 0 {
		return nil, Problems{{Pos: Pos{File: ".", Line: 1, Col: 1}, Msg: "no knowledge files (*.yaml) in the folder"}}
	}
	var all file
	var translations []rawFile
	for _, rf := range files {
		if strings.HasPrefix(rf.name, TranslationDir+"/") {
			translations = append(translations, rf)
			continue
		}
		f, ps := parseFile(rf.name, rf.data)
		problems = append(problems, ps...)
		all.Categories = append(all.Categories, f.Categories...)
		all.Topics = append(all.Topics, f.Topics...)
		all.Offices = append(all.Offices, f.Offices...)
		all.Districts = append(all.Districts, f.Districts...)
		all.Synonyms = append(all.Synonyms, f.Synonyms...)
		all.WordParts = append(all.WordParts, f.WordParts...)
		all.Elsewhere = append(all.Elsewhere, f.Elsewhere...)
		all.ElsewherePairs = append(all.ElsewherePairs, f.ElsewherePairs...)
		all.CrisisLines = append(all.CrisisLines, f.CrisisLines...)
		all.Crises = append(all.Crises, f.Crises...)
		all.CrisisCues = append(all.CrisisCues, f.CrisisCues...)
		all.Distress = append(all.Distress, f.Distress...)
	}
	b := &Base{
		Categories: all.Categories,
		Topics:     all.Topics,
		Offices:    all.Offices,
		Districts:  all.Districts,
		Synonyms:   all.Synonyms,
		WordParts:  all.WordParts,
		Elsewhere:  all.Elsewhere,

		ElsewherePairs: all.ElsewherePairs,
		digest:         digest(files),
		Helplines:      all.CrisisLines,
		Crises:         all.Crises,
		CrisisCues:     all.CrisisCues,
		Distress:       all.Distress,
	}
	problems = append(problems, b.index()...)
	problems = append(problems, b.loadTranslations(translations)...)
	problems = append(problems, b.validate(opts)...)
	problems.sort()
	if len(problems.Errors()) > 0 {
		return nil, problems
	}
	b.Warnings = problems
	return b, nil
}

// digest identifies the files a base was loaded from: names and contents.
func digest(files []rawFile) string {
	h := sha256.New()
	for _, f := range files {
		fmt.Fprintf(h, "%s\x00%d\x00", f.name, len(f.data))
		h.Write(f.data)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func readLimited(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", name, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return data, nil
}

var (
	lineMsg      = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)
	unknownField = regexp.MustCompile(`^field (\S+) not found in type knowledge\.(\w+)$`)
)

// parseFile decodes one file strictly and records where each entry and each
// of its fields stands.
func parseFile(name string, data []byte) (file, Problems) {
	var f file
	root, problems, ok := decodeStrict(name, data, &f, "knowledge", `a knowledge file starts with lists such as "topics:" or "offices:"`)
	switch {
	case !ok:
		return file{}, problems
	case root == nil:
		// An error, not a warning: a file saved empty by mistake would
		// otherwise take its topics out of service without a word.
		return f, Problems{{Pos: Pos{File: name, Line: 1, Col: 1}, Msg: "file is empty (or holds only comments); a knowledge file holds lists such as \"topics:\"; delete the file if it is no longer needed"}}
	}
	attachPositions(name, root, &f)
	return f, problems
}

// decodeStrict decodes the YAML file data into v, refusing unknown keys, and
// returns its root mapping (nil for a file with nothing in it) and every
// problem at its line. ok is false when the file could not be read as the
// kind of file it is (what: "knowledge", "translation"; lists says what
// such a file starts with); v is then not to be used.
func decodeStrict(name string, data []byte, v any, what, lists string) (root *yaml.Node, problems Problems, ok bool) {
	at := func(line, col int, format string, args ...any) Problem {
		return Problem{Pos: Pos{File: name, Line: line, Col: col}, Msg: fmt.Sprintf(format, args...)}
	}
	if len(data) > maxFileSize {
		return nil, Problems{at(1, 1, "file is larger than %d MiB; is it really a %s file?", maxFileSize>>20, what)}, false
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, Problems{syntaxProblem(name, data, err)}, false
	}
	if len(doc.Content) == 0 {
		return nil, nil, true
	}
	root = doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, Problems{at(root.Line, root.Column, "%s, not %s", lists, kindName(root))}, false
	}
	firstCol := map[int]int{}
	walkNodes(root, func(n *yaml.Node) {
		if c, ok := firstCol[n.Line]; !ok || n.Column < c {
			firstCol[n.Line] = n.Column
		}
	})
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		var te *yaml.TypeError
		if !errors.As(err, &te) {
			return nil, Problems{syntaxProblem(name, data, err)}, false
		}
		for _, msg := range te.Errors {
			line, text := 1, msg
			if m := lineMsg.FindStringSubmatch(msg); m != nil {
				line, _ = strconv.Atoi(m[1])
				text = m[2]
			}
			problems = append(problems, at(line, max(firstCol[line], 1), "%s", friendlyTypeError(text)))
		}
	}
	return root, problems, true
}

func syntaxProblem(name string, data []byte, err error) Problem {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 1
	if m := lineMsg.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	if l, c, ok := tabAt(data, line, msg); ok {
		return Problem{Pos: Pos{File: name, Line: l, Col: c}, Msg: "YAML syntax: a tab character; indent with spaces only (many editors can show tabs or turn them into spaces)"}
	}
	return Problem{Pos: Pos{File: name, Line: line, Col: 1}, Msg: "YAML syntax: " + msg + " (check the indentation and quotes on this line and the ones above)"}
}

// tabAt finds the tab that yaml.v3's error msg, reported at line, is about.
// For a tab in the indentation, yaml.v3 names the line where the value
// before it began (its context mark), so the tab is looked for in the
// indentation of the lines after that one. For "cannot start any token" the
// line is the tab's own, and the first tab on it is the one.
func tabAt(data []byte, line int, msg string) (l, col int, ok bool) {
	lines := strings.Split(string(data), "\n")
	column := func(text string, i int) int { return utf8.RuneCountInString(text[:i]) + 1 }
	switch {
	case strings.Contains(msg, "cannot start any token"):
		if line >= 1 && line <= len(lines) {
			if i := strings.IndexByte(lines[line-1], '\t'); i >= 0 {
				return line, column(lines[line-1], i), true
			}
		}
	case strings.Contains(msg, "tab character"):
		for n := max(line+1, 1); n <= len(lines); n++ {
			text := lines[n-1]
			indent := text[:len(text)-len(strings.TrimLeft(text, " \t"))]
			if i := strings.IndexByte(indent, '\t'); i >= 0 {
				return n, column(text, i), true
			}
		}
	}
	return 0, 0, false
}

// friendlyTypeError rewrites yaml.v3's messages for people who never saw Go.
func friendlyTypeError(msg string) string {
	if m := unknownField.FindStringSubmatch(msg); m != nil {
		if allowed := fieldNames(m[2]); allowed != "" {
			return fmt.Sprintf("unknown field %q (check the spelling; allowed here: %s)", m[1], allowed)
		}
		return fmt.Sprintf("unknown field %q (check the spelling)", m[1])
	}
	if strings.HasPrefix(msg, "field ") && strings.Contains(msg, "not found in type") {
		return "unknown field " + strings.TrimPrefix(strings.SplitN(msg, " not found", 2)[0], "field ")
	}
	msg = strings.ReplaceAll(msg, "!!str", "text")
	msg = strings.ReplaceAll(msg, "!!seq", "a list")
	msg = strings.ReplaceAll(msg, "!!map", "a block of fields")
	msg = strings.ReplaceAll(msg, "!!int", "a number")
	msg = strings.ReplaceAll(msg, "!!float", "a number")
	msg = strings.ReplaceAll(msg, "!!bool", "yes/no")
	msg = strings.ReplaceAll(msg, "knowledge.", "")
	return msg
}

var schemaTypes = map[string]reflect.Type{
	"file":     reflect.TypeOf(file{}),
	"Category": reflect.TypeOf(Category{}),
	"Topic":    reflect.TypeOf(Topic{}),
	"Office":   reflect.TypeOf(Office{}),
	"District": reflect.TypeOf(District{}),
	"Synonym":  reflect.TypeOf(Synonym{}),
	"Text":     reflect.TypeOf(Text{}),
	"Phrases":  reflect.TypeOf(Phrases{}),
	"Link":     reflect.TypeOf(Link{}),
	"Address":  reflect.TypeOf(Address{}),
	"Hours":    reflect.TypeOf(Hours{}),
	"Geo":      reflect.TypeOf(Geo{}),

	"CrisisLine": reflect.TypeOf(CrisisLine{}),
	"Crisis":     reflect.TypeOf(Crisis{}),
	"CrisisCue":  reflect.TypeOf(CrisisCue{}),
	"Distress":   reflect.TypeOf(Distress{}),
}

func fieldNames(typeName string) string {
	t, ok := schemaTypes[typeName]
	if !ok {
		return ""
	}
	var names []string
	for i := 0; i < t.NumField(); i++ {
		tag := strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0]
		if tag != "" && tag != "-" {
			names = append(names, tag)
		}
	}
	return strings.Join(names, ", ")
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return "a single value"
	}
	return "this"
}

func walkNodes(n *yaml.Node, fn func(*yaml.Node)) {
	fn(n)
	for _, c := range n.Content {
		walkNodes(c, fn)
	}
}

// attachPositions gives each decoded entry the position of its YAML node and
// of every field below it.
func attachPositions(name string, root *yaml.Node, f *file) {
	eachEntry(name, root, func(list string, j int, p Pos) {
		switch list {
		case "categories":
			setPos(f.Categories, j, p, func(c *Category) *Pos { return &c.Pos })
		case "topics":
			setPos(f.Topics, j, p, func(t *Topic) *Pos { return &t.Pos })
		case "offices":
			setPos(f.Offices, j, p, func(o *Office) *Pos { return &o.Pos })
		case "districts":
			setPos(f.Districts, j, p, func(d *District) *Pos { return &d.Pos })
		case "synonyms":
			setPos(f.Synonyms, j, p, func(s *Synonym) *Pos { return &s.Pos })
		case "crisis_lines":
			setPos(f.CrisisLines, j, p, func(l *CrisisLine) *Pos { return &l.Pos })
		case "crises":
			setPos(f.Crises, j, p, func(c *Crisis) *Pos { return &c.Pos })
		case "crisis_cues":
			setPos(f.CrisisCues, j, p, func(c *CrisisCue) *Pos { return &c.Pos })
		case "distress":
			setPos(f.Distress, j, p, func(d *Distress) *Pos { return &d.Pos })
		case "elsewhere_pairs":
			setPos(f.ElsewherePairs, j, p, func(e *ElsewherePair) *Pos { return &e.Pos })
		}
	})
}

// byID maps the entries of one kind by id; an id used twice is reported
// through dup and the first entry kept.
func byID[T any](kind string, entries []T, key func(*T) (string, Pos), dup func(kind, id string, p, first Pos)) map[string]*T {
	m := make(map[string]*T, len(entries))
	for i := range entries {
		e := &entries[i]
		id, p := key(e)
		if prev, ok := m[id]; ok && id != "" {
			_, first := key(prev)
			dup(kind, id, p, first)
			continue
		}
		m[id] = e
	}
	return m
}

// eachEntry calls fn with the position of every entry of every list of the
// root mapping of file name, and of every field below it.
func eachEntry(name string, root *yaml.Node, fn func(list string, j int, p Pos)) {
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, list := root.Content[i], root.Content[i+1]
		if list.Kind != yaml.SequenceNode {
			continue
		}
		for j, item := range list.Content {
			p := Pos{File: name, Line: item.Line, Col: item.Column, fields: map[string]lineCol{}}
			collectFields(item, "", p.fields)
			fn(key.Value, j, p)
		}
	}
}

// setPos sets the position of list[j], if the decoder filled it.
func setPos[T any](list []T, j int, p Pos, field func(*T) *Pos) {
	if j < len(list) {
		*field(&list[j]) = p
	}
}

func collectFields(n *yaml.Node, prefix string, out map[string]lineCol) {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			p := k.Value
			if prefix != "" {
				p = prefix + "." + k.Value
			}
			out[p] = lineCol{k.Line, k.Column}
			collectFields(v, p, out)
		}
	case yaml.SequenceNode:
		for i, item := range n.Content {
			p := prefix + "[" + strconv.Itoa(i) + "]"
			out[p] = lineCol{item.Line, item.Column}
			collectFields(item, p, out)
		}
	}
}

// index builds the lookup maps and reports duplicate ids.
func (b *Base) index() Problems {
	var ps Problems
	dup := func(kind, id string, p, first Pos) {
		ps = append(ps, Problem{Pos: p.At("id"), Msg: fmt.Sprintf("%s id %q is used twice (first at %s)", kind, id, first.At("id"))})
	}
	b.topics = byID("topic", b.Topics, func(t *Topic) (string, Pos) { return t.ID, t.Pos }, dup)
	b.offices = byID("office", b.Offices, func(o *Office) (string, Pos) { return o.ID, o.Pos }, dup)
	for i := range b.Offices {
		o := &b.Offices[i]
		if t, ok := b.topics[o.ID]; ok && o.ID != "" && b.offices[o.ID] == o {
			dup("topic or office", o.ID, o.Pos, t.Pos)
		}
	}
	b.districts = byID("district", b.Districts, func(d *District) (string, Pos) { return d.ID, d.Pos }, dup)
	b.postcodes = map[string][]string{}
	for _, d := range b.districts {
		for _, pc := range d.Postcodes {
			b.postcodes[pc] = append(b.postcodes[pc], d.ID)
		}
	}
	for pc := range b.postcodes {
		sort.Strings(b.postcodes[pc])
	}
	b.lines = byID("crisis line", b.Helplines, func(l *CrisisLine) (string, Pos) { return l.ID, l.Pos }, dup)
	b.crises = byID("crisis", b.Crises, func(c *Crisis) (string, Pos) { return c.ID, c.Pos }, dup)
	return ps
}
