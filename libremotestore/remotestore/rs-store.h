/* rs-store.h: a logical folder on a backend, and the contract kernel */
#pragma once

#if !defined(REMOTESTORE_INSIDE) && !defined(REMOTESTORE_COMPILATION)
#error "Only <remotestore/remotestore.h> can be included directly."
#endif

#include <remotestore/rs-types.h>
#include <remotestore/rs-backend.h>
#include <remotestore/rs-file-info.h>
#include <remotestore/rs-folder-info.h>
#include <remotestore/rs-write-result.h>
#include <remotestore/rs-resolution-plan.h>
#include <remotestore/rs-enumerator.h>

G_BEGIN_DECLS

#define RS_TYPE_STORE (rs_store_get_type ())
RS_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (RsStore, rs_store, RS, STORE, GObject)

RS_AVAILABLE_IN_1_0
RsStore          *rs_store_new              (RsBackend      *backend,
                                             const char     *root_path,
                                             GError        **error);
RS_AVAILABLE_IN_1_0
RsStore          *rs_store_new_for_uri      (const char     *uri,
                                             GError        **error);
RS_AVAILABLE_IN_1_0
RsStore          *rs_store_child            (RsStore        *self,
                                             const char     *subpath,
                                             GError        **error);
RS_AVAILABLE_IN_1_0
RsResolutionPlan *rs_store_resolve          (RsStore        *self,
                                             const char     *path);
RS_AVAILABLE_IN_1_0
char             *rs_store_native_path      (RsStore        *self,
                                             const char     *path);
RS_AVAILABLE_IN_1_0
char             *rs_store_to_key           (RsStore        *self,
                                             const char     *native_path,
                                             GError        **error);
RS_AVAILABLE_IN_1_0
gboolean          rs_store_supports         (RsStore        *self,
                                             RsCapabilities  capabilities);
RS_AVAILABLE_IN_1_0
RsCapabilities    rs_store_get_capabilities (RsStore        *self);
RS_AVAILABLE_IN_1_0
RsBackend        *rs_store_get_backend      (RsStore        *self);
RS_AVAILABLE_IN_1_0
const char       *rs_store_get_root_path    (RsStore        *self);

RS_AVAILABLE_IN_1_0
GInputStream *rs_store_read (RsStore *self,
                             const char *path,
                             GCancellable *cancellable,
                             GError **error);

RS_AVAILABLE_IN_1_0
void rs_store_read_async (RsStore *self,
                          const char *path,
                          int io_priority,
                          GCancellable *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer user_data);

RS_AVAILABLE_IN_1_0
GInputStream *rs_store_read_finish (RsStore *self,
                                    GAsyncResult *result,
                                    GError **error);


RS_AVAILABLE_IN_1_0
GBytes *rs_store_read_bytes (RsStore *self,
                             const char *path,
                             GCancellable *cancellable,
                             GError **error);

RS_AVAILABLE_IN_1_0
void rs_store_read_bytes_async (RsStore *self,
                                const char *path,
                                int io_priority,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data);

RS_AVAILABLE_IN_1_0
GBytes *rs_store_read_bytes_finish (RsStore *self,
                                    GAsyncResult *result,
                                    GError **error);


RS_AVAILABLE_IN_1_0
char *rs_store_read_text (RsStore *self,
                          const char *path,
                          const char *encoding,
                          GCancellable *cancellable,
                          GError **error);

RS_AVAILABLE_IN_1_0
void rs_store_read_text_async (RsStore *self,
                               const char *path,
                               const char *encoding,
                               int io_priority,
                               GCancellable *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer user_data);

RS_AVAILABLE_IN_1_0
char *rs_store_read_text_finish (RsStore *self,
                                 GAsyncResult *result,
                                 GError **error);


RS_AVAILABLE_IN_1_0
GBytes *rs_store_read_range (RsStore *self,
                             const char *path,
                             gint64 offset,
                             gint64 length,
                             GCancellable *cancellable,
                             GError **error);

RS_AVAILABLE_IN_1_0
void rs_store_read_range_async (RsStore *self,
                                const char *path,
                                gint64 offset,
                                gint64 length,
                                int io_priority,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data);

RS_AVAILABLE_IN_1_0
GBytes *rs_store_read_range_finish (RsStore *self,
                                    GAsyncResult *result,
                                    GError **error);


RS_AVAILABLE_IN_1_0
RsWriteResult *rs_store_write (RsStore *self,
                               const char *path,
                               GInputStream *content,
                               RsWriteFlags flags,
                               GHashTable *metadata,
                               GCancellable *cancellable,
                               GError **error);

RS_AVAILABLE_IN_1_0
void rs_store_write_async (RsStore *self,
                           const char *path,
                           GInputStream *content,
                           RsWriteFlags flags,
                           GHashTable *metadata,
                           int io_priority,
                           GCancellable *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer user_data);

RS_AVAILABLE_IN_1_0
RsWriteResult *rs_store_write_finish (RsStore *self,
                                      GAsyncResult *result,
                                      GError **error);


RS_AVAILABLE_IN_1_0
RsWriteResult *rs_store_write_bytes (RsStore *self,
                                     const char *path,
                                     GBytes *data,
                                     RsWriteFlags flags,
                                     GHashTable *metadata,
                                     GCancellable *cancellable,
                                     GError **error);

RS_AVAILABLE_IN_1_0
void rs_store_write_bytes_async (RsStore *self,
                                 const char *path,
                                 GBytes *data,
                                 RsWriteFlags flags,
                                 GHashTable *metadata,
                                 int io_priority,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data);

RS_AVAILABLE_IN_1_0
RsWriteResult *rs_store_write_bytes_finish (RsStore *self,
                                            GAsyncResult *result,
                                            GError **error);


RS_AVAILABLE_IN_1_0
RsWriteResult *rs_store_write_text (RsStore *self,
                                    const char *path,
                                    const char *text,
                                    RsWriteFlags flags,
                                    GHashTable *metadata,
                                    GCancellable *cancellable,
                                    GError **error);

RS_AVAILABLE_IN_1_0
void rs_store_write_text_async (RsStore *self,
                                const char *path,
                                const char *text,
                                RsWriteFlags flags,
                                GHashTable *metadata,
                                int io_priority,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data);

RS_AVAILABLE_IN_1_0
RsWriteResult *rs_store_write_text_finish (RsStore *self,
                                           GAsyncResult *result,
                                           GError **error);


RS_AVAILABLE_IN_1_0
GOutputStream *rs_store_open_write (RsStore *self,
                                    const char *path,
                                    RsWriteFlags flags,
                                    GHashTable *metadata,
                                    GCancellable *cancellable,
                                    GError **error);

RS_AVAILABLE_IN_1_0
void rs_store_open_write_async (RsStore *self,
                                const char *path,
                                RsWriteFlags flags,
                                GHashTable *metadata,
                                int io_priority,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data);

RS_AVAILABLE_IN_1_0
GOutputStream *rs_store_open_write_finish (RsStore *self,
                                           GAsyncResult *result,
                                           GError **error);


RS_AVAILABLE_IN_1_0
gboolean rs_store_delete (RsStore *self,
                          const char *path,
                          RsDeleteFlags flags,
                          GCancellable *cancellable,
                          GError **error);

RS_AVAILABLE_IN_1_0
void rs_store_delete_async (RsStore *self,
                            const char *path,
                            RsDeleteFlags flags,
                            int io_priority,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data);

RS_AVAILABLE_IN_1_0
gboolean rs_store_delete_finish (RsStore *self,
                                 GAsyncResult *result,
                                 GError **error);


RS_AVAILABLE_IN_1_0
gboolean rs_store_delete_folder (RsStore *self,
                                 const char *path,
                                 RsDeleteFlags flags,
                                 GCancellable *cancellable,
                                 GError **error);

RS_AVAILABLE_IN_1_0
void rs_store_delete_folder_async (RsStore *self,
                                   const char *path,
                                   RsDeleteFlags flags,
                                   int io_priority,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data);

RS_AVAILABLE_IN_1_0
gboolean rs_store_delete_folder_finish (RsStore *self,
                                        GAsyncResult *result,
                                        GError **error);


RS_AVAILABLE_IN_1_0
gboolean rs_store_exists (RsStore *self,
                          const char *path,
                          GCancellable *cancellable,
                          GError **error);

RS_AVAILABLE_IN_1_0
void rs_store_exists_async (RsStore *self,
                            const char *path,
                            int io_priority,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data);

RS_AVAILABLE_IN_1_0
gboolean rs_store_exists_finish (RsStore *self,
                                 GAsyncResult *result,
                                 GError **error);


RS_AVAILABLE_IN_1_0
gboolean rs_store_is_file (RsStore *self,
                           const char *path,
                           GCancellable *cancellable,
                           GError **error);

RS_AVAILABLE_IN_1_0
void rs_store_is_file_async (RsStore *self,
                             const char *path,
                             int io_priority,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data);

RS_AVAILABLE_IN_1_0
gboolean rs_store_is_file_finish (RsStore *self,
                                  GAsyncResult *result,
                                  GError **error);


RS_AVAILABLE_IN_1_0
gboolean rs_store_is_folder (RsStore *self,
                             const char *path,
                             GCancellable *cancellable,
                             GError **error);

RS_AVAILABLE_IN_1_0
void rs_store_is_folder_async (RsStore *self,
                               const char *path,
                               int io_priority,
                               GCancellable *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer user_data);

RS_AVAILABLE_IN_1_0
gboolean rs_store_is_folder_finish (RsStore *self,
                                    GAsyncResult *result,
                                    GError **error);


RS_AVAILABLE_IN_1_0
RsFileInfo *rs_store_get_file_info (RsStore *self,
                                    const char *path,
                                    GCancellable *cancellable,
                                    GError **error);

RS_AVAILABLE_IN_1_0
void rs_store_get_file_info_async (RsStore *self,
                                   const char *path,
                                   int io_priority,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data);

RS_AVAILABLE_IN_1_0
RsFileInfo *rs_store_get_file_info_finish (RsStore *self,
                                           GAsyncResult *result,
                                           GError **error);


RS_AVAILABLE_IN_1_0
RsFolderInfo *rs_store_get_folder_info (RsStore *self,
                                        const char *path,
                                        int max_depth,
                                        GCancellable *cancellable,
                                        GError **error);

RS_AVAILABLE_IN_1_0
void rs_store_get_folder_info_async (RsStore *self,
                                     const char *path,
                                     int max_depth,
                                     int io_priority,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data);

RS_AVAILABLE_IN_1_0
RsFolderInfo *rs_store_get_folder_info_finish (RsStore *self,
                                               GAsyncResult *result,
                                               GError **error);


RS_AVAILABLE_IN_1_0
RsWriteResult *rs_store_head (RsStore *self,
                              const char *path,
                              GCancellable *cancellable,
                              GError **error);

RS_AVAILABLE_IN_1_0
void rs_store_head_async (RsStore *self,
                          const char *path,
                          int io_priority,
                          GCancellable *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer user_data);

RS_AVAILABLE_IN_1_0
RsWriteResult *rs_store_head_finish (RsStore *self,
                                     GAsyncResult *result,
                                     GError **error);


RS_AVAILABLE_IN_1_0
RsEnumerator *rs_store_list_files (RsStore *self,
                                   const char *path,
                                   RsListFlags flags,
                                   const char *pattern,
                                   int max_depth,
                                   GCancellable *cancellable,
                                   GError **error);

RS_AVAILABLE_IN_1_0
void rs_store_list_files_async (RsStore *self,
                                const char *path,
                                RsListFlags flags,
                                const char *pattern,
                                int max_depth,
                                int io_priority,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data);

RS_AVAILABLE_IN_1_0
RsEnumerator *rs_store_list_files_finish (RsStore *self,
                                          GAsyncResult *result,
                                          GError **error);


RS_AVAILABLE_IN_1_0
RsEnumerator *rs_store_list_folders (RsStore *self,
                                     const char *path,
                                     const char *pattern,
                                     int max_depth,
                                     GCancellable *cancellable,
                                     GError **error);

RS_AVAILABLE_IN_1_0
void rs_store_list_folders_async (RsStore *self,
                                  const char *path,
                                  const char *pattern,
                                  int max_depth,
                                  int io_priority,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data);

RS_AVAILABLE_IN_1_0
RsEnumerator *rs_store_list_folders_finish (RsStore *self,
                                            GAsyncResult *result,
                                            GError **error);


RS_AVAILABLE_IN_1_0
RsEnumerator *rs_store_iter_children (RsStore *self,
                                      const char *path,
                                      GCancellable *cancellable,
                                      GError **error);

RS_AVAILABLE_IN_1_0
void rs_store_iter_children_async (RsStore *self,
                                   const char *path,
                                   int io_priority,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data);

RS_AVAILABLE_IN_1_0
RsEnumerator *rs_store_iter_children_finish (RsStore *self,
                                             GAsyncResult *result,
                                             GError **error);


RS_AVAILABLE_IN_1_0
RsEnumerator *rs_store_glob (RsStore *self,
                             const char *pattern,
                             GCancellable *cancellable,
                             GError **error);

RS_AVAILABLE_IN_1_0
void rs_store_glob_async (RsStore *self,
                          const char *pattern,
                          int io_priority,
                          GCancellable *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer user_data);

RS_AVAILABLE_IN_1_0
RsEnumerator *rs_store_glob_finish (RsStore *self,
                                    GAsyncResult *result,
                                    GError **error);


RS_AVAILABLE_IN_1_0
gboolean rs_store_move (RsStore *self,
                        const char *source,
                        const char *destination,
                        RsCopyFlags flags,
                        GCancellable *cancellable,
                        GError **error);

RS_AVAILABLE_IN_1_0
void rs_store_move_async (RsStore *self,
                          const char *source,
                          const char *destination,
                          RsCopyFlags flags,
                          int io_priority,
                          GCancellable *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer user_data);

RS_AVAILABLE_IN_1_0
gboolean rs_store_move_finish (RsStore *self,
                               GAsyncResult *result,
                               GError **error);


RS_AVAILABLE_IN_1_0
gboolean rs_store_copy (RsStore *self,
                        const char *source,
                        const char *destination,
                        RsCopyFlags flags,
                        GCancellable *cancellable,
                        GError **error);

RS_AVAILABLE_IN_1_0
void rs_store_copy_async (RsStore *self,
                          const char *source,
                          const char *destination,
                          RsCopyFlags flags,
                          int io_priority,
                          GCancellable *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer user_data);

RS_AVAILABLE_IN_1_0
gboolean rs_store_copy_finish (RsStore *self,
                               GAsyncResult *result,
                               GError **error);


RS_AVAILABLE_IN_1_0
gboolean rs_store_ping (RsStore *self,
                        GCancellable *cancellable,
                        GError **error);

RS_AVAILABLE_IN_1_0
void rs_store_ping_async (RsStore *self,
                          int io_priority,
                          GCancellable *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer user_data);

RS_AVAILABLE_IN_1_0
gboolean rs_store_ping_finish (RsStore *self,
                               GAsyncResult *result,
                               GError **error);


RS_AVAILABLE_IN_1_0
gboolean rs_store_close (RsStore *self,
                         GCancellable *cancellable,
                         GError **error);

RS_AVAILABLE_IN_1_0
void rs_store_close_async (RsStore *self,
                           int io_priority,
                           GCancellable *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer user_data);

RS_AVAILABLE_IN_1_0
gboolean rs_store_close_finish (RsStore *self,
                                GAsyncResult *result,
                                GError **error);

G_END_DECLS
