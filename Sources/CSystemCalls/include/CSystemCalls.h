#ifndef CUES_SYSTEM_CALLS_H
#define CUES_SYSTEM_CALLS_H

#include <stddef.h>

/// Renames `from` to `to` unless `to` exists, in one step (Linux
/// `renameat2` with `RENAME_NOREPLACE`). Returns 0, or -1 with errno:
/// EEXIST when `to` exists; EINVAL, ENOSYS or ENOTSUP when the kernel or the
/// file system cannot do it (the caller then uses `link` and `unlink`).
int cues_rename_noreplace(const char *from, const char *to);

/// Installs the SIGBUS handler that keeps a process alive when a file it
/// has mapped is truncated by another program: a fault inside a region
/// registered with `cues_mapping_guard_add` maps zero pages over the rest of
/// the region and marks it faulted; any other SIGBUS goes to the handler
/// that was installed before. Call once, before mapping.
void cues_mapping_guard_install(void);

/// Registers a mapped region; returns a slot number, or -1 when every slot
/// is taken (the caller then reads the file instead of mapping it).
int cues_mapping_guard_add(const void *base, size_t length);

/// Whether a fault was met in the region of `slot` since it was added.
int cues_mapping_guard_faulted(int slot);

/// Forgets the region of `slot`; call before unmapping it.
void cues_mapping_guard_remove(int slot);

#endif
