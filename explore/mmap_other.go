//go:build unix && !linux

package explore

// mapPopulate is Linux's; elsewhere pages are made resident as they are
// touched.
const mapPopulate = 0
