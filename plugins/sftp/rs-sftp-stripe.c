/* rs-sftp-stripe.c: what every lane of a striped transfer does */
#include <glib/gi18n-lib.h>

#include "rs-sftp-stripe.h"

gboolean
rs_sftp_write_all (RsSftpPool          *pool,
                   RsSftpSession       *session,
                   LIBSSH2_SFTP_HANDLE *handle,
                   const guint8        *data,
                   gsize                length,
                   const char          *path,
                   GError             **error)
{
  gsize acked = 0;

  /* libssh2_sftp_write sends what it is given beyond what it already
   * sent, returns once the first request is acknowledged, and expects
   * the unacknowledged rest again on the next call. */
  while (acked < length)
    {
      ssize_t n;

      if (!rs_sftp_pool_enter (pool, session, error))
        return FALSE;
      n = libssh2_sftp_write (handle, (const char *) data + acked,
                              MIN (length - acked, RS_SFTP_WRITE_WINDOW));
      if (n < 0)
        rs_sftp_session_fail (session, error, _("write"), path);
      rs_sftp_pool_leave (pool, session);
      if (n < 0)
        return FALSE;
      acked += MIN ((gsize) n, length - acked);
    }
  return TRUE;
}

gsize
rs_sftp_read_ask (gsize remaining)
{
  /* The first ask of a segment (a multiple of four) requests all of it;
   * later ones request nothing more, and the last bytes come from what
   * libssh2 kept of the final response. Asking more would leave requests
   * outstanding at the next seek, which throws them away, and reads after
   * such a seek were seen to end early. */
  return remaining >= 4 ? remaining / 4 : remaining;
}

gboolean
rs_sftp_seek (RsSftpPool          *pool,
              RsSftpSession       *session,
              LIBSSH2_SFTP_HANDLE *handle,
              guint64              offset,
              GError             **error)
{
  if (!rs_sftp_pool_enter (pool, session, error))
    return FALSE;
  libssh2_sftp_seek64 (handle, offset);
  rs_sftp_pool_leave (pool, session);
  return TRUE;
}
