/* rs-store-ops.c: the public I/O API of RsStore, in sync, _async and
 * _finish form. Each wrapper creates the op (every check needing no I/O)
 * and hands it to a driver; the rules live in the rs-op-*.c machines. */
#include "config.h"

#include "rs-ops.h"

static RsOp *
write_text_op_new (RsStore       *self,
                   const char    *path,
                   const char    *text,
                   RsWriteFlags   flags,
                   GHashTable    *metadata,
                   GError       **error)
{
  g_autofree char *normal = NULL;
  g_autoptr(GBytes) data = NULL;
  RsCapabilities needed = RS_CAPABILITY_WRITE | ((flags & RS_WRITE_ATOMIC) ? RS_CAPABILITY_ATOMIC_WRITE : 0);

  g_return_val_if_fail (text != NULL, NULL);

  /* Rule 6 order: the text is an argument, validated after the capability
   * and path checks and before the metadata gate. */
  normal = rs_store_begin (self, needed, path, FALSE, error);
  if (normal == NULL)
    return NULL;
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, RS_ERROR, RS_ERROR_INVALID_ARGUMENT,
                   _("The text for “%s” on %s is not valid UTF-8"), normal,
                   rs_backend_get_location (self->backend));
      return NULL;
    }
  data = g_bytes_new (text, strlen (text));
  return rs_op_write_new (self, path, NULL, data, flags, metadata, error);
}

static RsOp *
list_op_new (RsStore     *self,
             const char  *what,
             const char  *path,
             gboolean     files,
             gboolean     folders,
             int          default_depth,
             const char  *pattern,
             int          max_depth,
             guint        unknown_flags,
             GError     **error)
{
  g_autofree char *normal = rs_store_begin (self, RS_CAPABILITY_LIST, path, TRUE, error);

  if (normal == NULL)
    return NULL;
  if (unknown_flags != 0)
    {
      g_set_error (error, RS_ERROR, RS_ERROR_INVALID_ARGUMENT,
                   _("Unknown list flags 0x%x for “%s” on %s"), unknown_flags,
                   rs_store_display_path (normal), rs_backend_get_location (self->backend));
      return NULL;
    }
  if (max_depth < -1)
    {
      g_set_error (error, RS_ERROR, RS_ERROR_INVALID_ARGUMENT,
                   _("Invalid depth %d for “%s” on %s: use -1 for unset"), max_depth,
                   rs_store_display_path (normal), rs_backend_get_location (self->backend));
      return NULL;
    }
  return rs_op_immediate_new (self,
                              rs_enumerator_new (self, normal, files, folders,
                                                 max_depth != -1 ? max_depth : default_depth,
                                                 pattern, NULL),
                              g_object_unref);
}

/* Walks only the pattern's literal prefix; without `**`, no deeper than
 * the pattern reaches. */
static RsOp *
glob_op_new (RsStore     *self,
             const char  *pattern,
             GError     **error)
{
  g_autofree char *root = rs_store_begin (self, RS_CAPABILITY_LIST, "", TRUE, error);
  g_autofree char *normal = NULL;
  g_autofree char *prefix = NULL;
  const char *reason = NULL;
  char **segments;
  char *saved;
  guint n, literal = 0;
  gboolean deep = FALSE;

  if (root == NULL)
    return NULL;
  normal = pattern != NULL ? rs_path_normalize (pattern, &reason) : NULL;
  if (pattern != NULL && normal == NULL)
    {
      g_set_error (error, RS_ERROR, RS_ERROR_INVALID_PATH, _("Invalid glob pattern “%s” on %s: %s"),
                   pattern, rs_backend_get_location (self->backend), _(reason));
      return NULL;
    }
  if (normal == NULL || normal[0] == '\0')
    {
      g_set_error (error, RS_ERROR, RS_ERROR_INVALID_ARGUMENT,
                   _("The glob pattern “%s” on %s matches no file path"),
                   pattern != NULL ? pattern : "", rs_backend_get_location (self->backend));
      return NULL;
    }
  segments = g_strsplit (normal, "/", -1);
  n = g_strv_length (segments);
  while (literal + 1 < n && !rs_pattern_has_wildcard (segments[literal]))
    literal++;
  for (guint i = literal; i < n; i++)
    deep |= strcmp (segments[i], "**") == 0;
  saved = segments[literal];
  segments[literal] = NULL;
  prefix = g_strjoinv ("/", segments);
  segments[literal] = saved;
  return rs_op_immediate_new (self,
                              rs_enumerator_new (self, prefix, TRUE, FALSE,
                                                 deep ? -1 : (int) (n - literal - 1), NULL, segments),
                              g_object_unref);
}

/**
 * rs_store_read:
 * @self: a store
 * @path: a store path
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Opens a file for reading. A missing file fails here
 * (%RS_ERROR_NOT_FOUND), a folder with %RS_ERROR_INVALID_PATH, before any
 * stream is returned. The stream is seekable where the backend has
 * %RS_CAPABILITY_SEEKABLE_READ and fetches on demand where it has
 * %RS_CAPABILITY_LAZY_READ; its errors are #RsError too.
 *
 * Returns: (transfer full): a stream on the file, or %NULL on error
 */
GInputStream *
rs_store_read (RsStore       *self,
               const char    *path,
               GCancellable  *cancellable,
               GError       **error)
{
  RsOp *op;

  g_return_val_if_fail (RS_IS_STORE (self), NULL);
  op = rs_op_read_new (self, path, RS_READ_STREAM, 0, -1, NULL, error);
  return op != NULL ? rs_op_run_take (op, cancellable, error) : NULL;
}

/**
 * rs_store_read_async:
 * @self: a store
 * @path: a store path
 * @io_priority: the I/O priority
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation ends
 * @user_data: data for @callback
 *
 * The asynchronous form of rs_store_read(); finish with
 * rs_store_read_finish().
 */
void
rs_store_read_async (RsStore             *self,
                     const char          *path,
                     int                  io_priority,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  GError *error = NULL;
  RsOp *op;

  g_return_if_fail (RS_IS_STORE (self));
  op = rs_op_read_new (self, path, RS_READ_STREAM, 0, -1, NULL, &error);
  rs_op_start (self, op, error, rs_store_read_async, io_priority, cancellable, callback, user_data);
}

/**
 * rs_store_read_finish:
 * @self: a store
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes rs_store_read_async().
 *
 * Returns: (transfer full): a stream on the file, or %NULL on error
 */
GInputStream *
rs_store_read_finish (RsStore       *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (RS_IS_STORE (self), NULL);
  return rs_op_finish_take (self, result, rs_store_read_async, error);
}

/**
 * rs_store_read_bytes:
 * @self: a store
 * @path: a store path
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads a whole file into memory.
 *
 * Returns: (transfer full): the content, or %NULL on error
 */
GBytes *
rs_store_read_bytes (RsStore       *self,
                     const char    *path,
                     GCancellable  *cancellable,
                     GError       **error)
{
  RsOp *op;

  g_return_val_if_fail (RS_IS_STORE (self), NULL);
  op = rs_op_read_new (self, path, RS_READ_BYTES, 0, -1, NULL, error);
  return op != NULL ? rs_op_run_take (op, cancellable, error) : NULL;
}

/**
 * rs_store_read_bytes_async:
 * @self: a store
 * @path: a store path
 * @io_priority: the I/O priority
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation ends
 * @user_data: data for @callback
 *
 * The asynchronous form of rs_store_read_bytes(); finish with
 * rs_store_read_bytes_finish().
 */
void
rs_store_read_bytes_async (RsStore             *self,
                           const char          *path,
                           int                  io_priority,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GError *error = NULL;
  RsOp *op;

  g_return_if_fail (RS_IS_STORE (self));
  op = rs_op_read_new (self, path, RS_READ_BYTES, 0, -1, NULL, &error);
  rs_op_start (self, op, error, rs_store_read_bytes_async, io_priority, cancellable, callback, user_data);
}

/**
 * rs_store_read_bytes_finish:
 * @self: a store
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes rs_store_read_bytes_async().
 *
 * Returns: (transfer full): the content, or %NULL on error
 */
GBytes *
rs_store_read_bytes_finish (RsStore       *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (RS_IS_STORE (self), NULL);
  return rs_op_finish_take (self, result, rs_store_read_bytes_async, error);
}

/**
 * rs_store_read_text:
 * @self: a store
 * @path: a store path
 * @encoding: (nullable): the file's text encoding, %NULL for UTF-8
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads a whole file as text, converted to UTF-8 from @encoding. An unknown
 * encoding is %RS_ERROR_INVALID_ARGUMENT before any I/O; content that is
 * not valid text in it is %RS_ERROR_FAILED.
 *
 * Returns: (transfer full): the text, or %NULL on error
 */
char *
rs_store_read_text (RsStore       *self,
                    const char    *path,
                    const char    *encoding,
                    GCancellable  *cancellable,
                    GError       **error)
{
  RsOp *op;

  g_return_val_if_fail (RS_IS_STORE (self), NULL);
  op = rs_op_read_new (self, path, RS_READ_TEXT, 0, -1, encoding, error);
  return op != NULL ? rs_op_run_take (op, cancellable, error) : NULL;
}

/**
 * rs_store_read_text_async:
 * @self: a store
 * @path: a store path
 * @encoding: (nullable): the file's text encoding, %NULL for UTF-8
 * @io_priority: the I/O priority
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation ends
 * @user_data: data for @callback
 *
 * The asynchronous form of rs_store_read_text(); finish with
 * rs_store_read_text_finish().
 */
void
rs_store_read_text_async (RsStore             *self,
                          const char          *path,
                          const char          *encoding,
                          int                  io_priority,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GError *error = NULL;
  RsOp *op;

  g_return_if_fail (RS_IS_STORE (self));
  op = rs_op_read_new (self, path, RS_READ_TEXT, 0, -1, encoding, &error);
  rs_op_start (self, op, error, rs_store_read_text_async, io_priority, cancellable, callback, user_data);
}

/**
 * rs_store_read_text_finish:
 * @self: a store
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes rs_store_read_text_async().
 *
 * Returns: (transfer full): the text, or %NULL on error
 */
char *
rs_store_read_text_finish (RsStore       *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (RS_IS_STORE (self), NULL);
  return rs_op_finish_take (self, result, rs_store_read_text_async, error);
}

/**
 * rs_store_read_range:
 * @self: a store
 * @path: a store path
 * @offset: the first byte, from 0
 * @length: the number of bytes, -1 for up to the end
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads part of a file: at most @length bytes from @offset (fewer at the
 * end of the file). A negative offset or a length below -1 is
 * %RS_ERROR_INVALID_ARGUMENT.
 *
 * Returns: (transfer full): the bytes, or %NULL on error
 */
GBytes *
rs_store_read_range (RsStore       *self,
                     const char    *path,
                     gint64         offset,
                     gint64         length,
                     GCancellable  *cancellable,
                     GError       **error)
{
  RsOp *op;

  g_return_val_if_fail (RS_IS_STORE (self), NULL);
  op = rs_op_read_new (self, path, RS_READ_BYTES, offset, length, NULL, error);
  return op != NULL ? rs_op_run_take (op, cancellable, error) : NULL;
}

/**
 * rs_store_read_range_async:
 * @self: a store
 * @path: a store path
 * @offset: the first byte, from 0
 * @length: the number of bytes, -1 for up to the end
 * @io_priority: the I/O priority
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation ends
 * @user_data: data for @callback
 *
 * The asynchronous form of rs_store_read_range(); finish with
 * rs_store_read_range_finish().
 */
void
rs_store_read_range_async (RsStore             *self,
                           const char          *path,
                           gint64               offset,
                           gint64               length,
                           int                  io_priority,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GError *error = NULL;
  RsOp *op;

  g_return_if_fail (RS_IS_STORE (self));
  op = rs_op_read_new (self, path, RS_READ_BYTES, offset, length, NULL, &error);
  rs_op_start (self, op, error, rs_store_read_range_async, io_priority, cancellable, callback, user_data);
}

/**
 * rs_store_read_range_finish:
 * @self: a store
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes rs_store_read_range_async().
 *
 * Returns: (transfer full): the bytes, or %NULL on error
 */
GBytes *
rs_store_read_range_finish (RsStore       *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (RS_IS_STORE (self), NULL);
  return rs_op_finish_take (self, result, rs_store_read_range_async, error);
}

/**
 * rs_store_write:
 * @self: a store
 * @path: a store path
 * @content: the content, read to its end
 * @flags: write flags
 * @metadata: (nullable) (element-type utf8 utf8): user metadata
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes a file from a stream, creating its parents. Without
 * %RS_WRITE_OVERWRITE an existing file is %RS_ERROR_ALREADY_EXISTS; an
 * existing folder at @path, or a file at one of its ancestors, is
 * %RS_ERROR_INVALID_PATH. With %RS_WRITE_ATOMIC no reader ever sees a
 * partial file and a failed or cancelled write leaves the target as it was.
 *
 * Returns: (transfer full): what was written, or %NULL on error
 */
RsWriteResult *
rs_store_write (RsStore       *self,
                const char    *path,
                GInputStream  *content,
                RsWriteFlags   flags,
                GHashTable    *metadata,
                GCancellable  *cancellable,
                GError       **error)
{
  RsOp *op;

  g_return_val_if_fail (RS_IS_STORE (self), NULL);
  op = rs_op_write_new (self, path, content, NULL, flags, metadata, error);
  return op != NULL ? rs_op_run_take (op, cancellable, error) : NULL;
}

/**
 * rs_store_write_async:
 * @self: a store
 * @path: a store path
 * @content: the content, read to its end
 * @flags: write flags
 * @metadata: (nullable) (element-type utf8 utf8): user metadata
 * @io_priority: the I/O priority
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation ends
 * @user_data: data for @callback
 *
 * The asynchronous form of rs_store_write(); finish with
 * rs_store_write_finish().
 */
void
rs_store_write_async (RsStore             *self,
                      const char          *path,
                      GInputStream        *content,
                      RsWriteFlags         flags,
                      GHashTable          *metadata,
                      int                  io_priority,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GError *error = NULL;
  RsOp *op;

  g_return_if_fail (RS_IS_STORE (self));
  op = rs_op_write_new (self, path, content, NULL, flags, metadata, &error);
  rs_op_start (self, op, error, rs_store_write_async, io_priority, cancellable, callback, user_data);
}

/**
 * rs_store_write_finish:
 * @self: a store
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes rs_store_write_async().
 *
 * Returns: (transfer full): what was written, or %NULL on error
 */
RsWriteResult *
rs_store_write_finish (RsStore       *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (RS_IS_STORE (self), NULL);
  return rs_op_finish_take (self, result, rs_store_write_async, error);
}

/**
 * rs_store_write_bytes:
 * @self: a store
 * @path: a store path
 * @data: the content
 * @flags: write flags
 * @metadata: (nullable) (element-type utf8 utf8): user metadata
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes a file from memory; otherwise as rs_store_write().
 *
 * Returns: (transfer full): what was written, or %NULL on error
 */
RsWriteResult *
rs_store_write_bytes (RsStore       *self,
                      const char    *path,
                      GBytes        *data,
                      RsWriteFlags   flags,
                      GHashTable    *metadata,
                      GCancellable  *cancellable,
                      GError       **error)
{
  RsOp *op;

  g_return_val_if_fail (RS_IS_STORE (self), NULL);
  op = rs_op_write_new (self, path, NULL, data, flags, metadata, error);
  return op != NULL ? rs_op_run_take (op, cancellable, error) : NULL;
}

/**
 * rs_store_write_bytes_async:
 * @self: a store
 * @path: a store path
 * @data: the content
 * @flags: write flags
 * @metadata: (nullable) (element-type utf8 utf8): user metadata
 * @io_priority: the I/O priority
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation ends
 * @user_data: data for @callback
 *
 * The asynchronous form of rs_store_write_bytes(); finish with
 * rs_store_write_bytes_finish().
 */
void
rs_store_write_bytes_async (RsStore             *self,
                            const char          *path,
                            GBytes              *data,
                            RsWriteFlags         flags,
                            GHashTable          *metadata,
                            int                  io_priority,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GError *error = NULL;
  RsOp *op;

  g_return_if_fail (RS_IS_STORE (self));
  op = rs_op_write_new (self, path, NULL, data, flags, metadata, &error);
  rs_op_start (self, op, error, rs_store_write_bytes_async, io_priority, cancellable, callback, user_data);
}

/**
 * rs_store_write_bytes_finish:
 * @self: a store
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes rs_store_write_bytes_async().
 *
 * Returns: (transfer full): what was written, or %NULL on error
 */
RsWriteResult *
rs_store_write_bytes_finish (RsStore       *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (RS_IS_STORE (self), NULL);
  return rs_op_finish_take (self, result, rs_store_write_bytes_async, error);
}

/**
 * rs_store_write_text:
 * @self: a store
 * @path: a store path
 * @text: UTF-8 text
 * @flags: write flags
 * @metadata: (nullable) (element-type utf8 utf8): user metadata
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes UTF-8 text as a file; text that is not valid UTF-8 is
 * %RS_ERROR_INVALID_ARGUMENT. Otherwise as rs_store_write().
 *
 * Returns: (transfer full): what was written, or %NULL on error
 */
RsWriteResult *
rs_store_write_text (RsStore       *self,
                     const char    *path,
                     const char    *text,
                     RsWriteFlags   flags,
                     GHashTable    *metadata,
                     GCancellable  *cancellable,
                     GError       **error)
{
  RsOp *op;

  g_return_val_if_fail (RS_IS_STORE (self), NULL);
  op = write_text_op_new (self, path, text, flags, metadata, error);
  return op != NULL ? rs_op_run_take (op, cancellable, error) : NULL;
}

/**
 * rs_store_write_text_async:
 * @self: a store
 * @path: a store path
 * @text: UTF-8 text
 * @flags: write flags
 * @metadata: (nullable) (element-type utf8 utf8): user metadata
 * @io_priority: the I/O priority
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation ends
 * @user_data: data for @callback
 *
 * The asynchronous form of rs_store_write_text(); finish with
 * rs_store_write_text_finish().
 */
void
rs_store_write_text_async (RsStore             *self,
                           const char          *path,
                           const char          *text,
                           RsWriteFlags         flags,
                           GHashTable          *metadata,
                           int                  io_priority,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GError *error = NULL;
  RsOp *op;

  g_return_if_fail (RS_IS_STORE (self));
  op = write_text_op_new (self, path, text, flags, metadata, &error);
  rs_op_start (self, op, error, rs_store_write_text_async, io_priority, cancellable, callback, user_data);
}

/**
 * rs_store_write_text_finish:
 * @self: a store
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes rs_store_write_text_async().
 *
 * Returns: (transfer full): what was written, or %NULL on error
 */
RsWriteResult *
rs_store_write_text_finish (RsStore       *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (RS_IS_STORE (self), NULL);
  return rs_op_finish_take (self, result, rs_store_write_text_async, error);
}

/**
 * rs_store_open_write:
 * @self: a store
 * @path: a store path
 * @flags: write flags
 * @metadata: (nullable) (element-type utf8 utf8): user metadata
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Opens a file for writing, after the same checks as rs_store_write().
 * Nothing is visible before the stream is closed: a successful close
 * commits; a write error, a close whose cancellable is cancelled, or
 * dropping the last reference without closing aborts, and with
 * %RS_WRITE_ATOMIC leaves the target as it was.
 *
 * Returns: (transfer full): the stream, or %NULL on error
 */
GOutputStream *
rs_store_open_write (RsStore       *self,
                     const char    *path,
                     RsWriteFlags   flags,
                     GHashTable    *metadata,
                     GCancellable  *cancellable,
                     GError       **error)
{
  RsOp *op;

  g_return_val_if_fail (RS_IS_STORE (self), NULL);
  op = rs_op_open_write_new (self, path, flags, metadata, error);
  return op != NULL ? rs_op_run_take (op, cancellable, error) : NULL;
}

/**
 * rs_store_open_write_async:
 * @self: a store
 * @path: a store path
 * @flags: write flags
 * @metadata: (nullable) (element-type utf8 utf8): user metadata
 * @io_priority: the I/O priority
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation ends
 * @user_data: data for @callback
 *
 * The asynchronous form of rs_store_open_write(); finish with
 * rs_store_open_write_finish().
 */
void
rs_store_open_write_async (RsStore             *self,
                           const char          *path,
                           RsWriteFlags         flags,
                           GHashTable          *metadata,
                           int                  io_priority,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GError *error = NULL;
  RsOp *op;

  g_return_if_fail (RS_IS_STORE (self));
  op = rs_op_open_write_new (self, path, flags, metadata, &error);
  rs_op_start (self, op, error, rs_store_open_write_async, io_priority, cancellable, callback, user_data);
}

/**
 * rs_store_open_write_finish:
 * @self: a store
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes rs_store_open_write_async().
 *
 * Returns: (transfer full): the stream, or %NULL on error
 */
GOutputStream *
rs_store_open_write_finish (RsStore       *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (RS_IS_STORE (self), NULL);
  return rs_op_finish_take (self, result, rs_store_open_write_async, error);
}

/**
 * rs_store_delete:
 * @self: a store
 * @path: a store path
 * @flags: %RS_DELETE_MISSING_OK to accept a missing file
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Deletes a file. A folder is %RS_ERROR_INVALID_PATH, even with
 * %RS_DELETE_MISSING_OK; a missing file is %RS_ERROR_NOT_FOUND unless that
 * flag is set.
 *
 * Returns: %TRUE on success
 */
gboolean
rs_store_delete (RsStore        *self,
                 const char     *path,
                 RsDeleteFlags   flags,
                 GCancellable   *cancellable,
                 GError        **error)
{
  RsOp *op;

  g_return_val_if_fail (RS_IS_STORE (self), FALSE);
  op = rs_op_delete_new (self, path, flags, FALSE, error);
  return op != NULL ? rs_op_run_boolean (op, cancellable, error) : FALSE;
}

/**
 * rs_store_delete_async:
 * @self: a store
 * @path: a store path
 * @flags: %RS_DELETE_MISSING_OK to accept a missing file
 * @io_priority: the I/O priority
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation ends
 * @user_data: data for @callback
 *
 * The asynchronous form of rs_store_delete(); finish with
 * rs_store_delete_finish().
 */
void
rs_store_delete_async (RsStore             *self,
                       const char          *path,
                       RsDeleteFlags        flags,
                       int                  io_priority,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GError *error = NULL;
  RsOp *op;

  g_return_if_fail (RS_IS_STORE (self));
  op = rs_op_delete_new (self, path, flags, FALSE, &error);
  rs_op_start (self, op, error, rs_store_delete_async, io_priority, cancellable, callback, user_data);
}

/**
 * rs_store_delete_finish:
 * @self: a store
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes rs_store_delete_async().
 *
 * Returns: %TRUE on success
 */
gboolean
rs_store_delete_finish (RsStore       *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (RS_IS_STORE (self), FALSE);
  return rs_op_finish_boolean (self, result, rs_store_delete_async, error);
}

/**
 * rs_store_delete_folder:
 * @self: a store
 * @path: a store path
 * @flags: %RS_DELETE_RECURSIVE, %RS_DELETE_MISSING_OK
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Deletes a folder: a non-empty one only with %RS_DELETE_RECURSIVE (else
 * %RS_ERROR_DIRECTORY_NOT_EMPTY), and then everything under it. A file is
 * %RS_ERROR_INVALID_PATH; so is the store root.
 *
 * Returns: %TRUE on success
 */
gboolean
rs_store_delete_folder (RsStore        *self,
                        const char     *path,
                        RsDeleteFlags   flags,
                        GCancellable   *cancellable,
                        GError        **error)
{
  RsOp *op;

  g_return_val_if_fail (RS_IS_STORE (self), FALSE);
  op = rs_op_delete_new (self, path, flags, TRUE, error);
  return op != NULL ? rs_op_run_boolean (op, cancellable, error) : FALSE;
}

/**
 * rs_store_delete_folder_async:
 * @self: a store
 * @path: a store path
 * @flags: %RS_DELETE_RECURSIVE, %RS_DELETE_MISSING_OK
 * @io_priority: the I/O priority
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation ends
 * @user_data: data for @callback
 *
 * The asynchronous form of rs_store_delete_folder(); finish with
 * rs_store_delete_folder_finish().
 */
void
rs_store_delete_folder_async (RsStore             *self,
                              const char          *path,
                              RsDeleteFlags        flags,
                              int                  io_priority,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GError *error = NULL;
  RsOp *op;

  g_return_if_fail (RS_IS_STORE (self));
  op = rs_op_delete_new (self, path, flags, TRUE, &error);
  rs_op_start (self, op, error, rs_store_delete_folder_async, io_priority, cancellable, callback, user_data);
}

/**
 * rs_store_delete_folder_finish:
 * @self: a store
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes rs_store_delete_folder_async().
 *
 * Returns: %TRUE on success
 */
gboolean
rs_store_delete_folder_finish (RsStore       *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (RS_IS_STORE (self), FALSE);
  return rs_op_finish_boolean (self, result, rs_store_delete_folder_async, error);
}

/**
 * rs_store_exists:
 * @self: a store
 * @path: a store path
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Whether a file or folder exists at @path. A missing or untraversable path
 * is %FALSE, not an error; real faults (denied, unreachable) still fail.
 * The root always exists.
 *
 * Returns: whether @path exists; %FALSE with @error set on failure
 */
gboolean
rs_store_exists (RsStore       *self,
                 const char    *path,
                 GCancellable  *cancellable,
                 GError       **error)
{
  RsOp *op;

  g_return_val_if_fail (RS_IS_STORE (self), FALSE);
  op = rs_op_probe_new (self, path, RS_PROBE_EXISTS, error);
  return op != NULL ? rs_op_run_boolean (op, cancellable, error) : FALSE;
}

/**
 * rs_store_exists_async:
 * @self: a store
 * @path: a store path
 * @io_priority: the I/O priority
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation ends
 * @user_data: data for @callback
 *
 * The asynchronous form of rs_store_exists(); finish with
 * rs_store_exists_finish().
 */
void
rs_store_exists_async (RsStore             *self,
                       const char          *path,
                       int                  io_priority,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GError *error = NULL;
  RsOp *op;

  g_return_if_fail (RS_IS_STORE (self));
  op = rs_op_probe_new (self, path, RS_PROBE_EXISTS, &error);
  rs_op_start (self, op, error, rs_store_exists_async, io_priority, cancellable, callback, user_data);
}

/**
 * rs_store_exists_finish:
 * @self: a store
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes rs_store_exists_async().
 *
 * Returns: whether @path exists; %FALSE with @error set on failure
 */
gboolean
rs_store_exists_finish (RsStore       *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (RS_IS_STORE (self), FALSE);
  return rs_op_finish_boolean (self, result, rs_store_exists_async, error);
}

/**
 * rs_store_is_file:
 * @self: a store
 * @path: a store path
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Whether a file exists at @path; see rs_store_exists().
 *
 * Returns: whether @path is a file; %FALSE with @error set on failure
 */
gboolean
rs_store_is_file (RsStore       *self,
                  const char    *path,
                  GCancellable  *cancellable,
                  GError       **error)
{
  RsOp *op;

  g_return_val_if_fail (RS_IS_STORE (self), FALSE);
  op = rs_op_probe_new (self, path, RS_PROBE_IS_FILE, error);
  return op != NULL ? rs_op_run_boolean (op, cancellable, error) : FALSE;
}

/**
 * rs_store_is_file_async:
 * @self: a store
 * @path: a store path
 * @io_priority: the I/O priority
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation ends
 * @user_data: data for @callback
 *
 * The asynchronous form of rs_store_is_file(); finish with
 * rs_store_is_file_finish().
 */
void
rs_store_is_file_async (RsStore             *self,
                        const char          *path,
                        int                  io_priority,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GError *error = NULL;
  RsOp *op;

  g_return_if_fail (RS_IS_STORE (self));
  op = rs_op_probe_new (self, path, RS_PROBE_IS_FILE, &error);
  rs_op_start (self, op, error, rs_store_is_file_async, io_priority, cancellable, callback, user_data);
}

/**
 * rs_store_is_file_finish:
 * @self: a store
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes rs_store_is_file_async().
 *
 * Returns: whether @path is a file; %FALSE with @error set on failure
 */
gboolean
rs_store_is_file_finish (RsStore       *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (RS_IS_STORE (self), FALSE);
  return rs_op_finish_boolean (self, result, rs_store_is_file_async, error);
}

/**
 * rs_store_is_folder:
 * @self: a store
 * @path: a store path
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Whether a folder exists at @path; see rs_store_exists(). The root is
 * always a folder.
 *
 * Returns: whether @path is a folder; %FALSE with @error set on failure
 */
gboolean
rs_store_is_folder (RsStore       *self,
                    const char    *path,
                    GCancellable  *cancellable,
                    GError       **error)
{
  RsOp *op;

  g_return_val_if_fail (RS_IS_STORE (self), FALSE);
  op = rs_op_probe_new (self, path, RS_PROBE_IS_FOLDER, error);
  return op != NULL ? rs_op_run_boolean (op, cancellable, error) : FALSE;
}

/**
 * rs_store_is_folder_async:
 * @self: a store
 * @path: a store path
 * @io_priority: the I/O priority
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation ends
 * @user_data: data for @callback
 *
 * The asynchronous form of rs_store_is_folder(); finish with
 * rs_store_is_folder_finish().
 */
void
rs_store_is_folder_async (RsStore             *self,
                          const char          *path,
                          int                  io_priority,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GError *error = NULL;
  RsOp *op;

  g_return_if_fail (RS_IS_STORE (self));
  op = rs_op_probe_new (self, path, RS_PROBE_IS_FOLDER, &error);
  rs_op_start (self, op, error, rs_store_is_folder_async, io_priority, cancellable, callback, user_data);
}

/**
 * rs_store_is_folder_finish:
 * @self: a store
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes rs_store_is_folder_async().
 *
 * Returns: whether @path is a folder; %FALSE with @error set on failure
 */
gboolean
rs_store_is_folder_finish (RsStore       *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (RS_IS_STORE (self), FALSE);
  return rs_op_finish_boolean (self, result, rs_store_is_folder_async, error);
}

/**
 * rs_store_get_file_info:
 * @self: a store
 * @path: a store path
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * What is known about a file. A folder is %RS_ERROR_INVALID_PATH, a missing
 * path %RS_ERROR_NOT_FOUND.
 *
 * Returns: (transfer full): the file info, or %NULL on error
 */
RsFileInfo *
rs_store_get_file_info (RsStore       *self,
                        const char    *path,
                        GCancellable  *cancellable,
                        GError       **error)
{
  RsOp *op;

  g_return_val_if_fail (RS_IS_STORE (self), NULL);
  op = rs_op_file_info_new (self, path, FALSE, error);
  return op != NULL ? rs_op_run_take (op, cancellable, error) : NULL;
}

/**
 * rs_store_get_file_info_async:
 * @self: a store
 * @path: a store path
 * @io_priority: the I/O priority
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation ends
 * @user_data: data for @callback
 *
 * The asynchronous form of rs_store_get_file_info(); finish with
 * rs_store_get_file_info_finish().
 */
void
rs_store_get_file_info_async (RsStore             *self,
                              const char          *path,
                              int                  io_priority,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GError *error = NULL;
  RsOp *op;

  g_return_if_fail (RS_IS_STORE (self));
  op = rs_op_file_info_new (self, path, FALSE, &error);
  rs_op_start (self, op, error, rs_store_get_file_info_async, io_priority, cancellable, callback, user_data);
}

/**
 * rs_store_get_file_info_finish:
 * @self: a store
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes rs_store_get_file_info_async().
 *
 * Returns: (transfer full): the file info, or %NULL on error
 */
RsFileInfo *
rs_store_get_file_info_finish (RsStore       *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (RS_IS_STORE (self), NULL);
  return rs_op_finish_take (self, result, rs_store_get_file_info_async, error);
}

/**
 * rs_store_get_folder_info:
 * @self: a store
 * @path: a store path
 * @max_depth: how many levels below the folder to count, -1 for all
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Counts the files under a folder (folders are not counted), sums their
 * sizes and finds the latest modification. A file is
 * %RS_ERROR_INVALID_PATH; the root of an empty store gives zeros.
 *
 * Returns: (transfer full): the folder info, or %NULL on error
 */
RsFolderInfo *
rs_store_get_folder_info (RsStore       *self,
                          const char    *path,
                          int            max_depth,
                          GCancellable  *cancellable,
                          GError       **error)
{
  RsOp *op;

  g_return_val_if_fail (RS_IS_STORE (self), NULL);
  op = rs_op_folder_info_new (self, path, max_depth, error);
  return op != NULL ? rs_op_run_take (op, cancellable, error) : NULL;
}

/**
 * rs_store_get_folder_info_async:
 * @self: a store
 * @path: a store path
 * @max_depth: how many levels below the folder to count, -1 for all
 * @io_priority: the I/O priority
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation ends
 * @user_data: data for @callback
 *
 * The asynchronous form of rs_store_get_folder_info(); finish with
 * rs_store_get_folder_info_finish().
 */
void
rs_store_get_folder_info_async (RsStore             *self,
                                const char          *path,
                                int                  max_depth,
                                int                  io_priority,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GError *error = NULL;
  RsOp *op;

  g_return_if_fail (RS_IS_STORE (self));
  op = rs_op_folder_info_new (self, path, max_depth, &error);
  rs_op_start (self, op, error, rs_store_get_folder_info_async, io_priority, cancellable, callback, user_data);
}

/**
 * rs_store_get_folder_info_finish:
 * @self: a store
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes rs_store_get_folder_info_async().
 *
 * Returns: (transfer full): the folder info, or %NULL on error
 */
RsFolderInfo *
rs_store_get_folder_info_finish (RsStore       *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (RS_IS_STORE (self), NULL);
  return rs_op_finish_take (self, result, rs_store_get_folder_info_async, error);
}

/**
 * rs_store_head:
 * @self: a store
 * @path: a store path
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * A write result describing a file as it is now, built from its file info
 * (source %RS_RESULT_SOURCE_SIDECAR).
 *
 * Returns: (transfer full): the write result, or %NULL on error
 */
RsWriteResult *
rs_store_head (RsStore       *self,
               const char    *path,
               GCancellable  *cancellable,
               GError       **error)
{
  RsOp *op;

  g_return_val_if_fail (RS_IS_STORE (self), NULL);
  op = rs_op_file_info_new (self, path, TRUE, error);
  return op != NULL ? rs_op_run_take (op, cancellable, error) : NULL;
}

/**
 * rs_store_head_async:
 * @self: a store
 * @path: a store path
 * @io_priority: the I/O priority
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation ends
 * @user_data: data for @callback
 *
 * The asynchronous form of rs_store_head(); finish with
 * rs_store_head_finish().
 */
void
rs_store_head_async (RsStore             *self,
                     const char          *path,
                     int                  io_priority,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  GError *error = NULL;
  RsOp *op;

  g_return_if_fail (RS_IS_STORE (self));
  op = rs_op_file_info_new (self, path, TRUE, &error);
  rs_op_start (self, op, error, rs_store_head_async, io_priority, cancellable, callback, user_data);
}

/**
 * rs_store_head_finish:
 * @self: a store
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes rs_store_head_async().
 *
 * Returns: (transfer full): the write result, or %NULL on error
 */
RsWriteResult *
rs_store_head_finish (RsStore       *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (RS_IS_STORE (self), NULL);
  return rs_op_finish_take (self, result, rs_store_head_async, error);
}

/**
 * rs_store_list_files:
 * @self: a store
 * @path: a store path
 * @flags: %RS_LIST_RECURSIVE for every file below
 * @pattern: (nullable): a shell-style pattern on file names
 * @max_depth: levels below the folder, -1 for unset; overrides @flags
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Lists the files of a folder, lazily. A missing path, a file or a path
 * under a file lists nothing. @max_depth, when not -1, overrides @flags: 0
 * is the folder's own files, N adds N levels below. No I/O happens before
 * the first rs_enumerator_next().
 *
 * Returns: (transfer full): the enumerator, or %NULL on error
 */
RsEnumerator *
rs_store_list_files (RsStore       *self,
                     const char    *path,
                     RsListFlags    flags,
                     const char    *pattern,
                     int            max_depth,
                     GCancellable  *cancellable,
                     GError       **error)
{
  RsOp *op;

  g_return_val_if_fail (RS_IS_STORE (self), NULL);
  op = list_op_new (self, "rs_store_list_files", path, TRUE, FALSE, (flags & RS_LIST_RECURSIVE) ? -1 : 0, pattern, max_depth, flags & ~RS_LIST_RECURSIVE, error);
  return op != NULL ? rs_op_run_take (op, cancellable, error) : NULL;
}

/**
 * rs_store_list_files_async:
 * @self: a store
 * @path: a store path
 * @flags: %RS_LIST_RECURSIVE for every file below
 * @pattern: (nullable): a shell-style pattern on file names
 * @max_depth: levels below the folder, -1 for unset; overrides @flags
 * @io_priority: the I/O priority
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation ends
 * @user_data: data for @callback
 *
 * The asynchronous form of rs_store_list_files(); finish with
 * rs_store_list_files_finish().
 */
void
rs_store_list_files_async (RsStore             *self,
                           const char          *path,
                           RsListFlags          flags,
                           const char          *pattern,
                           int                  max_depth,
                           int                  io_priority,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GError *error = NULL;
  RsOp *op;

  g_return_if_fail (RS_IS_STORE (self));
  op = list_op_new (self, "rs_store_list_files", path, TRUE, FALSE, (flags & RS_LIST_RECURSIVE) ? -1 : 0, pattern, max_depth, flags & ~RS_LIST_RECURSIVE, &error);
  rs_op_start (self, op, error, rs_store_list_files_async, io_priority, cancellable, callback, user_data);
}

/**
 * rs_store_list_files_finish:
 * @self: a store
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes rs_store_list_files_async().
 *
 * Returns: (transfer full): the enumerator, or %NULL on error
 */
RsEnumerator *
rs_store_list_files_finish (RsStore       *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (RS_IS_STORE (self), NULL);
  return rs_op_finish_take (self, result, rs_store_list_files_async, error);
}

/**
 * rs_store_list_folders:
 * @self: a store
 * @path: a store path
 * @pattern: (nullable): a shell-style pattern on folder names
 * @max_depth: levels below the folder's children to expand breadth-first, -1 for none
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Lists the folders of a folder, lazily. With @max_depth N it expands N
 * more levels, breadth-first; @pattern filters what is returned, not what
 * is expanded.
 *
 * Returns: (transfer full): the enumerator, or %NULL on error
 */
RsEnumerator *
rs_store_list_folders (RsStore       *self,
                       const char    *path,
                       const char    *pattern,
                       int            max_depth,
                       GCancellable  *cancellable,
                       GError       **error)
{
  RsOp *op;

  g_return_val_if_fail (RS_IS_STORE (self), NULL);
  op = list_op_new (self, "rs_store_list_folders", path, FALSE, TRUE, 0, pattern, max_depth, 0, error);
  return op != NULL ? rs_op_run_take (op, cancellable, error) : NULL;
}

/**
 * rs_store_list_folders_async:
 * @self: a store
 * @path: a store path
 * @pattern: (nullable): a shell-style pattern on folder names
 * @max_depth: levels below the folder's children to expand breadth-first, -1 for none
 * @io_priority: the I/O priority
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation ends
 * @user_data: data for @callback
 *
 * The asynchronous form of rs_store_list_folders(); finish with
 * rs_store_list_folders_finish().
 */
void
rs_store_list_folders_async (RsStore             *self,
                             const char          *path,
                             const char          *pattern,
                             int                  max_depth,
                             int                  io_priority,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GError *error = NULL;
  RsOp *op;

  g_return_if_fail (RS_IS_STORE (self));
  op = list_op_new (self, "rs_store_list_folders", path, FALSE, TRUE, 0, pattern, max_depth, 0, &error);
  rs_op_start (self, op, error, rs_store_list_folders_async, io_priority, cancellable, callback, user_data);
}

/**
 * rs_store_list_folders_finish:
 * @self: a store
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes rs_store_list_folders_async().
 *
 * Returns: (transfer full): the enumerator, or %NULL on error
 */
RsEnumerator *
rs_store_list_folders_finish (RsStore       *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (RS_IS_STORE (self), NULL);
  return rs_op_finish_take (self, result, rs_store_list_folders_async, error);
}

/**
 * rs_store_iter_children:
 * @self: a store
 * @path: a store path
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Lists the files (#RsFileInfo) and folders (#RsFolderEntry) directly in a
 * folder, lazily.
 *
 * Returns: (transfer full): the enumerator, or %NULL on error
 */
RsEnumerator *
rs_store_iter_children (RsStore       *self,
                        const char    *path,
                        GCancellable  *cancellable,
                        GError       **error)
{
  RsOp *op;

  g_return_val_if_fail (RS_IS_STORE (self), NULL);
  op = list_op_new (self, "rs_store_iter_children", path, TRUE, TRUE, 0, NULL, -1, 0, error);
  return op != NULL ? rs_op_run_take (op, cancellable, error) : NULL;
}

/**
 * rs_store_iter_children_async:
 * @self: a store
 * @path: a store path
 * @io_priority: the I/O priority
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation ends
 * @user_data: data for @callback
 *
 * The asynchronous form of rs_store_iter_children(); finish with
 * rs_store_iter_children_finish().
 */
void
rs_store_iter_children_async (RsStore             *self,
                              const char          *path,
                              int                  io_priority,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GError *error = NULL;
  RsOp *op;

  g_return_if_fail (RS_IS_STORE (self));
  op = list_op_new (self, "rs_store_iter_children", path, TRUE, TRUE, 0, NULL, -1, 0, &error);
  rs_op_start (self, op, error, rs_store_iter_children_async, io_priority, cancellable, callback, user_data);
}

/**
 * rs_store_iter_children_finish:
 * @self: a store
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes rs_store_iter_children_async().
 *
 * Returns: (transfer full): the enumerator, or %NULL on error
 */
RsEnumerator *
rs_store_iter_children_finish (RsStore       *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (RS_IS_STORE (self), NULL);
  return rs_op_finish_take (self, result, rs_store_iter_children_async, error);
}

/**
 * rs_store_glob:
 * @self: a store
 * @pattern: a pattern on store paths
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Lists the files whose store path matches @pattern: `*` and `?` stay
 * inside one segment, `**` matches zero or more whole segments, `[...]` is
 * a class. Only the pattern's literal prefix is walked. Works on every
 * backend that can list.
 *
 * Returns: (transfer full): the enumerator, or %NULL on error
 */
RsEnumerator *
rs_store_glob (RsStore       *self,
               const char    *pattern,
               GCancellable  *cancellable,
               GError       **error)
{
  RsOp *op;

  g_return_val_if_fail (RS_IS_STORE (self), NULL);
  op = glob_op_new (self, pattern, error);
  return op != NULL ? rs_op_run_take (op, cancellable, error) : NULL;
}

/**
 * rs_store_glob_async:
 * @self: a store
 * @pattern: a pattern on store paths
 * @io_priority: the I/O priority
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation ends
 * @user_data: data for @callback
 *
 * The asynchronous form of rs_store_glob(); finish with
 * rs_store_glob_finish().
 */
void
rs_store_glob_async (RsStore             *self,
                     const char          *pattern,
                     int                  io_priority,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  GError *error = NULL;
  RsOp *op;

  g_return_if_fail (RS_IS_STORE (self));
  op = glob_op_new (self, pattern, &error);
  rs_op_start (self, op, error, rs_store_glob_async, io_priority, cancellable, callback, user_data);
}

/**
 * rs_store_glob_finish:
 * @self: a store
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes rs_store_glob_async().
 *
 * Returns: (transfer full): the enumerator, or %NULL on error
 */
RsEnumerator *
rs_store_glob_finish (RsStore       *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (RS_IS_STORE (self), NULL);
  return rs_op_finish_take (self, result, rs_store_glob_async, error);
}

/**
 * rs_store_move:
 * @self: a store
 * @source: the file to move
 * @destination: its new path
 * @flags: %RS_COPY_OVERWRITE to replace an existing destination
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Moves a file, with its metadata. A missing source is %RS_ERROR_NOT_FOUND,
 * checked before the destination (except a root destination, refused
 * first); moving a file onto itself does nothing. Atomic where the backend
 * has %RS_CAPABILITY_ATOMIC_MOVE.
 *
 * Returns: %TRUE on success
 */
gboolean
rs_store_move (RsStore       *self,
               const char    *source,
               const char    *destination,
               RsCopyFlags    flags,
               GCancellable  *cancellable,
               GError       **error)
{
  RsOp *op;

  g_return_val_if_fail (RS_IS_STORE (self), FALSE);
  op = rs_op_copy_new (self, source, destination, flags, TRUE, error);
  return op != NULL ? rs_op_run_boolean (op, cancellable, error) : FALSE;
}

/**
 * rs_store_move_async:
 * @self: a store
 * @source: the file to move
 * @destination: its new path
 * @flags: %RS_COPY_OVERWRITE to replace an existing destination
 * @io_priority: the I/O priority
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation ends
 * @user_data: data for @callback
 *
 * The asynchronous form of rs_store_move(); finish with
 * rs_store_move_finish().
 */
void
rs_store_move_async (RsStore             *self,
                     const char          *source,
                     const char          *destination,
                     RsCopyFlags          flags,
                     int                  io_priority,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  GError *error = NULL;
  RsOp *op;

  g_return_if_fail (RS_IS_STORE (self));
  op = rs_op_copy_new (self, source, destination, flags, TRUE, &error);
  rs_op_start (self, op, error, rs_store_move_async, io_priority, cancellable, callback, user_data);
}

/**
 * rs_store_move_finish:
 * @self: a store
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes rs_store_move_async().
 *
 * Returns: %TRUE on success
 */
gboolean
rs_store_move_finish (RsStore       *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (RS_IS_STORE (self), FALSE);
  return rs_op_finish_boolean (self, result, rs_store_move_async, error);
}

/**
 * rs_store_copy:
 * @self: a store
 * @source: the file to copy
 * @destination: the path of the copy
 * @flags: %RS_COPY_OVERWRITE to replace an existing destination
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Copies a file, with its metadata, server-side where the backend can and
 * streamed otherwise. Checks as rs_store_move().
 *
 * Returns: %TRUE on success
 */
gboolean
rs_store_copy (RsStore       *self,
               const char    *source,
               const char    *destination,
               RsCopyFlags    flags,
               GCancellable  *cancellable,
               GError       **error)
{
  RsOp *op;

  g_return_val_if_fail (RS_IS_STORE (self), FALSE);
  op = rs_op_copy_new (self, source, destination, flags, FALSE, error);
  return op != NULL ? rs_op_run_boolean (op, cancellable, error) : FALSE;
}

/**
 * rs_store_copy_async:
 * @self: a store
 * @source: the file to copy
 * @destination: the path of the copy
 * @flags: %RS_COPY_OVERWRITE to replace an existing destination
 * @io_priority: the I/O priority
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation ends
 * @user_data: data for @callback
 *
 * The asynchronous form of rs_store_copy(); finish with
 * rs_store_copy_finish().
 */
void
rs_store_copy_async (RsStore             *self,
                     const char          *source,
                     const char          *destination,
                     RsCopyFlags          flags,
                     int                  io_priority,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  GError *error = NULL;
  RsOp *op;

  g_return_if_fail (RS_IS_STORE (self));
  op = rs_op_copy_new (self, source, destination, flags, FALSE, &error);
  rs_op_start (self, op, error, rs_store_copy_async, io_priority, cancellable, callback, user_data);
}

/**
 * rs_store_copy_finish:
 * @self: a store
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes rs_store_copy_async().
 *
 * Returns: %TRUE on success
 */
gboolean
rs_store_copy_finish (RsStore       *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (RS_IS_STORE (self), FALSE);
  return rs_op_finish_boolean (self, result, rs_store_copy_async, error);
}

/**
 * rs_store_ping:
 * @self: a store
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Checks that the backend is reachable.
 *
 * Returns: %TRUE on success
 */
gboolean
rs_store_ping (RsStore       *self,
               GCancellable  *cancellable,
               GError       **error)
{
  RsOp *op;

  g_return_val_if_fail (RS_IS_STORE (self), FALSE);
  op = rs_op_ping_new (self, error);
  return op != NULL ? rs_op_run_boolean (op, cancellable, error) : FALSE;
}

/**
 * rs_store_ping_async:
 * @self: a store
 * @io_priority: the I/O priority
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation ends
 * @user_data: data for @callback
 *
 * The asynchronous form of rs_store_ping(); finish with
 * rs_store_ping_finish().
 */
void
rs_store_ping_async (RsStore             *self,
                     int                  io_priority,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  GError *error = NULL;
  RsOp *op;

  g_return_if_fail (RS_IS_STORE (self));
  op = rs_op_ping_new (self, &error);
  rs_op_start (self, op, error, rs_store_ping_async, io_priority, cancellable, callback, user_data);
}

/**
 * rs_store_ping_finish:
 * @self: a store
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes rs_store_ping_async().
 *
 * Returns: %TRUE on success
 */
gboolean
rs_store_ping_finish (RsStore       *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (RS_IS_STORE (self), FALSE);
  return rs_op_finish_boolean (self, result, rs_store_ping_async, error);
}

/**
 * rs_store_close:
 * @self: a store
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Closes the backend, for every store on it. Afterwards every operation but
 * rs_store_native_path(), rs_store_to_key() and rs_store_resolve() fails
 * with %RS_ERROR_BACKEND_UNAVAILABLE on a backend whose close is terminal.
 * Closing twice is harmless.
 *
 * Returns: %TRUE on success
 */
gboolean
rs_store_close (RsStore       *self,
                GCancellable  *cancellable,
                GError       **error)
{
  RsOp *op;

  g_return_val_if_fail (RS_IS_STORE (self), FALSE);
  op = rs_op_close_new (self, error);
  return op != NULL ? rs_op_run_boolean (op, cancellable, error) : FALSE;
}

/**
 * rs_store_close_async:
 * @self: a store
 * @io_priority: the I/O priority
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the operation ends
 * @user_data: data for @callback
 *
 * The asynchronous form of rs_store_close(); finish with
 * rs_store_close_finish().
 */
void
rs_store_close_async (RsStore             *self,
                      int                  io_priority,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GError *error = NULL;
  RsOp *op;

  g_return_if_fail (RS_IS_STORE (self));
  op = rs_op_close_new (self, &error);
  rs_op_start (self, op, error, rs_store_close_async, io_priority, cancellable, callback, user_data);
}

/**
 * rs_store_close_finish:
 * @self: a store
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes rs_store_close_async().
 *
 * Returns: %TRUE on success
 */
gboolean
rs_store_close_finish (RsStore       *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (RS_IS_STORE (self), FALSE);
  return rs_op_finish_boolean (self, result, rs_store_close_async, error);
}
