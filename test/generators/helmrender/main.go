// Renders a Helm-style template with Go's text/template and the sprig
// functions Helm uses, for the Helm conversion test: helmrender TEMPLATE VALUES.json
// Values are read as JSON, so numbers are float64 exactly as Helm reads values.yaml.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"text/template"

	"github.com/Masterminds/sprig"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: helmrender TEMPLATE VALUES.json")
		os.Exit(2)
	}
	source, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	raw, err := os.ReadFile(os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var values map[string]interface{}
	if err := json.Unmarshal(raw, &values); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	tpl, err := template.New("t").Option("missingkey=zero").Funcs(sprig.TxtFuncMap()).Parse(string(source))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := tpl.Execute(os.Stdout, map[string]interface{}{"Values": values}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
