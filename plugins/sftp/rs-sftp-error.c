/* rs-sftp-error.c: libssh2 and SFTP failures as RsError
 *
 * Messages say what failed on which server path; they never quote a
 * credential (libssh2's own texts hold none either). */
#include <glib/gi18n-lib.h>

#include "rs-sftp-error.h"

gboolean
rs_sftp_error_is_fatal (int ssh_error)
{
  switch (ssh_error)
    {
    case LIBSSH2_ERROR_SOCKET_NONE:
    case LIBSSH2_ERROR_BANNER_RECV:
    case LIBSSH2_ERROR_BANNER_SEND:
    case LIBSSH2_ERROR_INVALID_MAC:
    case LIBSSH2_ERROR_KEX_FAILURE:
    case LIBSSH2_ERROR_SOCKET_SEND:
    case LIBSSH2_ERROR_SOCKET_DISCONNECT:
    case LIBSSH2_ERROR_PROTO:
    case LIBSSH2_ERROR_TIMEOUT:
    case LIBSSH2_ERROR_SOCKET_TIMEOUT:
    case LIBSSH2_ERROR_SOCKET_RECV:
    case LIBSSH2_ERROR_CHANNEL_CLOSED:
    case LIBSSH2_ERROR_CHANNEL_EOF_SENT:
    case LIBSSH2_ERROR_CHANNEL_FAILURE:
    case LIBSSH2_ERROR_DECRYPT:
    case LIBSSH2_ERROR_BAD_SOCKET:
    case LIBSSH2_ERROR_ALLOC:
      return TRUE;
    default:
      return FALSE;
    }
}

RsError
rs_sftp_error_from_status (unsigned long status)
{
  switch (status)
    {
    case LIBSSH2_FX_NO_SUCH_FILE:
    case LIBSSH2_FX_NO_SUCH_PATH:
    case LIBSSH2_FX_NOT_A_DIRECTORY:
    case LIBSSH2_FX_EOF:
      return RS_ERROR_NOT_FOUND;
    case LIBSSH2_FX_PERMISSION_DENIED:
    case LIBSSH2_FX_WRITE_PROTECT:
      return RS_ERROR_PERMISSION_DENIED;
    case LIBSSH2_FX_FILE_ALREADY_EXISTS:
      return RS_ERROR_ALREADY_EXISTS;
    case LIBSSH2_FX_DIR_NOT_EMPTY:
      return RS_ERROR_DIRECTORY_NOT_EMPTY;
    case LIBSSH2_FX_NO_CONNECTION:
    case LIBSSH2_FX_CONNECTION_LOST:
      return RS_ERROR_BACKEND_UNAVAILABLE;
    case LIBSSH2_FX_LOCK_CONFLICT:
      return RS_ERROR_RESOURCE_LOCKED;
    case LIBSSH2_FX_INVALID_FILENAME:
      return RS_ERROR_INVALID_PATH;
    case LIBSSH2_FX_OP_UNSUPPORTED:
      return RS_ERROR_CAPABILITY_NOT_SUPPORTED;
    default:
      return RS_ERROR_FAILED;
    }
}

static const char *
status_text (unsigned long status)
{
  switch (status)
    {
    case LIBSSH2_FX_EOF: return _("end of file");
    case LIBSSH2_FX_NO_SUCH_FILE: return _("no such file");
    case LIBSSH2_FX_NO_SUCH_PATH: return _("no such path");
    case LIBSSH2_FX_NOT_A_DIRECTORY: return _("not a folder");
    case LIBSSH2_FX_PERMISSION_DENIED: return _("permission denied");
    case LIBSSH2_FX_WRITE_PROTECT: return _("write protected");
    case LIBSSH2_FX_FILE_ALREADY_EXISTS: return _("already exists");
    case LIBSSH2_FX_DIR_NOT_EMPTY: return _("folder not empty");
    case LIBSSH2_FX_NO_CONNECTION: return _("no connection");
    case LIBSSH2_FX_CONNECTION_LOST: return _("connection lost");
    case LIBSSH2_FX_LOCK_CONFLICT: return _("locked");
    case LIBSSH2_FX_NO_SPACE_ON_FILESYSTEM: return _("no space left");
    case LIBSSH2_FX_QUOTA_EXCEEDED: return _("quota exceeded");
    case LIBSSH2_FX_OP_UNSUPPORTED: return _("operation not supported");
    default: return _("server failure");
    }
}

int
rs_sftp_error_set (GError         **error,
                   LIBSSH2_SESSION *ssh,
                   LIBSSH2_SFTP    *sftp,
                   const char      *what,
                   const char      *path)
{
  char *ssh_message = NULL;
  int code = libssh2_session_last_error (ssh, &ssh_message, NULL, 0);
  const char *where = path != NULL ? path : "";

  if (code == LIBSSH2_ERROR_SFTP_PROTOCOL && sftp != NULL)
    {
      unsigned long status = libssh2_sftp_last_error (sftp);

      g_debug ("sftp: %s %s: status %lu", what, where, status);
      g_set_error (error, RS_ERROR, rs_sftp_error_from_status (status),
                   _("Could not %s “%s”: %s"), what, where, status_text (status));
      return code;
    }
  g_debug ("sftp: %s %s: libssh2 error %d (%s)", what, where, code,
           ssh_message != NULL ? ssh_message : "");
  if (code == LIBSSH2_ERROR_TIMEOUT || code == LIBSSH2_ERROR_SOCKET_TIMEOUT)
    g_set_error (error, RS_ERROR, RS_ERROR_TIMED_OUT,
                 _("Could not %s “%s”: the server did not answer in time"), what, where);
  else if (rs_sftp_error_is_fatal (code))
    g_set_error (error, RS_ERROR, RS_ERROR_BACKEND_UNAVAILABLE,
                 _("Could not %s “%s”: the connection failed (%s)"), what, where,
                 ssh_message != NULL ? ssh_message : "");
  else
    g_set_error (error, RS_ERROR, RS_ERROR_FAILED, _("Could not %s “%s”: %s"), what, where,
                 ssh_message != NULL && ssh_message[0] != '\0' ? ssh_message : _("SSH failure"));
  return code;
}
