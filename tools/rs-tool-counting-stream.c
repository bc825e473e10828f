/* rs-tool-counting-stream.c: feeds the progress bar as a transfer reads */
#include "rs-tool-counting-stream.h"

struct _RsToolCountingStream
{
  GFilterInputStream parent_instance;
  gint64 *counter;
  gboolean was_read;
};

G_DEFINE_FINAL_TYPE (RsToolCountingStream, rs_tool_counting_stream, G_TYPE_FILTER_INPUT_STREAM)

static gssize
counting_read (GInputStream  *stream,
               void          *buffer,
               gsize          count,
               GCancellable  *cancellable,
               GError       **error)
{
  RsToolCountingStream *self = RS_TOOL_COUNTING_STREAM (stream);
  GInputStream *base = g_filter_input_stream_get_base_stream (G_FILTER_INPUT_STREAM (stream));
  gssize n = g_input_stream_read (base, buffer, count, cancellable, error);

  self->was_read = TRUE;
  if (n > 0 && self->counter != NULL)
    __atomic_add_fetch (self->counter, n, __ATOMIC_RELAXED);
  return n;
}

static void
rs_tool_counting_stream_class_init (RsToolCountingStreamClass *klass)
{
  G_INPUT_STREAM_CLASS (klass)->read_fn = counting_read;
}

static void
rs_tool_counting_stream_init (RsToolCountingStream *self)
{
}

GInputStream *
rs_tool_counting_stream_new (GInputStream *base,
                             gint64       *counter)
{
  RsToolCountingStream *self = g_object_new (RS_TOOL_TYPE_COUNTING_STREAM,
                                             "base-stream", base, NULL);

  self->counter = counter;
  return G_INPUT_STREAM (self);
}

/* Whether a read reached the source: the write got past its checks and
 * may have left bytes at the destination. */
gboolean
rs_tool_counting_stream_was_read (RsToolCountingStream *self)
{
  return self->was_read;
}
