/* conformance-harness.c: fixtures, registration and the dual-mode wrappers */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conformance-harness.h"

typedef struct
{
  TFunc func;
  TMode mode;
} TCase;

static char *test_uri;
static RsStore *base_store;
static GPtrArray *cases;
static guint case_counter;
/* RS_TEST_SEED=native-files: the backend under test cannot write (a
 * read-only view of a local directory), so cases seed their files by
 * writing them at the store's native paths with the file system. Cases
 * that need WRITE for the operation itself still skip on the capability. */
static gboolean seed_native_files;

const char *
t_uri (void)
{
  return test_uri;
}

/* ---- fixture ---------------------------------------------------------- */

static void
seed_native_file (T          *t,
                  const char *path,
                  GBytes     *data)
{
  g_autofree char *native = rs_store_native_path (t->store, path);
  g_autofree char *parent = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (native);
  parent = g_path_get_dirname (native);
  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_file_set_contents (native, g_bytes_get_data (data, NULL), g_bytes_get_size (data), &error);
  g_assert_no_error (error);
}

static void
remove_native_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children =
    g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                               G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  GFile *child;

  while (children != NULL &&
         g_file_enumerator_iterate (children, NULL, &child, NULL, NULL) && child != NULL)
    remove_native_tree (child);
  g_file_delete (file, NULL, NULL);
}

static void
t_setup (gpointer fixture,
         gconstpointer data)
{
  T *t = fixture;
  const TCase *tc = data;
  g_autoptr(GError) error = NULL;

  t->mode = tc->mode;
  /* A unique root: cases never see each other's files, and a persistent
   * backend shared by several runs keeps them apart too. */
  t->root = g_strdup_printf ("conformance-%u-%08x-%u", (guint) getpid (), g_random_int (),
                             ++case_counter);
  t->store = rs_store_child (base_store, t->root, &error);
  g_assert_no_error (error);
  if (t->mode == T_MODE_ASYNC)
    {
      t->context = g_main_context_new ();
      g_main_context_push_thread_default (t->context);
    }
}

static void
t_teardown (gpointer fixture,
            gconstpointer data)
{
  T *t = fixture;
  g_autoptr(GError) error = NULL;

  if (t->context != NULL)
    {
      t_drain (t);
      g_main_context_pop_thread_default (t->context);
      g_clear_pointer (&t->context, g_main_context_unref);
    }
  g_clear_object (&t->cancellable);
  g_clear_object (&t->store);
  if (seed_native_files)
    {
      g_autofree char *native = rs_store_native_path (base_store, t->root);
      g_autoptr(GFile) folder = g_file_new_for_path (native);

      remove_native_tree (folder);
    }
  /* Tidy up through the base store, which no case closes. */
  else if (!rs_store_delete_folder (base_store, t->root, RS_DELETE_RECURSIVE | RS_DELETE_MISSING_OK,
                               NULL, &error))
    g_test_message ("cleanup of %s failed: %s", t->root, error->message);
  g_clear_pointer (&t->root, g_free);
}

static void
t_run (gpointer fixture,
       gconstpointer data)
{
  const TCase *tc = data;

  tc->func (fixture);
}

void
t_add (const char *rule,
       const char *name,
       TFunc       func)
{
  static const char *const mode_names[] = { "sync", "async" };

  for (TMode mode = T_MODE_SYNC; mode <= T_MODE_ASYNC; mode++)
    {
      TCase *tc = g_new0 (TCase, 1);
      g_autofree char *path = g_strdup_printf ("/%s/%s/%s", mode_names[mode], rule, name);

      tc->func = func;
      tc->mode = mode;
      g_ptr_array_add (cases, tc);
      g_test_add_vtable (path, sizeof (T), tc, t_setup, t_run, t_teardown);
    }
}

void
t_init (const char *uri)
{
  g_autoptr(GError) error = NULL;

  test_uri = g_strdup (uri);
  seed_native_files = g_strcmp0 (g_getenv ("RS_TEST_SEED"), "native-files") == 0;
  cases = g_ptr_array_new_with_free_func (g_free);
  base_store = rs_store_new_for_uri (uri, &error);
  if (base_store == NULL)
    {
      g_print ("Bail out! cannot open %s: %s\n", uri, error->message);
      exit (1);
    }
}

void
t_shutdown (void)
{
  g_autoptr(GError) error = NULL;

  if (!rs_store_close (base_store, NULL, &error))
    g_test_message ("closing the base store failed: %s", error->message);
  g_clear_object (&base_store);
  g_clear_pointer (&cases, g_ptr_array_unref);
  g_clear_pointer (&test_uri, g_free);
}

/* ---- facts ------------------------------------------------------------ */

gboolean
t_is_async (T *t)
{
  return t->mode == T_MODE_ASYNC;
}

const char *
t_location (T *t)
{
  return rs_backend_get_location (rs_store_get_backend (t->store));
}

gboolean
t_supports (T              *t,
            RsCapabilities  capabilities)
{
  return rs_store_supports (t->store, capabilities);
}

char *
t_capability_nick (RsCapabilities capabilities)
{
  GFlagsClass *klass = g_type_class_ref (RS_TYPE_CAPABILITIES);
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < klass->n_values; i++)
    if (klass->values[i].value != 0 && (capabilities & klass->values[i].value) != 0)
      g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "",
                              klass->values[i].value_nick);
  g_type_class_unref (klass);
  return g_string_free (names, FALSE);
}

/* Skips the case, honestly, when the backend lacks a capability. */
gboolean
t_require (T              *t,
           RsCapabilities  capabilities)
{
  RsCapabilities missing = capabilities & ~rs_store_get_capabilities (t->store);
  g_autofree char *names = NULL;
  g_autofree char *reason = NULL;

  if (missing == 0)
    return TRUE;
  names = t_capability_nick (missing);
  reason = g_strdup_printf ("%s lacks the capability %s", t_location (t), names);
  g_test_skip (reason);
  return FALSE;
}

RsBackendFacts
t_facts (T *t)
{
  return rs_backend_get_facts (rs_store_get_backend (t->store));
}

gboolean
t_is_flat (T *t)
{
  return (t_facts (t) & RS_BACKEND_FACTS_FLAT_NAMESPACE) != 0;
}

/* Whether a write under a file is refused (rule 8): always on a
 * hierarchical namespace, on a flat one only with the backend option. */
gboolean
t_rejects_under_file (T *t)
{
  return !t_is_flat (t) ||
         rs_backend_get_reject_write_under_file_ancestor (rs_store_get_backend (t->store));
}

gboolean
t_use_private (T          *t,
               const char *extra_query)
{
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RsStore) fresh = NULL;
  RsStore *child;

  if (extra_query == NULL)
    uri = g_strdup (test_uri);
  else
    uri = g_strconcat (test_uri, strchr (test_uri, '?') != NULL ? "&" : "?", extra_query, NULL);
  fresh = rs_store_new_for_uri (uri, &error);
  if (fresh == NULL)
    {
      g_autofree char *reason = g_strdup_printf ("cannot open %s: %s", uri, error->message);

      g_test_skip (reason);
      return FALSE;
    }
  child = rs_store_child (fresh, t->root, &error);
  g_assert_no_error (error);
  g_set_object (&t->store, child);
  g_object_unref (child);
  return TRUE;
}

T *
t_thread_new (T *parent)
{
  T *t = g_new0 (T, 1);

  t->mode = parent->mode;
  t->store = g_object_ref (parent->store);
  if (t->mode == T_MODE_ASYNC)
    {
      t->context = g_main_context_new ();
      g_main_context_push_thread_default (t->context);
    }
  return t;
}

void
t_thread_free (T *t)
{
  if (t->context != NULL)
    {
      t_drain (t);
      g_main_context_pop_thread_default (t->context);
      g_main_context_unref (t->context);
    }
  g_clear_object (&t->store);
  g_clear_object (&t->cancellable);
  g_free (t);
}

/* ---- async plumbing --------------------------------------------------- */

void
t_wait_init (T        *t,
             TWait    *w,
             gpointer  source)
{
  g_assert_true (t->mode == T_MODE_ASYNC);
  w->result = NULL;
  w->context = t->context;
  w->source = source;
  w->calling = TRUE;
}

/* GIO conventions: the callback runs later, in the caller's thread-default
 * context, with the object the call was made on. */
void
t_wait_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  TWait *w = user_data;

  g_assert_false (w->calling);
  g_assert_null (w->result);
  g_assert_true (g_main_context_get_thread_default () == w->context);
  g_assert_true ((gpointer) source == w->source);
  w->result = g_object_ref (result);
}

GAsyncResult *
t_wait (T     *t,
        TWait *w)
{
  w->calling = FALSE;
  while (w->result == NULL)
    g_main_context_iteration (t->context, TRUE);
  return g_steal_pointer (&w->result);
}

void
t_drain (T *t)
{
  if (t->context != NULL)
    while (g_main_context_iteration (t->context, FALSE))
      ;
}

#define ASYNC_CALL(t, w, src, call) \
  (t_wait_init ((t), &(w), (src)), (call), t_wait ((t), &(w)))

#define PRIO G_PRIORITY_DEFAULT

/* ---- the store API ---------------------------------------------------- */

GInputStream *
t_read (T *t, const char *path, GError **error)
{
  TWait w;
  g_autoptr(GAsyncResult) res = NULL;

  if (t->mode == T_MODE_SYNC)
    return rs_store_read (t->store, path, t->cancellable, error);
  res = ASYNC_CALL (t, w, t->store,
                    rs_store_read_async (t->store, path, PRIO, t->cancellable, t_wait_cb, &w));
  return rs_store_read_finish (t->store, res, error);
}

GBytes *
t_read_bytes (T *t, const char *path, GError **error)
{
  TWait w;
  g_autoptr(GAsyncResult) res = NULL;

  if (t->mode == T_MODE_SYNC)
    return rs_store_read_bytes (t->store, path, t->cancellable, error);
  res = ASYNC_CALL (t, w, t->store,
                    rs_store_read_bytes_async (t->store, path, PRIO, t->cancellable, t_wait_cb,
                                               &w));
  return rs_store_read_bytes_finish (t->store, res, error);
}

char *
t_read_text (T *t, const char *path, const char *encoding, GError **error)
{
  TWait w;
  g_autoptr(GAsyncResult) res = NULL;

  if (t->mode == T_MODE_SYNC)
    return rs_store_read_text (t->store, path, encoding, t->cancellable, error);
  res = ASYNC_CALL (t, w, t->store,
                    rs_store_read_text_async (t->store, path, encoding, PRIO, t->cancellable,
                                              t_wait_cb, &w));
  return rs_store_read_text_finish (t->store, res, error);
}

GBytes *
t_read_range (T *t, const char *path, gint64 offset, gint64 length, GError **error)
{
  TWait w;
  g_autoptr(GAsyncResult) res = NULL;

  if (t->mode == T_MODE_SYNC)
    return rs_store_read_range (t->store, path, offset, length, t->cancellable, error);
  res = ASYNC_CALL (t, w, t->store,
                    rs_store_read_range_async (t->store, path, offset, length, PRIO,
                                               t->cancellable, t_wait_cb, &w));
  return rs_store_read_range_finish (t->store, res, error);
}

RsWriteResult *
t_write (T *t, const char *path, GInputStream *content, RsWriteFlags flags,
         GHashTable *metadata, GError **error)
{
  TWait w;
  g_autoptr(GAsyncResult) res = NULL;

  if (t->mode == T_MODE_SYNC)
    return rs_store_write (t->store, path, content, flags, metadata, t->cancellable, error);
  res = ASYNC_CALL (t, w, t->store,
                    rs_store_write_async (t->store, path, content, flags, metadata, PRIO,
                                          t->cancellable, t_wait_cb, &w));
  return rs_store_write_finish (t->store, res, error);
}

RsWriteResult *
t_write_bytes (T *t, const char *path, GBytes *data, RsWriteFlags flags,
               GHashTable *metadata, GError **error)
{
  TWait w;
  g_autoptr(GAsyncResult) res = NULL;

  if (t->mode == T_MODE_SYNC)
    return rs_store_write_bytes (t->store, path, data, flags, metadata, t->cancellable, error);
  res = ASYNC_CALL (t, w, t->store,
                    rs_store_write_bytes_async (t->store, path, data, flags, metadata, PRIO,
                                                t->cancellable, t_wait_cb, &w));
  return rs_store_write_bytes_finish (t->store, res, error);
}

RsWriteResult *
t_write_text (T *t, const char *path, const char *text, RsWriteFlags flags,
              GHashTable *metadata, GError **error)
{
  TWait w;
  g_autoptr(GAsyncResult) res = NULL;

  if (t->mode == T_MODE_SYNC)
    return rs_store_write_text (t->store, path, text, flags, metadata, t->cancellable, error);
  res = ASYNC_CALL (t, w, t->store,
                    rs_store_write_text_async (t->store, path, text, flags, metadata, PRIO,
                                               t->cancellable, t_wait_cb, &w));
  return rs_store_write_text_finish (t->store, res, error);
}

GOutputStream *
t_open_write (T *t, const char *path, RsWriteFlags flags, GHashTable *metadata, GError **error)
{
  TWait w;
  g_autoptr(GAsyncResult) res = NULL;

  if (t->mode == T_MODE_SYNC)
    return rs_store_open_write (t->store, path, flags, metadata, t->cancellable, error);
  res = ASYNC_CALL (t, w, t->store,
                    rs_store_open_write_async (t->store, path, flags, metadata, PRIO,
                                               t->cancellable, t_wait_cb, &w));
  return rs_store_open_write_finish (t->store, res, error);
}

gboolean
t_delete (T *t, const char *path, RsDeleteFlags flags, GError **error)
{
  TWait w;
  g_autoptr(GAsyncResult) res = NULL;

  if (t->mode == T_MODE_SYNC)
    return rs_store_delete (t->store, path, flags, t->cancellable, error);
  res = ASYNC_CALL (t, w, t->store,
                    rs_store_delete_async (t->store, path, flags, PRIO, t->cancellable,
                                           t_wait_cb, &w));
  return rs_store_delete_finish (t->store, res, error);
}

gboolean
t_delete_folder (T *t, const char *path, RsDeleteFlags flags, GError **error)
{
  TWait w;
  g_autoptr(GAsyncResult) res = NULL;

  if (t->mode == T_MODE_SYNC)
    return rs_store_delete_folder (t->store, path, flags, t->cancellable, error);
  res = ASYNC_CALL (t, w, t->store,
                    rs_store_delete_folder_async (t->store, path, flags, PRIO, t->cancellable,
                                                  t_wait_cb, &w));
  return rs_store_delete_folder_finish (t->store, res, error);
}

gboolean
t_exists (T *t, const char *path, GError **error)
{
  TWait w;
  g_autoptr(GAsyncResult) res = NULL;

  if (t->mode == T_MODE_SYNC)
    return rs_store_exists (t->store, path, t->cancellable, error);
  res = ASYNC_CALL (t, w, t->store,
                    rs_store_exists_async (t->store, path, PRIO, t->cancellable, t_wait_cb, &w));
  return rs_store_exists_finish (t->store, res, error);
}

gboolean
t_is_file (T *t, const char *path, GError **error)
{
  TWait w;
  g_autoptr(GAsyncResult) res = NULL;

  if (t->mode == T_MODE_SYNC)
    return rs_store_is_file (t->store, path, t->cancellable, error);
  res = ASYNC_CALL (t, w, t->store,
                    rs_store_is_file_async (t->store, path, PRIO, t->cancellable, t_wait_cb, &w));
  return rs_store_is_file_finish (t->store, res, error);
}

gboolean
t_is_folder (T *t, const char *path, GError **error)
{
  TWait w;
  g_autoptr(GAsyncResult) res = NULL;

  if (t->mode == T_MODE_SYNC)
    return rs_store_is_folder (t->store, path, t->cancellable, error);
  res = ASYNC_CALL (t, w, t->store,
                    rs_store_is_folder_async (t->store, path, PRIO, t->cancellable, t_wait_cb,
                                              &w));
  return rs_store_is_folder_finish (t->store, res, error);
}

RsFileInfo *
t_get_file_info (T *t, const char *path, GError **error)
{
  TWait w;
  g_autoptr(GAsyncResult) res = NULL;

  if (t->mode == T_MODE_SYNC)
    return rs_store_get_file_info (t->store, path, t->cancellable, error);
  res = ASYNC_CALL (t, w, t->store,
                    rs_store_get_file_info_async (t->store, path, PRIO, t->cancellable,
                                                  t_wait_cb, &w));
  return rs_store_get_file_info_finish (t->store, res, error);
}

RsFolderInfo *
t_get_folder_info (T *t, const char *path, int max_depth, GError **error)
{
  TWait w;
  g_autoptr(GAsyncResult) res = NULL;

  if (t->mode == T_MODE_SYNC)
    return rs_store_get_folder_info (t->store, path, max_depth, t->cancellable, error);
  res = ASYNC_CALL (t, w, t->store,
                    rs_store_get_folder_info_async (t->store, path, max_depth, PRIO,
                                                    t->cancellable, t_wait_cb, &w));
  return rs_store_get_folder_info_finish (t->store, res, error);
}

RsWriteResult *
t_head (T *t, const char *path, GError **error)
{
  TWait w;
  g_autoptr(GAsyncResult) res = NULL;

  if (t->mode == T_MODE_SYNC)
    return rs_store_head (t->store, path, t->cancellable, error);
  res = ASYNC_CALL (t, w, t->store,
                    rs_store_head_async (t->store, path, PRIO, t->cancellable, t_wait_cb, &w));
  return rs_store_head_finish (t->store, res, error);
}

RsEnumerator *
t_list_files (T *t, const char *path, RsListFlags flags, const char *pattern, int max_depth,
              GError **error)
{
  TWait w;
  g_autoptr(GAsyncResult) res = NULL;

  if (t->mode == T_MODE_SYNC)
    return rs_store_list_files (t->store, path, flags, pattern, max_depth, t->cancellable, error);
  res = ASYNC_CALL (t, w, t->store,
                    rs_store_list_files_async (t->store, path, flags, pattern, max_depth, PRIO,
                                               t->cancellable, t_wait_cb, &w));
  return rs_store_list_files_finish (t->store, res, error);
}

RsEnumerator *
t_list_folders (T *t, const char *path, const char *pattern, int max_depth, GError **error)
{
  TWait w;
  g_autoptr(GAsyncResult) res = NULL;

  if (t->mode == T_MODE_SYNC)
    return rs_store_list_folders (t->store, path, pattern, max_depth, t->cancellable, error);
  res = ASYNC_CALL (t, w, t->store,
                    rs_store_list_folders_async (t->store, path, pattern, max_depth, PRIO,
                                                 t->cancellable, t_wait_cb, &w));
  return rs_store_list_folders_finish (t->store, res, error);
}

RsEnumerator *
t_iter_children (T *t, const char *path, GError **error)
{
  TWait w;
  g_autoptr(GAsyncResult) res = NULL;

  if (t->mode == T_MODE_SYNC)
    return rs_store_iter_children (t->store, path, t->cancellable, error);
  res = ASYNC_CALL (t, w, t->store,
                    rs_store_iter_children_async (t->store, path, PRIO, t->cancellable,
                                                  t_wait_cb, &w));
  return rs_store_iter_children_finish (t->store, res, error);
}

RsEnumerator *
t_glob (T *t, const char *pattern, GError **error)
{
  TWait w;
  g_autoptr(GAsyncResult) res = NULL;

  if (t->mode == T_MODE_SYNC)
    return rs_store_glob (t->store, pattern, t->cancellable, error);
  res = ASYNC_CALL (t, w, t->store,
                    rs_store_glob_async (t->store, pattern, PRIO, t->cancellable, t_wait_cb, &w));
  return rs_store_glob_finish (t->store, res, error);
}

gboolean
t_move (T *t, const char *source, const char *destination, RsCopyFlags flags, GError **error)
{
  TWait w;
  g_autoptr(GAsyncResult) res = NULL;

  if (t->mode == T_MODE_SYNC)
    return rs_store_move (t->store, source, destination, flags, t->cancellable, error);
  res = ASYNC_CALL (t, w, t->store,
                    rs_store_move_async (t->store, source, destination, flags, PRIO,
                                         t->cancellable, t_wait_cb, &w));
  return rs_store_move_finish (t->store, res, error);
}

gboolean
t_copy (T *t, const char *source, const char *destination, RsCopyFlags flags, GError **error)
{
  TWait w;
  g_autoptr(GAsyncResult) res = NULL;

  if (t->mode == T_MODE_SYNC)
    return rs_store_copy (t->store, source, destination, flags, t->cancellable, error);
  res = ASYNC_CALL (t, w, t->store,
                    rs_store_copy_async (t->store, source, destination, flags, PRIO,
                                         t->cancellable, t_wait_cb, &w));
  return rs_store_copy_finish (t->store, res, error);
}

gboolean
t_ping (T *t, GError **error)
{
  TWait w;
  g_autoptr(GAsyncResult) res = NULL;

  if (t->mode == T_MODE_SYNC)
    return rs_store_ping (t->store, t->cancellable, error);
  res = ASYNC_CALL (t, w, t->store,
                    rs_store_ping_async (t->store, PRIO, t->cancellable, t_wait_cb, &w));
  return rs_store_ping_finish (t->store, res, error);
}

gboolean
t_close (T *t, GError **error)
{
  TWait w;
  g_autoptr(GAsyncResult) res = NULL;

  if (t->mode == T_MODE_SYNC)
    return rs_store_close (t->store, t->cancellable, error);
  res = ASYNC_CALL (t, w, t->store,
                    rs_store_close_async (t->store, PRIO, t->cancellable, t_wait_cb, &w));
  return rs_store_close_finish (t->store, res, error);
}

/* ---- enumerators ------------------------------------------------------ */

/* Small batches in async mode, so that pages and batches interleave. */
#define T_BATCH 3

RsEntry *
t_next (T *t, RsEnumerator *enumerator, GError **error)
{
  TWait w;
  g_autoptr(GAsyncResult) res = NULL;
  GList *batch;
  RsEntry *entry;

  if (t->mode == T_MODE_SYNC)
    return rs_enumerator_next (enumerator, t->cancellable, error);
  res = ASYNC_CALL (t, w, enumerator,
                    rs_enumerator_next_batch_async (enumerator, 1, PRIO, t->cancellable,
                                                    t_wait_cb, &w));
  batch = rs_enumerator_next_batch_finish (enumerator, res, error);
  if (batch == NULL)
    return NULL;
  g_assert_cmpuint (g_list_length (batch), ==, 1);
  entry = batch->data;
  g_list_free (batch);
  return entry;
}

GPtrArray *
t_collect (T *t, RsEnumerator *enumerator, GError **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean short_batch = FALSE;

  for (;;)
    {
      TWait w;
      g_autoptr(GAsyncResult) res = NULL;
      GList *batch;
      RsEntry *entry;

      if (t->mode == T_MODE_SYNC)
        {
          entry = rs_enumerator_next (enumerator, t->cancellable, error);
          if (entry == NULL)
            break;
          g_assert_true (RS_IS_ENTRY (entry));
          g_ptr_array_add (entries, entry);
          continue;
        }
      res = ASYNC_CALL (t, w, enumerator,
                        rs_enumerator_next_batch_async (enumerator, T_BATCH, PRIO, t->cancellable,
                                                        t_wait_cb, &w));
      batch = rs_enumerator_next_batch_finish (enumerator, res, error);
      if (batch == NULL)
        break;
      /* Fewer entries than asked only at the end of the listing. */
      g_assert_false (short_batch);
      g_assert_cmpuint (g_list_length (batch), <=, T_BATCH);
      short_batch = g_list_length (batch) < T_BATCH;
      for (GList *l = batch; l != NULL; l = l->next)
        {
          g_assert_true (RS_IS_ENTRY (l->data));
          g_ptr_array_add (entries, l->data);
        }
      g_list_free (batch);
    }
  if (error != NULL && *error != NULL)
    return NULL;
  return g_steal_pointer (&entries);
}

/* ---- streams ---------------------------------------------------------- */

gssize
t_stream_read (T *t, GInputStream *stream, void *buffer, gsize count, GError **error)
{
  TWait w;
  g_autoptr(GAsyncResult) res = NULL;

  if (t->mode == T_MODE_SYNC)
    return g_input_stream_read (stream, buffer, count, t->cancellable, error);
  res = ASYNC_CALL (t, w, stream,
                    g_input_stream_read_async (stream, buffer, count, PRIO, t->cancellable,
                                               t_wait_cb, &w));
  return g_input_stream_read_finish (stream, res, error);
}

gboolean
t_stream_close (T *t, GInputStream *stream, GError **error)
{
  TWait w;
  g_autoptr(GAsyncResult) res = NULL;

  if (t->mode == T_MODE_SYNC)
    return g_input_stream_close (stream, t->cancellable, error);
  res = ASYNC_CALL (t, w, stream,
                    g_input_stream_close_async (stream, PRIO, t->cancellable, t_wait_cb, &w));
  return g_input_stream_close_finish (stream, res, error);
}

gboolean
t_out_write_all (T *t, GOutputStream *stream, const void *buffer, gsize count, GError **error)
{
  TWait w;
  g_autoptr(GAsyncResult) res = NULL;
  gsize written = 0;
  gboolean ok;

  if (t->mode == T_MODE_SYNC)
    ok = g_output_stream_write_all (stream, buffer, count, &written, t->cancellable, error);
  else
    {
      res = ASYNC_CALL (t, w, stream,
                        g_output_stream_write_all_async (stream, buffer, count, PRIO,
                                                         t->cancellable, t_wait_cb, &w));
      ok = g_output_stream_write_all_finish (stream, res, &written, error);
    }
  if (ok)
    g_assert_cmpuint (written, ==, count);
  return ok;
}

gboolean
t_out_close (T *t, GOutputStream *stream, GError **error)
{
  TWait w;
  g_autoptr(GAsyncResult) res = NULL;

  if (t->mode == T_MODE_SYNC)
    return g_output_stream_close (stream, t->cancellable, error);
  res = ASYNC_CALL (t, w, stream,
                    g_output_stream_close_async (stream, PRIO, t->cancellable, t_wait_cb, &w));
  return g_output_stream_close_finish (stream, res, error);
}

/* ---- shorthands ------------------------------------------------------- */

void
t_put (T *t, const char *path, const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsWriteResult) result = NULL;

  if (seed_native_files)
    {
      g_autoptr(GBytes) data = g_bytes_new (text, strlen (text));

      seed_native_file (t, path, data);
      return;
    }
  result = t_write_text (t, path, text, RS_WRITE_OVERWRITE, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpint (rs_write_result_get_size (result), ==, (gint64) strlen (text));
}

void
t_put_bytes (T *t, const char *path, GBytes *data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsWriteResult) result = NULL;

  if (seed_native_files)
    {
      seed_native_file (t, path, data);
      return;
    }
  result = t_write_bytes (t, path, data, RS_WRITE_OVERWRITE, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpint (rs_write_result_get_size (result), ==, (gint64) g_bytes_get_size (data));
}

GBytes *
t_get_bytes (T *t, const char *path)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = t_read_bytes (t, path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

char *
t_get (T *t, const char *path)
{
  g_autoptr(GBytes) bytes = t_get_bytes (t, path);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  return g_strndup (data != NULL ? data : "", size);
}

gboolean
t_check_is_file (T *t, const char *path)
{
  g_autoptr(GError) error = NULL;
  gboolean answer = t_is_file (t, path, &error);

  g_assert_no_error (error);
  return answer;
}

gboolean
t_check_is_folder (T *t, const char *path)
{
  g_autoptr(GError) error = NULL;
  gboolean answer = t_is_folder (t, path, &error);

  g_assert_no_error (error);
  return answer;
}

gboolean
t_check_exists (T *t, const char *path)
{
  g_autoptr(GError) error = NULL;
  gboolean answer = t_exists (t, path, &error);

  g_assert_no_error (error);
  return answer;
}

/* ---- listings --------------------------------------------------------- */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static char *
join_sorted (GPtrArray *strings)
{
  g_ptr_array_sort (strings, compare_strings);
  g_ptr_array_add (strings, NULL);
  return g_strjoinv ("\n", (char **) strings->pdata);
}

char *
t_join (GPtrArray *entries)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();

  for (guint i = 0; i < entries->len; i++)
    g_ptr_array_add (paths, (gpointer) rs_entry_get_path (entries->pdata[i]));
  return join_sorted (paths);
}

char *
t_join_strings (GPtrArray *strings)
{
  g_autoptr(GPtrArray) copy = g_ptr_array_new ();

  for (guint i = 0; i < strings->len; i++)
    g_ptr_array_add (copy, strings->pdata[i]);
  return join_sorted (copy);
}

char *
t_expect (const char *first, ...)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first);
  for (const char *p = first; p != NULL; p = va_arg (ap, const char *))
    g_ptr_array_add (paths, (gpointer) p);
  va_end (ap);
  return join_sorted (paths);
}

static char *
collect_joined (T *t, RsEnumerator *enumerator, GError *error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(RsEnumerator) owned = enumerator;

  g_assert_no_error (error);
  g_assert_nonnull (owned);
  entries = t_collect (t, owned, &error);
  g_assert_no_error (error);
  g_assert_nonnull (entries);
  return t_join (entries);
}

char *
t_files (T *t, const char *path, RsListFlags flags, const char *pattern, int max_depth)
{
  GError *error = NULL;
  RsEnumerator *e = t_list_files (t, path, flags, pattern, max_depth, &error);

  return collect_joined (t, e, error);
}

char *
t_folders (T *t, const char *path, const char *pattern, int max_depth)
{
  GError *error = NULL;
  RsEnumerator *e = t_list_folders (t, path, pattern, max_depth, &error);

  return collect_joined (t, e, error);
}

char *
t_children (T *t, const char *path)
{
  GError *error = NULL;
  RsEnumerator *e = t_iter_children (t, path, &error);

  return collect_joined (t, e, error);
}

char *
t_globbed (T *t, const char *pattern)
{
  GError *error = NULL;
  RsEnumerator *e = t_glob (t, pattern, &error);

  return collect_joined (t, e, error);
}

/* Files with their content's checksum, then folders: compares whole
 * store states ("nothing changed", "no temporary file remains"). */
char *
t_snapshot (T *t)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsEnumerator) files = t_list_files (t, "", RS_LIST_RECURSIVE, NULL, -1, &error);
  g_autoptr(RsEnumerator) folders = NULL;
  g_autoptr(GPtrArray) file_entries = NULL;
  g_autoptr(GPtrArray) folder_entries = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  g_assert_no_error (error);
  file_entries = t_collect (t, files, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < file_entries->len; i++)
    {
      const char *path = rs_entry_get_path (file_entries->pdata[i]);
      g_autoptr(GBytes) bytes = t_get_bytes (t, path);
      g_autofree char *sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA1, bytes);

      g_ptr_array_add (lines, g_strdup_printf ("file %s %s", path, sum));
    }
  folders = t_list_folders (t, "", NULL, 64, &error);
  g_assert_no_error (error);
  folder_entries = t_collect (t, folders, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < folder_entries->len; i++)
    g_ptr_array_add (lines, g_strdup_printf ("folder %s",
                                             rs_entry_get_path (folder_entries->pdata[i])));
  joined = join_sorted (lines);
  g_ptr_array_remove_index (lines, lines->len - 1);  /* the NULL join_sorted added */
  return g_steal_pointer (&joined);
}

/* ---- errors ----------------------------------------------------------- */

/* The test's own reading of rule 1, to accept a message that names the
 * normalised form of the path it was given. */
static char *
normalise (const char *path)
{
  g_autofree char *slashed = g_strdelimit (g_strdup (path), "\\", '/');
  g_auto(GStrv) parts = g_strsplit (slashed, "/", -1);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0' && strcmp (parts[i], ".") != 0)
      g_ptr_array_add (kept, parts[i]);
  g_ptr_array_add (kept, NULL);
  return g_strjoinv ("/", (char **) kept->pdata);
}

void
t_check_error (T *t, GError **error, int code, const char *path)
{
  const char *location = t_location (t);
  g_autofree char *normal = path != NULL ? normalise (path) : NULL;

  if (*error == NULL)
    {
      g_test_fail_printf ("expected error %d (%s), the call succeeded", code,
                          path != NULL ? path : "");
      return;
    }
  if (!g_error_matches (*error, RS_ERROR, code))
    {
      g_test_fail_printf ("expected %s error %d for “%s”, got %s error %d: %s",
                          g_quark_to_string (RS_ERROR), code, path != NULL ? path : "",
                          g_quark_to_string ((*error)->domain), (*error)->code,
                          (*error)->message);
      g_clear_error (error);
      return;
    }
  if ((*error)->message == NULL || (*error)->message[0] == '\0')
    g_test_fail_printf ("error %d has an empty message", code);
  /* Rule 23: the message names the path and the backend. */
  else if (path != NULL && normal[0] != '\0' && strstr ((*error)->message, path) == NULL &&
           strstr ((*error)->message, normal) == NULL)
    g_test_fail_printf ("“%s” does not name the path “%s”", (*error)->message, path);
  else if (strstr ((*error)->message, location) == NULL)
    g_test_fail_printf ("“%s” does not name the backend “%s”", (*error)->message, location);
  g_clear_error (error);
}

void
t_check_cancelled (GError **error)
{
  g_assert_error (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (error);
}

/* ---- data ------------------------------------------------------------- */

guint8
t_pattern_byte (guint64 offset, guint seed)
{
  guint64 x = offset * 0x9E3779B97F4A7C15ull + seed;

  x ^= x >> 29;
  return (guint8) (x ^ (x >> 8));
}

GBytes *
t_pattern_bytes (gsize size, guint seed)
{
  guint8 *data = g_malloc (size > 0 ? size : 1);

  for (gsize i = 0; i < size; i++)
    data[i] = t_pattern_byte (i, seed);
  return g_bytes_new_take (data, size);
}

void
t_assert_bytes_equal (GBytes *a, GBytes *b)
{
  gsize size_a, size_b;
  const guint8 *data_a = g_bytes_get_data (a, &size_a);
  const guint8 *data_b = g_bytes_get_data (b, &size_b);

  g_assert_cmpuint (size_a, ==, size_b);
  if (size_a > 0 && memcmp (data_a, data_b, size_a) != 0)
    {
      gsize i = 0;

      while (data_a[i] == data_b[i])
        i++;
      g_test_fail_printf ("contents differ at byte %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT,
                          i, size_a);
    }
}

GHashTable *
t_metadata (const char *first_key, ...)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  va_list ap;

  va_start (ap, first_key);
  for (const char *k = first_key; k != NULL; k = va_arg (ap, const char *))
    g_hash_table_insert (table, g_strdup (k), g_strdup (va_arg (ap, const char *)));
  va_end (ap);
  return table;
}

void
t_assert_metadata (GHashTable *expected, GHashTable *actual)
{
  GHashTableIter iter;
  gpointer k, v;

  g_assert_nonnull (actual);
  g_assert_cmpuint (g_hash_table_size (actual), ==, g_hash_table_size (expected));
  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &k, &v))
    g_assert_cmpstr (g_hash_table_lookup (actual, k), ==, v);
}

void
t_assert_same_time (GDateTime *a, GDateTime *b)
{
  if (a == NULL || b == NULL)
    {
      g_assert_null (a);
      g_assert_null (b);
      return;
    }
  g_assert_cmpint (g_date_time_compare (a, b), ==, 0);
}

/* ---- TSource ---------------------------------------------------------- */

struct _TSource
{
  GInputStream parent_instance;

  gsize size;
  guint seed;
  gsize position;
  guint reads;
  gssize fail_at;
  gssize cancel_at;
  GCancellable *cancel;
  gssize hook_at;
  TSourceHook hook;
  gpointer hook_data;
};

G_DEFINE_FINAL_TYPE (TSource, t_source, G_TYPE_INPUT_STREAM)

/* Stops each read at the next event offset, so events happen exactly there. */
static gsize
limit_to (gsize position, gsize count, gssize event)
{
  if (event >= 0 && (gsize) event > position && (gsize) event - position < count)
    return (gsize) event - position;
  return count;
}

static gssize
t_source_read (GInputStream  *stream,
               void          *buffer,
               gsize          count,
               GCancellable  *cancellable,
               GError       **error)
{
  TSource *self = T_SOURCE (stream);
  guint8 *out = buffer;
  gsize n;

  g_atomic_int_inc (&self->reads);
  if (self->hook != NULL && self->hook_at >= 0 && self->position >= (gsize) self->hook_at)
    {
      TSourceHook hook = self->hook;

      self->hook = NULL;
      hook (self->hook_data);
    }
  if (self->cancel != NULL && self->position >= (gsize) self->cancel_at)
    {
      g_cancellable_cancel (self->cancel);
      g_clear_object (&self->cancel);
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;
  if (self->fail_at >= 0 && self->position >= (gsize) self->fail_at)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "injected content failure");
      return -1;
    }
  n = MIN (count, self->size - self->position);
  n = limit_to (self->position, n, self->fail_at);
  n = limit_to (self->position, n, self->cancel_at);
  n = limit_to (self->position, n, self->hook_at);
  for (gsize i = 0; i < n; i++)
    out[i] = t_pattern_byte (self->position + i, self->seed);
  self->position += n;
  return n;
}

static void
t_source_finalize (GObject *object)
{
  TSource *self = T_SOURCE (object);

  g_clear_object (&self->cancel);
  G_OBJECT_CLASS (t_source_parent_class)->finalize (object);
}

static void
t_source_class_init (TSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = t_source_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = t_source_read;
}

static void
t_source_init (TSource *self)
{
  self->fail_at = -1;
  self->cancel_at = -1;
  self->hook_at = -1;
}

TSource *
t_source_new (gsize size, guint seed)
{
  TSource *self = g_object_new (T_TYPE_SOURCE, NULL);

  self->size = size;
  self->seed = seed;
  return self;
}

void
t_source_fail_at (TSource *self, gsize offset)
{
  self->fail_at = offset;
}

void
t_source_cancel_at (TSource *self, gsize offset, GCancellable *cancellable)
{
  self->cancel_at = offset;
  g_set_object (&self->cancel, cancellable);
}

void
t_source_hook_at (TSource *self, gsize offset, TSourceHook hook, gpointer data)
{
  self->hook_at = offset;
  self->hook = hook;
  self->hook_data = data;
}

gsize
t_source_delivered (TSource *self)
{
  return self->position;
}

guint
t_source_reads (TSource *self)
{
  return g_atomic_int_get (&self->reads);
}
