/* rs-util.c: small helpers without a better home */
#include "config.h"

#include "rs-private.h"

void
rs_set_str (char       **slot,
            const char  *value)
{
  char *copy;

  if (*slot == value)
    return;
  copy = g_strdup (value);
  g_free (*slot);
  *slot = copy;
}

/* For sorting arrays of strings (g_ptr_array_sort, qsort). */
int
rs_compare_strings_indirect (gconstpointer a,
                             gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GHashTable *
rs_metadata_copy (GHashTable *metadata)
{
  GHashTable *copy;
  GHashTableIter iter;
  gpointer key, value;

  if (metadata == NULL)
    return NULL;
  copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_iter_init (&iter, metadata);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy, g_strdup (key), g_strdup (value));
  return copy;
}
