package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/conckata/conckata/internal/harness"
)

// command is this test binary in the command's role: main's own code, run
// in a process of its own, so that a real SIGINT can stop it.
var command = harness.NewHelper("bff-command", status)

func TestMain(m *testing.M) { harness.Main(m) }

// TestSIGINTStopsCleanly starts the command, reads the BFF's address from
// what it prints, gets a page over loopback, then sends SIGINT: the command
// must stop and exit 0.
func TestSIGINTStopsCleanly(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	cmd := command.Command(ctx, "-addr", "127.0.0.1:0")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(stdout)
	page := ""
	for page == "" && lines.Scan() {
		if rest, ok := strings.CutPrefix(lines.Text(), "bff "); ok {
			page = strings.TrimSpace(rest)
		}
	}
	printed := make(chan string)
	go func() {
		var rest strings.Builder
		for lines.Scan() {
			rest.WriteString(lines.Text() + "\n")
		}
		printed <- rest.String()
	}()
	if page == "" {
		cmd.Wait()
		t.Fatalf("the command printed no line \"bff http://...\"; stderr: %s", stderr.String())
	}

	client := &http.Client{Transport: &http.Transport{}, Timeout: 10 * time.Second}
	defer client.CloseIdleConnections()
	got := getJSON(t, client, page+"/products/7?user=ada")
	if got["product"] == nil || got["inventory"] == nil || got["favorites"] == nil || got["cart"] == nil {
		t.Errorf("GET %s/products/7?user=ada = %v, want every field", page, got)
	}
	client.CloseIdleConnections()

	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	err = cmd.Wait()
	rest := <-printed
	if err != nil {
		t.Fatalf("after SIGINT the command ended with %v, want exit status 0; stderr: %s", err, stderr.String())
	}
	if !strings.Contains(rest, "curl -s '"+page+"/products/7?user=ada'") || !strings.HasSuffix(rest, "stopping\n") {
		t.Errorf("the command printed, after the BFF's address:\n%s\nwant the curl lines with %s, and \"stopping\" last", rest, page)
	}
}

func getJSON(t *testing.T, client *http.Client, url string) map[string]any {
	t.Helper()
	res, err := client.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	var m map[string]any
	if res.StatusCode != 200 || json.Unmarshal(body, &m) != nil {
		t.Fatalf("GET %s = %d %s, want 200 and a JSON object", url, res.StatusCode, body)
	}
	return m
}

func TestBadFlagsFail(t *testing.T) {
	for _, args := range [][]string{{"-nope"}, {"-timeout", "-1s"}, {"extra"}, {"-addr", "256.0.0.1:0"}} {
		if err := run(t.Context(), args, io.Discard, io.Discard); err == nil {
			t.Errorf("run(%q) = nil, want an error", args)
		}
	}
}
