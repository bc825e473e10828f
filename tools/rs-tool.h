/* rs-tool.h: what the remote-store commands share */
#pragma once

#include <glib.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <remotestore/remotestore.h>

G_BEGIN_DECLS

/* Exit statuses, as the gio tool: 0 done, 1 bad usage, 2 the operation
 * failed. */
enum
{
  RS_TOOL_EXIT_OK = 0,
  RS_TOOL_EXIT_USAGE = 1,
  RS_TOOL_EXIT_FAILED = 2,
};

typedef int (*RsToolHandler) (int argc, char *argv[], gboolean do_help);

typedef struct
{
  const char *name;
  RsToolHandler handler;
  const char *summary;  /* N_() string, translated when shown */
} RsToolCommand;

int handle_ls (int argc, char *argv[], gboolean do_help);
int handle_cat (int argc, char *argv[], gboolean do_help);
int handle_put (int argc, char *argv[], gboolean do_help);
int handle_get (int argc, char *argv[], gboolean do_help);
int handle_cp (int argc, char *argv[], gboolean do_help);
int handle_mv (int argc, char *argv[], gboolean do_help);
int handle_rm (int argc, char *argv[], gboolean do_help);
int handle_stat (int argc, char *argv[], gboolean do_help);
int handle_du (int argc, char *argv[], gboolean do_help);
int handle_glob (int argc, char *argv[], gboolean do_help);
int handle_plugins (int argc, char *argv[], gboolean do_help);

/* rs-tool-options.c: one GOptionContext per command */
GOptionContext *rs_tool_context_new (const char   *command,
                                     const char   *parameters,
                                     const char   *summary,
                                     GOptionEntry *entries);
int             rs_tool_parse       (GOptionContext *context,
                                     int            *argc,
                                     char         ***argv,
                                     gboolean        do_help);
int             rs_tool_usage_error (GOptionContext *context,
                                     const char     *message);

/* rs-tool-output.c: errors and machine output */
void   rs_tool_print_error (const char   *location,
                            const GError *error);
int    rs_tool_fail        (const char   *location,
                            GError       *error);
void   rs_tool_json_string (GString      *out,
                            const char   *value);
void   rs_tool_json_member (GString      *out,
                            const char   *name);
void   rs_tool_json_time   (GString      *out,
                            GDateTime    *time);
void   rs_tool_json_metadata (GString    *out,
                              GHashTable *metadata);
void   rs_tool_print_json  (GString      *out);
char  *rs_tool_format_time (GDateTime    *time);
char  *rs_tool_format_size (gint64        size,
                            gboolean      human);

/* rs-tool-location.c: a location is a store and a store-relative key */
typedef struct
{
  RsStore *store;
  char *key;       /* "" is the store root */
  char *display;   /* as the user wrote it, for messages */
} RsToolLocation;

gboolean rs_tool_locate       (const char * const *locations,
                               guint               n_locations,
                               const gboolean     *plain_paths,
                               RsToolLocation     *out,
                               GError            **error);
void     rs_tool_location_clear (RsToolLocation *location);
char    *rs_tool_redact_location (const char *location);
char    *rs_tool_join_key     (const char *folder,
                               const char *name);
const char *rs_tool_basename  (const char *key);

/* rs-tool-entries.c: listings as text or a streamed JSON array */
typedef struct
{
  gboolean json;
  gboolean long_format;
  gboolean human;
  guint count;
} RsToolEntryPrinter;

void rs_tool_entries_begin (RsToolEntryPrinter *printer);
void rs_tool_entries_print (RsToolEntryPrinter *printer,
                            RsEntry            *entry,
                            const char         *shown_path);
void rs_tool_entries_end   (RsToolEntryPrinter *printer);

/* rs-tool-copy.c: what cp, mv, put and get share */
typedef struct
{
  gboolean move;
  gboolean recursive;
  gboolean overwrite;
  gboolean atomic;
  gboolean quiet;
  gboolean json;
  int jobs;
  gboolean sources_are_local;      /* put */
  gboolean destination_is_local;   /* get */
} RsToolCopyOptions;

int rs_tool_copy (const RsToolCopyOptions *options,
                  char                   **sources,
                  guint                    n_sources,
                  const char              *destination);

/* rs-cmd-cat.c: files to standard output */
int rs_tool_cat (const char * const *locations,
                 guint               n_locations);

/* rs-tool-signals.c: SIGINT/SIGTERM/SIGHUP cancel the running transfer */
GCancellable *rs_tool_cancellable (void);

G_END_DECLS
