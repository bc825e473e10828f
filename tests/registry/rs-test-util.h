/* rs-test-util.h: helpers shared by the registry tests (not installed) */
#pragma once

#include <remotestore/remotestore.h>

G_BEGIN_DECLS

/* The in-tree plugin folders, from the environment meson gives the tests:
 * RS_TEST_PLUGIN_PATH (memory, syncmem, asyncmem and the broken fixtures)
 * and RS_TEST_BROKEN_PLUGIN_DIR (the broken fixtures alone). */
const char  *rs_test_plugin_path        (void);
const char  *rs_test_broken_plugin_dir  (void);
RsRegistry  *rs_test_registry_new       (void);

/* Whether a module file of that base name is mapped into this process. */
gboolean     rs_test_module_is_mapped   (const char *module_basename);

/* Whether the lazy fixture's constructor ran in this process. */
gboolean     rs_test_lazy_was_loaded    (void);

/* A string → string table from NULL-terminated key/value pairs. */
GHashTable  *rs_test_options            (const char *first_key,
                                         ...) G_GNUC_NULL_TERMINATED;

/* A name no other test (or earlier run) uses, for named memory trees. */
char        *rs_test_unique_name        (const char *prefix);

/* Runs the current test again in a fresh process, where no plugin was
 * loaded yet. Returns TRUE in that child, which then does the test's
 * work; FALSE in the parent, which has reported the child's outcome: a
 * failure, a hang (the child is killed after 5 s, so that a deadlock
 * fails one test instead of the whole run). */
gboolean     rs_test_in_fresh_process   (void);

#define rs_test_assert_contains(haystack, needle)                             \
  G_STMT_START {                                                              \
    const char *h__ = (haystack), *n__ = (needle);                            \
    if (h__ == NULL || strstr (h__, n__) == NULL)                             \
      g_error ("%s:%d: expected “%s” in “%s”", __FILE__, __LINE__, n__,       \
               h__ != NULL ? h__ : "(null)");                                 \
  } G_STMT_END

#define rs_test_assert_not_contains(haystack, needle)                         \
  G_STMT_START {                                                              \
    const char *h__ = (haystack), *n__ = (needle);                            \
    if (h__ != NULL && strstr (h__, n__) != NULL)                             \
      g_error ("%s:%d: “%s” must not appear in “%s”", __FILE__, __LINE__,     \
               n__, h__);                                                     \
  } G_STMT_END

G_END_DECLS
