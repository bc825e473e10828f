/* rs-memory-backend.h: the memory backend (not installed) */
#pragma once

#include "rs-memory-tree.h"

G_BEGIN_DECLS

#define RS_TYPE_MEMORY_BACKEND (rs_memory_backend_get_type ())
G_DECLARE_FINAL_TYPE (RsMemoryBackend, rs_memory_backend, RS, MEMORY_BACKEND, RsBackend)

G_END_DECLS
