/* rs-local-copy.h: moving bytes between descriptors, removing folders
 * (not installed) */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean rs_local_copy_fd        (int            from_fd,
                                  int            to_fd,
                                  const char    *key,
                                  GCancellable  *cancellable,
                                  GError       **error);
gboolean rs_local_copy_stream    (GInputStream  *content,
                                  int            to_fd,
                                  const char    *key,
                                  GCancellable  *cancellable,
                                  GError       **error);
gboolean rs_local_remove_folder  (int            dir_fd,
                                  const char    *name,
                                  const char    *key,
                                  gboolean       recursive,
                                  GCancellable  *cancellable,
                                  GError       **error);

G_END_DECLS
