/* rs-memory-writer.c: a pending write into a memory tree
 *
 * Bytes collect in a private buffer; commit swaps them in under the
 * tree's lock, so every write is atomic and an abort is just dropping the
 * buffer. */
#include <glib/gi18n-lib.h>

#include "rs-memory-writer.h"
#include "rs-memory-type.h"

typedef struct
{
  RsMemoryTree *tree;
  GByteArray *buffer;
  gboolean create_only;
  GHashTable *metadata;
} RsMemoryWriterPrivate;

RS_MEMORY_DEFINE_TYPE_WITH_PRIVATE (RsMemoryWriter, rs_memory_writer, RS_TYPE_BACKEND_WRITER, )

#define PRIV(w) ((RsMemoryWriterPrivate *) rs_memory_writer_get_instance_private (RS_MEMORY_WRITER (w)))

gssize
rs_memory_writer_append (RsMemoryWriter *writer,
                         const void     *buffer,
                         gsize           count)
{
  RsMemoryWriterPrivate *self = PRIV (writer);

  count = MIN (count, (gsize) G_MAXSSIZE);
  g_byte_array_append (self->buffer, buffer, count);
  return count;
}

RsWriteResult *
rs_memory_writer_finish (RsMemoryWriter  *writer,
                         GError         **error)
{
  RsMemoryWriterPrivate *self = PRIV (writer);
  g_autoptr(GBytes) data = g_byte_array_free_to_bytes (g_steal_pointer (&self->buffer));
  const char *key = rs_backend_writer_get_key (RS_BACKEND_WRITER (writer));

  return rs_memory_tree_put (self->tree, key, data, self->metadata, self->create_only, error);
}

static gssize
rs_memory_writer_write (RsBackendWriter  *writer,
                        const void       *buffer,
                        gsize             count,
                        GCancellable     *cancellable,
                        GError          **error)
{
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;
  return rs_memory_writer_append (RS_MEMORY_WRITER (writer), buffer, count);
}

static RsWriteResult *
rs_memory_writer_commit (RsBackendWriter  *writer,
                         GCancellable     *cancellable,
                         GError          **error)
{
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return rs_memory_writer_finish (RS_MEMORY_WRITER (writer), error);
}

void
rs_memory_writer_drop (RsMemoryWriter *writer)
{
  g_clear_pointer (&PRIV (writer)->buffer, g_byte_array_unref);
}

static gboolean
rs_memory_writer_abort (RsBackendWriter  *writer,
                        GCancellable     *cancellable,
                        GError          **error)
{
  rs_memory_writer_drop (RS_MEMORY_WRITER (writer));
  return TRUE;
}

static void
rs_memory_writer_finalize (GObject *object)
{
  RsMemoryWriterPrivate *self = PRIV (object);

  g_clear_pointer (&self->buffer, g_byte_array_unref);
  g_clear_pointer (&self->metadata, g_hash_table_unref);
  g_clear_pointer (&self->tree, rs_memory_tree_unref);
  G_OBJECT_CLASS (rs_memory_writer_parent_class)->finalize (object);
}

static void
rs_memory_writer_class_init (RsMemoryWriterClass *klass)
{
  RsBackendWriterClass *writer_class = RS_BACKEND_WRITER_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = rs_memory_writer_finalize;
  writer_class->write = rs_memory_writer_write;
  writer_class->commit = rs_memory_writer_commit;
  writer_class->abort = rs_memory_writer_abort;
}

static void
rs_memory_writer_init (RsMemoryWriter *self)
{
  PRIV (self)->buffer = g_byte_array_new ();
}

RsBackendWriter *
rs_memory_writer_new (GType         type,
                      RsBackend    *backend,
                      RsMemoryTree *tree,
                      const char   *key,
                      RsWriteFlags  flags,
                      GHashTable   *metadata)
{
  RsBackendWriter *writer = g_object_new (type, "backend", backend, "key", key, NULL);
  RsMemoryWriterPrivate *self = PRIV (writer);

  self->tree = rs_memory_tree_ref (tree);
  self->create_only = (flags & RS_WRITE_OVERWRITE) == 0;
  if (metadata != NULL)
    self->metadata = g_hash_table_ref (metadata);
  return writer;
}
