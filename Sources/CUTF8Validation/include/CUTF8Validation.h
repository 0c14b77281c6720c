#ifndef CUES_UTF8_VALIDATION_H
#define CUES_UTF8_VALIDATION_H

#include <stddef.h>
#include <stdint.h>

/// Whether `count` bytes at `bytes` are well-formed UTF-8 (Unicode table
/// 3-7: no overlong forms, no surrogates, nothing above U+10FFFF), checked
/// thirty-two bytes at a time with AVX2 byte shuffles, or sixteen with
/// SSSE3: 1 when they are, 0 when they are not, -1 when this processor (or
/// build) has neither and the caller must check them itself.
/// In the same pass, `*holds_cr_or_nul` (when not NULL) is set to 0 when
/// no byte is a carriage return or a NUL, else 1 (always 1 with -1).
int cues_utf8_validate(const uint8_t *bytes, size_t count, int *holds_cr_or_nul);

#endif
