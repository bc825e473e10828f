/* rs-http-private.h: the engine's internals shared by its files */
#pragma once

#include <curl/curl.h>
#include "rs-http.h"

G_BEGIN_DECLS

struct _RsHttpRequest
{
  gint ref_count;
  char *method;
  char *url;
  GPtrArray *headers;           /* name, value, name, value… (names lowercase) */
  GBytes *body;
  GInputStream *body_stream;
  gint64 body_length;
  gboolean stream_response;
  RsHttpSignFunc sign;
  gpointer sign_data;
  GDestroyNotify sign_destroy;
};

struct _RsHttpResponse
{
  gint ref_count;
  guint status;
  GHashTable *headers;
  GBytes *body;
  GInputStream *body_stream;
};

RsHttpResponse *rs_http_response_new (guint status, GHashTable *headers);

typedef struct _RsHttpTransfer RsHttpTransfer;

/* The streamed body of a response; filled on the I/O thread. */
#define RS_TYPE_HTTP_BODY_STREAM (rs_http_body_stream_get_type ())
G_DECLARE_FINAL_TYPE (RsHttpBodyStream, rs_http_body_stream, RS, HTTP_BODY_STREAM, GInputStream)

GInputStream *rs_http_body_stream_new    (RsHttpTransfer   *transfer);
/* I/O thread: FALSE when full (nothing taken; the transfer pauses). */
gboolean      rs_http_body_stream_push   (RsHttpBodyStream *stream,
                                          const char       *data,
                                          gsize             length);
/* I/O thread: end of body, or a failure (taken). */
void          rs_http_body_stream_finish (RsHttpBodyStream *stream,
                                          GError           *error);

/* Called from any thread by the body stream. */
void rs_http_transfer_unpause (RsHttpTransfer *transfer);
void rs_http_transfer_abort   (RsHttpTransfer *transfer);
void rs_http_transfer_unref   (RsHttpTransfer *transfer);

G_END_DECLS
