/* rs-metadata.c: user metadata validation, the single place of SEMANTICS.md rule 7 */
#include "config.h"

#include "rs-private.h"

#define RS_METADATA_MAX_BYTES 2048

gboolean
rs_metadata_validate (GHashTable  *metadata,
                      const char **reason)
{
  GHashTableIter iter;
  gpointer key, value;
  gsize total = 0;

  if (metadata == NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, metadata);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *k = key;
      const char *v = value;

      if (k == NULL || k[0] == '\0')
        {
          *reason = N_("a metadata key is empty");
          return FALSE;
        }
      if (k[0] == '_')
        {
          *reason = N_("metadata keys must not start with “_”");
          return FALSE;
        }
      for (const char *c = k; *c != '\0'; c++)
        if ((guchar) *c >= 0x80)
          {
            *reason = N_("metadata keys must be ASCII");
            return FALSE;
          }
      if (v == NULL || !g_utf8_validate (v, -1, NULL))
        {
          *reason = N_("a metadata value is not a UTF-8 string");
          return FALSE;
        }
      total += strlen (k) + strlen (v);
    }
  if (total > RS_METADATA_MAX_BYTES)
    {
      *reason = N_("metadata keys and values exceed 2048 bytes in all");
      return FALSE;
    }
  return TRUE;
}
