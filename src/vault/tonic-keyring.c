/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-keyring"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "tonic-keyring.h"
#include "tonic-vault-error.h"

/* How libsecret 0.20.5 reports what can happen, as observed against
 * gnome-keyring 42 and its file backend (tests/test-keyring.c checks each):
 *
 * - No Secret Service on the bus: G_DBUS_ERROR_SERVICE_UNKNOWN (nothing
 *   activatable), NAME_HAS_NO_OWNER, or SPAWN_* (activation failed); no
 *   session bus at all gives a G_IO_ERROR from g_bus_get().
 * - A locked collection: secret_password_lookup() returns NULL *without an
 *   error*, exactly as for a missing item, both when the matching item is
 *   locked (libsecret tried to unlock it and the prompt came back
 *   dismissed) and when no item is visible (no prompt at all).
 *   secret_password_store() fails with SECRET_ERROR_IS_LOCKED after its
 *   own unlock attempt; secret_password_clear() skips locked items and
 *   returns FALSE.
 * - An unlock prompt the person dismissed: secret_service_unlock() succeeds
 *   with 0 objects unlocked and no error (the prompt's Completed signal says
 *   dismissed). When gnome-keyring cannot reach a prompter
 *   (org.gnome.keyring.SystemPrompter is neither running nor activatable)
 *   it completes the prompt as dismissed too: on the wire the two are the
 *   same. Cancelling the GCancellable dismisses the prompt.
 *
 * So when libsecret would use the D-Bus service, this file searches, unlocks
 * and reads items itself through SecretService, and tells the cases apart:
 * - nothing matches and the default collection is locked: unlock it (the
 *   keyring prompts) and search again before saying NOT_FOUND;
 * - an unlock that unlocks nothing was DISMISSED, unless the service is
 *   gnome-keyring and no prompter is on the bus afterwards: then no prompt
 *   could be shown and the keyring is LOCKED.
 * Other backends (SECRET_BACKEND=file, the secret portal in a sandbox) have
 * no locking; they go through secret_password_*(). */

#define SYSTEM_PROMPTER   "org.gnome.keyring.SystemPrompter"
#define PRIVATE_PROMPTER  "org.gnome.keyring.PrivatePrompter"
#define GNOME_KEYRING     "org.gnome.keyring"
#define SECRET_SERVICE_NAME "org.freedesktop.secrets"

typedef enum
{
  ACTION_STORE,
  ACTION_LOOKUP,
  ACTION_CLEAR,
} KeyringAction;

typedef struct
{
  KeyringAction  action;
  char          *practice_id;
  char          *label;
  SecretValue   *value;         /* ACTION_STORE */
  GHashTable    *attributes;
  SecretService *service;       /* when the backend is the D-Bus service */
  gboolean       unlock_tried;  /* prompt at most once per call */
  GSource       *cancel_source; /* returns early when cancelled */
  gboolean       returned;      /* the task has its answer: stop working */
} KeyringOp;

static void keyring_search           (GTask *task);
static void keyring_store_in_service (GTask *task);

/* libsecret 0.20's own prompt handling (secret_service_real_prompt_async)
 * passes a prompt result of NULL-without-error, which secret_prompt_perform()
 * gives when the service vanishes during a prompt (or the prompt is
 * cancelled), to g_task_return_error(): a critical, and the operation never
 * completes. This subclass performs prompts itself and reports such a
 * prompt as dismissed (a NULL result), which libsecret's callers handle. */
#define TONIC_TYPE_SECRET_SERVICE (tonic_secret_service_get_type ())
G_DECLARE_FINAL_TYPE (TonicSecretService, tonic_secret_service,
                      TONIC, SECRET_SERVICE, SecretService)

struct _TonicSecretService
{
  SecretService parent_instance;
};

G_DEFINE_FINAL_TYPE (TonicSecretService, tonic_secret_service, SECRET_TYPE_SERVICE)

static GVariant *
tonic_secret_service_prompt_sync (SecretService      *service,
                                  SecretPrompt       *prompt,
                                  GCancellable       *cancellable,
                                  const GVariantType *return_type,
                                  GError            **error)
{
  return secret_prompt_perform_sync (prompt, NULL, cancellable, return_type, error);
}

static void
on_prompt_performed (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GVariant *retval;

  retval = secret_prompt_perform_finish (SECRET_PROMPT (source), result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, retval, (GDestroyNotify) g_variant_unref);
}

static void
tonic_secret_service_prompt_async (SecretService       *service,
                                   SecretPrompt        *prompt,
                                   const GVariantType  *return_type,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task = g_task_new (service, cancellable, callback, user_data);

  g_task_set_source_tag (task, tonic_secret_service_prompt_async);
  /* Cancelling dismisses the prompt; its completion is the answer. */
  g_task_set_check_cancellable (task, FALSE);
  secret_prompt_perform (prompt, NULL, return_type, cancellable, on_prompt_performed, task);
}

static GVariant *
tonic_secret_service_prompt_finish (SecretService  *service,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, service), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
tonic_secret_service_class_init (TonicSecretServiceClass *klass)
{
  SecretServiceClass *service_class = SECRET_SERVICE_CLASS (klass);

  service_class->prompt_sync = tonic_secret_service_prompt_sync;
  service_class->prompt_async = tonic_secret_service_prompt_async;
  service_class->prompt_finish = tonic_secret_service_prompt_finish;
}

static void
tonic_secret_service_init (TonicSecretService *self)
{
}

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.tonicrecords.Tonic.DatabaseKey",
    SECRET_SCHEMA_NONE,
    {
      { "practice-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

static void
keyring_op_free (KeyringOp *op)
{
  if (op->cancel_source != NULL)
    {
      g_source_destroy (op->cancel_source);
      g_source_unref (op->cancel_source);
    }
  g_free (op->practice_id);
  g_free (op->label);
  g_clear_pointer (&op->value, secret_value_unref);
  g_clear_pointer (&op->attributes, g_hash_table_unref);
  g_clear_object (&op->service);
  g_free (op);
}

/* Errors */

static gboolean
is_missing_service_error (const GError *error,
                          gboolean      connecting)
{
  static const GDBusError missing[] = {
    G_DBUS_ERROR_SERVICE_UNKNOWN,
    G_DBUS_ERROR_NAME_HAS_NO_OWNER,
    G_DBUS_ERROR_NO_SERVER,
    G_DBUS_ERROR_SPAWN_EXEC_FAILED,
    G_DBUS_ERROR_SPAWN_FORK_FAILED,
    G_DBUS_ERROR_SPAWN_CHILD_EXITED,
    G_DBUS_ERROR_SPAWN_CHILD_SIGNALED,
    G_DBUS_ERROR_SPAWN_FAILED,
    G_DBUS_ERROR_SPAWN_SETUP_FAILED,
    G_DBUS_ERROR_SPAWN_CONFIG_INVALID,
    G_DBUS_ERROR_SPAWN_SERVICE_INVALID,
    G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND,
    G_DBUS_ERROR_SPAWN_PERMISSIONS_INVALID,
    G_DBUS_ERROR_SPAWN_FILE_INVALID,
    G_DBUS_ERROR_SPAWN_NO_MEMORY,
  };

  for (guint i = 0; i < G_N_ELEMENTS (missing); i++)
    if (g_error_matches (error, G_DBUS_ERROR, missing[i]))
      return TRUE;

  /* No session bus to ask: g_bus_get() fails with a GIO error
   * ("Cannot autolaunch D-Bus without X11 $DISPLAY", a missing socket). */
  if (connecting && error->domain == G_IO_ERROR && error->code != G_IO_ERROR_CANCELLED)
    return TRUE;

  return FALSE;
}

/* Turns an error from libsecret into a TONIC_VAULT_ERROR (cancellation
 * stays G_IO_ERROR_CANCELLED, as GIO callers expect). */
static GError *
map_error (GError   *error,
           gboolean  connecting)
{
  GError *mapped;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;

  /* "GDBus.Error:org.freedesktop.…: " is for developers, not people. */
  if (g_dbus_error_is_remote_error (error))
    g_dbus_error_strip_remote_error (error);

  if (is_missing_service_error (error, connecting))
    mapped = g_error_new_literal (TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_NO_SERVICE,
                                  _("No keyring (Secret Service) is running on this desktop."));
  else if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    mapped = g_error_new_literal (TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_LOCKED,
                                  _("The keyring is locked."));
  else
    mapped = g_error_new (TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_FAILED,
                          /* Translators: %s is the keyring's own message. */
                          _("The keyring could not be used: %s"), error->message);

  g_error_free (error);
  return mapped;
}

/* Every answer goes through here: the first one wins. A cancellation
 * answers at once while a keyring prompt may still be on screen; the
 * work behind it then finishes quietly. */
static gboolean
claim_return (GTask *task)
{
  KeyringOp *op = g_task_get_task_data (task);

  if (op->returned)
    return FALSE;

  op->returned = TRUE;
  if (op->cancel_source != NULL)
    {
      g_source_destroy (op->cancel_source);
      g_clear_pointer (&op->cancel_source, g_source_unref);
    }

  return TRUE;
}

/* Whether the task was answered already (cancelled): callbacks stop. */
static gboolean
is_abandoned (GTask *task)
{
  KeyringOp *op = g_task_get_task_data (task);

  return op->returned;
}

static void
return_error (GTask  *task,
              GError *error)
{
  if (claim_return (task))
    g_task_return_error (task, error);
  else
    g_error_free (error);
}

static void
return_mapped_error (GTask    *task,
                     GError   *error,
                     gboolean  connecting)
{
  return_error (task, map_error (error, connecting));
}

static void
return_not_found (GTask *task)
{
  return_error (task,
                g_error_new_literal (TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_NOT_FOUND,
                                     _("The keyring holds no database key for this practice.")));
}

static void
return_locked (GTask *task)
{
  return_error (task,
                g_error_new_literal (TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_LOCKED,
                                     _("The keyring is locked, and no prompt to unlock it "
                                       "could be shown.")));
}

static void
return_dismissed (GTask *task)
{
  return_error (task,
                g_error_new_literal (TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_DISMISSED,
                                     _("The keyring stayed locked: its unlock prompt was "
                                       "dismissed.")));
}

static void
return_cancelled (GTask *task)
{
  return_error (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                           _("Operation was cancelled")));
}

static void
return_value (GTask       *task,
              SecretValue *value)
{
  const char *data;
  gsize len = 0;

  data = secret_value_get (value, &len);
  if (len != TONIC_KEY_SIZE)
    {
      return_error (task,
                    g_error_new (TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_FAILED,
                                 /* Translators: %u is a number of bytes. */
                                 _("The keyring’s entry for this practice is not a database key "
                                   "(it holds %u bytes instead of 32)."),
                                 (guint) len));
      return;
    }

  if (claim_return (task))
    g_task_return_pointer (task, tonic_key_new_from_data ((const guint8 *) data, len),
                           (GDestroyNotify) tonic_key_unref);
}

static void
return_success (GTask *task)
{
  if (claim_return (task))
    g_task_return_boolean (task, TRUE);
}

static gboolean
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  return_cancelled (user_data);
  return G_SOURCE_REMOVE;
}

/* Telling a dismissed prompt from one that could not be shown */

static void
on_keyring_owner (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KeyringOp *op = g_task_get_task_data (task);
  g_autoptr(GVariant) reply = NULL;
  g_autofree char *service_owner = NULL;
  const char *keyring_owner = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(&s)", &keyring_owner);

  service_owner = g_dbus_proxy_get_name_owner (G_DBUS_PROXY (op->service));

  /* gnome-keyring with no prompter left on the bus: nobody was asked. */
  if (keyring_owner != NULL && g_strcmp0 (keyring_owner, service_owner) == 0)
    return_locked (task);
  else
    return_dismissed (task);
}

static void
on_names_listed (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autofree const char **names = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, NULL);
  if (reply == NULL)
    {
      return_locked (task);
      return;
    }

  g_variant_get (reply, "(^a&s)", &names);
  if (!g_strv_contains (names, SECRET_SERVICE_NAME))
    {
      /* The service went away in the middle of its prompt. */
      return_error (task,
                    g_error_new_literal (TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_FAILED,
                                         _("The keyring stopped while it was asking for its "
                                           "password.")));
      return;
    }

  if (g_strv_contains (names, SYSTEM_PROMPTER) || g_strv_contains (names, PRIVATE_PROMPTER))
    {
      /* A prompter was there to show the prompt: the person dismissed it. */
      return_dismissed (task);
      return;
    }

  if (!g_strv_contains (names, GNOME_KEYRING))
    {
      /* Another Secret Service shows its own prompts. */
      return_dismissed (task);
      return;
    }

  g_dbus_connection_call (G_DBUS_CONNECTION (source),
                          "org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus", "GetNameOwner",
                          g_variant_new ("(s)", GNOME_KEYRING), G_VARIANT_TYPE ("(s)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, g_task_get_cancellable (task),
                          on_keyring_owner, g_object_ref (task));
}

/* An unlock came back with nothing unlocked and no error. */
static void
return_unlock_failure (GTask *task)
{
  KeyringOp *op = g_task_get_task_data (task);
  GDBusConnection *connection = g_dbus_proxy_get_connection (G_DBUS_PROXY (op->service));

  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      return_cancelled (task);
      return;
    }

  g_dbus_connection_call (connection,
                          "org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus", "ListNames",
                          NULL, G_VARIANT_TYPE ("(as)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, g_task_get_cancellable (task),
                          on_names_listed, g_object_ref (task));
}

/* The D-Bus service */

static void
on_unlocked (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KeyringOp *op = g_task_get_task_data (task);
  GError *error = NULL;
  GList *unlocked = NULL;
  int count;

  count = secret_service_unlock_finish (SECRET_SERVICE (source), result, &unlocked, &error);
  g_list_free_full (unlocked, g_object_unref);

  if (is_abandoned (task))
    {
      g_clear_error (&error);
      return;
    }

  if (error != NULL)
    {
      return_mapped_error (task, error, FALSE);
      return;
    }

  if (count <= 0)
    {
      return_unlock_failure (task);
      return;
    }

  if (op->action == ACTION_STORE)
    keyring_store_in_service (task);
  else
    keyring_search (task);
}

/* Unlocks @objects (items or collections), prompting; once per call. */
static void
keyring_unlock (GTask *task,
                GList *objects)
{
  KeyringOp *op = g_task_get_task_data (task);

  g_assert (objects != NULL);

  if (op->unlock_tried)
    {
      /* Unlocked a moment ago and locked again, or the service reports
       * items locked after unlocking them: do not prompt in a loop. */
      return_error (task, g_error_new_literal (TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_LOCKED,
                                               _("The keyring is locked.")));
      return;
    }

  op->unlock_tried = TRUE;
  /* No cancellable for anything that may prompt: libsecret 0.20 cancels a
   * prompt by dismissing it, and gnome-keyring 42 then aborts when the
   * prompt is answered. A cancelled call returns at once (on_cancelled)
   * and leaves the prompt to its owner. */
  secret_service_unlock (op->service, objects, NULL, on_unlocked, g_object_ref (task));
}

static void
on_cleared (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* FALSE without an error: nothing was there to delete. */
  secret_service_clear_finish (SECRET_SERVICE (source), result, &error);
  if (error != NULL)
    return_mapped_error (task, error, FALSE);
  else
    return_success (task);
}

/* Nothing matched: a locked default collection may hide the item. */
static void
on_default_collection_for_search (GObject      *source,
                                  GAsyncResult *result,
                                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KeyringOp *op = g_task_get_task_data (task);
  g_autoptr(SecretCollection) collection = NULL;
  GError *error = NULL;

  collection = secret_collection_for_alias_finish (result, &error);
  if (is_abandoned (task))
    {
      g_clear_error (&error);
      return;
    }
  if (error != NULL)
    {
      return_mapped_error (task, error, FALSE);
      return;
    }

  if (collection != NULL && secret_collection_get_locked (collection))
    {
      GList objects = { collection, NULL, NULL };

      keyring_unlock (task, &objects);
      return;
    }

  if (op->action == ACTION_LOOKUP)
    return_not_found (task);
  else
    return_success (task);
}

static void
on_searched (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KeyringOp *op = g_task_get_task_data (task);
  GError *error = NULL;
  GList *items;
  GList *locked = NULL;

  items = secret_service_search_finish (SECRET_SERVICE (source), result, &error);
  if (is_abandoned (task))
    {
      g_clear_error (&error);
      g_list_free_full (items, g_object_unref);
      return;
    }
  if (error != NULL)
    {
      return_mapped_error (task, error, FALSE);
      return;
    }

  for (GList *l = items; l != NULL; l = l->next)
    {
      SecretItem *item = l->data;

      if (op->action == ACTION_LOOKUP)
        {
          g_autoptr(SecretValue) value = secret_item_get_secret (item);

          /* Unlocked items come first; take the first one with a secret. */
          if (value != NULL)
            {
              return_value (task, value);
              g_list_free (locked);
              g_list_free_full (items, g_object_unref);
              return;
            }
          locked = g_list_append (locked, item);
        }
      else if (secret_item_get_locked (item))
        {
          locked = g_list_append (locked, item);
        }
    }

  if (locked != NULL)
    {
      keyring_unlock (task, locked);
    }
  else if (items == NULL && !op->unlock_tried)
    {
      secret_collection_for_alias (op->service, "default", SECRET_COLLECTION_NONE,
                                   g_task_get_cancellable (task),
                                   on_default_collection_for_search, g_object_ref (task));
    }
  else if (op->action == ACTION_LOOKUP)
    {
      return_not_found (task);
    }
  else
    {
      secret_service_clear (op->service, get_schema (), op->attributes,
                            g_task_get_cancellable (task), on_cleared, g_object_ref (task));
    }

  g_list_free (locked);
  g_list_free_full (items, g_object_unref);
}

static void
keyring_search (GTask *task)
{
  KeyringOp *op = g_task_get_task_data (task);
  SecretSearchFlags flags = SECRET_SEARCH_ALL;

  /* Secrets load for unlocked items only; locked ones come back without. */
  if (op->action == ACTION_LOOKUP)
    flags |= SECRET_SEARCH_LOAD_SECRETS;

  secret_service_search (op->service, get_schema (), op->attributes, flags,
                         g_task_get_cancellable (task), on_searched, g_object_ref (task));
}

static void
on_stored_in_service (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_service_store_finish (SECRET_SERVICE (source), result, &error))
    return_mapped_error (task, error, FALSE);
  else
    return_success (task);
}

static void
keyring_store_in_service (GTask *task)
{
  KeyringOp *op = g_task_get_task_data (task);

  /* Creates the default collection when there is none (the keyring asks
   * for a password for it), replaces an item with the same attributes. */
  secret_service_store (op->service, get_schema (), op->attributes, SECRET_COLLECTION_DEFAULT,
                        op->label, op->value, NULL, on_stored_in_service, g_object_ref (task));
}

static void
on_default_collection_created (GObject      *source,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(SecretCollection) collection = NULL;
  GError *error = NULL;

  collection = secret_collection_create_finish (result, &error);
  if (is_abandoned (task))
    {
      g_clear_error (&error);
      return;
    }

  /* A dismissed creation prompt comes back as the collection "/", which
   * libsecret then fails to load ("No such secret collection at path: /",
   * G_DBUS_ERROR_UNKNOWN_METHOD). */
  if (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD) ||
      g_error_matches (error, SECRET_ERROR, SECRET_ERROR_NO_SUCH_OBJECT) ||
      (error == NULL && collection == NULL))
    {
      g_clear_error (&error);
      return_unlock_failure (task);
    }
  else if (error != NULL)
    {
      return_mapped_error (task, error, FALSE);
    }
  else
    {
      keyring_store_in_service (task);
    }
}

static void
on_default_collection_for_store (GObject      *source,
                                 GAsyncResult *result,
                                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KeyringOp *op = g_task_get_task_data (task);
  g_autoptr(SecretCollection) collection = NULL;
  GError *error = NULL;

  collection = secret_collection_for_alias_finish (result, &error);
  if (is_abandoned (task))
    {
      g_clear_error (&error);
      return;
    }
  if (error != NULL)
    {
      return_mapped_error (task, error, FALSE);
      return;
    }

  if (collection != NULL && secret_collection_get_locked (collection))
    {
      GList objects = { collection, NULL, NULL };

      keyring_unlock (task, &objects);
      return;
    }

  if (collection == NULL && !op->unlock_tried)
    {
      /* No default collection yet: the keyring asks for a password for a
       * new one. Made here, so a prompt that fails is told apart. */
      op->unlock_tried = TRUE;
      secret_collection_create (op->service, _("Default keyring"), SECRET_COLLECTION_DEFAULT,
                                SECRET_COLLECTION_CREATE_NONE, NULL,
                                on_default_collection_created, g_object_ref (task));
      return;
    }

  keyring_store_in_service (task);
}

/* Backends without locking (file, Flatpak portal) */

static void
on_password_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KeyringOp *op = g_task_get_task_data (task);
  g_autoptr(SecretValue) value = NULL;
  GError *error = NULL;

  switch (op->action)
    {
    case ACTION_STORE:
      secret_password_store_finish (result, &error);
      break;
    case ACTION_CLEAR:
      secret_password_clear_finish (result, &error);
      break;
    case ACTION_LOOKUP:
      value = secret_password_lookup_binary_finish (result, &error);
      break;
    default:
      g_assert_not_reached ();
    }

  if (error != NULL)
    return_mapped_error (task, error, FALSE);
  else if (op->action != ACTION_LOOKUP)
    return_success (task);
  else if (value == NULL)
    return_not_found (task);
  else
    return_value (task, value);
}

static void
on_service (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KeyringOp *op = g_task_get_task_data (task);
  GError *error = NULL;

  op->service = secret_service_open_finish (result, &error);
  if (is_abandoned (task))
    {
      g_clear_error (&error);
      return;
    }
  if (op->service == NULL)
    {
      return_mapped_error (task, error, TRUE);
      return;
    }

  if (op->action == ACTION_STORE)
    secret_collection_for_alias (op->service, "default", SECRET_COLLECTION_NONE,
                                 g_task_get_cancellable (task),
                                 on_default_collection_for_store, g_object_ref (task));
  else
    keyring_search (task);
}

/* Whether libsecret's secret_password_*() talk to the Secret Service on the
 * session bus. libsecret 0.20 decides (privately) this way: in a Flatpak or
 * Snap sandbox the file backend over the secret portal when the portal is
 * there, else $SECRET_BACKEND, by default "service". In a sandbox the
 * choice is left to libsecret. */
static gboolean
backend_is_service (void)
{
  const char *backend;

  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS) || g_getenv ("SNAP_NAME") != NULL)
    return FALSE;

  backend = g_getenv ("SECRET_BACKEND");
  return backend == NULL || *backend == '\0' || g_str_equal (backend, "service");
}

static void
keyring_start (KeyringOp           *op,
               gpointer             source_tag,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  op->attributes = secret_attributes_build (get_schema (), "practice-id", op->practice_id, NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, (GDestroyNotify) keyring_op_free);

  if (cancellable != NULL)
    {
      /* No reference: the source goes when the task is answered. */
      op->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (op->cancel_source, G_SOURCE_FUNC (on_cancelled), task, NULL);
      g_source_attach (op->cancel_source, g_task_get_context (task));
    }

  if (backend_is_service ())
    {
      /* Our own proxy (not libsecret's shared one) for the prompt fix. */
      secret_service_open (TONIC_TYPE_SECRET_SERVICE, NULL, SECRET_SERVICE_OPEN_SESSION,
                           cancellable, on_service, g_object_ref (task));
      return;
    }

  switch (op->action)
    {
    case ACTION_STORE:
      secret_password_storev_binary (get_schema (), op->attributes, SECRET_COLLECTION_DEFAULT,
                                     op->label, op->value, cancellable,
                                     on_password_done, g_object_ref (task));
      break;
    case ACTION_LOOKUP:
      secret_password_lookupv (get_schema (), op->attributes, cancellable,
                               on_password_done, g_object_ref (task));
      break;
    case ACTION_CLEAR:
      secret_password_clearv (get_schema (), op->attributes, cancellable,
                              on_password_done, g_object_ref (task));
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Public API */

/**
 * tonic_keyring_store_async:
 * @practice_id: the practice's UUID
 * @practice_name: (nullable): the practice's name, for the item's label
 * @key: the database key
 * @cancellable: (nullable): a #GCancellable; cancelling dismisses a prompt
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Stores @key in the default (login) collection, replacing the practice's
 * earlier key. The keyring may ask to unlock the collection.
 */
void
tonic_keyring_store_async (const char          *practice_id,
                           const char          *practice_name,
                           TonicKey            *key,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  KeyringOp *op;

  g_return_if_fail (practice_id != NULL && *practice_id != '\0');
  g_return_if_fail (key != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  op = g_new0 (KeyringOp, 1);
  op->action = ACTION_STORE;
  op->practice_id = g_strdup (practice_id);
  if (practice_name == NULL || *practice_name == '\0')
    practice_name = practice_id;
  /* Translators: the label of the keyring item; %s is the practice's name. */
  op->label = g_strdup_printf (_("Tonic database key for %s"), practice_name);
  /* libsecret copies the bytes into its own non-pageable memory. */
  op->value = secret_value_new ((const char *) tonic_key_get_data (key), TONIC_KEY_SIZE,
                                "application/octet-stream");

  keyring_start (op, tonic_keyring_store_async, cancellable, callback, user_data);
}

/**
 * tonic_keyring_store_finish:
 *
 * Returns: %TRUE when the key is stored; %FALSE with a #TONIC_VAULT_ERROR
 *   (NO_SERVICE, LOCKED, DISMISSED, FAILED) or G_IO_ERROR_CANCELLED
 */
gboolean
tonic_keyring_store_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tonic_keyring_store_async,
                        FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
tonic_keyring_lookup_async (const char          *practice_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  KeyringOp *op;

  g_return_if_fail (practice_id != NULL && *practice_id != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  op = g_new0 (KeyringOp, 1);
  op->action = ACTION_LOOKUP;
  op->practice_id = g_strdup (practice_id);

  keyring_start (op, tonic_keyring_lookup_async, cancellable, callback, user_data);
}

/**
 * tonic_keyring_lookup_finish:
 *
 * Returns: (transfer full) (nullable): the key; %NULL with a
 *   #TONIC_VAULT_ERROR (NO_SERVICE, LOCKED, DISMISSED, NOT_FOUND, FAILED)
 *   or G_IO_ERROR_CANCELLED
 */
TonicKey *
tonic_keyring_lookup_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tonic_keyring_lookup_async,
                        NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
tonic_keyring_clear_async (const char          *practice_id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  KeyringOp *op;

  g_return_if_fail (practice_id != NULL && *practice_id != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  op = g_new0 (KeyringOp, 1);
  op->action = ACTION_CLEAR;
  op->practice_id = g_strdup (practice_id);

  keyring_start (op, tonic_keyring_clear_async, cancellable, callback, user_data);
}

/**
 * tonic_keyring_clear_finish:
 *
 * Returns: %TRUE when the keyring holds no key for the practice any more
 *   (also when it held none); %FALSE with a #TONIC_VAULT_ERROR
 *   (NO_SERVICE, LOCKED, DISMISSED, FAILED) or G_IO_ERROR_CANCELLED
 */
gboolean
tonic_keyring_clear_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tonic_keyring_clear_async,
                        FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
