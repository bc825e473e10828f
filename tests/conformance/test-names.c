/* test-names.c: hostile names through writes, reads, listings and glob
 * (rules 1, 2, 5 and 20 with names a backend must not mangle) */
#include <string.h>

#include "conformance-harness.h"

static GPtrArray *
hostile_names (void)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  GString *long_utf8 = g_string_new (NULL);

  g_ptr_array_add (names, g_strdup ("with space.txt"));
  g_ptr_array_add (names, g_strdup (" leading space"));
  g_ptr_array_add (names, g_strdup ("trailing space "));
  g_ptr_array_add (names, g_strdup ("#?%&+=.bin"));
  g_ptr_array_add (names, g_strdup ("semi;colon,comma'quote\"dq"));
  g_ptr_array_add (names, g_strdup ("percent%20encoded%2Fslash"));
  g_ptr_array_add (names, g_strdup ("tilde~caret^dollar$at@bang!(paren)"));
  g_ptr_array_add (names, g_strdup ("colon:pipe|angle<>"));
  g_ptr_array_add (names, g_strdup ("glob*[x]{a,b}.txt"));
  g_ptr_array_add (names, g_strdup ("\xc3\xa9t\xc3\xa9 \xc3\xa0 la plage.txt"));
  g_ptr_array_add (names, g_strdup ("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x83\x95\xe3\x82"
                                    "\xa1\xe3\x82\xa4\xe3\x83\xab.txt"));
  g_ptr_array_add (names, g_strdup ("emoji-\xf0\x9f\x98\x80\xf0\x9f\x8e\x89.txt"));
  g_ptr_array_add (names, g_strdup ("dir with space/\xe6\x97\xa5\xe6\x9c\xac/emoji "
                                    "\xf0\x9f\x98\x80/leaf #1.txt"));
  /* 200-byte names, ASCII and two-byte UTF-8. */
  {
    g_autofree char *ascii = g_strnfill (196, 'n');

    g_ptr_array_add (names, g_strconcat (ascii, ".txt", NULL));
  }
  for (guint i = 0; i < 98; i++)
    g_string_append (long_utf8, "\xc3\xa9");
  g_string_append (long_utf8, ".txt");
  g_assert_cmpuint (long_utf8->len, ==, 200);
  g_ptr_array_add (names, g_string_free (long_utf8, FALSE));
  for (guint i = 0; i < names->len; i++)
    g_assert_true (g_utf8_validate (names->pdata[i], -1, NULL));
  return names;
}

static gboolean
has_glob_chars (const char *name)
{
  return strpbrk (name, "*?[") != NULL;
}

/* Every hostile name writes, reads back, lists, globs and comes back as
 * a usable path, byte for byte. */
static void
test_hostile_names (T *t)
{
  g_autoptr(GPtrArray) names = hostile_names ();
  g_autofree char *want = NULL;
  g_autofree char *files = NULL;
  g_autofree char *globbed = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];
      g_autoptr(RsWriteResult) r = t_write_text (t, name, name, RS_WRITE_NONE, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (rs_write_result_get_path (r), ==, name);
    }
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];
      g_autofree char *content = t_get (t, name);
      g_autoptr(RsFileInfo) info = t_get_file_info (t, name, &error);
      g_autofree char *base = g_path_get_basename (name);

      g_assert_cmpstr (content, ==, name);
      g_assert_no_error (error);
      g_assert_cmpstr (rs_entry_get_path (RS_ENTRY (info)), ==, name);
      g_assert_cmpstr (rs_entry_get_name (RS_ENTRY (info)), ==, base);
      g_assert_true (t_check_is_file (t, name));
    }

  if (!t_supports (t, RS_CAPABILITY_LIST))
    return;
  want = t_join_strings (names);
  files = t_files (t, "", RS_LIST_RECURSIVE, NULL, -1);
  g_assert_cmpstr (files, ==, want);
  globbed = t_globbed (t, "**");
  g_assert_cmpstr (globbed, ==, want);

  /* Paths from listings go straight back in. */
  {
    g_autoptr(RsEnumerator) e = t_list_files (t, "", RS_LIST_RECURSIVE, NULL, -1, &error);
    g_autoptr(GPtrArray) entries = NULL;

    g_assert_no_error (error);
    entries = t_collect (t, e, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < entries->len; i++)
      {
        const char *path = rs_entry_get_path (entries->pdata[i]);
        g_autofree char *content = t_get (t, path);

        g_assert_cmpstr (content, ==, path);
      }
  }
  /* A literal glob finds exactly its file; a folder lists its children. */
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];
      g_autofree char *hit = NULL;

      if (has_glob_chars (name))
        continue;
      hit = t_globbed (t, name);
      g_assert_cmpstr (hit, ==, name);
    }
  {
    g_autofree char *children = t_children (t, "dir with space/\xe6\x97\xa5\xe6\x9c\xac");
    g_autofree char *deep = t_globbed (t, "dir with space/*/*/*.txt");

    g_assert_cmpstr (children, ==,
                     "dir with space/\xe6\x97\xa5\xe6\x9c\xac/emoji \xf0\x9f\x98\x80");
    g_assert_cmpstr (deep, ==, "dir with space/\xe6\x97\xa5\xe6\x9c\xac/emoji \xf0\x9f\x98\x80"
                               "/leaf #1.txt");
  }
  {
    g_autofree char *star = t_globbed (t, "emoji-*");
    g_autofree char *question = t_globbed (t, "#??&+=.bin");
    g_autofree char *cls = t_globbed (t, "[#]*.bin");

    g_assert_cmpstr (star, ==, "emoji-\xf0\x9f\x98\x80\xf0\x9f\x8e\x89.txt");
    g_assert_cmpstr (question, ==, "#?%&+=.bin");
    g_assert_cmpstr (cls, ==, "#?%&+=.bin");
  }
}

/* `?` matches one character, not one byte. */
static void
test_unicode_glob_char (T *t)
{
  g_autofree char *one = NULL;
  g_autofree char *listed = NULL;

  if (!t_require (t, RS_CAPABILITY_LIST))
    return;
  t_put (t, "\xc3\xa9.txt", "e");
  t_put (t, "\xe6\x97\xa5.txt", "sun");
  t_put (t, "ab.txt", "two");
  one = t_globbed (t, "?.txt");
  {
    g_autofree char *want = t_expect ("\xc3\xa9.txt", "\xe6\x97\xa5.txt", NULL);

    g_assert_cmpstr (one, ==, want);
  }
  listed = t_files (t, "", RS_LIST_NONE, "?.txt", -1);
  {
    g_autofree char *want = t_expect ("\xc3\xa9.txt", "\xe6\x97\xa5.txt", NULL);

    g_assert_cmpstr (listed, ==, want);
  }
}

void
t_add_name_tests (void)
{
  t_add ("rule05-returned-paths", "hostile-names", test_hostile_names);
  t_add ("rule20-glob", "question-mark-is-one-character", test_unicode_glob_char);
}
