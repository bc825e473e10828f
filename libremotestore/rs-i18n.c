/* rs-i18n.c: the library binds its own text domain (it never calls textdomain) */
#include "config.h"

#include <locale.h>
#include <glib/gi18n-lib.h>

#include "rs-private.h"

/* A constructor, so that messages are translated even when the first call
 * into the library is an error path. Programs still do setlocale() and their
 * own textdomain() in main(). */
__attribute__((constructor)) static void
rs_i18n_init (void)
{
  bindtextdomain (GETTEXT_PACKAGE, RS_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
}
