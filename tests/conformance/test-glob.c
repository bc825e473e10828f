/* test-glob.c: SEMANTICS.md rule 20, glob */
#include "conformance-harness.h"

static const char *const tree[] = {
  "a.txt", "b.txt", "ab.txt", "c.md", "d/a.txt", "d/e/a.txt", "d/e/f/b.txt", "x/y.txt",
  "x/z/w.md", "data2/q.txt", "dx.txt",
};

static gboolean
setup_tree (T *t)
{
  if (!t_require (t, RS_CAPABILITY_LIST))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (tree); i++)
    t_put (t, tree[i], tree[i]);
  return TRUE;
}

typedef struct
{
  const char *pattern;
  const char *want[8];
} GlobCase;

static void
run_cases (T *t, const GlobCase *cases, guint n_cases)
{
  for (guint i = 0; i < n_cases; i++)
    {
      g_autoptr(GPtrArray) want_list = g_ptr_array_new ();
      g_autofree char *want = NULL;
      g_autofree char *got = t_globbed (t, cases[i].pattern);

      for (guint j = 0; j < G_N_ELEMENTS (cases[i].want) && cases[i].want[j] != NULL; j++)
        g_ptr_array_add (want_list, (gpointer) cases[i].want[j]);
      want = t_join_strings (want_list);
      if (g_strcmp0 (got, want) != 0)
        g_test_message ("glob “%s”", cases[i].pattern);
      g_assert_cmpstr (got, ==, want);
    }
}

/* `*` and `?` match inside one segment only. */
static void
test_single_segment (T *t)
{
  static const GlobCase cases[] = {
    { "*.txt", { "a.txt", "ab.txt", "b.txt", "dx.txt" } },
    { "?.txt", { "a.txt", "b.txt" } },
    { "??.txt", { "ab.txt", "dx.txt" } },
    { "*", { "a.txt", "ab.txt", "b.txt", "c.md", "dx.txt" } },
    { "d*", { "dx.txt" } },
    { "d/*.txt", { "d/a.txt" } },
    { "*/*.txt", { "d/a.txt", "data2/q.txt", "x/y.txt" } },
    { "*/*", { "d/a.txt", "data2/q.txt", "x/y.txt" } },
    { "d/*/*.txt", { "d/e/a.txt" } },
    { "x/?.txt", { "x/y.txt" } },
    { "a.txt", { "a.txt" } },
    { "d/e/f/b.txt", { "d/e/f/b.txt" } },
    { "nomatch*", { NULL } },
    { "*.TXT", { NULL } },
  };

  if (setup_tree (t))
    run_cases (t, cases, G_N_ELEMENTS (cases));
}

/* `**` matches zero or more whole segments. */
static void
test_double_star (T *t)
{
  static const GlobCase cases[] = {
    { "**/a.txt", { "a.txt", "d/a.txt", "d/e/a.txt" } },
    { "d/**/b.txt", { "d/e/f/b.txt" } },
    { "d/**/a.txt", { "d/a.txt", "d/e/a.txt" } },
    { "d/**", { "d/a.txt", "d/e/a.txt", "d/e/f/b.txt" } },
    { "**/*.md", { "c.md", "x/z/w.md" } },
    { "x/**/*.md", { "x/z/w.md" } },
    { "d/**/e/**/b.txt", { "d/e/f/b.txt" } },
    { "**/f/*", { "d/e/f/b.txt" } },
  };

  if (setup_tree (t))
    run_cases (t, cases, G_N_ELEMENTS (cases));
}

/* `**` alone: every file (checked apart, the tree has more than eight). */
static void
test_double_star_all (T *t)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  g_autofree char *want = NULL;
  g_autofree char *got = NULL;

  if (!setup_tree (t))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (tree); i++)
    g_ptr_array_add (all, (gpointer) tree[i]);
  want = t_join_strings (all);
  got = t_globbed (t, "**");
  g_assert_cmpstr (got, ==, want);
  g_clear_pointer (&got, g_free);
  got = t_globbed (t, "**/*");
  g_assert_cmpstr (got, ==, want);
}

/* `[...]` classes, with ranges and negation. */
static void
test_classes (T *t)
{
  static const GlobCase cases[] = {
    { "[ab].txt", { "a.txt", "b.txt" } },
    { "[a-c].*", { "a.txt", "b.txt", "c.md" } },
    { "[!a].txt", { "b.txt" } },
    { "d/[e]/a.txt", { "d/e/a.txt" } },
    { "[xd]/*.txt", { "d/a.txt", "x/y.txt" } },
    { "[z].txt", { NULL } },
  };

  if (setup_tree (t))
    run_cases (t, cases, G_N_ELEMENTS (cases));
}

/* Files only, and every hit is a usable store-relative path. */
static void
test_files_only (T *t)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsEnumerator) e = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  static const GlobCase cases[] = {
    { "d", { NULL } },
    { "d/e", { NULL } },
    { "*/e", { NULL } },
    { "x/*", { "x/y.txt" } },
  };

  if (!setup_tree (t))
    return;
  run_cases (t, cases, G_N_ELEMENTS (cases));
  e = t_glob (t, "**/*.txt", &error);
  g_assert_no_error (error);
  hits = t_collect (t, e, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 9);
  for (guint i = 0; i < hits->len; i++)
    {
      const char *path = rs_entry_get_path (hits->pdata[i]);
      g_autofree char *content = NULL;

      g_assert_true (RS_IS_FILE_INFO (hits->pdata[i]));
      g_assert_false (g_str_has_prefix (path, "/"));
      content = t_get (t, path);
      g_assert_cmpstr (content, ==, path);
    }
}

void
t_add_glob_tests (void)
{
  t_add ("rule20-glob", "star-and-question-in-one-segment", test_single_segment);
  t_add ("rule20-glob", "double-star", test_double_star);
  t_add ("rule20-glob", "double-star-alone", test_double_star_all);
  t_add ("rule20-glob", "classes", test_classes);
  t_add ("rule20-glob", "files-only-usable-paths", test_files_only);
}
