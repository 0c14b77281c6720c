#ifndef CUES_BYTE_SCAN_H
#define CUES_BYTE_SCAN_H

#include <stdint.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// Set in `*marks` by `cues_line_end` when the line may hold a `>`.
#define CUES_MARK_GREATER_THAN 1u
/// Set in `*marks` by `cues_line_end` when the line may hold a `<`, a `&` or a NUL.
#define CUES_MARK_MARKUP 2u

/// The index of the first line feed in `bytes[from..<to]`, or `to`, and in
/// `*marks` what the bytes before it may hold (`CUES_MARK_...`): one pass
/// for a reader that needs a line's end and whether the line may hold an
/// arrow or markup. With SSE2, sixteen bytes at a time, reading as far as
/// `readable` (at least `to`) so that a short line pays for no byte loop,
/// and exact. Elsewhere the line end is `memchr`'s and both marks are set:
/// the caller then looks at the line itself, as it would without them.
/// Inline, so that the short lines of captions pay for no call.
static inline intptr_t cues_line_end(const uint8_t *bytes, intptr_t from, intptr_t to, intptr_t readable,
                                     uint32_t *marks) {
#if defined(__SSE2__)
    intptr_t index = from;
    uint32_t seen = 0;
    const __m128i line_feed = _mm_set1_epi8('\n'), greater = _mm_set1_epi8('>');
    const __m128i less = _mm_set1_epi8('<'), ampersand = _mm_set1_epi8('&'), zero = _mm_setzero_si128();
    for (; index < to && index + 16 <= readable; index += 16) {
        __m128i block = _mm_loadu_si128((const __m128i *)(bytes + index));
        uint32_t stops = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(block, line_feed));
        // Bytes from `to` on stop the line as a line feed would.
        if (to - index < 16) stops |= 0xFFFFu << (to - index);
        uint32_t greaters = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(block, greater));
        __m128i markup = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(block, less), _mm_cmpeq_epi8(block, ampersand)),
                                      _mm_cmpeq_epi8(block, zero));
        uint32_t markups = (uint32_t)_mm_movemask_epi8(markup);
        if (stops != 0) {
            // The bits of the bytes before the first stop.
            uint32_t before = (stops & (0u - stops)) - 1;
            if (greaters & before) seen |= CUES_MARK_GREATER_THAN;
            if (markups & before) seen |= CUES_MARK_MARKUP;
            *marks |= seen;
            return index + __builtin_ctz(stops);
        }
        if (greaters) seen |= CUES_MARK_GREATER_THAN;
        if (markups) seen |= CUES_MARK_MARKUP;
    }
    // The last bytes of the buffer, one at a time.
    for (; index < to; index++) {
        uint8_t byte = bytes[index];
        if (byte == '\n') break;
        if (byte == '>') seen |= CUES_MARK_GREATER_THAN;
        else if (byte == '<' || byte == '&' || byte == 0) seen |= CUES_MARK_MARKUP;
    }
    *marks |= seen;
    return index;
#else
    (void)readable;
    *marks |= CUES_MARK_GREATER_THAN | CUES_MARK_MARKUP;
    if (from >= to) return to;
    const uint8_t *found = (const uint8_t *)memchr(bytes + from, '\n', (size_t)(to - from));
    return found ? found - bytes : to;
#endif
}

#endif
