/* rs-syncmem-plugin.c: a test backend with synchronous primitives only
 *
 * The memory tree as a blocking, object-store-like backend: flat
 * namespace, no NONBLOCKING fact (so the async API runs each operation in
 * one worker thread), and none of the optional primitives (copy, rename,
 * delete_folder, folder_stats), so the core's fallbacks run: streamed
 * copy, copy-then-delete move, list-and-delete recursive delete, folder
 * totals by listing. */
#include "rs-memory-backend.h"

#define RS_TYPE_SYNCMEM_BACKEND (rs_syncmem_backend_get_type ())
G_DECLARE_FINAL_TYPE (RsSyncmemBackend, rs_syncmem_backend, RS, SYNCMEM_BACKEND, RsMemoryBackend)

struct _RsSyncmemBackend
{
  RsMemoryBackend parent_instance;
};

G_DEFINE_FINAL_TYPE (RsSyncmemBackend, rs_syncmem_backend, RS_TYPE_MEMORY_BACKEND)

static void
rs_syncmem_backend_constructed (GObject *object)
{
  RsBackend *backend = RS_BACKEND (object);

  G_OBJECT_CLASS (rs_syncmem_backend_parent_class)->constructed (object);
  rs_backend_set_facts (backend, rs_backend_get_facts (backend) & ~RS_BACKEND_FACTS_NONBLOCKING);
  /* A move is copy-then-delete here: never atomic, no native async. */
  rs_backend_set_capabilities (backend, rs_backend_get_capabilities (backend) &
                               ~(RS_CAPABILITY_ATOMIC_MOVE | RS_CAPABILITY_NATIVE_ASYNC));
}

static void
rs_syncmem_backend_class_init (RsSyncmemBackendClass *klass)
{
  RsBackendClass *backend_class = RS_BACKEND_CLASS (klass);

  G_OBJECT_CLASS (klass)->constructed = rs_syncmem_backend_constructed;
  RS_MEMORY_BACKEND_CLASS (klass)->force_flat = TRUE;
  backend_class->name = "syncmem";
  backend_class->copy = NULL;
  backend_class->rename = NULL;
  backend_class->delete_folder = NULL;
  backend_class->folder_stats = NULL;
}

static void
rs_syncmem_backend_init (RsSyncmemBackend *self)
{
}

static gboolean
syncmem_plugin_init (RsPluginInfo  *plugin,
                     GError       **error)
{
  rs_plugin_info_register_backend (plugin, RS_TYPE_SYNCMEM_BACKEND);
  return TRUE;
}

RS_PLUGIN_DEFINE (syncmem, "syncmem", "Test backend: synchronous primitives only", "1.0",
                  "LGPL-2.1-or-later", syncmem_plugin_init)
