/* rs-tool-entries.c: one line per entry, or one JSON array for a whole
 * listing, printed as it streams so memory stays flat */
#include "rs-tool.h"

#include <stdio.h>

void
rs_tool_entries_begin (RsToolEntryPrinter *printer)
{
  printer->count = 0;
  if (printer->json)
    fputs ("[", stdout);
}

static void
print_json (RsToolEntryPrinter *printer,
            RsEntry            *entry,
            const char         *shown_path)
{
  g_autoptr(GString) out = g_string_new ("{");
  gboolean is_file = RS_IS_FILE_INFO (entry);

  rs_tool_json_member (out, "path");
  rs_tool_json_string (out, shown_path);
  rs_tool_json_member (out, "key");
  rs_tool_json_string (out, rs_entry_get_path (entry));
  rs_tool_json_member (out, "name");
  rs_tool_json_string (out, rs_entry_get_name (entry));
  rs_tool_json_member (out, "type");
  rs_tool_json_string (out, is_file ? "file" : "folder");
  if (is_file)
    {
      RsFileInfo *info = RS_FILE_INFO (entry);

      rs_tool_json_member (out, "size");
      g_string_append_printf (out, "%" G_GINT64_FORMAT, rs_fileinfo_get_size (info));
      rs_tool_json_member (out, "modified");
      rs_tool_json_time (out, rs_fileinfo_get_modified (info));
      if (printer->long_format)
        {
          rs_tool_json_member (out, "content-type");
          rs_tool_json_string (out, rs_fileinfo_get_content_type (info));
          rs_tool_json_member (out, "etag");
          rs_tool_json_string (out, rs_fileinfo_get_etag (info));
        }
    }
  g_string_append_c (out, '}');
  fputs (printer->count > 0 ? ",\n" : "\n", stdout);
  fwrite (out->str, 1, out->len, stdout);
}

void
rs_tool_entries_print (RsToolEntryPrinter *printer,
                       RsEntry            *entry,
                       const char         *shown_path)
{
  gboolean is_file = RS_IS_FILE_INFO (entry);

  if (printer->json)
    print_json (printer, entry, shown_path);
  else if (!printer->long_format)
    printf ("%s%s\n", shown_path, is_file ? "" : "/");
  else if (is_file)
    {
      RsFileInfo *info = RS_FILE_INFO (entry);
      g_autofree char *size = rs_tool_format_size (rs_fileinfo_get_size (info), printer->human);
      g_autofree char *time = rs_tool_format_time (rs_fileinfo_get_modified (info));

      printf ("-  %12s  %19s  %s\n", size, time, shown_path);
    }
  else
    printf ("d  %12s  %19s  %s/\n", "-", "-", shown_path);
  printer->count++;
}

void
rs_tool_entries_end (RsToolEntryPrinter *printer)
{
  if (printer->json)
    fputs (printer->count > 0 ? "\n]\n" : "]\n", stdout);
  fflush (stdout);
}
