/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-staff-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

#include "tonic-password.h"
#include "tonic-staff-dialog.h"

struct _TonicStaffDialog
{
  AdwWindow parent_instance;

  AdwWindowTitle *window_title;
  GtkButton      *cancel_button;
  GtkButton      *save_button;
  GtkStack       *button_stack;
  GtkLabel       *save_label;
  GtkLabel       *intro_label;
  GtkWidget      *identity_group;
  AdwEntryRow    *name_row;
  AdwEntryRow    *username_row;
  GtkLabel       *name_error;
  GtkLabel       *username_error;
  GtkWidget      *role_group;
  AdwComboRow    *role_row;
  GtkLabel       *role_description;
  GtkLabel       *role_error;
  GtkWidget      *password_group;
  AdwEntryRow    *password_row;
  AdwEntryRow    *confirm_row;
  GtkWidget      *strength_box;
  GtkLevelBar    *strength_bar;
  GtkLabel       *strength_label;
  GtkLabel       *password_error;
  GtkLabel       *error_label;

  TonicStaffDialogMode  mode;
  TonicStore           *store;
  TonicPracticeDir     *practice_dir;
  TonicKey             *key;
  TonicStaff           *staff;  /* the one edited; NULL when adding */
  GCancellable         *cancellable;

  /* While saving: what was typed (the password for the key slot) and the
   * result. */
  gboolean    busy;
  char       *display_name;
  char       *username;
  TonicRole   role;
  char       *password;
  TonicStaff *saved;

  gboolean username_edited;
  gboolean suggesting_username;
  /* Set in dispose. A save past hashing still finishes (see
   * on_password_hashed()), so what it needs is released in finalize. */
  gboolean disposed;
};

G_DEFINE_FINAL_TYPE (TonicStaffDialog, tonic_staff_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What each role may do, under the role row. */
static const char * const role_descriptions[] = {
  [TONIC_ROLE_ADMIN] = N_("Staff accounts, practice settings, backups and the audit trail"),
  [TONIC_ROLE_CLINICIAN] = N_("Everything clinical; signs treatment plans and sessions"),
  [TONIC_ROLE_NURSE] = N_("Records vitals, doses and measures in sessions"),
  [TONIC_ROLE_FRONT_DESK] = N_("Patients’ details, appointments and check-in; no clinical "
                               "records"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (role_descriptions) == TONIC_N_ROLES);

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* Shows @message in @label (or hides it with NULL) and marks @row as wrong
 * while there is a message. Either may be NULL. */
static void
set_field_error (GtkLabel   *label,
                 GtkWidget  *row,
                 const char *message)
{
  if (label != NULL)
    {
      gtk_label_set_label (label, message);
      gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
    }

  if (row == NULL)
    return;

  if (message != NULL)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

static void
clear_errors (TonicStaffDialog *self)
{
  set_field_error (self->name_error, GTK_WIDGET (self->name_row), NULL);
  set_field_error (self->username_error, GTK_WIDGET (self->username_row), NULL);
  set_field_error (self->role_error, GTK_WIDGET (self->role_row), NULL);
  set_field_error (self->password_error, GTK_WIDGET (self->password_row), NULL);
  set_field_error (NULL, GTK_WIDGET (self->confirm_row), NULL);
  set_field_error (self->error_label, NULL, NULL);
}

static void
forget_password (TonicStaffDialog *self)
{
  if (self->password != NULL)
    {
      sodium_memzero (self->password, strlen (self->password));
      g_clear_pointer (&self->password, g_free);
    }
}

static void
set_busy (TonicStaffDialog *self,
          gboolean          busy)
{
  self->busy = busy;
  gtk_stack_set_visible_child_name (self->button_stack, busy ? "busy" : "label");
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->role_row), !busy);
  /* Not insensitive: the focused field keeps its focus while we wait. */
  gtk_editable_set_editable (GTK_EDITABLE (self->name_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->username_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->password_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->confirm_row), !busy);
  gtk_window_set_deletable (GTK_WINDOW (self), !busy);
}

static const char *
password_username (TonicStaffDialog *self)
{
  if (self->staff != NULL)
    return tonic_staff_get_username (self->staff);

  return row_text (self->username_row);
}

/* Validation before saving, each message next to its field. */

static gboolean
check_identity (TonicStaffDialog *self)
{
  g_autofree char *name_message = tonic_staff_check_display_name (row_text (self->name_row));
  g_autofree char *user_message = NULL;

  if (self->mode == TONIC_STAFF_DIALOG_ADD)
    user_message = tonic_staff_check_username (row_text (self->username_row));

  set_field_error (self->name_error, GTK_WIDGET (self->name_row), name_message);
  set_field_error (self->username_error, GTK_WIDGET (self->username_row), user_message);

  if (name_message != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  else if (user_message != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->username_row));

  return name_message == NULL && user_message == NULL;
}

static gboolean
check_password (TonicStaffDialog *self,
                gboolean          focus)
{
  const char *password = row_text (self->password_row);
  g_autofree char *message = NULL;
  AdwEntryRow *culprit = NULL;

  if (*password == '\0')
    {
      message = g_strdup (_("Choose a password"));
      culprit = self->password_row;
    }
  else if (tonic_password_strength (password, password_username (self), NULL) ==
           TONIC_PASSWORD_TOO_SHORT)
    {
      message = g_strdup_printf (ngettext ("Use a longer password: at least %d character",
                                           "Use a longer password: at least %d characters",
                                           TONIC_PASSWORD_MIN_LENGTH),
                                 TONIC_PASSWORD_MIN_LENGTH);
      culprit = self->password_row;
    }
  else if (g_strcmp0 (password, row_text (self->confirm_row)) != 0)
    {
      message = g_strdup (_("The two passwords are not the same"));
      culprit = self->confirm_row;
    }

  set_field_error (NULL, GTK_WIDGET (self->password_row),
                   culprit == self->password_row ? "" : NULL);
  set_field_error (NULL, GTK_WIDGET (self->confirm_row),
                   culprit == self->confirm_row ? "" : NULL);
  set_field_error (self->password_error, NULL, message);

  if (focus && culprit != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (culprit));

  return message == NULL;
}

/* A refused save: the reason goes next to the field it is about. The store
 * checks what the dialog checked, so a local check that fails now names the
 * field; what is left (a taken username, the last administrator's role) is
 * known by its code. */
static void
show_store_error (TonicStaffDialog *self,
                  const GError     *error)
{
  g_autofree char *name_message = tonic_staff_check_display_name (row_text (self->name_row));
  g_autofree char *user_message = NULL;
  GtkLabel *label = self->error_label;
  GtkWidget *row = NULL;

  if (self->mode == TONIC_STAFF_DIALOG_ADD)
    user_message = tonic_staff_check_username (row_text (self->username_row));

  if (self->mode == TONIC_STAFF_DIALOG_PASSWORD)
    {
      if (g_error_matches (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID))
        {
          label = self->password_error;
          row = GTK_WIDGET (self->password_row);
        }
    }
  else if (g_error_matches (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_EXISTS))
    {
      label = self->username_error;
      row = GTK_WIDGET (self->username_row);
    }
  else if (g_error_matches (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID))
    {
      if (name_message != NULL)
        {
          label = self->name_error;
          row = GTK_WIDGET (self->name_row);
        }
      else if (user_message != NULL)
        {
          label = self->username_error;
          row = GTK_WIDGET (self->username_row);
        }
      else if (self->mode == TONIC_STAFF_DIALOG_EDIT)
        {
          /* The name is fine, so it is the role: the last administrator. */
          label = self->role_error;
          row = GTK_WIDGET (self->role_row);
        }
    }

  set_field_error (label, row, error->message);
  if (row != NULL)
    gtk_widget_grab_focus (row);
}

/* Saving */

static void
finish (TonicStaffDialog *self,
        const char       *problem)
{
  g_autoptr(TonicStaff) saved = g_steal_pointer (&self->saved);

  forget_password (self);
  if (self->disposed)
    return;

  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
  set_busy (self, FALSE);

  g_signal_emit (self, signals[SAVED], 0, saved, problem);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_slot_saved (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TonicStaffDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tonic_practice_dir_update_finish (TONIC_PRACTICE_DIR (object), result, &error))
    {
      g_warning ("Could not save the key slot of staff member %" G_GINT64_FORMAT ": %s",
                 tonic_staff_get_id (self->saved), error->message);
    }

  finish (self, error != NULL ? error->message : NULL);
}

/* Gives the saved member a key slot under the typed password; a deactivated
 * person never gets one (they get it again at the first reset after being
 * reactivated). */
static void
save_slot (TonicStaffDialog *self)
{
  if (self->practice_dir == NULL || self->key == NULL || !tonic_staff_get_active (self->saved))
    {
      finish (self, NULL);
      return;
    }

  tonic_practice_dir_set_staff_slot_async (self->practice_dir, self->key,
                                           tonic_staff_get_uuid (self->saved),
                                           tonic_staff_get_username (self->saved),
                                           self->password, NULL, on_slot_saved,
                                           g_object_ref (self));
}

static void
on_staff_added (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TonicStaffDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  self->saved = tonic_store_add_staff_finish (TONIC_STORE (object), result, &error);
  if (self->saved == NULL)
    {
      forget_password (self);
      if (self->disposed)
        return;
      set_busy (self, FALSE);
      show_store_error (self, error);
      return;
    }

  save_slot (self);
}

static void
on_password_set (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TonicStaffDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tonic_store_set_staff_password_finish (TONIC_STORE (object), result, &error))
    {
      forget_password (self);
      if (self->disposed)
        return;
      set_busy (self, FALSE);
      show_store_error (self, error);
      return;
    }

  self->saved = g_object_ref (self->staff);
  save_slot (self);
}

static void
on_password_hashed (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(TonicStaffDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;

  hash = tonic_password_hash_finish (result, &error);
  if (hash == NULL)
    {
      forget_password (self);
      if (self->disposed)
        return;
      set_busy (self, FALSE);
      set_field_error (self->error_label, NULL, error->message);
      return;
    }

  /* Nothing is written yet: a window gone meanwhile saves nothing. */
  if (self->disposed)
    {
      forget_password (self);
      return;
    }

  /* From here on nothing is cancellable: a store that has the new password
   * must have the key slot rewrapped too, or the old password would still
   * open the practice. */
  if (self->mode == TONIC_STAFF_DIALOG_ADD)
    tonic_store_add_staff_async (self->store, self->username, self->display_name, self->role,
                                 hash, NULL, on_staff_added, g_object_ref (self));
  else
    tonic_store_set_staff_password_async (self->store, tonic_staff_get_id (self->staff), hash,
                                          NULL, on_password_set, g_object_ref (self));
}

static void
on_staff_updated (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TonicStaffDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  self->saved = tonic_store_update_staff_finish (TONIC_STORE (object), result, &error);
  if (self->saved == NULL)
    {
      if (self->disposed || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      show_store_error (self, error);
      return;
    }

  finish (self, NULL);
}

static void
submit (TonicStaffDialog *self)
{
  gboolean ok = TRUE;

  if (self->busy)
    return;

  clear_errors (self);

  switch (self->mode)
    {
    case TONIC_STAFF_DIALOG_ADD:
      ok = check_identity (self);
      /* Both checked, so every message shows at once; focus on the first. */
      ok = check_password (self, ok) && ok;
      break;
    case TONIC_STAFF_DIALOG_EDIT:
      ok = check_identity (self);
      break;
    case TONIC_STAFF_DIALOG_PASSWORD:
      ok = check_password (self, TRUE);
      break;
    default:
      g_assert_not_reached ();
    }

  if (!ok)
    return;

  set_busy (self, TRUE);
  g_free (self->display_name);
  self->display_name = g_strdup (row_text (self->name_row));
  g_free (self->username);
  self->username = g_strdup (row_text (self->username_row));
  self->role = (TonicRole) adw_combo_row_get_selected (self->role_row);

  if (self->mode == TONIC_STAFF_DIALOG_EDIT)
    {
      tonic_store_update_staff_async (self->store, tonic_staff_get_id (self->staff),
                                      self->display_name, self->role, self->cancellable,
                                      on_staff_updated, g_object_ref (self));
      return;
    }

  forget_password (self);
  self->password = g_strdup (row_text (self->password_row));
  tonic_password_hash_async (self->password, self->cancellable, on_password_hashed,
                             g_object_ref (self));
}

/* Template callbacks */

static void
on_save_clicked (TonicStaffDialog *self)
{
  submit (self);
}

static void
on_cancel_clicked (TonicStaffDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
on_close_request (TonicStaffDialog *self)
{
  /* A save under way finishes first: stopping between the store and the
   * key slot would leave a person whose password does not unlock. */
  return self->busy;
}

/* The username follows the full name until one is typed. */
static void
on_name_changed (TonicStaffDialog *self)
{
  g_autofree char *suggestion = NULL;

  set_field_error (self->name_error, GTK_WIDGET (self->name_row), NULL);

  if (self->mode != TONIC_STAFF_DIALOG_ADD || self->username_edited)
    return;

  suggestion = tonic_staff_suggest_username (row_text (self->name_row));
  self->suggesting_username = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->username_row), suggestion);
  self->suggesting_username = FALSE;
}

static void
on_username_changed (TonicStaffDialog *self)
{
  set_field_error (self->username_error, GTK_WIDGET (self->username_row), NULL);

  if (!self->suggesting_username)
    self->username_edited = *row_text (self->username_row) != '\0';
}

static void
on_role_selected (TonicStaffDialog *self)
{
  guint role = adw_combo_row_get_selected (self->role_row);

  set_field_error (self->role_error, GTK_WIDGET (self->role_row), NULL);

  if (role < TONIC_N_ROLES)
    gtk_label_set_label (self->role_description, _(role_descriptions[role]));
}

static void
on_password_changed (TonicStaffDialog *self)
{
  g_autofree char *hint = NULL;
  const char *password = row_text (self->password_row);
  TonicPasswordStrength strength;

  strength = tonic_password_strength (password, password_username (self), &hint);
  gtk_level_bar_set_value (self->strength_bar, *password ? (double) strength : 0.0);
  gtk_label_set_label (self->strength_label, *password ? hint : "");
  set_field_error (NULL, GTK_WIDGET (self->password_row), NULL);
}

static void
on_confirm_changed (TonicStaffDialog *self)
{
  set_field_error (NULL, GTK_WIDGET (self->confirm_row), NULL);
}

/* Setting up each mode */

static void
set_up_mode (TonicStaffDialog *self)
{
  gboolean with_password = self->mode != TONIC_STAFF_DIALOG_EDIT;
  const char *title = NULL;
  const char *button = NULL;
  int height = 0;

  gtk_widget_set_visible (self->identity_group, self->mode != TONIC_STAFF_DIALOG_PASSWORD);
  gtk_widget_set_visible (GTK_WIDGET (self->username_row), self->mode == TONIC_STAFF_DIALOG_ADD);
  gtk_widget_set_visible (self->role_group, self->mode != TONIC_STAFF_DIALOG_PASSWORD);
  gtk_widget_set_visible (self->password_group, with_password);
  gtk_widget_set_visible (self->strength_box, with_password);

  switch (self->mode)
    {
    case TONIC_STAFF_DIALOG_ADD:
      title = _("Add Staff Member");
      button = _("_Add");
      height = 640;
      /* The least access until someone chooses more. */
      adw_combo_row_set_selected (self->role_row, TONIC_ROLE_FRONT_DESK);
      break;

    case TONIC_STAFF_DIALOG_EDIT:
      title = _("Edit Staff Member");
      button = _("_Save");
      height = 420;
      adw_window_title_set_subtitle (self->window_title, tonic_staff_get_username (self->staff));
      gtk_editable_set_text (GTK_EDITABLE (self->name_row),
                             tonic_staff_get_display_name (self->staff));
      adw_combo_row_set_selected (self->role_row, tonic_staff_get_role (self->staff));
      break;

    case TONIC_STAFF_DIALOG_PASSWORD:
      {
        g_autofree char *intro = NULL;

        title = _("Reset Password");
        button = _("_Reset");
        height = 480;
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->password_row),
                                       _("_New password"));
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->confirm_row),
                                       _("C_onfirm new password"));
        adw_window_title_set_subtitle (self->window_title,
                                       tonic_staff_get_display_name (self->staff));
        /* Translators: %s is a staff member's name */
        intro = g_strdup_printf (_("%s signs in with this password from now on. Tell them in "
                                   "person; it also opens the practice on this computer when "
                                   "the keyring cannot."),
                                 tonic_staff_get_display_name (self->staff));
        gtk_label_set_label (self->intro_label, intro);
        gtk_widget_set_visible (GTK_WIDGET (self->intro_label), TRUE);
      }
      break;

    default:
      g_assert_not_reached ();
    }

  /* Room for the fields of the mode and their messages. */
  gtk_window_set_default_size (GTK_WINDOW (self), 480, height);
  adw_window_title_set_title (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_label_set_label (self->save_label, button);
  on_role_selected (self);
}

static void
tonic_staff_dialog_map (GtkWidget *widget)
{
  TonicStaffDialog *self = TONIC_STAFF_DIALOG (widget);

  GTK_WIDGET_CLASS (tonic_staff_dialog_parent_class)->map (widget);

  if (self->mode == TONIC_STAFF_DIALOG_PASSWORD)
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
tonic_staff_dialog_dispose (GObject *object)
{
  TonicStaffDialog *self = TONIC_STAFF_DIALOG (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  /* A save past hashing keeps the password for the key slot until done. */
  if (!self->busy)
    forget_password (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), TONIC_TYPE_STAFF_DIALOG);

  G_OBJECT_CLASS (tonic_staff_dialog_parent_class)->dispose (object);
}

static void
tonic_staff_dialog_finalize (GObject *object)
{
  TonicStaffDialog *self = TONIC_STAFF_DIALOG (object);

  forget_password (self);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->username, g_free);
  g_clear_object (&self->store);
  g_clear_object (&self->practice_dir);
  g_clear_pointer (&self->key, tonic_key_unref);
  g_clear_object (&self->staff);
  g_clear_object (&self->saved);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (tonic_staff_dialog_parent_class)->finalize (object);
}

static void
tonic_staff_dialog_class_init (TonicStaffDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tonic_staff_dialog_dispose;
  object_class->finalize = tonic_staff_dialog_finalize;
  widget_class->map = tonic_staff_dialog_map;

  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, TONIC_TYPE_STAFF, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/admin/tonic-staff-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TonicStaffDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TonicStaffDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TonicStaffDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, TonicStaffDialog, button_stack);
  gtk_widget_class_bind_template_child (widget_class, TonicStaffDialog, save_label);
  gtk_widget_class_bind_template_child (widget_class, TonicStaffDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, TonicStaffDialog, identity_group);
  gtk_widget_class_bind_template_child (widget_class, TonicStaffDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, TonicStaffDialog, username_row);
  gtk_widget_class_bind_template_child (widget_class, TonicStaffDialog, name_error);
  gtk_widget_class_bind_template_child (widget_class, TonicStaffDialog, username_error);
  gtk_widget_class_bind_template_child (widget_class, TonicStaffDialog, role_group);
  gtk_widget_class_bind_template_child (widget_class, TonicStaffDialog, role_row);
  gtk_widget_class_bind_template_child (widget_class, TonicStaffDialog, role_description);
  gtk_widget_class_bind_template_child (widget_class, TonicStaffDialog, role_error);
  gtk_widget_class_bind_template_child (widget_class, TonicStaffDialog, password_group);
  gtk_widget_class_bind_template_child (widget_class, TonicStaffDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, TonicStaffDialog, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, TonicStaffDialog, strength_box);
  gtk_widget_class_bind_template_child (widget_class, TonicStaffDialog, strength_bar);
  gtk_widget_class_bind_template_child (widget_class, TonicStaffDialog, strength_label);
  gtk_widget_class_bind_template_child (widget_class, TonicStaffDialog, password_error);
  gtk_widget_class_bind_template_child (widget_class, TonicStaffDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_close_request);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_username_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_role_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_password_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_confirm_changed);

  /* Escape cancels, as in every dialog. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tonic_staff_dialog_init (TonicStaffDialog *self)
{
  g_autoptr(GtkStringList) roles = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  for (guint i = 0; i < TONIC_N_ROLES; i++)
    gtk_string_list_append (roles, tonic_role_get_label ((TonicRole) i));
  adw_combo_row_set_model (self->role_row, G_LIST_MODEL (roles));

  gtk_level_bar_add_offset_value (self->strength_bar, GTK_LEVEL_BAR_OFFSET_LOW, 1.0);
  gtk_level_bar_add_offset_value (self->strength_bar, GTK_LEVEL_BAR_OFFSET_HIGH, 3.0);
  gtk_level_bar_add_offset_value (self->strength_bar, GTK_LEVEL_BAR_OFFSET_FULL, 4.0);
}

TonicStaffDialog *
tonic_staff_dialog_new (TonicStaffDialogMode  mode,
                        GtkWindow            *parent,
                        TonicStore           *store,
                        TonicPracticeDir     *practice_dir,
                        TonicKey             *key,
                        TonicStaff           *staff)
{
  TonicStaffDialog *self;

  g_return_val_if_fail (mode <= TONIC_STAFF_DIALOG_PASSWORD, NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TONIC_IS_STORE (store), NULL);
  g_return_val_if_fail ((mode == TONIC_STAFF_DIALOG_ADD) == (staff == NULL), NULL);
  g_return_val_if_fail (staff == NULL || TONIC_IS_STAFF (staff), NULL);
  g_return_val_if_fail (mode == TONIC_STAFF_DIALOG_EDIT ||
                        (TONIC_IS_PRACTICE_DIR (practice_dir) && key != NULL), NULL);

  self = g_object_new (TONIC_TYPE_STAFF_DIALOG, NULL);
  self->mode = mode;
  self->store = g_object_ref (store);
  if (practice_dir != NULL)
    self->practice_dir = g_object_ref (practice_dir);
  if (key != NULL)
    self->key = tonic_key_ref (key);
  if (staff != NULL)
    self->staff = g_object_ref (staff);

  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);

  set_up_mode (self);

  return self;
}

TonicStaffDialogMode
tonic_staff_dialog_get_mode (TonicStaffDialog *self)
{
  g_return_val_if_fail (TONIC_IS_STAFF_DIALOG (self), TONIC_STAFF_DIALOG_ADD);

  return self->mode;
}
