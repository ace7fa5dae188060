/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-keyring"

#include "config.h"

#include <libsecret/secret.h>
#include <string.h>

#include "tonic-keyring.h"
#include "tonic-vault-error.h"

/* Runs under tests/tonic-test-session, which sets TONIC_TEST_KEYRING:
 *   gnome   gnome-keyring with the login collection unlocked
 *   locked  gnome-keyring with the login collection locked, no prompter
 *   none    a session bus without any Secret Service
 *   file    libsecret's file backend */

static const char *mode;

/* Waiting for results */

static void
on_ready (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

static gboolean
store (const char    *practice_id,
       TonicKey      *key,
       GCancellable  *cancellable,
       GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_keyring_store_async (practice_id, "Riverside Ketamine Clinic", key, cancellable,
                             on_ready, &result);
  return tonic_keyring_store_finish (wait_for (&result), error);
}

static TonicKey *
lookup (const char    *practice_id,
        GCancellable  *cancellable,
        GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_keyring_lookup_async (practice_id, cancellable, on_ready, &result);
  return tonic_keyring_lookup_finish (wait_for (&result), error);
}

static gboolean
clear (const char    *practice_id,
       GCancellable  *cancellable,
       GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_keyring_clear_async (practice_id, cancellable, on_ready, &result);
  return tonic_keyring_clear_finish (wait_for (&result), error);
}

static void
assert_lookup (const char *practice_id,
               TonicKey   *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TonicKey) key = lookup (practice_id, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (key);
  g_assert_true (tonic_key_equal (key, expected));
}

static void
assert_lookup_fails (const char *practice_id,
                     int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TonicKey) key = lookup (practice_id, NULL, &error);

  g_assert_error (error, TONIC_VAULT_ERROR, code);
  g_assert_null (key);
}

static void
assert_store_fails (const char *practice_id,
                    int         code)
{
  g_autoptr(TonicKey) key = tonic_key_new_random ();
  g_autoptr(GError) error = NULL;

  g_assert_false (store (practice_id, key, NULL, &error));
  g_assert_error (error, TONIC_VAULT_ERROR, code);
}

static void
assert_clear_fails (const char *practice_id,
                    int         code)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (clear (practice_id, NULL, &error));
  g_assert_error (error, TONIC_VAULT_ERROR, code);
}

/* A working keyring: gnome, file */

static void
test_round_trip (void)
{
  g_autofree char *practice_a = g_uuid_string_random ();
  g_autofree char *practice_b = g_uuid_string_random ();
  g_autoptr(TonicKey) key_a = tonic_key_new_random ();
  g_autoptr(TonicKey) key_b = tonic_key_new_random ();
  g_autoptr(TonicKey) key_a2 = tonic_key_new_random ();
  g_autoptr(GError) error = NULL;

  assert_lookup_fails (practice_a, TONIC_VAULT_ERROR_NOT_FOUND);

  g_assert_true (store (practice_a, key_a, NULL, &error));
  g_assert_no_error (error);
  assert_lookup (practice_a, key_a);

  /* A second practice's key does not mix with the first. */
  assert_lookup_fails (practice_b, TONIC_VAULT_ERROR_NOT_FOUND);
  g_assert_true (store (practice_b, key_b, NULL, &error));
  g_assert_no_error (error);
  assert_lookup (practice_a, key_a);
  assert_lookup (practice_b, key_b);

  /* Storing again replaces. */
  g_assert_true (store (practice_a, key_a2, NULL, &error));
  g_assert_no_error (error);
  assert_lookup (practice_a, key_a2);
  assert_lookup (practice_b, key_b);

  g_assert_true (clear (practice_a, NULL, &error));
  g_assert_no_error (error);
  assert_lookup_fails (practice_a, TONIC_VAULT_ERROR_NOT_FOUND);
  assert_lookup (practice_b, key_b);

  /* Clearing what is not there is no error. */
  g_assert_true (clear (practice_a, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (clear (practice_b, NULL, &error));
  g_assert_no_error (error);
  assert_lookup_fails (practice_b, TONIC_VAULT_ERROR_NOT_FOUND);
}

/* The item as another program sees it: our schema, attribute and label. */
static void
test_item_attributes (void)
{
  static const SecretSchema schema = {
    "io.github.tonicrecords.Tonic.DatabaseKey", SECRET_SCHEMA_NONE,
    { { "practice-id", SECRET_SCHEMA_ATTRIBUTE_STRING }, { NULL, 0 } }
  };
  g_autofree char *practice = g_uuid_string_random ();
  g_autoptr(TonicKey) key = tonic_key_new_random ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretValue) value = NULL;
  gsize len = 0;
  const char *data;

  g_assert_true (store (practice, key, NULL, &error));
  g_assert_no_error (error);

  value = secret_password_lookup_binary_sync (&schema, NULL, &error, "practice-id", practice, NULL);
  g_assert_no_error (error);
  g_assert_nonnull (value);
  data = secret_value_get (value, &len);
  g_assert_cmpuint (len, ==, TONIC_KEY_SIZE);
  g_assert_cmpmem (data, len, tonic_key_get_data (key), TONIC_KEY_SIZE);

  if (g_str_equal (mode, "gnome"))
    {
      g_autoptr(GHashTable) attributes = NULL;
      g_autolist(SecretItem) items = NULL;
      g_autofree char *label = NULL;

      attributes = secret_attributes_build (&schema, "practice-id", practice, NULL);
      items = secret_service_search_sync (NULL, &schema, attributes, SECRET_SEARCH_ALL,
                                          NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_length (items), ==, 1);
      label = secret_item_get_label (items->data);
      g_assert_cmpstr (label, ==, "Tonic database key for Riverside Ketamine Clinic");
    }

  g_assert_true (clear (practice, NULL, &error));
  g_assert_no_error (error);
}

/* Something else under our schema that is not a 32-byte key. */
static void
test_wrong_length (void)
{
  static const SecretSchema schema = {
    "io.github.tonicrecords.Tonic.DatabaseKey", SECRET_SCHEMA_NONE,
    { { "practice-id", SECRET_SCHEMA_ATTRIBUTE_STRING }, { NULL, 0 } }
  };
  g_autofree char *practice = g_uuid_string_random ();
  g_autoptr(SecretValue) value = secret_value_new ("short", -1, "application/octet-stream");
  g_autoptr(GError) error = NULL;

  secret_password_store_binary_sync (&schema, SECRET_COLLECTION_DEFAULT, "not a key", value,
                                     NULL, &error, "practice-id", practice, NULL);
  g_assert_no_error (error);

  assert_lookup_fails (practice, TONIC_VAULT_ERROR_FAILED);

  g_assert_true (clear (practice, NULL, &error));
  g_assert_no_error (error);
  assert_lookup_fails (practice, TONIC_VAULT_ERROR_NOT_FOUND);
}

static void
test_cancelled (void)
{
  g_autofree char *practice = g_uuid_string_random ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(TonicKey) key = tonic_key_new_random ();
  g_autoptr(TonicKey) found = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);

  found = lookup (practice, cancellable, &error);
  g_assert_null (found);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_assert_false (store (practice, key, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_assert_false (clear (practice, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* No Secret Service at all */

static void
test_no_service (void)
{
  g_autofree char *practice = g_uuid_string_random ();

  assert_lookup_fails (practice, TONIC_VAULT_ERROR_NO_SERVICE);
  assert_store_fails (practice, TONIC_VAULT_ERROR_NO_SERVICE);
  assert_clear_fails (practice, TONIC_VAULT_ERROR_NO_SERVICE);
}

/* A locked login collection */

static void
test_locked_no_prompter (void)
{
  g_autofree char *practice = g_uuid_string_random ();

  /* gnome-keyring asks for a prompt, finds no prompter and gives up: the
   * keyring is locked, and not because anyone said no. */
  assert_lookup_fails (practice, TONIC_VAULT_ERROR_LOCKED);
  assert_store_fails (practice, TONIC_VAULT_ERROR_LOCKED);
  assert_clear_fails (practice, TONIC_VAULT_ERROR_LOCKED);
}

/* A stand-in for gcr's system prompter (org.gnome.keyring.SystemPrompter,
 * the private D-Bus protocol between gnome-keyring and the prompt it shows):
 * the person either presses Cancel at once or takes forever to answer. */

typedef enum
{
  PROMPTER_CANCEL,
  PROMPTER_NEVER_ANSWER,
} PrompterBehaviour;

typedef struct
{
  PrompterBehaviour  behaviour;
  GDBusConnection   *connection;
  guint              owner_id;
  guint              object_id;
  gboolean           owned;
  guint              prompts;
  guint              stops;
  char              *pending_peer;      /* a question not answered yet */
  char              *pending_callback;
} FakePrompter;

static const char prompter_xml[] =
  "<node>"
  "  <interface name='org.gnome.keyring.internal.Prompter'>"
  "    <method name='BeginPrompting'>"
  "      <arg name='callback' type='o' direction='in'/>"
  "    </method>"
  "    <method name='PerformPrompt'>"
  "      <arg name='callback' type='o' direction='in'/>"
  "      <arg name='type' type='s' direction='in'/>"
  "      <arg name='properties' type='a{sv}' direction='in'/>"
  "      <arg name='exchange' type='s' direction='in'/>"
  "    </method>"
  "    <method name='StopPrompting'>"
  "      <arg name='callback' type='o' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

static void
prompter_reply (FakePrompter *prompter,
                const char   *peer,
                const char   *callback,
                const char   *reply)
{
  g_dbus_connection_call (prompter->connection, peer, callback,
                          "org.gnome.keyring.internal.Prompter.Callback", "PromptReady",
                          g_variant_new ("(s@a{sv}s)", reply,
                                         g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0),
                                         ""),
                          NULL, G_DBUS_CALL_FLAGS_NO_AUTO_START, -1, NULL, NULL, NULL);
}

static void
on_prompter_method (GDBusConnection       *connection,
                    const char            *sender,
                    const char            *object_path,
                    const char            *interface_name,
                    const char            *method_name,
                    GVariant              *parameters,
                    GDBusMethodInvocation *invocation,
                    gpointer               user_data)
{
  FakePrompter *prompter = user_data;
  const char *callback = NULL;

  g_variant_get_child (parameters, 0, "&o", &callback);
  g_dbus_method_invocation_return_value (invocation, NULL);

  if (g_str_equal (method_name, "BeginPrompting"))
    {
      /* Ready for the first question. */
      prompter_reply (prompter, sender, callback, "");
    }
  else if (g_str_equal (method_name, "PerformPrompt"))
    {
      prompter->prompts++;
      if (prompter->behaviour == PROMPTER_CANCEL)
        {
          prompter_reply (prompter, sender, callback, "no");
        }
      else
        {
          g_free (prompter->pending_peer);
          g_free (prompter->pending_callback);
          prompter->pending_peer = g_strdup (sender);
          prompter->pending_callback = g_strdup (callback);
        }
    }
  else if (g_str_equal (method_name, "StopPrompting"))
    {
      prompter->stops++;
      g_dbus_connection_call (prompter->connection, sender, callback,
                              "org.gnome.keyring.internal.Prompter.Callback", "PromptDone",
                              NULL, NULL, G_DBUS_CALL_FLAGS_NO_AUTO_START, -1, NULL, NULL, NULL);
    }
}

static const GDBusInterfaceVTable prompter_vtable = { on_prompter_method, NULL, NULL, { 0 } };

static void
on_prompter_name_acquired (GDBusConnection *connection,
                           const char      *name,
                           gpointer         user_data)
{
  FakePrompter *prompter = user_data;

  prompter->owned = TRUE;
}

static FakePrompter *
fake_prompter_start (PrompterBehaviour behaviour)
{
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  FakePrompter *prompter = g_new0 (FakePrompter, 1);

  prompter->behaviour = behaviour;
  prompter->connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);

  info = g_dbus_node_info_new_for_xml (prompter_xml, &error);
  g_assert_no_error (error);
  prompter->object_id = g_dbus_connection_register_object (prompter->connection,
                                                           "/org/gnome/keyring/Prompter",
                                                           info->interfaces[0],
                                                           &prompter_vtable, prompter, NULL,
                                                           &error);
  g_assert_no_error (error);

  prompter->owner_id = g_bus_own_name_on_connection (prompter->connection,
                                                     "org.gnome.keyring.SystemPrompter",
                                                     G_BUS_NAME_OWNER_FLAGS_NONE,
                                                     on_prompter_name_acquired, NULL,
                                                     prompter, NULL);
  while (!prompter->owned)
    g_main_context_iteration (NULL, TRUE);

  return prompter;
}

static void
fake_prompter_stop (FakePrompter *prompter)
{
  /* A real prompt stays on screen until answered, even when the app that
   * asked has gone: close it the way a person would, and let gnome-keyring
   * finish with it (gnome-keyring 42 aborts when a prompter vanishes in the
   * middle of a dismissed unlock). */
  if (prompter->pending_peer != NULL)
    {
      guint stops = prompter->stops;
      gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

      prompter_reply (prompter, prompter->pending_peer, prompter->pending_callback, "no");
      while (prompter->stops == stops && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, FALSE);
      g_clear_pointer (&prompter->pending_peer, g_free);
      g_clear_pointer (&prompter->pending_callback, g_free);
    }

  g_bus_unown_name (prompter->owner_id);
  g_dbus_connection_unregister_object (prompter->connection, prompter->object_id);
  g_dbus_connection_flush_sync (prompter->connection, NULL, NULL);
  /* Let gnome-keyring finish with the prompt before the next test. */
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_object_unref (prompter->connection);
  g_free (prompter);
}

static void
test_locked_dismissed (void)
{
  g_autofree char *practice = g_uuid_string_random ();
  FakePrompter *prompter = fake_prompter_start (PROMPTER_CANCEL);

  /* The unlock prompt appears and the person cancels it. */
  assert_lookup_fails (practice, TONIC_VAULT_ERROR_DISMISSED);
  g_assert_cmpuint (prompter->prompts, ==, 1);
  assert_store_fails (practice, TONIC_VAULT_ERROR_DISMISSED);
  g_assert_cmpuint (prompter->prompts, ==, 2);

  fake_prompter_stop (prompter);
}

static gboolean
cancel_later (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_locked_cancelled (void)
{
  g_autofree char *practice = g_uuid_string_random ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TonicKey) key = NULL;
  FakePrompter *prompter = fake_prompter_start (PROMPTER_NEVER_ANSWER);

  /* The prompt is up and nobody answers; the app gives up (say the window
   * closed): the keyring's prompt goes away and the call is cancelled. */
  g_timeout_add (300, cancel_later, cancellable);
  key = lookup (practice, cancellable, &error);
  g_assert_null (key);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (prompter->prompts, ==, 1);
  /* The call returned without waiting for the prompt, which is still up. */
  g_assert_nonnull (prompter->pending_peer);

  fake_prompter_stop (prompter);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  mode = g_getenv ("TONIC_TEST_KEYRING");
  if (mode == NULL)
    {
      g_printerr ("Run this test through tests/tonic-test-session --keyring=MODE\n");
      return 77;
    }

  if (g_str_equal (mode, "gnome") || g_str_equal (mode, "file"))
    {
      g_test_add_func ("/keyring/round-trip", test_round_trip);
      g_test_add_func ("/keyring/item-attributes", test_item_attributes);
      g_test_add_func ("/keyring/wrong-length", test_wrong_length);
      g_test_add_func ("/keyring/cancelled", test_cancelled);
    }
  else if (g_str_equal (mode, "locked"))
    {
      g_test_add_func ("/keyring/locked/no-prompter", test_locked_no_prompter);
      g_test_add_func ("/keyring/locked/dismissed", test_locked_dismissed);
      g_test_add_func ("/keyring/locked/cancelled", test_locked_cancelled);
      g_test_add_func ("/keyring/locked/no-prompter-again", test_locked_no_prompter);
    }
  else if (g_str_equal (mode, "none"))
    {
      g_test_add_func ("/keyring/none", test_no_service);
      g_test_add_func ("/keyring/none/cancelled", test_cancelled);
    }
  else
    {
      g_printerr ("Unknown TONIC_TEST_KEYRING=%s\n", mode);
      return 1;
    }

  return g_test_run ();
}
