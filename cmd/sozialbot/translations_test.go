package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sozialamt-dortmund/sozialbot/knowledge"
)

func TestTranslationsCommand(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"topics.yaml", "offices.yaml", "places.yaml"} {
		data, err := os.ReadFile(filepath.Join(reviewKB, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "i18n"), 0o755); err != nil {
		t.Fatal(err)
	}
	tr := "texts:\n  - of: topic/wohngeld/title\n    from: " + knowledge.Fingerprint("Wohngeld") + "\n    text: Konut yardımı (Wohngeld)\n" +
		"  - of: topic/wohngeld/summary\n    from: 00000000\n    text: Kira yardımı.\n"
	if err := os.WriteFile(filepath.Join(dir, "i18n", "tr.yaml"), []byte(tr), 0o644); err != nil {
		t.Fatal(err)
	}

	out, errOut, err := runCmd(t, "translations", "--lang", "tr", "--kb", dir)
	if err != nil {
		t.Fatalf("translations: %v\n%s", err, errOut)
	}
	for _, want := range []string{
		"  # CHANGED: replace the entry at i18n/tr.yaml:5\n  # topics.yaml:16\n  # DE: Zuschuss zur Miete.\n  # EN: A grant towards the rent.\n  # before: Kira yardımı.\n  - of: topic/wohngeld/summary\n    from: " + knowledge.Fingerprint("Zuschuss zur Miete.") + "\n    text: \"\"\n",
		"  - of: topic/grundsicherung/title\n",
		"  - of: office/seniorenbuero-eving/hours_note\n",
		"search:\n",
		"  - of: topic/wohngeld\n    phrasings: []\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "of: topic/wohngeld/title") {
		t.Errorf("a current translation is listed:\n%s", out)
	}
	// The skeleton itself is a valid translation file.
	if err := os.WriteFile(filepath.Join(dir, "i18n", "ar.yaml"), []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, errOut, err := runCmd(t, "validate", "--quiet", dir); err != nil {
		t.Errorf("validate with the skeleton as ar.yaml: %v\n%s", err, errOut)
	}

	out, _, err = runCmd(t, "review", "--kb", dir)
	if err != nil || !strings.Contains(out, "  tr: 1 of ") || !strings.Contains(out, "i18n/tr.yaml:5  topic/wohngeld/summary: German text changed") {
		t.Errorf("review: %v\n%s", err, out)
	}
	if _, _, err := runCmd(t, "translations", "--lang", "ku"); err == nil {
		t.Error("translations --lang ku: no error")
	}
}
