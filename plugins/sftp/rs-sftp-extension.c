/* rs-sftp-extension.c: a minimal SFTP v3 channel for OpenSSH extensions
 *
 * Wire format (draft-ietf-secsh-filexfer-02): every packet is a uint32
 * length, a type byte and its fields; strings are a uint32 length and
 * bytes. Only INIT (1) / VERSION (2) and EXTENDED (200) / STATUS (101) are
 * spoken here. */
#include <string.h>
#include <glib/gi18n-lib.h>

#include "rs-sftp-extension.h"
#include "rs-sftp-error.h"

enum { FXP_INIT = 1, FXP_VERSION = 2, FXP_STATUS = 101, FXP_EXTENDED = 200 };

#define POSIX_RENAME "posix-rename@openssh.com"
#define MAX_PACKET (256 * 1024)

struct _RsSftpExtension
{
  LIBSSH2_SESSION *ssh;
  LIBSSH2_CHANNEL *channel;
  gboolean posix_rename;
  guint32 next_id;
};

static void
put_u32 (GByteArray *packet,
         guint32     value)
{
  guint32 be = GUINT32_TO_BE (value);

  g_byte_array_append (packet, (const guint8 *) &be, 4);
}

static void
put_string (GByteArray *packet,
            const char *text)
{
  put_u32 (packet, strlen (text));
  g_byte_array_append (packet, (const guint8 *) text, strlen (text));
}

static guint32
get_u32 (const guint8 *data)
{
  guint32 be;

  memcpy (&be, data, 4);
  return GUINT32_FROM_BE (be);
}

static gboolean
channel_failed (RsSftpExtension  *self,
                GError          **error)
{
  rs_sftp_error_set (error, self->ssh, NULL, _("use the SFTP extension channel of"), NULL);
  return FALSE;
}

/* Sends the packet after filling in its length prefix. */
static gboolean
send_packet (RsSftpExtension  *self,
             GByteArray       *packet,
             GError          **error)
{
  guint32 be = GUINT32_TO_BE (packet->len - 4);
  gsize sent = 0;

  memcpy (packet->data, &be, 4);
  while (sent < packet->len)
    {
      ssize_t n = libssh2_channel_write (self->channel, (const char *) packet->data + sent,
                                         packet->len - sent);
      if (n < 0)
        return channel_failed (self, error);
      sent += n;
    }
  return TRUE;
}

static gboolean
read_exactly (RsSftpExtension  *self,
              guint8           *buffer,
              gsize             count,
              GError          **error)
{
  gsize got = 0;

  while (got < count)
    {
      ssize_t n = libssh2_channel_read (self->channel, (char *) buffer + got, count - got);
      if (n < 0)
        return channel_failed (self, error);
      if (n == 0 && libssh2_channel_eof (self->channel))
        {
          g_set_error_literal (error, RS_ERROR, RS_ERROR_BACKEND_UNAVAILABLE,
                               _("The server closed the SFTP extension channel"));
          return FALSE;
        }
      got += n;
    }
  return TRUE;
}

/* One whole packet (type byte first) as GBytes. */
static GBytes *
receive_packet (RsSftpExtension  *self,
                GError          **error)
{
  guint8 prefix[4];
  guint32 length;
  g_autofree guint8 *body = NULL;

  if (!read_exactly (self, prefix, 4, error))
    return NULL;
  length = get_u32 (prefix);
  if (length < 1 || length > MAX_PACKET)
    {
      g_set_error (error, RS_ERROR, RS_ERROR_FAILED,
                   _("The server sent a malformed SFTP packet (%u bytes)"), length);
      return NULL;
    }
  body = g_malloc (length);
  if (!read_exactly (self, body, length, error))
    return NULL;
  return g_bytes_new_take (g_steal_pointer (&body), length);
}

static void
scan_extensions (RsSftpExtension *self,
                 const guint8    *data,
                 gsize            size)
{
  gsize at = 5;   /* type byte + version */

  while (at + 4 <= size)
    {
      guint32 name_len = get_u32 (data + at);
      guint32 value_len;

      if (name_len > size - at - 4)
        return;
      if (name_len == strlen (POSIX_RENAME) && memcmp (data + at + 4, POSIX_RENAME, name_len) == 0)
        self->posix_rename = TRUE;
      at += 4 + name_len;
      if (at + 4 > size)
        return;
      value_len = get_u32 (data + at);
      if (value_len > size - at - 4)
        return;
      at += 4 + value_len;
    }
}

RsSftpExtension *
rs_sftp_extension_open (LIBSSH2_SESSION  *ssh,
                        GError          **error)
{
  g_autoptr(GByteArray) init = g_byte_array_new ();
  g_autoptr(GBytes) version = NULL;
  RsSftpExtension *self = g_new0 (RsSftpExtension, 1);
  const guint8 *data;
  gsize size;

  self->ssh = ssh;
  self->next_id = 1;
  self->channel = libssh2_channel_open_session (ssh);
  if (self->channel == NULL)
    {
      channel_failed (self, error);
      g_free (self);
      return NULL;
    }
  put_u32 (init, 0);
  g_byte_array_append (init, (const guint8[]) { FXP_INIT }, 1);
  put_u32 (init, 3);
  if (libssh2_channel_subsystem (self->channel, "sftp") != 0 ||
      !send_packet (self, init, error) ||
      (version = receive_packet (self, error)) == NULL)
    {
      if (error != NULL && *error == NULL)
        channel_failed (self, error);
      rs_sftp_extension_free (self);
      return NULL;
    }
  data = g_bytes_get_data (version, &size);
  if (size < 5 || data[0] != FXP_VERSION)
    {
      g_set_error_literal (error, RS_ERROR, RS_ERROR_FAILED,
                           _("The server did not start the SFTP extension channel"));
      rs_sftp_extension_free (self);
      return NULL;
    }
  scan_extensions (self, data, size);
  return self;
}

void
rs_sftp_extension_free (RsSftpExtension *self)
{
  if (self == NULL)
    return;
  if (self->channel != NULL)
    libssh2_channel_free (self->channel);
  g_free (self);
}

gboolean
rs_sftp_extension_has_posix_rename (RsSftpExtension *self)
{
  return self->posix_rename;
}

gboolean
rs_sftp_extension_posix_rename (RsSftpExtension  *self,
                                const char       *from,
                                const char       *to,
                                GError          **error)
{
  g_autoptr(GByteArray) request = g_byte_array_new ();
  g_autoptr(GBytes) reply = NULL;
  guint32 id = self->next_id++;
  const guint8 *data;
  gsize size;
  guint32 status;

  put_u32 (request, 0);
  g_byte_array_append (request, (const guint8[]) { FXP_EXTENDED }, 1);
  put_u32 (request, id);
  put_string (request, POSIX_RENAME);
  put_string (request, from);
  put_string (request, to);
  if (!send_packet (self, request, error) || (reply = receive_packet (self, error)) == NULL)
    return FALSE;
  data = g_bytes_get_data (reply, &size);
  if (size < 9 || data[0] != FXP_STATUS || get_u32 (data + 1) != id)
    {
      g_set_error (error, RS_ERROR, RS_ERROR_FAILED,
                   _("The server answered the rename of “%s” out of turn"), from);
      return FALSE;
    }
  status = get_u32 (data + 5);
  if (status != LIBSSH2_FX_OK)
    {
      g_set_error (error, RS_ERROR, rs_sftp_error_from_status (status),
                   _("Could not rename “%s” to “%s” (SFTP status %u)"), from, to, status);
      return FALSE;
    }
  return TRUE;
}
