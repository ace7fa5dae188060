/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-setup-assistant"

#include "config.h"

#include <glib/gi18n.h>

#include "tonic-keyring.h"
#include "tonic-password.h"
#include "tonic-practice-dir.h"
#include "tonic-recovery-key.h"
#include "tonic-recovery-sheet.h"
#include "tonic-setup-assistant.h"

/* The steps a person goes through, in order; "creating" and "done" follow. */
static const char * const steps[] = { "practice", "admin", "recovery", "confirm" };

struct _TonicSetupAssistant
{
  AdwBin parent_instance;

  AdwWindowTitle *window_title;
  GtkButton      *cancel_button;
  GtkButton      *back_button;
  GtkButton      *next_button;
  GtkStack       *steps;
  AdwEntryRow    *practice_row;
  GtkLabel       *practice_error;
  AdwEntryRow    *name_row;
  AdwEntryRow    *username_row;
  GtkLabel       *identity_error;
  AdwEntryRow    *password_row;
  AdwEntryRow    *confirm_row;
  GtkLevelBar    *strength_bar;
  GtkLabel       *strength_label;
  GtkLabel       *password_error;
  GtkLabel       *recovery_label;
  GtkLabel       *sheet_status;
  AdwEntryRow    *confirm_key_row;
  GtkLabel       *confirm_error;
  AdwStatusPage  *done_status;
  GtkButton      *start_button;

  char         *data_dir;
  GCancellable *cancellable;
  TonicKey     *key;
  char         *recovery_key;
  gboolean      username_edited;
  gboolean      suggesting_username;

  /* The practice once created. */
  TonicPracticeDir *practice_dir;
  TonicStore       *store;
  TonicPractice    *practice;
  TonicStaff       *admin;
};

G_DEFINE_FINAL_TYPE (TonicSetupAssistant, tonic_setup_assistant, ADW_TYPE_BIN)

enum {
  COMPLETED,
  CANCELLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* Shows @message in @label (or hides it with NULL) and marks @row as wrong
 * while there is a message. Either may be NULL. */
static void
set_field_error (GtkLabel    *label,
                 AdwEntryRow *row,
                 const char  *message)
{
  if (label != NULL)
    {
      gtk_label_set_label (label, message);
      gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
    }

  if (row == NULL)
    return;

  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static int
current_step (TonicSetupAssistant *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->steps);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (g_strcmp0 (name, steps[i]) == 0)
      return (int) i;

  return -1;
}

static void
show_step (TonicSetupAssistant *self,
           const char          *name)
{
  int step;

  gtk_stack_set_visible_child_name (self->steps, name);
  step = current_step (self);

  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), step == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), step > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), step >= 0);

  if (step >= 0)
    {
      g_autofree char *subtitle = NULL;

      /* Translators: shown under the title, e.g. "Step 2 of 4" */
      subtitle = g_strdup_printf (_("Step %d of %d"), step + 1, (int) G_N_ELEMENTS (steps));
      adw_window_title_set_subtitle (self->window_title, subtitle);
      gtk_button_set_label (self->next_button, g_str_equal (name, "confirm")
                                                 ? _("_Create Practice")
                                                 : _("_Next"));
    }
  else
    {
      adw_window_title_set_subtitle (self->window_title, NULL);
    }

  if (g_str_equal (name, "practice"))
    gtk_widget_grab_focus (GTK_WIDGET (self->practice_row));
  else if (g_str_equal (name, "admin"))
    gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  else if (g_str_equal (name, "recovery"))
    gtk_widget_grab_focus (GTK_WIDGET (self->next_button));
  else if (g_str_equal (name, "confirm"))
    gtk_widget_grab_focus (GTK_WIDGET (self->confirm_key_row));
  else if (g_str_equal (name, "done"))
    gtk_widget_grab_focus (GTK_WIDGET (self->start_button));
}

static void
forget_secrets (TonicSetupAssistant *self)
{
  g_clear_pointer (&self->key, tonic_key_unref);
  g_clear_pointer (&self->recovery_key, tonic_recovery_key_free);
  gtk_label_set_label (self->recovery_label, "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_key_row), "");
}

/* Validation of each step; each shows its messages next to the fields. */

static gboolean
check_practice (TonicSetupAssistant *self)
{
  g_autofree char *message = tonic_practice_check_name (row_text (self->practice_row));

  set_field_error (self->practice_error, self->practice_row, message);
  if (message != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->practice_row));

  return message == NULL;
}

static gboolean
check_admin (TonicSetupAssistant *self)
{
  g_autofree char *name_message = tonic_staff_check_display_name (row_text (self->name_row));
  g_autofree char *user_message = tonic_staff_check_username (row_text (self->username_row));
  const char *password = row_text (self->password_row);
  const char *password_message = NULL;
  AdwEntryRow *password_culprit = NULL;
  TonicPasswordStrength strength;

  set_field_error (NULL, self->name_row, name_message);
  set_field_error (NULL, self->username_row, user_message);
  set_field_error (self->identity_error, NULL, name_message ? name_message : user_message);

  strength = tonic_password_strength (password, row_text (self->username_row), NULL);
  if (*password == '\0')
    {
      password_message = _("Choose a password");
      password_culprit = self->password_row;
    }
  else if (strength == TONIC_PASSWORD_TOO_SHORT)
    {
      password_message = _("Use a longer password: at least 10 characters");
      password_culprit = self->password_row;
    }
  else if (g_strcmp0 (password, row_text (self->confirm_row)) != 0)
    {
      password_message = _("The two passwords are not the same");
      password_culprit = self->confirm_row;
    }

  set_field_error (NULL, self->password_row, password_culprit == self->password_row ? "" : NULL);
  set_field_error (NULL, self->confirm_row, password_culprit == self->confirm_row ? "" : NULL);
  set_field_error (self->password_error, NULL, password_message);

  if (name_message != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  else if (user_message != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->username_row));
  else if (password_culprit != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (password_culprit));

  return name_message == NULL && user_message == NULL && password_message == NULL;
}

static gboolean
check_confirm (TonicSetupAssistant *self)
{
  const char *typed = row_text (self->confirm_key_row);
  const char *message = NULL;

  if (*typed == '\0')
    message = _("Type the recovery key shown on the previous page");
  else if (!tonic_recovery_key_equal (typed, self->recovery_key))
    message = _("This is not the recovery key shown on the previous page. Check each group of "
                "four characters.");

  set_field_error (self->confirm_error, self->confirm_key_row, message);
  if (message != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->confirm_key_row));

  return message == NULL;
}

/* Creating the practice */

static void
finish_creation (TonicSetupAssistant *self,
                 const GError        *keyring_error)
{
  g_autofree char *description = NULL;

  if (keyring_error == NULL)
    description = g_strdup (_("The practice’s key is in this computer’s keyring, so Tonic opens "
                              "the practice by itself next time. Everyone signs in with their "
                              "own account."));
  else
    /* Translators: %s is the reason the keyring gave */
    description = g_strdup_printf (_("The keyring could not keep the practice’s key (%s). Tonic "
                                     "will ask for a staff password or the recovery key each "
                                     "time it starts."),
                                   keyring_error->message);

  adw_status_page_set_description (self->done_status, description);
  show_step (self, "done");
}

static void
on_key_stored (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TonicSetupAssistant) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tonic_keyring_store_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_message ("The keyring could not store the new practice’s key: %s", error->message);
    }

  finish_creation (self, error);
}

static void
on_admin_signed_in (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TonicSetupAssistant) self = user_data;
  g_autoptr(GError) error = NULL;

  self->admin = tonic_store_sign_in_finish (TONIC_STORE (object), result, &error);
  if (self->admin == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          set_field_error (self->confirm_error, NULL, error->message);
          show_step (self, "confirm");
        }
      return;
    }

  tonic_keyring_store_async (tonic_practice_get_uuid (self->practice),
                             tonic_practice_get_name (self->practice), self->key,
                             self->cancellable, on_key_stored, g_object_ref (self));
}

static void
on_practice_loaded (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(TonicSetupAssistant) self = user_data;
  g_autoptr(GError) error = NULL;

  self->practice = tonic_store_get_practice_finish (TONIC_STORE (object), result, &error);
  if (self->practice == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          set_field_error (self->confirm_error, NULL, error->message);
          show_step (self, "confirm");
        }
      return;
    }

  /* The new administrator is signed in, as the store's actor. */
  tonic_store_sign_in_async (self->store, row_text (self->username_row),
                             row_text (self->password_row), self->cancellable,
                             on_admin_signed_in, g_object_ref (self));
}

static void
on_created (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TonicSetupAssistant) self = user_data;
  g_autoptr(GError) error = NULL;

  self->store = tonic_practice_dir_create_finish (result, &self->practice_dir, &error);
  if (self->store == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_warning ("Could not create the practice: %s", error->message);
      /* Translators: %s is the reason, such as "No space left on device" */
      {
        g_autofree char *message = g_strdup_printf (_("The practice could not be created: %s. "
                                                      "Nothing was saved."), error->message);
        set_field_error (self->confirm_error, NULL, message);
      }
      show_step (self, "confirm");
      return;
    }

  tonic_store_get_practice_async (self->store, self->cancellable, on_practice_loaded,
                                  g_object_ref (self));
}

static void
create_practice (TonicSetupAssistant *self)
{
  TonicPracticeDraft draft = {
    .practice_name = row_text (self->practice_row),
    .admin_name = row_text (self->name_row),
    .admin_username = row_text (self->username_row),
    .admin_password = row_text (self->password_row),
    .recovery_key = self->recovery_key,
  };

  show_step (self, "creating");
  tonic_practice_dir_create_async (self->data_dir, &draft, self->key, self->cancellable,
                                   on_created, g_object_ref (self));
}

/* Navigation */

static void
enter_recovery_step (TonicSetupAssistant *self)
{
  /* One key for the whole visit: going back and forth shows the same one. */
  if (self->key == NULL)
    {
      self->key = tonic_key_new_random ();
      self->recovery_key = tonic_recovery_key_generate ();
      gtk_label_set_label (self->recovery_label, self->recovery_key);
      gtk_widget_set_visible (GTK_WIDGET (self->sheet_status), FALSE);
    }

  show_step (self, "recovery");
}

static void
on_next_clicked (TonicSetupAssistant *self)
{
  switch (current_step (self))
    {
    case 0:
      if (check_practice (self))
        show_step (self, "admin");
      break;
    case 1:
      if (check_admin (self))
        enter_recovery_step (self);
      break;
    case 2:
      gtk_editable_set_text (GTK_EDITABLE (self->confirm_key_row), "");
      set_field_error (self->confirm_error, self->confirm_key_row, NULL);
      show_step (self, "confirm");
      break;
    case 3:
      if (check_confirm (self))
        create_practice (self);
      break;
    default:
      break;
    }
}

static void
on_back_clicked (TonicSetupAssistant *self)
{
  int step = current_step (self);

  if (step > 0)
    show_step (self, steps[step - 1]);
}

static void
on_cancel_clicked (TonicSetupAssistant *self)
{
  g_cancellable_cancel (self->cancellable);
  forget_secrets (self);
  g_signal_emit (self, signals[CANCELLED], 0);
}

static void
on_start_clicked (TonicSetupAssistant *self)
{
  g_autoptr(TonicPracticeDir) dir = g_steal_pointer (&self->practice_dir);
  g_autoptr(TonicStore) store = g_steal_pointer (&self->store);
  g_autoptr(TonicPractice) practice = g_steal_pointer (&self->practice);
  g_autoptr(TonicStaff) admin = g_steal_pointer (&self->admin);
  g_autoptr(TonicKey) key = tonic_key_ref (self->key);

  forget_secrets (self);
  g_signal_emit (self, signals[COMPLETED], 0, dir, store, practice, admin, key);
}

/* Suggest a username from the full name until one is typed. */
static void
on_name_changed (TonicSetupAssistant *self)
{
  g_autofree char *suggestion = NULL;

  if (self->username_edited)
    return;

  suggestion = tonic_staff_suggest_username (row_text (self->name_row));
  self->suggesting_username = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->username_row), suggestion);
  self->suggesting_username = FALSE;
}

static void
on_username_changed (TonicSetupAssistant *self)
{
  if (!self->suggesting_username)
    self->username_edited = *row_text (self->username_row) != '\0';
}

static void
on_password_changed (TonicSetupAssistant *self)
{
  g_autofree char *hint = NULL;
  const char *password = row_text (self->password_row);
  TonicPasswordStrength strength;

  strength = tonic_password_strength (password, row_text (self->username_row), &hint);
  gtk_level_bar_set_value (self->strength_bar, *password ? (double) strength : 0.0);
  gtk_label_set_label (self->strength_label, *password ? hint : "");
}

/* The recovery sheet */

static void
on_sheet_file_chosen (GtkNativeDialog     *dialog,
                      int                  response,
                      TonicSetupAssistant *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) date = g_date_time_new_now_local ();
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      path = g_file_get_path (file);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);

  if (path == NULL || self->recovery_key == NULL)
    {
      g_object_unref (self);
      return;
    }

  if (tonic_recovery_sheet_write_pdf (path, row_text (self->practice_row), self->recovery_key,
                                      date, &error))
    {
      g_autofree char *basename = g_file_get_basename (file);
      /* Translators: %s is a file name */
      message = g_strdup_printf (_("Saved as “%s”. Print it, then delete the file."), basename);
    }
  else
    {
      message = g_strdup (error->message);
    }

  gtk_label_set_label (self->sheet_status, message);
  gtk_widget_set_visible (GTK_WIDGET (self->sheet_status), TRUE);
  g_object_unref (self);
}

static void
on_save_sheet_clicked (TonicSetupAssistant *self)
{
  GtkFileChooserNative *dialog;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  dialog = gtk_file_chooser_native_new (_("Save Recovery Sheet"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  /* Translators: the file name offered for the recovery sheet */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("Tonic Recovery Sheet.pdf"));
  g_signal_connect (dialog, "response", G_CALLBACK (on_sheet_file_chosen), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_draw_sheet_page (GtkPrintOperation   *operation,
                    GtkPrintContext     *context,
                    int                  page_nr,
                    TonicSetupAssistant *self)
{
  g_autoptr(GDateTime) date = g_date_time_new_now_local ();

  if (self->recovery_key == NULL)
    return;

  tonic_recovery_sheet_draw (gtk_print_context_get_cairo_context (context),
                             gtk_print_context_get_width (context),
                             gtk_print_context_get_height (context),
                             row_text (self->practice_row), self->recovery_key, date);
}

static void
on_print_sheet_clicked (TonicSetupAssistant *self)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, _("Tonic Recovery Sheet"));
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_sheet_page), self);

  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_label_set_label (self->sheet_status, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->sheet_status), TRUE);
    }
}

/* GObject */

static void
tonic_setup_assistant_dispose (GObject *object)
{
  TonicSetupAssistant *self = TONIC_SETUP_ASSISTANT (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->key, tonic_key_unref);
  g_clear_pointer (&self->recovery_key, tonic_recovery_key_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), TONIC_TYPE_SETUP_ASSISTANT);

  if (self->store != NULL)
    tonic_store_close (self->store);
  g_clear_object (&self->store);
  g_clear_object (&self->practice_dir);
  g_clear_object (&self->practice);
  g_clear_object (&self->admin);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->data_dir, g_free);

  G_OBJECT_CLASS (tonic_setup_assistant_parent_class)->dispose (object);
}

static void
tonic_setup_assistant_class_init (TonicSetupAssistantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tonic_setup_assistant_dispose;

  signals[COMPLETED] =
    g_signal_new ("completed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 5,
                  TONIC_TYPE_PRACTICE_DIR, TONIC_TYPE_STORE, TONIC_TYPE_PRACTICE,
                  TONIC_TYPE_STAFF, TONIC_TYPE_KEY);
  signals[CANCELLED] =
    g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/setup/tonic-setup-assistant.ui");
  gtk_widget_class_bind_template_child (widget_class, TonicSetupAssistant, window_title);
  gtk_widget_class_bind_template_child (widget_class, TonicSetupAssistant, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TonicSetupAssistant, back_button);
  gtk_widget_class_bind_template_child (widget_class, TonicSetupAssistant, next_button);
  gtk_widget_class_bind_template_child (widget_class, TonicSetupAssistant, steps);
  gtk_widget_class_bind_template_child (widget_class, TonicSetupAssistant, practice_row);
  gtk_widget_class_bind_template_child (widget_class, TonicSetupAssistant, practice_error);
  gtk_widget_class_bind_template_child (widget_class, TonicSetupAssistant, name_row);
  gtk_widget_class_bind_template_child (widget_class, TonicSetupAssistant, username_row);
  gtk_widget_class_bind_template_child (widget_class, TonicSetupAssistant, identity_error);
  gtk_widget_class_bind_template_child (widget_class, TonicSetupAssistant, password_row);
  gtk_widget_class_bind_template_child (widget_class, TonicSetupAssistant, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, TonicSetupAssistant, strength_bar);
  gtk_widget_class_bind_template_child (widget_class, TonicSetupAssistant, strength_label);
  gtk_widget_class_bind_template_child (widget_class, TonicSetupAssistant, password_error);
  gtk_widget_class_bind_template_child (widget_class, TonicSetupAssistant, recovery_label);
  gtk_widget_class_bind_template_child (widget_class, TonicSetupAssistant, sheet_status);
  gtk_widget_class_bind_template_child (widget_class, TonicSetupAssistant, confirm_key_row);
  gtk_widget_class_bind_template_child (widget_class, TonicSetupAssistant, confirm_error);
  gtk_widget_class_bind_template_child (widget_class, TonicSetupAssistant, done_status);
  gtk_widget_class_bind_template_child (widget_class, TonicSetupAssistant, start_button);
  gtk_widget_class_bind_template_callback (widget_class, on_next_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_start_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_username_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_password_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_save_sheet_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_print_sheet_clicked);
}

static void
tonic_setup_assistant_init (TonicSetupAssistant *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_level_bar_add_offset_value (self->strength_bar, GTK_LEVEL_BAR_OFFSET_LOW, 1.0);
  gtk_level_bar_add_offset_value (self->strength_bar, GTK_LEVEL_BAR_OFFSET_HIGH, 3.0);
  gtk_level_bar_add_offset_value (self->strength_bar, GTK_LEVEL_BAR_OFFSET_FULL, 4.0);
}

void
tonic_setup_assistant_reset (TonicSetupAssistant *self,
                             const char          *data_dir)
{
  g_return_if_fail (TONIC_IS_SETUP_ASSISTANT (self));
  g_return_if_fail (data_dir != NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_free (self->data_dir);
  self->data_dir = g_strdup (data_dir);

  forget_secrets (self);
  self->username_edited = FALSE;
  for (guint i = 0; i < 3; i++)
    {
      AdwEntryRow *rows[] = { self->practice_row, self->name_row, self->username_row };
      gtk_editable_set_text (GTK_EDITABLE (rows[i]), "");
    }
  set_field_error (self->practice_error, self->practice_row, NULL);
  set_field_error (self->identity_error, self->name_row, NULL);
  set_field_error (NULL, self->username_row, NULL);
  set_field_error (self->password_error, self->password_row, NULL);
  set_field_error (self->confirm_error, self->confirm_key_row, NULL);

  show_step (self, "practice");
}
