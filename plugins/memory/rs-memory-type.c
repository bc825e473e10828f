/* rs-memory-type.c: unique type names for the embeddable memory core */
#include "rs-memory-type.h"

const char *
rs_memory_type_name (const char *base)
{
  g_autofree char *name = NULL;

  if (g_type_from_name (base) == G_TYPE_INVALID)
    return g_intern_string (base);
  for (guint n = 2;; n++)
    {
      g_free (name);
      name = g_strdup_printf ("%s%u", base, n);
      if (g_type_from_name (name) == G_TYPE_INVALID)
        return g_intern_string (name);
    }
}
