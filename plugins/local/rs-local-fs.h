/* rs-local-fs.h: path resolution beneath a root folder, errno mapping
 * (not installed)
 *
 * Every key is resolved relative to a descriptor of the root folder, so
 * that nothing outside it is ever reached: with openat2() and
 * RESOLVE_BENEATH where the kernel has it (links that stay inside the root
 * are followed, links that leave it fail with EXDEV), otherwise by a walk
 * that opens one segment at a time with O_NOFOLLOW (every link fails with
 * ELOOP). */
#pragma once

#include <sys/types.h>
#include <remotestore/remotestore.h>

G_BEGIN_DECLS

typedef enum
{
  RS_LOCAL_RESOLVE_AUTO,
  RS_LOCAL_RESOLVE_BENEATH,   /* openat2 (RESOLVE_BENEATH) */
  RS_LOCAL_RESOLVE_WALK,      /* segment by segment, O_NOFOLLOW */
} RsLocalResolve;

/* Hidden temporary files of pending writes: ".rs-tmp-<name>-<random>". */
#define RS_LOCAL_TEMP_PREFIX ".rs-tmp-"

gboolean  rs_local_have_openat2    (void);
int       rs_local_open            (int             root_fd,
                                    RsLocalResolve  resolve,
                                    const char     *key,
                                    int             flags,
                                    mode_t          mode);
int       rs_local_open_parent     (int             root_fd,
                                    RsLocalResolve  resolve,
                                    const char     *key,
                                    gboolean        create,
                                    const char    **name);
int       rs_local_open_parent_path (int            root_fd,
                                     RsLocalResolve resolve,
                                     const char    *key,
                                     const char   **name);
int       rs_local_open_parent_full (int            root_fd,
                                     RsLocalResolve resolve,
                                     const char    *key,
                                     gboolean       create,
                                     gboolean       readable,
                                     const char   **name,
                                     GPtrArray     *created);
void      rs_local_remove_created  (int             root_fd,
                                    RsLocalResolve  resolve,
                                    GPtrArray      *created);
gboolean  rs_local_is_escape       (int             saved_errno);
char     *rs_local_temp_name       (const char     *name);
gboolean  rs_local_is_temp_name    (const char     *name);
int       rs_local_error_code      (int             saved_errno);
gboolean  rs_local_fail            (GError        **error,
                                    int             saved_errno,
                                    const char     *key,
                                    const char     *format,
                                    ...) G_GNUC_PRINTF (4, 5);
gboolean  rs_local_write_all       (int             fd,
                                    const void     *buffer,
                                    gsize           count,
                                    GError        **error,
                                    const char     *key);

G_END_DECLS
