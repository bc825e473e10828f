/* rs-http-engine-private.h: the I/O thread's state, shared with transfers */
#pragma once

#include "rs-http-private.h"

G_BEGIN_DECLS

/* Refcounted apart from the engine so that the I/O thread and transfers
 * outliving a request keep it alive; touched on the I/O thread only,
 * except the atomics. */
typedef struct
{
  gint ref_count;
  gint quit;
  GMainContext *context;
  CURLM *multi;
  GThread *thread;
  GSource *timer;
  GHashTable *active;           /* RsHttpTransfer set */
  RsHttpOptions options;
} RsHttpIo;

RsHttpIo *rs_http_io_ref     (RsHttpIo *io);
void      rs_http_io_unref   (RsHttpIo *io);
void      rs_http_io_collect (RsHttpIo *io);

void rs_http_transfer_submit   (RsHttpIo      *io,
                                RsHttpRequest *request,
                                GTask         *task);
void rs_http_transfer_done     (RsHttpTransfer *transfer,
                                CURLcode        code);
void rs_http_transfer_fail_all (RsHttpIo       *io);

G_END_DECLS
