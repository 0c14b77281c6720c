// UTF-8 validation by table lookups on byte pairs (the method of Keiser and
// Lemire, "Validating UTF-8 in less than one instruction per byte", 2021).
//
// Every error of UTF-8 shows in a pair of consecutive bytes, except a
// missing or extra third or fourth byte. For each byte, three 16-entry
// tables, indexed by the high and low nibble of the byte before it and the
// high nibble of the byte itself, give the set of errors each nibble allows;
// the pair is an error when all three agree on one. A continuation byte
// after a continuation byte is such an "error" (TWO_CONTINUATIONS) unless a
// lead byte two or three bytes before asks for it: that bit must then be
// set, and everywhere else it must not.
#include "CUTF8Validation.h"

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>
#include <string.h>

enum {
    TOO_SHORT = 1 << 0,             // a lead byte not followed by a continuation
    TOO_LONG = 1 << 1,              // ASCII followed by a continuation
    OVERLONG_3 = 1 << 2,            // E0 80..9F
    TOO_LARGE = 1 << 3,             // F4 90..BF, F5..FF 90..BF
    SURROGATE = 1 << 4,             // ED A0..BF
    OVERLONG_2 = 1 << 5,            // C0..C1 followed by a continuation
    TOO_LARGE_1000 = 1 << 6,        // F5..FF 80..8F
    OVERLONG_4 = 1 << 6,            // F0 80..8F: shares its bit, since F0 and F5..FF differ in their low nibble
    TWO_CONTINUATIONS = 1 << 7,     // a continuation after a continuation
    ANY_PAIR = TOO_SHORT | TOO_LONG | TWO_CONTINUATIONS,
};

#define B(value) ((char)(value))

/// The errors of each byte of `input`, `previous` being the sixteen bytes
/// before it: zero where the byte is where it may be.
__attribute__((target("ssse3")))
static inline __m128i block_errors(__m128i input, __m128i previous) {
    const __m128i nibble = _mm_set1_epi8(0x0F);
    const __m128i by_first_high = _mm_setr_epi8(
        B(TOO_LONG), B(TOO_LONG), B(TOO_LONG), B(TOO_LONG), B(TOO_LONG), B(TOO_LONG), B(TOO_LONG), B(TOO_LONG),
        B(TWO_CONTINUATIONS), B(TWO_CONTINUATIONS), B(TWO_CONTINUATIONS), B(TWO_CONTINUATIONS),
        B(TOO_SHORT | OVERLONG_2),
        B(TOO_SHORT),
        B(TOO_SHORT | OVERLONG_3 | SURROGATE),
        B(TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4));
    const __m128i by_first_low = _mm_setr_epi8(
        B(ANY_PAIR | OVERLONG_3 | OVERLONG_2 | OVERLONG_4),
        B(ANY_PAIR | OVERLONG_2),
        B(ANY_PAIR), B(ANY_PAIR),
        B(ANY_PAIR | TOO_LARGE),
        B(ANY_PAIR | TOO_LARGE | TOO_LARGE_1000), B(ANY_PAIR | TOO_LARGE | TOO_LARGE_1000),
        B(ANY_PAIR | TOO_LARGE | TOO_LARGE_1000), B(ANY_PAIR | TOO_LARGE | TOO_LARGE_1000),
        B(ANY_PAIR | TOO_LARGE | TOO_LARGE_1000), B(ANY_PAIR | TOO_LARGE | TOO_LARGE_1000),
        B(ANY_PAIR | TOO_LARGE | TOO_LARGE_1000), B(ANY_PAIR | TOO_LARGE | TOO_LARGE_1000),
        B(ANY_PAIR | TOO_LARGE | TOO_LARGE_1000 | SURROGATE),
        B(ANY_PAIR | TOO_LARGE | TOO_LARGE_1000), B(ANY_PAIR | TOO_LARGE | TOO_LARGE_1000));
    const __m128i by_second_high = _mm_setr_epi8(
        B(TOO_SHORT), B(TOO_SHORT), B(TOO_SHORT), B(TOO_SHORT), B(TOO_SHORT), B(TOO_SHORT), B(TOO_SHORT), B(TOO_SHORT),
        B(TOO_LONG | OVERLONG_2 | TWO_CONTINUATIONS | OVERLONG_3 | TOO_LARGE_1000 | OVERLONG_4),
        B(TOO_LONG | OVERLONG_2 | TWO_CONTINUATIONS | OVERLONG_3 | TOO_LARGE),
        B(TOO_LONG | OVERLONG_2 | TWO_CONTINUATIONS | SURROGATE | TOO_LARGE),
        B(TOO_LONG | OVERLONG_2 | TWO_CONTINUATIONS | SURROGATE | TOO_LARGE),
        B(TOO_SHORT), B(TOO_SHORT), B(TOO_SHORT), B(TOO_SHORT));

    __m128i before1 = _mm_alignr_epi8(input, previous, 15);
    __m128i before2 = _mm_alignr_epi8(input, previous, 14);
    __m128i before3 = _mm_alignr_epi8(input, previous, 13);
    __m128i first_high = _mm_shuffle_epi8(by_first_high, _mm_and_si128(_mm_srli_epi16(before1, 4), nibble));
    __m128i first_low = _mm_shuffle_epi8(by_first_low, _mm_and_si128(before1, nibble));
    __m128i second_high = _mm_shuffle_epi8(by_second_high, _mm_and_si128(_mm_srli_epi16(input, 4), nibble));
    __m128i pair_errors = _mm_and_si128(_mm_and_si128(first_high, first_low), second_high);
    // 0x80 where a lead byte two (E0..FF) or three (F0..FF) bytes before
    // asks for this byte to continue it.
    __m128i third_of_three = _mm_subs_epu8(before2, _mm_set1_epi8(B(0xE0 - 0x80)));
    __m128i fourth_of_four = _mm_subs_epu8(before3, _mm_set1_epi8(B(0xF0 - 0x80)));
    __m128i must_continue = _mm_and_si128(_mm_or_si128(third_of_three, fourth_of_four), _mm_set1_epi8(B(0x80)));
    return _mm_xor_si128(must_continue, pair_errors);
}

__attribute__((target("ssse3")))
static int validate_ssse3(const uint8_t *bytes, size_t count) {
    __m128i previous = _mm_setzero_si128();
    __m128i errors = _mm_setzero_si128();
    size_t index = 0;
    for (; index + 16 <= count; index += 16) {
        __m128i input = _mm_loadu_si128((const __m128i *)(bytes + index));
        // ASCII after three ASCII bytes can hold no error.
        if ((_mm_movemask_epi8(input) | (_mm_movemask_epi8(previous) & 0xE000)) != 0) {
            errors = _mm_or_si128(errors, block_errors(input, previous));
        }
        previous = input;
    }
    uint8_t tail[16] = {0};
    memcpy(tail, bytes + index, count - index);
    __m128i input = _mm_loadu_si128((const __m128i *)tail);
    errors = _mm_or_si128(errors, block_errors(input, previous));
    // Zeros after the end: a sequence left open there misses its continuation.
    errors = _mm_or_si128(errors, block_errors(_mm_setzero_si128(), input));
    return _mm_movemask_epi8(_mm_cmpeq_epi8(errors, _mm_setzero_si128())) == 0xFFFF;
}

static int has_ssse3(void) {
    static int known = -1;  // threads that race here all store the same answer
    int answer = __atomic_load_n(&known, __ATOMIC_RELAXED);
    if (answer < 0) {
        unsigned int a, b, c, d;
        answer = __get_cpuid(1, &a, &b, &c, &d) && (c & bit_SSSE3) != 0;
        __atomic_store_n(&known, answer, __ATOMIC_RELAXED);
    }
    return answer;
}

int cues_utf8_validate(const uint8_t *bytes, size_t count) {
    if (!has_ssse3()) return -1;
    return validate_ssse3(bytes, count);
}

#else

int cues_utf8_validate(const uint8_t *bytes, size_t count) {
    (void)bytes;
    (void)count;
    return -1;
}

#endif
