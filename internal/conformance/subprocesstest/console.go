package subprocesstest

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/conckata/conckata/internal/harness"
)

// A Script is what the console program does: the test binary itself, run
// again in the harness's helper role "console", so that the suite needs no
// program of its own. It prints Banner, then asks for up to Answers lines:
// each time, Fill bytes of filler on stdout and FillErr on stderr, then
// Prompt; each line it reads, it prints back after Reply. Then it prints Bye,
// Message on stderr, and exits with status Exit, or, if Hang is set, hangs.
//
// What it prints on stdout depends only on the lines it reads, never on
// when it reads them: Output says what it is.
type Script struct {
	Prompt  string // printed each time it asks for a line
	Banner  string // printed first
	Reply   string // printed before each line read, which follows with "\n"; nothing at all if ""
	Bye     string // printed once it stops asking
	Fill    int    // bytes of filler lines printed on stdout before each prompt
	FillErr int    // bytes of filler lines printed on stderr before each prompt
	Split   bool   // the prompt is written one byte at a time
	Answers int    // how many lines it asks for; < 0: until its input ends
	Exit    int    // its exit status
	Message string // printed on stderr just before it exits
	// Hang makes it hang once it stops asking, instead of exiting: it
	// ignores SIGINT, SIGTERM and SIGHUP, reads nothing, and ends only when
	// killed, or when the process that made its command is gone.
	Hang bool
	// Grandchild makes a hanging console start another console that hangs
	// too, in the same process group: a grandchild of the caller.
	Grandchild bool
	// Report, if set, is the write end of a pipe: a hanging console writes
	// "PID\n" to it, or "PID GRANDCHILD-PID\n", before it hangs, and the
	// grandchild holds it open too, so that the read end reaches EOF once
	// both have exited.
	Report *os.File
}

// console is the helper that plays Scripts. It is declared in init, before
// harness.Main runs, rather than in its var declaration: a hanging console
// starts a grandchild with it, which would make that a cycle.
var console *harness.Helper

func init() { console = harness.NewHelper("console", playConsole) }

// Command returns the command that plays s: an *exec.Cmd of this test
// binary, which exits at the latest when this process does (it watches it).
// ctx kills it, as for exec.CommandContext.
func (s Script) Command(ctx context.Context) *exec.Cmd {
	args := []string{
		"-prompt=" + s.Prompt, "-banner=" + s.Banner, "-reply=" + s.Reply, "-bye=" + s.Bye,
		"-fill=" + strconv.Itoa(s.Fill), "-fill-err=" + strconv.Itoa(s.FillErr),
		"-split=" + strconv.FormatBool(s.Split), "-answers=" + strconv.Itoa(s.Answers),
		"-exit=" + strconv.Itoa(s.Exit), "-message=" + s.Message,
		"-hang=" + strconv.FormatBool(s.Hang), "-grandchild=" + strconv.FormatBool(s.Grandchild),
		"-watch=" + strconv.Itoa(os.Getpid()),
	}
	cmd := console.Command(ctx, args...)
	if s.Report != nil {
		cmd.ExtraFiles = []*os.File{s.Report}
		cmd.Args = append(cmd.Args, "-report")
	}
	return cmd
}

// filler is what Fill prints, cut at its length: lines of dots, a byte that
// no property's prompt or text holds.
var filler = strings.Repeat(strings.Repeat(".", 63)+"\n", 1024)

// fill returns n bytes of filler.
func fill(n int) string {
	var b strings.Builder
	for ; n > len(filler); n -= len(filler) {
		b.WriteString(filler)
	}
	b.WriteString(filler[:n])
	return b.String()
}

// playConsole is the console program's main: it plays the Script its flags
// describe.
func playConsole(args []string) int {
	var s Script
	var watch int
	var report bool
	fs := flag.NewFlagSet("console", flag.ContinueOnError)
	fs.StringVar(&s.Prompt, "prompt", "> ", "")
	fs.StringVar(&s.Banner, "banner", "", "")
	fs.StringVar(&s.Reply, "reply", "", "")
	fs.StringVar(&s.Bye, "bye", "", "")
	fs.IntVar(&s.Fill, "fill", 0, "")
	fs.IntVar(&s.FillErr, "fill-err", 0, "")
	fs.BoolVar(&s.Split, "split", false, "")
	fs.IntVar(&s.Answers, "answers", -1, "")
	fs.IntVar(&s.Exit, "exit", 0, "")
	fs.StringVar(&s.Message, "message", "", "")
	fs.BoolVar(&s.Hang, "hang", false, "")
	fs.BoolVar(&s.Grandchild, "grandchild", false, "")
	fs.IntVar(&watch, "watch", 0, "")
	fs.BoolVar(&report, "report", false, "")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	s.converse(os.Stdin, os.Stdout, os.Stderr)
	if s.Hang {
		signal.Ignore(syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
		if report {
			s.Report = os.NewFile(3, "report")
		}
		return s.hang(watch)
	}
	fmt.Fprint(os.Stderr, s.Message)
	return s.Exit
}

// converse asks for lines and answers them, and prints Bye.
func (s Script) converse(in io.Reader, out, errOut io.Writer) {
	say(out, s.Banner)
	lines := bufio.NewReader(in)
	for asked := 0; s.Answers < 0 || asked < s.Answers; asked++ {
		say(out, fill(s.Fill))
		say(errOut, fill(s.FillErr))
		if s.Split {
			for i := range len(s.Prompt) {
				say(out, s.Prompt[i:i+1])
			}
		} else {
			say(out, s.Prompt)
		}
		line, err := lines.ReadString('\n')
		if err != nil {
			break // its input ended: no more lines to ask for
		}
		if s.Reply != "" {
			say(out, s.Reply+strings.TrimSuffix(line, "\n")+"\n")
		}
	}
	say(out, s.Bye)
}

// say writes text to w, unless it is empty: the console's cost per line
// is in the benchmark's.
func say(w io.Writer, text string) {
	if text != "" {
		io.WriteString(w, text)
	}
}

// hang reports the console's pid (and its grandchild's) on Report, then
// waits until process watch is gone; it returns 0 if it ever does.
func (s Script) hang(watch int) int {
	line := strconv.Itoa(os.Getpid())
	if s.Grandchild {
		// The grandchild keeps nothing of its parent's but Report: not its
		// output, so that only Report tells when it has exited.
		gc := console.Command(context.Background(), "-hang", "-answers=0", "-watch="+strconv.Itoa(watch))
		if s.Report != nil {
			gc.ExtraFiles = []*os.File{s.Report}
		}
		if err := gc.Start(); err != nil {
			fmt.Fprintln(os.Stderr, "console: starting the grandchild:", err)
			return 1
		}
		line += " " + strconv.Itoa(gc.Process.Pid)
	}
	if s.Report != nil {
		fmt.Fprintln(s.Report, line)
	}
	// Not a wait for a goroutine: a bound on a process left behind by a
	// broken kata, which the harness's group kill does not reach once the
	// kata has put the console in a group of its own.
	for watch > 0 && syscall.Kill(watch, 0) == nil {
		time.Sleep(100 * time.Millisecond)
	}
	return 0
}
