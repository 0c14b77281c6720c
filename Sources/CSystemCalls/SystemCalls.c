#define _GNU_SOURCE
#include "CSystemCalls.h"

#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/syscall.h>
#endif
#include <fcntl.h>
#include <stdio.h>
#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE (1 << 0)
#endif

int cues_rename_noreplace(const char *from, const char *to) {
#if defined(__linux__) && defined(SYS_renameat2)
    return (int)syscall(SYS_renameat2, AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE);
#else
    errno = ENOSYS;
    return -1;
#endif
}

enum { slot_count = 256 };

/// A mapped region; `base` is 0 when the slot is free. The handler reads
/// slots without a lock: each field is atomic, and a region is added with
/// its length before its base and removed by clearing its base first.
static struct {
    _Atomic(uintptr_t) base;
    _Atomic(size_t) length;
    atomic_int faulted;
} slots[slot_count];

static struct sigaction previous;
static uintptr_t page_size = 4096;

static void on_bus_error(int number, siginfo_t *info, void *context) {
    uintptr_t address = (uintptr_t)info->si_addr;
    for (int slot = 0; slot < slot_count; slot++) {
        uintptr_t base = atomic_load(&slots[slot].base);
        size_t length = atomic_load(&slots[slot].length);
        if (base == 0 || address < base || address >= base + length) continue;
        uintptr_t page = address & ~(page_size - 1);
        // Zero pages from the faulting page to the region's end: the reader
        // goes on over zeros, and the caller reports the faulted region.
        void *mapped = mmap((void *)page, base + length - page, PROT_READ,
                            MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (mapped != MAP_FAILED) {
            atomic_store(&slots[slot].faulted, 1);
            return;
        }
        break;
    }
    // Not a guarded region: the fault repeats under the previous handler.
    sigaction(SIGBUS, &previous, NULL);
    (void)number;
    (void)context;
}

void cues_mapping_guard_install(void) {
    long size = sysconf(_SC_PAGESIZE);
    if (size > 0) page_size = (uintptr_t)size;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_bus_error;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    sigaction(SIGBUS, &action, &previous);
}

int cues_mapping_guard_add(const void *base, size_t length) {
    for (int slot = 0; slot < slot_count; slot++) {
        uintptr_t expected = 0;
        // Claim the slot with a placeholder base, then publish the region.
        if (atomic_compare_exchange_strong(&slots[slot].base, &expected, (uintptr_t)1)) {
            atomic_store(&slots[slot].faulted, 0);
            atomic_store(&slots[slot].length, length);
            atomic_store(&slots[slot].base, (uintptr_t)base);
            return slot;
        }
    }
    return -1;
}

int cues_mapping_guard_faulted(int slot) {
    if (slot < 0 || slot >= slot_count) return 0;
    return atomic_load(&slots[slot].faulted);
}

void cues_mapping_guard_remove(int slot) {
    if (slot < 0 || slot >= slot_count) return;
    atomic_store(&slots[slot].length, 0);
    atomic_store(&slots[slot].base, 0);
}
