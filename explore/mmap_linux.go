package explore

import "syscall"

// mapPopulate makes a buffer's pages resident when it is mapped.
const mapPopulate = syscall.MAP_POPULATE
