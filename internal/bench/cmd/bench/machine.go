package main

import (
	"bufio"
	"runtime"
	"strconv"
	"strings"

	"github.com/contratto/portal/internal/bench"
	"github.com/spf13/afero"
)

// machine describes the computer from /proc, where Linux has it.
func machine(fsys afero.Fs) bench.Machine {
	m := bench.Machine{CPUs: runtime.NumCPU(), LoadBefore: loadAverage(fsys)}
	m.CPUModel = procField(fsys, "/proc/cpuinfo", "model name")
	if kb, err := strconv.ParseInt(strings.Fields(procField(fsys, "/proc/meminfo", "MemTotal") + " 0")[0], 10, 64); err == nil {
		m.MemoryBytes = kb * 1024
	}
	m.OS = runtime.GOOS + "/" + runtime.GOARCH
	if name := osRelease(fsys); name != "" {
		m.OS = name + ", " + m.OS
	}
	if k, err := afero.ReadFile(fsys, "/proc/sys/kernel/osrelease"); err == nil {
		m.OS += ", kernel " + strings.TrimSpace(string(k))
	}
	return m
}

// procField returns the value of the first "key: value" line with key in a /proc file.
func procField(fsys afero.Fs, path, key string) string {
	f, err := fsys.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

func osRelease(fsys afero.Fs) string {
	data, err := afero.ReadFile(fsys, "/etc/os-release")
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "PRETTY_NAME="); ok {
			return strings.Trim(v, `"`)
		}
	}
	return ""
}

// loadAverage is the 1, 5 and 15 minute load average.
func loadAverage(fsys afero.Fs) string {
	data, err := afero.ReadFile(fsys, "/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], ", ")
}
