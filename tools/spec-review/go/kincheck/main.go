// Command kincheck reads an OpenAPI 3.0 document the way a Go program using kin-openapi
// does, and checks recorded HTTP exchanges against it with openapi3filter.
//
//	kincheck -spec openapi.3.0.json [-pairs pairs.json]
//
// It loads and validates the document (structure, references, and every example against its
// schema), then, for each recorded request/answer pair, finds the operation with a router,
// validates the request (parameters, body, security) and the answer (status, headers, body).
// It prints a JSON report on standard output and exits 1 when anything failed, 2 on bad use.
//
// It uses only the Go standard library and kin-openapi, so it builds offline in GOPATH mode
// (GO111MODULE=off) against Debian's golang-github-getkin-kin-openapi-dev.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/ioutil"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
)

// Pair is one recorded exchange. RequestValid says whether the recorder built the request
// to be valid; a request built to be refused must be refused by openapi3filter too.
type Pair struct {
	Label        string `json:"label"`
	OperationID  string `json:"operationId"`
	RequestValid bool   `json:"requestValid"`
	Request      struct {
		Method  string            `json:"method"`
		URL     string            `json:"url"`
		Headers map[string]string `json:"headers"`
		Body    *string           `json:"body"`
	} `json:"request"`
	Response struct {
		Status  int               `json:"status"`
		Headers map[string]string `json:"headers"`
		Body    string            `json:"body"`
	} `json:"response"`
}

// Recording is the file the recorder writes.
type Recording struct {
	Pairs []Pair `json:"pairs"`
}

// Failure names a pair (or an operation) and what went wrong.
type Failure struct {
	Label   string `json:"label"`
	Problem string `json:"problem"`
}

// Coverage counts the validated answers of one operation.
type Coverage struct {
	OperationID string `json:"operationId"`
	Method      string `json:"method"`
	Path        string `json:"path"`
	Success     int    `json:"success"`
	Error       int    `json:"error"`
}

// deepObjects collects the parameters decoded by kincheck rather than openapi3filter.
var deepObjects = map[string]bool{}

// Report is what kincheck prints.
type Report struct {
	Spec            string     `json:"spec"`
	Loaded          bool       `json:"loaded"`
	Valid           bool       `json:"valid"`
	Error           string     `json:"error,omitempty"`
	Operations      int        `json:"operations"`
	NullExamples    int        `json:"nullExamples"`
	XMLExamples     int        `json:"xmlExamples"`
	Pairs           int        `json:"pairs"`
	Passed          int        `json:"passed"`
	RefusedRequests int        `json:"refusedRequests"`
	Failures        []Failure  `json:"failures"`
	DeepObjects     []string   `json:"deepObjects"`
	Coverage        []Coverage `json:"coverage"`
}

func main() {
	specFile := flag.String("spec", "", "OpenAPI 3.0 document (JSON or YAML)")
	pairsFile := flag.String("pairs", "", "recorded request/answer pairs (JSON)")
	flag.Parse()
	if *specFile == "" {
		fmt.Fprintln(os.Stderr, "usage: kincheck -spec openapi.3.0.json [-pairs pairs.json]")
		os.Exit(2)
	}
	report := run(*specFile, *pairsFile)
	out := json.NewEncoder(os.Stdout)
	out.SetIndent("", "  ")
	if err := out.Encode(report); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if !report.Valid || len(report.Failures) > 0 {
		os.Exit(1)
	}
}

func run(specFile, pairsFile string) *Report {
	report := &Report{Spec: specFile, Failures: []Failure{}, Coverage: []Coverage{}, DeepObjects: []string{}}
	ctx := context.Background()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromFile(specFile)
	if err != nil {
		report.Error = "load: " + err.Error()
		return report
	}
	report.Loaded = true
	nulls, err := setAsideNullExamples(specFile, doc)
	if err != nil {
		report.Error = err.Error()
		return report
	}
	report.NullExamples = nulls
	report.XMLExamples = setAsideXMLExamples(doc)
	if err := doc.Validate(ctx); err != nil {
		report.Error = "validate: " + err.Error()
		return report
	}
	report.Valid = true

	var order []*Coverage
	coverage := map[*openapi3.Operation]*Coverage{}
	for _, path := range sortedKeys(doc.Paths) {
		operations := doc.Paths[path].Operations()
		for _, method := range sortedKeys(operations) {
			c := &Coverage{OperationID: operations[method].OperationID, Method: method, Path: path}
			coverage[operations[method]] = c
			order = append(order, c)
		}
	}
	defer func() {
		for _, c := range order {
			report.Coverage = append(report.Coverage, *c)
		}
	}()
	report.Operations = len(order)
	if pairsFile == "" {
		return report
	}

	raw, err := ioutil.ReadFile(pairsFile)
	if err != nil {
		report.Error = "pairs: " + err.Error()
		report.Valid = false
		return report
	}
	var recording Recording
	if err := json.Unmarshal(raw, &recording); err != nil {
		report.Error = "pairs: " + err.Error()
		report.Valid = false
		return report
	}
	registerJSONSuffixDecoders(doc)
	doc.Servers = resolvedServers(doc.Servers)
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		report.Error = "router: " + err.Error()
		report.Valid = false
		return report
	}
	for _, pair := range recording.Pairs {
		report.Pairs++
		op, refused, err := checkPair(ctx, router, pair)
		if err != nil {
			report.Failures = append(report.Failures, Failure{Label: pair.Label, Problem: err.Error()})
			continue
		}
		report.Passed++
		if refused {
			report.RefusedRequests++
		}
		c := coverage[op]
		if pair.Response.Status >= 200 && pair.Response.Status < 300 {
			c.Success++
		} else if pair.Response.Status >= 400 {
			c.Error++
		}
	}
	report.DeepObjects = sortedKeys(deepObjects)
	for _, c := range order {
		label := c.Method + " " + c.Path
		if c.Success == 0 {
			report.Failures = append(report.Failures, Failure{Label: label, Problem: "no success answer validated"})
		}
		if c.Error == 0 {
			report.Failures = append(report.Failures, Failure{Label: label, Problem: "no error answer validated"})
		}
	}
	return report
}

// checkPair validates one exchange and returns its operation and whether its request was
// (rightly) refused.
func checkPair(ctx context.Context, router routers.Router, pair Pair) (*openapi3.Operation, bool, error) {
	var body []byte
	if pair.Request.Body != nil {
		body = []byte(*pair.Request.Body)
	}
	req, err := http.NewRequest(pair.Request.Method, pair.Request.URL, bytes.NewReader(body))
	if err != nil {
		return nil, false, err
	}
	for name, value := range pair.Request.Headers {
		req.Header.Set(name, value)
	}
	route, pathParams, err := router.FindRoute(req)
	if err != nil {
		return nil, false, fmt.Errorf("no operation for %s %s: %v", pair.Request.Method, pair.Request.URL, err)
	}
	if route.Operation.OperationID != pair.OperationID {
		return nil, false, fmt.Errorf("routed to %q, recorded for %q", route.Operation.OperationID, pair.OperationID)
	}
	requestInput := &openapi3filter.RequestValidationInput{
		Request:    req,
		PathParams: pathParams,
		Route:      route,
		Options:    &openapi3filter.Options{MultiError: true, AuthenticationFunc: authenticate},
	}
	requestErr, ownDecoding := validateRequest(ctx, requestInput)
	for _, name := range ownDecoding {
		deepObjects[pair.OperationID+": "+name] = true
	}
	if pair.RequestValid && requestErr != nil {
		return nil, false, fmt.Errorf("request refused: %v", requestErr)
	}
	if !pair.RequestValid && requestErr == nil {
		return nil, false, errors.New("request accepted, though it was built to be refused")
	}
	if !pair.RequestValid && pair.Response.Status >= 200 && pair.Response.Status < 300 {
		return nil, false, fmt.Errorf("answer %d is a success, though the request breaks the description: %v", pair.Response.Status, requestErr)
	}

	responseRef, key := responseFor(route.Operation.Responses, pair.Response.Status)
	if responseRef == nil {
		return nil, false, fmt.Errorf("answer status %d is not declared", pair.Response.Status)
	}
	// openapi3filter looks up the exact status only: hand it the declared range's response
	// (2XX …) under the status that was answered.
	exact := *route
	operation := *route.Operation
	operation.Responses = openapi3.Responses{strconv.Itoa(pair.Response.Status): responseRef}
	exact.Operation = &operation
	requestInput.Route = &exact

	header := http.Header{}
	for name, value := range pair.Response.Headers {
		header.Set(name, value)
	}
	responseInput := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: requestInput,
		Status:                 pair.Response.Status,
		Header:                 header,
		Options:                &openapi3filter.Options{MultiError: true, IncludeResponseStatus: true},
	}
	responseInput.SetBodyBytes([]byte(pair.Response.Body))
	if err := openapi3filter.ValidateResponse(ctx, responseInput); err != nil {
		return nil, false, fmt.Errorf("answer %d (declared as %s) refused: %v", pair.Response.Status, key, err)
	}
	return route.Operation, requestErr != nil, nil
}

// validateRequest runs openapi3filter.ValidateRequest, except on deepObject query parameters:
// kin-openapi 0.110 decodes every member the schema lists, validating absent ones as null, and
// panics on a member without a primitive type (a oneOf of a value and a nested object). Those
// parameters are decoded here (only the members sent, nested brackets as nested objects) and
// validated with kin-openapi's schema validator; the rest goes through openapi3filter.
// It returns the error and the names of the parameters checked this way.
func validateRequest(ctx context.Context, input *openapi3filter.RequestValidationInput) (error, []string) {
	route := *input.Route
	pathItem := *route.PathItem
	operation := *route.Operation
	var deep []*openapi3.Parameter
	split := func(params openapi3.Parameters) openapi3.Parameters {
		kept := openapi3.Parameters{}
		for _, p := range params {
			if p.Value != nil && p.Value.In == openapi3.ParameterInQuery && p.Value.Style == openapi3.SerializationDeepObject {
				deep = append(deep, p.Value)
			} else {
				kept = append(kept, p)
			}
		}
		return kept
	}
	pathItem.Parameters = split(pathItem.Parameters)
	operation.Parameters = split(operation.Parameters)
	route.PathItem = &pathItem
	route.Operation = &operation
	rest := *input
	rest.Route = &route

	var problems []string
	var names []string
	query := input.Request.URL.Query()
	for _, p := range deep {
		names = append(names, p.Name+" (query, deepObject)")
		value, present := decodeDeepObject(query, p.Name)
		if !present {
			if p.Required {
				problems = append(problems, fmt.Sprintf("parameter %q in query is required", p.Name))
			}
			continue
		}
		if p.Schema == nil || p.Schema.Value == nil {
			continue
		}
		if err := p.Schema.Value.VisitJSON(coerce(value, p.Schema.Value), openapi3.MultiErrors()); err != nil {
			problems = append(problems, fmt.Sprintf("parameter %q in query has an error: %v", p.Name, err))
		}
	}
	err, panicked := recovering(func() error { return openapi3filter.ValidateRequest(ctx, &rest) })
	if err != nil || panicked {
		problems = append(problems, err.Error())
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "; ")), names
	}
	return nil, names
}

// decodeDeepObject collects name[a]=1&name[b][c]=2 into {"a": "1", "b": {"c": "2"}}.
func decodeDeepObject(query url.Values, name string) (map[string]interface{}, bool) {
	object := map[string]interface{}{}
	present := false
	for key, values := range query {
		if !strings.HasPrefix(key, name+"[") || !strings.HasSuffix(key, "]") || len(values) == 0 {
			continue
		}
		path := strings.Split(strings.TrimSuffix(strings.TrimPrefix(key, name+"["), "]"), "][")
		node := object
		for _, segment := range path[:len(path)-1] {
			child, ok := node[segment].(map[string]interface{})
			if !ok {
				child = map[string]interface{}{}
				node[segment] = child
			}
			node = child
		}
		node[path[len(path)-1]] = values[0]
		present = true
	}
	return object, present
}

// coerce turns the strings of a decoded query value into the JSON types its schema names;
// where the schema offers alternatives (oneOf, anyOf), the first that validates wins.
func coerce(value interface{}, schema *openapi3.Schema) interface{} {
	switch v := value.(type) {
	case map[string]interface{}:
		out := map[string]interface{}{}
		for key, member := range v {
			sub := memberSchema(schema, key)
			if sub == nil {
				out[key] = member
				continue
			}
			out[key] = coerce(member, sub)
		}
		return out
	case string:
		if schema.Type == "array" && schema.Items != nil && schema.Items.Value != nil {
			// A list member is sent comma-separated: name[member]=a,b
			items := []interface{}{}
			for _, item := range strings.Split(v, ",") {
				items = append(items, coerce(item, schema.Items.Value))
			}
			return items
		}
		for _, candidate := range alternatives(schema) {
			if typed, ok := primitive(v, candidate.Type); ok && candidate.VisitJSON(typed) == nil {
				return typed
			}
		}
		if typed, ok := primitive(v, schema.Type); ok {
			return typed
		}
		return v
	}
	return value
}

// memberSchema finds the schema of an object member, through oneOf/anyOf/allOf branches.
func memberSchema(schema *openapi3.Schema, key string) *openapi3.Schema {
	if p := schema.Properties[key]; p != nil && p.Value != nil {
		return p.Value
	}
	for _, branches := range []openapi3.SchemaRefs{schema.OneOf, schema.AnyOf, schema.AllOf} {
		for _, branch := range branches {
			if branch.Value != nil {
				if found := memberSchema(branch.Value, key); found != nil {
					return found
				}
			}
		}
	}
	if ap := schema.AdditionalProperties; ap != nil && ap.Value != nil {
		return ap.Value
	}
	return nil
}

// alternatives lists a schema's primitive choices: itself, or its oneOf/anyOf branches.
func alternatives(schema *openapi3.Schema) []*openapi3.Schema {
	var out []*openapi3.Schema
	for _, branches := range []openapi3.SchemaRefs{schema.OneOf, schema.AnyOf} {
		for _, branch := range branches {
			if branch.Value != nil {
				out = append(out, alternatives(branch.Value)...)
			}
		}
	}
	if schema.Type != "" {
		out = append(out, schema)
	}
	return out
}

// primitive parses a query string as the given JSON type.
func primitive(raw, typ string) (interface{}, bool) {
	switch typ {
	case "integer":
		n, err := strconv.ParseInt(raw, 10, 64)
		return float64(n), err == nil
	case "number":
		n, err := strconv.ParseFloat(raw, 64)
		return n, err == nil
	case "boolean":
		b, err := strconv.ParseBool(raw)
		return b, err == nil
	case "string", "":
		return raw, true
	}
	return nil, false
}

// recovering runs f and turns a panic into an error.
func recovering(f func() error) (err error, panicked bool) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("kin-openapi panicked: %v", r)
			panicked = true
		}
	}()
	return f(), false
}

// responseFor finds the response declared for a status: the exact code, else its range
// (2XX, case-insensitive), else default.
func responseFor(responses openapi3.Responses, status int) (*openapi3.ResponseRef, string) {
	code := strconv.Itoa(status)
	if r := responses[code]; r != nil {
		return r, code
	}
	for key, r := range responses {
		if len(key) == 3 && key[0] == code[0] && strings.EqualFold(key[1:], "XX") {
			return r, key
		}
	}
	if r := responses.Default(); r != nil {
		return r, "default"
	}
	return nil, ""
}

// authenticate checks that a request carries the credential its security scheme names.
func authenticate(_ context.Context, input *openapi3filter.AuthenticationInput) error {
	scheme := input.SecurityScheme
	req := input.RequestValidationInput.Request
	switch scheme.Type {
	case "apiKey":
		var value string
		switch scheme.In {
		case "header":
			value = req.Header.Get(scheme.Name)
		case "query":
			value = req.URL.Query().Get(scheme.Name)
		case "cookie":
			if cookie, err := req.Cookie(scheme.Name); err == nil {
				value = cookie.Value
			}
		}
		if value == "" {
			return fmt.Errorf("no %s %q", scheme.In, scheme.Name)
		}
		return nil
	case "http":
		prefix := strings.ToLower(scheme.Scheme) + " "
		if !strings.HasPrefix(strings.ToLower(req.Header.Get("Authorization")), prefix) {
			return fmt.Errorf("no Authorization: %s credential", scheme.Scheme)
		}
		return nil
	}
	return fmt.Errorf("security scheme type %q is not checked here", scheme.Type)
}

// registerJSONSuffixDecoders lets openapi3filter read bodies of every +json media type the
// document uses (application/vnd.api+json …) as JSON.
func registerJSONSuffixDecoders(doc *openapi3.T) {
	jsonDecoder := openapi3filter.RegisteredBodyDecoder("application/json")
	visitContents(doc, func(content openapi3.Content) {
		for mediaType := range content {
			if strings.HasSuffix(mediaType, "+json") && openapi3filter.RegisteredBodyDecoder(mediaType) == nil {
				openapi3filter.RegisterBodyDecoder(mediaType, jsonDecoder)
			}
		}
	})
}

// resolvedServers replaces server variables by their defaults, as a client configured with
// the defaults would call.
func resolvedServers(servers openapi3.Servers) openapi3.Servers {
	out := openapi3.Servers{}
	for _, server := range servers {
		url := server.URL
		for name, variable := range server.Variables {
			url = strings.ReplaceAll(url, "{"+name+"}", variable.Default)
		}
		out = append(out, &openapi3.Server{URL: url})
	}
	return out
}

// setAsideNullExamples: kin-openapi reads an Example Object whose value is JSON null as one
// without a value, and refuses it. Such examples are checked against their schema here and
// then left out of the document validation. It returns how many there were; an example that
// really lacks a value stays in, so the validation still refuses it.
func setAsideNullExamples(specFile string, doc *openapi3.T) (int, error) {
	raw, err := ioutil.ReadFile(specFile)
	if err != nil {
		return 0, err
	}
	var tree interface{}
	if err := json.Unmarshal(raw, &tree); err != nil {
		// A YAML document: no null example values are detected.
		return 0, nil
	}
	count := 0
	var problems []string
	check := func(examples openapi3.Examples, pointer string, schema *openapi3.SchemaRef) {
		for name, ref := range examples {
			if ref == nil || ref.Value == nil || ref.Value.Value != nil || ref.Value.ExternalValue != "" {
				continue
			}
			at := pointer + "/" + escape(name)
			if ref.Ref != "" {
				at = ref.Ref
			}
			if !hasNullValue(tree, at) {
				continue
			}
			count++
			if schema != nil && schema.Value != nil {
				if err := schema.Value.VisitJSON(nil, openapi3.MultiErrors()); err != nil {
					problems = append(problems, fmt.Sprintf("%s: %v", at, err))
				}
			}
			delete(examples, name)
		}
	}
	for path, item := range doc.Paths {
		for method, op := range item.Operations() {
			base := "#/paths/" + escape(path) + "/" + strings.ToLower(method)
			if op.RequestBody != nil && op.RequestBody.Value != nil && op.RequestBody.Ref == "" {
				for mt, media := range op.RequestBody.Value.Content {
					check(media.Examples, base+"/requestBody/content/"+escape(mt)+"/examples", media.Schema)
				}
			}
			for status, response := range op.Responses {
				if response.Ref != "" || response.Value == nil {
					continue
				}
				for mt, media := range response.Value.Content {
					check(media.Examples, base+"/responses/"+escape(status)+"/content/"+escape(mt)+"/examples", media.Schema)
				}
			}
		}
	}
	for name, response := range doc.Components.Responses {
		if response.Value == nil {
			continue
		}
		for mt, media := range response.Value.Content {
			check(media.Examples, "#/components/responses/"+escape(name)+"/content/"+escape(mt)+"/examples", media.Schema)
		}
	}
	for name, body := range doc.Components.RequestBodies {
		if body.Value == nil {
			continue
		}
		for mt, media := range body.Value.Content {
			check(media.Examples, "#/components/requestBodies/"+escape(name)+"/content/"+escape(mt)+"/examples", media.Schema)
		}
	}
	for name, example := range doc.Components.Examples {
		if example.Value != nil && example.Value.Value == nil && example.Value.ExternalValue == "" &&
			hasNullValue(tree, "#/components/examples/"+escape(name)) {
			delete(doc.Components.Examples, name)
		}
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		return count, fmt.Errorf("examples whose value is null break their schema: %s", strings.Join(problems, "; "))
	}
	return count, nil
}

// setAsideXMLExamples: an XML body's examples are XML text, which kin-openapi would validate
// as a JSON value against the object schema the xml objects map it to. They are left out of
// the document validation; the description's own tests decode each one through its schema's
// xml objects and validate the result. It returns how many there were.
func setAsideXMLExamples(doc *openapi3.T) int {
	count := 0
	setAside := func(content openapi3.Content) {
		for mediaType, media := range content {
			if media == nil || !isXML(mediaType) {
				continue
			}
			count += len(media.Examples)
			media.Examples = nil
			if media.Example != nil {
				count++
				media.Example = nil
			}
		}
	}
	visitContents(doc, setAside)
	for _, response := range doc.Components.Responses {
		if response.Value != nil {
			setAside(response.Value.Content)
		}
	}
	for _, body := range doc.Components.RequestBodies {
		if body.Value != nil {
			setAside(body.Value.Content)
		}
	}
	return count
}

func isXML(mediaType string) bool {
	base := strings.ToLower(strings.TrimSpace(strings.SplitN(mediaType, ";", 2)[0]))
	return base == "application/xml" || base == "text/xml" || strings.HasSuffix(base, "+xml")
}

// hasNullValue tells whether the Example Object at a JSON pointer has "value": null.
func hasNullValue(tree interface{}, pointer string) bool {
	node := tree
	for _, segment := range strings.Split(strings.TrimPrefix(pointer, "#/"), "/") {
		object, ok := node.(map[string]interface{})
		if !ok {
			return false
		}
		node = object[strings.ReplaceAll(strings.ReplaceAll(segment, "~1", "/"), "~0", "~")]
	}
	object, ok := node.(map[string]interface{})
	if !ok {
		return false
	}
	value, present := object["value"]
	return present && value == nil
}

func escape(segment string) string {
	return strings.ReplaceAll(strings.ReplaceAll(segment, "~", "~0"), "/", "~1")
}

func visitContents(doc *openapi3.T, visit func(openapi3.Content)) {
	for _, item := range doc.Paths {
		for _, op := range item.Operations() {
			if op.RequestBody != nil && op.RequestBody.Value != nil {
				visit(op.RequestBody.Value.Content)
			}
			for _, response := range op.Responses {
				if response.Value != nil {
					visit(response.Value.Content)
				}
			}
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
