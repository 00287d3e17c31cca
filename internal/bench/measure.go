package bench

import (
	"math"
	"slices"
	"time"
)

// Sample is one timed run of a command, in a process of its own.
type Sample struct {
	Wall   time.Duration // from start to exit
	User   time.Duration // CPU time in user mode, all threads
	Sys    time.Duration // CPU time in the kernel
	MaxRSS int64         // peak resident memory, bytes
}

// Timing is the runs of one command on one site.
type Timing struct {
	Samples []Sample
}

// Add records a run.
func (t *Timing) Add(s Sample) { t.Samples = append(t.Samples, s) }

// Median is the median wall time (the mean of the two middle runs for an even count).
func (t Timing) Median() time.Duration {
	return median(t.walls())
}

// Min is the fastest run's wall time.
func (t Timing) Min() time.Duration {
	if len(t.Samples) == 0 {
		return 0
	}
	return slices.Min(t.walls())
}

// Max is the slowest run's wall time.
func (t Timing) Max() time.Duration {
	if len(t.Samples) == 0 {
		return 0
	}
	return slices.Max(t.walls())
}

// Spread is the slowest run over the fastest: 1 when every run took the same time.
func (t Timing) Spread() float64 {
	if t.Min() <= 0 {
		return 0
	}
	return float64(t.Max()) / float64(t.Min())
}

// MedianCPU is the median of user plus system time.
func (t Timing) MedianCPU() time.Duration {
	cpu := make([]time.Duration, len(t.Samples))
	for i, s := range t.Samples {
		cpu[i] = s.User + s.Sys
	}
	return median(cpu)
}

// PeakRSS is the largest peak resident memory of the runs.
func (t Timing) PeakRSS() int64 {
	var peak int64
	for _, s := range t.Samples {
		peak = max(peak, s.MaxRSS)
	}
	return peak
}

func (t Timing) walls() []time.Duration {
	w := make([]time.Duration, len(t.Samples))
	for i, s := range t.Samples {
		w[i] = s.Wall
	}
	return w
}

func median(d []time.Duration) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// Ratio is a/b, or NaN when b is zero.
func Ratio(a, b time.Duration) float64 {
	if b == 0 {
		return math.NaN()
	}
	return float64(a) / float64(b)
}

// GrowthExponent is k in time ∝ pages^k between two sizes: 1 is linear growth, less is
// cheaper than linear (a fixed start-up cost), more is worse than linear.
func GrowthExponent(pages1 int, t1 time.Duration, pages2 int, t2 time.Duration) float64 {
	if pages1 <= 0 || pages2 <= 0 || pages1 == pages2 || t1 <= 0 || t2 <= 0 {
		return math.NaN()
	}
	return math.Log(float64(t2)/float64(t1)) / math.Log(float64(pages2)/float64(pages1))
}
