/* rs-http.h: the libcurl HTTP engine shared by the s3 and azure plugins
 * (private: built as libremotestore-http-1.so, never installed as a header)
 *
 * One RsHttpEngine per backend instance owns one I/O thread running its own
 * GMainContext and one libcurl multi handle driven by socket and timer
 * sources on that context. Requests are submitted from any thread; each
 * completes on the thread-default main context of its caller (GTask).
 * See plugins/http/README.md for the contract. */
#pragma once

#include <gio/gio.h>
#include <remotestore/remotestore.h>

G_BEGIN_DECLS

#define RS_HTTP_EXPORT __attribute__((visibility ("default")))

/* ---- options ----------------------------------------------------------- */

typedef struct
{
  guint max_host_connections;   /* 0: libcurl's default (no cap) */
  guint connect_timeout_ms;     /* 0: none */
  guint idle_timeout_ms;        /* no byte either way for this long; 0: none */
  guint total_timeout_ms;       /* per attempt; 0: none */
  char *ca_file;                /* NULL: $AWS_CA_BUNDLE, $SSL_CERT_FILE, system */
  gboolean insecure;            /* skip TLS verification (tests only) */
  RsRetryPolicy *retry;         /* NULL: rs_retry_policy_new () */
} RsHttpOptions;

RS_HTTP_EXPORT void rs_http_options_init  (RsHttpOptions *options);
RS_HTTP_EXPORT void rs_http_options_clear (RsHttpOptions *options);

/* ---- requests ---------------------------------------------------------- */

typedef struct _RsHttpRequest RsHttpRequest;

/* Called on the I/O thread before every attempt (retries, resumes), after
 * the engine set its own headers (Range, If-Match on a resume): signs the
 * request with rs_http_request_set_header(). */
typedef void (*RsHttpSignFunc) (RsHttpRequest *request,
                                gpointer       user_data);

RS_HTTP_EXPORT RsHttpRequest *rs_http_request_new          (const char     *method,
                                                            const char     *url);
RS_HTTP_EXPORT RsHttpRequest *rs_http_request_ref          (RsHttpRequest  *request);
RS_HTTP_EXPORT void           rs_http_request_unref        (RsHttpRequest  *request);
RS_HTTP_EXPORT const char    *rs_http_request_get_method   (RsHttpRequest  *request);
RS_HTTP_EXPORT const char    *rs_http_request_get_url      (RsHttpRequest  *request);
/* Replaces any header of that name (case-insensitive); NULL removes it. */
RS_HTTP_EXPORT void           rs_http_request_set_header   (RsHttpRequest  *request,
                                                            const char     *name,
                                                            const char     *value);
RS_HTTP_EXPORT const char    *rs_http_request_get_header   (RsHttpRequest  *request,
                                                            const char     *name);
/* Names lowercased, in insertion order; (element-type utf8) pairs name, value. */
RS_HTTP_EXPORT GPtrArray     *rs_http_request_get_headers  (RsHttpRequest  *request);
/* A replayable body. */
RS_HTTP_EXPORT void           rs_http_request_set_body     (RsHttpRequest  *request,
                                                            GBytes         *body);
RS_HTTP_EXPORT GBytes        *rs_http_request_get_body     (RsHttpRequest  *request);
/* A streamed body of @length bytes (-1: unknown, chunked): read on the I/O
 * thread with g_input_stream_read_async, never buffered whole; once a byte
 * was consumed the request is not replayed. */
RS_HTTP_EXPORT void           rs_http_request_set_body_stream (RsHttpRequest *request,
                                                               GInputStream  *stream,
                                                               gint64         length);
/* Deliver a 2xx response as soon as its headers arrived, its body as a
 * stream (rs_http_response_get_body_stream) with back-pressure; an
 * interrupted body resumes with Range + If-Match on the response's ETag. */
RS_HTTP_EXPORT void           rs_http_request_set_stream_response (RsHttpRequest *request,
                                                                   gboolean       stream);
RS_HTTP_EXPORT void           rs_http_request_set_sign_func (RsHttpRequest  *request,
                                                             RsHttpSignFunc  func,
                                                             gpointer        user_data,
                                                             GDestroyNotify  destroy);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsHttpRequest, rs_http_request_unref)

/* ---- responses --------------------------------------------------------- */

typedef struct _RsHttpResponse RsHttpResponse;

RS_HTTP_EXPORT RsHttpResponse *rs_http_response_ref            (RsHttpResponse *response);
RS_HTTP_EXPORT void            rs_http_response_unref          (RsHttpResponse *response);
RS_HTTP_EXPORT guint           rs_http_response_get_status     (RsHttpResponse *response);
/* Case-insensitive; NULL when absent. */
RS_HTTP_EXPORT const char     *rs_http_response_get_header     (RsHttpResponse *response,
                                                                const char     *name);
/* (element-type utf8 utf8): lowercased name → value (last one wins). */
RS_HTTP_EXPORT GHashTable     *rs_http_response_get_headers    (RsHttpResponse *response);
/* The buffered body (never NULL, maybe empty) unless streamed. */
RS_HTTP_EXPORT GBytes         *rs_http_response_get_body       (RsHttpResponse *response);
/* (transfer none) (nullable): the streamed body of a 2xx response to a
 * request with set_stream_response. Closing it early stops the transfer. */
RS_HTTP_EXPORT GInputStream   *rs_http_response_get_body_stream (RsHttpResponse *response);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsHttpResponse, rs_http_response_unref)

/* ---- the engine -------------------------------------------------------- */

#define RS_TYPE_HTTP_ENGINE (rs_http_engine_get_type ())
RS_HTTP_EXPORT GType rs_http_engine_get_type (void);
G_DECLARE_FINAL_TYPE (RsHttpEngine, rs_http_engine, RS, HTTP_ENGINE, GObject)

RS_HTTP_EXPORT RsHttpEngine   *rs_http_engine_new         (const RsHttpOptions *options);
/* Transport failures are GErrors: RS_ERROR_TIMED_OUT, _BACKEND_UNAVAILABLE,
 * _PERMISSION_DENIED (TLS), G_IO_ERROR_CANCELLED. Any HTTP status is a
 * response (after the retries the policy allows on 429/5xx). */
RS_HTTP_EXPORT void            rs_http_engine_send_async  (RsHttpEngine        *engine,
                                                           RsHttpRequest       *request,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
RS_HTTP_EXPORT RsHttpResponse *rs_http_engine_send_finish (RsHttpEngine        *engine,
                                                           GAsyncResult        *result,
                                                           GError             **error);
/* Stops the I/O thread; pending requests fail with BACKEND_UNAVAILABLE.
 * Idempotent; also done at finalize. */
RS_HTTP_EXPORT void            rs_http_engine_shutdown    (RsHttpEngine        *engine);

/* ---- a lazy, seekable ranged read of one object version ---------------- */

/* How a plugin asks for its objects: the stream builds no URL and maps no
 * status itself. @owner is the plugin's backend (a GObject, kept alive by
 * the stream). */
typedef struct
{
  /* A request for @key with @method ("GET" or "HEAD"), no Range yet. */
  RsHttpRequest  *(*new_request)    (GObject             *owner,
                                     const char          *key,
                                     const char          *method);
  /* Signs (on every attempt) and sends. */
  void            (*send_async)     (GObject             *owner,
                                     RsHttpRequest       *request,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
  RsHttpResponse *(*send_finish)    (GObject             *owner,
                                     GAsyncResult        *result,
                                     GError             **error);
  /* The error for an answer that is not a success (NULL: none found). */
  GError         *(*response_error) (RsHttpResponse      *response);
} RsHttpObjectSource;

/* Sends the first ranged GET of [@offset, @offset + @length) (@length -1:
 * to the end; 0: a HEAD) and gives a GSeekable GInputStream: a missing
 * object fails here (NOT_FOUND), an offset past the end reads nothing. A
 * seek only moves the position; the next read that finds the body
 * elsewhere sends a new ranged GET with If-Match on the first answer's
 * ETag (PRECONDITION_FAILED once the object changed). */
RS_HTTP_EXPORT void          rs_http_read_stream_open_async  (const RsHttpObjectSource *source,
                                                              GObject                  *owner,
                                                              const char               *key,
                                                              gint64                    offset,
                                                              gint64                    length,
                                                              GCancellable             *cancellable,
                                                              GAsyncReadyCallback       callback,
                                                              gpointer                  user_data);
RS_HTTP_EXPORT GInputStream *rs_http_read_stream_open_finish (GAsyncResult             *result,
                                                              GError                  **error);

/* ---- "is this key a folder?", coalesced per parent --------------------- */

/* How a plugin lists: one page of names under @prefix with delimiter '/'
 * (files as their keys, folders as "key/"), in listing order, starting
 * after @start_after when not NULL; @max_names 0 asks for the server's
 * largest page. A lister that cannot start after a name ignores
 * @start_after and @max_names and asks for its largest page. It sends on
 * the caller's thread-default context and completes a GTask (created
 * there, with @callback) with rs_http_folder_names_return(), or with an
 * error. A missing bucket or container lists as empty. */
typedef struct
{
  void (*list_async) (GObject             *owner,
                      const char          *prefix,
                      const char          *start_after,
                      guint                max_names,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data);
} RsHttpFolderLister;

/* Completes a lister's @task: @names (element-type utf8, taken) and
 * whether more follow. */
RS_HTTP_EXPORT void rs_http_folder_names_return (GTask     *task,
                                                 GPtrArray *names,
                                                 gboolean   truncated);

typedef enum
{
  RS_HTTP_FOLDER_FAILED = -1,   /* the listing failed: see the error */
  RS_HTTP_FOLDER_NO,
  RS_HTTP_FOLDER_YES,
  RS_HTTP_FOLDER_UNKNOWN,       /* past a truncated page: ask alone */
} RsHttpFolderAnswer;

typedef struct _RsHttpFolderProbe RsHttpFolderProbe;

/* @owner (not referenced) is the backend that owns the probe; each
 * listing in flight holds a reference on it. */
RS_HTTP_EXPORT RsHttpFolderProbe *rs_http_folder_probe_new        (const RsHttpFolderLister *lister,
                                                                   GObject                  *owner);
RS_HTTP_EXPORT void               rs_http_folder_probe_free       (RsHttpFolderProbe        *probe);
/* Probes of keys with the same parent asked while one listing of that
 * parent is in flight share the next listing. */
RS_HTTP_EXPORT void               rs_http_folder_probe_ask_async  (RsHttpFolderProbe        *probe,
                                                                   const char               *key,
                                                                   GCancellable             *cancellable,
                                                                   GAsyncReadyCallback       callback,
                                                                   gpointer                  user_data);
RS_HTTP_EXPORT RsHttpFolderAnswer rs_http_folder_probe_ask_finish (RsHttpFolderProbe        *probe,
                                                                   GAsyncResult             *result,
                                                                   GError                  **error);

/* ---- helpers ----------------------------------------------------------- */

/* The RsError code for an HTTP status (404 NOT_FOUND, 401/403
 * PERMISSION_DENIED, 409 ALREADY_EXISTS, 412 PRECONDITION_FAILED,
 * 408/504 TIMED_OUT, 5xx BACKEND_UNAVAILABLE, else FAILED). */
RS_HTTP_EXPORT RsError rs_http_status_to_error (guint status);
/* RFC 3986 percent-encoding of everything but unreserved characters;
 * '/' kept when @keep_slash. */
RS_HTTP_EXPORT char   *rs_http_uri_encode      (const char *text,
                                                gboolean    keep_slash);
/* An HTTP-date in any of its three forms (RFC 9110 §5.6.7), UTC; NULL if
 * malformed. */
RS_HTTP_EXPORT GDateTime *rs_http_parse_date     (const char *text);
/* The wait a Retry-After value asks for (RFC 9110 §10.2.3: seconds, or an
 * HTTP-date taken relative to @now), at most @max_ms; 0 when absent,
 * malformed or past. */
RS_HTTP_EXPORT guint      rs_http_retry_after_ms (const char *value,
                                                  GDateTime  *now,
                                                  guint       max_ms);

G_END_DECLS
