package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

// cmdTranslations prints a skeleton of what is left to translate in one
// language, ready to be filled in and added to i18n/<lang>.yaml.
func cmdTranslations(ctx context.Context, args []string, _ env, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("translations", "--lang LANG [--kb DIR]", stderr)
	lang := fs.String("lang", "", "language to translate into: "+strings.Join(knowledge.TranslationLanguages, ", "))
	dir := fs.String("kb", "", "knowledge folder (default: the built-in knowledge base)")
	if done, err := parseFlags(fs, args); done {
		return err
	}
	if !knowledge.IsTranslationLanguage(*lang) {
		fmt.Fprintf(stderr, "translations: --lang must be one of %s\n", strings.Join(knowledge.TranslationLanguages, ", "))
		return exitError(2)
	}
	kb, err := loadBase(ctx, *dir, knowledge.Options{})
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitError(1)
	}
	w := bufio.NewWriter(stdout)
	writeSkeleton(w, kb, *lang)
	return w.Flush()
}

// writeSkeleton writes every missing or stale text of lang as a YAML entry
// with an empty text, the German (and English) as comments above it, and
// the topics and offices that have no search words yet.
func writeSkeleton(w io.Writer, kb *knowledge.Base, lang string) {
	var st knowledge.TranslationStatus
	for _, s := range kb.TranslationStatuses() {
		if s.Lang == lang {
			st = s
		}
	}
	file := knowledge.TranslationDir + "/" + lang + ".yaml"
	fmt.Fprintf(w, "# To translate into %q: %d new texts, %d whose German text changed (of %d; %d are done).\n", lang, len(st.Missing), len(st.Stale), st.Total, st.Current)
	fmt.Fprintf(w, "# Fill in each text: and copy the entries into %s. Keep \"of\" and \"from\" as they are.\n", file)
	fmt.Fprintln(w, "# Keep every phone number, e-mail, web address, amount, date, postcode, street address and §")
	fmt.Fprintln(w, "# exactly as in the German (digits, not words); `sozialbot validate` checks them.")
	fmt.Fprintln(w, "# Keep the German official term in brackets where people meet it at the counter.")
	fmt.Fprintln(w, "texts:")
	refs := map[string]knowledge.TextRef{}
	for _, r := range kb.TranslatableTexts() {
		refs[r.Of] = r
	}
	for _, tr := range st.Stale {
		r := refs[tr.Of]
		fmt.Fprintf(w, "\n  # CHANGED: replace the entry at %s:%d\n", tr.Pos.File, tr.Pos.Line)
		writeEntry(w, r, tr.Text)
	}
	for _, r := range st.Missing {
		fmt.Fprintln(w)
		writeEntry(w, r, "")
	}
	var search []string
	for _, t := range kb.Topics {
		if kb.SearchWordsOf(lang, "topic/"+t.ID) == nil {
			search = append(search, fmt.Sprintf("  # %s\n  - of: topic/%s\n    phrasings: []\n    keywords: []\n", oneLine(t.Title.DE), t.ID))
		}
	}
	if len(search) > 0 {
		fmt.Fprintln(w, "\n# How people ask about each topic in this language: a few questions as they would write")
		fmt.Fprintln(w, "# them (phrasings) and their words for it (keywords), including everyday and misspelt ones.")
		fmt.Fprintln(w, "search:")
		for _, s := range search {
			fmt.Fprint(w, "\n"+s)
		}
	}
}

// writeTranslationReview lists per language how much is translated and which
// translations to redo because their German text changed.
func writeTranslationReview(w io.Writer, kb *knowledge.Base) {
	fmt.Fprintln(w, "\nTranslations (sozialbot translations --lang LANG prints what is left):")
	for _, s := range kb.TranslationStatuses() {
		fmt.Fprintf(w, "  %s: %d of %d translated, %d to redo, %d missing\n", s.Lang, s.Current, s.Total, len(s.Stale), len(s.Missing))
		for _, tr := range s.Stale {
			fmt.Fprintf(w, "    %s:%d  %s: German text changed since this translation\n", tr.Pos.File, tr.Pos.Line, tr.Of)
		}
	}
}

func writeEntry(w io.Writer, r knowledge.TextRef, old string) {
	fmt.Fprintf(w, "  # %s:%d\n", r.Pos.File, r.Pos.Line)
	comment(w, "DE", r.Text.DE)
	if r.Text.EN != "" {
		comment(w, "EN", r.Text.EN)
	}
	if old != "" {
		comment(w, "before", old)
	}
	fmt.Fprintf(w, "  - of: %s\n    from: %s\n    text: \"\"\n", r.Of, knowledge.Fingerprint(r.Text.DE))
}

// comment writes text as a YAML comment, wrapped at about 90 characters.
func comment(w io.Writer, label, text string) {
	prefix := "  # " + label + ": "
	line := prefix
	for _, word := range strings.Fields(text) {
		if len([]rune(line)) > len(prefix) && len([]rune(line))+len([]rune(word)) > 94 {
			fmt.Fprintln(w, strings.TrimRight(line, " "))
			line = "  #" + strings.Repeat(" ", len(label)+3)
		}
		line += word + " "
	}
	fmt.Fprintln(w, strings.TrimRight(line, " "))
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
