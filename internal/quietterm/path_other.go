//go:build !(freebsd || linux || netbsd || openbsd || solaris || dragonfly)

package quietterm

// EmptiesPATH: see path_unix.go.
const EmptiesPATH = false
