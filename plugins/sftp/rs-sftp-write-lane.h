/* rs-sftp-write-lane.h: a thread writing segments of a file on its own session (not installed)
 *
 * The writer fills a segment and submits it; the lane seeks its handle
 * there and sends it while the writer fills the next one. At most one
 * segment is being sent and one waits, so memory stays at two segments
 * per lane whatever the file size. */
#pragma once

#include "rs-sftp-stripe.h"

G_BEGIN_DECLS

typedef struct _RsSftpWriteLane RsSftpWriteLane;

/* Takes a reference on @session and takes @handle (open for writing). */
RsSftpWriteLane *rs_sftp_write_lane_new    (RsSftpPool          *pool,
                                            RsSftpSession       *session,
                                            LIBSSH2_SFTP_HANDLE *handle,
                                            const char          *path);
/* An empty buffer of RS_SFTP_STRIPE capacity, reused when one is free. */
GByteArray      *rs_sftp_write_lane_buffer (RsSftpWriteLane     *self);
/* Takes @segment, to be written at @offset; waits while the lane is busy
 * with the previous one. FALSE with the lane's error once it failed. */
gboolean         rs_sftp_write_lane_submit (RsSftpWriteLane     *self,
                                            GByteArray          *segment,
                                            guint64              offset,
                                            GError             **error);
/* Waits until every submitted segment is acknowledged, then closes the
 * handle; FALSE with the first failure. */
gboolean         rs_sftp_write_lane_finish (RsSftpWriteLane     *self,
                                            GError             **error);
/* Stops the thread (after its current call) and closes the handle. */
void             rs_sftp_write_lane_free   (RsSftpWriteLane     *self);

G_END_DECLS
