//go:build race

package delivery

// raceEnabled is true under the race detector, which slows everything
// down too much for timing tests to mean anything.
const raceEnabled = true
