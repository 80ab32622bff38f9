// Command render renders charts/servicehall the way Helm's template engine does, for validation where no helm binary
// exists: Go's text/template with sprig, the chart's values.yaml merged with -f files, .Release/.Chart/.Template, and
// Helm's include, required and toYaml. Only the functions the chart uses are offered, so a template that reaches for
// anything else fails here instead of passing by accident. Missing map keys are errors (like helm lint --strict).
//
// Usage: render -chart DIR [-f values.yaml]... [-namespace NS] [-release NAME]  -> rendered manifests on stdout.
package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig"
	"gopkg.in/yaml.v3"
)

// The sprig functions the chart's templates use; anything else is deliberately absent.
var sprigFunctions = []string{
	"b64enc", "contains", "default", "int", "nindent", "quote", "replace", "sub", "toPrettyJson", "toString",
	"trimSuffix", "trunc",
}

type valueFiles []string

func (v *valueFiles) String() string     { return strings.Join(*v, ",") }
func (v *valueFiles) Set(s string) error { *v = append(*v, s); return nil }

func main() {
	chart := flag.String("chart", "", "chart folder")
	namespace := flag.String("namespace", "servicehall", "release namespace")
	release := flag.String("release", "hall", "release name")
	var files valueFiles
	flag.Var(&files, "f", "values file merged over values.yaml (repeatable)")
	flag.Parse()
	if *chart == "" {
		fail(errors.New("-chart is required"))
	}
	out, err := render(*chart, *release, *namespace, files)
	if err != nil {
		fail(err)
	}
	fmt.Print(out)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "render:", err)
	os.Exit(1)
}

func render(chartDir, releaseName, namespace string, files []string) (string, error) {
	meta, err := readYaml(filepath.Join(chartDir, "Chart.yaml"))
	if err != nil {
		return "", err
	}
	values, err := readYaml(filepath.Join(chartDir, "values.yaml"))
	if err != nil {
		return "", err
	}
	for _, file := range files {
		override, err := readYaml(file)
		if err != nil {
			return "", err
		}
		values = merge(values, override)
	}

	name := fmt.Sprint(meta["name"])
	chartInfo := map[string]interface{}{
		"Name": name, "Version": fmt.Sprint(meta["version"]), "AppVersion": fmt.Sprint(meta["appVersion"]),
	}
	releaseInfo := map[string]interface{}{
		"Name": releaseName, "Namespace": namespace, "Service": "Helm", "IsInstall": true, "IsUpgrade": false, "Revision": 1,
	}
	basePath := name + "/templates"

	root := template.New("chart").Option("missingkey=error")
	funcs := template.FuncMap{}
	all := sprig.TxtFuncMap()
	for _, fn := range sprigFunctions {
		f, ok := all[fn]
		if !ok {
			return "", fmt.Errorf("sprig has no function %q", fn)
		}
		funcs[fn] = f
	}
	funcs["include"] = func(name string, data interface{}) (string, error) {
		var buf bytes.Buffer
		if err := root.ExecuteTemplate(&buf, name, data); err != nil {
			return "", err
		}
		return buf.String(), nil
	}
	funcs["required"] = func(message string, value interface{}) (interface{}, error) {
		if value == nil {
			return nil, errors.New(message)
		}
		if s, ok := value.(string); ok && s == "" {
			return nil, errors.New(message)
		}
		return value, nil
	}
	funcs["toYaml"] = toYaml
	// sha256sum is Helm's (via sprig) and used for the checksum annotations.
	funcs["sha256sum"] = func(s string) string {
		sum := sha256.Sum256([]byte(s))
		return hex.EncodeToString(sum[:])
	}
	root.Funcs(funcs)

	paths, err := filepath.Glob(filepath.Join(chartDir, "templates", "*"))
	if err != nil {
		return "", err
	}
	sort.Strings(paths)
	var manifests []string
	for _, path := range paths {
		text, err := os.ReadFile(path)
		if err != nil {
			return "", err
		}
		templateName := basePath + "/" + filepath.Base(path)
		if _, err := root.New(templateName).Parse(string(text)); err != nil {
			return "", err
		}
		if !strings.HasPrefix(filepath.Base(path), "_") {
			manifests = append(manifests, templateName)
		}
	}

	var out strings.Builder
	for _, templateName := range manifests {
		data := map[string]interface{}{
			"Values":   values,
			"Release":  releaseInfo,
			"Chart":    chartInfo,
			"Template": map[string]interface{}{"Name": templateName, "BasePath": basePath},
		}
		var buf bytes.Buffer
		if err := root.ExecuteTemplate(&buf, templateName, data); err != nil {
			return "", err
		}
		// Like Helm: a template may hold several documents, and empty ones (a disabled feature) are dropped.
		for _, doc := range strings.Split(buf.String(), "\n---") {
			if strings.TrimSpace(stripComments(doc)) == "" {
				continue
			}
			fmt.Fprintf(&out, "---\n# Source: %s\n%s\n", templateName, strings.Trim(doc, "\n"))
		}
	}
	return out.String(), nil
}

func stripComments(doc string) string {
	var kept []string
	for _, line := range strings.Split(doc, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "#") {
			kept = append(kept, line)
		}
	}
	return strings.Join(kept, "\n")
}

func toYaml(value interface{}) (string, error) {
	var buf bytes.Buffer
	encoder := yaml.NewEncoder(&buf)
	encoder.SetIndent(2)
	if err := encoder.Encode(value); err != nil {
		return "", err
	}
	return strings.TrimSuffix(buf.String(), "\n"), nil
}

func readYaml(path string) (map[string]interface{}, error) {
	text, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	values := map[string]interface{}{}
	if err := yaml.Unmarshal(text, &values); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return values, nil
}

// merge overlays b on a the way Helm merges -f files: maps merge key by key, anything else is replaced.
func merge(a, b map[string]interface{}) map[string]interface{} {
	out := map[string]interface{}{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		if bm, ok := v.(map[string]interface{}); ok {
			if am, ok := out[k].(map[string]interface{}); ok {
				out[k] = merge(am, bm)
				continue
			}
		}
		out[k] = v
	}
	return out
}
