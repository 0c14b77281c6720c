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

/// The errors each nibble allows: by the high and low nibble of the byte
/// before, and by the high nibble of the byte itself.
static const uint8_t by_first_high[16] = {
    TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,
    TWO_CONTINUATIONS, TWO_CONTINUATIONS, TWO_CONTINUATIONS, TWO_CONTINUATIONS,
    TOO_SHORT | OVERLONG_2,
    TOO_SHORT,
    TOO_SHORT | OVERLONG_3 | SURROGATE,
    TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4,
};
static const uint8_t by_first_low[16] = {
    ANY_PAIR | OVERLONG_3 | OVERLONG_2 | OVERLONG_4,
    ANY_PAIR | OVERLONG_2,
    ANY_PAIR, ANY_PAIR,
    ANY_PAIR | TOO_LARGE,
    ANY_PAIR | TOO_LARGE | TOO_LARGE_1000, ANY_PAIR | TOO_LARGE | TOO_LARGE_1000,
    ANY_PAIR | TOO_LARGE | TOO_LARGE_1000, ANY_PAIR | TOO_LARGE | TOO_LARGE_1000,
    ANY_PAIR | TOO_LARGE | TOO_LARGE_1000, ANY_PAIR | TOO_LARGE | TOO_LARGE_1000,
    ANY_PAIR | TOO_LARGE | TOO_LARGE_1000, ANY_PAIR | TOO_LARGE | TOO_LARGE_1000,
    ANY_PAIR | TOO_LARGE | TOO_LARGE_1000 | SURROGATE,
    ANY_PAIR | TOO_LARGE | TOO_LARGE_1000, ANY_PAIR | TOO_LARGE | TOO_LARGE_1000,
};
static const uint8_t by_second_high[16] = {
    TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
    TOO_LONG | OVERLONG_2 | TWO_CONTINUATIONS | OVERLONG_3 | TOO_LARGE_1000 | OVERLONG_4,
    TOO_LONG | OVERLONG_2 | TWO_CONTINUATIONS | OVERLONG_3 | TOO_LARGE,
    TOO_LONG | OVERLONG_2 | TWO_CONTINUATIONS | SURROGATE | TOO_LARGE,
    TOO_LONG | OVERLONG_2 | TWO_CONTINUATIONS | SURROGATE | TOO_LARGE,
    TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
};

/// The errors of each byte of `input`, `previous` being the sixteen bytes
/// before it: zero where the byte is where it may be.
__attribute__((target("ssse3")))
static inline __m128i errors_16(__m128i input, __m128i previous) {
    const __m128i nibble = _mm_set1_epi8(0x0F);
    __m128i before1 = _mm_alignr_epi8(input, previous, 15);
    __m128i before2 = _mm_alignr_epi8(input, previous, 14);
    __m128i before3 = _mm_alignr_epi8(input, previous, 13);
    __m128i first_high = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)by_first_high),
                                          _mm_and_si128(_mm_srli_epi16(before1, 4), nibble));
    __m128i first_low = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)by_first_low), _mm_and_si128(before1, nibble));
    __m128i second_high = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)by_second_high),
                                           _mm_and_si128(_mm_srli_epi16(input, 4), nibble));
    __m128i pair_errors = _mm_and_si128(_mm_and_si128(first_high, first_low), second_high);
    // 0x80 where a lead byte two (E0..FF) or three (F0..FF) bytes before
    // asks for this byte to continue it.
    __m128i third_of_three = _mm_subs_epu8(before2, _mm_set1_epi8((char)(0xE0 - 0x80)));
    __m128i fourth_of_four = _mm_subs_epu8(before3, _mm_set1_epi8((char)(0xF0 - 0x80)));
    __m128i must_continue = _mm_and_si128(_mm_or_si128(third_of_three, fourth_of_four), _mm_set1_epi8((char)0x80));
    return _mm_xor_si128(must_continue, pair_errors);
}

/// `errors_16` on thirty-two bytes: the same steps in each 128-bit lane,
/// the bytes before a lane's first taken across the lane boundary.
__attribute__((target("avx2")))
static inline __m256i errors_32(__m256i input, __m256i previous) {
    const __m256i nibble = _mm256_set1_epi8(0x0F);
    __m256i straddle = _mm256_permute2x128_si256(previous, input, 0x21);  // previous' high lane, input's low lane
    __m256i before1 = _mm256_alignr_epi8(input, straddle, 15);
    __m256i before2 = _mm256_alignr_epi8(input, straddle, 14);
    __m256i before3 = _mm256_alignr_epi8(input, straddle, 13);
    __m256i first_high = _mm256_shuffle_epi8(_mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)by_first_high)),
                                             _mm256_and_si256(_mm256_srli_epi16(before1, 4), nibble));
    __m256i first_low = _mm256_shuffle_epi8(_mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)by_first_low)),
                                            _mm256_and_si256(before1, nibble));
    __m256i second_high = _mm256_shuffle_epi8(_mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)by_second_high)),
                                              _mm256_and_si256(_mm256_srli_epi16(input, 4), nibble));
    __m256i pair_errors = _mm256_and_si256(_mm256_and_si256(first_high, first_low), second_high);
    __m256i third_of_three = _mm256_subs_epu8(before2, _mm256_set1_epi8((char)(0xE0 - 0x80)));
    __m256i fourth_of_four = _mm256_subs_epu8(before3, _mm256_set1_epi8((char)(0xF0 - 0x80)));
    __m256i must_continue = _mm256_and_si256(_mm256_or_si256(third_of_three, fourth_of_four), _mm256_set1_epi8((char)0x80));
    return _mm256_xor_si256(must_continue, pair_errors);
}

/// 0xFF in each byte of `input` that is a carriage return or a NUL.
__attribute__((target("ssse3")))
static inline __m128i carriage_returns_or_nuls_16(__m128i input) {
    return _mm_or_si128(_mm_cmpeq_epi8(input, _mm_set1_epi8('\r')), _mm_cmpeq_epi8(input, _mm_setzero_si128()));
}

/// Checks the bytes from `index` on sixteen at a time, `previous` being the
/// sixteen before them, then the end: the last bytes padded with zeros, and
/// a block of zeros, so that a sequence left open misses its continuation.
/// `found` gathers the carriage returns and NULs of the blocks before
/// `index`; `*holds_cr_or_nul` says whether any byte of `count` is one.
__attribute__((target("ssse3")))
static int rest_is_valid_16(const uint8_t *bytes, size_t count, size_t index, __m128i previous, __m128i errors,
                            __m128i found, int *holds_cr_or_nul) {
    for (; index + 16 <= count; index += 16) {
        __m128i input = _mm_loadu_si128((const __m128i *)(bytes + index));
        found = _mm_or_si128(found, carriage_returns_or_nuls_16(input));
        // ASCII after three ASCII bytes can hold no error.
        if ((_mm_movemask_epi8(input) | (_mm_movemask_epi8(previous) & 0xE000)) != 0) {
            errors = _mm_or_si128(errors, errors_16(input, previous));
        }
        previous = input;
    }
    int holds = _mm_movemask_epi8(found) != 0;
    // The tail one byte at a time: its padding is zeros, not NULs of the text.
    for (size_t tail_index = index; tail_index < count; tail_index++) {
        if (bytes[tail_index] == '\r' || bytes[tail_index] == 0) holds = 1;
    }
    *holds_cr_or_nul = holds;
    uint8_t tail[16] = {0};
    memcpy(tail, bytes + index, count - index);
    __m128i input = _mm_loadu_si128((const __m128i *)tail);
    errors = _mm_or_si128(errors, errors_16(input, previous));
    errors = _mm_or_si128(errors, errors_16(_mm_setzero_si128(), input));
    return _mm_movemask_epi8(_mm_cmpeq_epi8(errors, _mm_setzero_si128())) == 0xFFFF;
}

__attribute__((target("avx2")))
static int is_valid_32(const uint8_t *bytes, size_t count, int *holds_cr_or_nul) {
    __m256i previous = _mm256_setzero_si256();
    __m256i errors = _mm256_setzero_si256();
    __m256i found = _mm256_setzero_si256();
    const __m256i carriage_return = _mm256_set1_epi8('\r');
    size_t index = 0;
    for (; index + 32 <= count; index += 32) {
        __m256i input = _mm256_loadu_si256((const __m256i *)(bytes + index));
        found = _mm256_or_si256(found, _mm256_or_si256(_mm256_cmpeq_epi8(input, carriage_return),
                                                       _mm256_cmpeq_epi8(input, _mm256_setzero_si256())));
        if (((unsigned)_mm256_movemask_epi8(input) | ((unsigned)_mm256_movemask_epi8(previous) & 0xE0000000u)) != 0) {
            errors = _mm256_or_si256(errors, errors_32(input, previous));
        }
        previous = input;
    }
    __m128i folded = _mm_or_si128(_mm256_castsi256_si128(errors), _mm256_extracti128_si256(errors, 1));
    __m128i folded_found = _mm_or_si128(_mm256_castsi256_si128(found), _mm256_extracti128_si256(found, 1));
    return rest_is_valid_16(bytes, count, index, _mm256_extracti128_si256(previous, 1), folded, folded_found,
                            holds_cr_or_nul);
}

__attribute__((target("ssse3")))
static int is_valid_16(const uint8_t *bytes, size_t count, int *holds_cr_or_nul) {
    return rest_is_valid_16(bytes, count, 0, _mm_setzero_si128(), _mm_setzero_si128(), _mm_setzero_si128(),
                            holds_cr_or_nul);
}

/// 2 with AVX2 (and the system saving its registers), 1 with SSSE3, else 0.
static int instruction_level(void) {
    static int known = -1;  // threads that race here all store the same answer
    int level = __atomic_load_n(&known, __ATOMIC_RELAXED);
    if (level >= 0) return level;
    unsigned int a, b, c, d;
    level = 0;
    if (__get_cpuid(1, &a, &b, &c, &d) && (c & bit_SSSE3)) {
        level = 1;
        if ((c & bit_OSXSAVE) && (c & bit_AVX)) {
            unsigned int low, high;
            __asm__("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
            if ((low & 6) == 6 && __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & bit_AVX2)) level = 2;
        }
    }
    __atomic_store_n(&known, level, __ATOMIC_RELAXED);
    return level;
}

int cues_utf8_validate(const uint8_t *bytes, size_t count, int *holds_cr_or_nul) {
    int holds = 1;
    int result;
    switch (instruction_level()) {
    case 2: result = is_valid_32(bytes, count, &holds); break;
    case 1: result = is_valid_16(bytes, count, &holds); break;
    default: result = -1;
    }
    if (holds_cr_or_nul) *holds_cr_or_nul = holds;
    return result;
}

#else

int cues_utf8_validate(const uint8_t *bytes, size_t count, int *holds_cr_or_nul) {
    (void)bytes;
    (void)count;
    if (holds_cr_or_nul) *holds_cr_or_nul = 1;
    return -1;
}

#endif
