/* rs-local-input-stream.h: a seekable read stream on a file descriptor
 * (not installed) */
#pragma once

#include <gio/gio.h>

#include "rs-local-engine.h"

G_BEGIN_DECLS

#define RS_TYPE_LOCAL_INPUT_STREAM (rs_local_input_stream_get_type ())
G_DECLARE_FINAL_TYPE (RsLocalInputStream, rs_local_input_stream, RS, LOCAL_INPUT_STREAM, GInputStream)

/* Takes @fd; the stream covers [@offset, @offset + @length) of the file
 * (@length -1: to the end), positions counted from @offset. */
GInputStream *rs_local_input_stream_new (int                 fd,
                                         gint64              offset,
                                         gint64              length,
                                         const char         *key,
                                         RsLocalEngine      *engine);

G_END_DECLS
