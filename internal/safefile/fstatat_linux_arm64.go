package safefile

import "syscall"

// sysFstatat is fstatat's number, with the Stat_t of package syscall.
const sysFstatat = syscall.SYS_FSTATAT
