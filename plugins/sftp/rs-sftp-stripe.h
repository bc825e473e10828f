/* rs-sftp-stripe.h: one large transfer spread over several sessions (not installed)
 *
 * libssh2 1.10 encrypts and decrypts one cipher block per call into its
 * crypto library, so a single session tops out at what one core can do,
 * well below what the link and the server manage. A large file is
 * therefore cut into STRIPE-sized segments dealt round-robin to
 * `transfer-streams` sessions: segment i goes to lane i mod n, lane 0
 * being the caller's own session and the others each a thread with a
 * session and a handle of their own. Each lane pipelines its segment
 * (several requests in flight) and only seeks once everything it sent is
 * acknowledged, because libssh2 discards outstanding requests on a seek. */
#pragma once

#include "rs-sftp-session.h"
#include "rs-sftp-pool.h"

G_BEGIN_DECLS

#define RS_SFTP_STRIPE ((gsize) 4 * 1024 * 1024)
#define RS_SFTP_MAX_STREAMS 16

/* Bytes handed to one libssh2_sftp_write: the requests in flight. */
#define RS_SFTP_WRITE_WINDOW ((gsize) 2 * 1024 * 1024)

/* Sends @length bytes at the handle's offset and waits until all are
 * acknowledged, taking the session's lock per call. */
gboolean rs_sftp_write_all (RsSftpPool          *pool,
                            RsSftpSession       *session,
                            LIBSSH2_SFTP_HANDLE *handle,
                            const guint8        *data,
                            gsize                length,
                            const char          *path,
                            GError             **error);

/* How much to ask libssh2_sftp_read for when @remaining bytes are left
 * in the segment: it keeps four times what it is asked in flight, so
 * this never requests past the segment (what another lane reads). Every
 * call on a segment must ask exactly this (or less, never more). */
gsize    rs_sftp_read_ask  (gsize                remaining);

/* Seeks @handle to @offset under the session's lock. */
gboolean rs_sftp_seek      (RsSftpPool          *pool,
                            RsSftpSession       *session,
                            LIBSSH2_SFTP_HANDLE *handle,
                            guint64              offset,
                            GError             **error);

G_END_DECLS
