/* rs-tool-counting-stream.h: an input stream that counts what is read */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RS_TOOL_TYPE_COUNTING_STREAM (rs_tool_counting_stream_get_type ())
G_DECLARE_FINAL_TYPE (RsToolCountingStream, rs_tool_counting_stream,
                      RS_TOOL, COUNTING_STREAM, GFilterInputStream)

/* @counter is added to atomically, from whichever thread reads. */
GInputStream *rs_tool_counting_stream_new      (GInputStream *base,
                                                gint64       *counter);
gboolean      rs_tool_counting_stream_was_read (RsToolCountingStream *self);

G_END_DECLS
