#ifndef CUES_CCURL_H
#define CUES_CCURL_H

#include <stddef.h>

/// libcurl, loaded with dlopen the first time a download is asked for, so a
/// run that downloads nothing loads nothing (and starts as fast as before).
/// The few functions used are declared here by their documented signatures;
/// no curl header is needed to build.

/// Loads libcurl (libcurl.so.4) and initialises it once. Returns 0, or -1
/// with a reason in `error`.
int cues_curl_load(char *error, size_t error_size);

/// The limits of one GET.
typedef struct {
    long connect_timeout_ms;
    /// The whole transfer, redirects included.
    long total_timeout_ms;
    /// The body is cut off (and the transfer failed) past this many bytes.
    long long max_bytes;
    long max_redirects;
    /// Extra request headers as "Name: value", or NULL; `header_count` of them.
    const char *const *headers;
    int header_count;
} cues_curl_limits;

/// What one GET gave. Strings are NUL-terminated (empty when absent).
typedef struct {
    /// 0 when the transfer completed (whatever the HTTP status), else
    /// libcurl's error code; `message` then says why.
    int error;
    /// Set when the body went past `max_bytes`.
    int too_large;
    long status;
    char message[256];
    char content_type[256];
    char etag[256];
    char last_modified[128];
    char effective_url[2048];
    unsigned char *body;
    size_t length;
} cues_curl_response;

/// GETs `url` (http and https only, for the request and every redirect; no
/// credentials, no cookies, no proxy from the environment beyond libcurl's
/// defaults). Call `cues_curl_response_free` afterwards, whatever it gave.
void cues_curl_get(const char *url, const cues_curl_limits *limits, cues_curl_response *response);

/// Frees the body of `response`.
void cues_curl_response_free(cues_curl_response *response);

#endif
