/* rs-memory-writer.h: a pending write into a memory tree (not installed) */
#pragma once

#include "rs-memory-tree.h"

G_BEGIN_DECLS

#define RS_TYPE_MEMORY_WRITER (rs_memory_writer_get_type ())
G_DECLARE_FINAL_TYPE (RsMemoryWriter, rs_memory_writer, RS, MEMORY_WRITER, RsBackendWriter)

RsBackendWriter *rs_memory_writer_new (RsBackend    *backend,
                                       RsMemoryTree *tree,
                                       const char   *key,
                                       RsWriteFlags  flags,
                                       GHashTable   *metadata);

/* For the async-only test plugin: the same steps without the vfuncs. */
gssize           rs_memory_writer_append (RsMemoryWriter  *self,
                                          const void      *buffer,
                                          gsize            count);
RsWriteResult   *rs_memory_writer_finish (RsMemoryWriter  *self,
                                          GError         **error);

G_END_DECLS
