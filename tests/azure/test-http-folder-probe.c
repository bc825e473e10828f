/* test-http-folder-probe.c: the engine's coalesced folder probes
 * (rs_http_folder_probe_*), against a lister over a sorted key set that
 * answers from a worker thread, as the engine does, and records every
 * listing it was asked for. */
#include <string.h>

#include "rs-http.h"

/* ---- a lister over a key set -------------------------------------------- */

G_DECLARE_FINAL_TYPE (FakeStore, fake_store, FAKE, STORE, GObject)

struct _FakeStore
{
  GObject parent_instance;
  GMutex lock;
  GPtrArray *keys;              /* sorted */
  GPtrArray *asked;             /* "prefix|max" per listing */
  guint page_limit;             /* 0: none */
  gboolean fail;
  guint delay_us;
};

G_DEFINE_TYPE (FakeStore, fake_store, G_TYPE_OBJECT)

static void
fake_store_finalize (GObject *object)
{
  FakeStore *self = (FakeStore *) object;

  g_ptr_array_unref (self->keys);
  g_ptr_array_unref (self->asked);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (fake_store_parent_class)->finalize (object);
}

static void
fake_store_class_init (FakeStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fake_store_finalize;
}

static void
fake_store_init (FakeStore *self)
{
  g_mutex_init (&self->lock);
  self->keys = g_ptr_array_new_with_free_func (g_free);
  self->asked = g_ptr_array_new_with_free_func (g_free);
  self->delay_us = 2000;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static FakeStore *
fake_store_new (const char * const *keys)
{
  FakeStore *self = g_object_new (fake_store_get_type (), NULL);

  for (guint i = 0; keys[i] != NULL; i++)
    g_ptr_array_add (self->keys, g_strdup (keys[i]));
  g_ptr_array_sort (self->keys, compare_names);
  return self;
}

typedef struct
{
  char *prefix;
  char *start_after;
  guint max;
} Listing;

static void
listing_free (gpointer data)
{
  Listing *listing = data;

  g_free (listing->prefix);
  g_free (listing->start_after);
  g_free (listing);
}

/* One page with delimiter '/', as a server gives it. */
static void
list_in_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  FakeStore *self = source;
  Listing *listing = data;
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  gsize skip = strlen (listing->prefix);
  guint limit = listing->max;
  gboolean truncated = FALSE;

  g_usleep (self->delay_us);
  if (self->fail)
    {
      g_ptr_array_unref (names);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "listing refused");
      return;
    }
  if (self->page_limit > 0 && (limit == 0 || limit > self->page_limit))
    limit = self->page_limit;
  for (guint i = 0; i < self->keys->len; i++)
    {
      const char *key = self->keys->pdata[i];
      const char *slash;
      char *name;

      if (!g_str_has_prefix (key, listing->prefix) ||
          (listing->start_after != NULL && strcmp (key, listing->start_after) <= 0))
        continue;
      slash = strchr (key + skip, '/');
      name = slash != NULL ? g_strndup (key, slash - key + 1) : g_strdup (key);
      if (names->len > 0 && strcmp (name, names->pdata[names->len - 1]) == 0)
        {
          g_free (name);
          continue;
        }
      if (limit > 0 && names->len == limit)
        {
          g_free (name);
          truncated = TRUE;
          break;
        }
      g_ptr_array_add (names, name);
    }
  rs_http_folder_names_return (task, names, truncated);
}

static void
fake_list_async (GObject             *owner,
                 const char          *prefix,
                 const char          *start_after,
                 guint                max_names,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  FakeStore *self = (FakeStore *) owner;
  g_autoptr(GTask) task = g_task_new (owner, NULL, callback, user_data);
  Listing *listing = g_new0 (Listing, 1);

  listing->prefix = g_strdup (prefix);
  listing->start_after = g_strdup (start_after);
  listing->max = max_names;
  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->asked, g_strdup_printf ("%s|%s|%u", prefix, start_after != NULL ? start_after : "-",
                                                 max_names));
  g_mutex_unlock (&self->lock);
  g_task_set_task_data (task, listing, listing_free);
  g_task_run_in_thread (task, list_in_thread);
}

static const RsHttpFolderLister fake_lister = { fake_list_async };

/* ---- asking ------------------------------------------------------------- */

typedef struct
{
  RsHttpFolderProbe *probe;
  RsHttpFolderAnswer answer;
  GError *error;
  gboolean done;
} Ask;

static void
answered (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  Ask *ask = data;

  ask->answer = rs_http_folder_probe_ask_finish (ask->probe, result, &ask->error);
  ask->done = TRUE;
}

/* Asks every key at once (the first one's listing goes out alone, the
 * others wait for the next), then waits for all. */
static Ask *
ask_all (RsHttpFolderProbe   *probe,
         const char * const  *keys)
{
  guint n = g_strv_length ((char **) keys);
  Ask *asks = g_new0 (Ask, n);
  gboolean all;

  for (guint i = 0; i < n; i++)
    {
      asks[i].probe = probe;
      rs_http_folder_probe_ask_async (probe, keys[i], NULL, answered, &asks[i]);
    }
  do
    {
      all = TRUE;
      for (guint i = 0; i < n; i++)
        all = all && asks[i].done;
      if (!all)
        g_main_context_iteration (NULL, TRUE);
    }
  while (!all);
  return asks;
}

static void
assert_asked (FakeStore          *store,
              const char * const *expected)
{
  g_assert_cmpuint (store->asked->len, ==, g_strv_length ((char **) expected));
  for (guint i = 0; expected[i] != NULL; i++)
    g_assert_cmpstr (store->asked->pdata[i], ==, expected[i]);
}

static const char *const tree[] = {
  "p/k00", "p/k01/inner", "p/k02", "p/k03/a/b", "p/k03/c", "p/k10/x", "q/z/y", "top/t", NULL
};

static void
test_alone (void)
{
  g_autoptr(FakeStore) store = fake_store_new (tree);
  RsHttpFolderProbe *probe = rs_http_folder_probe_new (&fake_lister, G_OBJECT (store));
  const char *const folder[] = { "p/k01", NULL };
  const char *const file[] = { "p/k00", NULL };
  const char *const top[] = { "top", NULL };
  g_autofree Ask *a = ask_all (probe, folder);
  g_autofree Ask *b = ask_all (probe, file);
  g_autofree Ask *c = ask_all (probe, top);
  const char *const expected[] = { "p/k01/|-|1", "p/k00/|-|1", "top/|-|1", NULL };

  g_assert_no_error (a[0].error);
  g_assert_cmpint (a[0].answer, ==, RS_HTTP_FOLDER_YES);
  g_assert_cmpint (b[0].answer, ==, RS_HTTP_FOLDER_NO);
  g_assert_cmpint (c[0].answer, ==, RS_HTTP_FOLDER_YES);
  assert_asked (store, expected);
  rs_http_folder_probe_free (probe);
}

static void
test_coalesced (void)
{
  g_autoptr(FakeStore) store = fake_store_new (tree);
  RsHttpFolderProbe *probe = rs_http_folder_probe_new (&fake_lister, G_OBJECT (store));
  const char *const keys[] = { "p/k00", "p/k01", "p/k02", "p/k03", "p/k04", "p/k05", "q/z", NULL };
  const RsHttpFolderAnswer want[] = { RS_HTTP_FOLDER_NO, RS_HTTP_FOLDER_YES, RS_HTTP_FOLDER_NO,
                                      RS_HTTP_FOLDER_YES, RS_HTTP_FOLDER_NO, RS_HTTP_FOLDER_NO,
                                      RS_HTTP_FOLDER_YES };
  g_autofree Ask *asks = ask_all (probe, keys);
  /* p/k00 alone; the five that waited share one listing of "p/k0";
   * q/z is another parent's, alone. */
  const char *const expected[] = { "p/k00/|-|1", "q/z/|-|1", "p/k0|p/k01|26", NULL };

  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_assert_no_error (asks[i].error);
      g_assert_cmpint (asks[i].answer, ==, want[i]);
    }
  assert_asked (store, expected);
  rs_http_folder_probe_free (probe);
}

/* Past a truncated page the answer is UNKNOWN (the plugin asks alone);
 * up to its last name it is still right. */
static void
test_truncated (void)
{
  g_autoptr(FakeStore) store = fake_store_new (tree);
  RsHttpFolderProbe *probe = rs_http_folder_probe_new (&fake_lister, G_OBJECT (store));
  const char *const keys[] = { "p/zz", "p/k00", "p/k01", "p/k02", "p/k03", "p/k10", NULL };
  g_autofree Ask *asks = NULL;

  store->page_limit = 3;        /* after "p/k00": "p/k01/", "p/k02", "p/k03/" */
  asks = ask_all (probe, keys);
  g_assert_cmpint (asks[1].answer, ==, RS_HTTP_FOLDER_NO);
  g_assert_cmpint (asks[2].answer, ==, RS_HTTP_FOLDER_YES);
  g_assert_cmpint (asks[3].answer, ==, RS_HTTP_FOLDER_NO);        /* "p/k02/" < "p/k03/" */
  g_assert_cmpint (asks[4].answer, ==, RS_HTTP_FOLDER_YES);
  g_assert_cmpint (asks[5].answer, ==, RS_HTTP_FOLDER_UNKNOWN);   /* "p/k10/" > "p/k03/" */
  rs_http_folder_probe_free (probe);
}

static void
test_failed (void)
{
  g_autoptr(FakeStore) store = fake_store_new (tree);
  RsHttpFolderProbe *probe = rs_http_folder_probe_new (&fake_lister, G_OBJECT (store));
  const char *const keys[] = { "p/k00", "p/k01", "p/k02", NULL };
  g_autofree Ask *asks = NULL;

  store->fail = TRUE;
  asks = ask_all (probe, keys);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_assert_cmpint (asks[i].answer, ==, RS_HTTP_FOLDER_FAILED);
      g_assert_error (asks[i].error, G_IO_ERROR, G_IO_ERROR_FAILED);
      g_clear_error (&asks[i].error);
    }
  rs_http_folder_probe_free (probe);
}

/* A shared prefix is cut back to a character boundary: é and ê share
 * their first byte. */
static void
test_utf8_boundary (void)
{
  const char *const keys_in_store[] = { "p/\xc3\xa9" "1/x", NULL };
  g_autoptr(FakeStore) store = fake_store_new (keys_in_store);
  RsHttpFolderProbe *probe = rs_http_folder_probe_new (&fake_lister, G_OBJECT (store));
  const char *const keys[] = { "p/a", "p/\xc3\xa9" "1", "p/\xc3\xaa" "2", NULL };
  g_autofree Ask *asks = ask_all (probe, keys);
  const char *const expected[] = { "p/a/|-|1", "p/|p/\xc3\xa9" "1|20", NULL };

  g_assert_cmpint (asks[1].answer, ==, RS_HTTP_FOLDER_YES);
  g_assert_cmpint (asks[2].answer, ==, RS_HTTP_FOLDER_NO);
  assert_asked (store, expected);
  rs_http_folder_probe_free (probe);
}

/* Sync callers: each thread iterates a private context only until its own
 * answer. The listing after one thread's is sent from a waiting thread's
 * context, so nobody waits on a context no one iterates. */
typedef struct
{
  RsHttpFolderProbe *probe;
  guint index;
  RsHttpFolderAnswer answer;
} SyncAsk;

static gpointer
sync_ask_thread (gpointer data)
{
  SyncAsk *sync = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autofree char *key = g_strdup_printf ("p/k%02u", sync->index % 12);
  Ask ask = { sync->probe, 0, NULL, FALSE };

  g_main_context_push_thread_default (context);
  rs_http_folder_probe_ask_async (sync->probe, key, NULL, answered, &ask);
  while (!ask.done)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);
  g_assert_no_error (ask.error);
  sync->answer = ask.answer;
  return NULL;
}

static void
test_sync_threads (void)
{
  g_autoptr(FakeStore) store = fake_store_new (tree);
  RsHttpFolderProbe *probe = rs_http_folder_probe_new (&fake_lister, G_OBJECT (store));
  enum { N = 48 };
  SyncAsk asks[N];
  GThread *threads[N];

  for (guint round = 0; round < 10; round++)
    {
      for (guint i = 0; i < N; i++)
        {
          asks[i] = (SyncAsk) { probe, i, 0 };
          threads[i] = g_thread_new ("sync-ask", sync_ask_thread, &asks[i]);
        }
      for (guint i = 0; i < N; i++)
        {
          guint k = i % 12;

          g_thread_join (threads[i]);
          g_assert_cmpint (asks[i].answer, ==, k == 1 || k == 3 || k == 10 ? RS_HTTP_FOLDER_YES : RS_HTTP_FOLDER_NO);
        }
    }
  /* Far fewer listings than probes. */
  g_test_message ("%u probes, %u listings", 10 * N, store->asked->len);
  g_assert_cmpuint (store->asked->len, <, 10 * N / 2);
  rs_http_folder_probe_free (probe);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/http/folder-probe/alone", test_alone);
  g_test_add_func ("/http/folder-probe/coalesced", test_coalesced);
  g_test_add_func ("/http/folder-probe/truncated", test_truncated);
  g_test_add_func ("/http/folder-probe/failed", test_failed);
  g_test_add_func ("/http/folder-probe/utf8-boundary", test_utf8_boundary);
  g_test_add_func ("/http/folder-probe/sync-threads", test_sync_threads);
  return g_test_run ();
}
