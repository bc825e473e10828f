/* rs-pattern.c: shell-style matching of names and of store paths
 *
 * `*` matches any run of characters inside one segment, `?` one character
 * (not one byte), `[...]` a class (`[!...]` or `[^...]` negated, `a-z`
 * ranges, a leading `]` literal; an unclosed `[` is literal). There is no
 * backslash escape, since store paths turn `\` into `/`: write `[*]` for a
 * literal star. In a glob, a segment that is exactly `**` matches zero or
 * more whole segments. Matching is case-sensitive and does no Unicode
 * normalisation. */
#include "config.h"

#include "rs-private.h"

/* Tries to match the class starting at @p ('[') against @c. Returns FALSE
 * when the class is unclosed (then '[' is an ordinary character). */
static gboolean
class_match (const char  *p,
             gunichar     c,
             const char **after,
             gboolean    *matched)
{
  const char *q = p + 1;
  gboolean negate = FALSE;
  gboolean hit = FALSE;
  gboolean first = TRUE;

  if (*q == '!' || *q == '^')
    {
      negate = TRUE;
      q++;
    }
  while (*q != '\0' && (first || *q != ']'))
    {
      gunichar lo = g_utf8_get_char (q);
      gunichar hi = lo;

      first = FALSE;
      q = g_utf8_next_char (q);
      if (q[0] == '-' && q[1] != '\0' && q[1] != ']')
        {
          hi = g_utf8_get_char (q + 1);
          q = g_utf8_next_char (q + 1);
        }
      if (lo <= c && c <= hi)
        hit = TRUE;
    }
  if (*q != ']')
    return FALSE;
  *after = q + 1;
  *matched = hit != negate;
  return TRUE;
}

/* Matches one pattern character (or class) at @p against the character at
 * @s; sets @p_next to the pattern position after it. */
static gboolean
match_one (const char  *p,
           const char  *s,
           const char **p_next)
{
  gboolean matched;

  if (*p == '?')
    {
      *p_next = p + 1;
      return TRUE;
    }
  if (*p == '[' && class_match (p, g_utf8_get_char (s), p_next, &matched))
    return matched;
  *p_next = g_utf8_next_char (p);
  return g_utf8_get_char (p) == g_utf8_get_char (s);
}

gboolean
rs_pattern_match_segment (const char *pattern,
                          const char *name)
{
  const char *p = pattern;
  const char *s = name;
  const char *star_p = NULL;
  const char *star_s = NULL;

  while (*s != '\0')
    {
      const char *p_next;

      if (*p == '*')
        {
          while (*p == '*')
            p++;
          star_p = p;
          star_s = s;
          continue;
        }
      if (*p != '\0' && match_one (p, s, &p_next))
        {
          p = p_next;
          s = g_utf8_next_char (s);
          continue;
        }
      if (star_p == NULL)
        return FALSE;
      /* Let the last star swallow one more character and retry. */
      star_s = g_utf8_next_char (star_s);
      s = star_s;
      p = star_p;
    }
  while (*p == '*')
    p++;
  return *p == '\0';
}

gboolean
rs_pattern_has_wildcard (const char *segment)
{
  return strpbrk (segment, "*?[") != NULL;
}

static gboolean
glob_match_from (char **pat,
                 char **segs)
{
  if (*pat == NULL)
    return *segs == NULL;
  if (strcmp (*pat, "**") == 0)
    {
      for (char **s = segs;; s++)
        {
          if (glob_match_from (pat + 1, s))
            return TRUE;
          if (*s == NULL)
            return FALSE;
        }
    }
  if (*segs == NULL)
    return FALSE;
  return rs_pattern_match_segment (*pat, *segs) && glob_match_from (pat + 1, segs + 1);
}

/* Does the store-relative file @path match the glob split in @segments? */
gboolean
rs_glob_match (char       **segments,
               const char  *path)
{
  g_auto(GStrv) segs = g_strsplit (path, "/", -1);

  return glob_match_from (segments, segs);
}

static gboolean
glob_prefix_from (char **pat,
                  char **segs)
{
  if (*segs == NULL)
    return *pat != NULL;       /* a file below needs one more segment */
  if (*pat == NULL)
    return FALSE;
  if (strcmp (*pat, "**") == 0)
    return TRUE;
  return rs_pattern_match_segment (*pat, *segs) && glob_prefix_from (pat + 1, segs + 1);
}

/* Could a file somewhere under the store folder @folder match? Used to
 * prune the walk. */
gboolean
rs_glob_may_contain (char       **segments,
                     const char  *folder)
{
  g_auto(GStrv) segs = NULL;

  if (folder[0] == '\0')
    return segments[0] != NULL;
  segs = g_strsplit (folder, "/", -1);
  return glob_prefix_from (segments, segs);
}
