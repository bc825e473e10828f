/* rs-sftp-pool.h: up to max-connections sessions shared by every caller (not installed)
 *
 * A caller takes a session for one short sequence of libssh2 calls
 * (acquire … release), holding its lock meanwhile. An idle session is
 * preferred; while fewer than the maximum exist a new one is connected;
 * beyond that callers queue on the least busy session. Open streams and
 * writers keep a reference to their session and take its lock per call
 * with enter/leave, so they never hold a session while idle. */
#pragma once

#include "rs-sftp-session.h"

G_BEGIN_DECLS

typedef struct _RsSftpPool RsSftpPool;

RsSftpPool    *rs_sftp_pool_new     (RsSftpConfig   *config,
                                     guint           max_sessions);
void           rs_sftp_pool_free    (RsSftpPool     *self);
/* Drops every session; later acquires fail with BACKEND_UNAVAILABLE. */
void           rs_sftp_pool_close   (RsSftpPool     *self);

/* A locked session, or NULL with @error. */
RsSftpSession *rs_sftp_pool_acquire (RsSftpPool     *self,
                                     GCancellable   *cancellable,
                                     GError        **error);
void           rs_sftp_pool_release (RsSftpPool     *self,
                                     RsSftpSession  *session);
/* For a transfer spread over several sessions: a locked session other
 * than @besides that nobody uses, or a new one while the pool has room;
 * NULL (without @error) when neither exists, since waiting for a busy
 * session would not spread anything. NULL with @error if a connect failed. */
RsSftpSession *rs_sftp_pool_acquire_spare (RsSftpPool    *self,
                                           RsSftpSession *besides,
                                           GCancellable  *cancellable,
                                           GError       **error);
/* Lock a session a stream or writer holds; FALSE with @error if it died. */
gboolean       rs_sftp_pool_enter   (RsSftpPool     *self,
                                     RsSftpSession  *session,
                                     GError        **error);
void           rs_sftp_pool_leave   (RsSftpPool     *self,
                                     RsSftpSession  *session);

G_END_DECLS
