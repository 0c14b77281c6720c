#include "CCurl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

// Option and info numbers from libcurl's public, stable ABI (curl.h).
enum {
    OPT_URL = 10002, OPT_WRITEFUNCTION = 20011, OPT_WRITEDATA = 10001,
    OPT_HEADERFUNCTION = 20079, OPT_HEADERDATA = 10029, OPT_HTTPHEADER = 10023,
    OPT_FOLLOWLOCATION = 52, OPT_MAXREDIRS = 68, OPT_CONNECTTIMEOUT_MS = 156,
    OPT_TIMEOUT_MS = 155, OPT_NOSIGNAL = 99, OPT_PROTOCOLS = 181, OPT_REDIR_PROTOCOLS = 182,
    OPT_MAXFILESIZE_LARGE = 30117, OPT_USERAGENT = 10018, OPT_ACCEPT_ENCODING = 10102,
    OPT_ERRORBUFFER = 10010,
    INFO_RESPONSE_CODE = 0x200000 + 2, INFO_EFFECTIVE_URL = 0x100000 + 1, INFO_CONTENT_TYPE = 0x100000 + 18,
    PROTO_HTTP_HTTPS = 1 | 2, GLOBAL_ALL = 3, ERROR_WRITE = 23, ERROR_FILESIZE = 63,
};

typedef void CURL;
struct slist;
static int (*global_init)(long);
static CURL *(*easy_init)(void);
static int (*easy_setopt)(CURL *, int, ...);
static int (*easy_perform)(CURL *);
static int (*easy_getinfo)(CURL *, int, ...);
static void (*easy_cleanup)(CURL *);
static const char *(*easy_strerror)(int);
static struct slist *(*slist_append)(struct slist *, const char *);
static void (*slist_free_all)(struct slist *);

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char load_error[256];

static void load(void) {
    const char *names[] = {"libcurl.so.4", "libcurl.so", "libcurl-gnutls.so.4", "libcurl.4.dylib", NULL};
    void *library = NULL;
    for (int i = 0; names[i] && !library; i++) library = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        snprintf(load_error, sizeof load_error, "libcurl (libcurl.so.4) could not be loaded");
        return;
    }
    *(void **)&global_init = dlsym(library, "curl_global_init");
    *(void **)&easy_init = dlsym(library, "curl_easy_init");
    *(void **)&easy_setopt = dlsym(library, "curl_easy_setopt");
    *(void **)&easy_perform = dlsym(library, "curl_easy_perform");
    *(void **)&easy_getinfo = dlsym(library, "curl_easy_getinfo");
    *(void **)&easy_cleanup = dlsym(library, "curl_easy_cleanup");
    *(void **)&easy_strerror = dlsym(library, "curl_easy_strerror");
    *(void **)&slist_append = dlsym(library, "curl_slist_append");
    *(void **)&slist_free_all = dlsym(library, "curl_slist_free_all");
    if (!global_init || !easy_init || !easy_setopt || !easy_perform || !easy_getinfo || !easy_cleanup
        || !easy_strerror || !slist_append || !slist_free_all) {
        snprintf(load_error, sizeof load_error, "libcurl lacks a function cues needs");
        easy_init = NULL;
        return;
    }
    if (global_init(GLOBAL_ALL) != 0) {
        snprintf(load_error, sizeof load_error, "libcurl could not be initialised");
        easy_init = NULL;
    }
}

int cues_curl_load(char *error, size_t error_size) {
    pthread_once(&once, load);
    if (easy_init) return 0;
    if (error && error_size) snprintf(error, error_size, "%s", load_error);
    return -1;
}

typedef struct {
    cues_curl_response *response;
    size_t capacity;
    long long max_bytes;
} body_sink;

static size_t write_body(char *data, size_t size, size_t count, void *context) {
    body_sink *sink = context;
    size_t length = size * count;
    cues_curl_response *response = sink->response;
    if ((long long)(response->length + length) > sink->max_bytes) {
        response->too_large = 1;
        return 0;  // libcurl stops with a write error
    }
    if (response->length + length > sink->capacity) {
        size_t capacity = sink->capacity ? sink->capacity : 16384;
        while (capacity < response->length + length) capacity *= 2;
        unsigned char *grown = realloc(response->body, capacity);
        if (!grown) return 0;
        response->body = grown;
        sink->capacity = capacity;
    }
    memcpy(response->body + response->length, data, length);
    response->length += length;
    return length;
}

/// Keeps ETag and Last-Modified of the last response (a redirect's
/// headers are replaced by the final response's: a status line clears them).
static size_t read_header(char *data, size_t size, size_t count, void *context) {
    cues_curl_response *response = context;
    size_t length = size * count;
    if (length >= 5 && strncmp(data, "HTTP/", 5) == 0) {
        response->etag[0] = 0;
        response->last_modified[0] = 0;
    }
    const char *names[] = {"etag:", "last-modified:"};
    char *targets[] = {response->etag, response->last_modified};
    size_t sizes[] = {sizeof response->etag, sizeof response->last_modified};
    for (int i = 0; i < 2; i++) {
        size_t name_length = strlen(names[i]);
        if (length > name_length && strncasecmp(data, names[i], name_length) == 0) {
            size_t start = name_length, end = length;
            while (start < end && (data[start] == ' ' || data[start] == '\t')) start++;
            while (end > start && (data[end - 1] == '\r' || data[end - 1] == '\n' || data[end - 1] == ' ')) end--;
            size_t copy = end - start < sizes[i] - 1 ? end - start : sizes[i] - 1;
            memcpy(targets[i], data + start, copy);
            targets[i][copy] = 0;
        }
    }
    return length;
}

void cues_curl_get(const char *url, const cues_curl_limits *limits, cues_curl_response *response) {
    memset(response, 0, sizeof *response);
    char error[256];
    if (cues_curl_load(error, sizeof error) != 0) {
        response->error = -1;
        snprintf(response->message, sizeof response->message, "%s", error);
        return;
    }
    CURL *curl = easy_init();
    if (!curl) {
        response->error = -1;
        snprintf(response->message, sizeof response->message, "libcurl could not start a transfer");
        return;
    }
    struct slist *headers = NULL;
    for (int i = 0; i < limits->header_count; i++) headers = slist_append(headers, limits->headers[i]);
    body_sink sink = {response, 0, limits->max_bytes};
    char curl_error[256] = {0};
    easy_setopt(curl, OPT_URL, url);
    easy_setopt(curl, OPT_PROTOCOLS, (long)PROTO_HTTP_HTTPS);
    easy_setopt(curl, OPT_REDIR_PROTOCOLS, (long)PROTO_HTTP_HTTPS);
    easy_setopt(curl, OPT_FOLLOWLOCATION, 1L);
    easy_setopt(curl, OPT_MAXREDIRS, limits->max_redirects);
    easy_setopt(curl, OPT_CONNECTTIMEOUT_MS, limits->connect_timeout_ms);
    easy_setopt(curl, OPT_TIMEOUT_MS, limits->total_timeout_ms);
    easy_setopt(curl, OPT_NOSIGNAL, 1L);
    easy_setopt(curl, OPT_MAXFILESIZE_LARGE, (long long)limits->max_bytes);
    easy_setopt(curl, OPT_USERAGENT, "cues");
    easy_setopt(curl, OPT_ACCEPT_ENCODING, "");
    easy_setopt(curl, OPT_ERRORBUFFER, curl_error);
    easy_setopt(curl, OPT_WRITEFUNCTION, write_body);
    easy_setopt(curl, OPT_WRITEDATA, &sink);
    easy_setopt(curl, OPT_HEADERFUNCTION, read_header);
    easy_setopt(curl, OPT_HEADERDATA, response);
    if (headers) easy_setopt(curl, OPT_HTTPHEADER, headers);
    int code = easy_perform(curl);
    long status = 0;
    easy_getinfo(curl, INFO_RESPONSE_CODE, &status);
    response->status = status;
    char *text = NULL;
    if (easy_getinfo(curl, INFO_CONTENT_TYPE, &text) == 0 && text)
        snprintf(response->content_type, sizeof response->content_type, "%s", text);
    text = NULL;
    if (easy_getinfo(curl, INFO_EFFECTIVE_URL, &text) == 0 && text)
        snprintf(response->effective_url, sizeof response->effective_url, "%s", text);
    if (code == ERROR_FILESIZE) response->too_large = 1;
    if (code != 0) {
        response->error = code;
        snprintf(response->message, sizeof response->message, "%s",
                 curl_error[0] ? curl_error : easy_strerror(code));
    }
    if (headers) slist_free_all(headers);
    easy_cleanup(curl);
}

void cues_curl_response_free(cues_curl_response *response) {
    free(response->body);
    response->body = NULL;
    response->length = 0;
}
