/* rs-memory-backend.h: the memory backend (not installed) */
#pragma once

#include "rs-memory-tree.h"

G_BEGIN_DECLS

#define RS_TYPE_MEMORY_BACKEND (rs_memory_backend_get_type ())
G_DECLARE_DERIVABLE_TYPE (RsMemoryBackend, rs_memory_backend, RS, MEMORY_BACKEND, RsBackend)

/* Derivable for the test plugins of tests/plugins/, which store into the
 * same tree but implement other forms of the primitives. */
struct _RsMemoryBackendClass
{
  RsBackendClass parent_class;

  gboolean force_flat;      /* a flat namespace whatever the options say */
};

RsMemoryTree *rs_memory_backend_get_tree      (RsMemoryBackend *self);
guint         rs_memory_backend_get_page_size (RsMemoryBackend *self);

G_END_DECLS
