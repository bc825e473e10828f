/* rs-backend.h: the base class every backend plugin subclasses */
#pragma once

#if !defined(REMOTESTORE_INSIDE) && !defined(REMOTESTORE_COMPILATION)
#error "Only <remotestore/remotestore.h> can be included directly."
#endif

#include <remotestore/rs-types.h>
#include <remotestore/rs-entry.h>
#include <remotestore/rs-folder-info.h>
#include <remotestore/rs-write-result.h>
#include <remotestore/rs-backend-writer.h>
#include <remotestore/rs-retry-policy.h>

G_BEGIN_DECLS

#define RS_TYPE_BACKEND (rs_backend_get_type ())
RS_AVAILABLE_IN_1_0
G_DECLARE_DERIVABLE_TYPE (RsBackend, rs_backend, RS, BACKEND, GObject)

/**
 * RsBackendClass:
 * @parent_class: the parent class
 * @name: the backend's type name, as used for plugin and option lookups
 *   (for example `"memory"`); set it in class_init
 * @stat_key: entry: an #RsFileInfo or #RsFolderEntry for the key, or %RS_ERROR_NOT_FOUND when nothing is there (including a key under a file)
 * @stat_key_async: the asynchronous form of @stat_key
 * @stat_key_finish: finishes @stat_key_async
 * @open_read: open a stream on a file from @offset, at most @length bytes (-1: to the end); %RS_ERROR_NOT_FOUND when missing. Seekable when the backend declares %RS_CAPABILITY_SEEKABLE_READ
 * @open_read_async: the asynchronous form of @open_read
 * @open_read_finish: finishes @open_read_async
 * @open_write: start a write; nothing is visible before the writer commits. Parents are created implicitly. Without %RS_WRITE_OVERWRITE the core has already checked that the key was free; a backend that can enforce create-only atomically should, failing with %RS_ERROR_ALREADY_EXISTS
 * @open_write_async: the asynchronous form of @open_write
 * @open_write_finish: finishes @open_write_async
 * @put: optional: write a whole stream (@size is -1 when unknown) in one go; when absent the core drives @open_write
 * @put_async: the asynchronous form of @put
 * @put_finish: finishes @put_async
 * @delete_file: delete a file; %RS_ERROR_NOT_FOUND when missing
 * @delete_file_async: the asynchronous form of @delete_file
 * @delete_file_finish: finishes @delete_file_async
 * @delete_folder: delete a folder: when @recursive is %FALSE the core has checked it is empty. Optional on flat namespaces, where the core deletes the files one by one
 * @delete_folder_async: the asynchronous form of @delete_folder
 * @delete_folder_finish: finishes @delete_folder_async
 * @list_page: one page of entries under the folder @prefix ("" is the backend root): with @recursive %FALSE its direct files (#RsFileInfo) and folders (#RsFolderEntry); with @recursive %TRUE every file under it, and no folders. @token is %NULL for the first page; set @next_token to %NULL on the last. A missing folder gives an empty page
 * @list_page_async: the asynchronous form of @list_page
 * @list_page_finish: finishes @list_page_async
 * @copy: optional: server-side copy of a file, metadata included; the core has checked both ends
 * @copy_async: the asynchronous form of @copy
 * @copy_finish: finishes @copy_async
 * @rename: optional: rename a file, metadata included; atomic if the backend declares %RS_CAPABILITY_ATOMIC_MOVE
 * @rename_async: the asynchronous form of @rename
 * @rename_finish: finishes @rename_async
 * @folder_stats: optional: count and sum the files under a folder; when absent the core lists recursively
 * @folder_stats_async: the asynchronous form of @folder_stats
 * @folder_stats_finish: finishes @folder_stats_async
 * @ping: probe that the backend is reachable
 * @ping_async: the asynchronous form of @ping
 * @ping_finish: finishes @ping_async
 * @close: release connections; afterwards a backend declaring %RS_BACKEND_FACTS_TERMINAL_CLOSE is refused by the core
 * @close_async: the asynchronous form of @close
 * @close_finish: finishes @close_async
 * @options_from_uri: turn a URI of the backend's scheme into construct
 *   options (property name → string value) and a root path for the store;
 *   the default puts every query parameter into @options and the URI's
 *   host and path into @root_path
 * @native_path: the backend's own name for a key (a file system path, an
 *   object URL…); the default returns the key
 * @to_key: the inverse of @native_path, failing with
 *   %RS_ERROR_INVALID_PATH for a name outside the backend
 * @describe: add backend details for a key to a resolution plan's
 *   string table (never a secret)
 * @uri_host_option: the option a URI's host sets (`"bucket"` for
 *   `s3://bucket/prefix`), for the default @options_from_uri; %NULL (the
 *   default) refuses URIs with a host
 * @stat_folder_key: optional, for flat namespaces: an #RsFolderEntry when
 *   something is under `key/`, else %RS_ERROR_NOT_FOUND (a file at @key
 *   does not count). One request where @stat_key may need two: the core's
 *   write check (SEMANTICS.md rule 8) uses it when only the folder half of
 *   the check is needed (overwriting, or %RS_BACKEND_FACTS_EXCLUSIVE_CREATE)
 * @stat_folder_key_async: the asynchronous form of @stat_folder_key
 * @stat_folder_key_finish: finishes @stat_folder_key_async
 *
 * Backends implement *primitives* on backend-relative keys: `/`-separated,
 * normalised, never starting with `/`, `""` naming the backend root. Every
 * rule of the store contract (path checks, capability gates, existence and
 * type checks, error precedence, listing filters…) lives in #RsStore, which
 * calls these primitives; a backend never re-implements one.
 *
 * For each primitive a backend fills either the synchronous vfunc or the
 * `_async`/`_finish` pair (or both) and leaves the rest %NULL: the core runs
 * a synchronous-only primitive in a worker thread for the async API, and an
 * asynchronous-only primitive on a private #GMainContext for the sync API.
 * Primitives marked optional may be left out entirely; the core then falls
 * back on the required ones (`stat_key`, `open_read`, `open_write`,
 * `delete_file`, `list_page`, `ping`, as the capabilities require).
 *
 * Errors should be in the %RS_ERROR domain (%G_IO_ERROR codes are mapped);
 * the core adds the store path and backend to every message, so a backend
 * message says what went wrong, never which credential was used.
 */
struct _RsBackendClass
{
  GObjectClass parent_class;

  const char *name;

  RsEntry *(*stat_key) (RsBackend *self,
                      const char *key,
                      GCancellable *cancellable,
                      GError **error);
  void (*stat_key_async) (RsBackend *self,
                      const char *key,
                      int io_priority,
                      GCancellable *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer user_data);
  RsEntry *(*stat_key_finish) (RsBackend *self,
                      GAsyncResult *result,
                      GError **error);

  GInputStream *(*open_read) (RsBackend *self,
                      const char *key,
                      gint64 offset,
                      gint64 length,
                      GCancellable *cancellable,
                      GError **error);
  void (*open_read_async) (RsBackend *self,
                      const char *key,
                      gint64 offset,
                      gint64 length,
                      int io_priority,
                      GCancellable *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer user_data);
  GInputStream *(*open_read_finish) (RsBackend *self,
                      GAsyncResult *result,
                      GError **error);

  RsBackendWriter *(*open_write) (RsBackend *self,
                      const char *key,
                      RsWriteFlags flags,
                      GHashTable *metadata,
                      GCancellable *cancellable,
                      GError **error);
  void (*open_write_async) (RsBackend *self,
                      const char *key,
                      RsWriteFlags flags,
                      GHashTable *metadata,
                      int io_priority,
                      GCancellable *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer user_data);
  RsBackendWriter *(*open_write_finish) (RsBackend *self,
                      GAsyncResult *result,
                      GError **error);

  RsWriteResult *(*put) (RsBackend *self,
                      const char *key,
                      GInputStream *content,
                      gint64 size,
                      RsWriteFlags flags,
                      GHashTable *metadata,
                      GCancellable *cancellable,
                      GError **error);
  void (*put_async) (RsBackend *self,
                      const char *key,
                      GInputStream *content,
                      gint64 size,
                      RsWriteFlags flags,
                      GHashTable *metadata,
                      int io_priority,
                      GCancellable *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer user_data);
  RsWriteResult *(*put_finish) (RsBackend *self,
                      GAsyncResult *result,
                      GError **error);

  gboolean (*delete_file) (RsBackend *self,
                      const char *key,
                      GCancellable *cancellable,
                      GError **error);
  void (*delete_file_async) (RsBackend *self,
                      const char *key,
                      int io_priority,
                      GCancellable *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer user_data);
  gboolean (*delete_file_finish) (RsBackend *self,
                      GAsyncResult *result,
                      GError **error);

  gboolean (*delete_folder) (RsBackend *self,
                      const char *key,
                      gboolean recursive,
                      GCancellable *cancellable,
                      GError **error);
  void (*delete_folder_async) (RsBackend *self,
                      const char *key,
                      gboolean recursive,
                      int io_priority,
                      GCancellable *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer user_data);
  gboolean (*delete_folder_finish) (RsBackend *self,
                      GAsyncResult *result,
                      GError **error);

  GPtrArray *(*list_page) (RsBackend *self,
                      const char *prefix,
                      gboolean recursive,
                      const char *token,
                      char **next_token,
                      GCancellable *cancellable,
                      GError **error);
  void (*list_page_async) (RsBackend *self,
                      const char *prefix,
                      gboolean recursive,
                      const char *token,
                      int io_priority,
                      GCancellable *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer user_data);
  GPtrArray *(*list_page_finish) (RsBackend *self,
                      GAsyncResult *result,
                      char **next_token,
                      GError **error);

  gboolean (*copy) (RsBackend *self,
                      const char *source,
                      const char *destination,
                      RsCopyFlags flags,
                      GCancellable *cancellable,
                      GError **error);
  void (*copy_async) (RsBackend *self,
                      const char *source,
                      const char *destination,
                      RsCopyFlags flags,
                      int io_priority,
                      GCancellable *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer user_data);
  gboolean (*copy_finish) (RsBackend *self,
                      GAsyncResult *result,
                      GError **error);

  gboolean (*rename) (RsBackend *self,
                      const char *source,
                      const char *destination,
                      RsCopyFlags flags,
                      GCancellable *cancellable,
                      GError **error);
  void (*rename_async) (RsBackend *self,
                      const char *source,
                      const char *destination,
                      RsCopyFlags flags,
                      int io_priority,
                      GCancellable *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer user_data);
  gboolean (*rename_finish) (RsBackend *self,
                      GAsyncResult *result,
                      GError **error);

  RsFolderInfo *(*folder_stats) (RsBackend *self,
                      const char *key,
                      GCancellable *cancellable,
                      GError **error);
  void (*folder_stats_async) (RsBackend *self,
                      const char *key,
                      int io_priority,
                      GCancellable *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer user_data);
  RsFolderInfo *(*folder_stats_finish) (RsBackend *self,
                      GAsyncResult *result,
                      GError **error);

  gboolean (*ping) (RsBackend *self,
                      GCancellable *cancellable,
                      GError **error);
  void (*ping_async) (RsBackend *self,
                      int io_priority,
                      GCancellable *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer user_data);
  gboolean (*ping_finish) (RsBackend *self,
                      GAsyncResult *result,
                      GError **error);

  gboolean (*close) (RsBackend *self,
                      GCancellable *cancellable,
                      GError **error);
  void (*close_async) (RsBackend *self,
                      int io_priority,
                      GCancellable *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer user_data);
  gboolean (*close_finish) (RsBackend *self,
                      GAsyncResult *result,
                      GError **error);

  gboolean (*options_from_uri) (RsBackendClass *klass,
                                GUri           *uri,
                                GHashTable     *options,
                                char          **root_path,
                                GError        **error);
  char *   (*native_path)      (RsBackend      *self,
                                const char     *key);
  char *   (*to_key)           (RsBackend      *self,
                                const char     *native_path,
                                GError        **error);
  void     (*describe)         (RsBackend      *self,
                                const char     *key,
                                GHashTable     *details);
  const char *uri_host_option;

  RsEntry *(*stat_folder_key) (RsBackend *self,
                      const char *key,
                      GCancellable *cancellable,
                      GError **error);
  void (*stat_folder_key_async) (RsBackend *self,
                      const char *key,
                      int io_priority,
                      GCancellable *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer user_data);
  RsEntry *(*stat_folder_key_finish) (RsBackend *self,
                      GAsyncResult *result,
                      GError **error);

  /*< private >*/
  gpointer padding[20];
};

RS_AVAILABLE_IN_1_0
const char     *rs_backend_get_name         (RsBackend      *self);
RS_AVAILABLE_IN_1_0
const char     *rs_backend_get_location     (RsBackend      *self);
RS_AVAILABLE_IN_1_0
void            rs_backend_set_location     (RsBackend      *self,
                                             const char     *location);
RS_AVAILABLE_IN_1_0
RsCapabilities  rs_backend_get_capabilities (RsBackend      *self);
RS_AVAILABLE_IN_1_0
void            rs_backend_set_capabilities (RsBackend      *self,
                                             RsCapabilities  capabilities);
RS_AVAILABLE_IN_1_0
RsBackendFacts  rs_backend_get_facts        (RsBackend      *self);
RS_AVAILABLE_IN_1_0
void            rs_backend_set_facts        (RsBackend      *self,
                                             RsBackendFacts  facts);
RS_AVAILABLE_IN_1_0
gboolean        rs_backend_is_closed        (RsBackend      *self);
RS_AVAILABLE_IN_1_0
RsRetryPolicy  *rs_backend_get_retry_policy (RsBackend      *self);
RS_AVAILABLE_IN_1_0
gboolean        rs_backend_get_reject_write_under_file_ancestor (RsBackend *self);
RS_AVAILABLE_IN_1_0
char           *rs_backend_native_path      (RsBackend      *self,
                                             const char     *key);
RS_AVAILABLE_IN_1_0
char           *rs_backend_to_key           (RsBackend      *self,
                                             const char     *native_path,
                                             GError        **error);

G_END_DECLS
