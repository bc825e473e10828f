/* rs-memory-writer.c: a pending write into a memory tree
 *
 * Bytes collect in a private buffer; commit swaps them in under the
 * tree's lock, so every write is atomic and an abort is just dropping the
 * buffer. */
#include <glib/gi18n-lib.h>

#include "rs-memory-writer.h"

struct _RsMemoryWriter
{
  RsBackendWriter parent_instance;

  RsMemoryTree *tree;
  GByteArray *buffer;
  gboolean create_only;
  GHashTable *metadata;
};

G_DEFINE_FINAL_TYPE (RsMemoryWriter, rs_memory_writer, RS_TYPE_BACKEND_WRITER)

gssize
rs_memory_writer_append (RsMemoryWriter *self,
                         const void     *buffer,
                         gsize           count)
{
  count = MIN (count, (gsize) G_MAXSSIZE);
  g_byte_array_append (self->buffer, buffer, count);
  return count;
}

RsWriteResult *
rs_memory_writer_finish (RsMemoryWriter  *self,
                         GError         **error)
{
  g_autoptr(GBytes) data = g_byte_array_free_to_bytes (g_steal_pointer (&self->buffer));
  const char *key = rs_backend_writer_get_key (RS_BACKEND_WRITER (self));

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

static gboolean
rs_memory_writer_abort (RsBackendWriter  *writer,
                        GCancellable     *cancellable,
                        GError          **error)
{
  RsMemoryWriter *self = RS_MEMORY_WRITER (writer);

  g_clear_pointer (&self->buffer, g_byte_array_unref);
  return TRUE;
}

static void
rs_memory_writer_finalize (GObject *object)
{
  RsMemoryWriter *self = RS_MEMORY_WRITER (object);

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
  self->buffer = g_byte_array_new ();
}

RsBackendWriter *
rs_memory_writer_new (RsBackend    *backend,
                      RsMemoryTree *tree,
                      const char   *key,
                      RsWriteFlags  flags,
                      GHashTable   *metadata)
{
  RsMemoryWriter *self = g_object_new (RS_TYPE_MEMORY_WRITER, "backend", backend, "key", key, NULL);

  self->tree = rs_memory_tree_ref (tree);
  self->create_only = (flags & RS_WRITE_OVERWRITE) == 0;
  if (metadata != NULL)
    self->metadata = g_hash_table_ref (metadata);
  return RS_BACKEND_WRITER (self);
}
