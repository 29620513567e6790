//go:build !linux

package thp

func reserve(int) {}
