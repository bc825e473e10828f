/* rs-sftp-session.h: one SSH connection with its SFTP channel (not installed)
 *
 * A libssh2 session is not safe for concurrent use, so every call on it
 * happens under `lock` (taken through the pool). The session is reference
 * counted: open streams and writers keep theirs alive after the pool has
 * dropped it. */
#pragma once

#include <libssh2.h>
#include <libssh2_sftp.h>

#include "rs-sftp-config.h"
#include "rs-sftp-extension.h"

G_BEGIN_DECLS

typedef struct
{
  gatomicrefcount ref;
  GMutex lock;                  /* held around every libssh2 call */
  int fd;
  LIBSSH2_SESSION *ssh;
  LIBSSH2_SFTP *sftp;
  RsSftpExtension *extension;   /* opened on first use, under lock */
  int dead;                     /* atomic: the connection failed */
  guint users;                  /* callers holding or waiting for lock; pool lock */
  guint64 served;               /* calls completed, under lock */
} RsSftpSession;

/* Connects, checks the host key, logs in and starts SFTP (one attempt). */
RsSftpSession *rs_sftp_session_connect   (RsSftpConfig   *config,
                                          GCancellable   *cancellable,
                                          GError        **error);
RsSftpSession *rs_sftp_session_ref       (RsSftpSession  *self);
void           rs_sftp_session_unref     (RsSftpSession  *self);
gboolean       rs_sftp_session_is_dead   (RsSftpSession  *self);

/* Sets @error from the session's last failure (see rs_sftp_error_set) and
 * marks the session dead when the connection failed. Under lock. */
void           rs_sftp_session_fail      (RsSftpSession  *self,
                                          GError        **error,
                                          const char     *what,
                                          const char     *path);
/* The extension channel, opened on first use. Under lock. */
RsSftpExtension *rs_sftp_session_get_extension (RsSftpSession *self,
                                                GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RsSftpSession, rs_sftp_session_unref)

G_END_DECLS
