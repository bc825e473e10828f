/* bench-core.c: what RsStore and the core's sync/async bridge cost
 *
 * Part 1 runs write_bytes, read_bytes, exists, get_file_info and delete
 * on a memory:// store (sync; async with every operation of a pass in
 * flight; async one at a time) against the same work on a bare
 * GHashTable of GBytes, the floor no store can beat, and against a GTask
 * wrapped around that hash operation, the floor of any GIO-style async
 * call.
 *
 * Part 2 prices the bridge: async calls on syncmem:// (sync primitives
 * only: the core runs each operation in a worker thread) against its sync
 * calls, and sync calls on asyncmem:// (async primitives only, on the
 * backend's own I/O thread: the core iterates a private GMainContext)
 * against its async calls. The named peer, measured in the same run, is
 * GIO's own bridge: g_file_read_async against g_file_read on a small local
 * file.
 *
 * Each backend runs in a child process of this program (see run_part()).
 * Every figure is ns per operation: a warm-up pass, a calibration pass
 * that sizes a round to --target-ms, then --rounds rounds; the median and
 * the min/max over rounds are printed. See bench/README.md. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib/gstdio.h>
#include <gio/gio.h>
#include <remotestore/remotestore.h>

#define N_KEYS 1024             /* keys per pass */
#define DATA_SIZE 4096          /* bytes per file */
#define BRIDGE_WINDOW 64        /* "in flight" for the bridge rows */
#define MAX_ROUNDS 101

typedef enum
{
  OP_WRITE,
  OP_READ,
  OP_EXISTS,
  OP_INFO,
  OP_DELETE,
  OP_GIO_READ,                  /* open a GFile and close the stream */
} Op;

static const char *const op_names[] = {
  [OP_WRITE] = "write_bytes",
  [OP_READ] = "read_bytes",
  [OP_EXISTS] = "exists",
  [OP_INFO] = "get_file_info",
  [OP_DELETE] = "delete",
  [OP_GIO_READ] = "g_file_read",
};

typedef enum
{
  FORM_FLOOR,                   /* the GHashTable */
  FORM_SYNC,
  FORM_ASYNC,
} Form;

typedef struct
{
  double median;
  double min;
  double max;
} Stats;

typedef struct
{
  GMainContext *context;        /* where async callbacks run */
  GBytes *data;
  char *keys[N_KEYS];
  GHashTable *table;            /* the floor: key → GBytes */
  RsStore *store;               /* the store under test */
  GFile *file;                  /* the GIO peer's file */
  Op op;
  guint window;                 /* async operations in flight */
  guint started;
  guint done;
  guint64 sink;                 /* results feed this so no work is elided */
} Bench;

static int n_rounds = 7;
static int target_ms = 40;

static gint64
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

static G_NORETURN void
die (const char *what,
     GError     *error)
{
  g_printerr ("bench-core: %s: %s\n", what,
              error != NULL ? error->message : "unexpected result");
  exit (1);
}

static void
check (gboolean    ok,
       const char *what,
       GError     *error)
{
  if (!ok)
    die (what, error);
}

/* The floor: the same operations on a hash table, no store around it.
 * Writes store a reference, not a copy, as a GBytes-keeping cache would. */
static void
floor_one (Bench      *b,
           const char *key)
{
  GBytes *value;

  switch (b->op)
    {
    case OP_WRITE:
      g_hash_table_insert (b->table, g_strdup (key), g_bytes_ref (b->data));
      break;
    case OP_READ:
      value = g_bytes_ref (g_hash_table_lookup (b->table, key));
      b->sink += g_bytes_get_size (value);
      g_bytes_unref (value);
      break;
    case OP_EXISTS:
      b->sink += g_hash_table_contains (b->table, key);
      break;
    case OP_INFO:
      value = g_hash_table_lookup (b->table, key);
      b->sink += g_bytes_get_size (value);
      break;
    case OP_DELETE:
      b->sink += g_hash_table_remove (b->table, key);
      break;
    case OP_GIO_READ:
    default:
      g_assert_not_reached ();
    }
}

static void
floor_pass (Bench *b)
{
  for (guint i = 0; i < N_KEYS; i++)
    floor_one (b, b->keys[i]);
}

static void
sync_one (Bench      *b,
          const char *key)
{
  GError *error = NULL;
  GObject *object = NULL;
  GBytes *bytes;
  GFileInputStream *stream;

  switch (b->op)
    {
    case OP_WRITE:
      object = G_OBJECT (rs_store_write_bytes (b->store, key, b->data, RS_WRITE_OVERWRITE, NULL,
                                               NULL, &error));
      check (object != NULL, key, error);
      break;
    case OP_READ:
      bytes = rs_store_read_bytes (b->store, key, NULL, &error);
      check (bytes != NULL, key, error);
      b->sink += g_bytes_get_size (bytes);
      g_bytes_unref (bytes);
      break;
    case OP_EXISTS:
      check (rs_store_exists (b->store, key, NULL, &error), key, error);
      b->sink++;
      break;
    case OP_INFO:
      object = G_OBJECT (rs_store_get_file_info (b->store, key, NULL, &error));
      check (object != NULL, key, error);
      break;
    case OP_DELETE:
      check (rs_store_delete (b->store, key, RS_DELETE_NONE, NULL, &error), key, error);
      break;
    case OP_GIO_READ:
      stream = g_file_read (b->file, NULL, &error);
      check (stream != NULL, "g_file_read", error);
      check (g_input_stream_close (G_INPUT_STREAM (stream), NULL, &error), "close", error);
      object = G_OBJECT (stream);
      break;
    default:
      g_assert_not_reached ();
    }
  if (object != NULL)
    {
      b->sink += GPOINTER_TO_SIZE (object) & 1;
      g_object_unref (object);
    }
}

static void
sync_pass (Bench *b)
{
  for (guint i = 0; i < N_KEYS; i++)
    sync_one (b, b->keys[i]);
}

static void start_one (Bench *b);

static void
async_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Bench *b = user_data;
  RsStore *store = RS_IS_STORE (source) ? RS_STORE (source) : NULL;
  GError *error = NULL;
  GObject *object = NULL;
  GBytes *bytes;
  GFileInputStream *stream;

  if (source == NULL)
    {
      /* The async floor: a GTask around a hash table operation. */
      check (g_task_propagate_boolean (G_TASK (result), &error), "GTask", error);
      b->done++;
      if (b->started < N_KEYS)
        start_one (b);
      return;
    }
  switch (b->op)
    {
    case OP_WRITE:
      object = G_OBJECT (rs_store_write_bytes_finish (store, result, &error));
      check (object != NULL, "write_bytes_finish", error);
      break;
    case OP_READ:
      bytes = rs_store_read_bytes_finish (store, result, &error);
      check (bytes != NULL, "read_bytes_finish", error);
      b->sink += g_bytes_get_size (bytes);
      g_bytes_unref (bytes);
      break;
    case OP_EXISTS:
      check (rs_store_exists_finish (store, result, &error), "exists_finish", error);
      b->sink++;
      break;
    case OP_INFO:
      object = G_OBJECT (rs_store_get_file_info_finish (store, result, &error));
      check (object != NULL, "get_file_info_finish", error);
      break;
    case OP_DELETE:
      check (rs_store_delete_finish (store, result, &error), "delete_finish", error);
      break;
    case OP_GIO_READ:
      stream = g_file_read_finish (G_FILE (source), result, &error);
      check (stream != NULL, "g_file_read_finish", error);
      /* Closing a local file stream is a close(2): done in place, as a
       * caller would, and the sync form pays it too. */
      check (g_input_stream_close (G_INPUT_STREAM (stream), NULL, &error), "close", error);
      object = G_OBJECT (stream);
      break;
    default:
      g_assert_not_reached ();
    }
  if (object != NULL)
    {
      b->sink += GPOINTER_TO_SIZE (object) & 1;
      g_object_unref (object);
    }
  b->done++;
  if (b->started < N_KEYS)
    start_one (b);
}

static void
start_one (Bench *b)
{
  const char *key = b->keys[b->started++];
  int prio = G_PRIORITY_DEFAULT;

  if (b->store == NULL && b->file == NULL)
    {
      /* What any GIO-style async call costs at least: a GTask, returned
       * at once, its callback dispatched from the context. */
      GTask *task = g_task_new (NULL, NULL, async_done, b);

      floor_one (b, key);
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  switch (b->op)
    {
    case OP_WRITE:
      rs_store_write_bytes_async (b->store, key, b->data, RS_WRITE_OVERWRITE, NULL, prio, NULL,
                                  async_done, b);
      break;
    case OP_READ:
      rs_store_read_bytes_async (b->store, key, prio, NULL, async_done, b);
      break;
    case OP_EXISTS:
      rs_store_exists_async (b->store, key, prio, NULL, async_done, b);
      break;
    case OP_INFO:
      rs_store_get_file_info_async (b->store, key, prio, NULL, async_done, b);
      break;
    case OP_DELETE:
      rs_store_delete_async (b->store, key, RS_DELETE_NONE, prio, NULL, async_done, b);
      break;
    case OP_GIO_READ:
      g_file_read_async (b->file, prio, NULL, async_done, b);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Keeps b->window operations in flight until a pass's N_KEYS are done:
 * each completion starts the next one. */
static void
async_pass (Bench *b)
{
  b->started = 0;
  b->done = 0;
  while (b->started < MIN (b->window, N_KEYS))
    start_one (b);
  while (b->done < N_KEYS)
    g_main_context_iteration (b->context, TRUE);
}

/* Every key present, before a pass that deletes them all. */
static void
populate (Bench *b)
{
  for (guint i = 0; i < N_KEYS; i++)
    {
      if (b->store == NULL)
        g_hash_table_insert (b->table, g_strdup (b->keys[i]), g_bytes_ref (b->data));
      else
        {
          GError *error = NULL;
          RsWriteResult *result = rs_store_write_bytes (b->store, b->keys[i], b->data,
                                                        RS_WRITE_OVERWRITE, NULL, NULL, &error);

          check (result != NULL, b->keys[i], error);
          g_object_unref (result);
        }
    }
}

static gint64
timed_pass (Bench *b,
            Form   form)
{
  gint64 start;

  if (b->op == OP_DELETE)
    populate (b);
  start = now_ns ();
  switch (form)
    {
    case FORM_FLOOR:
      floor_pass (b);
      break;
    case FORM_SYNC:
      sync_pass (b);
      break;
    case FORM_ASYNC:
      async_pass (b);
      break;
    default:
      g_assert_not_reached ();
    }
  return now_ns () - start;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static Stats
measure (Bench *b,
         Op     op,
         Form   form,
         guint  window)
{
  double per_op[MAX_ROUNDS];
  Stats stats;
  gint64 pass_ns;
  guint passes;

  b->op = op;
  b->window = window;
  timed_pass (b, form);                         /* warm-up */
  pass_ns = MAX (timed_pass (b, form), 1);      /* sizes the rounds */
  passes = CLAMP ((gint64) target_ms * 1000000 / pass_ns, 1, 100000);
  for (int r = 0; r < n_rounds; r++)
    {
      gint64 total = 0;

      for (guint p = 0; p < passes; p++)
        total += timed_pass (b, form);
      per_op[r] = (double) total / ((double) passes * N_KEYS);
    }
  qsort (per_op, n_rounds, sizeof per_op[0], compare_doubles);
  stats.median = per_op[n_rounds / 2];
  stats.min = per_op[0];
  stats.max = per_op[n_rounds - 1];
  return stats;
}

static const char *
form_label (Form  form,
            guint window)
{
  static char label[32];

  switch (form)
    {
    case FORM_FLOOR:
      return "floor";
    case FORM_SYNC:
      return "sync";
    case FORM_ASYNC:
      if (window == 1)
        return "async 1 at a time";
      g_snprintf (label, sizeof label, "async %u in flight", window);
      return label;
    default:
      g_assert_not_reached ();
    }
}

static void
print_row (const char  *who,
           Op           op,
           Form         form,
           guint        window,
           const Stats *s,
           const char  *note)
{
  printf ("%-10s %-14s %-20s %9.0f ns/op  [%7.0f .. %7.0f]  %s\n",
          who, op_names[op], form_label (form, window), s->median, s->min, s->max,
          note != NULL ? note : "");
  fflush (stdout);
}

static RsStore *
open_store (const char *uri,
            Bench      *b)
{
  GError *error = NULL;
  RsStore *store = rs_store_new_for_uri (uri, &error);

  check (store != NULL, uri, error);
  b->store = store;
  populate (b);
  return store;
}


/* Part 1: memory:// against the GHashTable floor. */
static void
bench_memory (Bench *b)
{
  static const Op ops[] = { OP_WRITE, OP_READ, OP_EXISTS, OP_INFO, OP_DELETE };
  static const struct { Form form; guint window; } forms[] = {
    { FORM_SYNC, 0 }, { FORM_ASYNC, N_KEYS }, { FORM_ASYNC, 1 },
  };
  RsStore *store;

  printf ("\n== memory:// through RsStore vs a bare GHashTable"
          " (%u keys, %u-byte GBytes; ratio = store / floor) ==\n", N_KEYS, DATA_SIZE);
  b->store = NULL;
  b->table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  populate (b);
  store = open_store ("memory://", b);

  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    {
      Stats floor_stats, task_stats;

      b->store = NULL;
      floor_stats = measure (b, ops[i], FORM_FLOOR, 0);
      print_row ("GHashTable", ops[i], FORM_FLOOR, 0, &floor_stats, NULL);
      task_stats = measure (b, ops[i], FORM_ASYNC, 1);
      print_row ("GTask+hash", ops[i], FORM_ASYNC, 1, &task_stats, "(async floor)");
      b->store = store;
      for (guint f = 0; f < G_N_ELEMENTS (forms); f++)
        {
          Stats s = measure (b, ops[i], forms[f].form, forms[f].window);
          char note[80];

          g_snprintf (note, sizeof note, "x%.1f vs GHashTable", s.median / floor_stats.median);
          if (forms[f].form == FORM_ASYNC && forms[f].window == 1)
            g_snprintf (note, sizeof note, "x%.1f vs GHashTable, x%.1f vs GTask+hash",
                        s.median / floor_stats.median, s.median / task_stats.median);
          print_row ("memory", ops[i], forms[f].form, forms[f].window, &s, note);
        }
    }
  b->store = NULL;
  g_object_unref (store);
  g_clear_pointer (&b->table, g_hash_table_unref);
}

typedef struct
{
  double one;                   /* ratio, one at a time */
  double many;                  /* ratio, BRIDGE_WINDOW in flight */
  double added_one;             /* ns/op the bridged form adds, one at a time */
  double added_many;            /* the same, BRIDGE_WINDOW in flight */
} Ratios;

/* The peer: GIO's thread-pool bridge for a local file open. */
static Ratios
bench_gio (Bench *b)
{
  GError *error = NULL;
  char *dir = g_dir_make_tmp ("rs-bench-XXXXXX", &error);
  char *path;
  Stats sync_stats, one, many;
  Ratios ratios;
  char note[48];

  check (dir != NULL, "g_dir_make_tmp", error);
  path = g_build_filename (dir, "small.bin", NULL);
  check (g_file_set_contents (path, g_bytes_get_data (b->data, NULL), DATA_SIZE, &error),
         path, error);
  b->file = g_file_new_for_path (path);

  printf ("\n== Peer: GIO on a %u-byte local file (open + close; ratio = async / sync) ==\n",
          DATA_SIZE);
  sync_stats = measure (b, OP_GIO_READ, FORM_SYNC, 0);
  print_row ("GIO", OP_GIO_READ, FORM_SYNC, 0, &sync_stats, NULL);
  one = measure (b, OP_GIO_READ, FORM_ASYNC, 1);
  ratios.one = one.median / sync_stats.median;
  ratios.added_one = one.median - sync_stats.median;
  g_snprintf (note, sizeof note, "async/sync x%.2f  %+.0f ns", ratios.one, ratios.added_one);
  print_row ("GIO", OP_GIO_READ, FORM_ASYNC, 1, &one, note);
  many = measure (b, OP_GIO_READ, FORM_ASYNC, BRIDGE_WINDOW);
  ratios.many = many.median / sync_stats.median;
  ratios.added_many = many.median - sync_stats.median;
  g_snprintf (note, sizeof note, "async/sync x%.2f  %+.0f ns", ratios.many, ratios.added_many);
  print_row ("GIO", OP_GIO_READ, FORM_ASYNC, BRIDGE_WINDOW, &many, note);

  g_clear_object (&b->file);
  g_unlink (path);
  g_rmdir (dir);
  g_free (path);
  g_free (dir);
  return ratios;
}

/* Part 2: one bridged backend. @sync_over_async: the bridged form is sync
 * (asyncmem), else async (syncmem). Besides the rows, it reports its
 * ratios to the driver as "@ratios WHO OP ONE MANY" lines. */
static void
bench_bridge (Bench        *b,
              const char   *uri,
              const char   *who,
              gboolean      sync_over_async,
              const Ratios *gio)
{
  static const Op ops[] = { OP_EXISTS, OP_READ };
  RsStore *store = open_store (uri, b);

  printf ("\n== Bridge: %s (ratio = %s; GIO's async/sync beside it) ==\n",
          uri, sync_over_async ? "sync / async" : "async / sync");
  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    {
      Stats sync_stats = measure (b, ops[i], FORM_SYNC, 0);
      Stats one = measure (b, ops[i], FORM_ASYNC, 1);
      Stats many = measure (b, ops[i], FORM_ASYNC, BRIDGE_WINDOW);
      Ratios r;
      char note[96];

      if (sync_over_async)
        {
          r.one = sync_stats.median / one.median;
          r.many = sync_stats.median / many.median;
          r.added_one = sync_stats.median - one.median;
          r.added_many = sync_stats.median - many.median;
          g_snprintf (note, sizeof note, "sync/async x%.2f %+.0f ns  GIO async/sync x%.2f %+.0f ns",
                      r.one, r.added_one, gio->one, gio->added_one);
          print_row (who, ops[i], FORM_SYNC, 0, &sync_stats, note);
          print_row (who, ops[i], FORM_ASYNC, 1, &one, NULL);
          g_snprintf (note, sizeof note, "sync/async x%.2f (sync vs %u in flight)",
                      r.many, BRIDGE_WINDOW);
          print_row (who, ops[i], FORM_ASYNC, BRIDGE_WINDOW, &many, note);
        }
      else
        {
          r.one = one.median / sync_stats.median;
          r.many = many.median / sync_stats.median;
          r.added_one = one.median - sync_stats.median;
          r.added_many = many.median - sync_stats.median;
          print_row (who, ops[i], FORM_SYNC, 0, &sync_stats, NULL);
          g_snprintf (note, sizeof note, "async/sync x%.2f %+.0f ns  GIO x%.2f %+.0f ns",
                      r.one, r.added_one, gio->one, gio->added_one);
          print_row (who, ops[i], FORM_ASYNC, 1, &one, note);
          g_snprintf (note, sizeof note, "async/sync x%.2f %+.0f ns  GIO x%.2f %+.0f ns",
                      r.many, r.added_many, gio->many, gio->added_many);
          print_row (who, ops[i], FORM_ASYNC, BRIDGE_WINDOW, &many, note);
        }
      printf ("@ratios %s %s %.4f %.4f %.1f %.1f\n", who, op_names[ops[i]],
              r.one, r.many, r.added_one, r.added_many);
      fflush (stdout);
    }
  b->store = NULL;
  g_object_unref (store);
}

/* The driver's copy of every part's ratios, for the closing table. */
typedef struct
{
  char *label;
  Ratios ratios;
} RatioRow;

/* Runs one part in a child process, echoing its rows and keeping its
 * ratios. A child per backend: the memory, syncmem and asyncmem plugins
 * each link their own copy of RsMemoryBackend, so a second one in the
 * same process fails to register its types. */
static void
run_part (const char   *self_exe,
          const char   *part,
          const Ratios *gio,
          GPtrArray    *rows)
{
  GError *error = NULL;
  char rounds[32], target[32], gio_arg[4][G_ASCII_DTOSTR_BUF_SIZE];
  GSubprocess *child;
  GDataInputStream *lines;
  char *line;

  g_snprintf (rounds, sizeof rounds, "--rounds=%d", n_rounds);
  g_snprintf (target, sizeof target, "--target-ms=%d", target_ms);
  g_ascii_dtostr (gio_arg[0], sizeof gio_arg[0], gio->one);
  g_ascii_dtostr (gio_arg[1], sizeof gio_arg[1], gio->many);
  g_ascii_dtostr (gio_arg[2], sizeof gio_arg[2], gio->added_one);
  g_ascii_dtostr (gio_arg[3], sizeof gio_arg[3], gio->added_many);
  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, self_exe, rounds, target,
                            "--part", part, "--gio-one", gio_arg[0], "--gio-many", gio_arg[1],
                            "--gio-added-one", gio_arg[2], "--gio-added-many", gio_arg[3], NULL);
  check (child != NULL, part, error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  while ((line = g_data_input_stream_read_line (lines, NULL, NULL, &error)) != NULL)
    {
      if (g_str_has_prefix (line, "@ratios "))
        {
          char **f = g_strsplit (line + strlen ("@ratios "), " ", -1);
          RatioRow *row;

          if (g_strv_length (f) != 6)
            die ("unexpected ratio line from a part", NULL);
          row = g_new0 (RatioRow, 1);
          row->label = g_strdup_printf ("%s %s %s", f[0], f[1],
                                        strcmp (f[0], "asyncmem") == 0 ? "sync / async" : "async / sync");
          row->ratios.one = g_ascii_strtod (f[2], NULL);
          row->ratios.many = g_ascii_strtod (f[3], NULL);
          row->ratios.added_one = g_ascii_strtod (f[4], NULL);
          row->ratios.added_many = g_ascii_strtod (f[5], NULL);
          g_ptr_array_add (rows, row);
          g_strfreev (f);
        }
      else
        {
          printf ("%s\n", line);
          fflush (stdout);
        }
      g_free (line);
    }
  check (error == NULL, part, error);
  check (g_subprocess_wait_check (child, NULL, &error), part, error);
  g_object_unref (lines);
  g_object_unref (child);
}

static void
print_ratio_row (const char   *label,
                 const Ratios *r)
{
  printf ("%-36s %8.2fx %+10.0f ns %8.2fx %+10.0f ns\n",
          label, r->one, r->added_one, r->many, r->added_many);
}

static void
ratio_row_free (gpointer data)
{
  RatioRow *row = data;

  g_free (row->label);
  g_free (row);
}

int
main (int   argc,
      char *argv[])
{
  char *part = NULL;
  Ratios gio = { 0, 0, 0, 0 };
  GOptionEntry entries[] = {
    { "rounds", 'r', 0, G_OPTION_ARG_INT, &n_rounds, "Timed rounds per figure (5 or more, odd is best)", "N" },
    { "target-ms", 't', 0, G_OPTION_ARG_INT, &target_ms, "Length of one round", "MS" },
    /* Internal: the driver runs each backend's part in a child. */
    { "part", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &part, NULL, NULL },
    { "gio-one", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_DOUBLE, &gio.one, NULL, NULL },
    { "gio-many", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_DOUBLE, &gio.many, NULL, NULL },
    { "gio-added-one", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_DOUBLE, &gio.added_one, NULL, NULL },
    { "gio-added-many", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_DOUBLE, &gio.added_many, NULL, NULL },
    G_OPTION_ENTRY_NULL
  };
  GOptionContext *options = g_option_context_new ("- benchmark RsStore and its sync/async bridge");
  GError *error = NULL;
  Bench bench = { 0 };
  Bench *b = &bench;
  guint8 *payload;
  gint64 start = now_ns ();

  g_option_context_add_main_entries (options, entries, NULL);
  check (g_option_context_parse (options, &argc, &argv, &error), "options", error);
  g_option_context_free (options);
  if (n_rounds < 5 || n_rounds > MAX_ROUNDS || target_ms < 1)
    {
      g_printerr ("bench-core: --rounds must be 5..%d and --target-ms at least 1\n", MAX_ROUNDS);
      return 1;
    }

  /* A private context as the thread default: every async callback lands
   * here, and nothing else runs in it. */
  b->context = g_main_context_new ();
  g_main_context_push_thread_default (b->context);
  payload = g_malloc (DATA_SIZE);
  for (guint i = 0; i < DATA_SIZE; i++)
    payload[i] = (guint8) (i * 31 + 7);
  b->data = g_bytes_new_take (payload, DATA_SIZE);
  for (guint i = 0; i < N_KEYS; i++)
    b->keys[i] = g_strdup_printf ("bench/%02u/object-%04u.bin", i % 16, i);

  if (part != NULL)
    {
      if (strcmp (part, "memory") == 0)
        bench_memory (b);
      else if (strcmp (part, "syncmem") == 0)
        bench_bridge (b, "syncmem://", "syncmem", FALSE, &gio);
      else if (strcmp (part, "asyncmem") == 0)
        bench_bridge (b, "asyncmem://", "asyncmem", TRUE, &gio);
      else
        die (part, NULL);
    }
  else
    {
      char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
      GPtrArray *rows = g_ptr_array_new_with_free_func (ratio_row_free);

      if (self_exe == NULL)
        self_exe = g_strdup (argv[0]);
      printf ("bench-core: libremotestore %s, GLib %u.%u.%u, %u CPUs; median of %d rounds of"
              " ~%d ms, [min .. max] over rounds, ns per operation\n",
              RS_VERSION_STRING, glib_major_version, glib_minor_version, glib_micro_version,
              g_get_num_processors (), n_rounds, target_ms);
      fflush (stdout);
      run_part (self_exe, "memory", &gio, rows);
      gio = bench_gio (b);
      /* The test plugins are built only with -Dtests=true. Finding one
       * reads its manifest; it does not load it. */
      for (guint i = 0; i < 2; i++)
        {
          const char *name = i == 0 ? "syncmem" : "asyncmem";

          if (rs_registry_find_plugin (rs_registry_get_default (), name) != NULL)
            run_part (self_exe, name, &gio, rows);
          else
            printf ("\n== Bridge: %s:// skipped: no such plugin in RS_PLUGIN_PATH"
                    " (build with -Dtests=true) ==\n", name);
        }

      printf ("\n== Bridge ratios side by side (ratio of medians, 1 = free;"
              " and the ns/op the bridged form adds) ==\n");
      printf ("%-36s %24s %24s\n", "", "1 at a time", "64 in flight");
      print_ratio_row ("GIO g_file_read async / sync", &gio);
      for (guint i = 0; i < rows->len; i++)
        {
          RatioRow *row = g_ptr_array_index (rows, i);

          print_ratio_row (row->label, &row->ratios);
        }
      printf ("\ntotal %.1f s\n", (double) (now_ns () - start) / 1e9);
      g_ptr_array_unref (rows);
      g_free (self_exe);
    }

  /* Printed so the compiler cannot drop the work that fed it. */
  if (b->sink == 42)
    g_printerr ("sink %" G_GUINT64_FORMAT "\n", b->sink);
  for (guint i = 0; i < N_KEYS; i++)
    g_free (b->keys[i]);
  g_bytes_unref (b->data);
  g_free (part);
  g_main_context_pop_thread_default (b->context);
  g_main_context_unref (b->context);
  return 0;
}
