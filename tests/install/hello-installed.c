/* hello-installed.c: a program built against an installed libremotestore
 * only (pkg-config remotestore-1)
 *
 * Usage: hello-installed FIXTURES-DIR
 *
 * Writes and reads back a file on the installed memory plugin (found in
 * the installed plugin directory), reads a fixture through the fixtures
 * plugin (found through RS_PLUGIN_PATH), and prints the library's error
 * for a missing file, translated under LANGUAGE. */
#include <locale.h>
#include <stdio.h>

#include <remotestore/remotestore.h>

static int
fail (const char *what,
      GError     *error)
{
  fprintf (stderr, "hello-installed: %s: %s\n", what, error->message);
  g_error_free (error);
  return 2;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RsStore) memory = NULL;
  g_autoptr(RsStore) fixtures = NULL;
  g_autoptr(RsWriteResult) written = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *text = NULL;
  g_autofree char *fixture = NULL;
  GError *error = NULL;

  setlocale (LC_ALL, "");
  if (argc != 2)
    {
      fprintf (stderr, "Usage: hello-installed FIXTURES-DIR\n");
      return 1;
    }
  memory = rs_store_new_for_uri ("memory://installed", &error);
  if (memory == NULL)
    return fail ("memory store", error);
  written = rs_store_write_text (memory, "hello.txt", "hello, installed world",
                                 RS_WRITE_NONE, NULL, NULL, &error);
  if (written == NULL)
    return fail ("write", error);
  text = rs_store_read_text (memory, "hello.txt", NULL, NULL, &error);
  if (text == NULL)
    return fail ("read", error);
  printf ("memory: %s\n", text);

  uri = g_strconcat ("fixtures://", argv[1], NULL);
  fixtures = rs_store_new_for_uri (uri, &error);
  if (fixtures == NULL)
    return fail ("fixtures store", error);
  fixture = rs_store_read_text (fixtures, "greeting.txt", NULL, NULL, &error);
  if (fixture == NULL)
    return fail ("fixture read", error);
  printf ("fixtures: %s", fixture);

  if (rs_store_read_bytes (memory, "missing.txt", NULL, &error) != NULL)
    {
      fprintf (stderr, "hello-installed: reading a missing file succeeded\n");
      return 2;
    }
  printf ("error: %s\n", error->message);
  g_error_free (error);
  return 0;
}
