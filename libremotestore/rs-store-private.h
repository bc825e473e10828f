/* rs-store-private.h: store internals shared by the op files (private) */
#pragma once

#include "rs-private.h"

G_BEGIN_DECLS

struct _RsStore
{
  GObject parent_instance;

  RsBackend *backend;
  char *root;             /* normalised backend key of the store root */
};

RS_INTERNAL char       *rs_store_key              (RsStore        *self,
                                                   const char     *path);
RS_INTERNAL const char *rs_store_path_for_key     (RsStore        *self,
                                                   const char     *key);
RS_INTERNAL const char *rs_store_display_path     (const char     *path);
RS_INTERNAL gboolean    rs_store_check_open       (RsStore        *self,
                                                   const char     *path,
                                                   GError        **error);
RS_INTERNAL gboolean    rs_store_check_capability (RsStore        *self,
                                                   RsCapabilities  needed,
                                                   const char     *path,
                                                   GError        **error);
RS_INTERNAL char       *rs_store_check_path       (RsStore        *self,
                                                   const char     *path,
                                                   gboolean        allow_root,
                                                   GError        **error);
RS_INTERNAL gboolean    rs_store_check_metadata   (RsStore        *self,
                                                   const char     *path,
                                                   GHashTable     *metadata,
                                                   GError        **error);
RS_INTERNAL gboolean    rs_store_is_flat          (RsStore        *self);

G_END_DECLS

G_BEGIN_DECLS
RS_INTERNAL char *rs_store_begin (RsStore         *self,
                                  RsCapabilities   needed,
                                  const char      *path,
                                  gboolean         allow_root,
                                  GError         **error);
G_END_DECLS
