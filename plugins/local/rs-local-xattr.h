/* rs-local-xattr.h: user metadata as `user.` extended attributes
 * (not installed) */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RS_LOCAL_XATTR_PREFIX "user."

gboolean    rs_local_xattr_probe (int          dir_fd);
GHashTable *rs_local_xattr_read  (int          fd,
                                  const char  *proc,
                                  const char  *key,
                                  GError     **error);
GHashTable *rs_local_xattr_read_at (int          dir_fd,
                                    const char  *name,
                                    const char  *key,
                                    GError     **error);
gboolean    rs_local_xattr_write (int          fd,
                                  GHashTable  *metadata,
                                  const char  *key,
                                  GError     **error);
gboolean    rs_local_xattr_copy  (int          from_fd,
                                  int          to_fd,
                                  const char  *key,
                                  GError     **error);

G_END_DECLS
