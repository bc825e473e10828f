/* azure-sign-tool.c: prints the SharedKey Authorization value for a
 * request, for check-signing.py to compare with the Azure SDK's and to
 * send to Azurite.
 *
 *   azure-sign-tool ACCOUNT KEY METHOD URL-PATH QUERY [HEADER-LINE...]
 *
 * The key comes as an argument only because it is Azurite's published
 * development key. */
#include <stdio.h>

#include "rs-azure-sign.h"

int
main (int argc, char **argv)
{
  g_autoptr(GBytes) key = NULL;
  g_autofree char *auth = NULL;

  if (argc < 6)
    {
      fprintf (stderr, "usage: %s ACCOUNT KEY METHOD URL-PATH QUERY [HEADER...]\n", argv[0]);
      return 1;
    }
  key = rs_azure_decode_key (argv[2]);
  if (key == NULL)
    {
      fprintf (stderr, "the key is not base64\n");
      return 1;
    }
  auth = rs_azure_authorization (argv[1], key, argv[3], argv[4], argv[5], (const char *const *) argv + 6);
  if (auth == NULL)
    return 1;
  printf ("%s\n", auth);
  return 0;
}
