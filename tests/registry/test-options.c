/* test-options.c: backend options given as text, retry policies, secrets */
#include <string.h>

#include "rs-test-util.h"

static RsBackend *
create_ok (RsRegistry *registry,
           const char *type,
           GHashTable *options)
{
  g_autoptr(GError) error = NULL;
  RsBackend *backend = rs_registry_create_backend (registry, type, options, &error);

  g_assert_no_error (error);
  g_assert_true (RS_IS_BACKEND (backend));
  return backend;
}

/* Asserts that @options are refused as an invalid argument whose message
 * names @option, and returns the message. */
static char *
create_refused (RsRegistry *registry,
                const char *type,
                GHashTable *options,
                const char *option)
{
  g_autoptr(GError) error = NULL;
  RsBackend *backend = rs_registry_create_backend (registry, type, options, &error);

  g_assert_null (backend);
  g_assert_error (error, RS_ERROR, RS_ERROR_INVALID_ARGUMENT);
  g_test_message ("%s", error->message);
  rs_test_assert_contains (error->message, option);
  return g_strdup (error->message);
}

static void
test_defaults (void)
{
  g_autoptr(RsRegistry) registry = rs_test_registry_new ();
  g_autoptr(RsBackend) backend = create_ok (registry, "memory", NULL);
  g_autoptr(GHashTable) empty = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(RsBackend) from_empty = create_ok (registry, "memory", empty);
  RsRetryPolicy *policy;
  guint page_size = 0;
  g_autofree char *name = NULL;

  g_object_get (backend, "page-size", &page_size, "name", &name, NULL);
  g_assert_cmpuint (page_size, ==, 1000);
  g_assert_null (name);
  g_assert_false (rs_backend_get_facts (backend) & RS_BACKEND_FACTS_FLAT_NAMESPACE);
  g_assert_cmpstr (rs_backend_get_name (backend), ==, "memory");

  /* Without retry-* options a backend has the documented default policy. */
  policy = rs_backend_get_retry_policy (backend);
  g_assert_nonnull (policy);
  g_assert_cmpuint (rs_retry_policy_get_attempts (policy), ==, 4);
  g_assert_cmpuint (rs_retry_policy_get_base_delay_ms (policy), ==, 100);
  g_assert_cmpuint (rs_retry_policy_get_max_delay_ms (policy), ==, 5000);
  g_assert_cmpfloat_with_epsilon (rs_retry_policy_get_jitter (policy), 0.2, 1e-9);
  g_assert_cmpuint (rs_retry_policy_get_deadline_ms (policy), ==, 60000);

  g_assert_true (from_empty != backend);
  g_assert_false (rs_backend_get_facts (from_empty) & RS_BACKEND_FACTS_FLAT_NAMESPACE);
}

static void
test_page_size_and_flat (void)
{
  g_autoptr(RsRegistry) registry = rs_test_registry_new ();
  g_autoptr(GHashTable) options = rs_test_options ("page-size", "3", "flat", "true", NULL);
  g_autoptr(RsBackend) backend = create_ok (registry, "memory", options);
  g_autoptr(GHashTable) spelled = rs_test_options ("page-size", "17", "flat", "No", NULL);
  g_autoptr(RsBackend) other = create_ok (registry, "memory", spelled);
  guint page_size = 0;

  g_object_get (backend, "page-size", &page_size, NULL);
  g_assert_cmpuint (page_size, ==, 3);
  g_assert_true (rs_backend_get_facts (backend) & RS_BACKEND_FACTS_FLAT_NAMESPACE);

  g_object_get (other, "page-size", &page_size, NULL);
  g_assert_cmpuint (page_size, ==, 17);
  g_assert_false (rs_backend_get_facts (other) & RS_BACKEND_FACTS_FLAT_NAMESPACE);

  /* The options work: a flat store lists three entries a page and still
   * finds them all. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RsStore) store = rs_store_new (backend, "", &error);
    g_autoptr(RsEnumerator) files = NULL;
    guint count = 0;

    g_assert_no_error (error);
    for (guint i = 0; i < 7; i++)
      {
        g_autofree char *path = g_strdup_printf ("d/f%u", i);
        g_autoptr(RsWriteResult) result = rs_store_write_text (store, path, "x", RS_WRITE_NONE,
                                                               NULL, NULL, &error);

        g_assert_no_error (error);
      }
    files = rs_store_list_files (store, "d", RS_LIST_NONE, NULL, -1, NULL, &error);
    g_assert_no_error (error);
    for (;;)
      {
        g_autoptr(RsEntry) entry = rs_enumerator_next (files, NULL, &error);

        g_assert_no_error (error);
        if (entry == NULL)
          break;
        count++;
      }
    g_assert_cmpuint (count, ==, 7);
  }
}

/* An unknown option is refused by name, with the options that exist. */
static void
test_unknown_option (void)
{
  g_autoptr(RsRegistry) registry = rs_test_registry_new ();
  g_autoptr(GHashTable) options = rs_test_options ("colour", "vermilion-42", NULL);
  g_autofree char *message = create_refused (registry, "memory", options, "“colour”");
  static const char *const known[] = {
    "name", "flat", "page-size", "reject-write-under-file-ancestor",
    "retry-attempts", "retry-base-delay-ms", "retry-max-delay-ms", "retry-jitter", "retry-deadline-ms",
  };

  rs_test_assert_contains (message, "memory");
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    rs_test_assert_contains (message, known[i]);
  /* The refused value is not repeated. */
  rs_test_assert_not_contains (message, "vermilion-42");

  /* Read-only properties and the boxed retry-policy are not options. */
  {
    static const char *const not_options[] = { "location", "capabilities", "facts", "retry-policy" };

    for (guint i = 0; i < G_N_ELEMENTS (not_options); i++)
      {
        g_autoptr(GHashTable) bad = rs_test_options (not_options[i], "x", NULL);
        g_autofree char *refused = create_refused (registry, "memory", bad, not_options[i]);
      }
  }
}

/* A value of the wrong form is refused, naming the option. */
static void
test_bad_values (void)
{
  static const struct { const char *type, *key, *value; } bad[] = {
    { "memory", "page-size", "abc" },
    { "memory", "page-size", "" },
    { "memory", "page-size", "-3" },
    { "memory", "page-size", "0" },          /* below the property's minimum */
    { "memory", "page-size", "3x" },
    { "memory", "page-size", "99999999999999999999" },
    { "memory", "flat", "maybe" },
    { "memory", "flat", "" },
    { "memory", "reject-write-under-file-ancestor", "2" },
    { "lazy", "level", "11" },               /* above the property's maximum */
    { "memory", "retry-attempts", "0" },
    { "memory", "retry-attempts", "many" },
    { "memory", "retry-base-delay-ms", "-1" },
    { "memory", "retry-max-delay-ms", "1.5" },
    { "memory", "retry-jitter", "1.5" },
    { "memory", "retry-jitter", "abc" },
    { "memory", "retry-deadline-ms", "" },
  };
  g_autoptr(RsRegistry) registry = rs_test_registry_new ();

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GHashTable) options = rs_test_options (bad[i].key, bad[i].value, NULL);
      g_autofree char *message = create_refused (registry, bad[i].type, options, bad[i].key);
    }

  /* A bad option among good ones still refuses the whole backend. */
  {
    g_autoptr(GHashTable) options = rs_test_options ("page-size", "3", "flat", "maybe",
                                                     "retry-attempts", "2", NULL);
    g_autofree char *message = create_refused (registry, "memory", options, "flat");
  }
}

/* retry-* options become the backend's retry policy. */
static void
test_retry_policy (void)
{
  g_autoptr(RsRegistry) registry = rs_test_registry_new ();
  g_autoptr(GHashTable) options = rs_test_options ("retry-attempts", "7",
                                                   "retry-base-delay-ms", "10",
                                                   "retry-max-delay-ms", "500",
                                                   "retry-jitter", "0.25",
                                                   "retry-deadline-ms", "9000",
                                                   NULL);
  g_autoptr(RsBackend) backend = create_ok (registry, "memory", options);
  g_autoptr(GHashTable) partial = rs_test_options ("retry-attempts", "1", NULL);
  g_autoptr(RsBackend) other = create_ok (registry, "memory", partial);
  RsRetryPolicy *policy = rs_backend_get_retry_policy (backend);
  RsRetryPolicy *boxed = NULL;

  g_assert_nonnull (policy);
  g_assert_cmpuint (rs_retry_policy_get_attempts (policy), ==, 7);
  g_assert_cmpuint (rs_retry_policy_get_base_delay_ms (policy), ==, 10);
  g_assert_cmpuint (rs_retry_policy_get_max_delay_ms (policy), ==, 500);
  g_assert_cmpfloat_with_epsilon (rs_retry_policy_get_jitter (policy), 0.25, 1e-9);
  g_assert_cmpuint (rs_retry_policy_get_deadline_ms (policy), ==, 9000);

  /* The property holds the same policy. */
  g_object_get (backend, "retry-policy", &boxed, NULL);
  g_assert_nonnull (boxed);
  g_assert_cmpuint (rs_retry_policy_get_attempts (boxed), ==, 7);
  rs_retry_policy_free (boxed);

  /* Keys left out keep their defaults. */
  policy = rs_backend_get_retry_policy (other);
  g_assert_cmpuint (rs_retry_policy_get_attempts (policy), ==, 1);
  g_assert_cmpuint (rs_retry_policy_get_base_delay_ms (policy), ==, 100);
  g_assert_cmpuint (rs_retry_policy_get_deadline_ms (policy), ==, 60000);
}

/* A secret option reaches the backend as an RsSecret and never shows in a
 * message, whatever else is wrong with the options. */
static void
test_secret_option (void)
{
  const char *value = "hunter2-tok-8f3a";
  g_autoptr(RsRegistry) registry = rs_test_registry_new ();
  g_autoptr(GHashTable) options = rs_test_options ("token", value, "level", "4", NULL);
  g_autoptr(RsBackend) backend = create_ok (registry, "lazy", options);
  g_autoptr(RsSecret) token = NULL;
  GValue gvalue = G_VALUE_INIT;
  g_autofree char *contents = NULL;
  guint level = 0;

  g_object_get (backend, "token", &token, "level", &level, NULL);
  g_assert_nonnull (token);
  g_assert_cmpstr (rs_secret_reveal (token), ==, value);
  g_assert_cmpstr (rs_secret_to_string (token), ==, "***");
  g_assert_cmpuint (level, ==, 4);

  /* Printing the property's value does not reveal it either. */
  g_value_init (&gvalue, RS_TYPE_SECRET);
  g_object_get_property (G_OBJECT (backend), "token", &gvalue);
  contents = g_strdup_value_contents (&gvalue);
  rs_test_assert_not_contains (contents, value);
  g_value_unset (&gvalue);

  /* Errors about the other options never quote the secret. */
  {
    static const char *const bad[][2] = {
      { "level", "eleven" }, { "level", "11" }, { "colour", "red" }, { "retry-jitter", "7" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(GHashTable) wrong = rs_test_options ("token", value, bad[i][0], bad[i][1], NULL);
        g_autofree char *message = create_refused (registry, "lazy", wrong, bad[i][0]);

        rs_test_assert_not_contains (message, value);
        rs_test_assert_not_contains (message, "hunter2");
      }
  }
}

static void
test_secret_type (void)
{
  g_autoptr(RsSecret) secret = rs_secret_new ("s3cr3t-value");
  g_autoptr(RsSecret) empty = rs_secret_new (NULL);
  g_autoptr(RsSecret) blank = rs_secret_new ("");
  RsSecret *copy;

  g_assert_cmpstr (rs_secret_to_string (secret), ==, "***");
  g_assert_cmpstr (rs_secret_reveal (secret), ==, "s3cr3t-value");
  g_assert_false (rs_secret_is_empty (secret));
  g_assert_cmpstr (rs_secret_to_string (empty), ==, "***");
  g_assert_cmpstr (rs_secret_reveal (empty), ==, "");
  g_assert_true (rs_secret_is_empty (empty));
  g_assert_true (rs_secret_is_empty (blank));

  /* Boxed copies are references to the same value. */
  copy = g_boxed_copy (RS_TYPE_SECRET, secret);
  g_assert_cmpstr (rs_secret_reveal (copy), ==, "s3cr3t-value");
  g_assert_cmpstr (rs_secret_to_string (copy), ==, "***");
  g_boxed_free (RS_TYPE_SECRET, copy);
  g_assert_cmpstr (rs_secret_reveal (secret), ==, "s3cr3t-value");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/options/defaults", test_defaults);
  g_test_add_func ("/options/page-size-and-flat", test_page_size_and_flat);
  g_test_add_func ("/options/unknown", test_unknown_option);
  g_test_add_func ("/options/bad-values", test_bad_values);
  g_test_add_func ("/options/retry-policy", test_retry_policy);
  g_test_add_func ("/options/secret-option", test_secret_option);
  g_test_add_func ("/options/secret-type", test_secret_type);

  return g_test_run ();
}
