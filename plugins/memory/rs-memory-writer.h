/* rs-memory-writer.h: a pending write into a memory tree (not installed) */
#pragma once

#include "rs-memory-tree.h"

G_BEGIN_DECLS

#define RS_TYPE_MEMORY_WRITER (rs_memory_writer_get_type ())
G_DECLARE_DERIVABLE_TYPE (RsMemoryWriter, rs_memory_writer, RS, MEMORY_WRITER, RsBackendWriter)

struct _RsMemoryWriterClass
{
  RsBackendWriterClass parent_class;
};

RsBackendWriter *rs_memory_writer_new (GType         type,
                                       RsBackend    *backend,
                                       RsMemoryTree *tree,
                                       const char   *key,
                                       RsWriteFlags  flags,
                                       GHashTable   *metadata);

/* The steps behind the vfuncs, for subclasses with other vfunc forms. */
gssize           rs_memory_writer_append (RsMemoryWriter  *self,
                                          const void      *buffer,
                                          gsize            count);
RsWriteResult   *rs_memory_writer_finish (RsMemoryWriter  *self,
                                          GError         **error);
void             rs_memory_writer_drop   (RsMemoryWriter  *self);

G_END_DECLS
