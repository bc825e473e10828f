/* rs-cmd-plugins.c: remote-store plugins */
#include "rs-tool.h"

#include <stdio.h>

static gboolean json;
static gboolean manifests_only;

static GOptionEntry entries[] = {
  { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
  { "no-load", 'n', 0, G_OPTION_ARG_NONE, &manifests_only, N_("Read the manifests only; load no plugin"), NULL },
  G_OPTION_ENTRY_NULL
};

typedef struct
{
  GString *json;
  GString *text;
} Report;

static char *
capability_names (RsCapabilities capabilities)
{
  g_autoptr(GFlagsClass) klass = g_type_class_ref (RS_TYPE_CAPABILITIES);
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < klass->n_values; i++)
    if (klass->values[i].value != 0 && (capabilities & klass->values[i].value) == klass->values[i].value)
      {
        if (names->len > 0)
          g_string_append_c (names, ' ');
        g_string_append (names, klass->values[i].value_nick);
      }
  return g_string_free (names, FALSE);
}

/* A backend made with no options shows what the plugin can do; plugins
 * that need options (a bucket, a host) say so instead. */
static void
describe_capabilities (Report     *report,
                       const char *plugin)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RsBackend) backend = rs_registry_create_backend (rs_registry_get_default (), plugin,
                                                             NULL, &error);
  g_autofree char *names = NULL;

  rs_tool_json_member (report->json, "capabilities");
  if (backend == NULL)
    {
      g_string_append (report->json, "null");
      g_string_append_printf (report->text, "  %s: %s\n", _("capabilities"),
                              _("(depend on the options)"));
      return;
    }
  names = capability_names (rs_backend_get_capabilities (backend));
  g_string_append_c (report->json, '[');
  {
    g_auto(GStrv) split = g_strsplit (names, " ", -1);

    for (guint i = 0; split[i] != NULL && split[i][0] != '\0'; i++)
      {
        if (i > 0)
          g_string_append_c (report->json, ',');
        rs_tool_json_string (report->json, split[i]);
      }
  }
  g_string_append_c (report->json, ']');
  g_string_append_printf (report->text, "  %s: %s\n", _("capabilities"), names);
}

/* Options are the backend type's own properties. */
static void
describe_options (Report *report,
                  GType   type)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (type);
  guint n = 0;
  g_autofree GParamSpec **specs = g_object_class_list_properties (G_OBJECT_CLASS (klass), &n);
  guint shown = 0;

  rs_tool_json_member (report->json, "options");
  g_string_append_c (report->json, '[');
  g_string_append_printf (report->text, "  %s:\n", _("options"));
  for (guint i = 0; i < n; i++)
    {
      GParamSpec *spec = specs[i];

      if (spec->owner_type == RS_TYPE_BACKEND || !(spec->flags & G_PARAM_WRITABLE))
        continue;
      g_string_append (report->json, shown++ > 0 ? ",{" : "{");
      rs_tool_json_member (report->json, "name");
      rs_tool_json_string (report->json, spec->name);
      rs_tool_json_member (report->json, "type");
      rs_tool_json_string (report->json, g_type_name (spec->value_type));
      rs_tool_json_member (report->json, "description");
      rs_tool_json_string (report->json, g_param_spec_get_blurb (spec));
      g_string_append_c (report->json, '}');
      g_string_append_printf (report->text, "    %-32s %s\n", spec->name,
                              g_param_spec_get_blurb (spec) ? g_param_spec_get_blurb (spec) : "");
    }
  g_string_append_c (report->json, ']');
}

static void
describe_plugin (Report       *report,
                 RsPluginInfo *plugin)
{
  const char * const *schemes = rs_plugin_info_get_schemes (plugin);
  g_autofree char *scheme_text = schemes != NULL ? g_strjoinv (" ", (char **) schemes) : g_strdup ("");
  const GError *load_error;
  g_autoptr(GError) error = NULL;

  g_string_append_c (report->json, '{');
  rs_tool_json_member (report->json, "name");
  rs_tool_json_string (report->json, rs_plugin_info_get_name (plugin));
  rs_tool_json_member (report->json, "description");
  rs_tool_json_string (report->json, rs_plugin_info_get_description (plugin));
  rs_tool_json_member (report->json, "version");
  rs_tool_json_string (report->json, rs_plugin_info_get_version (plugin));
  rs_tool_json_member (report->json, "license");
  rs_tool_json_string (report->json, rs_plugin_info_get_license (plugin));
  rs_tool_json_member (report->json, "module");
  rs_tool_json_string (report->json, rs_plugin_info_get_module_path (plugin));
  rs_tool_json_member (report->json, "schemes");
  g_string_append_c (report->json, '[');
  for (guint i = 0; schemes != NULL && schemes[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (report->json, ',');
      rs_tool_json_string (report->json, schemes[i]);
    }
  g_string_append_c (report->json, ']');

  g_string_append_printf (report->text, "%s — %s\n", rs_plugin_info_get_name (plugin),
                          rs_plugin_info_get_description (plugin) ? rs_plugin_info_get_description (plugin) : "");
  g_string_append_printf (report->text, "  %s: %s\n", _("schemes"), scheme_text);
  g_string_append_printf (report->text, "  %s: %s\n", _("module"),
                          rs_plugin_info_get_module_path (plugin) ? rs_plugin_info_get_module_path (plugin) : "");

  if (!manifests_only && rs_plugin_info_get_load_error (plugin) == NULL)
    {
      if (rs_registry_load_plugin (rs_registry_get_default (), plugin, &error))
        {
          guint n_types = 0;
          GType *types = rs_plugin_info_get_backend_types (plugin, &n_types);

          describe_capabilities (report, rs_plugin_info_get_name (plugin));
          if (n_types > 0)
            describe_options (report, types[0]);
        }
    }
  load_error = error != NULL ? error : rs_plugin_info_get_load_error (plugin);
  rs_tool_json_member (report->json, "loaded");
  g_string_append (report->json, rs_plugin_info_is_loaded (plugin) ? "true" : "false");
  rs_tool_json_member (report->json, "error");
  rs_tool_json_string (report->json, load_error != NULL ? load_error->message : NULL);
  if (load_error != NULL)
    g_string_append_printf (report->text, "  %s: %s\n", _("error"), load_error->message);
  g_string_append_c (report->json, '}');
}

int
handle_plugins (int argc, char *argv[], gboolean do_help)
{
  g_autoptr(GOptionContext) context = NULL;
  GList *plugins;
  guint shown = 0;
  gboolean failed = FALSE;
  int status;

  context = rs_tool_context_new ("plugins", _("[NAME…]"),
                                 _("List the plugins found, their schemes, capabilities and options, "
                                   "and why a plugin cannot be loaded."), entries);
  status = rs_tool_parse (context, &argc, &argv, do_help);
  if (status >= 0)
    return status;

  plugins = rs_registry_list_plugins (rs_registry_get_default ());
  if (json)
    fputs ("[", stdout);
  for (GList *l = plugins; l != NULL; l = l->next)
    {
      RsPluginInfo *plugin = l->data;
      g_autoptr(GString) json_text = g_string_new (NULL);
      g_autoptr(GString) text = g_string_new (NULL);
      Report report = { json_text, text };
      gboolean wanted = argc < 2;

      for (int i = 1; i < argc && !wanted; i++)
        wanted = g_strcmp0 (argv[i], rs_plugin_info_get_name (plugin)) == 0;
      if (!wanted)
        continue;
      describe_plugin (&report, plugin);
      failed |= rs_plugin_info_get_load_error (plugin) != NULL;
      if (json)
        fputs (shown > 0 ? ",\n" : "\n", stdout);
      else if (shown > 0)
        fputs ("\n", stdout);
      shown++;
      fwrite (json ? json_text->str : text->str, 1, json ? json_text->len : text->len, stdout);
    }
  g_list_free_full (plugins, g_object_unref);
  if (json)
    fputs (shown > 0 ? "\n]\n" : "]\n", stdout);
  if (argc >= 2 && shown == 0)
    {
      g_printerr (_("remote-store: no plugin named “%s”\n"), argv[1]);
      return RS_TOOL_EXIT_FAILED;
    }
  /* A plugin that cannot load is reported above; the listing itself worked. */
  (void) failed;
  return RS_TOOL_EXIT_OK;
}
