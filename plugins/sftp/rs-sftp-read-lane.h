/* rs-sftp-read-lane.h: a thread reading segments of a file on its own session (not installed)
 *
 * The lane reads its segments (first, first + step, …) in order, one
 * ahead of the reader: it starts on the next only once the reader took
 * the previous, so memory stays at two segments per lane. */
#pragma once

#include "rs-sftp-stripe.h"

G_BEGIN_DECLS

typedef struct _RsSftpReadLane RsSftpReadLane;

/* Takes a reference on @session and takes @handle (open for reading).
 * Segment i covers [@base + i × RS_SFTP_STRIPE, …) of the file, up to
 * @base + @end at most. */
RsSftpReadLane *rs_sftp_read_lane_new       (RsSftpPool          *pool,
                                             RsSftpSession       *session,
                                             LIBSSH2_SFTP_HANDLE *handle,
                                             const char          *path,
                                             guint64              base,
                                             guint64              end,
                                             guint64              first,
                                             guint                step);
/* Segment @segment (the lane's next one), waiting until it is read;
 * shorter than RS_SFTP_STRIPE at the end of the file. NULL with @error
 * when reading it failed. */
GByteArray     *rs_sftp_read_lane_take      (RsSftpReadLane      *self,
                                             guint64              segment,
                                             GError             **error);
/* Returns a taken segment's buffer for reuse. */
void            rs_sftp_read_lane_give_back (RsSftpReadLane      *self,
                                             GByteArray          *buffer);
/* Stops the thread (after its current call) and closes the handle. */
void            rs_sftp_read_lane_free      (RsSftpReadLane      *self);

G_END_DECLS
