/* rs-local-engine.h: where the local backend's async reads and writes run
 * (not installed) */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  RS_LOCAL_IO_AUTO,
  RS_LOCAL_IO_THREAD,
  RS_LOCAL_IO_URING,
} RsLocalIo;

typedef struct _RsLocalEngine RsLocalEngine;

/* Called once per request, on an engine thread: @result is the byte count
 * or -1 with @saved_errno set. */
typedef void (*RsLocalEngineDone) (gssize   result,
                                   int      saved_errno,
                                   gpointer user_data);

RsLocalEngine *rs_local_engine_new       (RsLocalIo          io,
                                          guint              threads,
                                          guint              ring_entries);
RsLocalEngine *rs_local_engine_ref       (RsLocalEngine     *engine);
void           rs_local_engine_unref     (RsLocalEngine     *engine);
RsLocalIo      rs_local_engine_get_io    (RsLocalEngine     *engine);
const char    *rs_local_io_to_string     (RsLocalIo          io);
gboolean       rs_local_io_from_string   (const char        *text,
                                          RsLocalIo         *io);
void           rs_local_engine_pread     (RsLocalEngine     *engine,
                                          int                fd,
                                          void              *buffer,
                                          gsize              count,
                                          gint64             offset,
                                          GCancellable      *cancellable,
                                          RsLocalEngineDone  done,
                                          gpointer           user_data);

void           rs_local_engine_pwrite    (RsLocalEngine     *engine,
                                          int                fd,
                                          const void        *buffer,
                                          gsize              count,
                                          gint64             offset,
                                          GCancellable      *cancellable,
                                          RsLocalEngineDone  done,
                                          gpointer           user_data);

G_END_DECLS
