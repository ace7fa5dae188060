/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-staff-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tonic-admin-private.h"
#include "tonic-staff-dialog.h"
#include "tonic-staff-page.h"
#include "tonic-toast.h"

#define STAFF_ID_KEY "tonic-staff-id"

struct _TonicStaffPage
{
  AdwBin parent_instance;

  GtkStack      *state_stack;
  GtkWidget     *add_button;
  GtkListBox    *list_box;
  AdwStatusPage *error_status;

  TonicStore       *store;
  TonicPracticeDir *practice_dir;
  TonicKey         *key;
  TonicStaff       *actor;
  GCancellable     *cancellable;
  GListStore       *staff;  /* TonicStaff, as the store sorts them */
  /* Set in dispose. A deactivation under way still removes the key slot
   * afterwards, so what it needs is released in finalize. */
  gboolean          disposed;
};

G_DEFINE_FINAL_TYPE (TonicStaffPage, tonic_staff_page, ADW_TYPE_BIN)

/* Which staff member a row, a toast or a dialog is about. */
static void
set_staff_id (gpointer object,
              gint64   id)
{
  g_object_set_data_full (G_OBJECT (object), STAFF_ID_KEY, g_memdup2 (&id, sizeof id), g_free);
}

static gboolean
get_staff_id (gpointer  object,
              gint64   *id)
{
  gint64 *stored = g_object_get_data (G_OBJECT (object), STAFF_ID_KEY);

  if (stored == NULL)
    return FALSE;

  *id = *stored;
  return TRUE;
}

static TonicStaff *
find_staff (TonicStaffPage *self,
            gint64          id)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->staff));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(TonicStaff) member = g_list_model_get_item (G_LIST_MODEL (self->staff), i);

      if (tonic_staff_get_id (member) == id)
        return member;  /* the list keeps a reference */
    }

  return NULL;
}

static gboolean
is_actor (TonicStaffPage *self,
          TonicStaff     *member)
{
  return self->actor != NULL && tonic_staff_get_id (member) == tonic_staff_get_id (self->actor);
}

/* Rows */

static GMenuModel *
build_row_menu (TonicStaffPage *self,
                TonicStaff     *member)
{
  GMenu *menu = g_menu_new ();
  gint64 id = tonic_staff_get_id (member);
  gboolean active = tonic_staff_get_active (member);

#define APPEND(label, action) \
  G_STMT_START { \
    g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL); \
    g_menu_item_set_action_and_target_value (item, action, g_variant_new_int64 (id)); \
    g_menu_append_item (menu, item); \
  } G_STMT_END

  APPEND (_("_Edit…"), "staff.edit");
  /* A deactivated person gets a password (and a key slot) once reactivated. */
  if (active)
    APPEND (_("_Reset Password…"), "staff.reset-password");
  /* Nobody deactivates their own account (the store refuses it too). */
  if (!is_actor (self, member))
    {
      if (active)
        APPEND (_("_Deactivate…"), "staff.deactivate");
      else
        APPEND (_("Re_activate"), "staff.reactivate");
    }

#undef APPEND

  return G_MENU_MODEL (menu);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  TonicStaffPage *self = user_data;
  TonicStaff *member = item;
  const char *name = tonic_staff_get_display_name (member);
  const char *role = tonic_role_get_label (tonic_staff_get_role (member));
  g_autoptr(GMenuModel) menu = build_row_menu (self, member);
  g_autofree char *subtitle = NULL;
  g_autofree char *menu_label = NULL;
  GtkWidget *row;
  GtkWidget *avatar;
  GtkWidget *button;

  if (tonic_staff_get_active (member))
    /* Translators: under a staff member's name: their username and role,
     * such as "dana.whitfield · Nurse" */
    subtitle = g_strdup_printf (_("%s · %s"), tonic_staff_get_username (member), role);
  else
    /* Translators: under the name of someone who can no longer sign in:
     * their username and role, such as "dana.whitfield · Nurse · Deactivated" */
    subtitle = g_strdup_printf (_("%s · %s · Deactivated"), tonic_staff_get_username (member),
                                role);

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  set_staff_id (row, tonic_staff_get_id (member));

  avatar = adw_avatar_new (40, name, TRUE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), avatar);

  if (is_actor (self, member))
    {
      GtkWidget *you = gtk_label_new (_("You"));

      gtk_widget_add_css_class (you, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), you);
    }

  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("More Actions"));
  /* Translators: the accessible name of the menu button on a staff
   * member's row; %s is their name */
  menu_label = g_strdup_printf (_("Actions for %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  menu_label, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  if (!tonic_staff_get_active (member))
    {
      gtk_widget_add_css_class (avatar, "dim-label");
      gtk_widget_add_css_class (row, "dim-label");
    }

  return row;
}

/* Loading */

static void
on_staff_loaded (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TonicStaffPage) self = user_data;
  g_autoptr(GPtrArray) staff = NULL;
  g_autoptr(GError) error = NULL;

  staff = tonic_store_list_staff_finish (TONIC_STORE (object), result, &error);
  if (staff == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      adw_status_page_set_description (self->error_status, error->message);
      gtk_stack_set_visible_child_name (self->state_stack, "error");
      return;
    }

  g_list_store_splice (self->staff, 0, g_list_model_get_n_items (G_LIST_MODEL (self->staff)),
                       staff->pdata, staff->len);
  gtk_stack_set_visible_child_name (self->state_stack, "list");
}

/* Deactivating and reactivating */

static void reactivate (TonicStaffPage *self,
                        gint64          id);

static void
on_undo_deactivate (TonicStaffPage *self,
                    AdwToast       *toast)
{
  gint64 id;

  if (get_staff_id (toast, &id))
    reactivate (self, id);
}

/* A deactivation in progress: the page may be gone before it is done. */
typedef struct
{
  TonicStaffPage *self;
  TonicStaff     *member;
} Deactivation;

static void
deactivation_free (Deactivation *deactivation)
{
  g_object_unref (deactivation->self);
  g_object_unref (deactivation->member);
  g_free (deactivation);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Deactivation, deactivation_free)

static void
on_slot_removed (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Deactivation) deactivation = user_data;
  TonicStaffPage *self = deactivation->self;
  TonicStaff *member = deactivation->member;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  if (!tonic_practice_dir_update_finish (TONIC_PRACTICE_DIR (object), result, &error))
    g_warning ("Could not remove the key slot of staff member %" G_GINT64_FORMAT ": %s",
               tonic_staff_get_id (member), error->message);

  if (self->disposed)
    return;

  if (error == NULL)
    /* Translators: %s is a staff member's name */
    text = g_strdup_printf (_("%s was deactivated"), tonic_staff_get_display_name (member));
  else
    /* Translators: the first %s is a staff member's name, the second what went wrong */
    text = g_strdup_printf (_("%s was deactivated, but their password may still open the "
                              "practice on this computer: %s"),
                            tonic_staff_get_display_name (member), error->message);

  escaped = g_markup_escape_text (text, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_button_label (toast, _("_Undo"));
  set_staff_id (toast, tonic_staff_get_id (member));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_deactivate), self,
                           G_CONNECT_SWAPPED);
  _tonic_toast_show (GTK_WIDGET (self), toast);
}

static void
on_deactivated (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TonicStaffPage) self = user_data;
  g_autoptr(TonicStaff) member = NULL;
  g_autoptr(GError) error = NULL;
  Deactivation *deactivation;

  member = tonic_store_set_staff_active_finish (TONIC_STORE (object), result, &error);
  if (member == NULL)
    {
      if (!self->disposed)
        _tonic_toast_show_text (GTK_WIDGET (self), error->message);
      return;
    }

  if (!self->disposed)
    tonic_staff_page_reload (self);

  /* Their password must no longer open the practice where the keyring
   * cannot: not cancellable, so that a lock right now cannot stop it. */
  deactivation = g_new0 (Deactivation, 1);
  deactivation->self = g_object_ref (self);
  deactivation->member = g_object_ref (member);
  tonic_practice_dir_remove_staff_slot_async (self->practice_dir, tonic_staff_get_uuid (member),
                                              NULL, on_slot_removed, deactivation);
}

static void
on_deactivate_response (AdwMessageDialog *dialog,
                        const char       *response,
                        TonicStaffPage   *self)
{
  gint64 id;

  if (!g_str_equal (response, "deactivate") || !get_staff_id (dialog, &id) || self->disposed)
    return;

  /* Not cancellable: the key slot follows the store's answer. */
  tonic_store_set_staff_active_async (self->store, id, FALSE, NULL, on_deactivated,
                                      g_object_ref (self));
}

static void
on_reactivated (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TonicStaffPage) self = user_data;
  g_autoptr(TonicStaff) member = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  member = tonic_store_set_staff_active_finish (TONIC_STORE (object), result, &error);
  if (self->disposed || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (member == NULL)
    {
      _tonic_toast_show_text (GTK_WIDGET (self), error->message);
      return;
    }

  tonic_staff_page_reload (self);

  /* Translators: %s is a staff member's name */
  text = g_strdup_printf (_("%s can sign in again"), tonic_staff_get_display_name (member));
  _tonic_toast_show_text (GTK_WIDGET (self), text);
}

/* Reactivation (from the menu, or Undo after deactivating) restores the
 * account but not the key slot: the slot wraps the key under the person's
 * password, which Tonic never keeps. They can sign in wherever the keyring
 * opens the practice, and get a slot again at their next password reset. */
static void
reactivate (TonicStaffPage *self,
            gint64          id)
{
  if (self->store == NULL || self->disposed)
    return;

  tonic_store_set_staff_active_async (self->store, id, TRUE, self->cancellable, on_reactivated,
                                      g_object_ref (self));
}

/* Actions */

static void
on_dialog_saved (TonicStaffPage   *self,
                 TonicStaff       *member,
                 const char       *problem,
                 TonicStaffDialog *dialog)
{
  TonicStaffDialogMode mode = tonic_staff_dialog_get_mode (dialog);
  const char *name = tonic_staff_get_display_name (member);
  g_autofree char *text = NULL;

  tonic_staff_page_reload (self);

  if (mode == TONIC_STAFF_DIALOG_ADD && problem != NULL)
    /* Translators: the first %s is a staff member's name, the second what went wrong */
    text = g_strdup_printf (_("%s can sign in, but their password will not open the practice "
                              "when the keyring cannot: %s"),
                            name, problem);
  else if (mode == TONIC_STAFF_DIALOG_ADD)
    /* Translators: %s is a staff member's name */
    text = g_strdup_printf (_("%s can now sign in"), name);
  else if (mode == TONIC_STAFF_DIALOG_PASSWORD && problem != NULL)
    /* Translators: the first %s is a staff member's name, the second what went wrong */
    text = g_strdup_printf (_("%s has a new password, but the old one still opens the practice "
                              "when the keyring cannot: %s"),
                            name, problem);
  else if (mode == TONIC_STAFF_DIALOG_PASSWORD)
    /* Translators: %s is a staff member's name */
    text = g_strdup_printf (_("%s has a new password"), name);
  else
    /* Translators: %s is a staff member's name */
    text = g_strdup_printf (_("Changes to %s saved"), name);

  _tonic_toast_show_text (GTK_WIDGET (self), text);
}

static void
open_dialog (TonicStaffPage       *self,
             TonicStaffDialogMode  mode,
             TonicStaff           *member)
{
  TonicStaffDialog *dialog;

  if (self->store == NULL || self->disposed)
    return;

  dialog = tonic_staff_dialog_new (mode, _tonic_admin_get_parent_window (GTK_WIDGET (self)),
                                   self->store, self->practice_dir, self->key, member);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_dialog_saved), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
action_add (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_dialog (TONIC_STAFF_PAGE (widget), TONIC_STAFF_DIALOG_ADD, NULL);
}

static void
action_edit (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TonicStaffPage *self = TONIC_STAFF_PAGE (widget);
  TonicStaff *member = find_staff (self, g_variant_get_int64 (parameter));

  if (member != NULL)
    open_dialog (self, TONIC_STAFF_DIALOG_EDIT, member);
}

static void
action_reset_password (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TonicStaffPage *self = TONIC_STAFF_PAGE (widget);
  TonicStaff *member = find_staff (self, g_variant_get_int64 (parameter));

  if (member != NULL)
    open_dialog (self, TONIC_STAFF_DIALOG_PASSWORD, member);
}

static void
action_deactivate (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TonicStaffPage *self = TONIC_STAFF_PAGE (widget);
  TonicStaff *member = find_staff (self, g_variant_get_int64 (parameter));
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (member == NULL || is_actor (self, member))
    return;

  /* Translators: %s is a staff member's name */
  heading = g_strdup_printf (_("Deactivate %s?"), tonic_staff_get_display_name (member));
  dialog = adw_message_dialog_new (_tonic_admin_get_parent_window (widget), heading,
                                   _("They can no longer sign in. Their name stays in the audit "
                                     "trail and on records they made."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "deactivate", _("_Deactivate"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "deactivate",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  set_staff_id (dialog, tonic_staff_get_id (member));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_deactivate_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
action_reactivate (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  reactivate (TONIC_STAFF_PAGE (widget), g_variant_get_int64 (parameter));
}

/* Template callbacks */

static void
on_row_activated (TonicStaffPage *self,
                  GtkListBoxRow  *row)
{
  gint64 id;

  if (get_staff_id (row, &id))
    gtk_widget_activate_action (GTK_WIDGET (self), "staff.edit", "x", id);
}

static void
on_retry_clicked (TonicStaffPage *self)
{
  tonic_staff_page_reload (self);
}

/* GObject */

static void
tonic_staff_page_dispose (GObject *object)
{
  TonicStaffPage *self = TONIC_STAFF_PAGE (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);

  /* The bin's child is a bound template child, which disposing the
   * template unparents: the bin lets go of it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TONIC_TYPE_STAFF_PAGE);

  G_OBJECT_CLASS (tonic_staff_page_parent_class)->dispose (object);
}

static void
tonic_staff_page_finalize (GObject *object)
{
  TonicStaffPage *self = TONIC_STAFF_PAGE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->practice_dir);
  g_clear_pointer (&self->key, tonic_key_unref);
  g_clear_object (&self->actor);
  g_clear_object (&self->staff);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (tonic_staff_page_parent_class)->finalize (object);
}

static void
tonic_staff_page_class_init (TonicStaffPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tonic_staff_page_dispose;
  object_class->finalize = tonic_staff_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/admin/tonic-staff-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TonicStaffPage, state_stack);
  gtk_widget_class_bind_template_child (widget_class, TonicStaffPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, TonicStaffPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, TonicStaffPage, error_status);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_clicked);

  gtk_widget_class_install_action (widget_class, "staff.add", NULL, action_add);
  gtk_widget_class_install_action (widget_class, "staff.edit", "x", action_edit);
  gtk_widget_class_install_action (widget_class, "staff.reset-password", "x",
                                   action_reset_password);
  gtk_widget_class_install_action (widget_class, "staff.deactivate", "x", action_deactivate);
  gtk_widget_class_install_action (widget_class, "staff.reactivate", "x", action_reactivate);
}

static void
tonic_staff_page_init (TonicStaffPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->staff = g_list_store_new (TONIC_TYPE_STAFF);
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->staff), create_row, self, NULL);
}

void
tonic_staff_page_set_session (TonicStaffPage   *self,
                              TonicStore       *store,
                              TonicPracticeDir *practice_dir,
                              TonicKey         *key,
                              TonicStaff       *actor)
{
  g_return_if_fail (TONIC_IS_STAFF_PAGE (self));
  g_return_if_fail (TONIC_IS_STORE (store));
  g_return_if_fail (TONIC_IS_PRACTICE_DIR (practice_dir));
  g_return_if_fail (key != NULL);
  g_return_if_fail (TONIC_IS_STAFF (actor));

  g_set_object (&self->store, store);
  g_set_object (&self->practice_dir, practice_dir);
  g_clear_pointer (&self->key, tonic_key_unref);
  self->key = tonic_key_ref (key);
  g_set_object (&self->actor, actor);

  tonic_staff_page_reload (self);
}

void
tonic_staff_page_reload (TonicStaffPage *self)
{
  g_return_if_fail (TONIC_IS_STAFF_PAGE (self));

  if (self->store == NULL || self->disposed)
    return;

  tonic_store_list_staff_async (self->store, TRUE, self->cancellable, on_staff_loaded,
                                g_object_ref (self));
}
