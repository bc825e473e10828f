/* rs-azure-metadata.c: user metadata as x-ms-meta-* headers
 *
 * Azure metadata names must be C# identifiers and are case-insensitive;
 * values travel as HTTP header values (ASCII, trimmed by the service).
 * The store contract allows any non-empty ASCII name not starting with
 * '_' and any UTF-8 value, so a pair is stored as is only when both
 * survive the trip: the name is a lowercase letter followed by lowercase
 * letters and digits (no '_', which keeps the SharedKey header sort
 * byte-wise; no capitals, which the service compares case-insensitively
 * and the HTTP engine lowercases in response headers), and the value is
 * non-empty printable ASCII without leading, trailing or doubled spaces.
 * Every other pair is stored under "_" + lowercase hex of the name, with
 * the value "b:" + base64 of the value. Store names never start with '_'
 * (SEMANTICS.md rule 7), so the two forms cannot be confused, and other
 * clients (the Azure SDK) read plain pairs as written.
 */
#include <string.h>

#include "rs-azure-metadata.h"

GHashTable *
rs_azure_metadata_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static gboolean
plain_name (const char *name)
{
  if (!g_ascii_islower (name[0]))
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static gboolean
plain_value (const char *value)
{
  gsize len = strlen (value);

  if (len == 0 || value[0] == ' ' || value[len - 1] == ' ' || strstr (value, "  ") != NULL)
    return FALSE;
  for (const char *p = value; *p; p++)
    if ((guchar) *p < 0x20 || (guchar) *p > 0x7e)
      return FALSE;
  return TRUE;
}

GPtrArray *
rs_azure_metadata_headers (GHashTable *metadata)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key, value;

  if (metadata != NULL)
    {
      g_hash_table_iter_init (&iter, metadata);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          if (plain_name (key) && plain_value (value))
            {
              g_ptr_array_add (lines, g_strdup_printf ("x-ms-meta-%s: %s", (char *) key, (char *) value));
            }
          else
            {
              GString *hex = g_string_new ("_");
              g_autofree char *b64 = g_base64_encode (value, strlen (value));

              for (const guchar *p = key; *p; p++)
                g_string_append_printf (hex, "%02x", *p);
              g_ptr_array_add (lines, g_strdup_printf ("x-ms-meta-%s: b:%s", hex->str, b64));
              g_string_free (hex, TRUE);
            }
        }
    }
  g_ptr_array_add (lines, NULL);
  return lines;
}

/* The name an encoded "_hex" name stands for, or NULL. */
static char *
decode_name (const char *name)
{
  gsize len = strlen (name);
  GString *out;

  if (name[0] != '_' || len < 3 || len % 2 == 0)
    return NULL;
  out = g_string_new (NULL);
  for (gsize i = 1; i < len; i += 2)
    {
      int hi = g_ascii_xdigit_value (name[i]);
      int lo = g_ascii_xdigit_value (name[i + 1]);

      if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
        {
          g_string_free (out, TRUE);
          return NULL;
        }
      g_string_append_c (out, (char) (hi * 16 + lo));
    }
  return g_string_free (out, FALSE);
}

static char *
decode_value (const char *value)
{
  gsize len;
  guchar *raw;
  char *text;

  if (!g_str_has_prefix (value, "b:"))
    return NULL;
  raw = g_base64_decode (value + 2, &len);
  text = g_strndup ((char *) raw, len);
  g_free (raw);
  if (strlen (text) != len || !g_utf8_validate (text, -1, NULL))
    {
      g_free (text);
      return NULL;
    }
  return text;
}

void
rs_azure_metadata_decode (GHashTable *into,
                          const char *name,
                          const char *value)
{
  g_autofree char *real_name = decode_name (name);
  g_autofree char *real_value = real_name != NULL ? decode_value (value) : NULL;

  if (real_name != NULL && real_value != NULL)
    g_hash_table_replace (into, g_steal_pointer (&real_name), g_steal_pointer (&real_value));
  else
    g_hash_table_replace (into, g_strdup (name), g_strdup (value));
}
