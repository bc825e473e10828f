/* conformance-harness.h: one case body, run through the sync or the async API
 *
 * Every case of the backend conformance suite is written once against a
 * `T`: the t_* helpers call either the synchronous store API or its
 * _async/_finish pair, iterating the case's thread-default main context
 * until the callback ran. The backend comes from RS_TEST_URI; each case
 * gets a fresh, empty store rooted at a unique folder of it. */
#pragma once

#include <remotestore/remotestore.h>

G_BEGIN_DECLS

typedef enum
{
  T_MODE_SYNC,
  T_MODE_ASYNC,
} TMode;

typedef struct
{
  TMode mode;
  RsStore *store;             /* the case's store: empty when the case starts */
  char *root;                 /* its root path in the base store */
  GMainContext *context;      /* async mode: thread-default during the case */
  GCancellable *cancellable;  /* passed to every t_* call; NULL by default */
} T;

typedef void (*TFunc) (T *t);

/* Registration: "/sync/<rule>/<name>" and "/async/<rule>/<name>". */
void            t_add                (const char     *rule,
                                      const char     *name,
                                      TFunc           func);
void            t_init               (const char     *uri);
void            t_shutdown           (void);
const char     *t_uri                (void);

/* Facts about the store under test. */
gboolean        t_is_async           (T              *t);
const char     *t_location           (T              *t);
gboolean        t_supports           (T              *t,
                                      RsCapabilities  capabilities);
gboolean        t_require            (T              *t,
                                      RsCapabilities  capabilities);
RsBackendFacts  t_facts              (T              *t);
gboolean        t_is_flat            (T              *t);
gboolean        t_rejects_under_file (T              *t);
char           *t_capability_nick    (RsCapabilities  capability);

/* Replace the case's store by one on a private backend instance opened
 * from RS_TEST_URI (plus @extra_query options), at the same root. Skips
 * the case and returns FALSE when it cannot be opened. */
gboolean        t_use_private        (T              *t,
                                      const char     *extra_query);
/* A T for another thread (its own context in async mode); call
 * t_thread_free() on that thread when done. */
T              *t_thread_new         (T              *parent);
void            t_thread_free        (T              *t);

/* Async plumbing for cases that drive raw _async calls themselves. */
typedef struct
{
  GAsyncResult *result;
  GMainContext *context;
  gpointer source;
  gboolean calling;
} TWait;

void            t_wait_init          (T              *t,
                                      TWait          *w,
                                      gpointer        source);
void            t_wait_cb            (GObject        *source,
                                      GAsyncResult   *result,
                                      gpointer        user_data);
GAsyncResult   *t_wait               (T              *t,
                                      TWait          *w);

/* The store API, in the case's mode. */
GInputStream   *t_read               (T *t, const char *path, GError **error);
GBytes         *t_read_bytes         (T *t, const char *path, GError **error);
char           *t_read_text          (T *t, const char *path, const char *encoding, GError **error);
GBytes         *t_read_range         (T *t, const char *path, gint64 offset, gint64 length,
                                      GError **error);
RsWriteResult  *t_write              (T *t, const char *path, GInputStream *content,
                                      RsWriteFlags flags, GHashTable *metadata, GError **error);
RsWriteResult  *t_write_bytes        (T *t, const char *path, GBytes *data, RsWriteFlags flags,
                                      GHashTable *metadata, GError **error);
RsWriteResult  *t_write_text         (T *t, const char *path, const char *text,
                                      RsWriteFlags flags, GHashTable *metadata, GError **error);
GOutputStream  *t_open_write         (T *t, const char *path, RsWriteFlags flags,
                                      GHashTable *metadata, GError **error);
gboolean        t_delete             (T *t, const char *path, RsDeleteFlags flags, GError **error);
gboolean        t_delete_folder      (T *t, const char *path, RsDeleteFlags flags, GError **error);
gboolean        t_exists             (T *t, const char *path, GError **error);
gboolean        t_is_file            (T *t, const char *path, GError **error);
gboolean        t_is_folder          (T *t, const char *path, GError **error);
RsFileInfo     *t_get_file_info      (T *t, const char *path, GError **error);
RsFolderInfo   *t_get_folder_info    (T *t, const char *path, int max_depth, GError **error);
RsWriteResult  *t_head               (T *t, const char *path, GError **error);
RsEnumerator   *t_list_files         (T *t, const char *path, RsListFlags flags,
                                      const char *pattern, int max_depth, GError **error);
RsEnumerator   *t_list_folders       (T *t, const char *path, const char *pattern,
                                      int max_depth, GError **error);
RsEnumerator   *t_iter_children      (T *t, const char *path, GError **error);
RsEnumerator   *t_glob               (T *t, const char *pattern, GError **error);
gboolean        t_move               (T *t, const char *source, const char *destination,
                                      RsCopyFlags flags, GError **error);
gboolean        t_copy               (T *t, const char *source, const char *destination,
                                      RsCopyFlags flags, GError **error);
gboolean        t_ping               (T *t, GError **error);
gboolean        t_close              (T *t, GError **error);

/* Enumerators: one entry (NULL at the end), or everything left. */
RsEntry        *t_next               (T *t, RsEnumerator *enumerator, GError **error);
GPtrArray      *t_collect            (T *t, RsEnumerator *enumerator, GError **error);

/* Streams, in the case's mode. */
gssize          t_stream_read        (T *t, GInputStream *stream, void *buffer, gsize count,
                                      GError **error);
gboolean        t_stream_close       (T *t, GInputStream *stream, GError **error);
gboolean        t_out_write_all      (T *t, GOutputStream *stream, const void *buffer,
                                      gsize count, GError **error);
gboolean        t_out_close          (T *t, GOutputStream *stream, GError **error);
void            t_drain              (T *t);

/* Shorthands that assert success. */
void            t_put                (T *t, const char *path, const char *text);
void            t_put_bytes          (T *t, const char *path, GBytes *data);
char           *t_get                (T *t, const char *path);
GBytes         *t_get_bytes          (T *t, const char *path);
gboolean        t_check_is_file      (T *t, const char *path);
gboolean        t_check_is_folder    (T *t, const char *path);
gboolean        t_check_exists       (T *t, const char *path);

/* Listings as sorted, newline-joined paths (asserting success). */
char           *t_files              (T *t, const char *path, RsListFlags flags,
                                      const char *pattern, int max_depth);
char           *t_folders            (T *t, const char *path, const char *pattern, int max_depth);
char           *t_children           (T *t, const char *path);
char           *t_globbed            (T *t, const char *pattern);
char           *t_join               (GPtrArray *entries);
char           *t_join_strings       (GPtrArray *strings);
char           *t_expect             (const char *first, ...) G_GNUC_NULL_TERMINATED;
/* Every file with a checksum of its content, and every folder. */
char           *t_snapshot           (T *t);

/* Errors: the domain and code, a non-empty message naming @path (when not
 * NULL) and the backend location; clears *error. */
void            t_check_error        (T *t, GError **error, int code, const char *path);
void            t_check_cancelled    (GError **error);

/* Data. */
GBytes         *t_pattern_bytes      (gsize size, guint seed);
guint8          t_pattern_byte       (guint64 offset, guint seed);
void            t_assert_bytes_equal (GBytes *a, GBytes *b);
GHashTable     *t_metadata           (const char *first_key, ...) G_GNUC_NULL_TERMINATED;
void            t_assert_metadata    (GHashTable *expected, GHashTable *actual);
void            t_assert_same_time   (GDateTime *a, GDateTime *b);

/* A content source for writes: @size pattern bytes, optionally failing,
 * cancelling or calling a hook at an offset. */
#define T_TYPE_SOURCE (t_source_get_type ())
G_DECLARE_FINAL_TYPE (TSource, t_source, T, SOURCE, GInputStream)

typedef void (*TSourceHook) (gpointer data);

TSource        *t_source_new         (gsize size, guint seed);
void            t_source_fail_at     (TSource *self, gsize offset);
void            t_source_cancel_at   (TSource *self, gsize offset, GCancellable *cancellable);
void            t_source_hook_at     (TSource *self, gsize offset, TSourceHook hook, gpointer data);
gsize           t_source_delivered   (TSource *self);
guint           t_source_reads       (TSource *self);

/* Registration of each topic. */
void            t_add_path_tests        (void);
void            t_add_check_tests       (void);
void            t_add_write_tests       (void);
void            t_add_transfer_tests    (void);
void            t_add_delete_tests      (void);
void            t_add_read_tests        (void);
void            t_add_listing_tests     (void);
void            t_add_glob_tests        (void);
void            t_add_lifecycle_tests   (void);
void            t_add_concurrency_tests (void);
void            t_add_name_tests        (void);

G_END_DECLS
