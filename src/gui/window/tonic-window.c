/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tonic-keyring.h"
#include "tonic-setup-assistant.h"
#include "tonic-sign-in-page.h"
#include "tonic-toast.h"
#include "tonic-unlock-page.h"
#include "tonic-vault-error.h"
#include "tonic-window-private.h"
#include "tonic-workspace.h"

struct _TonicWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  AdwToastOverlay     *toast_overlay;
  GtkStack            *pages;
  TonicSetupAssistant *setup_assistant;
  TonicUnlockPage     *unlock_page;
  TonicSignInPage     *sign_in_page;
  AdwBin              *workspace_bin;
  AdwStatusPage       *error_status;

  GCancellable      *cancellable;
  TonicPracticeDir  *practice_dir;
  TonicStore        *store;
  TonicPractice     *practice;
  TonicStaff        *staff;
  TonicKey          *key;
  TonicUnlockMethod  unlock_method;
  /* The newest audit head not yet written to the key-slot file. */
  gint64             pending_head_sequence;
  char              *pending_head_hash;
  guint              head_source;
  /* The idle lock. */
  guint              idle_source;
  guint              idle_timeout_ms;
  gboolean           idle_timeout_fixed;
  /* Set when the keyring could not give the key: whether to put it back. */
  gboolean           restore_keyring;
  /* The key to put back once the practice's name is known. */
  TonicKey          *keyring_pending;
  /* Unlocking with a staff password signs that person in as well. */
  char              *pending_username;
  char              *pending_password;
};

G_DEFINE_FINAL_TYPE (TonicWindow, tonic_window, ADW_TYPE_APPLICATION_WINDOW)

static void start_opening      (TonicWindow *self);
static void restart_idle_timer (TonicWindow *self);

static TonicApplication *
get_app (TonicWindow *self)
{
  return TONIC_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
}

static void
show_page (TonicWindow *self,
           const char  *name)
{
  gboolean signed_in = g_str_equal (name, "main");

  gtk_stack_set_visible_child_name (self->pages, name);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reopen", g_str_equal (name, "error"));

  /* Lock and sign out mean something only with someone signed in. */
  {
    GActionMap *map = G_ACTION_MAP (get_app (self));

    if (map != NULL)
      {
        g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (map, "lock")),
                                     signed_in);
        g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (map, "sign-out")),
                                     signed_in);
      }
  }
}

static void
show_error (TonicWindow *self,
            const char  *title,
            const char  *description)
{
  adw_status_page_set_title (self->error_status, title);
  adw_status_page_set_description (self->error_status, description);
  show_page (self, "error");
}

static void
show_toast (TonicWindow *self,
            const char  *text)
{
  _tonic_toast_show_text (GTK_WIDGET (self->toast_overlay), text);
}

/* Why the keyring could not give the key, in words for the unlock page. */
static char *
describe_keyring_error (const GError *error)
{
  if (error->domain == TONIC_VAULT_ERROR)
    {
      switch ((TonicVaultError) error->code)
        {
        case TONIC_VAULT_ERROR_NO_SERVICE:
          return g_strdup (_("This desktop has no keyring service, so Tonic cannot fetch the "
                             "practice’s key by itself."));
        case TONIC_VAULT_ERROR_LOCKED:
          return g_strdup (_("The keyring is locked and could not be unlocked, so Tonic cannot "
                             "fetch the practice’s key."));
        case TONIC_VAULT_ERROR_DISMISSED:
          return g_strdup (_("The request to unlock the keyring was dismissed."));
        case TONIC_VAULT_ERROR_NOT_FOUND:
          return g_strdup (_("The keyring on this computer holds no key for this practice. This "
                             "happens on a new computer or after the keyring was reset."));
        case TONIC_VAULT_ERROR_WRONG_KEY:
          return g_strdup (_("The key in the keyring does not belong to this practice."));
        case TONIC_VAULT_ERROR_WRONG_RECOVERY_KEY:
        case TONIC_VAULT_ERROR_MALFORMED_RECOVERY_KEY:
        case TONIC_VAULT_ERROR_WRONG_PASSWORD:
        case TONIC_VAULT_ERROR_CORRUPT_SLOT_FILE:
        case TONIC_VAULT_ERROR_NEWER_SLOT_FILE:
        case TONIC_VAULT_ERROR_IO:
        case TONIC_VAULT_ERROR_FAILED:
        default:
          break;
        }
    }

  /* Translators: %s is a technical reason from the keyring service */
  return g_strdup_printf (_("The keyring could not give the practice’s key: %s"), error->message);
}

/* An error that stops the practice from opening at all. */
static void
show_open_error (TonicWindow  *self,
                 const GError *error)
{
  const char *title = _("The Practice Cannot Be Opened");
  g_autofree char *description = NULL;

  if (error->domain == TONIC_STORE_ERROR)
    {
      switch ((TonicStoreError) error->code)
        {
        case TONIC_STORE_ERROR_CORRUPT:
          title = _("The Practice’s Database Is Damaged");
          description = g_strdup (_("Tonic left the file untouched. Restore the practice from a "
                                    "backup, or ask your administrator for help."));
          break;
        case TONIC_STORE_ERROR_FROM_NEWER_VERSION:
          title = _("This Practice Needs a Newer Tonic");
          description = g_strdup (_("The database was written by a newer version of Tonic. Update "
                                    "Tonic on this computer; the file was left untouched."));
          break;
        case TONIC_STORE_ERROR_NETWORK_FS:
          title = _("The Practice Is on a Network Drive");
          description = g_strdup (_("Tonic keeps a practice on this computer’s own disk only, "
                                    "because a network drive can damage the database. Move the "
                                    "practice folder to a local disk."));
          break;
        case TONIC_STORE_ERROR_NOT_A_DATABASE:
          title = _("The Practice File Is Not a Tonic Database");
          description = g_strdup (_("The file is empty or holds something else. Tonic left it "
                                    "untouched."));
          break;
        case TONIC_STORE_ERROR_ROLLED_BACK:
          title = _("The Practice’s Database Is Older Than Expected");
          /* Translators: %s says how the database differs from its recorded state */
          description = g_strdup_printf (_("%s Tonic did not open it, so nothing is "
                                           "overwritten. Ask your administrator to find the "
                                           "latest copy of the practice folder."),
                                         error->message);
          break;
        case TONIC_STORE_ERROR_WRONG_KEY:
        case TONIC_STORE_ERROR_THROTTLED:
        case TONIC_STORE_ERROR_IO:
        case TONIC_STORE_ERROR_FULL:
        case TONIC_STORE_ERROR_NOT_FOUND:
        case TONIC_STORE_ERROR_INVALID:
        case TONIC_STORE_ERROR_EXISTS:
        case TONIC_STORE_ERROR_DENIED:
        case TONIC_STORE_ERROR_CLOSED:
        case TONIC_STORE_ERROR_FAILED:
        default:
          break;
        }
    }
  else if (g_error_matches (error, TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_CORRUPT_SLOT_FILE))
    {
      title = _("The Practice’s Key File Is Damaged");
      description = g_strdup (_("Tonic cannot read practice.keys. The previous copy is kept as "
                                "practice.keys.bak in the practice folder; ask your "
                                "administrator to restore it."));
    }
  else if (g_error_matches (error, TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_NEWER_SLOT_FILE))
    {
      title = _("This Practice Needs a Newer Tonic");
      description = g_strdup (_("The practice’s key file was written by a newer version of "
                                "Tonic. Update Tonic on this computer."));
    }

  if (description == NULL)
    description = g_strdup (error->message);

  g_message ("Could not open the practice: %s", error->message);
  show_error (self, title, description);
}

static void
clear_pending_credentials (TonicWindow *self)
{
  if (self->pending_password != NULL)
    memset (self->pending_password, 0, strlen (self->pending_password));
  g_clear_pointer (&self->pending_password, g_free);
  g_clear_pointer (&self->pending_username, g_free);
}

static void
clear_signed_in (TonicWindow *self)
{
  /* Destroying the workspace drops every widget that showed patient data. */
  adw_bin_set_child (self->workspace_bin, NULL);
  g_clear_object (&self->staff);
  g_clear_handle_id (&self->idle_source, g_source_remove);
  gtk_window_set_title (GTK_WINDOW (self), _("Tonic"));
}

static void
show_workspace (TonicWindow *self,
                TonicStaff  *staff)
{
  GtkWidget *workspace;

  g_set_object (&self->staff, staff);
  workspace = tonic_workspace_new (self->store, self->practice, self->practice_dir, self->key,
                                   staff);
  adw_bin_set_child (self->workspace_bin, workspace);
  gtk_window_set_title (GTK_WINDOW (self), tonic_practice_get_name (self->practice));
  show_page (self, "main");
  restart_idle_timer (self);
}

/* The audit head, kept outside the database */

static void
on_head_recorded (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!tonic_practice_dir_update_finish (TONIC_PRACTICE_DIR (object), result, &error))
    g_warning ("Could not record the audit trail’s head in the key-slot file: %s",
               error->message);
}

static void
flush_audit_head (TonicWindow *self)
{
  g_clear_handle_id (&self->head_source, g_source_remove);

  if (self->pending_head_hash == NULL || self->practice_dir == NULL)
    return;

  /* Not cancellable: the record must be written even as the window goes. */
  tonic_practice_dir_record_audit_head_async (self->practice_dir, self->pending_head_sequence,
                                              self->pending_head_hash, NULL, on_head_recorded,
                                              NULL);
  g_clear_pointer (&self->pending_head_hash, g_free);
}

static gboolean
on_head_timeout (gpointer user_data)
{
  TonicWindow *self = user_data;

  self->head_source = 0;
  flush_audit_head (self);
  return G_SOURCE_REMOVE;
}

static void
on_audit_appended (TonicStore  *store,
                   gint64       sequence,
                   const char  *hash,
                   TonicWindow *self)
{
  /* A burst of changes makes one write of the key-slot file. */
  g_free (self->pending_head_hash);
  self->pending_head_hash = g_strdup (hash);
  self->pending_head_sequence = sequence;
  if (self->head_source == 0)
    self->head_source = g_timeout_add (1000, on_head_timeout, self);
}

/* The idle lock */

static void lock_with_reason (TonicWindow        *self,
                              TonicSignOutReason  reason);

static gboolean
on_idle_timeout (gpointer user_data)
{
  TonicWindow *self = user_data;

  self->idle_source = 0;
  lock_with_reason (self, TONIC_SIGN_OUT_IDLE);
  return G_SOURCE_REMOVE;
}

static void
restart_idle_timer (TonicWindow *self)
{
  g_clear_handle_id (&self->idle_source, g_source_remove);

  if (self->staff != NULL && self->idle_timeout_ms > 0)
    self->idle_source = g_timeout_add (self->idle_timeout_ms, on_idle_timeout, self);
}

static gboolean
on_any_event (GtkEventControllerLegacy *controller,
              GdkEvent                 *event,
              TonicWindow              *self)
{
  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_MOTION_NOTIFY:
    case GDK_BUTTON_PRESS:
    case GDK_KEY_PRESS:
    case GDK_SCROLL:
    case GDK_TOUCH_BEGIN:
    case GDK_TOUCHPAD_SWIPE:
    case GDK_TOUCHPAD_PINCH:
      if (self->idle_source != 0)
        restart_idle_timer (self);
      break;
    default:
      break;
    }

  return GDK_EVENT_PROPAGATE;
}

static void
on_idle_setting_changed (GSettings   *settings,
                         const char  *key,
                         TonicWindow *self)
{
  if (self->idle_timeout_fixed)
    return;

  self->idle_timeout_ms = g_settings_get_uint (settings, "idle-lock-minutes") * 60 * 1000;
  restart_idle_timer (self);
}

/* Signed in */

static void
on_sign_in_page_signed_in (TonicWindow     *self,
                           TonicStaff      *staff,
                           TonicSignInPage *page)
{
  show_workspace (self, staff);
}

/* Opening */

static void
on_keyring_restored (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(TonicWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (tonic_keyring_store_finish (result, &error))
    show_toast (self, _("The practice’s key is back in the keyring"));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Could not put the key back into the keyring: %s", error->message);
}

static void
on_practice_loaded (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(TonicWindow) self = user_data;
  g_autoptr(TonicPractice) practice = NULL;
  g_autoptr(GError) error = NULL;

  practice = tonic_store_get_practice_finish (TONIC_STORE (object), result, &error);
  if (practice == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_open_error (self, error);
      return;
    }

  g_set_object (&self->practice, practice);
  g_settings_set_string (tonic_application_get_settings (get_app (self)),
                         "last-practice-id", tonic_practice_get_uuid (practice));

  if (self->keyring_pending != NULL)
    {
      tonic_keyring_store_async (tonic_practice_get_uuid (practice),
                                 tonic_practice_get_name (practice), self->keyring_pending,
                                 self->cancellable, on_keyring_restored, g_object_ref (self));
      g_clear_pointer (&self->keyring_pending, tonic_key_unref);
    }

  tonic_sign_in_page_reset (self->sign_in_page, self->store, practice, NULL);
  show_page (self, "sign-in");

  if (self->pending_username != NULL)
    {
      tonic_sign_in_page_sign_in (self->sign_in_page, self->pending_username,
                                  self->pending_password);
      clear_pending_credentials (self);
    }
}

static void
set_store (TonicWindow *self,
           TonicStore  *store)
{
  if (self->store == store)
    return;

  if (self->store != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->store, on_audit_appended, self);
      flush_audit_head (self);
      tonic_store_close (self->store);
    }

  g_set_object (&self->store, store);

  if (store != NULL)
    g_signal_connect (store, "audit-appended", G_CALLBACK (on_audit_appended), self);
}

static void
on_audit_head_checked (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(TonicWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tonic_store_check_audit_head_finish (TONIC_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_open_error (self, error);
      return;
    }

  tonic_store_get_practice_async (TONIC_STORE (object), self->cancellable, on_practice_loaded,
                                  g_object_ref (self));
}

static void
on_practice_opened (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(TonicWindow) self = user_data;
  g_autoptr(TonicStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = tonic_practice_dir_open_finish (TONIC_PRACTICE_DIR (object), result, &error);
  if (store == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      if (g_error_matches (error, TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_WRONG_KEY) &&
          self->unlock_method == TONIC_UNLOCK_KEYRING)
        {
          g_autofree char *reason = describe_keyring_error (error);

          self->restore_keyring = TRUE;
          tonic_unlock_page_reset (self->unlock_page, self->practice_dir, reason);
          show_page (self, "unlock");
          return;
        }

      show_open_error (self, error);
      return;
    }

  set_store (self, store);

  /* A database older than the head recorded beside it was rolled back. */
  {
    gint64 sequence = 0;
    const char *hash = NULL;

    tonic_key_slots_get_audit_head (tonic_practice_dir_get_slots (self->practice_dir),
                                    &sequence, &hash);
    tonic_store_check_audit_head_async (store, sequence, hash, self->cancellable,
                                        on_audit_head_checked, g_object_ref (self));
  }
}

static void
open_with_key (TonicWindow      *self,
               TonicKey         *key,
               TonicUnlockMethod method)
{
  self->unlock_method = method;
  if (self->key != key)
    {
      g_clear_pointer (&self->key, tonic_key_unref);
      self->key = tonic_key_ref (key);
    }
  show_page (self, "loading");
  tonic_practice_dir_open_async (self->practice_dir, key, self->cancellable,
                                 on_practice_opened, g_object_ref (self));
}

static void
on_keyring_lookup (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TonicWindow) self = user_data;
  g_autoptr(TonicKey) key = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;

  key = tonic_keyring_lookup_finish (result, &error);
  if (key != NULL)
    {
      open_with_key (self, key, TONIC_UNLOCK_KEYRING);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_message ("The keyring could not give the key: %s", error->message);
  /* With no keyring service there is nowhere to put the key back. */
  self->restore_keyring = !g_error_matches (error, TONIC_VAULT_ERROR,
                                            TONIC_VAULT_ERROR_NO_SERVICE);
  reason = describe_keyring_error (error);
  tonic_unlock_page_reset (self->unlock_page, self->practice_dir, reason);
  show_page (self, "unlock");
}

static void
on_unlock_page_unlocked (TonicWindow     *self,
                         TonicKey        *key,
                         TonicUnlockPage *page)
{
  if (self->restore_keyring)
    {
      g_clear_pointer (&self->keyring_pending, tonic_key_unref);
      self->keyring_pending = tonic_key_ref (key);
      self->restore_keyring = FALSE;
    }

  clear_pending_credentials (self);
  if (tonic_unlock_page_get_method (page) == TONIC_UNLOCK_PASSWORD)
    tonic_unlock_page_take_credentials (page, &self->pending_username, &self->pending_password);

  open_with_key (self, key, tonic_unlock_page_get_method (page));
}

static void
on_located (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TonicWindow) self = user_data;
  g_autoptr(TonicPracticeDir) dir = NULL;
  g_autoptr(GError) error = NULL;

  dir = tonic_practice_dir_locate_finish (result, &error);
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_open_error (self, error);
      return;
    }

  if (dir == NULL)
    {
      tonic_setup_assistant_reset (self->setup_assistant,
                                   tonic_application_get_data_dir (get_app (self)));
      show_page (self, "setup");
      return;
    }

  g_set_object (&self->practice_dir, dir);
  tonic_keyring_lookup_async (tonic_practice_dir_get_id (dir), self->cancellable,
                              on_keyring_lookup, g_object_ref (self));
}

static void
start_opening (TonicWindow *self)
{
  TonicApplication *app = get_app (self);
  g_autofree char *preferred = NULL;

  clear_signed_in (self);
  set_store (self, NULL);
  flush_audit_head (self);
  g_clear_object (&self->practice);
  g_clear_object (&self->practice_dir);
  g_clear_pointer (&self->key, tonic_key_unref);
  self->restore_keyring = FALSE;
  g_clear_pointer (&self->keyring_pending, tonic_key_unref);
  clear_pending_credentials (self);

  show_page (self, "loading");
  preferred = g_settings_get_string (tonic_application_get_settings (app), "last-practice-id");
  tonic_practice_dir_locate_async (tonic_application_get_data_dir (app), preferred,
                                   self->cancellable, on_located, g_object_ref (self));
}

/* Setup */

static void
on_setup_completed (TonicWindow         *self,
                    TonicPracticeDir    *dir,
                    TonicStore          *store,
                    TonicPractice       *practice,
                    TonicStaff          *admin,
                    TonicKey            *key,
                    TonicSetupAssistant *assistant)
{
  g_clear_pointer (&self->key, tonic_key_unref);
  self->key = tonic_key_ref (key);
  g_set_object (&self->practice_dir, dir);
  set_store (self, store);
  g_set_object (&self->practice, practice);
  self->unlock_method = TONIC_UNLOCK_SETUP;
  g_settings_set_string (tonic_application_get_settings (get_app (self)),
                         "last-practice-id", tonic_practice_get_uuid (practice));
  show_workspace (self, admin);
}

static void
on_setup_cancelled (TonicWindow         *self,
                    TonicSetupAssistant *assistant)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_signed_out (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!tonic_store_sign_out_finish (TONIC_STORE (object), result, &error))
    g_warning ("Could not record the sign-out: %s", error->message);
}

/* Lock (Ctrl+L or idle) keeps the lock screen naming who locked it; sign
 * out shows the plain sign-in page. Either way the workspace is destroyed
 * first, so no patient data stays in any widget. */
static void
lock_with_reason (TonicWindow        *self,
                  TonicSignOutReason  reason)
{
  g_autoptr(TonicStaff) staff = NULL;

  if (self->staff == NULL)
    return;

  staff = g_object_ref (self->staff);
  clear_signed_in (self);
  tonic_store_sign_out_async (self->store, reason, NULL, on_signed_out, NULL);
  tonic_sign_in_page_reset (self->sign_in_page, self->store, self->practice,
                            reason == TONIC_SIGN_OUT_USER ? NULL : staff);
  show_page (self, "sign-in");
}

/* Actions */

static void
reopen_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  start_opening (TONIC_WINDOW (widget));
}

/* GObject */

static void
tonic_window_constructed (GObject *object)
{
  TonicWindow *self = TONIC_WINDOW (object);

  G_OBJECT_CLASS (tonic_window_parent_class)->constructed (object);

  if (g_strcmp0 (PROFILE, "development") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  /* Any input keeps the idle lock away. */
  {
    GtkEventController *controller = gtk_event_controller_legacy_new ();

    gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
    g_signal_connect (controller, "event", G_CALLBACK (on_any_event), self);
    gtk_widget_add_controller (GTK_WIDGET (self), controller);
  }
}

static void
tonic_window_dispose (GObject *object)
{
  TonicWindow *self = TONIC_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  clear_signed_in (self);
  if (self->store != NULL)
    {
      g_autoptr(TonicStaff) actor = tonic_store_dup_actor (self->store);

      /* Closing the window signs the person out, on the record; closing
       * the store below waits for it. */
      if (actor != NULL)
        tonic_store_sign_out_async (self->store, TONIC_SIGN_OUT_USER, NULL, NULL, NULL);
    }
  set_store (self, NULL);
  g_clear_pointer (&self->key, tonic_key_unref);
  g_clear_handle_id (&self->idle_source, g_source_remove);
  if (get_app (self) != NULL)
    g_signal_handlers_disconnect_by_func (tonic_application_get_settings (get_app (self)),
                                          on_idle_setting_changed, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), TONIC_TYPE_WINDOW);

  g_clear_object (&self->practice);
  g_clear_object (&self->practice_dir);
  g_clear_pointer (&self->keyring_pending, tonic_key_unref);
  clear_pending_credentials (self);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (tonic_window_parent_class)->dispose (object);
}

static void
tonic_window_class_init (TonicWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = tonic_window_constructed;
  object_class->dispose = tonic_window_dispose;

  g_type_ensure (TONIC_TYPE_SETUP_ASSISTANT);
  g_type_ensure (TONIC_TYPE_UNLOCK_PAGE);
  g_type_ensure (TONIC_TYPE_SIGN_IN_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/window/tonic-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TonicWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TonicWindow, pages);
  gtk_widget_class_bind_template_child (widget_class, TonicWindow, setup_assistant);
  gtk_widget_class_bind_template_child (widget_class, TonicWindow, unlock_page);
  gtk_widget_class_bind_template_child (widget_class, TonicWindow, sign_in_page);
  gtk_widget_class_bind_template_child (widget_class, TonicWindow, workspace_bin);
  gtk_widget_class_bind_template_child (widget_class, TonicWindow, error_status);
  gtk_widget_class_bind_template_callback (widget_class, on_setup_completed);
  gtk_widget_class_bind_template_callback (widget_class, on_setup_cancelled);
  gtk_widget_class_bind_template_callback (widget_class, on_unlock_page_unlocked);
  gtk_widget_class_bind_template_callback (widget_class, on_sign_in_page_signed_in);

  gtk_widget_class_install_action (widget_class, "win.reopen", NULL, reopen_action);
}

static void
tonic_window_init (TonicWindow *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

TonicWindow *
tonic_window_new (TonicApplication *application)
{
  TonicWindow *self;

  g_return_val_if_fail (TONIC_IS_APPLICATION (application), NULL);

  self = g_object_new (TONIC_TYPE_WINDOW, "application", application, NULL);

  g_signal_connect (tonic_application_get_settings (application), "changed::idle-lock-minutes",
                    G_CALLBACK (on_idle_setting_changed), self);
  on_idle_setting_changed (tonic_application_get_settings (application), "idle-lock-minutes",
                           self);

  /* The application (set after construction) knows where practices live. */
  start_opening (self);

  return self;
}

void
tonic_window_lock (TonicWindow *self)
{
  g_return_if_fail (TONIC_IS_WINDOW (self));

  lock_with_reason (self, TONIC_SIGN_OUT_LOCK);
}

void
tonic_window_sign_out (TonicWindow *self)
{
  g_return_if_fail (TONIC_IS_WINDOW (self));

  lock_with_reason (self, TONIC_SIGN_OUT_USER);
}

const char *
_tonic_window_get_page (TonicWindow *self)
{
  return gtk_stack_get_visible_child_name (self->pages);
}

GtkWidget *
_tonic_window_get_page_widget (TonicWindow *self,
                               const char  *name)
{
  if (g_str_equal (name, "main"))
    return adw_bin_get_child (self->workspace_bin);

  return gtk_stack_get_child_by_name (self->pages, name);
}

TonicStore *
_tonic_window_get_store (TonicWindow *self)
{
  return self->store;
}

TonicStaff *
_tonic_window_get_staff (TonicWindow *self)
{
  return self->staff;
}

TonicUnlockMethod
_tonic_window_get_unlock_method (TonicWindow *self)
{
  return self->unlock_method;
}

void
_tonic_window_set_idle_timeout_ms (TonicWindow *self,
                                   guint        timeout_ms)
{
  self->idle_timeout_ms = timeout_ms;
  self->idle_timeout_fixed = TRUE;
  restart_idle_timer (self);
}

const char *
_tonic_window_get_error_text (TonicWindow *self)
{
  if (!g_str_equal (_tonic_window_get_page (self), "error"))
    return NULL;

  return adw_status_page_get_description (self->error_status);
}
