//go:build unix

package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/conckata/conckata/internal/harness"
)

// command is this test binary in the command's role: a process of its own
// that runs what main runs, so that it gets real signals.
var command = harness.NewHelper("products-command", status)

func TestMain(m *testing.M) { harness.Main(m) }

// serving matches the line that tells where the command serves.
var serving = regexp.MustCompile(`^products: serving .* on (http://127\.0\.0\.1:[0-9]+)$`)

// TestServesUntilSIGINT starts the command on a free port of 127.0.0.1,
// reads where it serves, asks it for the brands and a product over
// loopback, sends it SIGINT and waits for it to exit with status 0.
func TestServesUntilSIGINT(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	cmd := command.Command(ctx, "-addr", "127.0.0.1:0", "-products", "100")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(out)
	base := ""
	for base == "" && lines.Scan() {
		if m := serving.FindStringSubmatch(lines.Text()); m != nil {
			base = m[1]
		}
	}
	if base == "" {
		cmd.Wait()
		t.Fatalf("the command never said where it serves; its stderr:\n%s", stderr.String())
	}
	client := &http.Client{Transport: &http.Transport{}}
	defer client.CloseIdleConnections()
	var brands []map[string]any
	getJSON(t, client, base+"/brands", &brands)
	if len(brands) != 10 {
		t.Errorf("GET /brands gave %d brands, want the 10 generated", len(brands))
	}
	var product map[string]any
	getJSON(t, client, base+"/products/1", &product)
	if product["product_id"] != 1.0 {
		t.Errorf("GET /products/1 gave %v, want product 1", product)
	}
	client.CloseIdleConnections()

	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	rest, _ := io.ReadAll(out)
	err = cmd.Wait()
	if err != nil {
		t.Fatalf("after SIGINT the command ended with %v, want exit status 0; its stderr:\n%s", err, stderr.String())
	}
	if !strings.Contains(string(rest), "products: stopped\n") {
		t.Errorf("after SIGINT the command printed %q, want it to say it stopped", rest)
	}
}

// getJSON gets url, which must answer 200, and decodes its body into v.
func getJSON(t *testing.T, client *http.Client, url string, v any) {
	t.Helper()
	resp, err := client.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s %s, want 200", url, resp.Status, body)
	}
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("GET %s: %v in %s", url, err, body)
	}
}

func TestCommandLine(t *testing.T) {
	cases := []struct {
		args []string
		exit int
	}{
		{[]string{"-h"}, 0},
		{[]string{"-nope"}, 2},
		{[]string{"extra"}, 2},
		{[]string{"-products", "-1"}, 2},
	}
	for _, c := range cases {
		var stderr strings.Builder
		cmd := command.Command(t.Context(), c.args...)
		cmd.Stderr = &stderr
		err := cmd.Run()
		exit := 0
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			exit = exitErr.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if exit != c.exit || !strings.Contains(stderr.String(), "Usage of products:") {
			t.Errorf("the command with %q ended with exit status %d and printed %q; want exit status %d and the usage", c.args, exit, stderr.String(), c.exit)
		}
	}
}

func TestBusyAddressExitsOne(t *testing.T) {
	busy, err := (&net.ListenConfig{}).Listen(t.Context(), "tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	var stderr strings.Builder
	cmd := command.Command(t.Context(), "-addr", busy.Addr().String(), "-products", "0")
	cmd.Stderr = &stderr
	err = cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 || !strings.Contains(stderr.String(), "address already in use") {
		t.Errorf("the command on a busy address ended with %v and printed %q; want exit status 1 and the listen error", err, stderr.String())
	}
}
