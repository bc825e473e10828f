/* rs-tool-output.c: error lines, sizes, times and JSON text */
#include "rs-tool.h"

#include <stdio.h>

void
rs_tool_print_error (const char   *location,
                     const GError *error)
{
  /* The library's messages already name the path and the backend; the
   * location as typed comes first so a user can find the argument. */
  if (location != NULL)
    g_printerr (_("remote-store: %s: %s\n"), location, error->message);
  else
    g_printerr (_("remote-store: %s\n"), error->message);
}

int
rs_tool_fail (const char *location,
              GError     *error)
{
  rs_tool_print_error (location, error);
  g_error_free (error);
  return RS_TOOL_EXIT_FAILED;
}

void
rs_tool_json_string (GString    *out,
                     const char *value)
{
  if (value == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append_c (out, '"');
  for (const unsigned char *c = (const unsigned char *) value; *c != '\0'; c++)
    {
      switch (*c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (*c < 0x20)
            g_string_append_printf (out, "\\u%04x", *c);
          else
            g_string_append_c (out, (char) *c);
        }
    }
  g_string_append_c (out, '"');
}

/* Appends `"name":`, with a comma unless it opens the object. */
void
rs_tool_json_member (GString    *out,
                     const char *name)
{
  if (out->len > 0 && out->str[out->len - 1] != '{')
    g_string_append_c (out, ',');
  rs_tool_json_string (out, name);
  g_string_append_c (out, ':');
}

void
rs_tool_json_time (GString   *out,
                   GDateTime *time)
{
  g_autofree char *text = time != NULL ? g_date_time_format_iso8601 (time) : NULL;

  rs_tool_json_string (out, text);
}

void
rs_tool_json_metadata (GString    *out,
                       GHashTable *metadata)
{
  GHashTableIter iter;
  gpointer key, value;

  if (metadata == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append_c (out, '{');
  g_hash_table_iter_init (&iter, metadata);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      rs_tool_json_member (out, key);
      rs_tool_json_string (out, value);
    }
  g_string_append_c (out, '}');
}

void
rs_tool_print_json (GString *out)
{
  fwrite (out->str, 1, out->len, stdout);
  fputc ('\n', stdout);
}

char *
rs_tool_format_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup ("-");
  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

char *
rs_tool_format_size (gint64   size,
                     gboolean human)
{
  if (size < 0)
    return g_strdup ("-");
  if (!human)
    return g_strdup_printf ("%" G_GINT64_FORMAT, size);
  return g_format_size_full ((guint64) size, G_FORMAT_SIZE_IEC_UNITS);
}
