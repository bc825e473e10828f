/* rs-path.c: path normalisation, the single place of SEMANTICS.md rules 1–2 */
#include "config.h"

#include "rs-private.h"

/* Returns the normalised path ("" for the root), or NULL with @reason set
 * to a translatable explanation. */
char *
rs_path_normalize (const char  *path,
                   const char **reason)
{
  GString *out;
  const char *p;

  if (path == NULL)
    path = "";
  /* C strings end at the first NUL, so rule 2's NUL check is the caller's
   * (bindings refuse embedded NULs before we are called). */
  if (!g_utf8_validate (path, -1, NULL))
    {
      *reason = N_("the path is not valid UTF-8");
      return NULL;
    }

  out = g_string_sized_new (strlen (path));
  p = path;
  while (*p != '\0')
    {
      const char *start = p;
      gsize len;

      while (*p != '\0' && *p != '/' && *p != '\\')
        p++;
      len = p - start;
      if (*p != '\0')
        p++;
      if (len == 0 || (len == 1 && start[0] == '.'))
        continue;
      if (len == 2 && start[0] == '.' && start[1] == '.')
        {
          *reason = N_("a path segment is “..”");
          g_string_free (out, TRUE);
          return NULL;
        }
      if (out->len > 0)
        g_string_append_c (out, '/');
      g_string_append_len (out, start, len);
    }
  return g_string_free (out, FALSE);
}

/* Joins two normalised paths. */
char *
rs_path_join (const char *base,
              const char *path)
{
  if (base[0] == '\0')
    return g_strdup (path);
  if (path[0] == '\0')
    return g_strdup (base);
  return g_strconcat (base, "/", path, NULL);
}

/* The part of @key below @base, or NULL when @key is not @base or under it
 * (slash-aligned: "data" never contains "data2/x"). */
const char *
rs_path_strip_base (const char *base,
                    const char *key)
{
  gsize len = strlen (base);

  if (len == 0)
    return key;
  if (strncmp (key, base, len) != 0)
    return NULL;
  if (key[len] == '\0')
    return key + len;
  if (key[len] == '/')
    return key + len + 1;
  return NULL;
}

/* The parent of a normalised key; "" for a top-level key. */
char *
rs_path_parent (const char *key)
{
  const char *slash = strrchr (key, '/');

  return slash != NULL ? g_strndup (key, slash - key) : g_strdup ("");
}

guint
rs_path_count_segments (const char *path)
{
  guint n;

  if (path[0] == '\0')
    return 0;
  n = 1;
  for (const char *p = path; *p != '\0'; p++)
    if (*p == '/')
      n++;
  return n;
}
