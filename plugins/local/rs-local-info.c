/* rs-local-info.c: file infos and write results from a struct stat
 *
 * The etag is "<inode>-<mtime in ns>-<size>" in hex: a write replaces the
 * file by a new inode, so any change gives a new etag, and the write
 * result's etag (taken from the new file before the rename) equals the
 * one the next stat reports. */
#include "rs-local-info.h"

/* Lowercase hex of @value at @out, no leading zeros; returns the end. */
static char *
put_hex (char    *out,
         guint64  value)
{
  char digits[16];
  int n = 0;

  do
    {
      digits[n++] = "0123456789abcdef"[value & 0xf];
      value >>= 4;
    }
  while (value != 0);
  while (n > 0)
    *out++ = digits[--n];
  return out;
}

/* By hand rather than printf: every listed file and every stat makes one,
 * and vfprintf showed in profiles of copies of many small files. */
char *
rs_local_info_etag (const struct stat *st)
{
  guint64 ns = (guint64) st->st_mtim.tv_sec * G_GUINT64_CONSTANT (1000000000) +
               (guint64) st->st_mtim.tv_nsec;
  char text[3 * 16 + 3];
  char *end = text;

  end = put_hex (end, (guint64) st->st_ino);
  *end++ = '-';
  end = put_hex (end, ns);
  *end++ = '-';
  end = put_hex (end, (guint64) st->st_size);
  return g_strndup (text, end - text);
}

GDateTime *
rs_local_info_modified (const struct stat *st)
{
  g_autoptr(GDateTime) seconds = g_date_time_new_from_unix_utc (st->st_mtim.tv_sec);

  return g_date_time_add (seconds, st->st_mtim.tv_nsec / 1000);
}

RsEntry *
rs_local_info_new (const char        *key,
                   const struct stat *st,
                   GHashTable        *metadata)
{
  RsFileInfo *info;
  g_autoptr(GDateTime) modified = NULL;
  g_autofree char *etag = NULL;

  if (S_ISDIR (st->st_mode))
    return RS_ENTRY (rs_folder_entry_new (key));
  info = rs_fileinfo_new (key, st->st_size);
  modified = rs_local_info_modified (st);
  etag = rs_local_info_etag (st);
  rs_fileinfo_set_modified (info, modified);
  rs_fileinfo_set_etag (info, etag);
  if (metadata != NULL)
    rs_fileinfo_set_metadata (info, metadata);
  return RS_ENTRY (info);
}

void
rs_local_info_fill_result (RsWriteResult     *result,
                           const struct stat *st,
                           GHashTable        *metadata)
{
  g_autoptr(GDateTime) modified = rs_local_info_modified (st);
  g_autofree char *etag = rs_local_info_etag (st);

  rs_write_result_set_etag (result, etag);
  rs_write_result_set_last_modified (result, modified);
  if (metadata != NULL)
    rs_write_result_set_metadata (result, metadata);
}
