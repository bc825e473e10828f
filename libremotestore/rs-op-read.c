/* rs-op-read.c: read, read_bytes, read_text, read_range (SEMANTICS.md rule 15)
 *
 * A missing file fails at the call, before any stream is returned; the
 * folder/missing distinction costs one stat, only on the error path. */
#include "config.h"

#include "rs-ops.h"

#define RS_READ_CHUNK (256 * 1024)

typedef struct
{
  RsOp op;
  RsReadMode mode;
  char *path;
  char *key;
  char *encoding;
  gint64 offset;
  gint64 length;
  GInputStream *stream;
  GByteArray *buffer;
  GError *missing;
} ReadOp;

enum { RD_START, RD_OPENED, RD_STATTED, RD_READ, RD_GOT };

static void
read_clear (RsOp *op)
{
  ReadOp *self = (ReadOp *) op;

  g_free (self->path);
  g_free (self->key);
  g_free (self->encoding);
  g_clear_object (&self->stream);
  g_clear_pointer (&self->buffer, g_byte_array_unref);
  g_clear_error (&self->missing);
}

static gboolean
is_utf8_name (const char *encoding)
{
  return encoding == NULL || g_ascii_strcasecmp (encoding, "UTF-8") == 0 ||
         g_ascii_strcasecmp (encoding, "UTF8") == 0;
}

static gboolean
finish_text (RsOp   *op,
             GBytes *bytes)
{
  ReadOp *self = (ReadOp *) op;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  char *text;

  if (is_utf8_name (self->encoding))
    {
      if (!g_utf8_validate_len (data, size, NULL))
        return rs_op_fail (op, RS_ERROR_FAILED, _("“%s” on %s is not valid UTF-8 text"),
                           self->path, rs_backend_get_location (op->backend));
      text = g_strndup (data, size);
    }
  else
    {
      g_autoptr(GError) error = NULL;

      text = g_convert (data, size, "UTF-8", self->encoding, NULL, NULL, &error);
      if (text == NULL)
        return rs_op_fail (op, RS_ERROR_FAILED, _("“%s” on %s is not valid %s text: %s"),
                           self->path, rs_backend_get_location (op->backend),
                           self->encoding, error->message);
    }
  return rs_op_finish_with (op, text, g_free);
}

static gboolean
read_step (RsOp *op)
{
  ReadOp *self = (ReadOp *) op;
  RsCall *call = &op->call;
  g_autoptr(GBytes) bytes = NULL;

  switch (op->state)
    {
    case RD_START:
      rs_op_call_key (op, RD_OPENED, RS_CALL_OPEN_READ, self->key);
      call->offset = self->offset;
      call->length = self->length;
      return TRUE;

    case RD_OPENED:
      if (rs_call_failed_with (call, RS_ERROR_NOT_FOUND))
        {
          self->missing = g_steal_pointer (&call->error);
          return rs_op_call_key (op, RD_STATTED, RS_CALL_STAT_KEY, self->key);
        }
      if (call->error != NULL)
        return rs_op_fail_call (op, self->path);
      self->stream = g_steal_pointer (&call->object);
      if (self->mode == RS_READ_STREAM)
        return rs_op_finish_with (op, rs_store_input_stream_new (self->stream, op->backend, self->path),
                                  g_object_unref);
      self->buffer = g_byte_array_new ();
      op->state = RD_READ;
      return read_step (op);

    case RD_STATTED:
      if (RS_IS_FOLDER_ENTRY (call->object))
        return rs_op_fail (op, RS_ERROR_INVALID_PATH, _("“%s” is a folder, not a file, on %s"),
                           self->path, rs_backend_get_location (op->backend));
      return rs_op_fail (op, RS_ERROR_NOT_FOUND, _("“%s” does not exist on %s"),
                         self->path, rs_backend_get_location (op->backend));

    case RD_READ:
      rs_call_reset (call, RS_CALL_STREAM_READ);
      call->stream = self->stream;
      call->count = RS_READ_CHUNK;
      op->state = RD_GOT;
      return TRUE;

    case RD_GOT:
      if (call->error != NULL)
        return rs_op_fail_call (op, self->path);
      if (g_bytes_get_size (call->bytes) > 0)
        {
          g_byte_array_append (self->buffer, g_bytes_get_data (call->bytes, NULL),
                               g_bytes_get_size (call->bytes));
          op->state = RD_READ;
          return read_step (op);
        }
      g_clear_object (&self->stream);
      bytes = g_byte_array_free_to_bytes (g_steal_pointer (&self->buffer));
      if (self->mode == RS_READ_TEXT)
        return finish_text (op, bytes);
      return rs_op_finish_with (op, g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref);

    default:
      return FALSE;
    }
}

static const RsOpClass read_class = { "rs_store_read", read_step, read_clear };

static gboolean
check_encoding (const char  *encoding,
                const char  *path,
                RsBackend   *backend,
                GError     **error)
{
  GIConv converter;

  if (is_utf8_name (encoding))
    return TRUE;
  converter = g_iconv_open ("UTF-8", encoding);
  if (converter == (GIConv) -1)
    {
      g_set_error (error, RS_ERROR, RS_ERROR_INVALID_ARGUMENT,
                   _("Unknown text encoding “%s” for “%s” on %s"), encoding, path,
                   rs_backend_get_location (backend));
      return FALSE;
    }
  g_iconv_close (converter);
  return TRUE;
}

RsOp *
rs_op_read_new (RsStore     *store,
                const char  *path,
                RsReadMode   mode,
                gint64       offset,
                gint64       length,
                const char  *encoding,
                GError     **error)
{
  g_autofree char *normal = rs_store_begin (store, RS_CAPABILITY_READ, path, FALSE, error);
  ReadOp *self;

  if (normal == NULL)
    return NULL;
  if (offset < 0 || length < -1)
    {
      /* Numbers as text: a translatable format cannot use G_GINT64_FORMAT. */
      g_autofree char *from = g_strdup_printf ("%" G_GINT64_FORMAT, offset);
      g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, length);

      g_set_error (error, RS_ERROR, RS_ERROR_INVALID_ARGUMENT,
                   _("Invalid range (offset %s, length %s) for “%s” on %s"), from, count,
                   normal, rs_backend_get_location (store->backend));
      return NULL;
    }
  if (mode == RS_READ_TEXT && !check_encoding (encoding, normal, store->backend, error))
    return NULL;
  self = rs_op_new (sizeof *self, &read_class, store);
  self->mode = mode;
  self->key = rs_store_key (store, normal);
  self->path = g_steal_pointer (&normal);
  self->encoding = g_strdup (encoding);
  self->offset = offset;
  self->length = length;
  return &self->op;
}
