/* test-concurrency.c: SEMANTICS.md rule 24, many threads and many async
 * callers on one store */
#include <string.h>

#include "conformance-harness.h"

#define N_THREADS 8
#define N_OPS 16
#define N_SHARED 4
#define RECORD 4096

typedef struct
{
  T *parent;
  guint index;
  RsWriteFlags shared_flags;
  gboolean whole_records;
  gint *start;
} Worker;

/* A shared file always holds one writer's whole record. */
static void
check_record (GBytes *bytes, gboolean whole_records)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  if (!whole_records)
    return;
  g_assert_cmpuint (size, ==, RECORD);
  for (gsize i = 1; i < size; i++)
    g_assert_cmpuint (data[i], ==, data[0]);
  g_assert_cmpuint (data[0], >=, 'A');
  g_assert_cmpuint (data[0], <, 'A' + N_THREADS);
}

static gpointer
worker_main (gpointer data)
{
  Worker *w = data;
  T *t = t_thread_new (w->parent);
  g_autoptr(GHashTable) mine = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint8 record[RECORD];

  memset (record, 'A' + w->index, sizeof record);
  while (!g_atomic_int_get (w->start))
    g_thread_yield ();

  for (guint j = 0; j < N_OPS; j++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *own = g_strdup_printf ("w%u/f%02u", w->index, j);
      g_autofree char *shared = g_strdup_printf ("shared/s%u", (w->index + j) % N_SHARED);
      g_autofree char *prefix = g_strdup_printf ("w%u", w->index);

      switch (j % 4)
        {
        case 0:   /* write a file of my own, read it back */
          {
            g_autoptr(RsWriteResult) r = NULL;
            g_autofree char *content = NULL;

            r = t_write_text (t, own, own, RS_WRITE_NONE, NULL, &error);
            g_assert_no_error (error);
            g_assert_cmpint (rs_write_result_get_size (r), ==, (gint64) strlen (own));
            content = t_get (t, own);
            g_assert_cmpstr (content, ==, own);
            g_hash_table_add (mine, g_steal_pointer (&own));
          }
          break;
        case 1:   /* overwrite a shared file with my record */
          {
            g_autoptr(GBytes) bytes = g_bytes_new (record, sizeof record);
            g_autoptr(RsWriteResult) r = t_write_bytes (t, shared, bytes, w->shared_flags, NULL,
                                                        &error);

            g_assert_no_error (error);
            g_assert_cmpint (rs_write_result_get_size (r), ==, RECORD);
          }
          break;
        case 2:   /* read a shared file and probe it */
          {
            g_autoptr(GBytes) bytes = t_read_bytes (t, shared, &error);

            g_assert_no_error (error);
            check_record (bytes, w->whole_records);
            g_assert_true (t_check_is_file (t, shared));
            g_assert_true (t_check_is_folder (t, "shared"));
          }
          break;
        case 3:   /* list my folder; delete my oldest file every other time */
          {
            g_autofree char *listed = t_files (t, prefix, RS_LIST_RECURSIVE, NULL, -1);
            g_auto(GStrv) lines = g_strsplit (listed, "\n", -1);

            g_assert_cmpuint (g_strv_length (lines), ==, g_hash_table_size (mine));
            for (guint k = 0; lines[k] != NULL; k++)
              g_assert_true (g_hash_table_contains (mine, lines[k]));
            if (j % 8 == 7)
              {
                g_autofree char *victim = g_strdup_printf ("w%u/f%02u", w->index, j - 7);

                g_assert_true (t_delete (t, victim, RS_DELETE_NONE, &error));
                g_assert_no_error (error);
                g_assert_true (g_hash_table_remove (mine, victim));
              }
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }

  /* The final state of my folder is exactly what I left. */
  {
    g_autofree char *prefix = g_strdup_printf ("w%u", w->index);
    g_autofree char *listed = t_files (t, prefix, RS_LIST_RECURSIVE, NULL, -1);
    g_auto(GStrv) lines = g_strsplit (listed, "\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, g_hash_table_size (mine));
    g_assert_cmpuint (g_hash_table_size (mine), ==, N_OPS / 4 - N_OPS / 8);
  }
  t_thread_free (t);
  return NULL;
}

/* Rule 24: 8 threads × 16 operations on distinct and shared paths. */
static void
test_threads (T *t)
{
  GThread *threads[N_THREADS];
  Worker workers[N_THREADS];
  gint start = 0;
  gboolean atomic = t_supports (t, RS_CAPABILITY_ATOMIC_WRITE);
  RsWriteFlags shared_flags = RS_WRITE_OVERWRITE | (atomic ? RS_WRITE_ATOMIC : 0);
  gboolean whole = atomic || (t_facts (t) & RS_BACKEND_FACTS_ATOMIC_PUT);

  if (!t_require (t, RS_CAPABILITY_READ | RS_CAPABILITY_WRITE | RS_CAPABILITY_DELETE |
                  RS_CAPABILITY_LIST))
    return;
  /* The shared files exist before anyone reads them. */
  for (guint i = 0; i < N_SHARED; i++)
    {
      g_autofree char *path = g_strdup_printf ("shared/s%u", i);
      guint8 record[RECORD];
      g_autoptr(GBytes) bytes = NULL;

      memset (record, 'A', sizeof record);
      bytes = g_bytes_new (record, sizeof record);
      t_put_bytes (t, path, bytes);
    }
  for (guint i = 0; i < N_THREADS; i++)
    {
      workers[i] = (Worker) { t, i, shared_flags, whole, &start };
      threads[i] = g_thread_new ("conformance-worker", worker_main, &workers[i]);
    }
  g_atomic_int_set (&start, 1);
  for (guint i = 0; i < N_THREADS; i++)
    g_thread_join (threads[i]);

  /* Consistent final state, seen from the test's own thread. */
  {
    g_autofree char *folders = t_folders (t, "", NULL, -1);
    g_autoptr(GString) want = g_string_new ("shared");

    for (guint i = 0; i < N_THREADS; i++)
      g_string_append_printf (want, "\nw%u", i);
    g_assert_cmpstr (folders, ==, want->str);
    for (guint i = 0; i < N_SHARED; i++)
      {
        g_autofree char *path = g_strdup_printf ("shared/s%u", i);
        g_autoptr(GBytes) bytes = t_get_bytes (t, path);

        check_record (bytes, whole);
        g_assert_cmpuint (g_bytes_get_size (bytes), ==, RECORD);
      }
  }
}

/* ---- 64 operations in flight ------------------------------------------ */

#define N_FLIGHT 64
#define N_DISTINCT 48

typedef enum { F_WRITE, F_READ, F_DELETE, F_EXISTS, F_INFO, F_FOLDER_INFO } FlightKind;

typedef struct
{
  T *t;
  FlightKind kind;
  char *path;
  char *content;
  gboolean shared;
  gboolean whole;
  int refused;                  /* an RsError code the write must get; 0: none */
  gint *pending;
  gint *start;
} Flight;

static void
flight_clear (Flight *f)
{
  g_free (f->path);
  g_free (f->content);
}

static void
flight_check (Flight *f, GObject *object, gboolean ok, GError *error)
{
  if (f->refused != 0)
    {
      g_assert_error (error, RS_ERROR, f->refused);
      g_assert_nonnull (strstr (error->message, f->path));
      return;
    }
  g_assert_no_error (error);
  switch (f->kind)
    {
    case F_WRITE:
      g_assert_cmpint (rs_write_result_get_size (RS_WRITE_RESULT (object)), ==,
                       (gint64) strlen (f->content));
      break;
    case F_READ:
      {
        gsize size;
        const char *data = g_bytes_get_data ((GBytes *) object, &size);

        if (!f->shared || f->whole)
          g_assert_cmpmem (data, size, f->content, strlen (f->content));
      }
      break;
    case F_DELETE:
    case F_EXISTS:
      g_assert_true (ok);
      break;
    case F_INFO:
      g_assert_cmpint (rs_fileinfo_get_size (RS_FILE_INFO (object)), ==,
                       (gint64) strlen (f->content));
      break;
    case F_FOLDER_INFO:
      {
        gint64 count = rs_folder_info_get_file_count (RS_FOLDER_INFO (object));

        /* Deletes race with it: anything between after and before. */
        g_assert_cmpint (count, >=, N_DISTINCT - 16);
        g_assert_cmpint (count, <=, N_DISTINCT);
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
flight_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Flight *f = user_data;
  RsStore *store = RS_STORE (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) object = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gboolean ok = FALSE;

  g_assert_true (g_main_context_get_thread_default () == f->t->context);
  switch (f->kind)
    {
    case F_WRITE:
      object = G_OBJECT (rs_store_write_text_finish (store, result, &error));
      break;
    case F_READ:
      bytes = rs_store_read_bytes_finish (store, result, &error);
      break;
    case F_DELETE:
      ok = rs_store_delete_finish (store, result, &error);
      break;
    case F_EXISTS:
      ok = rs_store_exists_finish (store, result, &error);
      break;
    case F_INFO:
      object = G_OBJECT (rs_store_get_file_info_finish (store, result, &error));
      break;
    case F_FOLDER_INFO:
      object = G_OBJECT (rs_store_get_folder_info_finish (store, result, &error));
      break;
    default:
      g_assert_not_reached ();
    }
  flight_check (f, bytes != NULL ? (GObject *) bytes : object, ok, error);
  (void) g_atomic_int_dec_and_test (f->pending);
}

static void
flight_start_async (Flight *f)
{
  RsStore *store = f->t->store;

  switch (f->kind)
    {
    case F_WRITE:
      rs_store_write_text_async (store, f->path, f->content, RS_WRITE_OVERWRITE, NULL,
                                 G_PRIORITY_DEFAULT, NULL, flight_done, f);
      break;
    case F_READ:
      rs_store_read_bytes_async (store, f->path, G_PRIORITY_DEFAULT, NULL, flight_done, f);
      break;
    case F_DELETE:
      rs_store_delete_async (store, f->path, RS_DELETE_NONE, G_PRIORITY_DEFAULT, NULL,
                             flight_done, f);
      break;
    case F_EXISTS:
      rs_store_exists_async (store, f->path, G_PRIORITY_DEFAULT, NULL, flight_done, f);
      break;
    case F_INFO:
      rs_store_get_file_info_async (store, f->path, G_PRIORITY_DEFAULT, NULL, flight_done, f);
      break;
    case F_FOLDER_INFO:
      rs_store_get_folder_info_async (store, f->path, -1, G_PRIORITY_DEFAULT, NULL,
                                      flight_done, f);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Sync mode: one thread per operation, all released at once. */
static gpointer
flight_thread (gpointer data)
{
  Flight *f = data;
  RsStore *store = f->t->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) object = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gboolean ok = FALSE;

  while (!g_atomic_int_get (f->start))
    g_thread_yield ();
  switch (f->kind)
    {
    case F_WRITE:
      object = G_OBJECT (rs_store_write_text (store, f->path, f->content, RS_WRITE_OVERWRITE,
                                              NULL, NULL, &error));
      break;
    case F_READ:
      bytes = rs_store_read_bytes (store, f->path, NULL, &error);
      break;
    case F_DELETE:
      ok = rs_store_delete (store, f->path, RS_DELETE_NONE, NULL, &error);
      break;
    case F_EXISTS:
      ok = rs_store_exists (store, f->path, NULL, &error);
      break;
    case F_INFO:
      object = G_OBJECT (rs_store_get_file_info (store, f->path, NULL, &error));
      break;
    case F_FOLDER_INFO:
      object = G_OBJECT (rs_store_get_folder_info (store, f->path, -1, NULL, &error));
      break;
    default:
      g_assert_not_reached ();
    }
  flight_check (f, bytes != NULL ? (GObject *) bytes : object, ok, error);
  (void) g_atomic_int_dec_and_test (f->pending);
  return NULL;
}

static void
run_flights (T *t, Flight *flights)
{
  gint pending = N_FLIGHT;
  gint start = 0;

  for (guint i = 0; i < N_FLIGHT; i++)
    {
      flights[i].t = t;
      flights[i].pending = &pending;
      flights[i].start = &start;
    }
  if (t_is_async (t))
    {
      for (guint i = 0; i < N_FLIGHT; i++)
        flight_start_async (&flights[i]);
      /* All 64 are in flight: no callback ran inside its call. */
      g_assert_cmpint (g_atomic_int_get (&pending), ==, N_FLIGHT);
      while (g_atomic_int_get (&pending) > 0)
        g_main_context_iteration (t->context, TRUE);
    }
  else
    {
      GThread *threads[N_FLIGHT];

      for (guint i = 0; i < N_FLIGHT; i++)
        threads[i] = g_thread_new ("conformance-flight", flight_thread, &flights[i]);
      g_atomic_int_set (&start, 1);
      for (guint i = 0; i < N_FLIGHT; i++)
        g_thread_join (threads[i]);
      g_assert_cmpint (pending, ==, 0);
    }
  for (guint i = 0; i < N_FLIGHT; i++)
    flight_clear (&flights[i]);
}

static char *
flight_path (guint k)
{
  return k < N_DISTINCT ? g_strdup_printf ("f/%02u", k)
                        : g_strdup_printf ("s/%u", k % N_SHARED);
}

static char *
flight_content (guint k)
{
  /* Every writer of a shared path writes the same bytes, so a reader can
   * check them whoever wins. */
  return k < N_DISTINCT ? g_strdup_printf ("distinct %u", k)
                        : g_strdup_printf ("shared %u", k % N_SHARED);
}

/* Rule 24: 64 operations in flight at once (async: on one thread's
 * context; sync: 64 threads), then a consistent store. */
static void
test_in_flight (T *t)
{
  Flight flights[N_FLIGHT];
  gboolean whole = t_supports (t, RS_CAPABILITY_ATOMIC_WRITE) ||
                   (t_facts (t) & RS_BACKEND_FACTS_ATOMIC_PUT);

  if (!t_require (t, RS_CAPABILITY_READ | RS_CAPABILITY_WRITE | RS_CAPABILITY_DELETE |
                  RS_CAPABILITY_LIST))
    return;

  memset (flights, 0, sizeof flights);
  for (guint k = 0; k < N_FLIGHT; k++)
    flights[k] = (Flight) { .kind = F_WRITE, .path = flight_path (k),
                            .content = flight_content (k), .shared = k >= N_DISTINCT };
  run_flights (t, flights);

  for (guint k = 0; k < N_FLIGHT; k++)
    flights[k] = (Flight) { .kind = F_READ, .path = flight_path (k),
                            .content = flight_content (k), .shared = k >= N_DISTINCT,
                            .whole = whole };
  run_flights (t, flights);

  /* Mixed: deletes of f/00–15 beside probes, infos and totals. */
  for (guint k = 0; k < N_FLIGHT; k++)
    {
      FlightKind kinds[] = { F_DELETE, F_EXISTS, F_INFO, F_FOLDER_INFO };
      FlightKind kind = kinds[k / 16];
      guint target = kind == F_DELETE ? k : 16 + k % 32;

      flights[k] = (Flight) { .kind = kind, .path = kind == F_FOLDER_INFO ? g_strdup ("f")
                                                                          : flight_path (target),
                              .content = flight_content (target) };
    }
  run_flights (t, flights);

  {
    g_autofree char *files = t_files (t, "", RS_LIST_RECURSIVE, NULL, -1);
    g_autoptr(GPtrArray) want_list = g_ptr_array_new_with_free_func (g_free);
    g_autofree char *want = NULL;

    for (guint k = 16; k < N_DISTINCT; k++)
      g_ptr_array_add (want_list, flight_path (k));
    for (guint k = 0; k < N_SHARED; k++)
      g_ptr_array_add (want_list, g_strdup_printf ("s/%u", k));
    want = t_join_strings (want_list);
    g_assert_cmpstr (files, ==, want);
  }
}

/* Rule 8 under load: 64 overwrites into one folder at once, three of
 * them onto names that are folders. Flat stores answer "is it a folder?"
 * for writes that arrive together with shared listings; each must still
 * get its own answer, and the folders stay as they were. */
static void
test_writes_beside_folders (T *t)
{
  Flight flights[N_FLIGHT];
  const guint folders[] = { 5, 31, 63 };

  if (!t_require (t, RS_CAPABILITY_READ | RS_CAPABILITY_WRITE | RS_CAPABILITY_LIST))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *inner = g_strdup_printf ("w/%02u/inner", folders[i]);

      t_put (t, inner, "kept");
    }
  memset (flights, 0, sizeof flights);
  for (guint k = 0; k < N_FLIGHT; k++)
    {
      gboolean folder = k == folders[0] || k == folders[1] || k == folders[2];

      flights[k] = (Flight) { .kind = F_WRITE, .path = g_strdup_printf ("w/%02u", k),
                              .content = g_strdup_printf ("beside %u", k),
                              .refused = folder ? RS_ERROR_INVALID_PATH : 0 };
    }
  run_flights (t, flights);

  for (guint k = 0; k < N_FLIGHT; k++)
    {
      g_autofree char *path = g_strdup_printf ("w/%02u", k);
      gboolean folder = k == folders[0] || k == folders[1] || k == folders[2];

      if (folder)
        {
          g_autofree char *inner = g_strdup_printf ("%s/inner", path);
          g_autofree char *kept = t_get (t, inner);

          g_assert_true (t_check_is_folder (t, path));
          g_assert_false (t_check_is_file (t, path));
          g_assert_cmpstr (kept, ==, "kept");
        }
      else
        {
          g_autofree char *content = t_get (t, path);
          g_autofree char *want = g_strdup_printf ("beside %u", k);

          g_assert_cmpstr (content, ==, want);
        }
    }
}

void
t_add_concurrency_tests (void)
{
  t_add ("rule08-write-precedence", "64-writes-beside-folders", test_writes_beside_folders);
  t_add ("rule24-concurrency", "threads-distinct-and-shared", test_threads);
  t_add ("rule24-concurrency", "64-in-flight", test_in_flight);
}
