package validate

// maxEntrySize bounds an entry lint reads: a handbook entry is a few
// kilobytes, and a file past this is reported as unreadable instead of
// filling memory.
const maxEntrySize = 64 << 20
