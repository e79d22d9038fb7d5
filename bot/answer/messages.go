package answer

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/sozialamt-dortmund/sozialbot/knowledge"
	"gopkg.in/yaml.v3"
)

// The bot's messages in the translated languages live in messages/<lang>.yaml
// (German and English in texts): a mapping from the key's name, as written
// in this file's constants, to the text.
//
//go:embed messages
var messageFiles embed.FS

// translations holds, per language, the text of each key; "" where the
// language has none (T then shows English).
var translations, translationProblems = loadMessages(messageFiles, "messages")

// messageFile is a message file's name: its language, optionally a part.
var messageFile = regexp.MustCompile(`^([a-z]{2})(-[a-z0-9-]+)?\.ya?ml$`)

// keyByName finds a key by the name of its constant.
var keyByName = func() map[string]MsgKey {
	m := make(map[string]MsgKey, numMsgs)
	for k, n := range keyNames {
		m[n] = MsgKey(k)
	}
	return m
}()

// Name is the name of key's constant, as the message files write it.
func (k MsgKey) Name() string {
	if k < 0 || k >= numMsgs {
		return fmt.Sprintf("MsgKey(%d)", int(k))
	}
	return keyNames[k]
}

// loadMessages reads every message file of dir. It keeps what it can read
// and reports every problem with file:line, so that one bad entry does not
// silence a language; the tests fail on any problem.
func loadMessages(fsys fs.FS, dir string) (map[string]*[numMsgs]string, []error) {
	out := map[string]*[numMsgs]string{}
	var errs []error
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return out, []error{fmt.Errorf("read %s: %w", dir, err)}
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".yaml") && !strings.HasSuffix(name, ".yml") {
			continue
		}
		file := path.Join(dir, name)
		m := messageFile.FindStringSubmatch(name)
		if m == nil || !knowledge.IsTranslationLanguage(m[1]) {
			errs = append(errs, fmt.Errorf("%s:1: a message file is named after its language: one of %s", file, strings.Join(knowledge.TranslationLanguages, ", ")))
			continue
		}
		data, err := fs.ReadFile(fsys, file)
		if err != nil {
			errs = append(errs, fmt.Errorf("read %s: %w", file, err))
			continue
		}
		lang := m[1]
		if out[lang] == nil {
			out[lang] = &[numMsgs]string{}
		}
		errs = append(errs, parseMessages(file, data, out[lang])...)
	}
	return out, errs
}

// parseMessages reads one file's mapping into texts.
func parseMessages(file string, data []byte, texts *[numMsgs]string) []error {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return []error{fmt.Errorf("%s: %w", file, err)}
	}
	if len(doc.Content) == 0 {
		return nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return []error{fmt.Errorf("%s:%d: a message file is a mapping (MsgStart: \"…\")", file, root.Line)}
	}
	var errs []error
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		key, ok := keyByName[k.Value]
		switch {
		case !ok:
			errs = append(errs, fmt.Errorf("%s:%d: unknown key %q (the keys are the constants of bot/answer/text.go)", file, k.Line, k.Value))
		case untranslated[key]:
			errs = append(errs, fmt.Errorf("%s:%d: %s is always shown in German and English; it is not translated", file, k.Line, k.Value))
		case v.Kind != yaml.ScalarNode || v.Tag != "!!str" && v.Tag != "":
			errs = append(errs, fmt.Errorf("%s:%d: %s: the text must be a string in quotes", file, v.Line, k.Value))
		case texts[key] != "":
			errs = append(errs, fmt.Errorf("%s:%d: %s is given twice", file, k.Line, k.Value))
		case strings.TrimSpace(v.Value) == "":
			errs = append(errs, fmt.Errorf("%s:%d: %s is empty; leave a key out rather than empty (English is shown then)", file, v.Line, k.Value))
		default:
			texts[key] = v.Value
		}
	}
	return errs
}

// MessageLanguages are the translated languages that have message files, sorted.
func MessageLanguages() []string {
	var out []string
	for l := range translations {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}
